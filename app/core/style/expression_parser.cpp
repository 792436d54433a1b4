// Builds typed expression trees from JSON as MapLibre's ParsingContext does:
// each operator checks its arguments against the types it expects, inserts
// the implicit assertions and coercions, and folds constant sub-expressions
// (an evaluation error while folding is a parse error, as in MapLibre).
#include <algorithm>
#include <cmath>
#include <functional>
#include <set>

#include "base/error.h"
#include "style/diagnostics.h"
#include "style/expression.h"
#include "style/expression_nodes.h"
#include "style/json.h"

namespace jinmap {

namespace {

using Kind = Expression::Kind;

// MapLibre operators this engine does not implement: named in errors as
// "unsupported" rather than "unknown", and recognised by looksLikeExpression.
const char* const kUnsupportedOperators[] = {
    "accumulated",     "collator",   "distance",        "elevation",
    "feature-state",   "format",     "geometry-type",   "global-state",
    "heatmap-density", "id",         "image",           "is-supported-script",
    "line-progress",   "properties", "resolved-locale", "within",
};

const char* const kMathOperators[] = {"+",   "*",     "-",     "/",     "%",    "^",    "e",
                                      "pi",  "ln2",   "sqrt",  "log10", "ln",   "log2", "sin",
                                      "cos", "tan",   "asin",  "acos",  "atan", "min",  "max",
                                      "abs", "round", "floor", "ceil"};

const char* const kSupportedOperators[] = {
    "!",
    "!=",
    "<",
    "<=",
    "==",
    ">",
    ">=",
    "all",
    "any",
    "array",
    "at",
    "boolean",
    "case",
    "coalesce",
    "concat",
    "downcase",
    "error",
    "get",
    "has",
    "in",
    "index-of",
    "interpolate",
    "interpolate-hcl",
    "interpolate-lab",
    "join",
    "length",
    "let",
    "literal",
    "match",
    "number",
    "number-format",
    "object",
    "rgb",
    "rgba",
    "semiliteral",
    "slice",
    "split",
    "step",
    "string",
    "to-boolean",
    "to-color",
    "to-number",
    "to-rgba",
    "to-string",
    "typeof",
    "upcase",
    "var",
    "zoom",
};

bool contains(const char* const* first, const char* const* last, const std::string& name) {
    return std::any_of(first, last, [&](const char* op) { return name == op; });
}

bool isMath(const std::string& op) {
    return contains(std::begin(kMathOperators), std::end(kMathOperators), op);
}

bool isSupported(const std::string& op) {
    return isMath(op) ||
           contains(std::begin(kSupportedOperators), std::end(kSupportedOperators), op);
}

bool isUnsupported(const std::string& op) {
    return contains(std::begin(kUnsupportedOperators), std::end(kUnsupportedOperators), op);
}

// Upper bound of Expression::cost() (a style's expressions visit far fewer
// nodes per feature).
constexpr double kMaxCost = 1e5;

// How a result whose type is known only at run time is fitted to the
// expected type (MapLibre's typeAnnotation option).
enum class Annotation { Default, Coerce, Omit };

class ExpressionParser {
  public:
    explicit ExpressionParser(ExpressionContext& ctx) : ctx_(ctx) {}

    ExpressionPtr parse(const json::Value& v, const std::string& path, const Type& expected,
                        Annotation annotation = Annotation::Default) {
        return parse(v, path, &expected, annotation);
    }

    // `expected` null: no expectation (MapLibre's null expectedType).
    ExpressionPtr parse(const json::Value& v, const std::string& path, const Type* expected,
                        Annotation annotation = Annotation::Default) {
        ExpressionPtr e;
        switch (v.type()) {
            case json::Type::Array:
                e = parseCall(v, path, expected);
                break;
            case json::Type::Object:
                fail(v, path,
                     isLegacyFunction(v)
                         ? "legacy functions ({\"stops\": …}) are only accepted as a whole "
                           "property value; write an expression here"
                         : "bare objects are not expressions; write [\"literal\", {…}]");
            default:
                e = std::make_shared<expr::Literal>(literalValue(v, path));
                break;
        }
        if (expected) e = annotate(std::move(e), v, path, *expected, annotation);
        // Variables re-evaluate what they are bound to, so nested lets can
        // make an expression exponentially expensive: refuse those.
        if (e->cost() > kMaxCost)
            fail(v, path, "expression too complex to evaluate per feature (nested variables?)");
        return fold(std::move(e), v, path);
    }

    // The "zoom curve" rule of property expressions (MapLibre's findZoomCurve).
    const Expression* zoomCurve(const Expression& e, const json::Value& at,
                                const std::string& path) const {
        // Each child is visited once (nested let/coalesce would otherwise
        // be visited twice per level).
        const std::vector<const Expression*> children = e.children();
        std::vector<const Expression*> childResults;
        childResults.reserve(children.size());
        for (const Expression* child : children)
            childResults.push_back(zoomCurve(*child, at, path));
        const Expression* result = nullptr;
        if (e.kind() == Kind::Let) {
            result = childResults.back();  // the let's result expression
        } else if (e.kind() == Kind::Coalesce) {
            for (const Expression* r : childResults)
                if ((result = r)) break;
        } else if ((e.kind() == Kind::Step &&
                    static_cast<const expr::Step&>(e).input->kind() == Kind::Zoom) ||
                   (e.kind() == Kind::Interpolate &&
                    static_cast<const expr::Interpolate&>(e).input->kind() == Kind::Zoom)) {
            result = &e;
        }
        for (const Expression* childResult : childResults) {
            if (!result && childResult)
                fail(at, path,
                     "[\"zoom\"] may only be used as the input of a top-level \"step\" or "
                     "\"interpolate\" expression");
            if (result && childResult && result != childResult)
                fail(at, path,
                     "only one zoom-based \"step\" or \"interpolate\" may be used in an "
                     "expression");
        }
        return result;
    }

  private:
    [[noreturn]] void fail(const json::Value& at, const std::string& path,
                           const std::string& message) const {
        ctx_.diagnostics.fail(at.offset(), path, message);
    }

