#include "export/print_layout.h"

#include <QFont>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <QPolygonF>
#include <QTextLayout>
#include <QTextOption>
#include <algorithm>
#include <cmath>

#include "export/geo_measure.h"

namespace jinmap {

namespace {

// Layout is measured at this resolution so placement does not depend on the
// output DPI (pixel-size rounding at 72 dpi would otherwise move things).
constexpr double kRefPxPerMm = 600 / 25.4;
constexpr int kWrap = Qt::TextWordWrap;
const QColor kInk(0x22, 0x22, 0x22);
const QColor kMuted(0x55, 0x55, 0x55);

double lineHeightMm(const LayoutTypeface& type, double pt, bool bold) {
    QFontMetricsF fm(type.font(pt, kRefPxPerMm, bold));
    return fm.height() / kRefPxPerMm;
}

// The lines of `text` wrapped to `widthMm`, broken at the reference
// resolution. Layout measures wrapped text with these lines and paint draws
// exactly these lines, so a paragraph never wraps into one line more on
// paper (at another resolution, where glyph sizes round differently) than
// its box was measured for, which would clip its last line.
QStringList wrapLines(const LayoutTypeface& type, double pt, bool bold, const QString& text,
                      double widthMm) {
    const QFont font = type.font(pt, kRefPxPerMm, bold);
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    QStringList lines;
    for (const QString& paragraph : text.split(QLatin1Char('\n'))) {
        if (paragraph.isEmpty()) {
            lines << QString();
            continue;
        }
        QTextLayout layout(paragraph, font);
        layout.setTextOption(option);
        layout.beginLayout();
        for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
            line.setLineWidth(widthMm * kRefPxPerMm);
            lines << paragraph.mid(line.textStart(), line.textLength()).trimmed();
        }
        layout.endLayout();
    }
    return lines;
}

void drawTextMm(const PaintContext& ctx, const LayoutTypeface& type, const QRectF& mm, double pt,
                bool bold, int flags, const QString& text, const QColor& color = kInk) {
    QPainter& p = *ctx.painter;
    p.setFont(type.font(pt, ctx.pxPerMm, bold));
    p.setPen(color);
    // Let text overflow by a hair rather than clip a glyph: rects are measured
    // at the reference resolution and pixel sizes round differently.
    if (flags & kWrap) {
        const double lineMm = lineHeightMm(type, pt, bold);
        const int lineFlags = (flags & ~kWrap) | Qt::TextDontClip;
        double y = mm.top();
        for (const QString& line : wrapLines(type, pt, bold, text, mm.width())) {
            p.drawText(ctx.toPx(QRectF(mm.left(), y, mm.width(), lineMm)), lineFlags, line);
            y += lineMm;
        }
        return;
    }
    QRectF r = ctx.toPx(mm);
    r.setWidth(r.width() + ctx.px(0.5));
    r.setHeight(r.height() + ctx.px(0.5));
    p.drawText(r, flags, text);
}

QPen penMm(const PaintContext& ctx, const QColor& c, double widthMm) {
    QPen pen(c);
    pen.setWidthF(std::max(0.5, ctx.px(widthMm)));
    pen.setJoinStyle(Qt::MiterJoin);
    return pen;
}

}  // namespace

QSizeF measureTextMm(const LayoutTypeface& type, double points, bool bold, const QString& text,
                     double widthMm) {
    QFontMetricsF fm(type.font(points, kRefPxPerMm, bold));
    if (text.isEmpty()) return {0, 0};
    if (widthMm > 0) {
        // The lines drawTextMm will draw (see wrapLines).
        const QStringList lines = wrapLines(type, points, bold, text, widthMm);
        double w = 0;
        for (const QString& line : lines) w = std::max(w, fm.horizontalAdvance(line));
        return {std::min(w / kRefPxPerMm, widthMm), lines.size() * fm.height() / kRefPxPerMm};
    }
    const QRectF r = fm.boundingRect(QRectF(0, 0, 1e7, 1e7), 0, text);
    return {r.width() / kRefPxPerMm, r.height() / kRefPxPerMm};
}

