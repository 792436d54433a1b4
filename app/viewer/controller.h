#pragma once
// The viewer's actions and state for QML: database and style loading (errors
// are shown, never fatal), themes, layers, legend, filters, search, the
// selection and its summary, copy/export, the remembered view and language.
// Threads: a Controller lives on the GUI thread and reads the database
// through that thread's connection; frames and legend counts are drawn on the
// frame thread (frameThreadPool), which reads through its own.
#include <QObject>
#include <QStringList>
#include <QVariantList>
#include <QVariantMap>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>

#include "data/geodatabase.h"
#include "frame_source.h"
#include "models.h"
#include "present/views.h"
#include "scene_index.h"

namespace jinmap {
class GeoDatabase;
class ViewReader;
}  // namespace jinmap

namespace jinmap::viewer {

struct ViewerOptions {
    QString dbPath;
    QString stylePath;  // overrides the theme's style file
    QString stylesDir;
    QString theme;   // towns / datong / admin (empty: remembered or towns)
    QString extent;  // province | city | county | bbox:minLon,minLat,maxLon,maxLat
    QString selectCounty;
    QString selectCity;
    QString language;  // zh_CN (default) or en
    bool useSettings = true;
};

class Controller : public QObject {
    Q_OBJECT
    Q_PROPERTY(QString errorTitle READ errorTitle NOTIFY errorChanged)
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY errorChanged)
    Q_PROPERTY(QString errorHint READ errorHint NOTIFY errorChanged)
    Q_PROPERTY(bool hasDatabase READ hasDatabase NOTIFY databaseChanged)
    Q_PROPERTY(QString dataVersion READ dataVersion NOTIFY databaseChanged)
    Q_PROPERTY(QString theme READ theme WRITE setTheme NOTIFY themeChanged)
    Q_PROPERTY(QVariantList themes READ themes NOTIFY languageChanged)
    Q_PROPERTY(QString language READ language WRITE setLanguage NOTIFY languageChanged)
    Q_PROPERTY(QObject* layerModel READ layerModel CONSTANT)
    Q_PROPERTY(QObject* legendModel READ legendModel CONSTANT)
    Q_PROPERTY(QString legendTitle READ legendTitle NOTIFY legendChanged)
    // True while the legend's counts are being computed (on the frame thread).
    Q_PROPERTY(bool legendPending READ legendPending NOTIFY legendChanged)
    Q_PROPERTY(QObject* searchModel READ searchModel CONSTANT)
    Q_PROPERTY(QObject* resultModel READ resultModel CONSTANT)
    Q_PROPERTY(QObject* summaryModel READ summaryModel CONSTANT)
    Q_PROPERTY(QVariantList levelOptions READ levelOptions NOTIFY filterOptionsChanged)
    Q_PROPERTY(QVariantList sectorOptions READ sectorOptions NOTIFY filterOptionsChanged)
    Q_PROPERTY(QVariantList prefectureOptions READ prefectureOptions NOTIFY filterOptionsChanged)
    Q_PROPERTY(bool filterActive READ filterActive NOTIFY filterChanged)
    // Selection: kind county/city/town/park/platform/layout or empty.
    Q_PROPERTY(QString selectionKind READ selectionKind NOTIFY selectionChanged)
    Q_PROPERTY(QString selectionTitle READ selectionTitle NOTIFY selectionChanged)
    Q_PROPERTY(QString selectionSubtitle READ selectionSubtitle NOTIFY selectionChanged)
    Q_PROPERTY(QString selectionCity READ selectionCity NOTIFY selectionChanged)
    Q_PROPERTY(QVariantList selectionPaths READ selectionPaths NOTIFY selectionChanged)
    Q_PROPERTY(QVariantList hoverPaths READ hoverPaths NOTIFY hoverChanged)
    Q_PROPERTY(QString hoverText READ hoverText NOTIFY hoverChanged)
    Q_PROPERTY(bool canExportTable READ canExportTable NOTIFY selectionChanged)
    Q_PROPERTY(QString statusMessage READ statusMessage NOTIFY statusMessageChanged)
    Q_PROPERTY(bool basemapEnabled READ basemapEnabled WRITE setBasemapEnabled NOTIFY
                   basemapEnabledChanged)
    Q_PROPERTY(double startLatitude READ startLatitude CONSTANT)
    Q_PROPERTY(double startLongitude READ startLongitude CONSTANT)
    Q_PROPERTY(double startZoom READ startZoom CONSTANT)
    Q_PROPERTY(bool hasStartView READ hasStartView CONSTANT)
    Q_PROPERTY(QString startExtent READ startExtent CONSTANT)
    Q_PROPERTY(QString startCounty READ startCounty CONSTANT)
    Q_PROPERTY(QString startCity READ startCity CONSTANT)
    Q_PROPERTY(double lastHitTestUs READ lastHitTestUs NOTIFY selectionChanged)

