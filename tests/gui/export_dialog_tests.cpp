// The export dialog (导出地图) and the table export, driven in the real
// viewer window under Xvfb: Ctrl+E opens it with a preview that follows the
// choices (superseded previews dropped); the PDF it writes through the
// desktop's save dialog equals the one `jinmap export` writes for the same
// request; the county panel's button makes a county sheet; a cancelled atlas
// leaves nothing behind; the loss check refuses a page too large before
// anything is written; tables have headers in the interface language and
// their caveat columns; the table dialog speaks the interface language;
// status messages go away; no QML warnings from these files.
//
// With --bench: times preview updates (change → new preview) and prints
// "preview update: median X ms (min Y, max Z, n N)".
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QQuickItem>
#include <QQuickWindow>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "export_controller.h"
#include "gui_support.h"
#include "thematic_layer.h"
#include "viewer_app.h"

using namespace jinmap::viewer;
using namespace jinmap::viewer::test;

namespace {

// QML warnings of the whole run (the files of this feature must have none).
QStringList& qmlWarnings() {
    static QStringList list;
    return list;
}
QtMessageHandler previousHandler = nullptr;
void recordQmlWarnings(QtMsgType type, const QMessageLogContext& context, const QString& message) {
    if (type == QtWarningMsg &&
        (message.contains(QLatin1String("qrc:/qml/")) || message.contains(QLatin1String(".qml:"))))
        qmlWarnings() << message;
    if (previousHandler) previousHandler(type, context, message);
}

// Scrolls the item's Flickable (a ScrollView's) so that the item is on screen.
void scrollIntoView(QQuickItem* item) {
    for (QQuickItem* p = item->parentItem(); p; p = p->parentItem()) {
        if (!p->inherits("QQuickFlickable")) continue;
        QQuickItem* content = p->property("contentItem").value<QQuickItem*>();
        const QPointF pos = item->mapToItem(content, QPointF(0, 0));
        const double maxY = std::max(0.0, p->property("contentHeight").toDouble() - p->height());
        const double y = p->property("contentY").toDouble();
        if (pos.y() < y || pos.y() + item->height() > y + p->height())
            p->setProperty("contentY", std::clamp(pos.y() - 40, 0.0, maxY));
        return;
    }
}

void clickItem(QQuickWindow* window, QQuickItem* item) {
    scrollIntoView(item);
    QCoreApplication::processEvents();
    const QPointF c = item->mapToScene(QPointF(item->width() / 2, item->height() / 2));
    QTest::mouseClick(window, Qt::LeftButton, Qt::NoModifier, c.toPoint());
}

QByteArray withoutCreationDate(QByteArray pdf) {
    // "/CreationDate (D:20261128181047Z)": the same length whatever the
    // time, so the cross-reference offsets do not depend on it. (Bytes: the
    // PDF's streams hold NULs.)
    const QByteArray key("/CreationDate (D:");
    for (int at = pdf.indexOf(key); at >= 0; at = pdf.indexOf(key, at + 1)) {
        const int end = pdf.indexOf(')', at);
        if (end < 0) break;
        for (int i = at + key.size(); i < end; ++i) pdf[i] = '0';
    }
    return pdf;
}

QString pdfText(const QString& pdf) {
    QProcess p;
    p.start(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")});
    p.waitForFinished(60000);
    return QString::fromUtf8(p.readAllStandardOutput());
}

// Page images of a PDF (pdftoppm), for when the bytes differ.
QList<QImage> pdfPages(const QString& pdf, const QString& prefix) {
    QProcess p;
    p.start(QStringLiteral("pdftoppm"),
            {QStringLiteral("-r"), QStringLiteral("100"), QStringLiteral("-png"), pdf, prefix});
    p.waitForFinished(120000);
    QList<QImage> pages;
    const QFileInfo info(prefix);
    const QStringList files =
        QDir(info.path())
            .entryList({info.fileName() + QStringLiteral("*.png")}, QDir::Files, QDir::Name);
    for (const QString& f : files) pages << QImage(QDir(info.path()).filePath(f));
    return pages;
}

}  // namespace

class ExportDialogTests : public QObject {
    Q_OBJECT

