#pragma once
// County polygons: reads the vendored echarts GeoJSON, repairs invalid
// polygons, maps pre-2018 units onto the 2023 divisions and dissolves.
#include <map>
#include <string>
#include <vector>

#include "base/geos.h"

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
};

class BoundaryLoader {
  public:
    explicit BoundaryLoader(const GeosContext& geos) : geos_(geos) {}

    // Reads boundary_mapping.csv and every GeoJSON file it names in boundaryDir.
    std::map<std::string, CountyShape> loadCounties(const std::string& mappingCsv,
                                                    const std::string& boundaryDir,
                                                    const CountyRegistry& registry,
                                                    BoundaryStats* stats) const;
    std::vector<NamedShape> loadNamedShapes(const std::string& geojsonPath) const;

  private:
    const GeosContext& geos_;
};

}  // namespace jinmap::builder
