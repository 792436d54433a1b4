#pragma once
// Label placement and drawing. Candidates are placed in priority order (layer
// rank: topmost layer first; then symbol-sort-key ascending; then input order)
// against a collision grid: a label is drawn only where no placed label (or
// obstacle, e.g. a town's circle) is, and only when it lies wholly inside the
// frame, so no label is ever drawn over another or cut by the page edge.
//
// Drawing: on raster devices each label (text + halo) is rendered once into a
// cached sprite and blitted; on vector devices (PDF, SVG) the halo is the text
// outline stroked under a real drawText, so text stays text.
#include <QColor>
#include <QFont>
#include <QImage>
#include <QPointF>
#include <QRectF>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <vector>

#include "style/property.h"  // TextAnchor

class QPainter;

namespace jinmap {

struct LabelStyle {
    QFont font;  // pixel size set (device pixels)
    QColor color = Qt::black;
    QColor haloColor = Qt::transparent;
    double haloWidth = 0;  // device pixels
    double padding = 1;    // collision padding, device pixels
};

struct LabelCandidate {
    QString text;
    QPointF anchor;  // device pixels
    int style = 0;   // index returned by LabelEngine::addStyle
    // Positions tried in order: where the anchor point sits on the label box
    // (MapLibre text-anchor) and how far the box is moved (device px,
    // MapLibre text-offset).
    struct Position {
        TextAnchor anchor = TextAnchor::Center;
        QPointF offset;
    };
    std::vector<Position> positions{Position{}};
    double sortKey = 0;            // lower is placed first (within a layer rank)
    int layerRank = 0;             // higher is placed first (the style's topmost layer)
    bool allowOverlap = false;     // drawn even when colliding
    bool ignorePlacement = false;  // others may overlap it
    bool labelsSymbol = false;     // a point's label: the symbol under its anchor is its own
    // On a map too dense for any label to avoid the symbols (more than one
    // per 40×40 px), a label may cover symbols of this obstacle group (its own
    // layer's) when no position is free of them; never another label.
    // -1: symbols always block it.
    int obstacleGroup = -1;
};

struct TextMetrics {
    QRectF ink;  // tight ink box relative to the baseline origin
};

// Process-wide cache of text metrics and raster sprites (thread-safe).
class LabelCache {
  public:
    static LabelCache& instance();
    TextMetrics metrics(const QString& text, const QFont& font);
    // Text + halo rendered at the origin; `offset` is where the sprite's top
    // left goes relative to the baseline origin.
    QImage sprite(const QString& text, const LabelStyle& style, QPointF* offset);
    std::size_t memoryBytes() const;
    void clear();

  private:
    LabelCache() = default;
    struct Impl;
    Impl& impl() const;
};

// The family of the CJK font, resolved by name; throws Error(Render) with an
// installation hint when no such font is installed. Needs a QGuiApplication.
QString requireFontFamily(const QString& family);

class LabelEngine {
  public:
    explicit LabelEngine(const QRectF& frame);

    int addStyle(const LabelStyle& style);
    // A symbol labels must avoid; `group` lets candidates of that group
    // cover it when nothing else fits (LabelCandidate::obstacleGroup).
    void addObstacle(const QRectF& box, int group = -1);
    void add(LabelCandidate candidate);
    // Places every candidate (call once, after all add()).
    void place();
    // vector: stroke text outlines for halos and draw real text (PDF/SVG).
    void draw(QPainter& painter, bool vector) const;

    int placedCount() const { return static_cast<int>(placed_.size()); }
    int droppedCount() const { return dropped_; }
    QStringList placedTexts() const;
    const QStringList& droppedTexts() const { return droppedTexts_; }
    // Boxes of placed labels (device px), parallel to placedTexts().
    std::vector<QRectF> placedBoxes() const;

  private:
    struct Placed {
        std::size_t candidate;
        QPointF origin;  // baseline origin
        QRectF box;
    };
    bool collides(const QRectF& box, const QPointF* ownSymbolAt, int ignoreGroup) const;
    void insert(const QRectF& box, int group);
    void cellRange(const QRectF& box, int& x0, int& y0, int& x1, int& y1) const;
    bool denseGroup(int group) const;
    QRectF frame_;
    std::vector<LabelStyle> styles_;
    std::vector<LabelCandidate> candidates_;
    std::vector<Placed> placed_;
    int dropped_ = 0;
    QStringList droppedTexts_;
    // Collision grid.
    double cell_ = 48;
    int cols_ = 1, rows_ = 1;
    std::vector<QRectF> boxes_;
    std::vector<bool> obstacle_;   // parallel to boxes_: a symbol, not a label
    std::vector<int> groupCount_;  // symbols per obstacle group
    // Collision grids: [0] labels and ungrouped symbols, [1 + k] symbols of group k.
    std::vector<std::vector<std::vector<std::uint32_t>>> grids_;
};

}  // namespace jinmap
