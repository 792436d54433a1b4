#pragma once
// The viewer's actions and state for QML: database and style loading (errors
// are shown, never fatal), themes and their home views, layers, legend,
// filters, search, the selection and its summary from the presentation model,
// hover, the map tools (scale bar, coordinates, measuring, view history),
// the comparison of two counties, copy/export, the remembered view and language.
// Threads: a Controller lives on the GUI thread and reads the database
// through that thread's connection (the presentation model, names, bounds,
// search); what is under the pointer comes from the frame source's hit test
// over the layers the frame thread has loaded, never from SQLite.
#include <QObject>
#include <QPointF>
#include <QStringList>
#include <QTimer>
#include <QUrl>
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
#include "summary_rows.h"
#include "town_catalogue.h"

class QNetworkAccessManager;

namespace jinmap {
class GeoDatabase;
class ViewReader;
}  // namespace jinmap

namespace jinmap::viewer {

struct ViewerOptions {
    QString dbPath;
    // The installed reference data (--reference; default: the built
    // jinmap.sqlite): a workspace made from an older one is offered an upgrade.
    QString referencePath;
    // A PostGIS workspace's name (postgresql://…, service=…): dbPath is then
    // its local replica, and edits go to the server (issue 15).
    QString server;
    QString stylePath;  // overrides the theme's style file
    QString stylesDir;
    QString theme;   // towns / datong / admin (empty: remembered or towns)
    QString extent;  // province | city | county | bbox:minLon,minLat,maxLon,maxLat
    QString selectCounty;
    QString selectCity;
    QString selectTown;
    QString language;  // zh_CN (default) or en
    bool useSettings = true;
    // Shown in the status bar once the window is up (e.g. "created your workspace").
    QString startMessage;
};

// What is selected or under the pointer: a kind (county / city / town / park
// / platform / layout) and its key (adcode or id).
struct Pick {
    QString kind, key;
    explicit operator bool() const { return !kind.isEmpty(); }
    bool operator==(const Pick& o) const { return kind == o.kind && key == o.key; }
    bool operator!=(const Pick& o) const { return !(*this == o); }
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
    Q_PROPERTY(QString legendNote READ legendNote NOTIFY legendChanged)
    // True while the legend's counts are being computed (on the frame thread).
    Q_PROPERTY(bool legendPending READ legendPending NOTIFY legendChanged)
    Q_PROPERTY(QObject* searchModel READ searchModel CONSTANT)
    Q_PROPERTY(QObject* resultModel READ resultModel CONSTANT)
    Q_PROPERTY(QObject* summaryModel READ summaryModel CONSTANT)
    // Towns per city (by level) for the current filters: the panel's overview
    // when nothing is selected.
    Q_PROPERTY(QObject* overviewModel READ overviewModel CONSTANT)
    Q_PROPERTY(QVariantList levelOptions READ levelOptions NOTIFY filterOptionsChanged)
    Q_PROPERTY(QVariantList sectorOptions READ sectorOptions NOTIFY filterOptionsChanged)
    Q_PROPERTY(QVariantList prefectureOptions READ prefectureOptions NOTIFY filterOptionsChanged)
    Q_PROPERTY(bool filterActive READ filterActive NOTIFY filterChanged)
    // Towns the filters keep that the map cannot show (no county in the sources).
    Q_PROPERTY(int unplacedTowns READ unplacedTowns NOTIFY filterChanged)
    // The theme draws specialty towns (the filters change the map).
    Q_PROPERTY(bool themeShowsTowns READ themeShowsTowns NOTIFY themeChanged)
    Q_PROPERTY(QString filterSummary READ filterSummary NOTIFY filterChanged)
    // Sector group key → colour and level → shape of the town symbols, as the
    // map draws them (for the panels' town icons).
    Q_PROPERTY(QVariantMap sectorColors READ sectorColors NOTIFY symbolsChanged)
    Q_PROPERTY(QVariantMap levelShapes READ levelShapes NOTIFY symbolsChanged)
    // Selection: kind county/city/town/park/platform/layout or empty.
    Q_PROPERTY(QString selectionKind READ selectionKind NOTIFY selectionChanged)
    Q_PROPERTY(QString selectionKey READ selectionKey NOTIFY selectionChanged)
    Q_PROPERTY(QString selectionTitle READ selectionTitle NOTIFY selectionChanged)
    Q_PROPERTY(QString selectionSubtitle READ selectionSubtitle NOTIFY selectionChanged)
    Q_PROPERTY(QString selectionCity READ selectionCity NOTIFY selectionChanged)
    Q_PROPERTY(QString hoverText READ hoverText NOTIFY hoverChanged)
    Q_PROPERTY(bool canExportTable READ canExportTable NOTIFY selectionChanged)
    Q_PROPERTY(QString statusMessage READ statusMessage NOTIFY statusMessageChanged)
    Q_PROPERTY(bool basemapEnabled READ basemapEnabled WRITE setBasemapEnabled NOTIFY
                   basemapEnabledChanged)
    // Why the online basemap shows nothing (empty while it loads or works).
    Q_PROPERTY(QString basemapProblem READ basemapProblem NOTIFY basemapEnabledChanged)
    Q_PROPERTY(bool homeIsCity READ homeIsCity NOTIFY themeChanged)
    Q_PROPERTY(double startLatitude READ startLatitude CONSTANT)
    Q_PROPERTY(double startLongitude READ startLongitude CONSTANT)
    Q_PROPERTY(double startZoom READ startZoom CONSTANT)
    Q_PROPERTY(bool hasStartView READ hasStartView CONSTANT)
    Q_PROPERTY(QString startExtent READ startExtent CONSTANT)
    Q_PROPERTY(QString startCounty READ startCounty CONSTANT)
    Q_PROPERTY(QString startCity READ startCity CONSTANT)
    Q_PROPERTY(QString startTown READ startTown CONSTANT)
    Q_PROPERTY(double lastHitTestUs READ lastHitTestUs NOTIFY selectionChanged)
    // View history (Alt+←/→).
    Q_PROPERTY(bool canGoBack READ canGoBack NOTIFY historyChanged)
    Q_PROPERTY(bool canGoForward READ canGoForward NOTIFY historyChanged)
    // Comparison of two counties' summaries, side by side.
    Q_PROPERTY(QVariantList countyOptions READ countyOptions NOTIFY languageChanged)
    Q_PROPERTY(QObject* compareLeftModel READ compareLeftModel CONSTANT)
    Q_PROPERTY(QObject* compareRightModel READ compareRightModel CONSTANT)
    Q_PROPERTY(QString compareLeft READ compareLeft NOTIFY compareChanged)
    Q_PROPERTY(QString compareRight READ compareRight NOTIFY compareChanged)

