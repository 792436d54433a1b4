// The legend generated from a style, and per-class feature counts.
#include <gtest/gtest.h>

#include "style/dump.h"
#include "style/legend.h"
#include "style/style_parser.h"
#include "test_support.h"

namespace jinmap {
namespace {

using test::MapFeature;

std::shared_ptr<const Style> townsStyle() {
    return parseStyleFile(std::string(JINMAP_STYLES_DIR) + "/towns.json").style;
}

TEST(Legend, TownsThemeGroupsAndLabels) {
    const Legend legend = buildLegend(*townsStyle(), 8);
    EXPECT_EQ(legend.title, "山西省特色专业镇分布");
    ASSERT_EQ(legend.groups.size(), 4u) << dump(legend);

    const LegendGroup& counts = legend.groups[0];
    EXPECT_EQ(counts.layerId, "counties-towns");
    EXPECT_EQ(counts.title, "每县专业镇数量");
    EXPECT_EQ(counts.properties, std::vector<std::string>{"fill-color"});
    ASSERT_EQ(counts.entries.size(), 4u);
    EXPECT_EQ(counts.entries[0].label, "0 个");
    EXPECT_EQ(counts.entries[3].label, "3 个及以上");
    EXPECT_EQ(counts.entries[3].color.toString(), "#d98a4a");

    const LegendGroup& nodata = legend.groups[1];
    EXPECT_EQ(nodata.layerId, "counties-nodata");
    ASSERT_EQ(nodata.entries.size(), 1u);
    EXPECT_TRUE(nodata.entries[0].hatch);
    EXPECT_EQ(nodata.entries[0].label, "无数据（资料未列出该市专业镇）");

    const LegendGroup& sectors = legend.groups[2];
    EXPECT_EQ(sectors.title, "产业类别（点的颜色）");
    ASSERT_EQ(sectors.entries.size(), 9u);
    EXPECT_EQ(sectors.entries[0].label, "铸造冶金");
    EXPECT_EQ(sectors.entries[8].label, "其他");
    EXPECT_EQ(sectors.entries[8].key, "other");
    EXPECT_EQ(sectors.entries[0].shape, CircleShape::Circle);  // fallback shape

    const LegendGroup& levels = legend.groups[3];
    EXPECT_EQ(levels.title, "专业镇级别（点的形状）");
    EXPECT_EQ(levels.properties, (std::vector<std::string>{"circle-radius", "jinmap:shape"}));
    ASSERT_EQ(levels.entries.size(), 3u);
    EXPECT_EQ(levels.entries[0].label, "省级");
    EXPECT_EQ(levels.entries[0].shape, CircleShape::Star);
    EXPECT_EQ(levels.entries[0].size, 7.5);
    EXPECT_EQ(levels.entries[1].shape, CircleShape::Circle);
    EXPECT_EQ(levels.entries[1].size, 4.5);
    EXPECT_EQ(levels.entries[0].color.toString(), "#9e9e9e");  // colour shows the sector
}

// "title:en", "labels:en", "note:en" give the legend in English; every
// text of the shipped towns theme has one.
TEST(Legend, TownsThemeInEnglish) {
    const Legend legend = buildLegend(*townsStyle(), 8, "en");
    EXPECT_EQ(legend.title, "Specialty towns of Shanxi");
    EXPECT_NE(legend.note.find("Schematic"), std::string::npos);
    ASSERT_EQ(legend.groups.size(), 4u);
    EXPECT_EQ(legend.groups[0].title, "Specialty towns per county");
    EXPECT_EQ(legend.groups[0].entries[0].label, "none");
    EXPECT_EQ(legend.groups[2].entries[0].label, "Casting & metallurgy");
    EXPECT_EQ(legend.groups[2].entries[8].label, "Other");
    EXPECT_EQ(legend.groups[3].entries[0].label, "Provincial");
    for (const LegendGroup& g : legend.groups) {
        for (unsigned char ch : g.title) EXPECT_LT(ch, 0xE0) << g.title;  // no CJK (3-byte) text
        for (const LegendEntry& e : g.entries)
            for (unsigned char ch : e.label) EXPECT_LT(ch, 0xE0) << e.label;
    }
    // A language the style does not give: its own texts.
    EXPECT_EQ(buildLegend(*townsStyle(), 8, "fr").title, "山西省特色专业镇分布");
}

TEST(Legend, TranslatedLabelsAreCheckedLikeTheOthers) {
    const ParseResult r = parseStyleText(R"({"version": 8, "metadata": {"jinmap:legend": {
        "title:en": "Legend", "title:xx-y": "bad",
        "layers": {"a": {"title": "甲", "title:en": "A", "labels:en": {"p": "P", "nope": "?"}}}}},
      "sources": {"s": {"type": "vector", "jinmap:table": "towns"}},
      "layers": [{"id": "a", "type": "circle", "source": "s", "source-layer": "towns",
                  "paint": {"circle-color": ["match", ["get", "level"], "p", "#f00", "#0f0"]}}]})",
                                         "t.json");
    ASSERT_TRUE(r.style);
    const Legend en = buildLegend(*r.style, 8, "en");
    EXPECT_EQ(en.title, "Legend");
    ASSERT_EQ(en.groups.size(), 1u);
    EXPECT_EQ(en.groups[0].title, "A");
    EXPECT_EQ(en.groups[0].entries[0].label, "P");
    EXPECT_EQ(en.groups[0].entries[1].label, "Other");
    bool unknownKey = false, unknownClass = false;
    for (const StyleWarning& d : r.warnings) {
        unknownKey |= d.message.find("unknown legend key") != std::string::npos;
        unknownClass |= d.message.find("\"nope\"") != std::string::npos;
    }
    EXPECT_TRUE(unknownKey);    // title:xx-y is not a language key
    EXPECT_TRUE(unknownClass);  // labels:en are checked against the classes
}

