#pragma once
// RFC 4180 CSV reader for the geodata text files. Rows carry their line number
// so that every data error can name file:line.
#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace jinmap {

struct CsvRow {
    std::size_t line = 0;  // 1-based line where the row starts
    std::vector<std::string> fields;
};

class CsvTable {
  public:
    // Parses a file; throws Error(Io) when unreadable and Error(Data) with
    // file:line for malformed rows (unterminated quote, wrong field count).
    static CsvTable readFile(const std::string& path);
    static CsvTable parse(const std::string& text, const std::string& name);

    const std::string& name() const { return name_; }
    const std::vector<std::string>& header() const { return header_; }
    const std::vector<CsvRow>& rows() const { return rows_; }
    // Column index, or throws Error(Data) naming the file and the column.
    std::size_t column(const std::string& name) const;
    bool hasColumn(const std::string& name) const;
    // Requires every listed column to be present.
    void requireColumns(const std::vector<std::string>& names) const;
    const std::string& field(const CsvRow& row, const std::string& column) const;
    std::string where(const CsvRow& row) const;  // "file:line"

  private:
    std::string name_;
    std::vector<std::string> header_;
    std::map<std::string, std::size_t> index_;
    std::vector<CsvRow> rows_;
};

std::string csvEscape(const std::string& field);

}  // namespace jinmap
