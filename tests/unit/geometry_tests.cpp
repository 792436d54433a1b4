#include <gtest/gtest.h>

#include "base/error.h"
#include "base/geos.h"
#include "data/geojson.h"
#include "data/geometry.h"

using jinmap::Geometry;
using jinmap::GeometryType;

namespace {
Geometry square(double x0, double y0, double size) {
    Geometry g;
    g.type = GeometryType::MultiPolygon;
    g.xy = {x0, y0, x0 + size, y0, x0 + size, y0 + size, x0, y0 + size, x0, y0};
    g.rings = {0, 5};
    g.parts = {0, 1};
    g.recomputeBounds();
    return g;
}
}  // namespace

TEST(Geometry, SpatialiteBlobRoundTrip) {
    const Geometry g = square(112, 37, 1);
    const auto blob = jinmap::toSpatialiteBlob(g, 4326);
    int srid = 0;
    const Geometry back = jinmap::parseSpatialiteBlob(blob.data(), blob.size(), &srid);
    EXPECT_EQ(srid, 4326);
    EXPECT_EQ(back.type, GeometryType::MultiPolygon);
    EXPECT_EQ(back.xy, g.xy);
    EXPECT_EQ(back.partCount(), 1u);
    EXPECT_DOUBLE_EQ(back.bounds.maxX, 113);
}

TEST(Geometry, TruncatedOrHostileBlobsAreRejected) {
    const auto blob = jinmap::toSpatialiteBlob(square(0, 0, 1), 4326);
    for (std::size_t cut : {std::size_t{0}, std::size_t{10}, std::size_t{45}, blob.size() - 2}) {
        std::vector<unsigned char> part(blob.begin(), blob.begin() + static_cast<long>(cut));
        if (!part.empty()) part.back() = 0xFE;
        EXPECT_THROW(jinmap::parseSpatialiteBlob(part.data(), part.size()), jinmap::Error) << cut;
    }
    // A point count far beyond the blob must not allocate or read past the end.
    auto hostile = blob;
    hostile[43 + 4 + 1 + 4 + 4] = 0xFF;  // inside the ring's point count
    hostile[43 + 4 + 1 + 4 + 4 + 1] = 0xFF;
    hostile[43 + 4 + 1 + 4 + 4 + 2] = 0xFF;
    EXPECT_THROW(jinmap::parseSpatialiteBlob(hostile.data(), hostile.size()), jinmap::Error);
}

TEST(Geometry, PointInPolygon) {
    const Geometry g = square(0, 0, 10);
    EXPECT_TRUE(g.containsPoint(5, 5));
    EXPECT_FALSE(g.containsPoint(11, 5));
    EXPECT_FALSE(g.containsPoint(-0.5, 5));
}

TEST(Geometry, BoundsIntersection) {
    const auto a = square(0, 0, 1).bounds;
    const auto b = square(0.5, 0.5, 1).bounds;
    const auto c = square(5, 5, 1).bounds;
    EXPECT_TRUE(a.intersects(b));
    EXPECT_FALSE(a.intersects(c));
    EXPECT_TRUE(jinmap::Bounds{}.isEmpty());
}

// Regression (found by geojson_fuzz): GEOS 3.11's GeoJSON reader crashed on an
// empty position; the strict decoder rejects it with an error instead.
TEST(GeoJson, EmptyPositionIsAnErrorNotACrash) {
    const std::string bad =
        R"({"type":"Polygon","coordinates":[[[0,0],[2,2],[2,0],[0,2],[0,0],[0,2],[]]]})";
    EXPECT_THROW(jinmap::parseGeoJsonGeometry(bad), jinmap::Error);
    jinmap::GeosContext geos;
    EXPECT_THROW(jinmap::geosFromGeoJson(geos, bad), jinmap::Error);
}

TEST(GeoJson, DecodesPolygonsAndChecksRings) {
    const auto g = jinmap::parseGeoJsonGeometry(
        R"({"type":"MultiPolygon","coordinates":[[[[112,37],[113,37],[113,38],[112,37]]]]})");
    EXPECT_EQ(g.type, GeometryType::MultiPolygon);
    EXPECT_EQ(g.pointCount(), 4u);
    EXPECT_THROW(jinmap::parseGeoJsonGeometry(
                     R"({"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]})"),
                 jinmap::Error);  // not closed
    EXPECT_THROW(jinmap::parseGeoJsonGeometry(R"({"type":"Circle","coordinates":[0,0]})"),
                 jinmap::Error);
    EXPECT_THROW(jinmap::parseGeoJsonGeometry(std::string(100000, '[')),
                 jinmap::Error);  // deep nesting
    // WKB through GEOS keeps the shape.
    jinmap::GeosContext geos;
    auto square = jinmap::geosFromGeoJson(
        geos, R"({"type":"Polygon","coordinates":[[[0,0],[2,0],[2,2],[0,2],[0,0]]]})");
    EXPECT_DOUBLE_EQ(geos.area(square.get()), 4.0);
}
