#pragma once
// Concrete expression nodes. Internal to the style module (the parser builds
// them, the legend inspects match/step); other code uses expression.h.
#include <string>
#include <utility>
#include <vector>

#include "style/expression.h"

namespace jinmap::expr {

class Literal final : public Expression {
  public:
    explicit Literal(StyleValue v);
    // A folded constant keeps the type its expression was checked as.
    Literal(StyleValue v, const Type& type);
    StyleValue evaluate(const EvaluationContext&) const override { return value; }
    bool evaluateView(const EvaluationContext&, PropertyValue& out) const override;
    void write(std::string& out) const override;
    const StyleValue value;
};

// ["get", name] / ["has", name], optionally with an object to read from.
// `slot` >= 0 when the name is a literal (resolved to a column once).
class Get final : public Expression {
  public:
    Get(Kind kind, std::string name, int slot, ExpressionPtr key, ExpressionPtr object);
    StyleValue evaluate(const EvaluationContext& ctx) const override;
    bool evaluateView(const EvaluationContext& ctx, PropertyValue& out) const override;
    std::vector<const Expression*> children() const override;
    void write(std::string& out) const override;
    const std::string name;
    const int slot;
    const ExpressionPtr key;     // computed name (null when `name` is literal)
    const ExpressionPtr object;  // null: the feature's attributes
};

class Zoom final : public Expression {
  public:
    Zoom();
    StyleValue evaluate(const EvaluationContext& ctx) const override { return ctx.zoom; }
    bool evaluateView(const EvaluationContext& ctx, PropertyValue& out) const override {
        out = ctx.zoom;
        return true;
    }
    void write(std::string& out) const override { out += "[\"zoom\"]"; }
};

class Match final : public Expression {
  public:
    struct Branch {
        std::vector<StyleValue> labels;  // all numbers or all strings
        ExpressionPtr output;
    };
    Match(const Type& type, ExpressionPtr input, std::vector<Branch> branches,
          ExpressionPtr fallback);
    // Index of the branch whose labels contain the input, -1 (fallback), or
    // -2 when evaluating the input failed.
    int branchIndex(const EvaluationContext& ctx, StyleValue* error = nullptr) const;
    StyleValue evaluate(const EvaluationContext& ctx) const override;
    bool evaluateView(const EvaluationContext& ctx, PropertyValue& out) const override;
    std::vector<const Expression*> children() const override;
    void write(std::string& out) const override;

    const ExpressionPtr input;
    const std::vector<Branch> branches;
    const ExpressionPtr fallback;

  private:
    int lookup(const PropertyValue& view) const;
    // Sorted label → branch lookups; labels are one type, so one is empty.
    std::vector<std::pair<std::string, int>> stringLabels_;
    std::vector<std::pair<double, int>> numberLabels_;
};

class Case final : public Expression {
  public:
    Case(const Type& type, std::vector<std::pair<ExpressionPtr, ExpressionPtr>> branches,
         ExpressionPtr fallback);
    StyleValue evaluate(const EvaluationContext& ctx) const override;
    bool evaluateView(const EvaluationContext& ctx, PropertyValue& out) const override;
    std::vector<const Expression*> children() const override;
    void write(std::string& out) const override;
    const std::vector<std::pair<ExpressionPtr, ExpressionPtr>> branches;
    const ExpressionPtr fallback;

