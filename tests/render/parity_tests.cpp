// Screen and print draw the same geometry: zig-zag lines 2.5 px and 18 px
// wide with every line-join and line-cap, a polygon with a hole, a ring that
// touches itself and closed outlines, rendered to a PNG (the raster fast
// paths: CoverageFill, StrokeRings) and to a PDF (QPainter's PDF engine,
// rasterised by pdftoppm) must differ in fewer than 20 pixels; so must an SVG
// (QSvgGenerator, drawn back by QSvgRenderer). A control renders the PNG with
// other joins and checks the comparison sees that.
#include <gtest/gtest.h>

#include <QDir>
#include <QGuiApplication>
#include <QImage>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "data/geodatabase.h"
#include "data/geometry.h"
#include "render/map_renderer.h"
#include "style/style_parser.h"

namespace jinmap {
namespace {

constexpr int kWidth = 800, kHeight = 700;
constexpr double kMetresPerPixel = 100;  // EPSG:3857 units per device pixel
// A pixel differs when a channel is off by more than this: antialiasing of
// two rasterisers disagrees by less on an edge; a join or cap drawn
// differently is off by nearly the full range over several pixels.
constexpr int kChannelTolerance = 64;
constexpr int kAllowedPixels = 20;

std::shared_ptr<GeoDatabase> db() {
    static std::shared_ptr<GeoDatabase> instance = GeoDatabase::open(JINMAP_TEST_DB);
    return instance;
}

// Frame pixel → WGS84 (inverse spherical Mercator of the frame's metres).
void pixelToLonLat(double px, double py, double& lon, double& lat) {
    constexpr double R = 6378137.0;
    const double x = px * kMetresPerPixel;
    const double y = (kHeight - py) * kMetresPerPixel;
    lon = x / R * 180 / M_PI;
    lat = (2 * std::atan(std::exp(y / R)) - M_PI / 2) * 180 / M_PI;
}

Geometry fromPixels(GeometryType type, const std::vector<std::vector<QPointF>>& rings) {
    Geometry g;
    g.type = type;
    // A multipolygon here has one ring per part.
    g.parts = {0};
    if (type == GeometryType::MultiPolygon)
        for (std::size_t r = 1; r <= rings.size(); ++r)
            g.parts.push_back(static_cast<std::uint32_t>(r));
    else
        g.parts.push_back(static_cast<std::uint32_t>(rings.size()));
    for (const auto& ring : rings) {
        g.rings.push_back(static_cast<std::uint32_t>(g.xy.size() / 2));
        for (const QPointF& p : ring) {
            double lon = 0, lat = 0;
            pixelToLonLat(p.x(), p.y(), lon, lat);
            g.xy.push_back(lon);
            g.xy.push_back(lat);
        }
    }
    g.rings.push_back(static_cast<std::uint32_t>(g.xy.size() / 2));
    g.recomputeBounds();
    return g;
}

std::string hexBlob(const Geometry& g) {
    std::string out = "X'";
    char buf[3];
    for (const unsigned char c : toSpatialiteBlob(g, 4326)) {
        std::snprintf(buf, sizeof buf, "%02X", c);
        out += buf;
    }
    return out + "'";
}

std::vector<QPointF> zigzag(double x0, double y0, double step, double amplitude, int teeth) {
    std::vector<QPointF> pts;
    for (int k = 0; k <= teeth; ++k)
        pts.emplace_back(x0 + k * step, y0 + ((k % 2) ? amplitude : 0));
    return pts;
}

// SQL of the test features: `kind` names the layer each belongs to.
std::string featureSql() {
    struct F {
        std::string kind;
        Geometry g;
    };
    std::vector<F> features;
    // Zig-zags: sharp (below the miter limit of 2: bevelled as miter) and
    // wide teeth (mitred), for each join / cap combination.
    const char* kinds[] = {"miter-butt", "round-round", "bevel-square"};
    for (int k = 0; k < 3; ++k) {
        const double y = 40 + 95 * k;
        features.push_back(
            {kinds[k], fromPixels(GeometryType::LineString, {zigzag(40, y, 28, 50, 6)})});
        features.push_back(
            {kinds[k], fromPixels(GeometryType::LineString, {zigzag(250, y, 60, 45, 3)})});
        const std::string thin = std::string(kinds[k]) + "-thin";
        features.push_back(
            {thin, fromPixels(GeometryType::LineString, {zigzag(470, y, 14, 30, 8)})});
        features.push_back(
            {thin, fromPixels(GeometryType::LineString, {zigzag(620, y, 30, 40, 4)})});
    }
    // A polygon with a hole (the hole wound the same way as the shell: the
    // fill rule, not the winding, makes it a hole).
    features.push_back(
        {"shape", fromPixels(GeometryType::Polygon,
                             {{{60, 330}, {300, 330}, {300, 560}, {60, 560}, {60, 330}},
                              {{120, 390}, {240, 390}, {240, 500}, {120, 500}, {120, 390}}})});
    // A ring touching itself: a figure of eight through (520, 445).
    features.push_back({"shape", fromPixels(GeometryType::Polygon, {{{360, 340},
                                                                     {520, 445},
                                                                     {680, 340},
                                                                     {740, 450},
                                                                     {680, 560},
                                                                     {520, 445},
                                                                     {360, 560},
                                                                     {330, 450},
                                                                     {360, 340}}})});
    // Two overlapping squares (one multipolygon, same winding): the fill
    // rule decides the overlap, filled under nonzero, empty under even-odd.
    for (const auto& [kind, x] : {std::pair<const char*, double>{"evenodd", 60},
                                  std::pair<const char*, double>{"nonzero", 420}}) {
        features.push_back(
            {kind,
             fromPixels(
                 GeometryType::MultiPolygon,
                 {{{x, 590}, {x + 180, 590}, {x + 180, 680}, {x, 680}, {x, 590}},
                  {{x + 90, 600}, {x + 270, 600}, {x + 270, 690}, {x + 90, 690}, {x + 90, 600}}})});
    }
    // A closed outline (joined where it closes).
    features.push_back(
        {"outline", fromPixels(GeometryType::LineString,
                               {{{90, 360}, {270, 360}, {270, 530}, {90, 530}, {90, 360}}})});
    std::string sql;
    for (const F& f : features) {
        if (!sql.empty()) sql += " UNION ALL ";
        sql += "SELECT '" + f.kind + "' AS kind, " + hexBlob(f.g) + " AS geometry";
    }
    return sql;
}

std::string line(const char* id, const char* kind, double width, const char* join, const char* cap,
                 const char* color) {
    return std::string(R"({"id": ")") + id +
           R"(", "type": "line", "source": "f", "filter": ["==", ["get", "kind"], ")" + kind +
           R"("], "layout": {"line-join": ")" + join + R"(", "line-cap": ")" + cap +
           R"("}, "paint": {"line-color": ")" + color + R"(", "line-width": )" +
           std::to_string(width) + "}}";
}

std::string styleJson(const char* thickJoin) {
    std::string sql;
    for (const char c : featureSql()) {
        if (c == '"') sql += '\\';
        sql += c;
    }
    return std::string(R"({"version": 8, "sources": {"f": {"type": "vector", "jinmap:sql": ")") +
           sql + R"("}}, "layers": [)" +
           R"({"id": "bg", "type": "background", "paint": {"background-color": "#ffffff"}},)" +
           R"({"id": "shape", "type": "fill", "source": "f", "filter": ["==", ["get", "kind"], "shape"], "paint": {"fill-color": "#3060a0"}},)" +
           R"({"id": "evenodd", "type": "fill", "source": "f", "filter": ["==", ["get", "kind"], "evenodd"], "metadata": {"jinmap:fill-rule": "evenodd"}, "paint": {"fill-color": "#c08020"}},)" +
           R"({"id": "nonzero", "type": "fill", "source": "f", "filter": ["==", ["get", "kind"], "nonzero"], "metadata": {"jinmap:fill-rule": "nonzero"}, "paint": {"fill-color": "#c08020"}},)" +
           line("outline", "outline", 6, "miter", "butt", "#c03030") + "," +
           line("miter", "miter-butt", 18, thickJoin, "butt", "#202020") + "," +
           line("round", "round-round", 18, "round", "round", "#208040") + "," +
           line("bevel", "bevel-square", 18, "bevel", "square", "#8040a0") + "," +
           line("miter-thin", "miter-butt-thin", 2.5, "miter", "butt", "#202020") + "," +
           line("round-thin", "round-round-thin", 2.5, "round", "round", "#208040") + "," +
           line("bevel-thin", "bevel-square-thin", 2.5, "bevel", "square", "#8040a0") + "]}";
}

