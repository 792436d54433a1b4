// Translatable errors: the English a CLI prints is the template filled in,
// and the template and arguments stay for the viewer to translate.
#include <gtest/gtest.h>

#include "base/error.h"

using jinmap::Error;
using jinmap::ErrorKind;
using jinmap::Message;

TEST(Message, FillsEachPlaceholderOnce) {
    EXPECT_EQ(Message::formatMessage("%2 before %1", {"a", "b"}), "b before a");
    // An argument that holds a placeholder is not filled in again.
    EXPECT_EQ(Message::formatMessage("quote %1 in %2", {"%2", "S001"}), "quote %2 in S001");
    EXPECT_EQ(Message::formatMessage("100%% of %1", {"towns"}), "100% of towns");
    // A missing argument leaves nothing; a lone percent sign stays.
    EXPECT_EQ(Message::formatMessage("%1 and %3 at 5%", {"x"}), "x and  at 5%");
}

TEST(Message, ErrorKeepsTemplateArgumentsAndEnglish) {
    const Error e(ErrorKind::Data,
                  Message(JINMAP_MESSAGE("core", "quote not found in 《%1》 (%2): %3"),
                          {"文件", "S001", "原句"}),
                  "batch.csv:3");
    EXPECT_EQ(e.message(), "quote not found in 《文件》 (S001): 原句");
    EXPECT_STREQ(e.what(), "batch.csv:3: quote not found in 《文件》 (S001): 原句");
    ASSERT_NE(e.text().source, nullptr);
    EXPECT_STREQ(e.text().source, "quote not found in 《%1》 (%2): %3");
    EXPECT_EQ(e.text().args.size(), 3U);
}

TEST(Message, PlainErrorsHaveNoTemplate) {
    const Error e(ErrorKind::Io, "cannot read", "x.csv");
    EXPECT_EQ(e.text().source, nullptr);
    EXPECT_EQ(e.message(), "cannot read");
}