  public:
    explicit Controller(ViewerOptions options, QObject* parent = nullptr);
    ~Controller() override;

    // Opens the database and the theme's style; failures become the error banner.
    void load();
    // The database changed (an edit here or in another process): reads the
    // towns, names, summaries and layers again, keeping the view, theme,
    // filters, search and the selection (cleared when it was deleted).
    // `reopen`: the file was replaced (a PostGIS workspace's refreshed
    // replica is renamed over the old one): the new file is opened.
    void reloadData(bool reopen = false);
    // The county under (lon, lat) as the map draws it: {adcode, county, city}
    // in Chinese (empty when none).
    Q_INVOKABLE QVariantMap countyAt(double lon, double lat, double metresPerPixel);
    // The id of the town drawn under (lon, lat), or "" (dragging a town to move it).
    Q_INVOKABLE QString townAt(double lon, double lat, double metresPerPixel);

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
    QString legendNote() const { return legendNote_; }
    bool legendPending() const { return legendPending_; }
    QObject* searchModel() { return &search_; }
    QObject* resultModel() { return &results_; }
    QObject* summaryModel() { return &summary_; }
    QObject* overviewModel() { return &overview_; }
    RowModel& legendRows() { return legend_; }
    RowModel& layerRows() { return layers_; }
    RowModel& summaryRows() { return summary_; }
    RowModel& searchRows() { return search_; }
    RowModel& resultRows() { return results_; }
    RowModel& overviewRows() { return overview_; }
    RowModel& compareRows(int side) { return side == 0 ? compareLeft_ : compareRight_; }
    QVariantList levelOptions() const;
    QVariantList sectorOptions() const;
    QVariantList prefectureOptions() const;
    bool filterActive() const { return !filter_.isEmpty(); }
    QString filterSummary() const;
    int unplacedTowns() const;
    bool themeShowsTowns() const;
    const TownFilter& filter() const { return filter_; }
    const TownCatalogue& catalogue() const { return catalogue_; }
    QVariantMap sectorColors() const { return sectorColors_; }
    QVariantMap levelShapes() const { return levelShapes_; }
    QString selectionKind() const { return selection_.kind; }
    QString selectionKey() const { return selection_.key; }
    QString selectionTitle() const { return selectionTitle_; }
    QString selectionSubtitle() const { return selectionSubtitle_; }
    QString selectionCity() const { return selectionCity_; }
    // Outlines of the selection and of the hovered area (EPSG:3857), for the
    // highlight layer; empty when there is none (or a point is picked).
    const QVector<QVector<QPointF>>& selectionRings() const { return selectionRings_; }
    const QVector<QVector<QPointF>>& hoverRings() const { return hoverRings_; }
    QString hoverText() const { return hoverText_; }
    Pick hovered() const { return hover_; }
    bool canExportTable() const { return countyView_.has_value() || cityView_.has_value(); }
    QString statusMessage() const { return statusMessage_; }
    bool basemapEnabled() const { return basemap_; }
    void setBasemapEnabled(bool on);
    QString basemapProblem() const { return basemapProblem_; }
    // The URL asked to tell whether the basemap's tiles can load (a tile of
    // the basemap's server; tests point it elsewhere).
    void setBasemapProbeUrl(const QUrl& url) { basemapProbe_ = url; }
    bool homeIsCity() const;
    double startLatitude() const { return startLat_; }
    double startLongitude() const { return startLon_; }
    double startZoom() const { return startZoom_; }
    bool hasStartView() const { return hasStartView_; }
    QString startExtent() const { return options_.extent; }
    QString startCounty() const { return options_.selectCounty; }
    QString startCity() const { return options_.selectCity; }
    QString startTown() const { return options_.selectTown; }
    double lastHitTestUs() const { return lastHitTestUs_; }
    bool canGoBack() const { return historyIndex_ > 0; }
    bool canGoForward() const { return historyIndex_ + 1 < history_.size(); }
    QVariantList countyOptions() const { return countyOptions_; }
    QObject* compareLeftModel() { return &compareLeft_; }
    QObject* compareRightModel() { return &compareRight_; }
    QString compareLeft() const { return compareCodes_[0]; }
    QString compareRight() const { return compareCodes_[1]; }