  public:
    explicit Controller(ViewerOptions options, QObject* parent = nullptr);
    ~Controller() override;

    // Opens the database and the theme's style; failures become the error banner.
    void load();

    QString errorTitle() const { return errorTitle_; }
    QString errorMessage() const { return errorMessage_; }
    QString errorHint() const { return errorHint_; }
    bool hasDatabase() const { return db_ != nullptr; }
    QString dataVersion() const;
    QString theme() const { return theme_; }
    void setTheme(const QString& theme);
    QVariantList themes() const;
    QString language() const { return language_; }
    void setLanguage(const QString& language);
    QObject* layerModel() { return &layers_; }
    QObject* legendModel() { return &legend_; }
    QString legendTitle() const { return legendTitle_; }
    bool legendPending() const { return legendPending_; }
    QObject* searchModel() { return &search_; }
    QObject* resultModel() { return &results_; }
    QObject* summaryModel() { return &summary_; }
    RowModel& legendRows() { return legend_; }
    RowModel& layerRows() { return layers_; }
    RowModel& summaryRows() { return summary_; }
    RowModel& searchRows() { return search_; }
    RowModel& resultRows() { return results_; }
    QVariantList levelOptions() const;
    QVariantList sectorOptions() const;
    QVariantList prefectureOptions() const;
    bool filterActive() const { return !filter_.isEmpty(); }
    QString selectionKind() const { return selectionKind_; }
    QString selectionTitle() const { return selectionTitle_; }
    QString selectionSubtitle() const { return selectionSubtitle_; }
    QString selectionCity() const { return selectionCity_; }
    QVariantList selectionPaths() const { return selectionPaths_; }
    QVariantList hoverPaths() const { return hoverPaths_; }
    QString hoverText() const { return hoverText_; }
    bool canExportTable() const { return countyView_.has_value() || cityView_.has_value(); }
    QString statusMessage() const { return statusMessage_; }
    bool basemapEnabled() const { return basemap_; }
    void setBasemapEnabled(bool on);
    double startLatitude() const { return startLat_; }
    double startLongitude() const { return startLon_; }
    double startZoom() const { return startZoom_; }
    bool hasStartView() const { return hasStartView_; }
    QString startExtent() const { return options_.extent; }
    QString startCounty() const { return options_.selectCounty; }
    QString startCity() const { return options_.selectCity; }
    double lastHitTestUs() const { return lastHitTestUs_; }

    // For the thematic layer.
    std::shared_ptr<FrameSource> frameSource() const { return frameSource_; }
    // A frame like the first one the viewer will draw (for warming caches).
    FrameRequest warmUpRequest() const;
    FrameRequest frameRequest() const;
    quint64 sceneRevision() const { return revision_; }
    const SceneIndex* scene() const { return scene_.get(); }
    std::shared_ptr<GeoDatabase> database() const { return db_; }

    // Actions. Coordinates are lon/lat; metresPerPixel is the map's current
    // EPSG:3857 resolution (for the click tolerance).
    Q_INVOKABLE void clickAt(double lon, double lat, double metresPerPixel);
    Q_INVOKABLE void hoverAt(double lon, double lat, double metresPerPixel);
    Q_INVOKABLE void clearHover();
    Q_INVOKABLE void clearSelection();
    Q_INVOKABLE void search(const QString& text);
    Q_INVOKABLE void activateSearchResult(int row);
    Q_INVOKABLE void activateResult(int row);
    Q_INVOKABLE bool selectCounty(const QString& nameOrCode, bool zoom = true);
    Q_INVOKABLE void selectTown(const QString& id, bool zoom = false);
    // A prefecture city's summary (name or adcode): towns by level and sector,
    // parks, projects, coverage.
    Q_INVOKABLE bool selectCity(const QString& nameOrCode, bool zoom = true);
    Q_INVOKABLE void setLayerVisible(const QString& id, bool visible);
    Q_INVOKABLE void setFilterValue(const QString& group, const QString& value, bool on);
    Q_INVOKABLE void clearFilters();
    Q_INVOKABLE void zoomToShanxi();
    Q_INVOKABLE void zoomToCity();
    // Resolves an --extent spec to {north, south, east, west} (empty when unknown).
    Q_INVOKABLE QVariantMap extentRect(const QString& spec) const;
    Q_INVOKABLE void copySummary();
    // One town's figures as report-ready text (with quotations and documents).
    Q_INVOKABLE void copyTown(const QString& id);
    // Writes the selected county's or city's figures with their caveats and
    // sources; returns "" or the error.
    Q_INVOKABLE QString exportTable(const QString& pathOrUrl);
    Q_INVOKABLE void saveView(double latitude, double longitude, double zoom);
    Q_INVOKABLE QString coordinateText(double lon, double lat) const;
    Q_INVOKABLE QString scaleText(double metresPerPixel, double lat) const;
    Q_INVOKABLE void dismissError();
    Q_INVOKABLE void showStatus(const QString& message) { setStatus(message); }
    Q_INVOKABLE void reportError(const QString& title, const QString& message);

