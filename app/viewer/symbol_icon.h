#pragma once
// A map symbol as the renderer draws it, for the panels (legend, town lists,
// filters, search results), so that icon and map agree: a marker (circle,
// star, square, triangle) of a colour and radius, an area (fill, hatched
// fill), a line, or nothing (a heading). Painted by QPainter: the QML Canvas
// it replaces cost the window ~1.5 ms per icon to create (86 icons on the
// first screen), each with its own JavaScript painting context.
#include <QColor>
#include <QQuickPaintedItem>
#include <QString>

namespace jinmap::viewer {

class SymbolIcon : public QQuickPaintedItem {
    Q_OBJECT
    Q_PROPERTY(QString symbol MEMBER symbol_ WRITE setSymbol NOTIFY appearanceChanged)
    Q_PROPERTY(QString shape MEMBER shape_ WRITE setShape NOTIFY appearanceChanged)
    Q_PROPERTY(QColor fill MEMBER fill_ WRITE setFill NOTIFY appearanceChanged)
    Q_PROPERTY(QColor stroke MEMBER stroke_ WRITE setStroke NOTIFY appearanceChanged)
    Q_PROPERTY(qreal radius MEMBER radius_ WRITE setRadius NOTIFY appearanceChanged)
    Q_PROPERTY(bool dashed MEMBER dashed_ WRITE setDashed NOTIFY appearanceChanged)
    Q_PROPERTY(bool dimmed MEMBER dimmed_ WRITE setDimmed NOTIFY appearanceChanged)

  public:
    explicit SymbolIcon(QQuickItem* parent = nullptr);
    void paint(QPainter* painter) override;

    void setSymbol(const QString& symbol);  // circle / fill / hatch / line / heading
    void setShape(const QString& shape);    // circles: circle / star / square / triangle
    void setFill(const QColor& fill);
    void setStroke(const QColor& stroke);
    void setRadius(qreal radius);  // markers: the style's radius (px)
    void setDashed(bool dashed);
    void setDimmed(bool dimmed);

  signals:
    void appearanceChanged();

  private:
    // Sets a property: repaints and notifies when the value changes.
    template <typename T>
    void assign(T& field, const T& value);
    void paintMarker(QPainter& p) const;
    void paintArea(QPainter& p) const;
    QString symbol_ = QStringLiteral("circle");
    QString shape_ = QStringLiteral("circle");
    QColor fill_{0x9e, 0x9e, 0x9e};
    QColor stroke_{Qt::white};
    qreal radius_ = 5;
    bool dashed_ = false;
    bool dimmed_ = false;
};

}  // namespace jinmap::viewer
