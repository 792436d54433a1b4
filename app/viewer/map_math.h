#pragma once
// Qt Location's camera in core terms. Qt Location's Map draws the world
// 256·2^zoomLevel logical pixels wide (256-px tiles); the style's zoom is
// MapLibre's (512-px tiles), one less at the same scale. Coordinates go
// through core's Web Mercator (render/projection.h); this header only turns
// a Qt Location zoom level into a resolution and a camera into an extent.
#include <QPointF>
#include <QSizeF>
#include <cmath>

#include "data/geometry.h"
#include "render/projection.h"

namespace jinmap::viewer {

// The style's zoom (MapLibre's: what minzoom, maxzoom and ["zoom"] mean) for
// Qt Location's zoomLevel at the same scale, and back.
inline double styleZoom(double qtLocationZoom) {
    return qtLocationZoom - 1.0;
}
inline double qtLocationZoom(double styleZoomLevel) {
    return styleZoomLevel + 1.0;
}

// EPSG:3857 metres per logical pixel at a Qt Location zoom level.
inline double metresPerPixel(double qtZoom) {
    constexpr double kWorld = 2 * 3.14159265358979323846 * 6378137.0;
    return kWorld / (256.0 * std::pow(2.0, qtZoom));
}

// Lon/lat ↔ EPSG:3857 through core.
inline QPointF toMercator(double lon, double lat) {
    lonLatToWebMercator(lon, lat);
    return {lon, lat};
}
inline QPointF toLonLat(QPointF merc) {
    double x = merc.x(), y = merc.y();
    webMercatorToLonLat(x, y);
    return {x, y};
}
inline Bounds lonLatToMercator(const Bounds& b) {
    Bounds m;
    if (b.isEmpty()) return m;
    const QPointF lo = toMercator(b.minX, b.minY), hi = toMercator(b.maxX, b.maxY);
    m.extend(lo.x(), lo.y());
    m.extend(hi.x(), hi.y());
    return m;
}

// A camera: centre (EPSG:3857), Qt Location zoom, viewport in logical pixels.
struct Camera {
    QPointF center;
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
    // EPSG:3857 → item pixel and back.
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

}  // namespace jinmap::viewer
