#include "frame_source.h"

#include <QFile>
#include <QThreadPool>
#include <QtConcurrent>
#include <map>
#include <mutex>

#include "base/error.h"
#include "data/geodatabase.h"
#include "map_math.h"
#include "render/layer_cache.h"
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

const char* shapeName(CircleShape shape) {
    switch (shape) {
        case CircleShape::Star:
            return "star";
        case CircleShape::Square:
            return "square";
        case CircleShape::Triangle:
            return "triangle";
        case CircleShape::Circle:
            break;
    }
    return "circle";
}

// Counts of one legend class in a frame's result.
int countOf(const std::vector<LegendCount>& counts, const LegendRow& row) {
    const std::string layer = row.layerId.toStdString(), property = row.property.toStdString(),
                      key = row.key.toStdString();
    for (const LegendCount& c : counts)
        if (c.layerId == layer && c.property == property && c.classKey == key) return c.count;
    return 0;
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
        // without labels, whose per-class counts follow the filters; classes
        // no feature of the data falls in (without filters) are marked so.
        const std::vector<LegendCount> counts = countsFor(request, false);
        const std::vector<LegendCount> inData = countsFor(request, true);
        const std::shared_ptr<const Style> style = styleFor(request.hiddenLayers);
        std::vector<LegendRow> rows;
        for (LegendRow& row : legendSymbols(request.language)) {
            const Layer* layer = style->findLayer(row.layerId.toStdString());
            if (!layer || !layer->visible) continue;
            // Constant-symbol groups (the hatched "no data", the schematic
            // layout) are counted as class "default" of their layer.
            if (row.symbol != LegendRow::Symbol::Heading) {
                row.count = countOf(counts, row);
                row.inData = countOf(inData, row) > 0;
            }
            rows.push_back(std::move(row));
        }
        return rows;
    }

    std::vector<LegendRow> legendSymbols(const QString& language) override {
        std::vector<LegendRow> rows;
        for (const LegendGroup& g : legendIn(language).groups) {
            const Layer* layer = style_->findLayer(g.layerId);
            const Source* source = layer ? style_->findSource(layer->source) : nullptr;
            const QString relation =
                source ? qs(source->table.empty() ? source->name : source->table) : QString();
            LegendRow heading;
            heading.symbol = LegendRow::Symbol::Heading;
            heading.label = qs(g.title);
            heading.layerId = qs(g.layerId);
            heading.relation = relation;
            rows.push_back(heading);
            const QString property = g.properties.empty() ? QString() : qs(g.properties.front());
            for (const LegendEntry& e : g.entries) {
                LegendRow row;
                row.symbol = e.hatch                            ? LegendRow::Symbol::Hatch
                             : g.symbol == LegendSymbol::Line   ? LegendRow::Symbol::Line
                             : g.symbol == LegendSymbol::Circle ? LegendRow::Symbol::Circle
                                                                : LegendRow::Symbol::Fill;
                const QColor c = toQColor(e.color, e.opacity);
                row.fill = c;
                row.stroke = e.strokeColor.a > 0 ? toQColor(e.strokeColor) : c.darker(130);
                row.shape = QString::fromLatin1(shapeName(e.shape));
                row.size = e.size;
                row.dashed = !e.dasharray.empty();
                row.label = qs(e.label);
                row.layerId = qs(g.layerId);
                row.relation = relation;
                row.property = property;
                row.key = qs(e.key);
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
            if (const Source* s = style_->findSource(l.source))
                row.source = qs(s->table.empty() ? s->name : s->table);
            row.type = QString::fromLatin1(layerTypeName(l.type));
            row.visible = l.visible;
            for (const auto& [key, labels] : style_->legend.entries)
                if (key == l.id || key.rfind(l.id + "/", 0) == 0)
                    if (row.label.isEmpty() && !labels.title.empty()) row.label = qs(labels.title);
            out.push_back(row);
        }
        return out;
    }

    QString legendTitle(const QString& language) override { return qs(legendIn(language).title); }
    QString legendNote(const QString& language) override { return qs(legendIn(language).note); }
    QString metadata(const QString& key) override {
        const auto it = style_->metadata.find(key.toStdString());
        return it == style_->metadata.end() ? QString() : qs(it->second);
    }

    std::vector<MapHit> hitTest(const FrameRequest& request, QPointF logicalPx) override {
        const RenderRequest r = makeRequest(request);
        std::vector<MapHit> out;
        for (HitFeature& h :
             renderer_->hitTest(r.view, logicalPx * request.dpr, *r.style, r.filter, r.overrides)) {
            MapHit hit;
            hit.layerId = qs(h.layerId);
            hit.relation = qs(h.relation);
            hit.data = std::move(h.data);
            hit.index = h.index;
            out.push_back(std::move(hit));
        }
        return out;
    }

    MapHit find(const QStringList& relations, const char* column, const QString& value) override {
        const LayerCache& cache = renderer_->layerCache();
        const std::string wanted = value.toStdString();
        for (const QString& relation : relations) {
            std::shared_ptr<const LayerData> data = cache.find(relation.toStdString(), "EPSG:3857");
            if (!data) continue;
            const int col = data->fields().indexOf(column);
            if (col < 0) continue;
            for (std::size_t i = 0; i < data->size(); ++i)
                if (valueToString(data->row(i)[static_cast<std::size_t>(col)]) == wanted) {
                    MapHit hit;
                    hit.relation = relation;
                    hit.data = data;
                    hit.index = i;
                    return hit;
                }
        }
        return {};
    }

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
        r.filter = request.filter;
        r.overrides = request.overrides;
        return r;
    }

    // Per-class counts of a small frame of the request's extent, without
    // labels: with the request's filters, or of all the data (cached).
    std::vector<LegendCount> countsFor(const FrameRequest& request, bool allData) {
        if (allData) {
            std::lock_guard<std::mutex> lock(mutex_);
            if (dataCountsReady_) return dataCounts_;
        }
        FrameRequest small = request;
        small.pixelSize = QSize(400, 400);
        small.dpr = 1;
        if (allData) {
            small.filter = {};
            small.overrides = {};
            small.hiddenLayers.clear();
        }
        RenderRequest r = makeRequest(small);
        r.labels = false;
        const RenderResult result = renderer_->renderImage(r);
        if (allData && result.errors.empty()) {
            std::lock_guard<std::mutex> lock(mutex_);
            dataCounts_ = result.legend;
            dataCountsReady_ = true;
        }
        return result.legend;
    }

    const Legend& legendIn(const QString& language) {
        std::lock_guard<std::mutex> lock(mutex_);
        auto it = legends_.find(language);
        if (it == legends_.end())
            it = legends_
                     .emplace(language, buildLegend(*style_, styleZoom(7), language.toStdString()))
                     .first;
        return it->second;
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
    std::mutex mutex_;
    std::map<QString, Legend> legends_;  // by language; entries never removed
    std::map<QString, std::shared_ptr<const Style>> variants_;
    std::vector<LegendCount> dataCounts_;
    bool dataCountsReady_ = false;
    QStringList errors_;
};

}  // namespace

