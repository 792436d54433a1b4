#pragma once
// Style expressions (a subset of MapLibre's): an immutable typed tree,
// checked when parsed and evaluated per feature without touching the parser.
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

// Static result type of an expression. `Value` means "known only when
// evaluated" (e.g. ["get", …]).
enum class ExprType { Value, Null, Bool, Number, String, Color, Array };

const char* exprTypeName(ExprType type) noexcept;

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
    };

    virtual ~Expression() = default;
    Expression(const Expression&) = delete;
    Expression& operator=(const Expression&) = delete;

    Kind kind() const noexcept { return kind_; }
    ExprType type() const noexcept { return type_; }
    // False when the result depends on feature attributes (get/has).
    bool isFeatureConstant() const noexcept { return featureConstant_; }
    // False when the result depends on ["zoom"].
    bool isZoomConstant() const noexcept { return zoomConstant_; }

    // Evaluation never throws: a runtime type mismatch (e.g. ["<", "a", 1])
    // yields null, which properties turn into their default and filters into
    // false, as in MapLibre.
    virtual StyleValue evaluate(const EvaluationContext& ctx) const = 0;

    // Allocation-free evaluation for scalar results that already exist
    // somewhere (feature attributes, string literals). Returns false when the
    // caller must use evaluate().
    virtual bool evaluateView(const EvaluationContext& ctx, PropertyValue& out) const;

    // Evaluates as a filter: true only for boolean true.
    bool evaluateFilter(const EvaluationContext& ctx) const;

    // Canonical compact JSON (used by dump() and tests).
    std::string toJson() const;
    virtual void write(std::string& out) const = 0;

  protected:
    Expression(Kind kind, ExprType type) : kind_(kind), type_(type) {}
    void dependsOn(const Expression& child) {
        featureConstant_ = featureConstant_ && child.featureConstant_;
        zoomConstant_ = zoomConstant_ && child.zoomConstant_;
    }
    void markFeatureDependent() { featureConstant_ = false; }
    void markZoomDependent() { zoomConstant_ = false; }

  private:
    Kind kind_;
    ExprType type_;
    bool featureConstant_ = true;
    bool zoomConstant_ = true;
};

using ExpressionPtr = std::shared_ptr<const Expression>;

// Where expression parsing reports errors and registers attribute names.
struct ExpressionContext {
    Diagnostics& diagnostics;
    // Attribute names read by ["get"]/["has"]; an expression stores the index
    // (its "slot") so FeatureView adapters can resolve columns once.
    std::vector<std::string>& attributes;
};

// True when `v` is an array whose first element names a supported or known
// expression operator (how a property value is told apart from a constant
// array such as "text-font": ["Noto Sans CJK SC"]).
bool looksLikeExpression(const json::Value& v);

// Parses `v` (at JSON path `path`) expecting a result of type `expected`.
// String literals where a colour is expected are parsed as colours.
// Throws Error(ErrorKind::Style) with file, line and path.
ExpressionPtr parseExpression(const json::Value& v, const std::string& path, ExprType expected,
                              ExpressionContext& ctx);

// Convenience for tests and command-line filters: parses JSON text.
ExpressionPtr parseExpressionText(std::string_view jsonText, ExprType expected = ExprType::Value,
                                  std::vector<std::string>* attributes = nullptr);

}  // namespace jinmap
