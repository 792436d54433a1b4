#pragma once
// Antialiased solid polygon fill straight into a 32-bit QImage: exact area
// coverage by signed-area accumulation (the font-rs / stb_truetype method),
// nonzero winding, blended source-over in premultiplied ARGB. It gives the
// same coverage as QPainter's antialiased fill at a fraction of the per-call
// and per-scanline cost, which dominate maps of many small polygons. Used by
// the renderer only where QPainter would do exactly the same (raster image,
// translation-only transform, no clip, source-over, full opacity); everything
// else goes through QPainter.
#include <QImage>
#include <QPoint>
#include <QPointF>
#include <initializer_list>
#include <vector>

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
    // hatched when `hatch` is given. Holes must wind opposite to their shell
    // (LayerData guarantees it); overlapping rings of the same winding give
    // their union.
    void fill(const QPointF* pts, const int* starts, int rings, QRgb color,
              const Hatch* hatch = nullptr);

  private:
    QImage* image_ = nullptr;
    QPoint offset_;
};

// A stroke as rings for CoverageFill: one quadrilateral per segment and a
// bevel triangle on each side of every joint, all wound the same way, so
// that the fill (nonzero, union) paints the stroke once however its pieces
// overlap. Flat caps. Cheaper than QPainter's stroker for the thin (1–3 px)
// solid lines of maps, which has to build arcs, joins and a path first.
class StrokeRings {
  public:
    void clear();
    // Appends the polyline pts[0..n) stroked `width` pixels wide; a polyline
    // whose last point equals its first is closed (its first joint bevelled too).
    void addPolyline(const QPointF* pts, int n, double width);
    bool isEmpty() const { return starts_.size() <= 1; }
    std::size_t pointCount() const { return points_.size(); }
    void fillWith(CoverageFill& coverage, QRgb color) const;

  private:
    void addRing(std::initializer_list<QPointF> ring);
    void addJoint(QPointF at, QPointF n1, QPointF n2);
    std::vector<QPointF> points_;
    std::vector<int> starts_{0};
};

}  // namespace jinmap
