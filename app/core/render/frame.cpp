#include "render/frame.h"

#include <QPainter>
#include <QPen>
#include <algorithm>

#include "render/geometry_ops.h"
#include "render/layer_cache.h"

namespace jinmap {

Frame Frame::make(const MapView& view, double zoom, double simplifyPixels, bool vector) {
    Frame f{view.extent,
            view.sizePx.width() / view.extent.width(),
            view.sizePx.height() / view.extent.height(),
            QRectF(0, 0, view.sizePx.width(), view.sizePx.height()),
            {},
            {},
            view.pixelRatio(),
            zoom,
            0,
            vector};
    // The margin keeps strokes' joins and caps of clipped lines off the frame.
    const double margin = 4 + 4 * f.pixelRatio;
    f.clipRect = f.rect.adjusted(-margin, -margin, margin, margin);
    const double upp = view.unitsPerPixel();
    f.queryBounds = view.extent;
    f.queryBounds.minX -= margin * upp;
    f.queryBounds.maxX += margin * upp;
    f.queryBounds.minY -= margin * upp;
    f.queryBounds.maxY += margin * upp;
    f.tolerance = simplifyPixels > 0 ? simplifyPixels * upp : 0;
    return f;
}

void GeometryPipeline::transform(const FlatGeometry& g, std::size_t i, PixelParts& out) const {
    out.clear();
    for (std::size_t r = g.ringBegin(i); r < g.ringEnd(i); ++r) {
        for (std::size_t k = g.pointBegin(r); k < g.pointEnd(r); ++k)
            out.pts.emplace_back(frame_.px(g.x(k), g.y(k)));
        out.endPart();
    }
}

void GeometryPipeline::polygon(const FlatGeometry& g, std::size_t i, bool clip, PixelParts& out) {
    if (!clip) {
        transform(g, i, out);
        return;
    }
    transform(g, i, raw_);
    out.clear();
    for (int r = 0; r < raw_.count(); ++r) {
        const int a = raw_.starts[static_cast<std::size_t>(r)];
        const int b = raw_.starts[static_cast<std::size_t>(r) + 1];
        clipRing(raw_.pts.data() + a, b - a, frame_.clipRect, clipped_, clipTmp_);
        if (clipped_.empty()) continue;
        out.pts.insert(out.pts.end(), clipped_.begin(), clipped_.end());
        out.endPart();
    }
}

void GeometryPipeline::polylines(const FlatGeometry& g, std::size_t i, bool clip, PixelParts& out) {
    if (!clip) {
        transform(g, i, out);
        return;
    }
    transform(g, i, raw_);
    out.clear();
    for (int r = 0; r < raw_.count(); ++r) {
        const int a = raw_.starts[static_cast<std::size_t>(r)];
        const int b = raw_.starts[static_cast<std::size_t>(r) + 1];
        if (b - a < 2) continue;
        piecePts_.clear();
        pieceStarts_.clear();
        clipPolyline(raw_.pts.data() + a, b - a, frame_.clipRect, piecePts_, pieceStarts_);
        pieceStarts_.push_back(static_cast<int>(piecePts_.size()));
        for (std::size_t k = 0; k + 1 < pieceStarts_.size(); ++k) {
            out.pts.insert(out.pts.end(), piecePts_.begin() + pieceStarts_[k],
                           piecePts_.begin() + pieceStarts_[k + 1]);
            out.endPart();
        }
    }
}

QPen strokePen(const StrokeShape& shape, const QColor& color, const std::vector<double>& dash) {
    const Qt::PenCapStyle cap = shape.cap == LineCap::Round    ? Qt::RoundCap
                                : shape.cap == LineCap::Square ? Qt::SquareCap
                                                               : Qt::FlatCap;
    const Qt::PenJoinStyle join = shape.join == LineJoin::Round   ? Qt::RoundJoin
                                  : shape.join == LineJoin::Bevel ? Qt::BevelJoin
                                                                  : Qt::SvgMiterJoin;
    QPen pen(color, shape.width, Qt::SolidLine, cap, join);
    pen.setMiterLimit(shape.miterLimit);
    if (!dash.empty()) {
        // MapLibre's dashes are in line widths, as Qt's.
        QVector<qreal> pattern;
        for (double d : dash) pattern.push_back(std::max(d, 1e-3));
        if (pattern.size() % 2) pattern += pattern;
        pen.setDashPattern(pattern);
    }
    return pen;
}

int ObstacleGroups::group(const std::string& relation) {
    for (std::size_t k = 0; k < relations_.size(); ++k)
        if (relations_[k] == relation) return static_cast<int>(k);
    relations_.push_back(relation);
    return static_cast<int>(relations_.size() - 1);
}

FrameContext::FrameContext(QPainter& p, const Frame& f, const RenderRequest& r, RenderResult& res)
    : painter(p),
      frame(f),
      request(r),
      result(res),
      coverage(CoverageFill::forPainter(p)),
      labels(f.rect),
      geometry(f) {}

}  // namespace jinmap
