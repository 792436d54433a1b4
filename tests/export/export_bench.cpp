// Export benchmark (shared/bench/README.md, export rows): Shanxi with labels,
// A3 landscape 300 dpi raster (to the finished QImage, PNG encoding reported
// separately) and the same page as a vector PDF (to the closed file). Ratios
// against QGIS only with QGIS measured in the same run, on this machine:
// tools/bench_vs_qgis.sh passes its medians in JINMAP_QGIS_RASTER_MS and
// JINMAP_QGIS_PDF_MS (figures recorded elsewhere compare two machines, not two
// programs). With --a2-memory: an A2 600 dpi PNG written in bands, reporting
// peak RSS (contract: ≤ 1 GB).
#include <sys/resource.h>
#include <unistd.h>

#include <QGuiApplication>
#include <QImageWriter>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "data/geodatabase.h"
#include "export/exporter.h"

using namespace jinmap;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double ms(Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
}

struct Stats {
    double median, min, max;
    int n;
};
Stats stats(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return {v[v.size() / 2], v.front(), v.back(), static_cast<int>(v.size())};
}

ExportRequest shanxi(ExportFormat f, const std::string& out) {
    ExportRequest r;
    // The QGIS benchmark drawing (counties by prefecture, labels, outlines).
    r.stylePath = std::string(JINMAP_SOURCE_DIR) + "/tests/bench/fixtures/bench-shanxi.json";
    r.extent = "province";
    r.crs = "EPSG:3857";
    r.format = f;
    r.page = parsePaper("A3");
    r.page.orientation = Orientation::Landscape;
    r.page.dpi = 300;
    r.exportDate = "2026-01-01";
    r.title = "山西省县级行政区";
    r.output = out;
    return r;
}

// QGIS's median for the same drawing measured in this run (environment
// variable set by tools/bench_vs_qgis.sh), or 0.
double qgisMedian(const char* variable) {
    const char* v = std::getenv(variable);
    if (!v || !*v) return 0;
    char* end = nullptr;
    const double ms = std::strtod(v, &end);
    return end != v && ms > 0 ? ms : 0;
}

// " QGIS X ms in this run -> R (target)" or why there is no ratio.
std::string ratioText(double qgisMs, double jinmapMs, const char* target) {
    char buf[160];
    if (qgisMs <= 0)
        return "; QGIS not measured in this run (tools/bench_vs_qgis.sh --only export gives "
               "the ratio)";
    std::snprintf(buf, sizeof buf, "; QGIS %.1f ms in this run -> %.2fx (target %s)", qgisMs,
                  qgisMs / jinmapMs, target);
    return buf;
}

long maxRssMb() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss / 1024;
}

}  // namespace

