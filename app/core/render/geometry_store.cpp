#include "render/geometry_store.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "base/error.h"
#include "base/sqlite.h"
#include "render/layer_cache.h"

#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the geometry store is read by memcpy: little-endian hosts only"
#endif

namespace jinmap {

namespace geometry_store {

double levelTolerance(int level) {
    return level <= 0 ? 0.0 : std::ldexp(1.0, level - 1);
}

const std::vector<std::string>& createStatements() {
    static const std::vector<std::string> statements = {
        "CREATE TABLE geometry_store_levels (crs TEXT NOT NULL, data_version TEXT NOT NULL, "
        "level INTEGER NOT NULL, tolerance REAL NOT NULL, origin_x REAL NOT NULL, origin_y REAL "
        "NOT NULL, arc_count INTEGER NOT NULL, point_count INTEGER NOT NULL, arc_start BLOB NOT "
        "NULL, xy BLOB NOT NULL, PRIMARY KEY (crs, level))",
        "CREATE TABLE geometry_store_relations (relation TEXT NOT NULL, crs TEXT NOT NULL, "
        "data_version TEXT NOT NULL, feature_count INTEGER NOT NULL, feature_id BLOB NOT NULL, "
        "blob_length BLOB NOT NULL, feature_type BLOB NOT NULL, feature_ring BLOB NOT NULL, "
        "ring_arc BLOB NOT NULL, arc_ref BLOB NOT NULL, bounds BLOB NOT NULL, anchors BLOB NOT "
        "NULL, PRIMARY KEY (relation, crs))",
    };
    return statements;
}

std::string rowIndexName(const std::string& relation) {
    return "geometry_store_rows_" + relation;
}

std::string editTriggerName(const std::string& relation, const std::string& event) {
    return "geometry_store_edit_" + relation + "_" + event;
}

}  // namespace geometry_store

namespace {

// A blob column as an array of T; throws when its size is not a multiple.
template <typename T>
std::vector<T> blobArray(const Statement& stmt, int column, const char* what) {
    const auto [data, size] = stmt.columnBlob(column);
    if (size % sizeof(T) != 0)
        throw Error(ErrorKind::Database, std::string("geometry store: malformed ") + what);
    std::vector<T> out(size / sizeof(T));
    if (size > 0) std::memcpy(out.data(), data, size);
    return out;
}

bool hasStore(Database& db) {
    return db.hasTable("geometry_store_levels") && db.hasTable("geometry_store_relations");
}

[[noreturn]] void corrupt(const std::string& what) {
    throw Error(ErrorKind::Database, "geometry store: " + what);
}

}  // namespace

// ------------------------------------------------------------------ ArcLevel

std::uint32_t ArcLevel::arcStart(std::size_t arc) const {
    std::uint32_t v = 0;
    std::memcpy(&v, arcStart_ + 4 * arc, 4);
    return v;
}
double ArcLevel::x(std::size_t point) const {
    float v = 0;
    std::memcpy(&v, xy_ + 8 * point, 4);
    return originX_ + static_cast<double>(v);
}
double ArcLevel::y(std::size_t point) const {
    float v = 0;
    std::memcpy(&v, xy_ + 8 * point + 4, 4);
    return originY_ + static_cast<double>(v);
}

// ------------------------------------------------------------- StoredRelation

std::shared_ptr<const StoredRelation> StoredRelation::load(Database& db,
                                                           const std::string& relation,
                                                           const std::string& dataVersion) {
    if (!hasStore(db)) return nullptr;
    auto stmt = db.prepare(
        "SELECT feature_count, feature_id, blob_length, feature_type, feature_ring, ring_arc, "
        "arc_ref, bounds, anchors FROM geometry_store_relations WHERE relation = ?1 AND crs = ?2 "
        "AND data_version = ?3");
    stmt.bind(1, relation).bind(2, geometry_store::kCrs).bind(3, dataVersion);
    if (!stmt.step()) return nullptr;
    auto r = std::make_shared<StoredRelation>();
    const auto n = static_cast<std::size_t>(stmt.columnInt64(0));
    r->ids_ = blobArray<std::int64_t>(stmt, 1, "feature_id");
    r->blobLengths_ = blobArray<std::int64_t>(stmt, 2, "blob_length");
    const auto types = blobArray<std::uint8_t>(stmt, 3, "feature_type");
    r->featureRing_ = blobArray<std::uint32_t>(stmt, 4, "feature_ring");
    r->ringArc_ = blobArray<std::uint32_t>(stmt, 5, "ring_arc");
    r->arcRef_ = blobArray<std::int32_t>(stmt, 6, "arc_ref");
    const auto bounds = blobArray<double>(stmt, 7, "bounds");
    const auto anchors = blobArray<double>(stmt, 8, "anchors");
    if (r->ids_.size() != n || r->blobLengths_.size() != n || types.size() != n ||
        r->featureRing_.size() != n + 1 || bounds.size() != 4 * n || anchors.size() != 2 * n ||
        r->ringArc_.empty() || r->featureRing_.back() + 1 != r->ringArc_.size() ||
        r->ringArc_.back() != r->arcRef_.size())
        corrupt("relation '" + relation + "' has inconsistent sizes");
    // Sized once: growing by copies touches (and faults in) twice the memory.
    r->types_.reserve(n);
    r->bounds_.reserve(n);
    r->anchors_.reserve(n);
    r->byId_.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        if (types[i] > static_cast<std::uint8_t>(GeometryType::MultiPolygon))
            corrupt("relation '" + relation + "' has an unknown geometry type");
        r->types_.push_back(static_cast<GeometryType>(types[i]));
        Bounds b;
        b.minX = bounds[4 * i];
        b.minY = bounds[4 * i + 1];
        b.maxX = bounds[4 * i + 2];
        b.maxY = bounds[4 * i + 3];
        r->bounds_.push_back(b);
        r->anchors_.emplace_back(anchors[2 * i], anchors[2 * i + 1]);
        r->byId_.emplace_back(r->ids_[i], static_cast<std::uint32_t>(i));
        if (r->featureRing_[i] > r->featureRing_[i + 1])
            corrupt("relation '" + relation + "' has rings out of order");
    }
    std::sort(r->byId_.begin(), r->byId_.end());
    std::int32_t maxArc = -1;
    for (std::size_t ring = 0; ring + 1 < r->ringArc_.size(); ++ring)
        if (r->ringArc_[ring] > r->ringArc_[ring + 1])
            corrupt("relation '" + relation + "' has arcs out of order");
    for (std::int32_t ref : r->arcRef_) maxArc = std::max(maxArc, ref < 0 ? ~ref : ref);
    // How many features use each arc (1 or 2 for a clean coverage; capped).
    r->arcUses_.assign(static_cast<std::size_t>(maxArc) + 1, 0);
    std::vector<std::uint32_t> lastUser(r->arcUses_.size(),
                                        std::numeric_limits<std::uint32_t>::max());
    for (std::size_t f = 0; f < n; ++f)
        for (std::uint32_t ring = r->featureRing_[f]; ring < r->featureRing_[f + 1]; ++ring)
            for (std::uint32_t k = r->ringArc_[ring]; k < r->ringArc_[ring + 1]; ++k) {
                const std::int32_t ref = r->arcRef_[k];
                const auto arc = static_cast<std::size_t>(ref < 0 ? ~ref : ref);
                if (lastUser[arc] == f) continue;
                lastUser[arc] = static_cast<std::uint32_t>(f);
                if (r->arcUses_[arc] < 255) ++r->arcUses_[arc];
            }
    auto levels = db.prepare(
        "SELECT level, tolerance FROM geometry_store_levels WHERE crs = ?1 AND data_version = ?2 "
        "ORDER BY level");
    levels.bind(1, geometry_store::kCrs).bind(2, dataVersion);
    while (levels.step()) {
        r->levels_.push_back(static_cast<int>(levels.columnInt64(0)));
        r->levelTolerances_.push_back(levels.columnDouble(1));
    }
    if (r->levels_.empty() || r->levels_.front() != 0) corrupt("the exact level is missing");
    auto guards = db.prepare(
        "SELECT count(*) FROM sqlite_master WHERE tbl_name = ?1 AND ((type = 'index' AND name = "
        "?2) OR (type = 'trigger' AND name IN (?3, ?4)))");
    guards.bind(1, relation)
        .bind(2, geometry_store::rowIndexName(relation))
        .bind(3, geometry_store::editTriggerName(relation, "insert"))
        .bind(4, geometry_store::editTriggerName(relation, "update"));
    r->editGuarded_ = guards.step() && guards.columnInt64(0) == 3;
    return r;
}

