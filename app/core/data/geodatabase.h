#pragma once
// Read access to jinmap.sqlite: opens read-only, checks the schema contract,
// resolves names (Simplified or Traditional, ambiguous names ask for the city)
// and hands out FeatureSources.
//
// Threading rule: a GeoDatabase may be used from any thread, but no SQLite
// connection crosses threads. Every thread that reads through it gets its own
// read-only connection, opened on that thread at its first read and closed
// when the thread ends (or with the GeoDatabase). database() returns the
// calling thread's connection; a FeatureSource and its iterators read through
// the connection of the thread that made the source and must stay on it.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "data/feature.h"
#include "data/geometry.h"

namespace jinmap {

class Database;

struct LayerInfo {
    std::string name;
    std::int64_t featureCount = 0;
    std::int64_t withGeometry = 0;
    std::string geometryType;
    Bounds extent;
};

struct CountyRef {
    std::string adcode;
    std::string name;
    std::string prefecture;
    std::string prefectureAdcode;
};

// Something the user can search for or click.
struct PlaceRef {
    enum class Kind { Province, Prefecture, County, Town, Park, Platform, LayoutElement, Project };
    Kind kind = Kind::County;
    std::string id;  // adcode or row id
    std::string name;
    std::string context;  // e.g. prefecture of a county, county of a town
    Bounds bounds;        // lon/lat; empty when the place has no geometry
};
const char* placeKindName(PlaceRef::Kind kind) noexcept;

class GeoDatabase {
  public:
    ~GeoDatabase();
    GeoDatabase(const GeoDatabase&) = delete;
    GeoDatabase& operator=(const GeoDatabase&) = delete;

    // Opens read-only and validates the contract; throws Error(Io/Database/Schema).
    static std::shared_ptr<GeoDatabase> open(const std::string& path);

    const std::string& path() const { return path_; }
    // The calling thread's read-only connection (opened now if this thread
    // has none). Keep it on this thread: it throws when used from another.
    std::shared_ptr<Database> database() const;
    // Connections open (one per thread that has read and not yet ended).
    std::size_t connectionCount() const;
    std::string metadata(const std::string& key) const;
    std::string dataVersion() const { return metadata("data_version"); }

    std::vector<LayerInfo> layers() const;
    std::unique_ptr<FeatureSource> source(const std::string& relation) const;

    // County by adcode, name, Traditional name or "城市/县" form. Throws
    // Error(NotFound) listing close matches, or Error(Usage) when ambiguous.
    CountyRef resolveCounty(const std::string& query) const;
    std::optional<CountyRef> countyByAdcode(const std::string& adcode) const;
    // Prefecture by name or adcode (Simplified/Traditional).
    std::optional<std::pair<std::string, std::string>> resolvePrefecture(
        const std::string& query) const;
    Bounds countyBounds(const std::string& adcode) const;
    Bounds prefectureBounds(const std::string& adcode) const;
    Bounds provinceBounds() const;
    // Search over counties, prefectures, towns, parks, platforms, projects.
    std::vector<PlaceRef> search(const std::string& query, std::size_t limit = 20) const;

    // Required tables of the schema contract.
    static const std::vector<std::string>& requiredTables();

    struct Connections;  // per-thread connections (geodatabase.cpp)

  private:
    GeoDatabase();
    Bounds relationBounds(const std::string& sql, const std::string& key) const;
    std::string path_;
    std::shared_ptr<Connections> connections_;
};

}  // namespace jinmap
