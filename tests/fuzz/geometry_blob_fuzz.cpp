// Geometry readers: hostile SpatiaLite blobs and WKB are rejected cleanly.
#include <cstddef>
#include <cstdint>

#include "base/error.h"
#include "data/geometry.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        const jinmap::Geometry g = jinmap::parseSpatialiteBlob(data, size);
        // Round trip must reproduce the coordinates.
        const auto blob = jinmap::toSpatialiteBlob(g, 4326);
        const jinmap::Geometry back = jinmap::parseSpatialiteBlob(blob.data(), blob.size());
        if (back.xy != g.xy) __builtin_trap();
        (void)g.containsPoint(0, 0);
    } catch (const jinmap::Error&) {
    }
    try {
        (void)jinmap::parseWkb(data, size);
    } catch (const jinmap::Error&) {
    }
    return 0;
}
