#pragma once
// The export dialog (导出地图) for QML: the dialog's choices, prefilled from
// the theme, the view and the selection, become a jinmap::ExportRequest —
// the one `jinmap export` builds from its options (commandLine shows it), so
// the same choices write the same file. The page preview and the loss check
// (missing glyphs, dropped labels, page too big) run on a worker thread of
// the dialog's own, which owns its own read-only database connection;
// superseded previews are dropped. Writing runs there too, with progress and
// cancellation; nothing is left behind by a cancelled or failed export.
#include <QObject>
#include <QSize>
#include <QString>
#include <QStringList>
#include <QThread>
#include <QUrl>
#include <QVariantList>
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "data/geometry.h"
#include "export/exporter.h"

class QQmlEngine;

namespace jinmap {
struct Style;
class CrsTransform;
}  // namespace jinmap

namespace jinmap::viewer {

class Controller;
class ExportWorker;
struct PreviewStore;

class ExportController : public QObject {
    Q_OBJECT
    // What is exported: "map", "atlas" or "sheet" (a county's sheet).
    Q_PROPERTY(QString kind READ kind WRITE setKind NOTIFY settingsChanged)
    // "pdf", "png", "svg" or "tif" (GeoTIFF).
    Q_PROPERTY(QString format READ format WRITE setFormat NOTIFY settingsChanged)
    // "A4", "A3", "A2" or "custom" (paperWidthMm × paperHeightMm as printed).
    Q_PROPERTY(QString paper READ paper WRITE setPaper NOTIFY settingsChanged)
    Q_PROPERTY(double paperWidthMm READ paperWidthMm WRITE setPaperWidthMm NOTIFY settingsChanged)
    Q_PROPERTY(
        double paperHeightMm READ paperHeightMm WRITE setPaperHeightMm NOTIFY settingsChanged)
    // "landscape" or "portrait" (custom paper: follows its width and height).
    Q_PROPERTY(QString orientation READ orientation WRITE setOrientation NOTIFY settingsChanged)
    Q_PROPERTY(int dpi READ dpi WRITE setDpi NOTIFY settingsChanged)
    Q_PROPERTY(QString crs READ crs WRITE setCrs NOTIFY settingsChanged)
    Q_PROPERTY(QString title READ title WRITE setTitle NOTIFY settingsChanged)
    Q_PROPERTY(QString subtitle READ subtitle WRITE setSubtitle NOTIFY settingsChanged)
    // Map: "view", "county", "city" or "province". Atlas: see atlas.
    Q_PROPERTY(QString extent READ extent WRITE setExtent NOTIFY settingsChanged)
    // Atlas: "prefectures" (every city) or "counties" (the counties of the selected city).
    Q_PROPERTY(QString atlas READ atlas WRITE setAtlas NOTIFY settingsChanged)
    Q_PROPERTY(bool legend READ legend WRITE setLegend NOTIFY settingsChanged)
    Q_PROPERTY(bool scaleBar READ scaleBar WRITE setScaleBar NOTIFY settingsChanged)
    Q_PROPERTY(bool northArrow READ northArrow WRITE setNorthArrow NOTIFY settingsChanged)
    Q_PROPERTY(bool inset READ inset WRITE setInset NOTIFY settingsChanged)
    Q_PROPERTY(bool notes READ notes WRITE setNotes NOTIFY settingsChanged)
    // County sheet: its table (XLSX) written beside the map as well.
    Q_PROPERTY(bool withTable READ withTable WRITE setWithTable NOTIFY settingsChanged)

    // Choices and context, in the interface language.
    Q_PROPERTY(QVariantList crsOptions READ crsOptions NOTIFY contextChanged)
    Q_PROPERTY(QVariantList extentOptions READ extentOptions NOTIFY contextChanged)
    Q_PROPERTY(QVariantList atlasOptions READ atlasOptions NOTIFY contextChanged)
    Q_PROPERTY(bool canSheet READ canSheet NOTIFY contextChanged)
    Q_PROPERTY(QString sheetTitle READ sheetTitle NOTIFY contextChanged)
    // The view's town filter or hidden layers, which the export does not apply.
    Q_PROPERTY(QString viewNote READ viewNote NOTIFY contextChanged)

