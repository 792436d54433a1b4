#include "symbol_icon.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

namespace jinmap::viewer {

SymbolIcon::SymbolIcon(QQuickItem* parent) : QQuickPaintedItem(parent) {
    setImplicitSize(22, 18);
    setAntialiasing(true);
    connect(this, &QQuickItem::widthChanged, this, [this] { update(); });
    connect(this, &QQuickItem::heightChanged, this, [this] { update(); });
}

template <typename T>
void SymbolIcon::assign(T& field, const T& value) {
    if (field == value) return;
    field = value;
    update();
    emit appearanceChanged();
}

void SymbolIcon::setSymbol(const QString& symbol) {
    assign(symbol_, symbol);
}
void SymbolIcon::setShape(const QString& shape) {
    assign(shape_, shape);
}
void SymbolIcon::setFill(const QColor& fill) {
    assign(fill_, fill);
}
void SymbolIcon::setStroke(const QColor& stroke) {
    assign(stroke_, stroke);
}
void SymbolIcon::setRadius(qreal radius) {
    assign(radius_, radius);
}
void SymbolIcon::setDashed(bool dashed) {
    assign(dashed_, dashed);
}
void SymbolIcon::setDimmed(bool dimmed) {
    setOpacity(dimmed ? 0.35 : 1.0);
    assign(dimmed_, dimmed);
}

void SymbolIcon::paint(QPainter* painter) {
    QPainter& p = *painter;
    p.setRenderHint(QPainter::Antialiasing);
    if (symbol_ == QLatin1String("heading")) return;
    const qreal w = width(), h = height(), cy = h / 2;
    if (symbol_ == QLatin1String("line")) {
        const qreal lineWidth = std::max(1.5, std::min(radius_, 6.0));
        QPen pen(fill_, lineWidth, Qt::SolidLine, Qt::FlatCap);
        // Dashes of 4 px and gaps of 3 px, as the legend has always shown them.
        if (dashed_) pen.setDashPattern({4 / lineWidth, 3 / lineWidth});
        p.setPen(pen);
        p.drawLine(QPointF(2, cy), QPointF(w - 2, cy));
        return;
    }
    if (symbol_ == QLatin1String("fill") || symbol_ == QLatin1String("hatch")) {
        paintArea(p);
        return;
    }
    paintMarker(p);
}

void SymbolIcon::paintArea(QPainter& p) const {
    const qreal w = width(), h = height();
    const QRectF area(2, 3, w - 4, h - 6);
    p.fillRect(area, fill_);
    if (symbol_ == QLatin1String("hatch")) {
        p.save();
        p.setClipRect(area);
        p.setPen(QPen(stroke_, 1));
        for (qreal i = -h; i < w; i += 4) p.drawLine(QPointF(i, h), QPointF(i + h, 0));
        p.restore();
    }
    p.setPen(QPen(stroke_, 1));
    p.setBrush(Qt::NoBrush);
    p.drawRect(QRectF(2.5, 3.5, w - 5, h - 7));
}

void SymbolIcon::paintMarker(QPainter& p) const {
    const qreal w = width(), h = height(), cx = w / 2, cy = h / 2;
    // The style's radius, kept readable and inside the icon.
    qreal r = std::max(3.0, std::min(radius_, std::min(w, h) / 2 - 1.5));
    const bool star = shape_ == QLatin1String("star");
    if (star) r = std::min(r, (std::min(w, h) / 2 - 1) / 1.25);
    QPainterPath path;
    if (star) {
        // Five points: outer radius 1.25 r, inner 0.5 r (as the renderer's).
        for (int i = 0; i < 10; ++i) {
            const double a = -M_PI / 2 + i * M_PI / 5;
            const qreal rr = i % 2 == 0 ? r * 1.25 : r * 0.5;
            const QPointF pt(cx + rr * std::cos(a), cy + 0.5 + rr * std::sin(a));
            if (i == 0)
                path.moveTo(pt);
            else
                path.lineTo(pt);
        }
        path.closeSubpath();
    } else if (shape_ == QLatin1String("square")) {
        path.addRect(QRectF(cx - r, cy - r, 2 * r, 2 * r));
    } else if (shape_ == QLatin1String("triangle")) {
        path.moveTo(cx, cy - 1.2 * r);
        path.lineTo(cx + 1.04 * r, cy + 0.6 * r);
        path.lineTo(cx - 1.04 * r, cy + 0.6 * r);
        path.closeSubpath();
    } else {
        path.addEllipse(QPointF(cx, cy), r, r);
    }
    p.setPen(QPen(stroke_, 1, Qt::SolidLine, Qt::FlatCap, Qt::MiterJoin));
    p.setBrush(fill_);
    p.drawPath(path);
}

}  // namespace jinmap::viewer
