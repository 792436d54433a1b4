#include "data/geojson.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <cmath>
#include <cstring>

#include "base/error.h"

namespace jinmap {

namespace {

using Json = rapidjson::Value;

[[noreturn]] void fail(const std::string& message) { throw Error(ErrorKind::Geometry, "GeoJSON: " + message); }

const Json& array(const Json& v, const char* what) {
    if (!v.IsArray()) fail(std::string(what) + " must be an array");
    return v;
}

void readPosition(const Json& v, Geometry& g) {
    if (!v.IsArray() || v.Size() < 2 || !v[0].IsNumber() || !v[1].IsNumber())
        fail("a position needs at least two numbers");
    const double x = v[0].GetDouble(), y = v[1].GetDouble();
    if (!std::isfinite(x) || !std::isfinite(y)) fail("non-finite coordinate");
    g.xy.push_back(x);
    g.xy.push_back(y);
    g.bounds.extend(x, y);
}

void readLine(const Json& v, Geometry& g, bool ring) {
    array(v, ring ? "a ring" : "a line");
    if (v.Size() < (ring ? 4u : 2u)) fail(ring ? "a ring needs at least 4 positions" : "a line needs 2 positions");
    g.rings.push_back(static_cast<std::uint32_t>(g.pointCount()));
    const std::size_t first = g.xy.size();
    for (const auto& p : v.GetArray()) readPosition(p, g);
    if (ring && (g.xy[first] != g.xy[g.xy.size() - 2] || g.xy[first + 1] != g.xy.back()))
        fail("a ring must be closed");
}

void readPart(const Json& coords, Geometry& g, int base) {
    g.parts.push_back(static_cast<std::uint32_t>(g.rings.size()));
    if (base == 1) {
        g.rings.push_back(static_cast<std::uint32_t>(g.pointCount()));
        readPosition(coords, g);
    } else if (base == 2) {
        readLine(coords, g, false);
    } else {
        array(coords, "polygon coordinates");
        if (coords.Empty()) fail("a polygon needs a ring");
        for (const auto& ring : coords.GetArray()) readLine(ring, g, true);
    }
}

void putU32(std::vector<unsigned char>& out, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<unsigned char>(v >> (8 * i)));
}
void putF64(std::vector<unsigned char>& out, double d) {
    std::uint64_t v;
    std::memcpy(&v, &d, sizeof v);
    for (int i = 0; i < 8; ++i) out.push_back(static_cast<unsigned char>(v >> (8 * i)));
}

void putSimple(std::vector<unsigned char>& out, const Geometry& g, std::size_t part, int base) {
    out.push_back(1);
    putU32(out, static_cast<std::uint32_t>(base));
    const std::uint32_t r0 = g.parts[part], r1 = g.parts[part + 1];
    auto points = [&](std::uint32_t r, bool count) {
        const std::uint32_t p0 = g.rings[r], p1 = g.rings[r + 1];
        if (count) putU32(out, p1 - p0);
        for (std::uint32_t p = p0; p < p1; ++p) {
            putF64(out, g.xy[2 * p]);
            putF64(out, g.xy[2 * p + 1]);
        }
    };
    if (base == 1) {
        points(r0, false);
    } else if (base == 2) {
        points(r0, true);
    } else {
        putU32(out, r1 - r0);
        for (std::uint32_t r = r0; r < r1; ++r) points(r, true);
    }
}

}  // namespace

Geometry parseGeoJsonGeometry(const std::string& json) {
    rapidjson::Document doc;
    // Iterative parsing: deep nesting cannot overflow the stack.
    doc.Parse<rapidjson::kParseIterativeFlag>(json.c_str(), json.size());
    if (doc.HasParseError())
        fail(std::string(rapidjson::GetParseError_En(doc.GetParseError())) + " at offset " +
             std::to_string(doc.GetErrorOffset()));
    if (!doc.IsObject() || !doc.HasMember("type") || !doc["type"].IsString()) fail("geometry needs a type");
    if (!doc.HasMember("coordinates")) fail("geometry needs coordinates");
    const std::string type = doc["type"].GetString();
    static const char* names[] = {"Point", "LineString", "Polygon", "MultiPoint", "MultiLineString", "MultiPolygon"};
    int code = 0;
    for (int i = 0; i < 6; ++i)
        if (type == names[i]) code = i + 1;
    if (code == 0) fail("unsupported geometry type '" + type + "'");
    Geometry g;
    g.type = static_cast<GeometryType>(code - 1);
    const Json& coords = doc["coordinates"];
    if (code <= 3) {
        readPart(coords, g, code);
    } else {
        array(coords, "multi-geometry coordinates");
        for (const auto& part : coords.GetArray()) readPart(part, g, code - 3);
    }
    g.rings.push_back(static_cast<std::uint32_t>(g.pointCount()));
    g.parts.push_back(static_cast<std::uint32_t>(g.rings.size() - 1));
    return g;
}

std::vector<unsigned char> toWkb(const Geometry& g) {
    std::vector<unsigned char> out;
    out.reserve(16 + g.xy.size() * 8 + g.rings.size() * 4 + g.parts.size() * 9);
    const int code = static_cast<int>(g.type) + 1;
    if (code <= 3) {
        if (g.partCount() != 1) throw Error(ErrorKind::Geometry, "simple geometry must have one part");
        putSimple(out, g, 0, code);
    } else {
        out.push_back(1);
        putU32(out, static_cast<std::uint32_t>(code));
        putU32(out, static_cast<std::uint32_t>(g.partCount()));
        for (std::size_t p = 0; p < g.partCount(); ++p) putSimple(out, g, p, code - 3);
    }
    return out;
}

}  // namespace jinmap
