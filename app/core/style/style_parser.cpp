#include "style/style_parser.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "base/error.h"
#include "style/expression.h"
#include "style/json.h"
#include "style/layer_properties.h"
#include "style/legend.h"

namespace jinmap {

namespace {

// MapLibre root keys that jinmap reads no meaning from.
const char* const kUnsupportedRootKeys[] = {"bearing", "center",     "glyphs",     "light",
                                            "pitch",   "projection", "sky",        "sprite",
                                            "state",   "terrain",    "transition", "zoom"};
// MapLibre layer types jinmap cannot draw.
const char* const kUnsupportedLayerTypes[] = {"color-relief", "fill-extrusion", "heatmap",
                                              "hillshade", "raster"};

bool oneOf(const char* const* first, const char* const* last, const std::string& s) {
    return std::any_of(first, last, [&](const char* k) { return s == k; });
}

std::string quote(const std::string& s) {
    return "\"" + s + "\"";
}

class StyleParser {
  public:
    StyleParser(std::string_view text, const std::string& name)
        : doc_(json::parse(text, name, json::ParseOptions{128, kMaxStyleBytes, ErrorKind::Style})),
          diag_(name, text) {
        for (const auto& w : doc_.warnings) diag_.warn(w.offset, w.path, w.message);
    }

    ParseResult run() {
        const json::Value& root = doc_.root;
        if (!root.isObject()) fail(root, "$", "a style must be a JSON object");
        auto style = std::make_shared<Style>();
        const json::Value* sources = nullptr;
        const json::Value* layers = nullptr;
        const json::Value* metadata = nullptr;
        bool haveVersion = false;
        for (const auto& m : root.members()) {
            const std::string path = json::childPath("$", m.key);
            if (m.key == "version") {
                if (!m.value.isNumber() || m.value.asNumber() != 8)
                    fail(m.value, path, "expected 8 (the MapLibre style version)");
                haveVersion = true;
            } else if (m.key == "name") {
                style->name = string(m.value, path);
            } else if (m.key == "metadata") {
                metadata = &m.value;
            } else if (m.key == "sources") {
                sources = &m.value;
            } else if (m.key == "layers") {
                layers = &m.value;
            } else if (oneOf(std::begin(kUnsupportedRootKeys), std::end(kUnsupportedRootKeys),
                             m.key)) {
                warn(m.keyOffset, path, "unsupported style key (ignored)");
            } else {
                warn(m.keyOffset, path, "unknown style key (ignored)");
            }
        }
        if (!haveVersion) fail(root, "$", "missing required key \"version\"");
        if (!sources) fail(root, "$", "missing required key \"sources\"");
        if (!layers) fail(root, "$", "missing required key \"layers\"");
        parseSources(*sources, *style);
        parseLayers(*layers, *style);
        if (metadata) parseMetadata(*metadata, *style);
        return {std::move(style), diag_.takeWarnings()};
    }

  private:
    // ------------------------------------------------------------ helpers

    [[noreturn]] void fail(const json::Value& at, const std::string& path,
                           const std::string& message) const {
        diag_.fail(at.offset(), path, message);
    }
    void warn(std::size_t offset, const std::string& path, const std::string& message) {
        diag_.warn(offset, path, message);
    }

    void expectType(const json::Value& v, const std::string& path, json::Type type) const {
        if (v.type() != type)
            fail(v, path,
                 std::string("expected ") + json::typeName(type) + ", found " +
                     json::typeName(v.type()));
    }

    const std::string& string(const json::Value& v, const std::string& path) const {
        expectType(v, path, json::Type::String);
        return v.asString();
    }

    // ------------------------------------------------------------ sources

