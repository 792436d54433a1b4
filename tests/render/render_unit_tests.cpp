// Unit tests of the renderer: projection, clipping, simplification, label
// collision, extents, hit testing, cancellation, threads, vector output.
#include <gtest/gtest.h>

#include <QBuffer>
#include <QElapsedTimer>
#include <QFontMetricsF>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QRegularExpression>
#include <QSvgGenerator>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <thread>

#include "base/error.h"
#include "data/geodatabase.h"
#include "data/geometry.h"
#include "render/extent.h"
#include "render/geometry_ops.h"
#include "render/label_engine.h"
#include "render/label_policy.h"
#include "render/layer_cache.h"
#include "render/map_renderer.h"
#include "render/projection.h"
#include "render/styled_layer.h"
#include "style/style_parser.h"

namespace jinmap {
namespace {

std::shared_ptr<GeoDatabase> db() {
    static std::shared_ptr<GeoDatabase> instance = GeoDatabase::open(JINMAP_TEST_DB);
    return instance;
}

std::shared_ptr<const Style> fixtureStyle(const char* name) {
    return parseStyleFile(std::string(JINMAP_RENDER_FIXTURES) + "/" + name).style;
}

// ---------------------------------------------------------------------------
// Projection

TEST(Projection, WebMercatorKnownValues) {
    auto p = Projection::create("EPSG:3857");
    double x = 180, y = 0;
    ASSERT_TRUE(p->forward(x, y));
    EXPECT_NEAR(x, 20037508.342789244, 1e-6);
    EXPECT_NEAR(y, 0, 1e-6);
    x = 112.5;
    y = 37.5;
    p->forward(x, y);
    EXPECT_NEAR(x, 12523442.714243278, 1e-3);
    EXPECT_NEAR(y, 4509031.393, 1e-3);  // R·ln(tan(45° + 37.5°/2))
    p->inverse(x, y);
    EXPECT_NEAR(x, 112.5, 1e-9);
    EXPECT_NEAR(y, 37.5, 1e-9);
}

TEST(Projection, ClosedFormAgreesWithProj) {
    // The 4326→3857 fast path and PROJ's pipeline give the same numbers.
    auto fast = Projection::create("EPSG:3857");
    auto viaProj = Projection::create(
        "+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +no_defs "
        "+type=crs");
    for (double lon : {110.2, 112.5, 114.6})
        for (double lat : {34.6, 37.0, 40.7}) {
            double x1 = lon, y1 = lat, x2 = lon, y2 = lat;
            fast->forward(x1, y1);
            viaProj->forward(x2, y2);
            EXPECT_NEAR(x1, x2, 1e-3);
            EXPECT_NEAR(y1, y2, 1e-3);
        }
}

TEST(Projection, GaussKrugerIsEastingFirst) {
    // EPSG:4546 (CGCS2000 / 3-degree GK CM 111E) is northing-first by
    // authority; normalised for visualisation x is the easting (false
    // easting 500 km at the central meridian).
    auto p = Projection::create("epsg:4546");
    EXPECT_EQ(p->crs(), "EPSG:4546");
    double x = 111.0, y = 37.0;
    ASSERT_TRUE(p->forward(x, y));
    EXPECT_NEAR(x, 500000.0, 1.0);
    EXPECT_NEAR(y, 4096000.0, 5000.0);  // ~37° north in metres
    double x2 = 112.0, y2 = 37.0;
    p->forward(x2, y2);
    EXPECT_GT(x2, x + 80000);  // east is +x
    p->inverse(x2, y2);
    EXPECT_NEAR(x2, 112.0, 1e-7);
    EXPECT_NEAR(y2, 37.0, 1e-7);
    EXPECT_NEAR(p->metresPerUnit(x, y), 1.0, 0.01);
}

TEST(Projection, UnknownCrsIsAnError) {
    try {
        Projection::create("EPSG:999999");
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Projection);
        EXPECT_NE(std::string(e.what()).find("EPSG:999999"), std::string::npos);
    }
    std::string why;
    EXPECT_EQ(Projection::tryCreate("not a crs", &why), nullptr);
    EXPECT_FALSE(why.empty());
}

TEST(Projection, BoundsAreDensified) {
    auto p = Projection::create("EPSG:4546");
    Bounds ll;
    ll.extend(110, 34);
    ll.extend(115, 41);
    const Bounds b = p->forwardBounds(ll);
    ASSERT_FALSE(b.isEmpty());
    double x = 112.5, y = 37.5;
    p->forward(x, y);
    EXPECT_TRUE(b.contains(x, y));
}

// ---------------------------------------------------------------------------
// Geometry operations

TEST(Clip, RingInsideIsUnchanged) {
    const QPointF ring[] = {{1, 1}, {5, 1}, {5, 5}, {1, 5}, {1, 1}};
    std::vector<QPointF> out, tmp;
    clipRing(ring, 5, QRectF(0, 0, 10, 10), out, tmp);
    ASSERT_EQ(out.size(), 5u);
    EXPECT_EQ(out.front(), out.back());
}

TEST(Clip, RingIsCutToRectangle) {
    const QPointF ring[] = {{-5, -5}, {15, -5}, {15, 15}, {-5, 15}};
    std::vector<QPointF> out, tmp;
    const QRectF r(0, 0, 10, 10);
    clipRing(ring, 4, r, out, tmp);
    ASSERT_GE(out.size(), 5u);
    for (const QPointF& p : out) {
        EXPECT_GE(p.x(), r.left() - 1e-9);
        EXPECT_LE(p.x(), r.right() + 1e-9);
        EXPECT_GE(p.y(), r.top() - 1e-9);
        EXPECT_LE(p.y(), r.bottom() + 1e-9);
    }
    // Area of the clipped square is the rectangle's.
    double area = 0;
    for (std::size_t i = 0; i + 1 < out.size(); ++i)
        area += out[i].x() * out[i + 1].y() - out[i + 1].x() * out[i].y();
    EXPECT_NEAR(std::abs(area) / 2, 100.0, 1e-9);
}

TEST(Clip, RingOutsideVanishes) {
    const QPointF ring[] = {{20, 20}, {30, 20}, {30, 30}, {20, 20}};
    std::vector<QPointF> out, tmp;
    clipRing(ring, 4, QRectF(0, 0, 10, 10), out, tmp);
    EXPECT_TRUE(out.empty());
}

TEST(Clip, PolylineSplitsIntoPieces) {
    // In, out, in again: two pieces, all points inside.
    const QPointF line[] = {{1, 5}, {5, 5}, {15, 5}, {15, 8}, {5, 8}, {2, 8}};
    std::vector<QPointF> pts;
    std::vector<int> starts;
    const QRectF r(0, 0, 10, 10);
    clipPolyline(line, 6, r, pts, starts);
    ASSERT_EQ(starts.size(), 2u);
    for (const QPointF& p : pts) EXPECT_TRUE(r.adjusted(-1e-9, -1e-9, 1e-9, 1e-9).contains(p));
    EXPECT_DOUBLE_EQ(pts[static_cast<std::size_t>(starts[1]) - 1].x(), 10.0);
    EXPECT_DOUBLE_EQ(pts[static_cast<std::size_t>(starts[1])].x(), 10.0);
}

TEST(Simplify, DouglasPeuckerKeepsShapeWithinTolerance) {
    std::vector<double> line;
    for (int i = 0; i <= 100; ++i) line.insert(line.end(), {double(i), std::sin(i / 10.0) * 0.01});
    std::vector<double> out;
    simplifyDouglasPeucker(line.data(), 101, 0.05, false, out);
    EXPECT_EQ(out.size(), 4u);  // a straight line within tolerance: the end points
    out.clear();
    for (int i = 0; i <= 100; ++i) line[2 * i + 1] = std::sin(i / 10.0) * 10;
    simplifyDouglasPeucker(line.data(), 101, 0.5, false, out);
    EXPECT_GT(out.size(), 8u);
    EXPECT_LT(out.size(), 101u * 2);
    EXPECT_EQ(out[0], 0);
    EXPECT_EQ(out[out.size() - 2], 100);
}

TEST(Simplify, ClosedRingKeepsAtLeastATriangle) {
    std::vector<double> ring = {0, 0, 1, 0, 1, 1, 0, 1, 0, 0};
    std::vector<double> out;
    simplifyDouglasPeucker(ring.data(), 5, 100.0, true, out);
    EXPECT_GE(out.size() / 2, 4u);
    EXPECT_EQ(out[0], out[out.size() - 2]);
    EXPECT_EQ(out[1], out[out.size() - 1]);
}

TEST(Simplify, LayerBandsReduceVertices) {
    auto projection = Projection::create("EPSG:3857");
    auto src = db()->source("counties");
    LayerData data(*src, "counties", *projection);
    const std::size_t exact = data.exact().pointCount();
    const std::size_t coarse = data.geometryFor(1000.0).pointCount();
    const std::size_t coarser = data.geometryFor(4000.0).pointCount();
    EXPECT_LT(coarse, exact);
    EXPECT_LT(coarser, coarse);
    EXPECT_EQ(&data.geometryFor(1000.0), &data.geometryFor(1000.0));  // cached
    EXPECT_LE(data.geometryFor(1000.0).tolerance, 1000.0);
    // Shared borders are kept once: fewer vertices than the rings.
    EXPECT_LT(data.boundariesFor(0).pointCount(), exact);
}

TEST(Geometry, PoleOfInaccessibilityIsInside) {
    // An L shape: its bounds centre is outside, the pole is inside.
    Geometry g;
    g.type = GeometryType::Polygon;
    g.xy = {0, 0, 10, 0, 10, 2, 2, 2, 2, 10, 0, 10, 0, 0};
    g.rings = {0, 7};
    g.parts = {0, 1};
    g.recomputeBounds();
    const QPointF p = poleOfInaccessibility(g, 0.01);
    EXPECT_TRUE(g.containsPoint(p.x(), p.y()));
}

TEST(LayerCache, AnchorsInsideTheirCounty) {
    auto projection = Projection::create("EPSG:3857");
    auto src = db()->source("counties");
    LayerData data(*src, "counties", *projection);
    int inside = 0;
    for (std::size_t i = 0; i < data.size(); ++i) {
        const QPointF a = data.labelAnchor(i);
        EXPECT_TRUE(data.bounds(i).contains(a.x(), a.y())) << i;
        Geometry g;  // the county's rings
        g.type = GeometryType::MultiPolygon;
        const FlatGeometry& e = data.exact();
        g.rings.push_back(0);
        for (std::size_t r = e.ringBegin(i); r < e.ringEnd(i); ++r) {
            g.xy.insert(g.xy.end(), e.xy.begin() + 2 * e.pointBegin(r),
                        e.xy.begin() + 2 * e.pointEnd(r));
            g.rings.push_back(static_cast<std::uint32_t>(g.xy.size() / 2));
        }
        g.recomputeBounds();
        if (g.containsPoint(a.x(), a.y())) ++inside;
    }
    EXPECT_EQ(inside, static_cast<int>(data.size()));
}

TEST(LayerCache, GridQueryMatchesLinearScan) {
    auto projection = Projection::create("EPSG:3857");
    auto src = db()->source("counties");
    LayerData data(*src, "counties", *projection);
    const Bounds& ext = data.extent();
    for (int k = 0; k < 20; ++k) {
        Bounds box;
        const double fx = (k % 5) / 5.0, fy = (k / 5) / 4.0;
        box.extend(ext.minX + fx * ext.width(), ext.minY + fy * ext.height());
        box.extend(box.minX + ext.width() / 7, box.minY + ext.height() / 9);
        std::vector<std::uint32_t> got;
        data.query(box, got);
        std::vector<std::uint32_t> want;
        for (std::size_t i = 0; i < data.size(); ++i)
            if (data.bounds(i).intersects(box)) want.push_back(static_cast<std::uint32_t>(i));
        EXPECT_EQ(got, want);
    }
}

// ---------------------------------------------------------------------------
// Labels

TEST(Labels, NoTwoPlacedLabelsOverlap) {
    LabelEngine engine(QRectF(0, 0, 300, 200));
    LabelStyle st;
    st.font = QFont(requireFontFamily("Noto Sans CJK SC"));
    st.font.setPixelSize(18);
    const int s = engine.addStyle(st);
    for (int i = 0; i < 200; ++i) {
        LabelCandidate c;
        c.text = QString::fromUtf8("太谷区%1").arg(i);
        c.anchor = QPointF(20 + (i * 37) % 260, 20 + (i * 53) % 160);
        c.style = s;
        c.sortKey = i;
        engine.add(c);
    }
    engine.place();
    EXPECT_GT(engine.placedCount(), 3);
    EXPECT_GT(engine.droppedCount(), 0);
    EXPECT_EQ(engine.placedCount() + engine.droppedCount(), 200);
    const auto boxes = engine.placedBoxes();
    for (std::size_t a = 0; a < boxes.size(); ++a) {
        EXPECT_TRUE(QRectF(0, 0, 300, 200).contains(boxes[a]));
        for (std::size_t b = a + 1; b < boxes.size(); ++b)
            EXPECT_FALSE(boxes[a].intersects(boxes[b])) << a << " " << b;
    }
}

TEST(Labels, PriorityFromLayerRankThenSortKey) {
    LabelEngine engine(QRectF(0, 0, 400, 100));
    LabelStyle st;
    st.font = QFont(requireFontFamily("Noto Sans CJK SC"));
    st.font.setPixelSize(20);
    const int s = engine.addStyle(st);
    auto add = [&](const char* text, double key, int rank) {
        LabelCandidate c;
        c.text = QString::fromUtf8(text);
        c.anchor = QPointF(200, 50);
        c.style = s;
        c.sortKey = key;
        c.layerRank = rank;
        engine.add(c);
    };
    add("晋中市", 0, 1);      // county layer (lower)
    add("市级专业镇", 1, 2);  // town layer, municipal
    add("省级专业镇", 0, 2);  // town layer, provincial: wins
    engine.place();
    ASSERT_EQ(engine.placedCount(), 1);
    EXPECT_EQ(engine.placedTexts().front(), QString::fromUtf8("省级专业镇"));
}

TEST(Labels, DenseSymbolsOfTheOwnLayerMayBeCovered) {
    // 3,000 symbols in 300×200 px: no label fits beside them. Labels of the
    // symbols' own group may cover them (never each other); others may not.
    for (int group : {0, -1}) {
        LabelEngine engine(QRectF(0, 0, 300, 200));
        LabelStyle st;
        st.font = QFont(requireFontFamily("Noto Sans CJK SC"));
        st.font.setPixelSize(12);
        const int s = engine.addStyle(st);
        for (int i = 0; i < 3000; ++i) {
            const QPointF p((i * 37) % 300, (i * 53) % 200);
            engine.addObstacle(QRectF(p.x() - 2, p.y() - 2, 4, 4), 0);
            if (i % 10) continue;
            LabelCandidate c;
            c.text = QString::fromUtf8("合成镇%1").arg(i);
            c.anchor = p;
            c.style = s;
            c.labelsSymbol = true;
            c.obstacleGroup = group;
            c.positions = {{TextAnchor::Left, QPointF(4, 0)}};
            engine.add(c);
        }
        engine.place();
        if (group < 0) {
            EXPECT_EQ(engine.placedCount(), 0);
            continue;
        }
        EXPECT_GT(engine.placedCount(), 5);
        const auto boxes = engine.placedBoxes();
        for (std::size_t a = 0; a < boxes.size(); ++a)
            for (std::size_t b = a + 1; b < boxes.size(); ++b)
                EXPECT_FALSE(boxes[a].intersects(boxes[b]));
    }
}

TEST(Labels, IdeographRunsMatchQtText) {
    // Labels of ideographs only are measured and drawn from their glyphs
    // without shaping; box and pixels must be Qt's (tightBoundingRect,
    // drawText) exactly, or every map with labels would change.
    QStringList texts = {QString::fromUtf8("太原市"),  QString::fromUtf8("晋中市"),
                         QString::fromUtf8("娄烦县"),  QString::fromUtf8("隰县"),
                         QString::fromUtf8("芮城县"),  QString::fromUtf8("一廊一核一带"),
                         QString::fromUtf8("太谷区1"), QString::fromUtf8("（专业镇）")};
    for (int k = 0; k < 120; ++k) {  // spread over CJK Unified Ideographs and extension A
        QString t;
        for (int j = 0; j < 2 + k % 4; ++j) {
            const int n = (k * 7919 + j * 104729) % (k % 5 == 0 ? 0x19C0 : 0x5200);
            t += QChar(static_cast<char16_t>((k % 5 == 0 ? 0x3400 : 0x4E00) + n));
        }
        texts.push_back(t);
    }
    LabelCache& cache = LabelCache::instance();
    for (const int weight : {QFont::Normal, QFont::Bold})
        for (const int px : {9, 11, 14, 17, 23, 31, 70}) {  // 70: glyphs drawn as paths
            LabelStyle st;
            st.font = QFont(requireFontFamily("Noto Sans CJK SC"));
            st.font.setWeight(weight);
            st.font.setPixelSize(px);
            st.font.setHintingPreference(QFont::PreferNoHinting);  // as map labels
            const QFontMetricsF fm(st.font);
            for (const QString& text : texts) {
                const QRectF ink = cache.metrics(text, st.font).ink;
                ASSERT_EQ(ink, fm.tightBoundingRect(text)) << text.toStdString() << " " << px;
                QPointF offset;
                const QImage sprite = cache.sprite(text, st, &offset);
                QImage expected(sprite.size(), QImage::Format_ARGB32_Premultiplied);
                expected.fill(Qt::transparent);
                QPainter p(&expected);
                p.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
                p.translate(-offset);
                p.setPen(st.color);
                p.setFont(st.font);
                p.drawText(QPointF(0, 0), text);
                p.end();
                ASSERT_EQ(sprite, expected) << text.toStdString() << " " << px;
            }
        }
}

TEST(Labels, IdeographRunsOnWorkerThreadsMatchQtText) {
    // Frames render on worker threads (viewer, export): each thread measures
    // and draws with its own font engines at the same time as the others.
    const QStringList texts = {QString::fromUtf8("太原市"), QString::fromUtf8("大同市"),
                               QString::fromUtf8("阳泉市"), QString::fromUtf8("长治市"),
                               QString::fromUtf8("晋城市"), QString::fromUtf8("朔州市")};
    std::atomic<int> mismatches{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            QFont font(requireFontFamily("Noto Sans CJK SC"));
            font.setPixelSize(40 + t);  // a size of its own: nothing cached by another thread
            font.setHintingPreference(QFont::PreferNoHinting);
            const QFontMetricsF fm(font);
            for (const QString& text : texts)
                if (LabelCache::instance().metrics(text, font).ink != fm.tightBoundingRect(text))
                    ++mismatches;
        });
    for (std::thread& th : threads) th.join();
    EXPECT_EQ(mismatches.load(), 0);
}

