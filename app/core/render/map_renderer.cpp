#include "render/map_renderer.h"

#include <QElapsedTimer>
#include <QPaintEngine>
#include <QPainter>
#include <algorithm>
#include <cmath>
#include <utility>

#include "base/error.h"
#include "base/huge_pages.h"
#include "data/geodatabase.h"
#include "render/frame.h"
#include "render/label_engine.h"
#include "render/label_policy.h"
#include "render/layer_cache.h"
#include "render/layer_painter.h"
#include "render/projection.h"
#include "render/styled_layer.h"
#include "style/legend.h"
#include "style/style.h"

namespace jinmap {

// ---------------------------------------------------------------------------
// MapView

QPointF MapView::toPixel(double x, double y) const {
    const double sx = sizePx.width() / extent.width();
    const double sy = sizePx.height() / extent.height();
    return {(x - extent.minX) * sx, (extent.maxY - y) * sy};
}

QPointF MapView::toMap(QPointF px) const {
    return {extent.minX + px.x() * extent.width() / sizePx.width(),
            extent.maxY - px.y() * extent.height() / sizePx.height()};
}

bool MapView::isValid() const {
    return !extent.isEmpty() && extent.width() > 0 && extent.height() > 0 &&
           std::isfinite(extent.width()) && std::isfinite(extent.height()) && sizePx.width() > 0 &&
           sizePx.height() > 0 && dpi > 0 && devicePixelRatio > 0;
}

namespace {

Projection& threadProjection(const std::string& crs) {
    thread_local std::map<std::string, std::unique_ptr<Projection>> projections;
    auto& p = projections[crs];
    if (!p) p = Projection::create(crs);
    return *p;
}

double msSince(const QElapsedTimer& t) {
    return static_cast<double>(t.nsecsElapsed()) / 1e6;
}

}  // namespace

double zoomForView(const MapView& view) {
    if (!view.isValid()) return 0;
    constexpr double kWorld = 2 * M_PI * 6378137.0;
    const Projection& proj = threadProjection(normalizeCrs(view.crs));
    const double cx = view.extent.centerX(), cy = view.extent.centerY();
    double lon = cx, lat = cy;
    proj.inverse(lon, lat);
    if (!std::isfinite(lat)) lat = 0;
    const double groundPerUnit = proj.metresPerUnit(cx, cy);
    const double groundPerStylePx = view.unitsPerPixel() * view.pixelRatio() * groundPerUnit;
    const double res3857 = groundPerStylePx / std::max(std::cos(lat * M_PI / 180), 1e-6);
    if (!(res3857 > 0)) return 0;
    // MapLibre's zoom: the world is 512·2^zoom style pixels wide (Qt
    // Location's zoomLevel for the same scale is one more).
    return std::log2(kWorld / (512.0 * res3857));
}

// ---------------------------------------------------------------------------
// MapRenderer

MapRenderer::MapRenderer(std::shared_ptr<GeoDatabase> db)
    : db_(std::move(db)),
      cache_(std::make_unique<LayerCache>(db_)),
      pool_(std::make_shared<ImagePool>()) {
    if (!db_) throw Error(ErrorKind::Render, "no database");
}

MapRenderer::~MapRenderer() = default;

std::shared_ptr<const StyledLayer> MapRenderer::styledLayer(
    const std::shared_ptr<const Style>& style, std::size_t layerIndex,
    const std::shared_ptr<const LayerData>& data) const {
    const Layer& layer = style->layers[layerIndex];
    const std::pair<const void*, const void*> key{&layer, data.get()};
    std::lock_guard<std::mutex> lock(styledMutex_);
    auto it = styled_.find(key);
    if (it != styled_.end() && it->second.style == style) return it->second.styled;
    // Evict entries of styles nobody else holds.
    for (auto e = styled_.begin(); e != styled_.end();) {
        if (e->second.style.use_count() <= 1 && e->second.style != style)
            e = styled_.erase(e);
        else
            ++e;
    }
    auto styled = std::make_shared<StyledLayer>();
    styled->binding = ColumnBinding(layer.attributes, data->fields().names);
    styled->dynamicPaint = layerZoomDependent(layer);
    styled->dynamicFilter = layer.filter && !layer.filter->isZoomConstant();
    for (LegendGroup& g : buildLegend(*style, 0).groups)
        if (g.layerId == layer.id) styled->legend.push_back(std::move(g));
    styled->evaluate(layer, *data, 0, !styled->dynamicPaint, !styled->dynamicFilter, true);
    styled_[key] = StyledEntry{style, data, styled};
    return styled;
}

namespace {

bool cancelled(const RenderRequest& r) {
    return r.cancel && r.cancel->load(std::memory_order_relaxed);
}

// The override of a column `layer` reads from `data`, or null.
const ColumnOverride* overrideFor(const ColumnOverrides& overrides, const Layer& layer,
                                  const LayerData& data) {
    if (!overrides) return nullptr;
    for (const ColumnOverride& o : *overrides) {
        if (o.relation != data.relation()) continue;
        for (const std::string& column : o.columns)
            if (std::find(layer.attributes.begin(), layer.attributes.end(), column) !=
                layer.attributes.end())
                return &o;
    }
    return nullptr;
}

using Row = std::vector<Value>;

}  // namespace

std::vector<RenderError> MapRenderer::prepare(const RenderRequest& request) {
    std::vector<RenderError> errors;
    if (!request.style) throw Error(ErrorKind::Render, "no style");
    Projection::create(request.view.crs);  // unknown CRS → Error(Projection)
    const double zoom = zoomForView(request.view);
    const double tolerance = request.simplifyPixels * request.view.unitsPerPixel();
    for (std::size_t li = 0; li < request.style->layers.size(); ++li) {
        const Layer& layer = request.style->layers[li];
        if (layer.type == LayerType::Background || !layer.isVisibleAt(zoom)) continue;
        if (layer.type == LayerType::Symbol) {
            if (!request.labels) continue;
            resolveFont(layer.symbol()->textFont.constant(), request.fontFamily);  // throws
        }
        try {
            const Source* source = request.style->findSource(layer.source);
            if (!source) throw Error(ErrorKind::Style, "unknown source '" + layer.source + "'");
            auto data = cache_->get(source->table.empty() ? source->name : source->table,
                                    request.view.crs, source->sql);
            styledLayer(request.style, li, data);
            if (tolerance > 0) data->geometryFor(tolerance);
        } catch (const Error& e) {
            errors.push_back({layer.id, e.what()});
        }
    }
    return errors;
}

RenderResult MapRenderer::renderImage(const RenderRequest& request) const {
    RenderResult result;
    const QSize size = request.view.sizePx;
    if (size.width() <= 0 || size.height() <= 0 || size.width() > 32000 || size.height() > 32000 ||
        static_cast<double>(size.width()) * size.height() > 400e6) {
        result.errors.push_back({"", "image size " + std::to_string(size.width()) + "x" +
                                         std::to_string(size.height()) + " is out of range"});
        return result;
    }
    QImage image = takeImage(size);
    if (image.isNull()) {
        result.errors.push_back({"", "cannot allocate the image (out of memory)"});
        return result;
    }
    // An opaque background layer at the bottom becomes the image's fill (one
    // pass over the pixels instead of two).
    bool skipBackground = false;
    if (request.style) {
        const double zoom = zoomForView(request.view);
        for (const Layer& layer : request.style->layers) {
            if (!layer.isVisibleAt(zoom)) continue;
            if (const BackgroundStyle* bg = layer.background()) {
                EvaluationContext c0;
                c0.zoom = zoom;
                const QColor color = toQColor(bg->color.evaluate(c0), bg->opacity.evaluate(c0));
                if (color.alpha() == 255) {
                    image.fill(color);
                    skipBackground = true;
                }
            }
            break;
        }
    }
    if (!skipBackground) image.fill(Qt::transparent);
    {
        QPainter painter(&image);
        result = renderFrame(painter, request, skipBackground);
    }
    image.setDevicePixelRatio(request.view.devicePixelRatio);
    result.image = image;
    return result;
}

RenderResult MapRenderer::render(QPainter& painter, const RenderRequest& request) const {
    return renderFrame(painter, request, false);
}

struct MapRenderer::ImagePool {
    std::mutex mutex;
    std::vector<std::pair<QSize, uchar*>> idle;
    ~ImagePool() {
        for (auto& [size, data] : idle) releaseLarge(data);
    }
};

namespace {
struct PooledBuffer {
    std::shared_ptr<MapRenderer::ImagePool> pool;
    uchar* data;
    QSize size;
};

void releaseBuffer(void* info) {
    auto* b = static_cast<PooledBuffer*>(info);
    {
        std::lock_guard<std::mutex> lock(b->pool->mutex);
        if (b->pool->idle.size() < 2) {
            b->pool->idle.emplace_back(b->size, b->data);
            b->data = nullptr;
        }
    }
    releaseLarge(b->data);
    delete b;
}
}  // namespace

QImage MapRenderer::takeImage(QSize size) const {
    // Frame buffers are recycled when the last QImage using one goes away: a
    // fresh 8 MB allocation per frame costs thousands of page faults.
    uchar* data = nullptr;
    {
        std::lock_guard<std::mutex> lock(pool_->mutex);
        for (auto it = pool_->idle.begin(); it != pool_->idle.end(); ++it)
            if (it->first == size) {
                data = it->second;
                pool_->idle.erase(it);
                break;
            }
    }
    if (!data) {
        // Huge pages: a 1920×1080 frame is 2,025 small pages, whose first-touch
        // faults cost more than drawing the first frame (base/huge_pages.h).
        data = static_cast<uchar*>(
            allocateLarge(static_cast<std::size_t>(size.width()) * size.height() * 4));
        if (!data) return {};
    }
    return QImage(data, size.width(), size.height(), size.width() * 4,
                  QImage::Format_ARGB32_Premultiplied, releaseBuffer,
                  new PooledBuffer{pool_, data, size});
}

RenderResult MapRenderer::renderFrame(QPainter& painter, const RenderRequest& request,
                                      bool skipLeadingBackground) const {
    QElapsedTimer total;
    total.start();
    RenderResult result;
    if (!checkFrameRequest(request, result)) return result;
    const QPaintEngine* engine = painter.paintEngine();
    const Frame frame = Frame::make(request.view, zoomForView(request.view), request.simplifyPixels,
                                    engine && engine->type() != QPaintEngine::Raster);
    result.zoom = frame.zoom;
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    FrameContext ctx(painter, frame, request, result);
    double prepareMs = 0;
    const Style& style = *request.style;
    for (std::size_t li = 0; li < style.layers.size() && !result.cancelled; ++li) {
        const Layer& layer = style.layers[li];
        if (!layer.isVisibleAt(frame.zoom)) continue;
        if (cancelled(request)) {
            result.cancelled = true;
            break;
        }
        // renderImage() filled the image with an opaque bottom background.
        if (std::exchange(skipLeadingBackground, false) && layer.type == LayerType::Background)
            continue;
        if (layer.type == LayerType::Symbol && !request.labels) continue;
        QElapsedTimer layerTimer;
        layerTimer.start();
        if (layer.type == LayerType::Background)
            paintBackground(ctx, layer);
        else
            paintDataLayer(ctx, li, prepareMs);
        result.layerMs.emplace_back(layer.id, msSince(layerTimer));
    }
    result.drawMs = msSince(total) - prepareMs;
    if (request.beforeLabels && !result.cancelled) {
        painter.save();
        request.beforeLabels(painter);
        painter.restore();
    }
    if (request.labels && !result.cancelled) placeAndDrawLabels(ctx);
    painter.restore();
    result.prepareMs = prepareMs;
    result.totalMs = msSince(total);
    return result;
}

bool MapRenderer::checkFrameRequest(const RenderRequest& request, RenderResult& result) const {
    if (!request.style) {
        result.errors.push_back({"", "no style"});
        return false;
    }
    if (!request.view.isValid()) {
        result.errors.push_back({"", "invalid view (empty extent or size)"});
        return false;
    }
    try {
        threadProjection(normalizeCrs(request.view.crs));
    } catch (const Error& e) {
        result.errors.push_back({"", e.what()});
        return false;
    }
    return true;
}

void MapRenderer::paintDataLayer(FrameContext& ctx, std::size_t li, double& prepareMs) const {
    const RenderRequest& request = ctx.request;
    const Layer& layer = request.style->layers[li];
    const std::string crs = normalizeCrs(request.view.crs);
    std::shared_ptr<const LayerData> data;
    std::shared_ptr<const StyledLayer> styled;
    std::shared_ptr<StyledLayer> frameStyled;  // values at this frame's zoom
    try {
        const Source* source = request.style->findSource(layer.source);
        if (!source) throw Error(ErrorKind::Style, "unknown source '" + layer.source + "'");
        const std::string relation = source->table.empty() ? source->name : source->table;
        data = cache_->find(relation, crs, source->sql);
        if (!data) {
            QElapsedTimer t;
            t.start();
            data = cache_->get(relation, crs, source->sql);
            prepareMs += msSince(t);
        }
        styled = styledLayer(request.style, li, data);
        // Values replaced for this frame (ColumnOverride) are evaluated per
        // frame, like zoom-dependent ones: paints, filter and legend classes.
        const ColumnOverride* override = overrideFor(request.overrides, layer, *data);
        if (styled->dynamicPaint || styled->dynamicFilter || override) {
            frameStyled = std::make_shared<StyledLayer>(*styled);
            frameStyled->evaluate(layer, *data, ctx.frame.zoom, styled->dynamicPaint || override,
                                  styled->dynamicFilter || override, override != nullptr, override);
        }
    } catch (const Error& e) {
        ctx.result.errors.push_back({layer.id, e.what()});
        return;
    }
    if (data->projectionFailures() > 0)
        ctx.result.errors.push_back({layer.id, std::to_string(data->projectionFailures()) +
                                                   " features cannot be projected to " + crs});
    std::unique_ptr<LayerPainter> painter;
    switch (layer.type) {
        case LayerType::Fill:
            painter = makeFillPainter();
            break;
        case LayerType::Line:
            painter = makeLinePainter();
            break;
        case LayerType::Circle:
            painter = makeCirclePainter();
            break;
        case LayerType::Symbol:
            painter = makeSymbolPainter();
            break;
        case LayerType::Background:
            return;
    }
    paintLayer(ctx, *painter, LayerInput{layer, li, *data, frameStyled ? *frameStyled : *styled});
}

void MapRenderer::placeAndDrawLabels(FrameContext& ctx) const {
    QElapsedTimer t;
    t.start();
    RenderResult& result = ctx.result;
    ctx.labels.place();
    if (!cancelled(ctx.request))
        ctx.labels.draw(ctx.painter, ctx.frame.vector);
    else
        result.cancelled = true;
    result.labelsPlaced = ctx.labels.placedCount();
    result.labelsDropped = ctx.labels.droppedCount();
    result.placedLabels = ctx.labels.placedTexts();
    result.droppedLabels = ctx.labels.droppedTexts();
    result.labelMs = msSince(t);
}

// ---------------------------------------------------------------------------
// Hit testing

namespace {

bool ringsContain(const FlatGeometry& g, std::size_t i, double x, double y) {
    bool in = false;
    for (std::size_t r = g.ringBegin(i); r < g.ringEnd(i); ++r) {
        const std::size_t s = g.pointBegin(r), e = g.pointEnd(r);
        if (e - s < 3) continue;
        for (std::size_t a = s, b = e - 1; a < e; b = a++) {
            const double ax = g.x(a), ay = g.y(a);
            const double bx = g.x(b), by = g.y(b);
            if ((ay > y) != (by > y) && x < (bx - ax) * (y - ay) / (by - ay) + ax) in = !in;
        }
    }
    return in;
}

double distanceToLines(const FlatGeometry& g, std::size_t i, double x, double y) {
    double best = std::numeric_limits<double>::infinity();
    for (std::size_t r = g.ringBegin(i); r < g.ringEnd(i); ++r)
        for (std::size_t k = g.pointBegin(r); k + 1 < g.pointEnd(r); ++k) {
            const double ax = g.x(k), ay = g.y(k);
            const double dx = g.x(k + 1) - ax, dy = g.y(k + 1) - ay;
            const double len2 = dx * dx + dy * dy;
            const double t =
                len2 > 0 ? std::clamp(((x - ax) * dx + (y - ay) * dy) / len2, 0.0, 1.0) : 0;
            best = std::min(best, std::hypot(x - ax - t * dx, y - ay - t * dy));
        }
    return best;
}

}  // namespace

std::vector<HitFeature> MapRenderer::hitTest(const MapView& view, QPointF px, const Style& style,
                                             const FeatureFilter& filter,
                                             const ColumnOverrides& overrides) const {
    std::vector<HitFeature> hits;
    if (!view.isValid()) return hits;
    const std::string crs = normalizeCrs(view.crs);
    const double zoom = zoomForView(view);
    const QPointF m = view.toMap(px);
    const double upp = view.unitsPerPixel();
    const double pr = view.pixelRatio();
    std::vector<std::uint32_t> ids;
    for (std::size_t li = style.layers.size(); li-- > 0;) {
        const Layer& layer = style.layers[li];
        if (layer.type != LayerType::Fill && layer.type != LayerType::Line &&
            layer.type != LayerType::Circle)
            continue;
        if (!layer.isVisibleAt(zoom)) continue;
        const Source* source = style.findSource(layer.source);
        if (!source) continue;
        auto data =
            cache_->find(source->table.empty() ? source->name : source->table, crs, source->sql);
        if (!data) continue;
        // Largest reach of the layer's symbols, in map units.
        double reachPx = 3;
        if (const CircleStyle* c = layer.circle())
            reachPx = (c->radius.isConstant() ? c->radius.constant() : 12) * 1.25 * pr + 2;
        if (const LineStyle* l = layer.line())
            reachPx = (l->width.isConstant() ? l->width.constant() : 6) * pr / 2 + 3;
        const double reach = reachPx * upp;
        Bounds box;
        box.extend(m.x() - reach, m.y() - reach);
        box.extend(m.x() + reach, m.y() + reach);
        data->query(box, ids);
        EvaluationContext ctx;
        ctx.zoom = zoom;
        ColumnBinding binding(layer.attributes, data->fields().names);
        static const Row kEmpty;
        RowFeatureView<Row> fview(binding, kEmpty);
        ctx.feature = &fview;
        RowsForFrame rows(overrideFor(overrides, layer, *data), data->fields());
        for (auto it = ids.rbegin(); it != ids.rend(); ++it) {
            const std::size_t i = *it;
            fview.setRow(rows.row(data->row(i)));
            if (!layer.accepts(ctx)) continue;
            if (filter && !filter(data->relation(), data->fields(), data->row(i))) continue;
            bool hit = false;
            if (layer.type == LayerType::Fill) {
                hit = ringsContain(data->exact(), i, m.x(), m.y());
            } else if (layer.type == LayerType::Line) {
                const double w = layer.line()->width.evaluate(ctx) * pr / 2 + 3;
                hit = distanceToLines(data->exact(), i, m.x(), m.y()) <= w * upp;
            } else {
                const double r = layer.circle()->radius.evaluate(ctx) * 1.25 * pr + 2;
                const FlatGeometry& g = data->exact();
                for (std::size_t k = g.pointBegin(g.ringBegin(i));
                     k < g.pointEnd(g.ringEnd(i) - 1) && !hit; ++k)
                    hit = std::hypot(g.x(k) - m.x(), g.y(k) - m.y()) <= r * upp;
            }
            if (hit) hits.push_back({layer.id, data->relation(), data, i, data->id(i)});
        }
    }
    return hits;
}

std::size_t MapRenderer::cacheMemoryBytes() const {
    std::size_t bytes = cache_->memoryBytes();
    std::lock_guard<std::mutex> lock(styledMutex_);
    for (const auto& [key, e] : styled_) bytes += e.styled->bytes();
    return bytes;
}

bool MapRenderer::usesGeometryStore() const {
    return cache_->storedLayerCount() > 0;
}

std::size_t MapRenderer::labelCacheBytes() const {
    return LabelCache::instance().memoryBytes();
}

void MapRenderer::clearCaches() {
    {
        std::lock_guard<std::mutex> lock(styledMutex_);
        styled_.clear();
    }
    cache_->clear();
    LabelCache::instance().clear();
}

}  // namespace jinmap
