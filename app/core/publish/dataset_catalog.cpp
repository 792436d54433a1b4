#include "publish/dataset_catalog.h"

#include <QRegularExpression>
#include <QString>
#include <algorithm>

#include "base/error.h"
#include "data/geodatabase.h"
#include "data/spatialite_source.h"

namespace jinmap {

namespace {

PlaceKind kindOfRelation(const std::string& relation) {
    static const std::map<std::string, PlaceKind> kinds{
        {"province", PlaceKind::Province},  {"prefectures", PlaceKind::Prefecture},
        {"counties", PlaceKind::County},    {"v_counties_thematic", PlaceKind::County},
        {"towns", PlaceKind::Town},         {"parks", PlaceKind::Park},
        {"platforms", PlaceKind::Platform}, {"layout_elements", PlaceKind::Layout},
        {"layout_axes", PlaceKind::Layout}, {"neighbors", PlaceKind::Neighbor}};
    const auto it = kinds.find(relation);
    return it == kinds.end() ? PlaceKind::Other : it->second;
}

// The table an SQL source reads first ("SELECT … FROM towns WHERE …").
std::string firstTableOf(const std::string& sql) {
    static const QRegularExpression from(
        QStringLiteral(R"(\bfrom\s+["`]?([A-Za-z_][A-Za-z0-9_]*))"),
        QRegularExpression::CaseInsensitiveOption);
    const auto m = from.match(QString::fromStdString(sql));
    return m.hasMatch() ? m.captured(1).toStdString() : std::string();
}

// File-name-safe stem: ASCII letters, digits, '-' and '_'.
std::string stemOf(const std::string& name) {
    std::string out;
    for (char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '-' || c == '_';
        out.push_back(ok ? c : '_');
    }
    return out.empty() ? "layer" : out;
}

bool sameFeatures(const Dataset& a, const Dataset& b) {
    if (a.features.size() != b.features.size() || a.features.empty()) return false;
    for (std::size_t i = 0; i < a.features.size(); ++i) {
        const Feature& x = a.features[i];
        const Feature& y = b.features[i];
        if (x.id != y.id || x.geometry.type != y.geometry.type || x.geometry.xy != y.geometry.xy ||
            x.geometry.rings != y.geometry.rings || x.geometry.parts != y.geometry.parts)
            return false;
    }
    return true;
}

// Moves b's columns that a lacks into a (same feature order, see sameFeatures).
void mergeInto(Dataset& a, const Dataset& b) {
    for (std::size_t c = 0; c < b.fields.names.size(); ++c) {
        const std::string& name = b.fields.names[c];
        if (a.fields.indexOf(name) >= 0) continue;
        a.fields.names.push_back(name);
        for (std::size_t i = 0; i < a.features.size(); ++i)
            a.features[i].properties.push_back(b.features[i].properties[c]);
    }
    a.wanted.insert(b.wanted.begin(), b.wanted.end());
}

}  // namespace

const char* placeKindCode(PlaceKind kind) noexcept {
    switch (kind) {
        case PlaceKind::Province:
            return "province";
        case PlaceKind::Prefecture:
            return "city";
        case PlaceKind::County:
            return "county";
        case PlaceKind::Town:
            return "town";
        case PlaceKind::Park:
            return "park";
        case PlaceKind::Platform:
            return "platform";
        case PlaceKind::Layout:
            return "layout";
        case PlaceKind::Neighbor:
            return "neighbor";
        case PlaceKind::Other:
            break;
    }
    return "other";
}

const std::vector<std::string>& interactionColumns(PlaceKind kind) {
    static const std::vector<std::string> none;
    static const std::map<PlaceKind, std::vector<std::string>> columns{
        {PlaceKind::Province, {"name", "adcode"}},
        {PlaceKind::Prefecture, {"adcode", "name", "name_en", "coverage"}},
        {PlaceKind::County,
         {"adcode", "name", "name_en", "prefecture", "prefecture_adcode", "kind",
          "boundary_quality", "label_x", "label_y"}},
        {PlaceKind::Town,
         {"id", "name", "name_en", "level", "sector_group", "prefecture", "prefecture_adcode",
          "county", "county_adcode", "location_precision"}},
        {PlaceKind::Park, {"id", "name", "name_en", "industry_group", "county", "county_adcode"}},
        {PlaceKind::Platform, {"id", "name", "name_en", "kind", "county", "county_adcode"}},
        {PlaceKind::Layout, {"id", "kind", "name", "name_en"}},
        {PlaceKind::Neighbor, {"name"}}};
    const auto it = columns.find(kind);
    return it == columns.end() ? none : it->second;
}

std::string Dataset::text(std::size_t feature, const std::string& columnName) const {
    const int c = column(columnName);
    if (c < 0 || feature >= features.size()) return {};
    return valueToString(features[feature].properties[static_cast<std::size_t>(c)]);
}

std::string DatasetCatalog::add(const Source& source, const std::vector<std::string>& attributes) {
    std::string key = source.sql.empty() ? "table:" + source.table : "sql:" + source.sql;
    key += "#";
    key += source.geometryColumn;
    auto it = byKey_.find(key);
    if (it == byKey_.end()) {
        auto d = std::make_unique<Dataset>();
        d->relation = source.table;
        d->sql = source.sql;
        d->geometryColumn = source.geometryColumn;
        d->kind = kindOfRelation(source.sql.empty() ? source.table : firstTableOf(source.sql));
        std::string stem = stemOf(source.sql.empty() ? source.table : source.name);
        std::string name = stem;
        for (int n = 2; std::any_of(datasets_.begin(), datasets_.end(),
                                    [&](const auto& x) { return x->name == name; });
             ++n)
            name = stem + "-" + std::to_string(n);
        d->name = name;
        it = byKey_.emplace(key, d.get()).first;
        datasets_.push_back(std::move(d));
    }
    it->second->wanted.insert(attributes.begin(), attributes.end());
    return key;
}

void DatasetCatalog::load(const GeoDatabase& db) {
    for (auto& d : datasets_) {
        std::unique_ptr<FeatureSource> source;
        if (d->sql.empty())
            source =
                std::make_unique<SpatialiteSource>(db.database(), d->relation, d->geometryColumn);
        else
            source = SpatialiteSource::fromQuery(
                db.database(), d->name, d->sql,
                d->geometryColumn.empty() ? "geometry" : d->geometryColumn);
        d->fields = source->fields();
        d->features = readAll(*source);
    }
    // Merge datasets with identical features into the one with the shorter name.
    for (std::size_t i = 0; i < datasets_.size(); ++i) {
        for (std::size_t j = i + 1; j < datasets_.size();) {
            Dataset& a = *datasets_[i];
            Dataset& b = *datasets_[j];
            if (a.kind != b.kind || !sameFeatures(a, b)) {
                ++j;
                continue;
            }
            if (b.name.size() < a.name.size()) std::swap(a.name, b.name);
            mergeInto(a, b);
            for (auto& [key, target] : byKey_)
                if (target == &b) target = &a;
            datasets_.erase(datasets_.begin() + static_cast<std::ptrdiff_t>(j));
        }
    }
    for (auto& d : datasets_) {
        std::set<std::string> names = d->wanted;
        for (const auto& c : interactionColumns(d->kind)) names.insert(c);
        d->columns.clear();
        for (std::size_t c = 0; c < d->fields.names.size(); ++c)
            if (names.count(d->fields.names[c])) d->columns.push_back(static_cast<int>(c));
    }
}

const Dataset& DatasetCatalog::datasetFor(const std::string& key) const {
    const auto it = byKey_.find(key);
    if (it == byKey_.end()) throw Error(ErrorKind::Export, "no dataset for source " + key);
    return *it->second;
}

const Dataset* DatasetCatalog::firstOfKind(PlaceKind kind) const {
    for (const auto& d : datasets_)
        if (d->kind == kind) return d.get();
    return nullptr;
}

}  // namespace jinmap
