// The workspace on PostgreSQL/PostGIS (issue 15) against a real server the
// test starts (pg_test_server.h): the libpq connection (placeholders, binary
// results, errors, timeout, thread rule), push/pull round trip compared row
// by row, reading commands through --db postgresql://, roles enforced by the
// server, NOTIFY, the server killed in the middle of a push, the server down
// at start. The tests run in order on one server.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>

#include "base/error.h"
#include "base/sqlite.h"
#include "data/change_watcher.h"
#include "data/connection.h"
#include "data/pg_connection.h"
#include "data/pg_edit_session.h"
#include "data/pg_workspace.h"
#include "data/workspace.h"
#include "pg_test_server.h"

namespace fs = std::filesystem;
using jinmap::Error;
using jinmap::ErrorKind;
using jinmap::data::PgConnection;
using jinmap::data::PgError;

namespace {

jinmap::test::PgTestServer* server = nullptr;

fs::path workDir();

class ServerEnvironment : public ::testing::Environment {
  public:
    void SetUp() override { server = new jinmap::test::PgTestServer(); }
    void TearDown() override {
        delete server;
        server = nullptr;
        std::error_code ec;
        fs::remove_all(workDir(), ec);
    }
};

// NOLINTNEXTLINE(cert-err58-cpp): gtest's registration idiom
::testing::Environment* const environment =
    ::testing::AddGlobalTestEnvironment(new ServerEnvironment());

struct Result {
    int code = -1;
    std::string out, err;
};

fs::path workDir() {
    static const fs::path dir = [] {
        fs::path d = fs::temp_directory_path() / ("jinmap-pgtests-" + std::to_string(::getpid()));
        fs::remove_all(d);
        fs::create_directories(d);
        return d;
    }();
    return dir;
}

// The jinmap program with its own cache directory (the replica lives there).
Result run(const std::string& args, const std::string& cache = "cache") {
    const fs::path errFile = workDir() / "stderr.txt";
    const std::string cmd = "JINMAP_AUTHOR=规划员 XDG_CACHE_HOME='" + (workDir() / cache).string() +
                            "' '" JINMAP_PROGRAM "' " + args + " 2>'" + errFile.string() + "'";
    Result r;
    FILE* pipe = popen(cmd.c_str(), "r");
    std::array<char, 4096> buf{};
    while (pipe && fgets(buf.data(), buf.size(), pipe)) r.out += buf.data();
    const int status = pipe ? pclose(pipe) : -1;
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::ifstream in(errFile);
    std::stringstream s;
    s << in.rdbuf();
    r.err = s.str();
    return r;
}

std::string workspacePath() {
    return (workDir() / "ws.sqlite").string();
}

// The planner's workspace: the reference plus one town added by hand.
void makeWorkspace() {
    if (fs::exists(workspacePath())) return;
    Result r = run("workspace init '" + workspacePath() + "' --from '" JINMAP_TEST_DB "'");
    ASSERT_EQ(r.code, 0) << r.err;
    r = run("--db '" + workspacePath() +
            "' town add --name 推送测试专业镇 --county 太谷区 --level 省级 --sector 测试产品 "
            "--reason 推送测试");
    ASSERT_EQ(r.code, 0) << r.err;
}

std::int64_t sqliteInt(const std::string& path, const std::string& sql) {
    auto db = jinmap::Database::open(path, jinmap::Database::Mode::ReadOnly);
    auto s = db.prepare(sql);
    return s.step() ? s.columnInt64(0) : -1;
}

}  // namespace

// ------------------------------------------------------------------ connection

TEST(PgConnection, RewritesPlaceholdersOutsideQuotes) {
    using jinmap::data::rewritePlaceholders;
    EXPECT_EQ(rewritePlaceholders("SELECT ?1, ?12 FROM t WHERE a = ?2"),
              "SELECT $1, $12 FROM t WHERE a = $2");
    EXPECT_EQ(rewritePlaceholders("SELECT '?1', \"a?b\", 'it''s ?' || ?3"),
              "SELECT '?1', \"a?b\", 'it''s ?' || $3");
    EXPECT_EQ(rewritePlaceholders("VALUES (?, ?)"), "VALUES ($1, $2)");
}

TEST(PgConnection, RefusesANameWithAPasswordWithoutShowingIt) {
    using jinmap::data::checkPgName;
    for (const char* bad :
         {"postgresql://ana:secret@127.0.0.1:5432/jm", "postgresql://127.0.0.1/jm?password=secret",
          "service=office password=secret"}) {
        try {
            checkPgName(bad);
            ADD_FAILURE() << bad << " accepted";
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::Usage);
            EXPECT_EQ(std::string(e.what()).find("secret"), std::string::npos) << e.what();
            EXPECT_NE(std::string(e.what()).find(".pgpass"), std::string::npos) << e.what();
        }
    }
    EXPECT_NO_THROW(checkPgName("postgresql://ana@127.0.0.1:5432/jm"));
    EXPECT_NO_THROW(checkPgName("service=office"));
    const Result r = run("summary --county 太谷区 --db postgresql://ana:secret@127.0.0.1:1/jm");
    EXPECT_NE(r.code, 0);
    EXPECT_EQ(r.err.find("secret"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(".pgpass"), std::string::npos) << r.err;
}

