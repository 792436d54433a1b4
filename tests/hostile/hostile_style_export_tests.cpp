// Hostile style files and export requests: one error line, exit 1, no crash,
// no hang over 10 s, nothing written or left behind, existing files intact.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "hostile_support.h"

namespace fs = std::filesystem;
using jinmap::test::Outcome;
using jinmap::test::runJinmap;

namespace {

std::string db() {
    return std::string("--db '") + JINMAP_TEST_DB + "' ";
}
std::string towns() {
    return std::string(JINMAP_SOURCE_DIR) + "/styles/towns.json";
}

class HostileStyle : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = jinmap::test::makeTempDir(
            std::string("style-") +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        style_ = dir_ / "style.json";
        out_ = dir_ / "out.png";
    }
    void TearDown() override { fs::remove_all(dir_); }

    void write(const std::string& text) { std::ofstream(style_, std::ios::binary) << text; }

    // render and export must both refuse the style with one line naming it.
    void expectRefused(const std::string& expected) {
        for (const std::string& command :
             {"render --size 320x240 --style '" + style_.string() + "' -o '" + out_.string() + "'",
              "export --format png --paper A4 --dpi 72 --style '" + style_.string() + "' -o '" +
                  out_.string() + "'"}) {
            SCOPED_TRACE(command);
            const Outcome o = runJinmap(db() + command);
            EXPECT_FALSE(o.timedOut) << "hung";
            EXPECT_EQ(o.exitCode, 1) << o.err;
            EXPECT_EQ(o.errLines(), 1) << o.err;
            EXPECT_NE(o.err.find(expected), std::string::npos)
                << "expected '" << expected << "' in: " << o.err;
            EXPECT_FALSE(fs::exists(out_)) << "output written despite the bad style";
        }
        int files = 0;
        for (const auto& e : fs::directory_iterator(dir_)) {
            (void)e;
            ++files;
        }
        EXPECT_EQ(files, fs::exists(style_) ? 1 : 0) << "files left behind";
    }

    fs::path dir_, style_, out_;
};

const char* kMinimalHead =
    R"({"version": 8, "sources": {"c": {"type": "vector", "jinmap:table": "counties"}}, "layers": [)";

TEST_F(HostileStyle, InvalidJsonNamesTheLine) {
    write("{\n  \"version\": 8,\n  \"layers\": [\n    {\"id\": \"x\",, }\n  ]\n}\n");
    expectRefused("style.json:4");
}

TEST_F(HostileStyle, WrongTypeNamesThePath) {
    write(std::string(kMinimalHead) +
          R"({"id": "f", "type": "fill", "source": "c", "paint": {"fill-color": 12}}]})");
    expectRefused("$.layers[0].paint.fill-color");
}

TEST_F(HostileStyle, DeepNesting) {
    write(std::string(10000, '[') + std::string(10000, ']'));
    expectRefused("style.json");
}

TEST_F(HostileStyle, UnknownSource) {
    write(std::string(kMinimalHead) + R"({"id": "f", "type": "fill", "source": "nowhere"}]})");
    expectRefused("nowhere");
}

TEST_F(HostileStyle, UnknownLayerType) {
    write(std::string(kMinimalHead) + R"({"id": "f", "type": "polygon", "source": "c"}]})");
    expectRefused("unknown layer type \"polygon\"");
}

TEST_F(HostileStyle, ExpressionTypeError) {
    write(
        std::string(kMinimalHead) +
        R"({"id": "f", "type": "fill", "source": "c", "paint": {"fill-opacity": ["concat", "a", "b"]}}]})");
    expectRefused("fill-opacity");
}

TEST_F(HostileStyle, HundredMegabyteString) {
    {
        std::ofstream f(style_, std::ios::binary);
        f << R"({"version": 8, "name": ")";
        const std::string chunk(1 << 20, 'x');
        for (int i = 0; i < 100; ++i) f << chunk;
        f << R"(", "sources": {}, "layers": []})";
    }
    expectRefused("style.json");
}

TEST_F(HostileStyle, NonUtf8Bytes) {
    write(std::string(R"({"version": 8, "name": ")") + "\xff\xfe\xc3" +
          R"(", "sources": {}, "layers": []})");
    expectRefused("UTF-8");
}