    void parseSources(const json::Value& v, Style& style) {
        expectType(v, "$.sources", json::Type::Object);
        for (const auto& m : v.members()) {
            const std::string path = json::childPath("$.sources", m.key);
            expectType(m.value, path, json::Type::Object);
            Source source;
            source.name = m.key;
            bool haveType = false;
            for (const auto& f : m.value.members()) {
                const std::string fpath = json::childPath(path, f.key);
                if (f.key == "type") {
                    const std::string& type = string(f.value, fpath);
                    if (type == "spatialite")
                        fail(f.value, fpath,
                             "\"spatialite\" sources are written as MapLibre vector sources "
                             "now: {\"type\": \"vector\", \"jinmap:table\": …} (or "
                             "\"jinmap:sql\")");
                    if (type != "vector")
                        fail(f.value, fpath,
                             "unsupported source type " + quote(type) +
                                 " (jinmap reads its database's tables: a \"vector\" source "
                                 "with \"jinmap:table\" or \"jinmap:sql\")");
                    haveType = true;
                } else if (f.key == "jinmap:table") {
                    source.table = string(f.value, fpath);
                    if (source.table.empty()) fail(f.value, fpath, "table name is empty");
                } else if (f.key == "jinmap:sql") {
                    source.sql = string(f.value, fpath);
                    if (source.sql.empty()) fail(f.value, fpath, "SQL query is empty");
                } else if (f.key == "jinmap:geometry-column") {
                    source.geometryColumn = string(f.value, fpath);
                } else if (f.key == "table" || f.key == "sql" || f.key == "geometry-column") {
                    fail(f.value, fpath,
                         "jinmap's source keys are namespaced: write \"jinmap:" + f.key + "\"");
                } else if (f.key == "attribution" || f.key == "minzoom" || f.key == "maxzoom" ||
                           f.key == "bounds" || f.key == "url" || f.key == "tiles" ||
                           f.key == "promoteId") {
                    warn(f.keyOffset, fpath, "unsupported source key (ignored)");
                } else {
                    warn(f.keyOffset, fpath, "unknown source key (ignored)");
                }
            }
            if (!haveType) fail(m.value, path, "missing required key \"type\"");
            if (source.table.empty() == source.sql.empty())
                fail(m.value, path,
                     "a jinmap source needs exactly one of \"jinmap:table\" or \"jinmap:sql\"");
            style.sources.emplace(m.key, std::move(source));
        }
    }

    // ------------------------------------------------------------ layers

    void parseLayers(const json::Value& v, Style& style) {
        expectType(v, "$.layers", json::Type::Array);
        std::set<std::string> ids;
        for (std::size_t i = 0; i < v.items().size(); ++i) {
            const json::Value& item = v.items()[i];
            const std::string path = json::childPath("$.layers", i);
            expectType(item, path, json::Type::Object);
            const json::Value* id = item.find("id");
            if (!id) fail(item, path, "missing required key \"id\"");
            const std::string& idText = string(*id, json::childPath(path, "id"));
            if (idText.empty()) fail(*id, json::childPath(path, "id"), "layer id is empty");
            if (!ids.insert(idText).second)
                fail(*id, json::childPath(path, "id"), "duplicate layer id " + quote(idText));
            const json::Value* type = item.find("type");
            if (!type) fail(item, path, "missing required key \"type\"");
            const std::string typePath = json::childPath(path, "type");
            const std::string& typeName = string(*type, typePath);
            LayerType layerType;
            if (!layerTypeFromName(typeName, layerType)) {
                // A MapLibre type jinmap cannot draw is skipped with a warning
                // (the file stays usable by a web map); anything else is an error.
                const bool known = oneOf(std::begin(kUnsupportedLayerTypes),
                                         std::end(kUnsupportedLayerTypes), typeName);
                if (!known) fail(*type, typePath, "unknown layer type " + quote(typeName));
                warn(type->offset(), typePath,
                     "unsupported layer type " + quote(typeName) + " (layer " + quote(idText) +
                         " skipped)");
                continue;
            }
            style.layers.push_back(parseLayer(item, path, idText, layerType, style));
        }
    }

    static bool layerTypeFromName(const std::string& name, LayerType& out) {
        for (LayerType t : {LayerType::Background, LayerType::Fill, LayerType::Line,
                            LayerType::Circle, LayerType::Symbol}) {
            if (name == layerTypeName(t)) {
                out = t;
                return true;
            }
        }
        return false;
    }

