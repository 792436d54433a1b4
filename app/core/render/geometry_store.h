#pragma once
// The geometry store: polygon relations (province, prefectures, counties,
// neighbours) projected to EPSG:3857 and simplified once, by the geodata
// builder (tools/geodata_builder/arcs.cpp), so that the renderer's first frame
// reads a few small blobs instead of reading, projecting and simplifying every
// polygon.
//
// Format (version 1), two tables in the database itself:
//   geometry_store_levels(crs, data_version, level, tolerance, origin_x,
//       origin_y, arc_count, point_count, arc_start, xy)
//     The shared arcs of every stored relation (TopoJSON/mapshaper style: a
//     border two polygons share, or a county's border that is also its
//     prefecture's and the province's, is one arc). Level 0 holds them exact;
//     level k >= 1 holds every arc simplified once (Douglas–Peucker, its ends
//     fixed) to levelTolerance(k) metres. arc_start: uint32 per arc + 1 (first
//     point of each arc); xy: float32 pairs, offsets from (origin_x, origin_y).
//     A level the builder found no coarser than the level below is left out.
//   geometry_store_relations(relation, crs, data_version, feature_count,
//       feature_id, blob_length, feature_type, feature_ring, ring_arc, arc_ref,
//       bounds, anchors)
//     Per relation, features in rowid order: int64 rowid, int64 length of the
//     geometry blob the store was built from, uint8 GeometryType, uint32 first
//     ring per feature + 1, uint32 first arc reference per ring + 1, int32 arc
//     references (~i: arc i reversed), float64 exact projected bounds (4 per
//     feature) and label anchors (2 per feature, the pole of inaccessibility).
// All numbers little-endian. The store is used only when its data_version is
// the database's and every drawable row's id and geometry blob length match;
// anything else (an edited or foreign database) takes the reading path.
//
// Beside each stored relation the builder puts (see rowIndexName):
//   an index of every column but the geometry, the row id first, from which
//     the renderer reads the relation's attributes: a few contiguous pages,
//     where the table's rows sit between their geometries' overflow pages
//     (China's 3,253 counties: 2,200 page reads, a quarter of the first
//     frame's preparation);
//   two triggers that remove the relation from the store when any writer
//     inserts a row or changes a row's geometry or id. While both exist the
//     rows need not be compared with the store one by one (which reads the
//     table); without them (dropped, or a database from elsewhere) they are.
//
// Fills and borders are assembled from the same arcs at the same level, so
// neighbouring polygons neither gap nor overlap at any zoom and the border
// line is the fill's edge.
//
// Threading rule: a StoredRelation is immutable once loaded and shared by
// every thread; it and its levels are read through the calling thread's own
// connection.
#include <QPointF>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/huge_pages.h"
#include "data/geometry.h"

namespace jinmap {

class Database;
struct FlatGeometry;

namespace geometry_store {
constexpr int kFormatVersion = 1;
constexpr const char* kCrs = "EPSG:3857";
constexpr int kMaxLevel = 17;
// Simplification tolerance of a level in metres (EPSG:3857 units); 0 for level 0.
double levelTolerance(int level);
// The statements that create the store's tables (run by the builder).
const std::vector<std::string>& createStatements();
// The attribute index and the edit triggers ("insert", "update") of a stored
// relation's table.
std::string rowIndexName(const std::string& relation);
std::string editTriggerName(const std::string& relation, const std::string& event);
}  // namespace geometry_store

// One level of the shared arcs, as stored: its blobs are read straight into
// buffers in huge pages (Database::readBlob), never copied or converted
// before its rings are assembled. (Through a statement, SQLite put China's
// level blobs in fresh malloc'd memory first: a few hundred 4 KB page
// faults, a quarter of the first frame's preparation on the machines
// measured.)
class ArcLevel {
  public:
    double tolerance() const { return tolerance_; }
    std::size_t arcCount() const { return arcCount_; }
    std::size_t pointCount() const { return pointCount_; }
    std::uint32_t arcStart(std::size_t arc) const;
    double x(std::size_t point) const;
    double y(std::size_t point) const;
    double originX() const { return originX_; }
    double originY() const { return originY_; }
    // The points as stored: float32 (x, y) offsets from the origin (the
    // buffer is ours and aligned; the host little-endian, as checked).
    const float* offsets() const { return reinterpret_cast<const float*>(xy_); }

