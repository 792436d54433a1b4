#include "render/coverage_fill.h"

#include <QPaintEngine>
#include <QPainter>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <type_traits>

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

// The accumulation buffer is all zeros between calls: the sweep clears each
// cell it reads, so a call costs what its edges touch, not its bounding box.
struct Accumulator {
    std::vector<float> acc;
    std::vector<int> rowMin, rowMax;
};
// Above this (floats) the buffer is released after the call instead of kept
// for the next one (print exports' large polygons).
constexpr std::size_t kKeptAccumulator = std::size_t{8} << 20;

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

void CoverageFill::fill(const QPointF* pts, const int* starts, int rings, QRgb color, FillRule rule,
                        const Hatch* hatch) {
    if (!image_ || rings <= 0 || (qAlpha(color) == 0 && (!hatch || qAlpha(hatch->color) == 0)))
        return;
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
    const std::size_t cells = static_cast<std::size_t>(aw) * ah;
    if (a.acc.size() < cells) a.acc.resize(cells, 0.0f);
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

    // Premultiplied sources (alpha channel exact).
    auto premultiply = [](QRgb c) {
        const quint32 alpha = static_cast<quint32>(qAlpha(c));
        return byteMul((c & 0x00ffffff) | 0xff000000u, alpha) | (alpha << 24);
    };
    const quint32 src = premultiply(color);
    const quint32 hatchSrc = hatch ? premultiply(hatch->color) : src;
    const int period = hatch ? std::max(1, hatch->period) : 1;
    const int hatchWidth = hatch ? std::clamp(hatch->width, 1, period) : 0;
    // The source at image pixel (x, y): the hatch line where (x + y) mod
    // period, counted from the painter's origin as QPainter anchors its
    // patterns, falls in the line's last `width` steps (Qt's '/' pattern).
    const int phase = ((-(offset_.x() + offset_.y())) % period + period) % period;
    auto sourceAt = [&](int x, int y) {
        if (!hatch) return src;
        return ((x + y + phase) % period) >= period - hatchWidth ? hatchSrc : src;
    };
    const bool opaque = qAlpha(color) == 255 && (!hatch || qAlpha(hatch->color) == 255);
    const bool evenOdd = rule == FillRule::EvenOdd;
    // Coverage of an accumulated winding: nonzero saturates at 1; even-odd
    // folds it (1 inside one ring, 0 inside two), as exact area coverage does.
    auto coverageOf = [evenOdd](float sum) {
        float cov = std::fabs(sum);
        if (cov > 1.0f) {
            if (!evenOdd) return 1.0f;
            cov -= 2.0f * std::floor(cov * 0.5f);
            if (cov > 1.0f) cov = 2.0f - cov;
        }
        return cov;
    };
    const bool rgb32 = image_->format() == QImage::Format_RGB32;
    // The sweep, compiled once with and once without hatching (with the
    // hatch test inside, the compiler computed the hatch's modulo, an idiv,
    // for every edge pixel of every plain fill and picked the result).
    uchar* const bits = image_->bits();
    const auto stride = static_cast<std::size_t>(image_->bytesPerLine());
    auto sweep = [&](auto hatched) {
        constexpr bool kHatched = decltype(hatched)::value;
        for (int y = 0; y < ah; ++y) {
            if (rowMax[y] < 0) continue;
            float* row = acc + static_cast<std::size_t>(y) * aw;
            auto* dst =
                reinterpret_cast<quint32*>(bits + static_cast<std::size_t>(y0 + y) * stride) + x0;
            // The frame was just filled, so a row's first edge pixel came
            // from memory: a fifth of the fill's time stalled on that load.
            // The edge pixels two rows down are fetched while this one is swept.
            if (y + 2 < ah && rowMax[y + 2] >= 0) {
                const auto* ahead = reinterpret_cast<const quint32*>(
                                        bits + static_cast<std::size_t>(y0 + y + 2) * stride) +
                                    x0;
                __builtin_prefetch(ahead + std::max(0, rowMin[y + 2]));
                __builtin_prefetch(ahead + std::min(rowMax[y + 2], x1 - x0 - 1));
            }
            const int imageY = y0 + y;
            float sum = 0;  // columns before rowMin[y] hold nothing
            const int end = std::min(std::min(rowMax[y], aw - 2), x1 - x0 - 1);
            int c = std::max(0, rowMin[y]);
            while (c <= end) {
                sum += row[c];
                row[c] = 0.0f;
                float cov = coverageOf(sum);
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
                    if (full) {
                        if constexpr (!kHatched)
                            std::fill(dst + c, dst + next, src);
                        else
                            for (int k = c; k < next; ++k) dst[k] = sourceAt(x0 + k, imageY);
                    }
                    c = next;
                    continue;
                }
                // cov is in [0, 1]: adding 0.5 and truncating rounds it, without
                // lround's libm call per edge pixel (10% of a frame).
                // NOLINTNEXTLINE(bugprone-incorrect-roundings)
                const quint32 ca = static_cast<quint32>(cov * 255.0f + 0.5f);
                quint32 source = src;
                if constexpr (kHatched) source = sourceAt(x0 + c, imageY);
                const quint32 sv = byteMul(source, ca);
                quint32 out = sv + byteMul(dst[c], 255 - (sv >> 24));
                if (rgb32) out |= 0xff000000u;
                dst[c] = out;
                ++c;
            }
            // Cells the sweep did not reach (the guard columns).
            for (int k = std::max(c, 0); k <= rowMax[y] && k < aw; ++k) row[k] = 0.0f;
        }
    };
    if (hatch)
        sweep(std::true_type{});
    else
        sweep(std::false_type{});
    if (a.acc.size() > kKeptAccumulator) std::vector<float>().swap(a.acc);
}

