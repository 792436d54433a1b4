#pragma once
// Reads a planner's spreadsheet (XLSX, ODS, CSV) through GDAL into
// ImportBatch chunks with canonical keys (helpers/DATA_CONTRACT.md): headers
// in Chinese or English, CSV in UTF-8 (with or without BOM) or GBK/GB18030,
// rows numbered as the user sees them. Streams: memory stays bounded however
// long the file. Problems with the whole file throw Error(Data/Io) naming the
// file (and sheet/row); problems with a row become ImportErrors of the batch.
//
// Threading rule: GDAL's configuration is set per thread; call from one thread.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "data/import_batch.h"

namespace jinmap::data {

struct ImportReadOptions {
    std::string sheet;                      // empty: every sheet jinmap recognises
    std::optional<ImportBatch::Kind> kind;  // empty: from the headers
    std::string encoding;                   // CSV: empty (detect), utf-8, gbk, gb18030
    std::size_t chunkRows = 2000;
    // Rows read so far and the total (of all sheets), for a progress bar.
    std::function<void(std::int64_t done, std::int64_t total)> progress;
};

// Canonical key of a header cell (名称 → name, 所在县区 → county, 数值 →
// value …), or empty when jinmap does not know it.
std::string canonicalHeader(const std::string& header);

// Calls `sink` with each chunk, sheets of towns before sheets of figures.
void readImportFile(const std::string& file, const ImportReadOptions& options,
                    const std::function<void(const ImportBatch&)>& sink);

}  // namespace jinmap::data
