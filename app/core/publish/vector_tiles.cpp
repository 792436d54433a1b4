#include "publish/vector_tiles.h"

#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <memory>
#include <vector>

#include "base/error.h"
#include "base/gdal_library.h"
#include "base/handles.h"
#include "base/sqlite.h"
#include "publish/dataset_catalog.h"
#include "publish/site_directory.h"

namespace fs = std::filesystem;

namespace jinmap {

namespace {

struct OptionsDestroyer {
    void operator()(char** list) const noexcept { gdal().CSLDestroy(list); }
};
using Options = std::unique_ptr<char*, OptionsDestroyer>;

enum class ColumnType { Empty, Integer, Real, String };

ColumnType columnType(const Dataset& d, int column) {
    ColumnType t = ColumnType::Empty;
    for (const Feature& f : d.features) {
        const Value& v = f.properties[static_cast<std::size_t>(column)];
        if (v.index() == 3) return ColumnType::String;
        if (v.index() == 1) {
            if (t == ColumnType::Empty) t = ColumnType::Integer;
        } else if (v.index() == 2) {
            const double x = std::get<double>(v);
            const bool integral = std::floor(x) == x && std::fabs(x) < 9e15;
            if (!integral)
                t = ColumnType::Real;
            else if (t == ColumnType::Empty)
                t = ColumnType::Integer;
        }
    }
    return t;
}

std::string gdalError(const char* what) {
    return std::string(what) + ": " + gdal().CPLGetLastErrorMsg();
}

// Writes the dataset into a new MBTiles file with GDAL's MVT writer.
void writeMbtiles(const Dataset& d, const VectorTileOptions& o, const std::string& path) {
    gdal().GDALAllRegister();
    GDALDriverH driver = gdal().GDALGetDriverByName("MBTiles");
    if (!driver) throw Error(ErrorKind::Export, "GDAL has no MBTiles driver");
    Options options(nullptr);
    char** list = nullptr;
    list = gdal().CSLSetNameValue(list, "NAME", d.name.c_str());
    list = gdal().CSLSetNameValue(list, "TYPE", "overlay");
    list = gdal().CSLSetNameValue(list, "MINZOOM", std::to_string(o.minZoom).c_str());
    list = gdal().CSLSetNameValue(list, "MAXZOOM", std::to_string(o.maxZoom).c_str());
    // Lines and polygons simplified by half a screen pixel (a tile is 4096
    // units over 512 px) below the deepest level, which keeps every vertex
    // for overzooming: all-China counties shrink to a fraction.
    list = gdal().CSLSetNameValue(list, "SIMPLIFICATION", "4");
    list = gdal().CSLSetNameValue(list, "SIMPLIFICATION_MAX_ZOOM",
                                  std::to_string(std::max(o.minZoom, o.maxZoom - 1)).c_str());
    options.reset(list);
    gdal().CPLErrorReset();
    GdalDatasetPtr ds(gdal().GDALCreate(driver, path.c_str(), 0, 0, 0, GDT_Unknown, options.get()));
    if (!ds) throw Error(ErrorKind::Export, gdalError("cannot create MBTiles"), path);
    const OgrSpatialReferencePtr srs(gdal().OSRNewSpatialReference(nullptr));
    gdal().OSRImportFromEPSG(srs.get(), 4326);
    gdal().OSRSetAxisMappingStrategy(srs.get(), OAMS_TRADITIONAL_GIS_ORDER);
    OGRLayerH layer =
        gdal().GDALDatasetCreateLayer(ds.get(), d.name.c_str(), srs.get(), wkbUnknown, nullptr);
    if (!layer) throw Error(ErrorKind::Export, gdalError("cannot create the tile layer"), path);

    struct Out {
        int column;
        ColumnType type;
    };
    std::vector<Out> columns;
    for (int c : d.columns) {
        const ColumnType t = columnType(d, c);
        if (t == ColumnType::Empty) continue;
        const OGRFieldType ft = t == ColumnType::String    ? OFTString
                                : t == ColumnType::Integer ? OFTInteger64
                                                           : OFTReal;
        const OgrFieldDefnPtr def(
            gdal().OGR_Fld_Create(d.fields.names[static_cast<std::size_t>(c)].c_str(), ft));
        const OGRErr err = gdal().OGR_L_CreateField(layer, def.get(), TRUE);
        if (err != OGRERR_NONE)
            throw Error(ErrorKind::Export, gdalError("cannot add a tile field"), path);
        columns.push_back({c, t});
    }
    for (const Feature& f : d.features) {
        if (f.geometry.isEmpty()) continue;
        const OgrFeaturePtr feature(gdal().OGR_F_Create(gdal().OGR_L_GetLayerDefn(layer)));
        for (std::size_t i = 0; i < columns.size(); ++i) {
            const Value& v = f.properties[static_cast<std::size_t>(columns[i].column)];
            const int field = static_cast<int>(i);
            if (v.index() == 3)
                gdal().OGR_F_SetFieldString(feature.get(), field, std::get<std::string>(v).c_str());
            else if (v.index() == 2 && columns[i].type == ColumnType::Real)
                gdal().OGR_F_SetFieldDouble(feature.get(), field, std::get<double>(v));
            else if (v.index() == 2)
                gdal().OGR_F_SetFieldInteger64(feature.get(), field,
                                               static_cast<GIntBig>(std::get<double>(v)));
            else if (v.index() == 1)
                gdal().OGR_F_SetFieldInteger64(feature.get(), field, std::get<bool>(v) ? 1 : 0);
        }
        gdal().OGR_F_SetFID(feature.get(), f.id);
        const std::vector<unsigned char> wkb = toWkb(f.geometry);
        OGRGeometryH g = nullptr;
        if (gdal().OGR_G_CreateFromWkb(wkb.data(), srs.get(), &g, static_cast<int>(wkb.size())) !=
            OGRERR_NONE)
            throw Error(ErrorKind::Export, "feature " + std::to_string(f.id) + ": bad geometry",
                        d.name);
        gdal().OGR_F_SetGeometryDirectly(feature.get(), g);
        if (gdal().OGR_L_CreateFeature(layer, feature.get()) != OGRERR_NONE)
            throw Error(ErrorKind::Export, gdalError("cannot write a tile feature"), path);
    }
    // The tiles are made on close.
    if (!closeDataset(ds)) throw Error(ErrorKind::Export, gdalError("cannot write MBTiles"), path);
}

// gzip or zlib data inflated; data without either header as it is.
std::string inflated(const unsigned char* data, std::size_t size) {
    const bool gzip = size >= 2 && data[0] == 0x1f && data[1] == 0x8b;
    const bool zlibHeader =
        size >= 2 && (data[0] & 0x0f) == 8 && ((data[0] << 8) | data[1]) % 31 == 0;
    if (!gzip && !zlibHeader) return std::string(reinterpret_cast<const char*>(data), size);
    z_stream s{};
    if (inflateInit2(&s, 15 + 32) != Z_OK) throw Error(ErrorKind::Export, "zlib init failed");
    std::string out;
    std::vector<unsigned char> buf(std::size_t{64} * 1024);
    s.next_in = const_cast<unsigned char*>(data);  // zlib's API is not const-correct
    s.avail_in = static_cast<uInt>(size);
    int rc = Z_OK;
    while (rc != Z_STREAM_END) {
        s.next_out = buf.data();
        s.avail_out = static_cast<uInt>(buf.size());
        rc = inflate(&s, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END) {
            inflateEnd(&s);
            throw Error(ErrorKind::Export, "a tile does not inflate (corrupt MBTiles)");
        }
        out.append(reinterpret_cast<const char*>(buf.data()), buf.size() - s.avail_out);
    }
    inflateEnd(&s);
    return out;
}

}  // namespace

VectorTileResult writeVectorTiles(const Dataset& dataset, const VectorTileOptions& options,
                                  SiteDirectory& site) {
    if (options.minZoom < 0 || options.maxZoom > 16 || options.minZoom > options.maxZoom)
        throw Error(ErrorKind::Usage, "tile zoom levels must satisfy 0 <= min <= max <= 16");
    // The MBTiles is an intermediate: made beside the staging folder, removed after.
    const std::string mbtiles = site.stagingPath() + ".tiles-" + dataset.name + ".mbtiles";
    struct Cleanup {
        std::string path;
        ~Cleanup() {
            std::error_code ec;
            fs::remove(path, ec);
            fs::remove(path + "-journal", ec);
        }
    } cleanup{mbtiles};
    writeMbtiles(dataset, options, mbtiles);

    VectorTileResult result;
    for (const Feature& f : dataset.features) result.bounds.extend(f.geometry.bounds);
    result.minZoom = options.maxZoom;
    Database db = Database::open(mbtiles, Database::Mode::ReadOnly);
    auto stmt = db.prepare("SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles");
    while (stmt.step()) {
        const int z = static_cast<int>(stmt.columnInt64(0));
        const std::int64_t x = stmt.columnInt64(1);
        const std::int64_t row = stmt.columnInt64(2);
        const std::int64_t y = (std::int64_t{1} << z) - 1 - row;  // TMS → XYZ
        const auto [data, size] = stmt.columnBlob(3);
        const std::string tile = inflated(data, size);
        site.write("tiles/" + dataset.name + "/" + std::to_string(z) + "/" + std::to_string(x) +
                       "/" + std::to_string(y) + ".pbf",
                   tile);
        ++result.tiles;
        result.bytes += tile.size();
        result.minZoom = std::min(result.minZoom, z);
        result.maxZoom = std::max(result.maxZoom, z);
    }
    if (result.tiles == 0) throw Error(ErrorKind::Export, "GDAL wrote no tiles", dataset.name);
    return result;
}

}  // namespace jinmap
