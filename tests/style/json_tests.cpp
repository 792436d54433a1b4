// The JSON reader: positions, paths, duplicates, limits and hostile input.
#include <gtest/gtest.h>

#include <string>

#include "base/error.h"
#include "style/json.h"

namespace jinmap::json {
namespace {

std::string errorOf(const std::string& text, const ParseOptions& options = {}) {
    try {
        parse(text, "t.json", options);
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Style);
        return e.what();
    }
    return "no error";
}

TEST(Json, ParsesScalarsArraysAndObjects) {
    const Document doc = parse(R"({"a": [1, -2.5e1, true, false, null, "x"], "b": {}})", "t");
    ASSERT_TRUE(doc.root.isObject());
    const Value* a = doc.root.find("a");
    ASSERT_NE(a, nullptr);
    ASSERT_EQ(a->items().size(), 6u);
    EXPECT_EQ(a->items()[0].asNumber(), 1);
    EXPECT_EQ(a->items()[1].asNumber(), -25);
    EXPECT_TRUE(a->items()[2].asBool());
    EXPECT_TRUE(a->items()[3].isBool());
    EXPECT_TRUE(a->items()[4].isNull());
    EXPECT_EQ(a->items()[5].asString(), "x");
    EXPECT_TRUE(doc.root.find("b")->isObject());
    EXPECT_EQ(doc.root.find("c"), nullptr);
    EXPECT_TRUE(doc.warnings.empty());
}

TEST(Json, OffsetsMapToLineAndColumnInCharacters) {
    const std::string text = "{\n  \"名称\": \"山西\",\n  \"x\": 1\n}";
    const Document doc = parse(text, "t");
    const LineIndex lines(text);
    const Value* x = doc.root.find("x");
    ASSERT_NE(x, nullptr);
    EXPECT_EQ(lines.lineColumn(x->offset()), std::make_pair(3, 8));
    // Columns count code points: "名称" is 2 columns, not 6 bytes.
    const Value* name = doc.root.find("名称");
    ASSERT_NE(name, nullptr);
    EXPECT_EQ(lines.lineColumn(name->offset()), std::make_pair(2, 9));
    EXPECT_EQ(lines.lineColumn(doc.root.members()[0].keyOffset), std::make_pair(2, 3));
}

TEST(Json, DuplicateKeysWarnWithPathAndKeepTheLastValue) {
    const std::string text = "{\"layers\": [{\"id\": \"a\",\n \"id\": \"b\"}]}";
    const Document doc = parse(text, "t");
    ASSERT_EQ(doc.warnings.size(), 1u);
    EXPECT_EQ(doc.warnings[0].path, "$.layers[0].id");
    EXPECT_EQ(doc.warnings[0].message, "duplicate key \"id\" (the last value is used)");
    EXPECT_EQ(LineIndex(text).line(doc.warnings[0].offset), 2);
    EXPECT_EQ(doc.root.find("layers")->items()[0].find("id")->asString(), "b");
    EXPECT_EQ(doc.root.find("layers")->items()[0].members().size(), 1u);
}

TEST(Json, SyntaxErrorsNameLineColumnAndPath) {
    EXPECT_EQ(errorOf("{\"a\": [1, 2\n  \"b\"]}"),
              "t.json:2:3: $.a: expected ',' or ']' after array element");
    EXPECT_EQ(errorOf("{\"a\": {\"b\": tru}}"),
              "t.json:1:13: $.a.b: unexpected character 't', expected a value");
    EXPECT_EQ(errorOf(""), "t.json:1:1: $: empty document");
    EXPECT_EQ(errorOf("  \n "), "t.json:2:2: $: empty document");
    EXPECT_EQ(errorOf("{} x"), "t.json:1:4: $: unexpected content after the JSON value");
    EXPECT_EQ(errorOf("{\"a\" 1}"), "t.json:1:6: $: expected ':' after object key");
    EXPECT_EQ(errorOf("{a: 1}"), "t.json:1:2: $: expected a string key in object");
    EXPECT_EQ(errorOf("[1,]"), "t.json:1:4: $[1]: unexpected character ']', expected a value");
    EXPECT_EQ(errorOf("{\"a\": 1,}"), "t.json:1:9: $: expected a string key in object");
    EXPECT_EQ(errorOf("[\"abc"), "t.json:1:6: $[0]: unterminated string");
    EXPECT_EQ(errorOf("[\"a\tb\"]"),
              "t.json:1:4: $[0]: control character in string (use an escape such as \\n)");
    EXPECT_EQ(errorOf("[\"\\x\"]"), "t.json:1:3: $[0]: invalid escape '\\x'");
    EXPECT_EQ(errorOf("// comment\n{}"),
              "t.json:1:1: $: unexpected character '/', expected a value");
}

TEST(Json, NumbersFollowTheJsonGrammar) {
    EXPECT_EQ(errorOf("[01]"), "t.json:1:2: $[0]: invalid number (leading zero)");
    EXPECT_EQ(errorOf("[1.]"), "t.json:1:2: $[0]: invalid number (digit expected after '.')");
    EXPECT_EQ(errorOf("[.5]"), "t.json:1:2: $[0]: unexpected character '.', expected a value");
    EXPECT_EQ(errorOf("[1e]"), "t.json:1:2: $[0]: invalid number (digit expected in exponent)");
    EXPECT_EQ(errorOf("[-]"), "t.json:1:2: $[0]: invalid number");
    EXPECT_EQ(errorOf("[NaN]"), "t.json:1:2: $[0]: unexpected character 'N', expected a value");
    EXPECT_EQ(errorOf("[1e400]"), "t.json:1:2: $[0]: number out of range");
    EXPECT_EQ(errorOf("[-1e400]"), "t.json:1:2: $[0]: number out of range");
    const Document doc = parse("[1e-400, -0, 0.5, 1E+2, 123456789012345678901234567890]", "t");
    EXPECT_EQ(doc.root.items()[0].asNumber(), 0);
    EXPECT_EQ(doc.root.items()[1].asNumber(), 0);
    EXPECT_EQ(doc.root.items()[2].asNumber(), 0.5);
    EXPECT_EQ(doc.root.items()[3].asNumber(), 100);
    EXPECT_DOUBLE_EQ(doc.root.items()[4].asNumber(), 1.2345678901234568e29);
}

TEST(Json, EscapesAndSurrogatePairs) {
    const Document doc =
        parse(R"(["\"\\\/\b\f\n\r\t", "\u5927\u540c", "\ud83d\ude00", "\u00e9"])", "t");
    EXPECT_EQ(doc.root.items()[0].asString(), "\"\\/\b\f\n\r\t");
    EXPECT_EQ(doc.root.items()[1].asString(), "大同");
    EXPECT_EQ(doc.root.items()[2].asString(), "\xF0\x9F\x98\x80");
    EXPECT_EQ(doc.root.items()[3].asString(), "é");
    EXPECT_EQ(errorOf(R"(["\ud83d"])"),
              "t.json:1:3: $[0]: unpaired UTF-16 surrogate in \\u escape");
    EXPECT_EQ(errorOf(R"(["\ude00"])"),
              "t.json:1:3: $[0]: unpaired UTF-16 surrogate in \\u escape");
    EXPECT_EQ(errorOf(R"(["\u12"])"), "t.json:1:7: $[0]: invalid hex digit in \\u escape");
    EXPECT_EQ(errorOf(R"(["\u0000"])"), "t.json:1:3: $[0]: NUL character (\\u0000) in string");
}

