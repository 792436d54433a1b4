// Drives the real viewer window (QML + Qt Location Map + thematic layer)
// under Xvfb: alignment with the Map camera, click-for-summary through the
// core hit test, hover on drawn layers only, search (Traditional characters,
// the chooser for shared names, a quiet "no match"), filters that drive the
// legend's counts and the county choropleth, themes opening on their home,
// the map tools (zoom steps, measuring, view history, scale bar), the county
// comparison, English without Chinese outside place names, errors shown in
// the window, the remembered view, and screenshots of each state compared
// with references. Any QML warning fails the test that caused it.
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QMutex>
#include <QQuickItem>
#include <QQuickWindow>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <memory>

#include "gui_support.h"
#include "map_math.h"
#include "support/reference_review.h"
#include "thematic_layer.h"
#include "viewer_app.h"

using namespace jinmap::viewer;
using namespace jinmap::viewer::test;

namespace {

// QML warnings (binding loops, type errors, undefined properties) seen since
// the last check; every test fails on any.
QMutex warningsMutex;
QStringList qmlWarnings;
QtMessageHandler previousHandler = nullptr;

void collectQmlWarnings(QtMsgType type, const QMessageLogContext& context, const QString& message) {
    const bool fromQml = (context.category && QByteArray(context.category).contains("qml")) ||
                         message.contains(QStringLiteral("DelegateModel")) ||
                         (context.file && QByteArray(context.file).contains(".qml")) ||
                         message.contains(QStringLiteral(".qml:"));
    if (type != QtDebugMsg && type != QtInfoMsg && fromQml) {
        QMutexLocker lock(&warningsMutex);
        qmlWarnings << message;
    }
    if (previousHandler) previousHandler(type, context, message);
}

// Scrolls the panel's Flickable so that `item` is on screen.
void scrollIntoView(QQuickItem* item) {
    for (QQuickItem* p = item->parentItem(); p; p = p->parentItem()) {
        if (p->inherits("QQuickFlickable")) {
            QQuickItem* content = p->property("contentItem").value<QQuickItem*>();
            const QPointF pos = item->mapToItem(content, QPointF(0, 0));
            const double maxY =
                std::max(0.0, p->property("contentHeight").toDouble() - p->height());
            p->setProperty("contentY", std::clamp(pos.y() - 40, 0.0, maxY));
            return;
        }
    }
}

void clickItem(QQuickWindow* window, QQuickItem* item) {
    scrollIntoView(item);
    QCoreApplication::processEvents();
    const QPointF c = item->mapToScene(QPointF(item->width() / 2, item->height() / 2));
    QTest::mouseClick(window, Qt::LeftButton, Qt::NoModifier, c.toPoint());
}

bool isCjk(QChar c) {
    const ushort u = c.unicode();
    return (u >= 0x4E00 && u <= 0x9FFF) || (u >= 0x3400 && u <= 0x4DBF) ||
           (u >= 0xF900 && u <= 0xFAFF);
}

// Meridian arc length on WGS84 between two latitudes (degrees), by Simpson's
// rule over the radius of curvature M(φ) = a(1−e²)/(1−e² sin²φ)^{3/2}: an
// independent check of the measuring tool's geodesic.
double meridianArc(double lat1, double lat2) {
    const double a = 6378137.0, f = 1 / 298.257223563, e2 = f * (2 - f);
    const int n = 2000;
    const double p1 = lat1 * M_PI / 180, p2 = lat2 * M_PI / 180, h = (p2 - p1) / n;
    auto m = [&](double p) {
        const double s = std::sin(p);
        return a * (1 - e2) / std::pow(1 - e2 * s * s, 1.5);
    };
    double sum = m(p1) + m(p2);
    for (int i = 1; i < n; ++i) sum += (i % 2 ? 4 : 2) * m(p1 + i * h);
    return std::abs(sum * h / 3);
}

}  // namespace

class GuiTests : public QObject {
    Q_OBJECT

  private:
    std::unique_ptr<ViewerApp> app_;
    Controller* c() { return app_->controller(); }
    QQuickWindow* window() { return app_->window(); }
    ThematicLayer* layer() { return app_->layer(); }
    void fit(const QString& extent) {
        evaluate(*app_, "mainWindow",
                 QStringLiteral("applyFit(app.extentRect('%1'), 24, false)").arg(extent));
        QVERIFY(app_->waitUntilDrawn());
    }
    // A window position inside county `adcode` where a click picks it (not a
    // town marker over it), searched around its bounds' centre.
    QPoint pointInCounty(const QString& adcode) {
        const jinmap::Bounds b = c()->database()->countyBounds(adcode.toStdString());
        const QPointF centre = windowPosition(*app_, b.centerX(), b.centerY());
        for (int r = 0; r < 200; r += 4)
            for (int a = 0; a < 24; ++a) {
                const QPointF p =
                    centre + QPointF(r * std::cos(a * M_PI / 12), r * std::sin(a * M_PI / 12));
                const QPointF local = layer()->mapFromScene(p);
                const QVariantMap ll = layer()->toCoordinate(local.x(), local.y());
                const Pick pick =
                    c()->pickAt(ll.value("longitude").toDouble(), ll.value("latitude").toDouble(),
                                layer()->resolution());
                if (pick.kind == "county" && pick.key == adcode) return p.toPoint();
            }
        return {};
    }
    QPoint windowPoint(double lon, double lat) { return windowPosition(*app_, lon, lat).toPoint(); }
    void typeText(const QString& text) {
        // Typed as key events carrying text, as an input method delivers them.
        for (const QChar ch : text) {
            QTest::sendKeyEvent(QTest::Press, window(), Qt::Key_unknown, QString(ch),
                                Qt::NoModifier);
            QTest::sendKeyEvent(QTest::Release, window(), Qt::Key_unknown, QString(ch),
                                Qt::NoModifier);
        }
    }
    QQuickItem* focusSearch() {
        auto* field = qobject_cast<QQuickItem*>(app_->findItem("searchField"));
        field->setProperty("text", QString());
        window()->requestActivate();
        field->forceActiveFocus();
        return field;
    }
    bool cameraShows(double west, double south, double east, double north) {
        const QPointF nw = layer()->toPixel(west, north), se = layer()->toPixel(east, south);
        return nw.x() >= -1 && nw.y() >= -1 && se.x() <= layer()->width() + 1 &&
               se.y() <= layer()->height() + 1;
    }
    void saveArtifact(const QString& name) {
        QDir().mkpath(QStringLiteral(JINMAP_ARTIFACTS_DIR));
        app_->grab().save(QStringLiteral(JINMAP_ARTIFACTS_DIR "/%1.png").arg(name));
    }
    void checkScreenshot(const QString& name) {
        QTest::mouseMove(window(), QPoint(2, window()->height() - 2));
        c()->clearHover();
        c()->showStatus(QString());
        QVERIFY(app_->waitUntilDrawn());
        QTest::qWait(250);  // popups' and dialogs' opening transitions
        const QImage actual = app_->grab();
        QVERIFY(!actual.isNull());
        const QString refPath = QStringLiteral(JINMAP_REFERENCES_DIR "/%1.png").arg(name);
        QDir().mkpath(QStringLiteral(JINMAP_ARTIFACTS_DIR));
        const QString actualPath = QStringLiteral(JINMAP_ARTIFACTS_DIR "/%1.png").arg(name);
        actual.save(actualPath);
        const ImageDiff d = compareImages(actual, QImage(refPath));
        if (jinmap::test::updatingReferences()) {
            // Changed (or missing) references are rewritten and shown on the
            // review page (old / new / diff) instead of silently.
            if (QFile::exists(refPath) && !d.diff.isNull() && d.differingFraction == 0) return;
            QVERIFY(jinmap::test::updateReference(QStringLiteral(JINMAP_REVIEW_DIR), name, refPath,
                                                  actual, 40));
            return;
        }
        if (!QFile::exists(refPath))
            QFAIL(qPrintable(QStringLiteral("no reference %1 (JINMAP_UPDATE_REFERENCES=1 writes "
                                            "it with a review page); the screenshot is %2")
                                 .arg(refPath, actualPath)));
        if (d.differingFraction > 0.02) {
            if (!d.diff.isNull())
                d.diff.save(QStringLiteral(JINMAP_ARTIFACTS_DIR "/%1-diff.png").arg(name));
            QFAIL(qPrintable(
                QStringLiteral("%1 differs from its reference in %2% of pixels (limit 2%); "
                               "actual and diff in %3 (JINMAP_UPDATE_REFERENCES=1 rewrites "
                               "it with a review page)")
                    .arg(name)
                    .arg(d.differingFraction * 100, 0, 'f', 2)
                    .arg(JINMAP_ARTIFACTS_DIR)));
        }
    }
    int legendCount(const QString& layerId, const QString& key) {
        for (const auto& r : c()->legendRows().rows())
            if (r.value("layerId") == layerId && r.value("key") == key &&
                !r.value("heading").toBool())
                return r.value("count").toInt();
        return -1;
    }

