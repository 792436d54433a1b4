#pragma once
// Streaming raster writers: rows arrive band by band, so a page of any size
// is written with memory bounded by one band. PNG through libpng (pHYs chunk
// = the DPI), GeoTIFF through GDAL (geotransform + CRS, DPI tags).
#include <QImage>
#include <array>
#include <memory>
#include <string>

namespace jinmap {

class RasterSink {
  public:
    virtual ~RasterSink() = default;
    // `band` holds rows [firstRow, firstRow + band.height()); any format, it
    // is converted to 8-bit RGB (white background). Bands arrive in order.
    virtual void writeRows(const QImage& band, int firstRow) = 0;
    // Flushes and closes; throws Error(Io/Export) on any write failure.
    virtual void finish() = 0;
};

// Writes a PNG file at `path` (overwritten).
std::unique_ptr<RasterSink> openPngSink(const std::string& path, int width, int height, int dpi);

struct GeoReference {
    std::string crs;                       // "EPSG:4546" (anything OGR accepts)
    std::array<double, 6> geoTransform{};  // GDAL order, map units
};
// Writes a GeoTIFF (DEFLATE, RGB) at `path` (overwritten).
std::unique_ptr<RasterSink> openGeoTiffSink(const std::string& path, int width, int height, int dpi,
                                            const GeoReference& geo);

}  // namespace jinmap
