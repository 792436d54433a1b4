#include "counties.h"

#include "base/csv.h"
#include "base/error.h"

namespace jinmap::builder {

void CountyRegistry::load(const std::string& countyCodesCsv) {
    const CsvTable table = CsvTable::readFile(countyCodesCsv);
    table.requireColumns({"adcode", "name", "prefecture_adcode", "prefecture", "kind"});
    for (const auto& row : table.rows()) {
        CountyCode c{table.field(row, "adcode"), table.field(row, "name"),
                     table.field(row, "prefecture_adcode"), table.field(row, "prefecture"),
                     table.field(row, "kind")};
        if (c.adcode.size() != 6 || c.adcode.compare(0, 2, "14") != 0)
            throw Error(ErrorKind::Data, "adcode must be 6 digits starting with 14",
                        table.where(row));
        if (c.kind != "县" && c.kind != "区" && c.kind != "市")
            throw Error(ErrorKind::Data, "kind must be 县, 区 or 市", table.where(row));
        byName_.emplace(c.name, c.adcode);
        if (!byCode_.emplace(c.adcode, c).second)
            throw Error(ErrorKind::Data, "duplicate adcode " + c.adcode, table.where(row));
    }
}

const CountyCode* CountyRegistry::find(const std::string& adcode) const {
    auto it = byCode_.find(adcode);
    return it == byCode_.end() ? nullptr : &it->second;
}

const CountyCode& CountyRegistry::resolve(const std::string& name, const std::string& prefecture,
                                          const std::string& where) const {
    if (const CountyCode* byCode = find(name)) return *byCode;
    auto [first, last] = byName_.equal_range(name);
    std::vector<const CountyCode*> matches;
    for (auto it = first; it != last; ++it) {
        const CountyCode& c = byCode_.at(it->second);
        if (prefecture.empty() || c.prefecture == prefecture) matches.push_back(&c);
    }
    if (matches.empty())
        throw Error(ErrorKind::Data,
                    "unknown county '" + name + "'" +
                        (prefecture.empty() ? "" : " in " + prefecture) +
                        " (not in county_codes.csv)",
                    where);
    if (matches.size() > 1)
        throw Error(ErrorKind::Data, "ambiguous county '" + name + "': give the prefecture", where);
    return *matches.front();
}

bool CountyRegistry::isPrefecture(const std::string& name) const {
    for (const auto& [code, c] : byCode_)
        if (c.prefecture == name) return true;
    return false;
}

std::string CountyRegistry::prefectureAdcode(const std::string& prefectureName) const {
    for (const auto& [code, c] : byCode_)
        if (c.prefecture == prefectureName) return c.prefectureAdcode;
    return {};
}

std::map<std::string, std::string> CountyRegistry::prefectures() const {
    std::map<std::string, std::string> out;
    for (const auto& [code, c] : byCode_) out[c.prefectureAdcode] = c.prefecture;
    return out;
}

}  // namespace jinmap::builder
