#include "render/label_engine.h"

#include <QFontDatabase>
#include <QFontMetricsF>
#include <QHash>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>
#include <mutex>
#include <numeric>
#include <vector>

#include "base/error.h"

namespace jinmap {

QString requireFontFamily(const QString& family) {
    static std::mutex mutex;
    static QHash<QString, QString> resolved;
    std::lock_guard<std::mutex> lock(mutex);
    auto it = resolved.constFind(family);
    if (it != resolved.constEnd()) return *it;
#if QT_VERSION >= QT_VERSION_CHECK(6, 0, 0)
    const QStringList families = QFontDatabase::families();
#else
    const QStringList families = QFontDatabase().families();
#endif
    for (const QString& f : families) {
        if (f.compare(family, Qt::CaseInsensitive) == 0) {
            resolved.insert(family, f);
            return f;
        }
    }
    throw Error(
        ErrorKind::Render,
        "font '" + family.toStdString() +
            "' is not installed; labels need a CJK font (Debian: apt install fonts-noto-cjk)");
}

// ---------------------------------------------------------------------------
// LabelCache

struct LabelCache::Impl {
    mutable std::mutex mutex;
    QHash<QString, TextMetrics> metrics;
    struct Sprite {
        QImage image;
        QPointF offset;
    };
    QHash<QString, Sprite> sprites;
    std::size_t spriteBytes = 0;
};

LabelCache& LabelCache::instance() {
    static LabelCache cache;
    return cache;
}

LabelCache::Impl& LabelCache::impl() const {
    static Impl impl;
    return impl;
}

namespace {
QString fontKey(const QFont& font) {
    return font.family() + QLatin1Char('|') + QString::number(font.pixelSize()) + QLatin1Char('|') +
           QString::number(font.weight()) + QLatin1Char('|') + QString::number(font.italic());
}
constexpr std::size_t kMaxSpriteBytes = 96u << 20;
}  // namespace

TextMetrics LabelCache::metrics(const QString& text, const QFont& font) {
    Impl& d = impl();
    const QString key = fontKey(font) + QLatin1Char('|') + text;
    {
        std::lock_guard<std::mutex> lock(d.mutex);
        auto it = d.metrics.constFind(key);
        if (it != d.metrics.constEnd()) return *it;
    }
    const QFontMetricsF fm(font);
    TextMetrics m;
    m.ink = fm.tightBoundingRect(text);
    m.advance = fm.horizontalAdvance(text);
    if (m.ink.isEmpty()) m.ink = QRectF(0, -fm.ascent(), m.advance, fm.ascent() + fm.descent());
    std::lock_guard<std::mutex> lock(d.mutex);
    if (d.metrics.size() > 200000) d.metrics.clear();
    d.metrics.insert(key, m);
    return m;
}

namespace {

// A raster label from its glyphs' coverage: the halo is that coverage
// dilated by a disc of radius `radius` pixels (antialiased at its rim), i.e.
// every point within the halo width of the glyphs — what stroking the text
// outline with a round pen of twice that width covers, as Mapnik's "fast"
// halo rasterizer does — and the text is the coverage in `text` colour over
// it. Stroking the outline path cost ~1 ms per label (QStroker and a complex
// fill: most of the first labelled frame); this costs microseconds.
QImage haloSprite(const QImage& glyphs, double radius, const QColor& halo, const QColor& text) {
    const int w = glyphs.width(), h = glyphs.height();
    const int reach = static_cast<int>(std::ceil(radius + 0.5));
    // best[y * w + x]: the halo's coverage ×256.
    std::vector<int> best(static_cast<std::size_t>(w) * h, 0);
    for (int dy = -reach; dy <= reach; ++dy)
        for (int dx = -reach; dx <= reach; ++dx) {
            const double cover = std::clamp(radius + 0.5 - std::hypot(dx, dy), 0.0, 1.0);
            if (cover <= 0) continue;
            const int weight = static_cast<int>(std::lround(cover * 256));
            // Every pixel (x, y) whose tap (x + dx, y + dy) lies in the image.
            const int x0 = std::max(0, -dx), x1 = std::min(w, w - dx);
            const int y0 = std::max(0, -dy), y1 = std::min(h, h - dy);
            for (int y = y0; y < y1; ++y) {
                const uchar* src = glyphs.constScanLine(y + dy) + dx;
                int* dst = best.data() + static_cast<std::size_t>(y) * w;
                for (int x = x0; x < x1; ++x) dst[x] = std::max(dst[x], src[x] * weight);
            }
        }
    QImage out(w, h, QImage::Format_ARGB32_Premultiplied);
    const QRgb hp = qPremultiply(halo.rgba()), tp = qPremultiply(text.rgba());
    for (int y = 0; y < h; ++y) {
        auto* row = reinterpret_cast<QRgb*>(out.scanLine(y));
        const uchar* glyph = glyphs.constScanLine(y);
        const int* cov = best.data() + static_cast<std::size_t>(y) * w;
        for (int x = 0; x < w; ++x) {
            const int ha = cov[x] >> 8;  // halo coverage 0..255
            const int ta = glyph[x];     // text coverage 0..255
            // Text over halo, premultiplied source-over.
            auto channel = [&](int t, int hc) {
                const int textPart = t * ta / 255;
                const int haloPart = hc * ha / 255;
                return textPart + haloPart * (255 - qAlpha(tp) * ta / 255) / 255;
            };
            row[x] = qRgba(channel(qRed(tp), qRed(hp)), channel(qGreen(tp), qGreen(hp)),
                           channel(qBlue(tp), qBlue(hp)), channel(qAlpha(tp), qAlpha(hp)));
        }
    }
    return out;
}

}  // namespace

QImage LabelCache::sprite(const QString& text, const LabelStyle& style, QPointF* offset) {
    Impl& d = impl();
    const QString key = fontKey(style.font) + QLatin1Char('|') +
                        QString::number(style.color.rgba(), 16) + QLatin1Char('|') +
                        QString::number(style.haloColor.rgba(), 16) + QLatin1Char('|') +
                        QString::number(style.haloWidth) + QLatin1Char('|') + text;
    {
        std::lock_guard<std::mutex> lock(d.mutex);
        auto it = d.sprites.constFind(key);
        if (it != d.sprites.constEnd()) {
            *offset = it->offset;
            return it->image;
        }
    }
    const TextMetrics m = metrics(text, style.font);
    const double pad = std::ceil(style.haloWidth) + 2;
    const double left = std::floor(m.ink.left() - pad), top = std::floor(m.ink.top() - pad);
    const int w = static_cast<int>(std::ceil(m.ink.right() + pad - left));
    const int h = static_cast<int>(std::ceil(m.ink.bottom() + pad - top));
    QImage image;
    if (style.haloWidth > 0 && style.haloColor.alpha() > 0) {
        // The glyphs' coverage once; halo and text are made from it.
        QImage glyphs(std::max(w, 1), std::max(h, 1), QImage::Format_Alpha8);
        glyphs.fill(0);
        {
            QPainter p(&glyphs);
            p.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
            p.translate(-left, -top);
            p.setPen(Qt::black);
            p.setFont(style.font);
            p.drawText(QPointF(0, 0), text);
        }
        image = haloSprite(glyphs, style.haloWidth, style.haloColor, style.color);
    } else {
        image = QImage(std::max(w, 1), std::max(h, 1), QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter p(&image);
        p.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
        p.translate(-left, -top);
        p.setPen(style.color);
        p.setFont(style.font);
        p.drawText(QPointF(0, 0), text);
    }
    *offset = QPointF(left, top);
    std::lock_guard<std::mutex> lock(d.mutex);
    if (d.spriteBytes > kMaxSpriteBytes) {
        d.sprites.clear();
        d.spriteBytes = 0;
    }
    d.sprites.insert(key, Impl::Sprite{image, *offset});
    d.spriteBytes += static_cast<std::size_t>(image.sizeInBytes());
    return image;
}

std::size_t LabelCache::memoryBytes() const {
    Impl& d = impl();
    std::lock_guard<std::mutex> lock(d.mutex);
    return d.spriteBytes + static_cast<std::size_t>(d.metrics.size()) * (sizeof(TextMetrics) + 64);
}

void LabelCache::clear() {
    Impl& d = impl();
    std::lock_guard<std::mutex> lock(d.mutex);
    d.sprites.clear();
    d.metrics.clear();
    d.spriteBytes = 0;
}

// ---------------------------------------------------------------------------
// LabelEngine

LabelEngine::LabelEngine(const QRectF& frame) : frame_(frame) {
    cols_ = std::max(1, static_cast<int>(std::ceil(frame.width() / cell_)));
    rows_ = std::max(1, static_cast<int>(std::ceil(frame.height() / cell_)));
    grids_.resize(1);
    grids_[0].resize(static_cast<std::size_t>(cols_) * rows_);
}

int LabelEngine::addStyle(const LabelStyle& style) {
    styles_.push_back(style);
    return static_cast<int>(styles_.size() - 1);
}

void LabelEngine::addObstacle(const QRectF& box, int group) {
    insert(box, group);
    obstacle_.back() = true;
    if (group >= 0) {
        if (groupCount_.size() <= static_cast<std::size_t>(group))
            groupCount_.resize(static_cast<std::size_t>(group) + 1, 0);
        ++groupCount_[static_cast<std::size_t>(group)];
    }
}

void LabelEngine::add(LabelCandidate candidate) {
    candidates_.push_back(std::move(candidate));
}

void LabelEngine::cellRange(const QRectF& box, int& x0, int& y0, int& x1, int& y1) const {
    x0 = std::clamp(static_cast<int>((box.left() - frame_.left()) / cell_), 0, cols_ - 1);
    x1 = std::clamp(static_cast<int>((box.right() - frame_.left()) / cell_), 0, cols_ - 1);
    y0 = std::clamp(static_cast<int>((box.top() - frame_.top()) / cell_), 0, rows_ - 1);
    y1 = std::clamp(static_cast<int>((box.bottom() - frame_.top()) / cell_), 0, rows_ - 1);
}

bool LabelEngine::collides(const QRectF& box, const QPointF* ownSymbolAt, int ignoreGroup) const {
    int x0, y0, x1, y1;
    cellRange(box, x0, y0, x1, y1);
    for (std::size_t g = 0; g < grids_.size(); ++g) {
        // grids_[1 + k] holds the symbols of obstacle group k.
        if (ignoreGroup >= 0 && g == static_cast<std::size_t>(ignoreGroup) + 1) continue;
        const auto& grid = grids_[g];
        if (grid.empty()) continue;  // a group with no symbols (yet)
        for (int y = y0; y <= y1; ++y)
            for (int x = x0; x <= x1; ++x)
                for (std::uint32_t i : grid[static_cast<std::size_t>(y) * cols_ + x])
                    // A symbol under the label's own anchor is the labelled
                    // feature's symbol: the label sits beside it, not against it.
                    if (boxes_[i].intersects(box) &&
                        !(ownSymbolAt && obstacle_[i] && boxes_[i].contains(*ownSymbolAt)))
                        return true;
    }
    return false;
}

void LabelEngine::insert(const QRectF& box, int group) {
    const auto index = static_cast<std::uint32_t>(boxes_.size());
    boxes_.push_back(box);
    obstacle_.push_back(false);
    const std::size_t g = group >= 0 ? static_cast<std::size_t>(group) + 1 : 0;
    if (grids_.size() <= g) grids_.resize(g + 1);
    if (grids_[g].empty()) grids_[g].resize(static_cast<std::size_t>(cols_) * rows_);
    int x0, y0, x1, y1;
    cellRange(box, x0, y0, x1, y1);
    for (int y = y0; y <= y1; ++y)
        for (int x = x0; x <= x1; ++x)
            grids_[g][static_cast<std::size_t>(y) * cols_ + x].push_back(index);
}

bool LabelEngine::denseGroup(int group) const {
    // More than one symbol per 40×40 px of frame on average: the symbols
    // alone would leave no room for any label.
    if (group < 0 || static_cast<std::size_t>(group) >= groupCount_.size()) return false;
    return groupCount_[static_cast<std::size_t>(group)] * 1600.0 > frame_.width() * frame_.height();
}

void LabelEngine::place() {
    std::vector<std::size_t> order(candidates_.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const auto& ca = candidates_[a];
        const auto& cb = candidates_[b];
        if (ca.layerRank != cb.layerRank) return ca.layerRank > cb.layerRank;
        return ca.sortKey < cb.sortKey;
    });
    LabelCache& cache = LabelCache::instance();
    for (std::size_t idx : order) {
        const LabelCandidate& c = candidates_[idx];
        if (c.text.isEmpty()) continue;
        const LabelStyle& st = styles_[static_cast<std::size_t>(c.style)];
        const TextMetrics m = cache.metrics(c.text, st.font);
        const QRectF ink = m.ink.adjusted(-st.padding, -st.padding, st.padding, st.padding);
        bool done = false;
        // Second pass (dense maps): symbols of the label's own layer group
        // may be covered, other labels never.
        const int passes = c.obstacleGroup >= 0 && denseGroup(c.obstacleGroup) ? 2 : 1;
        for (int pass = 0; pass < passes && !done; ++pass)
            for (const LabelCandidate::Position& pos : c.positions) {
                const TextAnchor a = pos.anchor;
                // Box position so that the anchor point sits at `a` of the box.
                double bx = c.anchor.x() - ink.width() / 2, by = c.anchor.y() - ink.height() / 2;
                switch (a) {
                    case TextAnchor::Center:
                        break;
                    case TextAnchor::Left:
                        bx = c.anchor.x();
                        break;
                    case TextAnchor::Right:
                        bx = c.anchor.x() - ink.width();
                        break;
                    case TextAnchor::Top:
                        by = c.anchor.y();
                        break;
                    case TextAnchor::Bottom:
                        by = c.anchor.y() - ink.height();
                        break;
                    case TextAnchor::TopLeft:
                        bx = c.anchor.x();
                        by = c.anchor.y();
                        break;
                    case TextAnchor::TopRight:
                        bx = c.anchor.x() - ink.width();
                        by = c.anchor.y();
                        break;
                    case TextAnchor::BottomLeft:
                        bx = c.anchor.x();
                        by = c.anchor.y() - ink.height();
                        break;
                    case TextAnchor::BottomRight:
                        bx = c.anchor.x() - ink.width();
                        by = c.anchor.y() - ink.height();
                        break;
                }
                bx += pos.offset.x();
                by += pos.offset.y();
                // Whole pixels, so the raster sprite lands exactly where the box is.
                bx = std::round(bx);
                by = std::round(by);
                const QRectF box(bx, by, ink.width(), ink.height());
                if (!frame_.contains(box)) continue;
                if (!c.allowOverlap && collides(box, c.labelsSymbol ? &c.anchor : nullptr,
                                                pass == 1 ? c.obstacleGroup : -1))
                    continue;
                if (!c.ignorePlacement) insert(box, -1);
                placed_.push_back({idx, QPointF(bx - ink.left(), by - ink.top()), box});
                done = true;
                break;
            }
        if (!done) {
            ++dropped_;
            droppedTexts_.push_back(c.text);
        }
    }
}

void LabelEngine::draw(QPainter& painter, bool vector) const {
    LabelCache& cache = LabelCache::instance();
    if (!vector) {
        for (const Placed& p : placed_) {
            const LabelCandidate& c = candidates_[p.candidate];
            QPointF offset;
            const QImage sprite =
                cache.sprite(c.text, styles_[static_cast<std::size_t>(c.style)], &offset);
            painter.drawImage(QPointF(std::round(p.origin.x() + offset.x()),
                                      std::round(p.origin.y() + offset.y())),
                              sprite);
        }
        return;
    }
    painter.save();
    // Halos first (all of them), then the text, so a halo never covers text.
    for (const Placed& p : placed_) {
        const LabelCandidate& c = candidates_[p.candidate];
        const LabelStyle& st = styles_[static_cast<std::size_t>(c.style)];
        if (st.haloWidth <= 0 || st.haloColor.alpha() == 0) continue;
        QPainterPath path;
        path.addText(p.origin, st.font, c.text);
        painter.strokePath(
            path, QPen(st.haloColor, 2 * st.haloWidth, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    }
    for (const Placed& p : placed_) {
        const LabelCandidate& c = candidates_[p.candidate];
        const LabelStyle& st = styles_[static_cast<std::size_t>(c.style)];
        painter.setPen(st.color);
        painter.setFont(st.font);
        painter.drawText(p.origin, c.text);
    }
    painter.restore();
}

QStringList LabelEngine::placedTexts() const {
    QStringList out;
    for (const Placed& p : placed_) out.push_back(candidates_[p.candidate].text);
    return out;
}

std::vector<QRectF> LabelEngine::placedBoxes() const {
    std::vector<QRectF> out;
    for (const Placed& p : placed_) out.push_back(p.box);
    return out;
}

}  // namespace jinmap
