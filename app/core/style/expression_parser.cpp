// Builds typed expression trees from JSON, checking arity, literal labels,
// stop order and types up front so that evaluation never has to.
#include <algorithm>
#include <cmath>
#include <set>

#include "style/diagnostics.h"
#include "style/expression.h"
#include "style/expression_nodes.h"
#include "style/json.h"

namespace jinmap {

namespace {

using Kind = Expression::Kind;

// MapLibre operators this subset does not implement: named in errors as
// "unsupported" rather than "unknown", and recognised by looksLikeExpression.
const char* const kUnsupportedOperators[] = {
    "!has",
    "!in",
    "%",
    "*",
    "+",
    "-",
    "/",
    "^",
    "abs",
    "accumulated",
    "acos",
    "array",
    "asin",
    "at",
    "atan",
    "boolean",
    "ceil",
    "collator",
    "cos",
    "distance",
    "downcase",
    "e",
    "feature-state",
    "floor",
    "format",
    "geometry-type",
    "heatmap-density",
    "id",
    "image",
    "index-of",
    "interpolate-hcl",
    "interpolate-lab",
    "is-supported-script",
    "length",
    "let",
    "line-progress",
    "ln",
    "ln2",
    "log10",
    "log2",
    "max",
    "min",
    "none",
    "number",
    "number-format",
    "object",
    "pi",
    "properties",
    "resolved-locale",
    "rgb",
    "rgba",
    "round",
    "sin",
    "slice",
    "sqrt",
    "string",
    "tan",
    "to-boolean",
    "to-rgba",
    "typeof",
    "upcase",
    "var",
    "within",
};

const char* const kSupportedOperators[] = {
    "!",       "!=",    "<",        "<=",       "==",        ">",         ">=",   "all",
    "any",     "case",  "coalesce", "concat",   "get",       "has",       "in",   "interpolate",
    "literal", "match", "step",     "to-color", "to-number", "to-string", "zoom",
};

bool contains(const char* const* first, const char* const* last, const std::string& name) {
    return std::any_of(first, last, [&](const char* op) { return name == op; });
}

bool isSupported(const std::string& op) {
    return contains(std::begin(kSupportedOperators), std::end(kSupportedOperators), op);
}

bool isUnsupported(const std::string& op) {
    return contains(std::begin(kUnsupportedOperators), std::end(kUnsupportedOperators), op);
}

class ExpressionParser {
  public:
    explicit ExpressionParser(ExpressionContext& ctx) : ctx_(ctx) {}

    ExpressionPtr parse(const json::Value& v, const std::string& path, ExprType expected) {
        switch (v.type()) {
            case json::Type::Array:
                return checked(parseCall(v, path, expected), v, path, expected);
            case json::Type::Object:
                fail(v, path,
                     "objects are not expressions (legacy {\"stops\": …} functions are not "
                     "supported; use an expression such as [\"interpolate\", …])");
            default:
                return scalarLiteral(v, path, expected);
        }
    }

  private:
    [[noreturn]] void fail(const json::Value& at, const std::string& path,
                           const std::string& message) const {
        ctx_.diagnostics.fail(at.offset(), path, message);
    }

    std::string at(const std::string& path, std::size_t i) const {
        return json::childPath(path, i);
    }

    // Checks that `e` can produce `expected`; a value known only at run time
    // is converted to a colour where a colour is expected.
    ExpressionPtr checked(ExpressionPtr e, const json::Value& v, const std::string& path,
                          ExprType expected) const {
        const ExprType t = e->type();
        if (expected == ExprType::Value || t == expected || t == ExprType::Null) return e;
        if (t == ExprType::Value) {
            if (expected == ExprType::Color)
                return std::make_shared<expr::Convert>(Kind::ToColor, ExprType::Color,
                                                       std::vector<ExpressionPtr>{e});
            return e;
        }
        fail(v, path,
             std::string("expected ") + exprTypeName(expected) + ", found " + exprTypeName(t));
    }

    ExpressionPtr scalarLiteral(const json::Value& v, const std::string& path, ExprType expected) {
        if (v.isString() && expected == ExprType::Color) {
            const auto c = parseCssColor(v.asString());
            if (!c) fail(v, path, "expected color, found \"" + v.asString() + "\"");
            return std::make_shared<expr::Literal>(*c);
        }
        return checked(std::make_shared<expr::Literal>(literalValue(v, path)), v, path, expected);
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
                for (std::size_t i = 0; i < v.items().size(); ++i)
                    items.push_back(literalValue(v.items()[i], at(path, i)));
                return items;
            }
            case json::Type::Object:
                fail(v, path, "object literals are not supported");
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