std::int64_t StoredRelation::indexOf(std::int64_t rowid) const {
    auto it = std::lower_bound(byId_.begin(), byId_.end(), std::make_pair(rowid, std::uint32_t{0}));
    if (it == byId_.end() || it->first != rowid) return -1;
    return it->second;
}

int StoredRelation::levelFor(double tolerance) const {
    int best = 0;
    for (std::size_t k = 0; k < levels_.size(); ++k)
        if (levelTolerances_[k] <= tolerance) best = levels_[k];
    return best;
}

namespace {

// Writes the points of arc reference `ref` at `out` (skipping its first
// point when it continues the previous arc of a ring); returns the end.
// Through a pointer into a buffer sized once, not push_back per coordinate
// (a capacity check each: most of the assembly's instructions).
double* appendArc(const ArcLevel& arcs, std::int32_t ref, bool skipFirst, double* out) {
    const auto arc = static_cast<std::size_t>(ref < 0 ? ~ref : ref);
    std::size_t s = arcs.arcStart(arc), e = arcs.arcStart(arc + 1);
    const float* xy = arcs.offsets();
    const double ox = arcs.originX(), oy = arcs.originY();
    if (ref >= 0) {
        // A plain loop over the float pairs, which the compiler vectorises.
        if (skipFirst) ++s;
        const float* from = xy + 2 * s;
        const std::size_t n = 2 * (e - s);
        for (std::size_t i = 0; i < n; i += 2) {
            out[i] = ox + static_cast<double>(from[i]);
            out[i + 1] = oy + static_cast<double>(from[i + 1]);
        }
        return out + n;
    }
    if (skipFirst) --e;
    for (std::size_t p = e; p-- > s;) {
        *out++ = ox + static_cast<double>(xy[2 * p]);
        *out++ = oy + static_cast<double>(xy[2 * p + 1]);
    }
    return out;
}

}  // namespace

