// The export's map frame drawn by the MapRenderer with the export's style:
// one renderer (and its projected-geometry cache) per export, vector output
// on PDF/SVG painters, raster on images. The legend (classes present, with
// counts) and the label statistics come from a measuring pass of the same
// frame on a paint device that draws nothing.
#include <QPaintEngine>
#include <QRegularExpression>
#include <algorithm>
#include <cmath>

#include "base/error.h"
#include "export/map_drawer.h"
#include "render/map_renderer.h"
#include "style/color.h"
#include "style/legend.h"
#include "style/style.h"
#include "style/style_parser.h"

namespace jinmap {

namespace {

// A paint device that accepts everything and draws nothing: the renderer
// places labels and counts features as on paper, without rasterising.
class NullPaintEngine final : public QPaintEngine {
  public:
    NullPaintEngine() : QPaintEngine(QPaintEngine::AllFeatures) {}
    bool begin(QPaintDevice*) override { return true; }
    bool end() override { return true; }
    void updateState(const QPaintEngineState&) override {}
    void drawPixmap(const QRectF&, const QPixmap&, const QRectF&) override {}
    void drawPath(const QPainterPath&) override {}
    void drawPolygon(const QPointF*, int, PolygonDrawMode) override {}
    void drawPolygon(const QPoint*, int, PolygonDrawMode) override {}
    void drawLines(const QLineF*, int) override {}
    void drawRects(const QRectF*, int) override {}
    void drawEllipse(const QRectF&) override {}
    void drawPoints(const QPointF*, int) override {}
    void drawTextItem(const QPointF&, const QTextItem&) override {}
    void drawImage(const QRectF&, const QImage&, const QRectF&, Qt::ImageConversionFlags) override {
    }
    Type type() const override { return QPaintEngine::User; }
};

class NullPaintDevice final : public QPaintDevice {
  public:
    NullPaintDevice(QSize size, double dpi) : size_(size), dpi_(dpi) {}
    QPaintEngine* paintEngine() const override { return &engine_; }

  protected:
    int metric(PaintDeviceMetric m) const override {
        switch (m) {
            case PdmWidth:
                return size_.width();
            case PdmHeight:
                return size_.height();
            case PdmWidthMM:
                return static_cast<int>(std::lround(size_.width() * 25.4 / dpi_));
            case PdmHeightMM:
                return static_cast<int>(std::lround(size_.height() * 25.4 / dpi_));
            case PdmNumColors:
                return INT_MAX;
            case PdmDepth:
                return 32;
            case PdmDpiX:
            case PdmDpiY:
            case PdmPhysicalDpiX:
            case PdmPhysicalDpiY:
                return static_cast<int>(std::lround(dpi_));
            case PdmDevicePixelRatio:
                return 1;
            default:
                return static_cast<int>(QPaintDevice::metric(m));
        }
    }

  private:
    QSize size_;
    double dpi_;
    mutable NullPaintEngine engine_;
};

LayoutLegendEntry::Symbol layoutSymbol(const LegendGroup& g, const LegendEntry& e) {
    switch (g.symbol) {
        case LegendSymbol::Fill:
            return e.hatch ? LayoutLegendEntry::Symbol::Hatch : LayoutLegendEntry::Symbol::Fill;
        case LegendSymbol::Line:
            return LayoutLegendEntry::Symbol::Line;
        case LegendSymbol::Circle:
            switch (e.shape) {
                case CircleShape::Circle:
                    return LayoutLegendEntry::Symbol::Circle;
                case CircleShape::Star:
                    return LayoutLegendEntry::Symbol::Star;
                case CircleShape::Square:
                    return LayoutLegendEntry::Symbol::Square;
                case CircleShape::Triangle:
                    return LayoutLegendEntry::Symbol::Triangle;
            }
            return LayoutLegendEntry::Symbol::Circle;
    }
    return LayoutLegendEntry::Symbol::Fill;
}

constexpr double kMmPerStylePx = 25.4 / 96;

class RendererMapDrawer final : public MapDrawer {
  public:
    RendererMapDrawer(std::shared_ptr<GeoDatabase> db, std::shared_ptr<const Style> style)
        : renderer_(std::move(db)), style_(std::move(style)) {}

