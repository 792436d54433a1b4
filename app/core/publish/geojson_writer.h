#pragma once
// GeoJSON text for the web site (RFC 7946: lon/lat, exterior rings
// counter-clockwise). Coordinates are rounded to a fixed number of decimals
// and vertices that fall together after rounding are dropped, so shared
// borders stay shared and the file stays small (the boundaries are
// generalised outlines: 1e-4° ≈ 10 m is finer than their accuracy).
#include <string>
#include <vector>

#include "data/feature.h"
#include "data/geometry.h"

namespace jinmap {

class GeoJsonWriter {
  public:
    // decimals: 0..9 digits after the point.
    explicit GeoJsonWriter(int decimals);

    int decimals() const { return decimals_; }
    // Appends a geometry object; returns false (and appends nothing) when
    // nothing drawable remains after rounding (collapsed rings, empty input).
    bool appendGeometry(std::string& out, const Geometry& g) const;
    // One Feature: "id" = feature.id, the chosen columns as properties
    // (NULL values are left out, as MapLibre reads a missing key as null).
    // Returns false when the geometry collapsed (nothing appended).
    bool appendFeature(std::string& out, const Feature& feature, const Fields& fields,
                       const std::vector<int>& columns) const;

    // A property value as JSON (numbers locale-independent, integers without ".0").
    static void appendValue(std::string& out, const Value& v);

  private:
    double round(double v) const;
    void appendCoordinate(std::string& out, double v) const;
    void appendPosition(std::string& out, double x, double y) const;
    // Rounded ring/line points without consecutive duplicates.
    std::vector<double> roundedPath(const Geometry& g, std::size_t ring) const;
    void appendPath(std::string& out, const std::vector<double>& xy, bool reverse) const;

    int decimals_;
    double scale_;
};

}  // namespace jinmap
