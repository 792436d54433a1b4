// Fixture pairs: every fixtures/NAME.json is parsed and compared with
// fixtures/NAME.expected, which holds either the canonical dump plus one
// "warning: …" line per warning, or the single line "error: <what()>".
// Run with JINMAP_UPDATE_FIXTURES=1 to rewrite the .expected files (review
// the diff before committing).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "base/error.h"
#include "style/dump.h"
#include "style/style_parser.h"
#include "test_support.h"

namespace jinmap {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> fixtureNames() {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(JINMAP_STYLE_FIXTURES))
        if (entry.path().extension() == ".json") names.push_back(entry.path().stem().string());
    std::sort(names.begin(), names.end());
    return names;
}

std::string render(const std::string& name) {
    const std::string file = name + ".json";
    const std::string text = test::readFile(std::string(JINMAP_STYLE_FIXTURES) + "/" + file);
    try {
        const ParseResult result = parseStyleText(text, file);
        std::string out = dump(*result.style);
        for (const auto& w : result.warnings) out += "warning: " + w.toString() + "\n";
        return out;
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Style);
        return std::string("error: ") + e.what() + "\n";
    }
}

class StyleFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(StyleFixture, MatchesExpected) {
    const std::string name = GetParam();
    const std::string actual = render(name);
    const std::string expectedPath = std::string(JINMAP_STYLE_FIXTURES) + "/" + name + ".expected";
    if (std::getenv("JINMAP_UPDATE_FIXTURES")) {
        std::ofstream(expectedPath, std::ios::binary) << actual;
        GTEST_SKIP() << "rewrote " << expectedPath;
    }
    ASSERT_TRUE(fs::exists(expectedPath)) << "missing " << expectedPath;
    EXPECT_EQ(actual, test::readFile(expectedPath));
}

INSTANTIATE_TEST_SUITE_P(Fixtures, StyleFixture, ::testing::ValuesIn(fixtureNames()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                             std::string n = info.param;
                             std::replace_if(
                                 n.begin(), n.end(), [](char c) { return !std::isalnum(c); }, '_');
                             return n;
                         });

TEST(StyleFixtures, EveryExpectedFileHasAStyle) {
    for (const auto& entry : fs::directory_iterator(JINMAP_STYLE_FIXTURES)) {
        if (entry.path().extension() != ".expected") continue;
        fs::path json = entry.path();
        json.replace_extension(".json");
        EXPECT_TRUE(fs::exists(json)) << entry.path() << " has no .json";
    }
}

}  // namespace
}  // namespace jinmap
