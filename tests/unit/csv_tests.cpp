#include <gtest/gtest.h>

#include "base/csv.h"
#include "base/error.h"

using jinmap::CsvTable;

TEST(Csv, ParsesQuotedFieldsWithCommasQuotesAndNewlines) {
    const auto t = CsvTable::parse("a,b,c\n1,\"x, \"\"y\"\"\",\"two\nlines\"\n", "t.csv");
    ASSERT_EQ(t.rows().size(), 1u);
    EXPECT_EQ(t.rows()[0].fields[1], "x, \"y\"");
    EXPECT_EQ(t.rows()[0].fields[2], "two\nlines");
    EXPECT_EQ(t.rows()[0].line, 2u);
}

TEST(Csv, RowsRememberTheirStartingLine) {
    const auto t = CsvTable::parse("a,b\n\"1\n2\",x\n3,y\r\n", "t.csv");
    ASSERT_EQ(t.rows().size(), 2u);
    EXPECT_EQ(t.rows()[1].line, 4u);
    EXPECT_EQ(t.where(t.rows()[1]), "t.csv:4");
}

TEST(Csv, WrongFieldCountNamesFileAndLine) {
    try {
        CsvTable::parse("a,b\n1,2\n3\n", "t.csv");
        FAIL();
    } catch (const jinmap::Error& e) {
        EXPECT_EQ(e.context(), "t.csv:3");
        EXPECT_EQ(e.kind(), jinmap::ErrorKind::Data);
    }
}

TEST(Csv, UnterminatedQuoteAndDuplicateColumnsAreErrors) {
    EXPECT_THROW(CsvTable::parse("a,b\n\"1,2\n", "t.csv"), jinmap::Error);
    EXPECT_THROW(CsvTable::parse("a,a\n1,2\n", "t.csv"), jinmap::Error);
    EXPECT_THROW(CsvTable::parse("", "t.csv"), jinmap::Error);
}

TEST(Csv, MissingColumnIsNamed) {
    const auto t = CsvTable::parse("a,b\n1,2\n", "t.csv");
    try {
        t.requireColumns({"a", "quote"});
        FAIL();
    } catch (const jinmap::Error& e) {
        EXPECT_NE(std::string(e.what()).find("quote"), std::string::npos);
    }
}

TEST(Csv, EscapeRoundTrips) {
    EXPECT_EQ(jinmap::csvEscape("plain"), "plain");
    EXPECT_EQ(jinmap::csvEscape("a,\"b\""), "\"a,\"\"b\"\"\"");
}
