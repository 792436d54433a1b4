// Expression parser and evaluator: parse any JSON as an expression, then
// evaluate it against a feature with a few typed attributes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/error.h"
#include "style/expression.h"
#include "style/value.h"

namespace {
class FuzzFeature final : public jinmap::FeatureView {
  public:
    jinmap::PropertyValue property(int, std::string_view name) const override {
        if (name == "town_count") return 3.0;
        if (name == "level") return std::string_view("provincial");
        if (name == "name") return std::string_view("太谷区");
        if (name == "flag") return true;
        return {};
    }
};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        std::vector<std::string> attributes;
        const auto expr = jinmap::parseExpressionText(text, jinmap::ExprType::Value, &attributes);
        if (!expr) return 0;
        FuzzFeature feature;
        for (double zoom : {0.0, 7.5, 22.0}) {
            jinmap::EvaluationContext ctx{zoom, &feature};
            (void)expr->evaluate(ctx);
            (void)expr->evaluateFilter(ctx);
        }
        (void)expr->toJson();
    } catch (const jinmap::Error&) {
    }
    return 0;
}
