// What the viewer's export dialog relies on in core: an ExportCache shared
// by one Exporter after another draws the same pages as fresh Exporters
// (any CRS, any kind, in any order); the loss check's findings carry codes
// and counts the dialog words itself; `jinmap export --view-extent` is the
// dialog's "current view" (the map extent as given, in --crs units).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <QGuiApplication>
#include <QImage>
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "data/geodatabase.h"
#include "export/exporter.h"
#include "export/page_setup.h"
#include "style/style_parser.h"

namespace fs = std::filesystem;
using namespace jinmap;

namespace {

std::string dbPath() {
    if (const char* env = std::getenv("JINMAP_DB")) return env;
    return JINMAP_TEST_DB;
}

std::shared_ptr<GeoDatabase> database() {
    static std::shared_ptr<GeoDatabase> db = GeoDatabase::open(dbPath());
    return db;
}

std::shared_ptr<const Style> townsStyle() {
    static std::shared_ptr<const Style> style =
        parseStyleFile(JINMAP_SOURCE_DIR "/styles/towns.json").style;
    return style;
}

ExportRequest mapRequest(const std::string& extent, const std::string& crs) {
    ExportRequest r;
    r.style = townsStyle();
    r.stylePath = JINMAP_SOURCE_DIR "/styles/towns.json";
    r.extent = extent;
    r.crs = crs;
    r.page = parsePaper("A3");
    r.page.orientation = Orientation::Landscape;
    r.page.dpi = 150;
    r.exportDate = "2026-01-15";
    r.output = (fs::temp_directory_path() / "jinmap-preview-check.pdf").string();
    return r;
}

int exitCode(const std::string& cmd) {
    const int status = std::system((cmd + " >/dev/null 2>&1").c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

TEST(ExportCache, CachedPagesEqualFreshOnes) {
    ExportCache cache;
    // Other CRSs and areas first, so that the cache holds several contexts
    // and its drawer has drawn other views at other resolutions.
    std::vector<ExportRequest> requests = {
        mapRequest("province", "EPSG:3857"), mapRequest("晋中市", "EPSG:4546"),
        mapRequest("太谷区", "EPSG:3857"), mapRequest("province", "EPSG:4490")};
    ExportRequest sheet = mapRequest("province", "EPSG:3857");
    sheet.kind = ExportRequest::Kind::CountySheet;
    sheet.county = "太谷区";
    sheet.page = parsePaper("A4");
    sheet.page.orientation = Orientation::Portrait;
    requests.push_back(sheet);
    requests.push_back(mapRequest("晋中市", "EPSG:4546"));  // again, from the cache
    for (const ExportRequest& r : requests) {
        Exporter cached(database(), r, &cache);
        cached.renderPage(0, 48);  // a preview first, at another resolution
        const QImage a = cached.renderPage(0, 72);
        Exporter fresh(database(), r);
        const QImage b = fresh.renderPage(0, 72);
        ASSERT_FALSE(a.isNull());
        EXPECT_TRUE(a == b) << r.extent << " " << r.crs;
        // The loss check too.
        const PreflightReport& pa = cached.preflight();
        const PreflightReport& pb = fresh.preflight();
        ASSERT_EQ(pa.issues.size(), pb.issues.size()) << r.extent << " " << r.crs;
        for (std::size_t i = 0; i < pa.issues.size(); ++i)
            EXPECT_EQ(pa.issues[i].message, pb.issues[i].message);
    }
}

TEST(ExportCache, AnotherDatabaseStartsAfresh) {
    ExportCache cache;
    const ExportRequest r = mapRequest("晋中市", "EPSG:3857");
    const QImage first = Exporter(database(), r, &cache).renderPage(0, 40);
    // A second connection to the same file is another database for the cache.
    const QImage second = Exporter(GeoDatabase::open(dbPath()), r, &cache).renderPage(0, 40);
    EXPECT_TRUE(first == second);
}

TEST(PreflightCodes, DroppedLabelsCarryCountsAndNames) {
    Exporter e(database(), mapRequest("province", "EPSG:3857"));
    const PreflightReport& r = e.preflight();
    const auto it = std::find_if(r.issues.begin(), r.issues.end(), [](const PreflightIssue& i) {
        return i.code == PreflightIssue::Code::LabelsDropped;
    });
    ASSERT_NE(it, r.issues.end());
    EXPECT_EQ(it->severity, PreflightIssue::Severity::Warning);
    EXPECT_GT(it->count, 0);
    EXPECT_GT(it->total, it->count);
    EXPECT_EQ(static_cast<int>(it->items.size()), it->count);
    EXPECT_TRUE(it->page.empty());  // one page
    EXPECT_NE(it->message.find(std::to_string(it->count) + " of " + std::to_string(it->total)),
              std::string::npos);
}

TEST(PreflightCodes, PageTooLargeAndUnwritableAreErrors) {
    ExportRequest r = mapRequest("province", "EPSG:3857");
    r.format = ExportFormat::Png;
    r.page = parsePaper("2000x1500");
    r.page.dpi = 600;
    r.output = "/nonexistent-dir/x.png";
    Exporter e(database(), r);
    const PreflightReport& rep = e.preflight();
    bool tooLarge = false, path = false;
    for (const PreflightIssue& i : rep.issues) {
        tooLarge |= i.code == PreflightIssue::Code::PageTooLarge &&
                    i.severity == PreflightIssue::Severity::Error;
        path |= i.code == PreflightIssue::Code::OutputPath &&
                i.severity == PreflightIssue::Severity::Error;
    }
    EXPECT_TRUE(tooLarge);
    EXPECT_TRUE(path);
    EXPECT_GT(rep.pagePx.width(), kMaxRasterSide);
}

TEST(PreflightCodes, AtlasFindingsNameTheirPage) {
    ExportRequest r = mapRequest("province", "EPSG:3857");
    r.kind = ExportRequest::Kind::Atlas;
    r.atlas = "prefectures";
    r.page = parsePaper("A4");
    r.page.orientation = Orientation::Portrait;
    Exporter e(database(), r);
    const PreflightReport& rep = e.preflight();
    int named = 0;
    for (const PreflightIssue& i : rep.issues)
        if (i.code == PreflightIssue::Code::LabelsDropped) {
            EXPECT_FALSE(i.page.empty());
            EXPECT_EQ(i.message.rfind(i.page + ": ", 0), 0u) << i.message;
            ++named;
        }
    EXPECT_GT(named, 0);
}

TEST(PreflightCodes, SmallPageLosesLegendOrInsetWithCodes) {
    ExportRequest r = mapRequest("province", "EPSG:3857");
    r.page = parsePaper("120x80");
    Exporter e(database(), r);
    bool layoutLoss = false;
    for (const PreflightIssue& i : e.preflight().issues) {
        if (i.code == PreflightIssue::Code::LegendTruncated) {
            EXPECT_GT(i.count, 0);
            layoutLoss = true;
        }
        if (i.code == PreflightIssue::Code::InsetDropped) layoutLoss = true;
        EXPECT_FALSE(i.message.rfind("legend: ", 0) == 0 &&
                     i.code != PreflightIssue::Code::LegendTruncated);
        EXPECT_FALSE(i.message.rfind("inset: ", 0) == 0 &&
                     i.code != PreflightIssue::Code::InsetDropped);
    }
    EXPECT_TRUE(layoutLoss);
}

std::string gdalGeoreference(const std::string& tif) {
    // gdalinfo's "Origin = (…)" and "Pixel Size = (…)" lines.
    std::string out;
    FILE* pipe = popen(("gdalinfo '" + tif + "' 2>/dev/null").c_str(), "r");
    std::array<char, 4096> buf{};
    while (pipe && fgets(buf.data(), buf.size(), pipe)) {
        const std::string line = buf.data();
        if (line.rfind("Origin =", 0) == 0 || line.rfind("Pixel Size =", 0) == 0) out += line;
    }
    if (pipe) pclose(pipe);
    return out;
}

TEST(CliViewExtent, IsTheExporterViewExtent) {
    // `--view-extent` is ExportRequest::viewExtent: the GeoTIFF the CLI writes
    // is georeferenced as the one the Exporter writes for that request.
    const fs::path dir =
        fs::temp_directory_path() / ("jinmap-view-extent-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string out = (dir / "cli.tif").string();
    const std::string cmd = std::string("'") + JINMAP_PROGRAM + "' --db '" + dbPath() +
                            "' export --style '" JINMAP_SOURCE_DIR
                            "/styles/towns.json' --view-extent "
                            "12450000.5,4400000,12700000,4600000.25 --crs EPSG:3857 --paper A4 "
                            "--orientation landscape --dpi 72 --title 视图 --date 2026-01-15 "
                            "--quiet -o '" +
                            out + "'";
    ASSERT_EQ(exitCode(cmd), 0) << cmd;
    ExportRequest r = mapRequest("province", "EPSG:3857");
    Bounds v;
    v.extend(12450000.5, 4400000);
    v.extend(12700000, 4600000.25);
    r.viewExtent = v;
    r.title = "视图";
    r.page = parsePaper("A4");
    r.page.orientation = Orientation::Landscape;
    r.page.dpi = 72;
    r.format = ExportFormat::GeoTiff;
    r.output = (dir / "api.tif").string();
    Exporter api(database(), r);
    api.run();
    const std::string georef = gdalGeoreference(r.output);
    ASSERT_NE(georef.find("Origin"), std::string::npos) << georef;
    EXPECT_EQ(gdalGeoreference(out), georef);
    // The view lies inside the frame's extent, which only pads it to the frame's shape.
    const Bounds e = api.pageFacts(0).extent;
    EXPECT_LE(e.minX, v.minX + 1e-6);
    EXPECT_GE(e.maxX, v.maxX - 1e-6);
    EXPECT_LE(e.minY, v.minY + 1e-6);
    EXPECT_GE(e.maxY, v.maxY - 1e-6);
    EXPECT_TRUE(std::abs(e.width() - v.width()) < 1e-6 || std::abs(e.height() - v.height()) < 1e-6);
    if (!HasFailure()) fs::remove_all(dir);
}

TEST(CliViewExtent, BadValuesAreUsageErrors) {
    const std::string base = std::string("'") + JINMAP_PROGRAM + "' --db '" + dbPath() +
                             "' export --style '" JINMAP_SOURCE_DIR
                             "/styles/towns.json' -o /tmp/jinmap-never-written.pdf ";
    for (const char* bad : {"--view-extent 1,2,3", "--view-extent 1,2,3,4,5",
                            "--view-extent 3,2,1,4", "--view-extent a,b,c,d",
                            "--view-extent 1,2,3,4x", "--view-extent 1,2,3,4 --extent 太谷区"})
        EXPECT_EQ(exitCode(base + bad), 2) << bad;
    EXPECT_FALSE(fs::exists("/tmp/jinmap-never-written.pdf"));
}

int main(int argc, char** argv) {
    if (!std::getenv("QT_QPA_PLATFORM")) setenv("QT_QPA_PLATFORM", "offscreen", 1);
    QGuiApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}

// The dialog's files, not only its previews: a county sheet written through a
// cache that has drawn previews and another map equals a fresh one, page for
// page (pdftoppm at the sheet's resolution).
TEST(ExportCache, CachedSheetPdfEqualsFreshOne) {
    ExportCache cache;
    ExportRequest map = mapRequest("晋中市", "EPSG:3857");
    map.output = (fs::temp_directory_path() / "jinmap-cache-map.pdf").string();
    {
        Exporter e(database(), map, &cache);
        e.renderPage(0, 48);
        e.run();
    }
    ExportRequest sheet = mapRequest("province", "EPSG:3857");
    sheet.kind = ExportRequest::Kind::CountySheet;
    sheet.county = "太谷区";
    sheet.page = parsePaper("A4");
    sheet.page.orientation = Orientation::Portrait;
    sheet.subtitle = "县域产业专题图";
    const std::string cachedPdf = (fs::temp_directory_path() / "jinmap-cache-sheet.pdf").string();
    const std::string freshPdf = (fs::temp_directory_path() / "jinmap-fresh-sheet.pdf").string();
    sheet.output = cachedPdf;
    {
        Exporter e(database(), sheet, &cache);
        e.renderPage(0, 48);
        e.run();
    }
    sheet.output = freshPdf;
    Exporter(database(), sheet).run();
    const auto raster = [](const std::string& pdf) {
        const std::string prefix = pdf + "-page";
        EXPECT_EQ(exitCode("pdftoppm -r 150 -singlefile '" + pdf + "' '" + prefix + "'"), 0);
        std::FILE* f = std::fopen((prefix + ".ppm").c_str(), "rb");
        std::string bytes;
        if (!f) return bytes;
        std::array<char, 65536> buf{};
        std::size_t n = 0;
        while ((n = std::fread(buf.data(), 1, buf.size(), f)) > 0) bytes.append(buf.data(), n);
        std::fclose(f);
        return bytes;
    };
    const std::string a = raster(cachedPdf), b = raster(freshPdf);
    ASSERT_FALSE(a.empty());
    ASSERT_EQ(a.size(), b.size());
    std::size_t differing = 0;
    for (std::size_t i = 0; i < a.size(); ++i) differing += a[i] != b[i];
    EXPECT_EQ(differing, 0U);
}