TEST(PgConnection, ReadsBinaryResultsOfEveryType) {
    auto c = PgConnection::open(server->url());
    auto q = c->prepare(
        "SELECT ?1::bigint + 1, 7::int4, 3::int2, 2.5::float8, 1.25::float4, 12345.678::numeric, "
        "-0.5::numeric, ?2::text || '镇', true, '\\x0102'::bytea, NULL::text, "
        "ST_AsBinary(ST_GeomFromText('POINT(112.5 37.25)', 4326)), "
        "ST_GeomFromText('LINESTRING(110 35, 111 36)', 4326), 10000000000::numeric");
    q->bind(1, std::int64_t{41}).bind(2, std::string_view("专业"));
    ASSERT_TRUE(q->step());
    EXPECT_EQ(q->columnInt64(0), 42);
    EXPECT_EQ(q->columnKind(0), 'i');
    EXPECT_EQ(q->columnInt64(1), 7);
    EXPECT_EQ(q->columnInt64(2), 3);
    EXPECT_DOUBLE_EQ(q->columnDouble(3), 2.5);
    EXPECT_DOUBLE_EQ(q->columnDouble(4), 1.25);
    EXPECT_NEAR(q->columnDouble(5), 12345.678, 1e-9);
    EXPECT_DOUBLE_EQ(q->columnDouble(6), -0.5);
    EXPECT_EQ(q->columnText(7), "专业镇");
    EXPECT_EQ(q->columnKind(7), 't');
    EXPECT_EQ(q->columnInt64(8), 1);
    auto [blob, size] = q->columnBlob(9);
    ASSERT_EQ(size, 2U);
    EXPECT_EQ(blob[0], 1);
    EXPECT_EQ(blob[1], 2);
    EXPECT_TRUE(q->isNull(10));
    EXPECT_EQ(q->columnKind(10), 'n');
    const jinmap::Geometry point = q->columnGeometry(11);
    EXPECT_DOUBLE_EQ(point.bounds.minX, 112.5);
    EXPECT_DOUBLE_EQ(point.bounds.minY, 37.25);
    const jinmap::Geometry line = q->columnGeometry(12);  // EWKB of a raw geometry column
    EXPECT_DOUBLE_EQ(line.bounds.maxX, 111);
    EXPECT_DOUBLE_EQ(line.bounds.maxY, 36);
    EXPECT_EQ(q->columnText(13), "10000000000");
    EXPECT_FALSE(q->step());
}

TEST(PgConnection, ServerErrorsCarryMessageAndSqlstate) {
    auto c = PgConnection::open(server->url());
    try {
        c->exec("SELECT * FROM no_such_table");
        ADD_FAILURE() << "no error";
    } catch (const PgError& e) {
        EXPECT_EQ(e.sqlstate(), "42P01");
        EXPECT_NE(std::string(e.what()).find("no_such_table"), std::string::npos) << e.what();
        EXPECT_NE(e.context().find("127.0.0.1"), std::string::npos) << e.context();
    }
    // The connection is usable after an error outside a transaction.
    EXPECT_EQ(c->queryInt("SELECT 5"), 5);
}

TEST(PgConnection, StatementsTimeOutRatherThanHang) {
    jinmap::data::PgOptions options;
    options.statementTimeoutMs = 200;
    auto c = PgConnection::open(server->url(), options);
    try {
        c->exec("SELECT pg_sleep(30)");
        ADD_FAILURE() << "no timeout";
    } catch (const PgError& e) {
        EXPECT_EQ(e.sqlstate(), "57014");
        EXPECT_NE(std::string(e.what()).find("statement timeout"), std::string::npos) << e.what();
    }
}

TEST(PgConnection, BelongsToTheThreadThatOpenedIt) {
    auto c = PgConnection::open(server->url());
    bool threw = false;
    std::thread other([&] {
        try {
            c->prepare("SELECT 1");
        } catch (const Error& e) {
            threw = e.kind() == ErrorKind::Database;
        }
    });
    other.join();
    EXPECT_TRUE(threw);
}

TEST(PgConnection, OpenStoreGivesReadOnlyTransactionsToReaders) {
    auto c = jinmap::data::openStore(server->url(), jinmap::data::StoreMode::ReadOnly);
    EXPECT_EQ(c->backend(), jinmap::data::Backend::PostGIS);
    EXPECT_THROW(c->exec("CREATE TABLE public.t (a int)"), PgError);
}

// ------------------------------------------------------------------ push/pull

