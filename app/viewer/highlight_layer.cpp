#include "highlight_layer.h"

#include <QSGFlatColorMaterial>
#include <QSGGeometryNode>
#include <cmath>

#include "controller.h"

namespace jinmap::viewer {

namespace {

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

QSGGeometryNode* lineNode(const QColor& color) {
    auto* node = new QSGGeometryNode;
    auto* geometry = new QSGGeometry(QSGGeometry::defaultAttributes_Point2D(), 0);
    geometry->setDrawingMode(QSGGeometry::DrawTriangles);
    node->setGeometry(geometry);
    node->setFlag(QSGNode::OwnsGeometry);
    auto* material = new QSGFlatColorMaterial;
    material->setColor(color);
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

QSGNode* HighlightLayer::updatePaintNode(QSGNode* old, UpdatePaintNodeData*) {
    QSGNode* root = old;
    if (!root) {
        root = new QSGNode;
        root->appendChildNode(lineNode(QColor(0xd7, 0x19, 0x1c)));  // selection
        root->appendChildNode(lineNode(QColor(0xff, 0x8c, 0x00)));  // hover
    }
    auto* selection = static_cast<QSGGeometryNode*>(root->firstChild());
    auto* hover = static_cast<QSGGeometryNode*>(root->lastChild());
    QVector<QSGGeometry::Point2D> points;
    const Camera cam = camera();
    const QRectF view(0, 0, width(), height());
    if (controller_) strokeRings(controller_->selectionRings(), cam, 3.5f, view, points);
    setTriangles(selection, points);
    if (controller_)
        strokeRings(controller_->hoverRings(), cam, 2.0f, view, points);
    else
        points.clear();
    setTriangles(hover, points);
    return root;
}

}  // namespace jinmap::viewer
