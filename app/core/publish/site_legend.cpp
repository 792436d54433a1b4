#include "publish/site_legend.h"

#include <QJsonArray>

#include "base/sqlite.h"
#include "data/geodatabase.h"
#include "present/vocabulary.h"
#include "publish/dataset_catalog.h"
#include "style/json.h"
#include "style/value.h"

namespace jinmap {

namespace {

QString q(const std::string& s) {
    return QString::fromStdString(s);
}

QJsonObject both(const std::string& zh, const std::string& en) {
    return QJsonObject{{"zh_CN", q(zh)}, {"en", q(en.empty() ? zh : en)}};
}

const char* symbolName(LegendSymbol s) {
    switch (s) {
        case LegendSymbol::Line:
            return "line";
        case LegendSymbol::Circle:
            return "circle";
        case LegendSymbol::Fill:
            break;
    }
    return "fill";
}

// The English legend configuration: metadata["jinmap:legend-en"].
class EnglishConfig {
  public:
    explicit EnglishConfig(const json::Value& raw) {
        const json::Value* metadata = raw.find("metadata");
        root_ = metadata ? metadata->find("jinmap:legend-en") : nullptr;
    }
    std::string text(const char* key) const {
        const json::Value* v = root_ ? root_->find(key) : nullptr;
        return v && v->isString() ? v->asString() : std::string();
    }
    const json::Value* entry(const std::string& layerId,
                             const std::vector<std::string>& props) const {
        const json::Value* layers = root_ ? root_->find("layers") : nullptr;
        if (!layers) return nullptr;
        for (const auto& p : props) {
            std::string key = layerId;
            key += "/";
            key += p;
            if (const json::Value* e = layers->find(key)) return e;
        }
        return layers->find(layerId);
    }
    // Keys naming no legend group, for a warning.
    std::vector<std::string> unknownKeys(const Legend& legend) const {
        std::vector<std::string> out;
        const json::Value* layers = root_ ? root_->find("layers") : nullptr;
        if (!layers) return out;
        for (const json::Member& m : layers->members()) {
            bool found = false;
            for (const LegendGroup& g : legend.groups) {
                if (m.key == g.layerId) found = true;
                for (const auto& p : g.properties)
                    if (m.key == g.layerId + "/" + p) found = true;
            }
            if (!found) out.push_back(m.key);
        }
        return out;
    }

  private:
    const json::Value* root_ = nullptr;
};

std::string stringAt(const json::Value* object, const std::string& key) {
    const json::Value* v = object ? object->find(key) : nullptr;
    return v && v->isString() ? v->asString() : std::string();
}

// "< 1", "≥ 1, < 2", "≥ 3" for step classes (the desktop's default labels).
std::string stepLabel(const std::vector<LegendEntry>& entries, std::size_t i) {
    if (entries.size() < 2 || entries.front().key != "below") return {};
    if (i == 0) return "< " + entries[1].key;
    if (i + 1 == entries.size()) return "≥ " + entries[i].key;
    return "≥ " + entries[i].key + ", < " + entries[i + 1].key;
}

}  // namespace

LegendVocabulary::LegendVocabulary(const GeoDatabase& db) {
    const auto database = db.database();
    auto read = [&](const char* sql) {
        try {
            auto stmt = database->prepare(sql);
            while (stmt.step())
                if (!stmt.isNull(1) && !stmt.columnText(1).empty())
                    words_[stmt.columnText(0)] = stmt.columnText(1);
        } catch (const Error&) {
            // Older databases without the English columns: Chinese labels stay.
        }
    };
    read("SELECT sector_group, label_en FROM sector_groups");
    read("SELECT adcode, name_en FROM prefectures");
    for (const char* level : {"provincial", "municipal", "unknown"})
        words_[level] = levelWord(level, Lang::En);
    words_["other"] = "Other";
}

std::string LegendVocabulary::english(const std::string& key) const {
    const auto it = words_.find(key);
    return it == words_.end() ? std::string() : it->second;
}

QJsonObject SiteLegend::build(const Style& style, const json::Value& rawStyle,
                              const std::map<std::string, const Dataset*>& datasetOf,
                              std::vector<std::string>& warnings) const {
    const Legend legend = buildLegend(style, zoom_);
    const EnglishConfig en(rawStyle);
    for (const auto& key : en.unknownKeys(legend))
        warnings.push_back("metadata.jinmap:legend-en.layers: " + key + " names no legend group");

    QJsonArray groups;
    for (const LegendGroup& g : legend.groups) {
        const Layer* layer = style.findLayer(g.layerId);
        const json::Value* enEntry = en.entry(g.layerId, g.properties);
        const json::Value* enLabels = enEntry ? enEntry->find("labels") : nullptr;
        QJsonObject group;
        group["layer"] = q(g.layerId);
        QJsonArray props;
        for (const auto& p : g.properties) props.append(q(p));
        group["properties"] = props;
        group["title"] = both(g.title, stringAt(enEntry, "title"));
        group["symbol"] = symbolName(g.symbol);

        // Classes of every feature of the layer's dataset (-1: not drawn).
        const Dataset* data = nullptr;
        if (layer) {
            const auto it = datasetOf.find(layer->source);
            if (it != datasetOf.end()) data = it->second;
        }
        std::vector<int> counts(g.entries.size(), 0);
        QJsonArray classes;
        if (data) {
            group["dataset"] = q(data->name);
            group["kind"] = placeKindCode(data->kind);
            const ColumnBinding binding(g.attributes(), data->fields.names);
            for (const Feature& f : data->features) {
                const RowFeatureView<std::vector<Value>> view(binding, f.properties);
                const int cls = g.classify(view, zoom_);
                if (cls >= 0 && static_cast<std::size_t>(cls) < counts.size()) ++counts[cls];
                classes.append(cls);
            }
            group["classes"] = classes;
        }

        QJsonArray entries;
        for (std::size_t i = 0; i < g.entries.size(); ++i) {
            const LegendEntry& e = g.entries[i];
            std::string english = stringAt(enLabels, e.key);
            if (english.empty()) english = vocabulary_.english(e.key);
            if (english.empty()) english = stepLabel(g.entries, i);
            if (english.empty() && e.key == "default") english = stringAt(enEntry, "title");
            QJsonObject entry{{"key", q(e.key)},
                              {"label", both(e.label, english)},
                              {"color", q(e.color.toString())},
                              {"opacity", e.opacity},
                              {"stroke", q(e.strokeColor.toString())},
                              {"strokeWidth", e.strokeWidth},
                              {"size", e.size},
                              {"shape", circleShapeName(e.shape)},
                              {"hatch", e.hatch},
                              {"count", counts[i]}};
            QJsonArray dash;
            for (double d : e.dasharray) dash.append(d);
            entry["dash"] = dash;
            entries.append(entry);
        }
        group["entries"] = entries;
        groups.append(group);
    }
    return QJsonObject{{"title", both(legend.title, en.text("title"))},
                       {"note", both(legend.note, en.text("note"))},
                       {"groups", groups}};
}

}  // namespace jinmap
