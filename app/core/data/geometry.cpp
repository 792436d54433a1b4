#include "data/geometry.h"

#include <cmath>
#include <cstring>

#include "base/error.h"

namespace jinmap {

const char* geometryTypeName(GeometryType type) noexcept {
    switch (type) {
        case GeometryType::Point:
            return "POINT";
        case GeometryType::LineString:
            return "LINESTRING";
        case GeometryType::Polygon:
            return "POLYGON";
        case GeometryType::MultiPoint:
            return "MULTIPOINT";
        case GeometryType::MultiLineString:
            return "MULTILINESTRING";
        case GeometryType::MultiPolygon:
            return "MULTIPOLYGON";
    }
    return "GEOMETRY";
}

bool Geometry::containsPoint(double x, double y) const {
    if (!isPolygonal() || !bounds.contains(x, y)) return false;
    bool inside = false;
    for (std::size_t r = 0; r + 1 < rings.size(); ++r) {
        const std::uint32_t begin = rings[r], end = rings[r + 1];
        if (end - begin < 3) continue;
        for (std::uint32_t i = begin, j = end - 1; i < end; j = i++) {
            const double xi = xy[std::size_t{2} * i], yi = xy[std::size_t{2} * i + 1];
            const double xj = xy[std::size_t{2} * j], yj = xy[std::size_t{2} * j + 1];
            if (((yi > y) != (yj > y)) && (x < (xj - xi) * (y - yi) / (yj - yi) + xi))
                inside = !inside;
        }
    }
    return inside;
}

void Geometry::recomputeBounds() {
    bounds = Bounds{};
    for (std::size_t i = 0; i + 1 < xy.size(); i += 2) bounds.extend(xy[i], xy[i + 1]);
}

namespace {

// Bounds-checked little/big endian reader.
class ByteReader {
  public:
    ByteReader(const unsigned char* data, std::size_t size) : data_(data), size_(size) {}
    void setLittleEndian(bool le) { little_ = le; }
    bool littleEndian() const { return little_; }
    std::size_t remaining() const { return size_ - pos_; }
    std::size_t position() const { return pos_; }
    void skip(std::size_t n) {
        need(n);
        pos_ += n;
    }
    std::uint8_t u8() {
        need(1);
        return data_[pos_++];
    }
    std::uint32_t u32() {
        need(4);
        std::uint32_t v = 0;
        if (little_) {
            for (int i = 3; i >= 0; --i) v = (v << 8) | data_[pos_ + i];
        } else {
            for (int i = 0; i < 4; ++i) v = (v << 8) | data_[pos_ + i];
        }
        pos_ += 4;
        return v;
    }
    double f64() {
        need(8);
        std::uint64_t v = 0;
        if (little_) {
            for (int i = 7; i >= 0; --i) v = (v << 8) | data_[pos_ + i];
        } else {
            for (int i = 0; i < 8; ++i) v = (v << 8) | data_[pos_ + i];
        }
        pos_ += 8;
        double d;
        std::memcpy(&d, &v, sizeof d);
        return d;
    }

