#pragma once
// What the exporter needs from the map renderer, per page: set the view,
// draw the frame, tell which legend classes are present (with counts) and
// what was lost (labels dropped by collision, missing glyphs).
#include <QPainter>
#include <QSizeF>
#include <QStringList>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "data/geometry.h"
#include "export/print_layout.h"

namespace jinmap {

class GeoDatabase;
struct Style;

struct MapDrawReport {
    int labelsPlaced = 0;
    int labelsDropped = 0;
    QStringList droppedLabels;  // texts of labels dropped by collision
    QStringList labelTexts;     // texts of labels placed
};

class MapDrawer {
  public:
    virtual ~MapDrawer() = default;
    // Font family that replaces the style's fonts (the export font for PDF,
    // the system family name for SVG).
    virtual void setFontFamily(const QString& family) = 0;
    // crs: map CRS; extent: in map units (matching the frame's aspect);
    // sizePx: frame size in device pixels at `dpi`.
    virtual void setView(const std::string& crs, const Bounds& extent, QSizeF sizePx,
                         double dpi) = 0;
    // Draws the frame into `targetPx` of `painter` (already clipped).
    virtual void draw(QPainter& painter, const QRectF& targetPx) = 0;
    // Something drawn over the map and under its labels by the next draw()
    // calls, given the frame's painter in device pixels of the view (origin
    // at the frame's corner), the view's extent (map units), size and dpi. Empty: none.
    using Overlay = std::function<void(QPainter&, const Bounds& extent, QSizeF sizePx, double dpi)>;
    virtual void setOverlay(Overlay overlay) = 0;
    // Legend entries for classes present in the current view, with counts.
    virtual std::vector<LayoutLegendEntry> legend() = 0;
    virtual QString legendTitle() const { return QStringLiteral("图例"); }
    // Labels of the current view (computed without drawing when needed).
    virtual MapDrawReport report() = 0;
    // Layers drawn (for the caveat notes): e.g. "towns" when town points show.
    virtual bool showsLayer(const std::string& relation) const = 0;
};

// The MapRenderer-backed drawer for `style` (one renderer and geometry cache
// per drawer). draw(), legend() and report() throw Error(Render) naming the
// first of the renderer's errors and their count.
std::unique_ptr<MapDrawer> makeMapDrawer(std::shared_ptr<GeoDatabase> db,
                                         std::shared_ptr<const Style> style);

}  // namespace jinmap