TEST(PostgisWorkspace, PushThenPullGivesTheSameRowsInEveryTable) {
    makeWorkspace();
    Result r = run("workspace push --to " + server->url() + " --db '" + workspacePath() + "'");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("created"), std::string::npos) << r.out;

    // The server's schema: version 1, geometry columns in EPSG:4326 with GiST indexes.
    auto pg = PgConnection::open(server->url());
    EXPECT_EQ(jinmap::data::postgisSchemaVersion(*pg), 1);
    // Nine tables and the view v_counties_thematic.
    EXPECT_EQ(pg->queryInt("SELECT count(*) FROM geometry_columns WHERE f_table_schema = 'jinmap' "
                           "AND srid = 4326"),
              10);
    EXPECT_EQ(pg->queryInt("SELECT count(*) FROM pg_indexes WHERE schemaname = 'jinmap' AND "
                           "indexdef LIKE '%USING gist%'"),
              9);
    EXPECT_EQ(pg->queryInt("SELECT count(*) FROM jinmap.towns WHERE name = '推送测试专业镇'"), 1);
    EXPECT_GE(pg->queryInt("SELECT count(*) FROM jinmap.change_log"), 1);

    const std::string pulled = (workDir() / "pulled.sqlite").string();
    r = run("workspace pull --from " + server->url() + " -o '" + pulled + "'");
    ASSERT_EQ(r.code, 0) << r.err;
    // Every table, row by row (row ids, types and geometry blobs included).
    auto db = jinmap::Database::open(workspacePath(), jinmap::Database::Mode::ReadOnly);
    db.exec("ATTACH DATABASE '" + pulled + "' AS pulled");
    for (const auto& t : jinmap::data::workspaceCopyTables()) {
        auto count = [&](const std::string& sql) {
            auto s = db.prepare(sql);
            return s.step() ? s.columnInt64(0) : -1;
        };
        const std::int64_t rows = count("SELECT count(*) FROM main." + t);
        EXPECT_EQ(count("SELECT count(*) FROM pulled." + t), rows) << t;
        // Rows of one side missing from the other, both ways.
        for (const auto& [from, other] : {std::pair<std::string, std::string>{"main", "pulled"},
                                          std::pair<std::string, std::string>{"pulled", "main"}}) {
            std::string sql = "SELECT count(*) FROM (SELECT rowid, * FROM ";
            sql.append(from).append(".").append(t).append(" EXCEPT SELECT rowid, * FROM ");
            sql.append(other).append(".").append(t).append(")");
            EXPECT_EQ(count(sql), 0) << t << " " << from;
        }
    }
    // The pulled file is a workspace the SQLite tools read.
    r = run("--db '" + pulled + "' workspace info");
    EXPECT_EQ(r.code, 0) << r.err;
    r = run("--db '" + pulled + "' summary --county 太谷区");
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("推送测试专业镇"), std::string::npos) << r.out;
}

TEST(PostgisWorkspace, PushDoesNotReplaceAWorkspaceUnlessAsked) {
    const Result r =
        run("workspace push --to " + server->url() + " --db '" + workspacePath() + "'");
    EXPECT_NE(r.code, 0);
    EXPECT_NE(r.err.find("--replace"), std::string::npos) << r.err;
}

TEST(PostgisWorkspace, ReadingCommandsReadTheServer) {
    const Result local = run("--db '" + workspacePath() + "' summary --county 太谷区");
    ASSERT_EQ(local.code, 0) << local.err;
    const Result remote = run("--db " + server->url() + " summary --county 太谷区");
    ASSERT_EQ(remote.code, 0) << remote.err;
    EXPECT_EQ(remote.out, local.out);
    EXPECT_NE(remote.out.find("推送测试专业镇"), std::string::npos);
    const std::string remoteCsv = (workDir() / "facts-remote.csv").string();
    const std::string localCsv = (workDir() / "facts-local.csv").string();
    Result facts = run("--db " + server->url() + " facts --format csv -o '" + remoteCsv + "'");
    EXPECT_EQ(facts.code, 0) << facts.err;
    facts = run("--db '" + workspacePath() + "' facts --format csv -o '" + localCsv + "'");
    EXPECT_EQ(facts.code, 0) << facts.err;
    auto slurp = [](const std::string& path) {
        std::ifstream in(path, std::ios::binary);
        std::stringstream s;
        s << in.rdbuf();
        return s.str();
    };
    EXPECT_FALSE(slurp(localCsv).empty());
    EXPECT_EQ(slurp(remoteCsv), slurp(localCsv));
    // A change on the server reaches the next read (the replica is refreshed).
    {
        auto pg = PgConnection::open(server->url());
        pg->exec(
            "UPDATE jinmap.towns SET sector = '服务器上改的产业', revision = revision + 1 WHERE "
            "name = '推送测试专业镇'; INSERT INTO jinmap.change_log (author, at, action, "
            "subject_table, subject_id, batch) SELECT current_user, '2026-01-01T00:00:00Z', "
            "'update', 'towns', id, 99 FROM jinmap.towns WHERE name = '推送测试专业镇'");
    }
    const Result after = run("--db " + server->url() + " summary --county 太谷区");
    EXPECT_NE(after.out.find("服务器上改的产业"), std::string::npos) << after.out;
}

