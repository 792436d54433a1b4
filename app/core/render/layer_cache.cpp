#include "render/layer_cache.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "base/error.h"
#include "base/sqlite.h"
#include "data/geodatabase.h"
#include "data/spatialite_source.h"
#include "render/geometry_ops.h"
#include "render/geometry_store.h"
#include "render/projection.h"

namespace jinmap {

std::size_t FlatGeometry::bytes() const {
    return xy.capacity() * sizeof(double) +
           (ringStart.capacity() + featureRing.capacity()) * sizeof(std::uint32_t);
}

namespace {

const double* numberAt(const std::vector<Value>& row, int index) {
    if (index < 0 || static_cast<std::size_t>(index) >= row.size()) return nullptr;
    return std::get_if<double>(&row[static_cast<std::size_t>(index)]);
}

// Middle of the longest line of feature i (by vertex path length).
QPointF lineAnchor(const FlatGeometry& g, std::size_t i) {
    double bestLen = -1;
    QPointF best;
    for (std::size_t r = g.ringBegin(i); r < g.ringEnd(i); ++r) {
        const std::size_t s = g.pointBegin(r), e = g.pointEnd(r);
        if (e <= s) continue;
        double len = 0;
        for (std::size_t k = s + 1; k < e; ++k)
            len += std::hypot(g.xy[2 * k] - g.xy[2 * k - 2], g.xy[2 * k + 1] - g.xy[2 * k - 1]);
        if (len <= bestLen) continue;
        bestLen = len;
        double walked = 0;
        best = QPointF(g.xy[2 * s], g.xy[2 * s + 1]);
        for (std::size_t k = s + 1; k < e; ++k) {
            const double seg =
                std::hypot(g.xy[2 * k] - g.xy[2 * k - 2], g.xy[2 * k + 1] - g.xy[2 * k - 1]);
            if (walked + seg >= len / 2 && seg > 0) {
                const double t = (len / 2 - walked) / seg;
                best = QPointF(g.xy[2 * k - 2] + t * (g.xy[2 * k] - g.xy[2 * k - 2]),
                               g.xy[2 * k - 1] + t * (g.xy[2 * k + 1] - g.xy[2 * k - 1]));
                break;
            }
            walked += seg;
        }
    }
    return best;
}

}  // namespace

LayerData::LayerData(const FeatureSource& source, const std::string& relation,
                     const Projection& projection)
    : relation_(relation), crs_(projection.crs()) {
    fields_ = source.fields();
    const int labelX = fields_.indexOf("label_x"), labelY = fields_.indexOf("label_y");
    auto it = source.features();
    Feature f;
    exact_.ringStart.push_back(0);
    exact_.featureRing.push_back(0);
    std::vector<double> scratch;
    while (it->next(f)) {
        const Geometry& g = f.geometry;
        scratch.assign(g.xy.begin(), g.xy.end());
        bool ok = !scratch.empty() && projection.forward(scratch.data(), scratch.size() / 2) == 0;
        if (ok && g.isPolygonal()) orientRings(scratch, g);
        if (!scratch.empty() && !ok) ++projectionFailures_;
        Bounds b;
        if (ok) {
            const std::uint32_t base = static_cast<std::uint32_t>(exact_.pointCount());
            exact_.xy.insert(exact_.xy.end(), scratch.begin(), scratch.end());
            if (g.rings.size() >= 2) {
                for (std::size_t r = 1; r < g.rings.size(); ++r)
                    exact_.ringStart.push_back(base + g.rings[r]);
            } else {  // points without ring table
                exact_.ringStart.push_back(base + static_cast<std::uint32_t>(g.pointCount()));
            }
            for (std::size_t k = 0; k + 1 < scratch.size(); k += 2)
                b.extend(scratch[k], scratch[k + 1]);
        }
        exact_.featureRing.push_back(static_cast<std::uint32_t>(exact_.ringStart.size() - 1));
        ids_.push_back(f.id);
        types_.push_back(g.type);
        if (!g.isEmpty() && !g.isPolygonal()) polygonal_ = false;
        bounds_.push_back(b);
        extent_.extend(b);
        // Label anchor.
        QPointF anchor(b.centerX(), b.centerY());
        const double* lx = numberAt(f.properties, labelX);
        const double* ly = numberAt(f.properties, labelY);
        if (!b.isEmpty()) {
            if (g.isPolygonal()) {
                anchor = polygonLabelAnchor(scratch, g, b);
            } else if (g.isPuntal()) {
                anchor = QPointF(scratch[0], scratch[1]);
            } else if (lx && ly) {
                double x = *lx, y = *ly;
                if (projection.forward(x, y)) anchor = QPointF(x, y);
            } else {
                anchor = lineAnchor(exact_, ids_.size() - 1);
            }
        }
        anchors_.push_back(anchor);
        rows_.push_back(std::move(f.properties));
        f = Feature();
    }
    exact_.xy.shrink_to_fit();
    buildIndex();
    const double span = extent_.isEmpty() ? 1.0 : std::max(extent_.width(), extent_.height());
    band0Tol_ = std::max(span, 1e-9) / double(1 << 21);
    for (auto& p : bandPtr_) p.store(nullptr, std::memory_order_relaxed);
    for (auto& p : boundaryPtr_) p.store(nullptr, std::memory_order_relaxed);
}

LayerData::~LayerData() = default;

std::shared_ptr<const LayerData> LayerData::fromStore(std::shared_ptr<GeoDatabase> db,
                                                      const SpatialiteSource& source,
                                                      const std::string& relation) {
    if (source.baseTable().empty()) return nullptr;
    const std::string version = db->dataVersion();
    auto stored = StoredRelation::load(*db->database(), source.baseTable(), version);
    if (!stored) return nullptr;
    std::shared_ptr<LayerData> data(new LayerData());
    data->relation_ = relation;
    data->crs_ = geometry_store::kCrs;
    data->fields_ = source.fields();
    bool matches = true;
    // With the store's edit triggers in place no row changed since the build
    // (or the relation would be gone from the store): its rows come from the
    // attribute index, and a row the store lacks has no geometry.
    const bool guarded = stored->editGuarded() && source.isTable();
    const auto visit = [&](SpatialiteSource::AttributeRow& row) {
        if (!matches || row.geometryBytes == 0) return;  // NULL geometry: not drawable
        const std::int64_t k = stored->indexOf(row.id);
        if (guarded && k < 0) return;
        // The store was built from this very row's geometry blob, or it is
        // not used at all (an edited copy takes the reading path, which
        // checks every geometry).
        if (k < 0 ||
            (!guarded && stored->blobLength(static_cast<std::size_t>(k)) != row.geometryBytes)) {
            matches = false;
            return;
        }
        const auto i = static_cast<std::size_t>(k);
        data->ids_.push_back(row.id);
        data->rows_.push_back(std::move(row.properties));
        data->types_.push_back(stored->type(i));
        data->bounds_.push_back(stored->bounds(i));
        data->extent_.extend(stored->bounds(i));
        data->anchors_.push_back(stored->anchor(i));
        data->storeIndex_.push_back(static_cast<std::uint32_t>(i));
        const GeometryType type = stored->type(i);
        if (type != GeometryType::Polygon && type != GeometryType::MultiPolygon)
            data->polygonal_ = false;
    };
    if (guarded)
        source.forEachRowThrough(geometry_store::rowIndexName(source.baseTable()), visit);
    else
        source.forEachRow(visit);
    if (!matches) return nullptr;
    data->storeDb_ = std::move(db);
    data->storeVersion_ = version;
    data->stored_ = std::move(stored);
    data->exact_.ringStart.push_back(0);
    data->exact_.featureRing.push_back(0);
    data->buildIndex();
    for (auto& p : data->bandPtr_) p.store(nullptr, std::memory_order_relaxed);
    for (auto& p : data->boundaryPtr_) p.store(nullptr, std::memory_order_relaxed);
    for (auto& p : data->storedPtr_) p.store(nullptr, std::memory_order_relaxed);
    return data;
}

const FlatGeometry& LayerData::storedLevel(int level, bool borders) const {
    const std::size_t slot = static_cast<std::size_t>(level) * 2 + (borders ? 1 : 0);
    if (const FlatGeometry* g = storedPtr_[slot].load(std::memory_order_acquire)) return *g;
    std::lock_guard<std::mutex> lock(bandMutex_);
    if (const FlatGeometry* g = storedPtr_[slot].load(std::memory_order_acquire)) return *g;
    // Fill and borders of a level come from one read of its arcs, through
    // the calling thread's own connection; both are published (a layer
    // drawn as fill and outline needs both).
    const std::size_t fillSlot = static_cast<std::size_t>(level) * 2;
    auto fill = storedPtr_[fillSlot].load(std::memory_order_relaxed)
                    ? nullptr
                    : std::make_unique<FlatGeometry>();
    auto border = storedPtr_[fillSlot + 1].load(std::memory_order_relaxed)
                      ? nullptr
                      : std::make_unique<FlatGeometry>();
    stored_->assemble(*storeDb_->database(), storeVersion_, level, storeIndex_, fill.get(),
                      border.get());
    for (auto* g : {&fill, &border}) {
        if (!*g) continue;
        const std::size_t s = fillSlot + (g == &border ? 1 : 0);
        const FlatGeometry* raw = g->get();
        storedLevels_[s] = std::move(*g);
        storedPtr_[s].store(raw, std::memory_order_release);
    }
    return *storedPtr_[slot].load(std::memory_order_relaxed);
}

const FlatGeometry& LayerData::exact() const {
    return stored_ ? storedLevel(0, false) : exact_;
}

void LayerData::buildIndex() {
    const std::size_t n = size();
    if (extent_.isEmpty() || n == 0) {
        gridW_ = gridH_ = 1;
        cellStart_.assign(2, 0);
        return;
    }
    const int side = std::clamp(static_cast<int>(std::sqrt(static_cast<double>(n)) * 2), 1, 256);
    const double aspect = extent_.width() / std::max(extent_.height(), 1e-12);
    gridW_ = std::clamp(static_cast<int>(side * std::sqrt(aspect)), 1, 512);
    gridH_ = std::clamp(static_cast<int>(side / std::sqrt(aspect)), 1, 512);
    cellW_ = std::max(extent_.width() / gridW_, 1e-12);
    cellH_ = std::max(extent_.height() / gridH_, 1e-12);
    std::vector<std::uint32_t> counts(static_cast<std::size_t>(gridW_) * gridH_ + 1, 0);
    auto cellRange = [&](const Bounds& b, int& x0, int& y0, int& x1, int& y1) {
        x0 = std::clamp(static_cast<int>((b.minX - extent_.minX) / cellW_), 0, gridW_ - 1);
        x1 = std::clamp(static_cast<int>((b.maxX - extent_.minX) / cellW_), 0, gridW_ - 1);
        y0 = std::clamp(static_cast<int>((b.minY - extent_.minY) / cellH_), 0, gridH_ - 1);
        y1 = std::clamp(static_cast<int>((b.maxY - extent_.minY) / cellH_), 0, gridH_ - 1);
    };
    for (std::size_t i = 0; i < n; ++i) {
        if (bounds_[i].isEmpty()) continue;
        int x0, y0, x1, y1;
        cellRange(bounds_[i], x0, y0, x1, y1);
        for (int y = y0; y <= y1; ++y)
            for (int x = x0; x <= x1; ++x) ++counts[static_cast<std::size_t>(y) * gridW_ + x + 1];
    }
    for (std::size_t c = 1; c < counts.size(); ++c) counts[c] += counts[c - 1];
    cellStart_ = counts;
    cellItems_.assign(counts.back(), 0);
    std::vector<std::uint32_t> fill(counts.begin(), counts.end() - 1);
    for (std::size_t i = 0; i < n; ++i) {
        if (bounds_[i].isEmpty()) continue;
        int x0, y0, x1, y1;
        cellRange(bounds_[i], x0, y0, x1, y1);
        for (int y = y0; y <= y1; ++y)
            for (int x = x0; x <= x1; ++x)
                cellItems_[fill[static_cast<std::size_t>(y) * gridW_ + x]++] =
                    static_cast<std::uint32_t>(i);
    }
}

void LayerData::query(const Bounds& box, std::vector<std::uint32_t>& out) const {
    out.clear();
    if (box.isEmpty() || extent_.isEmpty() || !box.intersects(extent_)) return;
    if (box.minX <= extent_.minX && box.maxX >= extent_.maxX && box.minY <= extent_.minY &&
        box.maxY >= extent_.maxY) {
        for (std::size_t i = 0; i < size(); ++i)
            if (!bounds_[i].isEmpty()) out.push_back(static_cast<std::uint32_t>(i));
        return;
    }
    const int x0 = std::clamp(static_cast<int>((box.minX - extent_.minX) / cellW_), 0, gridW_ - 1);
    const int x1 = std::clamp(static_cast<int>((box.maxX - extent_.minX) / cellW_), 0, gridW_ - 1);
    const int y0 = std::clamp(static_cast<int>((box.minY - extent_.minY) / cellH_), 0, gridH_ - 1);
    const int y1 = std::clamp(static_cast<int>((box.maxY - extent_.minY) / cellH_), 0, gridH_ - 1);
    for (int y = y0; y <= y1; ++y)
        for (int x = x0; x <= x1; ++x) {
            const std::size_t c = static_cast<std::size_t>(y) * gridW_ + x;
            for (std::uint32_t k = cellStart_[c]; k < cellStart_[c + 1]; ++k) {
                const std::uint32_t i = cellItems_[k];
                if (bounds_[i].intersects(box)) out.push_back(i);
            }
        }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
}

int LayerData::bandIndex(double tolerance) const {
    if (!(tolerance >= band0Tol_)) return -1;
    const int k = static_cast<int>(std::floor(std::log2(tolerance / band0Tol_)));
    return std::clamp(k, 0, kBands - 1);
}

void LayerData::ensureBoundarySkip() const {
    if (boundarySkipReady_.load(std::memory_order_acquire)) return;
    std::lock_guard<std::mutex> lock(bandMutex_);
    if (boundarySkipReady_.load(std::memory_order_acquire)) return;
    // Every polygon edge, keyed by its undirected endpoints.
    struct Edge {
        std::uint64_t key;
        std::uint32_t feature;
        std::uint32_t point;  // index of the edge's first point in exact_
    };
    auto bits = [](double v) {
        std::uint64_t u;
        std::memcpy(&u, &v, sizeof u);
        return u;
    };
    auto mix = [](std::uint64_t h, std::uint64_t v) {
        h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
        return h * 0xff51afd7ed558ccdULL;
    };
    const double* xy = exact_.xy.data();
    auto less = [&](std::uint32_t a, std::uint32_t b) {
        return xy[std::size_t{2} * a] < xy[std::size_t{2} * b] ||
               (xy[std::size_t{2} * a] == xy[std::size_t{2} * b] &&
                xy[std::size_t{2} * a + 1] < xy[std::size_t{2} * b + 1]);
    };
    std::vector<Edge> edges;
    edges.reserve(exact_.pointCount());
    for (std::size_t i = 0; i < size(); ++i) {
        if (types_[i] != GeometryType::Polygon && types_[i] != GeometryType::MultiPolygon) continue;
        for (std::size_t r = exact_.ringBegin(i); r < exact_.ringEnd(i); ++r)
            for (std::size_t k = exact_.pointBegin(r); k + 1 < exact_.pointEnd(r); ++k) {
                std::uint32_t a = static_cast<std::uint32_t>(k), b = a + 1;
                if (less(b, a)) std::swap(a, b);
                std::uint64_t h = mix(
                    mix(mix(mix(0, bits(xy[std::size_t{2} * a])), bits(xy[std::size_t{2} * a + 1])),
                        bits(xy[std::size_t{2} * b])),
                    bits(xy[2 * b + 1]));
                edges.push_back({h, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(k)});
            }
    }
    std::sort(edges.begin(), edges.end(), [](const Edge& a, const Edge& b) {
        return a.key < b.key || (a.key == b.key && a.feature < b.feature);
    });
    std::vector<char> skip(exact_.pointCount(), 0);
    auto same = [&](std::uint32_t p, std::uint32_t q) {
        const double ax = xy[std::size_t{2} * p], ay = xy[std::size_t{2} * p + 1],
                     bx = xy[std::size_t{2} * p + 2], by = xy[std::size_t{2} * p + 3];
        const double cx = xy[std::size_t{2} * q], cy = xy[std::size_t{2} * q + 1],
                     dx = xy[std::size_t{2} * q + 2], dy = xy[std::size_t{2} * q + 3];
        return (ax == cx && ay == cy && bx == dx && by == dy) ||
               (ax == dx && ay == dy && bx == cx && by == cy);
    };
    for (std::size_t a = 0; a < edges.size();) {
        std::size_t b = a + 1;
        while (b < edges.size() && edges[b].key == edges[a].key) ++b;
        for (std::size_t k = a + 1; k < b; ++k)
            if (edges[k].feature != edges[a].feature && same(edges[a].point, edges[k].point))
                skip[edges[k].point] = 1;
        a = b;
    }
    std::vector<Edge>().swap(edges);
    boundarySkip_ = std::move(skip);
    boundarySkipReady_.store(true, std::memory_order_release);
}

std::unique_ptr<FlatGeometry> LayerData::buildBoundaries(double tol) const {
    const double* xy = exact_.xy.data();
    const std::vector<char>& skip = boundarySkip_;
    auto out = std::make_unique<FlatGeometry>();
    out->tolerance = tol;
    out->ringStart.push_back(0);
    out->featureRing.push_back(0);
    std::vector<double> piece;
    auto emit = [&](bool closed) {
        if (piece.size() >= 4) {
            if (tol > 0)
                simplifyDouglasPeucker(piece.data(), piece.size() / 2, tol, closed, out->xy);
            else
                out->xy.insert(out->xy.end(), piece.begin(), piece.end());
            out->ringStart.push_back(static_cast<std::uint32_t>(out->pointCount()));
        }
        piece.clear();
    };
    for (std::size_t i = 0; i < size(); ++i) {
        const bool polygon =
            types_[i] == GeometryType::Polygon || types_[i] == GeometryType::MultiPolygon;
        for (std::size_t r = exact_.ringBegin(i); polygon && r < exact_.ringEnd(i); ++r) {
            const std::size_t s = exact_.pointBegin(r), e = exact_.pointEnd(r);
            if (e - s < 2) continue;
            const std::size_t n = e - s - 1;  // edges
            // Start right after a skipped edge, so every piece is maximal.
            std::size_t start = 0;
            bool anySkipped = false;
            for (std::size_t k = 0; k < n; ++k)
                if (skip[s + k]) {
                    start = (k + 1) % n;
                    anySkipped = true;
                    break;
                }
            for (std::size_t j = 0; j < n; ++j) {
                const std::size_t k = s + (start + j) % n;
                if (skip[k]) {
                    emit(false);
                    continue;
                }
                if (piece.empty()) piece.insert(piece.end(), {xy[2 * k], xy[2 * k + 1]});
                piece.insert(piece.end(), {xy[2 * k + 2], xy[2 * k + 3]});
            }
            emit(!anySkipped);
        }
        out->featureRing.push_back(static_cast<std::uint32_t>(out->ringStart.size() - 1));
    }
    out->xy.shrink_to_fit();
    return out;
}

const FlatGeometry& LayerData::boundariesFor(double tolerance) const {
    if (stored_) return storedLevel(stored_->levelFor(tolerance), true);
    ensureBoundarySkip();
    const int k = bandIndex(tolerance);
    if (k < 0) {
        if (const FlatGeometry* g = boundaryExactPtr_.load(std::memory_order_acquire)) return *g;
        std::lock_guard<std::mutex> lock(bandMutex_);
        if (const FlatGeometry* g = boundaryExactPtr_.load(std::memory_order_acquire)) return *g;
        boundaryExact_ = buildBoundaries(0);
        boundaryExactPtr_.store(boundaryExact_.get(), std::memory_order_release);
        return *boundaryExact_;
    }
    if (const FlatGeometry* g = boundaryPtr_[k].load(std::memory_order_acquire)) return *g;
    std::lock_guard<std::mutex> lock(bandMutex_);
    if (const FlatGeometry* g = boundaryPtr_[k].load(std::memory_order_acquire)) return *g;
    auto band = buildBoundaries(band0Tol_ * std::ldexp(1.0, k));
    const FlatGeometry* raw = band.get();
    boundaryBands_[k] = std::move(band);
    boundaryPtr_[k].store(raw, std::memory_order_release);
    return *raw;
}

const FlatGeometry& LayerData::geometryFor(double tolerance) const {
    if (stored_) return storedLevel(stored_->levelFor(tolerance), false);
    const int k = bandIndex(tolerance);
    if (k < 0) return exact_;
    if (const FlatGeometry* g = bandPtr_[k].load(std::memory_order_acquire)) return *g;
    std::lock_guard<std::mutex> lock(bandMutex_);
    if (const FlatGeometry* g = bandPtr_[k].load(std::memory_order_acquire)) return *g;
    auto band = std::make_unique<FlatGeometry>();
    const double tol = band0Tol_ * std::ldexp(1.0, k);
    band->tolerance = tol;
    band->ringStart.push_back(0);
    band->featureRing.push_back(0);
    band->xy.reserve(exact_.xy.size() / 4);
    for (std::size_t i = 0; i < size(); ++i) {
        const GeometryType t = types_[i];
        const bool polygon = t == GeometryType::Polygon || t == GeometryType::MultiPolygon;
        const bool line = t == GeometryType::LineString || t == GeometryType::MultiLineString;
        const std::size_t r0 = exact_.ringBegin(i), r1 = exact_.ringEnd(i);
        const std::size_t firstRing = band->ringStart.size() - 1;
        for (std::size_t r = r0; r < r1; ++r) {
            const std::size_t s = exact_.pointBegin(r), e = exact_.pointEnd(r);
            if (e <= s) continue;
            if (polygon || line) {
                if (polygon && r != r0) {
                    // Drop rings smaller than the tolerance (islands, holes).
                    Bounds rb;
                    for (std::size_t p = s; p < e; ++p)
                        rb.extend(exact_.xy[2 * p], exact_.xy[2 * p + 1]);
                    if (rb.width() < tol && rb.height() < tol) continue;
                }
                simplifyDouglasPeucker(exact_.xy.data() + 2 * s, e - s, tol, polygon, band->xy);
            } else {
                band->xy.insert(band->xy.end(), exact_.xy.begin() + 2 * s,
                                exact_.xy.begin() + 2 * e);
            }
            band->ringStart.push_back(static_cast<std::uint32_t>(band->pointCount()));
        }
        (void)firstRing;
        band->featureRing.push_back(static_cast<std::uint32_t>(band->ringStart.size() - 1));
    }
    band->xy.shrink_to_fit();
    const FlatGeometry* raw = band.get();
    bands_[k] = std::move(band);
    bandPtr_[k].store(raw, std::memory_order_release);
    return *raw;
}

std::size_t LayerData::memoryBytes() const {
    std::size_t bytes = exact_.bytes() + ids_.capacity() * sizeof(std::int64_t) +
                        types_.capacity() + bounds_.capacity() * sizeof(Bounds) +
                        anchors_.capacity() * sizeof(QPointF) +
                        (cellStart_.capacity() + cellItems_.capacity()) * sizeof(std::uint32_t);
    for (const auto& row : rows_) {
        bytes += row.capacity() * sizeof(Value);
        for (const auto& v : row)
            if (const auto* s = std::get_if<std::string>(&v))
                if (s->capacity() > 15) bytes += s->capacity();
    }
    std::lock_guard<std::mutex> lock(bandMutex_);
    for (const auto& b : bands_)
        if (b) bytes += b->bytes();
    for (const auto& b : boundaryBands_)
        if (b) bytes += b->bytes();
    if (boundaryExact_) bytes += boundaryExact_->bytes();
    bytes += boundarySkip_.capacity();
    for (const auto& g : storedLevels_)
        if (g) bytes += g->bytes();
    if (stored_) bytes += stored_->bytes() + storeIndex_.capacity() * sizeof(std::uint32_t);
    return bytes;
}

std::shared_ptr<const LayerData> LayerCache::find(const std::string& relation,
                                                  const std::string& crs,
                                                  const std::string& sql) const {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = layers_.find({sql.empty() ? relation : "sql:" + sql, normalizeCrs(crs)});
    return it == layers_.end() ? nullptr : it->second;
}

std::shared_ptr<const LayerData> LayerCache::get(const std::string& relation,
                                                 const std::string& crs, const std::string& sql) {
    const std::string key = normalizeCrs(crs);
    if (auto found = find(relation, key, sql)) return found;
    std::lock_guard<std::mutex> build(buildMutex_);
    if (auto found = find(relation, key, sql)) return found;
    auto projection = Projection::create(key);
    std::shared_ptr<const LayerData> data;
    if (sql.empty()) {
        // The calling thread's own connection reads the layer.
        const SpatialiteSource source(db_->database(), relation);
        if (key == geometry_store::kCrs) data = LayerData::fromStore(db_, source, relation);
        if (!data) data = std::make_shared<const LayerData>(source, relation, *projection);
    } else {
        const auto source = SpatialiteSource::fromQuery(db_->database(), relation, sql);
        data = std::make_shared<const LayerData>(*source, relation, *projection);
    }
    std::lock_guard<std::mutex> lock(mutex_);
    layers_[{sql.empty() ? relation : "sql:" + sql, key}] = data;
    return data;
}

std::size_t LayerCache::memoryBytes() const {
    std::lock_guard<std::mutex> lock(mutex_);
    std::size_t bytes = 0;
    for (const auto& [key, layer] : layers_) bytes += layer->memoryBytes();
    return bytes;
}

std::size_t LayerCache::storedLayerCount() const {
    std::lock_guard<std::mutex> lock(mutex_);
    std::size_t n = 0;
    for (const auto& [key, layer] : layers_) n += layer->fromGeometryStore() ? 1 : 0;
    return n;
}

void LayerCache::clear() {
    std::lock_guard<std::mutex> lock(mutex_);
    layers_.clear();
}

}  // namespace jinmap
