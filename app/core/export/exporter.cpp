#include "export/exporter.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QDate>
#include <QFile>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "base/atomic_file.h"
#include "base/error.h"
#include "base/sqlite.h"
#include "base/table_writer.h"
#include "data/feature.h"
#include "data/geodatabase.h"
#include "export/export_font.h"
#include "export/geo_measure.h"
#include "export/map_drawer.h"
#include "export/print_layout.h"
#include "export/raster_sink.h"
#include "present/fact_table.h"
#include "present/view_loader.h"
#include "style/style_parser.h"

namespace fs = std::filesystem;

namespace jinmap {

// ------------------------------------------------------------------ formats

ExportFormat parseExportFormat(const std::string& text) {
    std::string t = text;
    std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return std::tolower(c); });
    if (t == "pdf") return ExportFormat::Pdf;
    if (t == "png") return ExportFormat::Png;
    if (t == "svg") return ExportFormat::Svg;
    if (t == "tif" || t == "tiff" || t == "geotiff" || t == "gtiff") return ExportFormat::GeoTiff;
    throw Error(ErrorKind::Usage, "unknown format '" + text + "' (pdf, png, svg or tif)");
}

std::optional<ExportFormat> formatForPath(const std::string& path) {
    std::string ext = fs::path(path).extension().string();
    if (ext.empty()) return std::nullopt;
    try {
        return parseExportFormat(ext.substr(1));
    } catch (const Error&) {
        return std::nullopt;
    }
}

const char* formatExtension(ExportFormat f) {
    switch (f) {
        case ExportFormat::Pdf:
            return "pdf";
        case ExportFormat::Png:
            return "png";
        case ExportFormat::Svg:
            return "svg";
        case ExportFormat::GeoTiff:
            return "tif";
    }
    return "";
}

bool PreflightReport::hasErrors() const {
    return std::any_of(issues.begin(), issues.end(), [](const PreflightIssue& i) {
        return i.severity == PreflightIssue::Severity::Error;
    });
}

std::string PreflightReport::firstError() const {
    for (const auto& i : issues)
        if (i.severity == PreflightIssue::Severity::Error) return i.message;
    return {};
}

Error PreflightReport::firstErrorAsException() const {
    for (const auto& i : issues)
        if (i.severity == PreflightIssue::Severity::Error)
            return i.cause ? *i.cause : Error(ErrorKind::Usage, i.message);
    return Error(ErrorKind::Usage, "no error");
}

// ------------------------------------------------------------------ helpers

namespace {

std::string fieldText(const Feature& f, const Fields& fields, const char* name) {
    const int i = fields.indexOf(name);
    return i < 0 ? std::string() : valueToString(f.properties[static_cast<std::size_t>(i)]);
}

struct CountyInfo {
    std::string adcode, name, prefecture, prefectureAdcode, quality;
    Bounds lonLat;
};
struct PrefectureInfo {
    std::string adcode, name, coverage;
    Bounds lonLat;
};

struct PageSpec {
    std::string name;  // "大同市" (file stem for atlases)
    QString title, subtitle;
    Bounds lonLat;                    // area to show (lon/lat), empty when `mapExtent` is set
    std::optional<Bounds> mapExtent;  // in map units (viewer's view)
    std::string countyAdcode;         // county sheet
};

void checkCancel(const CancelToken* cancel) {
    if (cancel && cancel->cancelled()) throw Error(ErrorKind::Cancelled, "export cancelled");
}

// Output to a file: atomically for regular paths; special files (a device such
// as /dev/full or /dev/stdout) are written directly after the content has been
// produced in a temporary file, so they are never replaced by a rename.
class OutputFile {
  public:
    explicit OutputFile(const std::string& target) : target_(target) {
        struct stat st {};
        if (::stat(target.c_str(), &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
            special_ = true;
            const char* tmp = std::getenv("TMPDIR");
            std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/jinmap-export-XXXXXX";
            const int fd = ::mkstemp(pattern.data());
            if (fd < 0)
                throw Error(ErrorKind::Io,
                            std::string("cannot create temporary file: ") + std::strerror(errno));
            ::close(fd);
            temp_ = pattern;
        } else {
            atomic_ = std::make_unique<AtomicFile>(target);
            temp_ = atomic_->tempPath();
        }
    }
    ~OutputFile() {
        if (special_ && !temp_.empty()) ::unlink(temp_.c_str());
    }
    const std::string& path() const { return temp_; }
    const std::string& target() const { return target_; }
    void commit() {
        if (!special_) {
            atomic_->commit();
            return;
        }
        QFile in(QString::fromStdString(temp_));
        if (!in.open(QIODevice::ReadOnly))
            throw Error(ErrorKind::Io, "cannot reread export", temp_);
        const int fd = ::open(target_.c_str(), O_WRONLY | O_CLOEXEC);
        if (fd < 0)
            throw Error(ErrorKind::Io, std::string("cannot open: ") + std::strerror(errno),
                        target_);
        QByteArray chunk;
        while (!(chunk = in.read(1 << 20)).isEmpty()) {
            const char* p = chunk.constData();
            qint64 left = chunk.size();
            while (left > 0) {
                const ssize_t n = ::write(fd, p, static_cast<std::size_t>(left));
                if (n < 0 && errno == EINTR) continue;
                if (n <= 0) {
                    const int err = n < 0 ? errno : ENOSPC;
                    ::close(fd);
                    throw Error(ErrorKind::Io, writeFailed(err), target_);
                }
                p += n;
                left -= n;
            }
        }
        if (::close(fd) != 0) throw Error(ErrorKind::Io, writeFailed(errno), target_);
    }

  private:
    std::string target_, temp_;
    bool special_ = false;
    std::unique_ptr<AtomicFile> atomic_;
};

// A directory of outputs (atlas of images): files go to a staging directory
// beside the target, which is moved into place only when every page is done.
class OutputDir {
  public:
    explicit OutputDir(const std::string& target) : target_(target) {
        checkWritableOutputFolder(target);
        const fs::path t(target);
        const fs::path parent = t.parent_path().empty() ? fs::path(".") : t.parent_path();
        std::string pattern = (parent / ("." + t.filename().string() + ".tmp-XXXXXX")).string();
        if (!::mkdtemp(pattern.data()))
            throw Error(ErrorKind::Io,
                        std::string("cannot create staging directory: ") + std::strerror(errno),
                        target);
        stage_ = pattern;
    }
    ~OutputDir() {
        if (!committed_) {
            std::error_code ec;
            fs::remove_all(stage_, ec);
        }
    }
    std::string stagePath(const std::string& file) const {
        return (fs::path(stage_) / file).string();
    }
    std::vector<std::string> commit(const std::vector<std::string>& files) {
        std::error_code ec;
        std::vector<std::string> out;
        if (!fs::exists(target_, ec)) {
            fs::rename(stage_, target_, ec);
            if (ec)
                throw Error(ErrorKind::Io, "cannot move atlas into place: " + ec.message(),
                            target_);
        } else {
            for (const auto& f : files) {
                fs::rename(fs::path(stage_) / f, fs::path(target_) / f, ec);
                if (ec)
                    throw Error(ErrorKind::Io, "cannot move " + f + " into place: " + ec.message(),
                                target_);
            }
            fs::remove_all(stage_, ec);
        }
        committed_ = true;
        out.reserve(out.size() + files.size());
        for (const auto& f : files) out.push_back((fs::path(target_) / f).string());
        return out;
    }

