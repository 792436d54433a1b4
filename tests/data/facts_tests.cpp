// Facts schema v2 (issue 11): figures a planner can paste into a report.
// Checks the data itself, not its display: every figure has a scope and a
// label unique within its town; value, value_text and unit compose into one
// display without a doubled unit; notes are attached to something and are
// written for planners (Chinese, Simplified, no ids, codes or English);
// sources are documents; places have English names. Also prints the counts
// per source document (figures, towns, notes).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "base/text.h"
#include "test_db.h"

using jinmap::test::database;

namespace {

// Splits UTF-8 into code points (the data is valid UTF-8: the builder checks).
std::vector<std::string> codePoints(const std::string& s) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const std::size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
        out.push_back(s.substr(i, len));
        i += len;
    }
    return out;
}

bool isCjk(const std::string& cp) {
    // U+3400..U+9FFF (3-byte sequences E3 90 80 .. E9 BF BF).
    if (cp.size() != 3) return false;
    const auto b0 = static_cast<unsigned char>(cp[0]);
    const auto b1 = static_cast<unsigned char>(cp[1]);
    return (b0 == 0xE3 && b1 >= 0x90) || (b0 >= 0xE4 && b0 <= 0xE9);
}

// The text outside quotation marks: quoted source text (“…”, 「…」, 《…》,
// ‘…’) may keep the source's characters, letters and codes.
std::string outsideQuotes(const std::string& text) {
    static const std::map<std::string, std::string> kPairs = {
        {"“", "”"}, {"「", "」"}, {"《", "》"}, {"‘", "’"}};
    std::string out;
    std::vector<std::string> closers;
    for (const auto& cp : codePoints(text)) {
        if (!closers.empty() && cp == closers.back()) {
            closers.pop_back();
            continue;
        }
        if (auto it = kPairs.find(cp); it != kPairs.end()) {
            closers.push_back(it->second);
            continue;
        }
        if (closers.empty()) out += cp;
    }
    return out;
}

// English text outside ASCII double quotes (a Chinese term may be cited).
std::string outsideAsciiQuotes(const std::string& text) {
    std::string out;
    bool inside = false;
    for (char c : text) {
        if (c == '"') {
            inside = !inside;
            continue;
        }
        if (!inside) out += c;
    }
    return out;
}

bool hasAsciiLetter(const std::string& s) {
    for (char c : s)
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) return true;
    return false;
}

bool hasCjk(const std::string& s) {
    for (const auto& cp : codePoints(s))
        if (isCjk(cp)) return true;
    return false;
}

// The display rule of the facts contract: value_text (Simplified) plus the
// part of unit the phrase does not already contain.
std::string appendedUnitPart(const std::string& phrase, const std::string& unit) {
    const auto cps = codePoints(unit);
    for (std::size_t k = cps.size(); k > 0; --k) {
        std::string prefix;
        for (std::size_t i = 0; i < k; ++i) prefix += cps[i];
        if (phrase.find(prefix) != std::string::npos) {
            std::string rest;
            for (std::size_t i = k; i < cps.size(); ++i) rest += cps[i];
            return rest;
        }
    }
    return unit;
}

