#include <gtest/gtest.h>

#include "base/text.h"

TEST(Text, ConvertsTraditionalToSimplified) {
    EXPECT_EQ(jinmap::toSimplified("大同黃花專業鎮"), "大同黄花专业镇");
    EXPECT_EQ(jinmap::toSimplified("太谷區"), "太谷区");
    EXPECT_EQ(jinmap::toSimplified("ascii 123"), "ascii 123");
}

TEST(Text, NormalisationRemovesTagsAndLineBreaksOnly) {
    EXPECT_EQ(jinmap::normaliseSourceText("<p>第一句。\r\n第二句</p>\t表"), "第一句。第二句\t表");
    // A '<' that does not open a tag is text.
    EXPECT_EQ(jinmap::normaliseSourceText("x < 5 and y"), "x < 5 and y");
}

TEST(Text, CodePointOffsets) {
    EXPECT_EQ(jinmap::findCodePointOffset("山西大同", "大同"), 2u);
    EXPECT_FALSE(jinmap::findCodePointOffset("山西", "大同").has_value());
    EXPECT_EQ(jinmap::codePointCount("山西ab"), 4u);
}

TEST(Text, EditDistanceCountsCodePoints) {
    EXPECT_EQ(jinmap::editDistance("太谷", "太古"), 1u);
    EXPECT_EQ(jinmap::editDistance("", "大同"), 2u);
}

TEST(Text, Utf8Validation) {
    EXPECT_TRUE(jinmap::isValidUtf8("山西"));
    EXPECT_FALSE(jinmap::isValidUtf8("\xff\xfe"));
    EXPECT_FALSE(jinmap::isValidUtf8("\xe5\xb1"));
}