TEST(Labels, MissingFontIsAClearError) {
    try {
        requireFontFamily("No Such Font Family 12345");
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Render);
        EXPECT_NE(std::string(e.what()).find("fonts-noto-cjk"), std::string::npos);
    }
}

// ---------------------------------------------------------------------------
// Extents and views

TEST(Extent, ParsesNamesAndCoordinates) {
    const Bounds datong = resolveExtent(*db(), "大同市");
    EXPECT_GT(datong.minY, 39.0);
    const Bounds taigu = resolveExtent(*db(), "太谷区");
    EXPECT_TRUE(taigu.contains(112.55, 37.42));
    const Bounds taiguTraditional = resolveExtent(*db(), "太穀區");
    EXPECT_DOUBLE_EQ(taigu.minX, taiguTraditional.minX);
    const Bounds box = resolveExtent(*db(), "112,37,113,38");
    EXPECT_DOUBLE_EQ(box.minX, 112);
    EXPECT_DOUBLE_EQ(box.maxY, 38);
    const Bounds province = resolveExtent(*db(), "");
    EXPECT_TRUE(province.contains(112.5, 37.8));
    EXPECT_THROW(resolveExtent(*db(), "1,2,x,4"), Error);
    EXPECT_THROW(resolveExtent(*db(), "113,37,112,38"), Error);
    EXPECT_THROW(resolveExtent(*db(), "没有这个县"), Error);
    EXPECT_THROW(parseSize("0x10"), Error);
    EXPECT_THROW(parseSize("100"), Error);
    EXPECT_EQ(parseSize("1920x1080"), QSize(1920, 1080));
}