QString MapHit::attribute(const char* column) const {
    if (!data) return {};
    const int i = data->fields().indexOf(column);
    return i < 0 ? QString() : qs(valueToString(data->row(index)[static_cast<std::size_t>(i)]));
}

QVector<QVector<QPointF>> MapHit::rings(double toleranceMetres) const {
    QVector<QVector<QPointF>> out;
    if (!data) return out;
    const FlatGeometry& g = data->geometryFor(toleranceMetres);
    const bool closed = data->polygonal();
    for (std::size_t r = g.ringBegin(index); r < g.ringEnd(index); ++r) {
        QVector<QPointF> ring;
        for (std::size_t k = g.pointBegin(r); k < g.pointEnd(r); ++k)
            ring << QPointF(g.x(k), g.y(k));
        if (closed && ring.size() > 2 && ring.front() != ring.back()) ring << ring.front();
        if (!ring.isEmpty()) out << ring;
    }
    return out;
}

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
            // Not lost: the first real frame draws the same layers and reports
            // the same problem in the window.
        }
    });
}

std::unique_ptr<FrameSource> makeFrameSource(const std::shared_ptr<GeoDatabase>& db,
                                             const std::string& stylePath) {
    return std::make_unique<RendererFrameSource>(db, stylePath);
}

}  // namespace jinmap::viewer
