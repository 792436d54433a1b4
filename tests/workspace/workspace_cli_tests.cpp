// The workspace from the command line: init, edits, what summary/render read
// through --db, history, revert, sources add (text, HTML, PDF), and one clear
// line for each bad input with nothing written.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "test_backend.h"

namespace fs = std::filesystem;

namespace {

struct Result {
    int code = -1;
    std::string out, err;
};

class WorkspaceCli : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() /
               ("jinmap-wscli-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        ws_ = (dir_ / "ws.sqlite").string();
        const Result r = run("workspace init '" + ws_ + "' --from '" JINMAP_TEST_DB "'");
        ASSERT_EQ(r.code, 0) << r.err;
        target_ = ws_;
        // The PostGIS backend: the same workspace pushed to the server, edited
        // there by the planner's role.
        const std::string server = jinmap::test::pgTestServer();
        if (server.empty()) return;
        Result p = run("workspace push --to '" + server + "' --db '" + ws_ + "' --replace");
        ASSERT_EQ(p.code, 0) << p.err;
        p = run("workspace grant --to '" + server + "' --editor " + jinmap::test::pgTestPlanner());
        ASSERT_EQ(p.code, 0) << p.err;
        target_ = jinmap::test::pgTestNameAs(server, jinmap::test::pgTestPlanner());
    }
    void TearDown() override { fs::remove_all(dir_); }

    Result run(const std::string& args) const {
        const fs::path errFile = dir_ / "stderr.txt";
        // The replica of a PostGIS workspace lives in the test's own cache.
        const std::string cmd = "JINMAP_AUTHOR=规划员 XDG_CACHE_HOME='" +
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
    std::string history() const { return ws("history").out; }

    fs::path dir_;
    std::string ws_;
    std::string target_;  // what --db names: ws_, or the PostGIS workspace
};

}  // namespace

TEST_F(WorkspaceCli, AddedTownShowsInTheSummaryWithItsSourceAndRevertTakesItAway) {
    Result r =
        ws("town add --name 太谷测试专业镇 --county 太谷区 --level 省级 --sector 测试产品 "
           "--source S001 --quote 年产值130亿元 --reason 第二批名单");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out, "added town T-U-0001 (rev 1)\n");
    r = ws("summary --county 太谷区");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("■ 太谷测试专业镇"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("专业镇3个"), std::string::npos) << r.out;
    // The reference is untouched.
    r = run("--db '" JINMAP_TEST_DB "' summary --county 太谷区");
    EXPECT_EQ(r.out.find("太谷测试专业镇"), std::string::npos);

    r = ws("figure add --town 太谷测试专业镇 --label 企业数 --value ３２家 --year 2025");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(ws("summary --county 太谷区")
                  .out.find("企业数：32家（2025年）〔本镇〕［手工录入（规划员）］"),
              std::string::npos)
        << ws("summary --county 太谷区").out;

    const std::string log = history();
    EXPECT_NE(log.find("rev 1  "), std::string::npos) << log;
    EXPECT_NE(log.find(jinmap::test::changeLogAuthor() +
                       "  add towns T-U-0001  (change set 1)  reason: 第二批名单"),
              std::string::npos)
        << log;
    EXPECT_NE(log.find("    name: (none) → 太谷测试专业镇"), std::string::npos) << log;

    r = ws("town remove 太谷测试专业镇 --reason 重复");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(ws("summary --county 太谷区").out.find("太谷测试专业镇"), std::string::npos);
    EXPECT_NE(history().find("    deleted: 0 → 1"), std::string::npos);
    // Undo the removal, then the figure, then the town.
    r = ws("revert 4");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(ws("summary --county 太谷区").out.find("太谷测试专业镇"), std::string::npos);
    r = ws("history --since 5");
    EXPECT_EQ(r.out.rfind("rev 5  ", 0), 0u) << r.out;
    r = ws("history --since 2000-01-01");
    EXPECT_EQ(r.out.rfind("rev 1  ", 0), 0u) << r.out;
    EXPECT_EQ(ws("history --since 2999-01-01").out, "no changes since then\n");
    r = ws("revert 3");
    EXPECT_EQ(r.code, 0) << r.err;
    r = ws("revert 1");
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(ws("summary --county 太谷区").out.find("太谷测试专业镇"), std::string::npos);
}

TEST_F(WorkspaceCli, RenderAndExportReadTheWorkspace) {
    ASSERT_EQ(ws("town add --name 测试专业镇 --county 平城区 --level 市级").code, 0);
    const fs::path png = dir_ / "map.png";
    const Result r = ws("render --style '" JINMAP_STYLES_DIR "/towns.json' --size 400x300 -o '" +
                        png.string() + "'");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(fs::exists(png));
    EXPECT_NE(r.out.find("features"), std::string::npos);
}

