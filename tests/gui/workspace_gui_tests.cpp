// Editing on the map under Xvfb (issue 14 items 1, 4 and 7, the viewer's
// side): the first start creates a workspace; a town added by clicking its
// place (the dialog refuses a bad one and writes nothing), a figure added and
// corrected, undo and redo (Ctrl+Z, Ctrl+Shift+Z), a move, a deletion kept in
// the history; a `jinmap town add` by another process shows in the open
// window; the read-only reference refuses edits and says why. Any QML warning
// fails the test that caused it. Undo and live-view latencies are printed
// (measured, not asserted).
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QMutex>
#include <QProcess>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <vector>

#include "base/sqlite.h"
#include "data/geodatabase.h"
#include "data/workspace.h"
#include "gui_support.h"
#include "map_math.h"
#include "thematic_layer.h"
#include "viewer_app.h"
#include "workspace_editor.h"

using namespace jinmap::viewer;
using namespace jinmap::viewer::test;

namespace {

QMutex warningsMutex;
QStringList qmlWarnings;
QtMessageHandler previousHandler = nullptr;

void collectQmlWarnings(QtMsgType type, const QMessageLogContext& context, const QString& message) {
    const bool fromQml = (context.category && QByteArray(context.category).contains("qml")) ||
                         (context.file && QByteArray(context.file).contains(".qml")) ||
                         message.contains(QStringLiteral(".qml:"));
    if (type != QtDebugMsg && type != QtInfoMsg && fromQml) {
        QMutexLocker lock(&warningsMutex);
        qmlWarnings << message;
    }
    if (previousHandler) previousHandler(type, context, message);
}

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

}  // namespace

class WorkspaceGuiTests : public QObject {
    Q_OBJECT

  private:
    QTemporaryDir dir_;
    QString workspace_;
    std::unique_ptr<ViewerApp> app_;
    QString townId_;
    QString factId_;

    Controller* c() { return app_->controller(); }
    WorkspaceEditor* editor() { return app_->editor(); }
    QQuickWindow* window() { return app_->window(); }
    QQuickItem* item(const char* name) {
        return qobject_cast<QQuickItem*>(app_->findItem(QString::fromLatin1(name)));
    }
    // Dialogs exist once first opened (LazyDialog.qml): null before that.
    QObject* popup(const char* name) { return app_->findItem(QString::fromLatin1(name)); }
    bool popupVisible(const char* name) {
        QObject* d = popup(name);
        return d && d->property("visible").toBool();
    }
    void click(QQuickItem* it) {
        QVERIFY(it);
        QVERIFY2(it->isVisible(), it->objectName().toUtf8().constData());
        const QPointF p = it->mapToScene(QPointF(it->width() / 2, it->height() / 2));
        QTest::mouseClick(window(), Qt::LeftButton, Qt::NoModifier, p.toPoint());
        QCoreApplication::processEvents();
    }
    void clickNamed(const char* name) { click(item(name)); }
    void setText(const char* name, const QString& text) {
        QQuickItem* it = item(name);
        QVERIFY2(it, name);
        it->setProperty("text", text);
    }
    bool waitFor(const std::function<bool()>& ready, int ms = 10000) {
        QElapsedTimer t;
        t.start();
        while (!ready() && t.elapsed() < ms)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        return ready();
    }
    std::int64_t scalar(const QString& sql) {
        auto db =
            jinmap::Database::open(workspace_.toStdString(), jinmap::Database::Mode::ReadOnly);
        return db.queryInt(sql.toStdString());
    }
    QString text(const QString& sql) {
        auto db =
            jinmap::Database::open(workspace_.toStdString(), jinmap::Database::Mode::ReadOnly);
        return QString::fromStdString(db.queryString(sql.toStdString()).value_or(std::string()));
    }
    // A window position inside county `name` (the county the map draws there).
    QPointF placeIn(const QString& name) {
        const QVariantMap r = c()->extentRect(name);
        const double lon0 = (r.value("east").toDouble() + r.value("west").toDouble()) / 2;
        const double lat0 = (r.value("north").toDouble() + r.value("south").toDouble()) / 2;
        const double res = app_->layer()->resolution();
        for (int step = 0; step < 40; ++step)
            for (int a = 0; a < 12; ++a) {
                const double lon = lon0 + 0.004 * step * std::cos(a * M_PI / 6);
                const double lat = lat0 + 0.004 * step * std::sin(a * M_PI / 6);
                if (c()->countyAt(lon, lat, res).value("county").toString() == name &&
                    c()->pickAt(lon, lat, res).kind != QLatin1String("town"))
                    return windowPosition(*app_, lon, lat);
            }
        return {};
    }
    // Any visible item of that name (delegates share names).
    static bool visibleItemNamed(QQuickItem* root, const char* name) {
        if (!root) return false;
        if (root->objectName() == QLatin1String(name) && root->isVisible()) return true;
        const auto children = root->childItems();
        return std::any_of(children.begin(), children.end(),
                           [&](QQuickItem* child) { return visibleItemNamed(child, name); });
    }
    void save(const QString& name) {
        const QImage image = app_->grab();
        QDir().mkpath(QStringLiteral(JINMAP_ARTIFACTS_DIR));
        const QString path = QStringLiteral(JINMAP_ARTIFACTS_DIR "/%1.png").arg(name);
        QVERIFY(image.save(path));
        qInfo("screenshot %s", qPrintable(path));
    }