    Layer parseLayer(const json::Value& v, const std::string& path, const std::string& id,
                     LayerType type, const Style& style) {
        Layer layer;
        layer.id = id;
        layer.type = type;
        switch (type) {
            case LayerType::Background:
                layer.style = BackgroundStyle{};
                break;
            case LayerType::Fill:
                layer.style = FillStyle{};
                break;
            case LayerType::Line:
                layer.style = LineStyle{};
                break;
            case LayerType::Circle:
                layer.style = CircleStyle{};
                break;
            case LayerType::Symbol:
                layer.style = SymbolStyle{};
                break;
        }
        ExpressionContext ectx{diag_, layer.attributes};
        const json::Value* source = nullptr;
        const json::Value* sourceLayer = nullptr;
        std::string sourcePath, sourceLayerPath;
        for (const auto& m : v.members()) {
            const std::string mpath = json::childPath(path, m.key);
            // id and type were read above.
            if (m.key == "id" || m.key == "type") continue;
            if (m.key == "metadata") {
                parseLayerMetadata(m.value, mpath, layer, ectx);
            } else if (m.key == "source") {
                source = &m.value;
                sourcePath = mpath;
            } else if (m.key == "filter") {
                if (type == LayerType::Background) {
                    warn(m.keyOffset, mpath, "background layers have no filter (ignored)");
                    continue;
                }
                layer.filter = parseFilterExpression(m.value, mpath, ectx);
            } else if (m.key == "minzoom" || m.key == "maxzoom") {
                expectType(m.value, mpath, json::Type::Number);
                const double z = m.value.asNumber();
                if (z < 0 || z > 24) fail(m.value, mpath, "expected a zoom level from 0 to 24");
                (m.key == "minzoom" ? layer.minzoom : layer.maxzoom) = z;
            } else if (m.key == "layout" || m.key == "paint") {
                parseProperties(m.value, mpath, m.key == "layout", layer, ectx);
            } else if (m.key == "source-layer") {
                // MapLibre requires it of vector sources; jinmap checks it
                // names the source's table (below).
                layer.sourceLayer = string(m.value, mpath);
                sourceLayer = &m.value;
                sourceLayerPath = mpath;
            } else {
                warn(m.keyOffset, mpath, "unknown layer key (ignored)");
            }
        }
        if (layer.minzoom > layer.maxzoom) fail(v, path, "minzoom is greater than maxzoom");
        if (type == LayerType::Background) {
            if (source)
                warn(source->offset(), sourcePath, "background layers have no source (ignored)");
        } else {
            if (!source) fail(v, path, "missing required key \"source\"");
            layer.source = string(*source, sourcePath);
            const Source* src = style.findSource(layer.source);
            if (!src) fail(*source, sourcePath, "unknown source " + quote(layer.source));
            if (sourceLayer && !src->table.empty() && layer.sourceLayer != src->table)
                fail(*sourceLayer, sourceLayerPath,
                     "source-layer " + quote(layer.sourceLayer) + " is not the source's table " +
                         quote(src->table));
        }
        return layer;
    }

    // Layer metadata is free-form by the MapLibre spec; keys "jinmap:…" are
    // jinmap's extension properties of the layer (an expression or a constant).
    void parseLayerMetadata(const json::Value& v, const std::string& path, Layer& layer,
                            ExpressionContext& ectx) {
        expectType(v, path, json::Type::Object);
        for (const auto& m : v.members()) {
            if (m.key.rfind("jinmap:", 0) != 0) continue;
            const std::string mpath = json::childPath(path, m.key);
            const PropertySpec* spec = findPropertySpec(layer.type, m.key);
            if (!spec || !spec->extension) {
                warn(m.keyOffset, mpath,
                     std::string("unknown jinmap extension for ") + layerTypeName(layer.type) +
                         " layers (ignored)");
                continue;
            }
            if (m.value.isNull()) continue;
            std::visit(
                [&](auto* property) { parseProperty(*property, *spec, m.value, mpath, ectx); },
                spec->access(layer));
        }
    }

    void parseProperties(const json::Value& v, const std::string& path, bool layout, Layer& layer,
                         ExpressionContext& ectx) {
        expectType(v, path, json::Type::Object);
        for (const auto& m : v.members()) {
            const std::string mpath = json::childPath(path, m.key);
            if (layout && m.key == "visibility") {
                const std::string& vis = string(m.value, mpath);
                if (vis != "visible" && vis != "none")
                    fail(m.value, mpath, "expected \"visible\" or \"none\"");
                layer.visible = vis == "visible";
                continue;
            }
            if (m.key == "fill-hatch" || m.key == "circle-shape")
                fail(m.value, mpath,
                     quote(m.key) + " is a jinmap extension: write it in the layer's metadata as " +
                         quote(m.key == "fill-hatch" ? "jinmap:hatch" : "jinmap:shape"));
            const PropertySpec* spec = findPropertySpec(layer.type, m.key);
            if (spec && spec->extension) spec = nullptr;
            if (!spec) {
                const PropertySpec* other = findPropertySpecAnyType(m.key);
                if (other && other->extension)
                    fail(m.value, mpath,
                         quote(m.key) + " is a jinmap extension: write it in the layer's metadata");
                if (other)
                    warn(m.keyOffset, mpath,
                         std::string("not a property of ") + layerTypeName(layer.type) +
                             " layers (it belongs to " + layerTypeName(other->layerType) +
                             " layers; ignored)");
                else
                    warn(m.keyOffset, mpath, "unsupported property (ignored)");
                continue;
            }
            if (spec->layout != layout)
                fail(m.value, mpath,
                     quote(m.key) + " is a " + (spec->layout ? "layout" : "paint") +
                         " property, not a " + (layout ? "layout" : "paint") + " property");
            if (m.value.isNull()) continue;  // null means "default" in MapLibre
            std::visit(
                [&](auto* property) { parseProperty(*property, *spec, m.value, mpath, ectx); },
                spec->access(layer));
        }
    }