RenderRequest request(const std::string& style) {
    RenderRequest r;
    r.style = parseStyleText(style, "parity.json").style;
    r.view.crs = "EPSG:3857";
    r.view.extent = Bounds{0, 0, kWidth * kMetresPerPixel, kHeight * kMetresPerPixel};
    r.view.sizePx = QSize(kWidth, kHeight);
    r.labels = false;
    r.simplifyPixels = 0;
    return r;
}

QImage renderPng(MapRenderer& renderer, const std::string& style) {
    RenderRequest r = request(style);
    for (const auto& e : renderer.prepare(r)) ADD_FAILURE() << e.layer << ": " << e.message;
    RenderResult result = renderer.renderImage(r);
    for (const auto& e : result.errors) ADD_FAILURE() << e.layer << ": " << e.message;
    return result.image.convertToFormat(QImage::Format_RGB32);
}

QImage renderPdfRasterised(MapRenderer& renderer, const std::string& style, const QString& dir) {
    const QString pdf = dir + "/parity.pdf";
    {
        QPdfWriter writer(pdf);
        writer.setResolution(96);
        writer.setPageSize(
            QPageSize(QSizeF(kWidth * 72.0 / 96, kHeight * 72.0 / 96), QPageSize::Point));
        writer.setPageMargins(QMarginsF(0, 0, 0, 0));
        QPainter painter(&writer);
        RenderRequest r = request(style);
        renderer.prepare(r);
        const RenderResult result = renderer.render(painter, r);
        for (const auto& e : result.errors) ADD_FAILURE() << e.layer << ": " << e.message;
    }
    const std::string cmd = "pdftoppm -r 96 -png -singlefile '" + pdf.toStdString() + "' '" +
                            (dir + "/parity-pdf").toStdString() + "'";
    EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
    return QImage(dir + "/parity-pdf.png").convertToFormat(QImage::Format_RGB32);
}

