// Circle layers: a marker (circle, or jinmap:shape star / square / triangle)
// at every point, which labels avoid. Raster targets stamp a sprite drawn
// once per paint class; vector targets draw each marker.
#include <QPainter>
#include <cmath>

#include "render/layer_cache.h"
#include "render/layer_painter.h"
#include "style/color.h"

namespace jinmap {

namespace {

void drawShape(QPainter& painter, QPointF c, double r, CircleShape shape) {
    switch (shape) {
        case CircleShape::Circle:
            painter.drawEllipse(c, r, r);
            return;
        case CircleShape::Square:
            painter.drawRect(QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r));
            return;
        case CircleShape::Triangle: {
            const QPointF p[3] = {{c.x(), c.y() - r * 1.2},
                                  {c.x() - r * 1.04, c.y() + r * 0.6},
                                  {c.x() + r * 1.04, c.y() + r * 0.6}};
            painter.drawPolygon(p, 3);
            return;
        }
        case CircleShape::Star: {
            QPointF p[10];
            for (int k = 0; k < 10; ++k) {
                const double a = -M_PI / 2 + k * M_PI / 5;
                const double rr = (k % 2 == 0) ? r * 1.25 : r * 0.5;
                p[k] = QPointF(c.x() + rr * std::cos(a), c.y() + rr * std::sin(a));
            }
            painter.drawPolygon(p, 10);
            return;
        }
    }
}

// How far a shape reaches from its centre, in radii (a star's tips 1.25 r).
double shapeReach(CircleShape shape) {
    return shape == CircleShape::Star ? 1.25 : shape == CircleShape::Triangle ? 1.2 : 1.0;
}

class CirclePainter final : public LayerPainter {
  public:
    void begin(FrameContext& ctx, const LayerInput& in) override {
        data_ = &in.data;
        obstacleGroup_ = ctx.obstacles.group(in.data.relation());
        const double pr = ctx.frame.pixelRatio;
        classes_.clear();
        for (const Paint& p : in.styled.paints()) {
            Class c;
            c.shape = p.shape;
            c.radius = p.radius * pr;
            const double sw = p.strokeWidth * pr;
            c.brush = QBrush(toQColor(p.circle, p.circleOpacity));
            c.pen = sw > 0 ? QPen(toQColor(p.stroke, p.circleOpacity), sw) : QPen(Qt::NoPen);
            c.strokeWidth = sw;
            c.reach = c.radius * shapeReach(p.shape) + sw / 2;
            classes_.push_back(std::move(c));
        }
        current_ = kNone;
    }

    bool feature(FrameContext& ctx, std::size_t i, std::size_t cls) override {
        Class& c = classes_[cls];
        QPainter& painter = ctx.painter;
        if (ctx.frame.vector && cls != current_) {
            painter.setBrush(c.brush);
            painter.setPen(c.pen);
            current_ = cls;
        }
        const FlatGeometry& g = data_->exact();
        bool drawn = false;
        for (std::size_t r = g.ringBegin(i); r < g.ringEnd(i); ++r)
            for (std::size_t k = g.pointBegin(r); k < g.pointEnd(r); ++k) {
                const QPointF at = ctx.frame.px(g.x(k), g.y(k));
                if (!ctx.frame.rect.contains(at)) continue;
                if (ctx.frame.vector) {
                    drawShape(painter, at, c.radius, c.shape);
                } else {
                    // 100,000 antialiased ellipses cost ~270 ms; stamping a
                    // pre-drawn sprite a few percent of that.
                    const QImage& s = sprite(c);
                    painter.drawImage(QPointF(at.x() - s.width() / 2.0, at.y() - s.height() / 2.0),
                                      s);
                }
                // The obstacle covers the whole symbol; the feature's own
                // label ignores it (LabelEngine::collides).
                ctx.labels.addObstacle(
                    QRectF(at.x() - c.reach, at.y() - c.reach, 2 * c.reach, 2 * c.reach),
                    obstacleGroup_);
                drawn = true;
            }
        return drawn;
    }

    void end(FrameContext&) override {}

  private:
    static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
    struct Class {
        CircleShape shape = CircleShape::Circle;
        double radius = 0, reach = 0, strokeWidth = 0;
        QBrush brush;
        QPen pen;
        QImage sprite;  // raster: drawn on first use
    };

    static const QImage& sprite(Class& c) {
        if (c.sprite.isNull()) {
            const int half = static_cast<int>(std::ceil(c.radius * 1.25 + c.strokeWidth)) + 1;
            c.sprite = QImage(2 * half, 2 * half, QImage::Format_ARGB32_Premultiplied);
            c.sprite.fill(Qt::transparent);
            QPainter sp(&c.sprite);
            sp.setRenderHint(QPainter::Antialiasing);
            sp.setBrush(c.brush);
            sp.setPen(c.pen);
            drawShape(sp, QPointF(half, half), c.radius, c.shape);
        }
        return c.sprite;
    }

    const LayerData* data_ = nullptr;
    int obstacleGroup_ = -1;
    std::vector<Class> classes_;
    std::size_t current_ = kNone;
};

}  // namespace

std::unique_ptr<LayerPainter> makeCirclePainter() {
    return std::make_unique<CirclePainter>();
}

}  // namespace jinmap
