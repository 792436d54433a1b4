// The presentation model's pure parts: the display value composition (each
// example of issue 11), quotations, vocabulary — and the display lint itself,
// proved on small bad fixtures (a lint that cannot fail checks nothing).
#include <gtest/gtest.h>

#include "display_lint.h"
#include "present/display_value.h"
#include "present/quoted_text.h"
#include "present/vocabulary.h"

namespace jinmap {
namespace {

std::string zh(const char* text, const char* unit, std::optional<double> value = std::nullopt) {
    return displayValueZh(FigureParts{value, text, unit, {}});
}
std::string en(const char* text, const char* unit, std::optional<double> value = std::nullopt) {
    return displayValueEn(FigureParts{value, text, unit, {}});
}

// The doubled units the issue observed, each formed once now.
TEST(DisplayValue, IssueExamplesAreFormedOnce) {
    EXPECT_EQ(zh("3万多", "万名", 3), "3万多名");
    EXPECT_EQ(zh("近万", "万个", 1), "近万个");
    EXPECT_EQ(zh("4万多", "万人", 4), "4万多人");
    EXPECT_EQ(zh("5万多", "万人", 5), "5万多人");
    EXPECT_EQ(zh("1萬人以上", "万人", 1), "1万人以上");
    EXPECT_EQ(zh("超萬", "万人", 1), "超万人");
    EXPECT_EQ(zh("约占全国人工吹制玻璃器皿总量的50%", "%", 50),
              "约占全国人工吹制玻璃器皿总量的50%");
    EXPECT_EQ(zh("80%以上", "%", 80), "80%以上");
    EXPECT_EQ(zh("106亿元", "亿元", 106), "106亿元");
    EXPECT_EQ(zh("约 22.35 亿", "亿元", 22.35), "约22.35亿元");
    EXPECT_EQ(zh("3200万元", "万元", 3200), "3200万元");
    EXPECT_EQ(zh("约70", "%", 70), "约70%");
    EXPECT_EQ(zh("约70 %", "%", 70), "约70%");
}

TEST(DisplayValue, ChineseFromWrittenPhraseOrNumberNeverBoth) {
    EXPECT_EQ(zh("", "亿元", 130), "130亿元");
    EXPECT_EQ(zh("130", "亿元", 130), "130亿元");
    EXPECT_EQ(zh("1600余", "年", 1600), "1600余年");
    EXPECT_EQ(zh("70以上", "%", 70), "70%以上");
    EXPECT_EQ(zh("5万以上", "万人", 5), "5万人以上");
    EXPECT_EQ(zh("1~3", "万元/吨"), "1~3万元/吨");
    EXPECT_EQ(zh("三分之一", ""), "三分之一");
    EXPECT_EQ(zh("十", "大类", 10), "十大类");
    EXPECT_EQ(zh("上萬", "个"), "上万个");
    EXPECT_EQ(zh("100余種", "种", 100), "100余种");
    EXPECT_EQ(zh("", "", std::nullopt), "");
}

TEST(DisplayValue, EnglishReadsThePhrase) {
    EXPECT_EQ(en("3万多", "万名", 3), "over 30,000 people");
    EXPECT_EQ(en("近万", "万个", 1), "nearly 10,000");
    EXPECT_EQ(en("1萬人以上", "万人", 1), "over 10,000 people");
    EXPECT_EQ(en("超萬", "万人", 1), "over 10,000 people");
    EXPECT_EQ(en("80%以上", "%", 80), "over 80%");
    EXPECT_EQ(en("约70", "%", 70), "about 70%");
    EXPECT_EQ(en("", "亿元", 130), "13 billion yuan");
    EXPECT_EQ(en("1.22", "亿元", 1.22), "122 million yuan");
    EXPECT_EQ(en("448.35", "万人", 448.35), "4.4835 million people");
    EXPECT_EQ(en("3.05", "万亩", 3.05), "30,500 mu");
    EXPECT_EQ(en("1600余", "年", 1600), "over 1,600 years");
    EXPECT_EQ(en("六七十", "年"), "60–70 years");
    // A founding year is a date; a duration stays one.
    EXPECT_EQ(en("2007", "年", 2007), "2007");
    EXPECT_EQ(en("", "年", 2007), "2007");
    EXPECT_EQ(en("300多", "年", 300), "over 300 years");
    EXPECT_EQ(en("6", "度", 6), "6°");
    EXPECT_EQ(en("三分之一", ""), "one third");
    EXPECT_EQ(en("2/3", ""), "two thirds");
    EXPECT_EQ(en("1~3", "万元/吨"), "10,000–30,000 yuan/t");
    EXPECT_EQ(en("各1", "家"), "1 each");
    EXPECT_EQ(en("5.0", "亿元", 5), "500 million yuan");
    // Unreadable: shown as written, quoted — unless the database gives the English.
    EXPECT_EQ(en("半壁江山", ""), "「半壁江山」");
    EXPECT_EQ(displayValueEn(FigureParts{std::nullopt, "半壁江山", "", "half the province"}),
              "half the province");
    EXPECT_EQ(displayValueZh(FigureParts{std::nullopt, "半壁江山", "", "half the province"}),
              "半壁江山");
}

TEST(DisplayValue, UnitsForTableColumns) {
    EXPECT_EQ(unitText("亿元", Lang::En), "100 million yuan");
    EXPECT_EQ(unitText("万人", Lang::En), "10,000 people");
    EXPECT_EQ(unitText("家", Lang::En), "");
    EXPECT_EQ(unitText("%", Lang::En), "%");
    EXPECT_EQ(unitText("萬人", Lang::Zh), "万人");
}

TEST(DisplayValue, NumbersAreLocaleIndependent) {
    EXPECT_EQ(formatNumber(130), "130");
    EXPECT_EQ(formatNumber(1.22), "1.22");
    EXPECT_EQ(groupThousands("13288"), "13,288");
    EXPECT_EQ(groupThousands("4.4835"), "4.4835");
    EXPECT_EQ(groupThousands("1234567.5"), "1,234,567.5");
}

TEST(Vocabulary, LevelShownOnceWrittenFormOnlyWhereItDiffers) {
    EXPECT_EQ(levelDisplay("provincial", "省级", "", Lang::Zh), "省级");
    EXPECT_EQ(levelDisplay("provincial", "省級", "", Lang::Zh), "省级");
    EXPECT_EQ(levelDisplay("municipal", "市级", "", Lang::Zh), "市级");
    EXPECT_EQ(levelDisplay("provincial", "省级特色", "provincial featured", Lang::Zh),
              "省级（原文：省级特色）");
    EXPECT_EQ(levelDisplay("provincial", "省级特色", "provincial featured", Lang::En),
              "Provincial (as written: provincial featured)");
    EXPECT_EQ(levelDisplay("unknown", "", "", Lang::En), "Level not stated");
}

TEST(Vocabulary, ScopeBadges) {
    EXPECT_EQ(scopeBadge(Scope::Town, "", Lang::Zh), "本镇");
    EXPECT_EQ(scopeBadge(Scope::County, "", Lang::Zh), "全县");
    EXPECT_EQ(scopeBadge(Scope::Company, "山西华康药业", Lang::Zh), "龙头企业（山西华康药业）");
    EXPECT_EQ(scopeBadge(Scope::City, "", Lang::En), "city-wide");
    EXPECT_EQ(scopeBadge(Scope::Province, "", Lang::En), "province-wide");
    EXPECT_EQ(placeName("太谷区", "Taigu District", Lang::En), "太谷区 Taigu District");
    EXPECT_EQ(placeName("太谷区", "Taigu District", Lang::Zh), "太谷区");
}

TEST(QuotedText, ConvertsOnlyOutsideQuotations) {
    EXPECT_EQ(simplifyOutsideQuotes("數據「大同經開區」與《專業鎮》"),
              "数据「大同經開區」与《專業鎮》");
    const auto parts = splitQuoted("a「b」c");
    ASSERT_EQ(parts.size(), 3u);
    EXPECT_TRUE(parts[1].quoted);
    EXPECT_EQ(parts[1].text, "b");
}

// ------------------------------------------------------------ the lint, proved

std::vector<std::string> rules(const lint::DisplayLint& l) {
    std::vector<std::string> out;
    for (const auto& f : l.findings()) out.push_back(f.rule);
    return out;
}

bool has(const lint::DisplayLint& l, const char* rule) {
    const auto r = rules(l);
    return std::find(r.begin(), r.end(), rule) != r.end();
}

lint::DisplayLint zhLint() {
    return lint::DisplayLint(Lang::Zh, {"太谷区"}, {"c5cd4e3e308e"});
}
lint::DisplayLint enLint() {
    return lint::DisplayLint(Lang::En, {"太谷区", "太谷玛钢专业镇"}, {});
}

TEST(DisplayLint, DoubledUnitsFail) {
    for (const char* bad : {"从业人员：3万多 万名", "产品品种：近万 万个", "总投资106亿元亿元",
                            "总投资约 22.35 亿亿元", "3200万元万元", "约70 %", "1萬人以上 万人",
                            "超萬 万人", "约占全国总量的50% %", "80%以上 %"}) {
        auto l = zhLint();
        l.text("fixture", bad);
        EXPECT_TRUE(has(l, "doubled-unit")) << bad;
    }
    auto en = enLint();
    en.text("fixture", "Investment: 10.6 billion yuan yuan");
    EXPECT_TRUE(has(en, "doubled-unit"));
    auto good = zhLint();
    good.text("fixture", "从业人员：3万多名；总投资106亿元；约70%；1万人以上；80%以上");
    EXPECT_TRUE(good.findings().empty()) << good.report();
}

TEST(DisplayLint, TraditionalOutsideQuotesFails) {
    auto bad = zhLint();
    bad.text("fixture", "说明：醫藥專業鎮的数字");
    EXPECT_TRUE(has(bad, "traditional"));
    auto quoted = zhLint();
    quoted.text("fixture", "说明：原文作「醫藥專業鎮」");
    EXPECT_TRUE(quoted.findings().empty()) << quoted.report();
}

TEST(DisplayLint, LatinWordsAndFieldNamesInChineseFail) {
    for (const char* bad : {"说明：county 留空", "指标记为 land_area", "见 S001", "level=unknown",
                            "provincial 级别", "项目 PJ-GA-06 无县"}) {
        auto l = zhLint();
        l.text("fixture", bad);
        EXPECT_TRUE(has(l, "latin-in-chinese")) << bad;
    }
    auto good = zhLint();
    good.text("fixture",
              "数据版本 c5cd4e3e308e；引用「S002 原文 abc」；储能100MWh、110KV变电站、5G基站");
    EXPECT_TRUE(good.findings().empty()) << good.report();
}

TEST(DisplayLint, ChineseInEnglishFails) {
    auto bad = enLint();
    bad.text("fixture", "Level: 省级");
    EXPECT_TRUE(has(bad, "chinese-in-english"));
    auto punct = enLint();
    punct.text("fixture", "Towns: a，b");
    EXPECT_TRUE(has(punct, "chinese-in-english"));
    auto good = enLint();
    good.text("fixture", "太谷区 Taigu District: 太谷玛钢专业镇, quoted 「省级特色」 and 《标题》");
    EXPECT_TRUE(good.findings().empty()) << good.report();
}

TEST(DisplayLint, EmptyAndRepeatedLinesFail) {
    auto empty = zhLint();
    empty.lines("fixture", "太谷区\n\n专业镇2个\n");
    EXPECT_TRUE(has(empty, "empty-line"));
    auto label = zhLint();
    label.lines("fixture", "太谷区\n  产业：\n");
    EXPECT_TRUE(has(label, "empty-line"));
    auto brackets = zhLint();
    brackets.text("fixture", "级别：省级（）");
    EXPECT_TRUE(has(brackets, "empty-line"));
    auto repeated = zhLint();
    repeated.lines("fixture", "· 说明：同一条说明\n· 其他\n· 说明：同一条说明\n");
    EXPECT_TRUE(has(repeated, "repeated-line"));
    auto good = zhLint();
    good.lines("fixture", "太谷区\n  产业：玛钢\n  级别：省级\n");
    EXPECT_TRUE(good.findings().empty()) << good.report();
}

TEST(DisplayLint, FiguresWithTheSameLabelNeedYearOrScope) {
    auto bad = zhLint();
    bad.figures("fixture", {{"T1", "产量", "", "本镇"}, {"T1", "产量", "", "本镇"}});
    EXPECT_TRUE(has(bad, "ambiguous-figure"));
    auto good = zhLint();
    good.figures("fixture", {{"T1", "产量", "2023年", "本镇"},
                             {"T1", "产量", "2024年", "本镇"},
                             {"T1", "产量", "2024年", "全县"},
                             {"T2", "产量", "2024年", "本镇"}});
    EXPECT_TRUE(good.findings().empty()) << good.report();
}

TEST(DisplayLint, JsonDisplayFieldsAreCheckedMachineFieldsAreNot) {
    auto bad = zhLint();
    bad.json("fixture", R"({"towns":[{"id":"T-1","name":"甲镇","facts":[
        {"fact_id":"F1","label":"产量","year_text":"","scope_badge":"本镇","value":"3万多 万吨"},
        {"fact_id":"F2","label":"产量","year_text":"","scope_badge":"本镇","value":"5万吨"}],
        "notes":[{"id":"N1","text":"同一条"},{"id":"N2","text":"同一条"}]}]})");
    EXPECT_TRUE(has(bad, "doubled-unit")) << bad.report();
    EXPECT_TRUE(has(bad, "ambiguous-figure")) << bad.report();
    EXPECT_TRUE(has(bad, "repeated-line")) << bad.report();
    auto good = zhLint();
    good.json("fixture",
              R"({"id":"T-1","metric":"land_area","file":"001_ed8f.txt","name":"甲镇"})");
    EXPECT_TRUE(good.findings().empty()) << good.report();
}

}  // namespace
}  // namespace jinmap