  private:
    // The branch output to use, or null with `error` set.
    const Expression* select(const EvaluationContext& ctx, StyleValue& error) const;
};

class Step final : public Expression {
  public:
    // outputs.size() == stops.size() + 1; outputs[0] applies below stops[0].
    Step(const Type& type, ExpressionPtr input, std::vector<double> stops,
         std::vector<ExpressionPtr> outputs);
    // 0 below the first stop, i for input in [stops[i-1], stops[i]); -1 when
    // the input is not a number (error set when given).
    int classIndex(const EvaluationContext& ctx, StyleValue* error = nullptr) const;
    StyleValue evaluate(const EvaluationContext& ctx) const override;
    bool evaluateView(const EvaluationContext& ctx, PropertyValue& out) const override;
    std::vector<const Expression*> children() const override;
    void write(std::string& out) const override;
    const ExpressionPtr input;
    const std::vector<double> stops;
    const std::vector<ExpressionPtr> outputs;
};

class Interpolate final : public Expression {
  public:
    enum class Curve { Linear, Exponential, CubicBezier };
    // `op` is "interpolate", "interpolate-hcl" or "interpolate-lab";
    // `parameters` the exponential base or the four bezier control points.
    Interpolate(const Type& type, std::string op, Curve curve, std::vector<double> parameters,
                ExpressionPtr input, std::vector<double> stops, std::vector<ExpressionPtr> outputs);
    StyleValue evaluate(const EvaluationContext& ctx) const override;
    std::vector<const Expression*> children() const override;
    void write(std::string& out) const override;
    // Interpolation factor of x between lower and upper for this curve.
    double factor(double x, double lower, double upper) const;
    const std::string op;
    const Curve curve;
    const std::vector<double> parameters;
    const ExpressionPtr input;
    const std::vector<double> stops;
    const std::vector<ExpressionPtr> outputs;
};

class Compare final : public Expression {
  public:
    enum class Op { Eq, Ne, Lt, Le, Gt, Ge };
    Compare(Op op, ExpressionPtr lhs, ExpressionPtr rhs);
    StyleValue evaluate(const EvaluationContext& ctx) const override;
    bool evaluateView(const EvaluationContext& ctx, PropertyValue& out) const override;
    std::vector<const Expression*> children() const override { return {lhs.get(), rhs.get()}; }
    void write(std::string& out) const override;
    static const char* opName(Op op);
    const Op op;
    const ExpressionPtr lhs, rhs;

  private:
    bool untyped_;  // an operand's type is known only at run time
};

// An operator applied to operands: the logic operators, coalesce, concat,
// conversions, type assertions and the other MapLibre "compound" operators.
// `name` is the operator as written.
class Call final : public Expression {
  public:
    Call(Kind kind, std::string name, const Type& type, std::vector<ExpressionPtr> operands);
    StyleValue evaluate(const EvaluationContext& ctx) const override;
    bool evaluateView(const EvaluationContext& ctx, PropertyValue& out) const override;
    std::vector<const Expression*> children() const override;
    void write(std::string& out) const override;
    const std::string name;
    const std::vector<ExpressionPtr> operands;
    // Assertions written as ["array", "number", 2, …] keep their item type
    // and length arguments for write().
    std::string prefix;
};

// ["number-format", number, {options}]
class NumberFormat final : public Expression {
  public:
    NumberFormat(ExpressionPtr number, ExpressionPtr locale, ExpressionPtr currency,
                 ExpressionPtr unit, ExpressionPtr minFractionDigits,
                 ExpressionPtr maxFractionDigits);
    StyleValue evaluate(const EvaluationContext& ctx) const override;
    std::vector<const Expression*> children() const override;
    void write(std::string& out) const override;
    const ExpressionPtr number, locale, currency, unit, minFractionDigits, maxFractionDigits;
};

class Let final : public Expression {
  public:
    Let(std::vector<std::pair<std::string, ExpressionPtr>> bindings, ExpressionPtr result);
    StyleValue evaluate(const EvaluationContext& ctx) const override {
        return result->evaluate(ctx);
    }
    bool evaluateView(const EvaluationContext& ctx, PropertyValue& out) const override {
        return result->evaluateView(ctx, out);
    }
    std::vector<const Expression*> children() const override;
    void write(std::string& out) const override;
    const std::vector<std::pair<std::string, ExpressionPtr>> bindings;
    const ExpressionPtr result;
};

class Var final : public Expression {
  public:
    Var(std::string name, ExpressionPtr bound);
    StyleValue evaluate(const EvaluationContext& ctx) const override {
        return bound->evaluate(ctx);
    }
    bool evaluateView(const EvaluationContext& ctx, PropertyValue& out) const override {
        return bound->evaluateView(ctx, out);
    }
    void write(std::string& out) const override;
    const std::string name;
    const ExpressionPtr bound;
};

// JavaScript's toUpperCase/toLowerCase (full Unicode case mapping).
std::string changeCase(const std::string& text, bool upper);

// Formats `number` as Intl.NumberFormat does (through ICU, as browsers do).
// An empty locale means "en-US". Returns an error value for an invalid
// locale, currency, unit or digit count.
StyleValue formatNumber(double number, const std::string& locale, const std::string& currency,
                        const std::string& unit, int minFractionDigits, int maxFractionDigits);

}  // namespace jinmap::expr
