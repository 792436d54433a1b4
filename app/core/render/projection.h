#pragma once
// Coordinate transformation from lon/lat (EPSG:4326) to a map CRS through PROJ.
// RAII over PJ_CONTEXT/PJ; a Projection owns its own context, so it is cheap to
// create one per thread (PROJ objects must not be shared between threads).
// Axis order is normalised for visualisation: x = easting/longitude, y =
// northing/latitude, even for CRSs whose authority order is northing first
// (EPSG:4546, EPSG:4326 itself).
#include <memory>
#include <string>

#include "base/handles.h"
#include "data/geometry.h"

namespace jinmap {

// "EPSG:3857", "epsg:4546", "3857" → "EPSG:3857"; anything else is returned as is
// (PROJ strings, WKT) after trimming.
std::string normalizeCrs(const std::string& crs);

class Projection {
  public:
    // Throws Error(Projection) for an unknown or unusable CRS.
    static std::unique_ptr<Projection> create(const std::string& targetCrs);
    // nullptr (and the reason in *error) instead of throwing.
    static std::unique_ptr<Projection> tryCreate(const std::string& targetCrs,
                                                 std::string* error = nullptr);
    ~Projection();
    Projection(const Projection&) = delete;
    Projection& operator=(const Projection&) = delete;

    const std::string& crs() const { return crs_; }
    // True for 4326 and 3857 (closed-form, PROJ not consulted per point).
    bool isIdentity() const { return kind_ == Kind::Identity; }
    bool isGeographic() const { return geographic_; }

    // Forward lon/lat → map CRS, in place over interleaved x,y pairs. Points that
    // fail to transform become NaN. Returns the number of failed points.
    std::size_t forward(double* xy, std::size_t count) const;
    bool forward(double& x, double& y) const;
    // Inverse map CRS → lon/lat (in place).
    std::size_t inverse(double* xy, std::size_t count) const;
    bool inverse(double& x, double& y) const;
    // Lon/lat bounds → map bounds (edges densified, so curved edges are covered).
    Bounds forwardBounds(const Bounds& lonLat) const;
    Bounds inverseBounds(const Bounds& map) const;

    // Ground metres per map unit near (x, y) (map coordinates), measured along x.
    double metresPerUnit(double x, double y) const;

  private:
    enum class Kind { Identity, WebMercator, Proj };
    Projection() = default;
    std::size_t transform(double* xy, std::size_t count, bool forwardDirection) const;
    std::string crs_;
    Kind kind_ = Kind::Proj;
    bool geographic_ = false;
    ProjContextPtr ctx_;
    ProjPtr pj_;
};

// Web Mercator closed form (sphere R = 6378137), clamped to ±85.0511°.
void lonLatToWebMercator(double& x, double& y);
void webMercatorToLonLat(double& x, double& y);

}  // namespace jinmap
