#include "highlight_layer.h"

#include <QPainter>
#include <QQuickWindow>
#include <QSGFlatColorMaterial>
#include <QSGGeometryNode>
#include <QSGRenderNode>
#include <QSGRendererInterface>
#include <cmath>
#include <utility>
#include <vector>

#include "controller.h"

namespace jinmap::viewer {

namespace {

// The outlines' colour and width (px), the same on either scene graph.
struct OutlineStyle {
    QRgb color;
    float width;
};
constexpr OutlineStyle kSelection{0xffd7191c, 3.5f};
constexpr OutlineStyle kHover{0xffff8c00, 2.0f};

// Each segment as a quad of `width` pixels (two triangles), extended by half
// the width at both ends so that corners are covered.
void strokeRings(const QVector<QVector<QPointF>>& rings, const Camera& camera, float width,
                 const QRectF& view, QVector<QSGGeometry::Point2D>& out) {
    out.clear();
    const float half = width / 2;
    for (const QVector<QPointF>& ring : rings) {
        QPointF prev;
        for (int i = 0; i < ring.size(); ++i) {
            const QPointF p = camera.toPixel(ring[i]);
            if (i > 0) {
                const QRectF box =
                    QRectF(prev, p).normalized().adjusted(-width, -width, width, width);
                const double dx = p.x() - prev.x(), dy = p.y() - prev.y();
                const double len = std::hypot(dx, dy);
                if (len > 0.01 && box.intersects(view)) {
                    const float ux = static_cast<float>(dx / len) * half;
                    const float uy = static_cast<float>(dy / len) * half;
                    const float ax = static_cast<float>(prev.x()) - ux;
                    const float ay = static_cast<float>(prev.y()) - uy;
                    const float bx = static_cast<float>(p.x()) + ux;
                    const float by = static_cast<float>(p.y()) + uy;
                    const QSGGeometry::Point2D q[4] = {{ax - uy, ay + ux},
                                                       {ax + uy, ay - ux},
                                                       {bx + uy, by - ux},
                                                       {bx - uy, by + ux}};
                    for (int k : {0, 1, 2, 0, 2, 3}) out.push_back(q[k]);
                }
            }
            prev = p;
        }
    }
}

QSGGeometryNode* lineNode(QRgb color) {
    auto* node = new QSGGeometryNode;
    auto* geometry = new QSGGeometry(QSGGeometry::defaultAttributes_Point2D(), 0);
    geometry->setDrawingMode(QSGGeometry::DrawTriangles);
    node->setGeometry(geometry);
    node->setFlag(QSGNode::OwnsGeometry);
    auto* material = new QSGFlatColorMaterial;
    material->setColor(QColor::fromRgba(color));
    node->setMaterial(material);
    node->setFlag(QSGNode::OwnsMaterial);
    return node;
}

void setTriangles(QSGGeometryNode* node, const QVector<QSGGeometry::Point2D>& points) {
    QSGGeometry* g = node->geometry();
    g->allocate(points.size());
    std::copy(points.begin(), points.end(), g->vertexDataAsPoint2D());
    node->markDirty(QSGNode::DirtyGeometry);
}

}  // namespace

HighlightLayer::HighlightLayer(QQuickItem* parent) : QQuickItem(parent) {
    setFlag(ItemHasContents, true);
    setClip(true);
}

void HighlightLayer::setCenterLatitude(double lat) {
    if (lat == lat_) return;
    lat_ = lat;
    emit cameraChanged();
    update();
}

void HighlightLayer::setCenterLongitude(double lon) {
    if (lon == lon_) return;
    lon_ = lon;
    emit cameraChanged();
    update();
}

void HighlightLayer::setZoomLevel(qreal z) {
    if (qFuzzyCompare(z, zoom_)) return;
    zoom_ = z;
    emit cameraChanged();
    update();
}

void HighlightLayer::setController(Controller* c) {
    if (c == controller_) return;
    if (controller_) controller_->disconnect(this);
    controller_ = c;
    if (controller_) {
        connect(controller_, &Controller::selectionPathsChanged, this, [this] { update(); });
        connect(controller_, &Controller::hoverChanged, this, [this] { update(); });
    }
    emit controllerChanged();
    update();
}

Camera HighlightLayer::camera() const {
    Camera cam;
    cam.center = toMercator(lon_, lat_);
    cam.zoom = zoom_;
    cam.size = QSizeF(width(), height());
    return cam;
}

namespace {

// The outlines as polylines through the window's QPainter, for Qt Quick's
// software renderer (which draws no custom geometry).
class PaintedOutlines : public QSGRenderNode {
  public:
    struct Outline {
        QVector<QPolygonF> lines;  // item pixels
        QColor color;
        qreal width = 1;
    };
    explicit PaintedOutlines(QQuickWindow* window) : window_(window) {}
    void set(std::vector<Outline> outlines, const QRectF& rect) {
        outlines_ = std::move(outlines);
        rect_ = rect;
        markDirty(QSGNode::DirtyMaterial);
    }
    void render(const RenderState* state) override {
        auto* painter = static_cast<QPainter*>(window_->rendererInterface()->getResource(
            window_, QSGRendererInterface::PainterResource));
        if (!painter) return;
        painter->save();
        const QRegion* clip = state->clipRegion();
        if (clip && !clip->isEmpty()) painter->setClipRegion(*clip, Qt::ReplaceClip);
        painter->setTransform(matrix()->toTransform());
        painter->setOpacity(inheritedOpacity());
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setBrush(Qt::NoBrush);
        for (const Outline& o : outlines_) {
            painter->setPen(QPen(o.color, o.width, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
            for (const QPolygonF& line : o.lines) painter->drawPolyline(line);
        }
        painter->restore();
    }
    StateFlags changedStates() const override { return {}; }
    RenderingFlags flags() const override { return BoundedRectRendering; }
    QRectF rect() const override { return rect_; }

  private:
    QQuickWindow* window_;
    std::vector<Outline> outlines_;
    QRectF rect_;
};

QVector<QPolygonF> toPixels(const QVector<QVector<QPointF>>& rings, const Camera& camera) {
    QVector<QPolygonF> out;
    out.reserve(rings.size());
    for (const QVector<QPointF>& ring : rings) {
        QPolygonF line;
        line.reserve(ring.size());
        for (const QPointF& p : ring) line.append(camera.toPixel(p));
        out.append(line);
    }
    return out;
}

}  // namespace

QSGNode* HighlightLayer::updatePaintNode(QSGNode* old, UpdatePaintNodeData*) {
    if (window()->rendererInterface()->graphicsApi() == QSGRendererInterface::Software) {
        auto* node = old ? static_cast<PaintedOutlines*>(old) : new PaintedOutlines(window());
        std::vector<PaintedOutlines::Outline> outlines;
        if (controller_) {
            const Camera cam = camera();
            outlines.push_back({toPixels(controller_->selectionRings(), cam),
                                QColor::fromRgba(kSelection.color), kSelection.width});
            outlines.push_back({toPixels(controller_->hoverRings(), cam),
                                QColor::fromRgba(kHover.color), kHover.width});
        }
        node->set(std::move(outlines), QRectF(0, 0, width(), height()));
        return node;
    }
    QSGNode* root = old;
    if (!root) {
        root = new QSGNode;
        root->appendChildNode(lineNode(kSelection.color));
        root->appendChildNode(lineNode(kHover.color));
    }
    auto* selection = static_cast<QSGGeometryNode*>(root->firstChild());
    auto* hover = static_cast<QSGGeometryNode*>(root->lastChild());
    QVector<QSGGeometry::Point2D> points;
    const Camera cam = camera();
    const QRectF view(0, 0, width(), height());
    if (controller_)
        strokeRings(controller_->selectionRings(), cam, kSelection.width, view, points);
    setTriangles(selection, points);
    if (controller_)
        strokeRings(controller_->hoverRings(), cam, kHover.width, view, points);
    else
        points.clear();
    setTriangles(hover, points);
    return root;
}

}  // namespace jinmap::viewer
