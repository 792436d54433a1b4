#pragma once
// The parsed style: an immutable snapshot (shared as shared_ptr<const Style>)
// that the renderer, the legend and the viewer read concurrently.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "style/property.h"

namespace jinmap {

// A SpatiaLite table or view, or an SQL query over the database: a MapLibre
// "vector" source with the jinmap:table or jinmap:sql key.
struct Source {
    std::string name;
    std::string table;           // set when the source is a table or view
    std::string sql;             // set when the source is a query
    std::string geometryColumn;  // empty: the table's registered geometry column
};

enum class LayerType { Background, Fill, Line, Circle, Symbol };

const char* layerTypeName(LayerType type) noexcept;

struct BackgroundStyle {
    Property<Color> color{Color::black()};
    Property<double> opacity{1.0};
};

struct FillStyle {
    Property<Color> color{Color::black()};
    Property<double> opacity{1.0};
    // When set, a 1 px outline in this colour; unset: no outline.
    std::optional<Property<Color>> outlineColor;
    // jinmap extension metadata["jinmap:hatch"]: diagonal hatching over the
    // fill ("no data" areas), drawn in fill-outline-color (default #808080).
    Property<bool> hatch{false};
    // jinmap extension metadata["jinmap:fill-rule"].
    Property<FillRule> fillRule{FillRule::EvenOdd};
};

struct LineStyle {
    Property<Color> color{Color::black()};
    Property<double> width{1.0};  // px
    Property<double> opacity{1.0};
    // Dash and gap lengths in multiples of line-width (MapLibre); empty = solid.
    Property<std::vector<double>> dasharray{std::vector<double>{}};
    // layout, MapLibre defaults
    Property<LineJoin> join{LineJoin::Miter};
    Property<LineCap> cap{LineCap::Butt};
    Property<double> miterLimit{2.0};  // a miter longer than this × width is bevelled
};

struct CircleStyle {
    Property<double> radius{5.0};  // px
    Property<Color> color{Color::black()};
    Property<double> opacity{1.0};
    Property<Color> strokeColor{Color::black()};
    Property<double> strokeWidth{0.0};                 // px
    Property<CircleShape> shape{CircleShape::Circle};  // metadata["jinmap:shape"]
};

struct SymbolStyle {
    // layout
    Property<std::string> textField{std::string()};
    Property<std::vector<std::string>> textFont{std::vector<std::string>{"Noto Sans CJK SC"}};
    Property<double> textSize{16.0};                                      // px
    Property<std::vector<double>> textOffset{std::vector<double>{0, 0}};  // ems
    Property<TextAnchor> textAnchor{TextAnchor::Center};
    // Anchors tried in order (empty: text-anchor only), each moved
    // text-radial-offset ems away from the point (MapLibre).
    Property<std::vector<TextAnchor>> textVariableAnchor{std::vector<TextAnchor>{}};
    Property<double> textRadialOffset{0.0};  // ems
    Property<double> textPadding{2.0};       // px kept free around the label
    Property<bool> textAllowOverlap{false};
    // Lower keys are placed first, i.e. win collisions (MapLibre semantics).
    Property<double> symbolSortKey{0.0};
    // paint
    Property<Color> textColor{Color::black()};
    Property<Color> textHaloColor{Color::transparent()};
    Property<double> textHaloWidth{0.0};  // px
};

struct Layer {
    std::string id;
    LayerType type = LayerType::Background;
    std::string source;       // empty for background layers
    std::string sourceLayer;  // MapLibre "source-layer" (the table), may be empty
    ExpressionPtr filter;     // null: every feature
    double minzoom = 0;
    double maxzoom = 24;
    bool visible = true;  // layout "visibility"
    // Attribute names read by this layer's expressions; an expression's
    // ["get"] reads slot i = attributes[i] (see ColumnBinding).
    std::vector<std::string> attributes;
    std::variant<BackgroundStyle, FillStyle, LineStyle, CircleStyle, SymbolStyle> style;

    // MapLibre rule: shown when minzoom <= zoom < maxzoom.
    bool isVisibleAt(double zoom) const { return visible && zoom >= minzoom && zoom < maxzoom; }
    bool accepts(const EvaluationContext& ctx) const {
        return !filter || filter->evaluateFilter(ctx);
    }

    const BackgroundStyle* background() const { return std::get_if<BackgroundStyle>(&style); }
    const FillStyle* fill() const { return std::get_if<FillStyle>(&style); }
    const LineStyle* line() const { return std::get_if<LineStyle>(&style); }
    const CircleStyle* circle() const { return std::get_if<CircleStyle>(&style); }
    const SymbolStyle* symbol() const { return std::get_if<SymbolStyle>(&style); }
};

// metadata["jinmap:legend"]: titles and class labels for the generated legend.
// Texts in other languages sit beside them under "<key>:<language>" keys
// ("title:en", "labels:en", "note:en"), by language code.
struct LegendLabels {
    std::string title;  // empty: the layer id
    bool hidden = false;
    // Class key → label. Keys: match labels, step stop values ("1", "2.5"),
    // "below" (under the first stop), "other" (match fallback) and
    // "default" (a layer with constant colours).
    std::map<std::string, std::string> labels;
    std::map<std::string, std::string> titleIn;                          // language → title
    std::map<std::string, std::map<std::string, std::string>> labelsIn;  // language → labels
};

struct LegendConfig {
    std::string title;
    std::string note;
    std::map<std::string, std::string> titleIn, noteIn;  // language → text
    // Key "layer-id" or "layer-id/property" (e.g. "towns/circle-radius").
    std::map<std::string, LegendLabels> entries;

    const LegendLabels* find(const std::string& layerId, const std::string& property) const;
};

struct Style {
    int version = 8;
    std::string name;
    std::map<std::string, std::string> metadata;  // string-valued metadata entries
    LegendConfig legend;
    std::map<std::string, Source> sources;
    std::vector<Layer> layers;  // drawing order

    const Layer* findLayer(const std::string& id) const;
    const Source* findSource(const std::string& name) const;
};

}  // namespace jinmap
