#include "render/coverage_fill.h"

#include <QPaintEngine>
#include <QPainter>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace jinmap {

namespace {

// x * a / 255 per channel (Qt's BYTE_MUL).
inline quint32 byteMul(quint32 x, quint32 a) {
    quint32 t = (x & 0xff00ff) * a;
    t = (t + ((t >> 8) & 0xff00ff) + 0x800080) >> 8;
    t &= 0xff00ff;
    x = ((x >> 8) & 0xff00ff) * a;
    x = (x + ((x >> 8) & 0xff00ff) + 0x800080);
    x &= 0xff00ff00;
    return x | t;
}

struct Accumulator {
    std::vector<float> acc;
    std::vector<int> rowMin, rowMax;
};

Accumulator& accumulator() {
    thread_local Accumulator a;
    return a;
}

}  // namespace

CoverageFill CoverageFill::forPainter(QPainter& painter) {
    CoverageFill f;
    QPaintEngine* engine = painter.paintEngine();
    if (!engine || engine->type() != QPaintEngine::Raster) return f;
    QPaintDevice* device = painter.device();
    if (!device || device->devType() != QInternal::Image) return f;
    auto* image = static_cast<QImage*>(device);
    if (image->format() != QImage::Format_ARGB32_Premultiplied &&
        image->format() != QImage::Format_RGB32)
        return f;
    if (image->devicePixelRatio() != 1.0) return f;
    const QTransform t = painter.combinedTransform();
    if (t.type() > QTransform::TxTranslate || t.dx() != std::floor(t.dx()) ||
        t.dy() != std::floor(t.dy()))
        return f;
    if (painter.hasClipping() || painter.opacity() != 1.0 ||
        painter.compositionMode() != QPainter::CompositionMode_SourceOver ||
        !painter.testRenderHint(QPainter::Antialiasing))
        return f;
    f.image_ = image;
    f.offset_ = QPoint(static_cast<int>(t.dx()), static_cast<int>(t.dy()));
    return f;
}

