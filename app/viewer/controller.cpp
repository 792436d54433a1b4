#include "controller.h"

#include <QClipboard>
#include <QColor>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QGuiApplication>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSettings>
#include <QTimer>
#include <QUrl>
#include <QtConcurrent>
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <utility>

#include "base/error.h"
#include "base/table_writer.h"
#include "data/geodatabase.h"
#include "map_math.h"
#include "measure.h"
#include "present/fact_table.h"
#include "present/summary_text.h"
#include "present/view_loader.h"
#include "render/layer_cache.h"

namespace jinmap::viewer {

namespace {

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

QVariantMap toRect(const Bounds& b) {
    if (b.isEmpty()) return {};
    return {{QStringLiteral("north"), b.maxY},
            {QStringLiteral("south"), b.minY},
            {QStringLiteral("east"), b.maxX},
            {QStringLiteral("west"), b.minX}};
}

// Shanxi's extent (lon/lat) when no database is open.
Bounds shanxiFallback() {
    Bounds b;
    b.extend(110.2, 34.5);
    b.extend(114.6, 40.8);
    return b;
}

bool isProvinceSpec(const QString& spec) {
    return spec.isEmpty() || spec == "province" || spec == "shanxi" || spec == "山西" ||
           spec == "山西省";
}

// Relations whose features the viewer can summarise, by kind, and the
// column that keys them. Other relations (neighbouring provinces, the
// province outline) are context: drawn, never picked.
struct Interactive {
    const char* relation;
    const char* kind;
    const char* key;
};
constexpr Interactive kInteractive[] = {
    {"towns", "town", "id"},
    {"parks", "park", "id"},
    {"platforms", "platform", "id"},
    {"layout_axes", "layout", "id"},
    {"layout_elements", "layout", "id"},
    {"v_counties_thematic", "county", "adcode"},
    {"counties", "county", "adcode"},
    {"prefectures", "city", "adcode"},
};

const char* const kThemes[] = {"towns", "datong", "admin"};

bool knownTheme(const QString& theme) {
    for (const char* t : kThemes)
        if (theme == QLatin1String(t)) return true;
    return false;
}

// The basemap's tile server (Qt Location's osm plugin, custom host in Main.qml).
const char* const kTileProbe = "https://tile.openstreetmap.org/0/0/0.png";

}  // namespace

Controller::Controller(ViewerOptions options, QObject* parent)
    : QObject(parent), options_(std::move(options)) {
    QSettings settings;
    if (options_.useSettings) {
        theme_ = settings.value(QStringLiteral("viewer/theme"), theme_).toString();
        language_ = settings.value(QStringLiteral("viewer/language"), language_).toString();
        basemap_ = settings.value(QStringLiteral("viewer/basemap"), false).toBool();
        if (settings.contains(QStringLiteral("viewer/zoom"))) {
            startLat_ = settings.value(QStringLiteral("viewer/lat")).toDouble();
            startLon_ = settings.value(QStringLiteral("viewer/lon")).toDouble();
            startZoom_ = settings.value(QStringLiteral("viewer/zoom")).toDouble();
            hasStartView_ = std::abs(startLat_) < 85 && std::abs(startLon_) <= 180 &&
                            startZoom_ > 1 && startZoom_ < 20;
        }
    }
    if (!options_.theme.isEmpty()) theme_ = options_.theme;
    if (!options_.language.isEmpty()) language_ = options_.language;
    if (!knownTheme(theme_)) theme_ = QStringLiteral("towns");
    if (!options_.extent.isEmpty() || !options_.selectCounty.isEmpty() ||
        !options_.selectCity.isEmpty() || !options_.selectTown.isEmpty())
        hasStartView_ = false;
    // A status message says what just happened; it does not stay for minutes.
    statusTimer_.setSingleShot(true);
    statusTimer_.setInterval(8000);
    connect(&statusTimer_, &QTimer::timeout, this, [this] { setStatus({}); });
}

Controller::~Controller() = default;

void Controller::load() {
    reader_.reset();
    countyView_.reset();
    townView_.reset();
    cityView_.reset();
    db_.reset();
    frameSource_.reset();
    const QString path = options_.dbPath;
    try {
        if (path.isEmpty() || !QFileInfo::exists(path))
            throw Error(ErrorKind::Io, "database file does not exist", path.toStdString());
        db_ = GeoDatabase::open(path.toStdString());
    } catch (const Error& e) {
        db_.reset();
        setError(tr("Cannot open the map database"), qs(e.what()),
                 e.kind() == ErrorKind::Io
                     ? tr("Build it with “ninja -C build/release geodata” (or tools/dev build), "
                          "or start jinmap with --db FILE pointing to jinmap.sqlite.")
                     : tr("The database is damaged or from another version. Rebuild it with "
                          "“ninja -C build/release geodata”, or choose another with --db FILE."));
    }
    loadModel();
    emit databaseChanged();
    loadStyle();
    // Start-up only: here the frame thread is idle while QML and the window
    // are created. On a theme switch the real frame, due at once, builds the
    // same caches, and a warm-up frame would only delay it.
    warmUpFrameSource(frameSource_, warmUpRequest());
    emit filterOptionsChanged();
    rebuildLayers();
    rebuildSymbols();
    rebuildResults();
    bumpScene();
    if (basemap_) checkBasemap();
}

void Controller::reloadData(bool reopen) {
    if (!db_) return;
    reader_.reset();
    if (reopen) {
        try {
            db_ = GeoDatabase::open(options_.dbPath.toStdString());
        } catch (const Error& e) {
            setError(tr("Cannot open the map database"), qs(e.what()), {});
            return;
        }
    }
    loadModel();
    // A new frame source: the layers the frame thread loaded are read again.
    loadStyle();
    emit filterOptionsChanged();
    rebuildLayers();
    rebuildSymbols();
    rebuildResults();
    if (selection_.kind == QLatin1String("town") && !catalogue_.find(selection_.key))
        selection_ = {};
    rebuildSelection();
    emit selectionChanged();
    rebuildHighlight();
    if (!searchText_.trimmed().isEmpty()) search(searchText_);
    emit databaseChanged();
    bumpScene();
}

QVariantMap Controller::countyAt(double lon, double lat, double metresPerPixel) {
    for (const MapHit& h : hitsAt(lon, lat, metresPerPixel)) {
        if (h.relation != QLatin1String("v_counties_thematic") &&
            h.relation != QLatin1String("counties"))
            continue;
        const QString adcode = h.attribute("adcode");
        if (adcode.isEmpty()) continue;
        try {
            if (auto ref = db_->countyByAdcode(adcode.toStdString()))
                return row(
                    {{"adcode", adcode}, {"county", qs(ref->name)}, {"city", qs(ref->prefecture)}});
        } catch (const Error&) {
            return {};
        }
    }
    return {};
}

QString Controller::townAt(double lon, double lat, double metresPerPixel) {
    const Pick pick = pickAt(lon, lat, metresPerPixel);
    return pick.kind == QLatin1String("town") ? pick.key : QString();
}

void Controller::loadModel() {
    catalogue_ = TownCatalogue();
    counties_.clear();
    cities_.clear();
    countyOptions_.clear();
    if (!db_) return;
    try {
        catalogue_.load(reader());
        counties_ = reader().countyList();
        cities_ = reader().cityList();
    } catch (const Error& e) {
        setError(tr("Cannot read the towns"), qs(e.what()),
                 tr("The database is damaged or from another version. Rebuild it with "
                    "“ninja -C build/release geodata”, or choose another with --db FILE."));
    }
    for (const PlaceLine& c : counties_)
        countyOptions_ << row({{"adcode", qs(c.adcode)},
                               {"label", qs(c.name) + QStringLiteral(" · ") + qs(c.prefecture)}});
}

QString Controller::dataVersion() const {
    return db_ ? qs(db_->dataVersion()) : QString();
}

void Controller::setError(const QString& title, const QString& message, const QString& hint) {
    errorTitle_ = title;
    errorMessage_ = message;
    errorHint_ = hint;
    emit errorChanged();
}

void Controller::dismissError() {
    setError({}, {}, {});
}

void Controller::reportError(const QString& title, const QString& message) {
    setError(title, message, {});
}

void Controller::reportRenderError(const QString& message) {
    setError(tr("Cannot draw the map"), message,
             tr("The rest of the window keeps working; try another theme or rebuild the "
                "database."));
}

void Controller::setStatus(const QString& message) {
    statusMessage_ = message;
    // A status message is news, not a state: it goes after a while (longer
    // ones stay longer), unless a newer one replaced it.
    if (message.isEmpty()) {
        statusTimer_.stop();
    } else {
        statusTimer_.setInterval(
            std::clamp(4000 + 60 * static_cast<int>(message.size()), 6000, 15000));
        statusTimer_.start();
    }
    emit statusMessageChanged();
}

QString Controller::styleFileFor(const QString& theme) const {
    if (!options_.stylePath.isEmpty()) return options_.stylePath;
    static const QMap<QString, QStringList> names = {
        {"towns", {"towns.json", "specialty_towns.json", "town.json"}},
        {"datong", {"datong-layout.json", "datong.json", "datong_layout.json"}},
        {"admin", {"admin.json", "administrative.json", "counties.json"}},
    };
    const QDir dir(options_.stylesDir);
    for (const QString& n : names.value(theme))
        if (dir.exists(n)) return dir.filePath(n);
    return {};
}

void Controller::loadStyle() {
    frameSource_.reset();
    if (!db_) return;
    const QString style = styleFileFor(theme_);
    try {
        frameSource_ = makeFrameSource(db_, style.toStdString());
        if (errorTitle_ == tr("Cannot use the map style")) dismissError();
    } catch (const Error& e) {
        setError(tr("Cannot use the map style"), qs(e.what()),
                 tr("Fix the style file at the place named above (or start without --style); "
                    "the map shows the built-in drawing meanwhile."));
        try {
            frameSource_ = makeFrameSource(db_, std::string());
        } catch (const Error& e2) {
            setError(tr("Cannot draw the map"), qs(e2.what()), {});
        }
    }
}

void Controller::bumpScene() {
    ++revision_;
    rebuildLegend();
    emit sceneChanged();
}

// ------------------------------------------------------------ themes

QVariantList Controller::themes() const {
    return {row({{"id", "towns"}, {"label", tr("Specialty towns")}}),
            row({{"id", "datong"}, {"label", tr("Datong layout")}}),
            row({{"id", "admin"}, {"label", tr("Administrative")}})};
}

void Controller::setTheme(const QString& theme) {
    if (theme == theme_ || !knownTheme(theme)) return;
    theme_ = theme;
    if (options_.useSettings) QSettings().setValue(QStringLiteral("viewer/theme"), theme_);
    loadStyle();
    rebuildLayers();
    rebuildSymbols();
    if (hover_) clearHover();
    // The new theme draws other layers: the selection's outline comes from them.
    rebuildHighlight();
    emit themeChanged();
    bumpScene();
}

QVariantMap Controller::homeRect() {
    const QString home =
        frameSource_ ? frameSource_->metadata(QStringLiteral("jinmap:home")) : QString();
    QVariantMap r = extentRect(home);
    if (r.isEmpty()) r = extentRect(QStringLiteral("province"));
    return r;
}

bool Controller::homeIsCity() const {
    if (!frameSource_ || !db_) return false;
    const QString home = frameSource_->metadata(QStringLiteral("jinmap:home"));
    if (isProvinceSpec(home)) return false;
    try {
        return db_->resolvePrefecture(home.toStdString()).has_value();
    } catch (const Error&) {
        return false;  // a home that names no city: the province is home
    }
}

void Controller::zoomHome() {
    emit fitRequested(homeRect());
}

void Controller::setLanguage(const QString& language) {
    if (language == language_) return;
    language_ = language;
    if (options_.useSettings) QSettings().setValue(QStringLiteral("viewer/language"), language_);
    if (retranslate_) retranslate_(language_);
    reader_.reset();  // views are built in one language
    loadModel();
    emit filterOptionsChanged();
    emit filterChanged();
    rebuildLayers();
    rebuildSymbols();
    rebuildLegend();
    rebuildResults();
    for (int side = 0; side < 2; ++side)
        if (!compareCodes_[side].isEmpty()) setCompareCounty(side, compareCodes_[side]);
    const Pick keep = selection_;
    setSelection(keep);
    if (hover_) clearHover();
    if (!searchResults_.empty()) search(searchText_);
    // The news on the status bar was written in the other language.
    setStatus(QString());
    emit languageChanged();
}

void Controller::setBasemapEnabled(bool on) {
    if (on == basemap_) return;
    basemap_ = on;
    basemapProblem_.clear();
    if (options_.useSettings) QSettings().setValue(QStringLiteral("viewer/basemap"), on);
    emit basemapEnabledChanged();
    if (on) checkBasemap();
}

void Controller::checkBasemap() {
    // Qt Location shows a failed tile as nothing at all: ask the tile server
    // ourselves and say so in the window when it cannot be reached.
    if (!network_) network_ = new QNetworkAccessManager(this);
    QNetworkRequest request{basemapProbe_.isEmpty() ? QUrl(QString::fromLatin1(kTileProbe))
                                                    : basemapProbe_};
    request.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("jinmap/" JINMAP_VERSION));
    request.setTransferTimeout(8000);
    QNetworkReply* reply = network_->get(request);
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        if (!basemap_) return;
        basemapProblem_ = reply->error() == QNetworkReply::NoError
                              ? QString()
                              : tr("The online basemap cannot be loaded (%1). The thematic map is "
                                   "unaffected; the basemap needs a network connection.")
                                    .arg(reply->errorString());
        emit basemapEnabledChanged();
    });
}

