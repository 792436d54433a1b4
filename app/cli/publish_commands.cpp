// `jinmap publish`: the themes as a static MapLibre GL JS web site.
#include <cstdio>
#include <string>

#include "base/error.h"
#include "base/numbers.h"
#include "cli.h"
#include "cli_commands.h"
#include "data/geodatabase.h"
#include "publish/site_publisher.h"

namespace jinmap::cli {

namespace {

std::string megabytes(std::uint64_t bytes) {
    return formatFixed(static_cast<double>(bytes) / 1e6, 2) + " MB";
}

int parseInt(const Args& args, const char* name, int fallback, int lo, int hi, int* out) {
    const auto v = args.value(name);
    if (!v) {
        *out = fallback;
        return 0;
    }
    const auto parsed = parseInteger(*v);
    if (!parsed)
        return usageError(std::string("--") + name + ": '" + *v + "' is not a whole number");
    if (*parsed < lo || *parsed > hi)
        return usageError(std::string("--") + name + " must be between " + std::to_string(lo) +
                          " and " + std::to_string(hi));
    *out = static_cast<int>(*parsed);
    return 0;
}

int runPublish(const Context& ctx, const Args& args) {
    PublishOptions o;
    o.stylePaths = args.values("style");
    if (o.stylePaths.empty()) return usageError("publish needs --style FILE (one per theme)");
    const auto output = args.value("output");
    if (!output) return usageError("publish needs -o DIR");
    o.outputDir = *output;
    o.extent = args.valueOr("extent", "");
    o.maplibreDir = args.valueOr("maplibre", defaultMaplibreDir(ctx.program));
    if (int rc = parseInt(args, "precision", 4, 0, 9, &o.decimals)) return rc;
    if (int rc = parseInt(args, "tile-maxzoom", 10, 0, 16, &o.tileMaxZoom)) return rc;
    if (int rc = parseInt(args, "tile-minzoom", 0, 0, 16, &o.tileMinZoom)) return rc;
    if (o.tileMinZoom > o.tileMaxZoom)
        return usageError("--tile-minzoom must not exceed --tile-maxzoom");
    if (auto tiles = args.value("tiles")) {
        o.tiles.clear();
        std::string list = *tiles;
        for (std::size_t start = 0; start <= list.size();) {
            const auto comma = list.find(',', start);
            const std::string item =
                list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
            if (!item.empty()) o.tiles.push_back(item);
            if (comma == std::string::npos) break;
            start = comma + 1;
        }
        if (o.tiles.empty()) return usageError("--tiles needs auto, none or dataset names");
    }
    auto db = GeoDatabase::open(ctx.dbPath);
    SitePublisher publisher(db, o);
    const PublishReport r = publisher.run();
    for (const auto& w : r.warnings) std::fprintf(stderr, "jinmap: warning: %s\n", w.c_str());
    std::printf("%s: %zu files, %s (MapLibre GL JS %s)\n", r.outputDir.c_str(), r.files,
                megabytes(r.totalBytes).c_str(), r.maplibreVersion.c_str());
    std::string themes;
    for (const auto& t : r.themes) themes += (themes.empty() ? "" : ", ") + t;
    std::printf("themes: %s\n", themes.c_str());
    for (const auto& d : r.datasets) {
        if (d.tiled)
            std::printf("data %s: %zu features, vector tiles: %zu tiles, %s\n", d.name.c_str(),
                        d.features, d.tiles, megabytes(d.bytes).c_str());
        else
            std::printf("data %s: %zu features, GeoJSON %s\n", d.name.c_str(), d.features,
                        megabytes(d.bytes).c_str());
    }
    std::printf("summaries: %zu files (zh_CN, en)\n", r.summaryFiles);
    for (const auto& [part, bytes] : r.bytesByPart)
        std::printf("size %s: %s\n", part.c_str(), megabytes(bytes).c_str());
    return 0;
}

}  // namespace

void registerPublishCommands() {
    registerCommand({"publish",
                     "--style FILE [--style FILE …] [--extent E] -o DIR [--tiles auto|none|NAME,…] "
                     "[--tile-maxzoom N] [--precision D] [--maplibre DIR]: the themes as a static "
                     "MapLibre GL JS web site (opens from disk or any web server)",
                     {"extent", "maplibre", "precision", "tiles", "tile-maxzoom", "tile-minzoom"},
                     {},
                     runPublish});
}

}  // namespace jinmap::cli
