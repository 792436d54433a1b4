#include "style/legend.h"

#include <algorithm>
#include <map>

#include "style/expression_nodes.h"
#include "style/json.h"

namespace jinmap {

namespace {

// Symbol colour for a class group that does not decide colour (e.g. the
// town-level group when colour shows the sector).
constexpr Color kNeutral{0x9e / 255.0f, 0x9e / 255.0f, 0x9e / 255.0f, 1};

const char* const kCandidates[] = {"fill-color", "line-color", "circle-color", "circle-radius",
                                   "jinmap:shape"};

ExpressionPtr propertyExpression(const Layer& layer, const std::string& property) {
    if (const auto* f = layer.fill(); f && property == "fill-color")
        return f->color.expressionPtr();
    if (const auto* l = layer.line(); l && property == "line-color")
        return l->color.expressionPtr();
    if (const auto* c = layer.circle()) {
        if (property == "circle-color") return c->color.expressionPtr();
        if (property == "circle-radius") return c->radius.expressionPtr();
        if (property == "jinmap:shape") return c->shape.expressionPtr();
    }
    return nullptr;
}

ExpressionPtr classifier(const Layer& layer, const std::string& property) {
    ExpressionPtr e = propertyExpression(layer, property);
    if (e && (e->kind() == Expression::Kind::Match || e->kind() == Expression::Kind::Step))
        return e;
    return nullptr;
}

std::string labelKey(const StyleValue& label) {
    return label.isString() ? label.asString() : json::formatNumber(label.asNumber());
}

// One key per class, in legend order.
std::vector<std::string> classKeys(const Expression& e) {
    std::vector<std::string> keys;
    if (e.kind() == Expression::Kind::Match) {
        for (const auto& b : static_cast<const expr::Match&>(e).branches)
            keys.push_back(labelKey(b.labels.front()));
        keys.emplace_back("other");
    } else {
        keys.emplace_back("below");
        for (double s : static_cast<const expr::Step&>(e).stops)
            keys.push_back(json::formatNumber(s));
    }
    return keys;
}

// Groups of properties classify together when their match/step reads the
// same input with the same classes.
std::string signature(const Expression& e) {
    std::string sig;
    if (e.kind() == Expression::Kind::Match) {
        const auto& m = static_cast<const expr::Match&>(e);
        sig = "match " + m.input->toJson();
        for (const auto& b : m.branches) sig += " " + StyleValue(b.labels).toJson();
    } else {
        const auto& s = static_cast<const expr::Step&>(e);
        sig = "step " + s.input->toJson();
        for (double stop : s.stops) sig += " " + json::formatNumber(stop);
    }
    return sig;
}

const Expression& classOutput(const Expression& e, std::size_t cls) {
    if (e.kind() == Expression::Kind::Match) {
        const auto& m = static_cast<const expr::Match&>(e);
        return cls < m.branches.size() ? *m.branches[cls].output : *m.fallback;
    }
    return *static_cast<const expr::Step&>(e).outputs[cls];
}

std::string defaultLabel(const Expression& e, std::size_t cls, bool chinese) {
    if (e.kind() == Expression::Kind::Match) {
        const auto& m = static_cast<const expr::Match&>(e);
        if (cls >= m.branches.size()) return chinese ? "其他" : "Other";
        std::string label;
        for (const auto& l : m.branches[cls].labels) {
            if (!label.empty()) label += "、";
            label += labelKey(l);
        }
        return label;
    }
    const auto& stops = static_cast<const expr::Step&>(e).stops;
    if (cls == 0) return "< " + json::formatNumber(stops.front());
    if (cls == stops.size()) return "≥ " + json::formatNumber(stops.back());
    return "≥ " + json::formatNumber(stops[cls - 1]) + ", < " + json::formatNumber(stops[cls]);
}

}  // namespace

int LegendGroup::classify(const FeatureView& feature, double zoom) const {
    const EvaluationContext ctx{zoom, &feature};
    if (filter_ && !filter_->evaluateFilter(ctx)) return -1;
    if (!classifier_) return 0;
    if (classifier_->kind() == Expression::Kind::Match) {
        const int i = static_cast<const expr::Match&>(*classifier_).branchIndex(ctx);
        return i < 0 ? static_cast<int>(entries.size()) - 1 : i;
    }
    return static_cast<const expr::Step&>(*classifier_).classIndex(ctx);
}

class LegendBuilder {
  public:
    LegendBuilder(const Style& style, double zoom, std::string language)
        : style_(style), zoom_(zoom), language_(std::move(language)) {}