  private:
    friend class StoredRelation;
    double tolerance_ = 0, originX_ = 0, originY_ = 0;
    std::size_t arcCount_ = 0, pointCount_ = 0;
    LargeBuffer arcStartData_, xyData_;
    const unsigned char* arcStart_ = nullptr;  // uint32 little-endian
    const unsigned char* xy_ = nullptr;        // float32 pairs little-endian
};

// One relation's features as rings of arc references.
class StoredRelation {
  public:
    // nullptr when the store has no such relation for this data version.
    static std::shared_ptr<const StoredRelation> load(Database& db, const std::string& relation,
                                                      const std::string& dataVersion);

    std::size_t featureCount() const { return ids_.size(); }
    // Store feature index of a row id, or -1.
    std::int64_t indexOf(std::int64_t rowid) const;
    std::int64_t blobLength(std::size_t feature) const { return blobLengths_[feature]; }
    GeometryType type(std::size_t feature) const { return types_[feature]; }
    const Bounds& bounds(std::size_t feature) const { return bounds_[feature]; }
    QPointF anchor(std::size_t feature) const { return anchors_[feature]; }
    // The stored level to draw at `tolerance` map units: the coarsest whose
    // tolerance does not exceed it (0: exact).
    int levelFor(double tolerance) const;
    // The stored levels of this data version, finest first.
    const std::vector<int>& levels() const { return levels_; }
    // Whether the relation's table has the store's attribute index and edit
    // triggers (then its rows are read through the index, unchecked).
    bool editGuarded() const { return editGuarded_; }

    // Reads stored level `level` through `db` and assembles, for `features`
    // (store indices, in the layer's order):
    // - `fill`: closed rings, holes wound against their shell. Rings whose
    //   arcs no other feature of the relation uses (islands, unfilled holes)
    //   are left out once smaller than the level's tolerance; shared rings
    //   never are;
    // - `borders`: every arc of the drawn rings once, by the first feature
    //   that uses it, as open polylines per feature.
    // Either may be null. Throws Error(Database) when the level is missing.
    void assemble(Database& db, const std::string& dataVersion, int level,
                  const std::vector<std::uint32_t>& features, FlatGeometry* fill,
                  FlatGeometry* borders) const;
    std::size_t bytes() const;

  private:
    void assembleFill(const ArcLevel& arcs, const std::vector<std::uint32_t>& features,
                      const std::vector<char>& kept, FlatGeometry& out) const;
    void assembleBorders(const ArcLevel& arcs, const std::vector<std::uint32_t>& features,
                         const std::vector<char>& kept, FlatGeometry& out) const;
    // Per ring of the relation: drawn at the arcs' level (see assemble).
    std::vector<char> keptRings(const ArcLevel& arcs,
                                const std::vector<std::uint32_t>& features) const;
    std::vector<std::int64_t> ids_;
    std::vector<std::int64_t> blobLengths_;
    std::vector<GeometryType> types_;
    std::vector<std::uint32_t> featureRing_;
    std::vector<std::uint32_t> ringArc_;
    std::vector<std::int32_t> arcRef_;
    std::vector<Bounds> bounds_;
    std::vector<QPointF> anchors_;
    std::vector<std::uint8_t> arcUses_;  // features of this relation using each arc (capped)
    std::vector<std::pair<std::int64_t, std::uint32_t>> byId_;  // sorted (rowid, index)
    std::vector<int> levels_;
    std::vector<double> levelTolerances_;
    bool editGuarded_ = false;
};

}  // namespace jinmap