void StoredRelation::assemble(Database& db, const std::string& dataVersion, int level,
                              const std::vector<std::uint32_t>& features, FlatGeometry* fill,
                              FlatGeometry* borders) const {
    auto stmt = db.prepare(
        "SELECT rowid, tolerance, origin_x, origin_y, arc_count, point_count FROM "
        "geometry_store_levels WHERE crs = ?1 AND level = ?2 AND data_version = ?3");
    stmt.bind(1, geometry_store::kCrs).bind(2, level).bind(3, dataVersion);
    if (!stmt.step()) corrupt("level " + std::to_string(level) + " is missing");
    const std::int64_t rowid = stmt.columnInt64(0);
    ArcLevel arcs;
    arcs.tolerance_ = stmt.columnDouble(1);
    arcs.originX_ = stmt.columnDouble(2);
    arcs.originY_ = stmt.columnDouble(3);
    arcs.arcCount_ = static_cast<std::size_t>(stmt.columnInt64(4));
    arcs.pointCount_ = static_cast<std::size_t>(stmt.columnInt64(5));
    auto readInto = [&](const char* column, LargeBuffer& buffer) {
        return db.readBlob("geometry_store_levels", column, rowid, [&](std::size_t bytes) {
            buffer.reset(static_cast<unsigned char*>(allocateTransient(bytes)));
            if (!buffer) throw std::bad_alloc();
            return static_cast<void*>(buffer.get());
        });
    };
    const std::size_t startBytes = readInto("arc_start", arcs.arcStartData_);
    arcs.arcStart_ = arcs.arcStartData_.get();
    const std::size_t xyBytes = readInto("xy", arcs.xyData_);
    arcs.xy_ = arcs.xyData_.get();
    if (startBytes != 4 * (arcs.arcCount_ + 1) || xyBytes != 8 * arcs.pointCount_ ||
        arcs.arcStart(arcs.arcCount_) != arcs.pointCount_ || arcUses_.size() > arcs.arcCount_)
        corrupt("level " + std::to_string(level) + " has inconsistent sizes");
    for (std::size_t a = 0; a < arcs.arcCount_; ++a)
        if (arcs.arcStart(a) >= arcs.arcStart(a + 1))
            corrupt("level " + std::to_string(level) + " has an empty arc");
    const std::vector<char> kept = keptRings(arcs, features);
    if (fill) assembleFill(arcs, features, kept, *fill);
    if (borders) assembleBorders(arcs, features, kept, *borders);
}