    Legend run() {
        Legend legend;
        legend.title = translated(style_.legend.titleIn, style_.legend.title);
        legend.note = translated(style_.legend.noteIn, style_.legend.note);
        for (const auto& layer : style_.layers) {
            if (!layer.visible || layer.type == LayerType::Background ||
                layer.type == LayerType::Symbol)
                continue;
            addLayer(layer, legend.groups);
        }
        return legend;
    }

  private:
    void addLayer(const Layer& layer, std::vector<LegendGroup>& out) const {
        // Group classifying properties by signature, in property order.
        std::vector<std::pair<std::string, std::vector<std::string>>> groups;
        for (const auto& p : legendProperties(layer)) {
            const std::string sig = signature(*classifier(layer, p));
            auto it = std::find_if(groups.begin(), groups.end(),
                                   [&](const auto& g) { return g.first == sig; });
            if (it == groups.end())
                groups.push_back({sig, {p}});
            else
                it->second.push_back(p);
        }
        if (groups.empty()) {
            // Constant symbols: only when the legend metadata asks for it.
            const LegendLabels* config = style_.legend.find(layer.id, {});
            if (!config || config->hidden) return;
            out.push_back(makeGroup(layer, {}, config));
            return;
        }
        for (const auto& [sig, properties] : groups) {
            const LegendLabels* config = nullptr;
            for (const auto& p : properties)
                if ((config = style_.legend.find(layer.id, p))) break;
            if (config && config->hidden) continue;
            out.push_back(makeGroup(layer, properties, config));
        }
    }

    LegendGroup makeGroup(const Layer& layer, const std::vector<std::string>& properties,
                          const LegendLabels* config) const {
        LegendGroup g;
        g.layerId = layer.id;
        g.properties = properties;
        g.title = config && !config->title.empty() ? translated(config->titleIn, config->title)
                                                   : layer.id;
        g.filter_ = layer.filter;
        g.attributes_ = layer.attributes;
        g.symbol = layer.type == LayerType::Line     ? LegendSymbol::Line
                   : layer.type == LayerType::Circle ? LegendSymbol::Circle
                                                     : LegendSymbol::Fill;
        auto label = [&](const std::string& key, const std::string& fallback) {
            if (config) {
                if (!language_.empty()) {
                    const auto in = config->labelsIn.find(language_);
                    if (in != config->labelsIn.end()) {
                        const auto it = in->second.find(key);
                        if (it != in->second.end()) return it->second;
                    }
                }
                const auto it = config->labels.find(key);
                if (it != config->labels.end()) return it->second;
            }
            return fallback;
        };
        if (properties.empty()) {
            LegendEntry e = entryFor(layer, properties, 0);
            e.key = "default";
            e.label = label("default", g.title);
            g.entries.push_back(std::move(e));
            return g;
        }
        g.classifier_ = classifier(layer, properties.front());
        const Expression& c = *g.classifier_;
        const auto keys = classKeys(c);
        for (std::size_t i = 0; i < keys.size(); ++i) {
            LegendEntry e = entryFor(layer, properties, i);
            e.key = keys[i];
            std::string text =
                defaultLabel(c, i, language_.empty() || language_.rfind("zh", 0) == 0);
            // A match branch may list several labels; any of them may carry the text.
            if (c.kind() == Expression::Kind::Match && i + 1 < keys.size()) {
                for (const auto& l : static_cast<const expr::Match&>(c).branches[i].labels) {
                    const std::string found = label(labelKey(l), {});
                    if (!found.empty()) {
                        text = found;
                        break;
                    }
                }
            } else {
                text = label(keys[i], text);
            }
            e.label = std::move(text);
            g.entries.push_back(std::move(e));
        }
        return g;
    }

