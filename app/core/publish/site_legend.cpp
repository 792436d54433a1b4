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

// A text of the English legend where the style gives one ("title:en",
// "labels:en", "note:en"): buildLegend falls back to the style's own text.
std::string givenEnglish(const std::string& english, const std::string& own) {
    return english == own ? std::string() : english;
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

QJsonObject SiteLegend::build(const Style& style,
                              const std::map<std::string, const Dataset*>& datasetOf,
                              std::vector<std::string>& warnings) const {
    const Legend legend = buildLegend(style, zoom_);
    const Legend en = buildLegend(style, zoom_, "en");
    if (en.groups.size() != legend.groups.size())
        warnings.push_back(
            "the English legend has other groups than the Chinese one; English "
            "legend texts left out");
    const bool paired = en.groups.size() == legend.groups.size();

    QJsonArray groups;
    for (std::size_t gi = 0; gi < legend.groups.size(); ++gi) {
        const LegendGroup& g = legend.groups[gi];
        const LegendGroup* eg = paired ? &en.groups[gi] : nullptr;
        const Layer* layer = style.findLayer(g.layerId);
        QJsonObject group;
        group["layer"] = q(g.layerId);
        QJsonArray props;
        for (const auto& p : g.properties) props.append(q(p));
        group["properties"] = props;
        const std::string groupEn = eg ? givenEnglish(eg->title, g.title) : std::string();
        group["title"] = both(g.title, groupEn);
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
            std::string english;
            if (eg && eg->entries.size() == g.entries.size())
                english = givenEnglish(eg->entries[i].label, e.label);
            if (english.empty()) english = vocabulary_.english(e.key);
            if (english.empty()) english = stepLabel(g.entries, i);
            if (english.empty() && e.key == "default") english = groupEn;
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
    return QJsonObject{{"title", both(legend.title, givenEnglish(en.title, legend.title))},
                       {"note", both(legend.note, givenEnglish(en.note, legend.note))},
                       {"groups", groups}};
}

}  // namespace jinmap
