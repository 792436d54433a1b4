#pragma once
// Pre-projected geometry of one SpatiaLite relation in one CRS: flat
// coordinate arrays, per-feature bounds, a grid index, label anchors, and
// Douglas–Peucker copies per zoom band (built on first use). A LayerData is
// immutable once published except for its lazily built bands, which are built
// under a mutex and then only read, so one LayerData serves every thread.
#include <QPointF>
#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "base/huge_pages.h"
#include "data/feature.h"
#include "data/geometry.h"

namespace jinmap {

class GeoDatabase;
class Projection;
class SpatialiteSource;
class StoredRelation;

// The geometry of every feature of a layer at one level of detail.
// Coordinates live in huge pages when large (base/huge_pages.h): xy is a
// std::vector<double> with HugePageAllocator, used like any vector.
struct FlatGeometry {
    std::vector<double, HugePageAllocator<double>> xy;  // x0,y0,x1,y1… (map CRS)
    std::vector<std::uint32_t> ringStart;    // first point of each ring; back() = point count
    std::vector<std::uint32_t> featureRing;  // first ring of each feature; back() = ring count
    double tolerance = 0;                    // simplification tolerance (map units); 0 = exact

    std::size_t ringBegin(std::size_t feature) const { return featureRing[feature]; }
    std::size_t ringEnd(std::size_t feature) const { return featureRing[feature + 1]; }
    std::size_t pointBegin(std::size_t ring) const { return ringStart[ring]; }
    std::size_t pointEnd(std::size_t ring) const { return ringStart[ring + 1]; }
    std::size_t pointCount() const { return xy.size() / 2; }
    // Coordinates of point k (read geometry through these, not xy).
    double x(std::size_t k) const { return xy[2 * k]; }
    double y(std::size_t k) const { return xy[2 * k + 1]; }
    std::size_t bytes() const;
};

class LayerData {
  public:
    // Reads every feature of `source` and projects it. Throws Error (Schema,
    // Database, Geometry, Projection) when the source cannot be read.
    LayerData(const FeatureSource& source, const std::string& relation,
              const Projection& projection);
    // The same layer in EPSG:3857 from the geometry store (render/geometry_store.h):
    // attributes read from `source`, geometry assembled per level from the
    // stored arcs on first use. nullptr when the store has no usable copy of
    // the relation (none, another data version, or rows that differ).
    static std::shared_ptr<const LayerData> fromStore(std::shared_ptr<GeoDatabase> db,
                                                      const SpatialiteSource& source,
                                                      const std::string& relation);
    ~LayerData();
    LayerData(const LayerData&) = delete;
    LayerData& operator=(const LayerData&) = delete;

    const std::string& relation() const { return relation_; }
    const std::string& crs() const { return crs_; }
    const Fields& fields() const { return fields_; }
    std::size_t size() const { return ids_.size(); }
    std::int64_t id(std::size_t i) const { return ids_[i]; }
    const std::vector<Value>& row(std::size_t i) const { return rows_[i]; }
    GeometryType type(std::size_t i) const { return types_[i]; }
    // Projected bounds of feature i (empty when it has no geometry).
    const Bounds& bounds(std::size_t i) const { return bounds_[i]; }
    const Bounds& extent() const { return extent_; }
    // True when every feature with geometry is a (multi)polygon.
    bool polygonal() const { return polygonal_; }
    // Where a label goes: pole of inaccessibility for polygons (the visual
    // centre; the counties' label_x/label_y are where the town symbols sit),
    // the point itself for points, the middle of the longest line for lines
    // (or label_x/label_y when the relation has them).
    QPointF labelAnchor(std::size_t i) const { return anchors_[i]; }
    // Features whose bounds intersect `box`, in ascending order.
    void query(const Bounds& box, std::vector<std::uint32_t>& out) const;
    // Unsimplified geometry.
    const FlatGeometry& exact() const;
    // True when the geometry comes from the geometry store (fills and
    // borders assembled from shared arcs simplified once).
    bool fromGeometryStore() const { return stored_ != nullptr; }
    // The most simplified copy whose tolerance does not exceed `tolerance`
    // (map units); built on first use.
    const FlatGeometry& geometryFor(double tolerance) const;
    // Polygon layers: the outlines with every edge shared by two features kept
    // once (by the lower-index feature), as open polylines per feature, at the
    // same levels of detail as geometryFor(). Drawing borders from this halves
    // the stroking work; valid only when every feature is drawn with the same pen.
    const FlatGeometry& boundariesFor(double tolerance) const;
    // Number of features that failed to project (dropped from drawing).
    std::size_t projectionFailures() const { return projectionFailures_; }
    // Bytes held (geometry, bands built so far, rows, index).
    std::size_t memoryBytes() const;

