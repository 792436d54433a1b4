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
    StyleValue evaluate(const EvaluationContext&) const override { return value; }
    bool evaluateView(const EvaluationContext&, PropertyValue& out) const override;
    void write(std::string& out) const override;
    const StyleValue value;
};

class Get final : public Expression {
  public:
    Get(std::string name, int slot);
    StyleValue evaluate(const EvaluationContext& ctx) const override;
    bool evaluateView(const EvaluationContext& ctx, PropertyValue& out) const override;
    void write(std::string& out) const override;
    const std::string name;
    const int slot;
};

class Has final : public Expression {
  public:
    Has(std::string name, int slot);
    StyleValue evaluate(const EvaluationContext& ctx) const override;
    void write(std::string& out) const override;
    const std::string name;
    const int slot;
};

class Zoom final : public Expression {
  public:
    Zoom();
    StyleValue evaluate(const EvaluationContext& ctx) const override { return ctx.zoom; }
    void write(std::string& out) const override { out += "[\"zoom\"]"; }
};

class Match final : public Expression {
  public:
    struct Branch {
        std::vector<StyleValue> labels;  // all numbers or all strings
        ExpressionPtr output;
    };
    Match(ExprType type, ExpressionPtr input, std::vector<Branch> branches, ExpressionPtr fallback);
    // Index of the branch whose labels contain the input, or -1 (fallback).
    int branchIndex(const EvaluationContext& ctx) const;
    StyleValue evaluate(const EvaluationContext& ctx) const override;
    void write(std::string& out) const override;

    const ExpressionPtr input;
    const std::vector<Branch> branches;
    const ExpressionPtr fallback;

  private:
    // Sorted label → branch lookups; labels are one type, so one is empty.
    std::vector<std::pair<std::string, int>> stringLabels_;
    std::vector<std::pair<double, int>> numberLabels_;
};

class Case final : public Expression {
  public:
    Case(ExprType type, std::vector<std::pair<ExpressionPtr, ExpressionPtr>> branches,
         ExpressionPtr fallback);
    StyleValue evaluate(const EvaluationContext& ctx) const override;
    void write(std::string& out) const override;
    const std::vector<std::pair<ExpressionPtr, ExpressionPtr>> branches;
    const ExpressionPtr fallback;
};

class Step final : public Expression {
  public:
    // outputs.size() == stops.size() + 1; outputs[0] applies below stops[0].
    Step(ExprType type, ExpressionPtr input, std::vector<double> stops,
         std::vector<ExpressionPtr> outputs);
    // 0 below the first stop, i for input in [stops[i-1], stops[i]); -1 when
    // the input is not a number.
    int classIndex(const EvaluationContext& ctx) const;
    StyleValue evaluate(const EvaluationContext& ctx) const override;
    void write(std::string& out) const override;
    const ExpressionPtr input;
    const std::vector<double> stops;
    const std::vector<ExpressionPtr> outputs;
};

class Interpolate final : public Expression {
  public:
    // base == 1 is linear.
    Interpolate(ExprType type, double base, bool exponential, ExpressionPtr input,
                std::vector<double> stops, std::vector<ExpressionPtr> outputs);
    StyleValue evaluate(const EvaluationContext& ctx) const override;
    void write(std::string& out) const override;
    const double base;
    const bool exponential;
    const ExpressionPtr input;
    const std::vector<double> stops;
    const std::vector<ExpressionPtr> outputs;
};

class Compare final : public Expression {
  public:
    enum class Op { Eq, Ne, Lt, Le, Gt, Ge };
    Compare(Op op, ExpressionPtr lhs, ExpressionPtr rhs);
    StyleValue evaluate(const EvaluationContext& ctx) const override;
    void write(std::string& out) const override;
    static const char* opName(Op op);
    const Op op;
    const ExpressionPtr lhs, rhs;
};

class Not final : public Expression {
  public:
    explicit Not(ExpressionPtr operand);
    StyleValue evaluate(const EvaluationContext& ctx) const override;
    void write(std::string& out) const override;
    const ExpressionPtr operand;
};

// all / any / coalesce / concat share the shape "operator with n operands".
class Variadic final : public Expression {
  public:
    Variadic(Kind kind, ExprType type, std::vector<ExpressionPtr> operands);
    StyleValue evaluate(const EvaluationContext& ctx) const override;
    void write(std::string& out) const override;
    const std::vector<ExpressionPtr> operands;
};

class In final : public Expression {
  public:
    In(ExpressionPtr needle, ExpressionPtr haystack);
    StyleValue evaluate(const EvaluationContext& ctx) const override;
    void write(std::string& out) const override;
    const ExpressionPtr needle, haystack;
};

// to-string / to-number / to-color: conversions with fallbacks tried in order.
class Convert final : public Expression {
  public:
    Convert(Kind kind, ExprType type, std::vector<ExpressionPtr> operands);
    StyleValue evaluate(const EvaluationContext& ctx) const override;
    void write(std::string& out) const override;
    const std::vector<ExpressionPtr> operands;
};

}  // namespace jinmap::expr