// ------------------------------------------------------------ layers, legend

QString Controller::layerLabel(const LayerRow& l) const {
    static const QMap<QString, const char*> names = {
        {"background", QT_TR_NOOP("Background")},
        {"neighbors-fill", QT_TR_NOOP("Neighbouring provinces")},
        {"neighbors-outline", QT_TR_NOOP("Neighbouring province borders")},
        {"counties-towns", QT_TR_NOOP("Towns per county")},
        {"counties-nodata", QT_TR_NOOP("No data (hatched)")},
        {"county-outlines", QT_TR_NOOP("County borders")},
        {"prefecture-outlines", QT_TR_NOOP("City borders")},
        {"province-outline", QT_TR_NOOP("Province border")},
        {"towns", QT_TR_NOOP("Specialty towns")},
        {"county-labels", QT_TR_NOOP("County names")},
        {"town-labels", QT_TR_NOOP("Town names")},
        {"prefecture-labels", QT_TR_NOOP("City names")},
        {"prefectures-fill", QT_TR_NOOP("Cities")},
        {"datong-counties", QT_TR_NOOP("Datong counties")},
        {"datong-outline", QT_TR_NOOP("Datong border")},
        {"corridor-band", QT_TR_NOOP("Corridor (schematic)")},
        {"corridor-axis", QT_TR_NOOP("Corridor axis")},
        {"core", QT_TR_NOOP("Core (schematic)")},
        {"belt", QT_TR_NOOP("Belt (schematic)")},
        {"platforms", QT_TR_NOOP("Innovation platforms")},
        {"parks", QT_TR_NOOP("Parks")},
        {"park-labels", QT_TR_NOOP("Park names")},
        {"counties", QT_TR_NOOP("Counties")},
        {"layout_elements", QT_TR_NOOP("Datong layout (schematic)")},
    };
    auto it = names.find(l.id);
    if (it != names.end()) return tr(it.value());
    return l.label.isEmpty() ? l.id : l.label;
}