    std::string at(const std::string& path, std::size_t i) const {
        return json::childPath(path, i);
    }

    // MapLibre's annotation of a parsed expression against the expected type.
    ExpressionPtr annotate(ExpressionPtr e, const json::Value& v, const std::string& path,
                           const Type& expected, Annotation annotation) const {
        const ExprType want = expected.kind;
        const ExprType have = e->type().kind;
        const bool assertable = want == ExprType::String || want == ExprType::Number ||
                                want == ExprType::Bool || want == ExprType::Object ||
                                want == ExprType::Array;
        if (assertable && have == ExprType::Value) {
            if (annotation == Annotation::Omit) return e;
            if (annotation == Annotation::Coerce) return coercion(expected, std::move(e));
            return assertion(expected, {std::move(e)});
        }
        if (want == ExprType::Color && (have == ExprType::Value || have == ExprType::String)) {
            if (annotation == Annotation::Omit) return e;
            // A colour literal is checked here, with the string in the message.
            if (e->kind() == Kind::Literal) {
                const StyleValue& s = static_cast<const expr::Literal&>(*e).value;
                if (s.isString() && !parseCssColor(s.asString()))
                    fail(v, path, "expected color, found \"" + s.asString() + "\"");
            }
            return coercion(expected, std::move(e));
        }
        if (!isSubtype(expected, e->type()))
            fail(v, path, "expected " + expected.toString() + ", found " + e->type().toString());
        return e;
    }

    static ExpressionPtr assertion(const Type& type, std::vector<ExpressionPtr> operands) {
        const char* name = type.kind == ExprType::Number   ? "number"
                           : type.kind == ExprType::String ? "string"
                           : type.kind == ExprType::Bool   ? "boolean"
                           : type.kind == ExprType::Object ? "object"
                                                           : "array";
        auto call = std::make_shared<expr::Call>(Kind::Assertion, name, type, std::move(operands));
        if (type.kind == ExprType::Array && (type.item != ExprType::Value || type.length >= 0)) {
            call->prefix = std::string(", \"") + exprTypeName(type.item) + "\"";
            if (type.length >= 0) call->prefix += ", " + std::to_string(type.length);
        }
        return call;
    }

    static ExpressionPtr coercion(const Type& type, ExpressionPtr e) {
        const Kind kind = type.kind == ExprType::Color    ? Kind::ToColor
                          : type.kind == ExprType::Number ? Kind::ToNumber
                          : type.kind == ExprType::Bool   ? Kind::ToBoolean
                                                          : Kind::ToString;
        const char* name = kind == Kind::ToColor     ? "to-color"
                           : kind == Kind::ToNumber  ? "to-number"
                           : kind == Kind::ToBoolean ? "to-boolean"
                                                     : "to-string";
        return std::make_shared<expr::Call>(
            kind, name, type.kind == ExprType::Array ? Type(ExprType::String) : type,
            std::vector<ExpressionPtr>{std::move(e)});
    }

    // MapLibre's isExpressionConstant: operands already folded to literals
    // (annotations and variables looked through), no feature or zoom input.
    static bool isConstant(const Expression& e) {
        if (e.kind() == Kind::Var) return isConstant(*static_cast<const expr::Var&>(e).bound);
        if (e.kind() == Kind::Error) return false;
        const bool annotation = e.kind() == Kind::Assertion || e.kind() == Kind::ToColor ||
                                e.kind() == Kind::ToNumber || e.kind() == Kind::ToString ||
                                e.kind() == Kind::ToBoolean;
        for (const Expression* child : e.children()) {
            if (annotation) {
                if (!isConstant(*child)) return false;
            } else if (child->kind() != Kind::Literal) {
                return false;
            }
        }
        return e.isFeatureConstant() && e.isZoomConstant();
    }

    ExpressionPtr fold(ExpressionPtr e, const json::Value& v, const std::string& path) const {
        if (e->kind() == Kind::Literal || !isConstant(*e)) return e;
        StyleValue value = e->evaluate(EvaluationContext{});
        if (value.isError()) fail(v, path, value.errorMessage());
        return std::make_shared<expr::Literal>(std::move(value), e->type());
    }

    StyleValue literalValue(const json::Value& v, const std::string& path) const {
        switch (v.type()) {
            case json::Type::Null:
                return {};
            case json::Type::Bool:
                return v.asBool();
            case json::Type::Number:
                return v.asNumber();
            case json::Type::String:
                return v.asString();
            case json::Type::Array: {
                StyleArray items;
                items.reserve(v.items().size());
                for (std::size_t i = 0; i < v.items().size(); ++i)
                    items.push_back(literalValue(v.items()[i], at(path, i)));
                return items;
            }
            case json::Type::Object: {
                StyleObject members;
                for (const auto& m : v.members())
                    members.emplace_back(m.key,
                                         literalValue(m.value, json::childPath(path, m.key)));
                return members;
            }
        }
        return {};
    }

    void arity(const json::Value& v, const std::string& path, const std::string& op, bool ok,
               const char* expectation) const {
        if (!ok) fail(v, path, "\"" + op + "\" expects " + expectation);
    }

    int slotFor(const std::string& name) {
        auto& names = ctx_.attributes;
        const auto it = std::find(names.begin(), names.end(), name);
        if (it != names.end()) return static_cast<int>(it - names.begin());
        names.push_back(name);
        return static_cast<int>(names.size()) - 1;
    }

    // The output type of a branching expression: the expectation unless it
    // is "value", else the first output's type.
    static const Type* outputExpectation(const Type* expected) {
        return expected && expected->kind != ExprType::Value ? expected : nullptr;
    }