QImage renderSvgRasterised(MapRenderer& renderer, const std::string& style, const QString& dir) {
    const QString svg = dir + "/parity.svg";
    {
        QSvgGenerator generator;
        generator.setFileName(svg);
        generator.setSize(QSize(kWidth, kHeight));
        generator.setViewBox(QRect(0, 0, kWidth, kHeight));
        generator.setResolution(96);
        QPainter painter(&generator);
        RenderRequest r = request(style);
        renderer.prepare(r);
        const RenderResult result = renderer.render(painter, r);
        for (const auto& e : result.errors) ADD_FAILURE() << e.layer << ": " << e.message;
    }
    QSvgRenderer svgRenderer(svg);
    EXPECT_TRUE(svgRenderer.isValid()) << svg.toStdString();
    QImage image(kWidth, kHeight, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    svgRenderer.render(&painter, QRectF(0, 0, kWidth, kHeight));
    return image;
}

int differingPixels(const QImage& a, const QImage& b, QImage* diff) {
    if (a.size() != b.size()) return a.width() * a.height();
    int n = 0;
    if (diff) *diff = QImage(a.size(), QImage::Format_RGB32);
    for (int y = 0; y < a.height(); ++y) {
        const auto* pa = reinterpret_cast<const QRgb*>(a.constScanLine(y));
        const auto* pb = reinterpret_cast<const QRgb*>(b.constScanLine(y));
        for (int x = 0; x < a.width(); ++x) {
            const int d = std::max({std::abs(qRed(pa[x]) - qRed(pb[x])),
                                    std::abs(qGreen(pa[x]) - qGreen(pb[x])),
                                    std::abs(qBlue(pa[x]) - qBlue(pb[x]))});
            if (d > kChannelTolerance) ++n;
            if (diff) {
                const int g = 255 - (255 - qGray(pa[x])) / 4;
                diff->setPixel(x, y, d > kChannelTolerance ? qRgb(255, 0, 0) : qRgb(g, g, g));
            }
        }
    }
    return n;
}

TEST(ScreenPrintParity, PngAndPdfDrawTheSameJoinsCapsAndFillRule) {
    MapRenderer renderer(db());
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const std::string style = styleJson("miter");
    const QImage png = renderPng(renderer, style);
    const QImage pdf = renderPdfRasterised(renderer, style, dir.path());
    ASSERT_FALSE(png.isNull());
    ASSERT_FALSE(pdf.isNull());
    ASSERT_EQ(png.size(), pdf.size());
    QImage diff;
    const int differing = differingPixels(png, pdf, &diff);
    const QString artifacts = QStringLiteral(JINMAP_PARITY_ARTIFACTS);
    QDir().mkpath(artifacts);
    png.save(artifacts + "/parity-png.png");
    pdf.save(artifacts + "/parity-pdf.png");
    diff.save(artifacts + "/parity-diff.png");
    std::printf("parity: %d pixels differ by more than %d (allowed < %d); images in %s\n",
                differing, kChannelTolerance, kAllowedPixels, qPrintable(artifacts));
    EXPECT_LT(differing, kAllowedPixels) << "see " << artifacts.toStdString();

    // SVG: the pens QSvgGenerator writes (stroke-linejoin, -linecap,
    // -miterlimit) drawn back by Qt.
    const QImage svg = renderSvgRasterised(renderer, style, dir.path());
    QImage svgDiff;
    const int svgDiffering = differingPixels(png, svg, &svgDiff);
    svg.save(artifacts + "/parity-svg.png");
    svgDiff.save(artifacts + "/parity-svg-diff.png");
    std::printf("parity SVG: %d pixels differ by more than %d (allowed < %d)\n", svgDiffering,
                kChannelTolerance, kAllowedPixels);
    EXPECT_LT(svgDiffering, kAllowedPixels) << "see " << artifacts.toStdString();

    // The comparison sees joins: the 18 px zig-zags drawn round instead of
    // mitred on the PNG side only must differ in many pixels.
    const QImage other = renderPng(renderer, styleJson("round"));
    const int control = differingPixels(other, pdf, nullptr);
    std::printf("parity control (round instead of miter joins on one side): %d pixels\n", control);
    EXPECT_GT(control, 10 * kAllowedPixels);
}

}  // namespace
}  // namespace jinmap

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
