// Expressions: parse-time checks and evaluation of every operator.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <limits>
#include <new>
#include <variant>

#include "base/error.h"
#include "style/diagnostics.h"
#include "style/expression.h"
#include "style/json.h"
#include "style/property.h"
#include "style/style_parser.h"
#include "test_support.h"

// Counts heap allocations inside a window, to check that evaluating the
// common property shapes does not allocate.
namespace {
std::atomic<bool> gCounting{false};
std::atomic<long> gAllocations{0};
}  // namespace

void* operator new(std::size_t n) {
    if (gCounting) ++gAllocations;
    if (void* p = std::malloc(n ? n : 1)) return p;
    throw std::bad_alloc();
}
void operator delete(void* p) noexcept {
    std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
    std::free(p);
}

namespace jinmap {
namespace {

using test::MapFeature;

StyleValue eval(const std::string& json, const FeatureView& f, double zoom = 0,
                const Type& expected = ExprType::Value) {
    const ExpressionPtr e = parseExpressionText(json, expected);
    return e->evaluate(EvaluationContext{zoom, &f});
}

StyleValue eval(const std::string& json, double zoom = 0, const Type& expected = ExprType::Value) {
    return eval(json, MapFeature{}, zoom, expected);
}

std::string parseError(const std::string& json, const Type& expected = ExprType::Value) {
    try {
        parseExpressionText(json, expected);
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Style);
        return e.what();
    }
    return "no error";
}

TEST(Expression, Literals) {
    EXPECT_EQ(eval("1.5"), StyleValue(1.5));
    EXPECT_EQ(eval("\"a\""), StyleValue("a"));
    EXPECT_EQ(eval("true"), StyleValue(true));
    EXPECT_TRUE(eval("null").isNull());
    EXPECT_EQ(eval("\"#ff0000\"", 0, ExprType::Color), StyleValue(*parseCssColor("red")));
    EXPECT_EQ(eval("[\"literal\", [1, \"a\"]]"), StyleValue(StyleArray{1, "a"}));
    EXPECT_EQ(eval("[\"literal\", \"red\"]", 0, ExprType::Color),
              StyleValue(*parseCssColor("red")));
    EXPECT_EQ(parseExpressionText("[\"literal\", [1, [2]]]")->toJson(), "[\"literal\", [1, [2]]]");
}

TEST(Expression, GetHasAndZoom) {
    const MapFeature f{{"name", "大同"}, {"n", 3}, {"flag", false}};
    EXPECT_EQ(eval("[\"get\", \"name\"]", f), StyleValue("大同"));
    EXPECT_EQ(eval("[\"get\", \"n\"]", f), StyleValue(3));
    EXPECT_EQ(eval("[\"get\", \"flag\"]", f), StyleValue(false));
    EXPECT_TRUE(eval("[\"get\", \"missing\"]", f).isNull());
    EXPECT_EQ(eval("[\"has\", \"n\"]", f), StyleValue(true));
    EXPECT_EQ(eval("[\"has\", \"missing\"]", f), StyleValue(false));
    EXPECT_EQ(eval("[\"zoom\"]", 7.5), StyleValue(7.5));
    // Without a feature, attributes read as null.
    const auto e = parseExpressionText("[\"get\", \"name\"]");
    EXPECT_TRUE(e->evaluate(EvaluationContext{}).isNull());
}

TEST(Expression, DependencyFlags) {
    EXPECT_TRUE(parseExpressionText("[\"==\", 1, 1]")->isFeatureConstant());
    EXPECT_FALSE(parseExpressionText("[\"has\", \"a\"]")->isFeatureConstant());
    const auto e = parseExpressionText(
        "[\"interpolate\", [\"linear\"], [\"zoom\"], 5, 1, 10, [\"get\", \"w\"]]");
    EXPECT_FALSE(e->isFeatureConstant());
    EXPECT_FALSE(e->isZoomConstant());
    EXPECT_TRUE(parseExpressionText("[\"get\", \"w\"]")->isZoomConstant());
}

TEST(Expression, Match) {
    const std::string m =
        R"(["match", ["get", "g"], "铸造冶金", 1, ["装备制造", "新材料化工"], 2, 0])";
    EXPECT_EQ(eval(m, MapFeature{{"g", "铸造冶金"}}), StyleValue(1));
    EXPECT_EQ(eval(m, MapFeature{{"g", "新材料化工"}}), StyleValue(2));
    EXPECT_EQ(eval(m, MapFeature{{"g", "文化旅游"}}), StyleValue(0));
    EXPECT_EQ(eval(m, MapFeature{{"g", 3}}), StyleValue(0));  // wrong type → fallback
    EXPECT_EQ(eval(m, MapFeature{}), StyleValue(0));          // null → fallback
    const std::string n = R"(["match", ["get", "n"], 0, "zero", [1, 2], "few", "many"])";
    EXPECT_EQ(eval(n, MapFeature{{"n", 0}}), StyleValue("zero"));
    EXPECT_EQ(eval(n, MapFeature{{"n", 2}}), StyleValue("few"));
    EXPECT_EQ(eval(n, MapFeature{{"n", 2.5}}), StyleValue("many"));
    EXPECT_EQ(eval(n, MapFeature{{"n", "1"}}), StyleValue("many"));
    // Outputs are colours where a colour is expected.
    EXPECT_EQ(eval(R"(["match", ["get", "g"], "a", "#ff0000", "blue"])", MapFeature{{"g", "a"}}, 0,
                   ExprType::Color),
              StyleValue(*parseCssColor("#ff0000")));
    EXPECT_EQ(parseExpressionText(m)->toJson(),
              R"(["match", ["get", "g"], "铸造冶金", 1, ["装备制造", "新材料化工"], 2, 0])");
}

TEST(Expression, MatchIsCheckedWhenParsed) {
    EXPECT_EQ(parseError(R"(["match", ["get", "g"], "a", 1, 2, 3, 0])"),
              "<expression>:1: $[4]: match labels must all be of one type (expected string, "
              "found number)");
    EXPECT_EQ(parseError(R"(["match", ["get", "g"], "a", 1, "a", 2, 0])"),
              "<expression>:1: $[4]: duplicate match label \"a\"");
    EXPECT_EQ(parseError(R"(["match", ["get", "g"], true, 1, 0])"),
              "<expression>:1: $[2]: match labels must be literal strings or numbers");
    EXPECT_EQ(parseError(R"(["match", ["get", "g"], 1.5, 1, 0])"),
              "<expression>:1: $[2]: numeric match labels must be integers");
    EXPECT_EQ(parseError(R"(["match", ["get", "g"], [], 1, 0])"),
              "<expression>:1: $[2]: match label arrays must not be empty");
    EXPECT_EQ(parseError(R"(["match", ["get", "g"], "a", 1])"),
              "<expression>:1: $: \"match\" expects an input, label/output pairs and a fallback "
              "output");
    EXPECT_EQ(parseError(R"(["match", ["zoom"], "a", 1, 0])"),
              "<expression>:1: $[1]: match input is number but its labels are strings");
    EXPECT_EQ(parseError(R"(["match", ["get", "g"], "a", "#fff", 3])", ExprType::Color),
              "<expression>:1: $[4]: expected color, found number");
    EXPECT_EQ(parseError(R"(["match", ["get", "g"], "a", "#ffx", "red"])", ExprType::Color),
              "<expression>:1: $[3]: expected color, found \"#ffx\"");
}

TEST(Expression, Case) {
    const std::string c =
        R"(["case", ["==", ["get", "level"], "provincial"], 8, ["has", "level"], 5, 3])";
    EXPECT_EQ(eval(c, MapFeature{{"level", "provincial"}}), StyleValue(8));
    EXPECT_EQ(eval(c, MapFeature{{"level", "municipal"}}), StyleValue(5));
    EXPECT_EQ(eval(c, MapFeature{}), StyleValue(3));
    EXPECT_EQ(parseError(R"(["case", "yes", 1, 0])"),
              "<expression>:1: $[1]: expected boolean, found string");
    EXPECT_EQ(parseError(R"(["case", true, 1])"),
              "<expression>:1: $: \"case\" expects condition/output pairs and a fallback output");
}

TEST(Expression, Step) {
    const std::string s = R"(["step", ["get", "n"], "none", 1, "one", 2, "two", 3, "many"])";
    EXPECT_EQ(eval(s, MapFeature{{"n", 0}}), StyleValue("none"));
    EXPECT_EQ(eval(s, MapFeature{{"n", 1}}), StyleValue("one"));
    EXPECT_EQ(eval(s, MapFeature{{"n", 2.9}}), StyleValue("two"));
    EXPECT_EQ(eval(s, MapFeature{{"n", 3}}), StyleValue("many"));
    EXPECT_EQ(eval(s, MapFeature{{"n", 300}}), StyleValue("many"));
    EXPECT_EQ(eval(s, MapFeature{{"n", -1}}), StyleValue("none"));
    EXPECT_TRUE(eval(s, MapFeature{{"n", "2"}}).isError());  // not a number
    EXPECT_EQ(eval(R"(["step", ["zoom"], 1, 8, 2])", 8), StyleValue(2));
    EXPECT_EQ(parseError(R"(["step", ["get", "n"], 0, 2, 1, 1, 2])"),
              "<expression>:1: $[5]: step stop inputs must be in strictly ascending order (1 after "
              "2)");
    EXPECT_EQ(parseError(R"(["step", ["get", "n"], 0, 1, 1, 1, 2])"),
              "<expression>:1: $[5]: step stop inputs must be in strictly ascending order (1 after "
              "1)");
    EXPECT_EQ(parseError(R"(["step", ["get", "n"], 0, "1", 1])"),
              "<expression>:1: $[3]: step stop inputs must be number literals, found string");
    EXPECT_EQ(parseError(R"(["step", "n", 0, 1, 1])"),
              "<expression>:1: $[1]: expected number, found string");
    EXPECT_EQ(parseError(R"(["step", ["get", "n"], 0])"),
              "<expression>:1: $: \"step\" expects an input, a first output and stop/output pairs");
}

TEST(Expression, InterpolateLinearExponentialAndColours) {
    const std::string lin = R"(["interpolate", ["linear"], ["zoom"], 5, 1, 10, 3])";
    EXPECT_EQ(eval(lin, 0), StyleValue(1));
    EXPECT_EQ(eval(lin, 5), StyleValue(1));
    EXPECT_EQ(eval(lin, 7.5), StyleValue(2));
    EXPECT_EQ(eval(lin, 10), StyleValue(3));
    EXPECT_EQ(eval(lin, 20), StyleValue(3));
    const std::string ex = R"(["interpolate", ["exponential", 2], ["zoom"], 0, 0, 2, 3])";
    EXPECT_DOUBLE_EQ(eval(ex, 1).asNumber(), 1.0);  // (2^1-1)/(2^2-1) * 3
    const std::string col =
        R"(["interpolate", ["linear"], ["get", "v"], 0, "#000000", 10, "#ffffff"])";
    EXPECT_EQ(eval(col, MapFeature{{"v", 5}}, 0, ExprType::Color).asColor().toString(), "#808080");
    EXPECT_TRUE(eval(col, MapFeature{{"v", "x"}}, 0, ExprType::Color).isError());
    // Without an expected type the outputs are strings, which MapLibre does
    // not interpolate.
    EXPECT_EQ(parseError(col), "<expression>:1: $: type string is not interpolatable");
    EXPECT_EQ(parseExpressionText(ex)->toJson(),
              R"(["interpolate", ["exponential", 2], ["zoom"], 0, 0, 2, 3])");
    EXPECT_EQ(parseError(R"(["interpolate", ["cubic-bezier", 0, 0, 2, 1], ["zoom"], 0, 0, 1, 1])"),
              "<expression>:1: $[1]: [\"cubic-bezier\", x1, y1, x2, y2] needs four numbers from 0 "
              "to 1");
    EXPECT_EQ(parseError(R"(["interpolate", ["exponential", "2"], ["zoom"], 0, 0, 1, 1])"),
              "<expression>:1: $[1]: [\"exponential\", base] needs a number base");
    EXPECT_EQ(parseError(R"(["interpolate", ["linear"], ["zoom"], 0, "a", 1, "b"])"),
              "<expression>:1: $: type string is not interpolatable");
    EXPECT_EQ(parseError(R"(["interpolate", ["linear"], ["zoom"], 0, 0, 1, 1])", ExprType::String),
              "<expression>:1: $[4]: expected string, found number");
    EXPECT_EQ(parseError(R"(["interpolate", ["linear"], ["zoom"], 0, null, 1, null])"),
              "<expression>:1: $: type null is not interpolatable");
    EXPECT_EQ(parseError(R"(["interpolate", ["linear"], ["zoom"], 2, 0, 1, 1])"),
              "<expression>:1: $[5]: interpolate stop inputs must be in strictly ascending order "
              "(1 after 2)");
}

TEST(Expression, Comparisons) {
    const MapFeature f{{"n", 3}, {"s", "b"}};
    EXPECT_EQ(eval(R"(["==", ["get", "n"], 3])", f), StyleValue(true));
    EXPECT_EQ(eval(R"(["!=", ["get", "n"], 3])", f), StyleValue(false));
    EXPECT_EQ(eval(R"(["==", ["get", "n"], "3"])", f), StyleValue(false));  // no coercion
    EXPECT_EQ(eval(R"(["<", ["get", "n"], 4])", f), StyleValue(true));
    EXPECT_EQ(eval(R"(["<=", ["get", "n"], 3])", f), StyleValue(true));
    EXPECT_EQ(eval(R"([">", ["get", "n"], 3])", f), StyleValue(false));
    EXPECT_EQ(eval(R"([">=", ["get", "n"], 3])", f), StyleValue(true));
    EXPECT_EQ(eval(R"(["<", ["get", "s"], "c"])", f), StyleValue(true));
    EXPECT_TRUE(eval(R"(["<", ["get", "s"], 1])", f).isError());  // runtime type mismatch
    EXPECT_EQ(eval(R"(["==", ["get", "missing"], null])", f), StyleValue(true));
    EXPECT_EQ(parseError(R"(["==", ["literal", [1, 2]], ["literal", [1, 2]]])"),
              "<expression>:1: $[1]: \"==\" cannot compare values of type array<number, 2>");
    EXPECT_EQ(parseError(R"(["==", 1, "1"])"),
              "<expression>:1: $: cannot compare number with string");
    EXPECT_EQ(parseError(R"(["<", true, ["get", "x"]])"),
              "<expression>:1: $[1]: \"<\" cannot compare values of type boolean");
    // Two string constants compare as expressions (legacy filters are
    // told apart where a filter is parsed).
    EXPECT_EQ(eval(R"(["==", "level", "provincial"])"), StyleValue(false));
    EXPECT_EQ(parseError(R"(["==", 1])"), "<expression>:1: $: \"==\" expects two arguments");
}

TEST(Expression, LogicAndIn) {
    const MapFeature f{{"a", true}, {"s", "新能源汽车"}};
    EXPECT_EQ(eval(R"(["!", ["get", "a"]])", f), StyleValue(false));
    EXPECT_EQ(eval(R"(["all", ["get", "a"], ["has", "s"]])", f), StyleValue(true));
    EXPECT_EQ(eval(R"(["all", ["get", "a"], ["has", "x"]])", f), StyleValue(false));
    EXPECT_EQ(eval(R"(["any", ["has", "x"], ["get", "a"]])", f), StyleValue(true));
    EXPECT_EQ(eval(R"(["all"])"), StyleValue(true));
    EXPECT_EQ(eval(R"(["any"])"), StyleValue(false));
    EXPECT_EQ(eval(R"(["in", ["get", "s"], ["literal", ["新能源汽车", "通用航空"]]])", f),
              StyleValue(true));
    EXPECT_EQ(eval(R"(["in", "能源", ["get", "s"]])", f), StyleValue(true));
    EXPECT_EQ(eval(R"(["in", "航空", ["get", "s"]])", f), StyleValue(false));
    // Constant operands are evaluated when parsed: their error is a parse error.
    EXPECT_EQ(parseError(R"(["in", 1, 2])"),
              "<expression>:1: $: expected a string or an array to search");
    EXPECT_EQ(parseError(R"(["!", 1])"), "<expression>:1: $[1]: expected boolean, found number");
}

TEST(Expression, CoalesceConcatAndConversions) {
    const MapFeature f{{"name", "阳曲县"}, {"n", 2}, {"t", "12.5"}, {"c", "#00ff00"}};
    EXPECT_EQ(eval(R"(["coalesce", ["get", "x"], ["get", "name"], "?"])", f), StyleValue("阳曲县"));
    EXPECT_EQ(eval(R"(["coalesce", ["get", "x"], "?"])", f), StyleValue("?"));
    EXPECT_EQ(eval(R"(["concat", ["get", "name"], " ", ["get", "n"], " 个", ["get", "x"]])", f),
              StyleValue("阳曲县 2 个"));
    EXPECT_EQ(eval(R"(["to-string", ["get", "n"]])", f), StyleValue("2"));
    EXPECT_EQ(eval(R"(["to-string", true])"), StyleValue("true"));
    EXPECT_EQ(eval(R"(["to-string", ["get", "x"]])", f), StyleValue(""));
    EXPECT_EQ(eval(R"(["to-string", "#ff0000"])", 0, ExprType::Value), StyleValue("#ff0000"));
    EXPECT_EQ(eval(R"(["to-number", ["get", "t"]])", f), StyleValue(12.5));
    EXPECT_EQ(eval(R"(["to-number", ["get", "name"], 7])", f), StyleValue(7));
    EXPECT_EQ(eval(R"(["to-number", true])"), StyleValue(1));
    EXPECT_EQ(eval(R"(["to-number", null])"), StyleValue(0));
    EXPECT_EQ(parseError(R"(["to-number", "abc"])"),
              "<expression>:1: $: could not convert to a number");
    EXPECT_EQ(eval(R"(["to-color", ["get", "c"]])", f).asColor().toString(), "#00ff00");
    EXPECT_EQ(eval(R"(["to-color", ["get", "name"], "red"])", f).asColor().toString(), "#ff0000");
    // A ["get"] where a colour is expected is converted at evaluation time.
    EXPECT_EQ(eval(R"(["get", "c"])", f, 0, ExprType::Color).asColor().toString(), "#00ff00");
    EXPECT_EQ(parseError(R"(["to-string", 1, 2])"),
              "<expression>:1: $: \"to-string\" expects one argument");
    EXPECT_EQ(eval(R"(["concat"])"), StyleValue(""));
    EXPECT_EQ(parseError(R"(["concat", "a"])", ExprType::Number),
              "<expression>:1: $: expected number, found string");
}

TEST(Expression, RejectsUnknownAndMalformedExpressions) {
    EXPECT_EQ(parseError(R"(["frobnicate", 1])"),
              "<expression>:1: $[0]: unknown expression operator \"frobnicate\"");
    EXPECT_EQ(parseError(R"(["heatmap-density"])"),
              "<expression>:1: $[0]: unsupported expression operator \"heatmap-density\"");
    EXPECT_EQ(parseError(R"([])"),
              "<expression>:1: $: an empty array is not an expression; write [\"literal\", []] for "
              "an empty array");
    EXPECT_EQ(parseError(R"([1, 2])"),
              "<expression>:1: $: expected an expression [\"operator\", …]; wrap array constants "
              "as [\"literal\", […]]");
    EXPECT_EQ(parseError(R"({"stops": [[0, 1]]})"),
              "<expression>:1: $: legacy functions ({\"stops\": …}) are only accepted as a whole "
              "property value; write an expression here");
    EXPECT_EQ(parseError(R"(["get", 1])"), "<expression>:1: $[1]: expected string, found number");
    EXPECT_EQ(parseError(R"(["get", "a", {}])"),
              "<expression>:1: $[2]: bare objects are not expressions; write [\"literal\", {…}]");
    EXPECT_EQ(parseError(R"(["zoom", 1])"), "<expression>:1: $: \"zoom\" expects no arguments");
    EXPECT_EQ(parseExpressionText("[\"literal\", {\"a\": 1}]")->type().toString(), "object");
    EXPECT_EQ(parseError("1", ExprType::Color), "<expression>:1: $: expected color, found number");
}

TEST(Expression, SlotsAndRowAdapter) {
    std::vector<std::string> attributes;
    const auto e = parseExpressionText(
        R"(["match", ["get", "sector_group"], "数字经济", ["get", "name"], ["get", "level"]])",
        ExprType::Value, &attributes);
    // Outputs are parsed before the input, as MapLibre does.
    ASSERT_EQ(attributes, (std::vector<std::string>{"name", "sector_group", "level"}));
    // The data layer's row type: std::variant<monostate, bool, double, string>.
    using Row = std::vector<std::variant<std::monostate, bool, double, std::string>>;
    const std::vector<std::string> columns{"id", "name", "level", "sector_group"};
    const ColumnBinding binding(attributes, columns);
    EXPECT_EQ(binding.column(1), 3);
    EXPECT_EQ(binding.column(0), 1);
    EXPECT_EQ(binding.column(7), -1);
    Row row{1.0, std::string("大同市云州区专业镇"), std::string("provincial"),
            std::string("数字经济")};
    RowFeatureView<Row> view(binding, row);
    EXPECT_EQ(e->evaluate(EvaluationContext{0, &view}), StyleValue("大同市云州区专业镇"));
    Row other{2.0, std::string("x"), std::string("municipal"), std::monostate{}};
    view.setRow(other);
    EXPECT_EQ(e->evaluate(EvaluationContext{0, &view}), StyleValue("municipal"));
    // A column the source lacks reads as null.
    const ColumnBinding partial(attributes, {"name"});
    RowFeatureView<Row> partialView(partial, row);
    EXPECT_TRUE(e->evaluate(EvaluationContext{0, &partialView}).isNull());
}

TEST(Expression, PropertyFallsBackToItsDefault) {
    const Property<double> constant(3.0);
    EXPECT_TRUE(constant.isConstant());
    EXPECT_EQ(constant.evaluate(EvaluationContext{}), 3.0);
    const Property<double> p(parseExpressionText(R"(["get", "r"])", ExprType::Number), 5.0);
    EXPECT_FALSE(p.isFeatureConstant());
    const MapFeature good{{"r", 8}}, bad{{"r", "big"}};
    EXPECT_EQ(p.evaluate(EvaluationContext{0, &good}), 8.0);
    EXPECT_EQ(p.evaluate(EvaluationContext{0, &bad}), 5.0);
    const Property<CircleShape> shape(
        parseExpressionText(R"(["match", ["get", "level"], "provincial", "star", "circle"])",
                            ExprType::String),
        CircleShape::Circle);
    const MapFeature prov{{"level", "provincial"}};
    EXPECT_EQ(shape.evaluate(EvaluationContext{0, &prov}), CircleShape::Star);
    const Property<std::string> text(parseExpressionText(R"(["get", "n"])"), std::string());
    const MapFeature num{{"n", 2}};
    EXPECT_EQ(text.evaluate(EvaluationContext{0, &num}), "2");
}

// ---------------------------------------------------------------- MapLibre semantics
// The differences issue 18 found between jinmap and MapLibre, one by one.

TEST(ExpressionSemantics, EvaluationErrorIsDefaultOrFalse) {
    // A non-boolean condition is an error, not false (or true).
    const MapFeature yes{{"x", "yes"}};
    const auto any = parseExpressionText(R"(["any", ["get", "x"], true])", ExprType::Bool);
    EXPECT_TRUE(any->evaluate(EvaluationContext{0, &yes}).isError());
    EXPECT_FALSE(any->evaluateFilter(EvaluationContext{0, &yes}));
    EXPECT_TRUE(eval(R"(["case", ["get", "x"], 1, 0])", yes).isError());
    EXPECT_TRUE(eval(R"(["all", ["get", "x"]])", yes, 0, ExprType::Bool).isError());
    // Short-circuiting: a decided any/all does not look further.
    EXPECT_EQ(eval(R"(["any", true, ["get", "x"]])", yes), StyleValue(true));
    // Properties fall back to their default on an error.
    const Property<double> width(parseExpressionText(R"(["*", ["get", "x"], 2])", ExprType::Number),
                                 1.5);
    EXPECT_EQ(width.evaluate(EvaluationContext{0, &yes}), 1.5);
    const MapFeature two{{"x", 2}};
    EXPECT_EQ(width.evaluate(EvaluationContext{0, &two}), 4.0);
    // Errors pass through coalesce (they are not null).
    EXPECT_TRUE(eval(R"(["coalesce", ["number", ["get", "x"]], 0])", yes).isError());
    EXPECT_EQ(eval(R"(["coalesce", ["get", "missing"], 0])", yes), StyleValue(0));
}

TEST(ExpressionSemantics, In) {
    EXPECT_EQ(eval(R"(["in", "", ""])"), StyleValue(false));  // an empty haystack holds nothing
    EXPECT_EQ(eval(R"(["in", "", "abc"])"), StyleValue(true));
    EXPECT_EQ(eval(R"(["in", null, "null"])"), StyleValue(true));  // String(null)
    EXPECT_EQ(eval(R"(["in", 1, "a1"])"), StyleValue(true));
    EXPECT_EQ(eval(R"(["in", null, ["literal", [null]]])"), StyleValue(true));
    const MapFeature f{{"n", 5}, {"zero", 0}};
    EXPECT_TRUE(eval(R"(["in", "a", ["get", "n"]])", f).isError());            // a number haystack
    EXPECT_EQ(eval(R"(["in", "a", ["get", "zero"]])", f), StyleValue(false));  // falsy: false
    EXPECT_EQ(parseError(R"(["in", ["literal", [1]], ["literal", [[1]]]])"),
              "<expression>:1: $: \"in\" looks for a boolean, string, number or null, found "
              "array<number, 1>");
}

TEST(ExpressionSemantics, ToStringAndToNumberAsJavaScript) {
    EXPECT_EQ(eval(R"~(["to-string", ["to-color", "rgba(10, 20, 30, 0.3)"]])~"),
              StyleValue("rgba(10,20,30,0.3)"));
    EXPECT_EQ(eval(R"(["to-string", 0.1])"), StyleValue("0.1"));
    EXPECT_EQ(eval(R"(["to-string", 1e21])"), StyleValue("1e+21"));
    EXPECT_EQ(eval(R"(["to-string", 123456789012])"), StyleValue("123456789012"));
    EXPECT_EQ(eval(R"(["to-string", ["literal", [1, "a", null]]])"), StyleValue(R"([1,"a",null])"));
    EXPECT_EQ(eval(R"(["to-string", ["literal", {"a": [true]}]])"), StyleValue(R"({"a":[true]})"));
    const MapFeature f{{"empty", ""},  {"hex", "0x10"},      {"tab", "\t5 "}, {"nan", "nan"},
                       {"inf", "inf"}, {"Inf", "-Infinity"}, {"exp", "1e3"}};
    auto num = [&](const char* key) {
        return eval(std::string(R"(["to-number", ["get", ")") + key + "\"]]", f);
    };
    EXPECT_EQ(num("empty"), StyleValue(0));
    EXPECT_EQ(num("hex"), StyleValue(16));
    EXPECT_EQ(num("tab"), StyleValue(5));
    EXPECT_TRUE(num("nan").isError());
    EXPECT_TRUE(num("inf").isError());
    EXPECT_EQ(num("Inf"), StyleValue(-std::numeric_limits<double>::infinity()));
    EXPECT_EQ(num("exp"), StyleValue(1000));
    EXPECT_EQ(eval(R"(["to-number", ["literal", [7]]])"), StyleValue(7));  // Number([7])
}

TEST(ExpressionSemantics, CoalesceInAColourPropertyFailsOnANonColour) {
    const Property<Color> fill(
        parseExpressionText(R"(["coalesce", ["get", "c"], "red"])", ExprType::Color),
        Color::black());
    const MapFeature bad{{"c", "not a colour"}}, none{}, good{{"c", "#00ff00"}};
    EXPECT_EQ(fill.evaluate(EvaluationContext{0, &bad}), Color::black());  // the default
    EXPECT_EQ(fill.evaluate(EvaluationContext{0, &none}).toString(), "#ff0000");
    EXPECT_EQ(fill.evaluate(EvaluationContext{0, &good}).toString(), "#00ff00");
}

TEST(ExpressionSemantics, StringsCompareByUtf16CodeUnits) {
    // U+FF5E (BMP, above the surrogates) sorts after U+1F600 in UTF-16,
    // before it in UTF-8 bytes and code points.
    const MapFeature f{{"a", "\xEF\xBD\x9E"}, {"b", "\xF0\x9F\x98\x80"}};
    EXPECT_EQ(eval(R"(["<", ["get", "b"], ["get", "a"]])", f), StyleValue(true));
    EXPECT_EQ(eval(R"(["<", "太原", "大同"])"), StyleValue(false));
    EXPECT_EQ(compareUtf16("abc", "abd"), -1);
    EXPECT_EQ(compareUtf16("ab", "abc"), -1);
    EXPECT_EQ(compareUtf16("同", "同"), 0);
}

TEST(ExpressionSemantics, HasTellsPresentNullFromMissing) {
    MapFeature f;
    f.set("present", StyleValue());
    EXPECT_EQ(eval(R"(["has", "present"])", f), StyleValue(true));
    EXPECT_EQ(eval(R"(["has", "missing"])", f), StyleValue(false));
    EXPECT_TRUE(eval(R"(["get", "present"])", f).isNull());
    // A data row has no "present null": SQL NULL reads as absent, as in
    // vector tiles.
    using Row = std::vector<std::variant<std::monostate, bool, double, std::string>>;
    std::vector<std::string> attributes;
    const auto has = parseExpressionText(R"(["has", "level"])", ExprType::Bool, &attributes);
    const ColumnBinding binding(attributes, {"level"});
    const Row row{std::monostate{}};
    RowFeatureView<Row> view(binding, row);
    EXPECT_EQ(has->evaluate(EvaluationContext{0, &view}), StyleValue(false));
}

TEST(ExpressionSemantics, ParseTimeStrictnessBothWays) {
    // Rejected, as MapLibre rejects them.
    EXPECT_EQ(parseError(R"(["<", null, ["get", "x"]])"),
              "<expression>:1: $[1]: \"<\" cannot compare values of type null");
    EXPECT_EQ(
        parseError(R"(["match", ["get", "x"], 9007199254740993, 1, 0])"),
        "<expression>:1: $[2]: numeric match labels must be integers no larger than 2^53 - 1");
    EXPECT_NE(parseError(R"(["interpolate", ["linear"], ["zoom"], 0, null, 1, null])"), "no error");
    // Accepted, as MapLibre accepts them.
    EXPECT_EQ(eval(R"(["concat"])"), StyleValue(""));
    EXPECT_EQ(eval(R"(["interpolate", ["linear", 0.5], ["zoom"], 0, 0, 10, 10])", 5),
              StyleValue(5));
    EXPECT_EQ(eval(R"(["==", "a", "a"])"), StyleValue(true));
    EXPECT_EQ(eval(R"(["interpolate", ["linear"], ["zoom"], 0, ["literal", [0, 10]], 10,
                        ["literal", [10, 20]]])",
                   5),
              StyleValue(StyleArray{5, 15}));
}

TEST(ExpressionSemantics, ZoomOnlyAsTheTopLevelCurveOfAProperty) {
    auto property = [](const std::string& json) {
        const json::Document doc = json::parse(json, "<p>");
        Diagnostics d("<p>", json);
        std::vector<std::string> attributes;
        ExpressionContext ctx{d, attributes};
        PropertyExpressionSpec spec;
        spec.type = ExprType::Number;
        try {
            parsePropertyExpression(doc.root, "$", spec, ctx);
        } catch (const Error& e) {
            return std::string(e.what());
        }
        return std::string("ok");
    };
    EXPECT_EQ(property(R"(["interpolate", ["linear"], ["zoom"], 0, 1, 10, 5])"), "ok");
    EXPECT_EQ(property(R"(["+", 1, ["step", ["zoom"], 0, 5, 1]])"),
              "<p>:1: $: [\"zoom\"] may only be used as the input of a top-level \"step\" or "
              "\"interpolate\" expression");
    EXPECT_EQ(property(R"(["step", ["zoom"], 0, 5, ["step", ["zoom"], 1, 8, 2]])"),
              "<p>:1: $: only one zoom-based \"step\" or \"interpolate\" may be used in an "
              "expression");
    EXPECT_EQ(property(R"(["*", ["zoom"], 2])"),
              "<p>:1: $: [\"zoom\"] may only be used as the input of a top-level \"step\" or "
              "\"interpolate\" expression");
}

// ---------------------------------------------------------------- new operators

TEST(ExpressionOperators, TypeAssertionsAndConversions) {
    const MapFeature f{{"n", 3}, {"s", "a"}};
    EXPECT_EQ(eval(R"(["number", ["get", "s"], ["get", "n"]])", f), StyleValue(3));
    EXPECT_TRUE(eval(R"(["number", ["get", "s"]])", f).isError());
    EXPECT_EQ(eval(R"(["string", ["get", "s"]])", f), StyleValue("a"));
    EXPECT_TRUE(eval(R"(["boolean", ["get", "n"]])", f).isError());
    EXPECT_EQ(eval(R"(["array", "number", 2, ["literal", [1, 2]]])"), StyleValue(StyleArray{1, 2}));
    EXPECT_EQ(parseError(R"(["array", "number", 3, ["literal", [1, 2]]])"),
              "<expression>:1: $: value has the wrong type");
    EXPECT_EQ(eval(R"(["to-boolean", ""])"), StyleValue(false));
    EXPECT_EQ(eval(R"(["to-boolean", "0"])"), StyleValue(true));
    EXPECT_EQ(eval(R"(["to-boolean", ["get", "n"]])", f), StyleValue(true));
    EXPECT_EQ(eval(R"(["typeof", ["get", "n"]])", f), StyleValue("number"));
    EXPECT_EQ(eval(R"(["typeof", ["literal", [1, 2]]])"), StyleValue("array<number, 2>"));
    EXPECT_EQ(eval(R"(["typeof", ["literal", [1, "a"]]])"), StyleValue("array<value, 2>"));
}

TEST(ExpressionOperators, StringsAndArrays) {
    const MapFeature f{{"name", "大同市云州区"}};
    EXPECT_EQ(eval(R"(["length", ["get", "name"]])", f), StyleValue(6));  // code points
    EXPECT_EQ(eval(R"(["length", ["literal", [1, 2, 3]]])"), StyleValue(3));
    EXPECT_EQ(eval(R"(["slice", ["get", "name"], 0, 3])", f), StyleValue("大同市"));
    EXPECT_EQ(eval(R"(["slice", ["get", "name"], -3])", f), StyleValue("云州区"));
    EXPECT_EQ(eval(R"(["slice", ["literal", [1, 2, 3]], 1])"), StyleValue(StyleArray{2, 3}));
    EXPECT_EQ(eval(R"(["index-of", "云州", ["get", "name"]])", f), StyleValue(3));
    EXPECT_EQ(eval(R"(["index-of", "x", ["get", "name"]])", f), StyleValue(-1));
    EXPECT_EQ(eval(R"(["index-of", 2, ["literal", [1, 2, 3, 2]], 2])"), StyleValue(3));
    EXPECT_EQ(eval(R"(["at", 1, ["literal", ["a", "b"]]])"), StyleValue("b"));
    EXPECT_EQ(eval(R"(["upcase", "straße"])"), StyleValue("STRASSE"));  // full case mapping
    EXPECT_EQ(eval(R"(["downcase", "ÀB"])"), StyleValue("àb"));
    EXPECT_EQ(eval(R"(["join", ["split", "a,b,c", ","], "/"])"), StyleValue("a/b/c"));
}

TEST(ExpressionOperators, NumberFormatForLabels) {
    // "130亿元" from a figure in 元, as a label would show it.
    const MapFeature f{{"value", 1.3e10}};
    EXPECT_EQ(eval(R"(["concat", ["number-format", ["/", ["get", "value"], 1e8],
                                  {"max-fraction-digits": 1}], "亿元"])",
                   f),
              StyleValue("130亿元"));
    EXPECT_EQ(eval(R"(["number-format", 123456.789, {}])"), StyleValue("123,456.789"));
    EXPECT_EQ(eval(R"(["number-format", 123456.789, {"locale": "zh-CN", "currency": "CNY"}])"),
              StyleValue("¥123,456.79"));
    EXPECT_EQ(eval(R"(["number-format", 0.125, {"max-fraction-digits": 2}])"),
              StyleValue("0.13"));  // halves away from zero, as Intl.NumberFormat
    EXPECT_EQ(eval(R"(["number-format", 1234.5, {"locale": "de-DE", "min-fraction-digits": 2}])"),
              StyleValue("1.234,50"));
    EXPECT_EQ(parseError(R"(["number-format", 1, {"locale": "not a locale!"}])"),
              "<expression>:1: $: invalid number-format locale");
    EXPECT_EQ(parseError(R"(["number-format", 1, {"currency": "EUR", "unit": "meter"}])"),
              "<expression>:1: $[2]: number-format options \"currency\" and \"unit\" are mutually "
              "exclusive");
}

