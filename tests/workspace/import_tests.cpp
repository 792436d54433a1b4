// `jinmap import` on the spreadsheets planners send (written at test time by
// make_sheets.py): a batch list as XLSX with Chinese headers, the same as GBK
// CSV, UTF-8 with and without BOM, ODS, English headers, a figures sheet;
// the dry-run diff; one transaction (a rejected row rejects the file; kill -9
// half-way leaves the workspace as it was); and the hostile files, each with
// one clear message naming file and row and nothing written.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "base/sqlite.h"
#include "data/pg_connection.h"
#include "test_backend.h"

namespace fs = std::filesystem;

namespace {

struct Result {
    int code = -1;
    std::string out, err;
};

fs::path sheets() {
    static const fs::path dir = [] {
        const fs::path d =
            fs::temp_directory_path() / ("jinmap-sheets-" + std::to_string(::getpid()));
        const std::string cmd = "python3 '" JINMAP_SHEETS_SCRIPT "' '" + d.string() + "'";
        EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
        return d;
    }();
    return dir;
}

class Import : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() /
               ("jinmap-import-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        ws_ = (dir_ / "ws.sqlite").string();
        const Result r = run("workspace init '" + ws_ + "' --from '" JINMAP_TEST_DB "'");
        ASSERT_EQ(r.code, 0) << r.err;
        target_ = ws_;
        // The PostGIS backend: the same workspace pushed to the server,
        // imported into there by the planner's role.
        server_ = jinmap::test::pgTestServer();
        if (server_.empty()) return;
        Result p = run("workspace push --to '" + server_ + "' --db '" + ws_ + "' --replace");
        ASSERT_EQ(p.code, 0) << p.err;
        p = run("workspace grant --to '" + server_ + "' --editor " + jinmap::test::pgTestPlanner());
        ASSERT_EQ(p.code, 0) << p.err;
        target_ = jinmap::test::pgTestNameAs(server_, jinmap::test::pgTestPlanner());
    }
    void TearDown() override {
        std::error_code ec;
        fs::permissions(ws_, fs::perms::owner_all, ec);
        fs::remove_all(dir_, ec);
    }
    // Runs jinmap in the fixtures' folder, so messages name files as typed.
    Result run(const std::string& args) const {
        const fs::path errFile = dir_ / "stderr.txt";
        // The replica of a PostGIS workspace lives in the test's own cache.
        const std::string cmd = "cd '" + sheets().string() +
                                "' && JINMAP_AUTHOR=规划员 XDG_CACHE_HOME='" +
                                (dir_ / "cache").string() + "' '" JINMAP_PROGRAM "' " + args +
                                " 2>'" + errFile.string() + "'";
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
    Result ws(const std::string& args) const {
        Result r = run("--db '" + target_ + "' " + args);
        r.out = jinmap::test::withoutServerLines(r.out);
        return r;
    }
    // Asked of the workspace itself: the file, or the server's jinmap schema.
    std::int64_t count(const std::string& sql) const {
        if (!server_.empty()) return jinmap::data::PgConnection::open(server_)->queryInt(sql);
        return jinmap::Database::open(ws_, jinmap::Database::Mode::ReadOnly).queryInt(sql);
    }
    fs::path dir_;
    std::string ws_;
    std::string server_;  // the PostGIS server (empty: the SpatiaLite backend)
    std::string target_;  // what --db names: ws_, or the PostGIS workspace
};

const char* const kBatchDiff =
    "added     batch.xlsx (专业镇名单):2  town 清徐醋产业专业镇 (清徐县)\n"
    "changed   batch.xlsx (专业镇名单):3  town 太谷玛钢专业镇 (太谷区)\n"
    "          level_detail: 省级特色 → 省级重点\n"
    "          quote: 太谷玛钢专业镇是全省首批十大特色专业镇… → 年产值130亿元\n"
    "          year_named: (none) → 2023\n"
    "added     batch.xlsx (专业镇名单):4  town 平遥牛肉专业镇 (平遥县)\n"
    "added     batch.xlsx (指标):2  figure 太谷玛钢专业镇 · 年产值 (2023)\n"
    "added     batch.xlsx (指标):3  figure 清徐醋产业专业镇 · 企业数 (2025)\n"
    "dry run: 4 added, 1 changed, 0 unchanged, 0 rejected\n"
    "nothing written (dry run)\n";

}  // namespace

