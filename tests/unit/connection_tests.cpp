// SQLite connections: the order a Database releases its connection and its
// SpatiaLite cache in (observed by interposing the two C functions in this
// test program), feature ids of views, and the one-thread rule.
#include <dlfcn.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "base/error.h"
#include "base/sqlite.h"
#include "data/geometry.h"
#include "data/spatialite_source.h"

namespace fs = std::filesystem;

namespace {
// What happened to connections and SpatiaLite caches, in order.
std::vector<std::string>& events() {
    static std::vector<std::string> list;
    return list;
}
bool recording = false;
}  // namespace

// Interposed: this program's definitions win over the shared libraries'; each
// records the call and forwards to the real function.
extern "C" int sqlite3_close_v2(sqlite3* db) {
    using Fn = int (*)(sqlite3*);
    static const auto real = reinterpret_cast<Fn>(dlsym(RTLD_NEXT, "sqlite3_close_v2"));
    if (recording && db) events().emplace_back("close connection");
    return real(db);
}
extern "C" void spatialite_cleanup_ex(const void* cache) {
    using Fn = void (*)(const void*);
    static const auto real = reinterpret_cast<Fn>(dlsym(RTLD_NEXT, "spatialite_cleanup_ex"));
    if (recording && cache) events().emplace_back("release cache");
    real(cache);
}

namespace jinmap {
namespace {

class TempDb : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() /
               ("jinmap-conn-" +
                std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }
    std::string path(const char* name) const { return (dir_ / name).string(); }
    fs::path dir_;
};

TEST_F(TempDb, MoveAssignmentClosesTheConnectionBeforeReleasingItsSpatialiteCache) {
    Database a = Database::open(path("a.sqlite"), Database::Mode::Create);
    a.loadSpatialite();
    a.exec("CREATE TABLE t (x)");
    Database b = Database::open(path("b.sqlite"), Database::Mode::Create);
    events().clear();
    recording = true;
    a = std::move(b);  // a's old connection and cache go
    recording = false;
    // SpatiaLite: the cache is released after the connection using it closed.
    const std::vector<std::string> expected = {"close connection", "release cache"};
    EXPECT_EQ(events(), expected);
    EXPECT_EQ(a.path(), path("b.sqlite"));
    EXPECT_EQ(a.queryInt("SELECT count(*) FROM sqlite_master"), 0);
}

TEST_F(TempDb, DestructionClosesTheConnectionBeforeReleasingItsSpatialiteCache) {
    {
        Database a = Database::open(path("a.sqlite"), Database::Mode::Create);
        a.loadSpatialite();
        events().clear();
        recording = true;
    }
    recording = false;
    const std::vector<std::string> expected = {"close connection", "release cache"};
    EXPECT_EQ(events(), expected);
}

// A table with three polygons and two views of it: one registered in
// views_geometry_columns with its row id column, one not.
std::string makeViews(const std::string& file) {
    Database db = Database::open(file, Database::Mode::Create);
    db.exec("CREATE TABLE shapes (name TEXT, geometry BLOB)");
    auto insert = db.prepare("INSERT INTO shapes (rowid, name, geometry) VALUES (?1, ?2, ?3)");
    for (int i = 0; i < 3; ++i) {
        Geometry g;
        g.type = GeometryType::Polygon;
        const double x = 110 + i;
        g.xy = {x, 35, x + 0.5, 35, x + 0.5, 35.5, x, 35.5, x, 35};
        g.rings = {0, 5};
        g.parts = {0, 1};
        g.recomputeBounds();
        const auto blob = toSpatialiteBlob(g, 4326);
        insert.bind(1, 10 + i)
            .bind(2, "s" + std::to_string(i))
            .bindBlob(3, blob.data(), blob.size());
        insert.run();
    }
    db.exec("CREATE VIEW v_plain AS SELECT name, geometry FROM shapes");
    db.exec("CREATE VIEW v_registered AS SELECT rowid AS fid, name, geometry FROM shapes");
    db.exec(
        "CREATE TABLE views_geometry_columns (view_name TEXT, view_geometry TEXT, view_rowid "
        "TEXT, f_table_name TEXT, f_geometry_column TEXT, read_only INTEGER)");
    db.exec(
        "INSERT INTO views_geometry_columns VALUES ('v_registered', 'geometry', 'fid', 'shapes', "
        "'geometry', 1)");
    return file;
}

std::vector<std::int64_t> ids(const std::shared_ptr<Database>& db, const char* relation) {
    SpatialiteSource source(db, relation);
    std::vector<std::int64_t> out;
    auto it = source.features();
    Feature f;
    while (it->next(f)) out.push_back(f.id);
    return out;
}

TEST_F(TempDb, ViewsGiveEachFeatureItsOwnId) {
    const std::string file = makeViews(path("views.sqlite"));
    auto db = std::make_shared<Database>(Database::open(file, Database::Mode::ReadOnly));
    EXPECT_EQ(ids(db, "shapes"), (std::vector<std::int64_t>{10, 11, 12}));
    // The registered row id column: the table's ids.
    EXPECT_EQ(ids(db, "v_registered"), (std::vector<std::int64_t>{10, 11, 12}));
    // Not registered: the row number, distinct for every feature (SELECT rowid
    // on a view gave 0 for all).
    const auto plain = ids(db, "v_plain");
    ASSERT_EQ(plain.size(), 3u);
    EXPECT_EQ(std::set<std::int64_t>(plain.begin(), plain.end()).size(), 3u);
    EXPECT_EQ(SpatialiteSource(db, "v_registered").baseTable(), "shapes");
    EXPECT_EQ(SpatialiteSource(db, "v_plain").baseTable(), "");
}

TEST_F(TempDb, AConnectionIsUsedOnlyByTheThreadThatOpenedIt) {
    Database db = Database::open(path("t.sqlite"), Database::Mode::Create);
    EXPECT_TRUE(db.isOwnedByCurrentThread());
    std::string error;
    std::thread other([&] {
        try {
            db.exec("CREATE TABLE t (x)");
        } catch (const Error& e) {
            error = e.what();
        }
    });
    other.join();
    EXPECT_NE(error.find("another thread"), std::string::npos) << error;
    db.exec("CREATE TABLE t (x)");  // the owner still can
}

}  // namespace
}  // namespace jinmap