TEST(ExpressionOperators, LetVarAndMath) {
    const MapFeature f{{"v", 4}};
    EXPECT_EQ(eval(R"(["let", "x", ["get", "v"], "y", 2, ["*", ["var", "x"], ["var", "y"]]])", f),
              StyleValue(8));
    EXPECT_EQ(parseError(R"(["var", "x"])"),
              "<expression>:1: $[1]: unknown variable \"x\" (bind it in an enclosing \"let\")");
    EXPECT_EQ(parseError(R"(["let", "a-b", 1, 2])"),
              "<expression>:1: $[1]: variable names must contain only letters, digits and '_'");
    // Each use of a variable evaluates its binding: nesting that doubles
    // per level is refused rather than left to take exponential time.
    std::string nested = R"(["get", "v"])";
    for (int i = 0; i < 30; ++i)
        nested = R"(["let", "a", )" + nested + R"(, ["+", ["var", "a"], ["var", "a"]]])";
    EXPECT_NE(parseError(nested).find("expression too complex"), std::string::npos);
    EXPECT_EQ(eval(R"(["+", 1, 2, 3])"), StyleValue(6));
    EXPECT_EQ(eval(R"(["-", 5])"), StyleValue(-5));
    EXPECT_EQ(eval(R"(["%", 7, 4])"), StyleValue(3));
    EXPECT_EQ(eval(R"(["round", -2.5])"), StyleValue(-3));  // halves away from zero
    EXPECT_EQ(eval(R"(["max", 1, 5, 3])"), StyleValue(5));
    EXPECT_EQ(eval(R"(["to-rgba", ["rgba", 255, 0, 0, 0.5]])"),
              StyleValue(StyleArray{255, 0, 0, 0.5}));
    EXPECT_EQ(parseError(R"(["rgb", 300, 0, 0])"),
              "<expression>:1: $: rgba channels must be between 0 and 255");
}

