// Per-feature expression evaluation, the renderer's hot path when a layer's
// paint is prepared (Google Benchmark; label bench, reported, not asserted).
// Each benchmark evaluates one property or filter over 1,000 rows shaped
// like the towns and counties tables.
#include <benchmark/benchmark.h>

#include <string>
#include <variant>
#include <vector>

#include "style/expression.h"
#include "style/property.h"

namespace {

using namespace jinmap;
using Row = std::vector<std::variant<std::monostate, bool, double, std::string>>;

const char* const kGroups[] = {"铸造冶金", "装备制造", "新材料化工", "农产品加工", "文化旅游"};
const char* const kLevels[] = {"provincial", "municipal", "unknown"};

struct Rows {
    std::vector<std::string> attributes;
    std::vector<Row> rows;
    ColumnBinding binding;
};

Rows makeRows(std::vector<std::string> attributes) {
    Rows r;
    r.attributes = std::move(attributes);
    const std::vector<std::string> columns{"name", "sector_group", "level", "town_count",
                                           "prefecture_adcode"};
    for (int i = 0; i < 1000; ++i)
        r.rows.push_back(Row{std::string("某县某专业镇") + std::to_string(i),
                             std::string(kGroups[i % 5]), std::string(kLevels[i % 3]),
                             static_cast<double>(i % 7), std::to_string(140100 + 100 * (i % 11))});
    r.binding = ColumnBinding(r.attributes, columns);
    return r;
}

template <typename T>
void run(benchmark::State& state, const char* json, const Type& type, T fallback) {
    std::vector<std::string> attributes;
    const Property<T> property(parseExpressionText(json, type, &attributes), fallback);
    Rows rows = makeRows(attributes);
    RowFeatureView<Row> view(rows.binding, rows.rows.front());
    const EvaluationContext ctx{8, &view};
    for (auto _ : state) {
        for (const Row& row : rows.rows) {
            view.setRow(row);
            benchmark::DoNotOptimize(property.evaluate(ctx));
        }
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(rows.rows.size()));
}

void MatchColor(benchmark::State& state) {
    run<Color>(state,
               R"(["match", ["get", "prefecture_adcode"], "140100", "#8dd3c7", "140200",
                   "#ffffb3", "140300", "#bebada", "140400", "#fb8072", "140500", "#80b1d3",
                   "140600", "#fdb462", "140700", "#b3de69", "140800", "#fccde5", "140900",
                   "#d9d9d9", "141000", "#bc80bd", "141100", "#ccebc5", "transparent"])",
               ExprType::Color, Color::black());
}

void StepRadius(benchmark::State& state) {
    run<double>(state, R"(["step", ["get", "town_count"], 3, 1, 4, 3, 6, 5, 8])", ExprType::Number,
                5.0);
}

void CaseSize(benchmark::State& state) {
    run<double>(state,
                R"(["case", ["==", ["get", "level"], "provincial"], 8,
                    [">=", ["get", "town_count"], 3], 6, 4])",
                ExprType::Number, 5.0);
}

void Filter(benchmark::State& state) {
    std::vector<std::string> attributes;
    const auto filter = parseExpressionText(
        R"(["all", ["==", ["get", "level"], "provincial"], [">", ["get", "town_count"], 2],
                   ["!=", ["get", "sector_group"], "文化旅游"]])",
        ExprType::Bool, &attributes);
    Rows rows = makeRows(attributes);
    RowFeatureView<Row> view(rows.binding, rows.rows.front());
    const EvaluationContext ctx{8, &view};
    for (auto _ : state) {
        for (const Row& row : rows.rows) {
            view.setRow(row);
            benchmark::DoNotOptimize(filter->evaluateFilter(ctx));
        }
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(rows.rows.size()));
}

void TextField(benchmark::State& state) {
    run<std::string>(state, R"(["get", "name"])", ExprType::Value, std::string());
}

BENCHMARK(MatchColor);
BENCHMARK(StepRadius);
BENCHMARK(CaseSize);
BENCHMARK(Filter);
BENCHMARK(TextField);

}  // namespace

BENCHMARK_MAIN();
