#include "data/import_reader.h"

#include <QDir>
#include <QTemporaryFile>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <vector>

#include "base/error.h"
#include "base/gdal_library.h"
#include "base/handles.h"
#include "base/text.h"

namespace fs = std::filesystem;

namespace jinmap::data {

namespace {

std::string trimmed(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

// Header text as compared: no spaces (ASCII or full-width), no brackets'
// contents such as （亿元）, lower-case ASCII.
std::string headerKey(const std::string& header) {
    std::string out;
    for (std::size_t i = 0; i < header.size(); ++i) {
        const char c = header[i];
        if (c == ' ' || c == '\t' || c == '_' || c == '-') continue;
        if (header.compare(i, 3, "\u3000") == 0) {
            i += 2;
            continue;
        }
        out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    for (const auto& [open, close] : {std::pair<std::string, std::string>{"（", "）"},
                                      std::pair<std::string, std::string>{"(", ")"}}) {
        const auto a = out.find(open);
        const auto b = out.find(close, a == std::string::npos ? 0 : a);
        if (a != std::string::npos && b != std::string::npos && a > 0)
            out.erase(a, b + close.size() - a);
    }
    return toSimplified(out);
}

// Canonical keys; "name" becomes "town" in a figures sheet.
const std::map<std::string, std::string>& headerAliases() {
    static const std::map<std::string, std::string> aliases = {
        {"名称", "name"},
        {"镇名", "name"},
        {"专业镇", "name"},
        {"专业镇名称", "name"},
        {"特色专业镇", "name"},
        {"name", "name"},
        {"townname", "name"},
        {"town", "name"},
        {"所在县区", "county"},
        {"县区", "county"},
        {"所在县", "county"},
        {"所在县(市、区)", "county"},
        {"县(市、区)", "county"},
        {"县（市、区）", "county"},
        {"县", "county"},
        {"county", "county"},
        {"所在市", "city"},
        {"市", "city"},
        {"地市", "city"},
        {"设区市", "city"},
        {"city", "city"},
        {"prefecture", "city"},
        {"产业", "sector"},
        {"主导产业", "sector"},
        {"特色产业", "sector"},
        {"sector", "sector"},
        {"industry", "sector"},
        {"产业类别", "sector_group"},
        {"产业大类", "sector_group"},
        {"sectorgroup", "sector_group"},
        {"级别", "level"},
        {"层级", "level"},
        {"认定级别", "level"},
        {"level", "level"},
        {"级别说明", "level_detail"},
        {"leveldetail", "level_detail"},
        {"认定年份", "year_named"},
        {"认定时间", "year_named"},
        {"yearnamed", "year_named"},
        {"来源", "source"},
        {"出处", "source"},
        {"资料来源", "source"},
        {"来源文件", "source"},
        {"source", "source"},
        {"原文", "quote"},
        {"原句", "quote"},
        {"引文", "quote"},
        {"原文摘录", "quote"},
        {"quote", "quote"},
        {"位置精度", "location_precision"},
        {"locationprecision", "location_precision"},
        {"经度", "lon"},
        {"lon", "lon"},
        {"longitude", "lon"},
        {"纬度", "lat"},
        {"lat", "lat"},
        {"latitude", "lat"},
        {"指标", "label"},
        {"指标名称", "label"},
        {"label", "label"},
        {"indicator", "label"},
        {"数值", "value"},
        {"数据", "value"},
        {"值", "value"},
        {"value", "value"},
        {"单位", "unit"},
        {"unit", "unit"},
        {"年份", "year"},
        {"年度", "year"},
        {"year", "year"},
        {"口径", "scope"},
        {"范围", "scope"},
        {"scope", "scope"},
        {"企业", "company"},
        {"企业名称", "company"},
        {"公司", "company"},
        {"company", "company"},
        {"指标代码", "metric"},
        {"metric", "metric"},
    };
    return aliases;
}

struct SheetPlan {
    void* layer = nullptr;  // OGRLayerH, owned by the dataset
    std::string name;
    ImportBatch::Kind kind = ImportBatch::Kind::Towns;
    std::vector<std::string> keys;  // canonical key per field ("" = ignored)
    std::int64_t rows = 0;
};

std::string where(const std::string& file, const std::string& sheet, bool workbook) {
    return workbook ? file + " (sheet " + sheet + ")" : file;
}

// Which kind of list a sheet holds, from its canonical headers.
std::optional<ImportBatch::Kind> kindOf(const std::set<std::string>& keys) {
    if (keys.count("label") || keys.count("value")) return ImportBatch::Kind::Figures;
    if (keys.count("county") || keys.count("level")) return ImportBatch::Kind::Towns;
    return std::nullopt;
}

SheetPlan planSheet(void* layer, const std::string& file, bool workbook,
                    const ImportReadOptions& options) {
    SheetPlan plan;
    plan.layer = layer;
    plan.name = gdal().OGR_L_GetName(layer);
    const std::string at = where(file, plan.name, workbook);
    OGRFeatureDefnH defn = gdal().OGR_L_GetLayerDefn(layer);
    const int n = gdal().OGR_FD_GetFieldCount(defn);
    std::vector<std::string> headers;
    std::set<std::string> seen;
    std::vector<std::string> unknown;
    for (int i = 0; i < n; ++i) {
        const std::string header = gdal().OGR_Fld_GetNameRef(gdal().OGR_FD_GetFieldDefn(defn, i));
        headers.push_back(header);
        // GDAL names a column without a header "FieldN": an empty or merged header cell.
        const bool autoNamed = header.size() > 5 && header.compare(0, 5, "Field") == 0 &&
                               header.find_first_not_of("0123456789", 5) == std::string::npos;
        if (trimmed(header).empty() || autoNamed) {
            std::string column;
            for (int k = i + 1; k > 0; k = (k - 1) / 26)
                column.insert(column.begin(), static_cast<char>('A' + (k - 1) % 26));
            throw Error(ErrorKind::Data,
                        "row 1, column " + column +
                            " has no header (merged header cells?); give every column its own "
                            "header in row 1 (名称, 所在县区, 级别 …)",
                        at);
        }
        const std::string key = canonicalHeader(header);
        if (key.empty()) {
            unknown.push_back(header);
        } else if (!seen.insert(key).second) {
            throw Error(ErrorKind::Data,
                        std::string("two columns mean the same (")
                            .append(key)
                            .append("): '")
                            .append(header)
                            .append("' and another"),
                        at);
        }
        plan.keys.push_back(key);
    }
    const auto kind = options.kind ? options.kind : kindOf(seen);
    if (!kind) {
        std::string found;
        for (const auto& h : headers) found += (found.empty() ? "" : ", ") + h;
        throw Error(ErrorKind::Data,
                    "row 1 has no column jinmap knows (found: " + found +
                        "); a list of towns needs 名称, 所在县区, 级别 (name, county, level), a "
                        "list of figures 专业镇, 指标, 数值 (town, label, value)",
                    at);
    }
    plan.kind = *kind;
    if (plan.kind == ImportBatch::Kind::Figures)
        for (auto& k : plan.keys)
            if (k == "name") k = "town";
    const std::vector<std::pair<std::string, std::string>> required =
        plan.kind == ImportBatch::Kind::Towns
            ? std::vector<std::pair<std::string, std::string>>{{"name", "名称"},
                                                               {"county", "所在县区"},
                                                               {"level", "级别"}}
            : std::vector<std::pair<std::string, std::string>>{
                  {"town", "专业镇"}, {"label", "指标"}, {"value", "数值"}};
    for (const auto& [key, zh] : required)
        if (std::find(plan.keys.begin(), plan.keys.end(), key) == plan.keys.end())
            throw Error(ErrorKind::Data,
                        std::string("no column ").append(zh).append(" (").append(key).append(")"),
                        at);
    return plan;
}

// CSV encodings: UTF-8 with or without BOM is read as it is; anything else
// is GB18030 (a superset of GBK, as Excel saves on Chinese Windows),
// transcoded to a UTF-8 temporary file for GDAL. A file that says UTF-8
// (BOM, or --encoding utf-8) but is not is refused with its line.
std::unique_ptr<QTemporaryFile> prepareCsv(const std::string& file, const std::string& encoding) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw Error(ErrorKind::Io, "cannot read the file", file);
    std::string line;
    bool bom = false;
    std::size_t lineNo = 0;
    std::size_t badLine = 0;
    while (std::getline(in, line)) {
        ++lineNo;
        if (lineNo == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) {
            bom = true;
            line.erase(0, 3);
        }
        if (!isValidUtf8(line)) {
            badLine = lineNo;
            break;
        }
    }
    std::string enc = encoding;
    std::transform(enc.begin(), enc.end(), enc.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (badLine == 0) {
        if (enc.empty() || enc == "utf-8" || enc == "utf8") return nullptr;
    } else if (bom || enc == "utf-8" || enc == "utf8") {
        throw Error(ErrorKind::Data,
                    std::string(bom ? "the file starts with a UTF-8 mark (BOM)"
                                    : "the file was given as UTF-8") +
                        " but line " + std::to_string(badLine) +
                        " is not UTF-8 (GBK?); save it again as UTF-8, or give --encoding gbk",
                    file);
    }
    if (!enc.empty() && enc != "gbk" && enc != "gb18030" && enc != "gb2312" && enc != "utf-8" &&
        enc != "utf8")
        throw Error(ErrorKind::Usage, "--encoding must be utf-8, gbk or gb18030");
    auto out = std::make_unique<QTemporaryFile>(QDir::tempPath() + "/jinmap-import-XXXXXX.csv");
    if (!out->open()) throw Error(ErrorKind::Io, "cannot write a temporary file", file);
    in.clear();
    in.seekg(0);
    lineNo = 0;
    while (std::getline(in, line)) {
        ++lineNo;
        line += '\n';
        const auto utf8 = gb18030ToUtf8(line);
        if (!utf8)
            throw Error(ErrorKind::Data,
                        "line " + std::to_string(lineNo) +
                            " is neither UTF-8 nor GBK/GB18030; save the file as UTF-8",
                        file);
        const auto size = static_cast<qint64>(utf8->size());
        if (out->write(utf8->data(), size) != size)
            throw Error(ErrorKind::Io, "cannot write a temporary file (disk full?)", file);
    }
    out->flush();
    return out;
}

// A workspace's GeoPackage (jinmap workspace export): its towns and figures
// layers, by their column names, rows marked deleted left out.
void readGeoPackage(const std::string& file, const ImportReadOptions& options,
                    const std::function<void(const ImportBatch&)>& sink) {
    const char* drivers[] = {"GPKG", nullptr};
    gdal().CPLErrorReset();
    gdal().CPLPushErrorHandler(gdal().CPLQuietErrorHandler);
    GdalDatasetPtr ds(gdal().GDALOpenEx(file.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers,
                                        nullptr, nullptr));
    gdal().CPLPopErrorHandler();
    if (!ds) throw Error(ErrorKind::Data, "not a readable GeoPackage", file);
    struct LayerMap {
        const char* layer;
        ImportBatch::Kind kind;
        std::vector<std::pair<const char*, const char*>> columns;  // column → key
    };
    const LayerMap maps[] = {
        {"towns",
         ImportBatch::Kind::Towns,
         {{"name_as_written", "name"},
          {"county_adcode", "county"},
          {"sector", "sector"},
          {"sector_group", "sector_group"},
          {"level", "level"},
          {"level_detail", "level_detail"},
          {"year_named", "year_named"},
          {"source_id", "source"},
          {"quote", "quote"}}},
        {"town_facts",
         ImportBatch::Kind::Figures,
         {{"town_id", "town"},
          {"label", "label"},
          {"value_text", "value"},
          {"unit", "unit"},
          {"year", "year"},
          {"scope", "scope"},
          {"company", "company"},
          {"source_id", "source"},
          {"quote", "quote"},
          {"metric", "metric"}}},
    };
    // Figures name their town by id, which is the exporting workspace's: carry
    // the town's name and county instead, so another workspace finds it.
    std::map<std::string, std::pair<std::string, std::string>> townById;
    if (OGRLayerH towns = gdal().GDALDatasetGetLayerByName(ds.get(), "towns")) {
        OGRFeatureDefnH d = gdal().OGR_L_GetLayerDefn(towns);
        const int id = gdal().OGR_FD_GetFieldIndex(d, "id"),
                  name = gdal().OGR_FD_GetFieldIndex(d, "name"),
                  county = gdal().OGR_FD_GetFieldIndex(d, "county_adcode");
        if (id >= 0 && name >= 0 && county >= 0)
            while (OgrFeaturePtr f{gdal().OGR_L_GetNextFeature(towns)})
                townById[gdal().OGR_F_GetFieldAsString(f.get(), id)] = {
                    gdal().OGR_F_GetFieldAsString(f.get(), name),
                    gdal().OGR_F_GetFieldAsString(f.get(), county)};
    }
    std::int64_t total = 0, done = 0;
    for (const auto& m : maps)
        if (OGRLayerH l = gdal().GDALDatasetGetLayerByName(ds.get(), m.layer))
            total += gdal().OGR_L_GetFeatureCount(l, TRUE);
    bool any = false;
    for (const auto& m : maps) {
        if (options.kind && *options.kind != m.kind) continue;
        OGRLayerH layer = gdal().GDALDatasetGetLayerByName(ds.get(), m.layer);
        if (!layer) continue;
        any = true;
        OGRFeatureDefnH defn = gdal().OGR_L_GetLayerDefn(layer);
        std::vector<std::pair<int, std::string>> fields;
        for (const auto& [column, key] : m.columns) {
            const int i = gdal().OGR_FD_GetFieldIndex(defn, column);
            if (i >= 0) fields.emplace_back(i, key);
        }
        const int deleted = gdal().OGR_FD_GetFieldIndex(defn, "deleted");
        const int precision = gdal().OGR_FD_GetFieldIndex(defn, "location_precision");
        ImportBatch chunk;
        chunk.file = file + " (" + m.layer + ")";
        chunk.kind = m.kind;
        gdal().OGR_L_ResetReading(layer);
        while (OgrFeaturePtr f{gdal().OGR_L_GetNextFeature(layer)}) {
            ++done;
            if (deleted >= 0 && gdal().OGR_F_GetFieldAsInteger(f.get(), deleted) != 0) continue;
            ImportRow row;
            row.file = chunk.file;
            row.row = static_cast<int>(gdal().OGR_F_GetFID(f.get()));
            for (const auto& [i, key] : fields)
                if (gdal().OGR_F_IsFieldSetAndNotNull(f.get(), i)) {
                    row.fields[key] = trimmed(gdal().OGR_F_GetFieldAsString(f.get(), i));
                    // The stored value as exported: a row equal to the workspace's
                    // is unchanged without being read again as a planner's text.
                    row.fields["column:" + std::string(gdal().OGR_Fld_GetNameRef(
                                               gdal().OGR_FD_GetFieldDefn(defn, i)))] =
                        gdal().OGR_F_GetFieldAsString(f.get(), i);
                }
            const char* idColumn = m.kind == ImportBatch::Kind::Towns ? "id" : "fact_id";
            const int idIndex = gdal().OGR_FD_GetFieldIndex(defn, idColumn);
            if (idIndex >= 0)
                row.fields[idColumn] = gdal().OGR_F_GetFieldAsString(f.get(), idIndex);
            if (!row.fields.count("source")) row.fields["source"] = "手工录入";
            if (m.kind == ImportBatch::Kind::Figures) {
                auto town = townById.find(row.fields["town"]);
                if (town != townById.end() && !town->second.second.empty()) {
                    row.fields["town"] = town->second.first;
                    row.fields["county"] = town->second.second;
                }
            }
            // A point a user placed travels with the town.
            if (precision >= 0 &&
                std::string(gdal().OGR_F_GetFieldAsString(f.get(), precision)) == "user") {
                if (OGRGeometryH g = gdal().OGR_F_GetGeometryRef(f.get())) {
                    row.fields["lon"] = std::to_string(gdal().OGR_G_GetX(g, 0));
                    row.fields["lat"] = std::to_string(gdal().OGR_G_GetY(g, 0));
                }
            }
            chunk.rows.push_back(std::move(row));
            if (chunk.rows.size() >= options.chunkRows) {
                sink(chunk);
                chunk.rows.clear();
                if (options.progress) options.progress(done, total);
            }
        }
        if (!chunk.rows.empty()) sink(chunk);
        if (options.progress) options.progress(done, total);
    }
    if (!any) throw Error(ErrorKind::Data, "the GeoPackage has no towns or town_facts layer", file);
}

}  // namespace

std::string canonicalHeader(const std::string& header) {
    const auto& aliases = headerAliases();
    const std::string key = headerKey(header);
    auto it = aliases.find(key);
    if (it != aliases.end()) return it->second;
    // 所在县（市、区） and similar: the key without its bracket part was tried;
    // a header that merely ends in a known word (专业镇名称) was in the table.
    return {};
}

void readImportFile(const std::string& file, const ImportReadOptions& options,
                    const std::function<void(const ImportBatch&)>& sink) {
    std::string ext = fs::path(file).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const bool csv = ext == ".csv" || ext == ".txt";
    const bool workbook = ext == ".xlsx" || ext == ".ods";
    const bool geopackage = ext == ".gpkg";
    if (!csv && !workbook && !geopackage)
        throw Error(ErrorKind::Usage, "jinmap imports .xlsx, .ods, .csv and .gpkg files", file);
    std::error_code ec;
    if (!fs::exists(file, ec)) throw Error(ErrorKind::Io, "no such file", file);
    if (fs::is_directory(file, ec)) throw Error(ErrorKind::Io, "is a folder, not a file", file);
    if (fs::file_size(file, ec) == 0) throw Error(ErrorKind::Data, "the file is empty", file);
    if (geopackage) {
        gdal().GDALAllRegister();
        readGeoPackage(file, options, sink);
        return;
    }

    gdal().GDALAllRegister();
    // GDAL guesses whether row 1 is a header and guesses wrong when every
    // column is text: force it; and read every cell as text, as written.
    gdal().CPLSetThreadLocalConfigOption("OGR_XLSX_HEADERS", "FORCE");
    gdal().CPLSetThreadLocalConfigOption("OGR_ODS_HEADERS", "FORCE");
    gdal().CPLSetThreadLocalConfigOption("OGR_XLSX_FIELD_TYPES", "STRING");
    gdal().CPLSetThreadLocalConfigOption("OGR_ODS_FIELD_TYPES", "STRING");
    std::unique_ptr<QTemporaryFile> transcoded;
    std::string openPath = file;
    if (csv) {
        transcoded = prepareCsv(file, options.encoding);
        if (transcoded) openPath = transcoded->fileName().toStdString();
    }
    const char* drivers[] = {csv ? "CSV" : (ext == ".ods" ? "ODS" : "XLSX"), nullptr};
    const char* openOptions[] = {"HEADERS=YES", "AUTODETECT_TYPE=NO", "EMPTY_STRING_AS_NULL=NO",
                                 nullptr};
    gdal().CPLErrorReset();
    gdal().CPLPushErrorHandler(gdal().CPLQuietErrorHandler);
    GdalDatasetPtr ds(gdal().GDALOpenEx(openPath.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY,
                                        drivers, csv ? openOptions : nullptr, nullptr));
    const std::string gdalMessage = gdal().CPLGetLastErrorMsg();
    gdal().CPLPopErrorHandler();
    if (!ds)
        throw Error(ErrorKind::Data,
                    "not a readable " + std::string(drivers[0]) + " file" +
                        (gdalMessage.empty() ? "" : " (" + gdalMessage + ")"),
                    file);

    const int layerCount = gdal().GDALDatasetGetLayerCount(ds.get());
    std::vector<SheetPlan> plans;
    std::vector<std::string> names;
    names.reserve(static_cast<std::size_t>(std::max(layerCount, 0)));
    for (int i = 0; i < layerCount; ++i)
        names.push_back(gdal().OGR_L_GetName(gdal().GDALDatasetGetLayer(ds.get(), i)));
    if (!options.sheet.empty()) {
        OGRLayerH layer = gdal().GDALDatasetGetLayerByName(ds.get(), options.sheet.c_str());
        if (!layer) {
            std::string list;
            for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
            throw Error(ErrorKind::Data, "no sheet '" + options.sheet + "' (sheets: " + list + ")",
                        file);
        }
        plans.push_back(planSheet(layer, file, workbook, options));
    } else {
        std::optional<Error> firstProblem;
        for (int i = 0; i < layerCount; ++i) {
            try {
                plans.push_back(
                    planSheet(gdal().GDALDatasetGetLayer(ds.get(), i), file, workbook, options));
            } catch (const Error& e) {
                // A workbook may hold a notes sheet: skipped, unless nothing is recognised.
                if (!firstProblem) firstProblem = e;
                if (!workbook || layerCount == 1) throw;
            }
        }
        if (plans.empty()) {
            if (firstProblem) throw *firstProblem;
            throw Error(ErrorKind::Data, "the file has no sheet", file);
        }
    }
    std::stable_sort(plans.begin(), plans.end(), [](const SheetPlan& a, const SheetPlan& b) {
        return a.kind == ImportBatch::Kind::Towns && b.kind == ImportBatch::Kind::Figures;
    });
    std::int64_t total = 0;
    for (auto& p : plans) {
        p.rows = gdal().OGR_L_GetFeatureCount(p.layer, TRUE);
        total += std::max<std::int64_t>(p.rows, 0);
    }
    if (total == 0) throw Error(ErrorKind::Data, "no rows to import (only a header row)", file);

    std::int64_t done = 0;
    for (const auto& p : plans) {
        const std::string label =
            workbook ? file + " (" + p.name + ")" : file;  // as rows are named: file (sheet):row
        ImportBatch chunk;
        chunk.file = label;
        chunk.kind = p.kind;
        gdal().OGR_L_ResetReading(p.layer);
        const int fields = static_cast<int>(p.keys.size());
        while (true) {
            OgrFeaturePtr f(gdal().OGR_L_GetNextFeature(p.layer));
            if (!f) break;
            ++done;
            ImportRow row;
            row.file = label;
            // XLSX/ODS: the feature id is the sheet's row number; CSV: the
            // data line (1 = first after the header).
            const auto fid = gdal().OGR_F_GetFID(f.get());
            row.row = static_cast<int>(csv ? fid + 1 : fid);
            bool any = false;
            for (int i = 0; i < fields; ++i) {
                if (p.keys[static_cast<std::size_t>(i)].empty()) continue;
                if (!gdal().OGR_F_IsFieldSetAndNotNull(f.get(), i)) continue;
                std::string v = trimmed(gdal().OGR_F_GetFieldAsString(f.get(), i));
                if (v.empty()) continue;
                any = true;
                row.fields[p.keys[static_cast<std::size_t>(i)]] = std::move(v);
            }
            if (!any) continue;  // an empty row
            chunk.rows.push_back(std::move(row));
            if (chunk.rows.size() >= options.chunkRows) {
                sink(chunk);
                chunk.rows.clear();
                chunk.rejected.clear();
                if (options.progress) options.progress(done, total);
            }
        }
        if (!chunk.rows.empty() || !chunk.rejected.empty()) sink(chunk);
        if (options.progress) options.progress(done, total);
    }
}

}  // namespace jinmap::data