bool endsWith(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// Checks one number phrase + unit; returns the problems found.
std::vector<std::string> unitProblems(const std::string& valueText, const std::string& unit,
                                      const std::optional<double>& value) {
    std::vector<std::string> problems;
    const std::string phrase = jinmap::toSimplified(valueText);
    const std::string appended = appendedUnitPart(phrase, unit);
    const std::string display = phrase + appended;
    if (!appended.empty() && endsWith(phrase, appended))
        problems.push_back("'" + appended + "' would be appended twice: " + display);
    for (const char* doubled : {"亿亿", "万万", "%%", "元元", "亿元亿元", "万元万元", "万人万人"})
        if (display.find(doubled) != std::string::npos)
            problems.push_back(std::string("display contains ") + doubled + ": " + display);
    if (!unit.empty() && display.find(unit + unit) != std::string::npos)
        problems.push_back("unit repeated: " + display);
    if (jinmap::toSimplified(unit) != unit) problems.push_back("unit not Simplified: " + unit);
    if (display.find(" %") != std::string::npos) problems.push_back("space before %: " + display);
    // A magnitude written in the phrase is the first part of the unit, so
    // value and unit agree (3万多 → 3, 万人).
    for (const char* magnitude : {"万", "亿"})
        if (phrase.find(magnitude) != std::string::npos &&
            unit.compare(0, std::string(magnitude).size(), magnitude) != 0)
            problems.push_back(std::string("phrase has ") + magnitude + " but unit is '" + unit +
                               "'");
    if (phrase.find('%') != std::string::npos && unit != "%")
        problems.push_back("phrase has % but unit is '" + unit + "'");
    // A plain number (with 约/超/近/余/多/以上) is the value itself.
    static const std::regex kPlain(
        "^(约|超|近|突破)?\\s*([0-9]+(\\.[0-9]+)?)\\s*(余|多|以上)?(%)?$");
    std::smatch m;
    if (std::regex_match(phrase, m, kPlain)) {
        if (!value)
            problems.push_back("plain number '" + phrase + "' without a value");
        else if (std::abs(*value - std::stod(m[2].str())) > 1e-9)
            problems.push_back("value " + std::to_string(*value) + " differs from '" + phrase +
                               "'");
    }
    return problems;
}

TEST(Facts, EveryFigureHasScopeLabelAndFactId) {
    auto stmt = database().prepare(
        "SELECT fact_id, scope, coalesce(company, ''), label, label_en FROM town_facts");
    static const std::set<std::string> kScopes = {"town", "county", "company", "city", "province"};
    int n = 0;
    while (stmt.step()) {
        ++n;
        const std::string id = stmt.columnText(0);
        EXPECT_TRUE(kScopes.count(stmt.columnText(1))) << id << ": scope " << stmt.columnText(1);
        EXPECT_EQ(stmt.columnText(1) == "company", !stmt.columnText(2).empty())
            << id << ": company set iff scope is company";
        EXPECT_FALSE(stmt.columnText(3).empty()) << id << ": no label";
        EXPECT_FALSE(stmt.columnText(4).empty()) << id << ": no English label";
        EXPECT_EQ(jinmap::toSimplified(stmt.columnText(3)), stmt.columnText(3))
            << id << ": label not Simplified";
        EXPECT_FALSE(hasAsciiLetter(outsideQuotes(stmt.columnText(3))))
            << id << ": Latin letters in the Chinese label " << stmt.columnText(3);
    }
    EXPECT_GT(n, 0) << "no figures";
    // Where no single number exists, the English interface has the phrase.
    EXPECT_EQ(database().queryInt("SELECT count(*) FROM town_facts WHERE value IS NULL AND "
                                  "coalesce(value_text_en, '') = ''"),
              0);
    EXPECT_EQ(database().queryInt("SELECT count(*) FROM town_facts WHERE value_text_en IS NOT NULL "
                                  "AND value_text_en GLOB '*[一-龥]*'"),
              0);
    EXPECT_EQ(database().queryInt("SELECT count(DISTINCT fact_id) FROM town_facts"),
              database().queryInt("SELECT count(*) FROM town_facts"));
}

TEST(Facts, LabelsAreUniquePerTownUnlessYearOrScopeDiffer) {
    auto stmt = database().prepare(
        "SELECT town_id, label, coalesce(year, 0), scope, coalesce(company, ''), "
        "group_concat(fact_id, ', ') FROM town_facts GROUP BY 1, 2, 3, 4, 5 HAVING count(*) > 1");
    while (stmt.step())
        ADD_FAILURE() << stmt.columnText(0) << " has several figures labelled '"
                      << stmt.columnText(1)
                      << "' with the same year and scope: " << stmt.columnText(5);
    auto english = database().prepare(
        "SELECT town_id, label_en, group_concat(fact_id, ', ') FROM town_facts GROUP BY "
        "town_id, label_en, coalesce(year, 0), scope, coalesce(company, '') HAVING count(*) > 1");
    while (english.step())
        ADD_FAILURE() << english.columnText(0) << " has several figures labelled '"
                      << english.columnText(1) << "' in English: " << english.columnText(2);
}

TEST(Facts, NoDisplayCanDoubleAUnit) {
    auto stmt =
        database().prepare("SELECT fact_id, value_text, coalesce(unit, ''), value FROM town_facts");
    int n = 0;
    while (stmt.step()) {
        ++n;
        for (const auto& p :
             unitProblems(stmt.columnText(1), stmt.columnText(2), stmt.columnOptionalDouble(3)))
            ADD_FAILURE() << stmt.columnText(0) << ": " << p;
    }
    EXPECT_GT(n, 0);
    auto projects = database().prepare(
        "SELECT id, investment_text, coalesce(investment_unit, ''), investment FROM projects "
        "WHERE investment_text IS NOT NULL");
    int m = 0;
    while (projects.step()) {
        ++m;
        for (const auto& p : unitProblems(projects.columnText(1), projects.columnText(2),
                                          projects.columnOptionalDouble(3)))
            ADD_FAILURE() << "project " << projects.columnText(0) << ": " << p;
    }
    EXPECT_GT(m, 0);
}

TEST(Facts, TheIssuesDoubledUnitsAreGone) {
    // The readings issue 11 found doubled, composed by the contract's rule.
    const std::map<std::string, std::string> expected = {
        {"F-JZ-QIXIAN-GLASS-06", "3万多人"},     {"F-JZ-QIXIAN-GLASS-10", "近万个"},
        {"F-XZ-DINGXIANG-FLANGE-02", "4万多人"}, {"F-JC-LINGCHUAN-HERBS-08", "5万多人"},
        {"F-DT-HUNYUAN-HQWL-05", "1万人以上"},   {"F-DT-HUNYUAN-HQ-06", "超万人"},
        {"F-JZ-QIXIAN-GLASS-11", "50%"},         {"F-JZ-QIXIAN-GLASS-12", "80%以上"},
        {"F-JZ-QIXIAN-GLASS-01", "约70%"},       {"F-JZ-QIXIAN-GLASS-05", "1~3万元/吨"},
        {"F-DT-JKQ-PHARMA-21", "近亿元"},        {"F-DT-YUNGANG-COALMACH-02", "上万个"},
    };
    for (const auto& [id, display] : expected) {
        auto stmt = database().prepare(
            "SELECT value_text, coalesce(unit, '') FROM town_facts WHERE fact_id = ?1");
        stmt.bind(1, id);
        ASSERT_TRUE(stmt.step()) << id << " missing";
        const std::string phrase = jinmap::toSimplified(stmt.columnText(0));
        EXPECT_EQ(phrase + appendedUnitPart(phrase, stmt.columnText(1)), display) << id;
    }
    for (const auto& [id, display] : std::map<std::string, std::string>{
             {"PJ-NE-10", "106亿元"}, {"PJ-GA-08", "约 22.35 亿元"}, {"PJ-NM-25", "3200万元"}}) {
        auto stmt = database().prepare(
            "SELECT investment_text, investment_unit FROM projects WHERE id = ?1");
        stmt.bind(1, id);
        ASSERT_TRUE(stmt.step()) << id << " missing";
        const std::string phrase = jinmap::toSimplified(stmt.columnText(0));
        EXPECT_EQ(phrase + appendedUnitPart(phrase, stmt.columnText(1)), display) << id;
    }
}

TEST(Facts, IssueLabelsSayWhatIsMeasured) {
    // The rows issue 11 named, each with its own label (and scope).
    const std::map<std::string, std::pair<std::string, std::string>> expected = {
        {"F-JZ-QIXIAN-GLASS-01", {"出口占销售比重", "town"}},
        {"F-JZ-QIXIAN-GLASS-02", {"国内市场占销售比重", "town"}},
        {"F-JZ-QIXIAN-GLASS-03", {"美国市场占出口比重", "town"}},
        {"F-JZ-QIXIAN-GLASS-04", {"欧洲市场占出口比重", "town"}},
        {"F-JZ-QIXIAN-GLASS-06", {"玻璃器皿及配套产业链从业人员", "town"}},
        {"F-JC-ZEZHOU-CASTING-04", {"注册商标涉及的商品类别数", "county"}},
        {"F-JC-YANGCHENG-SERICULTURE-08", {"脱贫户和监测户养蚕张数", "county"}},
        {"F-DT-HUNYUAN-HQWL-11", {"全县接待游客", "county"}},
        {"F-DT-HUNYUAN-HQWL-12", {"全县接待游客中省内游客", "county"}},
        {"F-DT-HUNYUAN-HQWL-13", {"全县接待游客中省外游客", "county"}},
        {"F-DT-HUNYUAN-CULTOUR-01", {"全县文旅康养类市场主体数", "county"}},
    };
    for (const auto& [id, want] : expected) {
        auto stmt = database().prepare("SELECT label, scope FROM town_facts WHERE fact_id = ?1");
        stmt.bind(1, id);
        ASSERT_TRUE(stmt.step()) << id << " missing";
        EXPECT_EQ(stmt.columnText(0), want.first) << id;
        EXPECT_EQ(stmt.columnText(1), want.second) << id;
    }
    // 浑源: the two parts add up to the county total the note explains.
    EXPECT_NEAR(std::stod(*database().queryString(
                    "SELECT sum(value) FROM town_facts WHERE fact_id IN ('F-DT-HUNYUAN-HQWL-12', "
                    "'F-DT-HUNYUAN-HQWL-13')")),
                std::stod(*database().queryString(
                    "SELECT value FROM town_facts WHERE fact_id = 'F-DT-HUNYUAN-HQWL-11'")),
                1e-9);
}

TEST(Facts, LevelDetailOnlyWhereTheWrittenFormDiffers) {
    EXPECT_EQ(database().queryInt("SELECT count(*) FROM towns WHERE level_detail IN ('省级', "
                                  "'市级') OR (level_detail IS NULL) != (level_detail_en IS NULL)"),
              0);
    EXPECT_GT(database().queryInt("SELECT count(*) FROM towns WHERE level_detail IS NOT NULL"), 0);
}

TEST(Notes, EveryNoteIsAttachedToSomethingThatExists) {
    const std::map<std::string, std::string> keys = {
        {"towns", "id"},           {"town_facts", "fact_id"}, {"counties", "adcode"},
        {"prefectures", "adcode"}, {"parks", "id"},           {"platforms", "id"},
        {"projects", "id"},        {"layout_elements", "id"}, {"sources", "id"},
        {"doc_counts", "id"}};
    auto stmt = database().prepare(
        "SELECT id, subject_table, coalesce(subject_id, ''), kind, coalesce(related_fact_id, "
        "'') FROM data_notes");
    int n = 0;
    while (stmt.step()) {
        ++n;
        const std::string id = stmt.columnText(0), table = stmt.columnText(1);
        auto key = keys.find(table);
        ASSERT_NE(key, keys.end()) << id << ": unknown subject table " << table;
        auto exists =
            database().prepare("SELECT 1 FROM \"" + table + "\" WHERE " + key->second + " = ?1");
        exists.bind(1, stmt.columnText(2));
        EXPECT_TRUE(exists.step())
            << id << " is attached to nothing: " << table << " '" << stmt.columnText(2) << "'";
        if (stmt.columnText(3) == "conflict" && table == "town_facts") {
            EXPECT_FALSE(stmt.columnText(4).empty()) << id << ": conflict without the other fact";
        }
        if (!stmt.columnText(4).empty()) {
            EXPECT_EQ(database().queryInt("SELECT count(*) FROM town_facts WHERE fact_id = '" +
                                          stmt.columnText(4) + "'"),
                      1)
                << id << ": related fact missing";
        }
    }
    EXPECT_GT(n, 0) << "no notes";
    // One note per conflict: it sits on one figure and names the other (the
    // presentation model marks both rows); a second note the other way round
    // would show the other reading twice.
    EXPECT_EQ(database().queryInt(
                  "SELECT count(*) FROM data_notes a JOIN data_notes b ON a.kind = 'conflict' "
                  "AND b.kind = 'conflict' AND a.subject_table = 'town_facts' AND "
                  "b.subject_table = 'town_facts' AND b.subject_id = a.related_fact_id AND "
                  "b.related_fact_id = a.subject_id"),
              0);
}

// Chinese planner-facing text: Simplified, no Latin letters (ids, field names,
// codes, English words) outside quoted source text, not empty.
void expectPlannerChinese(const std::string& what, const std::string& text) {
    EXPECT_FALSE(text.empty()) << what << ": empty";
    const std::string own = outsideQuotes(text);
    EXPECT_FALSE(hasAsciiLetter(own)) << what << ": Latin letters outside quotes: " << text;
    EXPECT_EQ(jinmap::toSimplified(own), own) << what << ": Traditional characters: " << text;
    EXPECT_TRUE(hasCjk(own)) << what << ": not Chinese: " << text;
}

void expectEnglish(const std::string& what, const std::string& text) {
    EXPECT_FALSE(text.empty()) << what << ": no English text";
    EXPECT_FALSE(hasCjk(outsideAsciiQuotes(text)))
        << what << ": Chinese outside quotes in English text: " << text;
}

TEST(Notes, AreWrittenForPlannersInChineseAndEnglish) {
    auto stmt = database().prepare("SELECT id, note, coalesce(note_en, '') FROM data_notes");
    std::set<std::string> seen;
    while (stmt.step()) {
        expectPlannerChinese("note " + stmt.columnText(0), stmt.columnText(1));
        expectEnglish("note " + stmt.columnText(0), stmt.columnText(2));
    }
    auto repeated = database().prepare(
        "SELECT subject_table, subject_id, note FROM data_notes GROUP BY 1, 2, 3 HAVING "
        "count(*) > 1");
    while (repeated.step())
        ADD_FAILURE() << "the same note twice on " << repeated.columnText(0) << " "
                      << repeated.columnText(1);
    auto counties = database().prepare(
        "SELECT adcode, boundary_note, coalesce(boundary_note_en, '') FROM counties WHERE "
        "boundary_note IS NOT NULL");
    while (counties.step()) {
        expectPlannerChinese("boundary note " + counties.columnText(0), counties.columnText(1));
        expectEnglish("boundary note " + counties.columnText(0), counties.columnText(2));
    }
    auto prefectures = database().prepare(
        "SELECT name, coverage_note, coalesce(coverage_note_en, '') FROM prefectures");
    while (prefectures.step()) {
        expectPlannerChinese("coverage note " + prefectures.columnText(0),
                             prefectures.columnText(1));
        expectEnglish("coverage note " + prefectures.columnText(0), prefectures.columnText(2));
    }
}

TEST(Sources, AreDocumentsListedOnce) {
    auto stmt = database().prepare(
        "SELECT id, coalesce(title, ''), coalesce(title_en, ''), coalesce(publisher, ''), "
        "coalesce(publisher_en, ''), coalesce(date, ''), kind FROM sources");
    int n = 0;
    while (stmt.step()) {
        ++n;
        const std::string id = stmt.columnText(0);
        EXPECT_FALSE(stmt.columnText(1).empty()) << id << ": no title";
        EXPECT_EQ(jinmap::toSimplified(stmt.columnText(1)), stmt.columnText(1)) << id;
        EXPECT_FALSE(stmt.columnText(2).empty()) << id << ": no English title";
        EXPECT_EQ(stmt.columnText(3).empty(), stmt.columnText(4).empty()) << id;
        EXPECT_TRUE(std::regex_match(stmt.columnText(5),
                                     std::regex("^$|^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")))
            << id << ": date " << stmt.columnText(5);
        EXPECT_EQ(stmt.columnText(6), "seed") << id;
    }
    EXPECT_EQ(n, 5);
    EXPECT_EQ(database().queryInt("SELECT count(DISTINCT sha256) FROM sources"), n);
    EXPECT_EQ(database().queryInt("SELECT count(DISTINCT file) FROM sources"), n);
    EXPECT_EQ(database().queryInt("SELECT count(DISTINCT title) FROM sources"), n);
}

TEST(Names, PlacesHaveEnglishNames) {
    for (const char* sql :
         {"SELECT count(*) FROM counties WHERE coalesce(name_en, '') = ''",
          "SELECT count(*) FROM prefectures WHERE coalesce(name_en, '') = ''",
          "SELECT count(*) FROM towns WHERE coalesce(name_en, '') = '' OR coalesce(sector_en, "
          "'') = ''",
          "SELECT count(*) FROM parks WHERE coalesce(name_en, '') = '' OR (industry IS NOT NULL "
          "AND coalesce(industry_en, '') = '')",
          "SELECT count(*) FROM platforms WHERE coalesce(name_en, '') = '' OR coalesce(kind_en, "
          "'') = ''",
          "SELECT count(*) FROM projects WHERE coalesce(name_en, '') = '' OR (industry IS NOT "
          "NULL AND coalesce(industry_en, '') = '')",
          "SELECT count(*) FROM layout_elements WHERE coalesce(name_en, '') = ''",
          "SELECT count(*) FROM sector_groups WHERE coalesce(label_en, '') = ''",
          "SELECT count(*) FROM doc_counts WHERE coalesce(what_en, '') = ''"})
        EXPECT_EQ(database().queryInt(sql), 0) << sql;
    // pinyin + kind
    EXPECT_EQ(*database().queryString("SELECT name_en FROM counties WHERE name = '太谷区'"),
              "Taigu District");
    EXPECT_EQ(*database().queryString("SELECT name_en FROM counties WHERE name = '祁县'"),
              "Qi County");
    EXPECT_EQ(*database().queryString("SELECT name_en FROM counties WHERE name = '高平市'"),
              "Gaoping City");
    EXPECT_EQ(*database().queryString("SELECT name_en FROM prefectures WHERE name = '晋中市'"),
              "Jinzhong");
    auto names = database().prepare(
        "SELECT name_en FROM counties UNION ALL SELECT name_en FROM towns UNION ALL SELECT "
        "name_en FROM prefectures");
    while (names.step()) expectEnglish("name", names.columnText(0));
}

TEST(Towns, ATownWithoutACountyBelongsToItsCity) {
    // 大同经开区医药专业镇: no county in the text, so no point, but its city.
    auto stmt = database().prepare(
        "SELECT county_adcode IS NULL, geometry IS NULL, prefecture, prefecture_adcode FROM "
        "towns WHERE name = '大同经开区医药专业镇'");
    ASSERT_TRUE(stmt.step());
    EXPECT_EQ(stmt.columnInt64(0), 1);
    EXPECT_EQ(stmt.columnInt64(1), 1);
    EXPECT_EQ(stmt.columnText(2), "大同市");
    EXPECT_EQ(stmt.columnText(3), "140200");
    // Counted in its city, with every other town of the city.
    EXPECT_EQ(database().queryInt("SELECT town_count FROM prefectures WHERE name = '大同市'"),
              database().queryInt("SELECT count(*) FROM towns WHERE prefecture = '大同市'"));
    EXPECT_EQ(database().queryInt("SELECT count(*) FROM towns t JOIN prefectures p ON p.adcode = "
                                  "t.prefecture_adcode WHERE p.name != t.prefecture"),
              0);
    EXPECT_EQ(database().queryInt("SELECT count(*) FROM towns WHERE prefecture_adcode IS NULL"), 0);
}

TEST(Counts, PerSourceDocument) {
    // Figures, towns (named, and with figures) and notes per document. The
    // minimums are the counts after issue 11's completeness pass: a figure
    // dropped by mistake fails here.
    const std::map<std::string, int> minimumFigures = {
        {"S000", 118}, {"S001", 86}, {"S002", 10}, {"S003", 67}, {"S004", 0}};
    auto stmt = database().prepare(
        "SELECT s.id, s.file, (SELECT count(*) FROM town_facts f WHERE f.source_id = s.id), "
        "(SELECT count(DISTINCT subject_id) FROM (SELECT id AS subject_id FROM towns WHERE "
        "source_id = s.id UNION SELECT subject_id FROM provenance WHERE subject_table = 'towns' "
        "AND source_id = s.id)), "
        "(SELECT count(DISTINCT town_id) FROM town_facts f WHERE f.source_id = s.id), "
        "(SELECT count(*) FROM data_notes n WHERE ';' || n.source_id || ';' LIKE '%;' || s.id "
        "|| ';%'), "
        "(SELECT count(*) FROM town_facts f WHERE f.source_id = s.id AND f.scope = 'town'), "
        "(SELECT count(*) FROM town_facts f WHERE f.source_id = s.id AND f.scope = 'county'), "
        "(SELECT count(*) FROM town_facts f WHERE f.source_id = s.id AND f.scope = 'company') "
        "FROM sources s ORDER BY s.id");
    std::printf("%-5s %-26s %7s %11s %13s %6s   %s\n", "doc", "file", "figures", "towns named",
                "towns w/ figs", "notes", "scope town/county/company");
    int rows = 0;
    while (stmt.step()) {
        ++rows;
        const std::string id = stmt.columnText(0);
        auto ll = [&](int column) { return static_cast<long long>(stmt.columnInt64(column)); };
        std::printf("%-5s %-26s %7lld %11lld %13lld %6lld   %lld/%lld/%lld\n", id.c_str(),
                    stmt.columnText(1).c_str(), ll(2), ll(3), ll(4), ll(5), ll(6), ll(7), ll(8));
        auto it = minimumFigures.find(id);
        ASSERT_NE(it, minimumFigures.end()) << id;
        EXPECT_GE(stmt.columnInt64(2), it->second) << id << ": figures went missing";
        EXPECT_GT(stmt.columnInt64(5), 0) << id << ": no notes about this document";
    }
    EXPECT_EQ(rows, 5);
    std::printf("total: %lld figures, %lld towns, %lld notes\n",
                static_cast<long long>(database().queryInt("SELECT count(*) FROM town_facts")),
                static_cast<long long>(database().queryInt("SELECT count(*) FROM towns")),
                static_cast<long long>(database().queryInt("SELECT count(*) FROM data_notes")));
    // Every town of the three fully covered cities has at least one figure,
    // except where its document gives none (listed).
    auto bare = database().prepare(
        "SELECT t.name FROM towns t JOIN prefectures p ON p.name = t.prefecture WHERE "
        "p.coverage = 'full' AND NOT EXISTS (SELECT 1 FROM town_facts f WHERE f.town_id = t.id)");
    std::vector<std::string> without;
    while (bare.step()) without.push_back(bare.columnText(0));
    EXPECT_TRUE(without.empty()) << "towns without a figure: " << without.front();
}

}  // namespace
