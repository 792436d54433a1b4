#include "source_texts.h"

#include <QCryptographicHash>
#include <fstream>
#include <sstream>

#include "base/csv.h"
#include "base/error.h"
#include "base/text.h"

namespace jinmap::builder {

void SourceTexts::load(const std::string& sourcesCsv, const std::string& seedsDir) {
    const CsvTable table = CsvTable::readFile(sourcesCsv);
    table.requireColumns({"source_id", "file", "title"});
    for (const auto& row : table.rows()) {
        SourceText s;
        s.id = table.field(row, "source_id");
        s.file = table.field(row, "file");
        s.title = table.field(row, "title");
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
