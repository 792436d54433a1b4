#pragma once
// Images the web themes need that MapLibre cannot draw by itself: the
// diagonal hatching of jinmap:hatch (a fill-pattern tile, as the desktop
// draws it: 1 px lines every 8 px, '/' direction, over the fill colour) and
// the jinmap:shape markers (star, square, triangle, circle) as signed-distance
// icons, so colour, size and outline stay data-driven (icon-color,
// icon-size, icon-halo-*), exactly like circle-color/radius/stroke.
#include <QByteArray>
#include <QImage>
#include <string>

#include "style/color.h"
#include "style/property.h"

namespace jinmap {

// A named image for map.addImage(): PNG bytes and MapLibre's image options.
struct SiteImage {
    std::string id;
    QByteArray png;
    double pixelRatio = 1;
    bool sdf = false;
};

// The hatch tile at `pixelRatio` (1 or 2): 8·pr square, the fill colour with
// a '/' line of pr pixels; seamless when repeated.
QImage hatchTile(const Color& fill, const Color& line, int pixelRatio);

// Marker shapes as SDF icons. A shape of "radius" kShapeUnitRadius fills the
// icon at icon-size 1 (icon-size = circle-radius / kShapeUnitRadius); the
// distance field is encoded as MapLibre's SDF shader reads it: the edge at
// alpha 0.75, one unit of alpha per 8 px, so icon-halo-width is in screen px.
constexpr double kShapeUnitRadius = 12.0;
constexpr int kShapePixelRatio = 4;
// Room around the shape for the halo (circle-stroke-width), in px at
// icon-size 1. Small, because the image is also the marker's collision box.
constexpr double kShapeBuffer = 3.5;
QImage shapeSdf(CircleShape shape);

// Image ids used by the translated styles.
std::string hatchImageId(const Color& fill, const Color& line);
std::string shapeImageId(CircleShape shape);

QByteArray toPng(const QImage& image);

}  // namespace jinmap
