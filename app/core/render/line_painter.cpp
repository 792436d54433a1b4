// Line layers (and polygon outlines drawn as lines): each feature's lines
// through the geometry pipeline, stroked with the style's width, join, cap
// and dashes. Solid strokes on a raster target go through StrokeRings and
// CoverageFill (a class' strokes filled as one union); everything else, PDF
// and SVG included, through QPainter with the same join, cap and miter limit.
#include <QPainter>

#include "render/layer_cache.h"
#include "render/layer_painter.h"
#include "style/color.h"

namespace jinmap {

namespace {

class LinePainter final : public LayerPainter {
  public:
    void begin(FrameContext& ctx, const LayerInput& in) override {
        const StyledLayer& st = in.styled;
        // Borders of a polygon layer drawn with one pen: each shared edge once.
        const bool sharedBorders =
            in.data.polygonal() && st.paints().size() == 1 && st.allPass && !ctx.request.filter;
        data_ = &in.data;
        geometry_ = sharedBorders ? &in.data.boundariesFor(ctx.frame.tolerance)
                                  : &in.data.geometryFor(ctx.frame.tolerance);
        classes_.clear();
        for (const Paint& p : st.paints()) {
            Class c;
            c.shape = StrokeShape{p.lineWidth * ctx.frame.pixelRatio, p.join, p.cap, p.miterLimit};
            const QColor color = toQColor(p.line, p.lineOpacity);
            c.pen = strokePen(c.shape, color, p.dash);
            c.color = color.rgba();
            // Hairlines stay with QPainter (its thin-line rasterizer is as
            // fast and joins or caps of a pixel or less do not show).
            c.own = ctx.coverage.isValid() && p.dash.empty() && c.shape.width > 1;
            c.visible = c.shape.width > 0 && color.alpha() > 0;
            classes_.push_back(c);
        }
        current_ = kNone;
        strokes_.clear();
    }

    bool feature(FrameContext& ctx, std::size_t i, std::size_t cls) override {
        vertices_ = 0;
        const Class& c = classes_[cls];
        if (!c.visible) return false;
        if (cls != current_) {
            flush(ctx);
            ctx.painter.setPen(c.pen);
            ctx.painter.setBrush(Qt::NoBrush);
            current_ = cls;
        }
        const QRectF bb = ctx.frame.pxBounds(data_->bounds(i));
        ctx.geometry.polylines(*geometry_, i, !ctx.frame.clipRect.contains(bb), parts_);
        for (int r = 0; r < parts_.count(); ++r) {
            const int a = parts_.starts[static_cast<std::size_t>(r)];
            const int n = parts_.starts[static_cast<std::size_t>(r) + 1] - a;
            if (n < 2) continue;
            const QPointF* pts = parts_.pts.data() + a;
            if (c.own) {
                strokes_.addPolyline(pts, n, c.shape);
            } else if (n > 2 && pts[0] == pts[n - 1]) {
                // A closed ring: joined where it closes, as StrokeRings does.
                ctx.painter.drawPolygon(pts, n - 1);
            } else {
                ctx.painter.drawPolyline(pts, n);
            }
        }
        vertices_ = parts_.pts.size();
        if (strokes_.pointCount() > 200000) flush(ctx);
        return ctx.frame.rect.intersects(bb);
    }

    void end(FrameContext& ctx) override { flush(ctx); }
    std::size_t lastVertices() const override { return vertices_; }

  private:
    static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
    struct Class {
        StrokeShape shape;
        QPen pen;
        QRgb color = 0;
        bool own = false;
        bool visible = true;
    };
    void flush(FrameContext& ctx) {
        if (current_ != kNone && !strokes_.isEmpty())
            strokes_.fillWith(ctx.coverage, classes_[current_].color);
        strokes_.clear();
    }
    const LayerData* data_ = nullptr;
    const FlatGeometry* geometry_ = nullptr;
    std::vector<Class> classes_;
    std::size_t current_ = kNone;
    StrokeRings strokes_;
    PixelParts parts_;
    std::size_t vertices_ = 0;
};

}  // namespace

std::unique_ptr<LayerPainter> makeLinePainter() {
    return std::make_unique<LinePainter>();
}

}  // namespace jinmap