    // Result type of a branching expression: what was asked for, else the
    // outputs' common type.
    static ExprType branchType(ExprType expected, const std::vector<ExpressionPtr>& outputs) {
        if (expected != ExprType::Value) return expected;
        ExprType common = ExprType::Null;
        for (const auto& o : outputs) {
            if (o->type() == ExprType::Null) continue;
            if (common == ExprType::Null)
                common = o->type();
            else if (common != o->type())
                return ExprType::Value;
        }
        return common == ExprType::Null ? ExprType::Value : common;
    }

    ExpressionPtr parseCall(const json::Value& v, const std::string& path, ExprType expected) {
        const auto& items = v.items();
        if (items.empty()) fail(v, path, "empty array is not an expression");
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
            if (expected == ExprType::Color && items[1].isString())
                return scalarLiteral(items[1], at(path, 1), expected);
            return std::make_shared<expr::Literal>(literalValue(items[1], at(path, 1)));
        }
        if (op == "get" || op == "has") {
            if (n == 3) fail(v, path, "\"" + op + "\" with an object argument is not supported");
            arity(v, path, op, n == 2, "one argument (a property name)");
            if (!items[1].isString())
                fail(items[1], at(path, 1), "property name must be a string literal");
            const std::string& name = items[1].asString();
            if (op == "get") return std::make_shared<expr::Get>(name, slotFor(name));
            return std::make_shared<expr::Has>(name, slotFor(name));
        }
        if (op == "zoom") {
            arity(v, path, op, n == 1, "no arguments");
            return std::make_shared<expr::Zoom>();
        }
        if (op == "match") return parseMatch(v, path, expected);
        if (op == "case") return parseCase(v, path, expected);
        if (op == "step") return parseStep(v, path, expected);
        if (op == "interpolate") return parseInterpolate(v, path, expected);
        if (op == "==" || op == "!=" || op == "<" || op == "<=" || op == ">" || op == ">=")
            return parseCompare(v, path, op);
        if (op == "!") {
            arity(v, path, op, n == 2, "one argument");
            return std::make_shared<expr::Not>(parse(items[1], at(path, 1), ExprType::Bool));
        }
        if (op == "all" || op == "any") {
            std::vector<ExpressionPtr> operands;
            for (std::size_t i = 1; i < n; ++i)
                operands.push_back(parse(items[i], at(path, i), ExprType::Bool));
            return std::make_shared<expr::Variadic>(op == "all" ? Kind::All : Kind::Any,
                                                    ExprType::Bool, std::move(operands));
        }
        if (op == "in") {
            arity(v, path, op, n == 3, "two arguments (needle, haystack)");
            auto needle = parse(items[1], at(path, 1), ExprType::Value);
            auto haystack = parse(items[2], at(path, 2), ExprType::Value);
            const ExprType ht = haystack->type();
            if (ht != ExprType::Value && ht != ExprType::String && ht != ExprType::Array)
                fail(items[2], at(path, 2),
                     std::string("\"in\" needs a string or an array to search, found ") +
                         exprTypeName(ht));
            return std::make_shared<expr::In>(std::move(needle), std::move(haystack));
        }
        if (op == "coalesce") {
            arity(v, path, op, n >= 2, "at least one argument");
            std::vector<ExpressionPtr> operands;
            for (std::size_t i = 1; i < n; ++i)
                operands.push_back(parse(items[i], at(path, i), expected));
            const ExprType t = branchType(expected, operands);
            return std::make_shared<expr::Variadic>(Kind::Coalesce, t, std::move(operands));
        }
        if (op == "concat") {
            arity(v, path, op, n >= 2, "at least one argument");
            std::vector<ExpressionPtr> operands;
            for (std::size_t i = 1; i < n; ++i)
                operands.push_back(parse(items[i], at(path, i), ExprType::Value));
            return std::make_shared<expr::Variadic>(Kind::Concat, ExprType::String,
                                                    std::move(operands));
        }
        // to-string, to-number, to-color
        const bool toString = op == "to-string";
        arity(v, path, op, toString ? n == 2 : n >= 2,
              toString ? "one argument" : "at least one argument");
        std::vector<ExpressionPtr> operands;
        for (std::size_t i = 1; i < n; ++i)
            operands.push_back(parse(items[i], at(path, i), ExprType::Value));
        if (toString)
            return std::make_shared<expr::Convert>(Kind::ToString, ExprType::String,
                                                   std::move(operands));
        if (op == "to-number")
            return std::make_shared<expr::Convert>(Kind::ToNumber, ExprType::Number,
                                                   std::move(operands));
        return std::make_shared<expr::Convert>(Kind::ToColor, ExprType::Color, std::move(operands));
    }