  private:
    std::unique_ptr<ViewerApp> app_;
    Controller* c() { return app_->controller(); }
    ExportController* ex() { return app_->exporter(); }
    QQuickWindow* window() { return app_->window(); }
    QQuickItem* item(const QString& name) {
        return qobject_cast<QQuickItem*>(app_->findItem(name));
    }
    bool dialogOpen() {
        QObject* d = app_->findItem(QStringLiteral("mapExportDialog"));
        return d && d->property("opened").toBool();
    }
    void fit(const QString& extent) {
        evaluate(*app_, "mainWindow", QStringLiteral("fit(app.extentRect('%1'), 24)").arg(extent));
        QVERIFY(app_->waitUntilDrawn());
    }
    void closeDialog() {
        QObject* d = app_->findItem(QStringLiteral("mapExportDialog"));
        QVERIFY(d);
        QMetaObject::invokeMethod(d, "close");
        QTRY_VERIFY(!d->property("visible").toBool());
    }
    // Sets a control the way a user does (a combo box's choice, a spin box's
    // typed value): through the signal its handler listens to.
    void chooseInCombo(const QString& name, const QString& id) {
        QQuickItem* box = item(name);
        QVERIFY2(box, qPrintable(name));
        const QVariant index = evaluate(*app_, name, QStringLiteral("indexOfValue('%1')").arg(id));
        QVERIFY(index.toInt() >= 0);
        box->setProperty("currentIndex", index);
        QVERIFY(QMetaObject::invokeMethod(box, "activated", Q_ARG(int, index.toInt())));
    }
    void setSpinBox(const QString& name, int value) {
        QQuickItem* box = item(name);
        QVERIFY2(box, qPrintable(name));
        box->setProperty("value", value);
        QVERIFY(QMetaObject::invokeMethod(box, "valueModified"));
    }
    // "Export…", then the desktop's save dialog: the proposed name, in
    // `folder`, accepted. `written` is the path of the file made.
    void exportThroughSaveDialog(const QString& folder, QString& written) {
        QQuickItem* button = item(QStringLiteral("exportWriteButton"));
        QVERIFY(button);
        QTRY_VERIFY(button->isEnabled());
        clickItem(window(), button);
        QObject* picker = app_->findItem(QStringLiteral("mapExportFileDialog"));
        QVERIFY(picker);
        QTRY_VERIFY(picker->property("visible").toBool());
        // It proposes a name made from the title, in the last folder used.
        const QString proposed = ex()->suggestedFileName();
        QCOMPARE(picker->property("currentFile").toUrl().toLocalFile(),
                 QDir(ex()->folder()).filePath(proposed));
        picker->setProperty("folder", QUrl::fromLocalFile(folder));
        picker->setProperty("currentFile", QUrl::fromLocalFile(QDir(folder).filePath(proposed)));
        QVERIFY(QMetaObject::invokeMethod(picker, "accept"));
        QTRY_VERIFY(!picker->property("visible").toBool());
        QTRY_VERIFY_WITH_TIMEOUT(!ex()->running(), 120000);
        QVERIFY2(ex()->resultOk(), qPrintable(ex()->resultText()));
        written = ex()->resultPath();
        QCOMPARE(written, QDir(folder).filePath(proposed));
        window()->requestActivate();
    }
    // `jinmap export` with the given arguments (and the test database).
    void runCli(const QStringList& args) {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(JINMAP_PROGRAM),
                QStringList{QStringLiteral("--db"), testOptions().dbPath} + args);
        QVERIFY(p.waitForFinished(180000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    }
    void comparePdfs(const QString& dialogPdf, const QString& cliPdf) {
        // Kept for a look (pdftoppm) after the run.
        QDir().mkpath(QStringLiteral(JINMAP_ARTIFACTS_DIR));
        const QString kept =
            QStringLiteral(JINMAP_ARTIFACTS_DIR "/dialog-") + QFileInfo(dialogPdf).fileName();
        QFile::remove(kept);
        QFile::copy(dialogPdf, kept);
        QFile a(dialogPdf), b(cliPdf);
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        const QByteArray da = withoutCreationDate(a.readAll()),
                         db = withoutCreationDate(b.readAll());
        QVERIFY(da.startsWith("%PDF"));
        if (da == db) {
            qInfo("%s equals the CLI's PDF byte for byte (creation date aside), %lld bytes",
                  qPrintable(QFileInfo(dialogPdf).fileName()), static_cast<long long>(da.size()));
            return;
        }
        // Qt's PDF engine embeds the font subset with the head table's
        // macStyle of the font engine that drew the page's first text; in a
        // process that has drawn the same typeface before (the viewer: the
        // preview), Qt's font cache may hand a different engine for the same
        // face, so that flag (and the table checksum) may differ. What
        // counts: the same pages and the same text.
        QCOMPARE(pdfText(dialogPdf), pdfText(cliPdf));
        const QList<QImage> pa = pdfPages(dialogPdf, dialogPdf + QStringLiteral("-page"));
        const QList<QImage> pb = pdfPages(cliPdf, cliPdf + QStringLiteral("-page"));
        QVERIFY(!pa.isEmpty());
        QCOMPARE(pa.size(), pb.size());
        // The pages agree to the pixel but for antialiasing at a few polygon
        // edges (seen on the county sheet: 3 of 870,000 pixels, channels
        // within 13 of 255); a shifted map, a missing label or another
        // colour changes thousands.
        for (int i = 0; i < pa.size(); ++i) {
            QCOMPARE(pa[i].size(), pb[i].size());
            const QImage a = pa[i].convertToFormat(QImage::Format_RGB32);
            const QImage b = pb[i].convertToFormat(QImage::Format_RGB32);
            int differing = 0, worst = 0;
            for (int y = 0; y < a.height(); ++y) {
                const auto* la = reinterpret_cast<const QRgb*>(a.constScanLine(y));
                const auto* lb = reinterpret_cast<const QRgb*>(b.constScanLine(y));
                for (int x = 0; x < a.width(); ++x) {
                    if (la[x] == lb[x]) continue;
                    ++differing;
                    worst = std::max({worst, std::abs(qRed(la[x]) - qRed(lb[x])),
                                      std::abs(qGreen(la[x]) - qGreen(lb[x])),
                                      std::abs(qBlue(la[x]) - qBlue(lb[x]))});
                }
            }
            qInfo("%s page %d: %d pixels differ from the CLI's (largest channel difference %d)",
                  qPrintable(QFileInfo(dialogPdf).fileName()), i + 1, differing, worst);
            QVERIFY2(differing <= 20 && worst <= 32, "page images differ");
        }
    }

  private slots:
    void initTestCase() {
        previousHandler = qInstallMessageHandler(recordQmlWarnings);
        app_ = std::make_unique<ViewerApp>(testOptions());
        QVERIFY(app_->start());
        QVERIFY(app_->waitUntilDrawn());
        QVERIFY(ex());
        window()->requestActivate();
        QVERIFY(QTest::qWaitForWindowActive(window()));
        ex()->setExportDate(QStringLiteral("2026-01-15"));
    }

    // A failed test leaves no save dialog, export or export dialog behind.
    void cleanup() {
        for (const char* name :
             {"mapExportFileDialog", "mapExportFolderDialog", "exportFileDialog"})
            if (QObject* d = app_->findItem(QString::fromLatin1(name)))
                if (d->property("visible").toBool()) QMetaObject::invokeMethod(d, "reject");
        if (ex()->running()) {
            ex()->cancel();
            ex()->waitUntilWritten(120000);
        }
        for (const char* name : {"mapExportDialog", "exportDialog"})
            if (QObject* d = app_->findItem(QString::fromLatin1(name)))
                if (d->property("visible").toBool()) QMetaObject::invokeMethod(d, "close");
        QTRY_VERIFY(!dialogOpen());
        window()->requestActivate();
    }

    void shortcutOpensDialogWithPreview() {
        fit(QStringLiteral("province"));
        QQuickItem* map = item(QStringLiteral("map"));
        map->forceActiveFocus();
        QTest::keyClick(window(), Qt::Key_E, Qt::ControlModifier);
        QTRY_VERIFY(dialogOpen());
        QVERIFY(ex()->waitUntilPreviewed(60000));
        QVERIFY2(ex()->problem().isEmpty(), qPrintable(ex()->problem()));
        QCOMPARE(ex()->kind(), QStringLiteral("map"));
        QCOMPARE(ex()->extent(), QStringLiteral("view"));
        // Prefilled from the theme (towns: "{area}专业镇分布示意图") and the area in view.
        QCOMPARE(item(QStringLiteral("exportTitle"))->property("text").toString(),
                 QStringLiteral("山西省专业镇分布示意图"));
        QCOMPARE(item(QStringLiteral("exportSubtitle"))->property("text").toString(),
                 QStringLiteral("山西省特色专业镇"));
        // The page, drawn: an A3 landscape sheet (√2 : 1) fitted in the preview area.
        QQuickItem* image = item(QStringLiteral("exportPreview"));
        QTRY_COMPARE(image->property("status").toInt(), 1);  // Image.Ready
        const QSize size = image->property("sourceSize").toSize();
        QVERIFY(size.width() > 300);
        QVERIFY(std::abs(double(size.width()) / size.height() - 420.0 / 297.0) < 0.02);
        // The loss check ran: at province scale some town names collide.
        bool dropped = false;
        for (const QVariant& v : ex()->issues())
            dropped =
                dropped || v.toMap().value("text").toString().contains(QStringLiteral("标注"));
        QVERIFY(dropped);
        QVERIFY(ex()->canExport());
        // For a look: the dialog, and its settings scrolled to the end.
        QDir().mkpath(QStringLiteral(JINMAP_ARTIFACTS_DIR));
        window()->grabWindow().save(QStringLiteral(JINMAP_ARTIFACTS_DIR "/export_dialog.png"));
        QQuickItem* settings = item(QStringLiteral("exportSettings"));
        for (QQuickItem* f : settings->findChildren<QQuickItem*>())
            if (f->inherits("QQuickFlickable"))
                f->setProperty("contentY", std::max(0.0, f->property("contentHeight").toDouble() -
                                                             f->height()));
        QTest::qWait(200);
        window()->grabWindow().save(
            QStringLiteral(JINMAP_ARTIFACTS_DIR "/export_dialog_settings_end.png"));
        closeDialog();
    }

    void previewFollowsChoicesAndDropsSuperseded() {
        fit(QStringLiteral("晋中市"));
        clickItem(window(), item(QStringLiteral("exportMapButton")));
        QTRY_VERIFY(dialogOpen());
        QVERIFY(ex()->waitUntilPreviewed(60000));
        QCOMPARE(item(QStringLiteral("exportTitle"))->property("text").toString(),
                 QStringLiteral("晋中市专业镇分布示意图"));
        QQuickItem* image = item(QStringLiteral("exportPreview"));
        const QString before = ex()->previewSource();

        // Portrait: a new preview, taller than wide.
        clickItem(window(), item(QStringLiteral("exportPortrait")));
        QVERIFY(ex()->waitUntilPreviewed(60000));
        QVERIFY(ex()->previewSource() != before);
        QTRY_COMPARE(image->property("status").toInt(), 1);
        QSize size = image->property("sourceSize").toSize();
        QVERIFY(size.height() > size.width());

        // A title typed into the field: a new preview.
        QQuickItem* title = item(QStringLiteral("exportTitle"));
        title->forceActiveFocus();
        QTRY_VERIFY(title->hasActiveFocus());
        const QString typed = ex()->previewSource();
        QTest::keyClick(window(), Qt::Key_End);
        for (const QChar ch : QStringLiteral("（试）")) {
            QTest::sendKeyEvent(QTest::Press, window(), Qt::Key_unknown, QString(ch),
                                Qt::NoModifier);
            QTest::sendKeyEvent(QTest::Release, window(), Qt::Key_unknown, QString(ch),
                                Qt::NoModifier);
        }
        QTRY_COMPARE(ex()->title(), QStringLiteral("晋中市专业镇分布示意图（试）"));
        QVERIFY(ex()->waitUntilPreviewed(60000));
        QVERIFY(ex()->previewSource() != typed);

        // Five changes, each dispatched on its own: the worker drops the
        // four superseded ones (before or after drawing), one preview arrives.
        const std::size_t delivered = ex()->previewTimes().size();
        for (const char* cs : {"EPSG:4546", "EPSG:4490", "EPSG:4547", "EPSG:4326", "EPSG:4546"}) {
            ex()->setCrs(QString::fromLatin1(cs));
            QCoreApplication::processEvents();
        }
        QVERIFY(ex()->waitUntilPreviewed(60000));
        QCOMPARE(ex()->previewTimes().size(), delivered + 1);
        QCOMPARE(ex()->crs(), QStringLiteral("EPSG:4546"));

        // Layout items off: still a page, and the request says so.
        clickItem(window(), item(QStringLiteral("exportLegend")));
        QVERIFY(ex()->waitUntilPreviewed(60000));
        QVERIFY(!ex()->legend());
        QVERIFY(ex()->commandLine().contains(QStringLiteral("--no-legend")));
        clickItem(window(), item(QStringLiteral("exportLegend")));
        ex()->resetTitles();
        QVERIFY(ex()->waitUntilPreviewed(60000));
        qInfo("preview updates so far: %zu, last %.0f ms", ex()->previewTimes().size(),
              ex()->previewMs());
        closeDialog();
    }

    // The "done when" case: an A3 PDF of the current view, from the window,
    // equal to the CLI's for the same request.
    void dialogPdfEqualsCliPdf() {
        fit(QStringLiteral("晋中市"));
        QTest::keyClick(window(), Qt::Key_P, Qt::ControlModifier);  // Ctrl+P: a PDF
        QTRY_VERIFY(dialogOpen());
        QVERIFY(ex()->waitUntilPreviewed(60000));
        QCOMPARE(ex()->format(), QStringLiteral("pdf"));
        chooseInCombo(QStringLiteral("exportPaper"), QStringLiteral("A3"));
        if (QTest::currentTestFailed()) return;
        clickItem(window(), item(QStringLiteral("exportLandscape")));
        chooseInCombo(QStringLiteral("exportCrs"), QStringLiteral("EPSG:3857"));
        if (QTest::currentTestFailed()) return;
        setSpinBox(QStringLiteral("exportDpi"), 150);
        if (QTest::currentTestFailed()) return;
        QVERIFY(ex()->waitUntilPreviewed(60000));
        QVERIFY(ex()->canExport());
        QCOMPARE(ex()->dpi(), 150);

        QTemporaryDir dir;
        QString dialogPdf;
        exportThroughSaveDialog(dir.path(), dialogPdf);
        if (QTest::currentTestFailed()) return;
        QVERIFY(QFileInfo(dialogPdf).size() > 10000);
        QCOMPARE(QFileInfo(dialogPdf).fileName(), QStringLiteral("晋中市专业镇分布示意图.pdf"));
        QVERIFY(ex()->resultText().contains(dialogPdf));
        // A folder that is not there: said in the interface's language.
        ex()->start(dir.path() + QStringLiteral("/没有的文件夹/图.pdf"));
        QVERIFY(ex()->waitUntilWritten(60000));
        QVERIFY(!ex()->resultOk());
        QVERIFY2(ex()->resultText().contains(QStringLiteral("输出文件夹不存在")),
                 qPrintable(ex()->resultText()));

        // The CLI, given what the window showed: its view (EPSG:3857 metres)
        // and the dialog's fields.
        const jinmap::Bounds v = app_->layer()->camera().extent();
        auto num = [](double x) { return QString::number(x, 'g', 17); };
        const QString title = item(QStringLiteral("exportTitle"))->property("text").toString();
        const QString subtitle =
            item(QStringLiteral("exportSubtitle"))->property("text").toString();
        QCOMPARE(title, QStringLiteral("晋中市专业镇分布示意图"));
        const QString cliPdf = dir.filePath(QStringLiteral("cli.pdf"));
        runCli({QStringLiteral("export"),
                QStringLiteral("--style"),
                QStringLiteral(JINMAP_STYLES_DIR "/towns.json"),
                QStringLiteral("--view-extent"),
                QStringList{num(v.minX), num(v.minY), num(v.maxX), num(v.maxY)}.join(','),
                QStringLiteral("--crs"),
                QStringLiteral("EPSG:3857"),
                QStringLiteral("--paper"),
                QStringLiteral("A3"),
                QStringLiteral("--orientation"),
                QStringLiteral("landscape"),
                QStringLiteral("--dpi"),
                QStringLiteral("150"),
                QStringLiteral("--title"),
                title,
                QStringLiteral("--subtitle"),
                subtitle,
                QStringLiteral("--date"),
                QStringLiteral("2026-01-15"),
                QStringLiteral("-o"),
                cliPdf});
        if (QTest::currentTestFailed()) return;
        comparePdfs(dialogPdf, cliPdf);
        if (QTest::currentTestFailed()) return;
        const QString text = pdfText(dialogPdf);
        QVERIFY(text.contains(QStringLiteral("晋中市专业镇分布示意图")));
        QVERIFY(text.contains(QStringLiteral("示意图")));

        // The dialog's own command line writes it too.
        QVERIFY(ex()->commandLine().startsWith(QStringLiteral("jinmap export --style")));
        QVERIFY(ex()->commandLine().contains(QStringLiteral("--view-extent")));
        closeDialog();
    }

    void countySheetButtonMakesCountySheet() {
        QVERIFY(c()->selectCounty(QStringLiteral("太谷区"), true));
        QVERIFY(app_->waitUntilDrawn());
        QQuickItem* button = item(QStringLiteral("countySheetButton"));
        QVERIFY(button && button->isVisible());
        clickItem(window(), button);
        QTRY_VERIFY(dialogOpen());
        QVERIFY(ex()->waitUntilPreviewed(60000));
        QCOMPARE(ex()->kind(), QStringLiteral("sheet"));
        QCOMPARE(ex()->paper(), QStringLiteral("A4"));
        QCOMPARE(ex()->orientation(), QStringLiteral("portrait"));
        QCOMPARE(ex()->sheetTitle(), QStringLiteral("太谷区（晋中市）专业镇产业概况"));
        QQuickItem* image = item(QStringLiteral("exportPreview"));
        QTRY_COMPARE(image->property("status").toInt(), 1);
        const QSize size = image->property("sourceSize").toSize();
        QVERIFY(size.height() > size.width());
        setSpinBox(QStringLiteral("exportDpi"), 150);
        if (QTest::currentTestFailed()) return;
        clickItem(window(), item(QStringLiteral("exportWithTable")));
        QVERIFY(ex()->waitUntilPreviewed(60000));

        QTemporaryDir dir;
        QString sheet;
        exportThroughSaveDialog(dir.path(), sheet);
        QCOMPARE(QFileInfo(sheet).fileName(), QStringLiteral("太谷区县域专题图.pdf"));
        if (QTest::currentTestFailed()) return;
        const QString text = pdfText(sheet);
        QVERIFY(text.contains(QStringLiteral("专业镇产业概况")));
        QVERIFY(text.contains(QStringLiteral("太谷玛钢专业镇")));
        QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("太谷区县域专题图.xlsx"))));