  private:
    void need(std::size_t n) const {
        if (n > size_ - pos_) throw Error(ErrorKind::Geometry, "truncated geometry blob");
    }
    const unsigned char* data_;
    std::size_t size_;
    std::size_t pos_ = 0;
    bool little_ = true;
};

struct Dims {
    int ordinates = 2;  // 2, 3 (Z or M) or 4 (ZM)
};

void readPoints(ByteReader& in, Geometry& g, std::uint32_t count, Dims dims) {
    // Each point needs at least 16 bytes: reject counts the blob cannot hold
    // before allocating (a hostile count must not cause a huge allocation).
    if (static_cast<std::uint64_t>(count) * 8u * dims.ordinates > in.remaining())
        throw Error(ErrorKind::Geometry, "point count exceeds blob size");
    g.xy.reserve(g.xy.size() + 2 * static_cast<std::size_t>(count));
    for (std::uint32_t i = 0; i < count; ++i) {
        const double x = in.f64();
        const double y = in.f64();
        for (int k = 2; k < dims.ordinates; ++k) in.f64();
        if (!std::isfinite(x) || !std::isfinite(y))
            throw Error(ErrorKind::Geometry, "non-finite coordinate");
        g.xy.push_back(x);
        g.xy.push_back(y);
        g.bounds.extend(x, y);
    }
}

void beginRing(Geometry& g) {
    g.rings.push_back(static_cast<std::uint32_t>(g.pointCount()));
}
void beginPart(Geometry& g) {
    g.parts.push_back(static_cast<std::uint32_t>(g.rings.size()));
}
void finish(Geometry& g) {
    g.rings.push_back(static_cast<std::uint32_t>(g.pointCount()));
    g.parts.push_back(static_cast<std::uint32_t>(g.rings.size() - 1));
}

// Body of a simple geometry; base type 1 = point, 2 = line, 3 = polygon.
void readSimpleBody(ByteReader& in, Geometry& g, int base, Dims dims) {
    beginPart(g);
    if (base == 1) {
        beginRing(g);
        readPoints(in, g, 1, dims);
    } else if (base == 2) {
        beginRing(g);
        readPoints(in, g, in.u32(), dims);
    } else {
        const std::uint32_t nrings = in.u32();
        if (nrings > in.remaining() / 4)
            throw Error(ErrorKind::Geometry, "ring count exceeds blob size");
        for (std::uint32_t r = 0; r < nrings; ++r) {
            beginRing(g);
            readPoints(in, g, in.u32(), dims);
        }
    }
}

void splitType(std::uint32_t code, int* base, Dims* dims) {
    // ISO WKB / SpatiaLite: 1000 = Z, 2000 = M, 3000 = ZM.
    const std::uint32_t family = code / 1000;
    if (family > 3)
        throw Error(ErrorKind::Geometry, "unsupported geometry class " + std::to_string(code));
    *base = static_cast<int>(code % 1000);
    dims->ordinates = family == 0 ? 2 : (family == 3 ? 4 : 3);
}

GeometryType typeFor(int base) {
    switch (base) {
        case 1:
            return GeometryType::Point;
        case 2:
            return GeometryType::LineString;
        case 3:
            return GeometryType::Polygon;
        case 4:
            return GeometryType::MultiPoint;
        case 5:
            return GeometryType::MultiLineString;
        case 6:
            return GeometryType::MultiPolygon;
        default:
            throw Error(ErrorKind::Geometry, "unsupported geometry type " + std::to_string(base));
    }
}

}  // namespace

Geometry parseSpatialiteBlob(const unsigned char* data, std::size_t size, int* srid) {
    if (!data || size < 44) throw Error(ErrorKind::Geometry, "geometry blob too short");
    if (data[0] != 0x00 || data[38] != 0x7C || data[size - 1] != 0xFE)
        throw Error(ErrorKind::Geometry, "not a SpatiaLite geometry blob");
    ByteReader in(data, size - 1);
    in.skip(1);
    const std::uint8_t endian = in.u8();
    if (endian != 0x01 && endian != 0x00) throw Error(ErrorKind::Geometry, "bad byte order mark");
    in.setLittleEndian(endian == 0x01);
    const auto s = static_cast<std::int32_t>(in.u32());
    if (srid) *srid = s;
    in.skip(32 + 1);  // MBR + 0x7C
    int base = 0;
    Dims dims;
    splitType(in.u32(), &base, &dims);
    Geometry g;
    g.type = typeFor(base);
    if (base <= 3) {
        readSimpleBody(in, g, base, dims);
    } else {
        const std::uint32_t n = in.u32();
        if (n > in.remaining() / 5)
            throw Error(ErrorKind::Geometry, "part count exceeds blob size");
        for (std::uint32_t i = 0; i < n; ++i) {
            if (in.u8() != 0x69) throw Error(ErrorKind::Geometry, "bad collection entity marker");
            int partBase = 0;
            Dims partDims;
            splitType(in.u32(), &partBase, &partDims);
            if (partBase != base - 3) throw Error(ErrorKind::Geometry, "mixed multi-geometry");
            readSimpleBody(in, g, partBase, partDims);
        }
    }
    finish(g);
    return g;
}

namespace {
void readWkbInto(ByteReader& in, Geometry& g, int depth, int* topBase) {
    if (depth > 2) throw Error(ErrorKind::Geometry, "nested WKB collections are not supported");
    const std::uint8_t order = in.u8();
    if (order > 1) throw Error(ErrorKind::Geometry, "bad WKB byte order");
    in.setLittleEndian(order == 1);
    int base = 0;
    Dims dims;
    splitType(in.u32(), &base, &dims);
    if (depth == 0) *topBase = base;
    if (base <= 3) {
        readSimpleBody(in, g, base, dims);
    } else if (base <= 6) {
        const std::uint32_t n = in.u32();
        if (n > in.remaining() / 5) throw Error(ErrorKind::Geometry, "part count exceeds WKB size");
        for (std::uint32_t i = 0; i < n; ++i) readWkbInto(in, g, depth + 1, topBase);
    } else {
        throw Error(ErrorKind::Geometry, "unsupported WKB type " + std::to_string(base));
    }
}
}  // namespace

Geometry parseWkb(const unsigned char* data, std::size_t size) {
    if (!data || size < 5) throw Error(ErrorKind::Geometry, "WKB too short");
    ByteReader in(data, size);
    Geometry g;
    int base = 0;
    readWkbInto(in, g, 0, &base);
    g.type = typeFor(base);
    finish(g);
    return g;
}

namespace {
void putU32(std::vector<unsigned char>& out, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<unsigned char>(v >> (8 * i)));
}
void putF64(std::vector<unsigned char>& out, double d) {
    std::uint64_t v;
    std::memcpy(&v, &d, sizeof v);
    for (int i = 0; i < 8; ++i) out.push_back(static_cast<unsigned char>(v >> (8 * i)));
}
// The coordinates of part `part` as a simple geometry of WKB base type
// `base` (1 point, 2 line string, 3 polygon): the body after byte order and
// type, identical in ISO WKB and in SpatiaLite's BLOB.
void putBody(std::vector<unsigned char>& out, const Geometry& g, std::size_t part, int base) {
    const std::uint32_t r0 = g.parts[part], r1 = g.parts[part + 1];
    auto putRing = [&](std::uint32_t r, bool withCount) {
        const std::uint32_t p0 = g.rings[r], p1 = g.rings[r + 1];
        if (withCount) putU32(out, p1 - p0);
        for (std::uint32_t p = p0; p < p1; ++p) {
            putF64(out, g.xy[std::size_t{2} * p]);
            putF64(out, g.xy[2 * p + 1]);
        }
    };
    if (base == 1) {
        putRing(r0, false);
    } else if (base == 2) {
        putRing(r0, true);
    } else {
        putU32(out, r1 - r0);
        for (std::uint32_t r = r0; r < r1; ++r) putRing(r, true);
    }
}
}  // namespace