    ExpressionPtr parseMatch(const json::Value& v, const std::string& path, ExprType expected) {
        const auto& items = v.items();
        const std::size_t n = items.size();
        arity(v, path, "match", n >= 5 && n % 2 == 1,
              "an input, label/output pairs and a fallback output");
        auto input = parse(items[1], at(path, 1), ExprType::Value);
        std::vector<expr::Match::Branch> branches;
        std::vector<ExpressionPtr> outputs;
        std::set<std::string> seenStrings;
        std::set<double> seenNumbers;
        json::Type labelType = json::Type::Null;
        for (std::size_t i = 2; i + 1 < n; i += 2) {
            const json::Value& labelNode = items[i];
            const std::string labelPath = at(path, i);
            expr::Match::Branch branch;
            std::vector<std::pair<const json::Value*, std::string>> labels;
            if (labelNode.isArray()) {
                if (labelNode.items().empty())
                    fail(labelNode, labelPath, "match label arrays must not be empty");
                for (std::size_t k = 0; k < labelNode.items().size(); ++k)
                    labels.emplace_back(&labelNode.items()[k], at(labelPath, k));
            } else {
                labels.emplace_back(&labelNode, labelPath);
            }
            for (const auto& [label, lpath] : labels) {
                if (!label->isString() && !label->isNumber())
                    fail(*label, lpath, "match labels must be literal strings or numbers");
                if (labelType == json::Type::Null) labelType = label->type();
                if (label->type() != labelType)
                    fail(*label, lpath,
                         std::string("match labels must all be of one type (expected ") +
                             json::typeName(labelType) + ", found " +
                             json::typeName(label->type()) + ")");
                if (label->isNumber()) {
                    const double d = label->asNumber();
                    if (d != std::floor(d))
                        fail(*label, lpath, "numeric match labels must be integers");
                    if (!seenNumbers.insert(d).second)
                        fail(*label, lpath, "duplicate match label " + json::formatNumber(d));
                    branch.labels.emplace_back(d);
                } else {
                    if (!seenStrings.insert(label->asString()).second)
                        fail(*label, lpath, "duplicate match label \"" + label->asString() + "\"");
                    branch.labels.emplace_back(label->asString());
                }
            }
            branch.output = parse(items[i + 1], at(path, i + 1), expected);
            outputs.push_back(branch.output);
            branches.push_back(std::move(branch));
        }
        const ExprType inputType = input->type();
        const ExprType labelExpr =
            labelType == json::Type::Number ? ExprType::Number : ExprType::String;
        if (inputType != ExprType::Value && inputType != ExprType::Null && inputType != labelExpr)
            fail(items[1], at(path, 1),
                 std::string("match input is ") + exprTypeName(inputType) + " but its labels are " +
                     exprTypeName(labelExpr) + "s");
        auto fallback = parse(items[n - 1], at(path, n - 1), expected);
        outputs.push_back(fallback);
        return std::make_shared<expr::Match>(branchType(expected, outputs), std::move(input),
                                             std::move(branches), std::move(fallback));
    }

    ExpressionPtr parseCase(const json::Value& v, const std::string& path, ExprType expected) {
        const auto& items = v.items();
        const std::size_t n = items.size();
        arity(v, path, "case", n >= 4 && n % 2 == 0,
              "condition/output pairs and a fallback output");
        std::vector<std::pair<ExpressionPtr, ExpressionPtr>> branches;
        std::vector<ExpressionPtr> outputs;
        for (std::size_t i = 1; i + 1 < n; i += 2) {
            auto cond = parse(items[i], at(path, i), ExprType::Bool);
            auto out = parse(items[i + 1], at(path, i + 1), expected);
            outputs.push_back(out);
            branches.emplace_back(std::move(cond), std::move(out));
        }
        auto fallback = parse(items[n - 1], at(path, n - 1), expected);
        outputs.push_back(fallback);
        return std::make_shared<expr::Case>(branchType(expected, outputs), std::move(branches),
                                            std::move(fallback));
    }

    // Reads stop inputs at items[first], items[first + 2], …: number literals
    // in strictly ascending order.
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

    ExpressionPtr parseStep(const json::Value& v, const std::string& path, ExprType expected) {
        const auto& items = v.items();
        const std::size_t n = items.size();
        arity(v, path, "step", n >= 5 && n % 2 == 1,
              "an input, a first output and stop/output pairs");
        auto input = parse(items[1], at(path, 1), ExprType::Number);
        std::vector<ExpressionPtr> outputs{parse(items[2], at(path, 2), expected)};
        const auto stops = parseStops(v, path, 3, "step");
        for (std::size_t i = 4; i < n; i += 2)
            outputs.push_back(parse(items[i], at(path, i), expected));
        return std::make_shared<expr::Step>(branchType(expected, outputs), std::move(input), stops,
                                            std::move(outputs));
    }

