// Numbers do not follow the locale: `jinmap facts`, `summary --json`,
// `layers` and `render` write the same bytes under LC_ALL=de_DE.UTF-8 (where
// printf writes 1,5) as under LC_ALL=C. QCoreApplication sets LC_ALL from the
// environment, so any printf/strtod left in the program shows up here.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <clocale>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

namespace fs = std::filesystem;

namespace {

constexpr const char* kGerman = "de_DE.UTF-8";

struct Outcome {
    int code = -1;
    std::string out;
};

Outcome jinmapUnder(const char* locale, const std::string& args) {
    const std::string cmd = std::string("env LC_ALL=") + locale + " LANG=" + locale + " '" +
                            JINMAP_PROGRAM + "' --db '" + JINMAP_TEST_DB + "' " + args +
                            " 2>/dev/null";
    Outcome r;
    FILE* pipe = popen(cmd.c_str(), "r");
    std::array<char, 4096> buf{};
    while (pipe && fgets(buf.data(), buf.size(), pipe)) r.out += buf.data();
    const int status = pipe ? pclose(pipe) : -1;
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

std::string readFile(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

class Locale : public ::testing::Test {
  protected:
    void SetUp() override {
        // The German locale must exist, or this test would prove nothing.
        const std::string before = std::setlocale(LC_ALL, nullptr);
        const bool have = std::setlocale(LC_ALL, kGerman) != nullptr;
        char buf[16];
        std::snprintf(buf, sizeof buf, "%.1f", 1.5);
        const std::string german = buf;
        std::setlocale(LC_ALL, before.c_str());
        ASSERT_TRUE(have) << kGerman
                          << " is not installed: run tools/dev setup (locales, locale-gen)";
        ASSERT_EQ(german, "1,5") << "the German locale does not use a decimal comma";
        dir_ = fs::temp_directory_path() / ("jinmap-locale-" + std::to_string(::getpid()));
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }
    fs::path dir_;
};

TEST_F(Locale, FactsTableIsTheSameBytes) {
    const fs::path c = dir_ / "c.csv", de = dir_ / "de.csv";
    ASSERT_EQ(jinmapUnder("C", "facts -o '" + c.string() + "'").code, 0);
    ASSERT_EQ(jinmapUnder(kGerman, "facts -o '" + de.string() + "'").code, 0);
    const std::string a = readFile(c), b = readFile(de);
    // Figures with a fraction are in the table, so a comma would show.
    EXPECT_TRUE(std::regex_search(a, std::regex(",[0-9]+\\.[0-9]+,"))) << "no fractional figure";
    EXPECT_EQ(a, b);
}

TEST_F(Locale, SummaryJsonLayersAndRenderAreTheSameBytes) {
    for (const std::string& args :
         {std::string("summary --county 太谷区 --json"),
          std::string("summary --county 祁县 --json"),
          std::string("summary --county 大同市/云州区 --json"), std::string("layers")}) {
        const Outcome c = jinmapUnder("C", args);
        const Outcome de = jinmapUnder(kGerman, args);
        ASSERT_EQ(c.code, 0) << args;
        EXPECT_FALSE(c.out.empty()) << args;
        EXPECT_EQ(c.out, de.out) << args;
    }
    // render's report line has a zoom with decimals.
    auto render = [&](const char* locale) {
        return jinmapUnder(locale, std::string("render --style '") + JINMAP_STYLES_DIR +
                                       "/admin.json' --size 200x200 --no-labels -o '" +
                                       (dir_ / "out.png").string() + "'")
            .out;
    };
    const std::string c = render("C"), de = render(kGerman);
    ASSERT_NE(c.find("zoom "), std::string::npos) << c;
    // The time differs from run to run; everything before it must not.
    EXPECT_EQ(c.substr(0, c.find(" features")), de.substr(0, de.find(" features")));
}

}  // namespace