        const QString cli = dir.filePath(QStringLiteral("cli.pdf"));
        runCli({QStringLiteral("export"), QStringLiteral("--style"),
                QStringLiteral(JINMAP_STYLES_DIR "/towns.json"), QStringLiteral("--county-sheet"),
                QStringLiteral("太谷区"), QStringLiteral("--table"),
                dir.filePath(QStringLiteral("cli.xlsx")), QStringLiteral("--dpi"),
                QStringLiteral("150"), QStringLiteral("--subtitle"),
                QStringLiteral("县域产业专题图"), QStringLiteral("--date"),
                QStringLiteral("2026-01-15"), QStringLiteral("-o"), cli});
        if (QTest::currentTestFailed()) return;
        comparePdfs(sheet, cli);
        if (QTest::currentTestFailed()) return;
        closeDialog();
    }

    void cancelledAtlasLeavesNothing() {
        QVERIFY(c()->selectCounty(QStringLiteral("太谷区"), false));
        ex()->open(QStringLiteral("atlas"));
        QTRY_VERIFY(dialogOpen());
        ex()->setAtlas(QStringLiteral("counties"));
        chooseInCombo(QStringLiteral("exportFormat"), QStringLiteral("png"));
        if (QTest::currentTestFailed()) return;
        setSpinBox(QStringLiteral("exportDpi"), 300);
        if (QTest::currentTestFailed()) return;
        QVERIFY(ex()->waitUntilPreviewed(120000));
        QCOMPARE(ex()->pageCount(), 11);  // 晋中市's counties
        QVERIFY(ex()->writesFolder());
        // The page buttons show the other pages.
        clickItem(window(), item(QStringLiteral("exportNextPage")));
        QVERIFY(ex()->waitUntilPreviewed(60000));
        QCOMPARE(ex()->previewPage(), 1);

        QTemporaryDir dir;
        ex()->start(dir.path());
        QVERIFY(ex()->running());
        QTRY_VERIFY_WITH_TIMEOUT(ex()->progressDone() >= 1, 120000);
        clickItem(window(), item(QStringLiteral("exportCancelButton")));
        QVERIFY(ex()->waitUntilWritten(120000));
        QVERIFY(!ex()->resultOk());
        QVERIFY(ex()->resultText().contains(QStringLiteral("取消")));
        // Neither the atlas folder nor its staging folder nor any page.
        QCOMPARE(QDir(dir.path())
                     .entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot)
                     .size(),
                 0);

        // A PDF atlas cancelled at once: no file, no temporary file.
        chooseInCombo(QStringLiteral("exportFormat"), QStringLiteral("pdf"));
        if (QTest::currentTestFailed()) return;
        QVERIFY(ex()->waitUntilPreviewed(60000));
        ex()->start(dir.filePath(QStringLiteral("atlas.pdf")));
        ex()->cancel();
        QVERIFY(ex()->waitUntilWritten(120000));
        QVERIFY(!ex()->resultOk());
        QCOMPARE(QDir(dir.path())
                     .entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot)
                     .size(),
                 0);
        closeDialog();
    }

    void lossCheckRefusesBeforeWriting() {
        ex()->open(QStringLiteral("map"));
        QTRY_VERIFY(dialogOpen());
        chooseInCombo(QStringLiteral("exportFormat"), QStringLiteral("png"));
        if (QTest::currentTestFailed()) return;
        chooseInCombo(QStringLiteral("exportPaper"), QStringLiteral("custom"));
        if (QTest::currentTestFailed()) return;
        setSpinBox(QStringLiteral("exportPaperWidth"), 2000);
        if (QTest::currentTestFailed()) return;
        setSpinBox(QStringLiteral("exportPaperHeight"), 1500);
        if (QTest::currentTestFailed()) return;
        setSpinBox(QStringLiteral("exportDpi"), 600);
        if (QTest::currentTestFailed()) return;
        QVERIFY(ex()->waitUntilPreviewed(60000));
        QVERIFY(ex()->hasErrors());
        QVERIFY(!ex()->canExport());
        QVERIFY(!item(QStringLiteral("exportWriteButton"))->isEnabled());
        bool tooLarge = false;
        for (const QVariant& v : ex()->issues()) {
            const QVariantMap m = v.toMap();
            tooLarge = tooLarge || (m.value("severity") == "error" &&
                                    m.value("text").toString().contains(QStringLiteral("栅格")));
        }
        QVERIFY(tooLarge);
        // Back to a printable page.
        chooseInCombo(QStringLiteral("exportPaper"), QStringLiteral("A3"));
        if (QTest::currentTestFailed()) return;
        chooseInCombo(QStringLiteral("exportFormat"), QStringLiteral("pdf"));
        if (QTest::currentTestFailed()) return;
        setSpinBox(QStringLiteral("exportDpi"), 300);
        if (QTest::currentTestFailed()) return;
        QVERIFY(ex()->waitUntilPreviewed(60000));
        QVERIFY(!ex()->hasErrors());
        // An unknown coordinate system: said in the dialog, nothing to export.
        ex()->setCrs(QStringLiteral("EPSG:999999"));
        QVERIFY(ex()->waitUntilPreviewed(60000));
        QVERIFY(!ex()->problem().isEmpty());
        QVERIFY(!ex()->canExport());
        ex()->setCrs(QStringLiteral("EPSG:3857"));
        QVERIFY(ex()->waitUntilPreviewed(60000));
        QVERIFY(ex()->problem().isEmpty());
        closeDialog();
    }

    void englishDialog() {
        c()->setLanguage(QStringLiteral("en"));
        ex()->open(QStringLiteral("map"));
        QTRY_VERIFY(dialogOpen());
        QVERIFY(ex()->waitUntilPreviewed(60000));
        QCOMPARE(app_->findItem(QStringLiteral("mapExportDialog"))->property("title").toString(),
                 QStringLiteral("Export map"));
        QCOMPARE(item(QStringLiteral("exportWriteButton"))->property("text").toString(),
                 QStringLiteral("Export…"));
        for (const QVariant& v : ex()->issues())
            QVERIFY(!v.toMap().value("text").toString().contains(QStringLiteral("标注")));
        closeDialog();
        c()->setLanguage(QStringLiteral("zh_CN"));
    }

    // Item 10: the table export in the interface language, caveats as columns.
    void tableExportInInterfaceLanguage() {
        QVERIFY(c()->selectCounty(QStringLiteral("祁县"), false));
        QTemporaryDir dir;
        auto header = [&](const QString& file) {
            QFile f(dir.filePath(file));
            if (!f.open(QIODevice::ReadOnly)) return QStringList();
            QString first = QString::fromUtf8(f.readLine()).trimmed();
            if (first.startsWith(QChar(0xFEFF))) first.remove(0, 1);
            return first.split(',');
        };
        QCOMPARE(c()->exportTable(dir.filePath(QStringLiteral("qixian.csv"))), QString());
        const QStringList zh = header(QStringLiteral("qixian.csv"));
        for (const char* h : {"地级市", "县区", "专业镇", "指标", "数值", "范围", "计入本镇",
                              "数据冲突", "说明", "来源资料", "原文"})
            QVERIFY2(zh.contains(QString::fromUtf8(h)), h);
        for (const QString& h : zh)
            QVERIFY2(!h.contains(QRegularExpression(QStringLiteral("[A-Za-z_]{3,}"))),
                     qPrintable(h));
        // A figure whose documents disagree carries the other reading in its row.
        QFile f(dir.filePath(QStringLiteral("qixian.csv")));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(QString::fromUtf8(f.readAll()).contains(QStringLiteral("⚠ 另一资料")));

        c()->setLanguage(QStringLiteral("en"));
        QVERIFY(c()->selectCounty(QStringLiteral("祁县"), false));
        QCOMPARE(c()->exportTable(dir.filePath(QStringLiteral("qixian-en.csv"))), QString());
        const QStringList en = header(QStringLiteral("qixian-en.csv"));
        for (const char* h : {"City", "County", "Town", "Figure", "Value", "Scope", "Town's own",
                              "Conflict", "Notes", "Source", "Quotation"})
            QVERIFY2(en.contains(QString::fromUtf8(h)), h);
        c()->setLanguage(QStringLiteral("zh_CN"));

        // The table dialog's buttons speak the interface language.
        QVERIFY(c()->selectCounty(QStringLiteral("祁县"), false));
        QQuickItem* open = item(QStringLiteral("exportButton"));
        QVERIFY(open && open->isEnabled());
        clickItem(window(), open);
        QObject* dialog = app_->findItem(QStringLiteral("exportDialog"));
        QTRY_VERIFY(dialog->property("opened").toBool());
        QCOMPARE(item(QStringLiteral("exportTableSave"))->property("text").toString(),
                 QStringLiteral("保存"));
        QCOMPARE(item(QStringLiteral("exportTableCancel"))->property("text").toString(),
                 QStringLiteral("取消"));
        QDir().mkpath(QStringLiteral(JINMAP_ARTIFACTS_DIR));
        QTest::qWait(200);
        window()->grabWindow().save(QStringLiteral(JINMAP_ARTIFACTS_DIR "/table_dialog_zh.png"));
        // Saving through it writes the table.
        const QString path = dir.filePath(QStringLiteral("via-dialog.xlsx"));
        item(QStringLiteral("exportPath"))->setProperty("text", path);
        clickItem(window(), item(QStringLiteral("exportTableSave")));
        QTRY_VERIFY(!dialog->property("visible").toBool());
        QTRY_VERIFY(QFileInfo::exists(path));
    }

    void statusMessageGoesAway() {
        c()->showStatus(QStringLiteral("表格已写入 /tmp/x.csv"));
        QCOMPARE(c()->statusMessage(), QStringLiteral("表格已写入 /tmp/x.csv"));
        QTest::qWait(1000);
        QVERIFY(!c()->statusMessage().isEmpty());  // long enough to be read
        QTRY_VERIFY_WITH_TIMEOUT(c()->statusMessage().isEmpty(), 16000);
        // A newer message is not cut short by the older one's timer.
        c()->showStatus(QStringLiteral("一"));
        QTest::qWait(3000);
        c()->showStatus(QStringLiteral("二"));
        QTest::qWait(4000);
        QCOMPARE(c()->statusMessage(), QStringLiteral("二"));
    }

    // No QML warning from any file while the dialogs were used (the viewer's
    // own tests hold the same rule for the rest of the window).
    void noQmlWarnings() {
        const QStringList warnings = qmlWarnings();
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join('\n')));
    }

    void cleanupTestCase() {
        app_.reset();
        qInstallMessageHandler(previousHandler);
    }
};