std::vector<char> StoredRelation::keptRings(const ArcLevel& arcs,
                                            const std::vector<std::uint32_t>& features) const {
    std::vector<char> kept(ringArc_.size() - 1, 0);
    const double tol = arcs.tolerance();
    for (std::uint32_t f : features)
        for (std::uint32_t ring = featureRing_[f]; ring < featureRing_[f + 1]; ++ring) {
            bool shared = false;
            std::size_t points = 1;  // the closing point
            for (std::uint32_t k = ringArc_[ring]; k < ringArc_[ring + 1]; ++k) {
                const std::int32_t ref = arcRef_[k];
                const auto arc = static_cast<std::size_t>(ref < 0 ? ~ref : ref);
                if (arcUses_[arc] > 1) shared = true;
                points += arcs.arcStart(arc + 1) - arcs.arcStart(arc) - 1;
            }
            // Degenerate rings go; an island or an unfilled hole below the
            // tolerance goes (a feature keeps its first ring, to stay
            // drawable); a ring sharing an arc with another feature never
            // goes, so no neighbour is left with a gap. Only the rings that
            // may go need their extent (most rings of a coverage are shared).
            if (points < 4) continue;
            if (shared || tol <= 0 || ring == featureRing_[f]) {
                kept[ring] = 1;
                continue;
            }
            double minX = std::numeric_limits<double>::infinity(), minY = minX;
            double maxX = -minX, maxY = -minX;
            for (std::uint32_t k = ringArc_[ring]; k < ringArc_[ring + 1]; ++k) {
                const std::int32_t ref = arcRef_[k];
                const auto arc = static_cast<std::size_t>(ref < 0 ? ~ref : ref);
                for (std::size_t p = arcs.arcStart(arc), e = arcs.arcStart(arc + 1); p < e; ++p) {
                    const double x = arcs.x(p), y = arcs.y(p);
                    minX = std::min(minX, x);
                    maxX = std::max(maxX, x);
                    minY = std::min(minY, y);
                    maxY = std::max(maxY, y);
                }
            }
            kept[ring] = maxX - minX >= tol || maxY - minY >= tol;
        }
    return kept;
}

