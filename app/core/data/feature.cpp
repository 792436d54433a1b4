#include "data/feature.h"

#include <cmath>

#include "base/numbers.h"

namespace jinmap {

std::string valueToString(const Value& v) {
    struct Visitor {
        std::string operator()(std::monostate) const { return {}; }
        std::string operator()(bool b) const { return b ? "true" : "false"; }
        std::string operator()(double d) const {
            if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 1e15) {
                return std::to_string(static_cast<long long>(d));
            }
            return formatNumber(d, 15);
        }
        std::string operator()(const std::string& s) const { return s; }
    };
    return std::visit(Visitor{}, v);
}

int Fields::indexOf(const std::string& name) const {
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == name) return static_cast<int>(i);
    return -1;
}

std::vector<Feature> readAll(const FeatureSource& source, const Bounds* filter) {
    std::vector<Feature> out;
    auto it = source.features(filter);
    Feature f;
    while (it->next(f)) out.push_back(std::move(f));
    return out;
}

}  // namespace jinmap
