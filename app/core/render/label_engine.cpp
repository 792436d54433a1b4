#include "render/label_engine.h"

#include <QFontDatabase>
#include <QFontMetricsF>
#include <QGlyphRun>
#include <QHash>
#include <QPainter>
#include <QPainterPath>
#include <QRawFont>
#include <algorithm>
#include <array>
#include <clocale>
#include <cmath>
#include <cstdint>
#include <cstring>
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
// The font part of the cache keys. Built with QString::number and
// concatenation it cost ~4 k instructions, twice per label and frame; the
// labels of a frame share a few fonts, so the last font's key is remembered
// (per thread; by its fields, not a QFont, which must not outlive the
// application's font database at exit).
QString fontKey(const QFont& font) {
    thread_local QString lastFamily, lastKey;
    thread_local int lastPixelSize = -1, lastWeight = -1;
    thread_local bool lastItalic = false;
    const QString family = font.family();
    const int pixelSize = font.pixelSize(), weight = font.weight();
    const bool italic = font.italic();
    if (lastKey.isNull() || pixelSize != lastPixelSize || weight != lastWeight ||
        italic != lastItalic || family != lastFamily) {
        lastFamily = family;
        lastPixelSize = pixelSize;
        lastWeight = weight;
        lastItalic = italic;
        lastKey = family + QLatin1Char('|') + QString::number(pixelSize) + QLatin1Char('|') +
                  QString::number(weight) + QLatin1Char('|') + QString::number(italic);
    }
    return lastKey;
}
// The style part of a sprite's key (font, colours, halo), remembered as the font's.
QString spriteStyleKey(const LabelStyle& style) {
    thread_local QString lastFont, lastKey;
    thread_local QRgb lastColor = 0, lastHalo = 0;
    thread_local double lastWidth = -1;
    const QString font = fontKey(style.font);
    const QRgb color = style.color.rgba(), halo = style.haloColor.rgba();
    if (lastKey.isNull() || font != lastFont || color != lastColor || halo != lastHalo ||
        style.haloWidth != lastWidth) {
        lastFont = font;
        lastColor = color;
        lastHalo = halo;
        lastWidth = style.haloWidth;
        lastKey = font + QLatin1Char('|') + QString::number(color, 16) + QLatin1Char('|') +
                  QString::number(halo, 16) + QLatin1Char('|') + QString::number(style.haloWidth) +
                  QLatin1Char('|');
    }
    return lastKey;
}
constexpr std::size_t kMaxSpriteBytes = 96u << 20;

// Labels of CJK ideographs only are measured and drawn from their glyphs,
// not through QTextEngine: shaping (HarfBuzz setting up the CJK font's large
// GSUB/GPOS, itemizing, shaping each text twice) was a good part of a cold
// labelled frame, and for these characters it changes nothing — the font
// has no ligatures, marks or kerning for them — unless the locale's
// language picks other glyph forms ('locl': Japanese, Korean, traditional
// Chinese; HarfBuzz takes the language from LC_CTYPE). The results are
// those of QFontMetricsF::tightBoundingRect and QPainter::drawText (the
// render tests and Labels.IdeographRunsMatchQtText compare them); any other
// text takes Qt's path.
bool ideographsOnly(const QString& text) {
    if (text.isEmpty()) return false;
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (!((u >= 0x4E00 && u <= 0x9FFF) || (u >= 0x3400 && u <= 0x4DBF))) return false;
    }
    return true;
}

bool localeKeepsDefaultForms() {
    const char* name = std::setlocale(LC_CTYPE, nullptr);
    if (!name) return true;
    for (const char* other : {"ja", "ko", "zh_TW", "zh_HK", "zh_MO"})
        if (std::strncmp(name, other, std::strlen(other)) == 0) return false;
    return std::strstr(name, "Hant") == nullptr;
}

// The glyphs of `text` in the font's primary engine (the one layout and the
// painter use: engines are per thread in Qt) with the design advances
// shaping gives them.
struct IdeographRun {
    QRawFont font;
    QVector<quint32> glyphs;
    QVector<QPointF> advances;
};

bool ideographRun(const QString& text, const QFont& font, IdeographRun& run) {
    if (!ideographsOnly(text) || font.letterSpacing() != 0 || !localeKeepsDefaultForms())
        return false;
    run.font = QRawFont::fromFont(font);
    if (!run.font.isValid()) return false;
    run.glyphs = run.font.glyphIndexesForString(text);
    // Glyph 0: a fallback font would draw that character.
    if (run.glyphs.size() != text.size() || run.glyphs.contains(0)) return false;
    run.advances = run.font.advancesForGlyphIndexes(run.glyphs);
    return run.advances.size() == run.glyphs.size();
}