  private:
    std::string target_, stage_;
    bool committed_ = false;
};

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

// A large page image on transparent huge pages where the kernel offers them:
// first-touch page faults of a fresh 70 MB buffer otherwise cost as much as
// drawing the map.
QImage allocatePageImage(QSize size) {
    const std::size_t bpl = static_cast<std::size_t>(size.width()) * 4;
    const std::size_t bytes = bpl * static_cast<std::size_t>(size.height());
    constexpr std::size_t kHuge = 2u << 20;
    if (bytes < 8 * kHuge) return QImage(size, QImage::Format_RGB32);
    void* mem = nullptr;
    if (::posix_memalign(&mem, kHuge, bytes) != 0 || !mem)
        return QImage(size, QImage::Format_RGB32);
    ::madvise(mem, bytes, MADV_HUGEPAGE);
    return QImage(
        static_cast<uchar*>(mem), size.width(), size.height(), static_cast<qsizetype>(bpl),
        QImage::Format_RGB32, [](void* p) { std::free(p); }, mem);
}

std::string sanitizeFileStem(const std::string& s) {
    std::string out;
    for (char c : s) out += (c == '/' || c == '\\' || c == ':' || c == '\0') ? '_' : c;
    return out.empty() ? "page" : out;
}

}  // namespace

// ------------------------------------------------------------------ Impl

// What an export reads from the database and projects into its CRS before
// any page: the same for every request on that database and CRS.
struct ExportContext {
    std::shared_ptr<CrsTransform> crs;
    std::vector<CountyInfo> counties;
    std::map<std::string, QPainterPath> countyPaths;  // map CRS, for the county sheet's highlight
    std::vector<PrefectureInfo> prefectures;
    std::vector<std::pair<std::string, QPointF>> towns;  // name, lon/lat
    QPainterPath provinceMap, prefecturesMap;            // in map CRS, for the inset
    Bounds provinceLonLat;
    std::vector<std::pair<std::string, std::string>> sources;  // id, citation (numbered ①②…)
    std::string dataVersion;
    std::string boundarySourceNote;  // metadata boundary_source_zh: source, datum, conversion
};

struct ExportCache::Impl {
    std::shared_ptr<GeoDatabase> db;                // what the entries were made from
    std::map<std::string, ExportContext> contexts;  // by CRS
    std::shared_ptr<const Style> style;
    std::shared_ptr<MapDrawer> drawer;  // for `style`
};

ExportCache::ExportCache() : d_(std::make_unique<Impl>()) {}
ExportCache::~ExportCache() = default;
void ExportCache::clear() {
    *d_ = Impl{};
}

struct Exporter::Impl : ExportContext {
    std::shared_ptr<GeoDatabase> db;
    ExportRequest req;
    std::shared_ptr<MapDrawer> drawer;
    std::vector<PageSpec> pages;
    std::optional<PreflightReport> preflight;