TEST(ExpressionOperators, InterpolationCurvesAndColourSpaces) {
    const std::string bezier =
        R"(["interpolate", ["cubic-bezier", 0.42, 0, 0.58, 1], ["zoom"], 0, 0, 10, 100])";
    EXPECT_NEAR(eval(bezier, 5).asNumber(), 50, 1e-6);  // symmetric ease-in-out
    EXPECT_LT(eval(bezier, 2).asNumber(), 20);          // slower at the start
    const std::string hcl = R"(["interpolate-hcl", ["linear"], ["zoom"], 0, "red", 10, "blue"])";
    const std::string lab = R"(["interpolate-lab", ["linear"], ["zoom"], 0, "red", 10, "blue"])";
    EXPECT_EQ(eval(hcl, 0).asColor().toString(), "#ff0000");
    EXPECT_EQ(eval(lab, 10).asColor().toString(), "#0000ff");
    EXPECT_NE(eval(hcl, 5).asColor(), eval(lab, 5).asColor());
    EXPECT_EQ(parseExpressionText(hcl)->type().toString(), "color");
}

TEST(ExpressionOperators, LegacyFunctionsAreConvertedWithAWarning) {
    const std::string style = R"({"version": 8,
      "sources": {"c": {"type": "vector", "jinmap:table": "towns"}},
      "layers": [{"id": "t", "type": "circle", "source": "c", "paint": {
        "circle-radius": {"stops": [[5, 2], [10, 6]]},
        "circle-color": {"property": "level", "type": "categorical",
                         "stops": [["provincial", "#d62728"]], "default": "#1f77b4"},
        "circle-stroke-width": {"property": "rank", "type": "identity"}}}]})";
    const ParseResult r = parseStyleText(style, "legacy.json");
    ASSERT_EQ(r.warnings.size(), 3u);
    EXPECT_NE(
        r.warnings[0].message.find("legacy function converted to the expression "
                                   "[\"interpolate\", [\"linear\"], [\"zoom\"], 5, 2, 10, 6]"),
        std::string::npos)
        << r.warnings[0].message;
    const Layer& layer = r.style->layers.front();
    const MapFeature prov{{"level", "provincial"}, {"rank", 3}}, other{{"level", "municipal"}};
    EXPECT_EQ(layer.circle()->radius.evaluate(EvaluationContext{7.5, &prov}), 4.0);
    EXPECT_EQ(layer.circle()->color.evaluate(EvaluationContext{0, &prov}).toString(), "#d62728");
    EXPECT_EQ(layer.circle()->color.evaluate(EvaluationContext{0, &other}).toString(), "#1f77b4");
    EXPECT_EQ(layer.circle()->strokeWidth.evaluate(EvaluationContext{0, &prov}), 3.0);
    EXPECT_EQ(layer.circle()->strokeWidth.evaluate(EvaluationContext{0, &other}), 0.0);
}

