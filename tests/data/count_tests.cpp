// Counts the documents state are compared with the database; every difference
// must be explained by a data note on that count.
#include <gtest/gtest.h>

#include <cstdio>
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
            const bool explained = note.step();
            EXPECT_TRUE(explained)
                << "count " << id << " (" << scope << ", " << level << "): document says " << stated
                << ", database has " << actual << ", and no data note explains it";
            if (explained) std::printf("         note: %s\n", note.columnText(0).c_str());
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