void StoredRelation::assembleFill(const ArcLevel& arcs, const std::vector<std::uint32_t>& features,
                                  const std::vector<char>& kept, FlatGeometry& out) const {
    out.xy.clear();
    out.ringStart.assign(1, 0);
    out.featureRing.assign(1, 0);
    out.tolerance = arcs.tolerance();
    // Sized once: growing by copies touches (and faults in) twice the memory.
    std::size_t points = 0, rings = 0;
    for (std::uint32_t f : features)
        for (std::uint32_t ring = featureRing_[f]; ring < featureRing_[f + 1]; ++ring) {
            if (!kept[ring]) continue;
            ++rings;
            for (std::uint32_t k = ringArc_[ring]; k < ringArc_[ring + 1]; ++k) {
                const std::int32_t ref = arcRef_[k];
                const auto arc = static_cast<std::size_t>(ref < 0 ? ~ref : ref);
                points += arcs.arcStart(arc + 1) - arcs.arcStart(arc);
            }
        }
    out.xy.resize(2 * points);  // an upper bound: junctions are written once
    out.ringStart.reserve(rings + 1);
    out.featureRing.reserve(features.size() + 1);
    double* const begin = out.xy.data();
    double* end = begin;
    for (std::uint32_t f : features) {
        for (std::uint32_t ring = featureRing_[f]; ring < featureRing_[f + 1]; ++ring) {
            if (!kept[ring]) continue;
            // Consecutive arcs share their junction point: written once.
            for (std::uint32_t k = ringArc_[ring]; k < ringArc_[ring + 1]; ++k)
                end = appendArc(arcs, arcRef_[k], k != ringArc_[ring], end);
            out.ringStart.push_back(static_cast<std::uint32_t>((end - begin) / 2));
        }
        out.featureRing.push_back(static_cast<std::uint32_t>(out.ringStart.size() - 1));
    }
    out.xy.resize(static_cast<std::size_t>(end - begin));
}

void StoredRelation::assembleBorders(const ArcLevel& arcs,
                                     const std::vector<std::uint32_t>& features,
                                     const std::vector<char>& kept, FlatGeometry& out) const {
    out.xy.clear();
    out.ringStart.assign(1, 0);
    out.featureRing.assign(1, 0);
    out.tolerance = arcs.tolerance();
    std::vector<char> drawn(arcUses_.size(), 0);
    // Sized once, as the fill.
    std::size_t points = 0, pieces = 0;
    for (std::uint32_t f : features)
        for (std::uint32_t ring = featureRing_[f]; ring < featureRing_[f + 1]; ++ring) {
            if (!kept[ring]) continue;
            for (std::uint32_t k = ringArc_[ring]; k < ringArc_[ring + 1]; ++k) {
                const std::int32_t ref = arcRef_[k];
                const auto arc = static_cast<std::size_t>(ref < 0 ? ~ref : ref);
                if (drawn[arc]) continue;
                drawn[arc] = 1;
                ++pieces;
                points += arcs.arcStart(arc + 1) - arcs.arcStart(arc);
            }
        }
    std::fill(drawn.begin(), drawn.end(), 0);
    out.xy.resize(2 * points);
    out.ringStart.reserve(pieces + 1);
    out.featureRing.reserve(features.size() + 1);
    double* const begin = out.xy.data();
    double* end = begin;
    for (std::uint32_t f : features) {
        for (std::uint32_t ring = featureRing_[f]; ring < featureRing_[f + 1]; ++ring) {
            if (!kept[ring]) continue;  // the fill leaves it out: so does the border
            for (std::uint32_t k = ringArc_[ring]; k < ringArc_[ring + 1]; ++k) {
                const std::int32_t ref = arcRef_[k];
                const auto arc = static_cast<std::size_t>(ref < 0 ? ~ref : ref);
                if (drawn[arc]) continue;
                drawn[arc] = 1;
                end = appendArc(arcs, static_cast<std::int32_t>(arc), false, end);
                out.ringStart.push_back(static_cast<std::uint32_t>((end - begin) / 2));
            }
        }
        out.featureRing.push_back(static_cast<std::uint32_t>(out.ringStart.size() - 1));
    }
    out.xy.resize(static_cast<std::size_t>(end - begin));
}

std::size_t StoredRelation::bytes() const {
    return ids_.capacity() * 16 + types_.capacity() +
           (featureRing_.capacity() + ringArc_.capacity() + arcRef_.capacity()) * 4 +
           bounds_.capacity() * sizeof(Bounds) + anchors_.capacity() * sizeof(QPointF) +
           arcUses_.capacity() + byId_.capacity() * 16;
}

}  // namespace jinmap
