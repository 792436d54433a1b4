#include "base/csv.h"

#include <fstream>
#include <sstream>

#include "base/error.h"

namespace jinmap {

CsvTable CsvTable::readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(ErrorKind::Io, "cannot read file", path);
    std::ostringstream buf;
    buf << in.rdbuf();
    return parse(buf.str(), path);
}

CsvTable CsvTable::parse(const std::string& text, const std::string& name) {
    CsvTable table;
    table.name_ = name;
    std::size_t pos = 0;
    std::size_t line = 1;
    if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) pos = 3;  // tolerate a BOM

    std::vector<CsvRow> records;
    while (pos < text.size()) {
        CsvRow row;
        row.line = line;
        std::string field;
        bool endOfRecord = false;
        while (!endOfRecord) {
            field.clear();
            if (pos < text.size() && text[pos] == '"') {
                ++pos;
                const std::size_t quoteLine = line;
                for (;;) {
                    if (pos >= text.size())
                        throw Error(ErrorKind::Data, "unterminated quoted field",
                                    name + ":" + std::to_string(quoteLine));
                    const char c = text[pos++];
                    if (c == '"') {
                        if (pos < text.size() && text[pos] == '"') {
                            field += '"';
                            ++pos;
                        } else {
                            break;
                        }
                    } else {
                        if (c == '\n') ++line;
                        field += c;
                    }
                }
                if (pos < text.size() && text[pos] != ',' && text[pos] != '\n' && text[pos] != '\r')
                    throw Error(ErrorKind::Data, "text after closing quote",
                                name + ":" + std::to_string(line));
            } else {
                while (pos < text.size() && text[pos] != ',' && text[pos] != '\n' &&
                       text[pos] != '\r') {
                    if (text[pos] == '"')
                        throw Error(ErrorKind::Data, "quote inside unquoted field",
                                    name + ":" + std::to_string(line));
                    field += text[pos++];
                }
            }
            row.fields.push_back(field);
            if (pos >= text.size()) {
                endOfRecord = true;
            } else if (text[pos] == ',') {
                ++pos;
            } else {
                if (text[pos] == '\r') ++pos;
                if (pos < text.size() && text[pos] == '\n') ++pos;
                ++line;
                endOfRecord = true;
            }
        }
        const bool blank = row.fields.size() == 1 && row.fields[0].empty();
        if (!blank) records.push_back(std::move(row));
    }
    if (records.empty()) throw Error(ErrorKind::Data, "file has no header row", name);
    table.header_ = records.front().fields;
    for (std::size_t i = 0; i < table.header_.size(); ++i) {
        if (!table.index_.emplace(table.header_[i], i).second)
            throw Error(ErrorKind::Data, "duplicate column '" + table.header_[i] + "'",
                        name + ":1");
    }
    for (std::size_t r = 1; r < records.size(); ++r) {
        if (records[r].fields.size() != table.header_.size())
            throw Error(ErrorKind::Data,
                        "row has " + std::to_string(records[r].fields.size()) +
                            " fields, header has " + std::to_string(table.header_.size()),
                        name + ":" + std::to_string(records[r].line));
        table.rows_.push_back(std::move(records[r]));
    }
    return table;
}

bool CsvTable::hasColumn(const std::string& column) const {
    return index_.count(column) > 0;
}

std::size_t CsvTable::column(const std::string& column) const {
    auto it = index_.find(column);
    if (it == index_.end()) throw Error(ErrorKind::Data, "missing column '" + column + "'", name_);
    return it->second;
}

void CsvTable::requireColumns(const std::vector<std::string>& names) const {
    for (const auto& n : names) column(n);
}

const std::string& CsvTable::field(const CsvRow& row, const std::string& column) const {
    return row.fields[this->column(column)];
}

std::string CsvTable::where(const CsvRow& row) const {
    return name_ + ":" + std::to_string(row.line);
}

std::string csvEscape(const std::string& field) {
    if (field.find_first_of(",\"\n\r") == std::string::npos) return field;
    std::string out = "\"";
    for (char c : field) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

}  // namespace jinmap
