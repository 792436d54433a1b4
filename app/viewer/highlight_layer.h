#pragma once
// The outlines of the selection (red) and of what the pointer is over
// (orange), drawn over the map from the controller's EPSG:3857 rings through
// the same camera as the thematic layer: a scene-graph node of triangles
// (OpenGL) or of polylines the software renderer paints, rebuilt when the
// camera or the rings change, so a hover costs no QML items.
#include <QPointer>
#include <QQuickItem>

#include "map_math.h"

namespace jinmap::viewer {

class Controller;

class HighlightLayer : public QQuickItem {
    Q_OBJECT
    Q_PROPERTY(double centerLatitude MEMBER lat_ WRITE setCenterLatitude NOTIFY cameraChanged)
    Q_PROPERTY(double centerLongitude MEMBER lon_ WRITE setCenterLongitude NOTIFY cameraChanged)
    Q_PROPERTY(qreal zoomLevel MEMBER zoom_ WRITE setZoomLevel NOTIFY cameraChanged)
    Q_PROPERTY(jinmap::viewer::Controller* controller READ controller WRITE setController NOTIFY
                   controllerChanged)

  public:
    explicit HighlightLayer(QQuickItem* parent = nullptr);

    void setCenterLatitude(double lat);
    void setCenterLongitude(double lon);
    void setZoomLevel(qreal z);
    Controller* controller() const { return controller_; }
    void setController(Controller* c);

  signals:
    void cameraChanged();
    void controllerChanged();

  protected:
    QSGNode* updatePaintNode(QSGNode* old, UpdatePaintNodeData*) override;

  private:
    Camera camera() const;
    double lat_ = 37.5, lon_ = 112.3;
    qreal zoom_ = 7;
    QPointer<Controller> controller_;
};

}  // namespace jinmap::viewer
