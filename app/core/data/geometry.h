#pragma once
// Flat, cache-friendly geometry: coordinates interleaved in one vector, rings
// and parts as index ranges. Used for both geographic (lon/lat) and projected
// coordinates; the renderer keeps one projected copy per CRS.
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace jinmap {

enum class GeometryType : std::uint8_t {
    Point,
    LineString,
    Polygon,
    MultiPoint,
    MultiLineString,
    MultiPolygon,
};

const char* geometryTypeName(GeometryType type) noexcept;

struct Bounds {
    double minX = std::numeric_limits<double>::infinity();
    double minY = std::numeric_limits<double>::infinity();
    double maxX = -std::numeric_limits<double>::infinity();
    double maxY = -std::numeric_limits<double>::infinity();

    bool isEmpty() const { return minX > maxX || minY > maxY; }
    void extend(double x, double y) {
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
    }
    void extend(const Bounds& b) {
        if (b.isEmpty()) return;
        extend(b.minX, b.minY);
        extend(b.maxX, b.maxY);
    }
    bool intersects(const Bounds& b) const {
        return !(b.minX > maxX || b.maxX < minX || b.minY > maxY || b.maxY < minY);
    }
    bool contains(double x, double y) const {
        return x >= minX && x <= maxX && y >= minY && y <= maxY;
    }
    double width() const { return maxX - minX; }
    double height() const { return maxY - minY; }
    double centerX() const { return (minX + maxX) / 2; }
    double centerY() const { return (minY + maxY) / 2; }
};

struct Geometry {
    GeometryType type = GeometryType::Point;
    std::vector<double> xy;            // x0, y0, x1, y1, …
    std::vector<std::uint32_t> rings;  // start point index of each ring/line; back() = point count
    std::vector<std::uint32_t> parts;  // start ring index of each part; back() = ring count
    Bounds bounds;

    std::size_t pointCount() const { return xy.size() / 2; }
    std::size_t ringCount() const { return rings.empty() ? 0 : rings.size() - 1; }
    std::size_t partCount() const { return parts.empty() ? 0 : parts.size() - 1; }
    bool isEmpty() const { return xy.empty(); }
    bool isPolygonal() const {
        return type == GeometryType::Polygon || type == GeometryType::MultiPolygon;
    }
    bool isPuntal() const {
        return type == GeometryType::Point || type == GeometryType::MultiPoint;
    }
    // Point-in-polygon (even-odd over all rings); false for non-polygons.
    bool containsPoint(double x, double y) const;
    void recomputeBounds();
};

// Parses a SpatiaLite geometry BLOB (uncompressed XY classes; Z/M ordinates are
// dropped). Throws Error(Geometry) on malformed or truncated input.
Geometry parseSpatialiteBlob(const unsigned char* data, std::size_t size, int* srid = nullptr);
// Parses little- or big-endian ISO/OGC WKB (2D).
Geometry parseWkb(const unsigned char* data, std::size_t size);
// SpatiaLite BLOB for a geometry (used by the builder and tests).
std::vector<unsigned char> toSpatialiteBlob(const Geometry& g, int srid);
// ISO WKB (little endian, 2D) for a geometry. Throws Error(Geometry) for a
// simple type with other than one part.
std::vector<unsigned char> toWkb(const Geometry& g);

}  // namespace jinmap