void Controller::rebuildLayers() {
    QVector<QVariantMap> rows;
    styleLayers_.clear();
    if (frameSource_) styleLayers_ = frameSource_->layers();
    for (const auto& l : styleLayers_) {
        if (l.type == QLatin1String("background")) continue;  // not a layer to switch off
        rows.push_back(row({{"id", l.id},
                            {"label", layerLabel(l)},
                            {"visible", l.visible && !hiddenLayers_.contains(l.id)},
                            {"type", l.type}}));
    }
    layers_.setRows(rows);
}

void Controller::setLayerVisible(const QString& id, bool visible) {
    if (visible == !hiddenLayers_.contains(id)) return;
    if (visible)
        hiddenLayers_.remove(id);
    else
        hiddenLayers_.insert(id);
    const int r = layers_.find(QStringLiteral("id"), id);
    layers_.setValue(r, QStringLiteral("visible"), visible);
    if (hover_) clearHover();
    bumpScene();
}

FrameRequest Controller::frameRequest() const {
    FrameRequest r;
    r.filter = catalogue_.featureFilter(filter_);
    r.overrides = catalogue_.countyCounts(filter_);
    r.hiddenLayers = hiddenLayers_;
    r.language = viewLang() == Lang::En ? QStringLiteral("en") : QString();
    return r;
}

FrameRequest Controller::warmUpRequest() const {
    // The province's centre at about the size and zoom the viewer opens with.
    const Bounds province = lonLatToMercator(db_ ? db_->provinceBounds() : shanxiFallback());
    Camera camera;
    camera.center = QPointF(province.centerX(), province.centerY());
    camera.zoom = 7;
    camera.size = QSizeF(1280, 960);
    FrameRequest r = frameRequest();
    r.extent = camera.extent();
    r.pixelSize = camera.size.toSize();
    return r;
}

void Controller::rebuildLegend() {
    legendTitle_ = frameSource_ ? frameSource_->legendTitle(frameRequest().language) : QString();
    legendNote_ = frameSource_ ? frameSource_->legendNote(frameRequest().language) : QString();
    if (legendTitle_.isEmpty()) legendTitle_ = tr("Legend");
    const quint64 id = ++*legendLatest_;
    if (!frameSource_) {
        legendPending_ = false;
        legend_.setRows({});
        emit legendChanged();
        return;
    }
    // The counts need a frame drawn (40–70 ms while the caches are cold):
    // on the frame thread, so that neither start-up nor a filter click
    // waits for them. The previous rows stay until the new ones arrive.
    legendPending_ = true;
    emit legendChanged();
    struct Answer {
        std::vector<LegendRow> rows;
        QString error;
    };
    // The whole province: legend counts follow the filters, not the view.
    FrameRequest request = frameRequest();
    request.extent = lonLatToMercator(db_ ? db_->provinceBounds() : shanxiFallback());
    request.pixelSize = QSize(1000, 1000);
    auto* watcher = new QFutureWatcher<Answer>(this);
    connect(watcher, &QFutureWatcher<Answer>::finished, this, [this, watcher, id] {
        watcher->deleteLater();
        if (id != legendLatest_->load()) return;  // a newer request is on its way
        const Answer answer = watcher->result();
        QVector<QVariantMap> rows;
        static const char* symbols[] = {"fill", "line", "circle", "hatch", "heading"};
        // Classes no feature of the data falls in are left out; classes the
        // filters empty stay, greyed, with their 0. A heading whose classes
        // are all left out goes too.
        std::size_t headingAt = 0;
        bool headingUsed = true;
        for (const LegendRow& l : answer.rows) {
            const bool heading = l.symbol == LegendRow::Symbol::Heading;
            if (heading) {
                if (!headingUsed) rows.erase(rows.begin() + static_cast<int>(headingAt));
                headingAt = static_cast<std::size_t>(rows.size());
                headingUsed = false;
            } else if (!l.inData) {
                continue;
            } else {
                headingUsed = true;
            }
            rows.push_back(
                row({{"label", l.label},
                     {"symbol", QString::fromLatin1(symbols[static_cast<int>(l.symbol)])},
                     {"fill", l.fill},
                     {"stroke", l.stroke},
                     {"shape", l.shape},
                     {"size", l.size},
                     {"dashed", l.dashed},
                     {"count", l.count},
                     {"heading", heading},
                     {"empty", l.count == 0},
                     {"key", l.key},
                     {"layerId", l.layerId}}));
        }
        if (!headingUsed) rows.erase(rows.begin() + static_cast<int>(headingAt));
        if (!answer.error.isEmpty()) setError(tr("Cannot build the legend"), answer.error, {});
        legend_.setRows(rows);
        legendPending_ = false;
        emit legendChanged();
    });
    watcher->setFuture(QtConcurrent::run(
        frameThreadPool(), [source = frameSource_, request, latest = legendLatest_, id] {
            Answer answer;
            // Superseded while queued (filter clicks in a row): its answer
            // would be dropped, so do not draw it in front of the map's frame.
            if (latest->load() != id) return answer;
            try {
                answer.rows = source->legend(request);
            } catch (const std::exception& e) {
                answer.error = QString::fromUtf8(e.what());
            }
            return answer;
        }));
}

