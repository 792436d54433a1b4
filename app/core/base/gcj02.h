#pragma once
// GCJ-02 ⇄ WGS84 for boundary data from Chinese web-map services (AMap, DataV),
// which publish coordinates in the GCJ-02 datum: WGS84 plus a smooth,
// position-dependent offset (530–610 m in Shanxi). The forward formula is the
// published one (the same as eviltransform, coordtransform, gcoord, PRCoords);
// the inverse has no closed form and is solved by fixed-point iteration.
// CGCS2000 differs from WGS84 by well under a metre, so the result serves as
// either (DESIGN.md). Pure functions, thread-safe.

namespace jinmap::gcj02 {

struct LonLat {
    double lon = 0;
    double lat = 0;
};

// The rough box of mainland China the published implementations test
// (72.004–137.8347°E, 0.8293–55.8271°N). Outside it no offset is applied, so
// coordinates pass through unchanged.
bool applies(LonLat p);

// WGS84 → GCJ-02 (the published formula; Krasovsky 1940 ellipsoid constants).
LonLat fromWgs84(LonLat wgs);

// GCJ-02 → WGS84: iterates w ← w − (fromWgs84(w) − gcj) until the forward image
// of w is within kInverseToleranceDeg of gcj in both axes (4–5 steps in
// China), at most kMaxIterations times.
LonLat toWgs84(LonLat gcj);

inline constexpr double kInverseToleranceDeg = 1e-10;  // ~1 cm
inline constexpr int kMaxIterations = 30;

// Distance in metres between two nearby points (local equirectangular
// approximation on the mean Earth radius; good to 0.1% below 10 km). For
// checking conversions, not for measuring maps.
double distanceMetres(LonLat a, LonLat b);

}  // namespace jinmap::gcj02
