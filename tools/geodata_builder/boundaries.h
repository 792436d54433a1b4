#pragma once
// County polygons: reads the vendored GeoJSON (DataV or echarts layout),
// converts it to WGS84 where boundary_files.csv says it is GCJ-02, repairs
// invalid polygons, maps source units onto the 2023 divisions, and cleans the
// counties and the neighbour provinces into one gap- and overlap-free coverage.
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "base/geos.h"
#include "coverage.h"

namespace jinmap::builder {

class CountyRegistry;

struct CountyShape {
    std::string adcode;
    GeosGeometryPtr geometry;  // valid MULTIPOLYGON, EPSG:4326
    double labelX = 0, labelY = 0;
    std::string quality = "exact";  // exact / approximate
    std::string note;
    std::vector<std::string> sourceUnits;  // "140211 南郊区"
    int repaired = 0;                      // source polygons that needed MakeValid
};

struct NamedShape {
    std::string name;
    GeosGeometryPtr geometry;
};

struct BoundaryStats {
    int sourceFeatures = 0;
    int repairedFeatures = 0;
    long convertedVertices = 0;           // GCJ-02 vertices converted to WGS84
    double worstRoundTripM = 0;           // max |fromWgs84(toWgs84(p)) − p| over them
    double minShiftM = 0, maxShiftM = 0;  // size of the datum shift applied in Shanxi
    CoverageReport coverage;
};

struct BoundarySet {
    std::map<std::string, CountyShape> counties;  // by 2023 adcode
    std::vector<NamedShape> neighbors;
    BoundaryStats stats;
    // metadata rows describing sources, datum and conversion (key, value)
    std::vector<std::pair<std::string, std::string>> metadata;
};

class BoundaryLoader {
  public:
    // boundaryFilesCsv lists every GeoJSON file with its package and datum.
    BoundaryLoader(const GeosContext& geos, const std::string& boundaryFilesCsv);

    // Reads boundary_mapping.csv and every GeoJSON file it names in
    // boundaryDir, plus neighborsFile (a file name in boundaryDir; empty for
    // none), converted to WGS84 and cleaned together.
    BoundarySet load(const std::string& mappingCsv, const std::string& boundaryDir,
                     const std::string& neighborsFile, const CountyRegistry& registry) const;

  private:
    struct FileInfo {
        std::string package;
        std::string datum;  // "GCJ-02" or "WGS84"
    };
    const FileInfo& fileInfo(const std::string& file) const;

    const GeosContext& geos_;
    std::string filesCsv_;
    std::map<std::string, FileInfo> files_;
};

}  // namespace jinmap::builder
