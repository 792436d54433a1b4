// Fill layers: each feature's rings through the geometry pipeline, filled
// with the style's colour under its fill rule, hatched for "no data" areas
// (jinmap:hatch), outlined with fill-outline-color. A raster target gets
// CoverageFill; PDF, SVG and transformed painters get QPainter with the same
// fill rule. Features under half a pixel become a pixel of their colour (no
// holes in a small-scale map); on QPainter targets small features of a class
// are drawn as one path.
#include <QPainter>
#include <QPainterPath>
#include <cmath>

#include "render/layer_cache.h"
#include "render/layer_painter.h"
#include "style/color.h"

namespace jinmap {

namespace {

// Features smaller than this (px) are batched per class on QPainter targets.
constexpr double kSmallFeaturePx = 8;

Qt::FillRule qtFillRule(FillRule rule) {
    return rule == FillRule::NonZero ? Qt::WindingFill : Qt::OddEvenFill;
}

void addRings(QPainterPath& path, const PixelParts& parts, bool close) {
    for (int r = 0; r < parts.count(); ++r) {
        const int a = parts.starts[static_cast<std::size_t>(r)];
        const int b = parts.starts[static_cast<std::size_t>(r) + 1];
        if (b - a < 2 || (close && b - a < 3)) continue;
        path.moveTo(parts.pts[static_cast<std::size_t>(a)]);
        for (int k = a + 1; k < b; ++k) path.lineTo(parts.pts[static_cast<std::size_t>(k)]);
        if (close) path.closeSubpath();
    }
}

class FillPainter final : public LayerPainter {
  public:
    void begin(FrameContext& ctx, const LayerInput& in) override {
        data_ = &in.data;
        geometry_ = &in.data.geometryFor(ctx.frame.tolerance);
        const double pr = ctx.frame.pixelRatio;
        classes_.clear();
        for (const Paint& p : in.styled.paints()) {
            Class c;
            c.paint = &p;
            const QColor color = toQColor(p.fill, p.fillOpacity);
            c.brush = QBrush(color);
            c.color = color.rgba();
            c.rule = p.fillRule;
            if (p.outline)
                c.pen = strokePen(StrokeShape{1.0 * pr, LineJoin::Miter, LineCap::Butt, 2},
                                  toQColor(p.outlineColor, p.fillOpacity), {});
            const QColor hatchColor = p.outline ? toQColor(p.outlineColor) : QColor(128, 128, 128);
            c.hatchBrush = QBrush(hatchColor, Qt::BDiagPattern);
            c.hatchBrush.setTransform(QTransform::fromScale(pr, pr));
            c.hatch.color = hatchColor.rgba();
            c.hatch.period = std::max(1, static_cast<int>(std::lround(8 * pr)));
            c.hatch.width = std::max(1, static_cast<int>(std::lround(pr)));
            c.small.setFillRule(qtFillRule(c.rule));
            classes_.push_back(std::move(c));
        }
        current_ = kNone;
    }

    bool feature(FrameContext& ctx, std::size_t i, std::size_t cls) override {
        vertices_ = 0;
        Class& c = classes_[cls];
        const Frame& f = ctx.frame;
        const QRectF bb = f.pxBounds(data_->bounds(i));
        if (bb.width() < 0.5 && bb.height() < 0.5) {
            // A dot of its colour, drawn with the others of its class at the end.
            const QPointF center = bb.center();
            if (!f.rect.contains(center)) return false;
            c.dots.emplace_back(center.x() - 0.5, center.y() - 0.5, 1, 1);
            return true;
        }
        const bool clip = !f.clipRect.contains(bb);
        if (ctx.coverage.isValid()) {
            fillRaster(ctx, c, i, clip);
        } else if (!clip && bb.width() < kSmallFeaturePx && bb.height() < kSmallFeaturePx &&
                   !c.paint->hatch) {
            // Small features of a class share one path (one rasterizer call).
            ctx.geometry.polygon(*geometry_, i, false, rings_);
            addRings(c.small, rings_, true);
            if (c.paint->outline) addRings(c.smallOutline, rings_, true);
            if (c.small.elementCount() > 2000) flush(ctx, c);
        } else {
            fillPainter(ctx, c, i, clip);
        }
        vertices_ = rings_.pts.size();
        return f.rect.intersects(bb);
    }

    void end(FrameContext& ctx) override {
        for (Class& c : classes_) flush(ctx, c);
    }
    std::size_t lastVertices() const override { return vertices_; }

