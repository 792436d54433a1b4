#include "controller.h"

#include <QClipboard>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QGuiApplication>
#include <QSettings>
#include <QUrl>
#include <QtConcurrent>
#include <cmath>
#include <map>

#include "base/error.h"
#include "base/sqlite.h"
#include "base/table_writer.h"
#include "data/geodatabase.h"
#include "map_math.h"
#include "present/fact_table.h"
#include "present/summary_text.h"
#include "present/view_loader.h"

namespace jinmap::viewer {

namespace {

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

QVariantMap row(std::initializer_list<std::pair<const char*, QVariant>> values) {
    QVariantMap m;
    for (const auto& [k, v] : values) m.insert(QString::fromLatin1(k), v);
    return m;
}

QVariantMap toRect(const Bounds& b) {
    if (b.isEmpty()) return {};
    return {{QStringLiteral("north"), b.maxY},
            {QStringLiteral("south"), b.minY},
            {QStringLiteral("east"), b.maxX},
            {QStringLiteral("west"), b.minX}};
}

QVariantMap coordinate(double lat, double lon) {
    return {{QStringLiteral("latitude"), lat}, {QStringLiteral("longitude"), lon}};
}

// A document's provenance detail: its file and checksum.
QString provenanceOf(const SourceView& s) {
    QString out = qs(s.file);
    if (!s.sha256.empty())
        out += QStringLiteral(" · SHA-256 ") + qs(s.sha256.substr(0, 16)) + QStringLiteral("…");
    return out;
}

QString joinNotes(const std::vector<NoteView>& notes) {
    QStringList out;
    for (const NoteView& n : notes) out << qs(n.text);
    return out.join(QStringLiteral("\n"));
}

// Shanxi's extent (lon/lat) when no database is open.
Bounds shanxiFallback() {
    Bounds b;
    b.extend(110.2, 34.5);
    b.extend(114.6, 40.8);
    return b;
}

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
    if (theme_ != "towns" && theme_ != "datong" && theme_ != "admin")
        theme_ = QStringLiteral("towns");
    if (!options_.extent.isEmpty() || !options_.selectCounty.isEmpty() ||
        !options_.selectCity.isEmpty())
        hasStartView_ = false;
}

Controller::~Controller() = default;

void Controller::load() {
    reader_.reset();
    countyView_.reset();
    townView_.reset();
    cityView_.reset();
    db_.reset();
    scene_.reset();
    frameSource_.reset();
    const QString path = options_.dbPath;
    try {
        if (path.isEmpty() || !QFileInfo::exists(path))
            throw Error(ErrorKind::Io, "database file does not exist", path.toStdString());
        db_ = GeoDatabase::open(path.toStdString());
        scene_ = std::make_unique<SceneIndex>(*db_);
    } catch (const Error& e) {
        db_.reset();
        scene_.reset();
        setError(tr("Cannot open the map database"), qs(e.what()),
                 e.kind() == ErrorKind::Io
                     ? tr("Build it with “ninja -C build/release geodata” (or tools/dev build), "
                          "or start jinmap with --db FILE pointing to jinmap.sqlite.")
                     : tr("The database is damaged or from another version. Rebuild it with "
                          "“ninja -C build/release geodata”, or choose another with --db FILE."));
    }
    emit databaseChanged();
    loadStyle();
    // Start-up only: here the frame thread is idle while QML and the window
    // are created. On a theme switch the real frame, due at once, builds the
    // same caches, and a warm-up frame would only delay it.
    warmUpFrameSource(frameSource_, warmUpRequest());
    rebuildFilterOptions();
    rebuildLayers();
    rebuildResults();
    bumpScene();
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

void Controller::setStatus(const QString& message) {
    statusMessage_ = message;
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

QVariantList Controller::themes() const {
    return {row({{"id", "towns"}, {"label", tr("Specialty towns")}}),
            row({{"id", "datong"}, {"label", tr("Datong layout")}}),
            row({{"id", "admin"}, {"label", tr("Administrative")}})};
}

void Controller::setTheme(const QString& theme) {
    if (theme == theme_ || (theme != "towns" && theme != "datong" && theme != "admin")) return;
    theme_ = theme;
    if (options_.useSettings) QSettings().setValue(QStringLiteral("viewer/theme"), theme_);
    loadStyle();
    rebuildLayers();
    emit themeChanged();
    bumpScene();
}

void Controller::setLanguage(const QString& language) {
    if (language == language_) return;
    language_ = language;
    if (options_.useSettings) QSettings().setValue(QStringLiteral("viewer/language"), language_);
    if (retranslate_) retranslate_(language_);
    reader_.reset();  // views are built in one language
    // Strings made in C++ are rebuilt in the new language.
    rebuildFilterOptions();
    rebuildLayers();
    rebuildLegend();
    rebuildResults();
    if (cityView_)
        selectCity(qs(cityView_->adcode), false);
    else
        setSelection(selection_);
    emit languageChanged();
}

void Controller::setBasemapEnabled(bool on) {
    if (on == basemap_) return;
    basemap_ = on;
    if (options_.useSettings) QSettings().setValue(QStringLiteral("viewer/basemap"), on);
    emit basemapEnabledChanged();
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
    if (styleLayers_.empty()) {
        // The built-in drawing: the database's layers (not switchable).
        styleLayers_ = {{"counties", {}, "counties", "fill", true},
                        {"towns", {}, "towns", "circle", true},
                        {"parks", {}, "parks", "circle", true},
                        {"layout_elements", {}, "layout_elements", "fill", true}};
    }
    for (const auto& l : styleLayers_)
        rows.push_back(row({{"id", l.id},
                            {"label", layerLabel(l)},
                            {"visible", l.visible && !hiddenLayers_.contains(l.id)}}));
    layers_.setRows(rows);
}

SceneIndex::Layers Controller::hitLayers() const {
    // A relation can be clicked when a visible, non-label layer draws it.
    auto shown = [this](const char* relation) {
        for (const auto& l : styleLayers_)
            if (l.source == relation && l.type != "symbol" && l.visible &&
                !hiddenLayers_.contains(l.id))
                return true;
        return false;
    };
    SceneIndex::Layers layers;
    layers.towns = shown("towns");
    layers.parks = shown("parks") || shown("platforms");
    layers.layout = shown("layout_elements") || shown("layout_axes");
    layers.counties = shown("counties");
    return layers;
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
    r.filter = filter_;
    r.hiddenLayers = hiddenLayers_;
    return r;
}

FrameRequest Controller::legendRequest() const {
    // The whole province: legend counts follow the filters, not the view.
    FrameRequest r = frameRequest();
    r.extent = lonLatToMercator(db_ ? db_->provinceBounds() : shanxiFallback());
    r.pixelSize = QSize(1000, 1000);
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
    legendTitle_ = frameSource_ ? frameSource_->legendTitle() : QString();
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
    auto* watcher = new QFutureWatcher<Answer>(this);
    connect(watcher, &QFutureWatcher<Answer>::finished, this, [this, watcher, id] {
        watcher->deleteLater();
        if (id != legendLatest_->load()) return;  // a newer request is on its way
        const Answer answer = watcher->result();
        QVector<QVariantMap> rows;
        for (const LegendRow& l : answer.rows) {
            static const char* symbols[] = {"fill", "line", "circle", "hatch", "heading"};
            rows.push_back(
                row({{"label", l.label},
                     {"symbol", QString::fromLatin1(symbols[static_cast<int>(l.symbol)])},
                     {"fill", l.fill},
                     {"stroke", l.stroke},
                     {"count", l.count},
                     {"heading", l.symbol == LegendRow::Symbol::Heading}}));
        }
        if (!answer.error.isEmpty()) setError(tr("Cannot build the legend"), answer.error, {});
        legend_.setRows(rows);
        legendPending_ = false;
        emit legendChanged();
    });
    watcher->setFuture(QtConcurrent::run(
        frameThreadPool(),
        [source = frameSource_, request = legendRequest(), latest = legendLatest_, id] {
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

// ------------------------------------------------------------ filters

QString Controller::levelLabel(const QString& level) const {
    if (level == "provincial") return tr("Provincial");
    if (level == "municipal") return tr("Municipal");
    return tr("Level unknown");
}

QString Controller::kindLabel(const QString& kind) const {
    if (kind == "province") return tr("Province");
    if (kind == "prefecture") return tr("City");
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
    for (const char* l : {"provincial", "municipal"})
        out << row(
            {{"value", l}, {"label", levelLabel(l)}, {"checked", filter_.levels.contains(l)}});
    return out;
}

QVariantList Controller::sectorOptions() const {
    QVariantList out;
    if (!scene_) return out;
    for (const QString& g : scene_->sectorGroups())
        out << row({{"value", g}, {"label", g}, {"checked", filter_.sectorGroups.contains(g)}});
    return out;
}

QVariantList Controller::prefectureOptions() const {
    QVariantList out;
    if (!scene_) return out;
    for (const QString& p : scene_->prefectures())
        out << row({{"value", p}, {"label", p}, {"checked", filter_.prefectures.contains(p)}});
    return out;
}

void Controller::rebuildFilterOptions() {
    emit filterOptionsChanged();
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

void Controller::rebuildResults() {
    QVector<QVariantMap> rows;
    if (scene_) {
        for (const PointItem& t : scene_->towns()) {
            if (!filter_.accepts(t)) continue;
            rows.push_back(
                row({{"name", t.name},
                     {"kind", "town"},
                     {"kindLabel", levelLabel(t.level)},
                     {"context", t.county.isEmpty() ? t.prefecture : t.prefecture + " " + t.county},
                     {"id", t.id},
                     {"level", t.level},
                     {"sector", t.sector}}));
        }
    }
    results_.setRows(rows);
}

void Controller::activateResult(int r) {
    const QVariantMap m = results_.get(r);
    if (m.isEmpty()) return;
    selectTown(m.value("id").toString(), true);
}

// ------------------------------------------------------------ search

void Controller::search(const QString& text) {
    searchResults_.clear();
    QVector<QVariantMap> rows;
    if (db_ && !text.trimmed().isEmpty()) {
        try {
            searchResults_ = db_->search(text.trimmed().toStdString(), 30);
        } catch (const Error& e) {
            setStatus(qs(e.what()));
        }
    }
    static const char* kinds[] = {"province", "prefecture", "county", "town",
                                  "park",     "platform",   "layout", "project"};
    for (const PlaceRef& p : searchResults_) {
        const QString kind = QString::fromLatin1(kinds[static_cast<int>(p.kind)]);
        rows.push_back(row({{"name", qs(p.name)},
                            {"kind", kind},
                            {"kindLabel", kindLabel(kind)},
                            {"context", qs(p.context)},
                            {"id", qs(p.id)},
                            {"hasGeometry", !p.bounds.isEmpty()}}));
    }
    search_.setRows(rows);
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
        case PlaceRef::Kind::Park:
        case PlaceRef::Kind::Platform: {
            if (!scene_) return;
            const bool park = p.kind == PlaceRef::Kind::Park;
            const auto& list = park ? scene_->parks() : scene_->platforms();
            for (int i = 0; i < static_cast<int>(list.size()); ++i)
                if (list[static_cast<std::size_t>(i)].id == id)
                    setSelection({park ? HitKind::Park : HitKind::Platform, i});
            break;
        }
        case PlaceRef::Kind::LayoutElement: {
            if (!scene_) return;
            for (int i = 0; i < static_cast<int>(scene_->layout().size()); ++i)
                if (scene_->layout()[static_cast<std::size_t>(i)].id == id)
                    setSelection({HitKind::LayoutElement, i});
            break;
        }
        case PlaceRef::Kind::Project: {
            // Projects have no point: show the county they are in, if known.
            auto stmt =
                db_->database()->prepare("SELECT county_adcode FROM projects WHERE id = ?1");
            stmt.bind(1, p.id);
            if (stmt.step() && !stmt.columnText(0).empty())
                selectCounty(qs(stmt.columnText(0)), true);
            else
                setStatus(tr("%1 has no location in the sources").arg(qs(p.name)));
            return;
        }
        case PlaceRef::Kind::Prefecture:
            selectCity(id, true);
            return;
        case PlaceRef::Kind::Province:
            break;
    }
    if (!p.bounds.isEmpty()) {
        if (p.bounds.width() < 1e-6 && p.bounds.height() < 1e-6)
            emit centerRequested(p.bounds.minY, p.bounds.minX, 10);
        else
            emit fitRequested(toRect(p.bounds));
    }
}

// ------------------------------------------------------------ selection

QVariantList Controller::pathsOf(const Geometry& g) const {
    QVariantList paths;
    for (std::size_t r = 0; r + 1 < g.rings.size(); ++r) {
        QVariantList path;
        for (std::uint32_t i = g.rings[r]; i < g.rings[r + 1]; ++i)
            path << coordinate(g.xy[std::size_t{2} * i + 1], g.xy[std::size_t{2} * i]);
        if (g.isPolygonal() && !path.isEmpty()) path << path.front();
        paths << QVariant(path);
    }
    return paths;
}

bool Controller::selectCounty(const QString& nameOrCode, bool zoom) {
    if (!db_ || !scene_) return false;
    try {
        const CountyRef ref = db_->resolveCounty(nameOrCode.toStdString());
        const int i = scene_->countyIndex(qs(ref.adcode));
        if (i < 0) return false;
        setSelection({HitKind::County, i});
        if (zoom) emit fitRequested(toRect(db_->countyBounds(ref.adcode)));
        return true;
    } catch (const Error& e) {
        setStatus(qs(e.what()));
        return false;
    }
}

void Controller::selectTown(const QString& id, bool zoom) {
    if (!scene_) return;
    const int i = scene_->townIndex(id);
    if (i < 0) return;
    setSelection({HitKind::Town, i});
    const PointItem& t = scene_->towns()[static_cast<std::size_t>(i)];
    if (zoom && t.located) emit centerRequested(t.lat, t.lon, 9.5);
}

void Controller::clearSelection() {
    setSelection({});
}

void Controller::clickAt(double lon, double lat, double metresPerPixel) {
    if (!scene_) return;
    QElapsedTimer timer;
    timer.start();
    const SceneIndex::Layers layers = hitLayers();
    const Hit hit =
        scene_->hitTest(lonToMercX(lon), latToMercY(lat), 8 * metresPerPixel, filter_, layers);
    lastHitTestUs_ = timer.nsecsElapsed() / 1e3;
    setSelection(hit);
}

void Controller::hoverAt(double lon, double lat, double metresPerPixel) {
    if (!scene_) return;
    const SceneIndex::Layers layers = hitLayers();
    const Hit hit =
        scene_->hitTest(lonToMercX(lon), latToMercY(lat), 8 * metresPerPixel, filter_, layers);
    if (hit.kind == hover_.kind && hit.index == hover_.index) return;
    hover_ = hit;
    hoverPaths_.clear();
    hoverText_.clear();
    const auto idx = static_cast<std::size_t>(hit.index);
    switch (hit.kind) {
        case HitKind::County: {
            const CountyItem& c = scene_->counties()[idx];
            hoverPaths_ = pathsOf(c.lonLat);
            int towns = 0;
            for (const auto& t : scene_->towns())
                if (t.countyAdcode == c.adcode && filter_.accepts(t)) ++towns;
            hoverText_ =
                tr("%1, %2 — %n specialty town(s)", nullptr, towns).arg(c.name, c.prefecture);
            break;
        }
        case HitKind::Town: {
            const PointItem& t = scene_->towns()[idx];
            hoverText_ = t.name + QStringLiteral("\n") + t.sector + QStringLiteral(" · ") +
                         levelLabel(t.level);
            break;
        }
        case HitKind::Park:
        case HitKind::Platform: {
            const PointItem& p =
                (hit.kind == HitKind::Park ? scene_->parks() : scene_->platforms())[idx];
            hoverText_ =
                p.name + (p.sector.isEmpty() ? QString() : QStringLiteral("\n") + p.sector);
            break;
        }
        case HitKind::LayoutElement: {
            const LayoutItem& l = scene_->layout()[idx];
            hoverPaths_ = pathsOf(l.lonLat);
            hoverText_ = l.name + QStringLiteral(" (") + kindLabel(l.kind) + QStringLiteral(")");
            break;
        }
        case HitKind::None:
            break;
    }
    emit hoverChanged();
}

void Controller::clearHover() {
    if (!hover_) return;
    hover_ = {};
    hoverPaths_.clear();
    hoverText_.clear();
    emit hoverChanged();
}

void Controller::setSelection(Hit hit) {
    selection_ = hit;
    countyView_.reset();
    townView_.reset();
    cityView_.reset();
    selectionKind_.clear();
    selectionTitle_.clear();
    selectionSubtitle_.clear();
    selectionCity_.clear();
    selectionCityAdcode_.clear();
    selectionPaths_.clear();
    if (scene_ && db_ && hit) {
        const auto idx = static_cast<std::size_t>(hit.index);
        try {
            switch (hit.kind) {
                case HitKind::County: {
                    const CountyItem& c = scene_->counties()[idx];
                    countyView_ = reader().county(c.adcode.toStdString());
                    selectionKind_ = QStringLiteral("county");
                    selectionTitle_ = qs(countyView_->name);
                    selectionSubtitle_ =
                        tr("%1 · code %2").arg(qs(countyView_->prefecture), c.adcode);
                    selectionCity_ = c.prefecture;
                    selectionCityAdcode_ = c.prefectureAdcode;
                    selectionPaths_ = pathsOf(c.lonLat);
                    break;
                }
                case HitKind::Town: {
                    const PointItem& t = scene_->towns()[idx];
                    townView_ = reader().town(t.id.toStdString());
                    selectionKind_ = QStringLiteral("town");
                    selectionTitle_ = qs(townView_->name);
                    selectionSubtitle_ =
                        (viewLang() == Lang::En && townView_->name != townView_->nameZh
                             ? qs(townView_->nameZh) + QStringLiteral(" · ")
                             : QString()) +
                        qs(townView_->prefecture) +
                        (townView_->county.empty() ? QString()
                                                   : QStringLiteral(" · ") + qs(townView_->county));
                    selectionCity_ = t.prefecture;
                    const int ci = scene_->countyIndex(t.countyAdcode);
                    if (ci >= 0) {
                        selectionPaths_ =
                            pathsOf(scene_->counties()[static_cast<std::size_t>(ci)].lonLat);
                        selectionCityAdcode_ =
                            scene_->counties()[static_cast<std::size_t>(ci)].prefectureAdcode;
                    } else if (auto pref = db_->resolvePrefecture(t.prefecture.toStdString())) {
                        selectionCityAdcode_ = qs(pref->first);  // a town without a county
                    }
                    break;
                }
                case HitKind::Park:
                case HitKind::Platform: {
                    const PointItem& p =
                        (hit.kind == HitKind::Park ? scene_->parks() : scene_->platforms())[idx];
                    selectionKind_ = hit.kind == HitKind::Park ? QStringLiteral("park")
                                                               : QStringLiteral("platform");
                    selectionTitle_ = p.name;
                    selectionSubtitle_ =
                        kindLabel(selectionKind_) +
                        (p.county.isEmpty() ? QString() : QStringLiteral(" · ") + p.county);
                    break;
                }
                case HitKind::LayoutElement: {
                    const LayoutItem& l = scene_->layout()[idx];
                    selectionKind_ = QStringLiteral("layout");
                    selectionTitle_ = l.name;
                    selectionSubtitle_ =
                        kindLabel(l.kind) + QStringLiteral(" · ") + tr("schematic");
                    selectionPaths_ = pathsOf(l.lonLat);
                    break;
                }
                case HitKind::None:
                    break;
            }
        } catch (const Error& e) {
            setError(tr("Cannot read the summary"), qs(e.what()), {});
        }
    }
    rebuildSummary();
    emit selectionChanged();
}

ViewReader& Controller::reader() {
    if (!reader_) reader_ = std::make_unique<ViewReader>(*db_, viewLang());
    return *reader_;
}

Lang Controller::viewLang() const {
    return language_ == QStringLiteral("en") ? Lang::En : Lang::Zh;
}

bool Controller::selectCity(const QString& nameOrCode, bool zoom) {
    if (!db_ || !scene_) return false;
    try {
        const auto pref = db_->resolvePrefecture(nameOrCode.toStdString());
        if (!pref) {
            setStatus(tr("Unknown city: %1").arg(nameOrCode));
            return false;
        }
        CityView city = reader().city(pref->first);
        setSelection({});
        cityView_ = std::move(city);
        selectionKind_ = QStringLiteral("city");
        selectionTitle_ = qs(cityView_->name);
        selectionSubtitle_ = tr("City · code %1").arg(qs(cityView_->adcode));
        selectionCity_ = qs(pref->second);
        selectionCityAdcode_ = qs(pref->first);
        rebuildSummary();
        emit selectionChanged();
        if (zoom) emit fitRequested(toRect(db_->prefectureBounds(pref->first)));
        return true;
    } catch (const Error& e) {
        setError(tr("Cannot read the summary"), qs(e.what()), {});
        return false;
    }
}

void Controller::rebuildSummary() {
    QVector<QVariantMap> rows;
    auto section = [&](const QString& title) {
        rows.push_back(row({{"kind", "section"}, {"title", title}}));
    };
    auto info = [&](const QString& text) {
        if (!text.isEmpty()) rows.push_back(row({{"kind", "info"}, {"title", text}}));
    };
    // Documents of the view being laid out: provenance detail by id.
    std::map<std::string, const SourceView*> documents;
    auto useDocuments = [&](const std::vector<SourceView>& list) {
        for (const SourceView& s : list) documents[s.id] = &s;
    };
    auto provenance = [&](const std::string& sourceId) {
        const auto it = documents.find(sourceId);
        return it == documents.end() ? QString() : provenanceOf(*it->second);
    };
    auto citation = [&](const std::string& sourceId) {
        const auto it = documents.find(sourceId);
        return it == documents.end() ? QString() : qs(it->second->citation);
    };
    auto noteRow = [&](const NoteView& n) {
        rows.push_back(
            row({{"kind", "note"}, {"title", qs(n.text)}, {"warn", n.kind == "conflict"}}));
    };
    auto factRows = [&](const TownView& t) {
        for (const FactView& f : t.facts) {
            QStringList other;
            for (const FactView::Conflict& c : f.conflicts) {
                QString line = tr("Other reading: %1").arg(qs(c.other.value));
                if (!c.other.town.empty()) line += QStringLiteral(" · ") + qs(c.other.town);
                if (c.other.label != f.label) line += QStringLiteral(" · ") + qs(c.other.label);
                other << line << qs(c.other.citation)
                      << QStringLiteral("「") + qs(c.other.quote) + QStringLiteral("」");
                if (c.note) other << qs(c.note->text);
            }
            rows.push_back(row({{"kind", "fact"},
                                {"title", qs(f.label)},
                                {"detail", qs(f.valueWithYear)},
                                {"badge", qs(f.scopeBadge)},
                                {"badgeKind", QString::fromLatin1(scopeCode(f.scope))},
                                {"warn", f.conflicted()},
                                {"other", other.join(QStringLiteral("\n"))},
                                {"notes", joinNotes(f.notes)},
                                {"source", qs(f.citation)},
                                {"quote", qs(f.source.quote)},
                                {"provenance", provenance(f.source.sourceId)},
                                {"id", qs(t.id)}}));
        }
    };
    auto townRow = [&](const TownView& t, bool copyable) {
        QString detail = qs(t.sector);
        if (!t.sectorGroup.empty() && t.sectorGroup != t.sector)
            detail += viewLang() == Lang::Zh
                          ? QStringLiteral("（") + qs(t.sectorGroup) + QStringLiteral("）")
                          : QStringLiteral(" (") + qs(t.sectorGroup) + QStringLiteral(")");
        const QuoteView* src = t.provenance.empty() ? nullptr : &t.provenance.front();
        rows.push_back(row({{"kind", copyable ? "town" : "townHead"},
                            {"title", qs(t.name)},
                            {"detail", detail},
                            {"extra", qs(t.levelText)},
                            {"level", qs(t.level)},
                            {"source", src ? citation(src->sourceId) : QString()},
                            {"quote", src ? qs(src->quote) : QString()},
                            {"provenance", src ? provenance(src->sourceId) : QString()},
                            {"id", qs(t.id)}}));
    };
    auto fullTown = [&](const TownView& t, bool copyable) {
        townRow(t, copyable);
        if (!t.nameAsWritten.empty())
            info(tr("As written in the source: %1")
                     .arg(QStringLiteral("「") + qs(t.nameAsWritten) + QStringLiteral("」")));
        if (t.countyAdcode.empty()) info(tr("County: not stated in the sources"));
        if (t.facts.empty()) info(tr("The sources give no figures for this town."));
        factRows(t);
        for (const NoteView& n : t.notes) noteRow(n);
    };
    auto parkRows = [&](const std::vector<ParkView>& list, bool platform) {
        for (const ParkView& p : list) {
            const QuoteView* src = p.provenance.empty() ? nullptr : &p.provenance.front();
            QString detail = platform ? qs(p.kindText) : qs(p.industry);
            rows.push_back(row({{"kind", "park"},
                                {"title", qs(p.name)},
                                {"detail", detail},
                                {"extra", platform ? QString() : qs(p.kindText)},
                                {"source", src ? citation(src->sourceId) : QString()},
                                {"quote", src ? qs(src->quote) : QString()},
                                {"provenance", src ? provenance(src->sourceId) : QString()}}));
            for (const NoteView& n : p.notes) noteRow(n);
        }
    };
    auto projectRows = [&](const std::vector<ProjectView>& list, bool withCounty) {
        for (const ProjectView& p : list) {
            QStringList detail;
            if (!p.industry.empty()) detail << qs(p.industry);
            if (withCounty) detail << (p.county.empty() ? tr("county not stated") : qs(p.county));
            if (!p.investment.empty()) detail << tr("investment %1").arg(qs(p.investment));
            if (!p.builder.empty()) detail << qs(p.builder);
            rows.push_back(row({{"kind", "project"},
                                {"title", qs(p.name)},
                                {"detail", detail.join(QStringLiteral(" · "))},
                                {"extra", qs(p.content)},
                                {"source", qs(p.citation)},
                                {"quote", qs(p.source.quote)},
                                {"provenance", provenance(p.source.sourceId)}}));
            for (const NoteView& n : p.notes) noteRow(n);
        }
    };
    auto sourceRows = [&](const std::vector<SourceView>& list) {
        if (list.empty()) return;
        section(tr("Sources (%1)").arg(list.size()));
        for (const SourceView& s : list)
            rows.push_back(row({{"kind", "source"},
                                {"title", qs(s.citation)},
                                {"notes", joinNotes(s.notes)},
                                {"provenance", provenanceOf(s)}}));
    };
    auto notesSection = [&](const std::vector<NoteView>& notes, const std::string& version) {
        section(tr("Data notes"));
        for (const NoteView& n : notes) noteRow(n);
        info(tr("Data version %1").arg(qs(version)));
    };

    if (countyView_) {
        const CountyView& v = *countyView_;
        useDocuments(v.sources);
        rows.push_back(row({{"kind", "link"},
                            {"title", tr("%1: city summary").arg(qs(v.prefecture))},
                            {"id", qs(v.prefectureAdcode)}}));
        section(tr("Specialty towns (%1)").arg(v.towns.size()));
        if (v.towns.empty())
            info(v.coverage == "full" ? tr("The sources list no specialty town in this county.")
                                      : tr("No data: the sources do not list all towns of %1.")
                                            .arg(qs(v.prefecture)));
        for (const TownView& t : v.towns) fullTown(t, true);
        if (!v.parks.empty() || !v.platforms.empty()) {
            section(tr("Parks and platforms (%1)").arg(v.parks.size() + v.platforms.size()));
            parkRows(v.parks, false);
            parkRows(v.platforms, true);
        }
        if (!v.projects.empty()) {
            section(tr("Planned projects (%1)").arg(v.projects.size()));
            projectRows(v.projects, false);
        }
        sourceRows(v.sources);
        notesSection(v.notes, v.dataVersion);
    } else if (cityView_) {
        const CityView& v = *cityView_;
        useDocuments(v.sources);
        section(tr("Overview"));
        info(qs(v.coverageText));
        QStringList perCounty, without;
        for (const CityView::CountyLine& c : v.counties)
            (c.towns > 0 ? perCounty : without)
                << (c.towns > 0 ? qs(c.name) + QStringLiteral(" ") + QString::number(c.towns)
                                : qs(c.name));
        if (!perCounty.isEmpty())
            info(tr("Towns per county: %1").arg(perCounty.join(QStringLiteral("、"))));
        if (!without.isEmpty())
            info(tr("No towns in the sources: %1").arg(without.join(QStringLiteral("、"))));
        std::vector<const TownView*> unplaced;
        for (const char* level : {"provincial", "municipal", "unknown"}) {
            std::vector<const TownView*> list;
            for (const TownView& t : v.towns)
                if (t.level == level) list.push_back(&t);
            if (list.empty()) continue;
            section(tr("%1 (%2)").arg(qs(levelWord(level, viewLang()))).arg(list.size()));
            for (const TownView* t : list) {
                const QString where = t->county.empty() ? tr("county not stated") : qs(t->county);
                rows.push_back(row({{"kind", "townLine"},
                                    {"title", qs(t->name)},
                                    {"detail", where + QStringLiteral(" · ") + qs(t->sectorGroup)},
                                    {"level", qs(t->level)},
                                    {"id", qs(t->id)}}));
                if (t->countyAdcode.empty()) unplaced.push_back(t);
            }
        }
        if (!unplaced.empty()) {
            section(tr("Towns whose county the sources do not state"));
            for (const TownView* t : unplaced) fullTown(*t, true);
        }
        if (!v.layout.empty()) {
            section(tr("Corridor, core and belt (schematic)"));
            for (const LayoutElementView& l : v.layout) {
                const QuoteView* src = l.provenance.empty() ? nullptr : &l.provenance.front();
                rows.push_back(row({{"kind", "park"},
                                    {"title", qs(l.name)},
                                    {"detail", qs(l.kindText)},
                                    {"extra", qs(l.description)},
                                    {"source", src ? citation(src->sourceId) : QString()},
                                    {"quote", src ? qs(src->quote) : QString()},
                                    {"provenance", src ? provenance(src->sourceId) : QString()}}));
                for (const NoteView& n : l.notes) noteRow(n);
            }
        }
        if (!v.parks.empty() || !v.platforms.empty()) {
            section(tr("Parks and platforms (%1)").arg(v.parks.size() + v.platforms.size()));
            parkRows(v.parks, false);
            parkRows(v.platforms, true);
        }
        if (!v.projects.empty()) {
            section(tr("Planned projects (%1)").arg(v.projects.size()));
            projectRows(v.projects, true);
        }
        if (!v.counts.empty()) {
            section(tr("Counts stated in the documents"));
            for (const DocCountView& c : v.counts) {
                rows.push_back(row({{"kind", "fact"},
                                    {"title", qs(c.scope) + QStringLiteral(" · ") + qs(c.what)},
                                    {"detail", QString::number(c.count)},
                                    {"source", qs(c.citation)},
                                    {"quote", qs(c.source.quote)},
                                    {"provenance", provenance(c.source.sourceId)}}));
                for (const NoteView& n : c.notes) noteRow(n);
            }
        }
        sourceRows(v.sources);
        notesSection(v.notes, v.dataVersion);
    } else if (townView_) {
        const TownView& t = *townView_;
        const std::vector<SourceView> sources = reader().sourcesOf({t});
        useDocuments(sources);
        if (!selectionCityAdcode_.isEmpty())
            rows.push_back(row({{"kind", "link"},
                                {"title", tr("%1: city summary").arg(qs(t.prefecture))},
                                {"id", selectionCityAdcode_}}));
        section(tr("Specialty town"));
        fullTown(t, false);
        sourceRows(sources);
        section(tr("Data notes"));
        if (t.locationPrecision == "county")
            info(tr(
                "The point shows the county (county-level placement), not the town's location."));
    } else if (scene_ && selection_ &&
               (selection_.kind == HitKind::Park || selection_.kind == HitKind::Platform ||
                selection_.kind == HitKind::LayoutElement)) {
        const auto idx = static_cast<std::size_t>(selection_.index);
        QString table, id;
        if (selection_.kind == HitKind::LayoutElement) {
            const LayoutItem& l = scene_->layout()[idx];
            table = QStringLiteral("layout_elements");
            id = l.id;
            section(kindLabel(l.kind));
            if (!l.description.isEmpty()) info(l.description);
            info(tr("The shape is schematic, derived from the places the plan names."));
        } else {
            const bool park = selection_.kind == HitKind::Park;
            const PointItem& p = (park ? scene_->parks() : scene_->platforms())[idx];
            table = park ? QStringLiteral("parks") : QStringLiteral("platforms");
            id = p.id;
            section(kindLabel(selectionKind_));
            if (!p.sector.isEmpty()) info(tr("Industry: %1").arg(p.sector));
            if (!p.kind.isEmpty()) info(tr("Layout: %1").arg(kindLabel(p.kind)));
            if (!p.county.isEmpty()) info(tr("County: %1").arg(p.county));
            info(
                tr("The point shows the county (county-level placement), not the exact location."));
        }
        try {
            const std::vector<SourceView> all = reader().allSources();
            useDocuments(all);
            auto stmt = db_->database()->prepare(
                "SELECT source_id, quote FROM provenance WHERE subject_table = ?1 AND "
                "subject_id = ?2 ORDER BY id");
            stmt.bind(1, table.toStdString()).bind(2, id.toStdString());
            bool first = true;
            while (stmt.step()) {
                if (first) section(tr("Sources"));
                first = false;
                rows.push_back(row({{"kind", "source"},
                                    {"title", citation(stmt.columnText(0))},
                                    {"source", citation(stmt.columnText(0))},
                                    {"quote", qs(stmt.columnText(1))},
                                    {"provenance", provenance(stmt.columnText(0))}}));
            }
        } catch (const Error&) {
        }
    }
    summary_.setRows(rows);
}

// ------------------------------------------------------------ view

QVariantMap Controller::extentRect(const QString& specIn) const {
    const QString spec = specIn.trimmed();
    Bounds b;
    if (spec.isEmpty() || spec == "province" || spec == "shanxi" || spec == "山西" ||
        spec == "山西省") {
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
            } catch (const Error&) {
            }
        }
    }
    return toRect(b);
}

void Controller::zoomToShanxi() {
    emit fitRequested(extentRect(QStringLiteral("province")));
}

void Controller::zoomToCity() {
    if (!db_) return;
    if (selectionCityAdcode_.isEmpty()) {
        setStatus(tr("Select a county or town first"));
        return;
    }
    try {
        emit fitRequested(toRect(db_->prefectureBounds(selectionCityAdcode_.toStdString())));
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

QString Controller::coordinateText(double lon, double lat) const {
    return QStringLiteral("%1°%2  %3°%4")
        .arg(std::abs(lon), 0, 'f', 4)
        .arg(lon >= 0 ? tr("E") : tr("W"))
        .arg(std::abs(lat), 0, 'f', 4)
        .arg(lat >= 0 ? tr("N") : tr("S"));
}

QString Controller::scaleText(double metresPerPixel, double lat) const {
    // Ground metres per screen pixel at the centre latitude, 96 DPI screen.
    const double ground = metresPerPixel * std::cos(lat * kPi / 180.0);
    const double scale = ground / (0.0254 / 96.0);
    double rounded = scale;
    if (scale > 1000) {
        const double mag = std::pow(10.0, std::floor(std::log10(scale)) - 1);
        rounded = std::round(scale / mag) * mag;
    }
    return tr("Scale 1:%L1").arg(static_cast<qlonglong>(rounded));
}

// ------------------------------------------------------------ copy / export

void Controller::copySummary() {
    QString text;
    if (countyView_)
        text = qs(countySummaryText(*countyView_));
    else if (cityView_)
        text = qs(citySummaryText(*cityView_));
    else if (townView_)
        text = qs(townSummaryText(*townView_, reader().sourcesOf({*townView_}), viewLang()));
    else {
        text = selectionTitle_ + QStringLiteral("\n") + selectionSubtitle_ + QStringLiteral("\n");
        for (const QVariantMap& r : summary_.rows()) {
            text += r.value("title").toString();
            if (!r.value("detail").toString().isEmpty())
                text += QStringLiteral("：") + r.value("detail").toString();
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

}  // namespace jinmap::viewer
