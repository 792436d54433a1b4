#pragma once
// A print layout: the map frame and the optional elements around it (title,
// legend, scale bar, north arrow, inset locator, notes), placed in
// millimetres on a PageSetup and painted onto any QPainter (PDF, SVG, image
// band). Placement never depends on the output resolution, so a 72-dpi
// preview and a 600-dpi export show the same page.
#include <QColor>
#include <QPainterPath>
#include <QRectF>
#include <QString>
#include <QStringList>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "data/geometry.h"
#include "export/layout_typeface.h"
#include "export/page_setup.h"

class QPainter;

namespace jinmap {

class CrsTransform;

// Everything a layout element needs to draw itself at one resolution (the
// typeface is the element's own: the one it was measured with).
struct PaintContext {
    double pxPerMm = 1;  // device pixels per millimetre
    QPainter* painter = nullptr;
    QRectF toPx(const QRectF& mm) const {
        return {mm.x() * pxPerMm, mm.y() * pxPerMm, mm.width() * pxPerMm, mm.height() * pxPerMm};
    }
    double px(double mm) const { return mm * pxPerMm; }
};

// Text extent in millimetres of `text` wrapped to `widthMm` (0: one line).
QSizeF measureTextMm(const LayoutTypeface& type, double points, bool bold, const QString& text,
                     double widthMm = 0);

struct LayoutLegendEntry {
    enum class Symbol { Fill, Line, Circle, Star, Square, Triangle, Hatch, Heading };
    Symbol symbol = Symbol::Fill;
    QColor fill;
    QColor stroke;
    double strokeMm = 0.2;
    double radiusMm = 1.2;  // circles, stars, squares, triangles (point symbols)
    QString label;
    int count = -1;  // shown as "（N）" when ≥ 0
};

// An element measures and paints its text with the typeface it is built
// with, so its measured size is what it draws at every resolution.
class LayoutElement {
  public:
    explicit LayoutElement(LayoutTypeface type) : type_(std::move(type)) {}
    virtual ~LayoutElement() = default;
    virtual const char* name() const = 0;
    // Height in millimetres when given `widthMm` (may be less than asked).
    virtual double heightFor(double widthMm) const = 0;
    virtual void paint(const PaintContext& ctx, const QRectF& mm) const = 0;
    // Texts drawn by the element (for the glyph check and for tests).
    virtual QStringList texts() const { return {}; }
    const LayoutTypeface& typeface() const { return type_; }

  protected:
    LayoutTypeface type_;
};

class TitleElement : public LayoutElement {
  public:
    TitleElement(LayoutTypeface type, QString title, QString subtitle, QString badge)
        : LayoutElement(std::move(type)),
          title_(std::move(title)),
          subtitle_(std::move(subtitle)),
          badge_(std::move(badge)) {}
    const char* name() const override { return "title"; }
    double heightFor(double widthMm) const override;
    void paint(const PaintContext& ctx, const QRectF& mm) const override;
    QStringList texts() const override { return {title_, subtitle_, badge_}; }
    static constexpr double kTitlePt = 20, kSubtitlePt = 11, kBadgePt = 12;

  private:
    QString title_, subtitle_, badge_;
};

class LegendElement : public LayoutElement {
  public:
    LegendElement(LayoutTypeface type, QString heading, std::vector<LayoutLegendEntry> entries)
        : LayoutElement(std::move(type)),
          heading_(std::move(heading)),
          entries_(std::move(entries)) {}
    const char* name() const override { return "legend"; }
    double heightFor(double widthMm) const override;
    void paint(const PaintContext& ctx, const QRectF& mm) const override;
    QStringList texts() const override;
    // Keeps the first `n` entries (the layout shortens a legend that does not fit).
    void truncate(std::size_t n);
    std::size_t size() const { return entries_.size(); }
    static constexpr double kPt = 8, kHeadingPt = 9.5;

  private:
    QString entryText(const LayoutLegendEntry& e) const;
    QString heading_;
    std::vector<LayoutLegendEntry> entries_;
};

// A scale bar true at the map's centre: its length is a round ground distance
// measured as a geodesic between the bar's ends placed at the centre.
class ScaleBarElement : public LayoutElement {
  public:
    // The layout sets the frame's scale (map-CRS units per millimetre) and
    // the map centre before fit().
    ScaleBarElement(LayoutTypeface type, const CrsTransform& crs)
        : LayoutElement(std::move(type)), crs_(crs) {}
    void setFrame(QPointF mapCenter, double mapUnitsPerMm) {
        center_ = mapCenter;
        mapUnitsPerMm_ = mapUnitsPerMm;
    }
    const char* name() const override { return "scale bar"; }
    double heightFor(double widthMm) const override;
    void paint(const PaintContext& ctx, const QRectF& mm) const override;
    QStringList texts() const override;
    // Chooses the bar for the available width; called by the layout.
    void fit(double widthMm);
    double barLengthMm() const { return barMm_; }
    double groundMetres() const { return metres_; }
    double scaleDenominator() const { return denominator_; }
    static constexpr double kPt = 7.5;

