#include "base/gcj02.h"

#include <cmath>

namespace jinmap::gcj02 {

namespace {

constexpr double kPi = 3.14159265358979324;
// Krasovsky 1940: semi-major axis and first eccentricity squared, as the formula has them.
constexpr double kA = 6378245.0;
constexpr double kEe = 0.00669342162296594323;
constexpr double kEarthRadius = 6371008.8;  // mean radius, for distanceMetres

// The two offset polynomials with their sine terms, in "metres" before scaling;
// x, y are longitude − 105 and latitude − 35 in degrees.
double offsetLat(double x, double y) {
    double r =
        -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * std::sqrt(std::abs(x));
    r += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
    r += (20.0 * std::sin(y * kPi) + 40.0 * std::sin(y / 3.0 * kPi)) * 2.0 / 3.0;
    r += (160.0 * std::sin(y / 12.0 * kPi) + 320.0 * std::sin(y * kPi / 30.0)) * 2.0 / 3.0;
    return r;
}

double offsetLon(double x, double y) {
    double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * std::sqrt(std::abs(x));
    r += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
    r += (20.0 * std::sin(x * kPi) + 40.0 * std::sin(x / 3.0 * kPi)) * 2.0 / 3.0;
    r += (150.0 * std::sin(x / 12.0 * kPi) + 300.0 * std::sin(x / 30.0 * kPi)) * 2.0 / 3.0;
    return r;
}

}  // namespace

bool applies(LonLat p) {
    return p.lon >= 72.004 && p.lon <= 137.8347 && p.lat >= 0.8293 && p.lat <= 55.8271;
}

LonLat fromWgs84(LonLat wgs) {
    if (!applies(wgs)) return wgs;
    const double dLat = offsetLat(wgs.lon - 105.0, wgs.lat - 35.0);
    const double dLon = offsetLon(wgs.lon - 105.0, wgs.lat - 35.0);
    const double radLat = wgs.lat / 180.0 * kPi;
    const double s = std::sin(radLat);
    const double magic = 1.0 - kEe * s * s;
    const double sqrtMagic = std::sqrt(magic);
    // Metres to degrees on the ellipsoid: meridian and prime-vertical radii.
    return {wgs.lon + dLon * 180.0 / (kA / sqrtMagic * std::cos(radLat) * kPi),
            wgs.lat + dLat * 180.0 / ((kA * (1.0 - kEe)) / (magic * sqrtMagic) * kPi)};
}

LonLat toWgs84(LonLat gcj) {
    if (!applies(gcj)) return gcj;
    // The offset changes by about a metre per kilometre (gradient ~1e-3), so
    // each step shrinks the error about a thousandfold, starting from w = gcj.
    // (Within ~1 km of the box edge the preimage may leave the box; no data
    // of ours lies there.)
    LonLat w = gcj;
    for (int i = 0; i < kMaxIterations; ++i) {
        const LonLat f = fromWgs84(w);
        const double dLon = f.lon - gcj.lon;
        const double dLat = f.lat - gcj.lat;
        if (std::abs(dLon) < kInverseToleranceDeg && std::abs(dLat) < kInverseToleranceDeg) break;
        w.lon -= dLon;
        w.lat -= dLat;
    }
    return w;
}

double distanceMetres(LonLat a, LonLat b) {
    const double meanLat = (a.lat + b.lat) / 2.0 * kPi / 180.0;
    const double dx = (a.lon - b.lon) * std::cos(meanLat);
    const double dy = a.lat - b.lat;
    return std::hypot(dx, dy) * kPi / 180.0 * kEarthRadius;
}

}  // namespace jinmap::gcj02