    ExpressionPtr parseCall(const json::Value& v, const std::string& path, const Type* expected) {
        const auto& items = v.items();
        if (items.empty())
            fail(v, path,
                 "an empty array is not an expression; write [\"literal\", []] for an empty "
                 "array");
        if (!items[0].isString())
            fail(v, path,
                 "expected an expression [\"operator\", …]; wrap array constants as "
                 "[\"literal\", […]]");
        const std::string& op = items[0].asString();
        const std::size_t n = items.size();
        if (!isSupported(op)) {
            if (isUnsupported(op))
                fail(items[0], at(path, 0), "unsupported expression operator \"" + op + "\"");
            fail(items[0], at(path, 0), "unknown expression operator \"" + op + "\"");
        }

        if (op == "literal") {
            arity(v, path, op, n == 2, "one argument");
            const StyleValue value = literalValue(items[1], at(path, 1));
            Type t = typeOf(value);
            // An empty array takes the expected item type.
            if (t.kind == ExprType::Array && t.length == 0 && expected &&
                expected->kind == ExprType::Array &&
                (expected->length < 0 || expected->length == 0))
                t = *expected;
            return std::make_shared<expr::Literal>(value, t);
        }
        if (op == "get" || op == "has") return parseGet(v, path, op);
        if (op == "zoom") {
            arity(v, path, op, n == 1, "no arguments");
            return std::make_shared<expr::Zoom>();
        }
        if (op == "match") return parseMatch(v, path, expected);
        if (op == "case") return parseCase(v, path, expected);
        if (op == "step") return parseStep(v, path, expected);
        if (op == "interpolate" || op == "interpolate-hcl" || op == "interpolate-lab")
            return parseInterpolate(v, path, op, expected);
        if (op == "==" || op == "!=" || op == "<" || op == "<=" || op == ">" || op == ">=")
            return parseCompare(v, path, op);
        if (op == "coalesce") return parseCoalesce(v, path, expected);
        if (op == "let") return parseLet(v, path, expected);
        if (op == "var") {
            if (n != 2 || !items[1].isString())
                fail(v, path, "\"var\" expects one string literal argument");
            const std::string& name = items[1].asString();
            for (auto it = scope_.rbegin(); it != scope_.rend(); ++it)
                if (it->first == name) return std::make_shared<expr::Var>(name, it->second);
            fail(items[1], at(path, 1),
                 "unknown variable \"" + name + "\" (bind it in an enclosing \"let\")");
        }
        if (op == "number" || op == "string" || op == "boolean" || op == "object" || op == "array")
            return parseAssertion(v, path, op);
        if (op == "to-boolean" || op == "to-color" || op == "to-number" || op == "to-string") {
            if (op == "to-boolean" || op == "to-string")
                arity(v, path, op, n == 2, "one argument");
            else
                arity(v, path, op, n >= 2, "at least one argument");
            std::vector<ExpressionPtr> operands;
            for (std::size_t i = 1; i < n; ++i)
                operands.push_back(parse(items[i], at(path, i), ExprType::Value));
            const Kind kind = op == "to-boolean"  ? Kind::ToBoolean
                              : op == "to-color"  ? Kind::ToColor
                              : op == "to-number" ? Kind::ToNumber
                                                  : Kind::ToString;
            const Type t = op == "to-boolean"  ? ExprType::Bool
                           : op == "to-color"  ? ExprType::Color
                           : op == "to-number" ? ExprType::Number
                                               : ExprType::String;
            return std::make_shared<expr::Call>(kind, op, t, std::move(operands));
        }
        if (op == "in" || op == "index-of") {
            const bool in = op == "in";
            arity(v, path, op, in ? n == 3 : (n == 3 || n == 4),
                  in ? "two arguments" : "two or three arguments");
            std::vector<ExpressionPtr> operands{parse(items[1], at(path, 1), ExprType::Value),
                                                parse(items[2], at(path, 2), ExprType::Value)};
            const ExprType nt = operands[0]->type().kind;
            if (nt != ExprType::Bool && nt != ExprType::String && nt != ExprType::Number &&
                nt != ExprType::Null && nt != ExprType::Value)
                fail(v, path,
                     "\"" + op + "\" looks for a boolean, string, number or null, found " +
                         operands[0]->type().toString());
            if (n == 4) operands.push_back(parse(items[3], at(path, 3), ExprType::Number));
            return std::make_shared<expr::Call>(in ? Kind::In : Kind::IndexOf, op,
                                                in ? ExprType::Bool : ExprType::Number,
                                                std::move(operands));
        }
        if (op == "length") {
            arity(v, path, op, n == 2, "one argument");
            auto input = parse(items[1], at(path, 1), nullptr);
            const ExprType k = input->type().kind;
            if (k != ExprType::String && k != ExprType::Array && k != ExprType::Value)
                fail(v, path,
                     "\"length\" expects a string or an array, found " + input->type().toString());
            return std::make_shared<expr::Call>(Kind::Length, op, ExprType::Number,
                                                std::vector<ExpressionPtr>{std::move(input)});
        }
        if (op == "slice") {
            arity(v, path, op, n == 3 || n == 4, "two or three arguments");
            std::vector<ExpressionPtr> operands{parse(items[1], at(path, 1), ExprType::Value),
                                                parse(items[2], at(path, 2), ExprType::Number)};
            const ExprType k = operands[0]->type().kind;
            if (k != ExprType::String && k != ExprType::Array && k != ExprType::Value)
                fail(v, path,
                     "\"slice\" expects a string or an array, found " +
                         operands[0]->type().toString());
            if (n == 4) operands.push_back(parse(items[3], at(path, 3), ExprType::Number));
            const Type t = operands[0]->type();
            return std::make_shared<expr::Call>(Kind::Slice, op, t, std::move(operands));
        }
        if (op == "at") {
            arity(v, path, op, n == 3, "two arguments");
            auto index = parse(items[1], at(path, 1), ExprType::Number);
            const Type arrayType = Type::array(expected ? expected->kind : ExprType::Value);
            auto array = parse(items[2], at(path, 2), arrayType);
            const Type t = array->type().item;
            return std::make_shared<expr::Call>(Kind::At, op, t,
                                                std::vector<ExpressionPtr>{index, array});
        }
        if (op == "number-format") return parseNumberFormat(v, path);
        if (op == "semiliteral") {
            arity(v, path, op, n == 2, "one argument");
            if (!items[1].isArray())
                return std::make_shared<expr::Literal>(literalValue(items[1], at(path, 1)));
            // Each item is an expression; the array's item type is theirs if
            // they share one (arrays never do: each is its own type).
            std::vector<ExpressionPtr> operands;
            ExprType item = ExprType::Value;
            for (std::size_t i = 0; i < items[1].items().size(); ++i) {
                operands.push_back(parse(items[1].items()[i], at(at(path, 1), i), ExprType::Value));
                const ExprType k = operands.back()->type().kind;
                if (i == 0)
                    item = k;
                else if (item != k || k == ExprType::Array)
                    item = ExprType::Value;
            }
            const Type t = Type::array(item, static_cast<int>(operands.size()));
            return std::make_shared<expr::Call>(Kind::Semiliteral, op, t, std::move(operands));
        }
        return parseCompound(v, path, op);
    }