void Controller::rebuildSymbols() {
    // The town symbols as the towns theme draws them (colour by sector group,
    // shape and size by level), for the town icons of the panels in every theme.
    sectorColors_.clear();
    levelShapes_.clear();
    std::shared_ptr<FrameSource> symbols = frameSource_;
    bool drawsTowns = false;
    for (const LayerRow& l : styleLayers_) drawsTowns |= l.source == QLatin1String("towns");
    if (!drawsTowns && db_) {
        try {
            symbols = makeFrameSource(db_, styleFileFor(QStringLiteral("towns")).toStdString());
        } catch (const Error&) {
            symbols = frameSource_;  // the theme's own (its colours are in the legend anyway)
        }
    }
    if (symbols) {
        for (const LegendRow& r : symbols->legendSymbols({})) {
            if (r.relation != QLatin1String("towns") || r.symbol != LegendRow::Symbol::Circle)
                continue;
            if (r.property == QLatin1String("circle-color"))
                sectorColors_.insert(r.key, r.fill);
            else if (r.property == QLatin1String("circle-radius") ||
                     r.property == QLatin1String("jinmap:shape"))
                levelShapes_.insert(r.key, QVariantMap{{QStringLiteral("shape"), r.shape},
                                                       {QStringLiteral("size"), r.size}});
        }
    }
    emit symbolsChanged();
}

// ------------------------------------------------------------ filters

QString Controller::levelLabel(const QString& level) const {
    if (level == "provincial") return tr("Provincial");
    if (level == "municipal") return tr("Municipal");
    return tr("Level not stated");
}

QString Controller::kindLabel(const QString& kind) const {
    if (kind == "province") return tr("Province");
    if (kind == "prefecture" || kind == "city") return tr("City");
    if (kind == "county") return tr("County");
    if (kind == "town") return tr("Specialty town");
    if (kind == "park") return tr("Park");
    if (kind == "platform") return tr("Innovation platform");
    if (kind == "layout") return tr("Layout element");
    if (kind == "project") return tr("Planned project");
    if (kind == "corridor") return tr("Corridor");
    if (kind == "core") return tr("Core");
    if (kind == "belt") return tr("Belt");
    return kind;
}

QVariantList Controller::levelOptions() const {
    QVariantList out;
    for (const char* l : {"provincial", "municipal", "unknown"}) {
        int n = 0;
        for (const TownEntry& t : catalogue_.towns()) n += t.level == QLatin1String(l);
        if (n == 0) continue;
        out << row({{"value", l},
                    {"label", levelLabel(l)},
                    {"count", n},
                    {"checked", filter_.levels.contains(l)}});
    }
    return out;
}

QVariantList Controller::sectorOptions() const {
    // In the legend's order (the style's), then any the style does not name.
    std::map<QString, std::pair<QString, int>> seen;  // key → label, count
    QStringList order;
    for (const TownEntry& t : catalogue_.towns()) {
        if (t.sectorKey.isEmpty()) continue;
        auto& s = seen[t.sectorKey];
        if (s.second == 0) order << t.sectorKey;
        s.first = t.sector;
        ++s.second;
    }
    QVariantList out;
    for (const QString& k : order)
        out << row(
            {{"value", k},
             {"label", seen[k].first},
             {"count", seen[k].second},
             {"color", sectorColors_.value(k, sectorColors_.value(QStringLiteral("other"),
                                                                  QColor(0x9e, 0x9e, 0x9e)))},
             {"checked", filter_.sectorGroups.contains(k)}});
    return out;
}

QVariantList Controller::prefectureOptions() const {
    QVariantList out;
    for (const PlaceLine& c : cities_) {
        int n = 0;
        for (const TownEntry& t : catalogue_.towns()) n += t.prefectureAdcode == qs(c.adcode);
        if (n == 0) continue;  // a city with no town in the sources filters nothing
        out << row({{"value", qs(c.adcode)},
                    {"label", qs(c.name)},
                    {"count", n},
                    {"checked", filter_.prefectures.contains(qs(c.adcode))}});
    }
    return out;
}

QString Controller::filterSummary() const {
    const int n = static_cast<int>(catalogue_.filtered(filter_).size());
    if (filter_.isEmpty()) return tr("All %n specialty town(s)", nullptr, n);
    return tr("%n specialty town(s) match the filters", nullptr, n);
}

int Controller::unplacedTowns() const {
    int n = 0;
    for (const TownEntry* t : catalogue_.filtered(filter_)) n += t->countyAdcode.isEmpty();
    return n;
}

bool Controller::themeShowsTowns() const {
    for (const LayerRow& l : styleLayers_)
        if (l.source == QLatin1String("towns") && l.type != QLatin1String("symbol")) return true;
    return false;
}

void Controller::setFilterValue(const QString& group, const QString& value, bool on) {
    QStringList* list = group == "level"        ? &filter_.levels
                        : group == "sector"     ? &filter_.sectorGroups
                        : group == "prefecture" ? &filter_.prefectures
                                                : nullptr;
    if (!list || list->contains(value) == on) return;
    if (on)
        list->append(value);
    else
        list->removeAll(value);
    rebuildResults();
    emit filterChanged();
    emit filterOptionsChanged();
    if (hover_) clearHover();
    bumpScene();
}

void Controller::clearFilters() {
    if (filter_.isEmpty()) return;
    filter_ = TownFilter();
    rebuildResults();
    emit filterChanged();
    emit filterOptionsChanged();
    bumpScene();
}

void Controller::frameFilterResults() {
    QStringList counties;
    for (const TownEntry* t : catalogue_.filtered(filter_))
        if (!t->countyAdcode.isEmpty() && !counties.contains(t->countyAdcode))
            counties << t->countyAdcode;
    if (counties.isEmpty()) {
        setStatus(tr("No town on the map matches the filters"));
        return;
    }
    fitCounties(counties);
}

void Controller::fitCounties(const QStringList& adcodes) {
    if (!db_) return;
    Bounds b;
    try {
        for (const QString& code : adcodes) {
            const Bounds c = db_->countyBounds(code.toStdString());
            if (c.isEmpty()) continue;
            b.extend(c.minX, c.minY);
            b.extend(c.maxX, c.maxY);
        }
    } catch (const Error& e) {
        setStatus(qs(e.what()));
        return;
    }
    if (!b.isEmpty()) emit fitRequested(toRect(b));
}

void Controller::rebuildResults() {
    QVector<QVariantMap> rows;
    for (const TownEntry* t : catalogue_.filtered(filter_)) {
        QString context = t->prefecture;
        if (!t->county.isEmpty()) context += QStringLiteral(" · ") + t->county;
        rows.push_back(row({{"name", t->name},
                            {"kind", "town"},
                            {"kindLabel", levelLabel(t->level)},
                            {"context", context},
                            {"id", t->id},
                            {"level", t->level},
                            {"sector", t->sector},
                            {"sectorKey", t->sectorKey}}));
    }
    results_.setRows(rows);
    rebuildOverview();
}

void Controller::rebuildOverview() {
    QVector<QVariantMap> rows;
    int total[4] = {0, 0, 0, 0};
    for (const PlaceLine& c : cities_) {
        int n[4] = {0, 0, 0, 0};
        for (const TownEntry* t : catalogue_.filtered(filter_)) {
            if (t->prefectureAdcode != qs(c.adcode)) continue;
            const int k = t->level == "provincial" ? 0 : t->level == "municipal" ? 1 : 2;
            ++n[k];
            ++n[3];
        }
        for (int k = 0; k < 4; ++k) total[k] += n[k];
        rows.push_back(row({{"adcode", qs(c.adcode)},
                            {"name", qs(c.name)},
                            {"provincial", n[0]},
                            {"municipal", n[1]},
                            {"unknown", n[2]},
                            {"total", n[3]},
                            {"coverage", qs(c.coverage)}}));
    }
    rows.push_back(row({{"adcode", ""},
                        {"name", tr("Shanxi")},
                        {"provincial", total[0]},
                        {"municipal", total[1]},
                        {"unknown", total[2]},
                        {"total", total[3]},
                        {"coverage", "total"}}));
    overview_.setRows(rows);
}