Bounds padToAspect(const Bounds& b, double aspect) {
    Bounds out = b;
    if (b.isEmpty() || !(aspect > 0)) return out;
    double w = b.width(), h = b.height();
    if (w <= 0 && h <= 0) w = h = 1000;
    if (h <= 0) h = w / aspect;
    if (w <= 0) w = h * aspect;
    if (w / h > aspect)
        h = w / aspect;
    else
        w = h * aspect;
    out.minX = b.centerX() - w / 2;
    out.maxX = b.centerX() + w / 2;
    out.minY = b.centerY() - h / 2;
    out.maxY = b.centerY() + h / 2;
    return out;
}

// ------------------------------------------------------------------ title

double TitleElement::heightFor(double widthMm) const {
    const double badgeW =
        badge_.isEmpty() ? 0 : measureTextMm(type_, kBadgePt, true, badge_).width() + 8;
    double h = measureTextMm(type_, kTitlePt, true, title_, widthMm - badgeW).height();
    if (!subtitle_.isEmpty())
        h += 1 + measureTextMm(type_, kSubtitlePt, false, subtitle_, widthMm - badgeW).height();
    return std::max(h, 10.0);
}

void TitleElement::paint(const PaintContext& ctx, const QRectF& mm) const {
    double badgeW = 0;
    if (!badge_.isEmpty()) {
        const QSizeF s = measureTextMm(type_, kBadgePt, true, badge_);
        badgeW = s.width() + 6;
        const QRectF box(mm.right() - badgeW, mm.top() + 1, badgeW, s.height() + 2);
        ctx.painter->setPen(penMm(ctx, QColor(0xB0, 0x1E, 0x1E), 0.4));
        ctx.painter->setBrush(Qt::NoBrush);
        ctx.painter->drawRect(ctx.toPx(box));
        drawTextMm(ctx, type_, box, kBadgePt, true, Qt::AlignCenter, badge_,
                   QColor(0xB0, 0x1E, 0x1E));
        badgeW += 2;
    }
    const double w = mm.width() - badgeW;
    const QSizeF t = measureTextMm(type_, kTitlePt, true, title_, w);
    drawTextMm(ctx, type_, QRectF(mm.left(), mm.top(), w, t.height()), kTitlePt, true,
               Qt::AlignLeft | Qt::AlignTop | kWrap, title_);
    if (!subtitle_.isEmpty()) {
        const QSizeF s = measureTextMm(type_, kSubtitlePt, false, subtitle_, w);
        drawTextMm(ctx, type_, QRectF(mm.left(), mm.top() + t.height() + 1, w, s.height()),
                   kSubtitlePt, false, Qt::AlignLeft | Qt::AlignTop | kWrap, subtitle_, kMuted);
    }
}

// ------------------------------------------------------------------ legend

namespace {
constexpr double kSwatchW = 7, kSwatchH = 4, kSwatchGap = 2.5, kRowGap = 1.2;
}

QString LegendElement::entryText(const LayoutLegendEntry& e) const {
    if (e.count < 0 || e.symbol == LayoutLegendEntry::Symbol::Heading) return e.label;
    return e.label + QStringLiteral("（%1）").arg(e.count);
}

double LegendElement::heightFor(double widthMm) const {
    double h = heading_.isEmpty() ? 0 : lineHeightMm(type_, kHeadingPt, true) + 1.5;
    const double textW = widthMm - kSwatchW - kSwatchGap;
    for (const auto& e : entries_) {
        if (e.symbol == LayoutLegendEntry::Symbol::Heading)
            h += measureTextMm(type_, kPt, true, e.label, widthMm).height() + kRowGap + 0.8;
        else
            h +=
                std::max(kSwatchH, measureTextMm(type_, kPt, false, entryText(e), textW).height()) +
                kRowGap;
    }
    return h;
}

void LegendElement::truncate(std::size_t n) {
    if (n < entries_.size()) entries_.resize(n);
}

QStringList LegendElement::texts() const {
    QStringList out{heading_};
    for (const auto& e : entries_) out << entryText(e);
    return out;
}