    ExpressionPtr parseGet(const json::Value& v, const std::string& path, const std::string& op) {
        const auto& items = v.items();
        const std::size_t n = items.size();
        arity(v, path, op, n == 2 || n == 3, "a property name and optionally an object");
        const Kind kind = op == "get" ? Kind::Get : Kind::Has;
        ExpressionPtr object;
        if (n == 3) object = parse(items[2], at(path, 2), ExprType::Object);
        if (items[1].isString()) {
            const std::string& name = items[1].asString();
            return std::make_shared<expr::Get>(kind, name, object ? -1 : slotFor(name), nullptr,
                                               std::move(object));
        }
        auto key = parse(items[1], at(path, 1), ExprType::String);
        if (key->kind() == Kind::Literal && key->evaluate({}).isString()) {
            const std::string name = key->evaluate({}).asString();
            return std::make_shared<expr::Get>(kind, name, object ? -1 : slotFor(name), nullptr,
                                               std::move(object));
        }
        return std::make_shared<expr::Get>(kind, std::string(), -1, std::move(key),
                                           std::move(object));
    }

    ExpressionPtr parseAssertion(const json::Value& v, const std::string& path,
                                 const std::string& op) {
        const auto& items = v.items();
        const std::size_t n = items.size();
        arity(v, path, op, n >= 2, "at least one argument");
        std::size_t i = 1;
        Type type;
        std::string prefix;
        if (op == "array") {
            ExprType item = ExprType::Value;
            int length = -1;
            if (n > 2) {
                const json::Value& t = items[1];
                if (!t.isString() || (t.asString() != "string" && t.asString() != "number" &&
                                      t.asString() != "boolean"))
                    fail(t, at(path, 1),
                         "the item type of \"array\" must be one of string, number, boolean");
                item = t.asString() == "string"   ? ExprType::String
                       : t.asString() == "number" ? ExprType::Number
                                                  : ExprType::Bool;
                prefix = ", \"" + t.asString() + "\"";
                ++i;
            }
            if (n > 3) {
                const json::Value& l = items[2];
                if (!l.isNull() && (!l.isNumber() || l.asNumber() < 0 ||
                                    l.asNumber() != std::floor(l.asNumber()) || l.asNumber() > 1e9))
                    fail(l, at(path, 2),
                         "the length argument of \"array\" must be a non-negative integer");
                if (l.isNumber()) length = static_cast<int>(l.asNumber());
                prefix += ", " + (l.isNull() ? std::string("null") : std::to_string(length));
                ++i;
            }
            type = Type::array(item, length);
        } else {
            type = op == "number"   ? ExprType::Number
                   : op == "string" ? ExprType::String
                   : op == "object" ? ExprType::Object
                                    : ExprType::Bool;
        }
        std::vector<ExpressionPtr> operands;
        for (; i < n; ++i) operands.push_back(parse(items[i], at(path, i), ExprType::Value));
        auto call = std::make_shared<expr::Call>(Kind::Assertion, op, type, std::move(operands));
        call->prefix = prefix;
        return call;
    }

    // The remaining operators have fixed signatures (MapLibre's
    // CompoundExpression): every argument is parsed against its parameter
    // type, with the implicit assertions.
    ExpressionPtr parseCompound(const json::Value& v, const std::string& path,
                                const std::string& op) {
        const auto& items = v.items();
        const std::size_t argc = items.size() - 1;
        struct Signature {
            Kind kind;
            Type result;
            std::vector<Type> params;  // fixed parameters
            bool varargs;              // any number of `varargType`
            Type varargType;
        };
        auto fixed = [](Kind k, const Type& result, std::vector<Type> params) {
            return Signature{k, result, std::move(params), false, ExprType::Value};
        };
        auto varargs = [](Kind k, const Type& result, const Type& each) {
            return Signature{k, result, {}, true, each};
        };
        Signature sig = fixed(Kind::Math, ExprType::Number, {});
        const Type num = ExprType::Number, str = ExprType::String, boolean = ExprType::Bool;
        if (op == "!") {
            sig = fixed(Kind::Not, boolean, {boolean});
        } else if (op == "all" || op == "any") {
            sig = varargs(op == "all" ? Kind::All : Kind::Any, boolean, boolean);
        } else if (op == "concat") {
            sig = varargs(Kind::Concat, str, ExprType::Value);
        } else if (op == "typeof") {
            sig = fixed(Kind::TypeOf, str, {ExprType::Value});
        } else if (op == "upcase" || op == "downcase") {
            sig = fixed(op == "upcase" ? Kind::Upcase : Kind::Downcase, str, {str});
        } else if (op == "rgb") {
            sig = fixed(Kind::Rgba, ExprType::Color, {num, num, num});
        } else if (op == "rgba") {
            sig = fixed(Kind::Rgba, ExprType::Color, {num, num, num, num});
        } else if (op == "to-rgba") {
            sig = fixed(Kind::ToRgba, Type::array(ExprType::Number, 4), {ExprType::Color});
        } else if (op == "split") {
            sig = fixed(Kind::Split, Type::array(ExprType::String), {str, str});
        } else if (op == "join") {
            sig = fixed(Kind::Join, str, {Type::array(ExprType::String), str});
        } else if (op == "+" || op == "*" || op == "min" || op == "max") {
            sig = varargs(Kind::Math, num, num);
        } else if (op == "-") {
            sig = fixed(Kind::Math, num,
                        argc == 1 ? std::vector<Type>{num} : std::vector<Type>{num, num});
        } else if (op == "/" || op == "%" || op == "^") {
            sig = fixed(Kind::Math, num, {num, num});
        } else if (op == "error") {
            sig = fixed(Kind::Error, ExprType::Error, {str});
        } else if (op == "e" || op == "pi" || op == "ln2") {
            sig = fixed(Kind::Math, num, {});
        } else {
            sig = fixed(Kind::Math, num, {num});  // sqrt, ln, sin, round, …
        }
        if (!sig.varargs && argc != sig.params.size())
            fail(v, path,
                 "\"" + op + "\" expects " + std::to_string(sig.params.size()) + " argument" +
                     (sig.params.size() == 1 ? "" : "s") + ", found " + std::to_string(argc));
        std::vector<ExpressionPtr> operands;
        for (std::size_t i = 1; i < items.size(); ++i)
            operands.push_back(
                parse(items[i], at(path, i), sig.varargs ? sig.varargType : sig.params[i - 1]));
        return std::make_shared<expr::Call>(sig.kind, op, sig.result, std::move(operands));
    }

