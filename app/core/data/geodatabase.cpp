#include "data/geodatabase.h"

#include <sys/stat.h>

#include <algorithm>
#include <map>
#include <mutex>

#include "base/error.h"
#include "base/sqlite.h"
#include "base/text.h"
#include "data/spatialite_source.h"
#include "data/workspace.h"

namespace jinmap {

// ---------------------------------------------------------------------------
// Per-thread connections

namespace {

struct FileIdentity {
    dev_t device = 0;
    ino_t inode = 0;
    bool operator==(const FileIdentity& o) const { return device == o.device && inode == o.inode; }
};

std::optional<FileIdentity> fileIdentity(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return std::nullopt;
    return FileIdentity{st.st_dev, st.st_ino};
}

}  // namespace

struct GeoDatabase::Connections {
    std::string path;
    FileIdentity identity;  // of the file the first connection opened
    std::mutex mutex;
    std::map<std::uint64_t, std::shared_ptr<Database>> byThread;  // currentThreadSerial()

    std::shared_ptr<Database> find(std::uint64_t thread) {
        std::lock_guard<std::mutex> lock(mutex);
        auto it = byThread.find(thread);
        return it == byThread.end() ? nullptr : it->second;
    }
    // Called by the thread itself as it ends: its connection closes there.
    void dropThread(std::uint64_t thread) {
        std::shared_ptr<Database> closing;
        std::lock_guard<std::mutex> lock(mutex);
        auto it = byThread.find(thread);
        if (it == byThread.end()) return;
        closing = std::move(it->second);
        byThread.erase(it);
    }
};

namespace {

// Closes, as a thread ends, the connections it opened (on that thread).
class ThreadConnectionReaper {
  public:
    ~ThreadConnectionReaper() {
        for (auto& weak : registries_)
            if (auto registry = weak.lock()) registry->dropThread(thread_);
    }
    void add(const std::shared_ptr<GeoDatabase::Connections>& registry) {
        registries_.erase(std::remove_if(registries_.begin(), registries_.end(),
                                         [](const auto& w) { return w.expired(); }),
                          registries_.end());
        registries_.push_back(registry);
    }