void LegendElement::paint(const PaintContext& ctx, const QRectF& mm) const {
    QPainter& p = *ctx.painter;
    double y = mm.top();
    if (!heading_.isEmpty()) {
        const double h = lineHeightMm(type_, kHeadingPt, true);
        drawTextMm(ctx, type_, QRectF(mm.left(), y, mm.width(), h), kHeadingPt, true,
                   Qt::AlignLeft | Qt::AlignTop, heading_);
        y += h + 1.5;
    }
    const double textX = mm.left() + kSwatchW + kSwatchGap;
    const double textW = mm.right() - textX;
    for (const auto& e : entries_) {
        if (e.symbol == LayoutLegendEntry::Symbol::Heading) {
            const double h = measureTextMm(type_, kPt, true, e.label, mm.width()).height();
            y += 0.8;
            drawTextMm(ctx, type_, QRectF(mm.left(), y, mm.width(), h), kPt, true,
                       Qt::AlignLeft | Qt::AlignTop | kWrap, e.label);
            y += h + kRowGap;
            continue;
        }
        const QString text = entryText(e);
        const double th = measureTextMm(type_, kPt, false, text, textW).height();
        const double rowH = std::max(kSwatchH, th);
        const QRectF sw(mm.left(), y + (rowH - kSwatchH) / 2, kSwatchW, kSwatchH);
        p.save();
        switch (e.symbol) {
            case LayoutLegendEntry::Symbol::Fill:
            case LayoutLegendEntry::Symbol::Hatch: {
                p.setPen(e.stroke.isValid() ? penMm(ctx, e.stroke, e.strokeMm) : QPen(Qt::NoPen));
                p.setBrush(e.fill.isValid() ? QBrush(e.fill) : QBrush(Qt::NoBrush));
                p.drawRect(ctx.toPx(sw));
                if (e.symbol == LayoutLegendEntry::Symbol::Hatch) {
                    // Hatching drawn as lines (vector in PDF/SVG, no pattern brush).
                    p.setClipRect(ctx.toPx(sw), Qt::IntersectClip);
                    p.setPen(penMm(ctx, QColor(0x88, 0x88, 0x88), 0.15));
                    for (double x = sw.left() - sw.height(); x < sw.right(); x += 1.2)
                        p.drawLine(QPointF(ctx.px(x), ctx.px(sw.bottom())),
                                   QPointF(ctx.px(x + sw.height()), ctx.px(sw.top())));
                }
                break;
            }
            case LayoutLegendEntry::Symbol::Line: {
                p.setPen(
                    penMm(ctx, e.stroke.isValid() ? e.stroke : e.fill, std::max(0.3, e.strokeMm)));
                p.drawLine(QPointF(ctx.px(sw.left()), ctx.px(sw.center().y())),
                           QPointF(ctx.px(sw.right()), ctx.px(sw.center().y())));
                break;
            }
            case LayoutLegendEntry::Symbol::Circle:
            case LayoutLegendEntry::Symbol::Star:
            case LayoutLegendEntry::Symbol::Square:
            case LayoutLegendEntry::Symbol::Triangle: {
                p.setPen(e.stroke.isValid() ? penMm(ctx, e.stroke, e.strokeMm) : QPen(Qt::NoPen));
                p.setBrush(e.fill.isValid() ? QBrush(e.fill) : QBrush(Qt::NoBrush));
                const QPointF c(ctx.px(sw.center().x()), ctx.px(sw.center().y()));
                // As the renderer draws them: the star's points reach 1.25 r.
                const double r = ctx.px(
                    std::min(e.radiusMm,
                             kSwatchH / (e.symbol == LayoutLegendEntry::Symbol::Star ? 2.5 : 2)));
                if (e.symbol == LayoutLegendEntry::Symbol::Circle) {
                    p.drawEllipse(c, r, r);
                } else if (e.symbol == LayoutLegendEntry::Symbol::Square) {
                    p.drawRect(QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r));
                } else {
                    const bool star = e.symbol == LayoutLegendEntry::Symbol::Star;
                    const int n = star ? 10 : 3;
                    QPolygonF poly;
                    for (int k = 0; k < n; ++k) {
                        const double a = -M_PI / 2 + k * 2 * M_PI / n;
                        const double rr = star ? (k % 2 == 0 ? 1.25 * r : 0.5 * r) : r;
                        poly << QPointF(c.x() + rr * std::cos(a), c.y() + rr * std::sin(a));
                    }
                    p.drawPolygon(poly);
                }
                break;
            }
            case LayoutLegendEntry::Symbol::Heading:
                break;
        }
        p.restore();
        drawTextMm(ctx, type_, QRectF(textX, y + (rowH - th) / 2, textW, th), kPt, false,
                   Qt::AlignLeft | Qt::AlignTop | kWrap, text);
        y += rowH + kRowGap;
    }
}

