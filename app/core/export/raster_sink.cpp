#include "export/raster_sink.h"

#include <png.h>

#include <cerrno>
#include <cmath>
#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <vector>

#include "base/atomic_file.h"
#include "base/error.h"
#include "base/gdal_library.h"
#include "base/handles.h"

namespace jinmap {

namespace {

QImage toRgb888(const QImage& band) {
    if (band.format() == QImage::Format_RGB888) return band;
    if (band.hasAlphaChannel()) {
        // Composite on white so transparent areas do not turn black.
        QImage white(band.size(), QImage::Format_RGB888);
        white.fill(Qt::white);
        QImage premul = band.convertToFormat(QImage::Format_ARGB32_Premultiplied);
        for (int y = 0; y < band.height(); ++y) {
            const auto* src = reinterpret_cast<const QRgb*>(premul.constScanLine(y));
            uchar* dst = white.scanLine(y);
            for (int x = 0; x < band.width(); ++x) {
                const QRgb p = src[x];
                const int a = 255 - qAlpha(p);
                dst[std::size_t{3} * x] = static_cast<uchar>(qRed(p) + (255 * a + 127) / 255);
                dst[3 * x + 1] = static_cast<uchar>(qGreen(p) + (255 * a + 127) / 255);
                dst[3 * x + 2] = static_cast<uchar>(qBlue(p) + (255 * a + 127) / 255);
            }
        }
        return white;
    }
    return band.convertToFormat(QImage::Format_RGB888);
}

// ------------------------------------------------------------------ PNG

struct PngState {
    png_structp png = nullptr;
    png_infop info = nullptr;
    std::FILE* file = nullptr;
    char message[256] = {0};
    int writeErrno = 0;
};

void pngError(png_structp png, png_const_charp msg) {
    auto* st = static_cast<PngState*>(png_get_error_ptr(png));
    std::snprintf(st->message, sizeof st->message, "%s", msg);
    png_longjmp(png, 1);
}
void pngWarning(png_structp, png_const_charp) {}

void pngWrite(png_structp png, png_bytep data, png_size_t length) {
    auto* st = static_cast<PngState*>(png_get_error_ptr(png));
    if (std::fwrite(data, 1, length, st->file) != length) {
        st->writeErrno = errno;
        png_error(png, "write failed");
    }
}
void pngFlush(png_structp png) {
    auto* st = static_cast<PngState*>(png_get_error_ptr(png));
    if (std::fflush(st->file) != 0) {
        st->writeErrno = errno;
        png_error(png, "write failed");
    }
}

// C-only frames around setjmp: no C++ object with a destructor lives here.
bool pngBegin(PngState* st, int width, int height, int dpi) {
    if (setjmp(png_jmpbuf(st->png))) return false;
    png_set_write_fn(st->png, st, pngWrite, pngFlush);
    png_set_IHDR(st->png, st->info, static_cast<png_uint_32>(width),
                 static_cast<png_uint_32>(height), 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    const auto ppm = static_cast<png_uint_32>(std::lround(dpi / 0.0254));
    png_set_pHYs(st->png, st->info, ppm, ppm, PNG_RESOLUTION_METER);
    png_set_compression_level(st->png, 6);
    png_write_info(st->png, st->info);
    return true;
}

bool pngRows(PngState* st, png_bytepp rows, png_uint_32 n) {
    if (setjmp(png_jmpbuf(st->png))) return false;
    png_write_rows(st->png, rows, n);
    return true;
}

bool pngEnd(PngState* st) {
    if (setjmp(png_jmpbuf(st->png))) return false;
    png_write_end(st->png, st->info);
    return true;
}

class PngSink : public RasterSink {
  public:
    PngSink(std::string path, int width, int height, int dpi)
        : path_(std::move(path)), width_(width), height_(height) {
        st_.file = std::fopen(path_.c_str(), "wb");
        if (!st_.file)
            throw Error(ErrorKind::Io, std::string("cannot open: ") + std::strerror(errno), path_);
        st_.png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &st_, pngError, pngWarning);
        if (st_.png) st_.info = png_create_info_struct(st_.png);
        if (!st_.png || !st_.info) throw Error(ErrorKind::Export, "libpng: out of memory", path_);
        if (!pngBegin(&st_, width, height, dpi)) fail();
    }
    ~PngSink() override { close(); }

    void writeRows(const QImage& band, int firstRow) override {
        if (firstRow != next_ || band.width() != width_ || firstRow + band.height() > height_)
            throw Error(ErrorKind::Export, "PNG rows out of order", path_);
        const QImage rgb = toRgb888(band);
        std::vector<png_bytep> rows(static_cast<std::size_t>(rgb.height()));
        for (int y = 0; y < rgb.height(); ++y)
            rows[static_cast<std::size_t>(y)] = const_cast<png_bytep>(rgb.constScanLine(y));
        if (!pngRows(&st_, rows.data(), static_cast<png_uint_32>(rows.size()))) fail();
        next_ += band.height();
    }

    void finish() override {
        if (next_ != height_) throw Error(ErrorKind::Export, "PNG is missing rows", path_);
        if (!pngEnd(&st_)) fail();
        std::FILE* f = st_.file;
        st_.file = nullptr;
        const bool flushed = std::fflush(f) == 0;
        const int err = errno;
        const bool closed = std::fclose(f) == 0;
        if (!flushed || !closed)
            throw Error(ErrorKind::Io, writeFailed(flushed ? errno : err), path_);
    }

  private:
    [[noreturn]] void fail() {
        const int err = st_.writeErrno;
        const std::string msg = st_.message;
        if (err) throw Error(ErrorKind::Io, writeFailed(err), path_);
        throw Error(ErrorKind::Export, "PNG encoder: " + msg, path_);
    }
    void close() {
        if (st_.png) png_destroy_write_struct(&st_.png, st_.info ? &st_.info : nullptr);
        st_.png = nullptr;
        st_.info = nullptr;
        if (st_.file) std::fclose(st_.file);
        st_.file = nullptr;
    }
    std::string path_;
    int width_, height_;
    int next_ = 0;
    PngState st_;
};

// ------------------------------------------------------------------ GeoTIFF

std::string gdalError() {
    const char* m = gdal().CPLGetLastErrorMsg();
    return m && *m ? m : "unknown GDAL error";
}

class GeoTiffSink : public RasterSink {
  public:
    GeoTiffSink(std::string path, int width, int height, int dpi, const GeoReference& geo)
        : path_(std::move(path)), width_(width), height_(height) {
        gdal().GDALAllRegister();
        GDALDriverH driver = gdal().GDALGetDriverByName("GTiff");
        if (!driver) throw Error(ErrorKind::Export, "GDAL has no GTiff driver");
        const OgrSpatialReferencePtr srs(gdal().OSRNewSpatialReference(nullptr));
        if (!srs) throw Error(ErrorKind::Export, "GDAL: out of memory");
        gdal().OSRSetAxisMappingStrategy(srs.get(), OAMS_TRADITIONAL_GIS_ORDER);
        if (gdal().OSRSetFromUserInput(srs.get(), geo.crs.c_str()) != OGRERR_NONE)
            throw Error(ErrorKind::Projection, "GDAL does not know the CRS '" + geo.crs + "'");
        const char* options[] = {
            "COMPRESS=DEFLATE", "PREDICTOR=2", "PHOTOMETRIC=RGB", "INTERLEAVE=PIXEL", "TILED=YES",
            "BIGTIFF=IF_SAFER", nullptr};
        gdal().CPLErrorReset();
        ds_.reset(gdal().GDALCreate(driver, path_.c_str(), width, height, 3, GDT_Byte,
                                    const_cast<char**>(options)));
        if (!ds_) throw Error(ErrorKind::Io, "cannot create GeoTIFF: " + gdalError(), path_);
        double gt[6];
        std::copy(geo.geoTransform.begin(), geo.geoTransform.end(), gt);
        gdal().GDALSetGeoTransform(ds_.get(), gt);
        gdal().GDALSetSpatialRef(ds_.get(), srs.get());  // the dataset keeps its own reference
        const std::string res = std::to_string(dpi);
        gdal().GDALSetMetadataItem(ds_.get(), "TIFFTAG_XRESOLUTION", res.c_str(), nullptr);
        gdal().GDALSetMetadataItem(ds_.get(), "TIFFTAG_YRESOLUTION", res.c_str(), nullptr);
        gdal().GDALSetMetadataItem(ds_.get(), "TIFFTAG_RESOLUTIONUNIT", "2", nullptr);
        gdal().GDALSetMetadataItem(ds_.get(), "TIFFTAG_SOFTWARE", "jinmap", nullptr);
    }

