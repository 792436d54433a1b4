// Scale fixture: a copy of jinmap.sqlite whose towns table holds N synthetic
// towns spread over Shanxi (deterministic), for the 100,000-town label
// benchmark. Usage: make_synthetic_towns SOURCE.sqlite OUT.sqlite N
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>

#include "base/error.h"
#include "base/sqlite.h"
#include "data/geometry.h"

int main(int argc, char** argv) {
    if (argc != 4) {
        std::fprintf(stderr, "usage: make_synthetic_towns SOURCE.sqlite OUT.sqlite N\n");
        return 2;
    }
    try {
        namespace fs = std::filesystem;
        fs::copy_file(argv[1], argv[2], fs::copy_options::overwrite_existing);
        const long n = std::strtol(argv[3], nullptr, 10);
        jinmap::Database db = jinmap::Database::open(argv[2], jinmap::Database::Mode::ReadWrite);
        db.loadSpatialite();
        jinmap::Transaction tx(db);
        db.exec("DELETE FROM town_facts; DELETE FROM towns;");
        auto insert = db.prepare(
            "INSERT INTO towns (id, name, name_as_written, prefecture, level, location_precision, "
            "sector_group, geometry) VALUES (?1, ?2, ?2, '合成', ?3, 'synthetic', '铸造冶金', ?4)");
        std::mt19937 rng(20261123);
        std::uniform_real_distribution<double> lon(110.3, 114.5), lat(34.7, 40.6);
        for (long i = 0; i < n; ++i) {
            jinmap::Geometry g;
            g.type = jinmap::GeometryType::Point;
            g.xy = {lon(rng), lat(rng)};
            g.rings = {0, 1};
            g.parts = {0, 1};
            g.recomputeBounds();
            const auto blob = jinmap::toSpatialiteBlob(g, 4326);
            char name[32];
            std::snprintf(name, sizeof name, "合成镇%06ld", i);
            insert.bind(1, "S" + std::to_string(i))
                .bind(2, name)
                .bind(3, i % 10 == 0 ? "provincial" : "municipal")
                .bindBlob(4, blob.data(), blob.size());
            insert.run();
        }
        tx.commit();
        std::printf("%ld synthetic towns in %s\n", n, argv[2]);
        return 0;
    } catch (const jinmap::Error& e) {
        std::fprintf(stderr, "make_synthetic_towns: %s\n", e.what());
        return 1;
    }
}
