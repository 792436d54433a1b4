// The `jinmap` command line: layers, summary, facts; errors and exit codes.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace fs = std::filesystem;

namespace {

struct Result {
    int code = -1;
    std::string out;  // stdout
    std::string err;  // stderr
};

Result jinmap(const std::string& args) {
    const fs::path errFile =
        fs::temp_directory_path() / ("jinmap-cli-err-" + std::to_string(::getpid()));
    const std::string cmd =
        std::string("'") + JINMAP_PROGRAM + "' " + args + " 2>'" + errFile.string() + "'";
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
    fs::remove(errFile);
    return r;
}

std::string db() {
    return std::string("--db '") + JINMAP_TEST_DB + "' ";
}

TEST(Cli, LayersListsEveryLayerWithCountsAndExtent) {
    const Result r = jinmap(db() + "layers");
    ASSERT_EQ(r.code, 0) << r.err;
    for (const char* layer :
         {"counties", "towns", "prefectures", "province", "parks", "layout_elements"})
        EXPECT_NE(r.out.find(layer), std::string::npos) << layer;
    EXPECT_NE(r.out.find("117"), std::string::npos);
    EXPECT_NE(r.out.find("MULTIPOLYGON"), std::string::npos);
}

TEST(Cli, SummaryOfTaiguShowsItsTownLevelFiguresAndSources) {
    const Result r = jinmap(db() + "summary --county 太谷区");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("太谷玛钢专业镇"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("省级"), std::string::npos);
    // Sources are documents: the title, never the file name.
    EXPECT_NE(r.out.find("《以专业镇为核心 构建特色产业优势》"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("001_ed8ff3ec984592f8.txt"), std::string::npos);
    EXPECT_NE(r.out.find("130亿元"), std::string::npos) << "the output value figure";
    EXPECT_EQ(r.out.find("\n\n"), std::string::npos) << "no empty lines";
}

TEST(Cli, SummaryInEnglish) {
    const Result r = jinmap(db() + "summary --county 太谷区 --lang en");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("Specialty towns"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("13 billion yuan"), std::string::npos) << r.out;
    const Result json = jinmap(db() + "summary --county 太谷区 --lang en --json");
    ASSERT_EQ(json.code, 0) << json.err;
    EXPECT_NE(json.out.find("\"lang\": \"en\""), std::string::npos);
    EXPECT_EQ(jinmap(db() + "summary --county 太谷区 --lang fr").code, 2);
}

TEST(Cli, CitySummaryListsItsTownsIncludingThoseWithoutACounty) {
    const Result r = jinmap(db() + "summary --city 大同市");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("大同经开区医药专业镇"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("县区未写明"), std::string::npos) << r.out;
    const Result jz = jinmap(db() + "summary --city 晋中市 --json");
    ASSERT_EQ(jz.code, 0) << jz.err;
    EXPECT_NE(jz.out.find("\"adcode\": \"140700\""), std::string::npos);
    EXPECT_EQ(jinmap(db() + "summary --city 火星市").code, 1);
    EXPECT_EQ(jinmap(db() + "summary --city 晋中市 --county 太谷区").code, 2);
}

TEST(Cli, SummaryAcceptsTraditionalNamesCodesAndCityQualifiedNames) {
    const Result trad = jinmap(db() + "summary --county 太谷區");
    EXPECT_EQ(trad.code, 0) << trad.err;
    EXPECT_NE(trad.out.find("太谷玛钢专业镇"), std::string::npos);
    const Result code = jinmap(db() + "summary --county 140703");
    EXPECT_EQ(code.code, 0) << code.err;
    EXPECT_NE(code.out.find("太谷区"), std::string::npos);
    const Result qualified = jinmap(db() + "summary --county 晋城市/城区");
    EXPECT_EQ(qualified.code, 0) << qualified.err;
    EXPECT_NE(qualified.out.find("140502"), std::string::npos);
}

TEST(Cli, SummaryJsonIsMachineReadable) {
    const Result r = jinmap(db() + "summary --county 太谷区 --json");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out.front(), '{');
    EXPECT_NE(r.out.find("\"adcode\": \"140703\""), std::string::npos);
    EXPECT_NE(r.out.find("\"quote\""), std::string::npos);
}

TEST(Cli, AmbiguousNameAsksForTheCity) {
    const Result r = jinmap(db() + "summary --county 城区");
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("ambiguous"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("阳泉市/城区"), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

TEST(Cli, UnknownNameListsCloseMatches) {
    const Result r = jinmap(db() + "summary --county 太古");
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("太谷区"), std::string::npos) << r.err;
}

TEST(Cli, UsageErrorsExitWith2) {
    EXPECT_EQ(jinmap(db() + "summary").code, 2);
    EXPECT_EQ(jinmap(db() + "nosuchcommand").code, 2);
    EXPECT_EQ(jinmap(db() + "layers --bogus").code, 2);
    EXPECT_EQ(jinmap("--version").code, 0);
}

TEST(Cli, MissingDatabaseIsOneClearLine) {
    const Result r = jinmap("--db /nonexistent/jinmap.sqlite layers");
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("/nonexistent/jinmap.sqlite"), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

TEST(Cli, FactsCsvHasEveryFigureWithSource) {
    const fs::path out =
        fs::temp_directory_path() / ("jinmap-facts-" + std::to_string(::getpid()) + ".csv");
    const Result r = jinmap(db() + "facts --format csv -o '" + out.string() + "'");
    ASSERT_EQ(r.code, 0) << r.err;
    std::ifstream in(out);
    std::stringstream s;
    s << in.rdbuf();
    const std::string text = s.str();
    // Headers in the chosen language, the caveats as columns, no file names.
    for (const char* h :
         {"专业镇", "指标", "数值", "范围", "计入本镇", "数据冲突", "说明", "来源资料"})
        EXPECT_NE(text.find(h), std::string::npos) << h;
    EXPECT_NE(text.find("太谷玛钢专业镇"), std::string::npos);
    EXPECT_EQ(text.find("001_ed8ff3ec984592f8.txt"), std::string::npos);
    fs::remove(out);
    const Result en = jinmap(db() + "facts --format csv --lang en -o '" + out.string() + "'");
    ASSERT_EQ(en.code, 0) << en.err;
    std::ifstream in2(out);
    std::string header;
    std::getline(in2, header);
    EXPECT_NE(header.find("Scope"), std::string::npos) << header;
    EXPECT_NE(header.find("Conflict"), std::string::npos) << header;
    fs::remove(out);
}

TEST(Cli, FactsXlsxIsReadableByGdal) {
    const fs::path out =
        fs::temp_directory_path() / ("jinmap-facts-" + std::to_string(::getpid()) + ".xlsx");
    const Result r = jinmap(db() + "facts --format xlsx -o '" + out.string() + "'");
    ASSERT_EQ(r.code, 0) << r.err;
    ASSERT_TRUE(fs::exists(out));
    FILE* p = popen(("ogrinfo -ro -so '" + out.string() + "' town_facts 2>&1").c_str(), "r");
    std::string info;
    std::array<char, 512> buf{};
    while (p && fgets(buf.data(), buf.size(), p)) info += buf.data();
    if (p) pclose(p);
    EXPECT_NE(info.find("Feature Count"), std::string::npos) << info;
    fs::remove(out);
}

TEST(Cli, FactsToUnwritablePathFailsAndLeavesNothing) {
    const Result r = jinmap(db() + "facts --format csv -o /nonexistent-dir/facts.csv");
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("/nonexistent-dir"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists("/nonexistent-dir/facts.csv"));
}

}  // namespace
