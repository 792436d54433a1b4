#include "style/dump.h"

#include "style/json.h"
#include "style/layer_properties.h"

namespace jinmap {

namespace {

std::string q(const std::string& s) {
    std::string out;
    json::appendQuoted(out, s);
    return out;
}

std::string constantText(double v) {
    return json::formatNumber(v);
}
std::string constantText(bool v) {
    return v ? "true" : "false";
}
std::string constantText(const Color& c) {
    return q(c.toString());
}
std::string constantText(const std::string& s) {
    return q(s);
}
std::string constantText(CircleShape s) {
    return q(circleShapeName(s));
}
std::string constantText(TextAnchor a) {
    return q(textAnchorName(a));
}
std::string constantText(LineJoin j) {
    return q(lineJoinName(j));
}
std::string constantText(LineCap c) {
    return q(lineCapName(c));
}
std::string constantText(FillRule r) {
    return q(fillRuleName(r));
}
template <typename T>
std::string constantText(const std::vector<T>& items) {
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) out += ", ";
        out += constantText(items[i]);
    }
    return out + "]";
}

template <typename T>
std::string propertyText(const Property<T>& p) {
    if (p.expression())
        return p.expression()->toJson() + "  (default " + constantText(p.constant()) + ")";
    return constantText(p.constant());
}

std::string numbers(double v) {
    return json::formatNumber(v);
}

}  // namespace

std::string dump(const Style& style) {
    std::string out = "style " + q(style.name) + "\n";
    for (const auto& [key, value] : style.metadata)
        out += "metadata " + q(key) + " " + q(value) + "\n";
    if (!style.legend.title.empty() || !style.legend.note.empty())
        out += "legend title " + q(style.legend.title) + " note " + q(style.legend.note) + "\n";
    for (const auto& [key, entry] : style.legend.entries) {
        out += "legend " + q(key) + " title " + q(entry.title);
        if (entry.hidden) out += " hidden";
        for (const auto& [k, v] : entry.labels) out += " " + q(k) + "=" + q(v);
        out += "\n";
    }
    for (const auto& [name, source] : style.sources) {
        out += "source " + q(name);
        if (!source.table.empty()) out += " table " + q(source.table);
        if (!source.sql.empty()) out += " sql " + q(source.sql);
        if (!source.geometryColumn.empty()) out += " geometry-column " + q(source.geometryColumn);
        out += "\n";
    }
    for (const auto& layer : style.layers) {
        out += "layer " + q(layer.id) + " " + layerTypeName(layer.type);
        if (!layer.source.empty()) out += " source " + q(layer.source);
        if (!layer.sourceLayer.empty()) out += " source-layer " + q(layer.sourceLayer);
        out += " zoom " + numbers(layer.minzoom) + ".." + numbers(layer.maxzoom);
        out += layer.visible ? " visible\n" : " hidden\n";
        if (!layer.attributes.empty()) {
            out += "  attributes";
            for (const auto& a : layer.attributes) out += " " + q(a);
            out += "\n";
        }
        if (layer.filter) out += "  filter " + layer.filter->toJson() + "\n";
        // Every property of the layer type, in table order. The table's
        // accessor takes a mutable layer; a copy keeps `style` untouched.
        Layer copy = layer;
        for (const auto& spec : propertySpecs()) {
            if (spec.layerType != layer.type) continue;
            out += std::string("  ") +
                   (spec.extension ? "metadata."
                    : spec.layout  ? "layout."
                                   : "paint.") +
                   spec.name + " ";
            if (const auto* f = layer.fill();
                f && std::string_view(spec.name) == "fill-outline-color" && !f->outlineColor) {
                out += "(none)\n";
                continue;
            }
            out += std::visit([](auto* p) { return propertyText(*p); }, spec.access(copy));
            out += "\n";
        }
    }
    return out;
}

std::string dump(const Legend& legend) {
    std::string out = "legend " + q(legend.title) + " note " + q(legend.note) + "\n";
    for (const auto& g : legend.groups) {
        out += "group " + q(g.layerId) + " " + q(g.title);
        for (const auto& p : g.properties) out += " " + p;
        out += "\n";
        for (const auto& e : g.entries) {
            out += "  " + q(e.key) + " " + q(e.label) + " color " + e.color.toString();
            if (e.opacity != 1) out += " opacity " + numbers(e.opacity);
            if (e.size != 0) out += " size " + numbers(e.size);
            if (g.symbol == LegendSymbol::Circle)
                out += std::string(" shape ") + circleShapeName(e.shape);
            if (e.strokeWidth != 0)
                out += " stroke " + e.strokeColor.toString() + " " + numbers(e.strokeWidth);
            if (e.hatch) out += " hatch";
            if (!e.dasharray.empty()) out += " dash " + constantText(e.dasharray);
            out += "\n";
        }
    }
    return out;
}

}  // namespace jinmap
