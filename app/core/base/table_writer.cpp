#include "base/table_writer.h"

#include <memory>
#include <sstream>

#include "base/atomic_file.h"
#include "base/csv.h"
#include "base/error.h"
#include "base/gdal_library.h"
#include "base/handles.h"
#include "base/numbers.h"

namespace jinmap {

namespace {

void writeCsv(const Table& table, AtomicFile& out) {
    std::ostringstream s;
    s << "\xEF\xBB\xBF";  // BOM: spreadsheet programs then read the Chinese text as UTF-8
    auto line = [&](const std::vector<std::string>& fields) {
        for (std::size_t i = 0; i < fields.size(); ++i) s << (i ? "," : "") << csvEscape(fields[i]);
        s << "\r\n";
    };
    line(table.header);
    for (const auto& r : table.rows) line(r);
    const std::string data = s.str();
    out.writeAll(data.data(), data.size());
}

void writeXlsx(const Table& table, AtomicFile& out) {
    gdal().GDALAllRegister();
    GDALDriverH driver = gdal().GDALGetDriverByName("XLSX");
    if (!driver) throw Error(ErrorKind::Export, "GDAL has no XLSX driver");
    // The XLSX driver writes on close; it wants a path that does not exist yet.
    // GDAL's XLSX driver goes through /vsizip/, which treats any ".xlsx" inside
    // the path as an archive boundary: the temp name must not contain one
    // before the final extension (".out.xlsx.tmp-1234" fails to save).
    std::string path = out.tempPath();
    const auto slash = path.rfind('/');
    for (auto i = (slash == std::string::npos ? 0 : slash + 1); i < path.size(); ++i)
        if (path[i] == '.') path[i] = '_';
    path += ".xlsx";
    gdal().VSIUnlink(path.c_str());
    struct Cleanup {
        std::string p;
        ~Cleanup() { gdal().VSIUnlink(p.c_str()); }
    } cleanup{path};
    gdal().CPLErrorReset();
    {
        GdalDatasetPtr ds(gdal().GDALCreate(driver, path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        if (!ds)
            throw Error(ErrorKind::Export,
                        std::string("cannot create XLSX: ") + gdal().CPLGetLastErrorMsg(),
                        out.targetPath());
        OGRLayerH layer = gdal().GDALDatasetCreateLayer(
            ds.get(), table.name.empty() ? "table" : table.name.c_str(), nullptr, wkbNone, nullptr);
        if (!layer) throw Error(ErrorKind::Export, "cannot create XLSX sheet", out.targetPath());
        for (std::size_t i = 0; i < table.header.size(); ++i) {
            const OgrFieldDefnPtr def(gdal().OGR_Fld_Create(
                table.header[i].c_str(), table.numericColumns.count(i) ? OFTReal : OFTString));
            gdal().OGR_L_CreateField(layer, def.get(), TRUE);
        }
        for (const auto& row : table.rows) {
            const OgrFeaturePtr f(gdal().OGR_F_Create(gdal().OGR_L_GetLayerDefn(layer)));
            for (std::size_t i = 0; i < row.size() && i < table.header.size(); ++i) {
                if (row[i].empty()) continue;
                const auto number =
                    table.numericColumns.count(i) ? parseNumber(row[i]) : std::nullopt;
                if (number)
                    gdal().OGR_F_SetFieldDouble(f.get(), static_cast<int>(i), *number);
                else
                    gdal().OGR_F_SetFieldString(f.get(), static_cast<int>(i), row[i].c_str());
            }
            if (gdal().OGR_L_CreateFeature(layer, f.get()) != OGRERR_NONE)
                throw Error(ErrorKind::Export, "cannot write XLSX row", out.targetPath());
        }
    }
    // The driver writes on close and reports failures only through CPLError.
    if (gdal().CPLGetLastErrorType() >= CE_Failure)
        throw Error(ErrorKind::Export,
                    std::string("cannot write XLSX: ") + gdal().CPLGetLastErrorMsg(),
                    out.targetPath());
    // Close happened above; move the finished file into the atomic temp slot.
    if (std::rename(path.c_str(), out.tempPath().c_str()) != 0)
        throw Error(ErrorKind::Io, "cannot move XLSX into place", out.targetPath());
    cleanup.p.clear();
}

}  // namespace

TableFormat tableFormatForPath(const std::string& path) {
    const auto dot = path.rfind('.');
    if (dot != std::string::npos && path.substr(dot) == ".xlsx") return TableFormat::Xlsx;
    return TableFormat::Csv;
}

void writeTable(const Table& table, const std::string& path, TableFormat format) {
    AtomicFile out(path);
    if (format == TableFormat::Csv)
        writeCsv(table, out);
    else
        writeXlsx(table, out);
    out.commit();
}

}  // namespace jinmap