  private:
    const CrsTransform& crs_;
    QPointF center_;
    double mapUnitsPerMm_ = 0;
    double barMm_ = 0, metres_ = 0, denominator_ = 0;
    int segments_ = 4;
};

class NorthArrowElement : public LayoutElement {
  public:
    NorthArrowElement(LayoutTypeface type, double angleDegrees)
        : LayoutElement(std::move(type)), angle_(angleDegrees) {}
    const char* name() const override { return "north arrow"; }
    double heightFor(double) const override { return 17; }
    void paint(const PaintContext& ctx, const QRectF& mm) const override;
    QStringList texts() const override { return {QStringLiteral("北")}; }
    double angle() const { return angle_; }

  private:
    double angle_;
};

// Where the map's extent lies in the province. Outlines are in the map CRS.
class InsetElement : public LayoutElement {
  public:
    InsetElement(LayoutTypeface type, const QPainterPath& province, const QPainterPath& prefectures,
                 QString caption)
        : LayoutElement(std::move(type)),
          province_(province),
          prefectures_(prefectures),
          caption_(std::move(caption)) {}
    void setExtent(const QRectF& mapExtent) { extent_ = mapExtent; }
    const char* name() const override { return "inset"; }
    double heightFor(double widthMm) const override;
    void paint(const PaintContext& ctx, const QRectF& mm) const override;
    QStringList texts() const override { return {caption_}; }
    void setMaxHeight(double mm) { maxHeightMm_ = mm; }

  private:
    QPainterPath province_, prefectures_;
    QRectF extent_;
    QString caption_;
    double maxHeightMm_ = 1e9;
};

// Paragraphs of small text (sources, data version, date, caveats, 审图号 note).
class NoteElement : public LayoutElement {
  public:
    NoteElement(LayoutTypeface type, QStringList paragraphs, double points = 7)
        : LayoutElement(std::move(type)), paragraphs_(std::move(paragraphs)), pt_(points) {}
    const char* name() const override { return "source note"; }
    double heightFor(double widthMm) const override;
    void paint(const PaintContext& ctx, const QRectF& mm) const override;
    QStringList texts() const override { return paragraphs_; }

  private:
    QStringList paragraphs_;
    double pt_;
};

// A table (county sheet): header + rows, columns as fractions of the width.
class TableElement : public LayoutElement {
  public:
    TableElement(LayoutTypeface type, QString caption, QStringList header,
                 std::vector<QStringList> rows, std::vector<double> columnWeights)
        : LayoutElement(std::move(type)),
          caption_(std::move(caption)),
          header_(std::move(header)),
          rows_(std::move(rows)),
          weights_(std::move(columnWeights)) {}
    const char* name() const override { return "table"; }
    double heightFor(double widthMm) const override;
    void paint(const PaintContext& ctx, const QRectF& mm) const override;
    QStringList texts() const override;
    // Shrinks the font (down to 5.5 pt), then drops rows, to fit `heightMm`.
    // Returns the number of rows dropped.
    std::size_t fitTo(double widthMm, double heightMm);
    double points() const { return pt_; }

  private:
    std::vector<double> columnWidths(double widthMm) const;
    double rowHeightMm(const QStringList& row, double widthMm, bool bold) const;
    QString caption_;
    QStringList header_;
    std::vector<QStringList> rows_;
    std::vector<double> weights_;
    double pt_ = 8;
    QString moreNote_;
};

// Draws the map into a frame: target in device pixels, extent in map units
// (already matching the frame's aspect).
using MapPainterFn =
    std::function<void(QPainter& painter, const QRectF& targetPx, const Bounds& extent)>;

struct LayoutOptions {
    bool sidePanel = true;    // elements beside the map (false: below it)
    double panelWidthMm = 0;  // 0: automatic
};

class PrintLayout {
  public:
    explicit PrintLayout(PageSetup page);

    // Elements (any may be null). The layout owns them.
    std::unique_ptr<TitleElement> title;
    std::unique_ptr<LegendElement> legend;
    std::unique_ptr<ScaleBarElement> scaleBar;
    std::unique_ptr<NorthArrowElement> northArrow;
    std::unique_ptr<InsetElement> inset;
    std::unique_ptr<NoteElement> note;
    std::unique_ptr<TableElement> table;  // county sheet: below the map
    double tableShare = 0.45;             // of the body height, when a table is present

    LayoutOptions options;

    // Computes where everything goes. extentHint: the extent to show (map
    // units); it is padded to the frame's aspect. Warnings (legend shortened,
    // inset dropped, table rows dropped) are appended to `warnings`.
    void arrange(const Bounds& extentHint, std::vector<std::string>& warnings);

    const PageSetup& page() const { return page_; }
    QRectF mapFrameMm() const { return frame_; }
    const Bounds& mapExtent() const { return extent_; }
    double mapUnitsPerMm() const {
        return frame_.width() > 0 ? extent_.width() / frame_.width() : 0;
    }
    // Map-CRS → page millimetres, and page mm → map CRS (for georeferencing).
    QPointF mapToPageMm(double x, double y) const;
    std::optional<QRectF> elementRect(const LayoutElement* e) const;

    // Paints the page. `pxPerMm`: device pixels per millimetre of `painter`.
    void paint(QPainter& painter, double pxPerMm, const MapPainterFn& drawMap) const;
    // Every text the layout draws outside the map (for the glyph check).
    QStringList texts() const;

  private:
    PageSetup page_;
    QRectF frame_;
    Bounds extent_;
    std::vector<std::pair<const LayoutElement*, QRectF>> placed_;
};

// Pads `b` around its centre so that width/height equals `aspect`.
Bounds padToAspect(const Bounds& b, double aspect);

}  // namespace jinmap