TEST(PostgisWorkspace, AServiceNameFromPgServiceConfReadsTheSameWorkspace) {
    const fs::path services = workDir() / "pg_service.conf";
    {
        std::ofstream out(services);
        out << "[office]\nhost=127.0.0.1\nport=" << server->port()
            << "\ndbname=jm\nuser=postgres\n";
    }
    // Without the service file: one clear message naming the service.
    const Result missing = run("--db service=office summary --county 太谷区", "cache-service");
    EXPECT_NE(missing.code, 0);
    EXPECT_NE(missing.err.find("office"), std::string::npos) << missing.err;
    ::setenv("PGSERVICEFILE", services.c_str(), 1);
    const Result r = run("--db service=office summary --county 太谷区", "cache-service");
    ::unsetenv("PGSERVICEFILE");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("推送测试专业镇"), std::string::npos) << r.out;
}

// A role the server asks a password of: it comes from ~/.pgpass (here
// PGPASSFILE), never from the command line, and never shows in output.
TEST(PostgisWorkspace, APasswordComesFromThePgpassFile) {
    Result r = run("workspace grant --to " + server->url() + " --reader pat");
    ASSERT_EQ(r.code, 0) << r.err;
    const std::string password = "Geheim-9-pgpass";
    PgConnection::open(server->url())->exec("ALTER ROLE pat PASSWORD '" + password + "'");
    {
        // First match wins: pat must give a password; everyone else stays trusted.
        const fs::path hba = server->dir() / "data" / "pg_hba.conf";
        std::stringstream old;
        old << std::ifstream(hba).rdbuf();
        std::ofstream(hba) << "host all pat 127.0.0.1/32 scram-sha-256\n" << old.str();
        PgConnection::open(server->url())->exec("SELECT pg_reload_conf()");
    }
    const std::string url = server->url("pat");
    const fs::path pgpass = workDir() / "pgpass";
    ::setenv("PGPASSFILE", (workDir() / "no-such-pgpass").c_str(), 1);
    const Result refused = run("--db " + url + " summary --county 太谷区", "cache-pgpass");
    EXPECT_NE(refused.code, 0);
    EXPECT_NE(refused.err.find(".pgpass"), std::string::npos) << refused.err;

    std::ofstream(pgpass) << "127.0.0.1:" << server->port() << ":jm:pat:" << password << "\n";
    fs::permissions(pgpass, fs::perms::owner_read | fs::perms::owner_write);
    ::setenv("PGPASSFILE", pgpass.c_str(), 1);
    const Result read = run("--db " + url + " summary --county 太谷区", "cache-pgpass");
    ::unsetenv("PGPASSFILE");
    ASSERT_EQ(read.code, 0) << read.err;
    EXPECT_NE(read.out.find("太谷玛钢专业镇"), std::string::npos) << read.out;
    EXPECT_EQ(read.out.find(password), std::string::npos);
    EXPECT_EQ(read.err.find(password), std::string::npos);
    EXPECT_EQ(refused.err.find(password), std::string::npos);
}

// ------------------------------------------------------------------ roles, NOTIFY

TEST(PostgisRoles, AReaderCannotWriteAndAnEditorCannotChangeTheSchema) {
    Result r = run("workspace grant --to " + server->url() + " --reader ana");
    ASSERT_EQ(r.code, 0) << r.err;
    r = run("workspace grant --to " + server->url() + " --editor bob");
    ASSERT_EQ(r.code, 0) << r.err;

    auto reader = PgConnection::open(server->url("ana"));
    EXPECT_GT(reader->queryInt("SELECT count(*) FROM jinmap.towns"), 0);
    try {
        reader->exec("UPDATE jinmap.towns SET revision = revision + 1");
        ADD_FAILURE() << "a reader wrote";
    } catch (const PgError& e) {
        EXPECT_EQ(e.sqlstate(), "42501");
        EXPECT_NE(std::string(e.what()).find("the server refused"), std::string::npos) << e.what();
    }
    // The reader reads through the command line too.
    r = run("--db " + server->url("ana") + " summary --county 太谷区", "cache-ana");
    EXPECT_EQ(r.code, 0) << r.err;

    auto editor = PgConnection::open(server->url("bob"));
    {
        jinmap::data::Transaction tx(*editor);
        editor->exec("UPDATE jinmap.towns SET revision = revision WHERE false");
    }  // rolled back
    try {
        editor->exec("CREATE TABLE jinmap.not_allowed (a int)");
        ADD_FAILURE() << "an editor changed the schema";
    } catch (const PgError& e) {
        EXPECT_EQ(e.sqlstate(), "42501");
    }
    EXPECT_EQ(editor->currentUser(), "bob");
}

