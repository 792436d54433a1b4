#pragma once
// The map renderer: draws a Style's layers from jinmap.sqlite with QPainter
// onto any QPaintDevice (QImage for the screen, PDF/SVG/print for export).
//
// Thread model: a MapRenderer and its caches are shared; prepare() may run on
// any thread and builds the projected geometry the request needs;
// render()/renderImage() can run on worker threads concurrently. A layer not
// prepared yet is loaded by the thread that draws it, through that thread's
// own read-only connection (GeoDatabase::database()): no SQLite connection
// crosses threads. A frame stops early when its cancel flag is set. Problems
// with one layer are reported in RenderResult::errors (QGIS style) and never
// abort the frame.
#include <QImage>
#include <QPointF>
#include <QSize>
#include <QStringList>
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "data/feature.h"
#include "data/geometry.h"

class QPainter;

namespace jinmap {

class GeoDatabase;
class LayerCache;
class LayerData;
struct Style;
struct Layer;
struct StyledLayer;
struct FrameContext;

struct MapView {
    std::string crs = "EPSG:3857";
    Bounds extent;    // map CRS units; should match the aspect of sizePx
    QSize sizePx;     // device pixels
    double dpi = 96;  // 96 on screen; the export's dpi on paper
    double devicePixelRatio = 1;

    // Style pixels (MapLibre "px", 1/96 in) → device pixels.
    double pixelRatio() const { return dpi / 96.0 * devicePixelRatio; }
    double unitsPerPixel() const {
        return sizePx.width() > 0 ? extent.width() / sizePx.width() : 0;
    }
    // Map coordinates → device pixels (y down) and back.
    QPointF toPixel(double x, double y) const;
    QPointF toMap(QPointF px) const;
    bool isValid() const;
};

// MapLibre zoom level of a view (512-px tiles: the world is 512·2^zoom style
// pixels wide at the view's ground resolution at its centre), so minzoom,
// maxzoom and ["zoom"] mean on screen and on paper what they mean in MapLibre.
double zoomForView(const MapView& view);

// Called for every feature before it is drawn (the viewer's level / sector /
// prefecture filters); return false to hide it. Runs on the render thread.
using FeatureFilter = std::function<bool(const std::string& relation, const Fields& fields,
                                         const std::vector<Value>& row)>;

// Columns of a relation replaced for a frame by values keyed on another
// column: the viewer's per-county counts of the towns its filters keep, so
// that a choropleth on those columns and its legend counts follow the
// filters. Features whose key is not listed get `otherwise`.
struct ColumnOverride {
    std::string relation;              // table or view, as LayerData::relation()
    std::string keyColumn;             // e.g. "adcode"
    std::vector<std::string> columns;  // e.g. "town_count", "provincial_count"
    std::unordered_map<std::string, std::vector<Value>> values;  // key → one per column
    std::vector<Value> otherwise;                                // one per column
};
using ColumnOverrides = std::shared_ptr<const std::vector<ColumnOverride>>;

using CancelFlag = std::shared_ptr<std::atomic<bool>>;
inline CancelFlag makeCancelFlag() {
    return std::make_shared<std::atomic<bool>>(false);
}

struct RenderRequest {
    std::shared_ptr<const Style> style;
    MapView view;
    FeatureFilter filter;       // optional
    ColumnOverrides overrides;  // optional
    bool labels = true;
    CancelFlag cancel;  // optional
    // Replaces the style's text-font family (the export font); empty: the style's.
    QString fontFamily;
    // Simplification tolerance in device pixels (0: exact geometry).
    double simplifyPixels = 1.0;
    // Drawn over the geometry and under the labels, in the frame's device
    // pixels (an export's highlighted county, say). Optional.
    std::function<void(QPainter&)> beforeLabels;
};

struct RenderError {
    std::string layer;  // style layer id ("" for the frame)
    std::string message;
};

// Features drawn in the frame per legend class: layerId and classKey match a
// LegendGroup's layerId and LegendEntry::key of buildLegend() (style/legend.h).
struct LegendCount {
    std::string layerId;
    std::string property;  // the group's first classifying property, e.g. "fill-color"
    std::string classKey;
    int count = 0;
};

struct RenderResult {
    QImage image;  // renderImage() only
    std::vector<RenderError> errors;
    std::vector<LegendCount> legend;
    int featuresDrawn = 0;
    std::size_t verticesDrawn = 0;  // after simplification and clipping
    int labelsPlaced = 0;
    int labelsDropped = 0;
    QStringList placedLabels;
    QStringList droppedLabels;
    bool cancelled = false;
    double zoom = 0;
    double prepareMs = 0;  // building caches inside render() (0 when prepared)
    double drawMs = 0;     // geometry layers
    double labelMs = 0;    // placement + drawing of labels
    double totalMs = 0;
    std::vector<std::pair<std::string, double>> layerMs;  // per drawn style layer
};

struct HitFeature {
    std::string layerId;
    std::string relation;
    std::shared_ptr<const LayerData> data;  // holds the attributes
    std::size_t index = 0;                  // feature index in data
    std::int64_t id = 0;
};

class MapRenderer {
  public:
    explicit MapRenderer(std::shared_ptr<GeoDatabase> db);
    ~MapRenderer();
    MapRenderer(const MapRenderer&) = delete;
    MapRenderer& operator=(const MapRenderer&) = delete;