TEST(Extent, ViewIsPaddedToImageAspect) {
    const MapView v = makeView("EPSG:3857", resolveExtent(*db(), ""), QSize(1920, 1080));
    EXPECT_NEAR(v.extent.width() / v.extent.height(), 1920.0 / 1080.0, 1e-9);
    // MapLibre's zoom (512-px tiles): Qt Location shows this view at about 7.6.
    EXPECT_NEAR(zoomForView(v), 6.6, 0.3);
    const MapView print = makeView("EPSG:3857", resolveExtent(*db(), ""), QSize(5760, 3240), 288);
    EXPECT_NEAR(zoomForView(print), zoomForView(v), 1e-6);  // same map at 3× dpi
}

TEST(Extent, ZoomIsMapLibresAt512PixelTiles) {
    // At the equator a 512 × 512 px view of the whole world is zoom 0.
    constexpr double kWorld = 2 * M_PI * 6378137.0;
    MapView world;
    world.extent = Bounds{-kWorld / 2, -kWorld / 2, kWorld / 2, kWorld / 2};
    world.sizePx = QSize(512, 512);
    EXPECT_NEAR(zoomForView(world), 0, 1e-9);
    world.sizePx = QSize(2048, 2048);
    EXPECT_NEAR(zoomForView(world), 2, 1e-9);
}

