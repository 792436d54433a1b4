#include "frame_source.h"

#include <QFile>
#include <QThreadPool>
#include <QtConcurrent>
#include <map>
#include <mutex>

#include "base/error.h"
#include "data/geodatabase.h"
#include "map_math.h"
#include "render/map_renderer.h"
#include "style/color.h"
#include "style/legend.h"
#include "style/style_parser.h"

namespace jinmap::viewer {

namespace {

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

// One renderer (and its projected-geometry cache) per open database, shared
// by the themes.
std::shared_ptr<MapRenderer> rendererFor(const std::shared_ptr<GeoDatabase>& db) {
    static std::mutex mutex;
    static std::weak_ptr<MapRenderer> cached;
    static const GeoDatabase* cachedDb = nullptr;
    std::lock_guard<std::mutex> lock(mutex);
    auto r = cached.lock();
    if (r && cachedDb == db.get()) return r;
    r = std::make_shared<MapRenderer>(db);
    cached = r;
    cachedDb = db.get();
    return r;
}

// The viewer's town filter as the renderer's per-feature hook.
FeatureFilter makeFilter(const TownFilter& f) {
    if (f.isEmpty()) return {};
    return [f](const std::string& relation, const Fields& fields, const std::vector<Value>& row) {
        if (relation != "towns") return true;
        auto text = [&](const char* name) {
            const int i = fields.indexOf(name);
            return i < 0 ? QString() : qs(valueToString(row[static_cast<std::size_t>(i)]));
        };
        PointItem t;
        t.level = text("level");
        t.sectorGroup = text("sector_group");
        t.prefecture = text("prefecture");
        return f.accepts(t);
    };
}

class RendererFrameSource final : public FrameSource {
  public:
    RendererFrameSource(const std::shared_ptr<GeoDatabase>& db, const std::string& stylePath)
        : renderer_(rendererFor(db)) {
        ParseResult parsed;
        if (stylePath.empty()) {
            QFile f(QStringLiteral(":/fallback_style.json"));
            if (!f.open(QIODevice::ReadOnly))
                throw Error(ErrorKind::Style, "built-in style missing");
            const QByteArray text = f.readAll();
            parsed = parseStyleText(
                std::string_view(text.constData(), static_cast<std::size_t>(text.size())),
                "built-in style");
        } else {
            parsed = parseStyleFile(stylePath);
        }
        style_ = parsed.style;
        legend_ = buildLegend(*style_, styleZoom(7));
    }

    QImage render(const FrameRequest& request,
                  const std::shared_ptr<std::atomic<bool>>& cancel) override {
        RenderRequest r = makeRequest(request);
        r.cancel = cancel;
        RenderResult result = renderer_->renderImage(r);
        {
            std::lock_guard<std::mutex> lock(mutex_);
            errors_.clear();
            for (const auto& e : result.errors)
                errors_ << qs(e.layer.empty() ? e.message : e.layer + ": " + e.message);
        }
        if (result.cancelled) return {};
        return result.image;
    }

    std::vector<LegendRow> legend(const FrameRequest& request) override {
        // Counts for the request's extent (the province): a small frame
        // without labels, whose per-class counts follow the filter.
        FrameRequest small = request;
        small.pixelSize = QSize(400, 400);
        RenderRequest r = makeRequest(small);
        r.labels = false;
        const RenderResult result = renderer_->renderImage(r);
        std::vector<LegendRow> rows;
        const std::shared_ptr<const Style> style = styleFor(request.hiddenLayers);
        for (const LegendGroup& g : legend_.groups) {
            const Layer* layer = style->findLayer(g.layerId);
            if (!layer || !layer->visible) continue;
            LegendRow heading;
            heading.symbol = LegendRow::Symbol::Heading;
            heading.label = qs(g.title);
            rows.push_back(heading);
            const std::string property =
                g.properties.empty() ? std::string() : g.properties.front();
            for (const LegendEntry& e : g.entries) {
                LegendRow row;
                row.symbol = e.hatch                            ? LegendRow::Symbol::Hatch
                             : g.symbol == LegendSymbol::Line   ? LegendRow::Symbol::Line
                             : g.symbol == LegendSymbol::Circle ? LegendRow::Symbol::Circle
                                                                : LegendRow::Symbol::Fill;
                const QColor c = toQColor(e.color, e.opacity);
                row.fill = c;
                row.stroke = e.strokeColor.a > 0 ? toQColor(e.strokeColor) : c.darker(130);
                row.label = qs(e.label);
                row.count = 0;
                bool counted = false;
                for (const LegendCount& lc : result.legend) {
                    if (lc.layerId == g.layerId && lc.property == property &&
                        lc.classKey == e.key) {
                        row.count = lc.count;
                        counted = true;
                    }
                }
                if (!counted && g.properties.empty()) row.count = -1;
                rows.push_back(row);
            }
        }
        return rows;
    }

