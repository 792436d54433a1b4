#include "data/geojson.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <cmath>

#include "base/error.h"

namespace jinmap {

namespace {

using Json = rapidjson::Value;

[[noreturn]] void fail(const std::string& message) {
    throw Error(ErrorKind::Geometry, "GeoJSON: " + message);
}

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
    if (v.Size() < (ring ? 4u : 2u))
        fail(ring ? "a ring needs at least 4 positions" : "a line needs 2 positions");
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

}  // namespace

Geometry parseGeoJsonGeometry(const std::string& json) {
    rapidjson::Document doc;
    // Iterative parsing: deep nesting cannot overflow the stack.
    doc.Parse<rapidjson::kParseIterativeFlag>(json.c_str(), json.size());
    if (doc.HasParseError())
        fail(std::string(rapidjson::GetParseError_En(doc.GetParseError())) + " at offset " +
             std::to_string(doc.GetErrorOffset()));
    if (!doc.IsObject() || !doc.HasMember("type") || !doc["type"].IsString())
        fail("geometry needs a type");
    if (!doc.HasMember("coordinates")) fail("geometry needs coordinates");
    const std::string type = doc["type"].GetString();
    static const char* names[] = {"Point",      "LineString",      "Polygon",
                                  "MultiPoint", "MultiLineString", "MultiPolygon"};
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

GeosGeometryPtr geosFromGeoJson(const GeosContext& geos, const std::string& json) {
    const auto wkb = toWkb(parseGeoJsonGeometry(json));
    return geos.fromWkb(wkb.data(), wkb.size());
}

}  // namespace jinmap