void Controller::activateResult(int r) {
    const QVariantMap m = results_.get(r);
    if (m.isEmpty()) return;
    selectTown(m.value("id").toString(), true);
}

// ------------------------------------------------------------ names

QString Controller::countyName(const QString& adcode) const {
    for (const PlaceLine& c : counties_)
        if (qs(c.adcode) == adcode) return qs(c.name);
    return adcode;
}

QString Controller::cityName(const QString& adcode) const {
    for (const PlaceLine& c : cities_)
        if (qs(c.adcode) == adcode) return qs(c.name);
    return adcode;
}

QString Controller::cityOfCounty(const QString& adcode) const {
    for (const PlaceLine& c : counties_)
        if (qs(c.adcode) == adcode) return qs(c.prefectureAdcode);
    return {};
}

// ------------------------------------------------------------ search

void Controller::search(const QString& text) {
    searchText_ = text;
    searchResults_.clear();
    QVector<QVariantMap> rows;
    if (db_ && !text.trimmed().isEmpty()) {
        try {
            searchResults_ = db_->search(text.trimmed().toStdString(), 30);
        } catch (const Error& e) {
            setStatus(qs(e.what()));
        }
    }
    for (const PlaceRef& p : searchResults_) {
        const QString kind = QString::fromLatin1(placeKindName(p.kind));
        const QString id = qs(p.id);
        QString name = qs(p.name), context = qs(p.context), level, sectorKey;
        try {
            switch (p.kind) {
                case PlaceRef::Kind::County:
                    name = countyName(id);
                    context = cityName(cityOfCounty(id));
                    break;
                case PlaceRef::Kind::Prefecture:
                    name = cityName(id);
                    context.clear();
                    break;
                case PlaceRef::Kind::Town:
                    if (const TownEntry* t = catalogue_.find(id)) {
                        name = t->name;
                        context = t->county.isEmpty()
                                      ? t->prefecture
                                      : t->prefecture + QStringLiteral(" · ") + t->county;
                        level = t->level;
                        sectorKey = t->sectorKey;
                    }
                    break;
                case PlaceRef::Kind::Park:
                case PlaceRef::Kind::Platform: {
                    const ParkView v = p.kind == PlaceRef::Kind::Park ? reader().park(p.id)
                                                                      : reader().platform(p.id);
                    name = qs(v.name);
                    context = qs(v.county);
                    break;
                }
                case PlaceRef::Kind::LayoutElement:
                    name = qs(reader().layoutElement(p.id).name);
                    context = tr("schematic");
                    break;
                case PlaceRef::Kind::Project: {
                    const ProjectView v = reader().project(p.id);
                    name = qs(v.name);
                    context = v.county.empty() ? qs(v.industry) : qs(v.county);
                    break;
                }
                case PlaceRef::Kind::Province:
                    break;
            }
        } catch (const Error& e) {
            setStatus(qs(e.what()));
        }
        rows.push_back(row({{"name", name},
                            {"kind", kind},
                            {"kindLabel", kindLabel(kind)},
                            {"context", context},
                            {"id", id},
                            {"hasGeometry", !p.bounds.isEmpty()},
                            {"level", level},
                            {"sectorKey", sectorKey}}));
    }
    search_.setRows(rows);
}

QString Controller::searchReturn(const QString& text) {
    search(text);
    if (searchResults_.empty()) return QStringLiteral("none");
    if (searchResults_.size() == 1) {
        activateSearchResult(0);
        return QStringLiteral("activated");
    }
    // One place is named exactly so: it is meant. Two or more (城区 is a
    // district of two cities), or none of several partial matches: choose.
    const std::string key = text.trimmed().toStdString();
    int exact = -1, exactCount = 0;
    for (std::size_t i = 0; i < searchResults_.size(); ++i) {
        const PlaceRef& p = searchResults_[i];
        const QString shown = search_.get(static_cast<int>(i)).value("name").toString();
        if (p.name == key || shown == text.trimmed()) {
            if (exact < 0) exact = static_cast<int>(i);
            ++exactCount;
        }
    }
    if (exactCount == 1) {
        activateSearchResult(exact);
        return QStringLiteral("activated");
    }
    return QStringLiteral("chooser");
}

void Controller::activateSearchResult(int r) {
    if (r < 0 || r >= static_cast<int>(searchResults_.size())) return;
    const PlaceRef p = searchResults_[static_cast<std::size_t>(r)];
    const QString id = qs(p.id);
    switch (p.kind) {
        case PlaceRef::Kind::County:
            selectCounty(id, true);
            return;
        case PlaceRef::Kind::Town:
            selectTown(id, true);
            return;
        case PlaceRef::Kind::Prefecture:
            selectCity(id, true);
            return;
        case PlaceRef::Kind::Park:
            setSelection({QStringLiteral("park"), id});
            break;
        case PlaceRef::Kind::Platform:
            setSelection({QStringLiteral("platform"), id});
            break;
        case PlaceRef::Kind::LayoutElement:
            setSelection({QStringLiteral("layout"), id});
            break;
        case PlaceRef::Kind::Project: {
            // Projects have no point: the county they are in, when the plan says.
            try {
                const ProjectView v = reader().project(p.id);
                if (!v.countyAdcode.empty())
                    selectCounty(qs(v.countyAdcode), true);
                else
                    setStatus(tr("%1: the plan does not say where it is").arg(qs(v.name)));
            } catch (const Error& e) {
                setStatus(qs(e.what()));
            }
            return;
        }
        case PlaceRef::Kind::Province:
            zoomHome();
            return;
    }
    if (!p.bounds.isEmpty()) {
        if (p.bounds.width() < 1e-6 && p.bounds.height() < 1e-6)
            emit centerRequested(p.bounds.minY, p.bounds.minX, 10);
        else
            emit fitRequested(toRect(p.bounds));
    }
}

// ------------------------------------------------------------ picking

std::vector<MapHit> Controller::hitsAt(double lon, double lat, double metresPerPixel) const {
    if (!frameSource_ || !(metresPerPixel > 0)) return {};
    // A small view centred on the point at the map's resolution: the hit
    // test sees the zoom, the symbol sizes and the layers the map sees.
    constexpr double kHalf = 32;
    const QPointF m = toMercator(lon, lat);
    FrameRequest request = frameRequest();
    request.extent.extend(m.x() - kHalf * metresPerPixel, m.y() - kHalf * metresPerPixel);
    request.extent.extend(m.x() + kHalf * metresPerPixel, m.y() + kHalf * metresPerPixel);
    request.pixelSize = QSize(2 * kHalf, 2 * kHalf);
    return frameSource_->hitTest(request, QPointF(kHalf, kHalf));
}