TEST_F(Import, BatchListXlsxWithChineseHeadersDryRunThenImportThenRevert) {
    Result r = ws("import batch.xlsx --dry-run --quiet");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out, kBatchDiff);
    EXPECT_EQ(count("SELECT count(*) FROM change_log"), 0) << "a dry run writes nothing";

    r = ws("import batch.xlsx --reason 2025年第二批");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out,
              "4 added, 1 changed, 0 unchanged, 0 rejected\n"
              "imported as change set 1 (jinmap history; jinmap revert undoes it)\n");
    EXPECT_NE(r.err.find("import: 5/5 rows (100%)"), std::string::npos) << r.err;
    r = ws("summary --county 清徐县");
    ASSERT_EQ(r.code, 0) << r.err;
    // Entered by hand: who entered it, on the town's line; its sector in the
    // group the reference's towns of that sector are in (the legend's colour).
    EXPECT_NE(r.out.find("■ 清徐醋产业专业镇［手工录入（规划员）］ · 省级（原文：省级重点） · "
                         "老陈醋（特色农业食品）"),
              std::string::npos)
        << r.out;
    EXPECT_EQ(count("SELECT count(*) FROM towns WHERE name = '清徐醋产业专业镇' AND sector_group "
                    "= '特色农业食品' AND entered_by = '规划员'"),
              1);
    EXPECT_NE(r.out.find("企业数：120家（2025年）〔本镇〕［手工录入（规划员）］"),
              std::string::npos)
        << r.out;
    EXPECT_EQ(count("SELECT count(DISTINCT batch) FROM change_log WHERE action = 'import'"), 1);
    // The same file again: nothing to change.
    r = ws("import batch.xlsx --quiet");
    EXPECT_EQ(r.out, "0 added, 0 changed, 5 unchanged, 0 rejected\nnothing to change\n");
    // The whole import is one change set: reverted at once.
    r = ws("revert 1");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(ws("summary --county 清徐县").out.find("清徐醋产业专业镇"), std::string::npos);
    EXPECT_NE(
        ws("summary --county 太谷区").out.find("太谷玛钢专业镇［1］ · 省级（原文：省级特色）"),
        std::string::npos);
}

TEST_F(Import, TheSameListInEveryEncodingAndFormatReadsTheSame) {
    for (const char* file : {"batch-gbk.csv", "batch-gb18030.csv", "batch-utf8-bom.csv",
                             "batch-utf8.csv", "batch.ods", "batch-english.csv"}) {
        const Result r = ws(std::string("import ") + file + " --dry-run --quiet");
        EXPECT_EQ(r.code, 0) << file << ": " << r.err;
        const std::string tail =
            "dry run: 2 added, 1 changed, 0 unchanged, 0 rejected\nnothing written (dry run)\n";
        ASSERT_GE(r.out.size(), tail.size()) << file;
        EXPECT_EQ(r.out.substr(r.out.size() - tail.size()), tail) << file;
        // Traditional 太谷瑪鋼專業鎮 with its county is the existing town: an update.
        EXPECT_NE(r.out.find(":3  town 太谷玛钢专业镇 (太谷区)\n          level_detail: 省级特色 → "
                             "省级重点\n"),
                  std::string::npos)
            << file << r.out;
    }
    const Result r = ws("import batch-gbk.csv --quiet");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(count("SELECT count(*) FROM towns WHERE name = '平遥牛肉专业镇' AND deleted = 0"), 1);
    // A sheet by name; a figures sheet alone.
    EXPECT_EQ(ws("import batch.xlsx --sheet 指标 --dry-run --quiet").out,
              "added     batch.xlsx (指标):2  figure 太谷玛钢专业镇 · 年产值 (2023)\n"
              "added     batch.xlsx (指标):3  figure 清徐醋产业专业镇 · 企业数 (2025)\n"
              "dry run: 2 added, 0 changed, 0 unchanged, 0 rejected\nnothing written (dry run)\n");
}

TEST_F(Import, OneRejectedRowRejectsTheFileUnlessSkipInvalid) {
    Result r = ws("import bad-rows.csv --quiet");
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(
        r.out,
        "rejected  bad-rows.csv:3: unknown county '太原市/清许县'; did you mean: 太原市/清徐县\n"
        "rejected  bad-rows.csv:4: unknown level '国家级' (expected 省级…, 市级…, provincial, "
        "municipal or unknown)\n"
        "rejected  bad-rows.csv:5: quote not found in 《以专业镇为核心 构建特色产业优势》 "
        "(S001): 这句话不在文中\n"
        "1 added, 0 changed, 0 unchanged, 3 rejected\n");
    EXPECT_EQ(r.err,
              "jinmap: import refused: 3 row(s) rejected, nothing was imported (correct them, or "
              "--skip-invalid imports the others)\n");
    EXPECT_EQ(count("SELECT count(*) FROM change_log"), 0);
    r = ws("import bad-rows.csv --skip-invalid --quiet");
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(count("SELECT count(*) FROM towns WHERE origin = 'user'"), 1);
}