TEST(PostgisNotify, AChangeIsAnnouncedToListeners) {
    auto listener = PgConnection::open(server->url("ana"));
    listener->listen("jinmap_changes");
    auto editor = PgConnection::open(server->url("bob"));
    const auto sent = std::chrono::steady_clock::now();
    {
        jinmap::data::Transaction tx(*editor);
        editor->exec(
            "INSERT INTO jinmap.change_log (author, at, action, subject_table, subject_id, batch) "
            "VALUES (current_user, '2026-01-01T00:00:00Z', 'update', 'towns', 'y', 100)");
        tx.commit();
    }
    const auto n = listener->waitForNotification(5000);
    ASSERT_TRUE(n.has_value());
    const auto latency = std::chrono::duration_cast<std::chrono::microseconds>(
                             std::chrono::steady_clock::now() - sent)
                             .count();
    EXPECT_EQ(n->channel, "jinmap_changes");
    EXPECT_EQ(std::to_string(editor->queryInt("SELECT max(rev) FROM jinmap.change_log")),
              n->payload);
    ::testing::Test::RecordProperty("notify_latency_us", std::to_string(latency));
    std::printf("NOTIFY latency (commit to listener, loopback): %lld us\n",
                static_cast<long long>(latency));
}

// ------------------------------------------------------------------ edits

TEST(PostgisEdits, AnEditIsSavedOnTheServerWithTheRoleAsAuthor) {
    const std::int64_t before =
        PgConnection::open(server->url())->queryInt("SELECT count(*) FROM jinmap.change_log");
    const std::int64_t revision = PgConnection::open(server->url())
                                      ->queryInt(
                                          "SELECT revision FROM jinmap.towns WHERE name = "
                                          "'推送测试专业镇'");
    Result r = run("--db " + server->url("bob") +
                   " town update 推送测试专业镇 --sector 服务器编辑的产业 --reason 服务器编辑");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("saved on the server"), std::string::npos) << r.out;
    auto pg = PgConnection::open(server->url());
    EXPECT_EQ(pg->queryString("SELECT sector || '|' || modified_by || '|' || revision FROM "
                              "jinmap.towns WHERE name = '推送测试专业镇'")
                  .value_or(""),
              "服务器编辑的产业|bob|" + std::to_string(revision + 1));
    EXPECT_EQ(pg->queryInt("SELECT count(*) FROM jinmap.change_log"), before + 1);
    EXPECT_EQ(pg->queryString("SELECT author || '|' || action || '|' || reason FROM "
                              "jinmap.change_log ORDER BY rev DESC LIMIT 1")
                  .value_or(""),
              "bob|update|服务器编辑");
    // history and the reading commands see it.
    r = run("--db " + server->url("bob") + " history");
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("服务器编辑"), std::string::npos) << r.out;
    r = run("--db " + server->url("ana") + " summary --county 太谷区", "cache-ana");
    EXPECT_NE(r.out.find("服务器编辑的产业"), std::string::npos) << r.out;
}

TEST(PostgisEdits, TwoEditorsOnOneRowTheSecondIsRefusedAndNothingOverwritten) {
    // Both start from the same server state (two open viewers).
    jinmap::data::PgEditSession first(server->url("bob"), JINMAP_TEST_DB);
    jinmap::data::PgEditSession second(server->url("bob"), JINMAP_TEST_DB);
    jinmap::data::Workspace::open(first.path())
        ->updateTown("推送测试专业镇", {{"sector", "第一位的产业"}}, "第一位");
    EXPECT_EQ(first.commit().changes, 1);
    jinmap::data::Workspace::open(second.path())
        ->updateTown("推送测试专业镇", {{"sector", "第二位的产业"}}, "第二位");
    try {
        second.commit();
        ADD_FAILURE() << "the second save overwrote the first";
    } catch (const jinmap::data::EditConflict& e) {
        const std::string m = e.what();
        EXPECT_NE(m.find("已被 bob 于 "), std::string::npos) << m;
        EXPECT_NE(m.find("修改"), std::string::npos) << m;
        // Both versions shown.
        EXPECT_NE(m.find("sector: 第一位的产业 → 第二位的产业"), std::string::npos) << m;
    }
    auto pg = PgConnection::open(server->url());
    EXPECT_EQ(pg->queryString("SELECT sector FROM jinmap.towns WHERE name = '推送测试专业镇'")
                  .value_or(""),
              "第一位的产业");
    EXPECT_EQ(pg->queryInt("SELECT count(*) FROM jinmap.change_log WHERE reason = '第二位'"), 0);
}

