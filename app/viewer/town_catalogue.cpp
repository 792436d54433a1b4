#include "town_catalogue.h"

#include <map>
#include <unordered_set>

#include "present/view_loader.h"

namespace jinmap::viewer {

namespace {

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

// The thematic county view and the columns that count its towns (the schema
// contract's v_counties_thematic, see styles/README.md).
constexpr const char* kCountyView = "v_counties_thematic";

}  // namespace

bool TownFilter::accepts(const TownEntry& town) const {
    if (!levels.isEmpty() && !levels.contains(town.level)) return false;
    if (!sectorGroups.isEmpty() && !sectorGroups.contains(town.sectorKey)) return false;
    if (!prefectures.isEmpty() && !prefectures.contains(town.prefectureAdcode)) return false;
    return true;
}

void TownCatalogue::load(ViewReader& reader) {
    std::vector<TownEntry> towns;
    for (const TownView& t : reader.allTowns()) {
        TownEntry e;
        e.id = qs(t.id);
        e.name = qs(t.name);
        e.level = qs(t.level);
        e.sectorKey = qs(t.sectorGroupKey);
        e.sector = qs(t.sectorGroup);
        e.prefectureAdcode = qs(t.prefectureAdcode);
        e.prefecture = qs(t.prefecture);
        e.countyAdcode = qs(t.countyAdcode);
        e.county = qs(t.county);
        towns.push_back(std::move(e));
    }
    towns_ = std::move(towns);
}

const TownEntry* TownCatalogue::find(const QString& id) const {
    for (const TownEntry& t : towns_)
        if (t.id == id) return &t;
    return nullptr;
}

std::vector<const TownEntry*> TownCatalogue::filtered(const TownFilter& filter) const {
    std::vector<const TownEntry*> out;
    for (const TownEntry& t : towns_)
        if (filter.accepts(t)) out.push_back(&t);
    return out;
}

int TownCatalogue::countIn(const QString& countyAdcode, const TownFilter& filter) const {
    int n = 0;
    for (const TownEntry& t : towns_) n += t.countyAdcode == countyAdcode && filter.accepts(t);
    return n;
}

FeatureFilter TownCatalogue::featureFilter(const TownFilter& filter) const {
    if (filter.isEmpty()) return {};
    auto kept = std::make_shared<std::unordered_set<std::string>>();
    for (const TownEntry* t : filtered(filter)) kept->insert(t->id.toStdString());
    return
        [kept](const std::string& relation, const Fields& fields, const std::vector<Value>& row) {
            if (relation != "towns") return true;
            const int id = fields.indexOf("id");
            return id >= 0 && kept->count(valueToString(row[static_cast<std::size_t>(id)])) > 0;
        };
}

ColumnOverrides TownCatalogue::countyCounts(const TownFilter& filter) const {
    if (filter.isEmpty()) return {};
    ColumnOverride o;
    o.relation = kCountyView;
    o.keyColumn = "adcode";
    o.columns = {"town_count", "provincial_count", "municipal_count"};
    o.otherwise = {0.0, 0.0, 0.0};
    std::map<std::string, std::vector<double>> counts;
    for (const TownEntry* t : filtered(filter)) {
        if (t->countyAdcode.isEmpty()) continue;
        auto& c = counts[t->countyAdcode.toStdString()];
        if (c.empty()) c.assign(3, 0.0);
        c[0] += 1;
        if (t->level == QLatin1String("provincial")) c[1] += 1;
        if (t->level == QLatin1String("municipal")) c[2] += 1;
    }
    for (const auto& [adcode, c] : counts) o.values[adcode] = {c[0], c[1], c[2]};
    return std::make_shared<const std::vector<ColumnOverride>>(std::vector<ColumnOverride>{o});
}

}  // namespace jinmap::viewer