// ---------------------------------------------------------------------------
// StrokeRings

void StrokeRings::clear() {
    points_.clear();
    starts_.assign(1, 0);
}

namespace {

double cross(QPointF a, QPointF b) {
    return a.x() * b.y() - a.y() * b.x();
}

// Largest angle step of a flattened arc of `radius` px that stays within
// 0.02 px of the circle (QPainter's curve flattening is about as fine).
double arcStep(double radius) {
    constexpr double kTolerance = 0.02;
    if (radius <= kTolerance) return M_PI / 2;
    return std::max(2 * std::acos(1 - kTolerance / radius), M_PI / 64);
}

}  // namespace

void StrokeRings::closeRing(std::size_t begin) {
    // All pieces wind the same way (negative signed area), so that the
    // nonzero fill adds where they overlap instead of cancelling.
    double area = 0;
    const std::size_t end = points_.size();
    for (std::size_t k = begin; k < end; ++k)
        area += cross(points_[k], points_[k + 1 < end ? k + 1 : begin]);
    if (area > 0) std::reverse(points_.begin() + static_cast<std::ptrdiff_t>(begin), points_.end());
    starts_.push_back(static_cast<int>(points_.size()));
}

void StrokeRings::addArc(QPointF center, QPointF from, double sweep, double radius) {
    // Points strictly inside the arc from `from` turning by `sweep` radians.
    const int steps = static_cast<int>(std::ceil(std::abs(sweep) / arcStep(radius)));
    const double a0 = std::atan2(from.y() - center.y(), from.x() - center.x());
    for (int k = 1; k < steps; ++k) {
        const double a = a0 + sweep * k / steps;
        points_.emplace_back(center.x() + radius * std::cos(a), center.y() + radius * std::sin(a));
    }
}

