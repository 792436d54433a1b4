#include "style/value.h"

#include <cmath>

#include "style/json.h"

namespace jinmap {

StyleValue::StyleValue(StyleArray a) : v_(std::make_shared<const StyleArray>(std::move(a))) {}

const char* styleTypeName(StyleValue::Type type) noexcept {
    switch (type) {
        case StyleValue::Type::Null:
            return "null";
        case StyleValue::Type::Bool:
            return "boolean";
        case StyleValue::Type::Number:
            return "number";
        case StyleValue::Type::String:
            return "string";
        case StyleValue::Type::Color:
            return "color";
        case StyleValue::Type::Array:
            return "array";
    }
    return "value";
}

std::string StyleValue::toJson() const {
    switch (type()) {
        case Type::Null:
            return "null";
        case Type::Bool:
            return asBool() ? "true" : "false";
        case Type::Number:
            return json::formatNumber(asNumber());
        case Type::String: {
            std::string out;
            json::appendQuoted(out, asString());
            return out;
        }
        case Type::Color:
            return "\"" + asColor().toString() + "\"";
        case Type::Array: {
            std::string out = "[";
            bool first = true;
            for (const auto& item : asArray()) {
                if (!first) out += ", ";
                first = false;
                out += item.toJson();
            }
            return out + "]";
        }
    }
    return "null";
}

std::string StyleValue::toText() const {
    switch (type()) {
        case Type::Null:
            return {};
        case Type::String:
            return asString();
        case Type::Color: {
            // MapLibre's to-string gives "rgba(r,g,b,a)" for colours.
            const Color& c = asColor();
            auto ch = [](float v) { return json::formatNumber(std::round(v * 255.0f)); };
            return "rgba(" + ch(c.r) + "," + ch(c.g) + "," + ch(c.b) + "," +
                   json::formatNumber(c.a) + ")";
        }
        default:
            return toJson();
    }
}

bool operator==(const StyleValue& a, const StyleValue& b) {
    if (a.type() != b.type()) return false;
    if (a.isArray()) return a.asArray() == b.asArray();
    return a.v_ == b.v_;
}

ColumnBinding::ColumnBinding(const std::vector<std::string>& layerAttributes,
                             const std::vector<std::string>& columnNames) {
    columns_.reserve(layerAttributes.size());
    for (const auto& name : layerAttributes) {
        int found = -1;
        for (std::size_t i = 0; i < columnNames.size(); ++i) {
            if (columnNames[i] == name) {
                found = static_cast<int>(i);
                break;
            }
        }
        columns_.push_back(found);
    }
}

StyleValue toStyleValue(const PropertyValue& v) {
    switch (v.index()) {
        case 1:
            return std::get<bool>(v);
        case 2:
            return std::get<double>(v);
        case 3:
            return std::get<std::string_view>(v);
        default:
            return {};
    }
}

}  // namespace jinmap