// ------------------------------------------------------------------ scale bar

void ScaleBarElement::fit(double widthMm) {
    barMm_ = metres_ = denominator_ = 0;
    if (!(mapUnitsPerMm_ > 0)) return;
    const double avail = std::max(10.0, widthMm - 10);
    const double maxMetres = horizontalGroundDistance(crs_, center_, avail * mapUnitsPerMm_);
    metres_ = roundScaleLength(maxMetres);
    if (!(metres_ > 0)) return;
    // Solve for the map length whose geodesic equals the round length.
    double units = avail * mapUnitsPerMm_ * metres_ / maxMetres;
    for (int i = 0; i < 4; ++i) {
        const double d = horizontalGroundDistance(crs_, center_, units);
        if (!(d > 0)) break;
        units *= metres_ / d;
    }
    barMm_ = units / mapUnitsPerMm_;
    // Nominal scale at the centre: ground millimetres per paper millimetre.
    const double raw = metres_ * 1000 / barMm_;
    const double p = std::pow(10.0, std::floor(std::log10(raw)) - 2);
    denominator_ = std::round(raw / p) * p;
    const double lead = metres_ / std::pow(10.0, std::floor(std::log10(metres_)));
    segments_ = lead > 4 ? 5 : 4;
}

double ScaleBarElement::heightFor(double) const {
    return lineHeightMm(type_, kPt, false) * 2 + 2.2 + 1.5;
}

QStringList ScaleBarElement::texts() const {
    QString denom = QString::number(static_cast<qlonglong>(denominator_));
    for (int i = denom.size() - 3; i > 0; i -= 3) denom.insert(i, ',');
    return {QStringLiteral("比例尺 1:%1（图幅中心）").arg(denom), QStringLiteral("0"),
            QString::fromStdString(formatDistance(metres_, true))};
}

void ScaleBarElement::paint(const PaintContext& ctx, const QRectF& mm) const {
    if (!(barMm_ > 0)) return;
    QPainter& p = *ctx.painter;
    const QStringList t = texts();
    const double lh = lineHeightMm(type_, kPt, false);
    drawTextMm(ctx, type_, QRectF(mm.left(), mm.top(), mm.width(), lh), kPt, false,
               Qt::AlignLeft | Qt::AlignTop, t[0]);
    const double x0 = mm.left() + 1.5, y0 = mm.top() + lh + 0.8, h = 2.2;
    p.save();
    p.setPen(penMm(ctx, Qt::black, 0.2));
    const double seg = barMm_ / segments_;
    for (int i = 0; i < segments_; ++i) {
        p.setBrush(i % 2 == 0 ? QColor(Qt::black) : QColor(Qt::white));
        p.drawRect(ctx.toPx(QRectF(x0 + i * seg, y0, seg, h)));
    }
    p.restore();
    const double ly = y0 + h + 0.5;
    drawTextMm(ctx, type_, QRectF(x0 - 5, ly, 10, lh), kPt, false, Qt::AlignHCenter | Qt::AlignTop,
               t[1]);
    const double labelW = measureTextMm(type_, kPt, false, t[2]).width() + 1;
    drawTextMm(ctx, type_, QRectF(x0 + barMm_ - labelW / 2, ly, labelW, lh), kPt, false,
               Qt::AlignHCenter | Qt::AlignTop, t[2]);
}

// ------------------------------------------------------------------ north arrow

