#include "render/map_renderer.h"

#include <QElapsedTimer>
#include <QPaintEngine>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <unordered_map>

#include "base/error.h"
#include "base/huge_pages.h"
#include "data/geodatabase.h"
#include "render/coverage_fill.h"
#include "render/geometry_ops.h"
#include "render/label_engine.h"
#include "render/layer_cache.h"
#include "render/projection.h"
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
    return std::log2(kWorld / (256.0 * res3857));
}

// ---------------------------------------------------------------------------
// Pre-evaluated style values

namespace {

struct Paint {
    // fill
    Color fill;
    double fillOpacity = 1;
    bool outline = false;
    Color outlineColor;
    bool hatch = false;
    // line
    Color line;
    double lineWidth = 1;
    double lineOpacity = 1;
    std::vector<double> dash;
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
    bool allowOverlap = false;

    bool operator==(const Paint& o) const {
        return fill == o.fill && fillOpacity == o.fillOpacity && outline == o.outline &&
               outlineColor == o.outlineColor && hatch == o.hatch && line == o.line &&
               lineWidth == o.lineWidth && lineOpacity == o.lineOpacity && dash == o.dash &&
               radius == o.radius && circle == o.circle && circleOpacity == o.circleOpacity &&
               stroke == o.stroke && strokeWidth == o.strokeWidth && shape == o.shape &&
               textSize == o.textSize && textColor == o.textColor && haloColor == o.haloColor &&
               haloWidth == o.haloWidth && font == o.font && anchor == o.anchor &&
               offset == o.offset && allowOverlap == o.allowOverlap;
    }
};

Paint evaluatePaint(const Layer& layer, const EvaluationContext& ctx) {
    Paint p;
    if (const FillStyle* f = layer.fill()) {
        p.fill = f->color.evaluate(ctx);
        p.fillOpacity = f->opacity.evaluate(ctx);
        if (f->outlineColor) {
            p.outline = true;
            p.outlineColor = f->outlineColor->evaluate(ctx);
        }
        p.hatch = f->hatch.evaluate(ctx);
    } else if (const LineStyle* l = layer.line()) {
        p.line = l->color.evaluate(ctx);
        p.lineWidth = l->width.evaluate(ctx);
        p.lineOpacity = l->opacity.evaluate(ctx);
        p.dash = l->dasharray.evaluate(ctx);
    } else if (const CircleStyle* c = layer.circle()) {
        p.radius = c->radius.evaluate(ctx);
        p.circle = c->color.evaluate(ctx);
        p.circleOpacity = c->opacity.evaluate(ctx);
        p.stroke = c->strokeColor.evaluate(ctx);
        p.strokeWidth = c->strokeWidth.evaluate(ctx);
        p.shape = c->shape.evaluate(ctx);
    } else if (const SymbolStyle* s = layer.symbol()) {
        p.textSize = s->textSize.evaluate(ctx);
        p.textColor = s->textColor.evaluate(ctx);
        p.haloColor = s->textHaloColor.evaluate(ctx);
        p.haloWidth = s->textHaloWidth.evaluate(ctx);
        p.font = s->textFont.evaluate(ctx);
        p.anchor = s->textAnchor.evaluate(ctx);
        p.offset = s->textOffset.evaluate(ctx);
        p.allowOverlap = s->textAllowOverlap.evaluate(ctx);
    }
    return p;
}

template <typename T>
bool zoomDependent(const Property<T>& p) {
    return !p.isZoomConstant();
}

bool layerZoomDependent(const Layer& layer) {
    if (const FillStyle* f = layer.fill())
        return zoomDependent(f->color) || zoomDependent(f->opacity) ||
               (f->outlineColor && zoomDependent(*f->outlineColor)) || zoomDependent(f->hatch);
    if (const LineStyle* l = layer.line())
        return zoomDependent(l->color) || zoomDependent(l->width) || zoomDependent(l->opacity) ||
               zoomDependent(l->dasharray);
    if (const CircleStyle* c = layer.circle())
        return zoomDependent(c->radius) || zoomDependent(c->color) || zoomDependent(c->opacity) ||
               zoomDependent(c->strokeColor) || zoomDependent(c->strokeWidth) ||
               zoomDependent(c->shape);
    if (const SymbolStyle* s = layer.symbol())
        return zoomDependent(s->textSize) || zoomDependent(s->textColor) ||
               zoomDependent(s->textHaloColor) || zoomDependent(s->textHaloWidth) ||
               zoomDependent(s->textFont) || zoomDependent(s->textAnchor) ||
               zoomDependent(s->textOffset) || zoomDependent(s->textAllowOverlap) ||
               zoomDependent(s->textField) || zoomDependent(s->symbolSortKey);
    return false;
}

using Row = std::vector<Value>;

template <typename T>
std::uint16_t internIndex(std::vector<T>& table, const T& value) {
    for (std::size_t k = 0; k < table.size(); ++k)
        if (table[k] == value) return static_cast<std::uint16_t>(k);
    table.push_back(value);
    return static_cast<std::uint16_t>(table.size() - 1);
}

}  // namespace