int main(int argc, char** argv) {
    if (!std::getenv("QT_QPA_PLATFORM")) setenv("QT_QPA_PLATFORM", "offscreen", 1);
    QGuiApplication app(argc, argv);
    const std::string dbPath = std::getenv("JINMAP_DB") ? std::getenv("JINMAP_DB") : JINMAP_TEST_DB;
    const bool a2 = argc > 1 && std::string(argv[1]) == "--a2-memory";
    int runs = 9, warm = 3;
    if (const char* r = std::getenv("JINMAP_BENCH_RUNS")) runs = std::max(1, std::atoi(r));
    const fs::path tmp =
        fs::temp_directory_path() / ("jinmap-export-bench-" + std::to_string(::getpid()));
    fs::create_directories(tmp);
    auto db = GeoDatabase::open(dbPath);

    if (a2) {
        ExportRequest r = shanxi(ExportFormat::Png, (tmp / "a2.png").string());
        r.page = parsePaper("A2");
        r.page.orientation = Orientation::Portrait;
        r.page.dpi = 600;
        Exporter ex(db, r);
        const auto& pre = ex.preflight();
        const auto t0 = Clock::now();
        ex.run();
        const auto t1 = Clock::now();
        const long rss = maxRssMb();
        std::printf(
            "A2 portrait 600 dpi PNG (%d×%d px, %d bands): %.0f ms, file %.1f MB, peak RSS %ld MB "
            "(estimate for bands %.0f MB; limit 1024 MB)\n",
            pre.pagePx.width(), pre.pagePx.height(), pre.bands, ms(t0, t1),
            fs::file_size(r.output) / 1048576.0, rss, pre.estimatedPeakMb);
        fs::remove_all(tmp);
        return rss <= 1024 ? 0 : 1;
    }

    // Raster: render request → finished QImage.
    Exporter raster(db, shanxi(ExportFormat::Png, (tmp / "a3.png").string()));
    const auto f0 = Clock::now();
    QImage img = raster.renderPage(0, 300);
    const auto f1 = Clock::now();
    std::vector<double> times;
    for (int i = 0; i < warm + runs; ++i) {
        const auto t0 = Clock::now();
        raster.renderPageInto(0, 300, img);
        const auto t1 = Clock::now();
        if (i >= warm) times.push_back(ms(t0, t1));
    }
    const Stats rs = stats(times);
    std::vector<double> fresh;
    for (int i = 0; i < runs; ++i) {
        const auto t0 = Clock::now();
        QImage f = raster.renderPage(0, 300);  // a new page buffer every time
        fresh.push_back(ms(t0, Clock::now()));
    }
    const Stats fs_ = stats(fresh);
    const auto e0 = Clock::now();
    raster.run();  // banded render + PNG encoding + atomic write
    const auto e1 = Clock::now();
    const auto q0 = Clock::now();
    {
        QImageWriter w(QString::fromStdString((tmp / "qt.png").string()));
        w.write(img);
    }
    const auto q1 = Clock::now();
    const double qgisRaster = qgisMedian("JINMAP_QGIS_RASTER_MS");
    const double qgisPdf = qgisMedian("JINMAP_QGIS_PDF_MS");
    std::printf(
        "A3 landscape 300 dpi raster %d×%d: first %.1f ms; median %.1f ms (min %.1f, max %.1f, n "
        "%d)%s\n",
        img.width(), img.height(), ms(f0, f1), rs.median, rs.min, rs.max, rs.n,
        ratioText(qgisRaster, rs.median, ">= 3x").c_str());
    std::printf("  with a fresh page buffer per render: median %.1f ms (min %.1f, max %.1f)%s\n",
                fs_.median, fs_.min, fs_.max, ratioText(qgisRaster, fs_.median, ">= 3x").c_str());
    std::printf(
        "  PNG: export run (render + encode + write) %.0f ms, so encoding ≈ %.0f ms; file %.1f MB; "
        "QImageWriter encode alone %.0f ms\n",
        ms(e0, e1), ms(e0, e1) - rs.median, fs::file_size(tmp / "a3.png") / 1048576.0, ms(q0, q1));

    // Vector PDF: render request → closed file.
    times.clear();
    Exporter pdf(db, shanxi(ExportFormat::Pdf, (tmp / "a3.pdf").string()));
    pdf.preflight();
    for (int i = 0; i < warm + runs; ++i) {
        const auto t0 = Clock::now();
        pdf.run();
        const auto t1 = Clock::now();
        if (i >= warm) times.push_back(ms(t0, t1));
    }
    const Stats ps = stats(times);
    std::printf(
        "A3 landscape vector PDF: median %.1f ms (min %.1f, max %.1f, n %d); file %.2f MB%s\n",
        ps.median, ps.min, ps.max, ps.n, fs::file_size(tmp / "a3.pdf") / 1048576.0,
        ratioText(qgisPdf, ps.median, ">= 1.5x").c_str());
    std::printf("peak RSS %ld MB\n", maxRssMb());
    std::printf("median %.1f ms (min %.1f, max %.1f, n %d)\n", rs.median, rs.min, rs.max, rs.n);
    fs::remove_all(tmp);
    return 0;
}
