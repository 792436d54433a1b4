#pragma once
// The builder's arcs stage: the geometry store (app/core/render/geometry_store.h)
// computed once per data version. Polygon relations are projected to EPSG:3857
// and quantised to float32; their rings are cut into shared arcs where the
// polygons meeting along them change (TopoJSON's junctions), each arc is
// simplified once per level of detail, and fills and borders are later
// assembled from those same arcs, so neighbours neither gap nor overlap.
#include <cstddef>
#include <string>
#include <vector>

namespace jinmap {
class Database;
}

namespace jinmap::builder {

struct GeometryStoreReport {
    std::vector<std::string> relations;  // stored, in order
    std::size_t features = 0;
    std::size_t rings = 0;
    std::size_t ringPoints = 0;  // vertices of every ring, shared ones counted per ring
    std::size_t arcs = 0;
    std::size_t arcPoints = 0;  // vertices of the exact arcs (shared ones once)
    std::vector<std::pair<int, std::size_t>> levels;  // stored level, its points
    std::size_t bytes = 0;                            // blob bytes written
};

// The relations stored by default: those of these with polygon geometry.
const std::vector<std::string>& defaultStoreRelations();

// Computes the store for those of `relations` that exist with polygon
// geometry and writes it into `db` (replacing an earlier store), keyed by
// `dataVersion`. Throws Error(Geometry/Projection/Database).
GeometryStoreReport buildGeometryStore(Database& db, const std::string& dataVersion,
                                       const std::vector<std::string>& relations);

}  // namespace jinmap::builder