    // Preview: the page at a resolution that fits previewSize (device pixels).
    Q_PROPERTY(QSize previewSize READ previewSize WRITE setPreviewSize NOTIFY previewChanged)
    Q_PROPERTY(int previewPage READ previewPage WRITE setPreviewPage NOTIFY previewChanged)
    Q_PROPERTY(QString previewSource READ previewSource NOTIFY previewChanged)
    Q_PROPERTY(bool previewPending READ previewPending NOTIFY previewChanged)
    // Milliseconds from the change to the new preview being ready.
    Q_PROPERTY(double previewMs READ previewMs NOTIFY previewChanged)
    Q_PROPERTY(int pageCount READ pageCount NOTIFY previewChanged)
    Q_PROPERTY(QString pageName READ pageName NOTIFY previewChanged)
    // Why there is no preview (an unknown CRS, an area that cannot be found…).
    Q_PROPERTY(QString problem READ problem NOTIFY previewChanged)

    // Loss check: {severity: "error"|"warning", text} in the interface language.
    Q_PROPERTY(bool checking READ checking NOTIFY checkChanged)
    Q_PROPERTY(QVariantList issues READ issues NOTIFY checkChanged)
    Q_PROPERTY(bool hasErrors READ hasErrors NOTIFY checkChanged)
    Q_PROPERTY(QString pageDescription READ pageDescription NOTIFY checkChanged)
    Q_PROPERTY(bool canExport READ canExport NOTIFY stateChanged)

    // Writing.
    Q_PROPERTY(bool running READ running NOTIFY stateChanged)
    Q_PROPERTY(int progressDone READ progressDone NOTIFY stateChanged)
    Q_PROPERTY(int progressTotal READ progressTotal NOTIFY stateChanged)
    Q_PROPERTY(QString progressText READ progressText NOTIFY stateChanged)
    Q_PROPERTY(QString resultText READ resultText NOTIFY stateChanged)
    Q_PROPERTY(bool resultOk READ resultOk NOTIFY stateChanged)
    Q_PROPERTY(QString resultPath READ resultPath NOTIFY stateChanged)
    // The save dialog: a file name, or a folder for an atlas of images.
    Q_PROPERTY(bool writesFolder READ writesFolder NOTIFY settingsChanged)
    Q_PROPERTY(QString suggestedFileName READ suggestedFileName NOTIFY settingsChanged)
    Q_PROPERTY(QString folder READ folder NOTIFY stateChanged)
    Q_PROPERTY(QStringList nameFilters READ nameFilters NOTIFY settingsChanged)
    // The same export as a `jinmap export` command (FILE for the output).
    Q_PROPERTY(QString commandLine READ commandLine NOTIFY settingsChanged)

  public:
    explicit ExportController(Controller* controller, QObject* parent = nullptr);
    ~ExportController() override;

    // Makes this controller the QML context property "exporter" and its
    // previews the image provider "exportpreview" of `engine`.
    void install(QQmlEngine& engine);
    // The viewer's current view (EPSG:3857), for the extent "view".
    void setViewProvider(std::function<std::optional<Bounds>()> provider) {
        viewProvider_ = std::move(provider);
    }

