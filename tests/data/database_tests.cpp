// The database contract: geometry validity and placement, codes, provenance.
#include <gtest/gtest.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstdio>
#include <set>
#include <string>

#include "base/gcj02.h"
#include "base/text.h"
#include "test_db.h"

using jinmap::test::database;

namespace {

const char* kGeometryTables[] = {"province", "prefectures",     "counties",
                                 "towns",    "layout_elements", "layout_axes",
                                 "parks",    "platforms",       "neighbors"};

TEST(Database, EveryStoredGeometryIsValid) {
    for (const char* table : kGeometryTables) {
        const std::string sql = std::string("SELECT count(*) FROM ") + table +
                                " WHERE geometry IS NOT NULL AND ST_IsValid(geometry) != 1";
        EXPECT_EQ(database().queryInt(sql), 0) << table << " has invalid geometries";
    }
}

TEST(Database, GeometriesLieInsideShanxisBoundingBox) {
    // Shanxi spans about 110.2–114.6°E, 34.5–40.8°N; neighbors are context.
    for (const char* table : kGeometryTables) {
        if (std::string(table) == "neighbors") continue;
        const std::string sql = std::string("SELECT count(*) FROM ") + table +
                                " WHERE geometry IS NOT NULL AND (MbrMinX(geometry) < 110.1 OR "
                                "MbrMaxX(geometry) > 114.7 OR MbrMinY(geometry) < 34.4 OR "
                                "MbrMaxY(geometry) > 40.9)";
        EXPECT_EQ(database().queryInt(sql), 0) << table << " has geometry outside Shanxi";
    }
}

TEST(Database, GeometriesUseSrid4326) {
    for (const char* table : kGeometryTables) {
        const std::string sql = std::string("SELECT count(*) FROM ") + table +
                                " WHERE geometry IS NOT NULL AND ST_SRID(geometry) != 4326";
        EXPECT_EQ(database().queryInt(sql), 0) << table;
    }
}

TEST(Database, Has117CountiesWithUnique2023CodesIn11Prefectures) {
    EXPECT_EQ(database().queryInt("SELECT count(*) FROM counties"), 117);
    EXPECT_EQ(database().queryInt("SELECT count(DISTINCT adcode) FROM counties"), 117);
    EXPECT_EQ(database().queryInt("SELECT count(DISTINCT prefecture_adcode) FROM counties"), 11);
    EXPECT_EQ(database().queryInt("SELECT count(*) FROM prefectures"), 11);
    EXPECT_EQ(database().queryInt("SELECT count(*) FROM counties WHERE length(adcode) != 6 OR "
                                  "adcode NOT GLOB '14[0-9][0-9][0-9][0-9]'"),
              0);
    EXPECT_EQ(database().queryInt("SELECT count(*) FROM counties c LEFT JOIN prefectures p ON "
                                  "p.adcode = c.prefecture_adcode WHERE p.adcode IS NULL"),
              0);
    // Former units are mapped: none of the pre-2018 codes survive.
    for (const char* old : {"140227", "140202", "140203", "140211", "140421", "140424", "140481",
                            "140726", "140624", "140402", "140411"}) {
        EXPECT_EQ(database().queryInt(
                      std::string("SELECT count(*) FROM counties WHERE adcode = '") + old + "'"),
                  0)
            << old;
    }
}

TEST(Database, DatongDistrictsAreTheCurrentOnes) {
    // The boundaries carry the 2018 re-division: 平城区 is the post-2018 district
    // (the 2016 城区 polygon it replaced was 44 km²; the current source has 228 km²)
    // and no county is a reconstruction of old units any more.
    const double pingcheng = std::stod(*database().queryString(
        "SELECT ST_Area(geometry, 1) / 1e6 FROM counties WHERE name = '平城区'"));
    EXPECT_GT(pingcheng, 150.0);
    EXPECT_LT(pingcheng, 300.0);
    // Approximate only where a mapping row says so, and then with a note.
    EXPECT_EQ(database().queryInt("SELECT count(*) FROM counties WHERE boundary_quality = "
                                  "'approximate' AND coalesce(boundary_note, '') = ''"),
              0);
    auto stmt = database().prepare(
        "SELECT name, boundary_quality FROM counties WHERE name IN ('平城区', '云冈区', "
        "'新荣区', '阳高县', '天镇县', '云州区', '潞州区', '上党区', '太谷区')");
    int n = 0;
    while (stmt.step()) {
        ++n;
        EXPECT_EQ(stmt.columnText(1), "exact") << stmt.columnText(0);
    }
    EXPECT_EQ(n, 9);
}

TEST(Database, ProvinceIsOnePolygonWithoutHolesAndNeighboursFitItsOutline) {
    // The counties were cleaned into one coverage: no sliver gaps inside Shanxi.
    EXPECT_EQ(database().queryInt("SELECT ST_NumGeometries(geometry) FROM province"), 1);
    EXPECT_EQ(
        database().queryInt("SELECT NumInteriorRings(ST_GeometryN(geometry, 1)) FROM province"), 0);
    // Neighbour provinces touch Shanxi but do not cover it (< 0.01 km² in total).
    const double overlap = std::stod(*database().queryString(
        "SELECT coalesce(sum(ST_Area(ST_Intersection(n.geometry, p.geometry), 1)), 0) / 1e6 "
        "FROM neighbors n, province p WHERE ST_Intersects(n.geometry, p.geometry)"));
    EXPECT_LT(overlap, 0.01);
    EXPECT_GE(database().queryInt("SELECT count(*) FROM neighbors WHERE ST_Touches(geometry, "
                                  "(SELECT geometry FROM province))"),
              4);
}

TEST(Database, BoundariesAreConvertedFromGcj02ToWgs84) {
    // Every vertex of the (GCJ-02) source file ends up converted by the inverse
    // formula: the first vertex of each Datong county, converted here, is a
    // vertex of the stored polygon; the unconverted one (~550 m away) is not on
    // its outline.
    QFile file(QStringLiteral(JINMAP_GEODATA_DIR "/boundaries/140200.json"));
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QJsonArray features =
        QJsonDocument::fromJson(file.readAll()).object().value("features").toArray();
    ASSERT_EQ(features.size(), 10);
    for (const auto& f : features) {
        const QJsonObject o = f.toObject();
        const std::string adcode =
            std::to_string(o.value("properties").toObject().value("adcode").toInt());
        QJsonValue c = o.value("geometry").toObject().value("coordinates");
        while (c.isArray() && c.toArray().at(0).isArray()) c = c.toArray().at(0);
        const jinmap::gcj02::LonLat gcj{c.toArray().at(0).toDouble(), c.toArray().at(1).toDouble()};
        const jinmap::gcj02::LonLat wgs = jinmap::gcj02::toWgs84(gcj);
        auto distance = [&](jinmap::gcj02::LonLat p) {
            char sql[256];
            std::snprintf(sql, sizeof sql,
                          "SELECT ST_Distance(ST_Boundary(geometry), MakePoint(%.12f, %.12f, "
                          "4326)) FROM counties WHERE adcode = '%s'",
                          p.lon, p.lat, adcode.c_str());
            return std::stod(*database().queryString(sql));
        };
        EXPECT_LT(distance(wgs), 1e-9) << adcode;
        EXPECT_GT(distance(gcj), 1e-5) << adcode;
    }
    const auto note = database().queryString(
        "SELECT value FROM metadata WHERE key = "
        "'datum_conversion'");
    ASSERT_TRUE(note.has_value());
    EXPECT_NE(note->find("GCJ-02"), std::string::npos);
    EXPECT_NE(note->find("limit 0.2 m"), std::string::npos);
    const auto zh = database().queryString(
        "SELECT value FROM metadata WHERE key = "
        "'boundary_source_zh'");
    ASSERT_TRUE(zh.has_value());
    EXPECT_NE(zh->find("WGS84/CGCS2000"), std::string::npos);
}

TEST(Database, CountiesTileTheProvinceWithoutOverlap) {
    // Sum of county areas equals the province's area (no overlaps, no gaps).
    const double counties =
        std::stod(*database().queryString("SELECT sum(ST_Area(geometry)) FROM counties"));
    const double province =
        std::stod(*database().queryString("SELECT ST_Area(geometry) FROM province"));
    EXPECT_NEAR(counties / province, 1.0, 1e-6);
}

TEST(Database, EachTownPointLiesInsideItsCounty) {
    EXPECT_EQ(database().queryInt(
                  "SELECT count(*) FROM towns t JOIN counties c ON c.adcode = t.county_adcode "
                  "WHERE t.geometry IS NOT NULL AND ST_Within(t.geometry, c.geometry) != 1"),
              0);
    // A town has a point exactly when its county is known.
    EXPECT_EQ(database().queryInt(
                  "SELECT count(*) FROM towns WHERE (county_adcode IS NULL) != (geometry IS NULL)"),
              0);
    EXPECT_EQ(database().queryInt("SELECT count(*) FROM towns WHERE geometry IS NOT NULL AND "
                                  "location_precision != 'county'"),
              0);
}

TEST(Database, ParksAndPlatformsWithPointsLieInsideTheirCounty) {
    for (const char* table : {"parks", "platforms"}) {
        const std::string sql =
            std::string("SELECT count(*) FROM ") + table +
            " p JOIN counties c ON c.adcode = p.county_adcode WHERE p.geometry IS NOT NULL "
            "AND ST_Within(p.geometry, c.geometry) != 1";
        EXPECT_EQ(database().queryInt(sql), 0) << table;
        // No invented positions: a point only where the county is stated.
        EXPECT_EQ(database().queryInt(std::string("SELECT count(*) FROM ") + table +
                                      " WHERE geometry IS NOT NULL AND county_adcode IS NULL"),
                  0)
            << table;
    }
}

TEST(Database, EveryRowHasProvenance) {
    for (const char* table : {"towns", "parks", "platforms", "layout_elements", "projects"}) {
        const std::string sql =
            std::string("SELECT count(*) FROM ") + table +
            " x WHERE NOT EXISTS (SELECT 1 FROM provenance p WHERE p.subject_table = '" + table +
            "' AND p.subject_id = x.id)";
        EXPECT_EQ(database().queryInt(sql), 0) << table << " rows without provenance";
    }
}

TEST(Database, TownsUseTheFixedVocabularies) {
    EXPECT_EQ(
        database().queryInt(
            "SELECT count(*) FROM towns WHERE level NOT IN ('provincial','municipal','unknown')"),
        0);
    EXPECT_EQ(database().queryInt(
                  "SELECT count(*) FROM towns t WHERE NOT EXISTS (SELECT 1 FROM sector_groups g "
                  "WHERE g.sector_group = t.sector_group)"),
              0);
    EXPECT_EQ(
        database().queryInt(
            "SELECT count(*) FROM prefectures WHERE coverage NOT IN ('full','partial','none')"),
        0);
    EXPECT_GT(database().queryInt("SELECT count(*) FROM towns"), 0);
}

TEST(Database, TaiguMalleableIronTownIsThere) {
    auto stmt = database().prepare(
        "SELECT t.level, c.name FROM towns t JOIN counties c ON c.adcode = t.county_adcode WHERE "
        "t.name = '太谷玛钢专业镇'");
    ASSERT_TRUE(stmt.step());
    EXPECT_EQ(stmt.columnText(0), "provincial");
    EXPECT_EQ(stmt.columnText(1), "太谷区");
    EXPECT_GT(
        database().queryInt("SELECT count(*) FROM town_facts f JOIN towns t ON t.id = f.town_id "
                            "WHERE t.name = '太谷玛钢专业镇'"),
        3);
}

TEST(Database, MetadataIsReproducible) {
    EXPECT_TRUE(database()
                    .queryString("SELECT value FROM metadata WHERE key = 'data_version'")
                    .has_value());
    EXPECT_TRUE(
        database().queryString("SELECT value FROM metadata WHERE key = 'crs_note'").has_value());
    // No timestamps: nothing that looks like a build date.
    EXPECT_EQ(database().queryInt(
                  "SELECT count(*) FROM metadata WHERE key LIKE '%time%' OR key LIKE '%date%'"),
              0);
    EXPECT_EQ(database().queryInt("SELECT count(*) FROM metadata WHERE key LIKE 'source_sha256:%'"),
              database().queryInt("SELECT count(*) FROM sources"));
}

}  // namespace

namespace {
TEST(Database, TownNamesAreTheSimplifiedFormOfTheNameAsWritten) {
    // OpenCC t2s of the written name, allowing the 专业镇 suffix a list omits.
    auto stmt = database().prepare("SELECT id, name, name_as_written FROM towns");
    while (stmt.step()) {
        const std::string simplified = jinmap::toSimplified(stmt.columnText(2));
        const std::string name = stmt.columnText(1);
        EXPECT_TRUE(name == simplified || name == simplified + "专业镇")
            << stmt.columnText(0) << ": " << name << " vs t2s(" << stmt.columnText(2)
            << ") = " << simplified;
    }
}
}  // namespace