// ---------------------------------------------------------------------------
// Paint classes and label positions

TEST(PaintClasses, InternsByValueAndFailsClearlyPastTheLimit) {
    PaintClasses classes;
    Paint a, b;
    b.lineWidth = 2;
    EXPECT_EQ(classes.intern(a, "l"), 0);
    EXPECT_EQ(classes.intern(b, "l"), 1);
    EXPECT_EQ(classes.intern(a, "l"), 0);
    for (std::size_t k = classes.size(); k < PaintClasses::kMaxClasses; ++k) {
        Paint p;
        p.lineWidth = 10 + static_cast<double>(k);
        EXPECT_EQ(classes.intern(p, "l"), k);
    }
    EXPECT_EQ(classes.size(), PaintClasses::kMaxClasses);
    EXPECT_EQ(classes.intern(b, "l"), 1);  // known values still resolve
    Paint one = a;
    one.lineWidth = -1;
    try {
        classes.intern(one, "county-widths");
        FAIL() << "no error past the limit";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Render);
        EXPECT_NE(std::string(e.what()).find("county-widths"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("65536"), std::string::npos) << e.what();
    }
}

TEST(LabelPolicy, PositionsFollowMapLibre) {
    Paint p;
    p.anchor = TextAnchor::Top;
    p.offset = {0, 0.5};
    auto pos = labelPositions(p, 10);
    ASSERT_EQ(pos.size(), 1u);
    EXPECT_EQ(pos[0].anchor, TextAnchor::Top);
    EXPECT_EQ(pos[0].offset, QPointF(0, 5));
    // Variable anchors with a radial offset: away from the point.
    p.variableAnchors = {TextAnchor::Top, TextAnchor::Left, TextAnchor::BottomRight,
                         TextAnchor::Center};
    p.radialOffset = 1;
    pos = labelPositions(p, 10);
    ASSERT_EQ(pos.size(), 4u);
    EXPECT_EQ(pos[0].offset, QPointF(0, 10));
    EXPECT_EQ(pos[1].offset, QPointF(10, 0));
    EXPECT_NEAR(pos[2].offset.x(), -10 / std::sqrt(2.0), 1e-9);
    EXPECT_NEAR(pos[2].offset.y(), -10 / std::sqrt(2.0), 1e-9);
    EXPECT_EQ(pos[3].offset, QPointF(0, 0));
    // Without a radial offset, text-offset's absolute values.
    p.radialOffset = 0;
    p.offset = {-0.4, 0.8};
    pos = labelPositions(p, 10);
    EXPECT_EQ(pos[0].offset, QPointF(0, 8));
    EXPECT_EQ(pos[1].offset, QPointF(4, 0));
    EXPECT_EQ(pos[2].offset, QPointF(-4, -8));
}