    void setFontFamily(const QString& family) override {
        if (family == family_) return;
        family_ = family;
        measured_ = false;
    }

    void setView(const std::string& crs, const Bounds& extent, QSizeF sizePx, double dpi) override {
        MapView v;
        v.crs = crs;
        v.extent = extent;
        v.sizePx = QSize(std::max(1, static_cast<int>(std::lround(sizePx.width()))),
                         std::max(1, static_cast<int>(std::lround(sizePx.height()))));
        v.dpi = dpi;
        if (measured_ && v.crs == view_.crs && v.sizePx == view_.sizePx && v.dpi == view_.dpi &&
            v.extent.minX == view_.extent.minX && v.extent.minY == view_.extent.minY &&
            v.extent.maxX == view_.extent.maxX && v.extent.maxY == view_.extent.maxY)
            return;
        view_ = v;
        measured_ = false;
    }

    void draw(QPainter& painter, const QRectF& targetPx) override {
        const RenderRequest request = makeRequest();
        painter.save();
        const QPaintEngine* engine = painter.paintEngine();
        const bool raster = engine && engine->type() == QPaintEngine::Raster;
        const double sx = targetPx.width() / view_.sizePx.width();
        const double sy = targetPx.height() / view_.sizePx.height();
        const bool unscaled = std::abs(sx - 1) * view_.sizePx.width() < 1 &&
                              std::abs(sy - 1) * view_.sizePx.height() < 1;
        if (raster && unscaled) {
            // Whole device pixels and no clip: the renderer's own polygon
            // filler applies (the renderer clips geometry to the frame plus a
            // few pixels; the layout's frame line covers the seam).
            const QTransform t = painter.worldTransform();
            const QPointF origin = t.map(targetPx.topLeft());
            painter.setClipping(false);
            painter.setWorldTransform(QTransform::fromTranslate(std::round(origin.x()) - t.dx(),
                                                                std::round(origin.y()) - t.dy()) *
                                      t);
            result_ = renderer_.render(painter, request);
        } else {
            painter.translate(targetPx.topLeft());
            if (!unscaled) painter.scale(sx, sy);
            result_ = renderer_.render(painter, request);
        }
        painter.restore();
        if (raster && unscaled) whiteOutMargin(painter, targetPx);
        measured_ = true;
        throwOnErrors(result_);
    }

    std::vector<LayoutLegendEntry> legend() override {
        measure();
        const Legend legend = buildLegend(*style_, result_.zoom);
        std::vector<LayoutLegendEntry> out;
        for (const LegendGroup& g : legend.groups) {
            const std::string property =
                g.properties.empty() ? std::string() : g.properties.front();
            std::vector<LayoutLegendEntry> rows;
            for (const LegendEntry& e : g.entries) {
                int count = 0;
                for (const LegendCount& c : result_.legend)
                    if (c.layerId == g.layerId && c.property == property && c.classKey == e.key)
                        count += c.count;
                if (count == 0) continue;  // only classes present in the frame
                LayoutLegendEntry r;
                r.symbol = layoutSymbol(g, e);
                r.label = QString::fromStdString(e.label);
                r.count = count;
                switch (g.symbol) {
                    case LegendSymbol::Fill:
                        r.fill = toQColor(e.color, e.opacity);
                        if (e.strokeColor.a > 0) r.stroke = toQColor(e.strokeColor);
                        r.strokeMm = std::max(0.1, e.strokeWidth * kMmPerStylePx);
                        break;
                    case LegendSymbol::Line:
                        r.stroke = toQColor(e.color, e.opacity);
                        r.strokeMm = std::max(0.1, e.size * kMmPerStylePx);
                        break;
                    case LegendSymbol::Circle:
                        r.fill = toQColor(e.color, e.opacity);
                        if (e.strokeWidth > 0 && e.strokeColor.a > 0)
                            r.stroke = toQColor(e.strokeColor);
                        r.strokeMm = e.strokeWidth * kMmPerStylePx;
                        r.radiusMm = std::max(0.5, e.size * kMmPerStylePx);
                        break;
                }
                rows.push_back(std::move(r));
            }
            if (rows.empty()) continue;
            if (!g.title.empty())
                out.push_back({LayoutLegendEntry::Symbol::Heading,
                               {},
                               {},
                               0,
                               0,
                               QString::fromStdString(g.title),
                               -1});
            out.insert(out.end(), rows.begin(), rows.end());
        }
        return out;
    }

