// Counts the documents state are compared with the database; every difference
// must be explained by a data note on that count which states both numbers
// (a note that no longer matches the database does not explain it).
#include <gtest/gtest.h>

#include <cstdio>
#include <regex>
#include <string>

#include "test_db.h"

using jinmap::test::database;

namespace {

long long databaseCount(const std::string& scope, const std::string& level) {
    std::string sql = "SELECT count(*) FROM towns WHERE 1";
    if (scope != "山西省") sql += " AND prefecture = ?1";
    if (level != "all") sql += " AND level = ?2";
    auto stmt = database().prepare(sql);
    if (scope != "山西省") stmt.bind(1, scope);
    if (level != "all") stmt.bind(2, level);
    stmt.step();
    return stmt.columnInt64(0);
}

// `n` as a whole number in `text` (not part of a longer number).
bool mentionsNumber(const std::string& text, long long n) {
    return std::regex_search(text, std::regex("(^|[^0-9])" + std::to_string(n) + "([^0-9]|$)"));
}

TEST(Counts, MentionsNumberMatchesWholeNumbersOnly) {
    EXPECT_TRUE(mentionsNumber("数据库 provincial 9 行", 9));
    EXPECT_TRUE(mentionsNumber("17家", 17));
    EXPECT_FALSE(mentionsNumber("2019 年", 9));
    EXPECT_FALSE(mentionsNumber("37 行", 3));
}

TEST(Counts, StatedCountsMatchOrAreExplained) {
    auto stmt = database().prepare(
        "SELECT id, scope, level, count, coalesce(what, ''), source_id FROM doc_counts ORDER BY "
        "id");
    std::printf("%-8s %-8s %-11s %9s %9s  %s\n", "id", "scope", "level", "document", "database",
                "what");
    int rows = 0;
    while (stmt.step()) {
        ++rows;
        const std::string id = stmt.columnText(0), scope = stmt.columnText(1),
                          level = stmt.columnText(2);
        const long long stated = stmt.columnInt64(3);
        const long long actual = databaseCount(scope, level);
        std::printf("%-8s %-8s %-11s %9lld %9lld  %s (%s)\n", id.c_str(), scope.c_str(),
                    level.c_str(), stated, actual, stmt.columnText(4).c_str(),
                    stmt.columnText(5).c_str());
        if (stated != actual) {
            auto note = database().prepare(
                "SELECT note FROM data_notes WHERE subject_table = 'doc_counts' AND subject_id = "
                "?1");
            note.bind(1, id);
            bool explained = false;
            std::string notes;
            while (note.step()) {
                const std::string text = note.columnText(0);
                notes += text;
                std::printf("         note: %s\n", text.c_str());
                // It explains this difference only if it states the document's
                // count and the database's.
                if (mentionsNumber(text, stated) && mentionsNumber(text, actual)) explained = true;
            }
            EXPECT_TRUE(explained)
                << "count " << id << " (" << scope << ", " << level << "): document says " << stated
                << ", database has " << actual << ", and no data note stating both explains it"
                << (notes.empty() ? std::string() : "; notes: " + notes);
        }
    }
    EXPECT_GT(rows, 0) << "no stated counts recorded";
}

TEST(Counts, FullCoveragePrefecturesHaveTowns) {
    EXPECT_EQ(database().queryInt(
                  "SELECT count(*) FROM prefectures WHERE coverage = 'full' AND town_count = 0"),
              0);
    EXPECT_EQ(database().queryInt(
                  "SELECT count(*) FROM prefectures WHERE coverage = 'none' AND town_count > 0"),
              0);
}

}  // namespace