TEST_F(WorkspaceCli, SourcesAddReadsTextHtmlAndPdf) {
    // A PDF with Chinese text: a map exported by jinmap itself (its text is
    // text, found by pdftotext).
    const fs::path pdf = dir_ / "map.pdf";
    Result r = run("--db '" JINMAP_TEST_DB "' export --style '" JINMAP_STYLES_DIR
                   "/towns.json' --extent province --title 专业镇分布测试图 --quiet -o '" +
                   pdf.string() + "'");
    ASSERT_EQ(r.code, 0) << r.err;
    r = ws("sources add '" + pdf.string() + "' --title 测试地图 --date 2026-11");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out.rfind("registered U0001 《测试地图》 (", 0), 0u) << r.out;
    r =
        ws("town add --name 地图测试镇 --county 平城区 --level 市级 --source 测试地图 "
           "--quote 专业镇分布测试图");
    EXPECT_EQ(r.code, 0) << r.err;
    r =
        ws("town add --name 地图测试镇二 --county 平城区 --level 市级 --source U0001 "
           "--quote 不在图上的句子");
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(r.err,
              "jinmap: data error: quote not found in 《测试地图》 (U0001): 不在图上的句子\n");

    const fs::path html = dir_ / "page.htm";
    std::ofstream(html) << "<html><head><title>名单</title></head><body><p>第一行</p>\n<p>第二行"
                           "</p></body></html>";
    r = ws("sources add '" + html.string() + "'");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(ws("sources list").out.find("U0002  user  《名单》"), std::string::npos)
        << ws("sources list").out;
    r = ws("sources add '" + html.string() + "'");
    EXPECT_EQ(r.err, "jinmap: data error: " + html.string() +
                         ": this document is registered already as U0002\n");
    const fs::path gbk = dir_ / "gbk.txt";
    // "山西" in GBK: a text file as Notepad on Chinese Windows saves it.
    std::ofstream(gbk) << "\xC9\xBD\xCE\xF7";
    r = ws("sources add '" + gbk.string() + "' --title GBK");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(
        ws("town add --name GBK测试镇 --county 平城区 --level 市级 --source GBK --quote 山西").code,
        0);
}

// Bad input: one line naming what and where; exit status 1 (2 for usage);
// nothing written (the change log stays empty).
TEST_F(WorkspaceCli, BadInputGetsOneClearLineAndWritesNothing) {
    struct Case {
        std::string args, err;
        int code;
    };
    const Case cases[] = {
        {"town add --name 新镇 --county 太古 --level 省级",
         "jinmap: data error: unknown county '太古'; did you mean: 晋中市/太谷区, 临汾市/古县\n",
         1},
        {"town add --name 新镇 --county 太谷 --level 县级",
         "jinmap: data error: unknown level '县级' (expected 省级…, 市级…, provincial, municipal "
         "or unknown)\n",
         1},
        {"town add --name 新镇 --county 太谷 --city 大同 --level 省级",
         "jinmap: data error: 太谷区 is in 晋中市, not 大同\n", 1},
        {"town add --name 新镇 --county 太谷 --level 省级 --source S001 --quote 没有这句话",
         "jinmap: data error: quote not found in 《以专业镇为核心 构建特色产业优势》 (S001): "
         "没有这句话\n",
         1},
        {"figure add --town 太谷玛钢专业镇 --label 出口额 --value 很多",
         "jinmap: data error: value '很多' has no number\n", 1},
        {"figure add --town 太谷玛钢专业镇 --label 出口额 --value 9000万元 --source S001 --quote "
         "年产值130亿元",
         "jinmap: data error: value '9000万元' does not occur in the quote\n", 1},
        {"figure add --town 不存在镇 --label 产值 --value 1亿元",
         "jinmap: data error: unknown town '不存在镇'\n", 1},
        {"figure update F-NOPE --value 1", "jinmap: not found: no figure F-NOPE\n", 1},
        {"town update 太谷玛钢专业镇",
         "jinmap: town update needs a field to change (see jinmap --help)\n", 2},
        {"revert 99", "jinmap: not found: no change with rev 99\n", 1},
        {"history --since yesterday",
         "jinmap: --since takes a rev or a UTC time (2026-11-28 or 2026-11-28T19:50) (see jinmap "
         "--help)\n",
         2},
        {"revert abc",
         "jinmap: REV must be a change number from jinmap history (see jinmap --help)\n", 2},
        {"town frobnicate",
         "jinmap: unknown town subcommand 'frobnicate' (add, update, remove) (see "
         "jinmap --help)\n",
         2},
    };
    for (const Case& c : cases) {
        const Result r = ws(c.args);
        EXPECT_EQ(r.code, c.code) << c.args;
        EXPECT_EQ(r.err, c.err) << c.args;
    }
    EXPECT_EQ(history(), "no changes\n");
    // The reference is not a workspace; a missing file is not one either.
    Result r = run("--db '" JINMAP_TEST_DB "' town add --name x --county 太谷 --level 省级");
    EXPECT_EQ(r.err, "jinmap: schema error: " JINMAP_TEST_DB
                     ": not a workspace (the reference is read-only; create a workspace with "
                     "jinmap workspace init)\n");
    r = run("--db '" + (dir_ / "none.sqlite").string() + "' history");
    EXPECT_EQ(r.err, "jinmap: I/O error: " + (dir_ / "none.sqlite").string() +
                         ": no workspace here (create one with jinmap workspace init)\n");
    r = run("workspace init '" + ws_ + "' --from '" JINMAP_TEST_DB "'");
    EXPECT_EQ(r.err,
              "jinmap: I/O error: " + ws_ + ": a file exists there already; choose another name\n");
}
