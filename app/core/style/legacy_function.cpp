// Legacy style functions ({"stops": …}, {"type": "identity", …}) converted
// to expressions the way maplibre-style-spec's convertFunction does, so a
// style written for old Mapbox/MapLibre versions draws the same here.
#include <functional>
#include <string>
#include <vector>

#include "style/expression.h"
#include "style/json.h"

namespace jinmap {

namespace {

std::string quoted(const std::string& s) {
    std::string out;
    json::appendQuoted(out, s);
    return out;
}

// Objects and arrays become ["literal", …]; scalars stay as they are.
std::string literal(const json::Value& v) {
    return v.isArray() || v.isObject() ? "[\"literal\", " + json::toText(v) + "]" : json::toText(v);
}

std::string list(const std::vector<std::string>& items) {
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i];
    return out + "]";
}

// A curve under construction: the operator's head and its stop pairs.
struct Curve {
    std::vector<std::string> head;  // e.g. "\"step\"", input
    std::vector<std::pair<std::string, std::string>> stops;
    bool step = false;

    // Skips a repeated stop input (functions allowed them; expressions do not).
    void append(const std::string& input, const std::string& output) {
        if (!stops.empty() && stops.back().first == input) return;
        stops.emplace_back(input, output);
    }
    std::string text() const {
        std::vector<std::string> items = head;
        for (std::size_t i = 0; i < stops.size(); ++i) {
            // A step's first input is implied (-infinity).
            if (!(step && i == 0)) items.push_back(stops[i].first);
            items.push_back(stops[i].second);
        }
        // A step with one stop is a constant: add a no-op stop.
        if (step && stops.size() == 1) {
            items.push_back("0");
            items.push_back(stops[0].second);
        }
        return list(items);
    }
};

// "Text with {name} token" → ["concat", "Text with ", ["get", "name"], " token"]
std::string convertTokens(const std::string& s) {
    std::vector<std::string> parts{"\"concat\""};
    std::size_t pos = 0;
    bool any = false;
    while (true) {
        const std::size_t open = s.find('{', pos);
        if (open == std::string::npos) break;
        const std::size_t close = s.find('}', open + 1);
        if (close == std::string::npos) break;
        const std::string name = s.substr(open + 1, close - open - 1);
        if (name.empty() || name.find('{') != std::string::npos) {
            pos = open + 1;
            continue;
        }
        if (open > pos) parts.push_back(quoted(s.substr(pos, open - pos)));
        parts.push_back("[\"get\", " + quoted(name) + "]");
        any = true;
        pos = close + 1;
    }
    if (!any) return quoted(s);
    if (pos < s.size()) {
        parts.push_back(quoted(s.substr(pos)));
    } else if (parts.size() == 2) {
        return "[\"to-string\", " + parts[1] + "]";
    }
    return list(parts);
}

class Converter {
  public:
    Converter(const json::Value& f, const PropertyExpressionSpec& spec,
              const std::function<void(const std::string&)>& fail)
        : f_(f), spec_(spec), fail_(fail) {}

    std::string convert() {
        const json::Value* stops = f_.find("stops");
        if (!stops) return identity();
        if (!stops->isArray() || stops->items().empty())
            fail_("legacy function: \"stops\" must be a non-empty array");
        for (const auto& s : stops->items())
            if (!s.isArray() || s.items().size() != 2)
                fail_("legacy function: each stop must be an [input, output] pair");
        const bool zoomAndFeature = stops->items()[0].items()[0].isObject();
        const bool featureDependent = zoomAndFeature || f_.find("property");
        std::vector<std::pair<const json::Value*, std::string>> converted;
        for (const auto& s : stops->items()) {
            const json::Value& out = s.items()[1];
            const bool tokens = !featureDependent && spec_.coerceToString && out.isString();
            converted.emplace_back(&s.items()[0],
                                   tokens ? convertTokens(out.asString()) : literal(out));
        }
        if (zoomAndFeature) return zoomAndProperty(converted);
        if (!featureDependent) return zoomFunction(converted);
        return propertyFunction(converted, f_.find("default"));
    }

  private:
    std::string type() const {
        if (const json::Value* t = f_.find("type")) {
            if (!t->isString()) fail_("legacy function: \"type\" must be a string");
            return t->asString();
        }
        return spec_.interpolated ? "exponential" : "interval";
    }

    std::string interpolateOperator(bool inner = false) const {
        if (inner) return "\"interpolate\"";
        const json::Value* space = f_.find("colorSpace");
        if (space && space->isString() && space->asString() == "hcl") return "\"interpolate-hcl\"";
        if (space && space->isString() && space->asString() == "lab") return "\"interpolate-lab\"";
        return "\"interpolate\"";
    }

    std::string curveType(bool inner = false) const {
        const json::Value* base = inner ? nullptr : f_.find("base");
        if (base && !(base->isNumber() && base->asNumber() == 1))
            return "[\"exponential\", " + json::toText(*base) + "]";
        return "[\"linear\"]";
    }

    std::string get() const {
        const json::Value* p = f_.find("property");
        return "[\"get\", " + (p ? json::toText(*p) : std::string("null")) + "]";
    }

