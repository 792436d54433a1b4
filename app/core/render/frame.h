#pragma once
// One frame being drawn: the view's transform and clip rectangles (Frame),
// the geometry pipeline that turns a feature's stored geometry into device
// pixels (transform → clip; the level of detail was picked by simplification
// tolerance before), and the state the layer painters share (FrameContext):
// the painter and its raster fast paths, the label engine, legend counts.
// Internal to the renderer (map_renderer.cpp and the painters).
#include <QPainterPath>
#include <QPointF>
#include <QRectF>
#include <string>
#include <vector>

#include "render/coverage_fill.h"
#include "render/label_engine.h"
#include "render/map_renderer.h"

class QPainter;

namespace jinmap {

struct FlatGeometry;

struct Frame {
    Bounds extent;    // map CRS
    double sx, sy;    // device pixels per map unit
    QRectF rect;      // the frame, device pixels
    QRectF clipRect;  // the frame plus a margin (geometry is clipped to it)
    Bounds queryBounds;
    double pixelRatio;  // device pixels per style pixel
    double zoom;        // MapLibre zoom
    double tolerance;   // simplification tolerance, map units (0: exact)
    bool vector;        // PDF/SVG/print: no raster fast paths, real text

    static Frame make(const MapView& view, double zoom, double simplifyPixels, bool vector);

    QPointF px(double x, double y) const {
        return {(x - extent.minX) * sx, (extent.maxY - y) * sy};
    }
    QRectF pxBounds(const Bounds& b) const {
        return QRectF(QPointF((b.minX - extent.minX) * sx, (extent.maxY - b.maxY) * sy),
                      QPointF((b.maxX - extent.minX) * sx, (extent.maxY - b.minY) * sy));
    }
};

// Rings or polyline pieces in device pixels: part r is
// pts[starts[r] .. starts[r + 1]), starts.back() == pts.size().
struct PixelParts {
    std::vector<QPointF> pts;
    std::vector<int> starts;
    int count() const { return static_cast<int>(starts.size()) - 1; }
    void clear() {
        pts.clear();
        starts.assign(1, 0);
    }
    void endPart() { starts.push_back(static_cast<int>(pts.size())); }
};

// The geometry pipeline of every painter and every target (raster, PDF,
// SVG): the stored geometry at the frame's level of detail, transformed to
// device pixels, clipped to the frame's margin when it reaches beyond it (so
// vector output holds no off-page geometry), handed to the painter.
class GeometryPipeline {
  public:
    explicit GeometryPipeline(const Frame& frame) : frame_(frame) {}
    // Rings of feature i; clipped rings stay closed (a fill).
    void polygon(const FlatGeometry& g, std::size_t i, bool clip, PixelParts& out);
    // Rings or lines of feature i as polylines; clipping cuts them into
    // pieces (an outline never runs along the clip rectangle).
    void polylines(const FlatGeometry& g, std::size_t i, bool clip, PixelParts& out);

  private:
    void transform(const FlatGeometry& g, std::size_t i, PixelParts& out) const;
    const Frame& frame_;
    PixelParts raw_;
    std::vector<QPointF> clipped_, clipTmp_;
    std::vector<QPointF> piecePts_;
    std::vector<int> pieceStarts_;
};

// A stroke's pen for QPainter targets: the same join, cap and miter limit
// StrokeRings draws (Qt::SvgMiterJoin bevels long miters as MapLibre and
// PDF do; Qt::MiterJoin would clip them).
QPen strokePen(const StrokeShape& shape, const QColor& color, const std::vector<double>& dash);

// Obstacle groups for labels: one per source relation (a point layer's
// labels may cover that relation's symbols when the map is too dense).
class ObstacleGroups {
  public:
    int group(const std::string& relation);

  private:
    std::vector<std::string> relations_;
};

struct FrameContext {
    FrameContext(QPainter& p, const Frame& f, const RenderRequest& r, RenderResult& res);
    QPainter& painter;
    const Frame& frame;
    const RenderRequest& request;
    RenderResult& result;
    CoverageFill coverage;  // valid when the raster fast paths apply
    LabelEngine labels;
    ObstacleGroups obstacles;
    GeometryPipeline geometry;

    bool cancelled() const {
        return request.cancel && request.cancel->load(std::memory_order_relaxed);
    }
};

}  // namespace jinmap
