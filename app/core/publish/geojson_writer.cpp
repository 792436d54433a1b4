#include "publish/geojson_writer.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

#include "base/error.h"
#include "style/json.h"

namespace jinmap {

namespace {

// Twice the signed area (positive: counter-clockwise in lon/lat).
double signedArea2(const std::vector<double>& xy) {
    double a = 0;
    const std::size_t n = xy.size() / 2;
    for (std::size_t i = 0; i + 1 < n; ++i)
        a += xy[2 * i] * xy[2 * i + 3] - xy[2 * i + 2] * xy[2 * i + 1];
    return a;
}

}  // namespace

GeoJsonWriter::GeoJsonWriter(int decimals)
    : decimals_(std::clamp(decimals, 0, 9)), scale_(std::pow(10.0, decimals_)) {}

double GeoJsonWriter::round(double v) const {
    return std::round(v * scale_) / scale_;
}

void GeoJsonWriter::appendCoordinate(std::string& out, double v) const {
    std::array<char, 32> buf{};
    auto r =
        std::to_chars(buf.data(), buf.data() + buf.size(), v, std::chars_format::fixed, decimals_);
    if (r.ec != std::errc()) throw Error(ErrorKind::Export, "coordinate does not format");
    // Trailing zeros (and a bare point) carry nothing.
    char* end = r.ptr;
    if (decimals_ > 0) {
        while (end > buf.data() && end[-1] == '0') --end;
        if (end > buf.data() && end[-1] == '.') --end;
    }
    std::string_view text(buf.data(), static_cast<std::size_t>(end - buf.data()));
    if (text == "-0") text = "0";
    out.append(text);
}

std::vector<double> GeoJsonWriter::roundedPath(const Geometry& g, std::size_t ring) const {
    std::vector<double> xy;
    const std::size_t begin = g.rings[ring], end = g.rings[ring + 1];
    xy.reserve((end - begin) * 2);
    for (std::size_t i = begin; i < end; ++i) {
        const double x = round(g.xy[2 * i]), y = round(g.xy[2 * i + 1]);
        if (!std::isfinite(x) || !std::isfinite(y)) continue;
        const std::size_t n = xy.size();
        if (n >= 2 && xy[n - 2] == x && xy[n - 1] == y) continue;
        xy.push_back(x);
        xy.push_back(y);
    }
    return xy;
}

void GeoJsonWriter::appendPath(std::string& out, const std::vector<double>& xy,
                               bool reverse) const {
    const std::size_t n = xy.size() / 2;
    out.push_back('[');
    for (std::size_t k = 0; k < n; ++k) {
        const std::size_t i = reverse ? n - 1 - k : k;
        if (k) out.push_back(',');
        appendPosition(out, xy[2 * i], xy[2 * i + 1]);
    }
    out.push_back(']');
}

void GeoJsonWriter::appendPosition(std::string& out, double x, double y) const {
    out.push_back('[');
    appendCoordinate(out, x);
    out.push_back(',');
    appendCoordinate(out, y);
    out.push_back(']');
}

bool GeoJsonWriter::appendGeometry(std::string& out, const Geometry& g) const {
    if (g.isEmpty() || g.rings.size() < 2) return false;
    std::string body;
    std::size_t parts = 0;
    // Polygon parts as ring ranges (a Polygon may come without a parts list).
    const bool hasParts = g.parts.size() >= 2;
    const std::size_t partCount = hasParts ? g.partCount() : 1;
    auto partRange = [&](std::size_t p) {
        return hasParts ? std::pair<std::size_t, std::size_t>(g.parts[p], g.parts[p + 1])
                        : std::pair<std::size_t, std::size_t>(0, g.ringCount());
    };
    switch (g.type) {
        case GeometryType::Point:
        case GeometryType::MultiPoint: {
            for (std::size_t r = 0; r < g.ringCount(); ++r) {
                const std::vector<double> xy = roundedPath(g, r);
                for (std::size_t i = 0; i + 1 < xy.size(); i += 2) {
                    if (parts++) body.push_back(',');
                    appendPosition(body, xy[i], xy[i + 1]);
                }
            }
            if (parts == 0) return false;
            if (parts == 1)
                out += R"({"type":"Point","coordinates":)" + body + "}";
            else
                out += R"({"type":"MultiPoint","coordinates":[)" + body + "]}";
            return true;
        }
        case GeometryType::LineString:
        case GeometryType::MultiLineString: {
            for (std::size_t r = 0; r < g.ringCount(); ++r) {
                const std::vector<double> xy = roundedPath(g, r);
                if (xy.size() < 4) continue;
                if (parts++) body.push_back(',');
                appendPath(body, xy, false);
            }
            if (parts == 0) return false;
            if (parts == 1) {
                out += R"({"type":"LineString","coordinates":)" + body + "}";
            } else {
                out += R"({"type":"MultiLineString","coordinates":[)" + body + "]}";
            }
            return true;
        }
        case GeometryType::Polygon:
        case GeometryType::MultiPolygon: {
            for (std::size_t p = 0; p < partCount; ++p) {
                const auto [first, last] = partRange(p);
                std::string polygon;
                std::size_t rings = 0;
                for (std::size_t r = first; r < last; ++r) {
                    std::vector<double> xy = roundedPath(g, r);
                    const std::size_t n = xy.size();
                    if (n >= 2 && (xy[0] != xy[n - 2] || xy[1] != xy[n - 1])) {
                        xy.push_back(xy[0]);  // close the ring
                        xy.push_back(xy[1]);
                    }
                    // A ring needs three distinct points and an area.
                    const double area = signedArea2(xy);
                    if (xy.size() < 8 || area == 0) {
                        if (r == first) break;  // the exterior collapsed: drop the part
                        continue;
                    }
                    // RFC 7946: exterior counter-clockwise, holes clockwise.
                    const bool exterior = r == first;
                    const bool reverse = exterior ? area < 0 : area > 0;
                    if (rings++) polygon.push_back(',');
                    appendPath(polygon, xy, reverse);
                }
                if (rings == 0) continue;
                if (parts++) body.push_back(',');
                body += "[" + polygon + "]";
            }
            if (parts == 0) return false;
            if (parts == 1) {
                out += R"({"type":"Polygon","coordinates":)" + body + "}";
            } else {
                out += R"({"type":"MultiPolygon","coordinates":[)" + body + "]}";
            }
            return true;
        }
    }
    return false;
}

void GeoJsonWriter::appendValue(std::string& out, const Value& v) {
    switch (v.index()) {
        case 1:
            out += std::get<bool>(v) ? "true" : "false";
            return;
        case 2: {
            const double d = std::get<double>(v);
            if (!std::isfinite(d)) {
                out += "null";
                return;
            }
            out += json::formatNumber(d);
            return;
        }
        case 3:
            json::appendQuoted(out, std::get<std::string>(v));
            return;
        default:
            out += "null";
            return;
    }
}

bool GeoJsonWriter::appendFeature(std::string& out, const Feature& feature, const Fields& fields,
                                  const std::vector<int>& columns) const {
    std::string geometry;
    if (!appendGeometry(geometry, feature.geometry)) return false;
    out += R"({"type":"Feature","id":)";
    out += std::to_string(feature.id);
    out += R"(,"properties":{)";
    bool first = true;
    for (int c : columns) {
        if (c < 0 || static_cast<std::size_t>(c) >= feature.properties.size()) continue;
        const Value& v = feature.properties[static_cast<std::size_t>(c)];
        if (v.index() == 0) continue;
        if (!first) out.push_back(',');
        first = false;
        json::appendQuoted(out, fields.names[static_cast<std::size_t>(c)]);
        out.push_back(':');
        appendValue(out, v);
    }
    out += R"(},"geometry":)";
    out += geometry;
    out.push_back('}');
    return true;
}

}  // namespace jinmap
