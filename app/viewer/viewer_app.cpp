#include "viewer_app.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QFont>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QLibraryInfo>
#include <QQmlContext>
#include <QQuickItem>
#include <QQuickWindow>
#include <QStandardPaths>
#include <QThread>
#include <QThreadPool>
#include <QTimer>
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <memory>

#include "export_controller.h"
#include "highlight_layer.h"
#include "symbol_icon.h"
#include "thematic_layer.h"
#include "workspace_editor.h"

static void initViewerResources() {
    Q_INIT_RESOURCE(qml);
    Q_INIT_RESOURCE(i18n);
}

namespace jinmap::viewer {

namespace {
QString programDir() {
    const QFileInfo exe(QStringLiteral("/proc/self/exe"));
    const QString target = exe.symLinkTarget();
    return target.isEmpty() ? QCoreApplication::applicationDirPath()
                            : QFileInfo(target).absolutePath();
}
}  // namespace

QString defaultDatabasePath() {
    const QByteArray env = qgetenv("JINMAP_DB");
    if (!env.isEmpty()) return QString::fromLocal8Bit(env);
    return QDir::cleanPath(programDir() + QStringLiteral("/../geodata/jinmap.sqlite"));
}

QString defaultStylesDir() {
    const QByteArray env = qgetenv("JINMAP_STYLES");
    if (!env.isEmpty()) return QString::fromLocal8Bit(env);
    for (const QString& c :
         {programDir() + QStringLiteral("/../styles"), QStringLiteral(JINMAP_SOURCE_DIR "/styles")})
        if (QFileInfo(c).isDir()) return QDir::cleanPath(c);
    return QStringLiteral(JINMAP_SOURCE_DIR "/styles");
}

void limitSoftwareGlThreads() {
    if (qEnvironmentVariableIsSet("LP_NUM_THREADS")) return;
    const int cores = QThread::idealThreadCount();
    qputenv("LP_NUM_THREADS", QByteArray::number(std::max(1, cores - 1)));
}

void chooseSceneGraphBackend() {
    // "opengl" names Qt's default, which Qt 5 itself knows by no name.
    if (qgetenv("QT_QUICK_BACKEND") == "opengl") {
        qunsetenv("QT_QUICK_BACKEND");
        return;
    }
    if (qEnvironmentVariableIsSet("QT_QUICK_BACKEND") ||
        qEnvironmentVariableIsSet("QMLSCENE_DEVICE"))
        return;
#ifdef Q_OS_LINUX
    // No DRM device: OpenGL would be Mesa's llvmpipe, which sets up its
    // context and compiles every shader with LLVM before the first frame
    // (~300 ms of the viewer's start) and draws this scene of textures and
    // text no faster than Qt Quick's QPainter renderer does.
    const QStringList devices =
        QDir(QStringLiteral("/dev/dri"))
            .entryList({QStringLiteral("renderD*"), QStringLiteral("card*")},
                       QDir::System | QDir::Files);
    if (devices.isEmpty() || qEnvironmentVariableIntValue("LIBGL_ALWAYS_SOFTWARE") != 0)
        QQuickWindow::setSceneGraphBackend(QStringLiteral("software"));
#endif
}

void initViewerEnvironment() {
    static bool done = false;
    if (done) return;
    done = true;
    chooseSceneGraphBackend();
    limitSoftwareGlThreads();
    initViewerResources();
    qmlRegisterType<ThematicLayer>("Jinmap", 1, 0, "ThematicLayer");
    qmlRegisterType<HighlightLayer>("Jinmap", 1, 0, "HighlightLayer");
    qmlRegisterType<SymbolIcon>("Jinmap", 1, 0, "SymbolIcon");
    qmlRegisterUncreatableType<Controller>("Jinmap", 1, 0, "Controller",
                                           QStringLiteral("provided by the application"));
    qmlRegisterUncreatableType<RowModel>("Jinmap", 1, 0, "RowModel", QStringLiteral("C++ model"));
    // Native (FreeType, hinted) text instead of distance fields: CJK UI text
    // is sharper at desktop sizes, and the first frame does not have to build
    // a distance-field glyph for each of the ~460 characters on screen
    // (measured: first map 80 ms sooner, 10 MB less resident memory).
    QQuickWindow::setTextRenderType(QQuickWindow::NativeTextRendering);
    // UI text in Noto Sans CJK SC (fonts-noto-cjk), falling back to the system's.
    QFont font(QStringLiteral("Noto Sans CJK SC"));
    font.setPointSizeF(10);
    font.setStyleHint(QFont::SansSerif);
    QGuiApplication::setFont(font);
}

ViewerApp::ViewerApp(ViewerOptions options, QObject* parent)
    : QObject(parent), options_(std::move(options)) {
    initViewerEnvironment();
    controller_ = std::make_unique<Controller>(options_);
    controller_->setRetranslate([this](const QString& lang) { setLanguage(lang); });
}

ViewerApp::~ViewerApp() {
    // Destroy the window (and the thematic layer's worker) before the controller.
    const auto roots = engine_.rootObjects();
    for (QObject* o : roots) delete o;
    editor_.reset();
    // Queued warm-up and legend frames hold the frame source, not this
    // viewer; drop those not started and let the running one end, so that
    // no frame is being drawn while the application and its fonts go away.
    frameThreadPool()->clear();
    frameThreadPool()->waitForDone();
}

void ViewerApp::setLanguage(const QString& language) {
    QCoreApplication::removeTranslator(&translator_);
    QCoreApplication::removeTranslator(&qtTranslator_);
    const QString lang = language.isEmpty() ? QStringLiteral("zh_CN") : language;
    if (translator_.load(QStringLiteral(":/i18n/jinmap_%1.qm").arg(lang)))
        QCoreApplication::installTranslator(&translator_);
    if (qtTranslator_.load(QStringLiteral("qtbase_%1").arg(lang),
                           QLibraryInfo::location(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(&qtTranslator_);
    engine_.setUiLanguage(lang);
    engine_.retranslate();
}

bool ViewerApp::start() {
    setLanguage(controller_->language());
    controller_->load();
    engine_.rootContext()->setContextProperty(QStringLiteral("app"), controller_.get());
    exporter_ = std::make_unique<ExportController>(controller_.get());
    exporter_->setViewProvider([this]() -> std::optional<Bounds> {
        const ThematicLayer* l = layer();
        if (!l || l->width() <= 0 || l->height() <= 0) return std::nullopt;
        return l->camera().extent();
    });
    exporter_->install(engine_);
    editor_ = std::make_unique<WorkspaceEditor>(controller_.get());
    if (options_.server.isEmpty()) {
        editor_->attach(options_.dbPath);
        // A newer installed reference: Main.qml asks before merging it.
        editor_->offerUpgrade(options_.referencePath);
    } else {
        editor_->attachServer(options_.server, options_.dbPath, defaultDatabasePath());
    }
    engine_.rootContext()->setContextProperty(QStringLiteral("editor"), editor_.get());
    engine_.rootContext()->setContextProperty(
        QStringLiteral("StandardPathsHome"),
        QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation));
    engine_.load(QUrl(QStringLiteral("qrc:/qml/Main.qml")));
    if (engine_.rootObjects().isEmpty()) {
        std::fprintf(stderr, "jinmap: the viewer's QML failed to load\n");
        return false;
    }
    window_ = qobject_cast<QQuickWindow*>(engine_.rootObjects().front());
    if (!options_.startMessage.isEmpty()) controller_->showStatus(options_.startMessage);
    return window_ != nullptr;
}

ThematicLayer* ViewerApp::layer() const {
    return window_ ? window_->findChild<ThematicLayer*>(QStringLiteral("thematicLayer")) : nullptr;
}

namespace {
// Items made by Repeaters and ListViews are visual children only.
QQuickItem* findVisualChild(QQuickItem* item, const QString& name) {
    if (!item) return nullptr;
    if (item->objectName() == name) return item;
    for (QQuickItem* child : item->childItems())
        if (QQuickItem* found = findVisualChild(child, name)) return found;
    return nullptr;
}
}  // namespace

QObject* ViewerApp::findItem(const QString& objectName) const {
    if (!window_) return nullptr;
    if (window_->objectName() == objectName) return window_;
    if (QObject* o = window_->findChild<QObject*>(objectName)) return o;
    return findVisualChild(window_->contentItem(), objectName);
}

bool ViewerApp::waitUntilDrawn(int timeoutMs) {
    QElapsedTimer timer;
    timer.start();
    auto ready = [this] {
        ThematicLayer* l = layer();
        return window_ && window_->isExposed() && l && l->drawn() &&
               !controller_->legendPending() && window_->property("viewReady").toBool();
    };
    while (timer.elapsed() < timeoutMs) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        if (!ready()) continue;
        // Let the scene graph put the frame on screen. frameSwapped comes from
        // the render thread, so the call is queued, and a queued call still
        // runs after disconnect(): the flag lives on the heap, shared with it,
        // never on this stack frame.
        auto swapped = std::make_shared<std::atomic<bool>>(false);
        auto c = connect(window_, &QQuickWindow::frameSwapped, this,
                         [swapped] { swapped->store(true); });
        window_->update();
        QElapsedTimer t;
        t.start();
        while (!swapped->load() && t.elapsed() < 2000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        disconnect(c);
        if (ready()) return true;
    }
    return false;
}

QImage ViewerApp::grab() {
    return window_ ? window_->grabWindow() : QImage();
}

}  // namespace jinmap::viewer
