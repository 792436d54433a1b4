#pragma once
// Map extents from user input, shared by `jinmap render`, `jinmap bench` and
// the exporter: a prefecture (大同市), a county (太谷区, 大同市/平城区, adcode),
// the province ("山西", "province", empty) or "minx,miny,maxx,maxy" in lon/lat.
#include <QSize>
#include <string>

#include "data/geometry.h"
#include "render/map_renderer.h"

namespace jinmap {

class GeoDatabase;

// Lon/lat bounds of `text`. Throws Error(Usage) for malformed coordinates and
// Error(NotFound) / Error(Usage) for unknown or ambiguous names.
Bounds resolveExtent(const GeoDatabase& db, const std::string& text);

// `bounds` (map units) grown to the aspect of `size` around its centre, plus
// `marginFraction` of its size on every side.
Bounds fitToAspect(const Bounds& bounds, QSize size, double marginFraction = 0.0);

// A view of lon/lat `lonLat` in `crs` at `size`, padded to the image aspect.
// Throws Error(Projection) for an unknown CRS.
MapView makeView(const std::string& crs, const Bounds& lonLat, QSize size, double dpi = 96,
                 double marginFraction = 0.0);

// "1920x1080" → QSize; throws Error(Usage) unless 1..32000 on each side.
QSize parseSize(const std::string& text);

}  // namespace jinmap
