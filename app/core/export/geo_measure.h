#pragma once
// Geodesy for print layouts: lon/lat ↔ map CRS through PROJ (axis order
// normalised for visualisation), geodesic distances on the CRS's ellipsoid,
// the scale at the map's centre and the direction of true north.
#include <QPointF>
#include <memory>
#include <string>

namespace jinmap {

class CrsTransform {
  public:
    // crs: "EPSG:4546", "EPSG:3857", any definition PROJ accepts. Throws
    // Error(Projection) for an unknown CRS.
    explicit CrsTransform(const std::string& crs);
    ~CrsTransform();
    CrsTransform(const CrsTransform&) = delete;
    CrsTransform& operator=(const CrsTransform&) = delete;

    const std::string& crs() const { return crs_; }
    std::string crsName() const;  // e.g. "CGCS2000 / 3-degree Gauss-Kruger CM 114E"
    bool isGeographic() const { return geographic_; }
    // Throw Error(Projection) when PROJ cannot transform the point.
    QPointF forward(double lon, double lat) const;
    QPointF inverse(double x, double y) const;
    // Geodesic distance in metres between two lon/lat points on the CRS's ellipsoid.
    double geodesicDistance(QPointF lonLatA, QPointF lonLatB) const;

  private:
    struct Impl;
    std::unique_ptr<Impl> d_;
    std::string crs_;
    bool geographic_ = false;
};

// Ground metres per map unit along the map's horizontal, measured as the
// geodesic between two points `halfSpan` map units either side of `center`.
double metresPerMapUnit(const CrsTransform& t, QPointF center, double halfSpan);
// Ground distance in metres of the horizontal segment centred at `center` with
// length `mapUnits`.
double horizontalGroundDistance(const CrsTransform& t, QPointF center, double mapUnits);
// Angle (degrees, clockwise from the page's up) of true north at `center`.
double northAngleDegrees(const CrsTransform& t, QPointF center);
// Largest 1-2-5 series length ≤ maxMetres (e.g. 50 km, 20 km, 500 m).
double roundScaleLength(double maxMetres);
// "50 km", "500 m" ("公里"/"米" with chinese = true).
std::string formatDistance(double metres, bool chinese = false);

}  // namespace jinmap