    // ------------------------------------------------------------ property values

    template <typename T>
    void parseProperty(Property<T>& property, const PropertySpec& spec, const json::Value& v,
                       const std::string& path, ExpressionContext& ectx) {
        const bool isArrayConstant = v.isArray() && !looksLikeExpression(v) &&
                                     (std::is_same_v<T, std::vector<double>> ||
                                      std::is_same_v<T, std::vector<std::string>> ||
                                      std::is_same_v<T, std::vector<TextAnchor>>);
        // An expression, or a legacy function (converted, with a warning).
        if ((v.isArray() && !isArrayConstant) || v.isObject()) {
            ExpressionPtr e =
                parsePropertyExpression(v, path, expressionSpecFor(property, spec.arraySize), ectx);
            if (e->isFeatureConstant() && e->isZoomConstant()) {
                // Fold constant expressions (e.g. ["literal", …]) so the
                // renderer sees a plain constant.
                T value = property.constant();
                if (!convertStyleValue(e->evaluate(EvaluationContext{}), value))
                    fail(v, path,
                         std::string("expected ") + describe<T>() + ", found " +
                             e->evaluate(EvaluationContext{}).toJson());
                checkConstant(value, spec, v, path);
                property = Property<T>(std::move(value));
            } else {
                property = Property<T>(std::move(e), property.constant());
            }
            return;
        }
        T value{};
        if (!constant(v, value, path))
            fail(v, path, std::string("expected ") + describe<T>() + ", found " + found(v));
        checkConstant(value, spec, v, path);
        property = Property<T>(std::move(value));
    }

    // What a wrong constant is, for messages: the string itself (a typo in
    // a colour is easier to spot that way) or the JSON type.
    static std::string found(const json::Value& v) {
        if (v.isString()) {
            std::string out;
            json::appendQuoted(out, v.asString());
            return out;
        }
        return json::typeName(v.type());
    }

    template <typename T>
    static const char* describe() {
        if constexpr (std::is_same_v<T, double>) return "number";
        if constexpr (std::is_same_v<T, bool>) return "boolean";
        if constexpr (std::is_same_v<T, Color>) return "color";
        if constexpr (std::is_same_v<T, std::string>) return "string";
        if constexpr (std::is_same_v<T, std::vector<std::string>>) return "array of strings";
        if constexpr (std::is_same_v<T, std::vector<double>>) return "array of numbers";
        if constexpr (std::is_same_v<T, CircleShape>)
            return "one of \"circle\", \"star\", \"square\", \"triangle\"";
        if constexpr (std::is_same_v<T, TextAnchor>)
            return "a text anchor (\"center\", \"left\", \"top-right\", …)";
        if constexpr (std::is_same_v<T, std::vector<TextAnchor>>)
            return "array of text anchors (\"center\", \"left\", \"top-right\", …)";
        if constexpr (std::is_same_v<T, LineJoin>) return "one of \"bevel\", \"round\", \"miter\"";
        if constexpr (std::is_same_v<T, LineCap>) return "one of \"butt\", \"round\", \"square\"";
        if constexpr (std::is_same_v<T, FillRule>) return "one of \"evenodd\", \"nonzero\"";
        return "value";
    }