    std::vector<LayerRow> layers() override {
        std::vector<LayerRow> out;
        for (const Layer& l : style_->layers) {
            LayerRow row;
            row.id = qs(l.id);
            row.source = qs(l.source);
            row.type = QString::fromLatin1(layerTypeName(l.type));
            row.visible = l.visible;
            for (const auto& [key, labels] : style_->legend.entries)
                if (key == l.id || key.rfind(l.id + "/", 0) == 0)
                    if (row.label.isEmpty() && !labels.title.empty()) row.label = qs(labels.title);
            out.push_back(row);
        }
        return out;
    }

    QString legendTitle() override { return qs(legend_.title); }
    QString legendNote() override { return qs(legend_.note); }
    QStringList lastErrors() override {
        std::lock_guard<std::mutex> lock(mutex_);
        return errors_;
    }

  private:
    RenderRequest makeRequest(const FrameRequest& request) {
        RenderRequest r;
        r.style = styleFor(request.hiddenLayers);
        r.view.crs = "EPSG:3857";
        r.view.extent = request.extent;
        r.view.sizePx = request.pixelSize;
        r.view.dpi = 96;
        r.view.devicePixelRatio = request.dpr;
        r.filter = makeFilter(request.filter);
        return r;
    }

    // The style with the hidden layers switched off; one copy per set of
    // hidden layers, kept so that the renderer's per-style caches are reused.
    std::shared_ptr<const Style> styleFor(const QSet<QString>& hidden) {
        if (hidden.isEmpty()) return style_;
        QStringList keyList = hidden.values();
        keyList.sort();
        const QString key = keyList.join(QLatin1Char('\n'));
        std::lock_guard<std::mutex> lock(mutex_);
        auto it = variants_.find(key);
        if (it != variants_.end()) return it->second;
        auto copy = std::make_shared<Style>(*style_);
        for (Layer& l : copy->layers)
            if (hidden.contains(qs(l.id))) l.visible = false;
        variants_[key] = copy;
        return copy;
    }

    std::shared_ptr<MapRenderer> renderer_;
    std::shared_ptr<const Style> style_;
    Legend legend_;
    std::mutex mutex_;
    std::map<QString, std::shared_ptr<const Style>> variants_;
    QStringList errors_;
};

}  // namespace

QThreadPool* frameThreadPool() {
    static QThreadPool* pool = [] {
        auto* p = new QThreadPool;
        p->setMaxThreadCount(1);
        p->setExpiryTimeout(-1);
        return p;
    }();
    return pool;
}

void warmUpFrameSource(std::shared_ptr<FrameSource> source, const FrameRequest& request) {
    if (!source) return;
    QtConcurrent::run(frameThreadPool(), [source = std::move(source), request] {
        try {
            source->render(request, std::make_shared<std::atomic<bool>>(false));
        } catch (const std::exception&) {
            // The real frame reports the same problem in the window.
        }
    });
}

std::unique_ptr<FrameSource> makeFrameSource(const std::shared_ptr<GeoDatabase>& db,
                                             const std::string& stylePath) {
    return std::make_unique<RendererFrameSource>(db, stylePath);
}

}  // namespace jinmap::viewer
