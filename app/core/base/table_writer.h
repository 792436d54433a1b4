#pragma once
// Writes a table (header + rows of text) as CSV or XLSX, atomically.
#include <set>
#include <string>
#include <vector>

namespace jinmap {

enum class TableFormat { Csv, Xlsx };

struct Table {
    std::string name;  // sheet name
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    std::set<std::size_t> numericColumns;  // written as numbers in XLSX
};

// Throws Error(Io/Export); on failure nothing is left at `path`.
void writeTable(const Table& table, const std::string& path, TableFormat format);
TableFormat tableFormatForPath(const std::string& path);

}  // namespace jinmap
