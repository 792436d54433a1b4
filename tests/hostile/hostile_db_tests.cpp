// Hostile databases: every command that reads the database answers with one
// error line and exit 1 — no crash, no hang, the file untouched, nothing left.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>

#include "base/sqlite.h"
#include "data/geometry.h"
#include "hostile_support.h"

namespace fs = std::filesystem;
using jinmap::Database;
using jinmap::test::Outcome;
using jinmap::test::runJinmap;

namespace {

class HostileDatabase : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = jinmap::test::makeTempDir(
            std::string("hostile-") +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        db_ = dir_ / "jinmap.sqlite";
    }
    void TearDown() override {
        std::error_code ec;
        fs::permissions(dir_, fs::perms::owner_all, ec);
        fs::remove_all(dir_, ec);
    }

    void copyRealDatabase() {
        fs::copy_file(JINMAP_TEST_DB, db_, fs::copy_options::overwrite_existing);
    }

    // Mutates the copy with SQL; SpatiaLite's triggers are dropped first so
    // that deliberately broken geometry can be written.
    void mutate(const std::string& sql, bool dropTriggers = true) {
        Database db = Database::open(db_.string(), Database::Mode::ReadWrite);
        if (dropTriggers) {
            std::vector<std::string> triggers;
            auto stmt = db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'");
            while (stmt.step()) triggers.push_back(stmt.columnText(0));
            for (const auto& t : triggers) db.exec("DROP TRIGGER \"" + t + "\"");
        }
        db.exec(sql);
    }

    void setGeometry(const std::string& table, const std::string& where,
                     const std::vector<unsigned char>& blob) {
        Database db = Database::open(db_.string(), Database::Mode::ReadWrite);
        std::vector<std::string> triggers;
        auto list = db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'");
        while (list.step()) triggers.push_back(list.columnText(0));
        for (const auto& t : triggers) db.exec("DROP TRIGGER \"" + t + "\"");
        auto stmt = db.prepare("UPDATE " + table + " SET geometry = ?1 WHERE " + where);
        stmt.bindBlob(1, blob.data(), blob.size());
        stmt.run();
    }

    // Runs the database-reading commands and checks the failure contract.
    // Geometry faults concern only the commands that read geometry: a county's
    // summary needs no polygon and is still answered.
    enum class Scope { Everything, Geometry };
    void expectCleanFailure(const std::string& expected, Scope scope = Scope::Everything) {
        const std::string before = jinmap::test::sha256File(db_);
        std::vector<std::string> commands = {"layers"};
        if (scope == Scope::Everything) commands.push_back("summary --county 太谷区");
        // The render step always runs: a broken `render` subcommand is a
        // failure of this suite, not a reason to skip its step.
        const Outcome help = runJinmap("render --help");
        EXPECT_EQ(help.exitCode, 0) << "render --help failed: " << help.err;
        commands.push_back(std::string("render --style '") + JINMAP_SOURCE_DIR +
                           "/styles/towns.json' --size 320x240 -o '" + (dir_ / "out.png").string() +
                           "'");
        for (const auto& command : commands) {
            const Outcome o = runJinmap("--db '" + db_.string() + "' " + command);
            SCOPED_TRACE(command);
            EXPECT_FALSE(o.timedOut) << "hung";
            EXPECT_EQ(o.exitCode, 1) << o.err;
            EXPECT_EQ(o.errLines(), 1) << o.err;
            EXPECT_NE(o.err.find(expected), std::string::npos)
                << "expected '" << expected << "' in: " << o.err;
            EXPECT_EQ(jinmap::test::sha256File(db_), before) << "database changed";
            EXPECT_FALSE(fs::exists(dir_ / "out.png")) << "output left behind";
        }
        int files = 0;
        for (const auto& e : fs::directory_iterator(dir_)) {
            (void)e;
            ++files;
        }
        EXPECT_LE(files, 1) << "files left behind";
    }

    fs::path dir_;
    fs::path db_;
};

std::vector<unsigned char> squareBlob(double x0, double y0, double size, int srid) {
    jinmap::Geometry g;
    g.type = jinmap::GeometryType::MultiPolygon;
    g.xy = {x0, y0, x0 + size, y0, x0 + size, y0 + size, x0, y0 + size, x0, y0};
    g.rings = {0, 5};
    g.parts = {0, 1};
    g.recomputeBounds();
    return jinmap::toSpatialiteBlob(g, srid);
}

TEST_F(HostileDatabase, Missing) {
    expectCleanFailure("does not exist");
}

TEST_F(HostileDatabase, EmptyFile) {
    std::ofstream(db_).close();
    expectCleanFailure("not a SpatiaLite database");
}

TEST_F(HostileDatabase, NotSqlite) {
    std::ofstream(db_) << "这不是数据库 — just text pretending to be a database\n";
    expectCleanFailure("file is not a database");
}

