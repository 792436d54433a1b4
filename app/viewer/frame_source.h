#pragma once
// The viewer's window onto the core renderer: draws a frame for an
// EPSG:3857 extent (on a worker thread), lists the style's layers and its
// legend with counts for the current filter. One implementation wraps the
// core renderer. Threads: render() and legend() run on the frame thread,
// layers() and the titles on the GUI thread; the state they share (the last
// frame's errors, the style variants) is under a mutex, and the renderer
// reads the database through each thread's own connection.
#include <QColor>
#include <QImage>
#include <QSet>
#include <QString>
#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "data/geometry.h"
#include "scene_index.h"

class QThreadPool;

namespace jinmap {
class GeoDatabase;
}

namespace jinmap::viewer {

struct FrameRequest {
    Bounds extent;     // EPSG:3857 metres
    QSize pixelSize;   // device pixels
    double dpr = 1.0;  // device pixels per logical pixel
    TownFilter filter;
    QSet<QString> hiddenLayers;
};

struct LegendRow {
    enum class Symbol { Fill, Line, Circle, Hatch, Heading };
    Symbol symbol = Symbol::Fill;
    QColor fill, stroke;
    QString label;
    int count = -1;  // -1: no count
};

struct LayerRow {
    QString id;
    QString label;   // the style's legend title, else empty
    QString source;  // the database relation it draws (empty: background)
    QString type;    // fill / line / circle / symbol / background
    bool visible = true;
};

class FrameSource {
  public:
    virtual ~FrameSource() = default;
    // Draws the frame; returns a null image when cancelled. Throws jinmap::Error.
    virtual QImage render(const FrameRequest& request,
                          const std::shared_ptr<std::atomic<bool>>& cancel) = 0;
    virtual std::vector<LegendRow> legend(const FrameRequest& request) = 0;
    virtual std::vector<LayerRow> layers() = 0;
    virtual QString legendTitle() = 0;
    virtual QString legendNote() { return {}; }
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
