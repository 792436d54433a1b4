// The viewer on each scene graph it may choose (viewer_app.h,
// chooseSceneGraphBackend): run once with QT_QUICK_BACKEND=software and once
// with QT_QUICK_BACKEND=opengl (ctest sets it). On each, the map is drawn,
// the selection's outline (its own geometry: triangles on OpenGL, a painted
// node on the software renderer) is on screen in the selection red, and
// the measuring path (a Shape) is drawn in its blue.
#include <QApplication>
#include <QQuickWindow>
#include <QSGRendererInterface>
#include <QtTest>

#include "controller.h"
#include "gui_support.h"
#include "thematic_layer.h"
#include "viewer_app.h"

using namespace jinmap::viewer;
using namespace jinmap::viewer::test;

namespace {
// Pixels within `tolerance` of `color` in each channel.
int countColor(const QImage& image, QRgb color, int tolerance = 24) {
    const QImage argb = image.convertToFormat(QImage::Format_ARGB32);
    int n = 0;
    for (int y = 0; y < argb.height(); ++y) {
        const auto* row = reinterpret_cast<const QRgb*>(argb.constScanLine(y));
        for (int x = 0; x < argb.width(); ++x)
            if (std::abs(qRed(row[x]) - qRed(color)) <= tolerance &&
                std::abs(qGreen(row[x]) - qGreen(color)) <= tolerance &&
                std::abs(qBlue(row[x]) - qBlue(color)) <= tolerance)
                ++n;
    }
    return n;
}
}  // namespace

class SceneGraphTests : public QObject {
    Q_OBJECT
    std::unique_ptr<ViewerApp> app_;

  private slots:
    void initTestCase() {
        app_ = std::make_unique<ViewerApp>(testOptions());
        QVERIFY(app_->start());
        QVERIFY(app_->waitUntilDrawn());
    }

    void theChosenRendererDraws() {
        const QByteArray asked = qgetenv("JINMAP_EXPECT_SCENE_GRAPH");
        const auto api = app_->window()->rendererInterface()->graphicsApi();
        if (asked == "software")
            QCOMPARE(api, QSGRendererInterface::Software);
        else if (asked == "opengl")
            QCOMPARE(api, QSGRendererInterface::OpenGL);
        else
            QFAIL("JINMAP_EXPECT_SCENE_GRAPH must be software or opengl");
    }

    void selectionOutlineIsOnScreen() {
        const QRgb red = qRgb(0xd7, 0x19, 0x1c);
        const int before = countColor(app_->grab(), red);
        QVERIFY(app_->controller()->selectCounty(QStringLiteral("太谷区"), true));
        QVERIFY(app_->waitUntilDrawn());
        QTest::qWait(200);
        const int after = countColor(app_->grab(), red);
        // A 3.5 px outline around a county filling much of the map.
        QVERIFY2(after - before > 2000,
                 qPrintable(QStringLiteral("%1 red pixels, %2 before").arg(after).arg(before)));
    }

    void measuringPathIsOnScreen() {
        QQuickWindow* window = app_->window();
        const QRgb blue = qRgb(0x1f, 0x78, 0xb4);
        const int before = countColor(app_->grab(), blue, 16);
        QVERIFY(QMetaObject::invokeMethod(app_->findItem(QStringLiteral("mainWindow")),
                                          "setMeasuring", Q_ARG(QVariant, true)));
        QTRY_VERIFY(app_->findItem(QStringLiteral("mainWindow"))->property("measuring").toBool());
        const QPointF a = windowPosition(*app_, 112.6, 37.3);
        const QPointF b = windowPosition(*app_, 112.9, 37.6);
        QTest::mouseClick(window, Qt::LeftButton, Qt::NoModifier, a.toPoint());
        QTest::qWait(400);  // not a double-click
        QTest::mouseClick(window, Qt::LeftButton, Qt::NoModifier, b.toPoint());
        QTRY_COMPARE(
            app_->findItem(QStringLiteral("mainWindow"))->property("measurePoints").toList().size(),
            2);
        QTest::qWait(200);
        const int after = countColor(app_->grab(), blue, 16);
        QVERIFY2(after - before > 100,
                 qPrintable(QStringLiteral("%1 blue pixels, %2 before").arg(after).arg(before)));
    }

    void cleanupTestCase() { app_.reset(); }
};

int main(int argc, char** argv) {
    QApplication::setOrganizationName(QStringLiteral("jinmap"));
    QApplication::setApplicationName(QStringLiteral("jinmap-scene-graph-tests"));
    QApplication app(argc, argv);
    SceneGraphTests tests;
    return QTest::qExec(&tests, argc, argv);
}

#include "scene_graph_tests.moc"
