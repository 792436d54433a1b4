#include "publish/web_style.h"

#include <QJsonArray>

#include "style/json.h"

namespace jinmap {

namespace {

QString q(const std::string& s) {
    return QString::fromStdString(s);
}

QJsonArray emptyCollection() {
    return {};
}

bool isZoomInput(const QJsonValue& v) {
    return v.isArray() && v.toArray().size() == 1 && v.toArray().at(0).toString() == "zoom";
}

// `value` × `factor` (a number or a feature expression): numbers directly,
// expressions wrapped in ["*", e, f]. A zoom curve (top-level step or
// interpolate over ["zoom"]) is scaled output by output, since MapLibre
// allows ["zoom"] only there.
QJsonValue scaledBy(const QJsonValue& value, const QJsonValue& factor) {
    if (value.isDouble() && factor.isDouble()) return value.toDouble() * factor.toDouble();
    const QJsonArray a = value.toArray();
    const QString op = a.isEmpty() ? QString() : a.at(0).toString();
    if (op == "interpolate" && a.size() >= 5 && isZoomInput(a.at(2))) {
        QJsonArray out = a;
        for (int i = 4; i < out.size(); i += 2) out[i] = scaledBy(out.at(i), factor);
        return out;
    }
    if (op == "step" && a.size() >= 3 && isZoomInput(a.at(1))) {
        QJsonArray out = a;
        for (int i = 2; i < out.size(); i += 2) out[i] = scaledBy(out.at(i), factor);
        return out;
    }
    return QJsonArray{QStringLiteral("*"), value, factor};
}

// How far a marker's icon image reaches beyond the marker's radius, in radii
// (the shape's reach past 1 plus the halo room): a negative icon-padding of
// this × radius makes the collision box the radius, so a label beside its
// own marker (text-radial-offset) still fits while other labels keep off.
double iconOverhang(CircleShape shape) {
    const double reach = shape == CircleShape::Star       ? 1.25
                         : shape == CircleShape::Triangle ? 1.2
                                                          : 1.0;
    return reach - 1.0 + kShapeBuffer / kShapeUnitRadius;
}

// Replaces ["get", "name"] with ["coalesce", ["get", "name_en"], ["get", "name"]].
QJsonValue englishNames(const QJsonValue& v, bool* changed) {
    if (!v.isArray()) return v;
    QJsonArray a = v.toArray();
    if (a.size() == 2 && a.at(0).toString() == "get" && a.at(1).toString() == "name") {
        *changed = true;
        return QJsonArray{QStringLiteral("coalesce"),
                          QJsonArray{QStringLiteral("get"), QStringLiteral("name_en")}, a};
    }
    if (!a.isEmpty() && a.at(0).toString() == "literal") return a;
    for (int i = 0; i < a.size(); ++i) a[i] = englishNames(a.at(i), changed);
    return a;
}

class LayerTranslator {
  public:
    LayerTranslator(const Layer& parsed, QJsonObject raw, WebStyle& out,
                    const WebSourceBinding* binding)
        : layer_(parsed), raw_(std::move(raw)), out_(out), binding_(binding) {}

    // Appends the translated layer (and its companions) to `layers`.
    void appendTo(QJsonArray& layers) {
        if (binding_) {
            if (binding_->tiled)
                raw_["source-layer"] = q(binding_->dataset);
            else
                raw_.remove("source-layer");
        }
        if (layer_.fill()) {
            fill(layers);
            return;
        }
        if (layer_.symbol()) {
            englishText();
            oneLineText();
        }
        layers.append(raw_);
    }

    QJsonObject marker() {
        if (binding_) {
            if (binding_->tiled)
                raw_["source-layer"] = q(binding_->dataset);
            else
                raw_.remove("source-layer");
        }
        return markerSymbol(*layer_.circle());
    }

  private:
    void warn(const std::string& what) { out_.warnings.push_back(layer_.id + ": " + what); }

    QJsonObject paint() const { return raw_.value("paint").toObject(); }
    QJsonObject layout() const { return raw_.value("layout").toObject(); }

