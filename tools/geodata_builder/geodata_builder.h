#pragma once
// Builds jinmap.sqlite from the reviewable text in geodata/ and the seed
// documents. Deterministic: the same inputs give the same rows in the same
// order and the same metadata (no timestamps). Writes atomically.
#include <string>

namespace jinmap::builder {

struct BuildOptions {
    std::string geodataDir;
    std::string seedsDir;
    std::string outputPath;
    bool verbose = false;
};

struct BuildReport {
    int counties = 0;
    int prefectures = 0;
    int towns = 0;
    int facts = 0;
    int notes = 0;
    int parks = 0;
    int platforms = 0;
    int projects = 0;
    int layoutElements = 0;
    int repairedPolygons = 0;
    int sourcePolygons = 0;
    std::string dataVersion;
};

// Throws jinmap::Error with file:line context on bad input; nothing is left
// at outputPath unless the whole build succeeded.
BuildReport buildDatabase(const BuildOptions& options);

}  // namespace jinmap::builder
