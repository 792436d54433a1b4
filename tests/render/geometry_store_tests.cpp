// The geometry store (render/geometry_store.h): polygons projected and
// simplified once by the builder, fills and borders assembled from the same
// shared arcs. County fills drawn without outlines leave no background pixel
// inside the province at any zoom; the store agrees with the reading path;
// an edited or foreign database falls back to reading.
#include <gtest/gtest.h>

#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <variant>

#include "base/sqlite.h"
#include "data/geodatabase.h"
#include "data/spatialite_source.h"
#include "render/extent.h"
#include "render/geometry_store.h"
#include "render/layer_cache.h"
#include "render/map_renderer.h"
#include "render/projection.h"
#include "style/style_parser.h"

namespace fs = std::filesystem;

namespace jinmap {
namespace {

// JINMAP_DB overrides the database (to run the coverage test against a copy
// without the store, say).
std::string testDbPath() {
    const QByteArray env = qgetenv("JINMAP_DB");
    return env.isEmpty() ? std::string(JINMAP_TEST_DB) : env.toStdString();
}

std::shared_ptr<GeoDatabase> db() {
    static std::shared_ptr<GeoDatabase> instance = GeoDatabase::open(testDbPath());
    return instance;
}

// Counties filled in two greens by prefecture, no outline, over magenta.
constexpr const char* kFillsOnly = R"({
  "version": 8, "name": "fills-only",
  "sources": {"counties": {"type": "vector", "jinmap:table": "counties"}},
  "layers": [
    {"id": "bg", "type": "background", "paint": {"background-color": "#ff00ff"}},
    {"id": "fill", "type": "fill", "source": "counties", "source-layer": "counties",
     "paint": {"fill-color": ["match", ["get", "prefecture_adcode"],
                               ["140100", "140300", "140500", "140700", "140900", "141100"],
                               "#20e020", "#10a010"]}}
  ]})";

std::shared_ptr<const Style> fillsOnlyStyle() {
    return parseStyleText(kFillsOnly, "fills-only").style;
}

// The province's interior in the view's pixels, shrunk by `inset` pixels
// (antialiased edge pixels are partly background by design).
QImage provinceMask(MapRenderer& renderer, const MapView& view, int inset) {
    LayerCache cache(renderer.database());
    auto province = cache.get("province", view.crs);
    const FlatGeometry& g = province->exact();
    QPainterPath path;
    path.setFillRule(Qt::OddEvenFill);
    for (std::size_t i = 0; i < province->size(); ++i)
        for (std::size_t r = g.ringBegin(i); r < g.ringEnd(i); ++r) {
            for (std::size_t k = g.pointBegin(r); k < g.pointEnd(r); ++k) {
                const QPointF p = view.toPixel(g.xy[2 * k], g.xy[2 * k + 1]);
                if (k == g.pointBegin(r))
                    path.moveTo(p);
                else
                    path.lineTo(p);
            }
            path.closeSubpath();
        }
    QImage mask(view.sizePx, QImage::Format_ARGB32);
    mask.fill(Qt::black);
    QPainter p(&mask);
    p.setRenderHint(QPainter::Antialiasing, false);
    p.fillPath(path, Qt::white);
    if (inset > 0) {  // erode: stroke the outline in black
        p.setPen(QPen(Qt::black, 2.0 * inset));
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
    }
    p.end();
    return mask;
}

struct Gaps {
    int inside = 0;      // pixels checked
    int background = 0;  // of those, mostly background
    QPoint first;
};

Gaps backgroundInsideProvince(MapRenderer& renderer, const MapView& view) {
    RenderRequest r;
    r.style = fillsOnlyStyle();
    r.view = view;
    r.labels = false;
    const RenderResult result = renderer.renderImage(r);
    EXPECT_TRUE(result.errors.empty());
    const QImage image = result.image.convertToFormat(QImage::Format_ARGB32);
    const QImage mask = provinceMask(renderer, view, 2);
    Gaps gaps;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            if (qRed(mask.pixel(x, y)) < 128) continue;
            ++gaps.inside;
            // The fills have red 0x10/0x20; magenta showing through raises
            // red: above 128 the pixel is more than about half background.
            if (qRed(image.pixel(x, y)) > 128) {
                if (gaps.background == 0) gaps.first = QPoint(x, y);
                ++gaps.background;
            }
        }
    return gaps;
}

Bounds lonLat(double minLon, double minLat, double maxLon, double maxLat) {
    Bounds b;
    b.extend(minLon, minLat);
    b.extend(maxLon, maxLat);
    return b;
}