    // Language switching needs the engine (retranslate); set by ViewerApp.
    void setRetranslate(std::function<void(const QString&)> fn) { retranslate_ = std::move(fn); }

  signals:
    void errorChanged();
    void databaseChanged();
    void themeChanged();
    void languageChanged();
    void legendChanged();
    void filterOptionsChanged();
    void filterChanged();
    void selectionChanged();
    void hoverChanged();
    void statusMessageChanged();
    void basemapEnabledChanged();
    // Scene (theme, layers, filters) changed: the thematic layer redraws.
    void sceneChanged();
    // The map should show this rectangle / this point at this zoom.
    // rect: {north, south, east, west} in degrees.
    void fitRequested(const QVariantMap& rect);
    void centerRequested(double latitude, double longitude, double zoom);

  private:
    void setError(const QString& title, const QString& message, const QString& hint);
    void loadStyle();
    void bumpScene();
    void rebuildLayers();
    void rebuildLegend();
    void rebuildResults();
    void rebuildSummary();
    void rebuildFilterOptions();
    void setSelection(Hit hit);
    void setStatus(const QString& message);
    QString styleFileFor(const QString& theme) const;
    QString levelLabel(const QString& level) const;
    QString kindLabel(const QString& kind) const;
    QVariantList pathsOf(const Geometry& lonLat) const;
    FrameRequest legendRequest() const;
    QString layerLabel(const LayerRow& layer) const;
    SceneIndex::Layers hitLayers() const;

    ViewerOptions options_;
    std::shared_ptr<GeoDatabase> db_;
    std::unique_ptr<SceneIndex> scene_;
    std::shared_ptr<FrameSource> frameSource_;
    quint64 revision_ = 1;
    QString theme_ = QStringLiteral("towns");
    QString language_ = QStringLiteral("zh_CN");
    QString errorTitle_, errorMessage_, errorHint_;
    QString statusMessage_;
    QString legendTitle_;
    bool legendPending_ = false;
    // The newest legend request (shared with the frame thread, which skips
    // requests already superseded); older answers are dropped.
    std::shared_ptr<std::atomic<quint64>> legendLatest_ = std::make_shared<std::atomic<quint64>>(0);
    RowModel layers_{{"id", "label", "visible"}};
    RowModel legend_{{"label", "symbol", "fill", "stroke", "count", "heading"}};
    RowModel search_{{"name", "kind", "kindLabel", "context", "id", "hasGeometry"}};
    RowModel results_{{"name", "kind", "kindLabel", "context", "id", "level", "sector"}};
    // The summary panel's rows, laid out from the presentation model: badge =
    // scope badge (badgeKind its code), warn = a conflict or doubt (⚠), other =
    // the other reading (on demand), provenance = document file and checksum.
    RowModel summary_{{"kind", "title", "detail", "extra", "source", "quote", "level", "id",
                       "badge", "badgeKind", "warn", "other", "notes", "provenance"}};
    TownFilter filter_;
    QSet<QString> hiddenLayers_;
    std::vector<LayerRow> styleLayers_;
    std::vector<PlaceRef> searchResults_;
    Hit selection_;
    Hit hover_;
    QString selectionKind_, selectionTitle_, selectionSubtitle_, selectionCity_;
    QString selectionCityAdcode_;
    QVariantList selectionPaths_, hoverPaths_;
    QString hoverText_;
    ViewReader& reader();
    Lang viewLang() const;
    std::unique_ptr<ViewReader> reader_;  // GUI thread: it reads db_'s connection
    std::optional<CountyView> countyView_;
    std::optional<TownView> townView_;
    std::optional<CityView> cityView_;
    bool basemap_ = false;
    double startLat_ = 0, startLon_ = 0;
    double startZoom_ = 7;
    bool hasStartView_ = false;
    double lastHitTestUs_ = 0;
    std::function<void(const QString&)> retranslate_;
};

}  // namespace jinmap::viewer