void NorthArrowElement::paint(const PaintContext& ctx, const QRectF& mm) const {
    QPainter& p = *ctx.painter;
    const double size = std::min(mm.height(), 17.0);
    const QPointF c(mm.center().x(), mm.top() + size / 2);
    p.save();
    p.translate(ctx.px(c.x()), ctx.px(c.y()));
    p.rotate(angle_);
    const double h = size * 0.62, w = size * 0.2, top = -size / 2 + size * 0.3;
    // Arrow below the letter: left half dark, right half white.
    QPolygonF left, right;
    left << QPointF(0, ctx.px(top)) << QPointF(-ctx.px(w), ctx.px(top + h))
         << QPointF(0, ctx.px(top + h * 0.78));
    right << QPointF(0, ctx.px(top)) << QPointF(ctx.px(w), ctx.px(top + h))
          << QPointF(0, ctx.px(top + h * 0.78));
    p.setPen(penMm(ctx, kInk, 0.2));
    p.setBrush(kInk);
    p.drawPolygon(left);
    p.setBrush(Qt::white);
    p.drawPolygon(right);
    const double lh = lineHeightMm(type_, 9, true);
    drawTextMm(ctx, type_, QRectF(-5, -size / 2 - 0.5, 10, lh), 9, true,
               Qt::AlignHCenter | Qt::AlignTop, QStringLiteral("北"));
    p.restore();
}

// ------------------------------------------------------------------ inset

double InsetElement::heightFor(double widthMm) const {
    const QRectF b = province_.boundingRect();
    if (b.isEmpty()) return 0;
    const double cap = lineHeightMm(type_, 7, false) + 1;
    return std::min(maxHeightMm_, cap + (widthMm - 2) * b.height() / b.width() + 2);
}

void InsetElement::paint(const PaintContext& ctx, const QRectF& mm) const {
    QPainter& p = *ctx.painter;
    const QRectF b = province_.boundingRect();
    if (b.isEmpty()) return;
    const double cap = lineHeightMm(type_, 7, false);
    drawTextMm(ctx, type_, QRectF(mm.left(), mm.top(), mm.width(), cap), 7, false,
               Qt::AlignLeft | Qt::AlignTop, caption_, kMuted);
    const QRectF area(mm.left(), mm.top() + cap + 1, mm.width(), mm.height() - cap - 1);
    const QRectF areaPx = ctx.toPx(area);
    const double s = std::min((areaPx.width() - 2) / b.width(), (areaPx.height() - 2) / b.height());
    const double ox = areaPx.left() + (areaPx.width() - b.width() * s) / 2;
    const double oy = areaPx.top() + 1;  // directly under the caption
    // Map CRS (y up) → inset pixels (y down).
    QTransform t(s, 0, 0, -s, ox - b.left() * s, oy + b.bottom() * s);
    p.save();
    p.setClipRect(areaPx, Qt::IntersectClip);
    p.setPen(penMm(ctx, QColor(0x9a, 0x9a, 0x9a), 0.1));
    p.setBrush(QColor(0xf0, 0xf0, 0xf0));
    p.drawPath(t.map(prefectures_.isEmpty() ? province_ : prefectures_));
    p.setBrush(Qt::NoBrush);
    p.setPen(penMm(ctx, QColor(0x44, 0x44, 0x44), 0.3));
    p.drawPath(t.map(province_));
    if (!extent_.isEmpty()) {
        QRectF e = t.mapRect(extent_);
        p.setPen(penMm(ctx, QColor(0xd0, 0x10, 0x10), 0.45));
        if (e.width() < ctx.px(1.5) || e.height() < ctx.px(1.5)) {
            const QPointF c = e.center();
            e = QRectF(c.x() - ctx.px(0.9), c.y() - ctx.px(0.9), ctx.px(1.8), ctx.px(1.8));
        }
        p.drawRect(e.intersected(areaPx.adjusted(1, 1, -1, -1)));
    }
    p.restore();
}

// ------------------------------------------------------------------ notes

double NoteElement::heightFor(double widthMm) const {
    double h = 0;
    for (const auto& para : paragraphs_)
        h += measureTextMm(type_, pt_, false, para, widthMm).height();
    return h;
}

void NoteElement::paint(const PaintContext& ctx, const QRectF& mm) const {
    double y = mm.top();
    for (const auto& para : paragraphs_) {
        const double h = measureTextMm(type_, pt_, false, para, mm.width()).height();
        drawTextMm(ctx, type_, QRectF(mm.left(), y, mm.width(), h), pt_, false,
                   Qt::AlignLeft | Qt::AlignTop | kWrap, para, kMuted);
        y += h;
    }
}