    ExpressionPtr parseCoalesce(const json::Value& v, const std::string& path,
                                const Type* expected) {
        const auto& items = v.items();
        arity(v, path, "coalesce", items.size() >= 2, "at least one argument");
        const Type* out = outputExpectation(expected);
        Type outputType;
        bool haveType = out != nullptr;
        if (out) outputType = *out;
        std::vector<ExpressionPtr> operands;
        for (std::size_t i = 1; i < items.size(); ++i) {
            auto e =
                parse(items[i], at(path, i), haveType ? &outputType : nullptr, Annotation::Omit);
            if (!haveType) {
                outputType = e->type();
                haveType = true;
            }
            operands.push_back(std::move(e));
        }
        // Operands are parsed without annotations so that a null does not
        // fail before the next one is tried; if any needed one, the whole
        // coalesce is annotated instead (by the caller, as a value).
        bool needsAnnotation = false;
        if (expected)
            for (const auto& e : operands)
                if (!isSubtype(*expected, e->type())) needsAnnotation = true;
        return std::make_shared<expr::Call>(Kind::Coalesce, "coalesce",
                                            needsAnnotation ? Type(ExprType::Value) : outputType,
                                            std::move(operands));
    }

    ExpressionPtr parseLet(const json::Value& v, const std::string& path, const Type* expected) {
        const auto& items = v.items();
        const std::size_t n = items.size();
        arity(v, path, "let", n >= 4 && n % 2 == 0, "name/value pairs and a result expression");
        std::vector<std::pair<std::string, ExpressionPtr>> bindings;
        for (std::size_t i = 1; i + 1 < n; i += 2) {
            if (!items[i].isString())
                fail(items[i], at(path, i), "a variable name must be a string");
            const std::string& name = items[i].asString();
            if (name.empty() ||
                name.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP"
                                       "QRSTUVWXYZ0123456789_") != std::string::npos)
                fail(items[i], at(path, i),
                     "variable names must contain only letters, digits and '_'");
            bindings.emplace_back(name, parse(items[i + 1], at(path, i + 1), nullptr));
        }
        const std::size_t scopeSize = scope_.size();
        for (const auto& b : bindings) scope_.push_back(b);
        auto result = parse(items[n - 1], at(path, n - 1), expected);
        scope_.resize(scopeSize);
        return std::make_shared<expr::Let>(std::move(bindings), std::move(result));
    }

    ExpressionPtr parseMatch(const json::Value& v, const std::string& path, const Type* expected) {
        const auto& items = v.items();
        const std::size_t n = items.size();
        arity(v, path, "match", n >= 5 && n % 2 == 1,
              "an input, label/output pairs and a fallback output");
        const Type* outExpected = outputExpectation(expected);
        Type outputType;
        bool haveType = outExpected != nullptr;
        if (outExpected) outputType = *outExpected;
        std::vector<expr::Match::Branch> branches;
        std::set<std::string> seenStrings;
        std::set<double> seenNumbers;
        json::Type labelType = json::Type::Null;
        for (std::size_t i = 2; i + 1 < n; i += 2) {
            const json::Value& labelNode = items[i];
            const std::string labelPath = at(path, i);
            expr::Match::Branch branch;
            std::vector<const json::Value*> labels;
            if (labelNode.isArray()) {
                if (labelNode.items().empty())
                    fail(labelNode, labelPath, "match label arrays must not be empty");
                for (const auto& l : labelNode.items()) labels.push_back(&l);
            } else {
                labels.push_back(&labelNode);
            }
            for (const json::Value* label : labels) {
                if (!label->isString() && !label->isNumber())
                    fail(labelNode, labelPath, "match labels must be literal strings or numbers");
                if (label->isNumber()) {
                    const double d = label->asNumber();
                    if (std::abs(d) > 9007199254740991.0)
                        fail(labelNode, labelPath,
                             "numeric match labels must be integers no larger than 2^53 - 1");
                    if (d != std::floor(d))
                        fail(labelNode, labelPath, "numeric match labels must be integers");
                }
                if (labelType == json::Type::Null) labelType = label->type();
                if (label->type() != labelType)
                    fail(labelNode, labelPath,
                         std::string("match labels must all be of one type (expected ") +
                             json::typeName(labelType) + ", found " +
                             json::typeName(label->type()) + ")");
                if (label->isNumber()) {
                    const double d = label->asNumber();
                    if (!seenNumbers.insert(d).second)
                        fail(labelNode, labelPath,
                             "duplicate match label " + json::formatNumber(d));
                    branch.labels.emplace_back(d);
                } else {
                    if (!seenStrings.insert(label->asString()).second)
                        fail(labelNode, labelPath,
                             "duplicate match label \"" + label->asString() + "\"");
                    branch.labels.emplace_back(label->asString());
                }
            }
            branch.output = parse(items[i + 1], at(path, i + 1), haveType ? &outputType : nullptr);
            if (!haveType) {
                outputType = branch.output->type();
                haveType = true;
            }
            branches.push_back(std::move(branch));
        }
        auto input = parse(items[1], at(path, 1), ExprType::Value);
        auto fallback = parse(items[n - 1], at(path, n - 1), &outputType);
        const ExprType labelKind =
            labelType == json::Type::Number ? ExprType::Number : ExprType::String;
        const ExprType inputKind = input->type().kind;
        if (inputKind != ExprType::Value && inputKind != labelKind)
            fail(items[1], at(path, 1),
                 std::string("match input is ") + input->type().toString() +
                     " but its labels are " + exprTypeName(labelKind) + "s");
        return std::make_shared<expr::Match>(outputType, std::move(input), std::move(branches),
                                             std::move(fallback));
    }

