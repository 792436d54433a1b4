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

// ---- Facts schema v2: the builder rejects figures, notes and sources that
// break the contract, naming file and line.

// Replaces the first occurrence of `from` on the given 1-based line of a CSV.
void replaceOnLine(const fs::path& file, int line, const std::string& from, const std::string& to) {
    std::string text = readText(file);
    std::size_t start = 0;
    for (int i = 1; i < line; ++i) start = text.find('\n', start) + 1;
    const std::size_t end = text.find('\n', start);
    const std::size_t pos = text.find(from, start);
    ASSERT_TRUE(pos != std::string::npos && pos < end) << from << " not on line " << line;
    text.replace(pos, from.size(), to);
    writeText(file, text);
}

void appendLine(const fs::path& file, const std::string& line) {
    writeText(file, readText(file) + line + "\r\n");
}

int lineCount(const fs::path& file) {
    const std::string text = readText(file);
    return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

TEST_F(BuilderInput, UnknownFigureScopeNamesFileAndRow) {
    replaceOnLine(geodata("town_facts.csv"), 2, ",town,", ",village,");
    expectFailure("town_facts.csv:2: unknown scope 'village'");
}

TEST_F(BuilderInput, DuplicateFactIdIsRejected) {
    const std::string text = readText(geodata("town_facts.csv"));
    const auto l2 = text.find('\n') + 1;
    const auto l3 = text.find('\n', l2) + 1;
    const std::string firstId = text.substr(l2, text.find(',', l2) - l2);
    const std::string secondId = text.substr(l3, text.find(',', l3) - l3);
    replaceOnLine(geodata("town_facts.csv"), 3, secondId + ",", firstId + ",");
    expectFailure("town_facts.csv:3: duplicate fact_id " + firstId);
}

TEST_F(BuilderInput, CompanyFigureWithoutCompanyIsRejected) {
    replaceOnLine(geodata("town_facts.csv"), 2, ",town,,", ",company,,");
    expectFailure("town_facts.csv:2: a company figure needs its company");
}

TEST_F(BuilderInput, CompanyGivenForATownFigureIsRejected) {
    replaceOnLine(geodata("town_facts.csv"), 2, ",town,,", ",town,某公司,");
    expectFailure("town_facts.csv:2: company is given only when scope is company");
}

TEST_F(BuilderInput, ValueTextNotInQuoteIsRejected) {
    const fs::path file = geodata("town_facts.csv");
    const int line = lineCount(file) + 1;
    appendLine(file,
               "F-TEST-01,T-JZ-TAIGU-MALLEABLE,enterprises,铸造企业数,Foundries,town,,999,999,,户,,"
               "S001,\"从市场主体看,拥有各类铸造企业112户\"");
    expectFailure("town_facts.csv:" + std::to_string(line) +
                  ": value_text '999' is not in its quote");
}

TEST_F(BuilderInput, FigureWithoutValueNeedsItsEnglishPhrase) {
    const fs::path file = geodata("town_facts.csv");
    const int line = lineCount(file) + 1;
    appendLine(
        file,
        "F-TEST-01,T-JZ-TAIGU-MALLEABLE,market_share,测试,Test,town,,,2/3,,,,S001,\"从市场占有率看,"
        "玛钢管件、电力金具、沟槽管件分别占全国市场份额的2/3、4/5和1/5\"");
    expectFailure("town_facts.csv:" + std::to_string(line) +
                  ": a figure without a value needs value_text_en");
}

TEST_F(BuilderInput, UnknownNoteKindNamesFileAndRow) {
    const fs::path file = geodata("data_notes.csv");
    const int line = lineCount(file) + 1;
    appendLine(file, "N-TEST,towns,T-JZ-TAIGU-MALLEABLE,rumour,说明,Note,,S001");
    expectFailure("data_notes.csv:" + std::to_string(line) + ": unknown note kind 'rumour'");
}

TEST_F(BuilderInput, NoteAttachedToNothingIsRejected) {
    const fs::path file = geodata("data_notes.csv");
    const int line = lineCount(file) + 1;
    appendLine(file, "N-TEST,towns,T-NOWHERE,doubt,说明,Note,,S001");
    expectFailure("data_notes.csv:" + std::to_string(line) + ": note attached to nothing");
}

TEST_F(BuilderInput, ConflictNoteNamingAnUnknownFactIsRejected) {
    const std::string text = readText(geodata("town_facts.csv"));
    const auto l2 = text.find('\n') + 1;
    const std::string firstId = text.substr(l2, text.find(',', l2) - l2);
    const fs::path file = geodata("data_notes.csv");
    const int line = lineCount(file) + 1;
    appendLine(file, "N-TEST,town_facts," + firstId + ",conflict,说明,Note,F-NOWHERE,S001");
    expectFailure("data_notes.csv:" + std::to_string(line) +
                  ": unknown related_fact_id 'F-NOWHERE'");
}

TEST_F(BuilderInput, SameDocumentListedTwiceIsRejected) {
    const fs::path file = geodata("sources.csv");
    const int line = lineCount(file) + 1;
    appendLine(file, "S009,001_ed8ff3ec984592f8.txt,重复,Duplicate,,,,seed");
    expectFailure("sources.csv:" + std::to_string(line) +
                  ": document 001_ed8ff3ec984592f8.txt is listed twice");
}

TEST_F(BuilderInput, UnknownSourceKindIsRejected) {
    replaceOnLine(geodata("sources.csv"), 2, ",seed", ",rumour");
    expectFailure("sources.csv:2: unknown source kind 'rumour'");
}

TEST_F(BuilderInput, MalformedSourceDateIsRejected) {
    replaceOnLine(geodata("sources.csv"), 2, ",,seed", ",2025-13,seed");
    expectFailure("sources.csv:2: date '2025-13' is not YYYY, YYYY-MM or YYYY-MM-DD");
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
