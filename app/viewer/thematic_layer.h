#pragma once
// The core renderer's image laid over Qt Location's Map and kept aligned with
// its camera. Bound in QML to the map's center, zoomLevel and size; frames
// are rendered on a worker thread for the visible EPSG:3857 extent
// (centre ± (w/2, h/2)·2πR/(256·2^z)); until the new one arrives the last
// frame is drawn scaled and shifted by the camera change through a
// QSGTransformNode, so gestures never wait for the renderer.
#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QImage>
#include <QPointer>
#include <QQuickItem>
#include <QVariantMap>
#include <atomic>
#include <memory>

#include "map_math.h"

namespace jinmap::viewer {

class Controller;

class ThematicLayer : public QQuickItem {
    Q_OBJECT
    Q_PROPERTY(
        double centerLatitude READ centerLatitude WRITE setCenterLatitude NOTIFY centerChanged)
    Q_PROPERTY(
        double centerLongitude READ centerLongitude WRITE setCenterLongitude NOTIFY centerChanged)
    Q_PROPERTY(qreal zoomLevel READ zoomLevel WRITE setZoomLevel NOTIFY zoomLevelChanged)
    Q_PROPERTY(jinmap::viewer::Controller* controller READ controller WRITE setController NOTIFY
                   controllerChanged)
    // True when the frame on screen was rendered for exactly the current
    // camera and scene and nothing is being rendered.
    Q_PROPERTY(bool drawn READ drawn NOTIFY drawnChanged)
    // False until the window has placed the camera (home extent, saved view,
    // --extent): a frame for the camera before that is one nobody sees, and
    // at start it would delay the first real one (measured: ~40 ms).
    Q_PROPERTY(bool cameraSet READ cameraSet WRITE setCameraSet NOTIFY cameraSetChanged)
    Q_PROPERTY(int framesRendered READ framesRendered NOTIFY drawnChanged)

  public:
    explicit ThematicLayer(QQuickItem* parent = nullptr);
    ~ThematicLayer() override;

    double centerLatitude() const { return lat_; }
    double centerLongitude() const { return lon_; }
    void setCenterLatitude(double lat);
    void setCenterLongitude(double lon);
    qreal zoomLevel() const { return zoom_; }
    void setZoomLevel(qreal z);
    Controller* controller() const { return controller_; }
    void setController(Controller* c);
    bool drawn() const { return drawn_; }
    bool cameraSet() const { return cameraSet_; }
    void setCameraSet(bool set);
    int framesRendered() const { return framesRendered_; }

    Camera camera() const;
    // Item pixel ↔ geographic coordinates through the current camera.
    Q_INVOKABLE QPointF toPixel(double lon, double lat) const;
    // {latitude, longitude} of an item pixel.
    Q_INVOKABLE QVariantMap toCoordinate(qreal x, qreal y) const;
    // Metres (EPSG:3857) per logical pixel at the current zoom.
    Q_INVOKABLE double resolution() const { return camera().resolution(); }
    // Last render time (worker) in milliseconds and the time from the
    // camera/scene change that requested it to the frame being on screen.
    double lastRenderMs() const { return lastRenderMs_; }
    double lastLatencyMs() const { return lastLatencyMs_; }
    // Of that latency: waiting before the worker started, and from the
    // worker's end to the GUI thread taking the frame.
    double lastQueueMs() const { return lastQueueMs_; }
    double lastDeliveryMs() const { return lastDeliveryMs_; }
    QImage lastFrame() const { return frame_; }

  signals:
    void centerChanged();
    void zoomLevelChanged();
    void controllerChanged();
    void cameraSetChanged();
    void drawnChanged();
    void frameReady();
    void renderFailed(const QString& message);

  protected:
    QSGNode* updatePaintNode(QSGNode* old, UpdatePaintNodeData*) override;
    void geometryChanged(const QRectF& newGeometry, const QRectF& oldGeometry) override;
    void itemChange(ItemChange change, const ItemChangeData& value) override;

  private:
    struct Result {
        QImage image;
        Camera camera;
        quint64 revision = 0;
        double ms = 0;
        double queuedAtMs = 0;    // sinceChange_ when the worker started
        double finishedAtMs = 0;  // sinceChange_ when the worker ended
        QString error;
        bool cancelled = false;  // stopped as stale: no image, and nothing drawn
    };
    void scheduleRender();
    void startRender();
    void onRenderFinished();
    void setDrawn(bool d);
    double devicePixelRatio() const;

    double lat_ = 37.5, lon_ = 112.3;
    qreal zoom_ = 7;
    QPointer<Controller> controller_;
    QFutureWatcher<Result>* watcher_ = nullptr;
    std::shared_ptr<std::atomic<bool>> cancel_;
    bool pending_ = false;
    bool scheduled_ = false;
    bool drawn_ = false;
    bool cameraSet_ = true;
    int framesRendered_ = 0;
    quint64 sceneRevision_ = 0;

    // The frame on screen and the camera it was rendered for.
    QImage frame_;
    Camera frameCamera_;
    quint64 frameRevision_ = 0;
    bool newTexture_ = false;
    double lastRenderMs_ = 0;
    double lastLatencyMs_ = 0;
    double lastQueueMs_ = 0;
    double lastDeliveryMs_ = 0;
    QElapsedTimer sinceChange_;
};

}  // namespace jinmap::viewer
