#pragma once
// Layer painters: one per MapLibre layer type, each drawing one style
// layer's features into a frame. The frame loop (MapRenderer::renderFrame)
// only picks the painter; paintLayer() runs the features through it (spatial
// query, filters, paint class, legend counts, cancellation), so a painter
// says only how one feature of one paint class is drawn.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "render/frame.h"
#include "render/styled_layer.h"

namespace jinmap {

class LayerData;

// What a painter draws: one style layer over its source's data, with the
// layer's values per paint class.
struct LayerInput {
    const Layer& layer;
    std::size_t rank;  // index in the style (labels of upper layers are placed first)
    const LayerData& data;
    const StyledLayer& styled;
};

class LayerPainter {
  public:
    virtual ~LayerPainter() = default;
    // Once per frame, before the features: pens, brushes, geometry level.
    virtual void begin(FrameContext& ctx, const LayerInput& in) = 0;
    // Draws feature i in paint class cls; true when it shows in the frame.
    virtual bool feature(FrameContext& ctx, std::size_t i, std::size_t cls) = 0;
    // Draws what was batched.
    virtual void end(FrameContext& ctx) = 0;
    // Vertices handed to the target for the last feature (statistics).
    virtual std::size_t lastVertices() const { return 0; }
};

std::unique_ptr<LayerPainter> makeFillPainter();
std::unique_ptr<LayerPainter> makeLinePainter();
std::unique_ptr<LayerPainter> makeCirclePainter();
std::unique_ptr<LayerPainter> makeSymbolPainter();
// Background layers have no features.
void paintBackground(FrameContext& ctx, const Layer& layer);

// Features drawn per legend class of one layer, added to the frame result.
class LegendCounter {
  public:
    explicit LegendCounter(const StyledLayer& styled);
    void count(std::size_t feature);
    void appendTo(const std::string& layerId, std::vector<LegendCount>& out) const;

  private:
    const StyledLayer& styled_;
    std::vector<std::vector<int>> counts_;  // [group][entry]
};

// Runs the layer's features in the frame through `painter`.
void paintLayer(FrameContext& ctx, LayerPainter& painter, const LayerInput& in);

}  // namespace jinmap
