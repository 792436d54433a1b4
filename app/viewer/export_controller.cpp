#include "export_controller.h"

#include <QCoreApplication>
#include <QDate>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QQmlContext>
#include <QQmlEngine>
#include <QQuickImageProvider>
#include <QStandardPaths>
#include <QTimer>
#include <QUrl>
#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <mutex>

#include "base/error.h"
#include "controller.h"
#include "data/feature.h"
#include "data/geodatabase.h"
#include "error_text.h"
#include "export/geo_measure.h"
#include "map_math.h"
#include "style/style.h"
#include "style/style_parser.h"

namespace jinmap::viewer {

// The newest preview image, shared by the controller (GUI thread) and the
// engine's image provider (whichever is destroyed last frees it).
struct PreviewStore {
    std::mutex mutex;
    QImage image;
};

namespace {

class PreviewProvider final : public QQuickImageProvider {
  public:
    explicit PreviewProvider(std::shared_ptr<PreviewStore> store)
        : QQuickImageProvider(QQuickImageProvider::Image), store_(std::move(store)) {}
    QImage requestImage(const QString& /*id*/, QSize* size, const QSize& /*requested*/) override {
        std::lock_guard<std::mutex> lock(store_->mutex);
        if (size) *size = store_->image.size();
        return store_->image;
    }

  private:
    std::shared_ptr<PreviewStore> store_;
};

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

qint64 nowNs() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// Shortest text that reads back as the same double (std::to_chars).
QString numberText(double v) {
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    return QString::fromLatin1(buf, static_cast<int>(r.ptr - buf));
}

QString shellQuoted(const QString& arg) {
    static const QString plain =
        QStringLiteral("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.,:/=+@%");
    bool safe = !arg.isEmpty();
    for (const QChar c : arg) safe = safe && (c.unicode() > 127 || plain.contains(c));
    if (safe) return arg;
    QString q = arg;
    q.replace(QStringLiteral("'"), QStringLiteral("'\\''"));
    return QStringLiteral("'") + q + QStringLiteral("'");
}

std::string fieldText(const Feature& f, const Fields& fields, const char* name) {
    const int i = fields.indexOf(name);
    return i < 0 ? std::string() : valueToString(f.properties[static_cast<std::size_t>(i)]);
}

// `jinmap export` arguments for a request (without the program name): the
// command line shown in the dialog, and the key under which the worker keeps
// an Exporter for previews.
QStringList commandArgs(const ExportRequest& r) {
    QStringList a{QStringLiteral("export"), QStringLiteral("--style"), qs(r.stylePath)};
    switch (r.kind) {
        case ExportRequest::Kind::Map:
            if (r.viewExtent)
                a << QStringLiteral("--view-extent")
                  << QStringList{numberText(r.viewExtent->minX), numberText(r.viewExtent->minY),
                                 numberText(r.viewExtent->maxX), numberText(r.viewExtent->maxY)}
                         .join(QLatin1Char(','));
            else
                a << QStringLiteral("--extent") << qs(r.extent);
            break;
        case ExportRequest::Kind::Atlas:
            a << QStringLiteral("--atlas") << qs(r.atlas);
            break;
        case ExportRequest::Kind::CountySheet:
            a << QStringLiteral("--county-sheet") << qs(r.county);
            if (!r.tableOutput.empty()) a << QStringLiteral("--table") << qs(r.tableOutput);
            break;
    }
    a << QStringLiteral("--format") << QString::fromLatin1(formatExtension(r.format));
    if (r.page.paper == "custom") {
        const QSizeF mm = r.page.sizeMm();
        a << QStringLiteral("--paper")
          << numberText(mm.width()) + QLatin1Char('x') + numberText(mm.height());
    } else {
        a << QStringLiteral("--paper") << qs(r.page.paper) << QStringLiteral("--orientation")
          << (r.page.orientation == Orientation::Landscape ? QStringLiteral("landscape")
                                                           : QStringLiteral("portrait"));
    }
    a << QStringLiteral("--dpi") << QString::number(r.page.dpi);
    if (r.page.marginMm != PageSetup().marginMm)
        a << QStringLiteral("--margin") << numberText(r.page.marginMm);
    a << QStringLiteral("--crs") << qs(r.crs);
    if (!r.title.empty()) a << QStringLiteral("--title") << qs(r.title);
    if (!r.subtitle.empty()) a << QStringLiteral("--subtitle") << qs(r.subtitle);
    if (!r.exportDate.empty()) a << QStringLiteral("--date") << qs(r.exportDate);
    if (!r.legend) a << QStringLiteral("--no-legend");
    if (!r.scaleBar) a << QStringLiteral("--no-scale-bar");
    if (!r.northArrow) a << QStringLiteral("--no-north-arrow");
    if (!r.inset) a << QStringLiteral("--no-inset");
    if (!r.notes) a << QStringLiteral("--no-notes");
    a << QStringLiteral("-o") << qs(r.output);
    return a;
}

double overlapRatio(const Bounds& a, const Bounds& b) {
    const double w = std::min(a.maxX, b.maxX) - std::max(a.minX, b.minX);
    const double h = std::min(a.maxY, b.maxY) - std::max(a.minY, b.minY);
    if (!(w > 0 && h > 0)) return 0;
    const double inter = w * h;
    const double uni = a.width() * a.height() + b.width() * b.height() - inter;
    return uni > 0 ? inter / uni : 0;
}

}  // namespace

// An area a view may take its title from: the province, a city, a county.
struct ExportController::AreaBox {
    enum class Kind { Province, Prefecture, County };
    Kind kind = Kind::County;
    QString name, adcode, prefectureAdcode;
    Bounds lonLat;
};

// Read once per database, on the GUI thread's connection.
const std::vector<ExportController::AreaBox>& ExportController::areas() {
    const auto db = controller_->database();
    const QString path = db ? qs(db->path()) : QString();
    if (path == areasFrom_) return areas_;
    areas_.clear();
    areasFrom_ = path;
    if (!db) return areas_;
    try {
        areas_.push_back({AreaBox::Kind::Province,
                          QStringLiteral("山西省"),
                          QStringLiteral("140000"),
                          {},
                          db->provinceBounds()});
        for (const char* relation : {"prefectures", "counties"}) {
            auto src = db->source(relation);
            const bool county = std::string(relation) == "counties";
            for (const Feature& f : readAll(*src))
                areas_.push_back({county ? AreaBox::Kind::County : AreaBox::Kind::Prefecture,
                                  qs(fieldText(f, src->fields(), "name")),
                                  qs(fieldText(f, src->fields(), "adcode")),
                                  qs(fieldText(f, src->fields(), "prefecture_adcode")),
                                  f.geometry.bounds});
        }
    } catch (const Error&) {
    }
    return areas_;
}

// Runs on the export thread. Owns that thread's database connection (opened
// there, read-only), the previews' ExportCache (projected context and map
// drawer, so that a new title does not project the province again) and the
// Exporter they reuse while only the previewed page changes. Writing uses a
// fresh Exporter without the cache: exactly what `jinmap export` runs.
class ExportWorker : public QObject {
  public:
    explicit ExportWorker(QString dbPath) : dbPath_(std::move(dbPath)) {}

