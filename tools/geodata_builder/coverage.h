#pragma once
// Turns polygons that should tile the plane but were generalised separately
// (DataV's prefecture files: each file's counties share their borders exactly,
// but a border between two files was simplified twice) into a clean coverage:
// no overlaps, no gaps, and every shared border with identical vertices on
// both sides.
//
// How: all boundaries are noded together and polygonized into faces. A face
// inside exactly one unit stays with it. A contested face (inside several)
// goes to the lowest rank present (Shanxi's counties before the neighbour
// provinces), and among equals, like a gap face (inside none), to the unit
// whose already-settled part shares the longest border with it. Each unit is
// then the union of its faces.
#include <string>
#include <vector>

#include "base/geos.h"

namespace jinmap::builder {

struct CoverageUnit {
    std::string id;            // for messages: "140212 新荣区", "河北省"
    GeosGeometryPtr geometry;  // valid (multi)polygon; replaced by clean()
    int rank = 0;              // 0: the subject (counties), 1: context (neighbours)
};

struct CoverageReport {
    int faces = 0;
    int overlapSlivers = 0;  // faces inside two units of the same rank
    double overlapKm2 = 0;
    int gapSlivers = 0;  // faces inside no unit
    double gapKm2 = 0;
    double largestKm2 = 0;         // largest sliver among the rank-0 units
    std::string largestAt;         // "lon,lat: unit / unit"
    double contextTrimmedKm2 = 0;  // rank-1 area inside rank-0 units, given to them
    double contextFilledKm2 = 0;   // slivers given to rank-1 units
};

class CoverageCleaner {
  public:
    // maxSliverKm2: a rank-0 overlap or gap larger than this is not a
    // generalisation artefact but a data error; clean() throws.
    CoverageCleaner(const GeosContext& geos, double maxSliverKm2)
        : geos_(geos), maxSliverKm2_(maxSliverKm2) {}

    CoverageReport clean(std::vector<CoverageUnit>& units) const;

  private:
    const GeosContext& geos_;
    double maxSliverKm2_;
};

}  // namespace jinmap::builder