    const char* typeName() const {
        if (!spec_.enumValues.empty()) return "enum";
        switch (spec_.type.kind) {
            case ExprType::Color:
                return "color";
            case ExprType::Number:
                return "number";
            case ExprType::Bool:
                return "boolean";
            case ExprType::String:
                return "string";
            case ExprType::Array:
                return "array";
            default:
                return "value";
        }
    }

    std::string identity() const {
        const std::string g = get();
        const json::Value* def = f_.find("default");
        const std::string t = typeName();
        if (!def) return t == "string" ? "[\"string\", " + g + "]" : g;
        if (t == "enum") {
            std::vector<std::string> values;
            for (const auto& v : spec_.enumValues) values.push_back(quoted(v));
            return "[\"match\", " + g + ", " + list(values) + ", " + g + ", " + json::toText(*def) +
                   "]";
        }
        if (t == "array") {
            const std::string item = quoted(exprTypeName(spec_.type.item));
            const std::string length =
                spec_.type.length >= 0 ? std::to_string(spec_.type.length) : "null";
            return "[\"array\", " + item + ", " + length + ", " + g + ", " + literal(*def) + "]";
        }
        const std::string op = t == "color" ? "to-color" : t;
        return "[" + quoted(op) + ", " + g + ", " + literal(*def) + "]";
    }

    std::string fallback(const json::Value* def) const {
        if (def) return literal(*def);
        if (spec_.defaultJson.empty())
            fail_("legacy function: no \"default\" and the property has no default value");
        const char c = spec_.defaultJson.front();
        return c == '[' || c == '{' ? "[\"literal\", " + spec_.defaultJson + "]"
                                    : spec_.defaultJson;
    }

    std::string propertyFunction(
        const std::vector<std::pair<const json::Value*, std::string>>& stops,
        const json::Value* def, bool inner = false) const {
        const std::string t = type();
        const std::string g = get();
        if (t == "categorical" && stops[0].first->isBool()) {
            std::vector<std::string> items{"\"case\""};
            for (const auto& [in, out] : stops) {
                items.push_back("[\"==\", " + g + ", " + json::toText(*in) + "]");
                items.push_back(out);
            }
            items.push_back(fallback(def));
            return list(items);
        }
        if (t == "categorical") {
            Curve c;
            c.head = {"\"match\"", g};
            for (const auto& [in, out] : stops) c.append(json::toText(*in), out);
            std::string text = c.text();
            text.pop_back();
            return text + ", " + fallback(def) + "]";
        }
        Curve c;
        if (t == "interval") {
            c.head = {"\"step\"", "[\"number\", " + g + "]"};
            c.step = true;
        } else if (t == "exponential") {
            c.head = {interpolateOperator(inner), curveType(inner), "[\"number\", " + g + "]"};
        } else {
            fail_("legacy function: unknown property function type \"" + t + "\"");
        }
        for (const auto& [in, out] : stops) c.append(json::toText(*in), out);
        if (!def) return c.text();
        return "[\"case\", [\"==\", [\"typeof\", " + g + "], \"number\"], " + c.text() + ", " +
               literal(*def) + "]";
    }

    std::string zoomFunction(
        const std::vector<std::pair<const json::Value*, std::string>>& stops) const {
        const std::string t = type();
        Curve c;
        if (t == "interval") {
            c.head = {"\"step\"", "[\"zoom\"]"};
            c.step = true;
        } else if (t == "exponential") {
            c.head = {interpolateOperator(), curveType(), "[\"zoom\"]"};
        } else {
            fail_("legacy function: unknown zoom function type \"" + t + "\"");
        }
        for (const auto& [in, out] : stops) c.append(json::toText(*in), out);
        return c.text();
    }

    std::string zoomAndProperty(
        const std::vector<std::pair<const json::Value*, std::string>>& stops) const {
        // Group the stops by zoom; each zoom level is a property function.
        std::vector<std::string> zooms;
        std::vector<std::vector<std::pair<const json::Value*, std::string>>> groups;
        for (const auto& [in, out] : stops) {
            const json::Value* zoom = in->find("zoom");
            const json::Value* value = in->find("value");
            if (!zoom || !value)
                fail_("legacy function: zoom-and-property stops need {\"zoom\", \"value\"}");
            const std::string z = json::toText(*zoom);
            std::size_t k = 0;
            while (k < zooms.size() && zooms[k] != z) ++k;
            if (k == zooms.size()) {
                zooms.push_back(z);
                groups.emplace_back();
            }
            groups[k].emplace_back(value, out);
        }
        Curve c;
        // The zoom dimension: linear for interpolated properties, else steps.
        if (spec_.interpolated) {
            c.head = {interpolateOperator(), "[\"linear\"]", "[\"zoom\"]"};
        } else {
            c.head = {"\"step\"", "[\"zoom\"]"};
            c.step = true;
        }
        for (std::size_t k = 0; k < zooms.size(); ++k)
            c.append(zooms[k], propertyFunction(groups[k], f_.find("default"), true));
        return c.text();
    }

    const json::Value& f_;
    const PropertyExpressionSpec& spec_;
    const std::function<void(const std::string&)>& fail_;
};

}  // namespace

std::string convertLegacyFunction(const json::Value& function, const PropertyExpressionSpec& spec,
                                  const std::function<void(const std::string&)>& fail) {
    return Converter(function, spec, fail).convert();
}

}  // namespace jinmap