TEST(Expression, CommonShapesEvaluateWithoutAllocating) {
    std::vector<std::string> attributes;
    const Property<Color> fill(
        parseExpressionText(R"(["match", ["get", "prefecture_adcode"], "140100", "#8dd3c7",
                               "140200", "#ffffb3", "#d9d9d9"])",
                            ExprType::Color, &attributes),
        Color::black());
    const Property<double> radius(
        parseExpressionText(R"(["step", ["get", "town_count"], 1, 1, 2, 3, 4])", ExprType::Number,
                            &attributes),
        5.0);
    const auto filter = parseExpressionText(
        R"(["all", ["==", ["get", "coverage"], "none-and-longer-than-small-strings"],
               [">=", ["get", "town_count"], 0]])",
        ExprType::Bool, &attributes);
    const Property<double> width(1.5);
    const Property<double> size(
        parseExpressionText(R"(["case", ["==", ["get", "coverage"], "none"], 8,
                               ["<", ["get", "town_count"], 3], 6, 4])",
                            ExprType::Number, &attributes),
        5.0);
    using Row = std::vector<std::variant<std::monostate, bool, double, std::string>>;
    const ColumnBinding binding(attributes, {"prefecture_adcode", "town_count", "coverage"});
    // A long string, so that copying it would have to allocate.
    const Row row{std::string("140200"), 2.0, std::string("none-and-longer-than-small-strings")};
    RowFeatureView<Row> view(binding, row);
    const EvaluationContext ctx{8, &view};

    gAllocations = 0;
    gCounting = true;
    const Color c = fill.evaluate(ctx);
    const double r = radius.evaluate(ctx);
    const bool pass = filter->evaluateFilter(ctx);
    const double w = width.evaluate(ctx);
    const double sz = size.evaluate(ctx);
    gCounting = false;
    EXPECT_EQ(gAllocations.load(), 0);
    EXPECT_EQ(c.toString(), "#ffffb3");
    EXPECT_EQ(r, 2.0);
    EXPECT_TRUE(pass);
    EXPECT_EQ(w, 1.5);
    EXPECT_EQ(sz, 6.0);
}

}  // namespace
}  // namespace jinmap