    ExpressionPtr parseCase(const json::Value& v, const std::string& path, const Type* expected) {
        const auto& items = v.items();
        const std::size_t n = items.size();
        arity(v, path, "case", n >= 4 && n % 2 == 0,
              "condition/output pairs and a fallback output");
        const Type* outExpected = outputExpectation(expected);
        Type outputType;
        bool haveType = outExpected != nullptr;
        if (outExpected) outputType = *outExpected;
        std::vector<std::pair<ExpressionPtr, ExpressionPtr>> branches;
        for (std::size_t i = 1; i + 1 < n; i += 2) {
            auto cond = parse(items[i], at(path, i), ExprType::Bool);
            auto out = parse(items[i + 1], at(path, i + 1), haveType ? &outputType : nullptr);
            if (!haveType) {
                outputType = out->type();
                haveType = true;
            }
            branches.emplace_back(std::move(cond), std::move(out));
        }
        auto fallback = parse(items[n - 1], at(path, n - 1), &outputType);
        return std::make_shared<expr::Case>(outputType, std::move(branches), std::move(fallback));
    }

    // Stop inputs at items[first], items[first + 2], …: number literals in
    // strictly ascending order.
    std::vector<double> parseStops(const json::Value& v, const std::string& path, std::size_t first,
                                   const char* op) const {
        std::vector<double> stops;
        for (std::size_t i = first; i < v.items().size(); i += 2) {
            const json::Value& s = v.items()[i];
            if (!s.isNumber())
                fail(s, at(path, i),
                     std::string(op) + " stop inputs must be number literals, found " +
                         json::typeName(s.type()));
            if (!stops.empty() && s.asNumber() <= stops.back())
                fail(s, at(path, i),
                     std::string(op) + " stop inputs must be in strictly ascending order (" +
                         json::formatNumber(s.asNumber()) + " after " +
                         json::formatNumber(stops.back()) + ")");
            stops.push_back(s.asNumber());
        }
        return stops;
    }

    ExpressionPtr parseStep(const json::Value& v, const std::string& path, const Type* expected) {
        const auto& items = v.items();
        const std::size_t n = items.size();
        arity(v, path, "step", n >= 5 && n % 2 == 1,
              "an input, a first output and stop/output pairs");
        auto input = parse(items[1], at(path, 1), ExprType::Number);
        const Type* outExpected = outputExpectation(expected);
        Type outputType;
        bool haveType = outExpected != nullptr;
        if (outExpected) outputType = *outExpected;
        std::vector<ExpressionPtr> outputs;
        const auto stops = parseStops(v, path, 3, "step");
        for (std::size_t i = 2; i < n; i += 2) {
            outputs.push_back(parse(items[i], at(path, i), haveType ? &outputType : nullptr));
            if (!haveType) {
                outputType = outputs.back()->type();
                haveType = true;
            }
        }
        return std::make_shared<expr::Step>(outputType, std::move(input), stops,
                                            std::move(outputs));
    }

    ExpressionPtr parseInterpolate(const json::Value& v, const std::string& path,
                                   const std::string& op, const Type* expected) {
        const auto& items = v.items();
        const std::size_t n = items.size();
        if (n < 2) fail(v, path, "\"" + op + "\" expects an interpolation type");
        const json::Value& kind = items[1];
        const std::string kindPath = at(path, 1);
        if (!kind.isArray() || kind.items().empty())
            fail(kind, kindPath, "expected an interpolation type such as [\"linear\"]");
        const std::string name = kind.items()[0].isString() ? kind.items()[0].asString() : "";
        expr::Interpolate::Curve curve = expr::Interpolate::Curve::Linear;
        std::vector<double> parameters;
        if (name == "linear") {
            curve =
                expr::Interpolate::Curve::Linear;  // extra arguments are ignored, as in MapLibre
        } else if (name == "exponential") {
            if (kind.items().size() < 2 || !kind.items()[1].isNumber())
                fail(kind, kindPath, "[\"exponential\", base] needs a number base");
            curve = expr::Interpolate::Curve::Exponential;
            parameters.push_back(kind.items()[1].asNumber());
        } else if (name == "cubic-bezier") {
            const auto& k = kind.items();
            if (k.size() != 5 || std::any_of(k.begin() + 1, k.end(), [](const json::Value& p) {
                    return !p.isNumber() || p.asNumber() < 0 || p.asNumber() > 1;
                }))
                fail(kind, kindPath,
                     "[\"cubic-bezier\", x1, y1, x2, y2] needs four numbers from 0 to 1");
            curve = expr::Interpolate::Curve::CubicBezier;
            for (std::size_t i = 1; i < 5; ++i) parameters.push_back(k[i].asNumber());
        } else {
            fail(kind, kindPath, "unknown interpolation type \"" + name + "\"");
        }
        arity(v, path, op, n >= 5 && n % 2 == 1,
              "an interpolation type, an input and stop/output pairs");
        auto input = parse(items[2], at(path, 2), ExprType::Number);
        Type outputType;
        bool haveType = false;
        if (op != "interpolate") {
            outputType = ExprType::Color;
            haveType = true;
        } else if (const Type* out = outputExpectation(expected)) {
            outputType = *out;
            haveType = true;
        }
        const auto stops = parseStops(v, path, 3, op.c_str());
        std::vector<ExpressionPtr> outputs;
        for (std::size_t i = 4; i < n; i += 2) {
            outputs.push_back(parse(items[i], at(path, i), haveType ? &outputType : nullptr));
            if (!haveType) {
                outputType = outputs.back()->type();
                haveType = true;
            }
        }
        const bool interpolatable = outputType.kind == ExprType::Number ||
                                    outputType.kind == ExprType::Color ||
                                    (outputType.kind == ExprType::Array &&
                                     outputType.item == ExprType::Number && outputType.length >= 0);
        if (!interpolatable)
            fail(v, path, "type " + outputType.toString() + " is not interpolatable");
        return std::make_shared<expr::Interpolate>(outputType, op, curve, std::move(parameters),
                                                   std::move(input), stops, std::move(outputs));
    }