    bool constant(const json::Value& v, double& out, const std::string&) const {
        out = v.asNumber();
        return v.isNumber();
    }
    bool constant(const json::Value& v, bool& out, const std::string&) const {
        out = v.asBool();
        return v.isBool();
    }
    bool constant(const json::Value& v, Color& out, const std::string&) const {
        if (!v.isString()) return false;
        const auto c = parseCssColor(v.asString());
        if (c) out = *c;
        return c.has_value();
    }
    bool constant(const json::Value& v, std::string& out, const std::string& path) {
        if (!v.isString()) return false;
        out = v.asString();
        if (out.find('{') != std::string::npos && out.find('}') != std::string::npos)
            warn(v.offset(), path,
                 "{token} replacement is not supported; the text is shown as written (use "
                 "[\"get\", name])");
        return true;
    }
    bool constant(const json::Value& v, std::vector<std::string>& out, const std::string&) const {
        if (!v.isArray()) return false;
        out.clear();
        for (const auto& item : v.items()) {
            if (!item.isString()) return false;
            out.push_back(item.asString());
        }
        return true;
    }
    bool constant(const json::Value& v, std::vector<double>& out, const std::string&) const {
        if (!v.isArray()) return false;
        out.clear();
        for (const auto& item : v.items()) {
            if (!item.isNumber()) return false;
            out.push_back(item.asNumber());
        }
        return true;
    }
    bool constant(const json::Value& v, CircleShape& out, const std::string&) const {
        return v.isString() && parseCircleShape(v.asString(), out);
    }
    bool constant(const json::Value& v, TextAnchor& out, const std::string&) const {
        return v.isString() && parseTextAnchor(v.asString(), out);
    }
    bool constant(const json::Value& v, std::vector<TextAnchor>& out, const std::string&) const {
        if (!v.isArray()) return false;
        out.clear();
        for (const auto& item : v.items()) {
            TextAnchor a{};
            if (!item.isString() || !parseTextAnchor(item.asString(), a)) return false;
            out.push_back(a);
        }
        return true;
    }
    bool constant(const json::Value& v, LineJoin& out, const std::string&) const {
        return v.isString() && parseLineJoin(v.asString(), out);
    }
    bool constant(const json::Value& v, LineCap& out, const std::string&) const {
        return v.isString() && parseLineCap(v.asString(), out);
    }
    bool constant(const json::Value& v, FillRule& out, const std::string&) const {
        return v.isString() && parseFillRule(v.asString(), out);
    }

    void checkRange(double d, const PropertySpec& spec, const json::Value& v,
                    const std::string& path) const {
        if (d >= spec.min && d <= spec.max) return;
        if (std::isinf(spec.max))
            fail(v, path, "expected a number >= " + json::formatNumber(spec.min));
        fail(v, path,
             "expected a number from " + json::formatNumber(spec.min) + " to " +
                 json::formatNumber(spec.max));
    }

    template <typename T>
    void checkConstant(const T& value, const PropertySpec& spec, const json::Value& v,
                       const std::string& path) const {
        if constexpr (std::is_same_v<T, double>) {
            checkRange(value, spec, v, path);
        } else if constexpr (std::is_same_v<T, std::vector<double>>) {
            if (spec.arraySize && value.size() != spec.arraySize)
                fail(v, path,
                     "expected an array of " + std::to_string(spec.arraySize) + " numbers");
            for (double d : value) checkRange(d, spec, v, path);
        } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
            if (value.empty()) fail(v, path, "expected at least one font name");
        }
    }

    // ------------------------------------------------------------ metadata

    void parseMetadata(const json::Value& v, Style& style) {
        expectType(v, "$.metadata", json::Type::Object);
        for (const auto& m : v.members()) {
            const std::string path = json::childPath("$.metadata", m.key);
            if (m.key == "jinmap:legend") {
                parseLegend(m.value, path, style);
            } else if (m.value.isString()) {
                style.metadata[m.key] = m.value.asString();
            }
            // Other metadata is free-form by the MapLibre spec: not an error.
        }
    }

    // "title:en" is `base` in language "en": a language code of two or three
    // lowercase letters, optionally _REGION ("zh_TW").
    static bool translated(const std::string& key, const std::string& base, std::string& lang) {
        if (key.size() <= base.size() + 1 || key.compare(0, base.size(), base) != 0 ||
            key[base.size()] != ':')
            return false;
        const std::string code = key.substr(base.size() + 1);
        std::size_t i = 0;
        while (i < code.size() && code[i] >= 'a' && code[i] <= 'z') ++i;
        if (i < 2 || i > 3) return false;
        if (i < code.size()) {
            if (code[i] != '_' || code.size() != i + 3) return false;
            for (std::size_t k = i + 1; k < code.size(); ++k)
                if (code[k] < 'A' || code[k] > 'Z') return false;
        }
        lang = code;
        return true;
    }

