// The database contract: geometry validity and placement, codes, provenance.
#include <gtest/gtest.h>

#include <set>
#include <string>

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

TEST(Database, DatongSplitIsFlaggedApproximate) {
    auto stmt = database().prepare(
        "SELECT name, boundary_quality, coalesce(boundary_note, '') FROM counties WHERE name IN "
        "('平城区', '云冈区')");
    int n = 0;
    while (stmt.step()) {
        ++n;
        EXPECT_EQ(stmt.columnText(1), "approximate") << stmt.columnText(0);
        EXPECT_FALSE(stmt.columnText(2).empty()) << stmt.columnText(0);
    }
    EXPECT_EQ(n, 2);
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