    std::shared_ptr<GeoDatabase> database() {
        if (!db_) db_ = GeoDatabase::open(dbPath_.toStdString());
        return db_;
    }
    Exporter& exporterFor(const ExportRequest& request, const QString& key) {
        if (!exporter_ || key != key_) {
            exporter_.reset();
            key_.clear();
            exporter_ = std::make_unique<Exporter>(database(), request, &cache_);
            key_ = key;
        }
        return *exporter_;
    }
    // Before the thread ends: the connection closes on the thread that opened it.
    void release() {
        exporter_.reset();
        cache_.clear();
        db_.reset();
    }

  private:
    QString dbPath_;
    std::shared_ptr<GeoDatabase> db_;
    ExportCache cache_;
    std::unique_ptr<Exporter> exporter_;
    QString key_;
};

// ------------------------------------------------------------------ setup

ExportController::ExportController(Controller* controller, QObject* parent)
    : QObject(parent),
      controller_(controller),
      previews_(std::make_shared<PreviewStore>()),
      latestPreview_(std::make_shared<std::atomic<quint64>>(0)) {
    const QString dbPath =
        controller_->database() ? qs(controller_->database()->path()) : QString();
    worker_ = new ExportWorker(dbPath);
    worker_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
    thread_.setObjectName(QStringLiteral("jinmap-export"));
    thread_.start();
    folder_ = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (folder_.isEmpty() || !QFileInfo(folder_).isDir()) folder_ = QDir::homePath();
    connect(controller_, &Controller::languageChanged, this, &ExportController::retranslate);
}

ExportController::~ExportController() {
    if (cancel_) cancel_->cancel();
    latestPreview_->store(~quint64{0});  // every queued preview is superseded
    // The connection and the caches go on the thread that made them; a
    // running export stops at its next page or band.
    ExportWorker* worker = worker_;
    QMetaObject::invokeMethod(
        worker_, [worker] { worker->release(); }, Qt::BlockingQueuedConnection);
    thread_.quit();
    thread_.wait();
}

void ExportController::install(QQmlEngine& engine) {
    engine.rootContext()->setContextProperty(QStringLiteral("exporter"), this);
    engine.addImageProvider(QStringLiteral("exportpreview"), new PreviewProvider(previews_));
}

void ExportController::retranslate() {
    emit contextChanged();
    emit checkChanged();
    emit stateChanged();
}

// ------------------------------------------------------------------ settings

void ExportController::settingsEdited() {
    emit settingsChanged();
    emit stateChanged();
    schedule();
}

void ExportController::setKind(const QString& v) {
    if (v == s_.kind || (v != "map" && v != "atlas" && v != "sheet")) return;
    if (v == "sheet" && !canSheet()) return;
    s_.kind = v;
    // The CLI's defaults for the kind: a county sheet is an A4 portrait page,
    // maps and atlases A3 landscape.
    s_.paper = v == "sheet" ? QStringLiteral("A4") : QStringLiteral("A3");
    s_.orientation = v == "sheet" ? QStringLiteral("portrait") : QStringLiteral("landscape");
    previewPage_ = 0;
    applyAutoTitles();
    settingsEdited();
}

void ExportController::setFormat(const QString& v) {
    if (v != "pdf" && v != "png" && v != "svg" && v != "tif") return;
    set(s_.format, v);
}

QString ExportController::orientation() const {
    if (s_.paper != "custom") return s_.orientation;
    return s_.paperWidthMm > s_.paperHeightMm ? QStringLiteral("landscape")
                                              : QStringLiteral("portrait");
}

void ExportController::setCrs(const QString& v) {
    // "EPSG:4546 — CGCS2000 …" from an edited combo box: the code is what counts.
    QString code = v.trimmed();
    const int dash = code.indexOf(QStringLiteral(" "));
    if (dash > 0) code = code.left(dash);
    if (code.isEmpty()) return;
    if (!code.contains(QLatin1Char(':')) && code.toInt() > 0) code.prepend(QStringLiteral("EPSG:"));
    set(s_.crs, code.toUpper());
}

void ExportController::setTitle(const QString& v) {
    if (v == s_.title) return;
    s_.title = v;
    titleEdited_ = v != autoTitle();
    settingsEdited();
}

void ExportController::setSubtitle(const QString& v) {
    if (v == s_.subtitle) return;
    s_.subtitle = v;
    subtitleEdited_ = v != autoSubtitle();
    settingsEdited();
}

void ExportController::setExtent(const QString& v) {
    if (v == s_.extent) return;
    if (v == "county" && ctx_.countyAdcode.isEmpty()) return;
    if (v == "city" && ctx_.cityAdcode.isEmpty()) return;
    if (v == "view" && !ctx_.view) return;
    if (v != "view" && v != "county" && v != "city" && v != "province") return;
    s_.extent = v;
    applyAutoTitles();
    settingsEdited();
}

void ExportController::setAtlas(const QString& v) {
    if (v == s_.atlas || (v != "prefectures" && v != "counties")) return;
    if (v == "counties" && ctx_.cityAdcode.isEmpty()) return;
    s_.atlas = v;
    previewPage_ = 0;
    applyAutoTitles();
    settingsEdited();
}

void ExportController::resetTitles() {
    titleEdited_ = subtitleEdited_ = false;
    applyAutoTitles();
    settingsEdited();
}

// ------------------------------------------------------------------ context

void ExportController::refreshContext() {
    Context c;
    c.view = viewProvider_ ? viewProvider_() : std::nullopt;
    if (c.view && (c.view->isEmpty() || !(c.view->width() > 0))) c.view.reset();
    c.stylePath = controller_->styleFile();
    if (c.stylePath.isEmpty()) {
        c.styleError = tr("The theme has no style file; start jinmap with --style FILE.");
    } else {
        try {
            c.style = parseStyleFile(c.stylePath.toStdString()).style;
        } catch (const Error& e) {
            c.styleError = QString::fromUtf8(e.what());
        }
    }
    const auto db = controller_->database();
    if (db) {
        try {
            c.countyAdcode = controller_->selectionCountyAdcode();
            if (!c.countyAdcode.isEmpty()) {
                if (auto county = db->countyByAdcode(c.countyAdcode.toStdString())) {
                    c.countyName = qs(county->name);
                    c.countyCity = qs(county->prefecture);
                } else {
                    c.countyAdcode.clear();
                }
            }
            c.cityAdcode = controller_->selectionCityAdcode();
            if (!c.cityAdcode.isEmpty()) {
                if (auto pref = db->resolvePrefecture(c.cityAdcode.toStdString()))
                    c.cityName = qs(pref->second);
                else
                    c.cityAdcode.clear();
            }
            for (const AreaBox& a : areas()) {
                c.prefectures += a.kind == AreaBox::Kind::Prefecture ? 1 : 0;
                c.cityCounties += a.kind == AreaBox::Kind::County && !c.cityAdcode.isEmpty() &&
                                          a.prefectureAdcode == c.cityAdcode
                                      ? 1
                                      : 0;
            }
        } catch (const Error&) {
        }
    }
    QStringList unapplied;
    if (controller_->filterActive())
        unapplied << tr("the town filter (level, sector, city): every town of the theme is drawn");
    bool hidden = false;
    for (const QVariantMap& row : controller_->layerRows().rows())
        hidden = hidden || !row.value(QStringLiteral("visible")).toBool();
    if (hidden) unapplied << tr("hidden layers: the export draws the theme's every layer");
    if (!unapplied.isEmpty())
        c.viewNote = tr("Not applied to the export: %1.").arg(unapplied.join(tr("; ")));
    ctx_ = std::move(c);
    if (s_.extent == "county" && ctx_.countyAdcode.isEmpty()) s_.extent = QStringLiteral("view");
    if (s_.extent == "city" && ctx_.cityAdcode.isEmpty()) s_.extent = QStringLiteral("view");
    if (s_.extent == "view" && !ctx_.view) s_.extent = QStringLiteral("province");
    if (s_.atlas == "counties" && ctx_.cityAdcode.isEmpty())
        s_.atlas = QStringLiteral("prefectures");
    if (s_.kind == "sheet" && ctx_.countyAdcode.isEmpty()) s_.kind = QStringLiteral("map");
}

QString ExportController::areaName() const {
    if (s_.extent == "county") return ctx_.countyName;
    if (s_.extent == "city") return ctx_.cityName;
    if (s_.extent == "view" && ctx_.view) {
        // The area the view shows best (bounds overlapping the view the most).
        const Bounds& m = *ctx_.view;
        Bounds ll;
        const QPointF lo = toLonLat({m.minX, m.minY}), hi = toLonLat({m.maxX, m.maxY});
        ll.extend(lo.x(), lo.y());
        ll.extend(hi.x(), hi.y());
        QString best = QStringLiteral("山西省");
        double bestRatio = 0.2;
        for (const AreaBox& a : areas_) {
            const double r = overlapRatio(a.lonLat, ll);
            if (r > bestRatio) {
                bestRatio = r;
                best = a.name;
            }
        }
        return best;
    }
    return QStringLiteral("山西省");
}

// The map's title (Chinese, as everything on the page): the theme's
// "jinmap:title" with {area} filled in, as `jinmap export` makes it.
QString ExportController::autoTitle() const {
    if (s_.kind != "map" || !ctx_.style) return {};
    const QString area = areaName();
    const auto it = ctx_.style->metadata.find("jinmap:title");
    if (it != ctx_.style->metadata.end() && !it->second.empty())
        return qs(it->second).replace(QStringLiteral("{area}"), area);
    if (!ctx_.style->name.empty()) return qs(ctx_.style->name);
    return area + QStringLiteral("示意图");
}

QString ExportController::autoSubtitle() const {
    if (s_.kind == "sheet") return QStringLiteral("县域产业专题图");
    if (s_.kind != "map" || !ctx_.style) return {};
    const auto it = ctx_.style->metadata.find("jinmap:title");
    const bool perArea =
        it != ctx_.style->metadata.end() && qs(it->second).contains(QStringLiteral("{area}"));
    // A title per area names the area: the subtitle names the theme. A fixed
    // title (the Datong layout) names the theme: the subtitle names the area.
    if (perArea) return qs(ctx_.style->name);
    const QString area = areaName();
    return autoTitle().contains(area) || area == QStringLiteral("山西省") ? QString() : area;
}

void ExportController::applyAutoTitles() {
    if (!titleEdited_) s_.title = autoTitle();
    if (!subtitleEdited_) s_.subtitle = autoSubtitle();
}

QVariantList ExportController::crsOptions() const {
    auto row = [](const QString& id, const QString& label) {
        return QVariantMap{{QStringLiteral("id"), id}, {QStringLiteral("label"), label}};
    };
    QVariantList out{
        row(QStringLiteral("EPSG:3857"), tr("EPSG:3857 — Web Mercator (as on screen)")),
        row(QStringLiteral("EPSG:4490"),
            tr("EPSG:4490 — CGCS2000 geographic (longitude/latitude)")),
        row(QStringLiteral("EPSG:4546"),
            tr("EPSG:4546 — CGCS2000 / 3-degree Gauss-Kruger, central meridian 111°E")),
        row(QStringLiteral("EPSG:4547"),
            tr("EPSG:4547 — CGCS2000 / 3-degree Gauss-Kruger, central meridian 114°E")),
        row(QStringLiteral("EPSG:4508"),
            tr("EPSG:4508 — CGCS2000 / 6-degree Gauss-Kruger, central meridian 111°E")),
        row(QStringLiteral("EPSG:4326"), tr("EPSG:4326 — WGS 84 geographic (longitude/latitude)")),
        row(QStringLiteral("EPSG:32649"), tr("EPSG:32649 — WGS 84 / UTM zone 49N")),
    };
    bool listed = false;
    for (const QVariant& v : out) listed = listed || v.toMap().value("id").toString() == s_.crs;
    if (!listed) out.append(row(s_.crs, s_.crs));
    return out;
}

QVariantList ExportController::extentOptions() const {
    auto row = [](const QString& id, const QString& label, bool enabled) {
        return QVariantMap{{QStringLiteral("id"), id},
                           {QStringLiteral("label"), label},
                           {QStringLiteral("enabled"), enabled}};
    };
    return {
        row(QStringLiteral("view"), tr("Current view"), ctx_.view.has_value()),
        row(QStringLiteral("county"),
            ctx_.countyName.isEmpty() ? tr("Selected county (none selected)")
                                      : tr("Selected county: %1").arg(ctx_.countyName),
            !ctx_.countyAdcode.isEmpty()),
        row(QStringLiteral("city"),
            ctx_.cityName.isEmpty() ? tr("Its city (nothing selected)")
                                    : tr("City: %1").arg(ctx_.cityName),
            !ctx_.cityAdcode.isEmpty()),
        row(QStringLiteral("province"), tr("Shanxi province"), true),
    };
}

QVariantList ExportController::atlasOptions() const {
    auto row = [](const QString& id, const QString& label, bool enabled) {
        return QVariantMap{{QStringLiteral("id"), id},
                           {QStringLiteral("label"), label},
                           {QStringLiteral("enabled"), enabled}};
    };
    return {
        row(QStringLiteral("prefectures"),
            tr("Every city of Shanxi, one page each (%1 pages)").arg(ctx_.prefectures), true),
        row(QStringLiteral("counties"),
            ctx_.cityName.isEmpty() ? tr("The counties of a city (select a county or city first)")
                                    : tr("The counties of %1, one page each (%2 pages)")
                                          .arg(ctx_.cityName)
                                          .arg(ctx_.cityCounties),
            !ctx_.cityAdcode.isEmpty()),
    };
}

QString ExportController::sheetTitle() const {
    if (ctx_.countyName.isEmpty()) return {};
    // As the Exporter titles the sheet.
    return ctx_.countyName + QStringLiteral("（%1）专业镇产业概况").arg(ctx_.countyCity);
}

// ------------------------------------------------------------------ request

PageSetup ExportController::pageSetup() const {
    PageSetup page;
    if (s_.paper == "custom") {
        page = parsePaper(
            (numberText(s_.paperWidthMm) + QLatin1Char('x') + numberText(s_.paperHeightMm))
                .toStdString());
    } else {
        page = parsePaper(s_.paper.toStdString());
        page.orientation =
            s_.orientation == "portrait" ? Orientation::Portrait : Orientation::Landscape;
    }
    page.dpi = s_.dpi;
    return page;
}

std::optional<Bounds> ExportController::viewExtentIn(const std::string& crs) const {
    if (!ctx_.view) return std::nullopt;
    const Bounds& m = *ctx_.view;
    if (crs == "EPSG:3857") return m;
    // The view's edges through the CRS (a rectangle in Web Mercator is
    // curved in most others): the extent holding all of them.
    const CrsTransform& t = transform(crs);
    Bounds out;
    constexpr int n = 24;
    for (int i = 0; i <= n; ++i) {
        const double f = static_cast<double>(i) / n;
        const double x = m.minX + f * m.width(), y = m.minY + f * m.height();
        for (const QPointF& p :
             {QPointF(x, m.minY), QPointF(x, m.maxY), QPointF(m.minX, y), QPointF(m.maxX, y)}) {
            const QPointF lonLat = toLonLat(p);
            const QPointF q = t.forward(lonLat.x(), lonLat.y());
            out.extend(q.x(), q.y());
        }
    }
    return out;
}

const CrsTransform& ExportController::transform(const std::string& crs) const {
    auto it = transforms_.find(crs);
    if (it == transforms_.end())  // PROJ's set-up of a CRS takes tens of ms: once per CRS
        it = transforms_.emplace(crs, std::make_unique<CrsTransform>(crs)).first;
    return *it->second;
}

ExportRequest ExportController::request(const std::string& output) const {
    if (!ctx_.style)
        throw Error(ErrorKind::Style, ctx_.styleError.isEmpty() ? std::string("no style")
                                                                : ctx_.styleError.toStdString());
    ExportRequest r;
    r.style = ctx_.style;
    r.stylePath = ctx_.stylePath.toStdString();
    r.format = parseExportFormat(s_.format.toStdString());
    r.page = pageSetup();
    r.page.validate();
    r.crs = s_.crs.toStdString();
    transform(r.crs);  // an unknown CRS is reported here, before the worker
    r.legend = s_.legend;
    r.scaleBar = s_.scaleBar;
    r.northArrow = s_.northArrow;
    r.inset = s_.inset;
    r.notes = s_.notes;
    r.output = output;
    r.exportDate =
        (exportDate_.isEmpty() ? QDate::currentDate().toString(Qt::ISODate) : exportDate_)
            .toStdString();
    if (s_.kind == "atlas") {
        r.kind = ExportRequest::Kind::Atlas;
        r.atlas = s_.atlas == "counties" ? "counties:" + ctx_.cityAdcode.toStdString()
                                         : std::string("prefectures");
        r.title = s_.title.trimmed().toStdString();
        r.subtitle = s_.subtitle.trimmed().toStdString();
    } else if (s_.kind == "sheet") {
        r.kind = ExportRequest::Kind::CountySheet;
        r.county = ctx_.countyAdcode.toStdString();
        r.subtitle = s_.subtitle.trimmed().toStdString();
        if (s_.withTable) {
            const QFileInfo out(QString::fromStdString(output));
            r.tableOutput = QDir(out.path())
                                .filePath(out.completeBaseName() + QStringLiteral(".xlsx"))
                                .toStdString();
        }
    } else {
        r.kind = ExportRequest::Kind::Map;
        r.title = s_.title.trimmed().toStdString();
        r.subtitle = s_.subtitle.trimmed().toStdString();
        if (s_.extent == "view") {
            r.viewExtent = viewExtentIn(r.crs);
            if (!r.viewExtent) throw Error(ErrorKind::Usage, "no current view");
        } else {
            r.extent = extentSpec();
        }
    }
    return r;
}

std::string ExportController::extentSpec() const {
    if (s_.extent == "county") return ctx_.countyAdcode.toStdString();
    if (s_.extent == "city") return ctx_.cityAdcode.toStdString();
    return "province";
}

bool ExportController::writesFolder() const {
    return s_.kind == "atlas" && s_.format != "pdf";
}

QString ExportController::suggestedFileName() const {
    QString stem;
    if (s_.kind == "sheet")
        stem = ctx_.countyName + QStringLiteral("县域专题图");
    else if (s_.kind == "atlas")
        stem = s_.atlas == "counties" ? ctx_.cityName + QStringLiteral("各县专题图集")
                                      : QStringLiteral("山西省各市专题图集");
    else
        stem = s_.title.trimmed().isEmpty() ? QStringLiteral("地图") : s_.title.trimmed();
    for (const QChar bad : QStringLiteral("/\\:*?\"<>|")) stem.replace(bad, QLatin1Char('_'));
    if (writesFolder()) return stem;
    return stem + QLatin1Char('.') + s_.format;
}

QStringList ExportController::nameFilters() const {
    if (s_.format == "png") return {tr("PNG image (*.png)")};
    if (s_.format == "svg") return {tr("SVG drawing (*.svg)")};
    if (s_.format == "tif") return {tr("GeoTIFF image (*.tif *.tiff)")};
    return {tr("PDF document (*.pdf)")};
}

QString ExportController::outputFor(const QString& pathOrUrl) const {
    QString path = pathOrUrl.trimmed();
    if (path.startsWith(QStringLiteral("file:"))) path = QUrl(path).toLocalFile();
    if (path.isEmpty()) return {};
    if (writesFolder()) return QDir(path).filePath(suggestedFileName());
    const QFileInfo info(path);
    const QString suffix = info.suffix().toLower();
    const QString ext = s_.format;
    if (suffix == ext || (ext == "tif" && suffix == "tiff")) return path;
    if (QStringList{"pdf", "png", "svg", "tif", "tiff"}.contains(suffix))
        return QDir(info.path()).filePath(info.completeBaseName() + QLatin1Char('.') + ext);
    return path + QLatin1Char('.') + ext;
}

QString ExportController::commandLine() const {
    try {
        const ExportRequest r = request(suggestedFileName().toStdString());
        QStringList parts{QStringLiteral("jinmap")};
        for (const QString& a : commandArgs(r)) parts << shellQuoted(a);
        return parts.join(QLatin1Char(' '));
    } catch (const Error&) {
        return {};
    }
}

// ------------------------------------------------------------------ preview

void ExportController::open(const QString& kind) {
    refreshContext();
    titleEdited_ = subtitleEdited_ = false;
    open_ = true;
    const QString k = kind == "sheet" && !canSheet() ? QStringLiteral("map") : kind;
    if (k != s_.kind && (k == "map" || k == "atlas" || k == "sheet")) {
        s_.kind = k;
        s_.paper = k == "sheet" ? QStringLiteral("A4") : QStringLiteral("A3");
        s_.orientation = k == "sheet" ? QStringLiteral("portrait") : QStringLiteral("landscape");
    }
    // A county's sheet is opened from its panel; a map of the view otherwise.
    if (s_.kind == "map")
        s_.extent = ctx_.view ? QStringLiteral("view") : QStringLiteral("province");
    previewPage_ = 0;
    resultText_.clear();
    resultPath_.clear();
    applyAutoTitles();
    emit contextChanged();
    emit settingsChanged();
    emit stateChanged();
    emit openRequested();
    schedule();
}

void ExportController::close() {
    open_ = false;
    latestPreview_->fetch_add(1);  // queued previews are no longer wanted
    scheduled_ = false;
    previewPending_ = checking_ = false;
    emit previewChanged();
    emit checkChanged();
}

void ExportController::setPreviewSize(QSize size) {
    if (size == previewSize_ || size.width() < 16 || size.height() < 16) return;
    const int before = previewDpi();
    previewSize_ = size;
    emit previewChanged();
    if (previewDpi() != before) schedule();
}

void ExportController::setPreviewPage(int page) {
    page = std::clamp(page, 0, std::max(0, pageCount_ - 1));
    if (page == previewPage_) return;
    previewPage_ = page;
    emit previewChanged();
    schedule();
}

QString ExportController::previewSource() const {
    return previewRevision_ == 0 ? QString()
                                 : QStringLiteral("image://exportpreview/%1").arg(previewRevision_);
}

int ExportController::previewDpi() const {
    QSizeF mm(420, 297);
    try {
        mm = pageSetup().sizeMm();
    } catch (const Error&) {
    }
    if (!(mm.width() > 0 && mm.height() > 0)) return 36;
    const double dpi =
        std::min(previewSize_.width() / mm.width(), previewSize_.height() / mm.height()) * 25.4;
    // Whole steps of 6 dpi: glyph and symbol caches are per pixel size, and a
    // dialog being resized should not redraw them for every pixel.
    return std::clamp(static_cast<int>(dpi / 6) * 6, 12, 150);
}

void ExportController::schedule() {
    if (!open_) return;
    if (changedAtNs_ < 0) changedAtNs_ = nowNs();
    if (scheduled_) return;
    scheduled_ = true;
    // Changes made together (a kind switch resets paper and titles) make one preview.
    QTimer::singleShot(0, this, &ExportController::dispatchPreview);
}

void ExportController::dispatchPreview() {
    if (!scheduled_ || !open_) return;
    scheduled_ = false;
    const qint64 changedAt = changedAtNs_ >= 0 ? changedAtNs_ : nowNs();
    changedAtNs_ = -1;
    // The loss check writes nothing: its output is a name in the temporary
    // folder, so that only the page's own problems are found before the
    // save dialog (the real path is checked again when writing).
    const QString checkOutput =
        QDir::temp().filePath(
            QStringLiteral("jinmap-export-check-%1").arg(QCoreApplication::applicationPid())) +
        (writesFolder() ? QString() : QLatin1Char('.') + s_.format);
    ExportRequest req;
    try {
        req = request(checkOutput.toStdString());
    } catch (const Error& e) {
        latestPreview_->fetch_add(1);
        problem_ = errorWhat(e);
        previewPending_ = checking_ = false;
        check_ = {};
        emit previewChanged();
        emit checkChanged();
        emit stateChanged();
        return;
    }
    problem_.clear();
    const quint64 serial = latestPreview_->fetch_add(1) + 1;
    previewPending_ = checking_ = true;
    emit previewChanged();
    emit checkChanged();
    emit stateChanged();
    const int page = previewPage_, dpi = previewDpi();
    const QString key = commandArgs(req).join(QLatin1Char('\n'));
    auto latest = latestPreview_;
    ExportWorker* worker = worker_;
    QMetaObject::invokeMethod(
        worker_,
        [this, worker, latest, serial, req, key, page, dpi, changedAt] {
            if (latest->load() != serial) return;  // superseded before it started: dropped
            QImage image;
            int pages = 0;
            QString name, error;
            Exporter* ex = nullptr;
            try {
                ex = &worker->exporterFor(req, key);
                pages = ex->pageCount();
                const int p = std::clamp(page, 0, pages - 1);
                name = qs(ex->pageName(p));
                image = ex->renderPage(p, dpi);
            } catch (const std::exception& e) {
                error = QString::fromUtf8(e.what());
            }
            if (latest->load() != serial) return;  // superseded while drawing: dropped
            QMetaObject::invokeMethod(
                this,
                [this, serial, image, pages, name, error, changedAt] {
                    if (latestPreview_->load() != serial) return;
                    previewPending_ = false;
                    if (!error.isEmpty()) {
                        problem_ = error;
                        checking_ = false;
                        check_ = {};
                    } else {
                        {
                            std::lock_guard<std::mutex> lock(previews_->mutex);
                            previews_->image = image;
                        }
                        ++previewRevision_;
                        pageCount_ = pages;
                        pageName_ = name;
                        previewMs_ = static_cast<double>(nowNs() - changedAt) / 1e6;
                        previewTimes_.push_back(previewMs_);
                    }
                    emit previewChanged();
                    emit checkChanged();
                    emit stateChanged();
                },
                Qt::QueuedConnection);
            if (!error.isEmpty()) return;
            // The loss check, at the export's resolution, after the preview.
            PreflightReport report;
            QString checkError;
            try {
                report = ex->preflight();
            } catch (const std::exception& e) {
                checkError = QString::fromUtf8(e.what());
            }
            if (latest->load() != serial) return;
            QMetaObject::invokeMethod(
                this,
                [this, serial, report, checkError] {
                    if (latestPreview_->load() != serial) return;
                    checking_ = false;
                    check_ = {};
                    if (checkError.isEmpty()) {
                        check_.report = report;
                        check_.valid = true;
                    } else {
                        problem_ = checkError;
                    }
                    emit checkChanged();
                    emit stateChanged();
                    emit previewChanged();
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

bool ExportController::waitUntilPreviewed(int timeoutMs) {
    QElapsedTimer t, quiet;
    t.start();
    // Current for a while: a preview's arrival may re-lay the dialog out
    // (page buttons of an atlas), which may ask for another one.
    auto current = [this] {
        return !scheduled_ && !previewPending_ && !checking_ &&
               (previewRevision_ > 0 || !problem_.isEmpty());
    };
    while (t.elapsed() < timeoutMs) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        if (!current()) {
            quiet.invalidate();
            continue;
        }
        if (!quiet.isValid()) quiet.start();
        if (quiet.elapsed() >= 150) return true;
    }
    return false;
}

bool ExportController::waitUntilWritten(int timeoutMs) {
    QElapsedTimer t;
    t.start();
    while (running_ && t.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    return !running_;
}

// ------------------------------------------------------------------ loss check

QString ExportController::issueText(const PreflightIssue& i) const {
    using Code = PreflightIssue::Code;
    QString text;
    switch (i.code) {
        case Code::PageTooLarge:
            text = tr("The page would be %1 × %2 pixels, above the raster limit (400 million "
                      "pixels, 32000 per side): lower the DPI or the paper size.")
                       .arg(check_.report.pagePx.width())
                       .arg(check_.report.pagePx.height());
            break;
        case Code::OutputPath:
            text = tr("Cannot write there: %1").arg(i.cause ? errorWhat(*i.cause) : qs(i.message));
            break;
        case Code::FontMissing:
            text = tr("The map's typeface is not installed: %1").arg(qs(i.message));
            break;
        case Code::FontNotFixed:
            text =
                tr("The export font “Jinmap Sans CJK SC” is missing: text copied out of the "
                   "PDF may turn 大/山/谷 into radicals and lose digits.");
            break;
        case Code::LabelsDropped: {
            QStringList some;
            for (std::size_t k = 0; k < i.items.size() && k < 6; ++k) some << qs(i.items[k]);
            text = tr("%1 of %2 labels overlap others and are left out: %3")
                       .arg(i.count)
                       .arg(i.total)
                       .arg(some.join(QStringLiteral("、")) +
                            (i.items.size() > 6 ? QStringLiteral("…") : QString()));
            break;
        }
        case Code::GlyphsMissing: {
            QStringList chars;
            for (const auto& c : i.items) chars << qs(c);
            text = tr("The typeface lacks %1 character(s), drawn as empty boxes: %2")
                       .arg(i.count)
                       .arg(chars.join(QLatin1Char(' ')));
            break;
        }
        case Code::LegendTruncated:
            text = tr("Legend entries that do not fit and are left out: %1").arg(i.count);
            break;
        case Code::TableTruncated:
            text = tr("Table rows that do not fit on the page: %1 (the XLSX table keeps them)")
                       .arg(i.count);
            break;
        case Code::InsetDropped:
            text = tr("No room for the locator map on this page size.");
            break;
        case Code::Other:
            text = qs(i.message);
            break;
    }
    if (!i.page.empty()) text = tr("%1: %2").arg(qs(i.page), text);
    return text;
}

QVariantList ExportController::issues() const {
    QVariantList out;
    if (!check_.valid) return out;
    for (const PreflightIssue& i : check_.report.issues)
        out.append(
            QVariantMap{{QStringLiteral("severity"), i.severity == PreflightIssue::Severity::Error
                                                         ? QStringLiteral("error")
                                                         : QStringLiteral("warning")},
                        {QStringLiteral("text"), issueText(i)}});
    return out;
}

bool ExportController::hasErrors() const {
    return check_.valid && check_.report.hasErrors();
}

QString ExportController::pageDescription() const {
    PageSetup page;
    try {
        page = pageSetup();
    } catch (const Error&) {
        return {};
    }
    const QSizeF mm = page.sizeMm();
    const QSize px = page.sizePx();
    const QString paper = s_.paper == "custom" ? tr("Custom") : s_.paper;
    QString text =
        tr("%1 %2 · %3 × %4 mm · %5 dpi")
            .arg(paper,
                 page.orientation == Orientation::Landscape ? tr("landscape") : tr("portrait"),
                 numberText(mm.width()), numberText(mm.height()))
            .arg(page.dpi);
    if (s_.format == "png" || s_.format == "tif")
        text += tr(" · %1 × %2 pixels").arg(px.width()).arg(px.height());
    if (pageCount_ > 1) text += tr(" · %1 pages").arg(pageCount_);
    return text;
}

bool ExportController::canExport() const {
    return open_ && !running_ && problem_.isEmpty() && !hasErrors() && previewRevision_ > 0;
}

// ------------------------------------------------------------------ writing

void ExportController::setState(bool running) {
    running_ = running;
    emit stateChanged();
}

void ExportController::start(const QString& pathOrUrl) {
    if (running_) return;
    const QString output = outputFor(pathOrUrl);
    ExportRequest req;
    try {
        if (output.isEmpty()) throw Error(ErrorKind::Usage, "no output path");
        req = request(output.toStdString());
    } catch (const Error& e) {
        resultOk_ = false;
        resultText_ = tr("Cannot export: %1").arg(errorWhat(e));
        emit stateChanged();
        emit finished(false);
        return;
    }
    cancel_ = std::make_shared<CancelToken>();
    progressDone_ = 0;
    progressTotal_ = std::max(1, pageCount_);
    progressText_ = tr("Preparing the pages…");
    resultText_.clear();
    resultPath_ = output;
    resultOk_ = false;
    setState(true);
    auto cancel = cancel_;
    ExportWorker* worker = worker_;
    QMetaObject::invokeMethod(
        worker_,
        [this, worker, req, cancel] {
            bool ok = false, cancelled = false;
            QString message;
            QStringList files;
            try {
                Exporter ex(worker->database(), req);
                const ExportResult r = ex.run(
                    [this](const ExportProgress& p) {
                        QMetaObject::invokeMethod(
                            this,
                            [this, p] {
                                progressDone_ = p.done;
                                progressTotal_ = p.total;
                                progressText_ = tr("Page %1 of %2 written: %3")
                                                    .arg(p.done)
                                                    .arg(p.total)
                                                    .arg(qs(p.page));
                                emit stateChanged();
                            },
                            Qt::QueuedConnection);
                    },
                    cancel.get());
                for (const auto& f : r.files) files << qs(f);
                ok = true;
            } catch (const Error& e) {
                cancelled = e.kind() == ErrorKind::Cancelled;
                message = errorWhat(e);
            } catch (const std::exception& e) {
                message = QString::fromUtf8(e.what());
            }
            QMetaObject::invokeMethod(
                this,
                [this, ok, cancelled, message, files] {
                    resultOk_ = ok;
                    if (ok) {
                        resultText_ = tr("Written: %1").arg(files.join(QStringLiteral("、")));
                        folder_ = QFileInfo(resultPath_).absolutePath();
                        controller_->showStatus(tr("Map exported to %1").arg(resultPath_));
                    } else if (cancelled) {
                        resultText_ = tr("Export cancelled; nothing was written.");
                    } else {
                        resultText_ = tr("The export failed; nothing was written. %1").arg(message);
                    }
                    cancel_.reset();
                    setState(false);
                    emit finished(ok);
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

void ExportController::cancel() {
    if (cancel_) cancel_->cancel();
    progressText_ = tr("Cancelling…");
    emit stateChanged();
}

}  // namespace jinmap::viewer
