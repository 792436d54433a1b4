#pragma once
// A style layer evaluated over one source's features: the filter result and
// the paint class of every feature, the distinct paint values (classes), the
// label texts and sort keys, and the legend class of every feature. Built
// once per (style layer, data) and shared read-only by every frame; layers
// whose values depend on zoom are re-evaluated per frame (a copy).
#include <QString>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "data/feature.h"
#include "style/legend.h"
#include "style/style.h"

namespace jinmap {

class LayerData;
struct ColumnOverride;

// Every value a painter reads for one paint class, evaluated at one zoom.
struct Paint {
    // fill
    Color fill;
    double fillOpacity = 1;
    bool outline = false;
    Color outlineColor;
    bool hatch = false;
    FillRule fillRule = FillRule::EvenOdd;
    // line
    Color line;
    double lineWidth = 1;
    double lineOpacity = 1;
    std::vector<double> dash;
    LineJoin join = LineJoin::Miter;
    LineCap cap = LineCap::Butt;
    double miterLimit = 2;
    // circle
    double radius = 5;
    Color circle;
    double circleOpacity = 1;
    Color stroke;
    double strokeWidth = 0;
    CircleShape shape = CircleShape::Circle;
    // symbol
    double textSize = 16;
    Color textColor;
    Color haloColor;
    double haloWidth = 0;
    std::vector<std::string> font;
    TextAnchor anchor = TextAnchor::Center;
    std::vector<double> offset;
    std::vector<TextAnchor> variableAnchors;
    double radialOffset = 0;
    double padding = 2;
    bool allowOverlap = false;

    bool operator==(const Paint& o) const;
};

struct PaintHash {
    std::size_t operator()(const Paint& p) const noexcept;
};

Paint evaluatePaint(const Layer& layer, const EvaluationContext& ctx);

// A layer's rows as a frame sees them: the stored row, or a copy with a
// ColumnOverride's value in place of the stored one.
class RowsForFrame {
  public:
    RowsForFrame(const ColumnOverride* override, const Fields& fields);
    const std::vector<Value>& row(const std::vector<Value>& stored);

  private:
    const ColumnOverride* override_;
    int keyColumn_ = -1;
    std::vector<int> columns_;  // per override column: its index in the row, or -1
    std::vector<Value> replaced_;
};
// True when any of the layer's paint/layout values depends on zoom.
bool layerZoomDependent(const Layer& layer);

// The distinct paints of a layer, each with a 16-bit class index (features
// store the index). Interning is a hash lookup; more classes than fit is an
// Error(Render) naming the layer, never a silent wrap-around.
class PaintClasses {
  public:
    static constexpr std::size_t kMaxClasses = 65536;
    std::uint16_t intern(const Paint& paint, const std::string& layerId);
    const std::vector<Paint>& paints() const { return paints_; }
    std::size_t size() const { return paints_.size(); }
    void clear();
    std::size_t bytes() const;

  private:
    std::vector<Paint> paints_;
    std::unordered_map<Paint, std::uint16_t, PaintHash> index_;
};

struct StyledLayer {
    bool dynamicPaint = false;   // paints evaluated per frame
    bool dynamicFilter = false;  // filter evaluated per frame
    ColumnBinding binding;
    std::vector<std::uint8_t> pass;         // static filter result per feature
    bool allPass = true;                    // the filter accepts every feature
    std::vector<std::uint16_t> paintIndex;  // paint class per feature
    PaintClasses classes;
    std::vector<LegendGroup> legend;                     // this layer's legend groups
    std::vector<std::vector<std::int16_t>> legendIndex;  // [group][feature] entry or -1
    std::vector<QString> texts;                          // symbol layers
    std::vector<double> sortKeys;

    const std::vector<Paint>& paints() const { return classes.paints(); }
    // Evaluates the parts asked for at `zoom`, with `override`'s column in
    // place of the stored one when given. Throws Error(Render) past
    // PaintClasses::kMaxClasses distinct paints.
    void evaluate(const Layer& layer, const LayerData& data, double zoom, bool paintsToo,
                  bool filterToo, bool legendToo, const ColumnOverride* override = nullptr);
    std::size_t bytes() const;
};

}  // namespace jinmap