void StrokeRings::addJoint(QPointF at, QPointF n1, QPointF n2, double turn,
                           const StrokeShape& shape) {
    // The outer side is opposite to the turn; the inner side lies inside
    // the two segments' quadrilaterals.
    const double side = turn > 0 ? -1.0 : 1.0;
    const QPointF p1 = at + side * n1, p2 = at + side * n2;
    const double half = shape.width / 2;
    const std::size_t begin = points_.size();
    points_.push_back(at);
    points_.push_back(p1);
    switch (shape.join) {
        case LineJoin::Bevel:
            break;
        case LineJoin::Miter: {
            // cos φ of the normals; the miter is 1/cos(φ/2) widths long
            // (SVG's ratio), bevelled beyond the limit.
            const double cosPhi = (n1.x() * n2.x() + n1.y() * n2.y()) / (half * half);
            const double cosHalf2 = (1 + cosPhi) / 2;  // cos²(φ/2)
            if (cosHalf2 > 1e-12 && 1 / cosHalf2 <= shape.miterLimit * shape.miterLimit)
                points_.push_back(at + side * (n1 + n2) / (1 + cosPhi));
            break;
        }
        case LineJoin::Round: {
            const double a1 = std::atan2(p1.y() - at.y(), p1.x() - at.x());
            const double a2 = std::atan2(p2.y() - at.y(), p2.x() - at.x());
            double sweep = a2 - a1;
            while (sweep > M_PI) sweep -= 2 * M_PI;
            while (sweep < -M_PI) sweep += 2 * M_PI;
            addArc(at, p1, sweep, half);
            break;
        }
    }
    points_.push_back(p2);
    closeRing(begin);
}

void StrokeRings::addCap(QPointF at, QPointF normal, QPointF back, const StrokeShape& shape) {
    // `back` points away from the line (length width/2).
    if (shape.cap == LineCap::Butt) return;
    const std::size_t begin = points_.size();
    points_.push_back(at + normal);
    if (shape.cap == LineCap::Square) {
        points_.push_back(at + normal + back);
        points_.push_back(at - normal + back);
    } else {
        addArc(at, at + normal, cross(normal, back) > 0 ? M_PI : -M_PI, shape.width / 2);
    }
    points_.push_back(at - normal);
    closeRing(begin);
}

void StrokeRings::addPolyline(const QPointF* pts, int n, const StrokeShape& shape) {
    const double half = shape.width / 2;
    if (n < 2 || !(half > 0)) return;
    const bool closed = n > 2 && pts[0] == pts[n - 1];
    QPointF firstNormal, lastNormal, firstDir, lastDir;
    bool haveSegment = false;
    QPointF a = pts[0];
    for (int k = 1; k < n; ++k) {
        const QPointF b = pts[k];
        const double dx = b.x() - a.x(), dy = b.y() - a.y();
        const double len = std::hypot(dx, dy);
        if (len < 1e-9) continue;
        const QPointF dir(dx / len, dy / len);
        const QPointF normal(-dir.y() * half, dir.x() * half);
        if (haveSegment) {
            addJoint(a, lastNormal, normal, cross(lastDir, dir), shape);
        } else {
            firstNormal = normal;
            firstDir = dir;
        }
        const std::size_t begin = points_.size();
        points_.insert(points_.end(), {a + normal, b + normal, b - normal, a - normal});
        closeRing(begin);
        lastNormal = normal;
        lastDir = dir;
        haveSegment = true;
        a = b;
    }
    if (!haveSegment) return;
    if (closed) {
        addJoint(pts[0], lastNormal, firstNormal, cross(lastDir, firstDir), shape);
    } else {
        addCap(pts[0], firstNormal, -firstDir * half, shape);
        addCap(a, lastNormal, lastDir * half, shape);
    }
}

void StrokeRings::fillWith(CoverageFill& coverage, QRgb color) const {
    if (isEmpty()) return;
    coverage.fill(points_.data(), starts_.data(), static_cast<int>(starts_.size()) - 1, color,
                  FillRule::NonZero);
}

}  // namespace jinmap
