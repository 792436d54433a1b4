// GeoJSON geometry import (strict decoder -> GEOS -> repair) as the builder uses it.
// Regression: GEOS 3.11's GeoJSONReader crashed on an empty position.
#include <cstddef>
#include <cstdint>
#include <string>

#include "base/error.h"
#include "base/geos.h"
#include "data/geojson.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static jinmap::GeosContext geos;
    try {
        auto g =
            jinmap::geosFromGeoJson(geos, std::string(reinterpret_cast<const char*>(data), size));
        if (!geos.isValid(g.get())) {
            auto fixed = geos.polygonalPart(geos.makeValid(g.get()).get());
            (void)geos.isEmpty(fixed.get());
        }
        (void)geos.toWkb(g.get());
    } catch (const jinmap::Error&) {
    }
    return 0;
}
