#pragma once
// Antialiased solid polygon fill straight into a 32-bit QImage: exact area
// coverage by signed-area accumulation (the font-rs / stb_truetype method),
// even-odd or nonzero winding, blended source-over in premultiplied ARGB. It gives the
// same coverage as QPainter's antialiased fill at a fraction of the per-call
// and per-scanline cost, which dominate maps of many small polygons. Used by
// the renderer only where QPainter would do exactly the same (raster image,
// translation-only transform, no clip, source-over, full opacity); everything
// else goes through QPainter.
#include <QImage>
#include <QPoint>
#include <QPointF>
#include <vector>

#include "style/property.h"  // FillRule, LineJoin, LineCap

class QPainter;

namespace jinmap {

class CoverageFill {
  public:
    // A filler for `painter` when its target allows it, else an invalid one.
    static CoverageFill forPainter(QPainter& painter);
    bool isValid() const { return image_ != nullptr; }

    // Diagonal hatching ('/' lines, one every `period` pixels, `width` wide,
    // in image pixel coordinates, as Qt::BDiagPattern) over the fill colour.
    struct Hatch {
        QRgb color = 0;
        int period = 8;
        int width = 1;
    };

    // Fills the rings (pixel coordinates of the painter; ring r is
    // pts[starts[r] .. starts[r+1])) with `color` (straight ARGB, any alpha),
    // hatched when `hatch` is given, under `rule` as QPainter's Qt::OddEvenFill
    // / Qt::WindingFill would (nonzero: rings of the same winding give their
    // union).
    void fill(const QPointF* pts, const int* starts, int rings, QRgb color, FillRule rule,
              const Hatch* hatch = nullptr);

  private:
    QImage* image_ = nullptr;
    QPoint offset_;
};

// The shape of a stroke (MapLibre line-join, line-cap, line-miter-limit),
// in device pixels. Every backend draws it the same: QPainter through
// pen() (PDF, SVG, dashed lines), the raster fast path through StrokeRings.
struct StrokeShape {
    double width = 1;
    LineJoin join = LineJoin::Miter;
    LineCap cap = LineCap::Butt;
    double miterLimit = 2;  // SVG's: miter length / width; longer miters are bevelled
};

// A stroke as rings for CoverageFill: one quadrilateral per segment, a join
// piece on the outer side of every joint (bevel triangle, miter quadrilateral
// or round fan) and a cap piece at each end, all wound the same way, so that
// the fill (nonzero, union) paints the stroke once however its pieces
// overlap. It gives QPainter's stroker's outline (Qt::SvgMiterJoin, round
// joins and caps flattened to 0.02 px) at a fraction of its cost for the
// many short polylines of maps.
class StrokeRings {
  public:
    void clear();
    // Appends the polyline pts[0..n) stroked with `shape`; a polyline whose
    // last point equals its first is closed (joined there, no caps).
    void addPolyline(const QPointF* pts, int n, const StrokeShape& shape);
    bool isEmpty() const { return starts_.size() <= 1; }
    std::size_t pointCount() const { return points_.size(); }
    void fillWith(CoverageFill& coverage, QRgb color) const;

  private:
    void closeRing(std::size_t begin);
    void addJoint(QPointF at, QPointF n1, QPointF n2, double turn, const StrokeShape& shape);
    void addCap(QPointF at, QPointF normal, QPointF back, const StrokeShape& shape);
    void addArc(QPointF center, QPointF from, double sweep, double radius);
    std::vector<QPointF> points_;
    std::vector<int> starts_{0};
};

}  // namespace jinmap
