#pragma once
// The viewer's window onto the core renderer for one theme (style): draws a
// frame for an EPSG:3857 extent, lists the style's layers and its legend with
// counts for the current filters, and answers what is drawn under a pixel.
// Threads: render() and legend() run on the frame thread (frameThreadPool),
// which loads the layers through its own connection; layers(), the legend's
// titles, metadata(), hitTest() and find() run on the GUI thread and read
// only the style and layers a frame has already loaded (immutable LayerData),
// never the database. State shared by both (the last frame's errors, the
// style variants) is under a mutex.
#include <QColor>
#include <QImage>
#include <QPointF>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QVector>
#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "data/geometry.h"
#include "render/map_renderer.h"

class QThreadPool;

namespace jinmap {
class GeoDatabase;
}

namespace jinmap::viewer {

struct FrameRequest {
    Bounds extent;              // EPSG:3857 metres
    QSize pixelSize;            // device pixels
    double dpr = 1.0;           // device pixels per logical pixel
    FeatureFilter filter;       // the town filters (null: every feature)
    ColumnOverrides overrides;  // the county counts of the filtered towns
    QSet<QString> hiddenLayers;
    QString language;  // legend texts: "en", or empty for the style's own (Chinese)
};

struct LegendRow {
    enum class Symbol { Fill, Line, Circle, Hatch, Heading };
    Symbol symbol = Symbol::Fill;
    QColor fill, stroke;
    QString shape = QStringLiteral("circle");  // circles: circle / star / square / triangle
    double size = 0;                           // circle radius or line width, px
    bool dashed = false;
    QString label;
    QString layerId, property, key;  // the class (LegendCount's layerId, property, classKey)
    QString relation;                // what the layer draws
    int count = -1;                  // features drawn for the filters; -1: not counted
    bool inData = true;              // some feature of the data is in this class
};

struct LayerRow {
    QString id;
    QString label;   // the style's legend title, else empty
    QString source;  // the database relation it draws (empty: background)
    QString type;    // fill / line / circle / symbol / background
    bool visible = true;
};

// What a click or the pointer is over: the topmost drawn feature of a style
// layer, with its attributes.
struct MapHit {
    QString layerId, relation;
    std::shared_ptr<const LayerData> data;
    std::size_t index = 0;
    QString attribute(const char* column) const;
    // Its rings (lines; a point as a one-point ring) in EPSG:3857, closed for
    // polygons, simplified to `toleranceMetres`.
    QVector<QVector<QPointF>> rings(double toleranceMetres) const;
};

class FrameSource {
  public:
    virtual ~FrameSource() = default;
    // Draws the frame; returns a null image when cancelled. Throws jinmap::Error.
    virtual QImage render(const FrameRequest& request,
                          const std::shared_ptr<std::atomic<bool>>& cancel) = 0;
    virtual std::vector<LegendRow> legend(const FrameRequest& request) = 0;
    // The legend's rows without counts (style only: any thread).
    virtual std::vector<LegendRow> legendSymbols(const QString& language) = 0;
    virtual std::vector<LayerRow> layers() = 0;
    virtual QString legendTitle(const QString& language) = 0;
    virtual QString legendNote(const QString& language) = 0;
    // A string entry of the style's metadata (e.g. "jinmap:home"), or "".
    virtual QString metadata(const QString& key) = 0;
    // Features drawn under `logicalPx` of a view (request's extent, size and
    // hidden layers; the filters too), topmost first.
    virtual std::vector<MapHit> hitTest(const FrameRequest& request, QPointF logicalPx) = 0;
    // The feature of a loaded relation whose `column` equals `value` (first
    // of `relations` that is loaded and has it); no hit when none is.
    virtual MapHit find(const QStringList& relations, const char* column, const QString& value) = 0;
    // Problems of the last frame (one per layer), for the status bar.
    virtual QStringList lastErrors() { return {}; }
};

// The one thread that draws frames: requests run one at a time in the order
// given (ThematicLayer keeps only the newest camera pending), and a frame
// source's caches (fonts, label sprites) warm up on the thread that uses them.
QThreadPool* frameThreadPool();

// Starts drawing a throw-away frame of `request` on the frame thread, so
// that the renderer's caches (projected and simplified geometry, label
// positions and sprites, fonts) are built while the window is still being
// created, not when the first real frame is due.
void warmUpFrameSource(std::shared_ptr<FrameSource> source, const FrameRequest& request);

// A frame source for a style file (empty: the built-in style, a resource). Throws
// jinmap::Error(Style/Io) when the style cannot be used.
std::unique_ptr<FrameSource> makeFrameSource(const std::shared_ptr<GeoDatabase>& db,
                                             const std::string& stylePath);

}  // namespace jinmap::viewer
