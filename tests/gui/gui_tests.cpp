// Drives the real viewer window (QML + Qt Location Map + thematic layer)
// under Xvfb: alignment with the Map camera, click-for-summary, hover,
// Traditional-character search, filters and legend counts, keyboard,
// language switch, errors shown in the window, remembered view, and
// screenshots of each theme and of an open summary compared with references.
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

#include "gui_support.h"
#include "map_math.h"
#include "support/reference_review.h"
#include "thematic_layer.h"
#include "viewer_app.h"

using namespace jinmap::viewer;
using namespace jinmap::viewer::test;

namespace {

const CountyItem* findCounty(const Controller& c, const QString& name) {
    for (const auto& county : c.scene()->counties())
        if (county.name == name) return &county;
    return nullptr;
}

// Scrolls the panel's ScrollView so that `item` is on screen.
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

}  // namespace

class GuiTests : public QObject {
    Q_OBJECT

  private:
    std::unique_ptr<ViewerApp> app_;
    Controller* c() { return app_->controller(); }
    QQuickWindow* window() { return app_->window(); }
    void fit(const QString& extent) {
        evaluate(*app_, "mainWindow", QStringLiteral("fit(app.extentRect('%1'), 24)").arg(extent));
        QVERIFY(app_->waitUntilDrawn());
    }
    void checkScreenshot(const QString& name) {
        QTest::mouseMove(window(), QPoint(2, window()->height() - 2));
        c()->clearHover();
        c()->showStatus(QString());
        // The left panel scrolled back to the top (other tests scroll it).
        if (auto* panel = qobject_cast<QQuickItem*>(app_->findItem("leftPanel")))
            for (QQuickItem* f : panel->findChildren<QQuickItem*>())
                if (f->inherits("QQuickFlickable")) f->setProperty("contentY", 0);
        QVERIFY(app_->waitUntilDrawn());
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

    void opensOnShanxiInChinese() {
        QCOMPARE(c()->theme(), QStringLiteral("towns"));
        QCOMPARE(window()->title(), QStringLiteral("晋图 — 山西特色专业镇"));
        // The whole province is in view.
        ThematicLayer* layer = app_->layer();
        const QPointF nw = layer->toPixel(110.3, 40.7), se = layer->toPixel(114.5, 34.6);
        QVERIFY(nw.x() >= 0 && nw.y() >= 0 && se.x() <= layer->width() &&
                se.y() <= layer->height());
    }

    void thematicImageAlignedWithMap() {
        // The thematic layer's projection equals Qt Location's for any camera.
        for (const QString& extent : {QStringLiteral("province"), QStringLiteral("太谷区")}) {
            fit(extent);
            for (auto [lon, lat] :
                 {std::pair{112.55, 37.42}, std::pair{113.3, 40.1}, std::pair{111.0, 35.5}}) {
                const QPointF ours = app_->layer()->toPixel(lon, lat);
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
        const CountyItem* taigu = findCounty(*c(), QStringLiteral("太谷区"));
        QVERIFY(taigu);
        // The label point; if a town marker sits there, a nearby county pixel.
        QPointF target = windowPosition(*app_, taigu->labelLon, taigu->labelLat);
        const double res = app_->layer()->resolution();
        auto hitAt = [&](QPointF scenePos) {
            const QPointF local = app_->layer()->mapFromScene(scenePos);
            const QPointF m = app_->layer()->camera().toMercator(local);
            return c()->scene()->hitTest(m.x(), m.y(), 8 * res, {}, {});
        };
        if (hitAt(target).kind != HitKind::County) {
            bool found = false;
            for (int r = 10; r < 80 && !found; r += 5)
                for (int a = 0; a < 16 && !found; ++a) {
                    const QPointF p =
                        target + QPointF(r * std::cos(a * 0.3927), r * std::sin(a * 0.3927));
                    const Hit h = hitAt(p);
                    if (h.kind == HitKind::County &&
                        c()->scene()->counties()[static_cast<std::size_t>(h.index)].name ==
                            "太谷区") {
                        target = p;
                        found = true;
                    }
                }
            QVERIFY(found);
        }
        QTest::mouseClick(window(), Qt::LeftButton, Qt::NoModifier, target.toPoint());
        QTRY_COMPARE(c()->selectionTitle(), QStringLiteral("太谷区"));
        QCOMPARE(c()->selectionKind(), QStringLiteral("county"));
        QVERIFY(!c()->selectionPaths().isEmpty());  // highlighted
        QStringList expected, listed;
        for (const auto& t : c()->scene()->towns())
            if (t.county == "太谷区") expected << t.name;
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

    void hoverShowsTooltip() {
        // At the 晋中市 zoom the click test left, where the pointer still rests
        // on 太谷区 (Qt sends no move to where it already is: step off first).
        const CountyItem* taigu = findCounty(*c(), QStringLiteral("太谷区"));
        QVERIFY(taigu);
        // Copy now: the scene index may be rebuilt by later calls.
        const double lon = taigu->labelLon, lat = taigu->labelLat;
        QVERIFY(lon > 110 && lon < 115 && lat > 34 && lat < 41);
        c()->clearHover();
        const QPoint at = windowPosition(*app_, lon, lat).toPoint();
        QVERIFY(QRect(QPoint(0, 0), window()->size()).contains(at));
        QTest::mouseMove(window(), at + QPoint(40, 40));
        QTest::mouseMove(window(), at);
        QTRY_VERIFY(!c()->hoverText().isEmpty());
        QVERIFY(c()->hoverText().contains(QStringLiteral("太谷区")));
        QTRY_VERIFY(app_->findItem("hoverTip")->property("visible").toBool());
        QVERIFY(!c()->hoverPaths().isEmpty());  // highlighted
        QTest::mouseMove(window(), QPoint(2, window()->height() - 2));
    }

    void exportAndCopy() {
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
        scrollIntoView(button);
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
        window()->grabWindow().save(QStringLiteral(JINMAP_ARTIFACTS_DIR "/export_dialog.png"));
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
        QQuickItem* field = qobject_cast<QQuickItem*>(app_->findItem("searchField"));
        QVERIFY(field);
        QVERIFY(QTest::qWaitForWindowActive(window()));
        field->forceActiveFocus();
        QTRY_VERIFY(field->hasActiveFocus());
        // Typed as key events carrying text, as an input method delivers them.
        for (const QChar ch : QStringLiteral("大同黃花")) {
            QTest::sendKeyEvent(QTest::Press, window(), Qt::Key_unknown, QString(ch),
                                Qt::NoModifier);
            QTest::sendKeyEvent(QTest::Release, window(), Qt::Key_unknown, QString(ch),
                                Qt::NoModifier);
        }
        QTRY_COMPARE(field->property("text").toString(), QStringLiteral("大同黃花"));
        QTRY_VERIFY(c()->searchRows().count() > 0);
        QVERIFY(c()->searchRows().get(0).value("name").toString().contains("大同黄花"));
        QTest::keyClick(window(), Qt::Key_Return);
        QTRY_VERIFY(c()->selectionTitle().contains("大同黄花"));
        QVERIFY(app_->waitUntilDrawn());
        // The map zoomed to the town.
        const int ti = c()->scene()->townIndex(c()->searchRows().get(0).value("id").toString());
        QVERIFY(ti >= 0);
        const auto& town = c()->scene()->towns()[static_cast<std::size_t>(ti)];
        QVERIFY(std::abs(app_->layer()->centerLatitude() - town.lat) < 0.01);
        QVERIFY(std::abs(app_->layer()->centerLongitude() - town.lon) < 0.01);
        field->setProperty("text", QString());
    }

    void levelFilterChangesLegendCounts() {
        c()->clearSelection();
        fit(QStringLiteral("province"));
        auto circleSum = [this] {
            int sum = 0;
            for (const auto& r : c()->legendRows().rows())
                if (r.value("symbol") == "circle" && r.value("count").toInt() > 0)
                    sum += r.value("count").toInt();
            return sum;
        };
        int all = 0, provincial = 0, allListed = 0, provincialListed = 0;
        for (const auto& t : c()->scene()->towns()) {
            ++allListed;
            if (t.level == "provincial") ++provincialListed;
            if (!t.located) continue;
            ++all;
            if (t.level == "provincial") ++provincial;
        }
        QVERIFY(provincial > 0 && provincial < all);
        QTRY_VERIFY(!c()->legendPending());
        const int before = circleSum();
        QVERIFY(before > 0);
        QCOMPARE(c()->resultRows().count(), allListed);
        auto* box = qobject_cast<QQuickItem*>(app_->findItem("filter_level_provincial"));
        QVERIFY(box);
        clickItem(window(), box);
        QTRY_VERIFY(c()->filterActive());
        QTRY_VERIFY(!c()->legendPending());
        const int after = circleSum();
        // Both town groups (sector, level) count every drawn town once.
        QCOMPARE(static_cast<qint64>(after) * all, static_cast<qint64>(before) * provincial);
        QCOMPARE(c()->resultRows().count(), provincialListed);
        QVERIFY(app_->waitUntilDrawn());
        c()->clearFilters();
        QTRY_COMPARE(circleSum(), before);
        QVERIFY(app_->waitUntilDrawn());
    }

    void layerToggleRedraws() {
        const int frames = app_->layer()->framesRendered();
        auto* box = qobject_cast<QQuickItem*>(app_->findItem("layer_towns"));
        QVERIFY(box);
        clickItem(window(), box);
        const int row = c()->layerRows().find("id", "towns");
        QVERIFY(row >= 0);
        QTRY_COMPARE(c()->layerRows().get(row).value("visible").toBool(), false);
        QVERIFY(app_->waitUntilDrawn());
        QVERIFY(app_->layer()->framesRendered() > frames);
        clickItem(window(), box);
        QVERIFY(app_->waitUntilDrawn());
    }

    void keyboardZoomAndPan() {
        fit(QStringLiteral("province"));
        QQuickItem* map = qobject_cast<QQuickItem*>(app_->findItem("map"));
        map->forceActiveFocus();
        const double zoom = app_->layer()->zoomLevel();
        QTest::keyClick(window(), Qt::Key_Plus);
        QTRY_VERIFY(app_->layer()->zoomLevel() > zoom);
        const double lon = app_->layer()->centerLongitude();
        QTest::keyClick(window(), Qt::Key_Right);
        QTRY_VERIFY(app_->layer()->centerLongitude() > lon);
        QTest::keyClick(window(), Qt::Key_Home);
        QVERIFY(app_->waitUntilDrawn());
    }

    void languageSwitch() {
        c()->setLanguage("en");
        QCOMPARE(window()->title(), QStringLiteral("jinmap — Shanxi specialty towns"));
        QCOMPARE(app_->findItem("searchField")->property("placeholderText").toString(),
                 QStringLiteral("Search towns, counties, parks, projects…"));
        c()->setLanguage("zh_CN");
        QCOMPARE(window()->title(), QStringLiteral("晋图 — 山西特色专业镇"));
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

    void screenshotTowns() {
        c()->clearSelection();
        c()->setTheme("towns");
        fit(QStringLiteral("province"));
        checkScreenshot("theme_towns");
    }

    void screenshotDatong() {
        c()->setTheme("datong");
        fit(QStringLiteral("大同市"));
        checkScreenshot("theme_datong");
    }

    void screenshotAdmin() {
        c()->setTheme("admin");
        fit(QStringLiteral("province"));
        checkScreenshot("theme_admin");
    }

    void screenshotSummary() {
        c()->setTheme("towns");
        fit(QStringLiteral("晋中市"));
        QVERIFY(c()->selectCounty("太谷区", false));
        checkScreenshot("summary_taigu");
        c()->clearSelection();
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
    QApplication app(argc, argv);
    GuiTests tests;
    return QTest::qExec(&tests, argc, argv);
}

#include "gui_tests.moc"