    // A property's value for class `cls`: the class's output when the
    // property is one of the group's, its constant otherwise, and `neutral`
    // when it varies by something this group does not show.
    template <typename T>
    T valueFor(const Layer& layer, const Property<T>& p, const char* name,
               const std::vector<std::string>& properties, std::size_t cls,
               const T& neutral) const {
        const EmptyFeatureView empty;
        const EvaluationContext ctx{zoom_, &empty};
        if (std::find(properties.begin(), properties.end(), name) != properties.end()) {
            T out = p.constant();
            convertStyleValue(classOutput(*classifier(layer, name), cls).evaluate(ctx), out);
            return out;
        }
        if (!p.isFeatureConstant()) return neutral;
        return p.evaluate(ctx);
    }

    LegendEntry entryFor(const Layer& layer, const std::vector<std::string>& props,
                         std::size_t cls) const {
        LegendEntry e;
        const EmptyFeatureView empty;
        const EvaluationContext ctx{zoom_, &empty};
        if (const auto* f = layer.fill()) {
            e.color = valueFor(layer, f->color, "fill-color", props, cls, kNeutral);
            e.opacity = f->opacity.evaluate(ctx);
            e.hatch = f->hatch.evaluate(ctx);
            if (f->outlineColor) {
                e.strokeColor = f->outlineColor->evaluate(ctx);
                e.strokeWidth = 1;
            }
        } else if (const auto* l = layer.line()) {
            e.color = valueFor(layer, l->color, "line-color", props, cls, kNeutral);
            e.opacity = l->opacity.evaluate(ctx);
            e.size = l->width.evaluate(ctx);
            e.dasharray = l->dasharray.evaluate(ctx);
        } else if (const auto* c = layer.circle()) {
            e.color = valueFor(layer, c->color, "circle-color", props, cls, kNeutral);
            e.opacity = c->opacity.evaluate(ctx);
            // Sizes and shapes that vary by another attribute show their fallback.
            e.size =
                valueFor(layer, c->radius, "circle-radius", props, cls, c->radius.evaluate(ctx));
            e.shape = valueFor(layer, c->shape, "jinmap:shape", props, cls, c->shape.evaluate(ctx));
            e.strokeColor = c->strokeColor.evaluate(ctx);
            e.strokeWidth = c->strokeWidth.evaluate(ctx);
        }
        return e;
    }

    // The text in the legend's language when the style gives one.
    std::string translated(const std::map<std::string, std::string>& in,
                           const std::string& own) const {
        if (language_.empty()) return own;
        const auto it = in.find(language_);
        return it == in.end() ? own : it->second;
    }

    const Style& style_;
    double zoom_;
    std::string language_;
};

Legend buildLegend(const Style& style, double zoom, const std::string& language) {
    return LegendBuilder(style, zoom, language).run();
}

std::vector<std::string> legendProperties(const Layer& layer) {
    std::vector<std::string> out;
    for (const char* p : kCandidates)
        if (classifier(layer, p)) out.emplace_back(p);
    return out;
}

std::vector<std::string> legendClassKeys(const Layer& layer, const std::string& property) {
    const ExpressionPtr e = classifier(layer, property);
    if (!e) return {};
    std::vector<std::string> keys;
    if (e->kind() == Expression::Kind::Match) {
        // Every label names its branch's class.
        for (const auto& b : static_cast<const expr::Match&>(*e).branches)
            for (const auto& l : b.labels) keys.push_back(labelKey(l));
        keys.emplace_back("other");
        return keys;
    }
    return classKeys(*e);
}

}  // namespace jinmap