// QFontEngine::tightBoundingBox over the run: each glyph's box at a pen that
// moves by the glyph's advance rounded to whole pixels (FreeType's rounding of
// its unrounded advance, which can differ from the design advance by a 64th:
// an advance that close to a half pixel is left to Qt). False when not exact.
bool ideographInk(const IdeographRun& run, QRectF& ink) {
    double pen = 0, left = 100000, top = 100000, right = 0, bottom = 0;
    for (int i = 0; i < run.glyphs.size(); ++i) {
        const double advance64 = std::round(run.advances[i].x() * 64);
        const double fraction = advance64 - 64 * std::floor(advance64 / 64);
        if (fraction >= 28 && fraction <= 36) return false;
        const QRectF box = run.font.boundingRect(run.glyphs[i]);
        left = std::min(left, pen + box.left());
        top = std::min(top, box.top());
        right = std::max(right, pen + box.right());
        bottom = std::max(bottom, box.bottom());
        pen += std::floor((advance64 + 32) / 64);
    }
    ink = QRectF(left, top, right - left, std::max(0.0, bottom - top));
    return true;
}

// drawText(QPointF(0, 0), text) with the painter's pen.
void drawLabelText(QPainter& painter, const QString& text, const QFont& font) {
    IdeographRun run;
    if (!ideographRun(text, font, run)) {
        painter.setFont(font);
        painter.drawText(QPointF(0, 0), text);
        return;
    }
    QVector<QPointF> positions(run.glyphs.size());
    double pen = 0;
    for (int i = 0; i < run.glyphs.size(); ++i) {
        positions[i] = QPointF(pen, 0);
        pen += run.advances[i].x();
    }
    QGlyphRun glyphs;
    glyphs.setRawFont(run.font);
    glyphs.setGlyphIndexes(run.glyphs);
    glyphs.setPositions(positions);
    painter.drawGlyphRun(QPointF(0, 0), glyphs);
}
}  // namespace