  private:
    static constexpr int kBands = 18;
    LayerData() = default;
    void buildIndex();
    // Store-backed layers: the geometry of a stored level, assembled on first use.
    const FlatGeometry& storedLevel(int level, bool borders) const;
    std::string relation_;
    std::string crs_;
    Fields fields_;
    std::vector<std::int64_t> ids_;
    std::vector<std::vector<Value>> rows_;
    std::vector<GeometryType> types_;
    std::vector<Bounds> bounds_;
    std::vector<QPointF> anchors_;
    Bounds extent_;
    bool polygonal_ = true;
    FlatGeometry exact_;
    std::size_t projectionFailures_ = 0;
    // Grid index over extent_.
    int gridW_ = 1, gridH_ = 1;
    double cellW_ = 1, cellH_ = 1;
    std::vector<std::uint32_t> cellStart_;  // CSR: gridW*gridH+1
    std::vector<std::uint32_t> cellItems_;
    // Bands: tolerance band0Tol_ * 2^k.
    double band0Tol_ = 0;
    mutable std::mutex bandMutex_;
    mutable std::array<std::unique_ptr<FlatGeometry>, kBands> bands_;
    mutable std::array<std::atomic<const FlatGeometry*>, kBands> bandPtr_{};
    // Shared-edge-free outlines: exact, then per band.
    mutable std::unique_ptr<FlatGeometry> boundaryExact_;
    mutable std::array<std::unique_ptr<FlatGeometry>, kBands> boundaryBands_;
    mutable std::array<std::atomic<const FlatGeometry*>, kBands> boundaryPtr_{};
    mutable std::atomic<const FlatGeometry*> boundaryExactPtr_{nullptr};
    mutable std::vector<char>
        boundarySkip_;  // per exact point: its edge is drawn by another feature
    mutable std::atomic<bool> boundarySkipReady_{false};
    void ensureBoundarySkip() const;
    std::unique_ptr<FlatGeometry> buildBoundaries(double tolerance) const;
    int bandIndex(double tolerance) const;
    // Geometry store backing (null when read from the source).
    std::shared_ptr<GeoDatabase> storeDb_;
    std::shared_ptr<const StoredRelation> stored_;
    std::string storeVersion_;               // the data version the store was read for
    std::vector<std::uint32_t> storeIndex_;  // store feature of each feature
    static constexpr std::size_t kStoredSlots = 2 * std::size_t{kBands};  // fill, borders per level
    mutable std::array<std::unique_ptr<FlatGeometry>, kStoredSlots> storedLevels_;
    mutable std::array<std::atomic<const FlatGeometry*>, kStoredSlots> storedPtr_{};
};

// Per (relation, CRS) LayerData, shared read-only between renders and threads.
// Threading rule: any thread may call get(); a layer is read through the
// calling thread's own connection (GeoDatabase::database()) and published
// under a lock, so the loading thread and the readers never share a handle.
class LayerCache {
  public:
    explicit LayerCache(std::shared_ptr<GeoDatabase> db) : db_(std::move(db)) {}
    // Builds on first use (under a lock; concurrent callers for the same key
    // wait). `relation` is a table or view; with `sql` it only names the query.
    std::shared_ptr<const LayerData> get(const std::string& relation, const std::string& crs,
                                         const std::string& sql = {});
    // Already built, or null.
    std::shared_ptr<const LayerData> find(const std::string& relation, const std::string& crs,
                                          const std::string& sql = {}) const;
    std::size_t memoryBytes() const;
    // Layers loaded so far that come from the geometry store.
    std::size_t storedLayerCount() const;
    void clear();
    const std::shared_ptr<GeoDatabase>& database() const { return db_; }

  private:
    std::shared_ptr<GeoDatabase> db_;
    mutable std::mutex mutex_;
    std::mutex buildMutex_;
    std::map<std::pair<std::string, std::string>, std::shared_ptr<const LayerData>>
        layers_;  // (relation or "sql:"+sql, crs)
};

}  // namespace jinmap