Pick Controller::pickOf(const std::vector<MapHit>& hits) const {
    for (const MapHit& h : hits) {
        // Outlines of areas are drawn to show the area, not to be clicked.
        bool outline = false;
        for (const LayerRow& l : styleLayers_)
            if (l.id == h.layerId && l.type == QLatin1String("line") && h.data &&
                h.data->polygonal())
                outline = true;
        if (outline) continue;
        for (const Interactive& i : kInteractive)
            if (h.relation == QLatin1String(i.relation))
                return {QString::fromLatin1(i.kind), h.attribute(i.key)};
    }
    return {};
}

Pick Controller::pickAt(double lon, double lat, double metresPerPixel) {
    return pickOf(hitsAt(lon, lat, metresPerPixel));
}

void Controller::clickAt(double lon, double lat, double metresPerPixel) {
    QElapsedTimer timer;
    timer.start();
    const Pick pick = pickAt(lon, lat, metresPerPixel);
    lastHitTestUs_ = timer.nsecsElapsed() / 1e3;
    setSelection(pick);
}

void Controller::hoverAt(double lon, double lat, double metresPerPixel) {
    const std::vector<MapHit> hits = hitsAt(lon, lat, metresPerPixel);
    const Pick pick = pickOf(hits);
    if (pick == hover_) return;
    hover_ = pick;
    hoverRings_.clear();
    hoverText_ = hoverTextOf(pick);
    for (const MapHit& h : hits) {
        // The outline of the hovered area, from the very feature under the pointer.
        if (pick.kind == "town" || pick.kind == "park" || pick.kind == "platform") break;
        for (const Interactive& i : kInteractive)
            if (h.relation == QLatin1String(i.relation) && pick.kind == QLatin1String(i.kind) &&
                h.attribute(i.key) == pick.key && hoverRings_.isEmpty())
                hoverRings_ = h.rings(100);
    }
    emit hoverChanged();
}

QString Controller::hoverTextOf(const Pick& pick) {
    if (!pick) return {};
    try {
        if (pick.kind == "county") {
            const int n = catalogue_.countIn(pick.key, filter_);
            const QString place =
                tr("%1 · %2").arg(countyName(pick.key), cityName(cityOfCounty(pick.key)));
            for (const PlaceLine& c : cities_)
                if (qs(c.adcode) == cityOfCounty(pick.key) && c.coverage == "none" && n == 0)
                    return place + QStringLiteral("\n") +
                           tr("No data: the sources do not list this city's towns");
            return place + QStringLiteral("\n") +
                   (filter_.isEmpty() ? tr("%n specialty town(s)", nullptr, n)
                                      : tr("%n specialty town(s) match the filters", nullptr, n));
        }
        if (pick.kind == "city") {
            int n = 0;
            for (const TownEntry* t : catalogue_.filtered(filter_))
                n += t->prefectureAdcode == pick.key;
            return cityName(pick.key) + QStringLiteral("\n") +
                   tr("%n specialty town(s)", nullptr, n);
        }
        if (pick.kind == "town") {
            const TownEntry* t = catalogue_.find(pick.key);
            if (!t) return pick.key;
            return t->name + QStringLiteral("\n") + t->sector + QStringLiteral(" · ") +
                   levelLabel(t->level);
        }
        if (pick.kind == "park" || pick.kind == "platform") {
            const ParkView v = pick.kind == "park" ? reader().park(pick.key.toStdString())
                                                   : reader().platform(pick.key.toStdString());
            const QString what = qs(pick.kind == "park" ? v.industry : v.kindText);
            return qs(v.name) + (what.isEmpty() ? QString() : QStringLiteral("\n") + what);
        }
        if (pick.kind == "layout") {
            const LayoutElementView v = reader().layoutElement(pick.key.toStdString());
            return qs(v.name) + QStringLiteral("\n") + qs(v.kindText) + QStringLiteral(" · ") +
                   tr("schematic");
        }
    } catch (const Error& e) {
        return qs(e.what());
    }
    return {};
}

void Controller::clearHover() {
    if (!hover_) return;
    hover_ = {};
    hoverRings_.clear();
    hoverText_.clear();
    emit hoverChanged();
}

// ------------------------------------------------------------ selection

MapHit Controller::geometryOf(const Pick& pick) const {
    if (!frameSource_ || !pick) return {};
    if (pick.kind == "county")
        return frameSource_->find(
            {QStringLiteral("v_counties_thematic"), QStringLiteral("counties")}, "adcode",
            pick.key);
    if (pick.kind == "city")
        return frameSource_->find({QStringLiteral("prefectures")}, "adcode", pick.key);
    if (pick.kind == "layout")
        return frameSource_->find(
            {QStringLiteral("layout_axes"), QStringLiteral("layout_elements")}, "id", pick.key);
    return {};
}

void Controller::rebuildHighlight() {
    selectionRings_.clear();
    highlightPending_ = false;
    // A town or park is shown by its county's outline.
    Pick target = selection_;
    if (target.kind == "town") {
        const TownEntry* t = catalogue_.find(target.key);
        target = t && !t->countyAdcode.isEmpty() ? Pick{QStringLiteral("county"), t->countyAdcode}
                                                 : Pick{};
    } else if (target.kind == "park" || target.kind == "platform") {
        target = {};
    }
    if (target) {
        const MapHit g = geometryOf(target);
        if (g.data)
            selectionRings_ = g.rings(50);
        else
            highlightPending_ = true;  // drawn once a frame has loaded the layer
    }
    emit selectionPathsChanged();
}

void Controller::frameDrawn() {
    if (highlightPending_) rebuildHighlight();
}

void Controller::setSelection(Pick pick) {
    selection_ = std::move(pick);
    rebuildSelection();
    rebuildHighlight();
    emit selectionChanged();
}

void Controller::rebuildSelection() {
    countyView_.reset();
    townView_.reset();
    cityView_.reset();
    selectionTitle_.clear();
    selectionSubtitle_.clear();
    selectionCity_.clear();
    selectionCityAdcode_.clear();
    QVector<QVariantMap> rows;
    if (db_ && selection_) {
        const std::string key = selection_.key.toStdString();
        SummaryRows layout(viewLang());
        try {
            if (selection_.kind == "county") {
                countyView_ = reader().county(key);
                selectionTitle_ = qs(countyView_->name);
                selectionSubtitle_ =
                    tr("%1 · code %2").arg(qs(countyView_->prefecture), selection_.key);
                selectionCity_ = qs(countyView_->prefecture);
                selectionCityAdcode_ = qs(countyView_->prefectureAdcode);
                rows = layout.county(*countyView_);
            } else if (selection_.kind == "city") {
                cityView_ = reader().city(key);
                selectionTitle_ = qs(cityView_->name);
                selectionSubtitle_ = tr("City · code %1").arg(qs(cityView_->adcode));
                selectionCity_ = qs(cityView_->name);
                selectionCityAdcode_ = selection_.key;
                rows = layout.city(*cityView_);
            } else if (selection_.kind == "town") {
                townView_ = reader().town(key);
                const TownView& t = *townView_;
                selectionTitle_ = qs(t.name);
                selectionSubtitle_ =
                    (viewLang() == Lang::En && t.name != t.nameZh
                         ? qs(t.nameZh) + QStringLiteral(" · ")
                         : QString()) +
                    qs(t.prefecture) +
                    (t.county.empty() ? QString() : QStringLiteral(" · ") + qs(t.county));
                selectionCity_ = qs(t.prefecture);
                selectionCityAdcode_ = qs(t.prefectureAdcode);
                rows = layout.town(t, reader().sourcesOf({t}), selectionCityAdcode_);
            } else if (selection_.kind == "park" || selection_.kind == "platform") {
                const bool park = selection_.kind == "park";
                const ParkView v = park ? reader().park(key) : reader().platform(key);
                selectionTitle_ = qs(v.name);
                selectionSubtitle_ =
                    kindLabel(selection_.kind) +
                    (v.county.empty() ? QString() : QStringLiteral(" · ") + qs(v.county));
                rows = layout.park(v, !park, reader().allSources());
            } else if (selection_.kind == "layout") {
                const LayoutElementView v = reader().layoutElement(key);
                selectionTitle_ = qs(v.name);
                selectionSubtitle_ = qs(v.kindText) + QStringLiteral(" · ") + tr("schematic");
                rows = layout.layoutElement(v, reader().allSources());
            }
        } catch (const Error& e) {
            setError(tr("Cannot read the summary"), qs(e.what()), {});
            selection_ = {};
            rows.clear();
        }
    } else {
        selection_ = {};
    }
    summary_.setRows(rows);
}

