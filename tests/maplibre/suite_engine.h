#pragma once
// The suite runner's view of jinmap's expression engine: which cases it can
// run, how a case's property spec maps to a PropertyExpressionSpec, and a
// FeatureView over a case's JSON properties.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "base/error.h"
#include "style/diagnostics.h"
#include "style/expression.h"
#include "style/json.h"

namespace jinmap::suite {

// jinmap reports evaluation errors as such (no null stands for them).
constexpr bool kNullMeansError = false;

// Operators of MapLibre's registry that jinmap does not implement, with the
// reason a case using one is skipped.
inline const std::map<std::string, std::string>& unsupportedOperators() {
    static const std::map<std::string, std::string> ops{
        {"accumulated", "cluster accumulation (no clustered sources in jinmap)"},
        {"collator", "locale-aware collation is not implemented"},
        {"distance", "geometry operator (features' geometry is not visible to expressions)"},
        {"elevation", "terrain (jinmap draws no terrain)"},
        {"feature-state", "feature state (no interactive state in jinmap)"},
        {"format", "formatted text (jinmap labels are plain text)"},
        {"geometry-type", "geometry operator (features' geometry is not visible to expressions)"},
        {"global-state", "global state is not implemented"},
        {"heatmap-density", "heatmaps (jinmap draws no heatmap layers)"},
        {"id", "feature ids are not visible to expressions"},
        {"image", "images (jinmap has no sprites)"},
        {"is-supported-script", "script detection is not implemented"},
        {"line-progress", "line gradients (not drawn by jinmap)"},
        {"properties", "[\"properties\"] is not implemented"},
        {"resolved-locale", "collators are not implemented"},
        {"within", "geometry operator (features' geometry is not visible to expressions)"},
    };
    return ops;
}

inline std::string skipReason(const json::Value& /*expression*/, const json::Value* spec,
                              const std::set<std::string>& ops, const json::Value& testCase) {
    if (spec && spec->find("type")) {
        const std::string t = spec->find("type")->asString();
        // "null" is a type no property has: MapLibre then expects nothing.
        if (t != "color" && t != "number" && t != "string" && t != "enum" && t != "boolean" &&
            t != "array" && t != "null")
            return "property type \"" + t + "\" (no jinmap property has it)";
    }
    for (const auto& op : ops) {
        const auto it = unsupportedOperators().find(op);
        if (it != unsupportedOperators().end()) return "\"" + op + "\": " + it->second;
    }
    if (testCase.find("globalState")) return "global state is not implemented";
    return {};
}

// The case's property spec as jinmap's PropertyExpressionSpec (defaults as
// MapLibre's runner completes them: data-driven, interpolated, zoom and
// feature parameters).
inline PropertyExpressionSpec propertySpec(const json::Value* spec) {
    PropertyExpressionSpec out;
    out.defaultJson = "";  // no default unless the spec gives one
    if (!spec) return out;
    const json::Value* type = spec->find("type");
    const std::string t = type && type->isString() ? type->asString() : "";
    if (t == "color") out.type = ExprType::Color;
    if (t == "number") out.type = ExprType::Number;
    if (t == "boolean") out.type = ExprType::Bool;
    if (t == "string") {
        out.type = ExprType::String;
        out.coerceToString = true;
    }
    if (t == "enum") {
        out.type = ExprType::String;
        if (const json::Value* values = spec->find("values")) {
            if (values->isObject())
                for (const auto& m : values->members()) out.enumValues.push_back(m.key);
            else
                for (std::size_t i = 0; i < values->items().size(); ++i)
                    out.enumValues.push_back(std::to_string(i));  // Object.keys of an array
        }
    }
    if (t == "array") {
        const json::Value* value = spec->find("value");
        const std::string item = value && value->isString() ? value->asString() : "";
        const ExprType kind = item == "number"    ? ExprType::Number
                              : item == "string"  ? ExprType::String
                              : item == "boolean" ? ExprType::Bool
                                                  : ExprType::Value;
        const json::Value* length = spec->find("length");
        out.type = Type::array(
            kind, length && length->isNumber() ? static_cast<int>(length->asNumber()) : -1);
    }
    if (const json::Value* def = spec->find("default")) {
        // The default as JSON text (legacy functions fall back to it).
        std::string text;
        if (def->isString())
            json::appendQuoted(text, def->asString());
        else if (def->isNumber())
            text = json::formatNumber(def->asNumber());
        else if (def->isBool())
            text = def->asBool() ? "true" : "false";
        else if (def->isNull())
            text = "null";
        else
            text = json::toText(*def);
        out.defaultJson = text;
    }
    if (const json::Value* pt = spec->find("property-type")) {
        const std::string kind = pt->asString();
        out.dataDriven = kind == "data-driven" || kind == "cross-faded-data-driven";
    }
    if (const json::Value* e = spec->find("expression")) {
        if (const json::Value* interpolated = e->find("interpolated"))
            out.interpolated = interpolated->asBool();
        if (const json::Value* params = e->find("parameters")) {
            bool zoom = false, feature = false;
            for (const auto& p : params->items()) {
                zoom = zoom || p.asString() == "zoom";
                feature = feature || p.asString() == "feature";
            }
            out.zoomDriven = zoom;
            out.dataDriven = out.dataDriven && feature;
        }
    }
    return out;
}

struct Compiled {
    bool ok = false;
    std::string error, type;
    bool featureConstant = true, zoomConstant = true;
    ExpressionPtr e;
    std::vector<std::string> attributes;
};

inline Compiled compile(const json::Value& expression, const json::Value* spec,
                        std::string_view text) {
    Compiled c;
    try {
        Diagnostics d("<case>", text);
        ExpressionContext ctx{d, c.attributes};
        c.e = parsePropertyExpression(expression, "$", propertySpec(spec), ctx);
        c.ok = true;
        c.type = c.e->type().toString();
        c.featureConstant = c.e->isFeatureConstant();
        c.zoomConstant = c.e->isZoomConstant();
    } catch (const Error& e) {
        c.error = e.what();
    }
    return c;
}

// A case's feature: its JSON properties as values (arrays, objects and a
// present null included).
class JsonFeature final : public FeatureView {
  public:
    std::map<std::string, StyleValue, std::less<>> values;
    PropertyValue property(int, std::string_view name) const override {
        const auto it = values.find(name);
        if (it == values.end()) return {};
        const StyleValue& v = it->second;
        if (v.isBool()) return v.asBool();
        if (v.isNumber()) return v.asNumber();
        if (v.isString()) return std::string_view(v.asString());
        return &v;
    }
};

inline StyleValue fromJson(const json::Value& v) {
    switch (v.type()) {
        case json::Type::Null:
            return {};
        case json::Type::Bool:
            return v.asBool();
        case json::Type::Number:
            return v.asNumber();
        case json::Type::String:
            return v.asString();
        case json::Type::Array: {
            StyleArray items;
            for (const auto& item : v.items()) items.push_back(fromJson(item));
            return items;
        }
        case json::Type::Object: {
            StyleObject members;
            for (const auto& m : v.members()) members.emplace_back(m.key, fromJson(m.value));
            return members;
        }
    }
    return {};
}

struct Outcome {
    bool error = false;
    StyleValue value;
};

inline Outcome evaluate(const Compiled& c, double zoom, const json::Value* properties) {
    JsonFeature f;
    if (properties)
        for (const auto& m : properties->members()) f.values[m.key] = fromJson(m.value);
    Outcome o;
    o.value = c.e->evaluate(EvaluationContext{zoom, &f});
    o.error = o.value.isError();
    return o;
}

// Objects compared member by member, whatever their order.
template <typename Equal>
bool equalOther(const StyleValue& got, const json::Value& want, Equal equal) {
    if (!got.isObject() || !want.isObject()) return false;
    if (got.asObject().size() != want.members().size()) return false;
    for (const auto& [key, value] : got.asObject()) {
        const json::Value* w = want.find(key);
        if (!w || !equal(value, *w)) return false;
    }
    return true;
}

}  // namespace jinmap::suite
