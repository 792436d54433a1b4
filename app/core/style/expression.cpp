// Evaluation of expression nodes, following maplibre-style-spec's
// definitions (src/expression/definitions) operator by operator.
#include "style/expression.h"

#include <algorithm>
#include <cmath>
#include <limits>

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
        case ExprType::Object:
            return "object";
        case ExprType::Error:
            return "error";
    }
    return "value";
}

std::string Type::toString() const {
    if (kind != ExprType::Array) return exprTypeName(kind);
    if (length >= 0)
        return std::string("array<") + exprTypeName(item) + ", " + std::to_string(length) + ">";
    if (item == ExprType::Value) return "array";
    return std::string("array<") + exprTypeName(item) + ">";
}

bool isSubtype(const Type& expected, const Type& t) {
    if (t.kind == ExprType::Error) return true;
    if (expected.kind == ExprType::Array) {
        if (t.kind != ExprType::Array) return false;
        const bool itemOk = (t.length == 0 && t.item == ExprType::Value) ||
                            isSubtype(Type(expected.item), Type(t.item));
        return itemOk && (expected.length < 0 || expected.length == t.length);
    }
    if (expected.kind == t.kind) return true;
    // Every type but error is a value (arrays of anything are array<value>).
    return expected.kind == ExprType::Value;
}

Type typeOf(const StyleValue& v) {
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
        case StyleValue::Type::Object:
            return ExprType::Object;
        case StyleValue::Type::Error:
            return ExprType::Error;
        case StyleValue::Type::Array: {
            // The items' common kind; nested arrays are distinct types in
            // MapLibre (compared by identity), so two of them make "value".
            const auto& items = v.asArray();
            ExprType item = ExprType::Value;
            bool first = true;
            for (const auto& x : items) {
                const ExprType k = typeOf(x).kind;
                if (first) {
                    item = k;
                    first = false;
                } else if (item != k || k == ExprType::Array) {
                    item = ExprType::Value;
                    break;
                }
            }
            return Type::array(item, static_cast<int>(items.size()));
        }
    }
    return ExprType::Value;
}

bool Expression::evaluateView(const EvaluationContext&, PropertyValue&) const {
    return false;
}

bool Expression::evaluateFilter(const EvaluationContext& ctx) const {
    PropertyValue view;
    if (evaluateView(ctx, view)) {
        const bool* b = std::get_if<bool>(&view);
        return b && *b;
    }
    StyleValue v = evaluate(ctx);
    return v.isBool() && v.asBool();
}

std::string Expression::toJson() const {
    std::string out;
    write(out);
    return out;
}

namespace expr {

namespace {

// `view` set to `v` when it is a scalar (null, boolean, number, string;
// strings as a view into `v`); false for colours, arrays, objects, errors.
bool scalarOf(const StyleValue& v, PropertyValue& view) {
    switch (v.type()) {
        case StyleValue::Type::Null:
            view = std::monostate{};
            return true;
        case StyleValue::Type::Bool:
            view = v.asBool();
            return true;
        case StyleValue::Type::Number:
            view = v.asNumber();
            return true;
        case StyleValue::Type::String:
            view = std::string_view(v.asString());
            return true;
        default:
            return false;
    }
}

// The allocation-free path: true with `view` set to a scalar (null, boolean,
// number, string) when `e` can give one without evaluating; false when the
// caller must take the evaluating path (which also reports errors).
bool scalarFast(const Expression& e, const EvaluationContext& ctx, PropertyValue& view) {
    if (!e.evaluateView(ctx, view)) return false;
    if (const auto* p = std::get_if<const StyleValue*>(&view)) return scalarOf(**p, view);
    return true;
}

// A scalar operand seen without copying when possible. Returns true with
// `view` set for null, booleans, numbers and strings; false with `holder`
// set to the evaluated value otherwise (colours, arrays, objects, errors).
bool scalarView(const Expression& e, const EvaluationContext& ctx, PropertyValue& view,
                StyleValue& holder) {
    if (e.evaluateView(ctx, view)) {
        if (const auto* p = std::get_if<const StyleValue*>(&view)) {
            if (scalarOf(**p, view)) return true;
            holder = **p;
            return false;
        }
        return true;
    }
    holder = e.evaluate(ctx);
    return scalarOf(holder, view);
}

ExprType viewKind(const PropertyValue& v) {
    switch (v.index()) {
        case 1:
            return ExprType::Bool;
        case 2:
            return ExprType::Number;
        case 3:
            return ExprType::String;
        default:
            return ExprType::Null;
    }
}

void writeOperands(std::string& out, const std::string& op,
                   const std::vector<ExpressionPtr>& operands, const std::string& prefix = {}) {
    out += "[\"";
    out += op;
    out += '"';
    out += prefix;
    for (const auto& o : operands) {
        out += ", ";
        o->write(out);
    }
    out += ']';
}

// Solves the CSS/WebKit unit bezier through (0,0), (x1,y1), (x2,y2), (1,1):
// y at the curve parameter whose x is `x`.
double unitBezier(const std::vector<double>& p, double x) {
    const double cx = 3 * p[0], bx = 3 * (p[2] - p[0]) - cx, ax = 1 - cx - bx;
    const double cy = 3 * p[1], by = 3 * (p[3] - p[1]) - cy, ay = 1 - cy - by;
    auto sampleX = [&](double t) { return ((ax * t + bx) * t + cx) * t; };
    auto sampleY = [&](double t) { return ((ay * t + by) * t + cy) * t; };
    auto slopeX = [&](double t) { return (3 * ax * t + 2 * bx) * t + cx; };
    constexpr double kEpsilon = 1e-6;
    double t = x;
    // Newton's method first, bisection when the slope is too flat.
    for (int i = 0; i < 8; ++i) {
        const double err = sampleX(t) - x;
        if (std::abs(err) < kEpsilon) return sampleY(t);
        const double d = slopeX(t);
        if (std::abs(d) < kEpsilon) break;
        t -= err / d;
    }
    double lo = 0, hi = 1;
    t = x;
    if (t < lo) return sampleY(lo);
    if (t > hi) return sampleY(hi);
    while (lo < hi) {
        const double v = sampleX(t);
        if (std::abs(v - x) < kEpsilon) return sampleY(t);
        if (x > v)
            lo = t;
        else
            hi = t;
        t = (hi - lo) / 2 + lo;
        if (hi - lo < 1e-12) break;
    }
    return sampleY(t);
}

// The stop at or below `x` (stops ascending, x within them, not NaN).
std::size_t stopBelow(const std::vector<double>& stops, double x) {
    return static_cast<std::size_t>(std::upper_bound(stops.begin(), stops.end(), x) -
                                    stops.begin() - 1);
}

bool truthy(const StyleValue& v) {
    switch (v.type()) {
        case StyleValue::Type::Null:
        case StyleValue::Type::Error:
            return false;
        case StyleValue::Type::Bool:
            return v.asBool();
        case StyleValue::Type::Number:
            return v.asNumber() != 0 && !std::isnan(v.asNumber());
        case StyleValue::Type::String:
            return !v.asString().empty();
        default:
            return true;
    }
}

// JavaScript's Number(value) for the to-number conversion.
double toJsNumber(const StyleValue& v);

// Array.prototype.toString (join with ","), for Number([…]).
std::string arrayToJsString(const StyleArray& items) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) out += ',';
        const StyleValue& x = items[i];
        if (x.isNull()) continue;
        if (x.isArray())
            out += arrayToJsString(x.asArray());
        else if (x.isObject())
            out += "[object Object]";
        else
            out += x.toText();
    }
    return out;
}