    // For the thematic layer.
    std::shared_ptr<FrameSource> frameSource() const { return frameSource_; }
    // A frame like the first one the viewer will draw (for warming caches).
    FrameRequest warmUpRequest() const;
    // The scene part of a frame request: filters, county counts, hidden layers.
    FrameRequest frameRequest() const;
    quint64 sceneRevision() const { return revision_; }
    std::shared_ptr<GeoDatabase> database() const { return db_; }
    // A frame of the thematic layer is on screen: highlights waiting for
    // geometry the frame thread has now loaded are drawn.
    void frameDrawn();
    // What a click at (lon, lat) would pick on a map of `metresPerPixel`.
    Pick pickAt(double lon, double lat, double metresPerPixel);
    // For the export dialog: the theme's style file, the selected county (a
    // county, or a town's county) and city by adcode; empty when none.
    QString styleFile() const { return styleFileFor(theme_); }
    QString selectionCountyAdcode() const;
    QString selectionCityAdcode() const { return selectionCityAdcode_; }

    // Actions. Coordinates are lon/lat; metresPerPixel is the map's current
    // EPSG:3857 resolution (the hit test's zoom and tolerances).
    Q_INVOKABLE void clickAt(double lon, double lat, double metresPerPixel);
    Q_INVOKABLE void hoverAt(double lon, double lat, double metresPerPixel);
    Q_INVOKABLE void clearHover();
    Q_INVOKABLE void clearSelection();
    Q_INVOKABLE void search(const QString& text);
    // Return in the search field: "activated" (one place matched and is
    // shown), "chooser" (several: the list stays open to choose) or "none".
    Q_INVOKABLE QString searchReturn(const QString& text);
    Q_INVOKABLE void activateSearchResult(int row);
    Q_INVOKABLE void activateResult(int row);
    Q_INVOKABLE bool selectCounty(const QString& nameOrCode, bool zoom = true);
    Q_INVOKABLE void selectTown(const QString& id, bool zoom = false);
    // A town by name (Simplified or Traditional); false when none matches.
    Q_INVOKABLE bool selectTownByName(const QString& name, bool zoom = true);
    // A prefecture city's summary (name or adcode): towns by level and sector,
    // parks, projects, coverage.
    Q_INVOKABLE bool selectCity(const QString& nameOrCode, bool zoom = true);
    Q_INVOKABLE void setLayerVisible(const QString& id, bool visible);
    Q_INVOKABLE void setFilterValue(const QString& group, const QString& value, bool on);
    Q_INVOKABLE void clearFilters();
    // Frames the towns the filters keep (their counties).
    Q_INVOKABLE void frameFilterResults();
    // The theme's home extent (style metadata "jinmap:home"; Shanxi when it has none).
    Q_INVOKABLE QVariantMap homeRect();
    Q_INVOKABLE void zoomHome();
    // The selection's city; else the city at the map's centre; else the
    // theme's home city.
    Q_INVOKABLE void zoomToCity(double centerLon, double centerLat, double metresPerPixel);
    // Resolves an --extent spec to {north, south, east, west} (empty when unknown).
    Q_INVOKABLE QVariantMap extentRect(const QString& spec);
    Q_INVOKABLE void copySummary();
    // One town's figures as report-ready text (with quotations and documents).
    Q_INVOKABLE void copyTown(const QString& id);
    // Writes the selected county's or city's figures with their caveats and
    // sources; returns "" or the error.
    Q_INVOKABLE QString exportTable(const QString& pathOrUrl);
    Q_INVOKABLE void saveView(double latitude, double longitude, double zoom);
    // View history: a settled camera is recorded; back / forward ask the map
    // to go there (centerRequested).
    Q_INVOKABLE void recordView(double latitude, double longitude, double zoom);
    Q_INVOKABLE void goBack();
    Q_INVOKABLE void goForward();
    Q_INVOKABLE QString coordinateText(double lon, double lat) const;
    // {pixels, metres, text}: a geodesic scale bar at most maxPixels long on
    // a map at Qt Location zoom level `zoom`.
    Q_INVOKABLE QVariantMap scaleBar(double lon, double lat, double zoom, double maxPixels) const;
    // Measuring: points [{longitude, latitude}…] → {distance, distanceText,
    // area, areaText} (area when `area` and three points or more).
    Q_INVOKABLE QVariantMap measure(const QVariantList& points, bool area) const;
    // Comparison: side 0 (left) or 1 (right), a county name or code.
    Q_INVOKABLE bool setCompareCounty(int side, const QString& nameOrCode);
    Q_INVOKABLE void dismissError();
    Q_INVOKABLE void showStatus(const QString& message) { setStatus(message); }
    Q_INVOKABLE void reportError(const QString& title, const QString& message);
    // The map could not draw: the frame source's message in the window.
    Q_INVOKABLE void reportRenderError(const QString& message);

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
    void symbolsChanged();
    void selectionChanged();
    void selectionPathsChanged();
    void hoverChanged();
    void statusMessageChanged();
    void basemapEnabledChanged();
    void historyChanged();
    void compareChanged();
    // Scene (theme, layers, filters) changed: the thematic layer redraws.
    void sceneChanged();
    // The map should show this rectangle / this point at this zoom.
    // rect: {north, south, east, west} in degrees.
    void fitRequested(const QVariantMap& rect);
    void centerRequested(double latitude, double longitude, double zoom);