namespace {

// Preview update times: the dialog at 晋中市, changes a planner makes
// (orientation, title, a layout item, CRS, paper, DPI), each followed by its
// preview. The first preview (cold caches) is reported on its own.
int runBenchmark() {
    ViewerApp app(testOptions());
    if (!app.start() || !app.waitUntilDrawn()) return 1;
    evaluate(app, "mainWindow", QStringLiteral("fit(app.extentRect('晋中市'), 24)"));
    app.waitUntilDrawn();
    ExportController* ex = app.exporter();
    QElapsedTimer first;
    first.start();
    ex->open(QStringLiteral("map"));
    if (!ex->waitUntilPreviewed(120000)) return 1;
    std::printf("first preview: %.0f ms (loss check included: %lld ms)\n", ex->previewMs(),
                static_cast<long long>(first.elapsed()));
    const std::size_t skip = ex->previewTimes().size();
    const QString title = ex->title();
    for (int round = 0; round < 4; ++round) {
        ex->setOrientation(QStringLiteral("portrait"));
        ex->waitUntilPreviewed(60000);
        ex->setOrientation(QStringLiteral("landscape"));
        ex->waitUntilPreviewed(60000);
        ex->setTitle(title + QString::number(round));
        ex->waitUntilPreviewed(60000);
        ex->setLegend(round % 2 == 1);
        ex->waitUntilPreviewed(60000);
        ex->setCrs(round % 2 ? QStringLiteral("EPSG:3857") : QStringLiteral("EPSG:4546"));
        ex->waitUntilPreviewed(60000);
        ex->setPaper(round % 2 ? QStringLiteral("A3") : QStringLiteral("A4"));
        ex->waitUntilPreviewed(60000);
        ex->setDpi(round % 2 ? 300 : 200);
        ex->waitUntilPreviewed(60000);
    }
    std::vector<double> t(ex->previewTimes().begin() + static_cast<long>(skip),
                          ex->previewTimes().end());
    if (t.empty()) return 1;
    const std::vector<double> inOrder = t;
    std::sort(t.begin(), t.end());
    std::printf("preview updates in order (ms):");
    for (double ms : inOrder) std::printf(" %.0f", ms);
    std::printf("\npreview update: p90 %.0f ms\n", t[t.size() * 9 / 10]);
    std::printf("preview update: median %.0f ms (min %.0f, max %.0f, n %zu)\n", t[t.size() / 2],
                t.front(), t.back(), t.size());
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    QApplication::setOrganizationName(QStringLiteral("jinmap"));
    QApplication::setApplicationName(QStringLiteral("jinmap-export-dialog-tests"));
    QApplication app(argc, argv);
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], "--bench") == 0) return runBenchmark();
    ExportDialogTests tests;
    return QTest::qExec(&tests, argc, argv);
}

#include "export_dialog_tests.moc"