TEST(GeometryStore, CountyFillsLeaveNoBackgroundInsideTheProvinceAtAnyZoom) {
    MapRenderer renderer(db());
    struct Case {
        const char* name;
        Bounds extent;
        QSize size;
    };
    const Bounds province = db()->provinceBounds();
    const Case cases[] = {
        {"province, tiny", province, QSize(240, 320)},
        {"province, small", province, QSize(480, 640)},
        {"province, screen", province, QSize(1080, 1440)},
        {"province, print", province, QSize(2400, 3200)},
        {"大同", lonLat(112.4, 39.4, 114.6, 40.8), QSize(800, 600)},
        {"晋中-太原 border", lonLat(112.2, 37.4, 112.9, 37.9), QSize(800, 600)},
        {"太谷, close", lonLat(112.50, 37.35, 112.70, 37.50), QSize(800, 600)},
    };
    std::set<double> tolerances;
    for (const Case& c : cases) {
        const MapView view = makeView("EPSG:3857", c.extent, c.size);
        const Gaps gaps = backgroundInsideProvince(renderer, view);
        EXPECT_GT(gaps.inside, c.size.width() * c.size.height() / 10) << c.name;
        EXPECT_EQ(gaps.background, 0)
            << c.name << ": background at " << gaps.first.x() << "," << gaps.first.y();
        tolerances.insert(view.unitsPerPixel());
    }
    // The cases span several stored levels of detail.
    auto counties = LayerCache(db()).get("counties", "EPSG:3857");
    ASSERT_TRUE(counties->fromGeometryStore());
    std::set<double> levels;
    for (double t : tolerances) levels.insert(counties->geometryFor(t).tolerance);
    EXPECT_GE(levels.size(), 4u);
}

TEST(GeometryStore, FillsAndBordersComeFromTheSameArcs) {
    LayerCache cache(db());
    for (const char* relation : {"counties", "prefectures", "province"}) {
        auto data = cache.get(relation, "EPSG:3857");
        ASSERT_TRUE(data->fromGeometryStore()) << relation;
        for (double tolerance : {0.0, 30.0, 300.0, 3000.0}) {
            const FlatGeometry& fill = data->geometryFor(tolerance);
            const FlatGeometry& border = data->boundariesFor(tolerance);
            EXPECT_EQ(fill.tolerance, border.tolerance);
            // Every undirected edge of the fills, and how often it occurs.
            std::map<std::array<double, 4>, int> edges;
            auto edgeKey = [](double ax, double ay, double bx, double by) {
                if (std::make_pair(bx, by) < std::make_pair(ax, ay)) {
                    std::swap(ax, bx);
                    std::swap(ay, by);
                }
                return std::array<double, 4>{ax, ay, bx, by};
            };
            for (std::size_t r = 0; r + 1 < fill.ringStart.size(); ++r)
                for (std::size_t k = fill.pointBegin(r); k + 1 < fill.pointEnd(r); ++k)
                    ++edges[edgeKey(fill.xy[2 * k], fill.xy[2 * k + 1], fill.xy[2 * k + 2],
                                    fill.xy[2 * k + 3])];
            // Each border edge is an edge of the fills, and every fill edge
            // is bordered: the line is the fill's edge.
            std::map<std::array<double, 4>, int> drawn;
            for (std::size_t r = 0; r + 1 < border.ringStart.size(); ++r)
                for (std::size_t k = border.pointBegin(r); k + 1 < border.pointEnd(r); ++k) {
                    const auto key = edgeKey(border.xy[2 * k], border.xy[2 * k + 1],
                                             border.xy[2 * k + 2], border.xy[2 * k + 3]);
                    EXPECT_TRUE(edges.count(key)) << relation << " at " << tolerance;
                    ++drawn[key];
                }
            for (const auto& [key, n] : edges) {
                if (key[0] == key[2] && key[1] == key[3]) continue;
                EXPECT_TRUE(drawn.count(key)) << relation << " at " << tolerance;
            }
            // A border shared by two fills is drawn once, not twice (two
            // arcs may coincide once simplified: then each is drawn once).
            std::size_t shared = 0, twice = 0;
            for (const auto& [key, n] : edges) {
                if (n < 2) continue;
                ++shared;
                auto it = drawn.find(key);
                if (it != drawn.end() && it->second >= n) ++twice;
            }
            if (std::string(relation) == "counties") {
                EXPECT_GT(shared, 100u) << tolerance;
            }
            EXPECT_LE(twice * 100, shared) << relation << " at " << tolerance;
        }
    }
}

