#pragma once
// Web Mercator (EPSG:3857) helpers shared by the thematic layer, hit testing
// and the tests. Qt Location's Map draws the world 256·2^zoom logical pixels
// wide, so one logical pixel is 2πR / (256·2^zoom) metres at the equator.
#include <QPointF>
#include <QSizeF>
#include <algorithm>
#include <cmath>

#include "data/geometry.h"

namespace jinmap::viewer {

constexpr double kEarthRadius = 6378137.0;
constexpr double kPi = 3.14159265358979323846;
constexpr double kMaxMercatorLat = 85.05112877980659;

inline double lonToMercX(double lon) {
    return kEarthRadius * lon * kPi / 180.0;
}
inline double latToMercY(double lat) {
    const double l = std::clamp(lat, -kMaxMercatorLat, kMaxMercatorLat);
    return kEarthRadius * std::log(std::tan(kPi / 4.0 + l * kPi / 360.0));
}
inline double mercXToLon(double x) {
    return x / kEarthRadius * 180.0 / kPi;
}
inline double mercYToLat(double y) {
    return (2.0 * std::atan(std::exp(y / kEarthRadius)) - kPi / 2.0) * 180.0 / kPi;
}
inline QPointF toMercator(double lon, double lat) {
    return {lonToMercX(lon), latToMercY(lat)};
}

// The style's zoom (MapLibre's: 512-px tiles, what minzoom, maxzoom and
// ["zoom"] mean) for Qt Location's zoomLevel (256-px tiles) at the same scale.
inline double styleZoom(double qtLocationZoom) {
    return qtLocationZoom - 1.0;
}

// Metres per logical pixel at a (Qt Location) zoom level.
inline double metresPerPixel(double zoom) {
    return 2.0 * kPi * kEarthRadius / (256.0 * std::pow(2.0, zoom));
}

// A camera: centre (Mercator metres), zoom, viewport in logical pixels.
struct Camera {
    QPointF center;  // EPSG:3857
    double zoom = 7;
    QSizeF size;

    double resolution() const { return metresPerPixel(zoom); }
    Bounds extent() const {
        const double r = resolution();
        Bounds b;
        b.minX = center.x() - size.width() / 2 * r;
        b.maxX = center.x() + size.width() / 2 * r;
        b.minY = center.y() - size.height() / 2 * r;
        b.maxY = center.y() + size.height() / 2 * r;
        return b;
    }
    // Mercator → item pixel and back.
    QPointF toPixel(QPointF merc) const {
        const double r = resolution();
        return {(merc.x() - center.x()) / r + size.width() / 2,
                (center.y() - merc.y()) / r + size.height() / 2};
    }
    QPointF toMercator(QPointF px) const {
        const double r = resolution();
        return {center.x() + (px.x() - size.width() / 2) * r,
                center.y() - (px.y() - size.height() / 2) * r};
    }
    bool operator==(const Camera& o) const {
        return center == o.center && zoom == o.zoom && size == o.size;
    }
    bool operator!=(const Camera& o) const { return !(*this == o); }
};

// The zoom level at which `extentMerc` fits into `size` (logical pixels).
inline double zoomToFit(const Bounds& extentMerc, QSizeF size, double marginPx = 24) {
    const double w = std::max(1.0, size.width() - 2 * marginPx);
    const double h = std::max(1.0, size.height() - 2 * marginPx);
    const double res = std::max(extentMerc.width() / w, extentMerc.height() / h);
    if (!(res > 0)) return 12;
    return std::log2(2.0 * kPi * kEarthRadius / (256.0 * res));
}

inline Bounds lonLatToMercator(const Bounds& b) {
    Bounds m;
    if (b.isEmpty()) return m;
    m.extend(lonToMercX(b.minX), latToMercY(b.minY));
    m.extend(lonToMercX(b.maxX), latToMercY(b.maxY));
    return m;
}

}  // namespace jinmap::viewer
