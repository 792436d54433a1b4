// `jinmap render` (one frame, as the viewer draws it) and `jinmap bench`
// (frame timings against the QGIS yardstick, see tools/bench_vs_qgis.sh).
#include <QBuffer>
#include <QElapsedTimer>
#include <QFontDatabase>
#include <QImage>
#include <QImageWriter>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "base/atomic_file.h"
#include "base/error.h"
#include "base/numbers.h"
#include "cli.h"
#include "cli_commands.h"
#include "data/geodatabase.h"
#include "render/extent.h"
#include "render/map_renderer.h"
#include "render/projection.h"
#include "style/style_parser.h"

namespace jinmap::cli {

namespace {

struct Setup {
    std::shared_ptr<GeoDatabase> db;
    std::shared_ptr<const Style> style;
    RenderRequest request;
    double openMs = 0;
};

// Parses the common options of render and bench; returns 0 or an exit code.
int setup(const Context& ctx, const Args& args, Setup& out) {
    if (ctx.stylePath.empty()) return usageError("--style FILE is required");
    const auto sizeText = args.value("size");
    if (!sizeText) return usageError("--size WxH is required");
    QSize size;
    try {
        size = parseSize(*sizeText);
    } catch (const Error& e) {
        return usageError(e.message());
    }
    auto parsed = parseStyleFile(ctx.stylePath);
    for (const auto& w : parsed.warnings)
        std::fprintf(stderr, "jinmap: warning: %s\n", w.toString().c_str());
    out.style = parsed.style;
    QElapsedTimer t;
    t.start();
    out.db = GeoDatabase::open(ctx.dbPath);
    out.openMs = static_cast<double>(t.nsecsElapsed()) / 1e6;
    const std::string crs = args.valueOr("crs", "EPSG:3857");
    double dpi = 96;
    if (auto d = args.value("dpi")) {
        const auto value = parseNumber(*d);
        if (!value) return usageError("--dpi: '" + *d + "' is not a number");
        dpi = *value;
        if (!(dpi >= 24 && dpi <= 2400)) return usageError("--dpi must be between 24 and 2400");
    }
    const Bounds lonLat = resolveExtent(*out.db, args.valueOr("extent", ""));
    // The default (province) extent fills the image like QGIS' "layer extent
    // padded to the aspect"; a named place gets a small margin.
    const double margin = args.value("extent") ? 0.03 : 0.0;
    out.request.style = out.style;
    out.request.view = makeView(crs, lonLat, size, dpi, margin);
    out.request.labels = !args.flag("no-labels");
    if (args.flag("no-simplify")) out.request.simplifyPixels = 0;
    return 0;
}

void writePng(const QImage& image, const std::string& path) {
    checkWritableOutputPath(path);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, "png");
    if (!writer.write(image))
        throw Error(ErrorKind::Io, "cannot encode PNG: " + writer.errorString().toStdString(),
                    path);
    AtomicFile file(path);
    file.writeAll(bytes.constData(), static_cast<std::size_t>(bytes.size()));
    file.commit();
}

// Layer problems (QGIS-style list) make the command fail with one line naming
// the first and counting the rest; nothing is written then.
std::string describeErrors(const std::vector<RenderError>& errors) {
    const RenderError& first = errors.front();
    std::string text = first.layer.empty() ? first.message : first.layer + ": " + first.message;
    if (errors.size() > 1) text += " (and " + std::to_string(errors.size() - 1) + " more)";
    return text;
}

int runRender(const Context& ctx, const Args& args) {
    const auto output = args.value("output");
    if (!output) return usageError("render needs -o FILE.png");
    Setup s;
    if (int rc = setup(ctx, args, s)) return rc;
    checkWritableOutputPath(*output);
    MapRenderer renderer(s.db);
    std::vector<RenderError> errors = renderer.prepare(s.request);
    RenderResult r = renderer.renderImage(s.request);
    errors.insert(errors.end(), r.errors.begin(), r.errors.end());
    if (!errors.empty()) return fail("render error: " + describeErrors(errors));
    if (r.image.isNull()) return fail("render error: no image");
    r.image.setDevicePixelRatio(1);
    const int dpm = static_cast<int>(std::lround(s.request.view.dpi / 0.0254));
    r.image.setDotsPerMeterX(dpm);
    r.image.setDotsPerMeterY(dpm);
    writePng(r.image, *output);
    std::printf("%s: %dx%d, %s, zoom %s, %d features, labels %d placed / %d dropped, %s ms\n",
                output->c_str(), r.image.width(), r.image.height(), s.request.view.crs.c_str(),
                formatFixed(r.zoom, 2).c_str(), r.featuresDrawn, r.labelsPlaced, r.labelsDropped,
                formatFixed(r.totalMs, 1).c_str());
    if (args.flag("legend"))
        for (const auto& l : r.legend)
            std::printf("legend %s %s %s: %d\n", l.layerId.c_str(), l.property.c_str(),
                        l.classKey.c_str(), l.count);
    return 0;
}

int runBench(const Context& ctx, const Args& args) {
    // The process's font database is filled before anything is timed, as
    // qgis_render.py lists QFontDatabase's families before QGIS's first frame
    // (and as the viewer does at start-up): it is the same for every map.
    QElapsedTimer fontTimer;
    fontTimer.start();
    const auto fontFamilies = QFontDatabase().families().size();
    const double fontMs = static_cast<double>(fontTimer.nsecsElapsed()) / 1e6;
    Setup s;
    if (int rc = setup(ctx, args, s)) return rc;
    const auto runsArg = parseInteger(args.valueOr("runs", "11"));
    const auto warmupArg = parseInteger(args.valueOr("warmup", "3"));
    if (!runsArg || !warmupArg) return usageError("--runs/--warmup need a number");
    const long long runs = *runsArg, warmup = *warmupArg;
    if (runs < 1 || runs > 10000 || warmup < 0 || warmup > 1000)
        return usageError("--runs must be 1..10000, --warmup 0..1000");
    const RenderRequest& req = s.request;
    std::printf("bench: %s, %dx%d, %s, labels %s, simplify %s, db %s\n", ctx.stylePath.c_str(),
                req.view.sizePx.width(), req.view.sizePx.height(), req.view.crs.c_str(),
                req.labels ? "on" : "off", req.simplifyPixels > 0 ? "on" : "off",
                ctx.dbPath.c_str());
    MapRenderer renderer(s.db);
    // First frame after opening the database: cold caches (reading, projecting,
    // simplifying, label sprites).
    QElapsedTimer t;
    t.start();
    std::vector<RenderError> errors = renderer.prepare(req);
    const double prepareMs = static_cast<double>(t.nsecsElapsed()) / 1e6;
    RenderResult first = renderer.renderImage(req);
    const double firstMs = static_cast<double>(t.nsecsElapsed()) / 1e6;
    errors.insert(errors.end(), first.errors.begin(), first.errors.end());
    if (!errors.empty()) return fail("render error: " + describeErrors(errors));
    std::printf("font database %s ms (%lld families, before the timer, as qgis_render.py)\n",
                formatFixed(fontMs, 1).c_str(), static_cast<long long>(fontFamilies));
    std::printf("open database %s ms; first frame after opening %s ms\n",
                formatFixed(s.openMs, 1).c_str(), formatFixed(firstMs, 1).c_str());
    std::printf("first frame: prepare %s ms (geometry %s), draw %s ms, labels %s ms\n",
                formatFixed(prepareMs, 1).c_str(),
                renderer.usesGeometryStore() ? "from the geometry store" : "read and projected",
                formatFixed(first.drawMs, 1).c_str(), formatFixed(first.labelMs, 1).c_str());
    // Warm-up frames are handled like measured ones (the previous frame is
    // held while the next is drawn, as a viewer does).
    RenderResult last;
    for (long long i = 0; i < warmup; ++i) last = renderer.renderImage(req);
    std::vector<double> times;
    for (long long i = 0; i < runs; ++i) {
        QElapsedTimer frame;
        frame.start();
        last = renderer.renderImage(req);
        times.push_back(static_cast<double>(frame.nsecsElapsed()) / 1e6);
    }
    std::printf(
        "frame: %d features, %zu vertices, labels %d placed / %d dropped; draw %s ms, labels %s "
        "ms\n",
        last.featuresDrawn, last.verticesDrawn, last.labelsPlaced, last.labelsDropped,
        formatFixed(last.drawMs, 2).c_str(), formatFixed(last.labelMs, 2).c_str());
    std::string layers;
    for (const auto& [id, ms] : last.layerMs)
        layers += (layers.empty() ? "" : ", ") + id + " " + formatFixed(ms, 2);
    std::printf("layers (ms): %s\n", layers.c_str());
    std::printf(
        "cache memory: geometry %s MB, label sprites %s MB\n",
        formatFixed(static_cast<double>(renderer.cacheMemoryBytes()) / 1048576.0, 1).c_str(),
        formatFixed(static_cast<double>(renderer.labelCacheBytes()) / 1048576.0, 1).c_str());
    {
        // PNG encoding is not part of a frame; reported on its own.
        QElapsedTimer enc;
        enc.start();
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        QImageWriter writer(&buffer, "png");
        QImage image = last.image;
        image.setDevicePixelRatio(1);
        writer.write(image);
        std::printf("png encoding %s ms (%lld bytes)\n",
                    formatFixed(static_cast<double>(enc.nsecsElapsed()) / 1e6, 1).c_str(),
                    static_cast<long long>(bytes.size()));
    }
    if (auto out = args.value("output")) {
        last.image.setDevicePixelRatio(1);
        writePng(last.image, *out);
    }
    std::string all;
    for (double ms : times) all += (all.empty() ? "" : " ") + formatFixed(ms, 2);
    std::printf("runs (ms): %s\n", all.c_str());
    std::vector<double> sorted = times;
    std::sort(sorted.begin(), sorted.end());
    const std::size_t n = sorted.size();
    const double median = n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    std::printf("median %s ms (min %s, max %s, n %zu)\n", formatFixed(median, 2).c_str(),
                formatFixed(sorted.front(), 2).c_str(), formatFixed(sorted.back(), 2).c_str(), n);
    return 0;
}

}  // namespace

void registerRenderCommands() {
    registerCommand({"render",
                     "--style FILE --size WxH [--extent 大同市|太谷区|minx,miny,maxx,maxy] "
                     "[--crs EPSG:N] [--dpi N] [--no-labels] [--no-simplify] [--legend] -o out.png",
                     {"size", "extent", "crs", "dpi"},
                     {"no-labels", "no-simplify", "legend"},
                     runRender});
    registerCommand({"bench",
                     "--style FILE --size WxH [--extent E] [--crs EPSG:N] [--runs N] [--warmup N] "
                     "[--no-labels] [--no-simplify] [-o last.png]; last line: median X ms (min Y, "
                     "max Z, n N)",
                     {"size", "extent", "crs", "dpi", "runs", "warmup"},
                     {"no-labels", "no-simplify"},
                     runBench});
}

}  // namespace jinmap::cli
