#pragma once
// Geometry operations of the renderer: clipping to the view rectangle (so
// vector output holds no out-of-page geometry: SVG ignores clip paths),
// Douglas–Peucker simplification and label anchors (pole of inaccessibility).
#include <QPointF>
#include <QRectF>
#include <cstdint>
#include <vector>

namespace jinmap {

struct Geometry;
struct Bounds;

// Sutherland–Hodgman: clips one closed ring (first point may or may not repeat
// at the end) to `rect`. `out` receives the clipped ring (closed, first point
// repeated), empty when nothing remains. `scratch` avoids allocation.
void clipRing(const QPointF* ring, int count, const QRectF& rect, std::vector<QPointF>& out,
              std::vector<QPointF>& scratch);

// Clips a polyline to `rect` (Liang–Barsky per segment). Appends the visible
// pieces to `points`, each piece's start index to `starts` (a piece is
// points[starts[i] .. next start or points.size()).
void clipPolyline(const QPointF* line, int count, const QRectF& rect, std::vector<QPointF>& points,
                  std::vector<int>& starts);

// Douglas–Peucker's step: the vertex strictly between a and b (indices of
// the x,y pairs in xy) farthest from the segment a–b, with its squared
// distance; {a, -1} when b <= a + 1.
struct FarthestVertex {
    std::size_t index;
    double distance2;
};
FarthestVertex farthestFromChord(const double* xy, std::size_t a, std::size_t b);

// Douglas–Peucker over interleaved x,y (count points). Appends the kept points
// to `out` (a std::vector<double>, with the standard or the huge-page
// allocator). A closed ring keeps at least 4 points (3 distinct), a line 2.
template <typename Out>
void simplifyDouglasPeucker(const double* xy, std::size_t count, double tolerance, bool closed,
                            Out& out);

// Pole of inaccessibility (polylabel) of a polygonal geometry's largest part,
// to `precision` map units; the centre of the bounds for other types.
QPointF poleOfInaccessibility(const Geometry& g, double precision);

// Where a polygon's label goes: the pole of inaccessibility of a coarse copy
// (exact to about 1 % of the feature). `xy` are g's coordinates projected to
// the map CRS, `bounds` their bounds. The renderer and the geometry store
// (the builder) place labels with this one function.
QPointF polygonLabelAnchor(const std::vector<double>& xy, const Geometry& g, const Bounds& bounds);

// Reverses every hole of g whose winding equals its shell's, in `xy` (g's
// coordinates, projected), so that nonzero filling equals even-odd.
void orientRings(std::vector<double>& xy, const Geometry& g);

}  // namespace jinmap