// ------------------------------------------------------------------ table

namespace {
constexpr double kCellPad = 0.8;
}

std::vector<double> TableElement::columnWidths(double widthMm) const {
    std::vector<double> w(header_.size(), 1.0);
    double sum = 0;
    for (std::size_t i = 0; i < w.size(); ++i) {
        if (i < weights_.size()) w[i] = weights_[i];
        sum += w[i];
    }
    for (auto& x : w) x = x / sum * widthMm;
    return w;
}

double TableElement::rowHeightMm(const QStringList& row, double widthMm, bool bold) const {
    const auto widths = columnWidths(widthMm);
    double h = 0;
    for (int i = 0; i < row.size() && i < static_cast<int>(widths.size()); ++i)
        h = std::max(h, measureTextMm(type_, pt_, bold, row[i], widths[i] - 2 * kCellPad).height());
    return std::max(h, lineHeightMm(type_, pt_, bold)) + 2 * kCellPad;
}

double TableElement::heightFor(double widthMm) const {
    double h = caption_.isEmpty() ? 0 : lineHeightMm(type_, 10, true) + 1.5;
    h += rowHeightMm(header_, widthMm, true);
    for (const auto& r : rows_) h += rowHeightMm(r, widthMm, false);
    if (!moreNote_.isEmpty()) h += lineHeightMm(type_, pt_, false) + 1;
    return h;
}

std::size_t TableElement::fitTo(double widthMm, double heightMm) {
    for (double pt : {8.0, 7.5, 7.0, 6.5, 6.0, 5.5}) {
        pt_ = pt;
        if (heightFor(widthMm) <= heightMm) return 0;
    }
    std::size_t dropped = 0;
    while (!rows_.empty() && heightFor(widthMm) > heightMm) {
        rows_.pop_back();
        ++dropped;
        moreNote_ = QStringLiteral(
                        "……另有 %1 行未能排入本页，完整内容见随附表格（--table 输出的 CSV/XLSX）。")
                        .arg(dropped);
    }
    return dropped;
}

QStringList TableElement::texts() const {
    QStringList out{caption_};
    out << header_;
    for (const auto& r : rows_) out << r;
    if (!moreNote_.isEmpty()) out << moreNote_;
    return out;
}

void TableElement::paint(const PaintContext& ctx, const QRectF& mm) const {
    QPainter& p = *ctx.painter;
    double y = mm.top();
    if (!caption_.isEmpty()) {
        const double h = lineHeightMm(type_, 10, true);
        drawTextMm(ctx, type_, QRectF(mm.left(), y, mm.width(), h), 10, true,
                   Qt::AlignLeft | Qt::AlignTop, caption_);
        y += h + 1.5;
    }
    const auto widths = columnWidths(mm.width());
    auto drawRow = [&](const QStringList& row, bool header) {
        const double h = rowHeightMm(row, mm.width(), header);
        if (header) {
            p.save();
            p.setPen(Qt::NoPen);
            p.setBrush(QColor(0xe8, 0xec, 0xf0));
            p.drawRect(ctx.toPx(QRectF(mm.left(), y, mm.width(), h)));
            p.restore();
        }
        double x = mm.left();
        for (int i = 0; i < row.size() && i < static_cast<int>(widths.size()); ++i) {
            drawTextMm(
                ctx, type_,
                QRectF(x + kCellPad, y + kCellPad, widths[i] - 2 * kCellPad, h - 2 * kCellPad), pt_,
                header, Qt::AlignLeft | Qt::AlignTop | kWrap, row[i]);
            x += widths[i];
        }
        p.setPen(penMm(ctx, QColor(0xaa, 0xaa, 0xaa), 0.12));
        p.drawLine(QPointF(ctx.px(mm.left()), ctx.px(y + h)),
                   QPointF(ctx.px(mm.right()), ctx.px(y + h)));
        y += h;
    };
    const double top = y;
    drawRow(header_, true);
    for (const auto& r : rows_) drawRow(r, false);
    // Outer frame and column lines.
    p.setPen(penMm(ctx, QColor(0x77, 0x77, 0x77), 0.2));
    p.setBrush(Qt::NoBrush);
    p.drawRect(ctx.toPx(QRectF(mm.left(), top, mm.width(), y - top)));
    double x = mm.left();
    p.setPen(penMm(ctx, QColor(0xaa, 0xaa, 0xaa), 0.12));
    for (std::size_t i = 0; i + 1 < widths.size(); ++i) {
        x += widths[i];
        p.drawLine(QPointF(ctx.px(x), ctx.px(top)), QPointF(ctx.px(x), ctx.px(y)));
    }
    if (!moreNote_.isEmpty()) {
        const double h = lineHeightMm(type_, pt_, false);
        drawTextMm(ctx, type_, QRectF(mm.left(), y + 1, mm.width(), h), pt_, false,
                   Qt::AlignLeft | Qt::AlignTop, moreNote_, kMuted);
    }
}

