#pragma once
// What an import reader hands to Workspace::apply (helpers/DATA_CONTRACT.md):
// rows with canonical English keys, each with the file and the 1-based row
// number the user sees, and the rows the reader itself refused.
#include <map>
#include <string>
#include <vector>

namespace jinmap::data {

struct ImportError {
    std::string file;
    int row = 0;  // 0: the file as a whole
    std::string reason;
    // "file:row: reason" (or "file: reason").
    std::string text() const;
};

// Canonical keys — towns: name, county, city, sector, level, year_named, source,
// quote, location_precision (also lon, lat, sector_group, level_detail);
// figures: town, label, value, unit, year, scope, company, source, quote.
struct ImportRow {
    std::string file;
    int row = 0;
    std::map<std::string, std::string> fields;
    const std::string& field(const std::string& key) const;
};

struct ImportBatch {
    enum class Kind { Towns, Figures };
    std::string file;
    Kind kind = Kind::Towns;
    std::vector<ImportRow> rows;
    std::vector<ImportError> rejected;
};

}  // namespace jinmap::data
