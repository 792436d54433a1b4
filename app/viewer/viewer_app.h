#pragma once
// The viewer window: QML engine, controller, translations. Used by
// jinmap::viewer::run and by the GUI tests, which drive the same window.
#include <QImage>
#include <QObject>
#include <QQmlApplicationEngine>
#include <QTranslator>
#include <memory>

#include "controller.h"

class QQuickWindow;

namespace jinmap::viewer {

class ThematicLayer;
class ExportController;
class WorkspaceEditor;

class ViewerApp : public QObject {
    Q_OBJECT
  public:
    explicit ViewerApp(ViewerOptions options, QObject* parent = nullptr);
    ~ViewerApp() override;

    // Loads the database, the style and the QML window; false (with a
    // message on stderr) only when the QML itself cannot be loaded.
    bool start();

    QQuickWindow* window() const { return window_; }
    Controller* controller() const { return controller_.get(); }
    // The export dialog's controller (QML: "exporter").
    ExportController* exporter() const { return exporter_.get(); }
    // Edits, undo/redo and the live view of the workspace (QML: "editor").
    WorkspaceEditor* editor() const { return editor_.get(); }
    ThematicLayer* layer() const;
    QQmlApplicationEngine& engine() { return engine_; }
    // Finds an item of the window by objectName.
    QObject* findItem(const QString& objectName) const;

    // Runs the event loop until the thematic layer shows a frame for the
    // current view and scene, and the window has been painted; false on timeout.
    bool waitUntilDrawn(int timeoutMs = 30000);
    QImage grab();

    void setLanguage(const QString& language);

  private:
    ViewerOptions options_;
    std::unique_ptr<Controller> controller_;
    QQmlApplicationEngine engine_;
    QTranslator translator_;
    QTranslator qtTranslator_;
    QQuickWindow* window_ = nullptr;
    std::unique_ptr<ExportController> exporter_;  // destroyed before the engine
    std::unique_ptr<WorkspaceEditor> editor_;     // destroyed before the engine
};

// Registers the QML types (once), chooses the scene graph (below) and sets
// the application font.
void initViewerEnvironment();
// Qt Quick's software renderer on a Linux machine without a GPU (no DRM
// device, or LIBGL_ALWAYS_SOFTWARE), OpenGL otherwise; QT_QUICK_BACKEND
// decides when set ("software", or "opengl" for OpenGL). Before the first
// window.
void chooseSceneGraphBackend();
// Mesa's software rasteriser (llvmpipe: virtual machines, remote desktops,
// Xvfb) starts a thread per core and competes with the frame thread for
// them; this leaves it one core fewer (LP_NUM_THREADS, unless set). A GPU
// driver ignores it. Before the first GL context: ideally before the
// QGuiApplication.
void limitSoftwareGlThreads();
// Default paths, as the CLI finds them: $JINMAP_DB or <bin>/../geodata/jinmap.sqlite;
// $JINMAP_STYLES, <bin>/../styles or the source tree's styles/.
QString defaultDatabasePath();
QString defaultStylesDir();

}  // namespace jinmap::viewer