// ---------------------------------------------------------------------------
// Renderer

RenderRequest request(const char* style, const char* extent, QSize size,
                      const char* crs = "EPSG:3857") {
    RenderRequest r;
    r.style = fixtureStyle(style);
    r.view = makeView(crs, resolveExtent(*db(), extent), size, 96, 0.03);
    return r;
}

TEST(Renderer, DrawsEveryLayerAndCountsLegendClasses) {
    MapRenderer renderer(db());
    RenderRequest r = request("all-layers.json", "大同市", QSize(640, 480));
    EXPECT_TRUE(renderer.prepare(r).empty());
    const RenderResult res = renderer.renderImage(r);
    EXPECT_TRUE(res.errors.empty()) << res.errors.front().message;
    ASSERT_FALSE(res.image.isNull());
    EXPECT_GT(res.featuresDrawn, 20);
    EXPECT_GT(res.labelsPlaced, 5);
    int fillCount = 0;
    for (const auto& l : res.legend)
        if (l.layerId == "fill") fillCount += l.count;
    EXPECT_GT(fillCount, 5);
    // Cost grows with what is visible: a county frame draws fewer vertices.
    RenderRequest small = request("all-layers.json", "太谷区", QSize(640, 480));
    small.labels = false;
    RenderRequest wide = request("all-layers.json", "", QSize(640, 480));
    wide.labels = false;
    EXPECT_LT(renderer.renderImage(small).featuresDrawn, renderer.renderImage(wide).featuresDrawn);
    EXPECT_GT(renderer.cacheMemoryBytes(), 100000u);
}

