#include "arcs.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <unordered_map>

#include "base/error.h"
#include "base/sqlite.h"
#include "data/geometry.h"
#include "render/geometry_ops.h"
#include "render/geometry_store.h"
#include "render/projection.h"

namespace jinmap::builder {

namespace {

// `text` between `quote`s, quotes inside doubled (SQL identifiers: ", text: ').
std::string quoted(const std::string& text, char quote) {
    std::string out(1, quote);
    for (char c : text) {
        if (c == quote) out += quote;
        out += c;
    }
    return out + quote;
}
std::string quoteIdent(const std::string& name) {
    return quoted(name, '"');
}
std::string quoteText(const std::string& text) {
    return quoted(text, '\'');
}

// The attribute index and edit triggers of a stored relation's table
// (render/geometry_store.h): the index holds the row id first (an INTEGER
// PRIMARY KEY column, so the index is in rowid order) and every column but
// the geometry; the triggers forget the relation's store on any insert and
// on an update of a row's geometry or id.
void guardRelation(Database& db, const std::string& relation) {
    const std::string index = geometry_store::rowIndexName(relation);
    const std::string onInsert = geometry_store::editTriggerName(relation, "insert");
    const std::string onUpdate = geometry_store::editTriggerName(relation, "update");
    db.exec("DROP TRIGGER IF EXISTS " + quoteIdent(onInsert));
    db.exec("DROP TRIGGER IF EXISTS " + quoteIdent(onUpdate));
    db.exec("DROP INDEX IF EXISTS " + quoteIdent(index));
    std::vector<std::string> attributes, keys;
    std::string integerKey;
    auto info = db.prepare("SELECT name, upper(type), pk FROM pragma_table_info(?1)");
    info.bind(1, relation);
    while (info.step()) {
        const std::string name = info.columnText(0);
        if (info.columnInt64(2) > 0) {
            keys.push_back(name);
            if (info.columnText(1) == "INTEGER") integerKey = name;
        }
        if (name != "geometry") attributes.push_back(name);
    }
    // The row id column (a lone INTEGER PRIMARY KEY) leads.
    const bool rowidColumn = keys.size() == 1 && keys.front() == integerKey;
    std::string columns = rowidColumn ? quoteIdent(integerKey) : std::string();
    for (const std::string& name : attributes) {
        if (rowidColumn && name == integerKey) continue;
        columns += (columns.empty() ? "" : ", ") + quoteIdent(name);
    }
    if (columns.empty()) return;  // nothing to index: the rows are checked one by one
    db.exec("CREATE INDEX " + quoteIdent(index) + " ON " + quoteIdent(relation) + " (" + columns +
            ")");
    const std::string forget =
        " BEGIN DELETE FROM geometry_store_relations WHERE relation = " + quoteText(relation) +
        "; END";
    db.exec("CREATE TRIGGER " + quoteIdent(onInsert) + " AFTER INSERT ON " + quoteIdent(relation) +
            forget);
    db.exec("CREATE TRIGGER " + quoteIdent(onUpdate) + " AFTER UPDATE ON " + quoteIdent(relation) +
            " WHEN OLD.rowid IS NOT NEW.rowid OR OLD.geometry IS NOT NEW.geometry" + forget);
}

// A quantised point as one comparable number (the float32 bits of x and y).
std::uint64_t pointKey(float x, float y) {
    std::uint32_t bx = 0, by = 0;
    std::memcpy(&bx, &x, sizeof bx);
    std::memcpy(&by, &y, sizeof by);
    return (std::uint64_t{bx} << 32) | by;
}

std::uint64_t mix(std::uint64_t h) {
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

struct StoreFeature {
    std::int64_t id = 0;
    std::int64_t blobLength = 0;
    GeometryType type = GeometryType::MultiPolygon;
    std::vector<std::uint32_t> rings;  // global ring indices
    std::vector<std::int32_t> arcRefs;
    std::vector<std::uint32_t> ringArcCount;
    Bounds bounds;
    QPointF anchor;
};

struct StoreRelation {
    std::string name;
    std::vector<StoreFeature> features;
};

// Every ring of every relation, quantised, as a cycle without its closing point.
struct RingSet {
    std::vector<float> xy;
    std::vector<std::uint32_t> start{0};
    std::size_t count() const { return start.size() - 1; }
    std::uint64_t key(std::size_t p) const { return pointKey(xy[2 * p], xy[2 * p + 1]); }
};

// The shared arcs: exact, quantised; each arc's points include both ends.
struct ArcSet {
    std::vector<float> xy;
    std::vector<std::uint64_t> keys;
    std::vector<std::uint32_t> start{0};
    std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> buckets;

    std::size_t count() const { return start.size() - 1; }

    // The reference of the arc with these points (~i when found reversed),
    // adding it when new.
    std::int32_t intern(const std::vector<std::uint64_t>& seqKeys,
                        const std::vector<float>& seqXy) {
        const std::size_t n = seqKeys.size();
        const std::uint64_t a = seqKeys.front(), b = seqKeys.back();
        const std::uint64_t inner = std::min(seqKeys[1], seqKeys[n - 2]);
        const std::uint64_t h =
            mix(std::min(a, b)) ^ mix(std::max(a, b) + 0x9e3779b97f4a7c15ULL) ^ mix(inner + n);
        auto& bucket = buckets[h];
        for (std::uint32_t arc : bucket) {
            const std::size_t s = start[arc];
            if (start[arc + 1] - s != n) continue;
            if (std::equal(seqKeys.begin(), seqKeys.end(), keys.begin() + s))
                return static_cast<std::int32_t>(arc);
            if (std::equal(seqKeys.rbegin(), seqKeys.rend(), keys.begin() + s))
                return ~static_cast<std::int32_t>(arc);
        }
        const auto arc = static_cast<std::uint32_t>(count());
        if (arc > static_cast<std::uint32_t>(std::numeric_limits<std::int32_t>::max()))
            throw Error(ErrorKind::Geometry, "too many arcs for the geometry store");
        keys.insert(keys.end(), seqKeys.begin(), seqKeys.end());
        xy.insert(xy.end(), seqXy.begin(), seqXy.end());
        start.push_back(static_cast<std::uint32_t>(keys.size()));
        bucket.push_back(arc);
        return static_cast<std::int32_t>(arc);
    }
};

// The bounds a SpatiaLite blob carries in its header (little-endian blobs),
// else those of its parsed coordinates.
Bounds blobBounds(const unsigned char* data, std::size_t size) {
    if (size >= 39 && data[0] == 0x00 && data[1] == 0x01) {
        double v[4];
        std::memcpy(v, data + 6, sizeof v);
        Bounds b;
        b.extend(v[0], v[1]);
        b.extend(v[2], v[3]);
        return b;
    }
    return parseSpatialiteBlob(data, size).bounds;
}

bool hasPolygons(Database& db, const std::string& relation) {
    if (!db.hasTable(relation)) return false;
    const auto columns = db.columns(relation);
    if (std::find(columns.begin(), columns.end(), "geometry") == columns.end()) return false;
    return db.queryInt("SELECT count(*) FROM " + quoteIdent(relation) +
                       " WHERE geometry IS NOT NULL") > 0;
}

// Reads, projects and quantises one relation's polygons into `rings`.
StoreRelation readRelation(Database& db, const std::string& name, const Projection& projection,
                           double originX, double originY, RingSet& rings) {
    StoreRelation rel;
    rel.name = name;
    auto stmt = db.prepare("SELECT rowid, length(geometry), geometry FROM " + quoteIdent(name) +
                           " WHERE geometry IS NOT NULL ORDER BY rowid");
    std::vector<double> xy;
    while (stmt.step()) {
        StoreFeature f;
        f.id = stmt.columnInt64(0);
        f.blobLength = stmt.columnInt64(1);
        const auto [data, size] = stmt.columnBlob(2);
        int srid = 0;
        const Geometry g = parseSpatialiteBlob(data, size, &srid);
        const std::string where = name + " feature " + std::to_string(f.id);
        if (srid != 4326) throw Error(ErrorKind::Geometry, "geometry is not EPSG:4326", where);
        if (!g.isPolygonal()) throw Error(ErrorKind::Geometry, "geometry is not a polygon", where);
        f.type = g.type;
        xy.assign(g.xy.begin(), g.xy.end());
        if (projection.forward(xy.data(), xy.size() / 2) != 0)
            throw Error(ErrorKind::Projection, "cannot project to EPSG:3857", where);
        orientRings(xy, g);
        for (std::size_t k = 0; k + 1 < xy.size(); k += 2) f.bounds.extend(xy[k], xy[k + 1]);
        f.anchor = f.bounds.isEmpty() ? QPointF() : polygonLabelAnchor(xy, g, f.bounds);
        for (std::size_t r = 0; r + 1 < g.rings.size(); ++r) {
            const std::size_t first = rings.xy.size();
            for (std::size_t p = g.rings[r]; p < g.rings[r + 1]; ++p) {
                const auto x = static_cast<float>(xy[2 * p] - originX);
                const auto y = static_cast<float>(xy[2 * p + 1] - originY);
                const std::size_t n = rings.xy.size();
                if (n > first && rings.xy[n - 2] == x && rings.xy[n - 1] == y) continue;
                rings.xy.push_back(x);
                rings.xy.push_back(y);
            }
            // A cycle: the closing point is implied.
            const std::size_t n = rings.xy.size();
            if (n - first >= 4 && rings.xy[first] == rings.xy[n - 2] &&
                rings.xy[first + 1] == rings.xy[n - 1])
                rings.xy.resize(n - 2);
            if ((rings.xy.size() - first) / 2 < 3) {  // nothing left to fill
                rings.xy.resize(first);
                continue;
            }
            f.rings.push_back(static_cast<std::uint32_t>(rings.count()));
            rings.start.push_back(static_cast<std::uint32_t>(rings.xy.size() / 2));
        }
        rel.features.push_back(std::move(f));
    }
    return rel;
}

// Points where the rings meeting along a line change: a point is a junction
// when two visits of it see different neighbours (unordered).
std::vector<char> findJunctions(const RingSet& rings) {
    struct Visit {
        std::uint64_t key;
        std::uint64_t neighbours;
        std::uint32_t point;
    };
    std::vector<Visit> visits;
    visits.reserve(rings.xy.size() / 2);
    for (std::size_t r = 0; r < rings.count(); ++r) {
        const std::size_t s = rings.start[r], n = rings.start[r + 1] - s;
        for (std::size_t i = 0; i < n; ++i) {
            const std::uint64_t prev = rings.key(s + (i + n - 1) % n);
            const std::uint64_t next = rings.key(s + (i + 1) % n);
            const std::uint64_t lo = std::min(prev, next), hi = std::max(prev, next);
            visits.push_back({rings.key(s + i), mix(lo) ^ mix(hi ^ 0x9e3779b97f4a7c15ULL),
                              static_cast<std::uint32_t>(s + i)});
        }
    }
    std::sort(visits.begin(), visits.end(), [](const Visit& a, const Visit& b) {
        return a.key < b.key || (a.key == b.key && a.neighbours < b.neighbours);
    });
    std::vector<char> junction(rings.xy.size() / 2, 0);
    for (std::size_t a = 0; a < visits.size();) {
        std::size_t b = a + 1;
        while (b < visits.size() && visits[b].key == visits[a].key) ++b;
        if (visits[a].neighbours != visits[b - 1].neighbours)
            for (std::size_t k = a; k < b; ++k) junction[visits[k].point] = 1;
        a = b;
    }
    return junction;
}

// Cuts every ring into arcs (at its junctions; a ring without one is a
// single closed arc starting at its smallest point) and records each
// feature's arc references.
void cutIntoArcs(const RingSet& rings, const std::vector<char>& junction,
                 std::vector<StoreRelation>& relations, ArcSet& arcs) {
    std::vector<std::uint64_t> seqKeys;
    std::vector<float> seqXy;
    auto take = [&](std::size_t p) {
        seqKeys.push_back(rings.key(p));
        seqXy.push_back(rings.xy[2 * p]);
        seqXy.push_back(rings.xy[2 * p + 1]);
    };
    for (StoreRelation& rel : relations)
        for (StoreFeature& f : rel.features)
            for (std::uint32_t r : f.rings) {
                const std::size_t s = rings.start[r], n = rings.start[r + 1] - s;
                std::vector<std::size_t> cuts;
                for (std::size_t i = 0; i < n; ++i)
                    if (junction[s + i]) cuts.push_back(i);
                std::size_t count = 0;
                if (cuts.empty()) {
                    std::size_t m = 0;
                    for (std::size_t i = 1; i < n; ++i)
                        if (rings.key(s + i) < rings.key(s + m)) m = i;
                    seqKeys.clear();
                    seqXy.clear();
                    for (std::size_t i = 0; i <= n; ++i) take(s + (m + i) % n);
                    f.arcRefs.push_back(arcs.intern(seqKeys, seqXy));
                    count = 1;
                } else {
                    for (std::size_t c = 0; c < cuts.size(); ++c) {
                        const std::size_t from = cuts[c];
                        const std::size_t to = c + 1 < cuts.size() ? cuts[c + 1] : cuts[0] + n;
                        seqKeys.clear();
                        seqXy.clear();
                        for (std::size_t i = from; i <= to; ++i) take(s + i % n);
                        f.arcRefs.push_back(arcs.intern(seqKeys, seqXy));
                        ++count;
                    }
                }
                f.ringArcCount.push_back(static_cast<std::uint32_t>(count));
            }
}

// Douglas–Peucker once for every tolerance: the largest tolerance at which
// each point is still kept (its split distance, capped by its parent's, as
// the recursion only reaches it while the parent is kept). Ends, and the
// far point of a closed arc, are always kept. Equivalent to
// simplifyDouglasPeucker at any one tolerance.
void keepTolerances(const double* xy, std::size_t n, bool closed, std::vector<double>& out) {
    constexpr double kAlways = std::numeric_limits<double>::infinity();
    out.assign(n, -1);
    out[0] = out[n - 1] = kAlways;
    struct Span {
        std::size_t a, b;
        double cap;
    };
    std::vector<Span> stack;
    if (closed && n > 3) {
        std::size_t far = 1;
        double best = -1;
        for (std::size_t i = 1; i + 1 < n; ++i) {
            const double dx = xy[2 * i] - xy[0], dy = xy[2 * i + 1] - xy[1];
            const double d = dx * dx + dy * dy;
            if (d > best) {
                best = d;
                far = i;
            }
        }
        out[far] = kAlways;
        stack.push_back({0, far, kAlways});
        stack.push_back({far, n - 1, kAlways});
    } else {
        stack.push_back({0, n - 1, kAlways});
    }
    while (!stack.empty()) {
        const Span span = stack.back();
        stack.pop_back();
        if (span.b <= span.a + 1) continue;
        const auto [idx, best] = farthestFromChord(xy, span.a, span.b);
        const double keep = std::min(std::sqrt(best), span.cap);
        out[idx] = keep;
        stack.push_back({span.a, idx, keep});
        stack.push_back({idx, span.b, keep});
    }
}

template <typename T>
void bindArray(Statement& stmt, int index, const std::vector<T>& values, std::size_t& bytes) {
    const std::size_t size = values.size() * sizeof(T);
    static const char kEmpty = 0;
    stmt.bindBlob(index, size ? static_cast<const void*>(values.data()) : &kEmpty, size);
    bytes += size;
}

}  // namespace

const std::vector<std::string>& defaultStoreRelations() {
    static const std::vector<std::string> relations = {"province", "prefectures", "counties",
                                                       "neighbors"};
    return relations;
}

GeometryStoreReport buildGeometryStore(Database& db, const std::string& dataVersion,
                                       const std::vector<std::string>& relations) {
    GeometryStoreReport report;
    for (const std::string& statement :
         {std::string("DROP TABLE IF EXISTS geometry_store_levels"),
          std::string("DROP TABLE IF EXISTS geometry_store_relations")})
        db.exec(statement);
    for (const std::string& statement : geometry_store::createStatements()) db.exec(statement);

    std::vector<std::string> names;
    for (const std::string& r : relations)
        if (hasPolygons(db, r)) names.push_back(r);
    if (names.empty()) return report;
    auto projection = Projection::create(geometry_store::kCrs);

    // Origin: the centre of everything stored, in whole kilometres, so the
    // float32 offsets stay small (a few centimetres of rounding for Shanxi).
    Bounds all;
    for (const std::string& r : names) {
        auto stmt =
            db.prepare("SELECT geometry FROM " + quoteIdent(r) + " WHERE geometry IS NOT NULL");
        while (stmt.step()) {
            const auto [data, size] = stmt.columnBlob(0);
            all.extend(projection->forwardBounds(blobBounds(data, size)));
        }
    }
    const double originX = std::round(all.centerX() / 1000) * 1000;
    const double originY = std::round(all.centerY() / 1000) * 1000;

    RingSet rings;
    std::vector<StoreRelation> rels;
    rels.reserve(names.size());
    for (const std::string& r : names)
        rels.push_back(readRelation(db, r, *projection, originX, originY, rings));
    report.ringPoints = rings.xy.size() / 2;

    const std::vector<char> junction = findJunctions(rings);
    ArcSet arcs;
    cutIntoArcs(rings, junction, rels, arcs);
    rings = RingSet();

    // Per level: the points of every arc still kept at the level's tolerance.
    const std::size_t arcCount = arcs.count();
    std::vector<double> keepAt(arcs.keys.size());
    {
        std::vector<double> xy, tol;
        for (std::size_t a = 0; a < arcCount; ++a) {
            const std::size_t s = arcs.start[a], n = arcs.start[a + 1] - s;
            xy.resize(2 * n);
            for (std::size_t p = 0; p < 2 * n; ++p)
                xy[p] = (p % 2 ? originY : originX) + static_cast<double>(arcs.xy[2 * s + p]);
            const bool closed = arcs.keys[s] == arcs.keys[s + n - 1];
            keepTolerances(xy.data(), n, closed, tol);
            if (closed && n >= 4) {
                // At least a triangle at every level, as simplifyDouglasPeucker
                // keeps (fewer points remain the coarser the level).
                const double coarsest = geometry_store::levelTolerance(geometry_store::kMaxLevel);
                std::size_t kept = 0;
                for (double k : tol) kept += k > coarsest ? 1 : 0;
                if (kept < 4) tol[n / 3] = tol[2 * n / 3] = std::numeric_limits<double>::infinity();
            }
            std::copy(tol.begin(), tol.end(), keepAt.begin() + static_cast<std::ptrdiff_t>(s));
        }
    }

    auto insertLevel = db.prepare(
        "INSERT INTO geometry_store_levels (crs, data_version, level, tolerance, origin_x, "
        "origin_y, arc_count, point_count, arc_start, xy) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)");
    std::size_t lastStored = 0;
    for (int level = 0; level <= geometry_store::kMaxLevel; ++level) {
        const double t = geometry_store::levelTolerance(level);
        std::vector<std::uint32_t> start{0};
        std::vector<float> xy;
        for (std::size_t a = 0; a < arcCount; ++a) {
            for (std::size_t p = arcs.start[a]; p < arcs.start[a + 1]; ++p)
                if (level == 0 || keepAt[p] > t) {
                    xy.push_back(arcs.xy[2 * p]);
                    xy.push_back(arcs.xy[2 * p + 1]);
                }
            start.push_back(static_cast<std::uint32_t>(xy.size() / 2));
        }
        const std::size_t points = xy.size() / 2;
        // A level hardly coarser than the last stored one is left out: the
        // renderer then draws the finer one.
        if (level > 0 && static_cast<double>(points) > 0.9 * static_cast<double>(lastStored))
            continue;
        lastStored = points;
        insertLevel.bind(1, geometry_store::kCrs)
            .bind(2, dataVersion)
            .bind(3, level)
            .bind(4, t)
            .bind(5, originX)
            .bind(6, originY)
            .bind(7, static_cast<std::int64_t>(arcCount))
            .bind(8, static_cast<std::int64_t>(points));
        bindArray(insertLevel, 9, start, report.bytes);
        bindArray(insertLevel, 10, xy, report.bytes);
        insertLevel.run();
        report.levels.emplace_back(level, points);
    }

    auto insertRelation = db.prepare(
        "INSERT INTO geometry_store_relations (relation, crs, data_version, feature_count, "
        "feature_id, blob_length, feature_type, feature_ring, ring_arc, arc_ref, bounds, anchors) "
        "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)");
    for (const StoreRelation& rel : rels) {
        std::vector<std::int64_t> ids, lengths;
        std::vector<std::uint8_t> types;
        std::vector<std::uint32_t> featureRing{0}, ringArc{0};
        std::vector<std::int32_t> refs;
        std::vector<double> bounds, anchors;
        for (const StoreFeature& f : rel.features) {
            ids.push_back(f.id);
            lengths.push_back(f.blobLength);
            types.push_back(static_cast<std::uint8_t>(f.type));
            std::size_t k = 0;
            for (std::uint32_t count : f.ringArcCount) {
                refs.insert(refs.end(), f.arcRefs.begin() + static_cast<std::ptrdiff_t>(k),
                            f.arcRefs.begin() + static_cast<std::ptrdiff_t>(k + count));
                k += count;
                ringArc.push_back(static_cast<std::uint32_t>(refs.size()));
            }
            featureRing.push_back(static_cast<std::uint32_t>(ringArc.size() - 1));
            bounds.insert(bounds.end(),
                          {f.bounds.minX, f.bounds.minY, f.bounds.maxX, f.bounds.maxY});
            anchors.insert(anchors.end(), {f.anchor.x(), f.anchor.y()});
            report.rings += f.ringArcCount.size();
        }
        insertRelation.bind(1, rel.name)
            .bind(2, geometry_store::kCrs)
            .bind(3, dataVersion)
            .bind(4, static_cast<std::int64_t>(ids.size()));
        bindArray(insertRelation, 5, ids, report.bytes);
        bindArray(insertRelation, 6, lengths, report.bytes);
        bindArray(insertRelation, 7, types, report.bytes);
        bindArray(insertRelation, 8, featureRing, report.bytes);
        bindArray(insertRelation, 9, ringArc, report.bytes);
        bindArray(insertRelation, 10, refs, report.bytes);
        bindArray(insertRelation, 11, bounds, report.bytes);
        bindArray(insertRelation, 12, anchors, report.bytes);
        insertRelation.run();
        guardRelation(db, rel.name);
        report.relations.push_back(rel.name);
        report.features += ids.size();
    }
    report.arcs = arcCount;
    report.arcPoints = arcs.keys.size();
    if (db.hasTable("metadata")) {
        std::string levels;
        for (const auto& [level, points] : report.levels)
            levels += (levels.empty() ? "" : ", ") + std::to_string(level);
        std::string stored;
        for (const auto& r : report.relations) stored += (stored.empty() ? "" : ", ") + r;
        auto put = db.prepare("INSERT OR REPLACE INTO metadata (key, value) VALUES (?1, ?2)");
        put.bind(1, "geometry_store")
            .bind(2, "format " + std::to_string(geometry_store::kFormatVersion) +
                         ": EPSG:3857 float32 shared arcs of " + stored + "; " +
                         std::to_string(report.arcs) + " arcs, " +
                         std::to_string(report.arcPoints) + " exact points; levels " + levels);
        put.run();
    }
    return report;
}

}  // namespace jinmap::builder