double toJsNumber(const StyleValue& v) {
    switch (v.type()) {
        case StyleValue::Type::Bool:
            return v.asBool() ? 1 : 0;
        case StyleValue::Type::Number:
            return v.asNumber();
        case StyleValue::Type::String:
            return jsStringToNumber(v.asString());
        case StyleValue::Type::Array:
            return jsStringToNumber(arrayToJsString(v.asArray()));
        default:
            return std::numeric_limits<double>::quiet_NaN();
    }
}

// JavaScript's ToIntegerOrInfinity for slice/index-of positions.
double toInteger(double x) {
    if (std::isnan(x)) return 0;
    return std::trunc(x);
}

// Relative index as Array.prototype.slice reads it, clamped to 0..length.
std::size_t relativeIndex(double x, std::size_t length) {
    const double n = static_cast<double>(length);
    x = toInteger(x);
    if (x < 0) x = std::max(0.0, n + x);
    return static_cast<std::size_t>(std::min(x, n));
}

// Code point boundaries of a UTF-8 string (byte offsets, plus the end).
std::vector<std::size_t> codePointStarts(std::string_view s) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < s.size(); ++i)
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) out.push_back(i);
    out.push_back(s.size());
    return out;
}

// Number of UTF-16 code units of a UTF-8 string.
std::size_t utf16Length(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s) {
        if ((c & 0xC0) != 0x80) ++n;
        if (c >= 0xF0) ++n;  // a surrogate pair
    }
    return n;
}

// Byte offset of UTF-16 unit index `units` (rounded up to a code point).
std::size_t byteOffsetOfUtf16(std::string_view s, std::size_t units) {
    std::size_t n = 0, i = 0;
    while (i < s.size() && n < units) {
        const auto c = static_cast<unsigned char>(s[i]);
        const std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        n += len == 4 ? 2 : 1;
        i += len;
    }
    return std::min(i, s.size());
}

std::size_t codePointCount(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

// JavaScript's === between scalar values and shared arrays/objects.
bool strictEquals(const StyleValue& a, const StyleValue& b) {
    if (a.type() != b.type()) return false;
    switch (a.type()) {
        case StyleValue::Type::Null:
            return true;
        case StyleValue::Type::Bool:
            return a.asBool() == b.asBool();
        case StyleValue::Type::Number:
            return a.asNumber() == b.asNumber();
        case StyleValue::Type::String:
            return a.asString() == b.asString();
        case StyleValue::Type::Color:
            return a.asColor() == b.asColor();
        default:
            return a.sameReference(b);
    }
}

// What JavaScript's String(x) gives for an index-of/in needle.
std::string needleText(const StyleValue& v) {
    return v.isNull() ? std::string("null") : v.toText();
}

bool isNeedleType(const StyleValue& v) {
    return v.isNull() || v.isBool() || v.isNumber() || v.isString();
}

}  // namespace

// ------------------------------------------------------------ literal, get, has, zoom

Literal::Literal(StyleValue v) : Expression(Kind::Literal, typeOf(v)), value(std::move(v)) {}

Literal::Literal(StyleValue v, const Type& type)
    : Expression(Kind::Literal, type), value(std::move(v)) {}

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
            // Colours, arrays and objects: the literal's own value.
            out = &value;
            return true;
    }
}

void Literal::write(std::string& out) const {
    if (value.isArray() || value.isObject()) {
        out += "[\"literal\", " + value.toJson() + "]";
    } else {
        out += value.toJson();
    }
}

Get::Get(Kind kind, std::string n, int s, ExpressionPtr k, ExpressionPtr o)
    : Expression(kind, kind == Kind::Has ? Type(ExprType::Bool) : Type(ExprType::Value)),
      name(std::move(n)),
      slot(s),
      key(std::move(k)),
      object(std::move(o)) {
    if (key) dependsOn(*key);
    if (object)
        dependsOn(*object);
    else
        markFeatureDependent();
}

