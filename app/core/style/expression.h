#pragma once
// Style expressions as MapLibre defines them: an immutable typed tree,
// type-checked (and constant-folded) when parsed, evaluated per feature
// without touching the parser. Semantics follow maplibre-style-spec, checked
// by its own integration tests (tests/maplibre).
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "style/value.h"

namespace jinmap {

namespace json {
class Value;
}
class Diagnostics;

// Kinds of MapLibre's expression types. `Value` means "known only when
// evaluated" (e.g. ["get", …]).
enum class ExprType { Value, Null, Bool, Number, String, Color, Array, Object, Error };

const char* exprTypeName(ExprType type) noexcept;

// A MapLibre type: a kind, and for arrays an item kind and an optional
// length ("array<number, 2>").
struct Type {
    ExprType kind = ExprType::Value;
    ExprType item = ExprType::Value;  // arrays only
    int length = -1;                  // arrays only; -1: any length

    Type() = default;
    Type(ExprType k) : kind(k) {}  // NOLINT(google-explicit-constructor)
    static Type array(ExprType item = ExprType::Value, int length = -1) {
        Type t(ExprType::Array);
        t.item = item;
        t.length = length;
        return t;
    }
    // "number", "array", "array<string>", "array<number, 2>".
    std::string toString() const;
    friend bool operator==(const Type& a, const Type& b) {
        return a.kind == b.kind &&
               (a.kind != ExprType::Array || (a.item == b.item && a.length == b.length));
    }
    friend bool operator!=(const Type& a, const Type& b) { return !(a == b); }
};

// True when a value of type `t` may be used where `expected` is required.
bool isSubtype(const Type& expected, const Type& t);
// The type of a value (arrays: their common item type and their length).
Type typeOf(const StyleValue& v);

struct EvaluationContext {
    double zoom = 0;
    const FeatureView* feature = nullptr;  // null: a feature without attributes
};

class Expression {
  public:
    enum class Kind {
        Literal,
        Get,
        Has,
        Zoom,
        Match,
        Case,
        Step,
        Interpolate,
        Compare,
        Not,
        All,
        Any,
        In,
        Coalesce,
        Concat,
        ToString,
        ToNumber,
        ToColor,
        ToBoolean,
        Assertion,  // number, string, boolean, array, object
        TypeOf,
        Length,
        IndexOf,
        Slice,
        At,
        Upcase,
        Downcase,
        NumberFormat,
        Let,
        Var,
        Math,
        Rgba,
        ToRgba,
        Split,
        Join,
        Error,        // ["error", message]: always an evaluation error
        Semiliteral,  // ["semiliteral", [items…]]: an array of evaluated items
    };

    virtual ~Expression() = default;
    Expression(const Expression&) = delete;
    Expression& operator=(const Expression&) = delete;

    Kind kind() const noexcept { return kind_; }
    const Type& type() const noexcept { return type_; }
    // False when the result depends on feature attributes (get/has/properties).
    bool isFeatureConstant() const noexcept { return featureConstant_; }
    // False when the result depends on ["zoom"].
    bool isZoomConstant() const noexcept { return zoomConstant_; }
    // Nodes one evaluation may visit (a variable counts its bound
    // expression each time it is used).
    double cost() const noexcept { return cost_; }

    // Evaluation never throws: a runtime failure (["number", "a"], a
    // non-boolean ["case"] condition, ["<", "a", 1] on values) yields an
    // error value (StyleValue::isError), which properties turn into their
    // default and filters into false, as in MapLibre.
    virtual StyleValue evaluate(const EvaluationContext& ctx) const = 0;

    // Allocation-free evaluation for scalar results that already exist
    // somewhere (feature attributes, string literals). Returns false when the
    // caller must use evaluate() (which also reports errors).
    virtual bool evaluateView(const EvaluationContext& ctx, PropertyValue& out) const;

    // Evaluates as a filter: true only for boolean true (errors read false).
    bool evaluateFilter(const EvaluationContext& ctx) const;

    // Direct sub-expressions (parse-time analysis: zoom curves, folding).
    virtual std::vector<const Expression*> children() const { return {}; }

    // Canonical compact JSON (used by dump() and tests).
    std::string toJson() const;
    virtual void write(std::string& out) const = 0;

  protected:
    Expression(Kind kind, Type type) : kind_(kind), type_(type) {}
    void dependsOn(const Expression& child) {
        featureConstant_ = featureConstant_ && child.featureConstant_;
        zoomConstant_ = zoomConstant_ && child.zoomConstant_;
        cost_ += child.cost_;
    }
    void markFeatureDependent() { featureConstant_ = false; }
    void markZoomDependent() { zoomConstant_ = false; }

  private:
    Kind kind_;
    Type type_;
    bool featureConstant_ = true;
    bool zoomConstant_ = true;
    double cost_ = 1;
};

using ExpressionPtr = std::shared_ptr<const Expression>;

// Where expression parsing reports errors and warnings and registers
// attribute names.
struct ExpressionContext {
    Diagnostics& diagnostics;
    // Attribute names read by ["get"]/["has"] with a literal name; an
    // expression stores the index (its "slot") so FeatureView adapters can
    // resolve columns once.
    std::vector<std::string>& attributes;
};

// True when `v` is an array whose first element names a MapLibre expression
// operator (how a property value is told apart from a constant array such as
// "text-font": ["Noto Sans CJK SC"]).
bool looksLikeExpression(const json::Value& v);

// Parses `v` (at JSON path `path`) expecting a result of type `expected`,
// with MapLibre's implicit annotations: a value-typed result is asserted to
// the expected number/string/boolean/array type and coerced to a colour.
// Throws Error(ErrorKind::Style) with file, line and path.
ExpressionPtr parseExpression(const json::Value& v, const std::string& path, const Type& expected,
                              ExpressionContext& ctx);

// Parses a layer filter: a boolean expression. Legacy filter syntax
// (["==", "name", "value"], "!in", "!has", "none", "$type") is reported as
// unsupported with the expression to write instead.
ExpressionPtr parseFilterExpression(const json::Value& v, const std::string& path,
                                    ExpressionContext& ctx);

// What a style property accepts (MapLibre's property specification).
struct PropertyExpressionSpec {
    Type type;                    // Value: any
    bool coerceToString = false;  // string properties (text-field): coerce, not assert
    bool interpolated = true;     // "interpolate" allowed as the zoom curve
    bool dataDriven = true;       // feature attributes allowed
    bool zoomDriven = true;       // ["zoom"] allowed
    // For legacy functions: the property's default as JSON text ("null" when
    // it has none) and, for enums, the allowed values.
    std::string defaultJson = "null";
    std::vector<std::string> enumValues;
};

// Parses a property value that is an expression or a legacy function
// ({"stops": …}, {"type": "identity", …}; converted to an expression as
// MapLibre converts it, with a warning saying so). Checks MapLibre's rules
// for property expressions: ["zoom"] only as the input of a top-level "step"
// or "interpolate".
ExpressionPtr parsePropertyExpression(const json::Value& v, const std::string& path,
                                      const PropertyExpressionSpec& spec, ExpressionContext& ctx);

// True for a legacy function object ({"stops": …}, {"property": …, "type": …}).
bool isLegacyFunction(const json::Value& v);

// Convenience for tests and command-line filters: parses JSON text.
ExpressionPtr parseExpressionText(std::string_view jsonText, const Type& expected = ExprType::Value,
                                  std::vector<std::string>* attributes = nullptr);

}  // namespace jinmap