TEST(Renderer, BadLayerIsReportedNotFatal) {
    auto parsed = parseStyleText(R"({"version": 8, "sources": {
        "gone": {"type": "vector", "jinmap:table": "no_such_table"},
        "counties": {"type": "vector", "jinmap:table": "counties"}},
      "layers": [{"id": "broken", "type": "fill", "source": "gone"},
                 {"id": "ok", "type": "fill", "source": "counties", "paint": {"fill-color": "#ff0000"}}]})",
                                 "inline.json");
    MapRenderer renderer(db());
    RenderRequest r;
    r.style = parsed.style;
    r.view = makeView("EPSG:3857", resolveExtent(*db(), ""), QSize(200, 200));
    const RenderResult res = renderer.renderImage(r);
    ASSERT_EQ(res.errors.size(), 1u);
    EXPECT_EQ(res.errors[0].layer, "broken");
    EXPECT_GT(res.featuresDrawn, 100);
    EXPECT_EQ(res.image.pixelColor(100, 100), QColor(255, 0, 0));
}

TEST(Renderer, CancelledFrameStopsEarly) {
    MapRenderer renderer(db());
    RenderRequest r = request("all-layers.json", "", QSize(800, 800));
    renderer.prepare(r);
    r.cancel = makeCancelFlag();
    r.cancel->store(true);
    const RenderResult res = renderer.renderImage(r);
    EXPECT_TRUE(res.cancelled);
    EXPECT_EQ(res.featuresDrawn, 0);
    EXPECT_EQ(res.labelsPlaced, 0);
}