TEST(GeometryStore, AgreesWithReadingAndProjecting) {
    const auto projection = Projection::create("EPSG:3857");
    LayerCache cache(db());
    for (const char* relation : {"counties", "prefectures", "province", "neighbors"}) {
        auto stored = cache.get(relation, "EPSG:3857");
        ASSERT_TRUE(stored->fromGeometryStore()) << relation;
        const SpatialiteSource source(db()->database(), relation);
        const LayerData read(source, relation, *projection);
        ASSERT_EQ(stored->size(), read.size()) << relation;
        EXPECT_EQ(stored->fields().names, read.fields().names);
        for (std::size_t i = 0; i < read.size(); ++i) {
            EXPECT_EQ(stored->id(i), read.id(i));
            EXPECT_EQ(stored->row(i), read.row(i));
            EXPECT_EQ(stored->type(i), read.type(i));
            EXPECT_NEAR(stored->bounds(i).minX, read.bounds(i).minX, 1e-6);
            EXPECT_NEAR(stored->bounds(i).maxY, read.bounds(i).maxY, 1e-6);
            // Label anchors: the same function on the same coordinates.
            EXPECT_NEAR(stored->labelAnchor(i).x(), read.labelAnchor(i).x(), 1e-6);
            EXPECT_NEAR(stored->labelAnchor(i).y(), read.labelAnchor(i).y(), 1e-6);
            // Exact geometry: float32 offsets, within centimetres.
            const FlatGeometry& a = stored->exact();
            const FlatGeometry& b = read.exact();
            Bounds ba, bb;
            for (std::size_t r = a.ringBegin(i); r < a.ringEnd(i); ++r)
                for (std::size_t k = a.pointBegin(r); k < a.pointEnd(r); ++k)
                    ba.extend(a.xy[2 * k], a.xy[2 * k + 1]);
            for (std::size_t r = b.ringBegin(i); r < b.ringEnd(i); ++r)
                for (std::size_t k = b.pointBegin(r); k < b.pointEnd(r); ++k)
                    bb.extend(b.xy[2 * k], b.xy[2 * k + 1]);
            EXPECT_NEAR(ba.minX, bb.minX, 0.1) << relation << " " << i;
            EXPECT_NEAR(ba.maxX, bb.maxX, 0.1) << relation << " " << i;
            EXPECT_NEAR(ba.minY, bb.minY, 0.1) << relation << " " << i;
            EXPECT_NEAR(ba.maxY, bb.maxY, 0.1) << relation << " " << i;
        }
    }
    // The thematic view is served from its table's store, with its ids.
    auto view = cache.get("v_counties_thematic", "EPSG:3857");
    auto counties = cache.get("counties", "EPSG:3857");
    EXPECT_TRUE(view->fromGeometryStore());
    ASSERT_EQ(view->size(), counties->size());
    std::set<std::int64_t> ids;
    for (std::size_t i = 0; i < view->size(); ++i) ids.insert(view->id(i));
    EXPECT_EQ(ids.size(), view->size());
}

// A copy of the database to change.
class StoreCopy : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ =
            fs::temp_directory_path() /
            ("jinmap-store-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
             "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::create_directories(dir_);
        path_ = (dir_ / "jinmap.sqlite").string();
        fs::copy_file(JINMAP_TEST_DB, path_, fs::copy_options::overwrite_existing);
    }
    void TearDown() override { fs::remove_all(dir_); }
    void exec(const std::string& sql) {
        Database d = Database::open(path_, Database::Mode::ReadWrite);
        std::vector<std::string> triggers;
        auto list = d.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'");
        while (list.step()) triggers.push_back(list.columnText(0));
        for (const auto& t : triggers) d.exec("DROP TRIGGER \"" + t + "\"");
        d.exec(sql);
    }
    fs::path dir_;
    std::string path_;
};

TEST_F(StoreCopy, EditedGeometryIsReadNotTakenFromTheStore) {
    // One county's polygon replaced: the store no longer describes it.
    exec(
        "UPDATE counties SET geometry = (SELECT geometry FROM counties WHERE adcode = '140702') "
        "WHERE adcode = '140703'");
    auto copy = GeoDatabase::open(path_);
    LayerCache cache(copy);
    EXPECT_FALSE(cache.get("counties", "EPSG:3857")->fromGeometryStore());
    EXPECT_TRUE(cache.get("prefectures", "EPSG:3857")->fromGeometryStore());
}

// Writes through a connection with SpatiaLite loaded, as QGIS or spatialite
// would: every trigger fires, the store's edit guards among them.
void writeWithSpatialite(const std::string& path, const std::string& sql) {
    Database d = Database::open(path, Database::Mode::ReadWrite);
    d.loadSpatialite();
    d.exec(sql);
}