// The table of bad inputs of issue 14: each one line naming file (and row);
// the workspace exactly as before.
TEST_F(Import, HostileFilesGetOneClearMessageAndWriteNothing) {
    struct Case {
        std::string args, out, err;
    };
    const Case cases[] = {
        {"import empty.csv", "", "jinmap: data error: empty.csv: the file is empty\n"},
        {"import empty.xlsx", "", "jinmap: data error: empty.xlsx: the file is empty\n"},
        {"import headers-only.csv", "",
         "jinmap: data error: headers-only.csv: no rows to import (only a header row)\n"},
        {"import batch.xlsx --sheet 第三批", "",
         "jinmap: data error: batch.xlsx: no sheet '第三批' (sheets: 专业镇名单, 指标)\n"},
        {"import merged-header.xlsx", "",
         "jinmap: data error: merged-header.xlsx (sheet 名单): row 1, column B has no header "
         "(merged header cells?); give every column its own header in row 1 (名称, 所在县区, 级别 "
         "…)\n"},
        {"import unknown-headers.csv", "",
         "jinmap: data error: unknown-headers.csv: row 1 has no column jinmap knows (found: foo, "
         "bar); a list of towns needs 名称, 所在县区, 级别 (name, county, level), a list of "
         "figures 专业镇, 指标, 数值 (town, label, value)\n"},
        {"import gbk-claims-utf8.csv", "",
         "jinmap: data error: gbk-claims-utf8.csv: the file starts with a UTF-8 mark (BOM) but "
         "line 1 is not UTF-8 (GBK?); save it again as UTF-8, or give --encoding gbk\n"},
        {"import batch-gbk.csv --encoding utf-8", "",
         "jinmap: data error: batch-gbk.csv: the file was given as UTF-8 but line 1 is not UTF-8 "
         "(GBK?); save it again as UTF-8, or give --encoding gbk\n"},
        {"import formulas.xlsx",
         "rejected  formulas.xlsx (名单):3: no level (the cell is empty; give 省级, 市级, "
         "provincial or municipal)\n"
         "1 added, 0 changed, 0 unchanged, 1 rejected\n",
         "jinmap: import refused: 1 row(s) rejected, nothing was imported (correct them, or "
         "--skip-invalid imports the others)\n"},
        {"import date-year.xlsx",
         "rejected  date-year.xlsx (名单):2: year named '2025/01/01' is a date, not a year (a "
         "date-formatted cell?); give the year, e.g. 2025\n"
         "0 added, 0 changed, 0 unchanged, 1 rejected\n",
         "jinmap: import refused: 1 row(s) rejected, nothing was imported (correct them, or "
         "--skip-invalid imports the others)\n"},
        {"import bad-figures.csv",
         "rejected  bad-figures.csv:2: value '很多' has no number\n"
         "rejected  bad-figures.csv:3: value '6600万元' does not occur in the quote\n"
         "0 added, 0 changed, 0 unchanged, 2 rejected\n",
         "jinmap: import refused: 2 row(s) rejected, nothing was imported (correct them, or "
         "--skip-invalid imports the others)\n"},
        {"import missing.xlsx", "", "jinmap: I/O error: missing.xlsx: no such file\n"},
        {"import notes.txt.pdf", "",
         "jinmap: usage error: notes.txt.pdf: jinmap imports .xlsx, .ods, .csv and .gpkg files\n"},
    };
    for (const Case& c : cases) {
        const Result r = ws(c.args + " --quiet");
        EXPECT_EQ(r.code, 1) << c.args;
        EXPECT_EQ(r.out, c.out) << c.args;
        EXPECT_EQ(r.err, c.err) << c.args;
    }
    EXPECT_EQ(count("SELECT count(*) FROM change_log"), 0);
    EXPECT_EQ(count("SELECT count(*) FROM towns WHERE origin = 'user'"), 0);
}

