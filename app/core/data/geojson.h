#pragma once
// GeoJSON geometry decoding with strict structural checks. GEOS 3.11's own
// GeoJSON reader crashes on malformed positions (found by fuzzing: an empty
// position `[]`), so untrusted GeoJSON is decoded here and handed to GEOS as WKB.
#include <string>
#include <vector>

#include "base/geos.h"
#include "data/geometry.h"

namespace jinmap {

// Parses a GeoJSON geometry object (Point … MultiPolygon). Throws
// Error(Geometry) naming the problem for anything malformed.
Geometry parseGeoJsonGeometry(const std::string& json);

// The same geometry as a GEOS geometry of `geos` (decoded here, handed over
// as WKB; not GEOSGeoJSONReader). Throws Error(Geometry).
GeosGeometryPtr geosFromGeoJson(const GeosContext& geos, const std::string& json);

}  // namespace jinmap