std::vector<const Expression*> Get::children() const {
    std::vector<const Expression*> out;
    if (key) out.push_back(key.get());
    if (object) out.push_back(object.get());
    return out;
}

bool Get::evaluateView(const EvaluationContext& ctx, PropertyValue& out) const {
    if (kind() != Kind::Get || key || object) return false;
    out = ctx.feature ? ctx.feature->property(slot, name) : PropertyValue{};
    return true;
}

StyleValue Get::evaluate(const EvaluationContext& ctx) const {
    StyleValue keyHolder;
    std::string_view keyText = name;
    if (key) {
        keyHolder = key->evaluate(ctx);
        if (keyHolder.isError()) return keyHolder;
        if (!keyHolder.isString()) return StyleValue::error("property name is not a string");
        keyText = keyHolder.asString();
    }
    const bool has = kind() == Kind::Has;
    if (object) {
        StyleValue obj = object->evaluate(ctx);
        if (obj.isError()) return obj;
        if (!obj.isObject()) return StyleValue::error("expected an object");
        const StyleValue* member = obj.member(keyText);
        if (has) return member != nullptr;
        return member ? *member : StyleValue();
    }
    const PropertyValue v =
        ctx.feature ? ctx.feature->property(key ? -1 : slot, keyText) : PropertyValue{};
    if (has) return v.index() != 0;
    return toStyleValue(v);
}

void Get::write(std::string& out) const {
    out += kind() == Kind::Has ? "[\"has\", " : "[\"get\", ";
    if (key)
        key->write(out);
    else
        json::appendQuoted(out, name);
    if (object) {
        out += ", ";
        object->write(out);
    }
    out += ']';
}

Zoom::Zoom() : Expression(Kind::Zoom, ExprType::Number) {
    markZoomDependent();
}

// ------------------------------------------------------------ match

Match::Match(const Type& type, ExpressionPtr in, std::vector<Branch> br, ExpressionPtr fb)
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

std::vector<const Expression*> Match::children() const {
    std::vector<const Expression*> out{input.get()};
    for (const auto& b : branches) out.push_back(b.output.get());
    out.push_back(fallback.get());
    return out;
}

int Match::branchIndex(const EvaluationContext& ctx, StyleValue* error) const {
    PropertyValue view;
    if (!scalarFast(*input, ctx, view)) {
        StyleValue holder;
        if (!scalarView(*input, ctx, view, holder)) {
            if (holder.isError()) {
                if (error) *error = holder;
                return -2;
            }
            return -1;
        }
        return lookup(view);
    }
    return lookup(view);
}

int Match::lookup(const PropertyValue& view) const {
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
    StyleValue error;
    const int i = branchIndex(ctx, &error);
    if (i == -2) return error;
    return i < 0 ? fallback->evaluate(ctx) : branches[i].output->evaluate(ctx);
}