    ExpressionPtr parseCompare(const json::Value& v, const std::string& path,
                               const std::string& op) {
        const auto& items = v.items();
        if (items.size() == 4) fail(v, path, "\"" + op + "\" with a collator is not supported");
        arity(v, path, op, items.size() == 3, "two arguments");
        const bool ordering = op != "==" && op != "!=";
        auto comparable = [&](const Type& t) {
            const ExprType k = t.kind;
            if (ordering)
                return k == ExprType::String || k == ExprType::Number || k == ExprType::Value;
            return k == ExprType::Bool || k == ExprType::String || k == ExprType::Number ||
                   k == ExprType::Null || k == ExprType::Value;
        };
        auto lhs = parse(items[1], at(path, 1), ExprType::Value);
        if (!comparable(lhs->type()))
            fail(items[1], at(path, 1),
                 "\"" + op + "\" cannot compare values of type " + lhs->type().toString());
        auto rhs = parse(items[2], at(path, 2), ExprType::Value);
        if (!comparable(rhs->type()))
            fail(items[2], at(path, 2),
                 "\"" + op + "\" cannot compare values of type " + rhs->type().toString());
        const ExprType a = lhs->type().kind, b = rhs->type().kind;
        if (a != b && a != ExprType::Value && b != ExprType::Value)
            fail(v, path,
                 "cannot compare " + lhs->type().toString() + " with " + rhs->type().toString());
        if (ordering) {
            // (value, T) and (T, value): the untyped side must be a T.
            if (a == ExprType::Value && b != ExprType::Value)
                lhs = assertion(rhs->type(), {lhs});
            else if (a != ExprType::Value && b == ExprType::Value)
                rhs = assertion(lhs->type(), {rhs});
        }
        static const std::pair<const char*, expr::Compare::Op> ops[] = {
            {"==", expr::Compare::Op::Eq}, {"!=", expr::Compare::Op::Ne},
            {"<", expr::Compare::Op::Lt},  {"<=", expr::Compare::Op::Le},
            {">", expr::Compare::Op::Gt},  {">=", expr::Compare::Op::Ge},
        };
        expr::Compare::Op code = expr::Compare::Op::Eq;
        for (const auto& [name, c] : ops)
            if (op == name) code = c;
        return std::make_shared<expr::Compare>(code, std::move(lhs), std::move(rhs));
    }

    ExpressionPtr parseNumberFormat(const json::Value& v, const std::string& path) {
        const auto& items = v.items();
        arity(v, path, "number-format", items.size() == 3, "a number and an options object");
        auto number = parse(items[1], at(path, 1), ExprType::Number);
        const json::Value& options = items[2];
        if (!options.isObject())
            fail(options, at(path, 2), "the options of \"number-format\" must be an object");
        // As in MapLibre, an option whose value is JavaScript-falsy (0, "",
        // false, null) is treated as absent.
        auto option = [&](const char* key, ExprType type) -> ExpressionPtr {
            const json::Value* o = options.find(key);
            if (!o || o->isNull() || (o->isBool() && !o->asBool()) ||
                (o->isNumber() && (o->asNumber() == 0 || std::isnan(o->asNumber()))) ||
                (o->isString() && o->asString().empty()))
                return nullptr;
            return parse(*o, json::childPath(at(path, 2), key), type);
        };
        for (const auto& m : options.members()) {
            static const char* const known[] = {"locale", "currency", "unit", "min-fraction-digits",
                                                "max-fraction-digits"};
            if (!contains(std::begin(known), std::end(known), m.key))
                ctx_.diagnostics.warn(m.keyOffset, json::childPath(at(path, 2), m.key),
                                      "unknown number-format option (ignored)");
        }
        auto locale = option("locale", ExprType::String);
        auto currency = option("currency", ExprType::String);
        auto unit = option("unit", ExprType::String);
        if (currency && unit)
            fail(options, at(path, 2),
                 "number-format options \"currency\" and \"unit\" are mutually exclusive");
        auto minDigits = option("min-fraction-digits", ExprType::Number);
        auto maxDigits = option("max-fraction-digits", ExprType::Number);
        return std::make_shared<expr::NumberFormat>(std::move(number), std::move(locale),
                                                    std::move(currency), std::move(unit),
                                                    std::move(minDigits), std::move(maxDigits));
    }

    ExpressionContext& ctx_;
    std::vector<std::pair<std::string, ExpressionPtr>> scope_;  // let bindings in scope
};

}  // namespace

bool looksLikeExpression(const json::Value& v) {
    if (!v.isArray() || v.items().empty() || !v.items()[0].isString()) return false;
    const std::string& op = v.items()[0].asString();
    return isSupported(op) || isUnsupported(op);
}

ExpressionPtr parseExpression(const json::Value& v, const std::string& path, const Type& expected,
                              ExpressionContext& ctx) {
    ExpressionParser parser(ctx);
    return parser.parse(v, path, expected.kind == ExprType::Value ? nullptr : &expected);
}

