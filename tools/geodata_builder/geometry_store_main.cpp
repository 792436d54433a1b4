// jinmap-geometry-store DB: computes the geometry store (shared arcs of the
// polygon relations, simplified once per level, EPSG:3857 float32) into a
// jinmap database built elsewhere, keyed by its metadata data_version. The
// geodata builder does the same for jinmap.sqlite.
#include <cstdio>
#include <string>

#include "arcs.h"
#include "base/error.h"
#include "base/sqlite.h"

int main(int argc, char** argv) {
    if (argc != 2 || std::string(argv[1]) == "--help") {
        std::fprintf(stderr, "usage: jinmap-geometry-store DATABASE\n");
        return argc == 2 ? 0 : 2;
    }
    try {
        jinmap::Database db = jinmap::Database::open(argv[1], jinmap::Database::Mode::ReadWrite);
        const auto version =
            db.queryString("SELECT value FROM metadata WHERE key = 'data_version'");
        if (!version || version->empty())
            throw jinmap::Error(jinmap::ErrorKind::Schema, "no data_version in metadata", argv[1]);
        jinmap::Transaction tx(db);
        const auto report = jinmap::builder::buildGeometryStore(
            db, *version, jinmap::builder::defaultStoreRelations());
        tx.commit();
        std::string levels;
        for (const auto& [level, points] : report.levels)
            levels +=
                (levels.empty() ? "" : ", ") + std::to_string(level) + ":" + std::to_string(points);
        std::printf(
            "geometry store: %zu relations, %zu features, %zu rings (%zu points), %zu arcs "
            "(%zu points), levels %s, %zu bytes\n",
            report.relations.size(), report.features, report.rings, report.ringPoints, report.arcs,
            report.arcPoints, levels.c_str(), report.bytes);
        db.exec("VACUUM");
        return 0;
    } catch (const jinmap::Error& e) {
        std::fprintf(stderr, "jinmap-geometry-store: %s\n", e.what());
        return 1;
    }
}