    void writeRows(const QImage& band, int firstRow) override {
        if (band.width() != width_ || firstRow + band.height() > height_)
            throw Error(ErrorKind::Export, "GeoTIFF band out of range", path_);
        const QImage rgb = toRgb888(band);
        int bands[3] = {1, 2, 3};
        gdal().CPLErrorReset();
        const CPLErr err = gdal().GDALDatasetRasterIO(
            ds_.get(), GF_Write, 0, firstRow, rgb.width(), rgb.height(),
            const_cast<uchar*>(rgb.constBits()), rgb.width(), rgb.height(), GDT_Byte, 3, bands, 3,
            static_cast<GSpacing>(rgb.bytesPerLine()), 1);
        if (err != CE_None)
            throw Error(ErrorKind::Io, "GeoTIFF write failed: " + gdalError(), path_);
    }

    void finish() override {
        gdal().CPLErrorReset();
        gdal().GDALFlushCache(ds_.get());
        const bool flushFailed = gdal().CPLGetLastErrorType() >= CE_Failure;
        const std::string msg = gdalError();
        const bool closed = closeDataset(ds_);
        if (flushFailed || !closed)
            throw Error(ErrorKind::Io, "GeoTIFF write failed: " + (flushFailed ? msg : gdalError()),
                        path_);
    }

  private:
    std::string path_;
    int width_, height_;
    GdalDatasetPtr ds_;
};

}  // namespace

std::unique_ptr<RasterSink> openPngSink(const std::string& path, int width, int height, int dpi) {
    return std::make_unique<PngSink>(path, width, height, dpi);
}

std::unique_ptr<RasterSink> openGeoTiffSink(const std::string& path, int width, int height, int dpi,
                                            const GeoReference& geo) {
    return std::make_unique<GeoTiffSink>(path, width, height, dpi, geo);
}

}  // namespace jinmap