    ExpressionPtr parseInterpolate(const json::Value& v, const std::string& path,
                                   ExprType expected) {
        const auto& items = v.items();
        const std::size_t n = items.size();
        arity(v, path, "interpolate", n >= 5 && n % 2 == 1,
              "an interpolation type, an input and stop/output pairs");
        const json::Value& kind = items[1];
        const std::string kindPath = at(path, 1);
        if (!kind.isArray() || kind.items().empty() || !kind.items()[0].isString())
            fail(kind, kindPath,
                 "interpolation type must be [\"linear\"] or [\"exponential\", base]");
        const std::string& name = kind.items()[0].asString();
        double base = 1;
        bool exponential = false;
        if (name == "linear") {
            if (kind.items().size() != 1) fail(kind, kindPath, "[\"linear\"] takes no arguments");
        } else if (name == "exponential") {
            if (kind.items().size() != 2 || !kind.items()[1].isNumber() ||
                !(kind.items()[1].asNumber() > 0))
                fail(kind, kindPath, "[\"exponential\", base] needs a positive number base");
            base = kind.items()[1].asNumber();
            exponential = true;
        } else if (name == "cubic-bezier") {
            fail(kind, kindPath, "unsupported interpolation type \"cubic-bezier\"");
        } else {
            fail(kind, kindPath, "unknown interpolation type \"" + name + "\"");
        }
        if (expected != ExprType::Value && expected != ExprType::Number &&
            expected != ExprType::Color)
            fail(v, path,
                 std::string("interpolate produces numbers or colors, but ") +
                     exprTypeName(expected) + " is expected here");
        ExprType outType = expected;
        if (outType == ExprType::Value) {
            // Without a property to say, the first output decides.
            const json::Value& first = items[4];
            outType = first.isString() && parseCssColor(first.asString()) ? ExprType::Color
                                                                          : ExprType::Number;
        }
        auto input = parse(items[2], at(path, 2), ExprType::Number);
        const auto stops = parseStops(v, path, 3, "interpolate");
        std::vector<ExpressionPtr> outputs;
        for (std::size_t i = 4; i < n; i += 2)
            outputs.push_back(parse(items[i], at(path, i), outType));
        return std::make_shared<expr::Interpolate>(outType, base, exponential, std::move(input),
                                                   stops, std::move(outputs));
    }

    ExpressionPtr parseCompare(const json::Value& v, const std::string& path,
                               const std::string& op) {
        const auto& items = v.items();
        if (items.size() == 4) fail(v, path, "\"" + op + "\" with a collator is not supported");
        arity(v, path, op, items.size() == 3, "two arguments");
        if (items[1].isString() && !items[2].isArray())
            fail(items[1], at(path, 1),
                 "comparing the string \"" + items[1].asString() +
                     "\" with a constant: legacy filter syntax is not supported, write [\"" + op +
                     "\", [\"get\", \"" + items[1].asString() + "\"], …]");
        auto lhs = parse(items[1], at(path, 1), ExprType::Value);
        auto rhs = parse(items[2], at(path, 2), ExprType::Value);
        const ExprType a = lhs->type(), b = rhs->type();
        auto known = [](ExprType t) { return t != ExprType::Value && t != ExprType::Null; };
        const bool ordering = op != "==" && op != "!=";
        if (ordering) {
            for (const auto& [t, node, i] :
                 {std::tuple{a, &items[1], 1}, std::tuple{b, &items[2], 2}}) {
                if (known(t) && t != ExprType::Number && t != ExprType::String)
                    fail(*node, at(path, i),
                         "\"" + op + "\" compares numbers or strings, found " + exprTypeName(t));
            }
        }
        if (known(a) && known(b) && a != b)
            fail(v, path,
                 std::string("cannot compare ") + exprTypeName(a) + " with " + exprTypeName(b));
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

    ExpressionContext& ctx_;
};

}  // namespace

bool looksLikeExpression(const json::Value& v) {
    if (!v.isArray() || v.items().empty() || !v.items()[0].isString()) return false;
    const std::string& op = v.items()[0].asString();
    return isSupported(op) || isUnsupported(op);
}

ExpressionPtr parseExpression(const json::Value& v, const std::string& path, ExprType expected,
                              ExpressionContext& ctx) {
    return ExpressionParser(ctx).parse(v, path, expected);
}

ExpressionPtr parseExpressionText(std::string_view jsonText, ExprType expected,
                                  std::vector<std::string>* attributes) {
    const std::string name = "<expression>";
    const json::Document doc = json::parse(jsonText, name);
    Diagnostics diagnostics(name, jsonText);
    std::vector<std::string> local;
    ExpressionContext ctx{diagnostics, attributes ? *attributes : local};
    return parseExpression(doc.root, "$", expected, ctx);
}

}  // namespace jinmap
