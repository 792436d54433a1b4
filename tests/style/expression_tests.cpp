// Expressions: parse-time checks and evaluation of every operator.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>
#include <variant>

#include "base/error.h"
#include "style/expression.h"
#include "style/property.h"
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
                ExprType expected = ExprType::Value) {
    const ExpressionPtr e = parseExpressionText(json, expected);
    return e->evaluate(EvaluationContext{zoom, &f});
}

StyleValue eval(const std::string& json, double zoom = 0, ExprType expected = ExprType::Value) {
    return eval(json, MapFeature{}, zoom, expected);
}

std::string parseError(const std::string& json, ExprType expected = ExprType::Value) {
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
    gCounting = false;
    EXPECT_EQ(gAllocations.load(), 0);
    EXPECT_EQ(c.toString(), "#ffffb3");
    EXPECT_EQ(r, 2.0);
    EXPECT_TRUE(pass);
    EXPECT_EQ(w, 1.5);
}

}  // namespace
}  // namespace jinmap