struct MapRenderer::StyledLayer {
    bool dynamicPaint = false;   // paints evaluated per frame
    bool dynamicFilter = false;  // filter evaluated per frame
    ColumnBinding binding;
    std::vector<std::uint8_t> pass;         // static filter result per feature
    bool allPass = true;                    // the filter accepts every feature
    std::vector<std::uint16_t> paintIndex;  // static paint class per feature
    std::vector<Paint> paints;
    std::vector<LegendGroup> legend;                     // this layer's legend groups
    std::vector<std::vector<std::int16_t>> legendIndex;  // [group][feature] entry or -1
    std::vector<QString> texts;                          // symbol layers
    std::vector<double> sortKeys;

    void evaluate(const Layer& layer, const LayerData& data, double zoom, bool paintsToo,
                  bool filterToo, bool legendToo) {
        const std::size_t n = data.size();
        EvaluationContext ctx;
        ctx.zoom = zoom;
        static const Row kEmpty;
        RowFeatureView<Row> view(binding, kEmpty);
        ctx.feature = &view;
        if (filterToo) {
            pass.assign(n, 1);
            allPass = true;
        }
        if (paintsToo) {
            paintIndex.assign(n, 0);
            paints.clear();
        }
        if (legendToo) legendIndex.assign(legend.size(), std::vector<std::int16_t>(n, -1));
        const SymbolStyle* symbol = layer.symbol();
        if (paintsToo && symbol) {
            texts.assign(n, QString());
            sortKeys.assign(n, 0);
        }
        for (std::size_t i = 0; i < n; ++i) {
            view.setRow(data.row(i));
            if (filterToo) {
                pass[i] = layer.accepts(ctx) ? 1 : 0;
                if (!pass[i]) allPass = false;
            }
            if (paintsToo) {
                paintIndex[i] = internIndex(paints, evaluatePaint(layer, ctx));
                if (symbol) {
                    texts[i] = QString::fromStdString(symbol->textField.evaluate(ctx));
                    sortKeys[i] = symbol->symbolSortKey.evaluate(ctx);
                }
            }
            if (legendToo)
                for (std::size_t g = 0; g < legend.size(); ++g)
                    legendIndex[g][i] = static_cast<std::int16_t>(legend[g].classify(view, zoom));
        }
    }
};

// ---------------------------------------------------------------------------
// MapRenderer

MapRenderer::MapRenderer(std::shared_ptr<GeoDatabase> db)
    : db_(std::move(db)),
      cache_(std::make_unique<LayerCache>(db_)),
      pool_(std::make_shared<ImagePool>()) {
    if (!db_) throw Error(ErrorKind::Render, "no database");
}

MapRenderer::~MapRenderer() = default;

