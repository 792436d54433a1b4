#pragma once
// The vector-tile path for layers too large to ship as one GeoJSON file
// (all-China counties, 100,000 towns): GDAL's MVT writer makes an MBTiles
// file (EPSG:3857 tiles, one layer named after the dataset), which is then
// unpacked into the site as tiles/<dataset>/<z>/<x>/<y>.pbf (XYZ rows,
// uncompressed, since a static server sends them without Content-Encoding).
// MapLibre fetches tiles, so this path needs the site served over HTTP.
#include <cstdint>
#include <string>

#include "data/geometry.h"

namespace jinmap {

struct Dataset;
class SiteDirectory;

struct VectorTileOptions {
    int minZoom = 0;
    int maxZoom = 10;
};

struct VectorTileResult {
    std::size_t tiles = 0;
    std::uint64_t bytes = 0;
    int minZoom = 0, maxZoom = 0;
    // Lon/lat extent of the features: the source's TileJSON bounds, so the
    // page asks only for tiles that exist.
    Bounds bounds;
};

// Throws Error(Export) when GDAL cannot write or the MBTiles cannot be read.
VectorTileResult writeVectorTiles(const Dataset& dataset, const VectorTileOptions& options,
                                  SiteDirectory& site);

}  // namespace jinmap