  private slots:
    void initTestCase() {
        // The review page lists this run's changed screenshots only.
        if (jinmap::test::updatingReferences())
            QDir(QStringLiteral(JINMAP_REVIEW_DIR)).removeRecursively();
        QElapsedTimer t;
        t.start();
        app_ = std::make_unique<ViewerApp>(testOptions());
        QVERIFY(app_->start());
        QVERIFY(app_->controller()->hasDatabase());
        QVERIFY2(app_->controller()->errorMessage().isEmpty(),
                 qPrintable(app_->controller()->errorMessage()));
        QVERIFY(app_->waitUntilDrawn());
        qInfo("first full map after %lld ms", t.elapsed());
        window()->requestActivate();
        QVERIFY(QTest::qWaitForWindowExposed(window()));
    }

    void cleanup() {
        QMutexLocker lock(&warningsMutex);
        const QStringList seen = std::exchange(qmlWarnings, {});
        lock.unlock();
        QVERIFY2(seen.isEmpty(),
                 qPrintable(QStringLiteral("QML warnings:\n") + seen.join(QStringLiteral("\n"))));
    }

    void opensOnShanxiInChinese() {
        QCOMPARE(c()->theme(), QStringLiteral("towns"));
        QCOMPARE(window()->title(), QStringLiteral("晋图 — 山西特色专业镇"));
        QVERIFY(cameraShows(110.3, 34.6, 114.5, 40.7));  // the whole province
        checkScreenshot("theme_towns");
    }

    // "How many provincial towns does 晋中市 have?" is on the first screen:
    // the overview's row for the city, and the legend once the city is filtered.
    void firstScreenAnswersProvincialTownsOfACity() {
        int expected = 0;
        for (const TownEntry& t : c()->catalogue().towns())
            expected += t.prefectureAdcode == "140700" && t.level == "provincial";
        QCOMPARE(expected, 4);
        bool found = false;
        for (const auto& r : c()->overviewRows().rows())
            if (r.value("adcode") == "140700") {
                found = true;
                QCOMPARE(r.value("provincial").toInt(), expected);
                QCOMPARE(r.value("name").toString(), QStringLiteral("晋中市"));
            }
        QVERIFY(found);
        QVERIFY(app_->findItem("overviewList")->property("visible").toBool());
        // The city filter is on screen, and the legend answers too.
        auto* box = qobject_cast<QQuickItem*>(app_->findItem("filter_prefecture_140700"));
        QVERIFY(box);
        clickItem(window(), box);
        QTRY_VERIFY(c()->filterActive());
        QTRY_VERIFY(!c()->legendPending());
        QCOMPARE(legendCount("towns", "provincial"), expected);
        c()->clearFilters();
        QTRY_VERIFY(!c()->legendPending());
        QVERIFY(app_->waitUntilDrawn());
    }

    void thematicImageAlignedWithMap() {
        // The thematic layer's projection equals Qt Location's for any camera.
        for (const QString& extent : {QStringLiteral("province"), QStringLiteral("太谷区")}) {
            fit(extent);
            for (auto [lon, lat] :
                 {std::pair{112.55, 37.42}, std::pair{113.3, 40.1}, std::pair{111.0, 35.5}}) {
                const QPointF ours = layer()->toPixel(lon, lat);
                const QPointF map =
                    evaluate(*app_, "map",
                             QStringLiteral(
                                 "map.fromCoordinate(QtPositioning.coordinate(%1, %2), false)")
                                 .arg(lat, 0, 'f', 8)
                                 .arg(lon, 0, 'f', 8))
                        .toPointF();
                QVERIFY2(std::hypot(ours.x() - map.x(), ours.y() - map.y()) < 0.5,
                         qPrintable(QStringLiteral("%1,%2: layer %3,%4 map %5,%6")
                                        .arg(lon)
                                        .arg(lat)
                                        .arg(ours.x())
                                        .arg(ours.y())
                                        .arg(map.x())
                                        .arg(map.y())));
            }
        }
    }

    void clickCountyShowsItsTowns() {
        fit(QStringLiteral("晋中市"));
        const QPoint target = pointInCounty(QStringLiteral("140703"));  // 太谷区
        QVERIFY(!target.isNull());
        QTest::mouseClick(window(), Qt::LeftButton, Qt::NoModifier, target);
        QTRY_COMPARE(c()->selectionTitle(), QStringLiteral("太谷区"));
        QCOMPARE(c()->selectionKind(), QStringLiteral("county"));
        QTRY_VERIFY(!c()->selectionRings().isEmpty());  // highlighted
        QStringList expected, listed;
        for (const TownEntry& t : c()->catalogue().towns())
            if (t.countyAdcode == "140703") expected << t.name;
        QVERIFY(expected.contains("太谷玛钢专业镇"));
        for (const auto& row : c()->summaryRows().rows())
            if (row.value("kind") == "town") listed << row.value("title").toString();
        expected.sort();
        listed.sort();
        QCOMPARE(listed, expected);
        QVERIFY(evaluate(*app_, "summaryList", "count").toInt() > 3);
        QCOMPARE(evaluate(*app_, "summaryTitle", "text").toString(), QStringLiteral("太谷区"));
        // Each figure carries its source and quote.
        bool fact = false;
        for (const auto& row : c()->summaryRows().rows())
            if (row.value("kind") == "fact") {
                fact = true;
                QVERIFY(!row.value("quote").toString().isEmpty());
                QVERIFY(!row.value("source").toString().isEmpty());
            }
        QVERIFY(fact);
        QVERIFY(c()->lastHitTestUs() < 1000);
    }