TEST_F(HostileDatabase, Truncated) {
    copyRealDatabase();
    fs::resize_file(db_, fs::file_size(db_) / 3);
    expectCleanFailure("database");
}

TEST_F(HostileDatabase, SqliteWithoutSpatialiteMetadata) {
    {
        Database db = Database::open(db_.string(), Database::Mode::Create);
        db.exec("CREATE TABLE counties (adcode TEXT, name TEXT)");
    }
    expectCleanFailure("not a SpatiaLite database");
}

TEST_F(HostileDatabase, RequiredTableMissing) {
    copyRealDatabase();
    mutate("DROP TABLE town_facts");
    expectCleanFailure("required table 'town_facts' is missing");
}

TEST_F(HostileDatabase, RequiredColumnMissing) {
    copyRealDatabase();
    mutate("ALTER TABLE towns RENAME COLUMN level TO lvl");
    expectCleanFailure("has no column 'level'");
}

TEST_F(HostileDatabase, UnreadableGeometryBlob) {
    copyRealDatabase();
    setGeometry("counties", "adcode = '140703'", {0x00, 0x01, 0x02, 0x03});
    expectCleanFailure("geometry", Scope::Geometry);
}

TEST_F(HostileDatabase, EmptyGeometry) {
    copyRealDatabase();
    jinmap::Geometry empty;
    empty.type = jinmap::GeometryType::MultiPolygon;
    empty.rings = {0};
    empty.parts = {0};
    setGeometry("counties", "adcode = '140703'", jinmap::toSpatialiteBlob(empty, 4326));
    expectCleanFailure("empty geometry", Scope::Geometry);
}

TEST_F(HostileDatabase, WrongSridDeclared) {
    copyRealDatabase();
    mutate("UPDATE geometry_columns SET srid = 3857 WHERE f_table_name = 'counties'");
    expectCleanFailure("SRID 3857, expected 4326");
}

TEST_F(HostileDatabase, GeometryWithOtherSrid) {
    copyRealDatabase();
    setGeometry("counties", "adcode = '140703'", squareBlob(112.5, 37.4, 0.1, 3857));
    expectCleanFailure("SRID 3857", Scope::Geometry);
}

TEST_F(HostileDatabase, HugeCoordinates) {
    copyRealDatabase();
    setGeometry("counties", "adcode = '140703'", squareBlob(1e300, 1e300, 1e299, 4326));
    expectCleanFailure("out of range", Scope::Geometry);
}

TEST_F(HostileDatabase, NullCountyNames) {
    copyRealDatabase();
    mutate(
        "PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = replace(sql, 'name TEXT NOT "
        "NULL', 'name TEXT') "
        "WHERE name = 'counties'; PRAGMA writable_schema = OFF;");
    mutate("UPDATE counties SET name = NULL WHERE adcode = '140703'");
    expectCleanFailure("counties without a name");
}

TEST_F(HostileDatabase, ReadOnlyFileIsReadNormally) {
    // jinmap only reads the database: a read-only file works and stays as it is.
    copyRealDatabase();
    fs::permissions(db_, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
    const std::string before = jinmap::test::sha256File(db_);
    const Outcome o = runJinmap("--db '" + db_.string() + "' summary --county 太谷区");
    EXPECT_EQ(o.exitCode, 0) << o.err;
    EXPECT_NE(o.out.find("太谷玛钢专业镇"), std::string::npos);
    EXPECT_EQ(jinmap::test::sha256File(db_), before);
}

TEST_F(HostileDatabase, LockedByAnotherWriter) {
    copyRealDatabase();
    int ready[2];
    ASSERT_EQ(pipe(ready), 0);
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        // Another process holds an exclusive write lock for 12 s.
        close(ready[0]);
        try {
            Database db = Database::open(db_.string(), Database::Mode::ReadWrite);
            db.exec("BEGIN EXCLUSIVE");
            db.exec("UPDATE metadata SET value = value WHERE key = 'data_version'");
            const char ok = 'x';
            (void)!write(ready[1], &ok, 1);
            sleep(12);
        } catch (...) {
        }
        _exit(0);
    }
    close(ready[1]);
    char c = 0;
    ASSERT_EQ(read(ready[0], &c, 1), 1);
    close(ready[0]);
    const Outcome o = runJinmap("--db '" + db_.string() + "' summary --county 太谷区");
    kill(child, SIGKILL);
    waitpid(child, nullptr, 0);
    EXPECT_FALSE(o.timedOut);
    EXPECT_EQ(o.exitCode, 1) << o.err;
    EXPECT_EQ(o.errLines(), 1) << o.err;
    EXPECT_NE(o.err.find("locked"), std::string::npos) << o.err;
}

}  // namespace
