#include "coverage.h"

#include <geos_c.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>

#include "base/error.h"

namespace jinmap::builder {

namespace {

constexpr double kKmPerDegree = 111.32;

struct Envelope {
    double minX = 0, minY = 0, maxX = 0, maxY = 0;
    bool intersects(const Envelope& o) const {
        return minX <= o.maxX && o.minX <= maxX && minY <= o.maxY && o.minY <= maxY;
    }
    bool contains(double x, double y) const {
        return x >= minX && x <= maxX && y >= minY && y <= maxY;
    }
};

Envelope envelopeOf(GEOSContextHandle_t h, const GEOSGeometry* g) {
    Envelope e;
    GEOSGeom_getXMin_r(h, g, &e.minX);
    GEOSGeom_getYMin_r(h, g, &e.minY);
    GEOSGeom_getXMax_r(h, g, &e.maxX);
    GEOSGeom_getYMax_r(h, g, &e.maxY);
    return e;
}

struct PreparedDeleter {
    GEOSContextHandle_t h = nullptr;
    void operator()(const GEOSPreparedGeometry* p) const noexcept {
        if (p) GEOSPreparedGeom_destroy_r(h, p);
    }
};
using PreparedPtr = std::unique_ptr<const GEOSPreparedGeometry, PreparedDeleter>;

struct Face {
    GeosGeometryPtr geometry;
    GeosGeometryPtr boundary;
    Envelope envelope;
    double x = 0, y = 0;  // a point inside
    double km2 = 0;
    std::vector<int> candidates;  // for a contested face: the owners of the lowest rank
    bool gap = false;
    int unit = -1;
};

// What a unit has already settled: the union of its faces and that union's outline.
struct Core {
    GeosGeometryPtr boundary;
    Envelope envelope;
    bool empty = true;
};

// A GEOMETRYCOLLECTION that takes over the parts.
GeosGeometryPtr collectionOf(const GeosContext& geos, std::vector<GeosGeometryPtr> parts) {
    std::vector<GEOSGeometry*> raw;
    raw.reserve(parts.size());
    for (auto& p : parts) raw.push_back(p.get());
    GEOSGeometry* c = GEOSGeom_createCollection_r(geos.handle(), GEOS_GEOMETRYCOLLECTION,
                                                  raw.data(), static_cast<unsigned>(raw.size()));
    if (c)
        for (auto& p : parts) (void)p.release();  // owned by the collection now
    return geos.wrap(c);
}

std::string location(const Face& f) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "near %.4f,%.4f", f.x, f.y);
    return buf;
}

}  // namespace