  private:
    std::uint64_t thread_ = currentThreadSerial();
    std::vector<std::weak_ptr<GeoDatabase::Connections>> registries_;
};

// The calling thread's connection to `registry`'s file, opened on first use.
// A connection opened later than the first must read the same file: a
// database rebuilt (renamed over) or deleted since is an error, never a
// silent mix of two versions.
std::shared_ptr<Database> threadConnection(
    const std::shared_ptr<GeoDatabase::Connections>& registry) {
    const std::uint64_t thread = currentThreadSerial();
    if (auto db = registry->find(thread)) return db;
    const auto before = fileIdentity(registry->path);
    if (!before || !(*before == registry->identity))
        throw Error(ErrorKind::Database,
                    "the database file was replaced or deleted since it was opened; reopen it",
                    registry->path);
    auto db = std::make_shared<Database>(Database::open(registry->path, Database::Mode::ReadOnly));
    // A workspace hides its deleted rows from every reader (nothing on the reference).
    data::installLiveViews(*db);
    const auto after = fileIdentity(registry->path);
    if (!after || !(*after == registry->identity))
        throw Error(ErrorKind::Database,
                    "the database file was replaced while it was being opened; reopen it",
                    registry->path);
    {
        std::lock_guard<std::mutex> lock(registry->mutex);
        registry->byThread[thread] = db;
    }
    thread_local ThreadConnectionReaper reaper;
    reaper.add(registry);
    return db;
}

}  // namespace

GeoDatabase::GeoDatabase() : connections_(std::make_shared<Connections>()) {}

GeoDatabase::~GeoDatabase() = default;

std::shared_ptr<Database> GeoDatabase::database() const {
    return threadConnection(connections_);
}

std::size_t GeoDatabase::connectionCount() const {
    std::lock_guard<std::mutex> lock(connections_->mutex);
    return connections_->byThread.size();
}

const char* placeKindName(PlaceRef::Kind kind) noexcept {
    switch (kind) {
        case PlaceRef::Kind::Province:
            return "province";
        case PlaceRef::Kind::Prefecture:
            return "prefecture";
        case PlaceRef::Kind::County:
            return "county";
        case PlaceRef::Kind::Town:
            return "town";
        case PlaceRef::Kind::Park:
            return "park";
        case PlaceRef::Kind::Platform:
            return "platform";
        case PlaceRef::Kind::LayoutElement:
            return "layout";
        case PlaceRef::Kind::Project:
            return "project";
    }
    return "place";
}

const std::vector<std::string>& GeoDatabase::requiredTables() {
    static const std::vector<std::string> tables = {
        "province",   "prefectures", "counties",   "neighbors",       "towns",
        "town_facts", "data_notes",  "provenance", "layout_elements", "parks",
        "platforms",  "projects",    "sources",    "metadata"};
    return tables;
}

std::shared_ptr<GeoDatabase> GeoDatabase::open(const std::string& path) {
    std::shared_ptr<GeoDatabase> gdb(new GeoDatabase());
    gdb->path_ = path;
    gdb->connections_->path = path;
    const auto identity = fileIdentity(path);
    if (!identity) throw Error(ErrorKind::Io, "database file does not exist", path);
    gdb->connections_->identity = *identity;
    const std::shared_ptr<Database> connection = gdb->database();
    Database& db = *connection;
    if (!db.hasTable("geometry_columns"))
        throw Error(ErrorKind::Schema, "not a SpatiaLite database (no geometry_columns table)",
                    path);
    for (const auto& t : requiredTables())
        if (!db.hasTable(t))
            throw Error(ErrorKind::Schema, "required table '" + t + "' is missing", path);
    const std::map<std::string, std::vector<std::string>> requiredColumns = {
        {"counties",
         {"adcode", "name", "prefecture_adcode", "prefecture", "kind", "boundary_quality",
          "geometry"}},
        {"towns",
         {"id", "name", "name_as_written", "prefecture", "county_adcode", "sector", "sector_group",
          "level", "level_detail", "location_precision", "geometry"}},
        {"town_facts",
         {"town_id", "metric", "value", "value_text", "unit", "year", "source_id", "quote"}},
        {"prefectures", {"adcode", "name", "coverage", "geometry"}},
    };
    for (const auto& [table, cols] : requiredColumns) {
        const auto have = db.columns(table);
        for (const auto& c : cols)
            if (std::find(have.begin(), have.end(), c) == have.end())
                throw Error(ErrorKind::Schema,
                            std::string("table '")
                                .append(table)
                                .append("' has no column '")
                                .append(c)
                                .append("'"),
                            path);
    }
    // The contract's geometry is lon/lat (EPSG:4326); another SRID would draw
    // everything in the wrong place.
    auto srids = db.prepare(
        "SELECT f_table_name, srid FROM geometry_columns WHERE f_table_name IN "
        "('province','prefectures','counties','towns','parks','platforms','layout_elements') AND "
        "srid != 4326");
    if (srids.step())
        throw Error(ErrorKind::Schema,
                    "table '" + srids.columnText(0) + "' has SRID " +
                        std::to_string(srids.columnInt64(1)) + ", expected 4326",
                    path);
    if (db.queryInt("SELECT count(*) FROM counties") == 0)
        throw Error(ErrorKind::Schema, "the counties table is empty", path);
    if (db.queryInt(
            "SELECT count(*) FROM counties WHERE name IS NULL OR name = '' OR adcode IS NULL") > 0)
        throw Error(ErrorKind::Schema, "counties without a name or code", path);
    return gdb;
}

std::string GeoDatabase::metadata(const std::string& key) const {
    auto stmt = database()->prepare("SELECT value FROM metadata WHERE key = ?1");
    stmt.bind(1, key);
    return stmt.step() ? stmt.columnText(0) : std::string();
}

std::vector<LayerInfo> GeoDatabase::layers() const {
    std::vector<LayerInfo> out;
    const auto db = database();
    auto tables = db->prepare(
        "SELECT f_table_name, geometry_type FROM geometry_columns ORDER BY f_table_name");
    while (tables.step()) {
        LayerInfo info;
        info.name = tables.columnText(0);
        const int code = static_cast<int>(tables.columnInt64(1));
        static const char* names[] = {"GEOMETRY",   "POINT",           "LINESTRING",  "POLYGON",
                                      "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON"};
        info.geometryType =
            (code % 1000) >= 0 && (code % 1000) <= 6 ? names[code % 1000] : "GEOMETRY";
        const std::string q = "\"" + info.name + "\"";
        info.featureCount = db->queryInt("SELECT count(*) FROM " + q);
        out.push_back(info);
    }
    for (auto& info : out) {
        auto src = source(info.name);
        auto it = src->features();
        Feature f;
        while (it->next(f)) {
            ++info.withGeometry;
            info.extent.extend(f.geometry.bounds);
        }
    }
    return out;
}

std::unique_ptr<FeatureSource> GeoDatabase::source(const std::string& relation) const {
    return std::make_unique<SpatialiteSource>(database(), relation);
}

std::optional<CountyRef> GeoDatabase::countyByAdcode(const std::string& adcode) const {
    auto stmt = database()->prepare(
        "SELECT adcode, name, prefecture, prefecture_adcode FROM counties WHERE adcode = ?1");
    stmt.bind(1, adcode);
    if (!stmt.step()) return std::nullopt;
    return CountyRef{stmt.columnText(0), stmt.columnText(1), stmt.columnText(2),
                     stmt.columnText(3)};
}

namespace {
// "大同" matches "大同市"; "太谷" matches "太谷区"/"太谷县".
bool nameMatches(const std::string& candidate, const std::string& key) {
    if (candidate == key) return true;
    for (const char* suffix : {"市", "县", "区", "省"}) {
        if (candidate == key + suffix) return true;
    }
    return false;
}
}  // namespace

std::optional<std::pair<std::string, std::string>> GeoDatabase::resolvePrefecture(
    const std::string& query) const {
    const std::string key = nameKey(query);
    auto stmt = database()->prepare("SELECT adcode, name FROM prefectures ORDER BY adcode");
    while (stmt.step()) {
        if (stmt.columnText(0) == key || nameMatches(stmt.columnText(1), key))
            return std::make_pair(stmt.columnText(0), stmt.columnText(1));
    }
    return std::nullopt;
}

CountyRef GeoDatabase::resolveCounty(const std::string& query) const {
    const std::string key = nameKey(query);
    if (key.empty()) throw Error(ErrorKind::Usage, "empty county name");
    if (auto byCode = countyByAdcode(key)) return *byCode;
    std::string prefectureFilter;
    std::string countyKey = key;
    const auto slash = key.find('/');
    if (slash != std::string::npos) {
        auto pref = resolvePrefecture(key.substr(0, slash));
        if (!pref)
            throw Error(ErrorKind::NotFound, "unknown city '" + query.substr(0, slash) + "'");
        prefectureFilter = pref->first;
        countyKey = key.substr(slash + 1);
    }
    std::vector<CountyRef> all;
    auto stmt = database()->prepare(
        "SELECT adcode, name, prefecture, prefecture_adcode FROM counties ORDER BY adcode");
    while (stmt.step())
        all.push_back(CountyRef{stmt.columnText(0), stmt.columnText(1), stmt.columnText(2),
                                stmt.columnText(3)});
    std::vector<CountyRef> matches;
    for (const auto& c : all) {
        if (!prefectureFilter.empty() && c.prefectureAdcode != prefectureFilter) continue;
        if (nameMatches(c.name, countyKey)) matches.push_back(c);
    }
    if (matches.size() == 1) return matches.front();
    if (matches.size() > 1) {
        std::string list;
        for (const auto& m : matches)
            list +=
                (list.empty() ? "" : ", ") + m.prefecture + "/" + m.name + " (" + m.adcode + ")";
        throw Error(ErrorKind::Usage,
                    "'" + query + "' is ambiguous; give the city or the code: " + list);
    }
    // Close matches for the error message: distance to the name and to its
    // stem (without 县/区/市), a shared first character breaking ties.
    std::vector<std::pair<std::size_t, std::string>> scored;
    for (const auto& c : all) {
        const std::string stem = c.name.size() > 3 ? c.name.substr(0, c.name.size() - 3) : c.name;
        std::size_t d =
            2 * std::min(editDistance(countyKey, c.name), editDistance(countyKey, stem));
        if (c.name.find(countyKey) != std::string::npos)
            d = 0;
        else if (countyKey.compare(0, 3, c.name, 0, 3) != 0)
            d += 1;
        scored.emplace_back(d, c.prefecture + "/" + c.name);
    }
    std::sort(scored.begin(), scored.end());
    std::string suggestions;
    for (std::size_t i = 0; i < scored.size() && i < 5; ++i) {
        if (scored[i].first > 4) break;
        suggestions += (suggestions.empty() ? "" : ", ") + scored[i].second;
    }
    if (suggestions.empty())
        throw Error(ErrorKind::NotFound,
                    Message(JINMAP_MESSAGE("core", "unknown county '%1'"), {query}));
    throw Error(ErrorKind::NotFound,
                Message(JINMAP_MESSAGE("core", "unknown county '%1'; did you mean: %2"),
                        {query, suggestions}));
}

Bounds GeoDatabase::relationBounds(const std::string& sql, const std::string& key) const {
    auto stmt = database()->prepare(sql);
    stmt.bind(1, key);
    Bounds b;
    while (stmt.step()) {
        if (stmt.isNull(0)) continue;
        auto [data, size] = stmt.columnBlob(0);
        b.extend(parseSpatialiteBlob(data, size).bounds);
    }
    return b;
}

Bounds GeoDatabase::countyBounds(const std::string& adcode) const {
    return relationBounds("SELECT geometry FROM counties WHERE adcode = ?1", adcode);
}
Bounds GeoDatabase::prefectureBounds(const std::string& adcode) const {
    return relationBounds("SELECT geometry FROM prefectures WHERE adcode = ?1", adcode);
}
Bounds GeoDatabase::provinceBounds() const {
    return relationBounds("SELECT geometry FROM province WHERE ?1 IS NOT NULL", "x");
}

std::vector<PlaceRef> GeoDatabase::search(const std::string& query, std::size_t limit) const {
    const std::string key = nameKey(query);
    std::vector<PlaceRef> out;
    if (key.empty()) return out;
    struct Spec {
        PlaceRef::Kind kind;
        const char* sql;
    };
    // Each query returns id, name, context, geometry.
    const Spec specs[] = {
        {PlaceRef::Kind::Prefecture, "SELECT adcode, name, '山西省', geometry FROM prefectures"},
        {PlaceRef::Kind::County, "SELECT adcode, name, prefecture, geometry FROM counties"},
        {PlaceRef::Kind::Town,
         "SELECT id, name, coalesce(county, prefecture), geometry FROM towns"},
        {PlaceRef::Kind::Park, "SELECT id, name, coalesce(county, ''), geometry FROM parks"},
        {PlaceRef::Kind::Platform,
         "SELECT id, name, coalesce(county, ''), geometry FROM platforms"},
        {PlaceRef::Kind::LayoutElement, "SELECT id, name, kind, geometry FROM layout_elements"},
        {PlaceRef::Kind::Project,
         "SELECT id, name, coalesce(county, industry), NULL FROM projects"},
    };
    std::vector<std::pair<int, PlaceRef>> scored;
    const auto db = database();
    for (const auto& spec : specs) {
        auto stmt = db->prepare(spec.sql);
        while (stmt.step()) {
            const std::string name = stmt.columnText(1);
            const std::string nkey = nameKey(name);
            int score;
            if (nkey == key || nameMatches(nkey, key))
                score = 0;
            else if (nkey.rfind(key, 0) == 0)
                score = 1;
            else if (nkey.find(key) != std::string::npos)
                score = 2;
            else
                continue;
            PlaceRef ref;
            ref.kind = spec.kind;
            ref.id = stmt.columnText(0);
            ref.name = name;
            ref.context = stmt.columnText(2);
            if (!stmt.isNull(3)) {
                auto [data, size] = stmt.columnBlob(3);
                ref.bounds = parseSpatialiteBlob(data, size).bounds;
            }
            scored.emplace_back(score * 10 + static_cast<int>(spec.kind), std::move(ref));
        }
    }
    std::stable_sort(scored.begin(), scored.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& s : scored) {
        if (out.size() >= limit) break;
        out.push_back(std::move(s.second));
    }
    return out;
}

}  // namespace jinmap
