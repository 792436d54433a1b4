#include "measure.h"

#include <geodesic.h>

#include <array>
#include <charconv>
#include <cmath>

#include "export/geo_measure.h"
#include "map_math.h"

namespace jinmap::viewer {

namespace {

const geod_geodesic& wgs84() {
    static const geod_geodesic g = [] {
        geod_geodesic e{};
        geod_init(&e, 6378137.0, 1 / 298.257223563);
        return e;
    }();
    return g;
}

// `value` with `decimals` digits after the point, locale-independent.
QString fixed(double value, int decimals) {
    std::array<char, 64> buf{};
    const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), value,
                                 std::chars_format::fixed, decimals);
    return QString::fromLatin1(buf.data(), static_cast<int>(r.ptr - buf.data()));
}

// Three significant digits at most, never fewer than the integer part.
QString significant(double value) {
    const int decimals = value >= 100 ? 0 : value >= 10 ? 1 : 2;
    return fixed(value, decimals);
}

}  // namespace

double geodesicDistance(QPointF a, QPointF b) {
    double s12 = 0;
    geod_inverse(&wgs84(), a.y(), a.x(), b.y(), b.x(), &s12, nullptr, nullptr);
    return s12;
}

double pathLength(const QVector<QPointF>& points, bool closed) {
    double total = 0;
    for (int i = 1; i < points.size(); ++i) total += geodesicDistance(points[i - 1], points[i]);
    if (closed && points.size() > 2) total += geodesicDistance(points.back(), points.front());
    return total;
}

double polygonArea(const QVector<QPointF>& points) {
    if (points.size() < 3) return 0;
    geod_polygon p{};
    geod_polygon_init(&p, 0);
    for (const QPointF& pt : points) geod_polygon_addpoint(&wgs84(), &p, pt.y(), pt.x());
    double area = 0, perimeter = 0;
    geod_polygon_compute(&wgs84(), &p, 0, 1, &area, &perimeter);
    return std::abs(area);
}

QString distanceText(double metres, bool chinese) {
    if (metres < 1000)
        return fixed(std::round(metres), 0) +
               (chinese ? QStringLiteral(" 米") : QStringLiteral(" m"));
    return significant(metres / 1000) + (chinese ? QStringLiteral(" 公里") : QStringLiteral(" km"));
}

QString areaText(double squareMetres, bool chinese) {
    if (squareMetres < 1e6)
        return fixed(std::round(squareMetres), 0) +
               (chinese ? QStringLiteral(" 平方米") : QStringLiteral(" m²"));
    return significant(squareMetres / 1e6) +
           (chinese ? QStringLiteral(" 平方公里") : QStringLiteral(" km²"));
}

ScaleBar scaleBar(QPointF center, double metresPerPixel, double maxPixels, bool chinese) {
    ScaleBar bar;
    if (!(metresPerPixel > 0) || !(maxPixels > 0)) return bar;
    // Ground metres per pixel: the geodesic across 100 px of the map's
    // horizontal through the centre.
    const QPointF m = toMercator(center.x(), center.y());
    const double half = 50 * metresPerPixel;
    const double ground = geodesicDistance(toLonLat(QPointF(m.x() - half, m.y())),
                                           toLonLat(QPointF(m.x() + half, m.y()))) /
                          100.0;
    if (!(ground > 0)) return bar;
    bar.metres = roundScaleLength(maxPixels * ground);
    bar.pixels = bar.metres / ground;
    bar.text = QString::fromStdString(formatDistance(bar.metres, chinese));
    return bar;
}

QString coordinateText(QPointF lonLat, bool chinese) {
    const double lon = lonLat.x(), lat = lonLat.y();
    const QString x = fixed(std::abs(lon), 2), y = fixed(std::abs(lat), 2);
    if (chinese)
        return (lon >= 0 ? QStringLiteral("东经 ") : QStringLiteral("西经 ")) + x +
               QStringLiteral("°，") +
               (lat >= 0 ? QStringLiteral("北纬 ") : QStringLiteral("南纬 ")) + y +
               QStringLiteral("°");
    return x + (lon >= 0 ? QStringLiteral("° E, ") : QStringLiteral("° W, ")) + y +
           (lat >= 0 ? QStringLiteral("° N") : QStringLiteral("° S"));
}

}  // namespace jinmap::viewer
