#include "style/property.h"

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
    if (!v.isNumber()) return false;
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
    if (v.isNull() || v.isArray()) return false;
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

template <typename T>
T Property<T>::evaluateExpression(const EvaluationContext& ctx) const {
    T out = value_;
    if (!convertStyleValue(expression_->evaluate(ctx), out)) return value_;
    return out;
}

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