    // A town marker wins over the county under it: the click picks the town.
    void clickTownMarkerShowsTheTown() {
        const jinmap::viewer::MapHit town = c()->frameSource()->find(
            {QStringLiteral("towns")}, "id", QStringLiteral("T-JZ-TAIGU-MALLEABLE"));
        const auto rings = town.rings(0);
        QVERIFY(!rings.isEmpty() && !rings.front().isEmpty());
        const QPointF p = toLonLat(rings.front().front());
        QTest::mouseClick(window(), Qt::LeftButton, Qt::NoModifier, windowPoint(p.x(), p.y()));
        QTRY_COMPARE(c()->selectionKind(), QStringLiteral("town"));
        QCOMPARE(c()->selectionKey(), QStringLiteral("T-JZ-TAIGU-MALLEABLE"));
    }

    // The panel lays out the presentation model: scope badges, ⚠ with the
    // other reading, documents (not file names); a city's summary lists its
    // towns, those without a county too.
    void summaryShowsScopesConflictsAndCities() {
        QVERIFY(c()->selectCounty("祁县", false));
        bool badge = false, conflict = false;
        for (const auto& row : c()->summaryRows().rows()) {
            if (row.value("kind") != "fact") continue;
            badge |= !row.value("badge").toString().isEmpty();
            if (row.value("warn").toBool()) {
                conflict = true;
                QVERIFY(!row.value("other").toString().isEmpty());
            }
            QVERIFY(!row.value("source").toString().contains(QStringLiteral(".txt")));
            QVERIFY(row.value("provenance").toString().contains(QStringLiteral(".txt")));
        }
        QVERIFY(badge);
        QVERIFY(conflict);
        QVERIFY(c()->selectCity(QStringLiteral("晋中市"), false));
        QCOMPARE(c()->selectionKind(), QStringLiteral("city"));
        int towns = 0;
        for (const auto& row : c()->summaryRows().rows())
            towns += row.value("kind") == "townLine" ? 1 : 0;
        QVERIFY(towns >= 12);
        QVERIFY(c()->selectCity(QStringLiteral("大同市"), false));
        bool unplaced = false;
        for (const auto& row : c()->summaryRows().rows())
            unplaced |= row.value("title").toString() == QStringLiteral("大同经开区医药专业镇");
        QVERIFY(unplaced);
        QVERIFY(c()->selectCounty("太谷区", false));  // as the next tests expect
        QVERIFY(app_->waitUntilDrawn());
    }

    // In the administrative theme the cities are what is drawn: a click opens
    // the city's summary.
    void clickCityInAdministrativeTheme() {
        c()->setTheme("admin");
        QVERIFY(app_->waitUntilDrawn());
        const QPoint at = windowPoint(112.75, 37.6);  // inside 晋中市, between county lines
        QTest::mouseClick(window(), Qt::LeftButton, Qt::NoModifier, at);
        QTRY_COMPARE(c()->selectionKind(), QStringLiteral("city"));
        QCOMPARE(c()->selectionKey(), QStringLiteral("140700"));
        c()->setTheme("towns");
        QVERIFY(app_->waitUntilDrawn());
    }

    void hoverShowsTooltipThatFollowsThePointer() {
        fit(QStringLiteral("晋中市"));
        c()->clearHover();
        const QPoint at = pointInCounty(QStringLiteral("140703"));
        QVERIFY(!at.isNull());
        QTest::mouseMove(window(), at + QPoint(40, 40));
        QTest::mouseMove(window(), at);
        QTRY_VERIFY(!c()->hoverText().isEmpty());
        QVERIFY(c()->hoverText().contains(QStringLiteral("太谷区")));
        auto* tip = qobject_cast<QQuickItem*>(app_->findItem("hoverTip"));
        QTRY_VERIFY(tip->isVisible());
        QVERIFY(!c()->hoverRings().isEmpty());  // highlighted
        const QPointF tipAt = tip->mapToScene(QPointF(0, 0));
        QVERIFY(std::abs(tipAt.x() - at.x()) < 60 && std::abs(tipAt.y() - at.y()) < 80);
        // It follows the pointer …
        QTest::mouseMove(window(), at + QPoint(6, 5));
        QTRY_VERIFY(std::abs(tip->mapToScene(QPointF(0, 0)).x() - tipAt.x() - 6) < 1.5);
        // … and hides while the map is dragged.
        QTest::mousePress(window(), Qt::LeftButton, Qt::NoModifier, at);
        QTRY_VERIFY(!tip->isVisible());
        for (int i = 1; i <= 6; ++i) QTest::mouseMove(window(), at + QPoint(10 * i, 4 * i), 15);
        QVERIFY(!tip->isVisible());
        QTest::mouseRelease(window(), Qt::LeftButton, Qt::NoModifier, at + QPoint(60, 24));
        QTest::mouseMove(window(), QPoint(2, window()->height() - 2));
        QVERIFY(app_->waitUntilDrawn());
    }

    // What is hoverable is what is drawn: a hidden layer, or counties the
    // theme does not draw (应县 in the Datong theme), give no tooltip.
    void hoverIgnoresHiddenAndUndrawnLayers() {
        fit(QStringLiteral("晋中市"));
        const QPoint at = pointInCounty(QStringLiteral("140703"));
        QVERIFY(!at.isNull());
        c()->setLayerVisible("counties-towns", false);
        c()->setLayerVisible("counties-nodata", false);
        QVERIFY(app_->waitUntilDrawn());
        c()->clearHover();
        QTest::mouseMove(window(), at + QPoint(30, 30));
        QTest::mouseMove(window(), at);
        QTest::qWait(100);
        QVERIFY2(c()->hoverText().isEmpty(), qPrintable(c()->hoverText()));
        c()->setLayerVisible("counties-towns", true);
        c()->setLayerVisible("counties-nodata", true);
        QVERIFY(app_->waitUntilDrawn());
        QTest::mouseMove(window(), at + QPoint(1, 1));
        QTRY_VERIFY(c()->hoverText().contains(QStringLiteral("太谷区")));

        c()->setTheme("datong");
        QVERIFY(app_->waitUntilDrawn());
        fit(QStringLiteral("朔州市"));  // 应县 is drawn in the towns theme, not here
        const jinmap::Bounds ying = c()->database()->countyBounds("140622");
        const QPoint yingAt = windowPoint(ying.centerX(), ying.centerY());
        c()->clearHover();
        QTest::mouseMove(window(), yingAt + QPoint(20, 20));
        QTest::mouseMove(window(), yingAt);
        QTest::qWait(100);
        QVERIFY2(c()->hoverText().isEmpty(), qPrintable(c()->hoverText()));
        QVERIFY(!c()->pickAt(ying.centerX(), ying.centerY(), layer()->resolution()));
        QTest::mouseMove(window(), QPoint(2, window()->height() - 2));
        c()->setTheme("towns");
        QVERIFY(app_->waitUntilDrawn());
    }

