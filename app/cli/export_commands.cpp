// `jinmap export`: print layouts (map, atlas, county sheet) as PDF, PNG, SVG
// or GeoTIFF. The viewer's export dialog drives the same jinmap::Exporter.
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "base/error.h"
#include "base/numbers.h"
#include "cli.h"
#include "cli_commands.h"
#include "data/geodatabase.h"
#include "export/exporter.h"
#include "style/style_parser.h"

namespace fs = std::filesystem;

namespace jinmap::cli {

namespace {

CancelToken* gCancel = nullptr;

extern "C" void onInterrupt(int) {
    if (gCancel) gCancel->cancel();
}

void printProgress(const ExportProgress& p, bool tty) {
    if (p.total <= 1 && !tty) return;
    if (tty) {
        constexpr int width = 30;
        const int filled = p.total > 0 ? p.done * width / p.total : width;
        std::string bar(static_cast<std::size_t>(filled), '#');
        bar += std::string(static_cast<std::size_t>(width - filled), ' ');
        std::fprintf(stderr, "\rexport [%s] %d/%d %s\033[K", bar.c_str(), p.done, p.total,
                     p.page.c_str());
        if (p.done == p.total) std::fprintf(stderr, "\n");
    } else {
        std::fprintf(stderr, "export: %d/%d %s\n", p.done, p.total, p.page.c_str());
    }
    std::fflush(stderr);
}

int runExport(const Context& ctx, const Args& args) {
    ExportRequest req;
    req.stylePath = ctx.stylePath.empty()
                        ? (fs::path(defaultStylesDir(ctx.program)) / "towns.json").string()
                        : ctx.stylePath;
    const auto output = args.value("output");
    if (!output) return usageError("export needs -o FILE (a directory for an atlas of images)");
    req.output = *output;

    if (auto atlas = args.value("atlas")) {
        req.kind = ExportRequest::Kind::Atlas;
        req.atlas = *atlas;
    }
    if (auto county = args.value("county-sheet")) {
        if (req.kind == ExportRequest::Kind::Atlas)
            return usageError("--atlas and --county-sheet cannot be combined");
        req.kind = ExportRequest::Kind::CountySheet;
        req.county = *county;
    }
    const bool sheet = req.kind == ExportRequest::Kind::CountySheet;
    try {
        if (auto f = args.value("format"))
            req.format = parseExportFormat(*f);
        else if (auto f2 = formatForPath(req.output))
            req.format = *f2;
        else if (req.kind != ExportRequest::Kind::Atlas)
            return usageError("cannot tell the format from '" + req.output +
                              "': give --format pdf|png|svg|tif");
        req.page = parsePaper(args.valueOr("paper", sheet ? "A4" : "A3"));
        const bool customPaper = req.page.paper == "custom";
        if (auto o = args.value("orientation"))
            req.page.orientation = parseOrientation(*o);
        else if (!customPaper)
            req.page.orientation = sheet ? Orientation::Portrait : Orientation::Landscape;
        const std::string dpi = args.valueOr("dpi", "300");
        const auto value = parseInteger(dpi);
        if (!value || *value < 0 || *value > 100000)
            return usageError("--dpi needs a whole number, got '" + dpi + "'");
        req.page.dpi = static_cast<int>(*value);
        if (auto m = args.value("margin")) {
            const auto margin = parseNumber(*m);
            if (!margin) return usageError("--margin needs millimetres, got '" + *m + "'");
            req.page.marginMm = *margin;
        }
    } catch (const Error& e) {
        return usageError(e.what());
    }
    req.extent = args.valueOr("extent", "province");
    // The viewer's "current view": the map extent itself, in --crs units (the
    // export dialog shows this option in its command line).
    if (auto v = args.value("view-extent")) {
        if (args.value("extent"))
            return usageError("--view-extent and --extent cannot be combined");
        std::vector<double> c;
        std::size_t start = 0;
        bool bad = false;
        while (!bad) {
            const std::size_t comma = v->find(',', start);
            const std::string part = v->substr(start, comma - start);
            char* end = nullptr;
            const double x = std::strtod(part.c_str(), &end);
            bad = part.empty() || end != part.c_str() + part.size() || !std::isfinite(x);
            c.push_back(x);
            if (comma == std::string::npos) break;
            start = comma + 1;
        }
        if (bad || c.size() != 4 || !(c[0] < c[2]) || !(c[1] < c[3]))
            return usageError("--view-extent needs minX,minY,maxX,maxY in --crs units, got '" + *v +
                              "'");
        Bounds b;
        b.extend(c[0], c[1]);
        b.extend(c[2], c[3]);
        req.viewExtent = b;
    }
    req.crs = args.valueOr("crs", "EPSG:3857");
    req.title = args.valueOr("title", "");
    req.subtitle = args.valueOr("subtitle", "");
    req.tableOutput = args.valueOr("table", "");
    req.exportDate = args.valueOr("date", "");
    req.legend = !args.flag("no-legend");
    req.scaleBar = !args.flag("no-scale-bar");
    req.northArrow = !args.flag("no-north-arrow");
    req.inset = !args.flag("no-inset");
    req.notes = !args.flag("no-notes");
    if (!req.tableOutput.empty() && !sheet) return usageError("--table goes with --county-sheet");

    // The style first: a bad one stops the export before anything is opened
    // or written. Warnings (the style's and the preflight's) are printed only
    // when the export succeeds, so a failure is one line.
    const bool quiet = args.flag("quiet");
    ParseResult parsed = parseStyleFile(req.stylePath);
    req.style = parsed.style;
    std::vector<std::string> warnings;
    for (const auto& w : parsed.warnings) warnings.push_back(w.toString());
    auto printWarnings = [&] {
        if (quiet) return;
        for (const auto& w : warnings) std::fprintf(stderr, "jinmap: warning: %s\n", w.c_str());
    };

    auto db = GeoDatabase::open(ctx.dbPath);
    Exporter exporter(db, req);
    const PreflightReport& pre = exporter.preflight();
    if (pre.hasErrors()) return fail("export: " + pre.firstError());
    for (const auto& issue : pre.issues)
        if (issue.severity == PreflightIssue::Severity::Warning) warnings.push_back(issue.message);
    if (args.flag("check")) {
        printWarnings();
        std::printf("check: %d page(s), %s, %d×%d px per page", pre.pages,
                    describe(exporter.request().page).c_str(), pre.pagePx.width(),
                    pre.pagePx.height());
        if (pre.estimatedPeakMb > 0)
            std::printf(", %d band(s), about %s MB for raster bands", pre.bands,
                        formatFixed(pre.estimatedPeakMb, 0).c_str());
        std::printf("; %zu warning(s)\n", pre.issues.size());
        return 0;
    }

    CancelToken cancel;
    gCancel = &cancel;
    struct sigaction sa {
    }, oldInt{}, oldTerm{};
    sa.sa_handler = onInterrupt;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &oldInt);
    sigaction(SIGTERM, &sa, &oldTerm);
    struct Restore {
        struct sigaction i, t;
        ~Restore() {
            sigaction(SIGINT, &i, nullptr);
            sigaction(SIGTERM, &t, nullptr);
            gCancel = nullptr;
        }
    } restore{oldInt, oldTerm};