    const std::shared_ptr<GeoDatabase>& database() const { return db_; }
    // The projected layers loaded so far (LayerCache::find reads no database).
    const LayerCache& layerCache() const { return *cache_; }

    // Loads and projects every source the request draws at its zoom, and
    // resolves fonts. Throws Error(Render) when a label font is missing and
    // Error(Projection) for an unknown CRS; layer problems are returned.
    std::vector<RenderError> prepare(const RenderRequest& request);
    // Draws the frame with its top-left corner at the painter's origin, one
    // painter unit per device pixel of request.view. Vector devices (PDF,
    // SVG) get real text with stroked halos and geometry clipped to the frame.
    RenderResult render(QPainter& painter, const RenderRequest& request) const;
    // A frame as an ARGB32 premultiplied image of view.sizePx (its
    // devicePixelRatio set from the view).
    RenderResult renderImage(const RenderRequest& request) const;

    // Features under a device pixel, topmost layer first (fill, line and
    // circle layers visible at the view's zoom, through the layer's filter and
    // `filter`; labels are not hit). Reads only layers already loaded (by a
    // frame or prepare()): it never touches the database, so any thread may
    // call it while others draw. A layer not loaded yet has no hits.
    std::vector<HitFeature> hitTest(const MapView& view, QPointF px, const Style& style,
                                    const FeatureFilter& filter = {},
                                    const ColumnOverrides& overrides = {}) const;

    // Bytes held by projected geometry and per-style caches, and by label sprites.
    std::size_t cacheMemoryBytes() const;
    std::size_t labelCacheBytes() const;
    void clearCaches();
    // True when a layer loaded so far came from the geometry store.
    bool usesGeometryStore() const;

    struct ImagePool;

  private:
    // The frame loop: each visible layer to its painter (layer_painter.h),
    // then the labels.
    RenderResult renderFrame(QPainter& painter, const RenderRequest& request,
                             bool skipLeadingBackground) const;
    bool checkFrameRequest(const RenderRequest& request, RenderResult& result) const;
    void paintDataLayer(FrameContext& ctx, std::size_t layerIndex, double& prepareMs) const;
    void placeAndDrawLabels(FrameContext& ctx) const;
    std::shared_ptr<const StyledLayer> styledLayer(
        const std::shared_ptr<const Style>& style, std::size_t layerIndex,
        const std::shared_ptr<const LayerData>& data) const;

    QImage takeImage(QSize size) const;

    std::shared_ptr<GeoDatabase> db_;
    std::unique_ptr<LayerCache> cache_;
    std::shared_ptr<ImagePool> pool_;  // recycled frame buffers
    mutable std::mutex styledMutex_;
    struct StyledEntry {
        std::shared_ptr<const Style> style;  // keeps the key's address alive
        std::shared_ptr<const LayerData> data;
        std::shared_ptr<const StyledLayer> styled;
    };
    mutable std::map<std::pair<const void*, const void*>, StyledEntry> styled_;
};

}  // namespace jinmap
