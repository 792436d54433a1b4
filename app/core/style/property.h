#pragma once
// Paint/layout property values: a constant or an expression. Constants are
// read without evaluation (the renderer can hoist them out of feature loops);
// an expression that yields nothing usable falls back to the property default.
#include <string>
#include <utility>
#include <vector>

#include "style/color.h"
#include "style/expression.h"

namespace jinmap {

// jinmap extension "jinmap:shape" (layer metadata): marks provincial towns differently.
enum class CircleShape { Circle, Star, Square, Triangle };
enum class TextAnchor {
    Center,
    Left,
    Right,
    Top,
    Bottom,
    TopLeft,
    TopRight,
    BottomLeft,
    BottomRight
};

// MapLibre line-join / line-cap; jinmap extension "jinmap:fill-rule" (the
// default, even-odd, fills a hole as a hole whatever its winding, as
// MapLibre's tessellation does).
enum class LineJoin { Bevel, Round, Miter };
enum class LineCap { Butt, Round, Square };
enum class FillRule { EvenOdd, NonZero };

const char* circleShapeName(CircleShape shape) noexcept;
const char* textAnchorName(TextAnchor anchor) noexcept;
const char* lineJoinName(LineJoin join) noexcept;
const char* lineCapName(LineCap cap) noexcept;
const char* fillRuleName(FillRule rule) noexcept;
bool parseCircleShape(std::string_view name, CircleShape& out) noexcept;
bool parseTextAnchor(std::string_view name, TextAnchor& out) noexcept;
bool parseLineJoin(std::string_view name, LineJoin& out) noexcept;
bool parseLineCap(std::string_view name, LineCap& out) noexcept;
bool parseFillRule(std::string_view name, FillRule& out) noexcept;

template <typename T>
class Property {
  public:
    Property() = default;
    Property(T constant) : value_(std::move(constant)) {}  // NOLINT(google-explicit-constructor)
    Property(ExpressionPtr expression, T fallback)
        : value_(std::move(fallback)), expression_(std::move(expression)) {}

    bool isConstant() const noexcept { return !expression_; }
    bool isFeatureConstant() const noexcept {
        return !expression_ || expression_->isFeatureConstant();
    }
    bool isZoomConstant() const noexcept { return !expression_ || expression_->isZoomConstant(); }

    // The constant value; for an expression, the default it falls back to.
    const T& constant() const noexcept { return value_; }
    const Expression* expression() const noexcept { return expression_.get(); }
    const ExpressionPtr& expressionPtr() const noexcept { return expression_; }

    T evaluate(const EvaluationContext& ctx) const {
        return expression_ ? evaluateExpression(ctx) : value_;
    }

  private:
    T evaluateExpression(const EvaluationContext& ctx) const;  // property.cpp

    T value_{};
    ExpressionPtr expression_;
};

// Conversion of an expression result to a property type; false when the
// value does not fit (the property default is used then).
bool convertStyleValue(const StyleValue& v, double& out);
bool convertStyleValue(const StyleValue& v, bool& out);
bool convertStyleValue(const StyleValue& v, Color& out);
bool convertStyleValue(const StyleValue& v, std::string& out);
bool convertStyleValue(const StyleValue& v, std::vector<std::string>& out);
bool convertStyleValue(const StyleValue& v, std::vector<double>& out);
bool convertStyleValue(const StyleValue& v, CircleShape& out);
bool convertStyleValue(const StyleValue& v, TextAnchor& out);
bool convertStyleValue(const StyleValue& v, std::vector<TextAnchor>& out);
bool convertStyleValue(const StyleValue& v, LineJoin& out);
bool convertStyleValue(const StyleValue& v, LineCap& out);
bool convertStyleValue(const StyleValue& v, FillRule& out);

// What a property of this type accepts as an expression (MapLibre's
// property specification: the expected type, string coercion for
// text-field, enum values and the default for legacy functions).
// `arraySize`: the required length of a number array (0: any).
template <typename T>
PropertyExpressionSpec expressionSpecFor(const Property<T>& property, std::size_t arraySize = 0);

extern template class Property<double>;
extern template class Property<bool>;
extern template class Property<Color>;
extern template class Property<std::string>;
extern template class Property<std::vector<std::string>>;
extern template class Property<std::vector<double>>;
extern template class Property<CircleShape>;
extern template class Property<TextAnchor>;
extern template class Property<std::vector<TextAnchor>>;
extern template class Property<LineJoin>;
extern template class Property<LineCap>;
extern template class Property<FillRule>;

}  // namespace jinmap