    void loadContext();
    void buildPages();
    Bounds lonLatToMap(const Bounds& b) const;
    QPainterPath pathFor(const Geometry& g) const;
    std::unique_ptr<PrintLayout> buildLayout(int index, const LayoutTypeface& type, double dpi,
                                             std::vector<std::string>& warnings);
    QStringList notesFor(const PageSpec& page, const Bounds& viewLonLat) const;
    std::unique_ptr<TableElement> countyTable(const LayoutTypeface& type,
                                              const CountyView& v) const;
    QStringList sheetNotes(const CountyView& v) const;
    QString sourceNumber(const std::string& sourceId) const;
    void paintPage(PrintLayout& layout, QPainter& p, double pxPerMm, bool maskOutside,
                   const std::string& highlightAdcode = {}) const;
    Bounds viewLonLat(const PrintLayout& layout) const;
    // The layout's typeface for a format, resolved strictly (Error(Export)
    // when it is not installed: nothing is drawn in a substitute).
    LayoutTypeface typefaceFor(ExportFormat f) const;
    void writeRaster(PrintLayout& layout, const std::string& path, ExportFormat f,
                     const CancelToken* cancel, const std::string& highlight);
};

Exporter::Exporter(std::shared_ptr<GeoDatabase> db, ExportRequest request, ExportCache* cache)
    : d_(std::make_unique<Impl>()) {
    d_->db = std::move(db);
    d_->req = std::move(request);
    d_->req.page.validate();
    if (!d_->req.style) {
        if (d_->req.stylePath.empty())
            throw Error(ErrorKind::Usage, "an export needs a style file (--style FILE)");
        d_->req.style = parseStyleFile(d_->req.stylePath).style;
    }
    if (d_->req.exportDate.empty())
        d_->req.exportDate = QDate::currentDate().toString(Qt::ISODate).toStdString();
    ExportCache::Impl* shared = cache ? cache->d_.get() : nullptr;
    if (shared && shared->db != d_->db) {
        *shared = ExportCache::Impl{};
        shared->db = d_->db;
    }
    const auto cached = shared ? shared->contexts.find(d_->req.crs)
                               : std::map<std::string, ExportContext>::iterator{};
    if (shared && cached != shared->contexts.end()) {
        static_cast<ExportContext&>(*d_) = cached->second;
    } else {
        d_->crs = std::make_shared<CrsTransform>(d_->req.crs);
        d_->loadContext();
        if (shared) shared->contexts[d_->req.crs] = static_cast<const ExportContext&>(*d_);
    }
    d_->buildPages();
    if (shared && shared->drawer && shared->style == d_->req.style) {
        d_->drawer = shared->drawer;
    } else {
        d_->drawer = makeMapDrawer(d_->db, d_->req.style);
        if (shared) {
            shared->style = d_->req.style;
            shared->drawer = d_->drawer;
        }
    }
}

Exporter::~Exporter() = default;

const ExportRequest& Exporter::request() const {
    return d_->req;
}
int Exporter::pageCount() const {
    return static_cast<int>(d_->pages.size());
}
std::string Exporter::pageName(int index) const {
    return d_->pages.at(static_cast<std::size_t>(index)).name;
}

QPainterPath Exporter::Impl::pathFor(const Geometry& g) const {
    QPainterPath path;
    path.setFillRule(Qt::OddEvenFill);
    for (std::size_t r = 0; r + 1 < g.rings.size(); ++r) {
        for (std::uint32_t i = g.rings[r]; i < g.rings[r + 1]; ++i) {
            const QPointF p = crs->forward(g.xy[std::size_t{2} * i], g.xy[std::size_t{2} * i + 1]);
            if (i == g.rings[r])
                path.moveTo(p);
            else
                path.lineTo(p);
        }
        path.closeSubpath();
    }
    return path;
}

void Exporter::Impl::loadContext() {
    dataVersion = db->dataVersion();
    boundarySourceNote = db->metadata("boundary_source_zh");
    {
        auto src = db->source("counties");
        for (const auto& f : readAll(*src)) {
            countyPaths[fieldText(f, src->fields(), "adcode")] = pathFor(f.geometry);
            counties.push_back(
                {fieldText(f, src->fields(), "adcode"), fieldText(f, src->fields(), "name"),
                 fieldText(f, src->fields(), "prefecture"),
                 fieldText(f, src->fields(), "prefecture_adcode"),
                 fieldText(f, src->fields(), "boundary_quality"), f.geometry.bounds});
        }
    }
    {
        auto src = db->source("prefectures");
        for (const auto& f : readAll(*src)) {
            prefectures.push_back({fieldText(f, src->fields(), "adcode"),
                                   fieldText(f, src->fields(), "name"),
                                   fieldText(f, src->fields(), "coverage"), f.geometry.bounds});
            prefecturesMap.addPath(pathFor(f.geometry));
        }
        std::sort(
            prefectures.begin(), prefectures.end(),
            [](const PrefectureInfo& a, const PrefectureInfo& b) { return a.adcode < b.adcode; });
    }
    {
        auto src = db->source("province");
        for (const auto& f : readAll(*src)) {
            provinceMap.addPath(pathFor(f.geometry));
            provinceLonLat.extend(f.geometry.bounds);
        }
    }
    try {
        auto src = db->source("towns");
        for (const auto& f : readAll(*src))
            if (!f.geometry.isEmpty())
                towns.push_back({fieldText(f, src->fields(), "name"),
                                 QPointF(f.geometry.xy[0], f.geometry.xy[1])});
    } catch (const Error&) {
    }
    // Documents as the presentation model cites them (《title》· publisher · date).
    for (const SourceView& s : ViewReader(*db, Lang::Zh).allSources())
        sources.push_back({s.id, s.citation});
}

Bounds Exporter::Impl::lonLatToMap(const Bounds& b) const {
    Bounds out;
    constexpr int n = 24;
    for (int i = 0; i <= n; ++i) {
        const double t = static_cast<double>(i) / n;
        const double x = b.minX + t * b.width(), y = b.minY + t * b.height();
        for (const QPointF& p : {crs->forward(x, b.minY), crs->forward(x, b.maxY),
                                 crs->forward(b.minX, y), crs->forward(b.maxX, y)})
            out.extend(p.x(), p.y());
    }
    return out;
}

namespace {
// A page's default title: the style's "jinmap:title" metadata with {area}
// replaced by the page's area ("{area}专业镇分布示意图"), else the style's name.
QString defaultTitle(const Style& style, const QString& area) {
    const auto it = style.metadata.find("jinmap:title");
    if (it != style.metadata.end() && !it->second.empty())
        return QString::fromStdString(it->second).replace(QStringLiteral("{area}"), area);
    if (!style.name.empty()) return QString::fromStdString(style.name);
    return area + QStringLiteral("示意图");
}
}  // namespace

void Exporter::Impl::buildPages() {
    const auto resolveArea = [&](const std::string& spec, std::string& name) -> Bounds {
        const QString s = qs(spec).trimmed();
        if (s.isEmpty() || s == "province" || s == "山西" || s == "山西省" || s == "shanxi" ||
            s == "140000") {
            name = "山西省";
            return db->provinceBounds();
        }
        if (s.startsWith("bbox:")) {
            const QStringList parts = s.mid(5).split(',');
            bool ok = parts.size() == 4;
            double v[4] = {0, 0, 0, 0};
            for (int i = 0; ok && i < 4; ++i) v[i] = parts[i].trimmed().toDouble(&ok);
            if (!ok || !(v[0] < v[2]) || !(v[1] < v[3]) || v[0] < -180 || v[2] > 180 ||
                v[1] < -90 || v[3] > 90)
                throw Error(ErrorKind::Usage, "bbox must be bbox:minLon,minLat,maxLon,maxLat",
                            spec);
            Bounds b;
            b.extend(v[0], v[1]);
            b.extend(v[2], v[3]);
            name = "bbox";
            return b;
        }
        if (auto pref = db->resolvePrefecture(spec)) {
            name = pref->second;
            return db->prefectureBounds(pref->first);
        }
        const CountyRef c = db->resolveCounty(spec);  // throws NotFound / Usage
        name = c.name;
        return db->countyBounds(c.adcode);
    };

    const QString userTitle = qs(req.title), userSub = qs(req.subtitle);
    switch (req.kind) {
        case ExportRequest::Kind::Map: {
            PageSpec p;
            if (req.viewExtent) {
                p.name = "view";
                p.mapExtent = *req.viewExtent;
            } else {
                p.lonLat = resolveArea(req.extent, p.name);
            }
            p.title =
                userTitle.isEmpty()
                    ? defaultTitle(*req.style,
                                   qs(p.name == "view" || p.name == "bbox" ? "山西省" : p.name))
                    : userTitle;
            p.subtitle = userSub;
            pages.push_back(p);
            break;
        }
        case ExportRequest::Kind::Atlas: {
            const QString spec = qs(req.atlas).trimmed();
            if (spec == "prefectures" || spec == "地级市") {
                for (const auto& pr : prefectures) {
                    PageSpec p;
                    p.name = pr.name;
                    p.lonLat = pr.lonLat;
                    p.title =
                        userTitle.isEmpty() ? defaultTitle(*req.style, qs(pr.name)) : qs(pr.name);
                    p.subtitle = userTitle.isEmpty() ? userSub : userTitle;
                    pages.push_back(p);
                }
            } else if (spec.startsWith("counties:") || spec.startsWith("counties/")) {
                const std::string prefName = spec.mid(9).toStdString();
                auto pref = db->resolvePrefecture(prefName);
                if (!pref)
                    throw Error(ErrorKind::NotFound, "unknown prefecture '" + prefName + "'");
                for (const auto& c : counties) {
                    if (c.prefectureAdcode != pref->first) continue;
                    PageSpec p;
                    p.name = c.name;
                    p.lonLat = c.lonLat;
                    p.title = qs(c.name) + QStringLiteral("（%1）").arg(qs(pref->second));
                    p.subtitle = userTitle.isEmpty() ? userSub : userTitle;
                    pages.push_back(p);
                }
                std::sort(pages.begin(), pages.end(),
                          [](const PageSpec&, const PageSpec&) { return false; });
            } else {
                throw Error(ErrorKind::Usage,
                            "--atlas takes 'prefectures' or 'counties:<prefecture>', got '" +
                                req.atlas + "'");
            }
            const int n = static_cast<int>(pages.size());
            for (int i = 0; i < n; ++i) {
                auto& p = pages[static_cast<std::size_t>(i)];
                p.subtitle =
                    (p.subtitle.isEmpty() ? QString() : p.subtitle + QStringLiteral(" · ")) +
                    QStringLiteral("第 %1/%2 页").arg(i + 1).arg(n);
            }
            break;
        }
        case ExportRequest::Kind::CountySheet: {
            const CountyRef c = db->resolveCounty(req.county);
            PageSpec p;
            p.name = c.name;
            p.countyAdcode = c.adcode;
            p.lonLat = db->countyBounds(c.adcode);
            p.title = qs(c.name) + QStringLiteral("（%1）专业镇产业概况").arg(qs(c.prefecture));
            p.subtitle = userTitle.isEmpty()
                             ? (userSub.isEmpty() ? QStringLiteral("县域产业专题图") : userSub)
                             : userTitle;
            pages.push_back(p);
            break;
        }
    }
    if (pages.empty()) throw Error(ErrorKind::Usage, "nothing to export");
}

LayoutTypeface Exporter::Impl::typefaceFor(ExportFormat f) const {
    // SVG embeds no fonts: name the family a reader's system has.
    if (f == ExportFormat::Svg) return LayoutTypeface::resolve(QStringLiteral("Noto Sans CJK SC"));
    return LayoutTypeface::resolve(exportFont().family);
}

QStringList Exporter::Impl::notesFor(const PageSpec& page, const Bounds& view) const {
    (void)page;
    QStringList out;
    QString src = QStringLiteral("资料来源：");
    for (std::size_t i = 0; i < sources.size(); ++i)
        src += (i ? QStringLiteral("；") : QString()) + sourceNumber(sources[i].first) +
               qs(sources[i].second);
    // The database says which boundaries it holds and how their datum was
    // converted (GCJ-02 → WGS84/CGCS2000); older databases did not.
    src += QStringLiteral("。") +
           (boundarySourceNote.empty()
                ? QStringLiteral("县级行政区划边界来源未记录，坐标系统未经核实。")
                : qs(boundarySourceNote));
    out << src;
    out << QStringLiteral("数据版本 %1；导出日期 %2；坐标系 %3（%4）。")
               .arg(qs(dataVersion.empty() ? "未知" : dataVersion), qs(req.exportDate), qs(req.crs),
                    qs(crs->crsName()));
    QStringList caveats;
    QStringList approx;
    for (const auto& c : counties)
        if (c.quality == "approximate" && c.lonLat.intersects(view)) approx << qs(c.name);
    if (!approx.isEmpty())
        caveats << QStringLiteral("%1 的边界为近似划分（2018 年区划调整后的界线未见于底图数据）")
                       .arg(approx.join(QStringLiteral("、")));
    const bool townsShown = drawer && drawer->showsLayer("towns") &&
                            std::any_of(towns.begin(), towns.end(), [&](const auto& t) {
                                return view.contains(t.second.x(), t.second.y());
                            });
    if (townsShown)
        caveats << QStringLiteral("专业镇点位只表示所在县（县级定位），不是镇的实际位置");
    QStringList partial;
    for (const auto& p : prefectures)
        if (p.coverage != "full" && p.lonLat.intersects(view)) partial << qs(p.name);
    if (!partial.isEmpty())
        caveats
            << QStringLiteral("资料未完整列出 %1 的专业镇").arg(partial.join(QStringLiteral("、")));
    if (!caveats.isEmpty())
        out << QStringLiteral("注：") + caveats.join(QStringLiteral("；")) + QStringLiteral("。");
    out << QStringLiteral(
        "示意图：本图为示意图，行政边界未经测绘审核，不作为权属争议依据；"
        "公开出版或展示须依法送审并取得审图号。");
    return out;
}

QString Exporter::Impl::sourceNumber(const std::string& sourceId) const {
    // ① … ⑳: the documents as numbered in the source note.
    for (std::size_t i = 0; i < sources.size(); ++i)
        if (sources[i].first == sourceId)
            return i < 20 ? QString(QChar(static_cast<char16_t>(0x2460 + i)))
                          : QStringLiteral("(%1)").arg(i + 1);
    return {};
}

// The county sheet's table: one row per town (its figures laid out from the
// presentation model), park and project; documents by their number.
std::unique_ptr<TableElement> Exporter::Impl::countyTable(const LayoutTypeface& type,
                                                          const CountyView& v) const {
    std::vector<QStringList> rows;
    auto numbers = [&](const std::vector<std::string>& ids) {
        QStringList out;
        for (const auto& id : ids) {
            const QString n = sourceNumber(id);
            if (!n.isEmpty() && !out.contains(n)) out << n;
        }
        out.sort();
        return out.join(QString());
    };
    for (const TownView& t : v.towns) {
        QStringList facts;
        std::vector<std::string> ids;
        bool noted = !t.notes.empty();
        for (const FactView& f : t.facts) {
            QString cell = qs(f.label) + QStringLiteral("：") + qs(f.valueWithYear);
            if (!f.isTownsOwn())
                cell += QStringLiteral("〔") + qs(f.scopeBadge) + QStringLiteral("〕");
            if (f.conflicted()) cell += QStringLiteral("⚠");
            facts << cell;
            ids.push_back(f.source.sourceId);
            noted = noted || !f.notes.empty();
        }
        for (const QuoteView& q : t.provenance) ids.push_back(q.sourceId);
        QString name = qs(t.name);
        if (noted) name += QStringLiteral("※");
        rows.push_back(
            {name, qs(t.sector), qs(t.levelText),
             facts.isEmpty() ? QStringLiteral("资料未给出数字") : facts.join(QStringLiteral("；")),
             numbers(ids)});
    }
    for (const ParkView& p : v.parks) {
        std::vector<std::string> ids;
        for (const QuoteView& q : p.provenance) ids.push_back(q.sourceId);
        rows.push_back({QStringLiteral("园区：") + qs(p.name), qs(p.industry), qs(p.kindText),
                        QStringLiteral("—"), numbers(ids)});
    }
    for (const ProjectView& p : v.projects) {
        QStringList parts;
        if (!p.investment.empty()) parts << QStringLiteral("总投资") + qs(p.investment);
        if (!p.builder.empty()) parts << QStringLiteral("建设单位：") + qs(p.builder);
        rows.push_back({QStringLiteral("项目：") + qs(p.name), qs(p.industry), QString(),
                        parts.isEmpty() ? QStringLiteral("—") : parts.join(QStringLiteral("；")),
                        numbers({p.source.sourceId})});
    }
    if (rows.empty())
        rows.push_back({QStringLiteral("资料中未列出该县的专业镇"), QString(), QString(), QString(),
                        QString()});
    QString caption =
        QStringLiteral("%1 产业概况（专业镇 %2 个").arg(qs(v.nameZh)).arg(v.towns.size());
    if (!v.parks.empty()) caption += QStringLiteral("，园区 %1 个").arg(v.parks.size());
    if (!v.projects.empty()) caption += QStringLiteral("，项目 %1 个").arg(v.projects.size());
    caption += QStringLiteral("）");
    return std::make_unique<TableElement>(
        type, caption,
        QStringList{QStringLiteral("名称"), QStringLiteral("产业"), QStringLiteral("级别"),
                    QStringLiteral("主要数据（标〔全县〕等者非本镇口径，⚠ 资料间有出入）"),
                    QStringLiteral("来源")},
        std::move(rows), std::vector<double>{1.5, 1.6, 1.3, 5.0, 0.6});
}

// The sheet's own notes (※ and ⚠ of the table), each once; the boundary,
// placement and coverage caveats are in the general notes already.
QStringList Exporter::Impl::sheetNotes(const CountyView& v) const {
    QStringList items;
    for (const TownView& t : v.towns) {
        for (const NoteView& n : t.notes) items << qs(t.name) + QStringLiteral("：") + qs(n.text);
        for (const FactView& f : t.facts) {
            for (const FactView::Conflict& c : f.conflicts) {
                QString s = qs(t.name) + QStringLiteral("·") + qs(f.label) +
                            QStringLiteral("：另一资料为") + qs(c.other.value) +
                            sourceNumber(c.other.sourceId);
                if (c.note) s += QStringLiteral("，") + qs(c.note->text);
                items << s;
            }
            for (const NoteView& n : f.notes)
                items << qs(t.name) + QStringLiteral("·") + qs(f.label) + QStringLiteral("：") +
                             qs(n.text);
        }
    }
    for (const NoteView& n : v.notes)
        if (n.kind != "boundary" && n.kind != "coverage" && n.kind != "placement")
            items << qs(n.text);
    if (items.isEmpty()) return {};
    for (QString& item : items)
        while (item.endsWith(QStringLiteral("。"))) item.chop(1);
    return {QStringLiteral("说明：") + items.join(QStringLiteral("；")) + QStringLiteral("。")};
}

Bounds Exporter::Impl::viewLonLat(const PrintLayout& layout) const {
    const Bounds& e = layout.mapExtent();
    Bounds out;
    for (int i = 0; i <= 8; ++i) {
        const double t = i / 8.0;
        for (const QPointF& p :
             {QPointF(e.minX + t * e.width(), e.minY), QPointF(e.minX + t * e.width(), e.maxY),
              QPointF(e.minX, e.minY + t * e.height()), QPointF(e.maxX, e.minY + t * e.height())}) {
            try {
                const QPointF ll = crs->inverse(p.x(), p.y());
                out.extend(ll.x(), ll.y());
            } catch (const Error&) {
            }
        }
    }
    return out;
}

std::unique_ptr<PrintLayout> Exporter::Impl::buildLayout(int index, const LayoutTypeface& type,
                                                         double dpi,
                                                         std::vector<std::string>& warnings) {
    const PageSpec& spec = pages.at(static_cast<std::size_t>(index));
    auto layout = std::make_unique<PrintLayout>(req.page);
    const bool sheet = !spec.countyAdcode.empty();
    std::optional<CountyView> sheetView;
    layout->options.sidePanel = sheet || req.page.orientation == Orientation::Landscape;
    layout->title =
        std::make_unique<TitleElement>(type, spec.title, spec.subtitle, QStringLiteral("示意图"));
    Bounds hint = spec.mapExtent ? *spec.mapExtent : lonLatToMap(spec.lonLat);
    if (!spec.mapExtent) {
        const double pad =
            sheet || spec.lonLat.width() < 1.2 ? 0.15 : 0.03;  // counties: show neighbours
        const double padX = hint.width() * pad, padY = hint.height() * pad;
        hint.minX -= padX, hint.maxX += padX, hint.minY -= padY, hint.maxY += padY;
    }
    if (hint.isEmpty() || !(hint.width() > 0) || !(hint.height() > 0))
        throw Error(ErrorKind::Usage, "empty extent", spec.name);
    const QPointF center(hint.centerX(), hint.centerY());
    if (req.northArrow)
        layout->northArrow =
            std::make_unique<NorthArrowElement>(type, northAngleDegrees(*crs, center));
    if (req.scaleBar) layout->scaleBar = std::make_unique<ScaleBarElement>(type, *crs);
    if (req.inset) {
        const QRectF pb = provinceMap.boundingRect();
        const bool wholeProvince = hint.width() * hint.height() > 0.6 * pb.width() * pb.height();
        if (!wholeProvince)
            layout->inset = std::make_unique<InsetElement>(type, provinceMap, prefecturesMap,
                                                           QStringLiteral("位置示意"));
    }
    if (req.legend)
        layout->legend = std::make_unique<LegendElement>(type, drawer->legendTitle(),
                                                         std::vector<LayoutLegendEntry>{});
    if (sheet) {
        sheetView = ViewReader(*db, Lang::Zh).county(spec.countyAdcode);
        layout->table = countyTable(type, *sheetView);
    }
    if (req.notes)
        layout->note = std::make_unique<NoteElement>(type, QStringList{QStringLiteral("…")});
    // First pass: the frame (independent of the legend and notes' content).
    std::vector<std::string> scratch;
    layout->arrange(hint, scratch);
    const QRectF frame = layout->mapFrameMm();
    drawer->setFontFamily(type.family());
    drawer->setView(req.crs, layout->mapExtent(),
                    QSizeF(frame.width() * dpi / 25.4, frame.height() * dpi / 25.4), dpi);
    if (req.legend) {
        // A style whose legend is hidden, or a frame without any of its classes: no legend.
        std::vector<LayoutLegendEntry> entries = drawer->legend();
        layout->legend = entries.empty() ? nullptr
                                         : std::make_unique<LegendElement>(
                                               type, drawer->legendTitle(), std::move(entries));
    }
    if (req.notes)
        layout->note = std::make_unique<NoteElement>(
            type, notesFor(spec, viewLonLat(*layout)) +
                      (sheetView ? sheetNotes(*sheetView) : QStringList()));
    layout->arrange(hint, warnings);
    // Notes change the body height, hence maybe the frame: set the view again.
    const QRectF frame2 = layout->mapFrameMm();
    if (frame2 != frame)
        drawer->setView(req.crs, layout->mapExtent(),
                        QSizeF(frame2.width() * dpi / 25.4, frame2.height() * dpi / 25.4), dpi);
    return layout;
}

void Exporter::Impl::paintPage(PrintLayout& layout, QPainter& p, double pxPerMm, bool maskOutside,
                               const std::string& highlightAdcode) const {
    MapDrawer* d = drawer.get();
    // The county of a county sheet: a dark red outline over the map and
    // under its labels (which stay readable across it).
    auto it = countyPaths.find(highlightAdcode);
    if (it != countyPaths.end()) {
        const QPainterPath county = it->second;
        d->setOverlay([county](QPainter& painter, const Bounds& extent, QSizeF sizePx, double dpi) {
            const double s = sizePx.width() / extent.width();
            const QTransform t(s, 0, 0, -s, -extent.minX * s, extent.maxY * s);
            QPen pen(QColor(0xa0, 0x10, 0x10));
            pen.setWidthF(0.6 * dpi / 25.4);  // 0.6 mm
            pen.setJoinStyle(Qt::RoundJoin);
            painter.setPen(pen);
            painter.setBrush(Qt::NoBrush);
            painter.drawPath(t.map(county));
        });
    } else {
        d->setOverlay({});
    }
    layout.paint(p, pxPerMm,
                 [&](QPainter& painter, const QRectF& target, const Bounds& /*extent*/) {
                     d->draw(painter, target);
                     if (maskOutside) {
                         // QSvgGenerator drops clip paths: cover what lies outside the frame.
                         const QSizeF page = layout.page().sizeMm() * pxPerMm;
                         painter.save();
                         painter.setClipping(false);
                         painter.setPen(Qt::NoPen);
                         painter.setBrush(Qt::white);
                         QPainterPath outside;
                         outside.addRect(QRectF(QPointF(-10, -10), page + QSizeF(20, 20)));
                         QPainterPath inner;
                         inner.addRect(target);
                         painter.drawPath(outside.subtracted(inner));
                         painter.restore();
                     }
                 });
}

// ------------------------------------------------------------------ preflight

namespace {
// The layout's own warnings ("legend: 3 entries …", "table: 2 rows …",
// "inset: …", see PrintLayout::arrange) as codes with their count.
void layoutWarningCode(const std::string& warning, PreflightIssue& issue) {
    const auto countAfter = [&](std::size_t prefix) {
        std::size_t used = 0;
        try {
            return std::stoi(warning.substr(prefix), &used);
        } catch (const std::exception&) {
            return 0;
        }
    };
    if (warning.rfind("legend: ", 0) == 0) {
        issue.code = PreflightIssue::Code::LegendTruncated;
        issue.count = countAfter(8);
    } else if (warning.rfind("table: ", 0) == 0) {
        issue.code = PreflightIssue::Code::TableTruncated;
        issue.count = countAfter(7);
    } else if (warning.rfind("inset: ", 0) == 0) {
        issue.code = PreflightIssue::Code::InsetDropped;
    }
}
}  // namespace

const PreflightReport& Exporter::preflight() {
    if (d_->preflight) return *d_->preflight;
    PreflightReport r;
    r.pages = pageCount();
    const ExportRequest& req = d_->req;
    using Code = PreflightIssue::Code;
    auto add = [&](PreflightIssue::Severity s, const std::string& m,
                   Code code = Code::Other) -> PreflightIssue& {
        PreflightIssue issue;
        issue.severity = s;
        issue.message = m;
        issue.code = code;
        r.issues.push_back(std::move(issue));
        return r.issues.back();
    };
    const auto W = PreflightIssue::Severity::Warning;
    const auto E = PreflightIssue::Severity::Error;
    r.pagePx = req.page.sizePx();
    const bool raster = req.format == ExportFormat::Png || req.format == ExportFormat::GeoTiff;
    const std::int64_t px = static_cast<std::int64_t>(r.pagePx.width()) * r.pagePx.height();
    if (raster) {
        if (r.pagePx.width() > kMaxRasterSide || r.pagePx.height() > kMaxRasterSide ||
            px > kMaxRasterPixels) {
            std::ostringstream m;
            m << "page would be " << r.pagePx.width() << "×" << r.pagePx.height() << " px ("
              << px / 1000000 << " Mpx), above the raster limit of " << kMaxRasterPixels / 1000000
              << " Mpx and " << kMaxRasterSide << " px per side; lower --dpi or the paper size";
            add(E, m.str(), Code::PageTooLarge);
        }
        const std::int64_t rowBytes = static_cast<std::int64_t>(r.pagePx.width()) * 4;
        const std::int64_t rows = std::max<std::int64_t>(
            1, std::min<std::int64_t>(r.pagePx.height(),
                                      kBandBytes / std::max<std::int64_t>(1, rowBytes)));
        r.bands = static_cast<int>((r.pagePx.height() + rows - 1) / rows);
        // Band (32-bit) + its RGB copy for the encoder.
        r.estimatedPeakMb = static_cast<double>(rows * rowBytes) * 1.75 / (1 << 20);
    }
    if (req.format == ExportFormat::Pdf && !exportFont().fixedCopy)
        add(W,
            "export font Jinmap Sans CJK SC not found (build target jinmap_export_font): PDF text "
            "extraction may return Kangxi radicals for 大/山/谷 and lose digits",
            Code::FontNotFixed);
    // Output path.
    try {
        const bool dirOut =
            req.kind == ExportRequest::Kind::Atlas && req.format != ExportFormat::Pdf;
        if (req.output.empty())
            add(E, "no output path (-o FILE)", Code::OutputPath);
        else if (dirOut) {
            checkWritableOutputFolder(req.output);
        } else {
            struct stat st {};
            if (!(::stat(req.output.c_str(), &st) == 0 && !S_ISREG(st.st_mode) &&
                  !S_ISDIR(st.st_mode)))
                checkWritableOutputPath(req.output);
        }
        if (!req.tableOutput.empty()) checkWritableOutputPath(req.tableOutput);
    } catch (const Error& e) {
        // The CLI's line names the path last ("output directory does not exist: DIR").
        add(E, e.context().empty() ? e.message() : e.message() + ": " + e.context(),
            Code::OutputPath)
            .cause = e;
    }
    // Per page: layout fit, labels, glyphs.
    std::optional<LayoutTypeface> type;
    try {
        type = d_->typefaceFor(req.format);
    } catch (const Error& e) {
        add(E, e.message(), Code::FontMissing);
    }
    std::set<char32_t> missing;
    QStringList missingIn;
    for (int i = 0; type && i < pageCount(); ++i) {
        std::vector<std::string> warnings;
        auto layout = d_->buildLayout(i, *type, req.page.dpi, warnings);
        const std::string where = pageCount() > 1 ? pageName(i) + ": " : "";
        for (const auto& w : warnings) {
            PreflightIssue& issue = add(W, where + w);
            issue.page = pageCount() > 1 ? pageName(i) : std::string();
            layoutWarningCode(w, issue);
        }
        const MapDrawReport rep = d_->drawer->report();
        if (rep.labelsDropped > 0) {
            QStringList some = rep.droppedLabels.mid(0, 8);
            PreflightIssue& issue = add(W,
                                        where + std::to_string(rep.labelsDropped) + " of " +
                                            std::to_string(rep.labelsDropped + rep.labelsPlaced) +
                                            " labels dropped by collision (" +
                                            some.join(QStringLiteral("、")).toStdString() +
                                            (rep.droppedLabels.size() > 8 ? "…" : "") + ")",
                                        Code::LabelsDropped);
            issue.page = pageCount() > 1 ? pageName(i) : std::string();
            issue.count = rep.labelsDropped;
            issue.total = rep.labelsDropped + rep.labelsPlaced;
            for (const QString& t : rep.droppedLabels) issue.items.push_back(t.toStdString());
        }
        for (const QString& t : layout->texts() + rep.labelTexts)
            for (const char32_t c : type->missingCharacters({t}))
                if (missing.insert(c).second) {
                    const auto u = static_cast<uint>(c);
                    missingIn << QStringLiteral("%1 (U+%2) in “%3”")
                                     .arg(QString::fromUcs4(&u, 1))
                                     .arg(u, 4, 16, QChar('0'))
                                     .arg(t.left(20));
                }
    }
    if (!missing.empty()) {
        PreflightIssue& issue =
            add(W,
                "glyphs missing in " + type->family().toStdString() +
                    ", drawn as the font's missing-glyph box (never from another font): " +
                    missingIn.mid(0, 6).join(QStringLiteral("; ")).toStdString(),
                Code::GlyphsMissing);
        issue.count = static_cast<int>(missing.size());
        for (const char32_t c : missing) {
            const auto u = static_cast<uint>(c);
            issue.items.push_back(QString::fromUcs4(&u, 1).toStdString());
        }
    }
    d_->preflight = r;
    return *d_->preflight;
}

// ------------------------------------------------------------------ rendering

QImage Exporter::renderPage(int index, int dpi) {
    QImage img;
    renderPageInto(index, dpi, img);
    return img;
}

void Exporter::renderPageInto(int index, int dpi, QImage& img) {
    PageSetup page = d_->req.page;
    page.dpi = dpi;
    std::vector<std::string> warnings;
    const LayoutTypeface type = d_->typefaceFor(ExportFormat::Png);
    auto saved = d_->req.page;
    d_->req.page = page;
    auto layout = d_->buildLayout(index, type, dpi, warnings);
    d_->req.page = saved;
    const QSize size = page.sizePx();
    if (img.size() != size || img.format() != QImage::Format_RGB32 || img.isDetached() == false)
        img = allocatePageImage(size);
    if (img.isNull()) throw Error(ErrorKind::Export, "out of memory for a page image");
    const int dpm = static_cast<int>(std::lround(dpi / 0.0254));
    img.setDotsPerMeterX(dpm);
    img.setDotsPerMeterY(dpm);
    img.fill(Qt::white);
    QPainter p(&img);
    d_->paintPage(*layout, p, page.pxPerMm(), false,
                  d_->pages.at(static_cast<std::size_t>(index)).countyAdcode);
    p.end();
}

std::vector<std::string> Exporter::pageTexts(int index) {
    std::vector<std::string> warnings;
    auto layout =
        d_->buildLayout(index, d_->typefaceFor(d_->req.format), d_->req.page.dpi, warnings);
    std::vector<std::string> out;
    for (const QString& t : layout->texts()) out.push_back(t.toStdString());
    for (const QString& t : d_->drawer->report().labelTexts) out.push_back(t.toStdString());
    return out;
}

std::vector<std::string> Exporter::sheetTexts(int index) {
    const PageSpec& spec = d_->pages.at(static_cast<std::size_t>(index));
    if (spec.countyAdcode.empty()) return {};
    std::vector<std::string> warnings;
    auto layout =
        d_->buildLayout(index, d_->typefaceFor(d_->req.format), d_->req.page.dpi, warnings);
    std::vector<std::string> out;
    if (layout->table)
        for (const QString& t : layout->table->texts()) out.push_back(t.toStdString());
    const CountyView v = ViewReader(*d_->db, Lang::Zh).county(spec.countyAdcode);
    for (const QString& t : d_->sheetNotes(v)) out.push_back(t.toStdString());
    return out;
}

Exporter::PageFacts Exporter::pageFacts(int index) {
    std::vector<std::string> warnings;
    auto layout =
        d_->buildLayout(index, d_->typefaceFor(d_->req.format), d_->req.page.dpi, warnings);
    PageFacts f;
    if (layout->scaleBar) {
        f.scaleBarMm = layout->scaleBar->barLengthMm();
        f.scaleBarMetres = layout->scaleBar->groundMetres();
    }
    if (layout->northArrow) f.northAngle = layout->northArrow->angle();
    const QRectF fr = layout->mapFrameMm();
    f.frameLeftMm = fr.left(), f.frameTopMm = fr.top(), f.frameWidthMm = fr.width(),
    f.frameHeightMm = fr.height();
    f.extent = layout->mapExtent();
    return f;
}

void Exporter::Impl::writeRaster(PrintLayout& layout, const std::string& path, ExportFormat f,
                                 const CancelToken* cancel, const std::string& highlight) {
    const PageSetup& page = req.page;
    const QSize size = page.sizePx();
    const double pxPerMm = page.pxPerMm();
    std::unique_ptr<RasterSink> sink;
    if (f == ExportFormat::Png) {
        sink = openPngSink(path, size.width(), size.height(), page.dpi);
    } else {
        const double upm = layout.mapUnitsPerMm();
        const QRectF fr = layout.mapFrameMm();
        const Bounds& e = layout.mapExtent();
        GeoReference geo;
        geo.crs = req.crs;
        const double pxSize = upm / pxPerMm;
        geo.geoTransform = {e.minX - fr.left() * upm, pxSize, 0,
                            e.maxY + fr.top() * upm,  0,      -pxSize};
        sink = openGeoTiffSink(path, size.width(), size.height(), page.dpi, geo);
    }
    const int rowBytes = size.width() * 4;
    const int bandRows = static_cast<int>(
        std::max<std::int64_t>(1, std::min<std::int64_t>(size.height(), kBandBytes / rowBytes)));
    const int dpm = static_cast<int>(std::lround(page.dpi / 0.0254));
    for (int y0 = 0; y0 < size.height(); y0 += bandRows) {
        checkCancel(cancel);
        const int h = std::min(bandRows, size.height() - y0);
        QImage band = allocatePageImage(QSize(size.width(), h));
        if (band.isNull()) throw Error(ErrorKind::Export, "out of memory for a raster band", path);
        band.setDotsPerMeterX(dpm);
        band.setDotsPerMeterY(dpm);
        band.fill(Qt::white);
        {
            QPainter p(&band);
            p.translate(0, -y0);
            paintPage(layout, p, pxPerMm, false, highlight);
        }
        sink->writeRows(band, y0);
    }
    sink->finish();
}

ExportResult Exporter::run(const ProgressFn& progress, const CancelToken* cancel) {
    const PreflightReport& pre = preflight();
    if (pre.hasErrors()) throw pre.firstErrorAsException();
    const ExportRequest& req = d_->req;
    ExportResult result;
    const int n = pageCount();
    const LayoutTypeface type = d_->typefaceFor(req.format);
    auto report = [&](int done, const std::string& name) {
        if (progress) progress({done, n, name});
    };
    checkCancel(cancel);
    bool tableWritten = false;
    // County sheet: its table beside the map (written first; removed again if
    // the map fails, so a failure leaves neither).
    if (req.kind == ExportRequest::Kind::CountySheet && !req.tableOutput.empty()) {
        const CountyView v = ViewReader(*d_->db, Lang::Zh).county(d_->pages.front().countyAdcode);
        Table t = factTable(v.towns, Lang::Zh, v.nameZh);
        if (t.rows.empty()) {
            std::vector<std::string> row{v.prefecture, v.nameZh, v.adcode,
                                         "资料中未列出该县的专业镇"};
            row.resize(t.header.size());
            t.rows.push_back(std::move(row));
        }
        writeTable(t, req.tableOutput, tableFormatForPath(req.tableOutput));
        tableWritten = true;
    }
    struct RemoveTable {
        const bool& written;
        const std::string& path;
        bool keep = false;
        ~RemoveTable() {
            if (written && !keep) ::unlink(path.c_str());
        }
    } removeTable{tableWritten, req.tableOutput};
    if (req.format == ExportFormat::Pdf) {
        OutputFile out(req.output);
        {
            QFile file(QString::fromStdString(out.path()));
            if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
                throw Error(ErrorKind::Io, "cannot write: " + file.errorString().toStdString(),
                            req.output);
            QPdfWriter writer(&file);
            writer.setResolution(req.page.dpi);
            writer.setCreator(QStringLiteral("jinmap " JINMAP_VERSION));
            writer.setTitle(d_->pages.front().title);
            const QSizeF mm = req.page.sizeMm();
            QPageSize ps = req.page.paper == "A4"   ? QPageSize(QPageSize::A4)
                           : req.page.paper == "A3" ? QPageSize(QPageSize::A3)
                           : req.page.paper == "A2"
                               ? QPageSize(QPageSize::A2)
                               : QPageSize(QSizeF(std::min(mm.width(), mm.height()),
                                                  std::max(mm.width(), mm.height())),
                                           QPageSize::Millimeter, QString(), QPageSize::ExactMatch);
            writer.setPageLayout(QPageLayout(ps,
                                             req.page.orientation == Orientation::Landscape
                                                 ? QPageLayout::Landscape
                                                 : QPageLayout::Portrait,
                                             QMarginsF(0, 0, 0, 0)));
            QPainter p;
            if (!p.begin(&writer))
                throw Error(ErrorKind::Export, "cannot start the PDF", req.output);
            for (int i = 0; i < n; ++i) {
                checkCancel(cancel);
                if (i > 0) writer.newPage();
                std::vector<std::string> warnings;
                auto layout = d_->buildLayout(i, type, req.page.dpi, warnings);
                d_->paintPage(*layout, p, req.page.pxPerMm(), false,
                              d_->pages[static_cast<std::size_t>(i)].countyAdcode);
                report(i + 1, pageName(i));
            }
            p.end();
            if (!file.flush() || file.error() != QFileDevice::NoError)
                throw Error(ErrorKind::Io, "write failed: " + file.errorString().toStdString(),
                            req.output);
            file.close();
            if (file.error() != QFileDevice::NoError)
                throw Error(ErrorKind::Io, "write failed: " + file.errorString().toStdString(),
                            req.output);
        }
        checkCancel(cancel);
        out.commit();
        result.files.push_back(req.output);
    } else {
        auto writePage = [&](int i, const std::string& path) {
            std::vector<std::string> warnings;
            auto layout = d_->buildLayout(i, type, req.page.dpi, warnings);
            if (req.format == ExportFormat::Svg) {
                QFile file(QString::fromStdString(path));
                if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
                    throw Error(ErrorKind::Io, "cannot write: " + file.errorString().toStdString(),
                                path);
                QSvgGenerator gen;
                gen.setOutputDevice(&file);
                const QSize size = req.page.sizePx();
                gen.setSize(size);
                gen.setViewBox(QRect(QPoint(0, 0), size));
                gen.setResolution(req.page.dpi);
                gen.setTitle(d_->pages[static_cast<std::size_t>(i)].title);
                gen.setDescription(QStringLiteral("jinmap export; 示意图"));
                QPainter p;
                if (!p.begin(&gen)) throw Error(ErrorKind::Export, "cannot start the SVG", path);
                p.fillRect(QRectF(QPointF(0, 0), QSizeF(size)), Qt::white);
                d_->paintPage(*layout, p, req.page.pxPerMm(), true,
                              d_->pages[static_cast<std::size_t>(i)].countyAdcode);
                p.end();
                if (!file.flush() || file.error() != QFileDevice::NoError)
                    throw Error(ErrorKind::Io, "write failed: " + file.errorString().toStdString(),
                                path);
                file.close();
            } else {
                d_->writeRaster(*layout, path, req.format, cancel,
                                d_->pages[static_cast<std::size_t>(i)].countyAdcode);
            }
        };
        if (req.kind == ExportRequest::Kind::Atlas) {
            OutputDir dir(req.output);
            std::vector<std::string> files;
            for (int i = 0; i < n; ++i) {
                checkCancel(cancel);
                const std::string file =
                    sanitizeFileStem(pageName(i)) + "." + formatExtension(req.format);
                writePage(i, dir.stagePath(file));
                files.push_back(file);
                report(i + 1, pageName(i));
            }
            checkCancel(cancel);
            result.files = dir.commit(files);
        } else {
            OutputFile out(req.output);
            writePage(0, out.path());
            checkCancel(cancel);
            out.commit();
            report(1, pageName(0));
            result.files.push_back(req.output);
        }
    }
    removeTable.keep = true;
    if (tableWritten) result.files.push_back(req.tableOutput);
    result.pages = n;
    return result;
}

}  // namespace jinmap