void CoverageFill::fill(const QPointF* pts, const int* starts, int rings, QRgb color) {
    if (!image_ || rings <= 0 || qAlpha(color) == 0) return;
    const int W = image_->width(), H = image_->height();
    // Bounds in image pixels.
    double minX = 1e300, minY = 1e300, maxX = -1e300, maxY = -1e300;
    for (int k = starts[0]; k < starts[rings]; ++k) {
        const double x = pts[k].x() + offset_.x(), y = pts[k].y() + offset_.y();
        minX = std::min(minX, x);
        maxX = std::max(maxX, x);
        minY = std::min(minY, y);
        maxY = std::max(maxY, y);
    }
    const int x0 = std::max(0, static_cast<int>(std::floor(minX)));
    const int x1 = std::min(W, static_cast<int>(std::ceil(maxX)));
    const int y0 = std::max(0, static_cast<int>(std::floor(minY)));
    const int y1 = std::min(H, static_cast<int>(std::ceil(maxY)));
    if (x0 >= x1 || y0 >= y1) return;
    const int aw = x1 - x0 + 2;  // two guard columns
    const int ah = y1 - y0;
    Accumulator& a = accumulator();
    a.acc.assign(static_cast<std::size_t>(aw) * ah, 0.0f);
    a.rowMin.assign(static_cast<std::size_t>(ah), aw);
    a.rowMax.assign(static_cast<std::size_t>(ah), -1);
    float* acc = a.acc.data();
    int* rowMin = a.rowMin.data();
    int* rowMax = a.rowMax.data();
    const double ox = offset_.x() - x0, oy = offset_.y() - y0;
    const double maxLocalX = x1 - x0;

    auto line = [&](double ax, double ay, double bx, double by) {
        if (ay == by) return;
        double dir = 1;
        if (ay > by) {
            std::swap(ax, bx);
            std::swap(ay, by);
            dir = -1;
        }
        if (by <= 0 || ay >= ah) return;
        const double dxdy = (bx - ax) / (by - ay);
        double x = ax;
        if (ay < 0) {
            x -= ay * dxdy;
            ay = 0;
        }
        if (by > ah) by = ah;
        const int yStart = static_cast<int>(ay);
        const int yEnd = std::min(ah, static_cast<int>(std::ceil(by)));
        for (int y = yStart; y < yEnd; ++y) {
            const double dy = std::min(double(y + 1), by) - std::max(double(y), ay);
            const double xnext = x + dxdy * dy;
            const double d = dy * dir;
            double xa = x, xb = xnext;
            if (xa > xb) std::swap(xa, xb);
            float* row = acc + static_cast<std::size_t>(y) * aw;
            const double xaFloor = std::floor(xa);
            const int xai = static_cast<int>(xaFloor);
            const double xbCeil = std::ceil(xb);
            const int xbi = static_cast<int>(xbCeil);
            if (xbi <= xai + 1) {
                const double xmf = 0.5 * (x + xnext) - xaFloor;
                row[xai] += static_cast<float>(d - d * xmf);
                row[xai + 1] += static_cast<float>(d * xmf);
            } else {
                const double s = 1.0 / (xb - xa);
                const double xaf = xa - xaFloor;
                const double a0 = 0.5 * s * (1 - xaf) * (1 - xaf);
                const double xbf = xb - xbCeil + 1;
                const double am = 0.5 * s * xbf * xbf;
                row[xai] += static_cast<float>(d * a0);
                if (xbi == xai + 2) {
                    row[xai + 1] += static_cast<float>(d * (1 - a0 - am));
                } else {
                    const double a1 = s * (1.5 - xaf);
                    row[xai + 1] += static_cast<float>(d * (a1 - a0));
                    for (int xi = xai + 2; xi < xbi - 1; ++xi) row[xi] += static_cast<float>(d * s);
                    const double a2 = a1 + (xbi - xai - 3) * s;
                    row[xbi - 1] += static_cast<float>(d * (1 - a2 - am));
                }
                row[xbi] += static_cast<float>(d * am);
            }
            rowMin[y] = std::min(rowMin[y], xai);
            rowMax[y] = std::max(rowMax[y], xbi);
            x = xnext;
        }
    };

    for (int r = 0; r < rings; ++r) {
        const int s = starts[r], e = starts[r + 1];
        if (e - s < 3) continue;
        for (int k = s; k < e; ++k) {
            const QPointF& p = pts[k];
            const QPointF& q = pts[k + 1 < e ? k + 1 : s];
            // Clamping x to the accumulated columns keeps the coverage of
            // every pixel inside them (the parts beyond only add cover).
            const double ax = std::clamp(p.x() + ox, 0.0, maxLocalX);
            const double bx = std::clamp(q.x() + ox, 0.0, maxLocalX);
            line(ax, p.y() + oy, bx, q.y() + oy);
        }
    }

    // Premultiplied source.
    const quint32 alpha = static_cast<quint32>(qAlpha(color));
    const quint32 src =
        byteMul((color & 0x00ffffff) | 0xff000000u, alpha) | (alpha << 24);  // alpha channel exact
    const bool opaque = alpha == 255;
    const bool rgb32 = image_->format() == QImage::Format_RGB32;
    for (int y = 0; y < ah; ++y) {
        if (rowMax[y] < 0) continue;
        const float* row = acc + static_cast<std::size_t>(y) * aw;
        auto* dst = reinterpret_cast<quint32*>(image_->scanLine(y0 + y)) + x0;
        float sum = 0;  // columns before rowMin[y] hold nothing
        const int end = std::min(std::min(rowMax[y], aw - 2), x1 - x0 - 1);
        int c = std::max(0, rowMin[y]);
        while (c <= end) {
            sum += row[c];
            float cov = std::fabs(sum);
            if (cov < 0.5f / 255.0f || (opaque && cov >= 1.0f - 0.5f / 255.0f)) {
                // A run of empty or fully covered pixels lasts while nothing
                // accumulates (+0.0f has all bits zero; -0.0f just ends the run).
                const bool full = cov >= 0.5f / 255.0f;
                int next = c + 1;
                while (next + 1 <= end) {
                    std::uint64_t two;
                    std::memcpy(&two, row + next, sizeof two);
                    if (two) break;
                    next += 2;
                }
                while (next <= end && row[next] == 0.0f) ++next;
                if (full) std::fill(dst + c, dst + next, src);
                c = next;
                continue;
            }
            if (cov > 1.0f) cov = 1.0f;
            const quint32 ca = static_cast<quint32>(cov * 255.0f + 0.5f);
            const quint32 sv = byteMul(src, ca);
            quint32 out = sv + byteMul(dst[c], 255 - (sv >> 24));
            if (rgb32) out |= 0xff000000u;
            dst[c] = out;
            ++c;
        }
    }
}

}  // namespace jinmap