    void exportAndCopy() {
        QVERIFY(c()->selectCounty("太谷区", false));
        QTemporaryDir dir;
        const QString csv = dir.filePath("taigu.csv");
        QCOMPARE(c()->exportTable(csv), QString());
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(f.readAll());
        QVERIFY(text.contains("太谷玛钢专业镇"));
        QCOMPARE(c()->exportTable(dir.filePath("taigu.xlsx")), QString());
        QVERIFY(QFile::exists(dir.filePath("taigu.xlsx")));
        // An unwritable place is reported in the window, nothing crashes.
        QVERIFY(!c()->exportTable("/proc/nonexistent/x.csv").isEmpty());
        QVERIFY(!c()->errorMessage().isEmpty());
        c()->dismissError();
    }

    void exportDialogOffersFilePicker() {
        // "Export table…" opens a dialog whose "Browse…" shows the desktop's
        // save dialog (QFileDialog here); cancelling it keeps the path.
        QVERIFY(c()->selectCounty("太谷区", false));
        auto* button = qobject_cast<QQuickItem*>(app_->findItem("exportButton"));
        QVERIFY(button && button->isEnabled());
        clickItem(window(), button);
        QObject* dialog = app_->findItem("exportDialog");
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->property("opened").toBool());
        QObject* path = app_->findItem("exportPath");
        const QString before = path->property("text").toString();
        QVERIFY(before.endsWith("太谷区.csv"));
        auto* browse = qobject_cast<QQuickItem*>(app_->findItem("exportBrowse"));
        QVERIFY(browse);
        QTest::qWait(300);  // the dialog's opening transition
        saveArtifact("export_dialog");
        clickItem(window(), browse);
        QObject* picker = app_->findItem("exportFileDialog");
        QVERIFY(picker);
        QTRY_VERIFY(picker->property("visible").toBool());
        QVERIFY(QMetaObject::invokeMethod(picker, "reject"));
        QTRY_VERIFY(!picker->property("visible").toBool());
        QCOMPARE(path->property("text").toString(), before);
        QVERIFY(QMetaObject::invokeMethod(dialog, "reject"));
        QTRY_VERIFY(!dialog->property("visible").toBool());
        // The file dialog was a window of its own: give the map window its
        // keyboard back for the tests that type.
        window()->requestActivate();
        QVERIFY(QTest::qWaitForWindowActive(window()));
    }

    void traditionalSearchFindsTown() {
        QQuickItem* field = focusSearch();
        QVERIFY(QTest::qWaitForWindowActive(window()));
        QTRY_VERIFY(field->hasActiveFocus());
        typeText(QStringLiteral("大同黃花"));
        QTRY_COMPARE(field->property("text").toString(), QStringLiteral("大同黃花"));
        QTRY_VERIFY(c()->searchRows().count() > 0);
        QVERIFY(c()->searchRows().get(0).value("name").toString().contains("大同黄花"));
        QCOMPARE(c()->searchRows().get(0).value("kind").toString(), QStringLiteral("town"));
        QTest::keyClick(window(), Qt::Key_Return);
        QTRY_VERIFY(c()->selectionTitle().contains("大同黄花"));
        QVERIFY(app_->waitUntilDrawn());
        // The map centred on the town's point as drawn.
        const QString id = c()->searchRows().get(0).value("id").toString();
        saveArtifact("search_town");
        const auto rings = c()->frameSource()->find({QStringLiteral("towns")}, "id", id).rings(0);
        QVERIFY(!rings.isEmpty());
        const QPointF town = toLonLat(rings.front().front());
        QVERIFY(std::abs(layer()->centerLatitude() - town.y()) < 0.01);
        QVERIFY(std::abs(layer()->centerLongitude() - town.x()) < 0.01);
        QVERIFY(!app_->findItem("searchPopup")->property("visible").toBool());
        field->setProperty("text", QString());
    }

    // 城区 is a district of two cities: Return opens the chooser with both,
    // and selects nothing until one is chosen.
    void chooserOpensOnAmbiguousReturn() {
        c()->clearSelection();
        QQuickItem* field = focusSearch();
        QTRY_VERIFY(field->hasActiveFocus());
        typeText(QStringLiteral("城区"));
        QTRY_COMPARE(field->property("text").toString(), QStringLiteral("城区"));
        QTest::keyClick(window(), Qt::Key_Return);
        QObject* popup = app_->findItem("searchPopup");
        QTRY_VERIFY(popup->property("opened").toBool());
        QVERIFY(field->property("chooser").toBool());
        QVERIFY(app_->findItem("searchChooserHeader")->property("visible").toBool());
        int districts = 0;
        for (const auto& r : c()->searchRows().rows())
            districts += r.value("name") == "城区" && r.value("kind") == "county";
        QVERIFY(districts >= 2);
        QCOMPARE(c()->selectionKind(), QString());  // nothing chosen for the user
        checkScreenshot("search_chooser");
        // The keyboard chooses: the current row is a 城区; Return shows it.
        QTest::keyClick(window(), Qt::Key_Return);
        QTRY_COMPARE(c()->selectionKind(), QStringLiteral("county"));
        QCOMPARE(c()->selectionTitle(), QStringLiteral("城区"));
        QTRY_VERIFY(!popup->property("visible").toBool());
        field->setProperty("text", QString());
        c()->clearSelection();
        QVERIFY(app_->waitUntilDrawn());
    }

    // No match: a quiet note inside the field, no popup over the map.
    void noMatchIsAQuietInlineMessage() {
        QQuickItem* field = focusSearch();
        QTRY_VERIFY(field->hasActiveFocus());
        typeText(QStringLiteral("不存在的地方"));
        QTRY_VERIFY(app_->findItem("searchNoMatch")->property("visible").toBool());
        QVERIFY(!app_->findItem("searchPopup")->property("visible").toBool());
        QTest::keyClick(window(), Qt::Key_Return);
        QTest::qWait(100);
        QVERIFY(!app_->findItem("searchPopup")->property("visible").toBool());
        QVERIFY(app_->findItem("searchNoMatch")->property("visible").toBool());
        field->setProperty("text", QString());
        QVERIFY(!app_->findItem("searchNoMatch")->property("visible").toBool());
    }

    // The legend's counts and the county choropleth follow the filters: with
    // only 晋中市's towns kept, counties elsewhere fall in the "0" class.
    void legendCountsAndChoroplethFollowFilters() {
        c()->clearSelection();
        fit(QStringLiteral("province"));
        QTRY_VERIFY(!c()->legendPending());
        auto circleSum = [this] {
            int sum = 0;
            for (const auto& r : c()->legendRows().rows())
                if (r.value("symbol") == "circle" && r.value("count").toInt() > 0)
                    sum += r.value("count").toInt();
            return sum;
        };
        int drawn = 0, provincialDrawn = 0, provincial = 0;
        for (const TownEntry& t : c()->catalogue().towns()) {
            provincial += t.level == "provincial";
            if (t.countyAdcode.isEmpty()) continue;
            ++drawn;
            provincialDrawn += t.level == "provincial";
        }
        const int before = circleSum();
        QCOMPARE(before, 2 * drawn);  // sector and level groups count every drawn town
        QCOMPARE(c()->resultRows().count(), static_cast<int>(c()->catalogue().towns().size()));
        const int zeroBefore = legendCount("counties-towns", "below");
        QVERIFY(zeroBefore > 0);
        // A county outside 晋中市 with two towns (泽州县): its colour on the map.
        const QColor twoTowns(0xee, 0xb7, 0x79), none(0xfb, 0xf8, 0xef);
        const jinmap::Bounds zezhou = c()->database()->countyBounds("140525");
        const QImage frame = layer()->lastFrame();
        QPoint sample;
        QVariantMap sampleAt;
        for (int y = 0; y < frame.height() && sample.isNull(); ++y)
            for (int x = 0; x < frame.width() && sample.isNull(); ++x) {
                const QVariantMap ll = layer()->toCoordinate(x / frame.devicePixelRatio(),
                                                             y / frame.devicePixelRatio());
                const double lon = ll.value("longitude").toDouble(),
                             lat = ll.value("latitude").toDouble();
                if (lon < zezhou.minX || lon > zezhou.maxX || lat < zezhou.minY ||
                    lat > zezhou.maxY)
                    continue;
                if (QColor(frame.pixel(x, y)) == twoTowns &&
                    QColor(frame.pixel(x + 3, y + 3)) == twoTowns &&
                    c()->pickAt(lon, lat, layer()->resolution()).key == "140525") {
                    sample = QPoint(x + 1, y + 1);
                    sampleAt = layer()->toCoordinate((x + 1) / frame.devicePixelRatio(),
                                                     (y + 1) / frame.devicePixelRatio());
                }
            }
        QVERIFY2(!sample.isNull(), "no pixel of 泽州县 in the two-towns colour");
        // The colour of that place in the frame on screen (wherever the camera is).
        auto colourThere = [&] {
            const QImage f = layer()->lastFrame();
            const QPointF p = layer()->toPixel(sampleAt.value("longitude").toDouble(),
                                               sampleAt.value("latitude").toDouble()) *
                              f.devicePixelRatio();
            return QColor(f.pixel(qRound(p.x()), qRound(p.y())));
        };

        auto* box = qobject_cast<QQuickItem*>(app_->findItem("filter_level_provincial"));
        QVERIFY(box);
        clickItem(window(), box);
        QTRY_VERIFY(c()->filterActive());
        QTRY_VERIFY(!c()->legendPending());
        QCOMPARE(circleSum(), 2 * provincialDrawn);
        QCOMPARE(legendCount("towns", "provincial"), provincialDrawn);
        QCOMPARE(c()->resultRows().count(), provincial);
        QVERIFY(legendCount("counties-towns", "below") > zeroBefore);
        c()->clearFilters();
        QTRY_VERIFY(!c()->legendPending());

        c()->setFilterValue("prefecture", "140700", true);  // 晋中市 only
        QVERIFY(app_->waitUntilDrawn());
        QTRY_VERIFY(!c()->legendPending());
        QStringList counties;
        for (const TownEntry& t : c()->catalogue().towns())
            if (t.prefectureAdcode == "140700" && !counties.contains(t.countyAdcode))
                counties << t.countyAdcode;
        const int withTowns = legendCount("counties-towns", "1") +
                              legendCount("counties-towns", "2") +
                              legendCount("counties-towns", "3");
        QCOMPARE(withTowns, counties.size());
        QTRY_COMPARE(colourThere(), none);
        QVERIFY(app_->findItem("filterChip")->property("visible").toBool());
        saveArtifact("filter_jinzhong");
        c()->setFilterValue("prefecture", "140700", false);
        QVERIFY(app_->waitUntilDrawn());
        QTRY_COMPARE(circleSum(), before);
        QTRY_COMPARE(colourThere(), twoTowns);
        // The offer to frame the results: 晋中市's counties fill the view.
        c()->setFilterValue("prefecture", "140700", true);
        QVERIFY(app_->waitUntilDrawn());
        clickItem(window(), qobject_cast<QQuickItem*>(app_->findItem("chipFrameButton")));
        QVERIFY(app_->waitUntilDrawn());
        const jinmap::Bounds jz = c()->database()->prefectureBounds("140700");
        QVERIFY(cameraShows(jz.minX + 0.05, jz.minY + 0.05, jz.maxX - 0.05, jz.maxY - 0.05));
        QVERIFY(!cameraShows(110.3, 34.6, 114.5, 40.7));
        c()->clearFilters();
        QVERIFY(app_->waitUntilDrawn());
    }

    void layerToggleRedraws() {
        const int frames = layer()->framesRendered();
        auto* section = qobject_cast<QQuickItem*>(app_->findItem("layersSection"));
        QVERIFY(section);
        section->setProperty("expanded", true);
        auto* box = qobject_cast<QQuickItem*>(app_->findItem("layer_towns"));
        QVERIFY(box);
        QTRY_VERIFY(box->isVisible());
        QTest::qWait(100);
        clickItem(window(), box);
        saveArtifact("layers_open");
        const int row = c()->layerRows().find("id", "towns");
        QVERIFY(row >= 0);
        QTRY_COMPARE(c()->layerRows().get(row).value("visible").toBool(), false);
        QVERIFY(app_->waitUntilDrawn());
        QVERIFY(layer()->framesRendered() > frames);
        clickItem(window(), box);
        QVERIFY(app_->waitUntilDrawn());
        section->setProperty("expanded", false);
    }

    // One zoom step for the keys, the wheel and the buttons, animated.
    void zoomStepsAreConsistent() {
        fit(QStringLiteral("province"));
        QQuickItem* map = qobject_cast<QQuickItem*>(app_->findItem("map"));
        map->forceActiveFocus();
        const double step = app_->findItem("mainWindow")->property("zoomStep").toDouble();
        QCOMPARE(step, 0.5);
        double zoom = layer()->zoomLevel();
        QTest::keyClick(window(), Qt::Key_Plus);
        QTRY_VERIFY(std::abs(layer()->zoomLevel() - (zoom + step)) < 1e-6);
        zoom = layer()->zoomLevel();
        clickItem(window(), qobject_cast<QQuickItem*>(app_->findItem("zoomOutButton")));
        QTRY_VERIFY(std::abs(layer()->zoomLevel() - (zoom - step)) < 1e-6);
        // A wheel notch: the same step, the point under the pointer stays put.
        zoom = layer()->zoomLevel();
        const QPoint at = windowPoint(112.55, 37.87);
        QWheelEvent wheel(at, window()->mapToGlobal(at), QPoint(), QPoint(0, 120), Qt::NoButton,
                          Qt::NoModifier, Qt::NoScrollPhase, false);
        QCoreApplication::sendEvent(window(), &wheel);
        QTRY_VERIFY(std::abs(layer()->zoomLevel() - (zoom + step)) < 1e-6);
        QVERIFY((windowPosition(*app_, 112.55, 37.87) - QPointF(at)).manhattanLength() < 2);
        const double lon = layer()->centerLongitude();
        QTest::keyClick(window(), Qt::Key_Right);
        QTRY_VERIFY(layer()->centerLongitude() > lon);
        QTest::keyClick(window(), Qt::Key_Home);
        QVERIFY(app_->waitUntilDrawn());
        QVERIFY(cameraShows(110.3, 34.6, 114.5, 40.7));
    }

    // Alt+←/→ walk through the views the map showed.
    void viewHistoryBackAndForward() {
        fit(QStringLiteral("province"));
        QTest::qWait(900);  // a settled view is recorded
        fit(QStringLiteral("大同市"));
        QTest::qWait(900);
        QVERIFY(c()->canGoBack());
        QTest::keyClick(window(), Qt::Key_Left, Qt::AltModifier);
        QVERIFY(app_->waitUntilDrawn());
        QTRY_VERIFY(cameraShows(110.3, 34.6, 114.5, 40.7));
        QVERIFY(c()->canGoForward());
        QTest::qWait(900);
        QTest::keyClick(window(), Qt::Key_Right, Qt::AltModifier);
        QVERIFY(app_->waitUntilDrawn());
        const jinmap::Bounds dt = c()->database()->prefectureBounds("140200");
        QTRY_VERIFY(cameraShows(dt.minX, dt.minY, dt.maxX, dt.maxY));
        QVERIFY(!cameraShows(110.3, 34.6, 114.5, 40.7));
    }

    // A theme opens on its home (Datong's layout on 大同市) unless the user
    // moved in it; Home and 本市 act in every theme.
    void themeSwitchFramesTheThemesHome() {
        // Datong's theme as never moved in: left on its home.
        c()->setTheme("datong");
        evaluate(*app_, "mainWindow", QStringLiteral("fitHome()"));
        QVERIFY(app_->waitUntilDrawn());
        c()->setTheme("towns");
        fit(QStringLiteral("晋中市"));  // moved away from the towns theme's home
        const double jzLat = layer()->centerLatitude(), jzLon = layer()->centerLongitude();
        c()->setTheme("datong");
        QVERIFY(app_->waitUntilDrawn());
        const jinmap::Bounds dt = c()->database()->prefectureBounds("140200");
        QVERIFY(cameraShows(dt.minX, dt.minY, dt.maxX, dt.maxY));
        QVERIFY(!cameraShows(110.3, 34.6, 114.5, 40.7));  // not the province
        QVERIFY(c()->homeIsCity());
        checkScreenshot("theme_datong");
        // Back in the towns theme: the view the user left there.
        c()->setTheme("towns");
        QVERIFY(app_->waitUntilDrawn());
        QVERIFY(std::abs(layer()->centerLatitude() - jzLat) < 1e-6);
        QVERIFY(std::abs(layer()->centerLongitude() - jzLon) < 1e-6);
        // Datong again: its home (it was not moved there).
        c()->setTheme("datong");
        QVERIFY(app_->waitUntilDrawn());
        QVERIFY(cameraShows(dt.minX, dt.minY, dt.maxX, dt.maxY));
        // Home goes to the theme's home; 本市 with nothing selected too.
        fit(QStringLiteral("province"));
        clickItem(window(), qobject_cast<QQuickItem*>(app_->findItem("homeButton")));
        QVERIFY(app_->waitUntilDrawn());
        QVERIFY(!cameraShows(110.3, 34.6, 114.5, 40.7));
        QVERIFY(cameraShows(dt.minX, dt.minY, dt.maxX, dt.maxY));
        fit(QStringLiteral("province"));
        c()->clearSelection();
        clickItem(window(), qobject_cast<QQuickItem*>(app_->findItem("zoomCityButton")));
        QVERIFY(app_->waitUntilDrawn());
        QVERIFY(cameraShows(dt.minX, dt.minY, dt.maxX, dt.maxY));
        QVERIFY(!cameraShows(110.3, 34.6, 114.5, 40.7));
        // In the towns theme, 本市 takes the city in the middle of the map.
        c()->setTheme("towns");
        QVERIFY(app_->waitUntilDrawn());
        c()->clearSelection();
        fit(QStringLiteral("太谷区"));
        clickItem(window(), qobject_cast<QQuickItem*>(app_->findItem("zoomCityButton")));
        QVERIFY(app_->waitUntilDrawn());
        const jinmap::Bounds jz = c()->database()->prefectureBounds("140700");
        QVERIFY(cameraShows(jz.minX + 0.05, jz.minY + 0.05, jz.maxX - 0.05, jz.maxY - 0.05));
        clickItem(window(), qobject_cast<QQuickItem*>(app_->findItem("homeButton")));
        QVERIFY(app_->waitUntilDrawn());
        QVERIFY(cameraShows(110.3, 34.6, 114.5, 40.7));
    }

    // The measuring tool: two clicks on one meridian, 1° of latitude apart,
    // give the WGS84 meridian arc between them.
    void measuringToolMeasuresAKnownDistance() {
        fit(QStringLiteral("晋中市"));
        clickItem(window(), qobject_cast<QQuickItem*>(app_->findItem("measureButton")));
        QTRY_VERIFY(app_->findItem("mainWindow")->property("measuring").toBool());
        const QPoint a = windowPoint(112.8, 37.2), b0 = windowPoint(112.8, 38.0);
        const QPoint b(a.x(), b0.y());  // the same pixel column: the same meridian
        QTest::mouseClick(window(), Qt::LeftButton, Qt::NoModifier, a);
        QTest::qWait(400);  // not a double-click
        QTest::mouseClick(window(), Qt::LeftButton, Qt::NoModifier, b);
        QTRY_COMPARE(app_->findItem("mainWindow")->property("measurePoints").toList().size(), 2);
        const QVariantMap result = app_->findItem("mainWindow")->property("measureResult").toMap();
        const QVariantList pts = app_->findItem("mainWindow")->property("measurePoints").toList();
        const double lat1 = pts[0].toMap().value("latitude").toDouble();
        const double lat2 = pts[1].toMap().value("latitude").toDouble();
        QVERIFY(std::abs(pts[0].toMap().value("longitude").toDouble() -
                         pts[1].toMap().value("longitude").toDouble()) < 1e-9);
        const double expected = meridianArc(lat1, lat2);
        QVERIFY(expected > 80000 && expected < 100000);
        QVERIFY2(std::abs(result.value("distance").toDouble() - expected) < 1.0,
                 qPrintable(QStringLiteral("measured %1 m, meridian arc %2 m")
                                .arg(result.value("distance").toDouble())
                                .arg(expected)));
        QVERIFY(app_->findItem("measureText")->property("text").toString().contains("公里"));
        // A third point and "area": a polygon area in 平方公里.
        QTest::qWait(400);
        QTest::mouseClick(window(), Qt::LeftButton, Qt::NoModifier, windowPoint(113.4, 37.6));
        clickItem(window(), qobject_cast<QQuickItem*>(app_->findItem("measureAreaButton")));
        QTRY_VERIFY(
            app_->findItem("measureText")->property("text").toString().contains("平方公里"));
        QVERIFY(app_->findItem("mainWindow")
                    ->property("measureResult")
                    .toMap()
                    .value("area")
                    .toDouble() > 1e9);
        QVERIFY(c()->selectionKind().isEmpty());  // measuring clicks select nothing
        checkScreenshot("measuring");
        QTest::keyClick(window(), Qt::Key_Escape);
        QTRY_VERIFY(!app_->findItem("mainWindow")->property("measuring").toBool());
    }

    void mapFurnitureIsOnTheMap() {
        fit(QStringLiteral("province"));
        QVERIFY(app_->findItem("scaleBar")->property("visible").toBool());
        QVERIFY(app_->findItem("northArrow")->property("visible").toBool());
        const QString scale = app_->findItem("scaleText")->property("text").toString();
        QVERIFY2(scale.endsWith(QStringLiteral(" 公里")), qPrintable(scale));
        // The bar's length is the ground distance it says, at the map's centre.
        const QVariantMap bar = c()->scaleBar(layer()->centerLongitude(), layer()->centerLatitude(),
                                              layer()->zoomLevel(), 140);
        QVERIFY(bar.value("pixels").toDouble() > 50 && bar.value("pixels").toDouble() <= 140);
        QCOMPARE(c()->coordinateText(113.2913, 37.9376),
                 QStringLiteral("东经 113.29°，北纬 37.94°"));
        QTest::mouseMove(window(), windowPoint(113.29, 37.94) + QPoint(3, 0));
        QTest::mouseMove(window(), windowPoint(113.29, 37.94));
        saveArtifact("furniture");
        QTRY_VERIFY2(
            app_->findItem("coordinateLabel")->property("text").toString().startsWith("东经 113.2"),
            qPrintable(app_->findItem("coordinateLabel")->property("text").toString()));
        QTest::mouseMove(window(), QPoint(2, window()->height() - 2));
        QTest::keyClick(window(), Qt::Key_F1);
        QObject* help = app_->findItem("shortcutsDialog");
        QTRY_VERIFY(help->property("opened").toBool());
        saveArtifact("shortcuts");
        QVERIFY(QMetaObject::invokeMethod(help, "reject"));
        QTRY_VERIFY(!help->property("visible").toBool());
    }

    void compareTwoCounties() {
        QVERIFY(c()->selectCounty("太谷区", true));
        QVERIFY(app_->waitUntilDrawn());
        clickItem(window(), qobject_cast<QQuickItem*>(app_->findItem("compareButton")));
        QObject* dialog = app_->findItem("compareDialog");
        QTRY_VERIFY(dialog->property("opened").toBool());
        QCOMPARE(c()->compareLeft(), QStringLiteral("140703"));
        QVERIFY(c()->setCompareCounty(1, QStringLiteral("祁县")));
        QCOMPARE(c()->compareRight(), QStringLiteral("140727"));
        // Both columns come from the model: the town counts a planner
        // compares first, then each county's towns and figures.
        for (int side = 0; side < 2; ++side) {
            const auto& rows = c()->compareRows(side).rows();
            QVERIFY(rows.size() > 5);
            QCOMPARE(rows[2].value("kind").toString(), QStringLiteral("fact"));
            QVERIFY(rows[2].value("detail").toString().contains(QStringLiteral("省级")));
            int towns = 0;
            for (const auto& r : rows) towns += r.value("kind") == "town";
            QCOMPARE(towns, 2);
        }
        checkScreenshot("compare_taigu_qixian");
        QVERIFY(QMetaObject::invokeMethod(dialog, "reject"));
        QTRY_VERIFY(!dialog->property("visible").toBool());
        c()->clearSelection();
    }

    // English: the legend, the panels' and the filters' texts come from the
    // style and the model in English; Chinese remains only in place names
    // (shown as 太谷区 Taigu District) and in quotations 「…」.
    void englishHasNoChineseOutsidePlaceNames() {
        c()->setLanguage("en");
        QVERIFY(app_->waitUntilDrawn());
        QTRY_VERIFY(!c()->legendPending());
        QCOMPARE(window()->title(), QStringLiteral("jinmap — Shanxi specialty towns"));
        QStringList places;  // Chinese place names as the English model shows them
        for (const QVariant& v : c()->countyOptions()) {
            const QString label = v.toMap().value("label").toString();
            for (const QString& part : label.split(QRegularExpression(QStringLiteral("[ ·]+"))))
                if (!part.isEmpty() && isCjk(part.front())) places << part;
        }
        places << QStringLiteral("山西省");
        std::sort(places.begin(), places.end(),
                  [](const QString& a, const QString& b) { return a.size() > b.size(); });
        auto chineseLeft = [&](QString s) {
            // Quotations of the documents (「…」, or “…” / "…" inside English notes).
            s.remove(QRegularExpression(QStringLiteral("「[^」]*」|“[^”]*”|\"[^\"]*\"")));
            for (const QString& p : places) s.remove(p);
            QString left;
            for (const QChar ch : s)
                if (isCjk(ch)) left += ch;
            return left;
        };
        QStringList offending;
        auto check = [&](const QString& where, const QString& text) {
            const QString left = chineseLeft(text);
            if (!left.isEmpty()) offending << where + ": " + text;
        };
        check("legend title", c()->legendTitle());
        check("legend note", c()->legendNote());
        for (const auto& r : c()->legendRows().rows()) check("legend", r.value("label").toString());
        for (const QVariantList& options :
             {c()->levelOptions(), c()->sectorOptions(), c()->prefectureOptions()})
            for (const QVariant& o : options) check("filter", o.toMap().value("label").toString());
        for (const auto& r : c()->overviewRows().rows())
            check("overview", r.value("name").toString());
        for (const auto& r : c()->resultRows().rows()) {
            check("results", r.value("name").toString());
            check("results", r.value("context").toString());
            check("results", r.value("sector").toString());
        }
        for (const auto& r : c()->layerRows().rows()) check("layers", r.value("label").toString());
        check("filter summary", c()->filterSummary());
        // 祁县's panel: every figure readable in English.
        QVERIFY(c()->selectCounty("祁县", true));
        QVERIFY(app_->waitUntilDrawn());
        QCOMPARE(c()->selectionTitle(), QStringLiteral("祁县 Qi County"));
        check("subtitle", c()->selectionSubtitle());
        int facts = 0;
        for (const auto& r : c()->summaryRows().rows()) {
            for (const char* role : {"title", "detail", "extra", "badge", "notes", "source"})
                check(QStringLiteral("panel ") + QLatin1String(role), r.value(role).toString());
            facts += r.value("kind") == "fact";
        }
        QVERIFY(facts > 5);
        const QPoint at = pointInCounty(QStringLiteral("140727"));
        QVERIFY(!at.isNull());
        QTest::mouseMove(window(), at + QPoint(10, 10));
        QTest::mouseMove(window(), at);
        QTRY_VERIFY(!c()->hoverText().isEmpty());
        check("hover", c()->hoverText());
        QTest::mouseMove(window(), QPoint(2, window()->height() - 2));
        QVERIFY2(offending.isEmpty(), qPrintable(offending.join(QStringLiteral("\n"))));
        checkScreenshot("qixian_en");
        c()->clearSelection();
        fit(QStringLiteral("province"));
        checkScreenshot("theme_towns_en");
        c()->setLanguage("zh_CN");
        QCOMPARE(window()->title(), QStringLiteral("晋图 — 山西特色专业镇"));
        QVERIFY(app_->waitUntilDrawn());
    }

    // The online basemap: a Chinese attribution, and a clear message (not a
    // silent blank) when its tiles cannot load.
    void onlineBasemapSaysWhenTilesCannotLoad() {
        c()->setBasemapProbeUrl(QUrl(QStringLiteral("http://127.0.0.1:9/0/0/0.png")));
        c()->setBasemapEnabled(true);
        QTRY_VERIFY_WITH_TIMEOUT(!c()->basemapProblem().isEmpty(), 15000);
        QVERIFY(c()->basemapProblem().contains(QStringLiteral("无法加载在线底图")));
        QTRY_VERIFY(app_->findItem("basemapProblem")->property("visible").toBool());
        QCOMPARE(app_->findItem("basemapAttribution")->property("text").toString(),
                 QStringLiteral("底图 © OpenStreetMap 贡献者"));
        QVERIFY(app_->waitUntilDrawn());
        saveArtifact("basemap_offline");
        c()->setBasemapEnabled(false);
        QTRY_VERIFY(!app_->findItem("basemapProblem")->property("visible").toBool());
        QVERIFY(app_->waitUntilDrawn());
    }

    void translationsComplete() {
        for (const char* lang : {"zh_CN", "en"}) {
            QFile f(QStringLiteral(JINMAP_TS_DIR "/jinmap_%1.ts").arg(QLatin1String(lang)));
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray ts = f.readAll();
            QVERIFY2(!ts.contains("type=\"unfinished\""), lang);
            QVERIFY(ts.count("<message") > 100);
        }
    }

    void screenshotAdmin() {
        c()->clearSelection();
        c()->setTheme("admin");
        QVERIFY(app_->waitUntilDrawn());
        checkScreenshot("theme_admin");
    }

    void screenshotSummary() {
        c()->setTheme("towns");
        fit(QStringLiteral("晋中市"));
        QVERIFY(c()->selectCounty("太谷区", false));
        checkScreenshot("summary_taigu");
        c()->clearSelection();
    }

    // At 1100×700 the province fits, and the panels' headers are on screen.
    void smallWindowFitsTheProvince() {
        const QSize before = window()->size();
        evaluate(*app_, "mainWindow", QStringLiteral("fitHome()"));
        window()->resize(1100, 700);
        QTRY_COMPARE(window()->size(), QSize(1100, 700));
        QVERIFY(app_->waitUntilDrawn());
        saveArtifact("window_1100x700_actual");
        QTRY_VERIFY(cameraShows(110.3, 34.6, 114.5, 40.7));
        // The refit after the resize moves the camera once more: its frame.
        QVERIFY(app_->waitUntilDrawn());
        for (const char* header : {"layersSectionHeader", "legendSectionHeader",
                                   "filterSectionHeader", "resultSectionHeader"}) {
            auto* h = qobject_cast<QQuickItem*>(app_->findItem(QString::fromLatin1(header)));
            QVERIFY(h);
            const QPointF bottom = h->mapToScene(QPointF(0, h->height()));
            QVERIFY2(bottom.y() <= window()->height(), header);
        }
        checkScreenshot("window_1100x700");
        window()->resize(before);
        QTRY_COMPARE(window()->size(), before);
        QVERIFY(app_->waitUntilDrawn());
    }

    void missingDatabaseShownNotFatal() {
        ViewerOptions o = testOptions();
        o.dbPath = QStringLiteral("/nonexistent/jinmap.sqlite");
        ViewerApp app(o);
        QVERIFY(app.start());
        QVERIFY(app.waitUntilDrawn());
        QVERIFY(!app.controller()->hasDatabase());
        QCOMPARE(app.controller()->errorTitle(), QStringLiteral("无法打开地图数据库"));
        QVERIFY(app.findItem("errorBanner")->property("visible").toBool());
        // Still usable: clicks and searches do nothing harmful.
        QTest::mouseClick(app.window(), Qt::LeftButton, Qt::NoModifier, QPoint(800, 500));
        app.controller()->search("太谷");
        QCOMPARE(app.controller()->searchRows().count(), 0);
    }

    void badStyleShownNotFatal() {
        QTemporaryDir dir;
        const QString style = dir.filePath("bad.json");
        QFile f(style);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\n  \"version\": 8,\n  \"layers\": [ {\"id\": 3, } ]\n}\n");
        f.close();
        ViewerOptions o = testOptions();
        o.stylePath = style;
        ViewerApp app(o);
        QVERIFY(app.start());
        QVERIFY(app.waitUntilDrawn());
        QCOMPARE(app.controller()->errorTitle(), QStringLiteral("无法使用地图样式"));
        QVERIFY(app.controller()->errorMessage().contains("bad.json"));
        // The built-in drawing is shown instead.
        QVERIFY(app.layer()->framesRendered() > 0);
    }

    void databaseDeletedOrReplacedWhileOpen() {
        // A rebuild (rename over) or a deletion of the database under a
        // running viewer: the open connection keeps reading the file it
        // opened, so the window keeps answering and drawing from one
        // consistent version, with no error and no crash.
        QTemporaryDir dir;
        const QString db = dir.filePath("jinmap.sqlite");
        QVERIFY(QFile::copy(testOptions().dbPath, db));
        ViewerOptions o = testOptions();
        o.dbPath = db;
        ViewerApp app(o);
        QVERIFY(app.start());
        QVERIFY(app.waitUntilDrawn());
        Controller* ctl = app.controller();
        auto townsListed = [ctl] {
            QStringList towns;
            for (const auto& row : ctl->summaryRows().rows())
                if (row.value("kind") == "town") towns << row.value("title").toString();
            return towns;
        };

        QVERIFY(QFile::remove(db));
        QVERIFY(ctl->selectCounty("太谷区", false));
        QVERIFY(townsListed().contains("太谷玛钢专业镇"));

        // Replaced by something that is not a database at all.
        QFile garbage(db + ".new");
        QVERIFY(garbage.open(QIODevice::WriteOnly));
        garbage.write(QByteArray(8192, 'x'));
        garbage.close();
        QVERIFY(QFile::rename(db + ".new", db));
        ctl->clearSelection();
        QVERIFY(ctl->selectCounty("祁县", false));
        QVERIFY(townsListed().contains("祁县玻璃器皿专业镇"));
        ctl->search("大同黃花");
        QTRY_VERIFY(ctl->searchRows().count() > 0);
        ctl->setTheme("admin");
        QVERIFY(app.waitUntilDrawn());
        QVERIFY2(ctl->errorMessage().isEmpty(), qPrintable(ctl->errorMessage()));
        QVERIFY(app.layer()->framesRendered() > 0);
    }

    void remembersViewAndTheme() {
        QTemporaryDir dir;
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir.path());
        {
            ViewerOptions o = testOptions();
            o.theme.clear();
            o.useSettings = true;
            Controller first(o);
            first.load();
            first.setTheme("admin");
            first.saveView(36.1, 112.9, 8.25);
        }
        ViewerOptions o = testOptions();
        o.theme.clear();
        o.useSettings = true;
        Controller second(o);
        QCOMPARE(second.theme(), QStringLiteral("admin"));
        QVERIFY(second.hasStartView());
        QCOMPARE(second.startLatitude(), 36.1);
        QCOMPARE(second.startZoom(), 8.25);
    }

    void cleanupTestCase() { app_.reset(); }
};

int main(int argc, char** argv) {
    QApplication::setOrganizationName(QStringLiteral("jinmap"));
    QApplication::setApplicationName(QStringLiteral("jinmap-gui-tests"));
    previousHandler = qInstallMessageHandler(collectQmlWarnings);
    QApplication app(argc, argv);
    GuiTests tests;
    return QTest::qExec(&tests, argc, argv);
}

#include "gui_tests.moc"
