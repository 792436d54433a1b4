#pragma once
// The legend derived from a style: one group per classifying property
// (a top-level match or step on a colour, radius or shape) of each visible
// layer, one entry per class plus the match fallback ("other"); layers with
// constant symbols appear when metadata["jinmap:legend"] names them (e.g. the
// hatched "no data" layer). classify() puts a feature in its class so views
// can show counts. No Qt widgets here (toQColor in color.h converts colours).
#include <memory>
#include <string>
#include <vector>

#include "style/style.h"

namespace jinmap {

enum class LegendSymbol { Fill, Line, Circle };

struct LegendEntry {
    std::string key;    // class key: match label, step stop, "below", "other" or "default"
    std::string label;  // from metadata["jinmap:legend"], else derived from the key
    Color color;        // fill, line or circle colour
    double opacity = 1;
    Color strokeColor = Color::transparent();  // fill outline or circle stroke
    double strokeWidth = 0;                    // px
    double size = 0;                           // circle radius or line width, px
    CircleShape shape = CircleShape::Circle;
    bool hatch = false;
    std::vector<double> dasharray;
};

class LegendGroup {
  public:
    std::string layerId;
    // Properties that vary by class (e.g. circle-radius and jinmap:shape on
    // the same match); empty for a layer drawn with constant symbols.
    std::vector<std::string> properties;
    std::string title;
    LegendSymbol symbol = LegendSymbol::Fill;
    std::vector<LegendEntry> entries;

    // Index into entries of the feature's class; -1 when the layer's filter
    // rejects the feature or a step input is not a number.
    int classify(const FeatureView& feature, double zoom) const;
    // Attribute names that classify() reads, by FeatureView slot (the
    // layer's attributes list).
    const std::vector<std::string>& attributes() const { return attributes_; }

  private:
    friend class LegendBuilder;
    ExpressionPtr filter_;
    ExpressionPtr classifier_;  // a match or step expression; null: one class
    std::vector<std::string> attributes_;
};

struct Legend {
    std::string title;
    std::string note;
    std::vector<LegendGroup> groups;
};

// Entries' sizes and colours are evaluated at `zoom`. Titles and labels in
// `language` ("en": metadata "title:en", "labels:en", "note:en") where the
// style gives them, else in the style's own language; empty: the style's own.
Legend buildLegend(const Style& style, double zoom = 0, const std::string& language = {});

// Properties of `layer` that would form legend classes (top-level match or step).
std::vector<std::string> legendProperties(const Layer& layer);
// Class keys of such a property, in legend order; empty when it does not classify.
std::vector<std::string> legendClassKeys(const Layer& layer, const std::string& property);

}  // namespace jinmap