    void fill(QJsonArray& layers) {
        const FillStyle& f = *layer_.fill();
        if (f.fillRule.isConstant() && f.fillRule.constant() == FillRule::NonZero)
            warn("jinmap:fill-rule nonzero is drawn even-odd by MapLibre");
        else if (!f.fillRule.isConstant())
            warn("a data-driven jinmap:fill-rule is drawn even-odd by MapLibre");
        bool hatch = f.hatch.constant();
        if (!f.hatch.isConstant())
            warn("a data-driven jinmap:hatch is drawn as its default (" +
                 std::string(hatch ? "hatched" : "plain") + ")");
        if (!hatch) {
            layers.append(raw_);
            return;
        }
        if (!f.color.isConstant())
            warn("a hatched fill needs a constant fill-color; the default is used");
        if (f.outlineColor && !f.outlineColor->isConstant())
            warn("a hatched fill needs a constant fill-outline-color; the default is used");
        const Color fillColor = f.color.constant();
        const Color lineColor = f.outlineColor ? f.outlineColor->constant()
                                               : Color{128 / 255.0f, 128 / 255.0f, 128 / 255.0f, 1};
        const std::string image = hatchImageId(fillColor, lineColor);
        for (int pr : {1, 2})
            out_.images.push_back({image + (pr == 1 ? "" : "@2x"),
                                   toPng(hatchTile(fillColor, lineColor, pr)), double(pr), false});
        QJsonObject p = paint();
        p["fill-pattern"] = q(image);
        p.remove("fill-outline-color");  // MapLibre ignores it under a pattern
        raw_["paint"] = p;
        layers.append(raw_);
        // The 1 px outline the desktop draws in fill-outline-color.
        QJsonObject outline;
        outline["id"] = q(layer_.id + ":outline");
        outline["type"] = QStringLiteral("line");
        for (const char* key : {"source", "source-layer", "filter", "minzoom", "maxzoom"})
            if (raw_.contains(key)) outline[key] = raw_.value(key);
        QJsonObject lp;
        lp["line-color"] = q(lineColor.toString());
        lp["line-width"] = 1;
        if (paint().contains("fill-opacity")) lp["line-opacity"] = paint().value("fill-opacity");
        outline["paint"] = lp;
        if (layout().contains("visibility"))
            outline["layout"] = QJsonObject{{"visibility", layout().value("visibility")}};
        outline["metadata"] = QJsonObject{{"jinmap:outline-of", q(layer_.id)}};
        layers.append(outline);
    }

    QJsonObject markerSymbol(const CircleStyle& c) {
        const QJsonObject p = paint();
        const QJsonObject metadata = raw_.value("metadata").toObject();
        QJsonObject s;
        for (const char* key : {"id", "source", "source-layer", "filter", "minzoom", "maxzoom"})
            if (raw_.contains(key)) s[key] = raw_.value(key);
        s["type"] = QStringLiteral("symbol");
        QJsonObject m = metadata;
        m["jinmap:translated-from"] = QStringLiteral("circle");
        s["metadata"] = m;

        QJsonObject layout;
        if (c.shape.isConstant()) {
            layout["icon-image"] = q(shapeImageId(c.shape.constant()));
            addShape(c.shape.constant());
        } else {
            layout["icon-image"] =
                QJsonArray{QStringLiteral("concat"), QStringLiteral("jinmap-shape-"),
                           metadata.value("jinmap:shape")};
            for (CircleShape shape : {CircleShape::Circle, CircleShape::Star, CircleShape::Square,
                                      CircleShape::Triangle})
                addShape(shape);
        }
        const QJsonValue radius =
            p.contains("circle-radius") ? p.value("circle-radius") : QJsonValue(5.0);
        layout["icon-size"] = scaledBy(radius, 1.0 / kShapeUnitRadius);
        QJsonValue overhang = -iconOverhang(c.shape.constant());
        if (!c.shape.isConstant()) {
            QJsonArray m{QStringLiteral("match"), metadata.value("jinmap:shape")};
            for (CircleShape shape :
                 {CircleShape::Star, CircleShape::Triangle, CircleShape::Square}) {
                m.append(circleShapeName(shape));
                m.append(-iconOverhang(shape));
            }
            m.append(-iconOverhang(CircleShape::Circle));
            overhang = m;
        }
        layout["icon-padding"] = scaledBy(radius, overhang);
        // Markers are all drawn (they may overlap each other) and labels
        // placed after them avoid them, as on the desktop.
        layout["icon-allow-overlap"] = true;
        layout["icon-ignore-placement"] = false;
        const QJsonObject rawLayout = this->layout();
        if (rawLayout.contains("visibility")) layout["visibility"] = rawLayout.value("visibility");
        if (rawLayout.contains("circle-sort-key"))
            layout["symbol-sort-key"] = rawLayout.value("circle-sort-key");
        s["layout"] = layout;

        if (c.strokeWidth.isConstant() && c.radius.isConstant() && c.radius.constant() > 0 &&
            c.strokeWidth.constant() * kShapeUnitRadius / c.radius.constant() > kShapeBuffer)
            warn("circle-stroke-width is wider than the marker icon's halo room; drawn narrower");
        QJsonObject paint;
        paint["icon-color"] = p.contains("circle-color") ? p.value("circle-color") : "#000000";
        if (p.contains("circle-opacity")) paint["icon-opacity"] = p.value("circle-opacity");
        if (p.contains("circle-stroke-width")) {
            paint["icon-halo-width"] = p.value("circle-stroke-width");
            paint["icon-halo-color"] =
                p.contains("circle-stroke-color") ? p.value("circle-stroke-color") : "#000000";
        }
        for (const QString& key : p.keys())
            if (key != "circle-color" && key != "circle-radius" && key != "circle-opacity" &&
                key != "circle-stroke-width" && key != "circle-stroke-color")
                warn("paint." + key.toStdString() +
                     " has no equivalent on a marker icon (dropped)");
        s["paint"] = paint;
        return s;
    }