  private:
    void setError(const QString& title, const QString& message, const QString& hint);
    void loadStyle();
    void loadModel();
    void bumpScene();
    void rebuildLayers();
    void rebuildLegend();
    void rebuildResults();
    void rebuildOverview();
    void rebuildSymbols();
    void rebuildSelection();
    void rebuildHighlight();
    void setSelection(Pick pick);
    void setStatus(const QString& message);
    void checkBasemap();
    QString styleFileFor(const QString& theme) const;
    QString levelLabel(const QString& level) const;
    QString kindLabel(const QString& kind) const;
    QString layerLabel(const LayerRow& layer) const;
    // Names in the interface language (Chinese + pinyin for places in English).
    QString countyName(const QString& adcode) const;
    QString cityName(const QString& adcode) const;
    QString cityOfCounty(const QString& adcode) const;
    // The pick of the topmost drawn, interactive feature among `hits`.
    Pick pickOf(const std::vector<MapHit>& hits) const;
    std::vector<MapHit> hitsAt(double lon, double lat, double metresPerPixel) const;
    MapHit geometryOf(const Pick& pick) const;
    QString hoverTextOf(const Pick& pick);
    void fitCounties(const QStringList& adcodes);
    ViewReader& reader();
    Lang viewLang() const;

    ViewerOptions options_;
    std::shared_ptr<GeoDatabase> db_;
    std::shared_ptr<FrameSource> frameSource_;
    quint64 revision_ = 1;
    QString theme_ = QStringLiteral("towns");
    QString language_ = QStringLiteral("zh_CN");
    QString errorTitle_, errorMessage_, errorHint_;
    QString statusMessage_;
    QTimer statusTimer_;
    QString legendTitle_, legendNote_;
    bool legendPending_ = false;
    // The newest legend request (shared with the frame thread, which skips
    // requests already superseded); older answers are dropped.
    std::shared_ptr<std::atomic<quint64>> legendLatest_ = std::make_shared<std::atomic<quint64>>(0);
    RowModel layers_{{"id", "label", "visible", "type"}};
    RowModel legend_{{"label", "symbol", "fill", "stroke", "shape", "size", "dashed", "count",
                      "heading", "empty", "key", "layerId"}};
    RowModel search_{
        {"name", "kind", "kindLabel", "context", "id", "hasGeometry", "level", "sectorKey"}};
    RowModel results_{
        {"name", "kind", "kindLabel", "context", "id", "level", "sector", "sectorKey"}};
    RowModel summary_{summaryRowRoles()};
    RowModel overview_{
        {"adcode", "name", "provincial", "municipal", "unknown", "total", "coverage"}};
    RowModel compareLeft_{summaryRowRoles()};
    RowModel compareRight_{summaryRowRoles()};
    QString compareCodes_[2];
    TownCatalogue catalogue_;
    TownFilter filter_;
    QSet<QString> hiddenLayers_;
    std::vector<LayerRow> styleLayers_;
    std::vector<PlaceRef> searchResults_;
    QString searchText_;
    std::vector<PlaceLine> counties_, cities_;  // names in the interface language
    QVariantList countyOptions_;
    QVariantMap sectorColors_, levelShapes_;
    Pick selection_;
    Pick hover_;
    bool highlightPending_ = false;
    QString selectionTitle_, selectionSubtitle_, selectionCity_;
    QString selectionCityAdcode_;
    QVector<QVector<QPointF>> selectionRings_, hoverRings_;
    QString hoverText_;
    std::unique_ptr<ViewReader> reader_;  // GUI thread: it reads this thread's connection
    std::optional<CountyView> countyView_;
    std::optional<TownView> townView_;
    std::optional<CityView> cityView_;
    bool basemap_ = false;
    QString basemapProblem_;
    QUrl basemapProbe_;
    QNetworkAccessManager* network_ = nullptr;
    double startLat_ = 0, startLon_ = 0;
    double startZoom_ = 7;
    bool hasStartView_ = false;
    double lastHitTestUs_ = 0;
    struct View {
        double lat, lon, zoom;
    };
    std::vector<View> history_;
    std::size_t historyIndex_ = 0;
    bool navigating_ = false;  // a back/forward jump in progress: not recorded
    std::function<void(const QString&)> retranslate_;
};

}  // namespace jinmap::viewer