    QString kind() const { return s_.kind; }
    void setKind(const QString& v);
    QString format() const { return s_.format; }
    void setFormat(const QString& v);
    QString paper() const { return s_.paper; }
    void setPaper(const QString& v) { set(s_.paper, v); }
    double paperWidthMm() const { return s_.paperWidthMm; }
    void setPaperWidthMm(double v) { set(s_.paperWidthMm, v); }
    double paperHeightMm() const { return s_.paperHeightMm; }
    void setPaperHeightMm(double v) { set(s_.paperHeightMm, v); }
    QString orientation() const;
    void setOrientation(const QString& v) { set(s_.orientation, v); }
    int dpi() const { return s_.dpi; }
    void setDpi(int v) { set(s_.dpi, v); }
    QString crs() const { return s_.crs; }
    void setCrs(const QString& v);
    QString title() const { return s_.title; }
    void setTitle(const QString& v);
    QString subtitle() const { return s_.subtitle; }
    void setSubtitle(const QString& v);
    QString extent() const { return s_.extent; }
    void setExtent(const QString& v);
    QString atlas() const { return s_.atlas; }
    void setAtlas(const QString& v);
    bool legend() const { return s_.legend; }
    void setLegend(bool v) { set(s_.legend, v); }
    bool scaleBar() const { return s_.scaleBar; }
    void setScaleBar(bool v) { set(s_.scaleBar, v); }
    bool northArrow() const { return s_.northArrow; }
    void setNorthArrow(bool v) { set(s_.northArrow, v); }
    bool inset() const { return s_.inset; }
    void setInset(bool v) { set(s_.inset, v); }
    bool notes() const { return s_.notes; }
    void setNotes(bool v) { set(s_.notes, v); }
    bool withTable() const { return s_.withTable; }
    void setWithTable(bool v) { set(s_.withTable, v); }

    QVariantList crsOptions() const;
    QVariantList extentOptions() const;
    QVariantList atlasOptions() const;
    bool canSheet() const { return !ctx_.countyAdcode.isEmpty(); }
    QString sheetTitle() const;
    QString viewNote() const { return ctx_.viewNote; }

    QSize previewSize() const { return previewSize_; }
    void setPreviewSize(QSize size);
    int previewPage() const { return previewPage_; }
    void setPreviewPage(int page);
    QString previewSource() const;
    bool previewPending() const { return previewPending_; }
    double previewMs() const { return previewMs_; }
    int pageCount() const { return pageCount_; }
    QString pageName() const { return pageName_; }
    QString problem() const { return problem_; }

    bool checking() const { return checking_; }
    QVariantList issues() const;
    bool hasErrors() const;
    QString pageDescription() const;
    bool canExport() const;

    bool running() const { return running_; }
    int progressDone() const { return progressDone_; }
    int progressTotal() const { return progressTotal_; }
    QString progressText() const { return progressText_; }
    QString resultText() const { return resultText_; }
    bool resultOk() const { return resultOk_; }
    QString resultPath() const { return resultPath_; }
    bool writesFolder() const;
    QString suggestedFileName() const;
    QString folder() const { return folder_; }
    QStringList nameFilters() const;
    QString commandLine() const;

    // Opens the dialog for "map", "atlas" or "sheet" (the selected county's
    // sheet): takes the current view, selection and theme, prefills what the
    // user has not changed, and starts the preview.
    Q_INVOKABLE void open(const QString& kind);
    // The dialog was closed: previews stop (a running export goes on).
    Q_INVOKABLE void close();
    // Title and subtitle back to the ones made from the theme and the area.
    Q_INVOKABLE void resetTitles();
    // Writes to a file path or file: URL (a folder for an atlas of images,
    // in which the atlas gets a folder of its own).
    Q_INVOKABLE void start(const QString& pathOrUrl);
    Q_INVOKABLE void cancel();
    // The output `start(pathOrUrl)` would write (path of the file or folder).
    Q_INVOKABLE QString outputFor(const QString& pathOrUrl) const;
    // file: URL of a local path (for the save dialogs).
    Q_INVOKABLE QUrl urlFor(const QString& path) const { return QUrl::fromLocalFile(path); }

