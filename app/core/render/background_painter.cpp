// Background layers: the frame filled with one colour.
#include <QPainter>

#include "render/layer_painter.h"
#include "style/color.h"

namespace jinmap {

void paintBackground(FrameContext& ctx, const Layer& layer) {
    const BackgroundStyle* bg = layer.background();
    if (!bg) return;
    EvaluationContext zoomOnly;
    zoomOnly.zoom = ctx.frame.zoom;
    ctx.painter.fillRect(ctx.frame.rect,
                         toQColor(bg->color.evaluate(zoomOnly), bg->opacity.evaluate(zoomOnly)));
}

}  // namespace jinmap