TEST(Json, RejectsInvalidUtf8) {
    EXPECT_EQ(errorOf("[\"a\xff\"]"), "t.json:1:4: $: invalid UTF-8 byte 0xff");
    EXPECT_EQ(errorOf("{\n\"a\": \"\xC0\xAF\"}"),
              "t.json:2:7: $: invalid UTF-8 byte 0xc0");  // overlong
    EXPECT_EQ(errorOf("[\"\xED\xA0\x80\"]"),
              "t.json:1:3: $: invalid UTF-8 byte 0xed");                             // surrogate
    EXPECT_EQ(errorOf("[\"\xE5\xA4\"]"), "t.json:1:3: $: invalid UTF-8 byte 0xe5");  // truncated
    EXPECT_EQ(errorOf("[\"\xF4\x90\x80\x80\"]"),
              "t.json:1:3: $: invalid UTF-8 byte 0xf4");  // > U+10FFFF
    // A byte-order mark is accepted.
    EXPECT_TRUE(parse("\xEF\xBB\xBF[1]", "t").root.isArray());
}

TEST(Json, NestingDepthIsCappedWithoutRecursingPastTheCap) {
    std::string ok(128, '[');
    ok += std::string(128, ']');
    EXPECT_TRUE(parse(ok, "t").root.isArray());

    std::string deep(129, '[');
    deep += std::string(129, ']');
    const std::string msg = errorOf(deep);
    EXPECT_NE(msg.find("t.json:1:129: $[0][0]"), std::string::npos) << msg;
    EXPECT_NE(msg.find(": nesting deeper than 128 levels"), std::string::npos) << msg;

    // Hostile depths fail the same way, for arrays and objects, closed or not.
    for (const int depth : {10000, 1000000}) {
        std::string arrays(depth, '[');
        EXPECT_NE(errorOf(arrays).find("nesting deeper than 128 levels"), std::string::npos);
        std::string objects;
        for (int i = 0; i < depth; ++i) objects += "{\"a\":";
        EXPECT_NE(errorOf(objects).find("nesting deeper than 128 levels"), std::string::npos);
    }
}

TEST(Json, RejectsOversizedInputBeforeParsing) {
    ParseOptions options;
    options.maxBytes = 10;
    EXPECT_EQ(errorOf("[1, 2, 3, 4, 5]", options),
              "t.json: input is too large (15 bytes, limit 10)");
    options.errorKind = ErrorKind::Data;
    try {
        parse("[1, 2, 3, 4, 5]", "t.json", options);
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Data);
    }
}

TEST(Json, PathsQuoteUnusualKeys) {
    EXPECT_EQ(childPath("$", "fill-color"), "$.fill-color");
    EXPECT_EQ(childPath("$", "jinmap:legend"), "$.jinmap:legend");
    EXPECT_EQ(childPath("$", "a b"), "$[\"a b\"]");
    EXPECT_EQ(childPath("$", ""), "$[\"\"]");
    EXPECT_EQ(childPath("$.x", 3), "$.x[3]");
    EXPECT_EQ(childPath("$", "专业镇"), "$.专业镇");
}

TEST(Json, FormatsNumbersShortest) {
    EXPECT_EQ(formatNumber(1), "1");
    EXPECT_EQ(formatNumber(0.1), "0.1");
    EXPECT_EQ(formatNumber(-0.0), "0");
    EXPECT_EQ(formatNumber(10.666666666666666), "10.666666666666666");
    EXPECT_EQ(formatNumber(1e21), "1e+21");
}

}  // namespace
}  // namespace jinmap::json
