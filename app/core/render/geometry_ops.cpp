#include "render/geometry_ops.h"

#include <algorithm>
#include <cmath>
#include <queue>

#include "base/huge_pages.h"
#include "data/geometry.h"

namespace jinmap {

namespace {

enum Edge { Left, Right, Top, Bottom };

inline bool inside(const QPointF& p, Edge e, const QRectF& r) {
    switch (e) {
        case Left:
            return p.x() >= r.left();
        case Right:
            return p.x() <= r.right();
        case Top:
            return p.y() >= r.top();
        case Bottom:
            return p.y() <= r.bottom();
    }
    return true;
}

inline QPointF intersect(const QPointF& a, const QPointF& b, Edge e, const QRectF& r) {
    const double dx = b.x() - a.x(), dy = b.y() - a.y();
    switch (e) {
        case Left: {
            const double t = (r.left() - a.x()) / dx;
            return {r.left(), a.y() + t * dy};
        }
        case Right: {
            const double t = (r.right() - a.x()) / dx;
            return {r.right(), a.y() + t * dy};
        }
        case Top: {
            const double t = (r.top() - a.y()) / dy;
            return {a.x() + t * dx, r.top()};
        }
        case Bottom: {
            const double t = (r.bottom() - a.y()) / dy;
            return {a.x() + t * dx, r.bottom()};
        }
    }
    return a;
}

void clipEdge(const std::vector<QPointF>& in, Edge e, const QRectF& r, std::vector<QPointF>& out) {
    out.clear();
    const std::size_t n = in.size();
    if (n == 0) return;
    QPointF prev = in[n - 1];
    bool prevIn = inside(prev, e, r);
    for (std::size_t i = 0; i < n; ++i) {
        const QPointF& cur = in[i];
        const bool curIn = inside(cur, e, r);
        if (curIn) {
            if (!prevIn) out.push_back(intersect(prev, cur, e, r));
            out.push_back(cur);
        } else if (prevIn) {
            out.push_back(intersect(prev, cur, e, r));
        }
        prev = cur;
        prevIn = curIn;
    }
}

}  // namespace

void clipRing(const QPointF* ring, int count, const QRectF& rect, std::vector<QPointF>& out,
              std::vector<QPointF>& scratch) {
    out.clear();
    if (count < 3) return;
    // Open ring (drop the repeated closing point).
    int n = count;
    if (ring[0] == ring[n - 1]) --n;
    out.assign(ring, ring + n);
    clipEdge(out, Left, rect, scratch);
    clipEdge(scratch, Right, rect, out);
    clipEdge(out, Top, rect, scratch);
    clipEdge(scratch, Bottom, rect, out);
    if (out.size() < 3) {
        out.clear();
        return;
    }
    out.push_back(out.front());
}

void clipPolyline(const QPointF* line, int count, const QRectF& rect, std::vector<QPointF>& points,
                  std::vector<int>& starts) {
    bool open = false;  // a piece is being extended
    for (int i = 0; i + 1 < count; ++i) {
        const QPointF a = line[i], b = line[i + 1];
        double t0 = 0, t1 = 1;
        const double dx = b.x() - a.x(), dy = b.y() - a.y();
        const double p[4] = {-dx, dx, -dy, dy};
        const double q[4] = {a.x() - rect.left(), rect.right() - a.x(), a.y() - rect.top(),
                             rect.bottom() - a.y()};
        bool visible = true;
        for (int k = 0; k < 4 && visible; ++k) {
            if (p[k] == 0) {
                if (q[k] < 0) visible = false;
            } else {
                const double t = q[k] / p[k];
                if (p[k] < 0) {
                    if (t > t1)
                        visible = false;
                    else if (t > t0)
                        t0 = t;
                } else {
                    if (t < t0)
                        visible = false;
                    else if (t < t1)
                        t1 = t;
                }
            }
        }
        if (!visible) {
            open = false;
            continue;
        }
        const QPointF c0(a.x() + t0 * dx, a.y() + t0 * dy);
        const QPointF c1(a.x() + t1 * dx, a.y() + t1 * dy);
        if (!open || t0 > 0) {
            starts.push_back(static_cast<int>(points.size()));
            points.push_back(c0);
        }
        points.push_back(c1);
        open = t1 >= 1;
    }
}

FarthestVertex farthestFromChord(const double* xy, std::size_t a, std::size_t b) {
    FarthestVertex far{a, -1};
    if (b <= a + 1) return far;
    const double ax = xy[2 * a], ay = xy[2 * a + 1];
    const double dx = xy[2 * b] - ax, dy = xy[2 * b + 1] - ay;
    const double len2 = dx * dx + dy * dy;
    for (std::size_t i = a + 1; i < b; ++i) {
        const double px = xy[2 * i] - ax, py = xy[2 * i + 1] - ay;
        double d2;
        if (len2 == 0) {
            d2 = px * px + py * py;
        } else {
            const double t = std::clamp((px * dx + py * dy) / len2, 0.0, 1.0);
            const double ex = px - t * dx, ey = py - t * dy;
            d2 = ex * ex + ey * ey;
        }
        if (d2 > far.distance2) far = {i, d2};
    }
    return far;
}

template <typename Out>
void simplifyDouglasPeucker(const double* xy, std::size_t count, double tolerance, bool closed,
                            Out& out) {
    if (count <= 2 || tolerance <= 0) {
        out.insert(out.end(), xy, xy + 2 * count);
        return;
    }
    const double tol2 = tolerance * tolerance;
    std::vector<char> keep(count, 0);
    keep[0] = keep[count - 1] = 1;
    // For a closed ring the segment first→last is degenerate: split at the
    // point farthest from the first one.
    std::vector<std::pair<std::size_t, std::size_t>> stack;
    if (closed && count > 3) {
        std::size_t far = 1;
        double best = -1;
        for (std::size_t i = 1; i + 1 < count; ++i) {
            const double dx = xy[2 * i] - xy[0], dy = xy[2 * i + 1] - xy[1];
            const double d = dx * dx + dy * dy;
            if (d > best) {
                best = d;
                far = i;
            }
        }
        keep[far] = 1;
        stack.emplace_back(0, far);
        stack.emplace_back(far, count - 1);
    } else {
        stack.emplace_back(0, count - 1);
    }
    while (!stack.empty()) {
        const auto [a, b] = stack.back();
        stack.pop_back();
        if (b <= a + 1) continue;
        const auto [idx, best] = farthestFromChord(xy, a, b);
        if (best > tol2) {
            keep[idx] = 1;
            stack.emplace_back(a, idx);
            stack.emplace_back(idx, b);
        }
    }
    std::size_t kept = 0;
    for (std::size_t i = 0; i < count; ++i) kept += keep[i];
    if (closed && kept < 4) {
        // Too small to keep its shape: the ring collapses to a triangle
        // through the first point and the two farthest kept/unkept points.
        const std::size_t i1 = count / 3, i2 = 2 * count / 3;
        keep[i1] = keep[i2] = 1;
    }
    for (std::size_t i = 0; i < count; ++i)
        if (keep[i]) out.insert(out.end(), {xy[2 * i], xy[2 * i + 1]});
}

template void simplifyDouglasPeucker(const double*, std::size_t, double, bool,
                                     std::vector<double>&);
template void simplifyDouglasPeucker(const double*, std::size_t, double, bool,
                                     std::vector<double, HugePageAllocator<double>>&);

namespace {

// Signed distance from (x, y) to the outline of polygon rings [r0, r1) of g:
// positive inside.
double pointToPolygonDistance(double x, double y, const Geometry& g, std::size_t r0,
                              std::size_t r1) {
    bool in = false;
    double minD2 = std::numeric_limits<double>::infinity();
    for (std::size_t r = r0; r < r1; ++r) {
        const std::size_t s = g.rings[r], e = g.rings[r + 1];
        if (e - s < 2) continue;
        for (std::size_t i = s, j = e - 1; i < e; j = i++) {
            const double ax = g.xy[2 * i], ay = g.xy[2 * i + 1];
            const double bx = g.xy[2 * j], by = g.xy[2 * j + 1];
            if ((ay > y) != (by > y) && x < (bx - ax) * (y - ay) / (by - ay) + ax) in = !in;
            double dx = bx - ax, dy = by - ay, px = ax, py = ay;
            if (dx != 0 || dy != 0) {
                const double t =
                    std::clamp(((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy), 0.0, 1.0);
                px = ax + t * dx;
                py = ay + t * dy;
            }
            const double ex = x - px, ey = y - py;
            minD2 = std::min(minD2, ex * ex + ey * ey);
        }
    }
    return (in ? 1 : -1) * std::sqrt(minD2);
}

struct Cell {
    double x, y, h, d, max;
};

}  // namespace

QPointF poleOfInaccessibility(const Geometry& g, double precision) {
    if (g.isEmpty()) return {};
    if (!g.isPolygonal() || g.parts.size() < 2) return {g.bounds.centerX(), g.bounds.centerY()};
    // Largest part by bounds area (outer ring).
    std::size_t bestPart = 0;
    double bestArea = -1;
    Bounds bestBounds;
    for (std::size_t p = 0; p + 1 < g.parts.size(); ++p) {
        const std::size_t r = g.parts[p];
        if (r >= g.ringCount()) continue;
        Bounds b;
        for (std::size_t i = g.rings[r]; i < g.rings[r + 1]; ++i)
            b.extend(g.xy[2 * i], g.xy[2 * i + 1]);
        const double a = b.isEmpty() ? 0 : b.width() * b.height();
        if (a > bestArea) {
            bestArea = a;
            bestPart = p;
            bestBounds = b;
        }
    }
    const std::size_t r0 = g.parts[bestPart], r1 = g.parts[bestPart + 1];
    const Bounds& b = bestBounds;
    const double cellSize = std::min(b.width(), b.height());
    if (cellSize <= 0) return {b.centerX(), b.centerY()};
    if (precision <= 0) precision = cellSize / 100;
    auto makeCell = [&](double x, double y, double h) {
        const double d = pointToPolygonDistance(x, y, g, r0, r1);
        return Cell{x, y, h, d, d + h * M_SQRT2};
    };
    auto cmp = [](const Cell& a, const Cell& c) { return a.max < c.max; };
    std::priority_queue<Cell, std::vector<Cell>, decltype(cmp)> queue(cmp);
    double h = cellSize / 2;
    for (double x = b.minX; x < b.maxX; x += cellSize)
        for (double y = b.minY; y < b.maxY; y += cellSize) queue.push(makeCell(x + h, y + h, h));
    // Start from the bounds centre (and the part's centroid of vertices).
    Cell best = makeCell(b.centerX(), b.centerY(), 0);
    {
        double sx = 0, sy = 0;
        std::size_t n = 0;
        for (std::size_t i = g.rings[r0]; i < g.rings[r0 + 1]; ++i, ++n) {
            sx += g.xy[2 * i];
            sy += g.xy[2 * i + 1];
        }
        if (n) {
            const Cell c = makeCell(sx / n, sy / n, 0);
            if (c.d > best.d) best = c;
        }
    }
    int guard = 0;
    while (!queue.empty() && ++guard < 20000) {
        const Cell cell = queue.top();
        queue.pop();
        if (cell.d > best.d) best = cell;
        if (cell.max - best.d <= precision) continue;
        const double hh = cell.h / 2;
        queue.push(makeCell(cell.x - hh, cell.y - hh, hh));
        queue.push(makeCell(cell.x + hh, cell.y - hh, hh));
        queue.push(makeCell(cell.x - hh, cell.y + hh, hh));
        queue.push(makeCell(cell.x + hh, cell.y + hh, hh));
    }
    return {best.x, best.y};
}

QPointF polygonLabelAnchor(const std::vector<double>& xy, const Geometry& g, const Bounds& bounds) {
    Geometry coarse;
    coarse.type = g.type;
    coarse.parts = g.parts;
    coarse.rings.push_back(0);
    const double tol = std::max(bounds.width(), bounds.height()) / 400;
    for (std::size_t r = 0; r + 1 < g.rings.size(); ++r) {
        simplifyDouglasPeucker(xy.data() + std::size_t{2} * g.rings[r], g.rings[r + 1] - g.rings[r],
                               tol, true, coarse.xy);
        coarse.rings.push_back(static_cast<std::uint32_t>(coarse.xy.size() / 2));
    }
    coarse.recomputeBounds();
    return poleOfInaccessibility(coarse, std::max(bounds.width(), bounds.height()) / 150);
}

namespace {
double signedRingArea(const double* xy, std::size_t n) {
    double a = 0;
    for (std::size_t i = 0, j = n - 1; i < n; j = i++)
        a += (xy[2 * j] - xy[2 * i]) * (xy[2 * j + 1] + xy[2 * i + 1]);
    return a / 2;
}
}  // namespace

void orientRings(std::vector<double>& xy, const Geometry& g) {
    for (std::size_t p = 0; p + 1 < g.parts.size(); ++p) {
        const std::size_t r0 = g.parts[p], r1 = g.parts[p + 1];
        if (r0 >= r1 || r1 >= g.rings.size()) continue;
        const double shell =
            signedRingArea(xy.data() + std::size_t{2} * g.rings[r0], g.rings[r0 + 1] - g.rings[r0]);
        for (std::size_t r = r0 + 1; r < r1; ++r) {
            const std::size_t s = g.rings[r], e = g.rings[r + 1];
            if (e - s < 3) continue;
            const double hole = signedRingArea(xy.data() + 2 * s, e - s);
            if ((hole > 0) == (shell > 0)) {
                for (std::size_t a = s, b = e - 1; a < b; ++a, --b) {
                    std::swap(xy[2 * a], xy[2 * b]);
                    std::swap(xy[2 * a + 1], xy[2 * b + 1]);
                }
            }
        }
    }
}

}  // namespace jinmap
