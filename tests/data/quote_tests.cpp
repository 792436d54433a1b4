// Every quote is verbatim source text (after removing HTML tags and line
// breaks, DESIGN.md), found at its stored char_offset; every figure's
// value_text occurs in its quote. The normalisation is re-implemented here on
// purpose, independently of the builder's.
#include <gtest/gtest.h>

#include <QCryptographicHash>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>

#include "test_db.h"

using jinmap::test::database;

namespace {

std::u32string toU32(const std::string& s) {
    std::u32string out;
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
        char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
        for (int k = 1; k < len && i + k < s.size(); ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        out.push_back(cp);
        i += len;
    }
    return out;
}

const std::map<std::string, std::u32string>& normalisedSources() {
    static const std::map<std::string, std::u32string> sources = [] {
        std::map<std::string, std::u32string> out;
        auto stmt = database().prepare("SELECT id, file FROM sources");
        while (stmt.step()) {
            std::ifstream in(std::string(JINMAP_SEEDS_DIR) + "/" + stmt.columnText(1),
                             std::ios::binary);
            EXPECT_TRUE(in) << stmt.columnText(1);
            std::stringstream buf;
            buf << in.rdbuf();
            std::string text = std::regex_replace(buf.str(), std::regex("<[A-Za-z/!][^>]*>"), "");
            text = std::regex_replace(text, std::regex("[\r\n]"), "");
            out[stmt.columnText(0)] = toU32(text);
        }
        EXPECT_FALSE(out.empty()) << "no sources";
        return out;
    }();
    return sources;
}

// Checks quote at offset (when given) and that it occurs at all.
void expectVerbatim(const std::string& what, const std::string& sourceId, const std::string& quote,
                    long long offset) {
    const auto& sources = normalisedSources();
    ASSERT_FALSE(quote.empty()) << what << ": empty quote";  // "" occurs in every text
    auto it = sources.find(sourceId);
    ASSERT_NE(it, sources.end()) << what << ": unknown source " << sourceId;
    const std::u32string q = toU32(quote);
    ASSERT_FALSE(q.empty()) << what << ": empty quote";
    if (offset >= 0) {
        EXPECT_EQ(it->second.compare(static_cast<std::size_t>(offset), q.size(), q), 0)
            << what << ": quote not at char_offset " << offset << ": " << quote;
    } else {
        EXPECT_NE(it->second.find(q), std::u32string::npos)
            << what << ": quote not in source: " << quote;
    }
}

TEST(Quotes, TownFactQuotesAreVerbatimAndContainTheirValueText) {
    auto stmt = database().prepare(
        "SELECT id, town_id, source_id, quote, char_offset, value_text FROM town_facts");
    int n = 0;
    while (stmt.step()) {
        ++n;
        const std::string what =
            "town_facts " + std::to_string(stmt.columnInt64(0)) + " (" + stmt.columnText(1) + ")";
        expectVerbatim(what, stmt.columnText(2), stmt.columnText(3), stmt.columnInt64(4));
        EXPECT_NE(stmt.columnText(3).find(stmt.columnText(5)), std::string::npos)
            << what << ": value_text '" << stmt.columnText(5) << "' not in quote";
    }
    EXPECT_GT(n, 0);
}

TEST(Quotes, ProvenanceQuotesAreVerbatimAtTheirOffset) {
    auto stmt = database().prepare(
        "SELECT subject_table, subject_id, source_id, quote, char_offset FROM provenance");
    int n = 0;
    while (stmt.step()) {
        ++n;
        expectVerbatim("provenance " + stmt.columnText(0) + " " + stmt.columnText(1),
                       stmt.columnText(2), stmt.columnText(3), stmt.columnInt64(4));
    }
    EXPECT_GT(n, 0);
}

// Every check above and below fails on an empty table: a test over no rows
// proves nothing.
TEST(Quotes, RowQuotesAreVerbatim) {
    for (const char* table : {"towns", "projects", "doc_counts"}) {
        auto stmt = database().prepare(std::string("SELECT id, source_id, quote FROM ") + table +
                                       " WHERE quote IS NOT NULL");
        int n = 0;
        while (stmt.step()) {
            ++n;
            expectVerbatim(std::string(table) + " " + stmt.columnText(0), stmt.columnText(1),
                           stmt.columnText(2), -1);
        }
        EXPECT_GT(n, 0) << table << " has no quoted rows: an empty table proves nothing";
    }
}

TEST(Quotes, ProjectInvestmentTextOccursInQuote) {
    auto stmt = database().prepare(
        "SELECT id, quote, investment_text FROM projects WHERE investment_text IS NOT NULL");
    int n = 0;
    while (stmt.step()) {
        ++n;
        EXPECT_NE(stmt.columnText(1).find(stmt.columnText(2)), std::string::npos)
            << "project " << stmt.columnText(0);
    }
    EXPECT_GT(n, 0) << "no project investments to check";
}

TEST(Quotes, SourceChecksumsMatchTheFiles) {
    // The recorded checksum is of the file as read; a changed seed must rebuild.
    auto stmt = database().prepare("SELECT file, sha256 FROM sources");
    int n = 0;
    while (stmt.step()) {
        ++n;
        std::ifstream in(std::string(JINMAP_SEEDS_DIR) + "/" + stmt.columnText(0),
                         std::ios::binary);
        ASSERT_TRUE(in) << stmt.columnText(0);
        std::stringstream buf;
        buf << in.rdbuf();
        const std::string bytes = buf.str();
        const QByteArray hash =
            QCryptographicHash::hash(QByteArray(bytes.data(), static_cast<int>(bytes.size())),
                                     QCryptographicHash::Sha256)
                .toHex();
        EXPECT_EQ(stmt.columnText(1), hash.toStdString()) << stmt.columnText(0);
    }
    EXPECT_GT(n, 0) << "no sources";
}

}  // namespace
