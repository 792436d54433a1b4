// Bad input stops the geodata build with file, line and reason, and leaves
// nothing half-built at the output path (an existing database stays intact).
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace fs = std::filesystem;

namespace {

struct RunResult {
    int exitCode = -1;
    std::string output;
};

RunResult runBuilder(const fs::path& geodata, const fs::path& out) {
    const std::string cmd = std::string("'") + JINMAP_BUILDER + "' --geodata '" + geodata.string() +
                            "' --seeds '" + JINMAP_SEEDS_DIR + "' -o '" + out.string() + "' 2>&1";
    RunResult r;
    FILE* pipe = popen(cmd.c_str(), "r");
    if (!pipe) return r;
    std::array<char, 4096> buf{};
    while (fgets(buf.data(), buf.size(), pipe)) r.output += buf.data();
    const int status = pclose(pipe);
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

std::string readText(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

void writeText(const fs::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << text;
}

class BuilderInput : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() /
               ("jinmap-builder-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_ / "out");
        fs::copy(JINMAP_GEODATA_DIR, dir_ / "geodata", fs::copy_options::recursive);
        out_ = dir_ / "out" / "jinmap.sqlite";
    }
    void TearDown() override { fs::remove_all(dir_); }

    // Runs the builder over a previous database and checks the failure.
    void expectFailure(const std::string& expectedFragment) {
        writeText(out_, "previous database");
        const RunResult r = runBuilder(dir_ / "geodata", out_);
        EXPECT_EQ(r.exitCode, 1) << r.output;
        EXPECT_NE(r.output.find(expectedFragment), std::string::npos)
            << "expected '" << expectedFragment << "' in: " << r.output;
        // One line, naming what and where.
        EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 1) << r.output;
        EXPECT_EQ(readText(out_), "previous database") << "output replaced by a failed build";
        int files = 0;
        for (const auto& e : fs::directory_iterator(dir_ / "out")) {
            (void)e;
            ++files;
        }
        EXPECT_EQ(files, 1) << "temporary files left behind";
    }

    fs::path geodata(const std::string& name) const { return dir_ / "geodata" / name; }

    fs::path dir_;
    fs::path out_;
};

TEST_F(BuilderInput, TheRealGeodataBuilds) {
    const RunResult r = runBuilder(dir_ / "geodata", out_);
    EXPECT_EQ(r.exitCode, 0) << r.output;
    EXPECT_TRUE(fs::exists(out_));
}

TEST_F(BuilderInput, MissingFileNamesTheFile) {
    fs::remove(geodata("towns.csv"));
    expectFailure("towns.csv: cannot read file");
}

TEST_F(BuilderInput, MalformedRowNamesFileAndLine) {
    std::string text = readText(geodata("towns.csv"));
    const auto lines = std::count(text.begin(), text.end(), '\n');
    text += "T-BROKEN,only,three\n";
    writeText(geodata("towns.csv"), text);
    expectFailure("towns.csv:" + std::to_string(lines + 1) + ": row has 3 fields");
}

TEST_F(BuilderInput, UnterminatedQuoteNamesFileAndLine) {
    std::string text = readText(geodata("town_facts.csv"));
    const auto lines = std::count(text.begin(), text.end(), '\n');
    text += "x,y,1,\"unterminated\n";
    writeText(geodata("town_facts.csv"), text);
    expectFailure("town_facts.csv:" + std::to_string(lines + 1) + ": unterminated quoted field");
}

TEST_F(BuilderInput, UnknownCountyNameIsRejected) {
    std::string text = readText(geodata("towns.csv"));
    const auto pos = text.find(",太谷区,");
    ASSERT_NE(pos, std::string::npos);
    text.replace(pos, std::string(",太谷区,").size(), ",太古区,");
    writeText(geodata("towns.csv"), text);
    expectFailure("unknown county '太古区'");
}

TEST_F(BuilderInput, QuoteThatIsNotInTheSourceIsRejected) {
    std::string text = readText(geodata("town_facts.csv"));
    const auto header = text.find('\n');
    ASSERT_NE(header, std::string::npos);
    // Tamper with the first figure's quote: the builder must notice.
    const auto firstComma = text.rfind(',', text.find('\n', header + 1));
    text.insert(firstComma + 1, "伪造");
    writeText(geodata("town_facts.csv"), text);
    expectFailure("town_facts.csv:2:");
}

TEST_F(BuilderInput, UnrepairableGeometryStopsTheBuild) {
    const fs::path file = geodata("boundaries/140700.json");
    rapidjson::Document doc;
    const std::string text = readText(file);
    doc.Parse(text.c_str());
    ASSERT_FALSE(doc.HasParseError());
    // A ring that collapses to a line: MakeValid leaves no polygon.
    rapidjson::Document geometry(&doc.GetAllocator());
    geometry.Parse(
        R"({"type":"Polygon","coordinates":[[[112.5,37.4],[112.6,37.4],[112.5,37.4],[112.5,37.4]]]})");
    doc["features"][0]["geometry"].CopyFrom(geometry, doc.GetAllocator());
    rapidjson::StringBuffer sb;
    rapidjson::Writer<rapidjson::StringBuffer> w(sb);
    doc.Accept(w);
    writeText(file, sb.GetString());
    expectFailure("cannot be repaired");
}

TEST_F(BuilderInput, BoundaryFileWithoutADeclaredDatumIsRejected) {
    // Coordinates are converted by the datum boundary_files.csv declares: a
    // file it does not list cannot be read as if it were WGS84.
    std::string text = readText(geodata("boundary_files.csv"));
    const auto row = text.find("140700.json,");
    ASSERT_NE(row, std::string::npos);
    text.erase(row, text.find('\n', row) + 1 - row);
    writeText(geodata("boundary_files.csv"), text);
    expectFailure("boundary file 140700.json is not listed (datum unknown)");
}

TEST_F(BuilderInput, AGapBetweenCountiesTooLargeForASliverStopsTheBuild) {
    // 太谷区 shrunk to a small square leaves ~1000 km² uncovered: the cleaner
    // fills generalisation slivers, never a real hole in the data.
    const fs::path file = geodata("boundaries/140700.json");
    rapidjson::Document doc;
    const std::string text = readText(file);
    doc.Parse(text.c_str());
    ASSERT_FALSE(doc.HasParseError());
    bool found = false;
    for (auto& f : doc["features"].GetArray()) {
        if (f["properties"]["adcode"].GetInt() != 140703) continue;
        rapidjson::Document square(&doc.GetAllocator());
        square.Parse(
            R"({"type":"Polygon","coordinates":[[[112.55,37.42],[112.57,37.42],[112.57,37.44],[112.55,37.44],[112.55,37.42]]]})");
        f["geometry"].CopyFrom(square, doc.GetAllocator());
        found = true;
    }
    ASSERT_TRUE(found);
    rapidjson::StringBuffer sb;
    rapidjson::Writer<rapidjson::StringBuffer> w(sb);
    doc.Accept(w);
    writeText(file, sb.GetString());
    expectFailure("too large for a generalisation sliver");
}

}  // namespace