// ------------------------------------------------------------------ layout

PrintLayout::PrintLayout(PageSetup page) : page_(std::move(page)) {}

void PrintLayout::arrange(const Bounds& extentHint, std::vector<std::string>& warnings) {
    placed_.clear();
    const QSizeF pageMm = page_.sizeMm();
    const double m = page_.marginMm;
    QRectF content(m, m, pageMm.width() - 2 * m, pageMm.height() - 2 * m);
    double top = content.top(), bottom = content.bottom();
    if (title) {
        const double h = title->heightFor(content.width());
        placed_.push_back({title.get(), QRectF(content.left(), top, content.width(), h)});
        top += h + 3;
    }
    if (note) {
        const double h = note->heightFor(content.width());
        bottom -= h;
        placed_.push_back({note.get(), QRectF(content.left(), bottom, content.width(), h)});
        bottom -= 2.5;
    }
    QRectF body(content.left(), top, content.width(), std::max(20.0, bottom - top));
    if (table) {
        const double th = std::max(
            30.0, std::min(body.height() * tableShare, table->heightFor(body.width()) + 2));
        const QRectF tr(body.left(), body.bottom() - th, body.width(), th);
        const std::size_t dropped = table->fitTo(tr.width(), tr.height());
        if (dropped)
            warnings.push_back("table: " + std::to_string(dropped) +
                               " rows do not fit on the page (written to the CSV/XLSX table only)");
        const double used = table->heightFor(tr.width());
        placed_.push_back({table.get(), QRectF(tr.left(), tr.top(), tr.width(), used)});
        body.setHeight(body.height() - th - 4);
    }

    const bool side = options.sidePanel;
    const bool anyPanel = legend || scaleBar || northArrow || inset;
    QRectF panel;
    if (anyPanel && side) {
        const double pw = options.panelWidthMm > 0 ? options.panelWidthMm
                                                   : std::clamp(body.width() * 0.22, 48.0, 78.0);
        frame_ = QRectF(body.left(), body.top(), body.width() - pw - 5, body.height());
        panel = QRectF(frame_.right() + 5, body.top(), pw, body.height());
    } else if (anyPanel) {
        const double ph = std::clamp(body.height() * 0.3, 42.0, 90.0);
        frame_ = QRectF(body.left(), body.top(), body.width(), body.height() - ph - 4);
        panel = QRectF(body.left(), frame_.bottom() + 4, body.width(), ph);
    } else {
        frame_ = body;
    }
    extent_ = padToAspect(extentHint, frame_.width() / frame_.height());
    const double upm = mapUnitsPerMm();
    if (scaleBar) scaleBar->setFrame(QPointF(extent_.centerX(), extent_.centerY()), upm);
    if (inset)
        inset->setExtent(QRectF(extent_.minX, extent_.minY, extent_.width(), extent_.height()));
    if (!anyPanel) return;

    auto fitLegend = [&](const QRectF& r) {
        if (!legend) return;
        const std::size_t before = legend->size();
        while (legend->size() > 0 && legend->heightFor(r.width()) > r.height())
            legend->truncate(legend->size() - 1);
        if (legend->size() < before)
            warnings.push_back("legend: " + std::to_string(before - legend->size()) +
                               " entries do not fit and were left out");
        placed_.push_back(
            {legend.get(), QRectF(r.topLeft(), QSizeF(r.width(), legend->heightFor(r.width())))});
    };
    if (side) {
        double y = panel.top();
        if (northArrow) {
            const double h = northArrow->heightFor(panel.width());
            placed_.push_back({northArrow.get(), QRectF(panel.left(), y, panel.width(), h)});
            y += h + 3;
        }
        // Legend under the north arrow, the scale bar right below it, the
        // inset in what remains at the bottom (dropped below 28 mm).
        double sbH = 0;
        if (scaleBar) {
            scaleBar->fit(panel.width());
            sbH = scaleBar->heightFor(panel.width()) + 4;
        }
        fitLegend(QRectF(panel.left(), y, panel.width(), std::max(0.0, panel.bottom() - y - sbH)));
        if (legend) y += legend->heightFor(panel.width()) + 5;
        if (scaleBar) {
            placed_.push_back({scaleBar.get(), QRectF(panel.left(), y, panel.width(), sbH - 4)});
            y += sbH + 2;
        }
        if (inset) {
            const double room = panel.bottom() - y;
            if (room >= 28) {
                inset->setMaxHeight(room);
                const double h = inset->heightFor(panel.width());
                placed_.push_back(
                    {inset.get(), QRectF(panel.left(), panel.bottom() - h, panel.width(), h)});
            } else {
                warnings.push_back("inset: no room for the locator map on this page size");
            }
        }
    } else {
        // Below the map: legend | north arrow + scale bar | inset.
        const double gap = 5;
        const double insetW = inset ? std::min(panel.width() * 0.25, panel.height() * 0.75) : 0;
        const double midW = (northArrow || scaleBar) ? std::min(70.0, panel.width() * 0.3) : 0;
        const double legW =
            panel.width() - insetW - midW - (insetW > 0 ? gap : 0) - (midW > 0 ? gap : 0);
        fitLegend(QRectF(panel.left(), panel.top(), legW, panel.height()));
        double x = panel.left() + legW + gap;
        if (midW > 0) {
            double y = panel.top();
            if (northArrow) {
                const double h = northArrow->heightFor(midW);
                placed_.push_back({northArrow.get(), QRectF(x, y, midW, h)});
                y += h + 3;
            }
            if (scaleBar) {
                scaleBar->fit(midW);
                placed_.push_back({scaleBar.get(), QRectF(x, y, midW, scaleBar->heightFor(midW))});
            }
            x += midW + gap;
        }
        if (inset) {
            inset->setMaxHeight(panel.height());
            placed_.push_back(
                {inset.get(), QRectF(x, panel.top(), insetW, inset->heightFor(insetW))});
        }
    }
}

