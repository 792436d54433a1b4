#pragma once
// `jinmap publish`: writes a static MapLibre GL JS web site from the same
// style files the desktop draws — index.html with the page code, the themes
// translated to MapLibre styles, the data as GeoJSON (or vector tiles for
// large layers), the summaries of the presentation model in Chinese and
// English, a search index, and the vendored MapLibre GL JS. The site works
// opened from disk (file://) and from any web server (the vector-tile path
// needs a server).
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace jinmap {

class GeoDatabase;

struct PublishOptions {
    std::vector<std::string> stylePaths;  // one theme each; the first is the default
    std::string extent;  // initial view: place name or lon/lat box; empty: province
    std::string outputDir;
    // Folder holding maplibre-gl.js, maplibre-gl.css, LICENSE.txt and VERSION
    // (tools/fetch_maplibre.sh fills it at build time).
    std::string maplibreDir;
    int decimals = 4;       // lon/lat decimals of lines and polygons (1e-4° ≈ 10 m)
    int pointDecimals = 5;  // of points (1e-5° ≈ 1 m)
    // Datasets (or style sources) to ship as vector tiles; "auto" tiles any
    // dataset whose GeoJSON would exceed tileThresholdBytes; "none" never.
    std::vector<std::string> tiles{"auto"};
    std::uint64_t tileThresholdBytes = 4u << 20;
    int tileMinZoom = 0;
    int tileMaxZoom = 10;
};

struct PublishedDataset {
    std::string name;
    std::size_t features = 0;
    std::uint64_t bytes = 0;  // GeoJSON script, or all tiles
    bool tiled = false;
    std::size_t tiles = 0;
};

struct PublishReport {
    std::string outputDir;
    std::uint64_t totalBytes = 0;
    std::size_t files = 0;
    std::map<std::string, std::uint64_t> bytesByPart;
    std::vector<std::string> themes;
    std::vector<PublishedDataset> datasets;
    std::size_t summaryFiles = 0;
    std::string maplibreVersion;
    std::vector<std::string> warnings;  // what could not be translated exactly
};

class SitePublisher {
  public:
    SitePublisher(std::shared_ptr<GeoDatabase> db, PublishOptions options);
    // Throws Error (Usage, Style, Io, Export …) with context; on any failure
    // the output folder is left as it was.
    PublishReport run();

  private:
    std::shared_ptr<GeoDatabase> db_;
    PublishOptions options_;
};

// The MapLibre GL JS files the site needs, looked up in `dir`; throws
// Error(Io) naming the missing file and how to get it.
void checkMaplibreDir(const std::string& dir);

}  // namespace jinmap