TEST_F(Import, ReadOnlyOrLockedWorkspaceIsRefused) {
    if (!server_.empty())
        GTEST_SKIP() << "file permissions and SQLite locks: on PostGIS the server's roles refuse "
                        "a reader's write (postgis_tests AReadersEditIsRefusedByTheServer)";
    fs::permissions(ws_, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
    Result r = ws("import batch.xlsx --quiet");
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(r.err, "jinmap: I/O error: " + ws_ +
                         ": the workspace is read-only (no write permission); nothing was "
                         "changed\n");
    fs::permissions(ws_, fs::perms::owner_read | fs::perms::owner_write);
    auto other = jinmap::Database::open(ws_, jinmap::Database::Mode::ReadWrite);
    other.exec("BEGIN IMMEDIATE");
    r = ws("import batch.xlsx --quiet");
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(r.err, "jinmap: I/O error: " + ws_ +
                         ": the workspace is locked by another program (an import or the viewer "
                         "writing); nothing was changed, try again\n");
    other.exec("ROLLBACK");
    EXPECT_EQ(count("SELECT count(*) FROM change_log"), 0);
}

// kill -9 half-way through a long import: SQLite's journal puts the file
// back as it was at the next open.
TEST_F(Import, KilledMidImportLeavesTheWorkspaceAsBefore) {
    const fs::path csv = dir_ / "long.csv";
    {
        std::ofstream out(csv);
        out << "专业镇,指标,数值,单位,年份,来源\n";
        for (int i = 0; i < 200000; ++i)
            out << "太谷玛钢专业镇,测试指标" << i << "," << i + 1 << ",万元,2024,手工录入\n";
    }
    const std::int64_t facts = count("SELECT count(*) FROM town_facts");
    const fs::path progress = dir_ / "progress.txt";
    const pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        std::freopen(progress.c_str(), "w", stderr);
        std::freopen("/dev/null", "w", stdout);
        setenv("XDG_CACHE_HOME", (dir_ / "cache").c_str(), 1);
        ::execl(JINMAP_PROGRAM, JINMAP_PROGRAM, "--db", target_.c_str(), "import", csv.c_str(),
                static_cast<char*>(nullptr));
        ::_exit(127);
    }
    // Wait until a good part of the rows is written (progress lines every
    // 10%); a loaded machine may take a while, so no short deadline.
    bool midway = false;
    for (int i = 0; i < 6000 && !midway; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        std::ifstream in(progress);
        std::stringstream s;
        s << in.rdbuf();
        midway = s.str().find("(20%)") != std::string::npos;
        int ended = 0;
        if (!midway && ::waitpid(pid, &ended, WNOHANG) == pid) FAIL() << "the import ended early";
    }
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    ASSERT_TRUE(midway) << "the import never got half-way";
    ASSERT_TRUE(WIFSIGNALED(status));
    // Opening for writing rolls the hot journal back.
    const Result r = ws("history");
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out, "no changes\n");
    EXPECT_EQ(count("SELECT count(*) FROM town_facts"), facts);
    EXPECT_EQ(*jinmap::Database::open(ws_, jinmap::Database::Mode::ReadOnly)
                   .queryString("PRAGMA integrity_check"),
              "ok");
}

// Exchange (issue 14 item 6): the workspace as a GeoPackage QGIS opens (ogrinfo
// lists its layers); read back into the same workspace it changes nothing,
// into a fresh one it carries the planner's towns and figures.
TEST_F(Import, GeoPackageRoundTripChangesNothing) {
    ASSERT_EQ(ws("import batch.xlsx --quiet").code, 0);
    ASSERT_EQ(ws("town update 太谷玛钢专业镇 --lon 112.55 --lat 37.42").code, 0);
    const std::string gpkg = (dir_ / "ws.gpkg").string();
    Result r = ws("workspace export -o '" + gpkg + "'");
    ASSERT_EQ(r.code, 0) << r.err;
    std::string layers;
    {
        FILE* pipe = popen(("ogrinfo -so -q '" + gpkg + "'").c_str(), "r");
        std::array<char, 4096> buf{};
        while (pipe && fgets(buf.data(), buf.size(), pipe)) layers += buf.data();
        ASSERT_TRUE(pipe);
        EXPECT_EQ(pclose(pipe), 0);
    }
    r.out = layers;
    for (const char* layer : {"1: towns (Point)", "town_facts (None)", "counties (Multi Polygon)",
                              "provenance (None)", "sources (None)", "change_log (None)"})
        EXPECT_NE(r.out.find(layer), std::string::npos) << layer << "\n" << r.out;
    const std::int64_t changes = count("SELECT count(*) FROM change_log");
    r = ws("import '" + gpkg + "' --quiet");
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out.substr(r.out.find("0 added")),
              "0 added, 0 changed, " +
                  std::to_string(count("SELECT count(*) FROM towns WHERE "
                                       "deleted = 0") +
                                 count("SELECT count(*) FROM town_facts "
                                       "WHERE deleted = 0")) +
                  " unchanged, 0 rejected\nnothing to change\n");
    EXPECT_EQ(count("SELECT count(*) FROM change_log"), changes);

    const std::string fresh = (dir_ / "fresh.sqlite").string();
    ASSERT_EQ(run("workspace init '" + fresh + "' --from '" JINMAP_TEST_DB "'").code, 0);
    r = run("--db '" + fresh + "' import '" + gpkg + "' --quiet");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out.rfind("4 added, 1 changed, ", 0), 0u) << r.out;
    const std::string summary = run("--db '" + fresh + "' summary --county 清徐县").out;
    EXPECT_NE(summary.find("企业数：120家（2025年）"), std::string::npos) << summary;
}