std::shared_ptr<const MapRenderer::StyledLayer> MapRenderer::styledLayer(
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

// Resolves "Noto Sans CJK SC Regular" style font names to an installed family.
struct ResolvedFont {
    QString family;
    int weight = QFont::Normal;
};

ResolvedFont resolveFont(const std::vector<std::string>& stack, const QString& overrideFamily) {
    ResolvedFont out;
    std::string firstError;
    for (const std::string& raw : stack) {
        std::string name = raw;
        int weight = QFont::Normal;
        static const std::pair<const char*, int> suffixes[] = {
            {" Regular", QFont::Normal}, {" Bold", QFont::Bold},   {" Medium", QFont::Medium},
            {" Light", QFont::Light},    {" Black", QFont::Black}, {" Thin", QFont::Thin},
            {" DemiLight", QFont::Light}};
        for (const auto& [suffix, w] : suffixes) {
            const std::size_t len = std::strlen(suffix);
            if (name.size() > len && name.compare(name.size() - len, len, suffix) == 0) {
                name.resize(name.size() - len);
                weight = w;
                break;
            }
        }
        out.weight = weight;
        if (!overrideFamily.isEmpty()) {
            out.family = overrideFamily;
            return out;
        }
        try {
            out.family = requireFontFamily(QString::fromStdString(name));
            return out;
        } catch (const Error& e) {
            if (firstError.empty()) firstError = e.message();
        }
    }
    if (!overrideFamily.isEmpty()) {
        out.family = overrideFamily;
        return out;
    }
    if (stack.empty()) {
        out.family = requireFontFamily(QStringLiteral("Noto Sans CJK SC"));
        return out;
    }
    throw Error(ErrorKind::Render, firstError);
}

QColor qcolor(const Color& c, double opacity) {
    QColor q = toQColor(c);
    q.setAlphaF(std::clamp(static_cast<double>(c.a) * opacity, 0.0, 1.0));
    return q;
}

// Per-thread buffers, so frames do not allocate once warm.
struct Scratch {
    std::vector<std::uint32_t> ids;
    std::vector<QPointF> pts;
    std::vector<int> ringStarts;
    std::vector<QPointF> clipped, clipTmp, ring;
    std::vector<QPointF> linePts;
    std::vector<int> clipStarts;
    std::vector<int> pieces;
    QPainterPath path, outline;
    std::vector<std::vector<QRectF>> dots;          // sub-pixel features per class
    std::vector<QPainterPath> small, smallOutline;  // small features per class
    StrokeRings stroke;                             // a line class' strokes
};

Scratch& scratch() {
    thread_local Scratch s;
    return s;
}

// Features smaller than this (px) are batched per class.
constexpr double kSmallFeaturePx = 8;

struct Frame {
    const MapView& view;
    double sx, sy;
    QRectF rect;      // the frame
    QRectF clipRect;  // the frame plus a margin (geometry is clipped to it)
    Bounds queryBounds;
    double pixelRatio;
    double zoom;
    bool vector;

    inline QPointF px(double x, double y) const {
        return {(x - view.extent.minX) * sx, (view.extent.maxY - y) * sy};
    }
    QRectF pxBounds(const Bounds& b) const {
        return QRectF(QPointF((b.minX - view.extent.minX) * sx, (view.extent.maxY - b.maxY) * sy),
                      QPointF((b.maxX - view.extent.minX) * sx, (view.extent.maxY - b.minY) * sy));
    }
};

bool cancelled(const RenderRequest& r) {
    return r.cancel && r.cancel->load(std::memory_order_relaxed);
}

// Rings of feature i in pixels (into s.pts / s.ringStarts; ringStarts.back() = pts.size()).
void toPixels(const Frame& f, const FlatGeometry& g, std::size_t i, Scratch& s) {
    s.pts.clear();
    s.ringStarts.clear();
    for (std::size_t r = g.ringBegin(i); r < g.ringEnd(i); ++r) {
        s.ringStarts.push_back(static_cast<int>(s.pts.size()));
        const double* p = g.xy.data() + 2 * g.pointBegin(r);
        const double* e = g.xy.data() + 2 * g.pointEnd(r);
        for (; p < e; p += 2) s.pts.emplace_back(f.px(p[0], p[1]));
    }
    s.ringStarts.push_back(static_cast<int>(s.pts.size()));
}

// Rings of feature i in pixels, clipped to the frame margin when needed; the
// result is in s.pts / s.ringStarts.
void polygonPixels(const Frame& f, const FlatGeometry& g, std::size_t i, bool needsClip,
                   Scratch& s) {
    toPixels(f, g, i, s);
    if (!needsClip) return;
    s.ring.clear();
    s.clipStarts.clear();
    for (std::size_t r = 0; r + 1 < s.ringStarts.size(); ++r) {
        const int a = s.ringStarts[r], b = s.ringStarts[r + 1];
        clipRing(s.pts.data() + a, b - a, f.clipRect, s.clipped, s.clipTmp);
        if (s.clipped.empty()) continue;
        s.clipStarts.push_back(static_cast<int>(s.ring.size()));
        s.ring.insert(s.ring.end(), s.clipped.begin(), s.clipped.end());
    }
    s.clipStarts.push_back(static_cast<int>(s.ring.size()));
    s.pts.swap(s.ring);
    s.ringStarts.swap(s.clipStarts);
}

// Appends the rings in s.pts / s.ringStarts to `path` as closed subpaths.
void addRings(QPainterPath& path, const Scratch& s) {
    for (std::size_t r = 0; r + 1 < s.ringStarts.size(); ++r) {
        const int a = s.ringStarts[r], b = s.ringStarts[r + 1];
        if (b - a < 3) continue;
        path.moveTo(s.pts[static_cast<std::size_t>(a)]);
        for (int k = a + 1; k < b; ++k) path.lineTo(s.pts[static_cast<std::size_t>(k)]);
        path.closeSubpath();
    }
}

void drawRings(QPainter& painter, Scratch& s) {
    const std::size_t rings = s.ringStarts.size() - 1;
    if (rings == 0) return;
    if (rings == 1) {
        const int n = s.ringStarts[1] - s.ringStarts[0];
        if (n >= 3) painter.drawPolygon(s.pts.data(), n, Qt::OddEvenFill);
        return;
    }
    QPainterPath& path = s.path;
    path.clear();
    path.setFillRule(Qt::OddEvenFill);
    addRings(path, s);
    painter.drawPath(path);
}

// Appends the parts of a pixel polyline inside the frame margin.
void addClippedPolyline(QPainterPath& path, const Frame& f, Scratch& s, const QPointF* pts, int n) {
    s.linePts.clear();
    s.pieces.clear();
    clipPolyline(pts, n, f.clipRect, s.linePts, s.pieces);
    s.pieces.push_back(static_cast<int>(s.linePts.size()));
    for (std::size_t k = 0; k + 1 < s.pieces.size(); ++k) {
        const int a = s.pieces[k], b = s.pieces[k + 1];
        if (b - a < 2) continue;
        path.moveTo(s.linePts[static_cast<std::size_t>(a)]);
        for (int j = a + 1; j < b; ++j) path.lineTo(s.linePts[static_cast<std::size_t>(j)]);
    }
}

void drawShape(QPainter& painter, QPointF c, double r, CircleShape shape) {
    switch (shape) {
        case CircleShape::Circle:
            painter.drawEllipse(c, r, r);
            return;
        case CircleShape::Square:
            painter.drawRect(QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r));
            return;
        case CircleShape::Triangle: {
            const QPointF p[3] = {{c.x(), c.y() - r * 1.2},
                                  {c.x() - r * 1.04, c.y() + r * 0.6},
                                  {c.x() + r * 1.04, c.y() + r * 0.6}};
            painter.drawPolygon(p, 3);
            return;
        }
        case CircleShape::Star: {
            QPointF p[10];
            for (int k = 0; k < 10; ++k) {
                const double a = -M_PI / 2 + k * M_PI / 5;
                const double rr = (k % 2 == 0) ? r * 1.25 : r * 0.5;
                p[k] = QPointF(c.x() + rr * std::cos(a), c.y() + rr * std::sin(a));
            }
            painter.drawPolygon(p, 10);
            return;
        }
    }
}

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
                const QColor color = qcolor(bg->color.evaluate(c0), bg->opacity.evaluate(c0));
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
    if (!request.style) {
        result.errors.push_back({"", "no style"});
        return result;
    }
    const Style& style = *request.style;
    const MapView& view = request.view;
    if (!view.isValid()) {
        result.errors.push_back({"", "invalid view (empty extent or size)"});
        return result;
    }
    const std::string crs = normalizeCrs(view.crs);
    try {
        threadProjection(crs);
    } catch (const Error& e) {
        result.errors.push_back({"", e.what()});
        return result;
    }
    const QPaintEngine* engine = painter.paintEngine();
    const bool vector = engine && engine->type() != QPaintEngine::Raster;
    Frame f{view,
            view.sizePx.width() / view.extent.width(),
            view.sizePx.height() / view.extent.height(),
            QRectF(0, 0, view.sizePx.width(), view.sizePx.height()),
            {},
            {},
            view.pixelRatio(),
            zoomForView(view),
            vector};
    result.zoom = f.zoom;
    const double margin = 4 + 4 * f.pixelRatio;
    f.clipRect = f.rect.adjusted(-margin, -margin, margin, margin);
    const double upp = view.unitsPerPixel();
    f.queryBounds = view.extent;
    f.queryBounds.minX -= margin * upp;
    f.queryBounds.maxX += margin * upp;
    f.queryBounds.minY -= margin * upp;
    f.queryBounds.maxY += margin * upp;
    const double tolerance = request.simplifyPixels > 0 ? request.simplifyPixels * upp : 0;

    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    Scratch& s = scratch();
    LabelEngine labels(f.rect);
    CoverageFill coverage = CoverageFill::forPainter(painter);
    // Obstacle groups: one per source relation (a point layer's labels may
    // cover that relation's symbols when the map is too dense otherwise).
    std::vector<std::string> obstacleRelations;
    auto obstacleGroup = [&obstacleRelations](const std::string& relation) {
        for (std::size_t k = 0; k < obstacleRelations.size(); ++k)
            if (obstacleRelations[k] == relation) return static_cast<int>(k);
        obstacleRelations.push_back(relation);
        return static_cast<int>(obstacleRelations.size() - 1);
    };
    std::vector<std::pair<std::string, std::vector<int>>> legendCounts;  // per layer/prop
    double prepareMs = 0;

    EvaluationContext ctx;
    ctx.zoom = f.zoom;
    static const Row kEmptyRow;

    for (std::size_t li = 0; li < style.layers.size() && !result.cancelled; ++li) {
        const Layer& layer = style.layers[li];
        if (!layer.isVisibleAt(f.zoom)) continue;
        if (cancelled(request)) {
            result.cancelled = true;
            break;
        }
        QElapsedTimer layerTimer;
        layerTimer.start();
        const bool leading = skipLeadingBackground;
        skipLeadingBackground = false;
        if (const BackgroundStyle* bg = layer.background()) {
            if (leading) continue;
            EvaluationContext c0;
            c0.zoom = f.zoom;
            painter.fillRect(f.rect, qcolor(bg->color.evaluate(c0), bg->opacity.evaluate(c0)));
            result.layerMs.emplace_back(layer.id, msSince(layerTimer));
            continue;
        }
        if (layer.type == LayerType::Symbol && !request.labels) continue;
        std::shared_ptr<const LayerData> data;
        std::shared_ptr<const StyledLayer> styled;
        try {
            const Source* source = style.findSource(layer.source);
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
        } catch (const Error& e) {
            result.errors.push_back({layer.id, e.what()});
            continue;
        }
        if (data->projectionFailures() > 0)
            result.errors.push_back({layer.id, std::to_string(data->projectionFailures()) +
                                                   " features cannot be projected to " + crs});
        // Per-frame evaluation where the style depends on zoom.
        std::shared_ptr<StyledLayer> frameStyled;
        if (styled->dynamicPaint || styled->dynamicFilter) {
            frameStyled = std::make_shared<StyledLayer>(*styled);
            frameStyled->evaluate(layer, *data, f.zoom, styled->dynamicPaint, styled->dynamicFilter,
                                  false);
        }
        const StyledLayer& st = frameStyled ? *frameStyled : *styled;
        // Borders of a polygon layer drawn with one pen: each shared edge once.
        const bool sharedBorders = layer.type == LayerType::Line && data->polygonal() &&
                                   st.paints.size() == 1 && st.allPass && !request.filter;
        // A label layer of a stored polygon layer places labels at the stored
        // anchors: its exact rings are never needed (nor assembled).
        const bool storedSymbols = layer.type == LayerType::Symbol && data->fromGeometryStore();
        const FlatGeometry& geom =
            storedSymbols ? data->geometryFor(tolerance)
            : layer.type == LayerType::Circle || layer.type == LayerType::Symbol ? data->exact()
            : sharedBorders ? data->boundariesFor(tolerance)
                            : data->geometryFor(tolerance);
        data->query(f.queryBounds, s.ids);
        // Legend counters.
        std::vector<std::vector<int>> counts(st.legend.size());
        for (std::size_t g = 0; g < counts.size(); ++g)
            counts[g].assign(st.legend[g].entries.size(), 0);

        // Pens and brushes per paint class (built once per frame and layer).
        std::vector<QBrush> brushes;
        std::vector<QRgb> colors;  // fill colours for the coverage filler
        std::vector<QPen> pens;
        std::vector<QBrush> hatches;
        std::vector<CoverageFill::Hatch> coverageHatches;
        // Line classes stroked by CoverageFill (solid, wider than a pixel, raster).
        std::vector<char> coverageStroke;
        std::vector<double> strokeWidths;
        std::vector<int> labelStyles;
        std::vector<QImage> sprites(st.paints.size());  // raster circle symbols, drawn on first use
        for (const Paint& p : st.paints) {
            switch (layer.type) {
                case LayerType::Fill: {
                    brushes.emplace_back(qcolor(p.fill, p.fillOpacity));
                    colors.push_back(qcolor(p.fill, p.fillOpacity).rgba());
                    QPen pen(Qt::NoPen);
                    if (p.outline) {
                        pen = QPen(qcolor(p.outlineColor, p.fillOpacity), 1.0 * f.pixelRatio);
                        pen.setJoinStyle(Qt::RoundJoin);
                    }
                    pens.push_back(pen);
                    const QColor hatchColor =
                        p.outline ? qcolor(p.outlineColor, 1) : QColor("#808080");
                    QBrush hatch(hatchColor, Qt::BDiagPattern);
                    hatch.setTransform(QTransform::fromScale(f.pixelRatio, f.pixelRatio));
                    hatches.push_back(hatch);
                    CoverageFill::Hatch ch;
                    ch.color = hatchColor.rgba();
                    ch.period = std::max(1, static_cast<int>(std::lround(8 * f.pixelRatio)));
                    ch.width = std::max(1, static_cast<int>(std::lround(f.pixelRatio)));
                    coverageHatches.push_back(ch);
                    break;
                }
                case LayerType::Line: {
                    // Below 3 device pixels a bevel join differs from a round
                    // one by under a third of a pixel, and QPainter strokes it
                    // in half the time (no arcs at each vertex).
                    const double width = p.lineWidth * f.pixelRatio;
                    QPen pen(qcolor(p.line, p.lineOpacity), width, Qt::SolidLine, Qt::FlatCap,
                             !f.vector && width < 3 ? Qt::BevelJoin : Qt::RoundJoin);
                    if (!p.dash.empty()) {
                        QVector<qreal> dash;
                        for (double d : p.dash) dash.push_back(std::max(d, 1e-3));
                        if (dash.size() % 2) dash += dash;
                        pen.setDashPattern(dash);
                    }
                    pens.push_back(pen);
                    brushes.emplace_back(Qt::NoBrush);
                    coverageStroke.push_back(coverage.isValid() && p.dash.empty() && width > 1);
                    strokeWidths.push_back(width);
                    colors.push_back(qcolor(p.line, p.lineOpacity).rgba());
                    break;
                }
                case LayerType::Circle: {
                    brushes.emplace_back(qcolor(p.circle, p.circleOpacity));
                    pens.push_back(p.strokeWidth > 0 ? QPen(qcolor(p.stroke, p.circleOpacity),
                                                            p.strokeWidth * f.pixelRatio)
                                                     : QPen(Qt::NoPen));
                    break;
                }
                case LayerType::Symbol: {
                    LabelStyle ls;
                    try {
                        const ResolvedFont rf = resolveFont(p.font, request.fontFamily);
                        ls.font = QFont(rf.family);
                        ls.font.setWeight(rf.weight);
                    } catch (const Error& e) {
                        result.errors.push_back({layer.id, e.what()});
                        ls.font = QFont();
                    }
                    ls.font.setPixelSize(
                        std::max(1, static_cast<int>(std::lround(p.textSize * f.pixelRatio))));
                    ls.font.setHintingPreference(QFont::PreferNoHinting);
                    ls.color = qcolor(p.textColor, 1);
                    ls.haloColor = qcolor(p.haloColor, 1);
                    ls.haloWidth = p.haloWidth * f.pixelRatio;
                    labelStyles.push_back(labels.addStyle(ls));
                    break;
                }
                case LayerType::Background:
                    break;
            }
        }

        RowFeatureView<Row> fview(st.binding, kEmptyRow);
        ctx.feature = &fview;
        const Fields& fields = data->fields();
        const std::string& relation = data->relation();
        int lastClass = -1;
        painter.setPen(Qt::NoPen);
        const std::size_t classes = st.paints.size();
        if (s.dots.size() < classes) {
            s.dots.resize(classes);
            s.small.resize(classes);
            s.smallOutline.resize(classes);
        }
        for (std::size_t c = 0; c < classes; ++c) {
            s.dots[c].clear();
            s.small[c].clear();
            s.small[c].setFillRule(Qt::OddEvenFill);
            s.smallOutline[c].clear();
        }
        auto flushSmall = [&](std::size_t c) {
            if (!s.small[c].isEmpty()) {
                painter.setPen(Qt::NoPen);
                painter.setBrush(brushes[c]);
                painter.drawPath(s.small[c]);
                s.small[c].clear();
                s.small[c].setFillRule(Qt::OddEvenFill);
            }
            if (!s.smallOutline[c].isEmpty()) {
                painter.setBrush(Qt::NoBrush);
                painter.setPen(pens[c]);
                painter.drawPath(s.smallOutline[c]);
                s.smallOutline[c].clear();
            }
            if (!s.dots[c].empty()) {
                painter.setPen(Qt::NoPen);
                painter.setBrush(brushes[c]);
                painter.drawRects(s.dots[c].data(), static_cast<int>(s.dots[c].size()));
                s.dots[c].clear();
            }
            lastClass = -1;
        };
        // Strokes of one class are filled together (one union, one pass).
        int strokeClass = -1;
        s.stroke.clear();
        auto flushStroke = [&] {
            if (strokeClass >= 0 && !s.stroke.isEmpty())
                s.stroke.fillWith(coverage, colors[static_cast<std::size_t>(strokeClass)]);
            s.stroke.clear();
        };
        std::size_t processed = 0;
        for (std::uint32_t i : s.ids) {
            if ((++processed & 63) == 0 && cancelled(request)) {
                result.cancelled = true;
                break;
            }
            if (!st.pass.empty() && !st.pass[i]) continue;
            if (request.filter && !request.filter(relation, fields, data->row(i))) continue;
            const int cls = st.paintIndex.empty() ? 0 : st.paintIndex[i];
            const QRectF bb = f.pxBounds(data->bounds(i));
            bool drawn = false;
            switch (layer.type) {
                case LayerType::Fill: {
                    const std::size_t c = static_cast<std::size_t>(cls);
                    const Paint& p = st.paints[c];
                    if (bb.width() < 0.5 && bb.height() < 0.5) {
                        // Sub-pixel feature: a dot of its colour (no holes in
                        // the map), drawn with the others of its class at the end.
                        const QPointF center = bb.center();
                        if (!f.rect.contains(center)) break;
                        s.dots[c].emplace_back(center.x() - 0.5, center.y() - 0.5, 1, 1);
                        drawn = true;
                        break;
                    }
                    if (coverage.isValid()) {
                        // Own rasterizer for the fill, QPainter for the outline.
                        const bool needsClip = !f.clipRect.contains(bb);
                        toPixels(f, geom, i, s);
                        if (p.outline) {
                            QPainterPath& outline = s.outline;
                            outline.clear();
                            for (std::size_t r = 0; r + 1 < s.ringStarts.size(); ++r) {
                                const int a = s.ringStarts[r], b = s.ringStarts[r + 1];
                                if (needsClip) {
                                    addClippedPolyline(outline, f, s, s.pts.data() + a, b - a);
                                } else if (b - a >= 2) {
                                    outline.moveTo(s.pts[static_cast<std::size_t>(a)]);
                                    for (int k = a + 1; k < b; ++k)
                                        outline.lineTo(s.pts[static_cast<std::size_t>(k)]);
                                }
                            }
                        }
                        if (needsClip) polygonPixels(f, geom, i, true, s);
                        coverage.fill(s.pts.data(), s.ringStarts.data(),
                                      static_cast<int>(s.ringStarts.size()) - 1, colors[c],
                                      p.hatch ? &coverageHatches[c] : nullptr);
                        if (p.outline) {
                            painter.setBrush(Qt::NoBrush);
                            painter.setPen(pens[c]);
                            painter.drawPath(s.outline);
                            lastClass = -1;
                        }
                        drawn = f.rect.intersects(bb);
                        break;
                    }
                    if (bb.width() < kSmallFeaturePx && bb.height() < kSmallFeaturePx && !p.hatch &&
                        f.clipRect.contains(bb)) {
                        // Small features of a class share one path (one rasterizer call).
                        toPixels(f, geom, i, s);
                        addRings(s.small[c], s);
                        if (p.outline) addRings(s.smallOutline[c], s);
                        if (s.small[c].elementCount() > 2000) flushSmall(c);
                        drawn = true;
                        break;
                    }
                    const bool needsClip = !f.clipRect.contains(bb);
                    if (!needsClip) {
                        // Fill and outline in one call.
                        if (cls != lastClass) {
                            painter.setPen(pens[c]);
                            painter.setBrush(brushes[c]);
                            lastClass = cls;
                        }
                        toPixels(f, geom, i, s);
                        drawRings(painter, s);
                        if (p.hatch) {
                            painter.setPen(Qt::NoPen);
                            painter.setBrush(hatches[c]);
                            drawRings(painter, s);
                            lastClass = -1;
                        }
                    } else {
                        // Fill the clipped rings; outline only the real edges
                        // (not the clip rectangle's).
                        toPixels(f, geom, i, s);
                        if (p.outline) {
                            QPainterPath& outline = s.path;
                            outline.clear();
                            for (std::size_t r = 0; r + 1 < s.ringStarts.size(); ++r)
                                addClippedPolyline(outline, f, s, s.pts.data() + s.ringStarts[r],
                                                   s.ringStarts[r + 1] - s.ringStarts[r]);
                            s.outline.swap(outline);
                        }
                        polygonPixels(f, geom, i, true, s);
                        painter.setPen(Qt::NoPen);
                        painter.setBrush(brushes[c]);
                        drawRings(painter, s);
                        if (p.hatch) {
                            painter.setBrush(hatches[c]);
                            drawRings(painter, s);
                        }
                        if (p.outline) {
                            painter.setBrush(Qt::NoBrush);
                            painter.setPen(pens[c]);
                            painter.drawPath(s.outline);
                        }
                        lastClass = -1;
                    }
                    drawn = f.rect.intersects(bb);
                    break;
                }
                case LayerType::Line: {
                    const std::size_t c = static_cast<std::size_t>(cls);
                    const bool own = coverageStroke[c] != 0;
                    if (cls != lastClass) {
                        flushStroke();
                        painter.setPen(pens[c]);
                        painter.setBrush(Qt::NoBrush);
                        lastClass = cls;
                        strokeClass = cls;
                    }
                    auto drawPiece = [&](const QPointF* pts, int n) {
                        if (own)
                            s.stroke.addPolyline(pts, n, strokeWidths[c]);
                        else
                            painter.drawPolyline(pts, n);
                    };
                    toPixels(f, geom, i, s);
                    const bool needsClip = !f.clipRect.contains(bb);
                    for (std::size_t r = 0; r + 1 < s.ringStarts.size(); ++r) {
                        const int a = s.ringStarts[r], b = s.ringStarts[r + 1];
                        if (b - a < 2) continue;
                        if (!needsClip) {
                            drawPiece(s.pts.data() + a, b - a);
                            continue;
                        }
                        s.linePts.clear();
                        s.pieces.clear();
                        clipPolyline(s.pts.data() + a, b - a, f.clipRect, s.linePts, s.pieces);
                        s.pieces.push_back(static_cast<int>(s.linePts.size()));
                        for (std::size_t k = 0; k + 1 < s.pieces.size(); ++k)
                            drawPiece(s.linePts.data() + s.pieces[k],
                                      s.pieces[k + 1] - s.pieces[k]);
                    }
                    if (s.stroke.pointCount() > 200000) flushStroke();
                    drawn = f.rect.intersects(bb);
                    break;
                }
                case LayerType::Circle: {
                    if (cls != lastClass) {
                        painter.setBrush(brushes[static_cast<std::size_t>(cls)]);
                        painter.setPen(pens[static_cast<std::size_t>(cls)]);
                        lastClass = cls;
                    }
                    const Paint& p = st.paints[static_cast<std::size_t>(cls)];
                    const double r = p.radius * f.pixelRatio;
                    const double sw = p.strokeWidth * f.pixelRatio;
                    for (std::size_t rr = geom.ringBegin(i); rr < geom.ringEnd(i); ++rr)
                        for (std::size_t k = geom.pointBegin(rr); k < geom.pointEnd(rr); ++k) {
                            const QPointF c = f.px(geom.xy[2 * k], geom.xy[2 * k + 1]);
                            if (!f.rect.contains(c)) continue;
                            if (f.vector) {
                                drawShape(painter, c, r, p.shape);
                            } else {
                                // Raster: stamp a pre-drawn sprite of the class'
                                // symbol (100,000 antialiased ellipses cost
                                // ~270 ms; stamping a few percent of that).
                                QImage& sprite = sprites[static_cast<std::size_t>(cls)];
                                if (sprite.isNull()) {
                                    const int half = static_cast<int>(std::ceil(r * 1.25 + sw)) + 1;
                                    sprite = QImage(2 * half, 2 * half,
                                                    QImage::Format_ARGB32_Premultiplied);
                                    sprite.fill(Qt::transparent);
                                    QPainter sp(&sprite);
                                    sp.setRenderHint(QPainter::Antialiasing);
                                    sp.setBrush(brushes[static_cast<std::size_t>(cls)]);
                                    sp.setPen(pens[static_cast<std::size_t>(cls)]);
                                    drawShape(sp, QPointF(half, half), r, p.shape);
                                }
                                painter.drawImage(QPointF(c.x() - sprite.width() / 2.0,
                                                          c.y() - sprite.height() / 2.0),
                                                  sprite);
                            }
                            // The obstacle covers the whole symbol (a star's
                            // tips reach 1.25 r); the feature's own label
                            // ignores it (LabelEngine::collides).
                            const double ext = r * (p.shape == CircleShape::Star       ? 1.25
                                                    : p.shape == CircleShape::Triangle ? 1.2
                                                                                       : 1.0) +
                                               sw / 2;
                            labels.addObstacle(QRectF(c.x() - ext, c.y() - ext, 2 * ext, 2 * ext),
                                               obstacleGroup(relation));
                            drawn = true;
                        }
                    break;
                }
                case LayerType::Symbol: {
                    if (st.texts.empty()) break;
                    const QString& text = st.texts[i];
                    if (text.isEmpty()) break;
                    const QPointF a = data->labelAnchor(i);
                    const QPointF anchor = f.px(a.x(), a.y());
                    if (!f.rect.contains(anchor)) break;
                    const Paint& p = st.paints[static_cast<std::size_t>(cls)];
                    LabelCandidate c;
                    c.text = text;
                    c.anchor = anchor;
                    c.style = labelStyles[static_cast<std::size_t>(cls)];
                    const double em = p.textSize * f.pixelRatio;
                    QPointF offset;
                    if (p.offset.size() >= 2) offset = QPointF(p.offset[0] * em, p.offset[1] * em);
                    c.positions = {{p.anchor, offset}};
                    if (data->type(i) == GeometryType::Polygon ||
                        data->type(i) == GeometryType::MultiPolygon) {
                        // An area's label may move below or above its anchor
                        // (which town symbols often occupy), as QGIS' "around
                        // centroid" placement does.
                        c.positions.push_back({p.anchor, offset + QPointF(0, 1.1 * em)});
                        c.positions.push_back({p.anchor, offset - QPointF(0, 1.1 * em)});
                    } else if (data->type(i) == GeometryType::Point ||
                               data->type(i) == GeometryType::MultiPoint) {
                        // A point's label offset from its symbol may also go
                        // above, right or left of it (QGIS' "around point"),
                        // so a neighbouring symbol below does not cost a
                        // provincial town its name.
                        c.labelsSymbol = true;
                        c.obstacleGroup = obstacleGroup(relation);
                        const double d = std::max(std::abs(offset.x()), std::abs(offset.y()));
                        if (d > 0) {
                            c.positions.push_back({TextAnchor::Bottom, QPointF(0, -d)});
                            c.positions.push_back({TextAnchor::Left, QPointF(d, 0)});
                            c.positions.push_back({TextAnchor::Right, QPointF(-d, 0)});
                        }
                    }
                    c.sortKey = st.sortKeys[i];
                    c.layerRank = static_cast<int>(li);
                    c.allowOverlap = p.allowOverlap;
                    labels.add(std::move(c));
                    drawn = true;
                    break;
                }
                case LayerType::Background:
                    break;
            }
            if (drawn) {
                ++result.featuresDrawn;
                if (layer.type == LayerType::Fill || layer.type == LayerType::Line)
                    result.verticesDrawn += s.pts.size();
                for (std::size_t g = 0; g < counts.size(); ++g) {
                    const int e = st.legendIndex[g][i];
                    if (e >= 0 && static_cast<std::size_t>(e) < counts[g].size())
                        ++counts[g][static_cast<std::size_t>(e)];
                }
            }
        }
        if (layer.type == LayerType::Fill)
            for (std::size_t c = 0; c < classes; ++c) flushSmall(c);
        flushStroke();

        for (std::size_t g = 0; g < counts.size(); ++g)
            for (std::size_t c = 0; c < counts[g].size(); ++c)
                if (counts[g][c] > 0)
                    result.legend.push_back({layer.id,
                                             st.legend[g].properties.empty()
                                                 ? std::string()
                                                 : st.legend[g].properties.front(),
                                             st.legend[g].entries[c].key, counts[g][c]});
        result.layerMs.emplace_back(layer.id, msSince(layerTimer));
    }
    result.drawMs = msSince(total) - prepareMs;
    if (request.beforeLabels && !result.cancelled) {
        painter.save();
        request.beforeLabels(painter);
        painter.restore();
    }
    if (request.labels && !result.cancelled) {
        QElapsedTimer t;
        t.start();
        labels.place();
        if (!cancelled(request))
            labels.draw(painter, vector);
        else
            result.cancelled = true;
        result.labelsPlaced = labels.placedCount();
        result.labelsDropped = labels.droppedCount();
        result.placedLabels = labels.placedTexts();
        result.droppedLabels = labels.droppedTexts();
        result.labelMs = msSince(t);
    }
    painter.restore();
    result.prepareMs = prepareMs;
    result.totalMs = msSince(total);
    return result;
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
            const double ax = g.xy[2 * a], ay = g.xy[2 * a + 1];
            const double bx = g.xy[2 * b], by = g.xy[2 * b + 1];
            if ((ay > y) != (by > y) && x < (bx - ax) * (y - ay) / (by - ay) + ax) in = !in;
        }
    }
    return in;
}