std::vector<unsigned char> toSpatialiteBlob(const Geometry& g, int srid) {
    std::vector<unsigned char> out;
    out.reserve(64 + g.xy.size() * 8 + g.rings.size() * 4);
    out.push_back(0x00);
    out.push_back(0x01);
    putU32(out, static_cast<std::uint32_t>(srid));
    putF64(out, g.bounds.minX);
    putF64(out, g.bounds.minY);
    putF64(out, g.bounds.maxX);
    putF64(out, g.bounds.maxY);
    out.push_back(0x7C);
    const int code = static_cast<int>(g.type) + 1;
    putU32(out, static_cast<std::uint32_t>(code));
    if (code <= 3) {
        putBody(out, g, 0, code);
    } else {
        putU32(out, static_cast<std::uint32_t>(g.partCount()));
        for (std::size_t p = 0; p < g.partCount(); ++p) {
            out.push_back(0x69);
            putU32(out, static_cast<std::uint32_t>(code - 3));
            putBody(out, g, p, code - 3);
        }
    }
    out.push_back(0xFE);
    return out;
}

std::vector<unsigned char> toWkb(const Geometry& g) {
    std::vector<unsigned char> out;
    out.reserve(16 + g.xy.size() * 8 + g.rings.size() * 4 + g.parts.size() * 9);
    const int code = static_cast<int>(g.type) + 1;
    auto putPart = [&](std::size_t part, int base) {
        out.push_back(1);  // little endian
        putU32(out, static_cast<std::uint32_t>(base));
        putBody(out, g, part, base);
    };
    if (code <= 3) {
        if (g.partCount() != 1)
            throw Error(ErrorKind::Geometry, "simple geometry must have one part");
        putPart(0, code);
    } else {
        out.push_back(1);
        putU32(out, static_cast<std::uint32_t>(code));
        putU32(out, static_cast<std::uint32_t>(g.partCount()));
        for (std::size_t p = 0; p < g.partCount(); ++p) putPart(p, code - 3);
    }
    return out;
}

}  // namespace jinmap