    MapDrawReport report() override {
        measure();
        MapDrawReport r;
        r.labelsPlaced = result_.labelsPlaced;
        r.labelsDropped = result_.labelsDropped;
        r.droppedLabels = result_.droppedLabels;
        r.labelTexts = result_.placedLabels;
        return r;
    }

    bool showsLayer(const std::string& relation) const override {
        const QRegularExpression from(
            QStringLiteral("\\bfrom\\s+\"?%1\\b")
                .arg(QRegularExpression::escape(QString::fromStdString(relation))),
            QRegularExpression::CaseInsensitiveOption);
        for (const Layer& layer : style_->layers) {
            if (layer.type == LayerType::Background) continue;
            const Source* s = style_->findSource(layer.source);
            if (!s) continue;
            if (s->table == relation ||
                (!s->sql.empty() && from.match(QString::fromStdString(s->sql)).hasMatch()))
                return true;
        }
        return false;
    }

  private:
    void setOverlay(Overlay overlay) override { overlay_ = std::move(overlay); }

    RenderRequest makeRequest() const {
        RenderRequest r;
        r.style = style_;
        r.view = view_;
        r.fontFamily = family_;
        if (overlay_) {
            r.beforeLabels = [overlay = overlay_, extent = view_.extent,
                              size = QSizeF(view_.sizePx),
                              dpi = view_.dpi](QPainter& p) { overlay(p, extent, size, dpi); };
        }
        return r;
    }

    // The frame drawn on a device that draws nothing: legend counts and labels.
    void measure() {
        if (measured_) return;
        NullPaintDevice device(view_.sizePx, view_.dpi);
        QPainter painter(&device);
        result_ = renderer_.render(painter, makeRequest());
        painter.end();
        measured_ = true;
        throwOnErrors(result_);
    }

    static void throwOnErrors(const RenderResult& r) {
        if (r.errors.empty()) return;
        const RenderError& e = r.errors.front();
        std::string msg =
            (e.layer.empty() ? std::string() : "layer '" + e.layer + "': ") + e.message;
        if (r.errors.size() > 1)
            msg += " (and " + std::to_string(r.errors.size() - 1) + " more render error" +
                   (r.errors.size() > 2 ? "s" : "") + ")";
        throw Error(ErrorKind::Render, msg);
    }

    // The renderer draws geometry a few pixels beyond the frame: paint the
    // ring outside the frame white again (nothing else is on the page yet).
    static void whiteOutMargin(QPainter& painter, const QRectF& t) {
        constexpr double m = 64;
        painter.save();
        painter.setClipping(false);
        painter.setRenderHint(QPainter::Antialiasing, false);
        painter.setPen(Qt::NoPen);
        painter.setBrush(Qt::white);
        painter.drawRect(QRectF(t.left() - m, t.top() - m, t.width() + 2 * m, m));
        painter.drawRect(QRectF(t.left() - m, t.bottom(), t.width() + 2 * m, m));
        painter.drawRect(QRectF(t.left() - m, t.top(), m, t.height()));
        painter.drawRect(QRectF(t.right(), t.top(), m, t.height()));
        painter.restore();
    }

    MapRenderer renderer_;
    std::shared_ptr<const Style> style_;
    QString family_;
    MapView view_;
    Overlay overlay_;
    bool measured_ = false;
    RenderResult result_;
};

}  // namespace

std::unique_ptr<MapDrawer> makeMapDrawer(std::shared_ptr<GeoDatabase> db,
                                         std::shared_ptr<const Style> style) {
    if (!style) throw Error(ErrorKind::Style, "no style for the export");
    return std::make_unique<RendererMapDrawer>(std::move(db), std::move(style));
}

}  // namespace jinmap
