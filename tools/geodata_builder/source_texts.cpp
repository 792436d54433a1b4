#include "source_texts.h"

#include <QCryptographicHash>
#include <fstream>
#include <set>
#include <sstream>

#include "base/csv.h"
#include "base/error.h"
#include "base/text.h"

namespace jinmap::builder {

namespace {

// 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' with a plausible month and day.
bool isPartialIsoDate(const std::string& d) {
    auto digits = [&](std::size_t from, std::size_t n) {
        for (std::size_t i = from; i < from + n; ++i)
            if (i >= d.size() || d[i] < '0' || d[i] > '9') return false;
        return true;
    };
    auto number = [&](std::size_t from) { return (d[from] - '0') * 10 + (d[from + 1] - '0'); };
    if (d.size() != 4 && d.size() != 7 && d.size() != 10) return false;
    if (!digits(0, 4)) return false;
    if (d.size() >= 7 && (d[4] != '-' || !digits(5, 2) || number(5) < 1 || number(5) > 12))
        return false;
    if (d.size() == 10 && (d[7] != '-' || !digits(8, 2) || number(8) < 1 || number(8) > 31))
        return false;
    return true;
}

}  // namespace

void SourceTexts::load(const std::string& sourcesCsv, const std::string& seedsDir) {
    const CsvTable table = CsvTable::readFile(sourcesCsv);
    table.requireColumns(
        {"source_id", "file", "title", "title_en", "publisher", "publisher_en", "date", "kind"});
    std::set<std::string> files;
    std::set<std::string> checksums;
    for (const auto& row : table.rows()) {
        SourceText s;
        s.id = table.field(row, "source_id");
        s.file = table.field(row, "file");
        s.title = table.field(row, "title");
        s.titleEn = table.field(row, "title_en");
        s.publisher = table.field(row, "publisher");
        s.publisherEn = table.field(row, "publisher_en");
        s.date = table.field(row, "date");
        s.kind = table.field(row, "kind");
        if (s.id.empty() || s.file.empty() || s.title.empty())
            throw Error(ErrorKind::Data, "source_id, file and title must not be empty",
                        table.where(row));
        if (s.kind != "seed" && s.kind != "user")
            throw Error(ErrorKind::Data, "unknown source kind '" + s.kind + "' (seed or user)",
                        table.where(row));
        if (!s.date.empty() && !isPartialIsoDate(s.date))
            throw Error(ErrorKind::Data, "date '" + s.date + "' is not YYYY, YYYY-MM or YYYY-MM-DD",
                        table.where(row));
        if (s.publisher.empty() != s.publisherEn.empty())
            throw Error(ErrorKind::Data, "publisher and publisher_en go together",
                        table.where(row));
        if (!files.insert(s.file).second)
            throw Error(ErrorKind::Data, "document " + s.file + " is listed twice",
                        table.where(row));
        const std::string path = seedsDir + "/" + s.file;
        std::ifstream in(path, std::ios::binary);
        if (!in)
            throw Error(ErrorKind::Io, "cannot read source document " + path, table.where(row));
        std::ostringstream buf;
        buf << in.rdbuf();
        const std::string raw = buf.str();
        if (!isValidUtf8(raw)) throw Error(ErrorKind::Data, "source is not valid UTF-8", path);
        s.sha256 =
            QCryptographicHash::hash(QByteArray::fromStdString(raw), QCryptographicHash::Sha256)
                .toHex()
                .toStdString();
        if (!checksums.insert(s.sha256).second)
            throw Error(ErrorKind::Data,
                        "document " + s.file + " has the same content as another source",
                        table.where(row));
        s.normalised = normaliseSourceText(raw);
        if (!sources_.emplace(s.id, s).second)
            throw Error(ErrorKind::Data, "duplicate source id " + s.id, table.where(row));
    }
}

std::size_t SourceTexts::locate(const std::string& sourceId, const std::string& quote,
                                const std::string& where) const {
    auto it = sources_.find(sourceId);
    if (it == sources_.end())
        throw Error(ErrorKind::Data, "unknown source_id '" + sourceId + "'", where);
    if (quote.empty()) throw Error(ErrorKind::Data, "empty quote", where);
    auto offset = findCodePointOffset(it->second.normalised, quote);
    if (!offset)
        throw Error(
            ErrorKind::Data,
            "quote not found verbatim in " + it->second.file + ": \"" + quote.substr(0, 90) + "\"",
            where);
    return *offset;
}

}  // namespace jinmap::builder