  private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        workspace_ = dir_.filePath(QStringLiteral("ws.sqlite"));
        jinmap::data::Workspace::create(JINMAP_TEST_DB, workspace_.toStdString());
        ViewerOptions o = testOptions();
        o.dbPath = workspace_;
        app_ = std::make_unique<ViewerApp>(o);
        QVERIFY(app_->start());
        QVERIFY2(c()->errorMessage().isEmpty(), qPrintable(c()->errorMessage()));
        QVERIFY(app_->waitUntilDrawn());
        window()->requestActivate();
        QVERIFY(QTest::qWaitForWindowExposed(window()));
        QVERIFY(editor()->editable());
        QVERIFY(editor()->readOnlyReason().isEmpty());
    }

    void cleanup() {
        QMutexLocker lock(&warningsMutex);
        const QStringList seen = std::exchange(qmlWarnings, {});
        lock.unlock();
        QVERIFY2(seen.isEmpty(),
                 qPrintable(QStringLiteral("QML warnings:\n") + seen.join(QStringLiteral("\n"))));
    }

    // No --db and no workspace yet: one is made from the reference, and the
    // status bar says so; the next start opens it.
    void firstStartCreatesTheWorkspace() {
        const QString target = dir_.filePath(QStringLiteral("first/workspace.sqlite"));
        const QByteArray savedDb = qgetenv("JINMAP_DB");
        qunsetenv("JINMAP_DB");
        qputenv("JINMAP_WORKSPACE", target.toLocal8Bit());
        ViewerOptions o;
        const QString message = chooseWorkspace(o, QStringLiteral(JINMAP_TEST_DB));
        QCOMPARE(o.dbPath, target);
        QVERIFY(jinmap::data::Workspace::isWorkspace(target.toStdString()));
        QVERIFY2(message.contains(target), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("创建")), qPrintable(message));
        ViewerOptions again;
        const QString second = chooseWorkspace(again, QStringLiteral(JINMAP_TEST_DB));
        QCOMPARE(again.dbPath, target);
        QVERIFY(!second.contains(QStringLiteral("创建")));
        // --db chooses: nothing is created.
        ViewerOptions chosen;
        chosen.dbPath = QStringLiteral(JINMAP_TEST_DB);
        QVERIFY(chooseWorkspace(chosen, QStringLiteral(JINMAP_TEST_DB)).isEmpty());
        QCOMPARE(chosen.dbPath, QStringLiteral(JINMAP_TEST_DB));
        qunsetenv("JINMAP_WORKSPACE");
        if (!savedDb.isEmpty()) qputenv("JINMAP_DB", savedDb);
    }

    void addTownByClicking() {
        evaluate(*app_, "mainWindow",
                 QStringLiteral("applyFit(app.extentRect('太谷区'), 24, false)"));
        QVERIFY(app_->waitUntilDrawn());
        const int townsBefore = static_cast<int>(c()->catalogue().towns().size());
        const int inCountyBefore = c()->catalogue().countIn(QStringLiteral("140703"), {});
        const std::int64_t logBefore = scalar(QStringLiteral("SELECT count(*) FROM change_log"));

        // Edit ▸ Add a town on the map…, then a click inside 太谷区.
        clickNamed("editMenuButton");
        QVERIFY(waitFor(
            [&] { return item("addTownMenuItem") && item("addTownMenuItem")->isVisible(); }));
        clickNamed("addTownMenuItem");
        QCOMPARE(evaluate(*app_, "mainWindow", QStringLiteral("placing")).toString(),
                 QStringLiteral("add"));
        QVERIFY(item("placingBanner")->isVisible());
        const QPointF place = placeIn(QStringLiteral("太谷区"));
        QVERIFY(!place.isNull());
        QTest::mouseClick(window(), Qt::LeftButton, Qt::NoModifier, place.toPoint());
        QObject* dialog = popup("townDialog");
        QVERIFY(dialog);
        QVERIFY(waitFor([&] { return dialog->property("opened").toBool(); }));
        QCOMPARE(item("townCounty")->property("text").toString(), QStringLiteral("太谷区"));
        QCOMPARE(item("townCity")->property("text").toString(), QStringLiteral("晋中市"));

        // A quote from a document that does not have it: refused, shown, nothing written.
        setText("townName", QStringLiteral("太谷编辑测试专业镇"));
        setText("townSector", QStringLiteral("测试产品"));
        setText("townYear", QStringLiteral("2026"));
        item("townSource")->setProperty("currentIndex", 1);
        setText("townQuote", QStringLiteral("这句话不在任何文件里"));
        clickNamed("townSave");
        // Core's reason, in the interface's language (Chinese here).
        const QString error = item("townError")->property("text").toString();
        QVERIFY2(error.contains(QStringLiteral("中找不到这段原文：这句话不在任何文件里")),
                 qPrintable(error));
        QVERIFY2(!error.contains(QStringLiteral("quote")), qPrintable(error));
        QVERIFY(dialog->property("opened").toBool());
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM change_log")), logBefore);
        save(QStringLiteral("edit_town_dialog_error"));

        // Entered by hand: written.
        item("townSource")->setProperty("currentIndex", 0);
        setText("townQuote", QString());
        setText("townReason", QStringLiteral("GUI test"));
        QTest::qWait(50);
        save(QStringLiteral("edit_town_dialog"));
        clickNamed("townSave");
        QVERIFY(waitFor([&] { return !dialog->property("visible").toBool(); }));
        QVERIFY2(item("townError")->property("text").toString().isEmpty(),
                 qPrintable(item("townError")->property("text").toString()));

        // The map, legend counts, search and the summary follow at once.
        QCOMPARE(static_cast<int>(c()->catalogue().towns().size()), townsBefore + 1);
        QCOMPARE(c()->catalogue().countIn(QStringLiteral("140703"), {}), inCountyBefore + 1);
        QCOMPARE(c()->selectionKind(), QStringLiteral("town"));
        townId_ = c()->selectionKey();
        QCOMPARE(c()->selectionTitle(), QStringLiteral("太谷编辑测试专业镇"));
        QCOMPARE(text(QStringLiteral("SELECT location_precision FROM towns WHERE id = '%1'")
                          .arg(townId_)),
                 QStringLiteral("user"));
        QCOMPARE(text(QStringLiteral("SELECT reason FROM change_log ORDER BY rev DESC LIMIT 1")),
                 QStringLiteral("GUI test"));
        // The summary says who placed the point.
        bool placedNote = false;
        for (const QVariantMap& r : c()->summaryRows().rows())
            for (const QVariant& v : r)
                placedNote |= v.toString().contains(QStringLiteral("规划人员在地图上放置"));
        QVERIFY(placedNote);
        // Entered by hand: who entered it stands where a source would be.
        bool handTown = false;
        for (const QVariantMap& r : c()->summaryRows().rows())
            if (r.value("id").toString() == townId_)
                handTown |= r.value("source").toString().startsWith(QStringLiteral("手工录入（"));
        QVERIFY(handTown);
        QVERIFY(waitFor(
            [&] { return visibleItemNamed(window()->contentItem(), "handEnteredSource"); }));
        c()->search(QStringLiteral("太谷编辑测试"));
        bool found = false;
        for (int i = 0; i < c()->searchRows().rowCount(); ++i)
            found |= c()->searchRows().rows()[i].value("id").toString() == townId_;
        QVERIFY(found);
        c()->search(QString());
        QVERIFY(app_->waitUntilDrawn());
        // The new town is drawn where it was placed: a click there picks it.
        const QPointF local = app_->layer()->mapFromScene(place);
        const auto ll = app_->layer()->toCoordinate(local.x(), local.y());
        QCOMPARE(c()->pickAt(ll.value("longitude").toDouble(), ll.value("latitude").toDouble(),
                             app_->layer()->resolution())
                     .key,
                 townId_);
        save(QStringLiteral("edit_town_added_map"));
        QVERIFY(editor()->canUndo());
    }

    void addAndEditAFigure() {
        QVERIFY(!townId_.isEmpty());
        c()->selectTown(townId_, false);
        clickNamed("figuresButton");
        QObject* dialog = popup("figuresDialog");
        QVERIFY(dialog);
        QVERIFY(waitFor([&] { return dialog->property("opened").toBool(); }));
        setText("figureLabel", QStringLiteral("年产值"));
        setText("figureValue", QStringLiteral("abc"));
        setText("figureUnit", QStringLiteral("亿元"));
        clickNamed("figureSave");
        QVERIFY2(!item("figureError")->property("text").toString().isEmpty(),
                 "a value without a number is refused");
        setText("figureValue", QStringLiteral("3.5"));
        setText("figureYear", QStringLiteral("2025"));
        clickNamed("figureSave");
        QVERIFY2(item("figureError")->property("text").toString().isEmpty(),
                 qPrintable(item("figureError")->property("text").toString()));
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM town_facts WHERE town_id = '%1' AND "
                                       "deleted = 0")
                            .arg(townId_)),
                 1);
        factId_ = text(
            QStringLiteral("SELECT fact_id FROM town_facts WHERE town_id = '%1'").arg(townId_));
        // Correct it: Edit on its row, a new value, Save.
        QVERIFY(waitFor([&] { return item("figureEdit") != nullptr; }));
        clickNamed("figureEdit");
        QCOMPARE(item("figureValue")->property("text").toString(), QStringLiteral("3.5"));
        setText("figureValue", QStringLiteral("4.2"));
        save(QStringLiteral("edit_figures_dialog"));
        clickNamed("figureSave");
        QVERIFY2(item("figureError")->property("text").toString().isEmpty(),
                 qPrintable(item("figureError")->property("text").toString()));
        QCOMPARE(text(QStringLiteral("SELECT value_text FROM town_facts WHERE fact_id = '%1'")
                          .arg(factId_)),
                 QStringLiteral("4.2"));
        dialog->setProperty("visible", false);
        QVERIFY(waitFor([&] { return !dialog->property("visible").toBool(); }));
        // The summary shows the corrected figure.
        bool shown = false, handFigure = false;
        for (int i = 0; i < c()->summaryRows().rowCount(); ++i) {
            const QVariantMap& r = c()->summaryRows().rows()[i];
            bool value = false;
            for (const QVariant& v : r) value |= v.toString().contains(QStringLiteral("4.2"));
            shown |= value;
            // The figure was entered by hand: its source says so, and by whom.
            handFigure |= value && r.value("kind") == QStringLiteral("fact") &&
                          r.value("source").toString().startsWith(QStringLiteral("手工录入（"));
        }
        QVERIFY(shown);
        QVERIFY(handFigure);
    }

    void undoAndRedo() {
        const QString valueSql =
            QStringLiteral("SELECT value_text FROM town_facts WHERE fact_id = '%1' AND deleted = 0")
                .arg(factId_);
        QVERIFY(editor()->canUndo());
        window()->requestActivate();
        app_->findItem(QStringLiteral("map"))->setProperty("focus", true);
        QTest::keyClick(window(), Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(waitFor([&] { return text(valueSql) == QStringLiteral("3.5"); }, 3000));
        QVERIFY(editor()->canRedo());
        QTest::keyClick(window(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(waitFor([&] { return text(valueSql) == QStringLiteral("4.2"); }, 3000));
        // Latency: undo and redo of the figure, ten times each.
        std::vector<double> revert, reload;
        for (int i = 0; i < 10; ++i) {
            for (bool undo : {true, false}) {
                QElapsedTimer t;
                t.start();
                QCOMPARE(undo ? editor()->undo() : editor()->redo(), QString());
                reload.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
                revert.push_back(editor()->lastUndoMs());
            }
        }
        QCOMPARE(text(valueSql), QStringLiteral("4.2"));
        qInfo(
            "undo/redo: revert in the workspace median %.1f ms (max %.1f), whole step with the "
            "viewer's reload median %.1f ms (max %.1f), %zu steps",
            median(revert), *std::max_element(revert.begin(), revert.end()), median(reload),
            *std::max_element(reload.begin(), reload.end()), revert.size());
        QVERIFY(app_->waitUntilDrawn());
    }

    void moveTheTown() {
        c()->selectTown(townId_, false);
        QVERIFY(app_->waitUntilDrawn());
        const QString before =
            text(QStringLiteral("SELECT hex(geometry) FROM towns WHERE id = '%1'").arg(townId_));
        clickNamed("moveTownButton");
        QCOMPARE(evaluate(*app_, "mainWindow", QStringLiteral("placing")).toString(),
                 QStringLiteral("move"));
        const QPointF to = placeIn(QStringLiteral("太谷区")) + QPointF(25, 18);
        QTest::mouseClick(window(), Qt::LeftButton, Qt::NoModifier, to.toPoint());
        QVERIFY(waitFor(
            [&] {
                return text(QStringLiteral("SELECT hex(geometry) FROM towns WHERE id = '%1'")
                                .arg(townId_)) != before;
            },
            3000));
        QCOMPARE(c()->errorMessage(), QString());
        QCOMPARE(text(QStringLiteral("SELECT location_precision FROM towns WHERE id = '%1'")
                          .arg(townId_)),
                 QStringLiteral("user"));
        QVERIFY(app_->waitUntilDrawn());
    }

    // The dialogs in English: every label translated and readable.
    void dialogsInEnglish() {
        c()->setLanguage(QStringLiteral("en"));
        c()->selectTown(townId_, false);
        evaluate(*app_, "mainWindow",
                 QStringLiteral("townDialog.dialog().openEdit(app.selectionKey)"));
        QObject* dialog = popup("townDialog");
        QVERIFY(waitFor([&] { return dialog->property("opened").toBool(); }));
        QCOMPARE(dialog->property("title").toString(),
                 QStringLiteral("Edit the town 太谷编辑测试专业镇"));
        QCOMPARE(item("townSave")->property("text").toString(), QStringLiteral("Save"));
        // Core's reason in English: a date where the year named belongs.
        setText("townYear", QStringLiteral("2026-05"));
        clickNamed("townSave");
        const QString error = item("townError")->property("text").toString();
        QVERIFY2(error.contains(QStringLiteral("year named '2026-05' is a date, not a year")),
                 qPrintable(error));
        save(QStringLiteral("edit_town_dialog_en"));
        dialog->setProperty("visible", false);
        QVERIFY(waitFor([&] { return !dialog->property("visible").toBool(); }));
        c()->setLanguage(QStringLiteral("zh_CN"));
        QVERIFY(app_->waitUntilDrawn());
    }

    // Dragging the selected town moves it too.
    void dragTheTown() {
        c()->selectTown(townId_, false);
        QVERIFY(app_->waitUntilDrawn());
        const QString geometrySql =
            QStringLiteral("SELECT hex(geometry) FROM towns WHERE id = '%1'").arg(townId_);
        const QString before = text(geometrySql);
        const auto rings =
            c()->frameSource()->find({QStringLiteral("towns")}, "id", townId_).rings(0);
        QVERIFY(!rings.isEmpty() && !rings.front().isEmpty());
        const QPointF lonLat = toLonLat(rings.front().front());
        const QPoint from = windowPosition(*app_, lonLat.x(), lonLat.y()).toPoint();
        QCOMPARE(c()->townAt(lonLat.x(), lonLat.y(), app_->layer()->resolution()), townId_);
        const double zoomBefore = app_->layer()->property("zoomLevel").toDouble();
        const QPointF centreBefore(app_->layer()->property("centerLongitude").toDouble(),
                                   app_->layer()->property("centerLatitude").toDouble());
        QTest::mousePress(window(), Qt::LeftButton, Qt::NoModifier, from);
        for (int i = 1; i <= 10; ++i) {
            QTest::mouseMove(window(), from + QPoint(3 * i, 2 * i), 15);
            QCoreApplication::processEvents();
        }
        QVERIFY(item("dragMarker")->isVisible());
        QTest::mouseRelease(window(), Qt::LeftButton, Qt::NoModifier, from + QPoint(30, 20));
        QVERIFY(waitFor([&] { return text(geometrySql) != before; }, 3000));
        QCOMPARE(c()->errorMessage(), QString());
        // The map itself did not pan under the drag.
        QCOMPARE(app_->layer()->property("zoomLevel").toDouble(), zoomBefore);
        QCOMPARE(app_->layer()->property("centerLongitude").toDouble(), centreBefore.x());
        QCOMPARE(app_->layer()->property("centerLatitude").toDouble(), centreBefore.y());
        QCOMPARE(c()->selectionKey(), townId_);
        QVERIFY(app_->waitUntilDrawn());
    }

    void deleteKeptInHistory() {
        c()->selectTown(townId_, false);
        clickNamed("deleteTownButton");
        QObject* dialog = popup("deleteTownDialog");
        QVERIFY(dialog);
        QVERIFY(waitFor([&] { return dialog->property("opened").toBool(); }));
        setText("deleteReason", QStringLiteral("GUI test deletion"));
        clickNamed("deleteConfirm");
        QVERIFY(waitFor([&] { return !dialog->property("visible").toBool(); }));
        QVERIFY(!c()->catalogue().find(townId_));
        QCOMPARE(c()->selectionKind(), QString());
        QCOMPARE(scalar(QStringLiteral("SELECT deleted FROM towns WHERE id = '%1'").arg(townId_)),
                 1);
        QVERIFY(scalar(QStringLiteral("SELECT count(*) FROM change_log WHERE subject_id = '%1' AND "
                                      "action = 'remove'")
                           .arg(townId_)) >= 1);
        // Undo brings it back with its figure.
        QCOMPARE(editor()->undo(), QString());
        QVERIFY(c()->catalogue().find(townId_));
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM town_facts WHERE town_id = '%1' AND "
                                       "deleted = 0")
                            .arg(townId_)),
                 1);
        QVERIFY(app_->waitUntilDrawn());
    }

    // Another process writes the workspace while the window is open.
    void externalEditShowsWithinASecond() {
        // The edits above were this window's own: the watcher saw each
        // commit and skipped it (reloaded already after the edit).
        QVERIFY(waitFor([&] { return editor()->ownChangesSkipped() > 0; }, 2000));
        QCOMPARE(editor()->outsideChanges(), 0);
        const int reloadsBefore = editor()->reloadCount();
        std::vector<double> latencies, drawn;
        for (int i = 0; i < 3; ++i) {
            const QString name = QStringLiteral("外部进程测试专业镇%1").arg(i + 1);
            QProcess cli;
            cli.start(QStringLiteral(JINMAP_PROGRAM),
                      {QStringLiteral("town"), QStringLiteral("add"), QStringLiteral("--db"),
                       workspace_, QStringLiteral("--name"), name, QStringLiteral("--county"),
                       QStringLiteral("祁县"), QStringLiteral("--level"), QStringLiteral("市级")});
            // Blocks the event loop until the program has written and ended:
            // the time from then until the window shows the town is at most
            // the time from its commit.
            QVERIFY(cli.waitForFinished(30000));
            QElapsedTimer t;
            t.start();
            QCOMPARE(cli.exitCode(), 0);
            auto shown = [&] {
                for (const auto& town : c()->catalogue().towns())
                    if (town.name == name) return true;
                return false;
            };
            QVERIFY(waitFor(shown, 10000));
            latencies.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
            QVERIFY(app_->waitUntilDrawn());
            drawn.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
        }
        qInfo(
            "outside change shown after the writing process ended: median %.0f ms, max %.0f ms "
            "(poll every 200 ms; reload %.0f ms); the map redrawn with it: median %.0f ms",
            median(latencies), *std::max_element(latencies.begin(), latencies.end()),
            editor()->lastReloadMs(), median(drawn));
        QCOMPARE(editor()->outsideChanges(), 3);
        QCOMPARE(editor()->reloadCount(), reloadsBefore + 3);
        // Ctrl+Z undoes this window's own edits, never another program's.
        QVERIFY2(editor()->undoText().contains(QStringLiteral("太谷编辑测试专业镇")),
                 qPrintable(editor()->undoText()));
    }

    // A file renamed over the workspace (a restored backup): the viewer
    // opens the new file and shows what it holds; the undo history, which
    // names revs of the old file, is dropped.
    void replacedFileIsOpenedAgain() {
        const QString copy = dir_.filePath(QStringLiteral("replacement.sqlite"));
        QFile::remove(copy);
        QVERIFY(QFile::copy(workspace_, copy));
        const QString name = QStringLiteral("替换文件测试专业镇");
        jinmap::data::Workspace::open(copy.toStdString())
            ->addTown({{"name", name.toStdString()},
                       {"county", "祁县"},
                       {"level", "市级"},
                       {"source", "手工录入"}},
                      "restored");
        const int outside = editor()->outsideChanges();
        QVERIFY(editor()->canUndo());
        QVERIFY(QFile::exists(copy));
        QVERIFY(std::rename(QFile::encodeName(copy).constData(),
                            QFile::encodeName(workspace_).constData()) == 0);
        auto shown = [&] {
            for (const auto& town : c()->catalogue().towns())
                if (town.name == name) return true;
            return false;
        };
        QVERIFY(waitFor(shown, 10000));
        QCOMPARE(editor()->outsideChanges(), outside + 1);
        QVERIFY(!editor()->canUndo());
        QVERIFY(app_->waitUntilDrawn());
        QVERIFY2(c()->errorMessage().isEmpty(), qPrintable(c()->errorMessage()));
        // Edits go on in the new file.
        QVERIFY(editor()->editable());
    }

    // --db on the reference: editing is off and the window says why.
    void referenceRefusesEdits() {
        app_.reset();
        app_ = std::make_unique<ViewerApp>(testOptions());
        QVERIFY(app_->start());
        QVERIFY(app_->waitUntilDrawn());
        QVERIFY(!editor()->editable());
        QVERIFY2(editor()->readOnlyReason().contains(QStringLiteral("参考")),
                 qPrintable(editor()->readOnlyReason()));
        const QString refused =
            editor()->addTown({{QStringLiteral("name"), QStringLiteral("不应写入镇")},
                               {QStringLiteral("county"), QStringLiteral("太谷区")}},
                              {});
        QCOMPARE(refused, editor()->readOnlyReason());
        QVERIFY(c()->selectTownByName(QStringLiteral("祁县玻璃器皿专业镇"), true));
        QVERIFY(app_->waitUntilDrawn());
        QVERIFY(item("readOnlyNote")->isVisible());
        QVERIFY(!item("editTownButton")->isEnabled());
        QCOMPARE(item("workspaceLabel")->property("text").toString(), QStringLiteral("只读"));
        save(QStringLiteral("edit_reference_read_only"));
    }

    // A release brings a new reference (issue 14 item 5): the viewer asks on
    // start with the dry run's report; "Later" writes nothing and is not
    // asked again this session; "Upgrade" merges, the map and summary show
    // the reference's change, and the conflict is listed in the Edit menu.
    // --db on the read-only reference never asks.
    void upgradeOnStartAfterAsking() {
        app_.reset();
        const QString ws = dir_.filePath(QStringLiteral("upgrade-ws.sqlite"));
        const QString later = dir_.filePath(QStringLiteral("later-ws.sqlite"));
        const QString next = dir_.filePath(QStringLiteral("jinmap-next.sqlite"));
        jinmap::data::Workspace::create(JINMAP_TEST_DB, ws.toStdString());
        jinmap::data::Workspace::open(ws.toStdString())
            ->updateTown("T-JZ-TAIGU-MALLEABLE", {{"level", "省级示范"}}, "核实");
        QVERIFY(QFile::copy(ws, later));
        // The next release's reference: the built one changed with SQL.
        QVERIFY(QFile::copy(QStringLiteral(JINMAP_TEST_DB), next));
        QFile::setPermissions(next, QFile::ReadOwner | QFile::WriteOwner);
        {
            auto db = jinmap::Database::open(next.toStdString(), jinmap::Database::Mode::ReadWrite);
            db.exec(
                "UPDATE town_facts SET value = 120, value_text = '120' WHERE fact_id = "
                "'F-DT-HUANGHUA-03';"
                "UPDATE towns SET level_detail = '省级重点' WHERE id = 'T-JZ-TAIGU-MALLEABLE';"
                "UPDATE metadata SET value = 'next-release' WHERE key = 'data_version';");
        }
        auto version = [](const QString& path) {
            auto db = jinmap::Database::open(path.toStdString(), jinmap::Database::Mode::ReadOnly);
            return QString::fromStdString(
                db.queryString("SELECT value FROM workspace_meta WHERE key = "
                               "'reference_data_version'")
                    .value_or(std::string()));
        };
        const QString oldVersion = version(later);
        QVERIFY(!oldVersion.isEmpty());
        QVERIFY(oldVersion != QStringLiteral("next-release"));
        auto start = [&](const QString& db) {
            app_.reset();
            ViewerOptions o = testOptions();
            o.dbPath = db;
            o.referencePath = next;
            app_ = std::make_unique<ViewerApp>(o);
            QVERIFY(app_->start());
            QVERIFY(app_->waitUntilDrawn());
        };
        auto opened = [&](const char* name) {
            QObject* d = popup(name);
            return d && d->property("opened").toBool();
        };

        // Later: nothing written, not asked again in this session.
        start(later);
        QVERIFY(editor()->upgradeOffered());
        QVERIFY(waitFor([&] { return opened("upgradeDialog"); }));
        clickNamed("upgradeLater");
        QVERIFY(waitFor([&] { return !popupVisible("upgradeDialog"); }));
        QVERIFY(!editor()->upgradeOffered());
        QCOMPARE(version(later), oldVersion);
        editor()->offerUpgrade(next);
        QVERIFY(!editor()->upgradeOffered());

        // Upgrade: the report first, then the merge.
        start(ws);
        QVERIFY(waitFor([&] { return opened("upgradeDialog"); }));
        const QVariantMap summary = editor()->upgradeSummary();
        QCOMPARE(summary.value("toVersion").toString(), QStringLiteral("next-release"));
        QCOMPARE(summary.value("fromVersion").toString(), oldVersion);
        QCOMPARE(summary.value("changed").toInt(), 1);
        QCOMPARE(summary.value("conflicts").toInt(), 1);
        bool conflictListed = false, changeListed = false;
        for (const QVariant& v : editor()->upgradeEntries()) {
            const QVariantMap e = v.toMap();
            if (e.value("kind") == QStringLiteral("conflict"))
                conflictListed =
                    e.value("subject").toString().contains(QStringLiteral("太谷玛钢专业镇")) &&
                    e.value("details").toString().contains(QStringLiteral("省级重点"));
            if (e.value("kind") == QStringLiteral("changed"))
                changeListed = e.value("details").toString().contains(QStringLiteral("120"));
        }
        QVERIFY(conflictListed);
        QVERIFY(changeListed);
        QVERIFY(waitFor([&] { return item("upgradeEntry") != nullptr; }));
        QCOMPARE(item("upgradeCounts")->property("text").toString(),
                 QStringLiteral("新增 0 · 更改 1 · 删除 0 · 冲突 1"));
        save(QStringLiteral("upgrade_dialog"));
        QCOMPARE(version(ws), oldVersion);  // the dry run wrote nothing
        clickNamed("upgradeConfirm");
        QVERIFY(waitFor([&] { return !popupVisible("upgradeDialog"); }));
        QVERIFY(!editor()->upgradeOffered());
        QCOMPARE(version(ws), QStringLiteral("next-release"));
        // The map's data is the merged one: the reference's corrected figure
        // shows in the town's summary; the planner's level stayed.
        c()->selectTown(QStringLiteral("T-DT-HUANGHUA"), false);
        QCOMPARE(c()->selectionKey(), QStringLiteral("T-DT-HUANGHUA"));
        QVERIFY(app_->waitUntilDrawn());
        bool figureShown = false;
        for (const QVariantMap& r : c()->summaryRows().rows()) {
            bool label = false, value = false;
            for (const QVariant& v : r) {
                label |= v.toString().contains(QStringLiteral("产品种数"));
                value |= v.toString().contains(QStringLiteral("120"));
            }
            figureShown |= label && value;
        }
        QVERIFY2(figureShown, "the reference's corrected figure is in the summary");
        // The planner's level (省级示范) stayed, not the reference's 省级重点.
        QCOMPARE(editor()->townFields(QStringLiteral("T-JZ-TAIGU-MALLEABLE")).value("level_detail"),
                 QVariant(QStringLiteral("省级示范")));
        // The watcher skipped the viewer's own upgrade commit.
        QTest::qWait(500);
        QCOMPARE(editor()->outsideChanges(), 0);

        // The conflict stays reviewable from the Edit menu, both versions shown.
        QMetaObject::invokeMethod(popup("editMenu"), "open");
        QVERIFY(waitFor([&] { return popup("editMenu")->property("opened").toBool(); }));
        clickNamed("conflictsMenuItem");
        QVERIFY(waitFor([&] { return opened("conflictsDialog"); }));
        const QVariantList conflicts = popup("conflictsDialog")->property("conflicts").toList();
        QCOMPARE(conflicts.size(), 1);
        const QVariantMap conflict = conflicts.front().toMap();
        QVERIFY(conflict.value("subject").toString().contains(QStringLiteral("太谷玛钢专业镇")));
        bool bothVersions = false;
        for (const QVariant& f : conflict.value("fields").toList())
            bothVersions |= f.toMap().value("referenceAfter") == QStringLiteral("省级重点") &&
                            !f.toMap().value("planner").toString().isEmpty();
        QVERIFY(bothVersions);
        QVERIFY(waitFor([&] { return item("conflictRow") != nullptr; }));
        save(QStringLiteral("upgrade_conflicts"));
        popup("conflictsDialog")->setProperty("visible", false);

        // --db on the read-only reference: never asked.
        start(QStringLiteral(JINMAP_TEST_DB));
        QVERIFY(!editor()->upgradeOffered());
        QVERIFY(!popupVisible("upgradeDialog"));
    }

    void cleanupTestCase() { app_.reset(); }
};

int main(int argc, char** argv) {
    QApplication::setOrganizationName(QStringLiteral("jinmap"));
    QApplication::setApplicationName(QStringLiteral("jinmap-gui-tests"));
    previousHandler = qInstallMessageHandler(collectQmlWarnings);
    QApplication app(argc, argv);
    WorkspaceGuiTests tests;
    return QTest::qExec(&tests, argc, argv);
}

#include "workspace_gui_tests.moc"