ExpressionPtr parseExpressionText(std::string_view jsonText, const Type& expected,
                                  std::vector<std::string>* attributes) {
    const std::string name = "<expression>";
    const json::Document doc = json::parse(jsonText, name);
    Diagnostics diagnostics(name, jsonText);
    std::vector<std::string> local;
    ExpressionContext ctx{diagnostics, attributes ? *attributes : local};
    return parseExpression(doc.root, "$", expected, ctx);
}

// Defined in legacy_function.cpp: the expression MapLibre converts a legacy
// function into, as JSON text.
std::string convertLegacyFunction(const json::Value& function, const PropertyExpressionSpec& spec,
                                  const std::function<void(const std::string&)>& fail);

ExpressionPtr parsePropertyExpression(const json::Value& v, const std::string& path,
                                      const PropertyExpressionSpec& spec, ExpressionContext& ctx) {
    ExpressionParser parser(ctx);
    const Type* expected = spec.type.kind == ExprType::Value ? nullptr : &spec.type;
    const Annotation annotation = spec.coerceToString ? Annotation::Coerce : Annotation::Default;
    ExpressionPtr e;
    if (isLegacyFunction(v)) {
        // Converted as MapLibre converts it, then parsed like any
        // expression; problems are reported at the function object.
        const std::string text = convertLegacyFunction(
            v, spec, [&](const std::string& m) { ctx.diagnostics.fail(v.offset(), path, m); });
        const json::Document doc = json::parse(text, ctx.diagnostics.file());
        Diagnostics local(ctx.diagnostics.file(), text);
        ExpressionContext localCtx{local, ctx.attributes};
        ExpressionParser converted(localCtx);
        try {
            e = converted.parse(doc.root, "$", expected, annotation);
            if (!spec.dataDriven && !e->isFeatureConstant())
                ctx.diagnostics.fail(v.offset(), path,
                                     "data expressions are not supported by this property");
            converted.zoomCurve(*e, doc.root, "$");
        } catch (const Error& err) {
            ctx.diagnostics.fail(
                v.offset(), path,
                "legacy function: " + err.message() + " (converted to " + text + ")");
        }
        ctx.diagnostics.warn(v.offset(), path,
                             "legacy function converted to the expression " + text +
                                 "; write the expression instead (functions are deprecated)");
        return e;
    }
    e = parser.parse(v, path, expected, annotation);
    if (!spec.dataDriven && !e->isFeatureConstant())
        ctx.diagnostics.fail(v.offset(), path,
                             "data expressions are not supported by this property");
    if (!e->isZoomConstant() && !spec.zoomDriven)
        ctx.diagnostics.fail(v.offset(), path,
                             "zoom expressions are not supported by this property");
    const Expression* curve = parser.zoomCurve(*e, v, path);
    if (!curve && !e->isZoomConstant())
        ctx.diagnostics.fail(v.offset(), path,
                             "[\"zoom\"] may only be used as the input of a top-level \"step\" "
                             "or \"interpolate\" expression");
    if (curve && curve->kind() == Kind::Interpolate && !spec.interpolated)
        ctx.diagnostics.fail(v.offset(), path,
                             "\"interpolate\" expressions cannot be used with this property");
    return e;
}

namespace {

// MapLibre's isExpressionFilter: false for the legacy filter forms.
bool isExpressionFilter(const json::Value& f) {
    if (f.isBool()) return true;
    if (!f.isArray() || f.items().empty() || !f.items()[0].isString()) return false;
    const auto& items = f.items();
    const std::string& op = items[0].asString();
    if (op == "has")
        return items.size() >= 2 && !(items[1].isString() && (items[1].asString() == "$id" ||
                                                              items[1].asString() == "$type"));
    if (op == "in") return items.size() >= 3 && (!items[1].isString() || items[2].isArray());
    if (op == "!in" || op == "!has" || op == "none") return false;
    if (op == "==" || op == "!=" || op == ">" || op == ">=" || op == "<" || op == "<=")
        return items.size() != 3 || items[1].isArray() || items[2].isArray();
    if (op == "any" || op == "all") {
        for (std::size_t i = 1; i < items.size(); ++i)
            if (!isExpressionFilter(items[i]) && !items[i].isBool()) return false;
        return true;
    }
    return true;
}

// The first legacy part of a filter, for the message.
const json::Value* legacyPart(const json::Value& f, std::string& path) {
    if (isExpressionFilter(f)) return nullptr;
    const auto& items = f.items();
    const std::string op = !items.empty() && items[0].isString() ? items[0].asString() : "";
    if (op == "any" || op == "all") {
        for (std::size_t i = 1; i < items.size(); ++i) {
            std::string child = json::childPath(path, i);
            if (const json::Value* p = legacyPart(items[i], child)) {
                path = child;
                return p;
            }
        }
    }
    return &f;
}

}  // namespace

ExpressionPtr parseFilterExpression(const json::Value& v, const std::string& path,
                                    ExpressionContext& ctx) {
    std::string at = path;
    if (const json::Value* legacy = legacyPart(v, at)) {
        const auto& items = legacy->items();
        if (items.size() == 3 && items[1].isString())
            ctx.diagnostics.fail(items[1].offset(), json::childPath(at, 1),
                                 "comparing the string \"" + items[1].asString() +
                                     "\" with a constant: legacy filter syntax is not supported, "
                                     "write [\"" +
                                     items[0].asString() + "\", [\"get\", \"" +
                                     items[1].asString() + "\"], …]");
        ctx.diagnostics.fail(legacy->offset(), at,
                             "legacy filter syntax is not supported; write an expression (e.g. "
                             "[\"!\", [\"in\", [\"get\", name], [\"literal\", […]]]])");
    }
    return parseExpression(v, path, ExprType::Bool, ctx);
}

bool isLegacyFunction(const json::Value& v) {
    return v.isObject() && (v.find("stops") || v.find("property") || v.find("type"));
}

}  // namespace jinmap