TEST(PostgisEdits, AReadersEditIsRefusedByTheServer) {
    const Result r = run("--db " + server->url("ana") + " town remove 推送测试专业镇");
    EXPECT_NE(r.code, 0);
    EXPECT_NE(r.err.find("NOT saved on the server"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("the server refused"), std::string::npos) << r.err;
    EXPECT_EQ(PgConnection::open(server->url())
                  ->queryInt("SELECT deleted FROM jinmap.towns WHERE name = '推送测试专业镇'"),
              0);
}

TEST(PostgisEdits, RevertOnTheServer) {
    auto pg = PgConnection::open(server->url());
    const std::int64_t rev = pg->queryInt("SELECT max(rev) FROM jinmap.change_log");
    const Result r = run("--db " + server->url("bob") + " revert " + std::to_string(rev));
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(pg->queryString("SELECT sector FROM jinmap.towns WHERE name = '推送测试专业镇'")
                  .value_or(""),
              "服务器编辑的产业");
}

TEST(PostgisEdits, TheReplicaTakesLaterChangeSetsAndThenEqualsAFreshPull) {
    ::setenv("XDG_CACHE_HOME", (workDir() / "cache-incremental").c_str(), 1);
    const std::string url = server->url("bob");
    const auto first = jinmap::data::openReplica(url, JINMAP_TEST_DB);
    EXPECT_TRUE(first.refreshed);
    EXPECT_FALSE(first.incremental);
    // Unchanged server: the copy is used as it is.
    EXPECT_FALSE(jinmap::data::openReplica(url, JINMAP_TEST_DB).refreshed);
    Result r = run("--db " + url + " town update 推送测试专业镇 --sector 增量刷新的产业");
    ASSERT_EQ(r.code, 0) << r.err;
    r = run("--db " + url +
            " town add --name 增量测试专业镇 --county 平城区 --level 市级 --sector 增量");
    ASSERT_EQ(r.code, 0) << r.err;
    const auto later = jinmap::data::openReplica(url, JINMAP_TEST_DB);
    EXPECT_TRUE(later.refreshed);
    EXPECT_TRUE(later.incremental);

    const std::string pulled = (workDir() / "fresh.sqlite").string();
    r = run("workspace pull --from " + url + " -o '" + pulled + "'");
    ASSERT_EQ(r.code, 0) << r.err;
    auto db = jinmap::Database::open(later.path, jinmap::Database::Mode::ReadOnly);
    db.exec("ATTACH DATABASE '" + pulled + "' AS pulled");
    for (const auto& t : jinmap::data::workspaceCopyTables()) {
        for (const auto& [from, other] : {std::pair<std::string, std::string>{"main", "pulled"},
                                          std::pair<std::string, std::string>{"pulled", "main"}}) {
            std::string sql = "SELECT count(*) FROM (SELECT rowid, * FROM ";
            sql.append(from).append(".").append(t).append(" EXCEPT SELECT rowid, * FROM ");
            sql.append(other).append(".").append(t).append(")");
            auto s = db.prepare(sql);
            ASSERT_TRUE(s.step());
            EXPECT_EQ(s.columnInt64(0), 0) << t << " " << from;
        }
    }
    ::unsetenv("XDG_CACHE_HOME");
}

// ------------------------------------------------------------------ watching

namespace {

// Polls as the viewer's timer does (every 20 ms here) until `done` or the
// deadline; the time it took.
template <typename Done>
std::chrono::microseconds pollUntil(jinmap::data::ChangeWatcher& watcher, Done done,
                                    std::chrono::milliseconds deadline) {
    const auto start = std::chrono::steady_clock::now();
    while (std::chrono::steady_clock::now() - start < deadline) {
        if (done(watcher.poll())) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() -
                                                                 start);
}

std::int64_t replicaTowns(const jinmap::data::ChangeWatcher& watcher, const std::string& name) {
    return sqliteInt(watcher.readPath(), "SELECT count(*) FROM towns WHERE name = '" + name + "'");
}

}  // namespace

TEST(PostgisWatch, AnEditOnTheServerIsInTheReplicaWithinASecond) {
    ::setenv("XDG_CACHE_HOME", (workDir() / "cache-watch").c_str(), 1);
    jinmap::data::ChangeWatcher watcher(server->url("ana"), JINMAP_TEST_DB);
    EXPECT_TRUE(watcher.connected());
    EXPECT_TRUE(watcher.status().empty());
    EXPECT_NE(watcher.readPath(), watcher.path());
    EXPECT_FALSE(watcher.poll());  // nothing happened yet
    const std::int64_t revBefore = watcher.lastRev();
    EXPECT_EQ(replicaTowns(watcher, "监听测试专业镇"), 0);

    // Another planner (another process) adds a town; its commit is the
    // clock's start (the CLI's own connection and Workspace work come first).
    const Result r = run("--db " + server->url("bob") +
                         " town add --name 监听测试专业镇 --county 平城区 --level 市级 "
                         "--sector 监听 --reason 监听测试");
    ASSERT_EQ(r.code, 0) << r.err;
    bool seen = false;
    const auto took = pollUntil(
        watcher, [&](bool changed) { return seen = changed; }, std::chrono::milliseconds(5000));
    ASSERT_TRUE(seen) << "no change reported in 5 s";
    EXPECT_GT(watcher.lastRev(), revBefore);
    EXPECT_EQ(replicaTowns(watcher, "监听测试专业镇"), 1);
    EXPECT_FALSE(watcher.poll());  // reported once
    ::testing::Test::RecordProperty("notify_to_replica_us", std::to_string(took.count()));
    std::printf("CLI commit → watcher reports the refreshed replica: %lld us\n",
                static_cast<long long>(took.count()));
    ::unsetenv("XDG_CACHE_HOME");
}

TEST(PostgisWatch, ALostConnectionIsToldAndReconnectsAndSeesWhatHappenedMeanwhile) {
    ::setenv("XDG_CACHE_HOME", (workDir() / "cache-watch-lost").c_str(), 1);
    jinmap::data::ChangeWatcher watcher(server->url("ana"), JINMAP_TEST_DB);
    ASSERT_TRUE(watcher.connected());
    const std::int64_t revBefore = watcher.lastRev();

    server->stop("immediate");
    pollUntil(
        watcher, [&](bool) { return !watcher.connected(); }, std::chrono::milliseconds(3000));
    EXPECT_FALSE(watcher.connected());
    EXPECT_FALSE(watcher.status().empty());
    std::printf("lost: %s\n", watcher.status().c_str());
    // The last replica stays readable.
    EXPECT_EQ(replicaTowns(watcher, "监听测试专业镇"), 1);
    // Retries while down report nothing and do not throw.
    pollUntil(
        watcher, [](bool changed) { return changed; }, std::chrono::milliseconds(600));
    EXPECT_FALSE(watcher.connected());

    server->start();
    ASSERT_TRUE(server->running());
    // A change made while the watcher was away.
    const Result r = run("--db " + server->url("bob") +
                         " town add --name 断线期间专业镇 --county 平城区 --level 市级 "
                         "--sector 断线 --reason 断线测试");
    ASSERT_EQ(r.code, 0) << r.err;
    bool seen = false;
    pollUntil(
        watcher, [&](bool changed) { return seen = changed; }, std::chrono::milliseconds(10000));
    EXPECT_TRUE(seen);
    EXPECT_TRUE(watcher.connected());
    EXPECT_TRUE(watcher.status().empty());
    EXPECT_GT(watcher.lastRev(), revBefore);
    EXPECT_EQ(replicaTowns(watcher, "断线期间专业镇"), 1);

    // LISTENing again: a later change is announced as before.
    const Result again = run("--db " + server->url("bob") +
                             " town update 断线期间专业镇 --sector 重连之后 --reason 重连测试");
    ASSERT_EQ(again.code, 0) << again.err;
    seen = false;
    pollUntil(
        watcher, [&](bool changed) { return seen = changed; }, std::chrono::milliseconds(5000));
    EXPECT_TRUE(seen);
    EXPECT_EQ(sqliteInt(watcher.readPath(),
                        "SELECT count(*) FROM towns WHERE name = '断线期间专业镇' AND sector = "
                        "'重连之后'"),
              1);
    ::unsetenv("XDG_CACHE_HOME");
}

TEST(PostgisWatch, ServerDownAtStartWatchesTheLastCopy) {
    ::setenv("XDG_CACHE_HOME", (workDir() / "cache-watch").c_str(), 1);
    server->stop("fast");
    {
        jinmap::data::ChangeWatcher watcher(server->url("ana"), JINMAP_TEST_DB);
        EXPECT_FALSE(watcher.connected());
        EXPECT_NE(watcher.status().find("PostgreSQL server"), std::string::npos)
            << watcher.status();
        EXPECT_EQ(replicaTowns(watcher, "监听测试专业镇"), 1);
    }
    ::setenv("XDG_CACHE_HOME", (workDir() / "cache-watch-none").c_str(), 1);
    EXPECT_THROW(jinmap::data::ChangeWatcher(server->url("ana"), JINMAP_TEST_DB), jinmap::Error);
    server->start();
    ASSERT_TRUE(server->running());
    ::unsetenv("XDG_CACHE_HOME");
}

// ------------------------------------------------------------------ faults

TEST(PostgisFaults, ServerKilledMidImportLeavesNothingPartial) {
    const fs::path csv = workDir() / "long.csv";
    {
        std::ofstream out(csv);
        out << "专业镇,指标,数值,单位,年份,来源\n";
        for (int i = 0; i < 4000; ++i)
            out << "太谷玛钢专业镇,服务器测试指标" << i << "," << i + 1 << ",万元,2024,手工录入\n";
    }
    auto pg = PgConnection::open(server->url());
    const std::int64_t facts = pg->queryInt("SELECT count(*) FROM jinmap.town_facts");
    const std::int64_t changes = pg->queryInt("SELECT count(*) FROM jinmap.change_log");
    const std::string errFile = (workDir() / "import-stderr.txt").string();
    const std::string cmd = "XDG_CACHE_HOME='" + (workDir() / "cache").string() + "' '" +
                            JINMAP_PROGRAM + "' --db " + server->url("bob") + " import '" +
                            csv.string() + "' --quiet >/dev/null 2>'" + errFile + "'";
    FILE* import = popen(cmd.c_str(), "r");
    ASSERT_NE(import, nullptr);
    // The import is validated on the session's copy, then saved on the server
    // row by row in one transaction: kill the server while it saves.
    bool saving = false;
    for (int i = 0; i < 60000 && !saving; ++i) {
        saving = pg->queryInt(
                     "SELECT count(*) FROM pg_stat_activity WHERE usename = 'bob' AND "
                     "application_name = 'jinmap' AND query LIKE 'INSERT INTO jinmap.%'") > 0;
        if (!saving) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    EXPECT_TRUE(saving) << "the import was never seen saving";
    server->stop("immediate");
    const int status = pclose(import);
    EXPECT_NE(WIFEXITED(status) ? WEXITSTATUS(status) : -1, 0);
    std::ifstream in(errFile);
    std::stringstream message;
    message << in.rdbuf();
    EXPECT_NE(message.str().find("NOT saved on the server"), std::string::npos) << message.str();

    server->start();
    ASSERT_TRUE(server->running());
    pg = PgConnection::open(server->url());
    EXPECT_EQ(pg->queryInt("SELECT count(*) FROM jinmap.town_facts"), facts);
    EXPECT_EQ(pg->queryInt("SELECT count(*) FROM jinmap.change_log"), changes);
    EXPECT_EQ(
        pg->queryInt("SELECT count(*) FROM jinmap.town_facts WHERE label LIKE '服务器测试指标%'"),
        0);
}

TEST(PostgisFaults, ServerKilledMidPushLeavesTheServerAsItWas) {
    auto pg = PgConnection::open(server->url());
    const std::int64_t towns = pg->queryInt("SELECT count(*) FROM jinmap.towns");
    const std::int64_t facts = pg->queryInt("SELECT count(*) FROM jinmap.town_facts");
    ASSERT_GT(towns, 0);
    // A second workspace, different from what the server holds.
    const std::string other = (workDir() / "other.sqlite").string();
    Result r = run("workspace init '" + other + "' --from '" JINMAP_TEST_DB "'");
    ASSERT_EQ(r.code, 0) << r.err;

    const std::string errFile = (workDir() / "push-stderr.txt").string();
    const std::string cmd = "'" JINMAP_PROGRAM "' workspace push --replace --to " + server->url() +
                            " --db '" + other + "' >/dev/null 2>'" + errFile + "'";
    FILE* push = popen(cmd.c_str(), "r");
    ASSERT_NE(push, nullptr);
    // Wait until the push is copying rows, then kill the server.
    bool copying = false;
    for (int i = 0; i < 20000 && !copying; ++i) {
        copying = pg->queryInt(
                      "SELECT count(*) FROM pg_stat_activity WHERE application_name = "
                      "'jinmap' AND pid <> pg_backend_pid() AND query LIKE 'INSERT INTO "
                      "jinmap.%'") > 0;
        if (!copying) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    EXPECT_TRUE(copying) << "the push was never seen copying";
    server->stop("immediate");
    const int status = pclose(push);
    EXPECT_NE(WIFEXITED(status) ? WEXITSTATUS(status) : -1, 0);
    std::ifstream in(errFile);
    std::stringstream message;
    message << in.rdbuf();
    EXPECT_NE(message.str().find("PostgreSQL"), std::string::npos) << message.str();

    server->start();
    ASSERT_TRUE(server->running());
    pg = PgConnection::open(server->url());
    EXPECT_EQ(pg->queryInt("SELECT count(*) FROM jinmap.towns"), towns);
    EXPECT_EQ(pg->queryInt("SELECT count(*) FROM jinmap.town_facts"), facts);
    EXPECT_EQ(pg->queryInt("SELECT count(*) FROM jinmap.towns WHERE name = '推送测试专业镇'"), 1);
    EXPECT_EQ(pg->queryInt("SELECT count(*) FROM jinmap.schema_migrations"), 1);
}

TEST(PostgisFaults, ServerDownAtStartSaysSoAndOpensTheLastCopy) {
    // Read once so the replica is current, then stop the server.
    Result r = run("--db " + server->url() + " summary --county 太谷区");
    ASSERT_EQ(r.code, 0) << r.err;
    server->stop("fast");
    // No local copy: one clear message.
    r = run("--db " + server->url() + " summary --county 太谷区", "cache-empty");
    EXPECT_NE(r.code, 0);
    EXPECT_NE(r.err.find("cannot connect to the PostgreSQL server"), std::string::npos) << r.err;
    // A local copy: it is read, and the user is told.
    r = run("--db " + server->url() + " summary --county 太谷区");
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.err.find("last local copy"), std::string::npos) << r.err;
    EXPECT_NE(r.out.find("推送测试专业镇"), std::string::npos) << r.out;
    server->start();
    ASSERT_TRUE(server->running());
}

TEST(PostgisFaults, PullFromAnEmptyDatabaseSaysThereIsNoWorkspace) {
    auto admin = PgConnection::open(server->url("postgres", "postgres"));
    admin->exec("CREATE DATABASE empty_one");
    const Result r = run("workspace pull --from " + server->url("postgres", "empty_one") + " -o '" +
                         (workDir() / "nothing.sqlite").string() + "'");
    EXPECT_NE(r.code, 0);
    EXPECT_NE(r.err.find("no jinmap workspace"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(workDir() / "nothing.sqlite"));
    EXPECT_EQ(
        sqliteInt(workspacePath(), "SELECT count(*) FROM towns WHERE name = '推送测试专业镇'"), 1);
}