bool Match::evaluateView(const EvaluationContext& ctx, PropertyValue& out) const {
    const int i = branchIndex(ctx);
    if (i == -2) return false;
    return (i < 0 ? fallback : branches[i].output)->evaluateView(ctx, out);
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

Case::Case(const Type& type, std::vector<std::pair<ExpressionPtr, ExpressionPtr>> br,
           ExpressionPtr fb)
    : Expression(Kind::Case, type), branches(std::move(br)), fallback(std::move(fb)) {
    for (const auto& [cond, value] : branches) {
        dependsOn(*cond);
        dependsOn(*value);
    }
    dependsOn(*fallback);
}

std::vector<const Expression*> Case::children() const {
    std::vector<const Expression*> out;
    for (const auto& [cond, value] : branches) {
        out.push_back(cond.get());
        out.push_back(value.get());
    }
    out.push_back(fallback.get());
    return out;
}

const Expression* Case::select(const EvaluationContext& ctx, StyleValue& error) const {
    for (const auto& [cond, value] : branches) {
        PropertyValue view;
        if (cond->evaluateView(ctx, view)) {
            if (const bool* b = std::get_if<bool>(&view)) {
                if (*b) return value.get();
                continue;
            }
        }
        // Conditions are boolean-typed (asserted when parsed): anything else
        // is an evaluation error.
        StyleValue c = cond->evaluate(ctx);
        if (c.isError()) {
            error = c;
            return nullptr;
        }
        if (!c.isBool()) {
            error = StyleValue::error("case condition is not a boolean");
            return nullptr;
        }
        if (c.asBool()) return value.get();
    }
    return fallback.get();
}

StyleValue Case::evaluate(const EvaluationContext& ctx) const {
    StyleValue error;
    const Expression* e = select(ctx, error);
    return e ? e->evaluate(ctx) : error;
}

bool Case::evaluateView(const EvaluationContext& ctx, PropertyValue& out) const {
    StyleValue error;
    const Expression* e = select(ctx, error);
    return e && e->evaluateView(ctx, out);
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

namespace {
// Reads a curve's numeric input: the number, or an error (not a number, NaN).
bool curveInput(const Expression& input, const EvaluationContext& ctx, double& x,
                StyleValue& error) {
    PropertyValue view;
    if (scalarFast(input, ctx, view)) {
        const auto* d = std::get_if<double>(&view);
        if (d && !std::isnan(*d)) {
            x = *d;
            return true;
        }
    }
    StyleValue holder;
    if (!scalarView(input, ctx, view, holder)) {
        error = holder.isError() ? holder : StyleValue::error("input is not a number");
        return false;
    }
    const auto* d = std::get_if<double>(&view);
    if (!d || std::isnan(*d)) {
        error = StyleValue::error("Input is not a number.");
        return false;
    }
    x = *d;
    return true;
}
}  // namespace

Step::Step(const Type& type, ExpressionPtr in, std::vector<double> s, std::vector<ExpressionPtr> o)
    : Expression(Kind::Step, type),
      input(std::move(in)),
      stops(std::move(s)),
      outputs(std::move(o)) {
    dependsOn(*input);
    for (const auto& e : outputs) dependsOn(*e);
}

std::vector<const Expression*> Step::children() const {
    std::vector<const Expression*> out{input.get()};
    for (const auto& e : outputs) out.push_back(e.get());
    return out;
}

int Step::classIndex(const EvaluationContext& ctx, StyleValue* error) const {
    double x = 0;
    PropertyValue view;
    const double* fast = nullptr;
    if (scalarFast(*input, ctx, view)) fast = std::get_if<double>(&view);
    if (fast && !std::isnan(*fast)) {
        x = *fast;
    } else {
        StyleValue err;
        if (!curveInput(*input, ctx, x, err)) {
            if (error) *error = err;
            return -1;
        }
    }
    return static_cast<int>(std::upper_bound(stops.begin(), stops.end(), x) - stops.begin());
}

StyleValue Step::evaluate(const EvaluationContext& ctx) const {
    StyleValue error;
    const int i = classIndex(ctx, &error);
    return i < 0 ? error : outputs[i]->evaluate(ctx);
}

bool Step::evaluateView(const EvaluationContext& ctx, PropertyValue& out) const {
    const int i = classIndex(ctx);
    return i >= 0 && outputs[i]->evaluateView(ctx, out);
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

Interpolate::Interpolate(const Type& type, std::string o, Curve c, std::vector<double> p,
                         ExpressionPtr in, std::vector<double> s, std::vector<ExpressionPtr> outs)
    : Expression(Kind::Interpolate, type),
      op(std::move(o)),
      curve(c),
      parameters(std::move(p)),
      input(std::move(in)),
      stops(std::move(s)),
      outputs(std::move(outs)) {
    dependsOn(*input);
    for (const auto& e : outputs) dependsOn(*e);
}

std::vector<const Expression*> Interpolate::children() const {
    std::vector<const Expression*> out{input.get()};
    for (const auto& e : outputs) out.push_back(e.get());
    return out;
}

double Interpolate::factor(double x, double lower, double upper) const {
    const double difference = upper - lower;
    const double progress = x - lower;
    if (difference == 0) return 0;
    switch (curve) {
        case Curve::Linear:
            return progress / difference;
        case Curve::Exponential: {
            const double base = parameters[0];
            if (base == 1) return progress / difference;
            return (std::pow(base, progress) - 1) / (std::pow(base, difference) - 1);
        }
        case Curve::CubicBezier:
            return unitBezier(parameters, progress / difference);
    }
    return 0;
}

StyleValue Interpolate::evaluate(const EvaluationContext& ctx) const {
    if (stops.size() == 1) return outputs.front()->evaluate(ctx);
    double x = 0;
    StyleValue error;
    if (!curveInput(*input, ctx, x, error)) return error;
    if (x <= stops.front()) return outputs.front()->evaluate(ctx);
    if (x >= stops.back()) return outputs.back()->evaluate(ctx);
    const std::size_t i = stopBelow(stops, x);
    const double t = factor(x, stops[i], stops[i + 1]);
    StyleValue lo = outputs[i]->evaluate(ctx);
    if (lo.isError()) return lo;
    StyleValue hi = outputs[i + 1]->evaluate(ctx);
    if (hi.isError()) return hi;
    if (lo.isNumber() && hi.isNumber()) return lo.asNumber() + t * (hi.asNumber() - lo.asNumber());
    if (lo.isColor() && hi.isColor()) {
        const ColorSpace space = op == "interpolate-hcl"   ? ColorSpace::Hcl
                                 : op == "interpolate-lab" ? ColorSpace::Lab
                                                           : ColorSpace::Rgb;
        return mix(lo.asColor(), hi.asColor(), t, space);
    }
    if (lo.isArray() && hi.isArray()) {
        const auto& a = lo.asArray();
        const auto& b = hi.asArray();
        StyleArray result;
        result.reserve(a.size());
        for (std::size_t k = 0; k < a.size(); ++k) {
            if (k >= b.size() || !a[k].isNumber() || !b[k].isNumber())
                return StyleValue::error("cannot interpolate these arrays");
            result.emplace_back(a[k].asNumber() + t * (b[k].asNumber() - a[k].asNumber()));
        }
        return result;
    }
    return StyleValue::error("cannot interpolate these values");
}

void Interpolate::write(std::string& out) const {
    out += "[\"" + op + "\", ";
    switch (curve) {
        case Curve::Linear:
            out += "[\"linear\"]";
            break;
        case Curve::Exponential:
            out += "[\"exponential\", " + json::formatNumber(parameters[0]) + "]";
            break;
        case Curve::CubicBezier:
            out += "[\"cubic-bezier\"";
            for (double p : parameters) out += ", " + json::formatNumber(p);
            out += "]";
            break;
    }
    out += ", ";
    input->write(out);
    for (std::size_t i = 0; i < stops.size(); ++i) {
        out += ", " + json::formatNumber(stops[i]) + ", ";
        outputs[i]->write(out);
    }
    out += ']';
}

// ------------------------------------------------------------ comparisons

Compare::Compare(Op o, ExpressionPtr l, ExpressionPtr r)
    : Expression(Kind::Compare, ExprType::Bool), op(o), lhs(std::move(l)), rhs(std::move(r)) {
    dependsOn(*lhs);
    dependsOn(*rhs);
    untyped_ = lhs->type().kind == ExprType::Value || rhs->type().kind == ExprType::Value;
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

namespace {
// Equality and ordering of two scalar views; false in `ok` when an untyped
// ordering meets mismatched types (an evaluation error).
bool compareScalars(Compare::Op op, const PropertyValue& a, const PropertyValue& b, bool untyped,
                    bool& ok) {
    ok = true;
    if (op == Compare::Op::Eq || op == Compare::Op::Ne) {
        bool equal = a == b;  // NaN != NaN, as in JavaScript
        if (const auto* x = std::get_if<double>(&a))
            if (std::isnan(*x)) equal = false;
        return op == Compare::Op::Eq ? equal : !equal;
    }
    const bool numbers = a.index() == 2 && b.index() == 2;
    const bool strings = a.index() == 3 && b.index() == 3;
    if (!numbers && !strings) {
        ok = !untyped;
        return false;
    }
    int cmp;
    if (numbers) {
        const double x = std::get<double>(a), y = std::get<double>(b);
        switch (op) {
            case Compare::Op::Lt:
                return x < y;
            case Compare::Op::Le:
                return x <= y;
            case Compare::Op::Gt:
                return x > y;
            case Compare::Op::Ge:
                return x >= y;
            default:
                return false;
        }
    }
    cmp = compareUtf16(std::get<std::string_view>(a), std::get<std::string_view>(b));
    switch (op) {
        case Compare::Op::Lt:
            return cmp < 0;
        case Compare::Op::Le:
            return cmp <= 0;
        case Compare::Op::Gt:
            return cmp > 0;
        case Compare::Op::Ge:
            return cmp >= 0;
        default:
            return false;
    }
}
}  // namespace

bool Compare::evaluateView(const EvaluationContext& ctx, PropertyValue& out) const {
    PropertyValue a, b;
    if (!scalarFast(*lhs, ctx, a) || !scalarFast(*rhs, ctx, b)) return false;
    bool ok = true;
    const bool result = compareScalars(op, a, b, untyped_, ok);
    if (!ok) return false;
    out = result;
    return true;
}

StyleValue Compare::evaluate(const EvaluationContext& ctx) const {
    PropertyValue a, b;
    StyleValue ha, hb;
    const bool sa = scalarView(*lhs, ctx, a, ha);
    if (!sa && ha.isError()) return ha;
    const bool sb = scalarView(*rhs, ctx, b, hb);
    if (!sb && hb.isError()) return hb;
    if (sa && sb) {
        bool ok = true;
        const bool result = compareScalars(op, a, b, untyped_, ok);
        if (!ok)
            return StyleValue::error(
                "expected arguments to be (string, string) or (number, number)");
        return result;
    }
    if (op == Op::Eq || op == Op::Ne) {
        const bool equal = !sa && !sb && strictEquals(ha, hb);
        return op == Op::Eq ? equal : !equal;
    }
    // Ordering with a colour, array or object operand: only an untyped one
    // can get here, and it is an error.
    if (untyped_)
        return StyleValue::error("expected arguments to be (string, string) or (number, number)");
    return false;
}

void Compare::write(std::string& out) const {
    writeOperands(out, opName(op), {lhs, rhs});
}

// ------------------------------------------------------------ compound operators

Call::Call(Kind kind, std::string n, const Type& type, std::vector<ExpressionPtr> o)
    : Expression(kind, type), name(std::move(n)), operands(std::move(o)) {
    for (const auto& e : operands) dependsOn(*e);
}

std::vector<const Expression*> Call::children() const {
    std::vector<const Expression*> out;
    for (const auto& e : operands) out.push_back(e.get());
    return out;
}

void Call::write(std::string& out) const {
    writeOperands(out, name, operands, prefix);
}

bool Call::evaluateView(const EvaluationContext& ctx, PropertyValue& out) const {
    switch (kind()) {
        case Kind::Assertion: {
            // number / string / boolean of a scalar: the first operand that
            // has the type (allocation-free for ["number", ["get", …]]).
            const ExprType want = type().kind;
            if (want != ExprType::Number && want != ExprType::String && want != ExprType::Bool)
                return false;
            PropertyValue v;
            if (!scalarFast(*operands.front(), ctx, v) || viewKind(v) != want) return false;
            out = v;
            return true;
        }
        case Kind::Not: {
            PropertyValue v;
            if (!operands.front()->evaluateView(ctx, v)) return false;
            const bool* b = std::get_if<bool>(&v);
            if (!b) return false;
            out = !*b;
            return true;
        }
        case Kind::All:
        case Kind::Any: {
            const bool any = kind() == Kind::Any;
            for (const auto& e : operands) {
                PropertyValue v;
                if (!e->evaluateView(ctx, v)) return false;
                const bool* b = std::get_if<bool>(&v);
                if (!b) return false;
                if (*b == any) {
                    out = any;
                    return true;
                }
            }
            out = !any;
            return true;
        }
        case Kind::Compare:
        default:
            return false;
    }
}

namespace {

StyleValue evaluateMath(const std::string& op, const std::vector<ExpressionPtr>& operands,
                        const EvaluationContext& ctx) {
    double args[8];
    std::vector<double> many;
    const std::size_t n = operands.size();
    double* a = args;
    if (n > 8) {
        many.resize(n);
        a = many.data();
    }
    for (std::size_t i = 0; i < n; ++i) {
        PropertyValue view;
        StyleValue holder;
        if (!scalarView(*operands[i], ctx, view, holder) || !std::holds_alternative<double>(view))
            return holder.isError() ? holder : StyleValue::error("expected a number");
        a[i] = std::get<double>(view);
    }
    const char c = op[0];
    if (op.size() == 1) {
        switch (c) {
            case '+': {
                double r = 0;
                for (std::size_t i = 0; i < n; ++i) r += a[i];
                return r;
            }
            case '*': {
                double r = 1;
                for (std::size_t i = 0; i < n; ++i) r *= a[i];
                return r;
            }
            case '-':
                return n == 1 ? -a[0] : a[0] - a[1];
            case '/':
                return a[0] / a[1];
            case '%':
                return std::fmod(a[0], a[1]);
            case '^':
                // Math.pow(±1, ±Infinity) is NaN in JavaScript.
                if (std::abs(a[0]) == 1 && std::isinf(a[1]))
                    return std::numeric_limits<double>::quiet_NaN();
                return std::pow(a[0], a[1]);
            case 'e':
                return M_E;
            default:
                break;
        }
    }
    if (op == "pi") return M_PI;
    if (op == "ln2") return M_LN2;
    if (op == "min" || op == "max") {
        double r = op == "min" ? std::numeric_limits<double>::infinity()
                               : -std::numeric_limits<double>::infinity();
        for (std::size_t i = 0; i < n; ++i) {
            if (std::isnan(a[i])) return a[i];
            r = op == "min" ? std::min(r, a[i]) : std::max(r, a[i]);
        }
        return r;
    }
    const double x = a[0];
    if (op == "sqrt") return std::sqrt(x);
    if (op == "log10") return std::log(x) / M_LN10;  // as MapLibre computes it
    if (op == "ln") return std::log(x);
    if (op == "log2") return std::log(x) / M_LN2;
    if (op == "sin") return std::sin(x);
    if (op == "cos") return std::cos(x);
    if (op == "tan") return std::tan(x);
    if (op == "asin") return std::asin(x);
    if (op == "acos") return std::acos(x);
    if (op == "atan") return std::atan(x);
    if (op == "abs") return std::abs(x);
    if (op == "floor") return std::floor(x);
    if (op == "ceil") return std::ceil(x);
    if (op == "round") {
        // Halves away from zero (MapLibre's round).
        const double ax = std::abs(x);
        double r = std::floor(ax);
        if (ax - r >= 0.5) r += 1;
        return x < 0 ? -r : r;
    }
    return StyleValue::error("unknown math operator");
}

}  // namespace

StyleValue Call::evaluate(const EvaluationContext& ctx) const {
    switch (kind()) {
        case Kind::Not: {
            StyleValue v = operands.front()->evaluate(ctx);
            if (v.isError()) return v;
            if (!v.isBool()) return StyleValue::error("expected a boolean");
            return !v.asBool();
        }
        case Kind::All:
        case Kind::Any: {
            const bool any = kind() == Kind::Any;
            for (const auto& e : operands) {
                StyleValue v = e->evaluate(ctx);
                if (v.isError()) return v;
                if (!v.isBool()) return StyleValue::error("expected a boolean");
                if (v.asBool() == any) return any;
            }
            return !any;
        }
        case Kind::Coalesce:
            for (const auto& e : operands) {
                StyleValue v = e->evaluate(ctx);
                if (!v.isNull()) return v;  // errors end it too, as in MapLibre
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
                    continue;
                }
                StyleValue v = e->evaluate(ctx);
                if (v.isError()) return v;
                s += v.toText();
            }
            return s;
        }
        case Kind::Assertion: {
            StyleValue v;
            for (const auto& e : operands) {
                v = e->evaluate(ctx);
                if (v.isError()) return v;
                if (isSubtype(type(), typeOf(v))) return v;
            }
            return StyleValue::error("value has the wrong type");
        }
        case Kind::ToBoolean: {
            StyleValue v = operands.front()->evaluate(ctx);
            if (v.isError()) return v;
            return truthy(v);
        }
        case Kind::ToString: {
            StyleValue v = operands.front()->evaluate(ctx);
            if (v.isError()) return v;
            return v.toText();
        }
        case Kind::ToNumber:
            for (const auto& e : operands) {
                StyleValue v = e->evaluate(ctx);
                if (v.isError()) return v;
                if (v.isNull()) return 0.0;
                const double d = toJsNumber(v);
                if (!std::isnan(d)) return d;
            }
            return StyleValue::error("could not convert to a number");
        case Kind::ToColor: {
            const char* error = "could not parse a color";
            for (const auto& e : operands) {
                StyleValue v = e->evaluate(ctx);
                if (v.isError()) return v;
                error = "could not parse a color";
                if (v.isColor()) return v;
                if (v.isString()) {
                    if (const auto c = parseCssColor(v.asString())) return *c;
                } else if (v.isArray()) {
                    const auto& items = v.asArray();
                    if (items.size() < 3 || items.size() > 4) {
                        error = "a color array needs three or four numbers";
                        continue;
                    }
                    auto channel = [](const StyleValue& x) {
                        return x.isNumber() && x.asNumber() >= 0 && x.asNumber() <= 255;
                    };
                    if (!channel(items[0]) || !channel(items[1]) || !channel(items[2])) {
                        error = "rgba channels must be between 0 and 255";
                        continue;
                    }
                    double alpha = 1;
                    if (items.size() == 4) {
                        if (!items[3].isNumber() || items[3].asNumber() < 0 ||
                            items[3].asNumber() > 1) {
                            error = "rgba alpha must be between 0 and 1";
                            continue;
                        }
                        alpha = items[3].asNumber();
                    }
                    return Color{items[0].asNumber() / 255, items[1].asNumber() / 255,
                                 items[2].asNumber() / 255, alpha};
                }
            }
            return StyleValue::error(error);
        }
        case Kind::TypeOf: {
            StyleValue v = operands.front()->evaluate(ctx);
            if (v.isError()) return v;
            return typeOf(v).toString();
        }
        case Kind::Length: {
            StyleValue v = operands.front()->evaluate(ctx);
            if (v.isError()) return v;
            if (v.isString()) return static_cast<double>(codePointCount(v.asString()));
            if (v.isArray()) return static_cast<double>(v.asArray().size());
            return StyleValue::error("expected a string or an array");
        }
        case Kind::In:
        case Kind::IndexOf: {
            StyleValue needle = operands[0]->evaluate(ctx);
            if (needle.isError()) return needle;
            StyleValue haystack = operands[1]->evaluate(ctx);
            if (haystack.isError()) return haystack;
            const bool in = kind() == Kind::In;
            if (in && !truthy(haystack)) return false;
            if (!isNeedleType(needle))
                return StyleValue::error("expected a boolean, string, number or null to look for");
            double from = 0;
            if (!in && operands.size() > 2) {
                StyleValue f = operands[2]->evaluate(ctx);
                if (f.isError()) return f;
                from = f.isNumber() ? f.asNumber() : 0;
            }
            if (haystack.isString()) {
                const std::string& h = haystack.asString();
                const std::string n = needleText(needle);
                const std::size_t units = utf16Length(h);
                const double start =
                    std::min(std::max(toInteger(from), 0.0), static_cast<double>(units));
                const std::size_t pos =
                    h.find(n, byteOffsetOfUtf16(h, static_cast<std::size_t>(start)));
                if (in) return pos != std::string::npos;
                if (pos == std::string::npos) return -1.0;
                return static_cast<double>(codePointCount(std::string_view(h).substr(0, pos)));
            }
            if (haystack.isArray()) {
                const auto& items = haystack.asArray();
                const std::size_t start = relativeIndex(from, items.size());
                for (std::size_t i = start; i < items.size(); ++i)
                    if (strictEquals(items[i], needle))
                        return in ? StyleValue(true) : StyleValue(static_cast<double>(i));
                return in ? StyleValue(false) : StyleValue(-1.0);
            }
            return StyleValue::error("expected a string or an array to search");
        }
        case Kind::Slice: {
            StyleValue input = operands[0]->evaluate(ctx);
            if (input.isError()) return input;
            StyleValue begin = operands[1]->evaluate(ctx);
            if (begin.isError()) return begin;
            StyleValue end;
            if (operands.size() > 2) {
                end = operands[2]->evaluate(ctx);
                if (end.isError()) return end;
            }
            const double b = begin.isNumber() ? begin.asNumber() : 0;
            if (input.isString()) {
                const std::string& s = input.asString();
                const auto starts = codePointStarts(s);
                const std::size_t count = starts.size() - 1;
                const std::size_t from = relativeIndex(b, count);
                const std::size_t to =
                    end.isNumber() ? relativeIndex(end.asNumber(), count) : count;
                if (to <= from) return std::string();
                return s.substr(starts[from], starts[to] - starts[from]);
            }
            if (input.isArray()) {
                const auto& items = input.asArray();
                const std::size_t from = relativeIndex(b, items.size());
                const std::size_t to =
                    end.isNumber() ? relativeIndex(end.asNumber(), items.size()) : items.size();
                if (to <= from) return StyleArray{};
                return StyleArray(items.begin() + static_cast<std::ptrdiff_t>(from),
                                  items.begin() + static_cast<std::ptrdiff_t>(to));
            }
            return StyleValue::error("expected a string or an array to slice");
        }
        case Kind::At: {
            StyleValue index = operands[0]->evaluate(ctx);
            if (index.isError()) return index;
            StyleValue array = operands[1]->evaluate(ctx);
            if (array.isError()) return array;
            if (!index.isNumber() || !array.isArray()) return StyleValue::error("bad at arguments");
            const double i = index.asNumber();
            const auto& items = array.asArray();
            if (i < 0) return StyleValue::error("array index out of bounds (< 0)");
            if (i >= static_cast<double>(items.size()))
                return StyleValue::error("array index out of bounds");
            if (i != std::floor(i)) return StyleValue::error("array index must be an integer");
            return items[static_cast<std::size_t>(i)];
        }
        case Kind::Upcase:
        case Kind::Downcase: {
            StyleValue v = operands.front()->evaluate(ctx);
            if (v.isError()) return v;
            if (!v.isString()) return StyleValue::error("expected a string");
            return changeCase(v.asString(), kind() == Kind::Upcase);
        }
        case Kind::Math:
            return evaluateMath(name, operands, ctx);
        case Kind::Rgba: {
            double c[4] = {0, 0, 0, 1};
            for (std::size_t i = 0; i < operands.size() && i < 4; ++i) {
                StyleValue v = operands[i]->evaluate(ctx);
                if (v.isError()) return v;
                if (!v.isNumber()) return StyleValue::error("expected a number");
                c[i] = v.asNumber();
            }
            for (int i = 0; i < 3; ++i)
                if (!(c[i] >= 0 && c[i] <= 255))
                    return StyleValue::error("rgba channels must be between 0 and 255");
            if (!(c[3] >= 0 && c[3] <= 1))
                return StyleValue::error("rgba alpha must be between 0 and 1");
            return Color{c[0] / 255, c[1] / 255, c[2] / 255, c[3]};
        }
        case Kind::ToRgba: {
            StyleValue v = operands.front()->evaluate(ctx);
            if (v.isError()) return v;
            if (!v.isColor()) return StyleValue::error("expected a color");
            const Color& c = v.asColor();
            return StyleArray{c.r * 255, c.g * 255, c.b * 255, c.a};
        }
        case Kind::Split: {
            StyleValue s = operands[0]->evaluate(ctx);
            if (s.isError()) return s;
            StyleValue d = operands[1]->evaluate(ctx);
            if (d.isError()) return d;
            if (!s.isString() || !d.isString()) return StyleValue::error("expected strings");
            const std::string& text = s.asString();
            const std::string& delim = d.asString();
            StyleArray parts;
            if (delim.empty()) {
                const auto starts = codePointStarts(text);
                for (std::size_t i = 0; i + 1 < starts.size(); ++i)
                    parts.emplace_back(text.substr(starts[i], starts[i + 1] - starts[i]));
                return parts;
            }
            std::size_t pos = 0;
            while (true) {
                const std::size_t next = text.find(delim, pos);
                parts.emplace_back(text.substr(pos, next - pos));
                if (next == std::string::npos) break;
                pos = next + delim.size();
            }
            return parts;
        }
        case Kind::Join: {
            StyleValue a = operands[0]->evaluate(ctx);
            if (a.isError()) return a;
            StyleValue d = operands[1]->evaluate(ctx);
            if (d.isError()) return d;
            if (!a.isArray() || !d.isString()) return StyleValue::error("bad join arguments");
            std::string out;
            bool first = true;
            for (const auto& item : a.asArray()) {
                if (!first) out += d.asString();
                first = false;
                out += item.toText();
            }
            return out;
        }
        case Kind::Error: {
            // The message is evaluated for its errors only: error values
            // carry static text.
            StyleValue m = operands.front()->evaluate(ctx);
            if (m.isError()) return m;
            return StyleValue::error("[\"error\"] expression");
        }
        case Kind::Semiliteral: {
            StyleArray items;
            items.reserve(operands.size());
            for (const auto& e : operands) {
                StyleValue v = e->evaluate(ctx);
                if (v.isError()) return v;
                items.push_back(std::move(v));
            }
            return items;
        }
        default:
            return StyleValue::error("unsupported operator");
    }
}

// ------------------------------------------------------------ number-format

NumberFormat::NumberFormat(ExpressionPtr n, ExpressionPtr l, ExpressionPtr c, ExpressionPtr u,
                           ExpressionPtr minDigits, ExpressionPtr maxDigits)
    : Expression(Kind::NumberFormat, ExprType::String),
      number(std::move(n)),
      locale(std::move(l)),
      currency(std::move(c)),
      unit(std::move(u)),
      minFractionDigits(std::move(minDigits)),
      maxFractionDigits(std::move(maxDigits)) {
    for (const Expression* e : children()) dependsOn(*e);
}

std::vector<const Expression*> NumberFormat::children() const {
    std::vector<const Expression*> out{number.get()};
    for (const auto* e : {&locale, &currency, &unit, &minFractionDigits, &maxFractionDigits})
        if (*e) out.push_back(e->get());
    return out;
}

StyleValue NumberFormat::evaluate(const EvaluationContext& ctx) const {
    StyleValue n = number->evaluate(ctx);
    if (n.isError()) return n;
    if (!n.isNumber()) return StyleValue::error("expected a number");
    std::string texts[3];
    const ExpressionPtr* textOptions[3] = {&locale, &currency, &unit};
    for (int i = 0; i < 3; ++i) {
        if (!*textOptions[i]) continue;
        StyleValue v = (*textOptions[i])->evaluate(ctx);
        if (v.isError()) return v;
        if (!v.isString()) return StyleValue::error("expected a string option");
        texts[i] = v.asString();
    }
    int digits[2] = {-1, -1};
    const ExpressionPtr* digitOptions[2] = {&minFractionDigits, &maxFractionDigits};
    for (int i = 0; i < 2; ++i) {
        if (!*digitOptions[i]) continue;
        StyleValue v = (*digitOptions[i])->evaluate(ctx);
        if (v.isError()) return v;
        if (!v.isNumber()) return StyleValue::error("expected a number of digits");
        const double d = std::floor(v.asNumber());
        if (!(d >= 0 && d <= 100)) return StyleValue::error("fraction digits out of range");
        digits[i] = static_cast<int>(d);
    }
    return formatNumber(n.asNumber(), texts[0], texts[1], texts[2], digits[0], digits[1]);
}

void NumberFormat::write(std::string& out) const {
    out += "[\"number-format\", ";
    number->write(out);
    out += ", {";
    bool first = true;
    const std::pair<const char*, const ExpressionPtr*> options[] = {
        {"locale", &locale},
        {"currency", &currency},
        {"unit", &unit},
        {"min-fraction-digits", &minFractionDigits},
        {"max-fraction-digits", &maxFractionDigits}};
    for (const auto& [key, e] : options) {
        if (!*e) continue;
        if (!first) out += ", ";
        first = false;
        out += std::string("\"") + key + "\": ";
        (*e)->write(out);
    }
    out += "}]";
}

// ------------------------------------------------------------ let, var

Let::Let(std::vector<std::pair<std::string, ExpressionPtr>> b, ExpressionPtr r)
    : Expression(Kind::Let, r->type()), bindings(std::move(b)), result(std::move(r)) {
    for (const auto& [name, e] : bindings) dependsOn(*e);
    dependsOn(*result);
}

std::vector<const Expression*> Let::children() const {
    std::vector<const Expression*> out;
    for (const auto& [name, e] : bindings) out.push_back(e.get());
    out.push_back(result.get());
    return out;
}

void Let::write(std::string& out) const {
    out += "[\"let\"";
    for (const auto& [name, e] : bindings) {
        out += ", ";
        json::appendQuoted(out, name);
        out += ", ";
        e->write(out);
    }
    out += ", ";
    result->write(out);
    out += ']';
}

Var::Var(std::string n, ExpressionPtr b)
    : Expression(Kind::Var, b->type()), name(std::move(n)), bound(std::move(b)) {
    dependsOn(*bound);
}

void Var::write(std::string& out) const {
    out += "[\"var\", ";
    json::appendQuoted(out, name);
    out += ']';
}

}  // namespace expr
}  // namespace jinmap