TextMetrics LabelCache::metrics(const QString& text, const QFont& font) {
    Impl& d = impl();
    const QString key = fontKey(font) + QLatin1Char('|') + text;
    {
        std::lock_guard<std::mutex> lock(d.mutex);
        auto it = d.metrics.constFind(key);
        if (it != d.metrics.constEnd()) return *it;
    }
    TextMetrics m;
    IdeographRun run;
    if (!ideographRun(text, font, run) || !ideographInk(run, m.ink)) {
        const QFontMetricsF fm(font);
        m.ink = fm.tightBoundingRect(text);
        // Text without ink (spaces) still takes its line's box.
        if (m.ink.isEmpty())
            m.ink = QRectF(0, -fm.ascent(), fm.horizontalAdvance(text), fm.ascent() + fm.descent());
    }
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
//
// The halo's coverage is max over the disc's taps of (glyph × weight) / 256,
// with weight the tap's coverage ×256 (≤ 256). Flooring is monotonic, so the
// maximum is taken over the floored 8-bit products: one byte per pixel and
// loops the compiler vectorises (16 pixels a step), which made the cold
// sprites of a labelled first frame several times cheaper than int maxima.
struct HaloTap {
    int dx, dy;
    std::uint16_t weight;  // 1..256
};

std::vector<HaloTap> haloTaps(double radius) {
    std::vector<HaloTap> taps;
    const int reach = static_cast<int>(std::ceil(radius + 0.5));
    for (int dy = -reach; dy <= reach; ++dy)
        for (int dx = -reach; dx <= reach; ++dx) {
            const double cover = std::clamp(radius + 0.5 - std::hypot(dx, dy), 0.0, 1.0);
            if (cover <= 0) continue;
            const auto weight = static_cast<std::uint16_t>(std::lround(cover * 256));
            if (weight > 0) taps.push_back({dx, dy, weight});
        }
    return taps;
}

// dst[x] = max(dst[x], src[x] × weight / 256) for x in [0, n).
void maxScaled(std::uint8_t* dst, const std::uint8_t* src, int n, std::uint16_t weight) {
    if (weight >= 256) {
        for (int x = 0; x < n; ++x) dst[x] = std::max(dst[x], src[x]);
        return;
    }
    for (int x = 0; x < n; ++x) {
        const auto v =
            static_cast<std::uint8_t>((static_cast<std::uint16_t>(src[x]) * weight) >> 8);
        dst[x] = std::max(dst[x], v);
    }
}

// The colours of text (coverage ta) over halo (coverage ha), premultiplied
// source-over. Most pixels of a sprite are halo only (ta 0) or text over a
// full halo (ha 255): those come from tables made once per colour pair
// (per thread), the few others are computed.
class HaloPalette {
  public:
    static const HaloPalette& forColours(QRgb text, QRgb halo) {
        thread_local HaloPalette palette;
        if (!palette.valid_ || palette.text_ != text || palette.halo_ != halo) {
            palette.text_ = text;
            palette.halo_ = halo;
            for (int c = 0; c < 256; ++c) {
                palette.haloOnly_[static_cast<std::size_t>(c)] = palette.blend(0, c);
                palette.overFullHalo_[static_cast<std::size_t>(c)] = palette.blend(c, 255);
            }
            palette.valid_ = true;
        }
        return palette;
    }
    QRgb pixel(int ta, int ha) const {
        if (ta == 0) return haloOnly_[static_cast<std::size_t>(ha)];
        if (ha == 255) return overFullHalo_[static_cast<std::size_t>(ta)];
        return blend(ta, ha);
    }

  private:
    QRgb blend(int ta, int ha) const {
        auto channel = [&](int t, int hc) {
            const int textPart = t * ta / 255;
            const int haloPart = hc * ha / 255;
            return textPart + haloPart * (255 - qAlpha(text_) * ta / 255) / 255;
        };
        return qRgba(channel(qRed(text_), qRed(halo_)), channel(qGreen(text_), qGreen(halo_)),
                     channel(qBlue(text_), qBlue(halo_)), channel(qAlpha(text_), qAlpha(halo_)));
    }
    bool valid_ = false;
    QRgb text_ = 0, halo_ = 0;  // premultiplied
    std::array<QRgb, 256> haloOnly_{}, overFullHalo_{};
};

QImage haloSprite(const QImage& glyphs, double radius, const QColor& halo, const QColor& text) {
    // `glyphs`: black text on transparent ARGB32 premultiplied, so its alpha
    // is the glyphs' coverage.
    const int w = glyphs.width(), h = glyphs.height();
    // The glyphs in a zero border `reach` wide (plus a row above and below,
    // so that every tap of every padded pixel stays in the buffer): each tap
    // is then one loop over the whole buffer, not a short loop per row.
    const std::vector<HaloTap> taps = haloTaps(radius);
    int reach = 0;
    for (const HaloTap& tap : taps) reach = std::max({reach, std::abs(tap.dx), std::abs(tap.dy)});
    const int pw = w + 2 * reach, ph = h + 2 * reach + 2;
    std::vector<std::uint8_t> padded(static_cast<std::size_t>(pw) * ph, 0);
    const auto at = [pw, reach](int x, int y) {  // index of glyph pixel (x, y)
        return static_cast<std::size_t>(y + reach + 1) * pw + static_cast<std::size_t>(x + reach);
    };
    for (int y = 0; y < h; ++y) {
        const auto* row = reinterpret_cast<const QRgb*>(glyphs.constScanLine(y));
        std::uint8_t* dst = padded.data() + at(0, y);
        for (int x = 0; x < w; ++x) dst[x] = static_cast<std::uint8_t>(qAlpha(row[x]));
    }
    // cover[at(x, y)]: the halo's coverage 0..255 (rows of the glyphs only).
    std::vector<std::uint8_t> cover(padded.size(), 0);
    const std::size_t first = at(0, 0) - static_cast<std::size_t>(reach);
    const int count = h * pw;
    for (const HaloTap& tap : taps) {
        const std::ptrdiff_t shift = static_cast<std::ptrdiff_t>(tap.dy) * pw + tap.dx;
        maxScaled(cover.data() + first, padded.data() + first + shift, count, tap.weight);
    }
    QImage out(w, h, QImage::Format_ARGB32_Premultiplied);
    const QRgb hp = qPremultiply(halo.rgba()), tp = qPremultiply(text.rgba());
    const std::size_t outStride = static_cast<std::size_t>(out.bytesPerLine());
    uchar* outBits = out.bits();
    const HaloPalette& palette = HaloPalette::forColours(tp, hp);
    for (int y = 0; y < h; ++y) {
        auto* row = reinterpret_cast<QRgb*>(outBits + static_cast<std::size_t>(y) * outStride);
        const std::uint8_t* glyph = padded.data() + at(0, y);
        const std::uint8_t* cov = cover.data() + at(0, y);
        for (int x = 0; x < w; ++x) row[x] = palette.pixel(glyph[x], cov[x]);
    }
    return out;
}

}  // namespace

QImage LabelCache::sprite(const QString& text, const LabelStyle& style, QPointF* offset) {
    Impl& d = impl();
    const QString key = spriteStyleKey(style) + text;
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
        // The glyphs' coverage once; halo and text are made from it. Drawn
        // in ARGB32: Qt blits glyphs into it with its fast alpha-map path
        // (into Alpha8 it takes the generic per-pixel one, 4x the cost); the
        // alpha is the same coverage.
        QImage glyphs(std::max(w, 1), std::max(h, 1), QImage::Format_ARGB32_Premultiplied);
        glyphs.fill(Qt::transparent);
        {
            QPainter p(&glyphs);
            p.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
            p.translate(-left, -top);
            p.setPen(Qt::black);
            drawLabelText(p, text, style.font);
        }
        image = haloSprite(glyphs, style.haloWidth, style.haloColor, style.color);
    } else {
        image = QImage(std::max(w, 1), std::max(h, 1), QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter p(&image);
        p.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
        p.translate(-left, -top);
        p.setPen(style.color);
        drawLabelText(p, text, style.font);
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