CoverageReport CoverageCleaner::clean(std::vector<CoverageUnit>& units) const {
    GEOSContextHandle_t h = geos_.handle();
    CoverageReport report;
    const int unitCount = static_cast<int>(units.size());

    // 1. Node every boundary against every other and polygonize: the faces.
    std::vector<GeosGeometryPtr> lines;
    lines.reserve(units.size());
    for (const auto& u : units) lines.push_back(geos_.wrap(GEOSBoundary_r(h, u.geometry.get())));
    auto allLines = collectionOf(geos_, std::move(lines));
    auto noded = geos_.wrap(GEOSUnaryUnion_r(h, allLines.get()));
    const GEOSGeometry* nodedRef = noded.get();
    auto polygons = geos_.wrap(GEOSPolygonize_r(h, &nodedRef, 1));

    std::vector<PreparedPtr> prepared;
    std::vector<Envelope> unitEnvelopes;
    for (const auto& u : units) {
        prepared.emplace_back(GEOSPrepare_r(h, u.geometry.get()), PreparedDeleter{h});
        if (!prepared.back()) throw Error(ErrorKind::Geometry, "cannot prepare geometry", u.id);
        unitEnvelopes.push_back(envelopeOf(h, u.geometry.get()));
    }

    // 2. Who owns each face.
    std::vector<Face> faces;
    const int faceCount = GEOSGetNumGeometries_r(h, polygons.get());
    faces.reserve(static_cast<std::size_t>(faceCount));
    std::vector<std::size_t> slivers;
    for (int i = 0; i < faceCount; ++i) {
        Face f;
        f.geometry = geos_.clone(GEOSGetGeometryN_r(h, polygons.get(), i));
        f.boundary = geos_.wrap(GEOSBoundary_r(h, f.geometry.get()));
        f.envelope = envelopeOf(h, f.geometry.get());
        auto inside = geos_.pointOnSurface(f.geometry.get());
        geos_.pointXY(inside.get(), &f.x, &f.y);
        f.km2 = geos_.area(f.geometry.get()) * kKmPerDegree * kKmPerDegree *
                std::cos(f.y * M_PI / 180.0);
        std::vector<int> owners;
        for (int u = 0; u < unitCount; ++u)
            if (unitEnvelopes[static_cast<std::size_t>(u)].contains(f.x, f.y) &&
                GEOSPreparedContains_r(h, prepared[static_cast<std::size_t>(u)].get(),
                                       inside.get()) == 1)
                owners.push_back(u);
        if (owners.empty()) {
            f.gap = true;
        } else {
            int topRank = units[static_cast<std::size_t>(owners.front())].rank;
            for (int u : owners)
                topRank = std::min(topRank, units[static_cast<std::size_t>(u)].rank);
            for (int u : owners)
                if (units[static_cast<std::size_t>(u)].rank == topRank) f.candidates.push_back(u);
            if (f.candidates.size() < owners.size()) report.contextTrimmedKm2 += f.km2;
            if (f.candidates.size() == 1) f.unit = f.candidates.front();
        }
        if (f.unit < 0) slivers.push_back(faces.size());
        faces.push_back(std::move(f));
    }
    report.faces = faceCount;
    prepared.clear();  // before any unit geometry they point into is replaced

    // 3. Slivers go to the unit whose settled part shares the longest border
    //    with them; a gap on the province edge goes to a neighbour, so the
    //    counties' outline stays as drawn. Slivers that touch only other
    //    slivers wait for the next pass.
    std::vector<Core> cores(units.size());
    std::vector<bool> dirty(units.size(), true);
    auto rebuildCores = [&] {
        std::vector<std::vector<const GEOSGeometry*>> parts(units.size());
        for (const auto& f : faces)
            if (f.unit >= 0) parts[static_cast<std::size_t>(f.unit)].push_back(f.geometry.get());
        for (std::size_t u = 0; u < units.size(); ++u) {
            if (!dirty[u]) continue;
            dirty[u] = false;
            cores[u] = Core{};
            if (parts[u].empty()) continue;
            std::vector<GeosGeometryPtr> clones;
            for (const auto* p : parts[u]) clones.push_back(geos_.clone(p));
            auto collection = collectionOf(geos_, std::move(clones));
            auto merged = geos_.wrap(GEOSCoverageUnion_r(h, collection.get()));
            cores[u].boundary = geos_.wrap(GEOSBoundary_r(h, merged.get()));
            cores[u].envelope = envelopeOf(h, merged.get());
            cores[u].empty = false;
        }
    };
    auto contact = [&](const Face& f, int u) {
        const Core& core = cores[static_cast<std::size_t>(u)];
        if (core.empty || !core.envelope.intersects(f.envelope)) return 0.0;
        const double pad = 1e-6;
        auto clipped = geos_.wrap(GEOSClipByRect_r(h, core.boundary.get(), f.envelope.minX - pad,
                                                   f.envelope.minY - pad, f.envelope.maxX + pad,
                                                   f.envelope.maxY + pad));
        auto shared = geos_.wrap(GEOSIntersection_r(h, f.boundary.get(), clipped.get()));
        double length = 0;
        GEOSLength_r(h, shared.get(), &length);
        return length;
    };

    while (!slivers.empty()) {
        rebuildCores();
        std::vector<std::size_t> waiting;
        for (std::size_t index : slivers) {
            Face& f = faces[index];
            int best = -1, bestRank = 0;
            double bestLength = 0;
            for (int u = 0; u < unitCount; ++u) {
                if (!f.gap &&
                    std::find(f.candidates.begin(), f.candidates.end(), u) == f.candidates.end())
                    continue;
                const double length = contact(f, u);
                if (length <= 0) continue;
                const int rank = units[static_cast<std::size_t>(u)].rank;
                // For a gap, context (higher rank) wins: it keeps the subject's outline.
                const bool better = best < 0 || (f.gap && rank > bestRank) ||
                                    (rank == bestRank && length > bestLength);
                if (better) {
                    best = u;
                    bestRank = rank;
                    bestLength = length;
                }
            }
            if (best < 0) {
                waiting.push_back(index);
                continue;
            }
            f.unit = best;
            dirty[static_cast<std::size_t>(best)] = true;
            if (bestRank != 0) {
                report.contextFilledKm2 += f.km2;
            } else {
                if (f.km2 > maxSliverKm2_) {
                    std::string between = units[static_cast<std::size_t>(best)].id;
                    for (int c : f.candidates)
                        if (c != best) between += " / " + units[static_cast<std::size_t>(c)].id;
                    char size[32];
                    std::snprintf(size, sizeof size, "%.3f", f.km2);
                    throw Error(ErrorKind::Geometry,
                                std::string(f.gap ? "gap" : "overlap") + " of " + size +
                                    " km² at " + between +
                                    " is too large for a generalisation sliver",
                                location(f));
                }
                (f.gap ? report.gapSlivers : report.overlapSlivers) += 1;
                (f.gap ? report.gapKm2 : report.overlapKm2) += f.km2;
                if (f.km2 > report.largestKm2) {
                    report.largestKm2 = f.km2;
                    report.largestAt =
                        location(f) + ": " + units[static_cast<std::size_t>(best)].id;
                }
            }
        }
        if (waiting.size() == slivers.size())
            throw Error(ErrorKind::Geometry,
                        std::to_string(waiting.size()) + " faces touch no unit",
                        location(faces[waiting.front()]));
        slivers = std::move(waiting);
    }

    // 4. Each unit is the union of its faces: shared borders keep identical vertices.
    std::vector<std::vector<GeosGeometryPtr>> parts(units.size());
    for (auto& f : faces) parts[static_cast<std::size_t>(f.unit)].push_back(std::move(f.geometry));
    for (std::size_t u = 0; u < units.size(); ++u) {
        if (parts[u].empty())
            throw Error(ErrorKind::Geometry, "no area left after cleaning", units[u].id);
        auto collection = collectionOf(geos_, std::move(parts[u]));
        auto merged = geos_.wrap(GEOSCoverageUnion_r(h, collection.get()));
        units[u].geometry = geos_.polygonalPart(merged.get());
        if (!geos_.isValid(units[u].geometry.get()))
            throw Error(
                ErrorKind::Geometry,
                "cleaned polygon is invalid: " + geos_.validityReason(units[u].geometry.get()),
                units[u].id);
    }
    return report;
}

}  // namespace jinmap::builder