TEST(GeometryStore, StoredRelationsAreGuardedAndReadThroughTheirIndex) {
    for (const char* relation : {"province", "prefectures", "counties"}) {
        auto stored = StoredRelation::load(*db()->database(), relation, db()->dataVersion());
        ASSERT_TRUE(stored) << relation;
        EXPECT_TRUE(stored->editGuarded()) << relation;
    }
    // The attribute index covers the rows: the table is not read.
    auto plan = db()->database()->prepare(
        "EXPLAIN QUERY PLAN SELECT rowid, name FROM counties INDEXED BY "
        "geometry_store_rows_counties ORDER BY rowid");
    std::string steps;
    while (plan.step()) steps += plan.columnText(3) + "\n";
    EXPECT_NE(steps.find("COVERING INDEX geometry_store_rows_counties"), std::string::npos)
        << steps;
}

TEST_F(StoreCopy, GuardedRowsAreTheTablesRows) {
    // The same layer read through the attribute index and, with the guards
    // dropped, checked row by row against the table.
    auto guarded = GeoDatabase::open(JINMAP_TEST_DB);
    auto fromIndex = LayerCache(guarded).get("counties", "EPSG:3857");
    exec("SELECT 1");  // drops every trigger, the store's edit guards among them
    auto checked = LayerCache(GeoDatabase::open(path_)).get("counties", "EPSG:3857");
    ASSERT_TRUE(fromIndex->fromGeometryStore());
    ASSERT_TRUE(checked->fromGeometryStore());
    ASSERT_EQ(fromIndex->size(), checked->size());
    ASSERT_GT(fromIndex->size(), 100u);
    for (std::size_t i = 0; i < fromIndex->size(); ++i) {
        EXPECT_EQ(fromIndex->id(i), checked->id(i));
        EXPECT_EQ(fromIndex->row(i), checked->row(i)) << "row " << i;
    }
}

TEST_F(StoreCopy, AnEditByAnyWriterTakesTheRelationOutOfTheStore) {
    writeWithSpatialite(path_,
                        "UPDATE counties SET geometry = (SELECT geometry FROM counties WHERE "
                        "adcode = '140702') WHERE adcode = '140703'");
    auto copy = GeoDatabase::open(path_);
    // The trigger removed it (the row-by-row check is not what caught it).
    EXPECT_FALSE(StoredRelation::load(*copy->database(), "counties", copy->dataVersion()));
    LayerCache cache(copy);
    EXPECT_FALSE(cache.get("counties", "EPSG:3857")->fromGeometryStore());
    EXPECT_TRUE(cache.get("prefectures", "EPSG:3857")->fromGeometryStore());
}

TEST_F(StoreCopy, AnAttributeEditKeepsTheStore) {
    writeWithSpatialite(path_, "UPDATE counties SET name = name || '·' WHERE adcode = '140703'");
    auto copy = GeoDatabase::open(path_);
    auto stored = StoredRelation::load(*copy->database(), "counties", copy->dataVersion());
    ASSERT_TRUE(stored);
    EXPECT_TRUE(stored->editGuarded());
    auto data = LayerCache(copy).get("counties", "EPSG:3857");
    EXPECT_TRUE(data->fromGeometryStore());
    bool renamed = false;
    const auto& names = data->fields().names;
    const auto column = std::find(names.begin(), names.end(), "name") - names.begin();
    for (std::size_t i = 0; i < data->size(); ++i)
        if (const auto* text =
                std::get_if<std::string>(&data->row(i)[static_cast<std::size_t>(column)]))
            renamed = renamed || text->find("·") != std::string::npos;
    EXPECT_TRUE(renamed) << "the new name is read (through the index)";
}

TEST_F(StoreCopy, AnInsertedRowTakesTheRelationOutOfTheStore) {
    writeWithSpatialite(path_,
                        "INSERT INTO counties (adcode, name, prefecture_adcode, prefecture, kind, "
                        "boundary_quality, geometry) SELECT '149999', '新县', prefecture_adcode, "
                        "prefecture, kind, boundary_quality, geometry FROM counties WHERE adcode = "
                        "'140702'");
    auto copy = GeoDatabase::open(path_);
    EXPECT_FALSE(StoredRelation::load(*copy->database(), "counties", copy->dataVersion()));
    EXPECT_FALSE(LayerCache(copy).get("counties", "EPSG:3857")->fromGeometryStore());
}

TEST_F(StoreCopy, AnotherDataVersionIsNotUsed) {
    exec("UPDATE metadata SET value = 'edited' WHERE key = 'data_version'");
    auto copy = GeoDatabase::open(path_);
    LayerCache cache(copy);
    EXPECT_FALSE(cache.get("counties", "EPSG:3857")->fromGeometryStore());
    // Other CRSs always read and project.
    EXPECT_FALSE(LayerCache(db()).get("counties", "EPSG:4546")->fromGeometryStore());
}

}  // namespace
}  // namespace jinmap

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