QPointF PrintLayout::mapToPageMm(double x, double y) const {
    const double upm = mapUnitsPerMm();
    return {frame_.left() + (x - extent_.minX) / upm, frame_.top() + (extent_.maxY - y) / upm};
}

std::optional<QRectF> PrintLayout::elementRect(const LayoutElement* e) const {
    for (const auto& [el, r] : placed_)
        if (el == e) return r;
    return std::nullopt;
}

void PrintLayout::paint(QPainter& painter, double pxPerMm, const MapPainterFn& drawMap) const {
    PaintContext ctx;
    ctx.pxPerMm = pxPerMm;
    ctx.painter = &painter;
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    const QRectF framePx = ctx.toPx(frame_);
    if (drawMap) {
        painter.save();
        painter.setClipRect(framePx, Qt::IntersectClip);
        drawMap(painter, framePx, extent_);
        painter.restore();
    }
    painter.setPen(penMm(ctx, QColor(0x33, 0x33, 0x33), 0.35));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(framePx);
    for (const auto& [el, r] : placed_) {
        painter.save();
        el->paint(ctx, r);
        painter.restore();
    }
    painter.restore();
}

QStringList PrintLayout::texts() const {
    QStringList out;
    for (const auto& [el, r] : placed_) out << el->texts();
    out.removeAll(QString());
    return out;
}

}  // namespace jinmap