    const bool tty = ::isatty(2) && !quiet;
    const auto start = std::chrono::steady_clock::now();
    ExportResult result;
    try {
        result = exporter.run(
            [&](const ExportProgress& p) {
                if (!quiet) printProgress(p, tty);
            },
            &cancel);
    } catch (const Error& e) {
        if (tty) std::fprintf(stderr, "\n");
        if (e.kind() == ErrorKind::Cancelled) return fail("export cancelled; nothing was written");
        throw;
    }
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    printWarnings();
    if (!quiet)
        for (const auto& f : result.files) std::printf("wrote %s\n", f.c_str());
    if (!quiet)
        std::fprintf(stderr, "export: %d page(s) in %s ms\n", result.pages,
                     formatFixed(ms, 0).c_str());
    return 0;
}

}  // namespace

void registerExportCommands() {
    registerCommand(Command{
        "export",
        "--style FILE --extent E|--view-extent X0,Y0,X1,Y1 -o FILE [--format pdf|png|svg|tif] "
        "[--paper A4|A3|A2|WxH] "
        "[--orientation portrait|landscape] [--dpi 72-600] [--margin MM] [--crs EPSG:N] [--title "
        "T] "
        "[--subtitle S] [--atlas prefectures|counties:CITY] [--county-sheet NAME [--table "
        "F.csv|F.xlsx]] "
        "[--date YYYY-MM-DD] [--no-legend] [--no-scale-bar] [--no-north-arrow] [--no-inset] "
        "[--no-notes] "
        "[--check] [--quiet]  (extent: province | city | county | "
        "bbox:minLon,minLat,maxLon,maxLat; "
        "raster limit 400 Mpx and 32000 px per side)",
        {"extent", "view-extent", "format", "paper", "orientation", "dpi", "margin", "crs", "title",
         "subtitle", "atlas", "county-sheet", "table", "date"},
        {"no-legend", "no-scale-bar", "no-north-arrow", "no-inset", "no-notes", "check", "quiet"},
        runExport});
}

}  // namespace jinmap::cli
