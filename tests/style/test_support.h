#pragma once
// Helpers shared by the style tests.
#include <fstream>
#include <map>
#include <ostream>
#include <sstream>
#include <string>

#include "style/value.h"

namespace jinmap {
// Readable values in gtest failure messages.
inline void PrintTo(const StyleValue& v, std::ostream* os) {
    *os << v.toJson();
}
}  // namespace jinmap

namespace jinmap::test {

// A feature whose attributes are looked up by name (slots ignored).
class MapFeature final : public FeatureView {
  public:
    MapFeature() = default;
    MapFeature(std::initializer_list<std::pair<const std::string, StyleValue>> values)
        : values_(values) {}
    PropertyValue property(int, std::string_view name) const override {
        const auto it = values_.find(std::string(name));
        if (it == values_.end()) return {};
        const StyleValue& v = it->second;
        if (v.isBool()) return v.asBool();
        if (v.isNumber()) return v.asNumber();
        if (v.isString()) return std::string_view(v.asString());
        return &v;  // arrays, objects, and a null that is present
    }
    void set(const std::string& name, StyleValue v) { values_[name] = std::move(v); }

  private:
    std::map<std::string, StyleValue> values_;
};

inline std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace jinmap::test