  private:
    static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
    struct Class {
        const Paint* paint = nullptr;
        QBrush brush, hatchBrush;
        QPen pen{Qt::NoPen};
        QRgb color = 0;
        FillRule rule = FillRule::EvenOdd;
        CoverageFill::Hatch hatch;
        std::vector<QRectF> dots;          // sub-pixel features
        QPainterPath small, smallOutline;  // small features (QPainter targets)
    };

    // The outline of feature i: its rings closed, or when clipped only the
    // pieces of its real edges (never the clip rectangle's).
    void outlinePath(FrameContext& ctx, std::size_t i, bool clip) {
        outline_.clear();
        if (clip) {
            ctx.geometry.polylines(*geometry_, i, true, pieces_);
            addRings(outline_, pieces_, false);
        } else {
            addRings(outline_, rings_, true);
        }
    }

    void fillRaster(FrameContext& ctx, const Class& c, std::size_t i, bool clip) {
        ctx.geometry.polygon(*geometry_, i, clip, rings_);
        ctx.coverage.fill(rings_.pts.data(), rings_.starts.data(), rings_.count(), c.color, c.rule,
                          c.paint->hatch ? &c.hatch : nullptr);
        if (c.paint->outline) {
            outlinePath(ctx, i, clip);
            ctx.painter.setBrush(Qt::NoBrush);
            ctx.painter.setPen(c.pen);
            ctx.painter.drawPath(outline_);
            current_ = kNone;
        }
    }

    void drawRings(QPainter& painter, Qt::FillRule rule) {
        if (rings_.count() == 1) {
            const int n = rings_.starts[1] - rings_.starts[0];
            if (n >= 3) painter.drawPolygon(rings_.pts.data(), n, rule);
            return;
        }
        path_.clear();
        path_.setFillRule(rule);
        addRings(path_, rings_, true);
        painter.drawPath(path_);
    }

    void fillPainter(FrameContext& ctx, const Class& c, std::size_t i, bool clip) {
        QPainter& painter = ctx.painter;
        const Qt::FillRule rule = qtFillRule(c.rule);
        ctx.geometry.polygon(*geometry_, i, clip, rings_);
        if (!clip) {
            // Fill and outline in one call.
            const std::size_t cls = static_cast<std::size_t>(&c - classes_.data());
            if (cls != current_) {
                painter.setPen(c.pen);
                painter.setBrush(c.brush);
                current_ = cls;
            }
            drawRings(painter, rule);
            if (c.paint->hatch) {
                painter.setPen(Qt::NoPen);
                painter.setBrush(c.hatchBrush);
                drawRings(painter, rule);
                current_ = kNone;
            }
            return;
        }
        painter.setPen(Qt::NoPen);
        painter.setBrush(c.brush);
        drawRings(painter, rule);
        if (c.paint->hatch) {
            painter.setBrush(c.hatchBrush);
            drawRings(painter, rule);
        }
        if (c.paint->outline) {
            outlinePath(ctx, i, true);
            painter.setBrush(Qt::NoBrush);
            painter.setPen(c.pen);
            painter.drawPath(outline_);
        }
        current_ = kNone;
    }

    void flush(FrameContext& ctx, Class& c) {
        QPainter& painter = ctx.painter;
        if (!c.small.isEmpty()) {
            painter.setPen(Qt::NoPen);
            painter.setBrush(c.brush);
            painter.drawPath(c.small);
            c.small.clear();
            c.small.setFillRule(qtFillRule(c.rule));
        }
        if (!c.smallOutline.isEmpty()) {
            painter.setBrush(Qt::NoBrush);
            painter.setPen(c.pen);
            painter.drawPath(c.smallOutline);
            c.smallOutline.clear();
        }
        if (!c.dots.empty()) {
            painter.setPen(Qt::NoPen);
            painter.setBrush(c.brush);
            painter.drawRects(c.dots.data(), static_cast<int>(c.dots.size()));
            c.dots.clear();
        }
        current_ = kNone;
    }

    const LayerData* data_ = nullptr;
    const FlatGeometry* geometry_ = nullptr;
    std::vector<Class> classes_;
    std::size_t current_ = kNone;
    PixelParts rings_, pieces_;
    QPainterPath path_, outline_;
    std::size_t vertices_ = 0;
};

}  // namespace

std::unique_ptr<LayerPainter> makeFillPainter() {
    return std::make_unique<FillPainter>();
}

}  // namespace jinmap
