#include "style/expression.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "style/expression_nodes.h"
#include "style/json.h"

namespace jinmap {

const char* exprTypeName(ExprType type) noexcept {
    switch (type) {
        case ExprType::Value:
            return "value";
        case ExprType::Null:
            return "null";
        case ExprType::Bool:
            return "boolean";
        case ExprType::Number:
            return "number";
        case ExprType::String:
            return "string";
        case ExprType::Color:
            return "color";
        case ExprType::Array:
            return "array";
    }
    return "value";
}

bool Expression::evaluateView(const EvaluationContext&, PropertyValue&) const {
    return false;
}

bool Expression::evaluateFilter(const EvaluationContext& ctx) const {
    const StyleValue v = evaluate(ctx);
    return v.isBool() && v.asBool();
}

std::string Expression::toJson() const {
    std::string out;
    write(out);
    return out;
}

namespace expr {

namespace {

// A scalar operand seen without copying when possible. `holder` keeps an
// evaluated value alive for the view. Returns false for colours and arrays,
// which callers compare as full StyleValues.
bool scalarView(const Expression& e, const EvaluationContext& ctx, PropertyValue& view,
                StyleValue& holder) {
    if (e.evaluateView(ctx, view)) return true;
    holder = e.evaluate(ctx);
    switch (holder.type()) {
        case StyleValue::Type::Null:
            view = std::monostate{};
            return true;
        case StyleValue::Type::Bool:
            view = holder.asBool();
            return true;
        case StyleValue::Type::Number:
            view = holder.asNumber();
            return true;
        case StyleValue::Type::String:
            view = std::string_view(holder.asString());
            return true;
        default:
            return false;
    }
}

void writeOperands(std::string& out, const char* op, const std::vector<ExpressionPtr>& operands) {
    out += "[\"";
    out += op;
    out += '"';
    for (const auto& o : operands) {
        out += ", ";
        o->write(out);
    }
    out += ']';
}

std::optional<double> parseNumberText(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    if (!s.empty() && s.front() == '+') s.remove_prefix(1);
    double v = 0;
    const auto res = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || res.ec != std::errc() || res.ptr != s.data() + s.size()) return std::nullopt;
    return v;
}

double interpolationFactor(double base, double lower, double upper, double x) {
    const double difference = upper - lower;
    const double progress = x - lower;
    if (difference == 0) return 0;
    if (base == 1) return progress / difference;
    return (std::pow(base, progress) - 1) / (std::pow(base, difference) - 1);
}

}  // namespace

// ------------------------------------------------------------ literal, get, has, zoom

Literal::Literal(StyleValue v)
    : Expression(Kind::Literal,
                 [&] {
                     switch (v.type()) {
                         case StyleValue::Type::Null:
                             return ExprType::Null;
                         case StyleValue::Type::Bool:
                             return ExprType::Bool;
                         case StyleValue::Type::Number:
                             return ExprType::Number;
                         case StyleValue::Type::String:
                             return ExprType::String;
                         case StyleValue::Type::Color:
                             return ExprType::Color;
                         case StyleValue::Type::Array:
                             return ExprType::Array;
                     }
                     return ExprType::Value;
                 }()),
      value(std::move(v)) {}

bool Literal::evaluateView(const EvaluationContext&, PropertyValue& out) const {
    switch (value.type()) {
        case StyleValue::Type::Null:
            out = std::monostate{};
            return true;
        case StyleValue::Type::Bool:
            out = value.asBool();
            return true;
        case StyleValue::Type::Number:
            out = value.asNumber();
            return true;
        case StyleValue::Type::String:
            out = std::string_view(value.asString());
            return true;
        default:
            return false;
    }
}

void Literal::write(std::string& out) const {
    if (value.isArray()) {
        out += "[\"literal\", " + value.toJson() + "]";
    } else {
        out += value.toJson();
    }
}

Get::Get(std::string n, int s)
    : Expression(Kind::Get, ExprType::Value), name(std::move(n)), slot(s) {
    markFeatureDependent();
}

StyleValue Get::evaluate(const EvaluationContext& ctx) const {
    if (!ctx.feature) return {};
    return toStyleValue(ctx.feature->property(slot, name));
}

bool Get::evaluateView(const EvaluationContext& ctx, PropertyValue& out) const {
    out = ctx.feature ? ctx.feature->property(slot, name) : PropertyValue{};
    return true;
}

void Get::write(std::string& out) const {
    out += "[\"get\", ";
    json::appendQuoted(out, name);
    out += ']';
}

Has::Has(std::string n, int s)
    : Expression(Kind::Has, ExprType::Bool), name(std::move(n)), slot(s) {
    markFeatureDependent();
}

StyleValue Has::evaluate(const EvaluationContext& ctx) const {
    return ctx.feature && ctx.feature->property(slot, name).index() != 0;
}

void Has::write(std::string& out) const {
    out += "[\"has\", ";
    json::appendQuoted(out, name);
    out += ']';
}

Zoom::Zoom() : Expression(Kind::Zoom, ExprType::Number) {
    markZoomDependent();
}

// ------------------------------------------------------------ match

Match::Match(ExprType type, ExpressionPtr in, std::vector<Branch> br, ExpressionPtr fb)
    : Expression(Kind::Match, type),
      input(std::move(in)),
      branches(std::move(br)),
      fallback(std::move(fb)) {
    dependsOn(*input);
    dependsOn(*fallback);
    for (std::size_t i = 0; i < branches.size(); ++i) {
        dependsOn(*branches[i].output);
        for (const auto& label : branches[i].labels) {
            if (label.isString())
                stringLabels_.emplace_back(label.asString(), static_cast<int>(i));
            else
                numberLabels_.emplace_back(label.asNumber(), static_cast<int>(i));
        }
    }
    std::sort(stringLabels_.begin(), stringLabels_.end());
    std::sort(numberLabels_.begin(), numberLabels_.end());
}

int Match::branchIndex(const EvaluationContext& ctx) const {
    PropertyValue view;
    StyleValue holder;
    if (!scalarView(*input, ctx, view, holder)) return -1;
    if (const auto* s = std::get_if<std::string_view>(&view)) {
        const auto it = std::lower_bound(
            stringLabels_.begin(), stringLabels_.end(), *s,
            [](const std::pair<std::string, int>& a, std::string_view b) { return a.first < b; });
        return it != stringLabels_.end() && it->first == *s ? it->second : -1;
    }
    if (const auto* d = std::get_if<double>(&view)) {
        const auto it =
            std::lower_bound(numberLabels_.begin(), numberLabels_.end(), *d,
                             [](const std::pair<double, int>& a, double b) { return a.first < b; });
        return it != numberLabels_.end() && it->first == *d ? it->second : -1;
    }
    return -1;
}

StyleValue Match::evaluate(const EvaluationContext& ctx) const {
    const int i = branchIndex(ctx);
    return i < 0 ? fallback->evaluate(ctx) : branches[i].output->evaluate(ctx);
}

void Match::write(std::string& out) const {
    out += "[\"match\", ";
    input->write(out);
    for (const auto& b : branches) {
        out += ", ";
        if (b.labels.size() == 1) {
            out += b.labels.front().toJson();
        } else {
            out += StyleValue(b.labels).toJson();
        }
        out += ", ";
        b.output->write(out);
    }
    out += ", ";
    fallback->write(out);
    out += ']';
}

// ------------------------------------------------------------ case

Case::Case(ExprType type, std::vector<std::pair<ExpressionPtr, ExpressionPtr>> br, ExpressionPtr fb)
    : Expression(Kind::Case, type), branches(std::move(br)), fallback(std::move(fb)) {
    for (const auto& [cond, value] : branches) {
        dependsOn(*cond);
        dependsOn(*value);
    }
    dependsOn(*fallback);
}

StyleValue Case::evaluate(const EvaluationContext& ctx) const {
    for (const auto& [cond, value] : branches)
        if (cond->evaluateFilter(ctx)) return value->evaluate(ctx);
    return fallback->evaluate(ctx);
}

void Case::write(std::string& out) const {
    out += "[\"case\"";
    for (const auto& [cond, value] : branches) {
        out += ", ";
        cond->write(out);
        out += ", ";
        value->write(out);
    }
    out += ", ";
    fallback->write(out);
    out += ']';
}

// ------------------------------------------------------------ step, interpolate

Step::Step(ExprType type, ExpressionPtr in, std::vector<double> s, std::vector<ExpressionPtr> o)
    : Expression(Kind::Step, type),
      input(std::move(in)),
      stops(std::move(s)),
      outputs(std::move(o)) {
    dependsOn(*input);
    for (const auto& e : outputs) dependsOn(*e);
}

int Step::classIndex(const EvaluationContext& ctx) const {
    PropertyValue view;
    StyleValue holder;
    if (!scalarView(*input, ctx, view, holder)) return -1;
    const auto* x = std::get_if<double>(&view);
    if (!x || std::isnan(*x)) return -1;
    return static_cast<int>(std::upper_bound(stops.begin(), stops.end(), *x) - stops.begin());
}

StyleValue Step::evaluate(const EvaluationContext& ctx) const {
    const int i = classIndex(ctx);
    return i < 0 ? StyleValue() : outputs[i]->evaluate(ctx);
}

void Step::write(std::string& out) const {
    out += "[\"step\", ";
    input->write(out);
    out += ", ";
    outputs[0]->write(out);
    for (std::size_t i = 0; i < stops.size(); ++i) {
        out += ", " + json::formatNumber(stops[i]) + ", ";
        outputs[i + 1]->write(out);
    }
    out += ']';
}

Interpolate::Interpolate(ExprType type, double b, bool exp, ExpressionPtr in, std::vector<double> s,
                         std::vector<ExpressionPtr> o)
    : Expression(Kind::Interpolate, type),
      base(b),
      exponential(exp),
      input(std::move(in)),
      stops(std::move(s)),
      outputs(std::move(o)) {
    dependsOn(*input);
    for (const auto& e : outputs) dependsOn(*e);
}

StyleValue Interpolate::evaluate(const EvaluationContext& ctx) const {
    PropertyValue view;
    StyleValue holder;
    if (!scalarView(*input, ctx, view, holder)) return {};
    const auto* xp = std::get_if<double>(&view);
    if (!xp || std::isnan(*xp)) return {};
    const double x = *xp;
    if (x <= stops.front()) return outputs.front()->evaluate(ctx);
    if (x >= stops.back()) return outputs.back()->evaluate(ctx);
    const auto i = static_cast<std::size_t>(std::upper_bound(stops.begin(), stops.end(), x) -
                                            stops.begin() - 1);
    const double t = interpolationFactor(base, stops[i], stops[i + 1], x);
    const StyleValue lo = outputs[i]->evaluate(ctx);
    const StyleValue hi = outputs[i + 1]->evaluate(ctx);
    if (lo.isNumber() && hi.isNumber()) return lo.asNumber() + (hi.asNumber() - lo.asNumber()) * t;
    if (lo.isColor() && hi.isColor()) return mix(lo.asColor(), hi.asColor(), t);
    return {};
}

void Interpolate::write(std::string& out) const {
    out += "[\"interpolate\", ";
    out += exponential ? "[\"exponential\", " + json::formatNumber(base) + "]" : "[\"linear\"]";
    out += ", ";
    input->write(out);
    for (std::size_t i = 0; i < stops.size(); ++i) {
        out += ", " + json::formatNumber(stops[i]) + ", ";
        outputs[i]->write(out);
    }
    out += ']';
}

// ------------------------------------------------------------ comparisons and logic

Compare::Compare(Op o, ExpressionPtr l, ExpressionPtr r)
    : Expression(Kind::Compare, ExprType::Bool), op(o), lhs(std::move(l)), rhs(std::move(r)) {
    dependsOn(*lhs);
    dependsOn(*rhs);
}

const char* Compare::opName(Op op) {
    switch (op) {
        case Op::Eq:
            return "==";
        case Op::Ne:
            return "!=";
        case Op::Lt:
            return "<";
        case Op::Le:
            return "<=";
        case Op::Gt:
            return ">";
        case Op::Ge:
            return ">=";
    }
    return "==";
}

StyleValue Compare::evaluate(const EvaluationContext& ctx) const {
    PropertyValue a, b;
    StyleValue ha, hb;
    const bool scalars = scalarView(*lhs, ctx, a, ha) && scalarView(*rhs, ctx, b, hb);
    if (op == Op::Eq || op == Op::Ne) {
        bool equal;
        if (scalars) {
            equal = a == b;
        } else {
            // Colours or arrays: compare full values (re-evaluated on this rare path).
            equal = lhs->evaluate(ctx) == rhs->evaluate(ctx);
        }
        return op == Op::Eq ? equal : !equal;
    }
    if (!scalars || a.index() != b.index()) return {};
    int cmp;
    if (const auto* x = std::get_if<double>(&a)) {
        const double y = std::get<double>(b);
        if (std::isnan(*x) || std::isnan(y)) return false;
        cmp = *x < y ? -1 : (*x > y ? 1 : 0);
    } else if (const auto* s = std::get_if<std::string_view>(&a)) {
        cmp = s->compare(std::get<std::string_view>(b));
    } else {
        return {};
    }
    switch (op) {
        case Op::Lt:
            return cmp < 0;
        case Op::Le:
            return cmp <= 0;
        case Op::Gt:
            return cmp > 0;
        case Op::Ge:
            return cmp >= 0;
        default:
            return {};
    }
}

void Compare::write(std::string& out) const {
    writeOperands(out, opName(op), {lhs, rhs});
}

Not::Not(ExpressionPtr o) : Expression(Kind::Not, ExprType::Bool), operand(std::move(o)) {
    dependsOn(*operand);
}

StyleValue Not::evaluate(const EvaluationContext& ctx) const {
    const StyleValue v = operand->evaluate(ctx);
    if (!v.isBool()) return {};
    return !v.asBool();
}

void Not::write(std::string& out) const {
    writeOperands(out, "!", {operand});
}

Variadic::Variadic(Kind kind, ExprType type, std::vector<ExpressionPtr> o)
    : Expression(kind, type), operands(std::move(o)) {
    for (const auto& e : operands) dependsOn(*e);
}

StyleValue Variadic::evaluate(const EvaluationContext& ctx) const {
    switch (kind()) {
        case Kind::All:
            for (const auto& e : operands)
                if (!e->evaluateFilter(ctx)) return false;
            return true;
        case Kind::Any:
            for (const auto& e : operands)
                if (e->evaluateFilter(ctx)) return true;
            return false;
        case Kind::Coalesce:
            for (const auto& e : operands) {
                StyleValue v = e->evaluate(ctx);
                if (!v.isNull()) return v;
            }
            return {};
        case Kind::Concat: {
            std::string s;
            for (const auto& e : operands) {
                PropertyValue view;
                if (e->evaluateView(ctx, view)) {
                    if (const auto* sv = std::get_if<std::string_view>(&view)) {
                        s += *sv;
                        continue;
                    }
                    s += toStyleValue(view).toText();
                } else {
                    s += e->evaluate(ctx).toText();
                }
            }
            return s;
        }
        default:
            return {};
    }
}

void Variadic::write(std::string& out) const {
    const char* op = kind() == Kind::All        ? "all"
                     : kind() == Kind::Any      ? "any"
                     : kind() == Kind::Coalesce ? "coalesce"
                                                : "concat";
    writeOperands(out, op, operands);
}

In::In(ExpressionPtr n, ExpressionPtr h)
    : Expression(Kind::In, ExprType::Bool), needle(std::move(n)), haystack(std::move(h)) {
    dependsOn(*needle);
    dependsOn(*haystack);
}

StyleValue In::evaluate(const EvaluationContext& ctx) const {
    const StyleValue h = haystack->evaluate(ctx);
    const StyleValue n = needle->evaluate(ctx);
    if (h.isArray()) {
        const auto& items = h.asArray();
        return std::find(items.begin(), items.end(), n) != items.end();
    }
    if (h.isString()) {
        if (n.isNull()) return false;
        return h.asString().find(n.toText()) != std::string::npos;
    }
    return false;
}

void In::write(std::string& out) const {
    writeOperands(out, "in", {needle, haystack});
}

// ------------------------------------------------------------ conversions

Convert::Convert(Kind kind, ExprType type, std::vector<ExpressionPtr> o)
    : Expression(kind, type), operands(std::move(o)) {
    for (const auto& e : operands) dependsOn(*e);
}

StyleValue Convert::evaluate(const EvaluationContext& ctx) const {
    if (kind() == Kind::ToString) return operands.front()->evaluate(ctx).toText();
    for (const auto& e : operands) {
        StyleValue v = e->evaluate(ctx);
        if (kind() == Kind::ToNumber) {
            switch (v.type()) {
                case StyleValue::Type::Number:
                    return v;
                case StyleValue::Type::Null:
                    return 0.0;
                case StyleValue::Type::Bool:
                    return v.asBool() ? 1.0 : 0.0;
                case StyleValue::Type::String:
                    if (const auto d = parseNumberText(v.asString())) return *d;
                    break;
                default:
                    break;
            }
        } else {  // ToColor
            if (v.isColor()) return v;
            if (v.isString()) {
                if (const auto c = parseCssColor(v.asString())) return *c;
            }
        }
    }
    return {};
}

void Convert::write(std::string& out) const {
    const char* op = kind() == Kind::ToString   ? "to-string"
                     : kind() == Kind::ToNumber ? "to-number"
                                                : "to-color";
    writeOperands(out, op, operands);
}

}  // namespace expr
}  // namespace jinmap