    bool isOpen() const { return open_; }
    // The request the dialog would write to `output` (tests compare it with
    // the CLI's). Throws jinmap::Error when the choices cannot make one.
    ExportRequest request(const std::string& output) const;
    // The export date written on the map (default: today).
    void setExportDate(const QString& date) { exportDate_ = date; }
    // Runs the event loop until the preview and the loss check are current
    // (or failed); false on timeout.
    bool waitUntilPreviewed(int timeoutMs);
    // Runs the event loop until no export is running; false on timeout.
    bool waitUntilWritten(int timeoutMs);
    // Every preview time of this session (ms from change to image), for the benchmark.
    const std::vector<double>& previewTimes() const { return previewTimes_; }

  signals:
    void settingsChanged();
    void contextChanged();
    void previewChanged();
    void checkChanged();
    void stateChanged();
    // QML opens (or raises) the dialog.
    void openRequested();
    // An export ended: ok, or failed / cancelled (message in resultText).
    void finished(bool ok);

  private:
    struct Settings {
        QString kind = QStringLiteral("map");
        QString format = QStringLiteral("pdf");
        QString paper = QStringLiteral("A3");
        double paperWidthMm = 420, paperHeightMm = 297;
        QString orientation = QStringLiteral("landscape");
        int dpi = 300;
        QString crs = QStringLiteral("EPSG:3857");
        QString title, subtitle;
        QString extent = QStringLiteral("view");
        QString atlas = QStringLiteral("prefectures");
        bool legend = true, scaleBar = true, northArrow = true, inset = true, notes = true;
        bool withTable = false;
    };
    // What the dialog was opened on.
    struct Context {
        std::optional<Bounds> view;  // EPSG:3857
        QString stylePath;
        std::shared_ptr<const Style> style;
        QString styleError;
        QString countyAdcode, countyName, countyCity;
        QString cityAdcode, cityName;
        int cityCounties = 0, prefectures = 0;
        QString viewNote;
    };
    struct AreaBox;
    const std::vector<AreaBox>& areas();
    struct Check {
        PreflightReport report;
        bool valid = false;
    };

    template <typename T>
    void set(T& field, const T& value) {
        if (field == value) return;
        field = value;
        settingsEdited();
    }
    void settingsEdited();
    void refreshContext();
    void applyAutoTitles();
    QString autoTitle() const;
    QString autoSubtitle() const;
    QString areaName() const;
    void schedule();
    void dispatchPreview();
    int previewDpi() const;
    PageSetup pageSetup() const;
    std::string extentSpec() const;
    std::optional<Bounds> viewExtentIn(const std::string& crs) const;
    // GUI thread's transforms (view extent, CRS check), by CRS.
    const CrsTransform& transform(const std::string& crs) const;
    QString issueText(const PreflightIssue& issue) const;
    void setState(bool running);
    void retranslate();

    Controller* controller_;
    std::function<std::optional<Bounds>()> viewProvider_;
    Settings s_;
    Context ctx_;
    bool titleEdited_ = false, subtitleEdited_ = false;
    bool open_ = false;
    QString exportDate_;
    std::vector<AreaBox> areas_;
    mutable std::map<std::string, std::unique_ptr<CrsTransform>> transforms_;
    QString areasFrom_;

    // Worker thread: previews, loss checks and writes, in order.
    QThread thread_;
    ExportWorker* worker_ = nullptr;  // lives in thread_
    std::shared_ptr<PreviewStore> previews_;
    std::shared_ptr<std::atomic<quint64>> latestPreview_;
    bool scheduled_ = false;
    qint64 changedAtNs_ = -1;  // first change not yet in a preview
    QSize previewSize_{960, 680};
    int previewPage_ = 0;
    quint64 previewRevision_ = 0;
    bool previewPending_ = false;
    double previewMs_ = 0;
    std::vector<double> previewTimes_;
    int pageCount_ = 0;
    QString pageName_;
    QString problem_;
    bool checking_ = false;
    Check check_;

    bool running_ = false;
    std::shared_ptr<CancelToken> cancel_;
    int progressDone_ = 0, progressTotal_ = 0;
    QString progressText_;
    QString resultText_, resultPath_;
    bool resultOk_ = false;
    QString folder_;
};

}  // namespace jinmap::viewer
