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

TEST(Text, OneStrictUtf8Validator) {
    // Well-formed: ASCII, 2-, 3- and 4-byte forms at their limits.
    for (const char* good :
         {"", "abc", "\xC2\x80", "\xDF\xBF", "\xE0\xA0\x80", "\xED\x9F\xBF", "\xEE\x80\x80",
          "\xEF\xBF\xBF", "\xF0\x90\x80\x80", "\xF4\x8F\xBF\xBF", "太谷区"}) {
        EXPECT_TRUE(jinmap::isValidUtf8(good)) << good;
        EXPECT_EQ(jinmap::findInvalidUtf8(good), std::string_view::npos);
    }
    struct Bad {
        const char* text;
        std::size_t at;
        const char* what;
    };
    const Bad bad[] = {
        {"\xC0\x80", 0, "overlong NUL"},
        {"\xC1\xBF", 0, "overlong 2-byte"},
        {"a\xE0\x80\x80", 1, "overlong 3-byte"},
        {"\xE0\x9F\xBF", 0, "overlong 3-byte (top)"},
        {"\xF0\x80\x80\x80", 0, "overlong 4-byte"},
        {"\xF0\x8F\xBF\xBF", 0, "overlong 4-byte (top)"},
        {"ok\xED\xA0\x80", 2, "high surrogate"},
        {"\xED\xBF\xBF", 0, "low surrogate"},
        {"\xF4\x90\x80\x80", 0, "above U+10FFFF"},
        {"\xF5\x80\x80\x80", 0, "F5 lead byte"},
        {"\x80", 0, "stray continuation"},
        {"\xE5\xA4", 0, "truncated"},
        {"\xE5\x41\x80", 0, "missing continuation"},
    };
    for (const Bad& b : bad) {
        EXPECT_FALSE(jinmap::isValidUtf8(b.text)) << b.what;
        EXPECT_EQ(jinmap::findInvalidUtf8(b.text), b.at) << b.what;
        // Decoding agrees: the rejected byte becomes U+FFFD.
        const std::u32string cps = jinmap::decodeUtf8(b.text);
        EXPECT_NE(cps.find(U'\uFFFD'), std::u32string::npos) << b.what;
    }
    EXPECT_EQ(jinmap::decodeUtf8("太谷"), U"太谷");
    EXPECT_EQ(jinmap::decodeUtf8("\xF0\x9F\x97\xBA"), U"\U0001F5FA");
}

TEST(Text, Utf8Validation) {
    EXPECT_TRUE(jinmap::isValidUtf8("山西"));
    EXPECT_FALSE(jinmap::isValidUtf8("\xff\xfe"));
    EXPECT_FALSE(jinmap::isValidUtf8("\xe5\xb1"));
}