TEST_F(HostileStyle, MissingFile) {
    expectRefused("style.json");
}

class HostileExport : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = jinmap::test::makeTempDir(
            std::string("export-") +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    }
    void TearDown() override {
        std::error_code ec;
        fs::permissions(dir_, fs::perms::owner_all, ec);
        fs::remove_all(dir_, ec);
    }
    Outcome exportTo(const fs::path& out, const std::string& extra = "") {
        return runJinmap(db() + "export --style '" + towns() +
                         "' --format png --paper A4 --dpi 72 " + extra + " -o '" + out.string() +
                         "'");
    }
    int fileCount() const {
        int n = 0;
        for (const auto& e : fs::directory_iterator(dir_)) {
            (void)e;
            ++n;
        }
        return n;
    }
    fs::path dir_;
};

TEST_F(HostileExport, ExistingFileIsReplacedAtomically) {
    const fs::path out = dir_ / "map.png";
    std::ofstream(out) << "old map";
    const Outcome ok = exportTo(out);
    ASSERT_EQ(ok.exitCode, 0) << ok.err;
    EXPECT_GT(fs::file_size(out), 1000u);
    EXPECT_EQ(fileCount(), 1) << "temporary files left behind";
    // A failing export over an existing file keeps the old file untouched.
    const std::string before = jinmap::test::sha256File(out);
    const Outcome bad = exportTo(out, "--crs EPSG:999999");
    EXPECT_EQ(bad.exitCode, 1) << bad.err;
    EXPECT_EQ(jinmap::test::sha256File(out), before);
    EXPECT_EQ(fileCount(), 1);
}

TEST_F(HostileExport, PathThatIsADirectory) {
    const Outcome o = exportTo(dir_);
    EXPECT_EQ(o.exitCode, 1);
    EXPECT_EQ(o.errLines(), 1) << o.err;
    EXPECT_NE(o.err.find("directory"), std::string::npos) << o.err;
    EXPECT_TRUE(fs::is_directory(dir_));
    EXPECT_EQ(fileCount(), 0);
}

TEST_F(HostileExport, UnwritablePath) {
    const Outcome o = exportTo("/nonexistent-dir/map.png");
    EXPECT_EQ(o.exitCode, 1);
    EXPECT_EQ(o.errLines(), 1) << o.err;
    EXPECT_FALSE(fs::exists("/nonexistent-dir"));
}

TEST_F(HostileExport, AbsurdSizeAndDpi) {
    for (const std::string extra :
         {"--paper 100000x100000", "--dpi 100000", "--dpi -5", "--paper 0x0"}) {
        SCOPED_TRACE(extra);
        const Outcome o = runJinmap(db() + "export --style '" + towns() + "' --format png " +
                                    extra + " -o '" + (dir_ / "big.png").string() + "'");
        EXPECT_FALSE(o.timedOut);
        EXPECT_NE(o.exitCode, 0) << o.err;
        EXPECT_GE(o.errLines(), 1);
        EXPECT_LE(o.errLines(), 2) << o.err;  // a usage error may add the synopsis hint
        EXPECT_EQ(fileCount(), 0);
    }
}

TEST_F(HostileExport, RenderRefusesAbsurdSize) {
    const Outcome o = runJinmap(db() + "render --style '" + towns() +
                                "' --size 100000x100000 -o '" + (dir_ / "huge.png").string() + "'");
    EXPECT_FALSE(o.timedOut);
    EXPECT_NE(o.exitCode, 0);
    EXPECT_EQ(o.errLines(), 1) << o.err;
    EXPECT_EQ(fileCount(), 0);
}

TEST_F(HostileExport, UnknownEpsg) {
    const Outcome o = exportTo(dir_ / "x.png", "--crs EPSG:999999");
    EXPECT_EQ(o.exitCode, 1);
    EXPECT_EQ(o.errLines(), 1) << o.err;
    EXPECT_NE(o.err.find("999999"), std::string::npos) << o.err;
    EXPECT_EQ(fileCount(), 0);
}

TEST_F(HostileExport, DiskFull) {
    const Outcome o = exportTo("/dev/full");
    EXPECT_EQ(o.exitCode, 1);
    EXPECT_EQ(o.errLines(), 1) << o.err;
    EXPECT_TRUE(fs::is_character_file("/dev/full"));
}

}  // namespace