TEST(Renderer, CancelDuringAFrameStopsIt) {
    MapRenderer renderer(db());
    RenderRequest r = request("all-layers.json", "", QSize(800, 800));
    renderer.prepare(r);
    const int full = renderer.renderImage(r).featuresDrawn;
    // Another thread would set the flag; the filter hook sets it after 30
    // features, in the middle of the first layer.
    r.cancel = makeCancelFlag();
    auto seen = std::make_shared<std::atomic<int>>(0);
    CancelFlag flag = r.cancel;
    r.filter = [seen, flag](const std::string&, const Fields&, const std::vector<Value>&) {
        if (++*seen == 30) flag->store(true);
        return true;
    };
    const RenderResult res = renderer.renderImage(r);
    EXPECT_TRUE(res.cancelled);
    EXPECT_LT(res.featuresDrawn, 100);
    EXPECT_LT(res.featuresDrawn, full);
}

TEST(Renderer, ConcurrentFramesOnWorkerThreadsAgree) {
    MapRenderer renderer(db());
    RenderRequest r = request("all-layers.json", "晋中市", QSize(400, 300));
    renderer.prepare(r);
    const QImage reference = renderer.renderImage(r).image;
    std::atomic<int> same{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&] {
            for (int k = 0; k < 3; ++k)
                if (renderer.renderImage(r).image == reference) ++same;
        });
    for (auto& t : threads) t.join();
    EXPECT_EQ(same.load(), 12);
}

TEST(Renderer, FeatureFilterHidesFeatures) {
    MapRenderer renderer(db());
    RenderRequest r = request("all-layers.json", "", QSize(300, 300));
    r.labels = false;
    const int all = renderer.renderImage(r).featuresDrawn;
    r.filter = [](const std::string& relation, const Fields& fields,
                  const std::vector<Value>& row) {
        if (relation != "counties") return true;
        const int i = fields.indexOf("prefecture_adcode");
        return i >= 0 && valueToString(row[static_cast<std::size_t>(i)]) == "140200";
    };
    const int some = renderer.renderImage(r).featuresDrawn;
    EXPECT_LT(some, all);
}

// A ColumnOverride replaces a column for one frame (the viewer's town counts
// of the filtered towns): the choropleth's classes, its legend counts and the
// hit test's filter see the replaced values; the cached layer is unchanged.
TEST(Renderer, ColumnOverrideRecolorsTheChoroplethForOneFrame) {
    MapRenderer renderer(db());
    RenderRequest r;
    r.style = parseStyleFile(std::string(JINMAP_STYLES_DIR) + "/towns.json").style;
    ASSERT_TRUE(r.style);
    r.view = makeView("EPSG:3857", resolveExtent(*db(), "province"), QSize(400, 500), 96, 0.03);
    r.labels = false;
    auto countOf = [](const RenderResult& res, const std::string& key) {
        for (const LegendCount& c : res.legend)
            if (c.layerId == "counties-towns" && c.classKey == key) return c.count;
        return 0;
    };
    const RenderResult stored = renderer.renderImage(r);
    const int withTowns = countOf(stored, "1") + countOf(stored, "2") + countOf(stored, "3");
    ASSERT_GT(withTowns, 10);
    // Every county to 0 but 太谷区 (3 or more).
    ColumnOverride o;
    o.relation = "v_counties_thematic";
    o.keyColumn = "adcode";
    o.columns = {"town_count"};
    o.values["140703"] = {5.0};
    o.otherwise = {0.0};
    r.overrides =
        std::make_shared<const std::vector<ColumnOverride>>(std::vector<ColumnOverride>{o});
    const RenderResult replaced = renderer.renderImage(r);
    EXPECT_EQ(countOf(replaced, "3"), 1);
    EXPECT_EQ(countOf(replaced, "1") + countOf(replaced, "2"), 0);
    EXPECT_EQ(countOf(replaced, "below"), countOf(stored, "below") + withTowns - 1);
    // 太谷区 is drawn in the "3 or more" colour (#d98a4a) at its pole.
    Bounds taigu = db()->countyBounds("140703");
    double x = taigu.centerX(), y = taigu.centerY();
    lonLatToWebMercator(x, y);
    const QPointF px = r.view.toPixel(x, y);
    EXPECT_EQ(QColor(replaced.image.pixel(px.toPoint())).name(), QStringLiteral("#d98a4a"));
    // The next frame without the override draws the stored values again.
    r.overrides = {};
    const RenderResult again = renderer.renderImage(r);
    EXPECT_EQ(countOf(again, "3"), countOf(stored, "3"));
    EXPECT_EQ(again.image, stored.image);
}

