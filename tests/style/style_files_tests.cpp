// The shipped theme files and the benchmark styles parse without errors or
// warnings, and the benchmark style draws exactly what QGIS draws.
#include <gtest/gtest.h>

#include <filesystem>

#include "style/expression_nodes.h"
#include "style/style_parser.h"

namespace jinmap {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> styleFiles() {
    std::vector<std::string> files;
    for (const char* dir : {JINMAP_STYLES_DIR, JINMAP_BENCH_FIXTURES})
        for (const auto& e : fs::directory_iterator(dir))
            if (e.path().extension() == ".json") files.push_back(e.path().string());
    std::sort(files.begin(), files.end());
    return files;
}

TEST(StyleFiles, AllParseWithoutWarnings) {
    const auto files = styleFiles();
    ASSERT_GE(files.size(), 5u);
    for (const auto& file : files) {
        SCOPED_TRACE(file);
        ParseResult r;
        ASSERT_NO_THROW(r = parseStyleFile(file));
        for (const auto& w : r.warnings) ADD_FAILURE() << w.toString();
        EXPECT_FALSE(r.style->layers.empty());
    }
}

TEST(StyleFiles, ThemesExist) {
    for (const char* name : {"towns.json", "datong-layout.json", "admin.json"})
        EXPECT_TRUE(fs::exists(fs::path(JINMAP_STYLES_DIR) / name)) << name;
}

TEST(StyleFiles, BenchmarkStyleMatchesTheQgisDrawing) {
    const auto r = parseStyleFile(std::string(JINMAP_BENCH_FIXTURES) + "/bench-shanxi.json");
    const Style& s = *r.style;
    ASSERT_EQ(s.layers.size(), 4u);
    const FillStyle* fill = s.layers[1].fill();
    ASSERT_NE(fill, nullptr);
    const auto* match = dynamic_cast<const expr::Match*>(fill->color.expression());
    ASSERT_NE(match, nullptr);
    EXPECT_EQ(match->input->toJson(), "[\"get\", \"prefecture_adcode\"]");
    const char* palette[] = {"#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3", "#fdb462",
                             "#b3de69", "#fccde5", "#d9d9d9", "#bc80bd", "#ccebc5"};
    ASSERT_EQ(match->branches.size(), 11u);
    std::string previous;
    for (std::size_t i = 0; i < 11; ++i) {
        const auto& label = match->branches[i].labels.at(0).asString();
        EXPECT_GT(label, previous);  // categories in sorted order, as QGIS sorts them
        previous = label;
        EXPECT_EQ(match->branches[i].output->evaluate({}).asColor().toString(), palette[i]);
    }
    EXPECT_EQ(match->branches[0].labels[0].asString(), "140100");
    EXPECT_EQ(match->branches[10].labels[0].asString(), "141100");
    const LineStyle* line = s.layers[2].line();
    ASSERT_NE(line, nullptr);
    EXPECT_EQ(line->color.constant().toString(), "#333333");
    EXPECT_EQ(line->width.constant(), 0.3);
    const SymbolStyle* text = s.layers[3].symbol();
    ASSERT_NE(text, nullptr);
    EXPECT_EQ(text->textFont.constant(), std::vector<std::string>{"Noto Sans CJK SC"});
    EXPECT_NEAR(text->textSize.constant(), 8.0 * 96 / 72, 1e-9);         // 8 pt at 96 dpi
    EXPECT_NEAR(text->textHaloWidth.constant(), 0.5 / 25.4 * 96, 1e-9);  // 0.5 mm
    EXPECT_EQ(text->textHaloColor.constant().toString(), "#ffffff");
    EXPECT_FALSE(text->textAllowOverlap.constant());

    const auto nolabels =
        parseStyleFile(std::string(JINMAP_BENCH_FIXTURES) + "/bench-shanxi-nolabels.json").style;
    ASSERT_EQ(nolabels->layers.size(), 3u);
    for (const auto& l : nolabels->layers) EXPECT_NE(l.type, LayerType::Symbol);
}

}  // namespace
}  // namespace jinmap
