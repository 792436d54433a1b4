// Two viewers on one PostGIS workspace (issue 15 "Done when"), under Xvfb,
// against a real PostgreSQL 15 + PostGIS started by the test: a town added in
// one viewer shows in the other (latency printed, measured not asserted
// — the issue asks for 1 s); the same town edited from both sides — the second
// save is refused in its dialog with both versions and nothing overwritten;
// a viewer logged in as a jinmap_reader cannot write (the server's refusal
// is shown); a lost connection is said and the viewer reconnects; with the
// server down at start the viewer opens the last local copy read-only.
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

#include "data/pg_connection.h"
#include "data/pg_workspace.h"
#include "gui_support.h"
#include "pg_test_server.h"
#include "viewer_app.h"
#include "workspace_editor.h"

using namespace jinmap::viewer;
using namespace jinmap::viewer::test;

namespace {

struct Ran {
    int code = -1;
    QString out, err;
};

Ran runJinmap(const QStringList& args) {
    QProcess p;
    p.start(QStringLiteral(JINMAP_PROGRAM), args);
    p.waitForFinished(120000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

}  // namespace

class PostgisGuiTests : public QObject {
    Q_OBJECT

  private:
    QTemporaryDir dir_;
    std::unique_ptr<jinmap::test::PgTestServer> server_;
    std::unique_ptr<ViewerApp> a_, b_, reader_;
    QString townId_;

    QString url(const char* user) const { return QString::fromStdString(server_->url(user)); }
    std::unique_ptr<ViewerApp> openViewer(const char* user) {
        const std::string name = server_->url(user);
        const auto replica = jinmap::data::openReplica(name, JINMAP_TEST_DB);
        ViewerOptions o = testOptions();
        o.dbPath = QString::fromStdString(replica.path);
        o.server = QString::fromStdString(name);
        auto app = std::make_unique<ViewerApp>(o);
        if (!app->start() || !app->waitUntilDrawn()) return nullptr;
        return app;
    }
    static bool waitFor(const std::function<bool()>& ready, int ms = 10000) {
        QElapsedTimer t;
        t.start();
        while (!ready() && t.elapsed() < ms)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        return ready();
    }
    static QQuickItem* item(ViewerApp& app, const char* name) {
        return qobject_cast<QQuickItem*>(app.findItem(QString::fromLatin1(name)));
    }
    static void save(ViewerApp& app, const QString& name) {
        const QImage image = app.grab();
        QDir().mkpath(QStringLiteral(JINMAP_ARTIFACTS_DIR));
        const QString path = QStringLiteral(JINMAP_ARTIFACTS_DIR "/%1.png").arg(name);
        QVERIFY(image.save(path));
        qInfo("screenshot %s", qPrintable(path));
    }
    QString serverText(const std::string& sql) {
        auto pg = jinmap::data::PgConnection::open(server_->url());
        return QString::fromStdString(pg->queryString(sql).value_or(std::string()));
    }

  private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        qputenv("XDG_CACHE_HOME", dir_.filePath(QStringLiteral("cache")).toLocal8Bit());
        server_ = std::make_unique<jinmap::test::PgTestServer>();
        Ran r =
            runJinmap({QStringLiteral("workspace"), QStringLiteral("push"), QStringLiteral("--to"),
                       url("postgres"), QStringLiteral("--db"), QStringLiteral(JINMAP_TEST_DB)});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        for (const auto& [role, login] : {std::pair<const char*, const char*>{"--editor", "bob"},
                                          {"--editor", "carol"},
                                          {"--reader", "ana"}}) {
            r = runJinmap({QStringLiteral("workspace"), QStringLiteral("grant"),
                           QStringLiteral("--to"), url("postgres"), QLatin1String(role),
                           QLatin1String(login)});
            QVERIFY2(r.code == 0, qPrintable(r.err));
        }
        a_ = openViewer("bob");
        b_ = openViewer("carol");
        QVERIFY(a_ && b_);
        QVERIFY(a_->editor()->onServer() && a_->editor()->serverConnected());
        QVERIFY2(a_->editor()->editable(), qPrintable(a_->editor()->readOnlyReason()));
        QVERIFY(b_->editor()->editable());
    }

    // One planner adds a town; the other's window shows it.
    void aTownAddedInOneViewerShowsInTheOther() {
        const int reloadsBefore = b_->editor()->reloadCount();
        QElapsedTimer sinceSave;
        sinceSave.start();
        const QString error =
            a_->editor()->addTown({{QStringLiteral("name"), QStringLiteral("双窗口测试专业镇")},
                                   {QStringLiteral("county"), QStringLiteral("太谷区")},
                                   {QStringLiteral("city"), QStringLiteral("晋中市")},
                                   {QStringLiteral("sector"), QStringLiteral("两位规划员")},
                                   {QStringLiteral("level"), QStringLiteral("provincial")}},
                                  QStringLiteral("GUI test on PostGIS"));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const qint64 saveMs = sinceSave.elapsed();
        QElapsedTimer sinceSaved;
        sinceSaved.start();
        townId_ = a_->controller()->selectionKey();
        QVERIFY(!townId_.isEmpty());
        QVERIFY(a_->controller()->catalogue().find(townId_));
        QCOMPARE(serverText("SELECT modified_by FROM jinmap.towns WHERE name = '双窗口测试专业镇'"),
                 QStringLiteral("bob"));
        QVERIFY(
            waitFor([&] { return b_->controller()->catalogue().find(townId_) != nullptr; }, 5000));
        const qint64 shownMs = sinceSaved.elapsed();
        QVERIFY(b_->editor()->reloadCount() > reloadsBefore);
        qInfo(
            "A's save (session, commit, own refresh): %lld ms; B shows the town %lld ms after "
            "A's save returned (at most %lld ms after A's commit)",
            static_cast<long long>(saveMs), static_cast<long long>(shownMs),
            static_cast<long long>(saveMs + shownMs));
        // Measured and printed, not asserted (GUIDE: timings belong to
        // benchmarks; a shared CI machine would make it flaky).
        b_->controller()->selectTown(townId_, true);
        QVERIFY(b_->waitUntilDrawn());
        save(*b_, QStringLiteral("postgis_b_shows_town"));
    }

    // Undo and redo of A's save go to the server as edits do; B follows.
    void undoAndRedoGoToTheServer() {
        QVERIFY(!townId_.isEmpty());
        const std::string deleted =
            "SELECT deleted::text FROM jinmap.towns WHERE id = '" + townId_.toStdString() + "'";
        QVERIFY2(a_->editor()->undoText().contains(QStringLiteral("双窗口测试专业镇")),
                 qPrintable(a_->editor()->undoText()));
        QString error = a_->editor()->undo();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(serverText(deleted), QStringLiteral("1"));
        QVERIFY(!a_->controller()->catalogue().find(townId_));
        QVERIFY(
            waitFor([&] { return b_->controller()->catalogue().find(townId_) == nullptr; }, 5000));
        error = a_->editor()->redo();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(serverText(deleted), QStringLiteral("0"));
        QVERIFY(a_->controller()->catalogue().find(townId_));
        QVERIFY(
            waitFor([&] { return b_->controller()->catalogue().find(townId_) != nullptr; }, 5000));
        QCOMPARE(serverText("SELECT count(*)::text FROM jinmap.change_log WHERE reason IN ('undo "
                            "in the viewer', 'redo in the viewer') AND author = 'bob'"),
                 QStringLiteral("2"));
    }

    // Both open the town's dialog; A saves first; B's save is refused with
    // both versions, and the server keeps A's.
    void aConflictingEditIsRefusedAndShown() {
        QVERIFY(!townId_.isEmpty());
        evaluate(*b_, "mainWindow",
                 QStringLiteral("townDialog.dialog().openEdit('%1')").arg(townId_));
        QObject* dialog = b_->findItem(QStringLiteral("townDialog"));
        QVERIFY(dialog);
        QVERIFY(waitFor([&] { return dialog->property("opened").toBool(); }));
        a_->editor()->townFields(townId_);  // A's dialog
        const int reloadsBefore = b_->editor()->reloadCount();
        QString error = a_->editor()->updateTown(
            townId_, {{QStringLiteral("sector"), QStringLiteral("甲先保存的产业")}},
            QStringLiteral("A first"));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(waitFor([&] { return b_->editor()->reloadCount() > reloadsBefore; }, 5000));
        // B's dialog still shows what B opened; B changes the sector too.
        item(*b_, "townSector")->setProperty("text", QStringLiteral("乙后保存的产业"));
        item(*b_, "townReason")->setProperty("text", QStringLiteral("B second"));
        QVERIFY(QMetaObject::invokeMethod(dialog, "save"));
        error = item(*b_, "townError")->property("text").toString();
        QVERIFY2(error.contains(QStringLiteral("已被 bob 于")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("甲先保存的产业 → 乙后保存的产业")),
                 qPrintable(error));
        QVERIFY(dialog->property("opened").toBool());
        QCOMPARE(serverText("SELECT sector FROM jinmap.towns WHERE id = '" + townId_.toStdString() +
                            "'"),
                 QStringLiteral("甲先保存的产业"));
        QTest::qWait(100);
        save(*b_, QStringLiteral("postgis_conflict_dialog"));
        dialog->setProperty("visible", false);
        QVERIFY(waitFor([&] { return !dialog->property("visible").toBool(); }));
    }

    // A jinmap_reader's viewer: the server refuses the write and says why.
    void aReaderCannotWrite() {
        reader_ = openViewer("ana");
        QVERIFY(reader_);
        const QString count = serverText("SELECT count(*)::text FROM jinmap.towns");
        evaluate(*reader_, "mainWindow",
                 QStringLiteral("townDialog.dialog().openEdit('%1')").arg(townId_));
        QObject* dialog = reader_->findItem(QStringLiteral("townDialog"));
        QVERIFY(dialog);
        QVERIFY(waitFor([&] { return dialog->property("opened").toBool(); }));
        item(*reader_, "townSector")->setProperty("text", QStringLiteral("读者不能改"));
        QVERIFY(QMetaObject::invokeMethod(dialog, "save"));
        const QString error = item(*reader_, "townError")->property("text").toString();
        QVERIFY2(error.contains(QStringLiteral("permission denied")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("42501")), qPrintable(error));
        QCOMPARE(serverText("SELECT sector FROM jinmap.towns WHERE id = '" + townId_.toStdString() +
                            "'"),
                 QStringLiteral("甲先保存的产业"));
        QCOMPARE(serverText("SELECT count(*)::text FROM jinmap.towns"), count);
        QTest::qWait(100);
        save(*reader_, QStringLiteral("postgis_reader_refused"));
        dialog->setProperty("visible", false);
        QVERIFY(waitFor([&] { return !dialog->property("visible").toBool(); }));
        reader_.reset();
    }

    // The server goes away: the viewer keeps what it shows, says so, edits
    // are off; back: reconnected, and what changed meanwhile is shown.
    void aLostConnectionIsSaidAndTheViewerReconnects() {
        server_->stop("immediate");
        QVERIFY(waitFor([&] { return !a_->editor()->serverConnected(); }, 5000));
        QVERIFY(!a_->editor()->editable());
        QVERIFY2(a_->editor()->readOnlyReason().contains(QStringLiteral("连接已断开")),
                 qPrintable(a_->editor()->readOnlyReason()));
        QVERIFY(a_->controller()->catalogue().find(townId_));  // still shown
        QTest::qWait(100);
        save(*a_, QStringLiteral("postgis_connection_lost"));
        server_->start();
        const Ran r = runJinmap({QStringLiteral("--db"), url("carol"), QStringLiteral("town"),
                                 QStringLiteral("update"), townId_, QStringLiteral("--sector"),
                                 QStringLiteral("断线期间改的产业"), QStringLiteral("--reason"),
                                 QStringLiteral("meanwhile")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(waitFor([&] { return a_->editor()->serverConnected(); }, 10000));
        QVERIFY(a_->editor()->editable());
        QVERIFY(waitFor(
            [&] {
                return a_->editor()->townFields(townId_).value(QStringLiteral("sector")) ==
                       QStringLiteral("断线期间改的产业");
            },
            5000));
    }

    // Server down at start: `jinmap --db URL` opens the last copy read-only
    // and says so.
    void serverDownAtStartOpensTheLastCopy() {
        a_.reset();
        b_.reset();
        server_->stop("fast");
        const QString shot = dir_.filePath(QStringLiteral("down.png"));
        const Ran r = runJinmap({QStringLiteral("--db"), url("bob"), QStringLiteral("--screenshot"),
                                 shot, QStringLiteral("--no-settings")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("last local copy, read-only")), qPrintable(r.err));
        QVERIFY(QFileInfo::exists(shot));
        // In process: the editor says it, and edits are off.
        a_ = openViewer("bob");
        QVERIFY(a_);
        QVERIFY(!a_->editor()->serverConnected());
        QVERIFY(!a_->editor()->editable());
        QVERIFY2(a_->editor()->readOnlyReason().contains(QStringLiteral("最后的副本")),
                 qPrintable(a_->editor()->readOnlyReason()));
        QVERIFY(a_->controller()->catalogue().find(townId_));
        server_->start();
    }

    void cleanupTestCase() {
        a_.reset();
        b_.reset();
        reader_.reset();
        server_.reset();
    }
};

int main(int argc, char** argv) {
    QApplication::setOrganizationName(QStringLiteral("jinmap"));
    QApplication::setApplicationName(QStringLiteral("jinmap-postgis-gui-tests"));
    QApplication app(argc, argv);
    PostgisGuiTests tests;
    return QTest::qExec(&tests, argc, argv);
}

#include "postgis_gui_tests.moc"