ViewReader& Controller::reader() {
    if (!reader_) reader_ = std::make_unique<ViewReader>(*db_, viewLang());
    return *reader_;
}

Lang Controller::viewLang() const {
    return language_ == QStringLiteral("en") ? Lang::En : Lang::Zh;
}

bool Controller::selectCounty(const QString& nameOrCode, bool zoom) {
    if (!db_) return false;
    try {
        const CountyRef ref = db_->resolveCounty(nameOrCode.toStdString());
        setSelection({QStringLiteral("county"), qs(ref.adcode)});
        if (zoom) emit fitRequested(toRect(db_->countyBounds(ref.adcode)));
        return selection_.kind == "county";
    } catch (const Error& e) {
        setStatus(qs(e.what()));
        return false;
    }
}

void Controller::selectTown(const QString& id, bool zoom) {
    const TownEntry* t = catalogue_.find(id);
    if (!t) return;
    setSelection({QStringLiteral("town"), id});
    if (!zoom) return;
    // The town's point as drawn; else its county.
    if (frameSource_) {
        const MapHit point = frameSource_->find({QStringLiteral("towns")}, "id", id);
        const auto rings = point.rings(0);
        if (!rings.isEmpty() && !rings.front().isEmpty()) {
            const QPointF p = toLonLat(rings.front().front());
            emit centerRequested(p.y(), p.x(), 9.5);
            return;
        }
    }
    if (!t->countyAdcode.isEmpty()) fitCounties({t->countyAdcode});
}

bool Controller::selectTownByName(const QString& name, bool zoom) {
    if (!db_) return false;
    std::vector<PlaceRef> found;
    try {
        found = db_->search(name.trimmed().toStdString(), 30);
    } catch (const Error& e) {
        setStatus(qs(e.what()));
        return false;
    }
    const PlaceRef* best = nullptr;
    for (const PlaceRef& p : found)
        if (p.kind == PlaceRef::Kind::Town && (!best || p.name == name.trimmed().toStdString()))
            if (!best || best->name != name.trimmed().toStdString()) best = &p;
    if (!best) {
        setStatus(tr("No specialty town is called %1").arg(name));
        return false;
    }
    selectTown(qs(best->id), zoom);
    return true;
}

void Controller::clearSelection() {
    setSelection({});
}

bool Controller::selectCity(const QString& nameOrCode, bool zoom) {
    if (!db_) return false;
    try {
        const auto pref = db_->resolvePrefecture(nameOrCode.toStdString());
        if (!pref) {
            setStatus(tr("Unknown city: %1").arg(nameOrCode));
            return false;
        }
        setSelection({QStringLiteral("city"), qs(pref->first)});
        if (zoom) emit fitRequested(toRect(db_->prefectureBounds(pref->first)));
        return selection_.kind == "city";
    } catch (const Error& e) {
        setError(tr("Cannot read the summary"), qs(e.what()), {});
        return false;
    }
}

// ------------------------------------------------------------ view

QVariantMap Controller::extentRect(const QString& specIn) {
    const QString spec = specIn.trimmed();
    Bounds b;
    if (isProvinceSpec(spec)) {
        b = db_ ? db_->provinceBounds() : shanxiFallback();
    } else {
        QString list = spec;
        if (list.startsWith("bbox:")) list = list.mid(5);
        const QStringList parts = list.split(',');
        bool numeric = parts.size() == 4;
        double v[4] = {0, 0, 0, 0};
        for (int i = 0; numeric && i < 4; ++i) v[i] = parts[i].trimmed().toDouble(&numeric);
        if (numeric && v[0] < v[2] && v[1] < v[3]) {
            b.extend(v[0], v[1]);
            b.extend(v[2], v[3]);
        } else if (db_) {
            try {
                if (auto pref = db_->resolvePrefecture(spec.toStdString()))
                    b = db_->prefectureBounds(pref->first);
                else
                    b = db_->countyBounds(db_->resolveCounty(spec.toStdString()).adcode);
            } catch (const Error& e) {
                setStatus(tr("Cannot show %1: %2").arg(spec, qs(e.what())));
            }
        }
    }
    return toRect(b);
}

void Controller::zoomToCity(double centerLon, double centerLat, double metresPerPixel) {
    if (!db_) return;
    QString city = selectionCityAdcode_;
    if (city.isEmpty()) {
        // The city under the map's centre, as the theme draws it.
        const Pick at = pickAt(centerLon, centerLat, metresPerPixel);
        if (at.kind == "city") city = at.key;
        if (at.kind == "county") city = cityOfCounty(at.key);
        if (at.kind == "town")
            if (const TownEntry* t = catalogue_.find(at.key)) city = t->prefectureAdcode;
    }
    if (city.isEmpty() && homeIsCity()) {
        zoomHome();
        return;
    }
    if (city.isEmpty()) {
        setStatus(tr("Move the map over a city, or select a county or town first"));
        return;
    }
    try {
        emit fitRequested(toRect(db_->prefectureBounds(city.toStdString())));
    } catch (const Error& e) {
        setStatus(qs(e.what()));
    }
}

void Controller::saveView(double latitude, double longitude, double zoom) {
    if (!options_.useSettings) return;
    QSettings s;
    s.setValue(QStringLiteral("viewer/lon"), longitude);
    s.setValue(QStringLiteral("viewer/lat"), latitude);
    s.setValue(QStringLiteral("viewer/zoom"), zoom);
}

void Controller::recordView(double latitude, double longitude, double zoom) {
    const View v{latitude, longitude, zoom};
    if (navigating_) {
        navigating_ = false;
        return;
    }
    if (!history_.empty()) {
        const View& cur = history_[historyIndex_];
        if (std::abs(cur.lat - v.lat) < 1e-7 && std::abs(cur.lon - v.lon) < 1e-7 &&
            std::abs(cur.zoom - v.zoom) < 1e-4)
            return;
        history_.resize(historyIndex_ + 1);  // a new view drops the forward ones
    }
    history_.push_back(v);
    if (history_.size() > 100) history_.erase(history_.begin());
    historyIndex_ = history_.size() - 1;
    emit historyChanged();
}

