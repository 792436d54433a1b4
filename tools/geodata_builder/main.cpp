// jinmap-geodata-builder: geodata/ text + seed documents -> jinmap.sqlite.
#include <cstdio>
#include <cstring>
#include <string>

#include "base/error.h"
#include "geodata_builder.h"

namespace {
void usage() {
    std::fprintf(stderr,
                 "usage: jinmap-geodata-builder --geodata DIR --seeds DIR -o FILE [--verbose]\n");
}
}  // namespace

int main(int argc, char** argv) {
    jinmap::builder::BuildOptions options;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto value = [&](std::string* out) {
            if (i + 1 >= argc) return false;
            *out = argv[++i];
            return true;
        };
        bool ok = true;
        if (arg == "--geodata")
            ok = value(&options.geodataDir);
        else if (arg == "--seeds")
            ok = value(&options.seedsDir);
        else if (arg == "-o" || arg == "--output")
            ok = value(&options.outputPath);
        else if (arg == "--verbose")
            options.verbose = true;
        else if (arg == "--help" || arg == "-h") {
            usage();
            return 0;
        } else
            ok = false;
        if (!ok) {
            usage();
            return 2;
        }
    }
    if (options.geodataDir.empty() || options.seedsDir.empty() || options.outputPath.empty()) {
        usage();
        return 2;
    }
    try {
        const auto report = jinmap::builder::buildDatabase(options);
        std::printf(
            "built %s: data version %s; %d counties (%d source polygons, %d repaired), %d "
            "prefectures, %d towns, %d figures, %d data notes, %d parks, %d platforms, %d "
            "projects, "
            "%d layout elements\n",
            options.outputPath.c_str(), report.dataVersion.c_str(), report.counties,
            report.sourcePolygons, report.repairedPolygons, report.prefectures, report.towns,
            report.facts, report.notes, report.parks, report.platforms, report.projects,
            report.layoutElements);
        return 0;
    } catch (const jinmap::Error& e) {
        std::fprintf(stderr, "jinmap-geodata-builder: %s: %s\n", jinmap::errorKindName(e.kind()),
                     e.what());
        return 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "jinmap-geodata-builder: %s\n", e.what());
        return 1;
    }
}