    void parseLegend(const json::Value& v, const std::string& path, Style& style) {
        expectType(v, path, json::Type::Object);
        for (const auto& m : v.members()) {
            const std::string mpath = json::childPath(path, m.key);
            std::string lang;
            if (m.key == "title") {
                style.legend.title = string(m.value, mpath);
            } else if (m.key == "note") {
                style.legend.note = string(m.value, mpath);
            } else if (translated(m.key, "title", lang)) {
                style.legend.titleIn[lang] = string(m.value, mpath);
            } else if (translated(m.key, "note", lang)) {
                style.legend.noteIn[lang] = string(m.value, mpath);
            } else if (m.key == "layers") {
                expectType(m.value, mpath, json::Type::Object);
                for (const auto& e : m.value.members())
                    style.legend.entries[e.key] =
                        parseLegendEntry(e, json::childPath(mpath, e.key), style);
            } else {
                warn(m.keyOffset, mpath, "unknown legend key (ignored)");
            }
        }
    }

    LegendLabels parseLegendEntry(const json::Member& entry, const std::string& path,
                                  const Style& style) {
        // The key names a layer, optionally "/property" for one of its
        // classifying properties.
        const auto slash = entry.key.find('/');
        const std::string layerId = entry.key.substr(0, slash);
        const std::string property =
            slash == std::string::npos ? std::string() : entry.key.substr(slash + 1);
        const Layer* layer = style.findLayer(layerId);
        if (!layer)
            warn(entry.keyOffset, path, "legend entry for unknown layer " + quote(layerId));
        else if (!property.empty() && !findPropertySpec(layer->type, property))
            warn(entry.keyOffset, path,
                 quote(property) + " is not a property of layer " + quote(layerId));
        // Keys that name a class of the layer's legend.
        std::set<std::string> classKeys{"default"};
        if (layer) {
            for (const auto& p : legendProperties(*layer)) {
                if (!property.empty() && p != property) continue;
                for (auto& k : legendClassKeys(*layer, p)) classKeys.insert(std::move(k));
            }
        }

        const json::Value& v = entry.value;
        expectType(v, path, json::Type::Object);
        LegendLabels out;
        for (const auto& m : v.members()) {
            const std::string mpath = json::childPath(path, m.key);
            std::string lang;
            if (m.key == "title") {
                out.title = string(m.value, mpath);
            } else if (translated(m.key, "title", lang)) {
                out.titleIn[lang] = string(m.value, mpath);
            } else if (m.key == "hidden") {
                expectType(m.value, mpath, json::Type::Bool);
                out.hidden = m.value.asBool();
            } else if (m.key == "labels" || translated(m.key, "labels", lang)) {
                expectType(m.value, mpath, json::Type::Object);
                auto& labels = lang.empty() ? out.labels : out.labelsIn[lang];
                for (const auto& l : m.value.members()) {
                    const std::string lpath = json::childPath(mpath, l.key);
                    labels[l.key] = string(l.value, lpath);
                    if (layer && !classKeys.count(l.key))
                        warn(l.keyOffset, lpath,
                             "legend label " + quote(l.key) + " matches no class of layer " +
                                 quote(layerId) + " (ignored)");
                }
            } else {
                warn(m.keyOffset, mpath, "unknown legend key (ignored)");
            }
        }
        return out;
    }

    json::Document doc_;
    Diagnostics diag_;
};

}  // namespace

ParseResult parseStyleText(std::string_view text, const std::string& name) {
    return StyleParser(text, name).run();
}

ParseResult parseStyleFile(const std::string& path) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) throw Error(ErrorKind::Io, "cannot read style file: " + ec.message(), path);
    if (size > kMaxStyleBytes)
        throw Error(ErrorKind::Style,
                    "style file is too large (" + std::to_string(size) + " bytes, limit " +
                        std::to_string(kMaxStyleBytes) + ")",
                    path);
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(ErrorKind::Io, "cannot open style file", path);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) throw Error(ErrorKind::Io, "cannot read style file", path);
    return parseStyleText(buffer.str(), path);
}

}  // namespace jinmap
