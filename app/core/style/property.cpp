#include "style/property.h"

#include <cmath>
#include <type_traits>

#include "style/json.h"

namespace jinmap {

namespace {
struct Named {
    const char* name;
    int value;
};
constexpr Named kShapes[] = {
    {"circle", static_cast<int>(CircleShape::Circle)},
    {"star", static_cast<int>(CircleShape::Star)},
    {"square", static_cast<int>(CircleShape::Square)},
    {"triangle", static_cast<int>(CircleShape::Triangle)},
};
constexpr Named kAnchors[] = {
    {"center", static_cast<int>(TextAnchor::Center)},
    {"left", static_cast<int>(TextAnchor::Left)},
    {"right", static_cast<int>(TextAnchor::Right)},
    {"top", static_cast<int>(TextAnchor::Top)},
    {"bottom", static_cast<int>(TextAnchor::Bottom)},
    {"top-left", static_cast<int>(TextAnchor::TopLeft)},
    {"top-right", static_cast<int>(TextAnchor::TopRight)},
    {"bottom-left", static_cast<int>(TextAnchor::BottomLeft)},
    {"bottom-right", static_cast<int>(TextAnchor::BottomRight)},
};
constexpr Named kJoins[] = {
    {"bevel", static_cast<int>(LineJoin::Bevel)},
    {"round", static_cast<int>(LineJoin::Round)},
    {"miter", static_cast<int>(LineJoin::Miter)},
};
constexpr Named kCaps[] = {
    {"butt", static_cast<int>(LineCap::Butt)},
    {"round", static_cast<int>(LineCap::Round)},
    {"square", static_cast<int>(LineCap::Square)},
};
constexpr Named kFillRules[] = {
    {"evenodd", static_cast<int>(FillRule::EvenOdd)},
    {"nonzero", static_cast<int>(FillRule::NonZero)},
};

template <std::size_t N>
const char* nameOf(const Named (&table)[N], int value) {
    for (const auto& n : table)
        if (n.value == value) return n.name;
    return table[0].name;
}

template <std::size_t N>
bool lookup(const Named (&table)[N], std::string_view name, int& out) {
    for (const auto& n : table) {
        if (name == n.name) {
            out = n.value;
            return true;
        }
    }
    return false;
}
}  // namespace

const char* circleShapeName(CircleShape shape) noexcept {
    return nameOf(kShapes, static_cast<int>(shape));
}

const char* textAnchorName(TextAnchor anchor) noexcept {
    return nameOf(kAnchors, static_cast<int>(anchor));
}

const char* lineJoinName(LineJoin join) noexcept {
    return nameOf(kJoins, static_cast<int>(join));
}

const char* lineCapName(LineCap cap) noexcept {
    return nameOf(kCaps, static_cast<int>(cap));
}

const char* fillRuleName(FillRule rule) noexcept {
    return nameOf(kFillRules, static_cast<int>(rule));
}

template <typename E, std::size_t N>
bool parseNamed(const Named (&table)[N], std::string_view name, E& out) noexcept {
    int v = 0;
    if (!lookup(table, name, v)) return false;
    out = static_cast<E>(v);
    return true;
}

bool parseLineJoin(std::string_view name, LineJoin& out) noexcept {
    return parseNamed(kJoins, name, out);
}

bool parseLineCap(std::string_view name, LineCap& out) noexcept {
    return parseNamed(kCaps, name, out);
}

bool parseFillRule(std::string_view name, FillRule& out) noexcept {
    return parseNamed(kFillRules, name, out);
}

bool parseCircleShape(std::string_view name, CircleShape& out) noexcept {
    int v = 0;
    if (!lookup(kShapes, name, v)) return false;
    out = static_cast<CircleShape>(v);
    return true;
}

bool parseTextAnchor(std::string_view name, TextAnchor& out) noexcept {
    int v = 0;
    if (!lookup(kAnchors, name, v)) return false;
    out = static_cast<TextAnchor>(v);
    return true;
}

bool convertStyleValue(const StyleValue& v, double& out) {
    // NaN falls back to the default, as in MapLibre.
    if (!v.isNumber() || std::isnan(v.asNumber())) return false;
    out = v.asNumber();
    return true;
}

bool convertStyleValue(const StyleValue& v, bool& out) {
    if (!v.isBool()) return false;
    out = v.asBool();
    return true;
}

bool convertStyleValue(const StyleValue& v, Color& out) {
    if (v.isColor()) {
        out = v.asColor();
        return true;
    }
    if (v.isString()) {
        if (const auto c = parseCssColor(v.asString())) {
            out = *c;
            return true;
        }
    }
    return false;
}

bool convertStyleValue(const StyleValue& v, std::string& out) {
    // text-field shows numbers and booleans as text, as MapLibre does.
    if (v.isNull() || v.isError()) return false;
    out = v.toText();
    return true;
}

bool convertStyleValue(const StyleValue& v, std::vector<std::string>& out) {
    if (!v.isArray()) return false;
    std::vector<std::string> result;
    for (const auto& item : v.asArray()) {
        if (!item.isString()) return false;
        result.push_back(item.asString());
    }
    out = std::move(result);
    return true;
}

bool convertStyleValue(const StyleValue& v, std::vector<double>& out) {
    if (!v.isArray()) return false;
    std::vector<double> result;
    for (const auto& item : v.asArray()) {
        if (!item.isNumber()) return false;
        result.push_back(item.asNumber());
    }
    out = std::move(result);
    return true;
}

bool convertStyleValue(const StyleValue& v, CircleShape& out) {
    return v.isString() && parseCircleShape(v.asString(), out);
}

bool convertStyleValue(const StyleValue& v, TextAnchor& out) {
    return v.isString() && parseTextAnchor(v.asString(), out);
}

bool convertStyleValue(const StyleValue& v, std::vector<TextAnchor>& out) {
    if (!v.isArray()) return false;
    std::vector<TextAnchor> result;
    for (const auto& item : v.asArray()) {
        TextAnchor a{};
        if (!item.isString() || !parseTextAnchor(item.asString(), a)) return false;
        result.push_back(a);
    }
    out = std::move(result);
    return true;
}

bool convertStyleValue(const StyleValue& v, LineJoin& out) {
    return v.isString() && parseLineJoin(v.asString(), out);
}

bool convertStyleValue(const StyleValue& v, LineCap& out) {
    return v.isString() && parseLineCap(v.asString(), out);
}

bool convertStyleValue(const StyleValue& v, FillRule& out) {
    return v.isString() && parseFillRule(v.asString(), out);
}

namespace {

std::string jsonOf(double v) {
    return json::formatNumber(v);
}
std::string jsonOf(bool v) {
    return v ? "true" : "false";
}
std::string jsonOf(const std::string& v) {
    std::string out;
    json::appendQuoted(out, v);
    return out;
}
std::string jsonOf(const Color& v) {
    return jsonOf(v.toRgbaString());
}
std::string jsonOf(CircleShape v) {
    return jsonOf(std::string(circleShapeName(v)));
}
std::string jsonOf(TextAnchor v) {
    return jsonOf(std::string(textAnchorName(v)));
}
std::string jsonOf(LineJoin v) {
    return jsonOf(std::string(lineJoinName(v)));
}
std::string jsonOf(LineCap v) {
    return jsonOf(std::string(lineCapName(v)));
}
std::string jsonOf(FillRule v) {
    return jsonOf(std::string(fillRuleName(v)));
}
template <typename E>
std::string jsonOf(const std::vector<E>& v) {
    std::string out = "[";
    for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + jsonOf(v[i]);
    return out + "]";
}

}  // namespace

template <typename T>
PropertyExpressionSpec expressionSpecFor(const Property<T>& property, std::size_t arraySize) {
    PropertyExpressionSpec spec;
    spec.defaultJson = jsonOf(property.constant());
    if constexpr (std::is_same_v<T, double>) {
        spec.type = ExprType::Number;
    } else if constexpr (std::is_same_v<T, bool>) {
        spec.type = ExprType::Bool;
    } else if constexpr (std::is_same_v<T, Color>) {
        spec.type = ExprType::Color;
    } else if constexpr (std::is_same_v<T, std::string>) {
        // text-field: MapLibre's "formatted", which turns any value into text.
        spec.type = ExprType::String;
        spec.coerceToString = true;
    } else if constexpr (std::is_same_v<T, std::vector<std::string>> ||
                         std::is_same_v<T, std::vector<TextAnchor>>) {
        // text-font; text-variable-anchor (an array of enum strings)
        spec.type = Type::array(ExprType::String);
    } else if constexpr (std::is_same_v<T, std::vector<double>>) {
        spec.type = Type::array(ExprType::Number, arraySize ? static_cast<int>(arraySize) : -1);
    } else if constexpr (std::is_same_v<T, CircleShape>) {
        spec.type = ExprType::String;
        for (const auto& n : kShapes) spec.enumValues.emplace_back(n.name);
    } else if constexpr (std::is_same_v<T, TextAnchor>) {
        spec.type = ExprType::String;
        for (const auto& n : kAnchors) spec.enumValues.emplace_back(n.name);
    } else if constexpr (std::is_same_v<T, LineJoin>) {
        spec.type = ExprType::String;
        for (const auto& n : kJoins) spec.enumValues.emplace_back(n.name);
    } else if constexpr (std::is_same_v<T, LineCap>) {
        spec.type = ExprType::String;
        for (const auto& n : kCaps) spec.enumValues.emplace_back(n.name);
    } else if constexpr (std::is_same_v<T, FillRule>) {
        spec.type = ExprType::String;
        for (const auto& n : kFillRules) spec.enumValues.emplace_back(n.name);
    }
    return spec;
}

// Conversion of an allocation-free view (Expression::evaluateView) to a
// property type; false when it does not fit.
bool convertView(const PropertyValue& v, double& out) {
    if (const auto* d = std::get_if<double>(&v)) {
        if (std::isnan(*d)) return false;
        out = *d;
        return true;
    }
    if (const auto* p = std::get_if<const StyleValue*>(&v)) return convertStyleValue(**p, out);
    return false;
}

bool convertView(const PropertyValue& v, bool& out) {
    if (const auto* b = std::get_if<bool>(&v)) {
        out = *b;
        return true;
    }
    if (const auto* p = std::get_if<const StyleValue*>(&v)) return convertStyleValue(**p, out);
    return false;
}

bool convertView(const PropertyValue& v, Color& out) {
    if (const auto* p = std::get_if<const StyleValue*>(&v)) {
        if (!(*p)->isColor()) return convertStyleValue(**p, out);
        out = (*p)->asColor();
        return true;
    }
    if (const auto* s = std::get_if<std::string_view>(&v)) {
        const auto c = parseCssColor(*s);
        if (c) out = *c;
        return c.has_value();
    }
    return false;
}

bool convertView(const PropertyValue& v, CircleShape& out) {
    const auto* s = std::get_if<std::string_view>(&v);
    return s && parseCircleShape(*s, out);
}

bool convertView(const PropertyValue& v, TextAnchor& out) {
    const auto* s = std::get_if<std::string_view>(&v);
    return s && parseTextAnchor(*s, out);
}

bool convertView(const PropertyValue& v, LineJoin& out) {
    const auto* s = std::get_if<std::string_view>(&v);
    return s && parseLineJoin(*s, out);
}

bool convertView(const PropertyValue& v, LineCap& out) {
    const auto* s = std::get_if<std::string_view>(&v);
    return s && parseLineCap(*s, out);
}

bool convertView(const PropertyValue& v, FillRule& out) {
    const auto* s = std::get_if<std::string_view>(&v);
    return s && parseFillRule(*s, out);
}

bool convertView(const PropertyValue& v, std::string& out) {
    if (const auto* s = std::get_if<std::string_view>(&v)) {
        out.assign(s->data(), s->size());
        return true;
    }
    if (const auto* p = std::get_if<const StyleValue*>(&v)) return convertStyleValue(**p, out);
    if (v.index() == 0) return false;
    out = toStyleValue(v).toText();
    return true;
}

template <typename T>
bool convertView(const PropertyValue& v, T& out) {
    if (const auto* p = std::get_if<const StyleValue*>(&v)) return convertStyleValue(**p, out);
    if (v.index() == 0) return false;
    return convertStyleValue(toStyleValue(v), out);
}

template <typename T>
T Property<T>::evaluateExpression(const EvaluationContext& ctx) const {
    // Constants, attributes and literal outputs of match/step/case are read
    // in place; anything else is evaluated (errors give the default).
    PropertyValue view;
    if (expression_->evaluateView(ctx, view)) {
        T out{};
        return convertView(view, out) ? out : value_;
    }
    T out = value_;
    if (!convertStyleValue(expression_->evaluate(ctx), out)) return value_;
    return out;
}

template PropertyExpressionSpec expressionSpecFor(const Property<double>&, std::size_t);
template PropertyExpressionSpec expressionSpecFor(const Property<bool>&, std::size_t);
template PropertyExpressionSpec expressionSpecFor(const Property<Color>&, std::size_t);
template PropertyExpressionSpec expressionSpecFor(const Property<std::string>&, std::size_t);
template PropertyExpressionSpec expressionSpecFor(const Property<std::vector<std::string>>&,
                                                  std::size_t);
template PropertyExpressionSpec expressionSpecFor(const Property<std::vector<double>>&,
                                                  std::size_t);
template PropertyExpressionSpec expressionSpecFor(const Property<CircleShape>&, std::size_t);
template PropertyExpressionSpec expressionSpecFor(const Property<TextAnchor>&, std::size_t);
template PropertyExpressionSpec expressionSpecFor(const Property<std::vector<TextAnchor>>&,
                                                  std::size_t);
template PropertyExpressionSpec expressionSpecFor(const Property<LineJoin>&, std::size_t);
template PropertyExpressionSpec expressionSpecFor(const Property<LineCap>&, std::size_t);
template PropertyExpressionSpec expressionSpecFor(const Property<FillRule>&, std::size_t);

template class Property<double>;
template class Property<bool>;
template class Property<Color>;
template class Property<std::string>;
template class Property<std::vector<std::string>>;
template class Property<std::vector<double>>;
template class Property<CircleShape>;
template class Property<TextAnchor>;
template class Property<std::vector<TextAnchor>>;
template class Property<LineJoin>;
template class Property<LineCap>;
template class Property<FillRule>;

}  // namespace jinmap