    void addShape(CircleShape shape) {
        const std::string id = shapeImageId(shape);
        for (const SiteImage& i : out_.images)
            if (i.id == id) return;
        out_.images.push_back({id, toPng(shapeSdf(shape)), double(kShapePixelRatio), true});
    }

    // The desktop sets every label on one line; MapLibre wraps at
    // text-max-width (10 ems by default) unless told otherwise.
    void oneLineText() {
        QJsonObject l = layout();
        if (!l.contains("text-field") || l.contains("text-max-width")) return;
        l["text-max-width"] = 1000;
        raw_["layout"] = l;
    }

    void englishText() {
        const QJsonObject l = layout();
        if (!l.contains("text-field")) return;
        if (!binding_ || !binding_->columns.count("name_en")) return;
        bool changed = false;
        const QJsonValue en = englishNames(l.value("text-field"), &changed);
        if (changed) out_.englishTextField[layer_.id] = en;
    }

    const Layer& layer_;
    QJsonObject raw_;
    WebStyle& out_;
    const WebSourceBinding* binding_;
};

}  // namespace

QJsonValue toQJson(const json::Value& v) {
    switch (v.type()) {
        case json::Type::Null:
            return QJsonValue(QJsonValue::Null);
        case json::Type::Bool:
            return v.asBool();
        case json::Type::Number:
            return v.asNumber();
        case json::Type::String:
            return q(v.asString());
        case json::Type::Array: {
            QJsonArray a;
            for (const json::Value& item : v.items()) a.append(toQJson(item));
            return a;
        }
        case json::Type::Object: {
            QJsonObject o;
            for (const json::Member& m : v.members()) o[q(m.key)] = toQJson(m.value);
            return o;
        }
    }
    return {};
}

WebStyle WebStyleTranslator::translate(const json::Value& raw, const Style& style) const {
    WebStyle out;
    QJsonObject root = toQJson(raw).toObject();
    for (const char* key : {"glyphs", "sprite"}) {
        if (root.contains(key)) {
            out.warnings.push_back(std::string("$.") + key +
                                   ": dropped (the site draws text and markers itself)");
            root.remove(key);
        }
    }

    std::map<std::string, WebSourceBinding> bindings;
    QJsonObject sources;
    for (const auto& [name, source] : style.sources) {
        WebSourceBinding b = resolver_(name);
        out.sourceDataset[name] = b.dataset;
        QJsonObject s;
        if (b.tiled) {
            s["type"] = QStringLiteral("vector");
            // Relative to the page; the page makes it absolute for the workers.
            s["tiles"] = QJsonArray{q("tiles/" + b.dataset + "/{z}/{x}/{y}.pbf")};
            s["minzoom"] = b.tileMinZoom;
            s["maxzoom"] = b.tileMaxZoom;
            s["bounds"] =
                QJsonArray{b.tileBounds[0], b.tileBounds[1], b.tileBounds[2], b.tileBounds[3]};
        } else {
            s["type"] = QStringLiteral("geojson");
            // The page puts the dataset (data/<dataset>.js) in here.
            s["data"] = QJsonObject{{"type", "FeatureCollection"}, {"features", emptyCollection()}};
        }
        sources[q(name)] = s;
        bindings.emplace(name, std::move(b));
    }
    root["sources"] = sources;

    // Raw layers by id (the parsed style keeps the same ids, drawing order).
    std::map<std::string, QJsonObject> rawLayers;
    if (const json::Value* layers = raw.find("layers"))
        for (const json::Value& l : layers->items())
            if (const json::Value* id = l.find("id"))
                rawLayers[id->asString()] = toQJson(l).toObject();
    // Circle layers become marker icons, drawn on top of the style: MapLibre
    // places the topmost symbol layers first, so every marker is placed
    // before any label and labels avoid markers, as on the desktop.
    QJsonArray layers, onTop;
    for (const Layer& layer : style.layers) {
        const auto raw = rawLayers.find(layer.id);
        if (raw == rawLayers.end()) continue;
        const auto b = bindings.find(layer.source);
        LayerTranslator t(layer, raw->second, out, b == bindings.end() ? nullptr : &b->second);
        if (layer.circle()) {
            out.markerLayer[layer.id] = layer.id;
            onTop.append(t.marker());
        } else {
            t.appendTo(layers);
        }
    }
    for (const auto& l : onTop) layers.append(l);
    // Layers the desktop skips (raster, heatmap …) are not in the parsed style.
    for (const auto& [id, l] : rawLayers)
        if (!style.findLayer(id))
            out.warnings.push_back(id + ": a layer type jinmap does not draw (left out)");
    root["layers"] = layers;
    out.style = root;
    return out;
}

}  // namespace jinmap
