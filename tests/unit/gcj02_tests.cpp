// GCJ-02 ⇄ WGS84 against published coordinate pairs, and the inverse's round
// trip over Shanxi.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>

#include "base/gcj02.h"

namespace {

using jinmap::gcj02::distanceMetres;
using jinmap::gcj02::fromWgs84;
using jinmap::gcj02::LonLat;
using jinmap::gcj02::toWgs84;

struct Pair {
    const char* where;
    LonLat wgs;
    LonLat gcj;
};

// Pairs computed with the published formula by other implementations; ours
// must reproduce them to the last digits they print.
// - googollee/eviltransform, go/transform_test.go (`tests`: wgsLat, wgsLng, gcjLat, gcjLng).
// - wandergis/coordtransform, test/app.js (the printed result of
//   wgs84togcj02(116.404, 39.915)).
const Pair kFormulaPairs[] = {
    {"eviltransform shanghai", {121.5272106, 31.1774276}, {121.531541859215, 31.17530398364597}},
    {"eviltransform shenzhen", {113.912316, 22.543847}, {113.9171764808363, 22.540796131694766}},
    {"eviltransform beijing", {116.377817, 39.911954}, {116.38404722455657, 39.91334545536069}},
    {"coordtransform", {116.404, 39.915}, {116.41024449916938, 39.91640428150164}},
};

// Pairs for ten of Shanxi's eleven prefecture seats (the fixture has no 忻州) from
// hujiulong/gcoord, test/fixtures/china-cities.json (commit fedbaa10, 2018-12-29: coords.WGS84 and
// coords.GCJ02, [lon, lat]; the GCJ02 values carry 7 decimals, as a web map service returns them).
// The public formula reproduces the service to about 0.7 m, not exactly (gcoord's own test allows
// 1e-4°); 1 m is asserted here.
const Pair kShanxiServicePairs[] = {
    {"运城市 盐湖区", {111.0017421, 35.0271663}, {111.0075355, 35.0264171}},
    {"阳泉市 城区", {113.5741091, 37.8564632}, {113.5805265, 37.8569762}},
    {"长治市 城区", {113.109734, 36.1952373}, {113.1164073, 36.1954123}},
    {"临汾市 尧都区", {111.5127364, 36.0881103}, {111.5189795, 36.0880092}},
    {"吕梁市 离石区", {111.1379494, 37.5175274}, {111.1443235, 37.5183184}},
    {"大同市 城区", {113.293131, 40.0755741}, {113.3001389, 40.0767673}},
    {"太原市 杏花岭区", {112.5425661, 37.870051}, {112.5488875, 37.8705943}},
    {"晋中市 榆次区", {112.7461652, 37.6866785}, {112.7526606, 37.6873633}},
    {"晋城市 城区", {112.8457104, 35.4911081}, {112.8518354, 35.4907083}},
    {"朔州市 朔城区", {112.4259659, 39.3304269}, {112.4328288, 39.3316002}},
};

TEST(Gcj02, ForwardReproducesPublishedFormulaPairs) {
    for (const Pair& p : kFormulaPairs) {
        const LonLat g = fromWgs84(p.wgs);
        EXPECT_NEAR(g.lon, p.gcj.lon, 1e-12) << p.where;
        EXPECT_NEAR(g.lat, p.gcj.lat, 1e-12) << p.where;
    }
}

TEST(Gcj02, InverseRecoversThePublishedFormulaPairs) {
    for (const Pair& p : kFormulaPairs) {
        const LonLat w = toWgs84(p.gcj);
        EXPECT_LT(distanceMetres(w, p.wgs), 0.01) << p.where;
    }
    // hujiulong/gcoord, test/unit/crs/GCJ02.spec.js (2018): GCJ02 → WGS84 of
    // [123, 45] is [122.99395597, 44.99804071], checked there to 5 decimals
    // (gcoord stops iterating at 1e-6°; this inverse goes further).
    const LonLat w = toWgs84({123, 45});
    EXPECT_NEAR(w.lon, 122.99395597, 5e-6);
    EXPECT_NEAR(w.lat, 44.99804071, 5e-6);
}

TEST(Gcj02, MatchesTheServicePairsForShanxisPrefectureSeatsWithinOneMetre) {
    double worstForward = 0, worstInverse = 0;
    for (const Pair& p : kShanxiServicePairs) {
        const double forward = distanceMetres(fromWgs84(p.wgs), p.gcj);
        const double inverse = distanceMetres(toWgs84(p.gcj), p.wgs);
        EXPECT_LT(forward, 1.0) << p.where;
        EXPECT_LT(inverse, 1.0) << p.where;
        // The datum shift itself: 530–610 m here (the "0.5–0.6 km").
        const double shift = distanceMetres(p.wgs, p.gcj);
        EXPECT_GT(shift, 500.0) << p.where;
        EXPECT_LT(shift, 650.0) << p.where;
        worstForward = std::max(worstForward, forward);
        worstInverse = std::max(worstInverse, inverse);
    }
    RecordProperty("worst_forward_m", std::to_string(worstForward));
    RecordProperty("worst_inverse_m", std::to_string(worstInverse));
    std::printf("service pairs: worst forward %.3f m, worst inverse %.3f m\n", worstForward,
                worstInverse);
}

TEST(Gcj02, RoundTripOverShanxiStaysWithinTwoCentimetres) {
    // Every 0.01° over a box around Shanxi (110.0–114.8°E, 34.4–40.9°N):
    // WGS84 → GCJ-02 → WGS84, and GCJ-02 → WGS84 → GCJ-02. The contract is
    // 0.2 m (DESIGN.md); the iteration's tolerance gives ~1 cm.
    double worst = 0, worstReverse = 0;
    int points = 0;
    for (int i = 0; i <= 480; ++i) {
        for (int j = 0; j <= 650; ++j) {
            const LonLat p{110.0 + i * 0.01, 34.4 + j * 0.01};
            worst = std::max(worst, distanceMetres(toWgs84(fromWgs84(p)), p));
            worstReverse = std::max(worstReverse, distanceMetres(fromWgs84(toWgs84(p)), p));
            ++points;
        }
    }
    EXPECT_EQ(points, 481 * 651);
    EXPECT_LE(worst, 0.2);
    EXPECT_LE(worstReverse, 0.2);
    EXPECT_LE(worst, 0.02);
    EXPECT_LE(worstReverse, 0.02);
    RecordProperty("worst_round_trip_m", std::to_string(worst));
    std::printf("round trip over %d points: worst %.2e m (WGS→GCJ→WGS), %.2e m (GCJ→WGS→GCJ)\n",
                points, worst, worstReverse);
}

TEST(Gcj02, PointsOutsideChinaAreUnchanged) {
    const LonLat outside[] = {
        {139.6917, 35.6895},   // Tokyo: east of the box
        {-0.1276, 51.5072},    // London
        {151.2093, -33.8688},  // Sydney
        {0, 0},
        {183, 45},      // gcoord's "not in China" case
        {116.4, 56.0},  // north of the box
    };
    for (const LonLat& p : outside) {
        EXPECT_FALSE(jinmap::gcj02::applies(p)) << p.lon << "," << p.lat;
        const LonLat f = fromWgs84(p);
        const LonLat b = toWgs84(p);
        EXPECT_EQ(f.lon, p.lon);
        EXPECT_EQ(f.lat, p.lat);
        EXPECT_EQ(b.lon, p.lon);
        EXPECT_EQ(b.lat, p.lat);
    }
    EXPECT_TRUE(jinmap::gcj02::applies({112.55, 37.87}));  // Taiyuan
}

TEST(Gcj02, ShiftsShanxiEastAndNorthByAboutHalfAKilometre) {
    // Taiyuan: GCJ-02 lies ~550 m east and ~60 m north of WGS84.
    const LonLat w{112.5425661, 37.870051};
    const LonLat g = fromWgs84(w);
    EXPECT_GT(g.lon - w.lon, 0.005);
    EXPECT_LT(g.lon - w.lon, 0.0075);
    EXPECT_GT(g.lat - w.lat, 0.0);
    EXPECT_LT(g.lat - w.lat, 0.001);
}

}  // namespace