TEST(Renderer, HitTestFindsCountyAndTown) {
    MapRenderer renderer(db());
    RenderRequest r = request("all-layers.json", "太谷区", QSize(400, 400));
    renderer.prepare(r);
    // The centre of the 太谷区 frame is inside 太谷区.
    const auto hits = renderer.hitTest(r.view, QPointF(200, 200), *r.style);
    bool county = false;
    for (const auto& h : hits) {
        if (h.layerId != "fill") continue;
        const int i = h.data->fields().indexOf("name");
        county =
            county || valueToString(h.data->row(h.index)[static_cast<std::size_t>(i)]) == "太谷区";
    }
    EXPECT_TRUE(county);
    // Speed (reported, not asserted: the viewer's budget is 1 ms per click).
    {
        QElapsedTimer t;
        t.start();
        for (int k = 0; k < 200; ++k)
            renderer.hitTest(r.view, QPointF(k % 400, (k * 7) % 400), *r.style);
        const double ms = static_cast<double>(t.nsecsElapsed()) / 1e6 / 200;
        RecordProperty("hit_test_ms", std::to_string(ms));
        std::printf("hit test: %.3f ms per click\n", ms);
    }
    // Far outside every layer: nothing.
    EXPECT_TRUE(renderer.hitTest(r.view, QPointF(-1e6, -1e6), *r.style).empty());
    // A town point is hit at its own pixel, and the town comes first (topmost layer).
    auto src = db()->source("towns");
    Feature town;
    ASSERT_TRUE(src->features()->next(town));
    Bounds around;
    around.extend(town.geometry.xy[0] - 0.2, town.geometry.xy[1] - 0.2);
    around.extend(town.geometry.xy[0] + 0.2, town.geometry.xy[1] + 0.2);
    RenderRequest tr = r;
    tr.view = makeView("EPSG:3857", around, QSize(400, 400));
    renderer.prepare(tr);
    double x = town.geometry.xy[0], y = town.geometry.xy[1];
    lonLatToWebMercator(x, y);
    const auto townHits = renderer.hitTest(tr.view, tr.view.toPixel(x, y), *tr.style);
    bool found = false;
    for (const auto& h : townHits) found = found || (h.relation == "towns" && h.id == town.id);
    EXPECT_TRUE(found);
    ASSERT_FALSE(townHits.empty());
    EXPECT_NE(townHits.front().layerId, "fill");  // points above polygons
}

TEST(Renderer, SvgOutputKeepsGeometryInsideThePage) {
    MapRenderer renderer(db());
    RenderRequest r = request("all-layers.json", "太谷区", QSize(300, 300));
    QBuffer buffer;
    QSvgGenerator svg;
    svg.setOutputDevice(&buffer);
    svg.setSize(QSize(300, 300));
    svg.setViewBox(QRect(0, 0, 300, 300));
    {
        QPainter p(&svg);
        const RenderResult res = renderer.render(p, r);
        EXPECT_GT(res.labelsPlaced, 0);
    }
    const QString text = QString::fromUtf8(buffer.data());
    EXPECT_TRUE(text.contains(QString::fromUtf8("太谷区")));  // real text, not outlines
    // Every coordinate of every path lies within the page plus the clip margin.
    const QRegularExpression number(QStringLiteral("[ ,ML]([-0-9.]+),([-0-9.]+)"));
    int checked = 0;
    for (auto it = number.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        const double x = m.captured(1).toDouble(), y = m.captured(2).toDouble();
        EXPECT_GE(x, -9);
        EXPECT_LE(x, 309);
        EXPECT_GE(y, -9);
        EXPECT_LE(y, 309);
        ++checked;
    }
    EXPECT_GT(checked, 100);
}

}  // namespace
}  // namespace jinmap

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