TEST(Legend, ClassifyCountsFeaturesPerClass) {
    const Legend legend = buildLegend(*townsStyle(), 8);
    const LegendGroup& counts = legend.groups[0];
    const LegendGroup& nodata = legend.groups[1];
    const std::vector<MapFeature> counties = {
        {{"town_count", 0}, {"coverage", "full"}},    {{"town_count", 1}, {"coverage", "full"}},
        {{"town_count", 2}, {"coverage", "partial"}}, {{"town_count", 5}, {"coverage", "full"}},
        {{"town_count", 0}, {"coverage", "none"}},    {{"town_count", 4}, {"coverage", "full"}},
    };
    std::vector<int> perClass(counts.entries.size());
    int noData = 0;
    for (const auto& f : counties) {
        const int c = counts.classify(f, 8);
        if (c >= 0) ++perClass[c];
        if (nodata.classify(f, 8) == 0) ++noData;
    }
    EXPECT_EQ(perClass, (std::vector<int>{1, 1, 1, 2}));
    EXPECT_EQ(noData, 1);

    const LegendGroup& sectors = legend.groups[2];
    EXPECT_EQ(sectors.classify(MapFeature{{"sector_group", "数字经济"}}, 8), 6);
    EXPECT_EQ(sectors.classify(MapFeature{{"sector_group", "其他"}}, 8), 8);
    EXPECT_EQ(sectors.classify(MapFeature{}, 8), 8);
    const LegendGroup& levels = legend.groups[3];
    EXPECT_EQ(levels.classify(MapFeature{{"level", "municipal"}}, 8), 1);
    EXPECT_EQ(levels.classify(MapFeature{{"level", "unknown"}}, 8), 2);
}

TEST(Legend, DefaultsWithoutMetadata) {
    const char* text = R"({"version": 8,
      "sources": {"c": {"type": "vector", "jinmap:table": "c"}},
      "layers": [
        {"id": "steps", "type": "fill", "source": "c",
         "paint": {"fill-color": ["step", ["get", "n"], "#eeeeee", 1, "#cccccc", 3, "#333333"]}},
        {"id": "plain", "type": "fill", "source": "c", "paint": {"fill-color": "#ff0000"}},
        {"id": "hidden", "type": "fill", "source": "c", "layout": {"visibility": "none"},
         "paint": {"fill-color": ["match", ["get", "k"], "a", "#ff0000", "#00ff00"]}},
        {"id": "lines", "type": "line", "source": "c",
         "paint": {"line-color": ["match", ["get", "k"], ["a", "b"], "#ff0000", "#00ff00"],
                   "line-width": 2, "line-dasharray": [2, 1]}}
      ]})";
    const Legend legend = buildLegend(*parseStyleText(text, "t.json").style);
    EXPECT_EQ(dump(legend),
              "legend \"\" note \"\"\n"
              "group \"steps\" \"steps\" fill-color\n"
              "  \"below\" \"< 1\" color #eeeeee\n"
              "  \"1\" \"≥ 1, < 3\" color #cccccc\n"
              "  \"3\" \"≥ 3\" color #333333\n"
              "group \"lines\" \"lines\" line-color\n"
              "  \"a\" \"a、b\" color #ff0000 size 2 dash [2, 1]\n"
              "  \"other\" \"其他\" color #00ff00 size 2 dash [2, 1]\n");
    const LegendGroup& steps = legend.groups[0];
    EXPECT_EQ(steps.classify(MapFeature{{"n", 2}}, 0), 1);
    EXPECT_EQ(steps.classify(MapFeature{{"n", "x"}}, 0), -1);
}

TEST(Legend, DatongLayoutSaysSchematic) {
    const auto style = parseStyleFile(std::string(JINMAP_STYLES_DIR) + "/datong-layout.json").style;
    const Legend legend = buildLegend(*style, 9);
    EXPECT_NE(legend.title.find("示意"), std::string::npos);
    EXPECT_NE(legend.note.find("示意"), std::string::npos);
    std::vector<std::string> titles;
    for (const auto& g : legend.groups) titles.push_back(g.title);
    EXPECT_EQ(titles, (std::vector<std::string>{"一廊（示意）", "一核（示意）", "一带（示意）",
                                                "创新平台", "园区主导产业"}));
    EXPECT_EQ(legend.groups[2].entries[0].dasharray, (std::vector<double>{3, 2}));
    EXPECT_EQ(legend.groups[3].entries[0].shape, CircleShape::Square);
    EXPECT_EQ(legend.groups[4].entries.size(), 10u);  // 综合 + 8 industries + other
}

}  // namespace
}  // namespace jinmap