void Controller::goBack() {
    if (!canGoBack()) return;
    --historyIndex_;
    navigating_ = true;
    const View& v = history_[historyIndex_];
    emit historyChanged();
    emit centerRequested(v.lat, v.lon, v.zoom);
}

void Controller::goForward() {
    if (!canGoForward()) return;
    ++historyIndex_;
    navigating_ = true;
    const View& v = history_[historyIndex_];
    emit historyChanged();
    emit centerRequested(v.lat, v.lon, v.zoom);
}

// ------------------------------------------------------------ map tools

QString Controller::coordinateText(double lon, double lat) const {
    return viewer::coordinateText(QPointF(lon, lat), viewLang() == Lang::Zh);
}

QVariantMap Controller::scaleBar(double lon, double lat, double zoom, double maxPixels) const {
    const ScaleBar bar = viewer::scaleBar(QPointF(lon, lat), metresPerPixel(zoom), maxPixels,
                                          viewLang() == Lang::Zh);
    return {{QStringLiteral("pixels"), bar.pixels},
            {QStringLiteral("metres"), bar.metres},
            {QStringLiteral("text"), bar.text}};
}

QVariantMap Controller::measure(const QVariantList& points, bool area) const {
    QVector<QPointF> pts;
    for (const QVariant& v : points) {
        const QVariantMap m = v.toMap();
        pts << QPointF(m.value(QStringLiteral("longitude")).toDouble(),
                       m.value(QStringLiteral("latitude")).toDouble());
    }
    const bool chinese = viewLang() == Lang::Zh;
    const bool polygon = area && pts.size() >= 3;
    const double length = pathLength(pts, polygon);
    const double squareMetres = polygon ? polygonArea(pts) : 0;
    return {{QStringLiteral("distance"), length},
            {QStringLiteral("distanceText"), distanceText(length, chinese)},
            {QStringLiteral("area"), squareMetres},
            {QStringLiteral("areaText"), polygon ? areaText(squareMetres, chinese) : QString()}};
}

// ------------------------------------------------------------ comparison

bool Controller::setCompareCounty(int side, const QString& nameOrCode) {
    if (side < 0 || side > 1 || !db_) return false;
    RowModel& model = side == 0 ? compareLeft_ : compareRight_;
    try {
        const CountyRef ref = db_->resolveCounty(nameOrCode.toStdString());
        const CountyView v = reader().county(ref.adcode);
        QVector<QVariantMap> rows;
        // The figures a planner compares first, then the county's summary.
        int provincial = 0, municipal = 0, figures = 0;
        QStringList sectors;
        for (const TownView& t : v.towns) {
            provincial += t.level == "provincial";
            municipal += t.level == "municipal";
            figures += static_cast<int>(t.facts.size());
            if (!sectors.contains(qs(t.sectorGroup))) sectors << qs(t.sectorGroup);
        }
        rows.push_back(row({{"kind", "section"}, {"title", qs(v.name)}}));
        rows.push_back(row({{"kind", "info"}, {"title", qs(v.prefecture)}}));
        rows.push_back(row({{"kind", "fact"},
                            {"title", tr("Specialty towns")},
                            {"detail", tr("%1 (provincial %2, municipal %3)")
                                           .arg(v.towns.size())
                                           .arg(provincial)
                                           .arg(municipal)}}));
        rows.push_back(
            row({{"kind", "fact"},
                 {"title", tr("Sectors")},
                 {"detail", sectors.isEmpty()
                                ? tr("none")
                                : sectors.join(viewLang() == Lang::Zh ? QStringLiteral("、")
                                                                      : QStringLiteral(", "))}}));
        rows.push_back(
            row({{"kind", "fact"}, {"title", tr("Figures in the sources")}, {"detail", figures}}));
        rows.push_back(row({{"kind", "fact"},
                            {"title", tr("Parks and platforms")},
                            {"detail", static_cast<int>(v.parks.size() + v.platforms.size())}}));
        rows.push_back(row({{"kind", "fact"},
                            {"title", tr("Planned projects")},
                            {"detail", static_cast<int>(v.projects.size())}}));
        SummaryRows layout(viewLang());
        for (QVariantMap& r : layout.county(v))
            if (r.value("kind") != "link") rows.push_back(std::move(r));
        model.setRows(rows);
        compareCodes_[side] = qs(ref.adcode);
    } catch (const Error& e) {
        setStatus(qs(e.what()));
        return false;
    }
    emit compareChanged();
    return true;
}

// ------------------------------------------------------------ copy / export

void Controller::copySummary() {
    QString text;
    if (countyView_) {
        text = qs(countySummaryText(*countyView_));
    } else if (cityView_) {
        text = qs(citySummaryText(*cityView_));
    } else if (townView_) {
        text = qs(townSummaryText(*townView_, reader().sourcesOf({*townView_}), viewLang()));
    } else {
        text = selectionTitle_ + QStringLiteral("\n") + selectionSubtitle_ + QStringLiteral("\n");
        for (const QVariantMap& r : summary_.rows()) {
            text += r.value("title").toString();
            if (!r.value("detail").toString().isEmpty())
                text += (viewLang() == Lang::Zh ? QStringLiteral("：") : QStringLiteral(": ")) +
                        r.value("detail").toString();
            if (!r.value("quote").toString().isEmpty())
                text += QStringLiteral("\n    「") + r.value("quote").toString() +
                        QStringLiteral("」") + r.value("source").toString();
            text += QStringLiteral("\n");
        }
    }
    if (auto* clip = QGuiApplication::clipboard()) clip->setText(text);
    setStatus(tr("Summary copied"));
}

void Controller::copyTown(const QString& id) {
    if (!db_) return;
    try {
        const TownView t = reader().town(id.toStdString());
        const QString text = qs(townSummaryText(t, reader().sourcesOf({t}), viewLang()));
        if (auto* clip = QGuiApplication::clipboard()) clip->setText(text);
        setStatus(tr("Figures of %1 copied").arg(qs(t.name)));
    } catch (const Error& e) {
        setStatus(qs(e.what()));
    }
}

QString Controller::exportTable(const QString& pathOrUrl) {
    if (!countyView_ && !cityView_) return tr("Select a county or a city first");
    QString path = pathOrUrl;
    if (path.startsWith("file:")) path = QUrl(path).toLocalFile();
    if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".csv");
    try {
        const Table table = countyView_
                                ? factTable(countyView_->towns, viewLang(), countyView_->nameZh)
                                : factTable(cityView_->towns, viewLang(), cityView_->nameZh);
        writeTable(table, path.toStdString(), tableFormatForPath(path.toStdString()));
    } catch (const Error& e) {
        QString message = qs(e.what());
        setError(tr("Cannot export the table"), message,
                 tr("Choose a writable folder and a .csv or .xlsx name."));
        return message;
    }
    setStatus(tr("Table written to %1").arg(QDir::toNativeSeparators(path)));
    return {};
}

QString Controller::selectionCountyAdcode() const {
    if (countyView_) return qs(countyView_->adcode);
    if (townView_) return qs(townView_->countyAdcode);
    return {};
}

}  // namespace jinmap::viewer