double distanceToLines(const FlatGeometry& g, std::size_t i, double x, double y) {
    double best = std::numeric_limits<double>::infinity();
    for (std::size_t r = g.ringBegin(i); r < g.ringEnd(i); ++r)
        for (std::size_t k = g.pointBegin(r); k + 1 < g.pointEnd(r); ++k) {
            const double ax = g.xy[2 * k], ay = g.xy[2 * k + 1];
            const double dx = g.xy[2 * k + 2] - ax, dy = g.xy[2 * k + 3] - ay;
            const double len2 = dx * dx + dy * dy;
            const double t =
                len2 > 0 ? std::clamp(((x - ax) * dx + (y - ay) * dy) / len2, 0.0, 1.0) : 0;
            best = std::min(best, std::hypot(x - ax - t * dx, y - ay - t * dy));
        }
    return best;
}

}  // namespace

std::vector<HitFeature> MapRenderer::hitTest(const MapView& view, QPointF px, const Style& style,
                                             const FeatureFilter& filter) const {
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
        for (auto it = ids.rbegin(); it != ids.rend(); ++it) {
            const std::size_t i = *it;
            fview.setRow(data->row(i));
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
                    hit = std::hypot(g.xy[2 * k] - m.x(), g.xy[2 * k + 1] - m.y()) <= r * upp;
            }
            if (hit) hits.push_back({layer.id, data->relation(), data, i, data->id(i)});
        }
    }
    return hits;
}

std::size_t MapRenderer::cacheMemoryBytes() const {
    std::size_t bytes = cache_->memoryBytes();
    std::lock_guard<std::mutex> lock(styledMutex_);
    for (const auto& [key, e] : styled_) {
        const StyledLayer& s = *e.styled;
        bytes += s.pass.capacity() + s.paintIndex.capacity() * 2 +
                 s.paints.capacity() * sizeof(Paint) + s.sortKeys.capacity() * sizeof(double) +
                 s.texts.capacity() * sizeof(QString);
        for (const auto& t : s.texts) bytes += static_cast<std::size_t>(t.capacity()) * 2;
        for (const auto& v : s.legendIndex) bytes += v.capacity() * sizeof(std::int16_t);
    }
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
