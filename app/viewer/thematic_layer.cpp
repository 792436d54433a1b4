#include "thematic_layer.h"

#include <QQuickWindow>
#include <QSGSimpleTextureNode>
#include <QSGTransformNode>
#include <QTimer>
#include <QtConcurrent>

#include "base/error.h"
#include "controller.h"
#include "frame_source.h"

namespace jinmap::viewer {

ThematicLayer::ThematicLayer(QQuickItem* parent) : QQuickItem(parent) {
    setFlag(ItemHasContents, true);
    setClip(true);
}

ThematicLayer::~ThematicLayer() {
    if (cancel_) cancel_->store(true);
    if (watcher_) {
        watcher_->disconnect(this);
        watcher_->waitForFinished();
    }
}

void ThematicLayer::setCenterLatitude(double lat) {
    if (lat == lat_) return;
    lat_ = lat;
    emit centerChanged();
    scheduleRender();
    update();
}

void ThematicLayer::setCenterLongitude(double lon) {
    if (lon == lon_) return;
    lon_ = lon;
    emit centerChanged();
    scheduleRender();
    update();
}

void ThematicLayer::setZoomLevel(qreal z) {
    if (qFuzzyCompare(z, zoom_)) return;
    zoom_ = z;
    emit zoomLevelChanged();
    scheduleRender();
    update();
}

void ThematicLayer::setController(Controller* c) {
    if (c == controller_) return;
    if (controller_) controller_->disconnect(this);
    controller_ = c;
    if (controller_) {
        connect(controller_, &Controller::sceneChanged, this, [this] { scheduleRender(); });
    }
    emit controllerChanged();
    scheduleRender();
}

Camera ThematicLayer::camera() const {
    Camera cam;
    cam.center = toMercator(lon_, lat_);
    cam.zoom = zoom_;
    cam.size = QSizeF(width(), height());
    return cam;
}

QPointF ThematicLayer::toPixel(double lon, double lat) const {
    return camera().toPixel(toMercator(lon, lat));
}

QVariantMap ThematicLayer::toCoordinate(qreal x, qreal y) const {
    const QPointF ll = toLonLat(camera().toMercator(QPointF(x, y)));
    return {{QStringLiteral("latitude"), ll.y()}, {QStringLiteral("longitude"), ll.x()}};
}

double ThematicLayer::devicePixelRatio() const {
    return window() ? window()->effectiveDevicePixelRatio() : 1.0;
}

void ThematicLayer::geometryChanged(const QRectF& newGeometry, const QRectF& oldGeometry) {
    QQuickItem::geometryChanged(newGeometry, oldGeometry);
    if (newGeometry.size() != oldGeometry.size()) {
        scheduleRender();
        update();
    }
}

void ThematicLayer::itemChange(ItemChange change, const ItemChangeData& value) {
    QQuickItem::itemChange(change, value);
    if (change == ItemSceneChange || change == ItemDevicePixelRatioHasChanged) scheduleRender();
}

void ThematicLayer::setCameraSet(bool set) {
    if (set == cameraSet_) return;
    cameraSet_ = set;
    emit cameraSetChanged();
    // At once, not on the next event loop pass: at start that pass comes only
    // after the window's first exposure (~300 ms of software GL set-up), and
    // the frame can be drawn meanwhile on the frame thread.
    if (set) {
        pending_ = true;
        if (!watcher_ || watcher_->isFinished()) startRender();
    }
}

void ThematicLayer::setDrawn(bool d) {
    if (d == drawn_) return;
    drawn_ = d;
    emit drawnChanged();
}

void ThematicLayer::scheduleRender() {
    setDrawn(false);
    if (!sinceChange_.isValid() || !pending_) sinceChange_.start();
    pending_ = true;
    if (scheduled_) return;
    scheduled_ = true;
    // Coalesce the property changes of one camera move into one request.
    QTimer::singleShot(0, this, [this] {
        scheduled_ = false;
        if (!pending_) return;  // taken by a frame started since
        if (!watcher_ || watcher_->isFinished())
            startRender();
        else if (cancel_)
            cancel_->store(true);  // the running frame is stale
    });
}

void ThematicLayer::startRender() {
    if (!pending_) return;
    if (!cameraSet_ || !controller_ || !window() || width() < 1 || height() < 1) return;
    std::shared_ptr<FrameSource> source = controller_->frameSource();
    if (!source) {
        // No database or style: nothing to draw, and nothing will come.
        pending_ = false;
        frame_ = QImage();
        newTexture_ = true;
        update();
        setDrawn(true);
        return;
    }
    pending_ = false;
    const Camera cam = camera();
    const double dpr = devicePixelRatio();
    FrameRequest request = controller_->frameRequest();
    request.extent = cam.extent();
    request.dpr = dpr;
    request.pixelSize =
        QSize(qMax(1, qRound(cam.size.width() * dpr)), qMax(1, qRound(cam.size.height() * dpr)));
    const quint64 revision = controller_->sceneRevision();
    cancel_ = std::make_shared<std::atomic<bool>>(false);
    auto cancel = cancel_;
    if (!watcher_) {
        watcher_ = new QFutureWatcher<Result>(this);
        connect(watcher_, &QFutureWatcher<Result>::finished, this,
                &ThematicLayer::onRenderFinished);
    }
    const QElapsedTimer sinceChange = sinceChange_;
    watcher_->setFuture(QtConcurrent::run(
        frameThreadPool(), [source, request, cam, revision, cancel, dpr, sinceChange] {
            Result r;
            r.camera = cam;
            r.revision = revision;
            r.queuedAtMs = sinceChange.isValid() ? sinceChange.nsecsElapsed() / 1e6 : 0;
            QElapsedTimer t;
            t.start();
            try {
                r.image = source->render(request, cancel);
                r.image.setDevicePixelRatio(dpr);
                r.cancelled = r.image.isNull() && cancel->load();
            } catch (const Error& e) {
                r.error = QString::fromStdString(e.what());
            } catch (const std::exception& e) {
                r.error = QString::fromUtf8(e.what());
            }
            r.ms = t.nsecsElapsed() / 1e6;
            r.finishedAtMs = sinceChange.isValid() ? sinceChange.nsecsElapsed() / 1e6 : 0;
            return r;
        }));
}

void ThematicLayer::onRenderFinished() {
    Result r = watcher_->result();
    if (!r.error.isEmpty()) {
        emit renderFailed(r.error);
    } else if (!r.image.isNull()) {
        frame_ = std::move(r.image);
        frameCamera_ = r.camera;
        frameRevision_ = r.revision;
        newTexture_ = true;
        lastRenderMs_ = r.ms;
        ++framesRendered_;
        update();
        if (controller_) controller_->frameDrawn();
        emit frameReady();
    }
    // A cancelled frame drew nothing: even when the camera is back where it
    // was, the frame on screen is an older one, so draw again.
    const bool current = controller_ && !pending_ && !r.cancelled && r.camera == camera() &&
                         r.revision == controller_->sceneRevision();
    if (current) {
        lastLatencyMs_ = sinceChange_.nsecsElapsed() / 1e6;
        lastQueueMs_ = r.queuedAtMs;
        lastDeliveryMs_ = lastLatencyMs_ - r.finishedAtMs;
        sinceChange_.invalidate();
        setDrawn(true);
    } else {
        pending_ = true;
        startRender();
    }
}

QSGNode* ThematicLayer::updatePaintNode(QSGNode* old, UpdatePaintNodeData*) {
    if (frame_.isNull()) {
        delete old;
        return nullptr;
    }
    auto* root = static_cast<QSGTransformNode*>(old);
    QSGSimpleTextureNode* tex = nullptr;
    if (!root) {
        root = new QSGTransformNode;
        tex = new QSGSimpleTextureNode;
        tex->setOwnsTexture(true);
        tex->setFiltering(QSGTexture::Linear);
        root->appendChildNode(tex);
        newTexture_ = true;
    } else {
        tex = static_cast<QSGSimpleTextureNode*>(root->firstChild());
    }
    if (newTexture_) {
        QSGTexture* t = window()->createTextureFromImage(frame_);
        tex->setTexture(t);
        newTexture_ = false;
    }
    tex->setRect(QRectF(QPointF(0, 0), frameCamera_.size));
    // Frame pixel → Mercator (frame camera) → item pixel (current camera).
    const Camera now = camera();
    const double k = frameCamera_.resolution() / now.resolution();
    const double tx = (frameCamera_.center.x() - now.center.x()) / now.resolution() +
                      now.size.width() / 2 - k * frameCamera_.size.width() / 2;
    const double ty = (now.center.y() - frameCamera_.center.y()) / now.resolution() +
                      now.size.height() / 2 - k * frameCamera_.size.height() / 2;
    QMatrix4x4 m;
    m.translate(static_cast<float>(tx), static_cast<float>(ty));
    m.scale(static_cast<float>(k), static_cast<float>(k));
    root->setMatrix(m);
    return root;
}

}  // namespace jinmap::viewer
