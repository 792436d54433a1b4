#include "geodata_builder.h"

#include <QCryptographicHash>
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "arcs.h"
#include "base/atomic_file.h"
#include "base/csv.h"
#include "base/error.h"
#include "base/geos.h"
#include "base/numbers.h"
#include "base/sqlite.h"
#include "base/text.h"
#include "boundaries.h"
#include "counties.h"
#include "data/geometry.h"
#include "schema_sql.h"
#include "source_texts.h"

namespace fs = std::filesystem;

namespace jinmap::builder {

namespace {

constexpr int kSrid = 4326;
constexpr const char* kSchemaVersion = "2";

std::string readFileBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(ErrorKind::Io, "cannot read file", path);
    std::ostringstream buf;
    buf << in.rdbuf();
    return buf.str();
}

// Everything one build needs, so helpers below stay small.
struct BuildContext {
    const BuildOptions& options;
    GeosContext geos;
    SourceTexts sources;
    CountyRegistry registry;
    std::map<std::string, CountyShape> shapes;
    std::vector<std::pair<std::string, std::string>> boundaryMetadata;
    Database* db = nullptr;
    BuildReport report;
    std::unique_ptr<Statement> provenance;
    int provenanceId = 0;

    explicit BuildContext(const BuildOptions& o) : options(o) {}

    std::string path(const std::string& file) const { return options.geodataDir + "/" + file; }
    bool exists(const std::string& file) const { return fs::exists(path(file)); }

    // Binds a geometry (GEOS) as a SpatiaLite blob.
    void bindGeometry(Statement& stmt, int index, const GEOSGeometry* g) const {
        const auto wkb = geos.toWkb(g);
        Geometry parsed = parseWkb(wkb.data(), wkb.size());
        const auto blob = toSpatialiteBlob(parsed, kSrid);
        stmt.bindBlob(index, blob.data(), blob.size());
    }
    void bindPoint(Statement& stmt, int index, double x, double y) const {
        Geometry g;
        g.type = GeometryType::Point;
        g.xy = {x, y};
        g.rings = {0, 1};
        g.parts = {0, 1};
        g.recomputeBounds();
        const auto blob = toSpatialiteBlob(g, kSrid);
        stmt.bindBlob(index, blob.data(), blob.size());
    }

    void addProvenance(const std::string& table, const std::string& id, const std::string& field,
                       const std::string& sourceId, const std::string& quote,
                       const std::string& where) {
        const std::size_t offset = sources.locate(sourceId, quote, where);
        provenance->bind(1, ++provenanceId)
            .bind(2, table)
            .bind(3, id)
            .bindTextOrNull(4, field)
            .bind(5, sourceId)
            .bind(6, quote)
            .bind(7, static_cast<std::int64_t>(offset));
        provenance->run();
    }
};

void requireNonEmpty(const CsvTable& t, const CsvRow& row, const std::vector<std::string>& cols) {
    for (const auto& c : cols)
        if (t.field(row, c).empty())
            throw Error(ErrorKind::Data, "column '" + c + "' must not be empty", t.where(row));
}

// Stable ASCII ids (fact_id, note_id …): letters, digits, '-', '_', '.'.
bool isAsciiId(const std::string& id) {
    if (id.empty()) return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '_' || c == '.';
    });
}

bool rowExists(Database& db, const std::string& sql, const std::string& key) {
    auto stmt = db.prepare(sql);
    stmt.bind(1, key);
    return stmt.step();
}

std::optional<double> parseOptionalNumber(const std::string& text, const std::string& where) {
    if (text.empty()) return std::nullopt;
    const auto v = parseNumber(text);
    if (!v) throw Error(ErrorKind::Data, "'" + text + "' is not a number", where);
    return v;
}

// ------------------------------------------------------------ schema

void createSchema(BuildContext& ctx) {
    Database& db = *ctx.db;
    db.exec(kSchemaSql);
    const std::pair<const char*, const char*> geometryColumns[] = {
        {"province", "MULTIPOLYGON"},
        {"prefectures", "MULTIPOLYGON"},
        {"counties", "MULTIPOLYGON"},
        {"neighbors", "MULTIPOLYGON"},
        {"towns", "POINT"},
        {"layout_elements", "MULTIPOLYGON"},
        {"layout_axes", "LINESTRING"},
        {"parks", "POINT"},
        {"platforms", "POINT"},
    };
    for (const auto& [table, type] : geometryColumns) {
        if (db.queryInt(std::string("SELECT AddGeometryColumn('") + table + "', 'geometry', " +
                        std::to_string(kSrid) + ", '" + type + "', 'XY')") != 1)
            throw Error(ErrorKind::Database, std::string("AddGeometryColumn failed for ") + table);
    }
    ctx.provenance = std::make_unique<Statement>(db.prepare(
        "INSERT INTO provenance (id, subject_table, subject_id, field, source_id, quote, "
        "char_offset) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"));
}

// ------------------------------------------------------------ reference data

void insertSources(BuildContext& ctx) {
    auto stmt = ctx.db->prepare(
        "INSERT INTO sources (id, file, title, sha256, title_en, publisher, publisher_en, date, "
        "kind) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9)");
    for (const auto& [id, s] : ctx.sources.all()) {
        stmt.bind(1, id)
            .bind(2, s.file)
            .bind(3, s.title)
            .bind(4, s.sha256)
            .bindTextOrNull(5, s.titleEn)
            .bindTextOrNull(6, s.publisher)
            .bindTextOrNull(7, s.publisherEn)
            .bindTextOrNull(8, s.date)
            .bind(9, s.kind);
        stmt.run();
    }
}

void insertSimpleTable(BuildContext& ctx, const std::string& file, const std::string& table,
                       const std::vector<std::string>& columns) {
    const CsvTable t = CsvTable::readFile(ctx.path(file));
    t.requireColumns(columns);
    std::string sql = "INSERT INTO " + table + " (";
    std::string params;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        sql += (i ? "," : "") + columns[i];
        params += (i ? ",?" : "?") + std::to_string(i + 1);
    }
    auto stmt = ctx.db->prepare(sql + ") VALUES (" + params + ")");
    for (const auto& row : t.rows()) {
        requireNonEmpty(t, row, {columns.front()});
        for (std::size_t i = 0; i < columns.size(); ++i)
            stmt.bindTextOrNull(static_cast<int>(i + 1), t.field(row, columns[i]));
        try {
            stmt.run();
        } catch (const Error& e) {
            throw Error(ErrorKind::Data, e.message(), t.where(row));
        }
    }
}

// ------------------------------------------------------------ boundaries

void insertBoundaries(BuildContext& ctx) {
    BoundaryLoader loader(ctx.geos, ctx.path("boundary_files.csv"));
    BoundarySet boundaries = loader.load(
        ctx.path("boundary_mapping.csv"), ctx.path("boundaries"),
        ctx.exists("boundaries/neighbors.geojson") ? "neighbors.geojson" : "", ctx.registry);
    ctx.shapes = std::move(boundaries.counties);
    ctx.boundaryMetadata = std::move(boundaries.metadata);
    ctx.report.sourcePolygons = boundaries.stats.sourceFeatures;
    ctx.report.repairedPolygons = boundaries.stats.repairedFeatures;

    auto county = ctx.db->prepare(
        "INSERT INTO counties (adcode, name, prefecture_adcode, prefecture, kind, "
        "boundary_quality, "
        "boundary_note, source_units, label_x, label_y, repaired, geometry) "
        "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)");
    std::map<std::string, std::vector<const GEOSGeometry*>> byPrefecture;
    for (const auto& [adcode, code] : ctx.registry.byCode()) {
        const CountyShape& s = ctx.shapes.at(adcode);
        std::string units;
        for (const auto& u : s.sourceUnits) units += (units.empty() ? "" : "; ") + u;
        county.bind(1, adcode)
            .bind(2, code.name)
            .bind(3, code.prefectureAdcode)
            .bind(4, code.prefecture)
            .bind(5, code.kind)
            .bind(6, s.quality)
            .bindTextOrNull(7, s.note)
            .bind(8, units)
            .bind(9, s.labelX)
            .bind(10, s.labelY)
            .bind(11, s.repaired);
        ctx.bindGeometry(county, 12, s.geometry.get());
        county.run();
        byPrefecture[code.prefectureAdcode].push_back(s.geometry.get());
        ++ctx.report.counties;
    }

    // Prefectures and the province are dissolved from the counties.
    const CsvTable coverage = CsvTable::readFile(ctx.path("prefecture_coverage.csv"));
    coverage.requireColumns({"prefecture", "coverage", "note"});
    std::map<std::string, std::pair<std::string, std::string>> coverageByName;
    for (const auto& row : coverage.rows()) {
        const std::string& name = coverage.field(row, "prefecture");
        const std::string& value = coverage.field(row, "coverage");
        if (!ctx.registry.isPrefecture(name))
            throw Error(ErrorKind::Data, "unknown prefecture '" + name + "'", coverage.where(row));
        if (value != "full" && value != "partial" && value != "none")
            throw Error(ErrorKind::Data, "coverage must be full, partial or none",
                        coverage.where(row));
        coverageByName[name] = {value, coverage.field(row, "note")};
    }
    auto pref = ctx.db->prepare(
        "INSERT INTO prefectures (adcode, name, coverage, coverage_note, geometry) "
        "VALUES (?1,?2,?3,?4,?5)");
    std::vector<GeosGeometryPtr> prefectureShapes;
    std::vector<const GEOSGeometry*> prefectureRefs;
    for (const auto& [adcode, name] : ctx.registry.prefectures()) {
        auto it = coverageByName.find(name);
        if (it == coverageByName.end())
            throw Error(ErrorKind::Data, "prefecture " + name + " has no coverage row",
                        ctx.path("prefecture_coverage.csv"));
        auto merged = ctx.geos.polygonalPart(ctx.geos.unionAll(byPrefecture[adcode]).get());
        pref.bind(1, adcode)
            .bind(2, name)
            .bind(3, it->second.first)
            .bindTextOrNull(4, it->second.second);
        ctx.bindGeometry(pref, 5, merged.get());
        pref.run();
        prefectureRefs.push_back(merged.get());
        prefectureShapes.push_back(std::move(merged));
        ++ctx.report.prefectures;
    }
    auto province = ctx.geos.polygonalPart(ctx.geos.unionAll(prefectureRefs).get());
    auto prov =
        ctx.db->prepare("INSERT INTO province (name, adcode, geometry) VALUES (?1, ?2, ?3)");
    prov.bind(1, "山西省").bind(2, "140000");
    ctx.bindGeometry(prov, 3, province.get());
    prov.run();

    auto nb = ctx.db->prepare("INSERT INTO neighbors (name, geometry) VALUES (?1, ?2)");
    for (const auto& shape : boundaries.neighbors) {
        nb.bind(1, shape.name);
        ctx.bindGeometry(nb, 2, shape.geometry.get());
        nb.run();
    }
}

// Display positions for several points in one county: a small fixed ring
// around the county's label point, shrunk until every point is inside.
std::vector<std::pair<double, double>> spreadPoints(const BuildContext& ctx,
                                                    const std::string& adcode, std::size_t n) {
    const CountyShape& s = ctx.shapes.at(adcode);
    std::vector<std::pair<double, double>> out;
    if (n == 1) return {{s.labelX, s.labelY}};
    for (double radius : {0.05, 0.03, 0.015, 0.007}) {
        out.clear();
        bool inside = true;
        for (std::size_t k = 0; k < n; ++k) {
            const double angle =
                M_PI / 2 + 2 * M_PI * static_cast<double>(k) / static_cast<double>(n);
            // Longitude degrees are shorter at ~37°N: widen x to keep the ring round.
            const double x = s.labelX + radius * std::cos(angle) / std::cos(s.labelY * M_PI / 180);
            const double y = s.labelY + radius * std::sin(angle);
            auto p = ctx.geos.point(x, y);
            if (!ctx.geos.contains(s.geometry.get(), p.get())) inside = false;
            out.emplace_back(x, y);
        }
        if (inside) return out;
    }
    throw Error(ErrorKind::Geometry, "cannot place " + std::to_string(n) + " points inside county",
                adcode);
}

// ------------------------------------------------------------ towns and facts

void insertTowns(BuildContext& ctx) {
    const CsvTable t = CsvTable::readFile(ctx.path("towns.csv"));
    t.requireColumns({"town_id", "name", "name_as_written", "prefecture", "county", "sector",
                      "sector_group", "level", "level_detail", "location_precision", "source_id",
                      "quote", "name_en", "sector_en", "level_detail_en"});
    std::set<std::string> groups;
    {
        auto g = ctx.db->prepare("SELECT sector_group FROM sector_groups");
        while (g.step()) groups.insert(g.columnText(0));
    }
    struct TownRow {
        const CsvRow* row;
        std::string adcode;
    };
    std::vector<TownRow> rows;
    std::map<std::string, std::vector<std::size_t>> byCounty;
    std::set<std::string> ids;
    for (const auto& row : t.rows()) {
        const std::string where = t.where(row);
        requireNonEmpty(
            t, row,
            {"town_id", "name", "name_as_written", "prefecture", "level", "source_id", "quote"});
        if (!t.field(row, "county").empty() && t.field(row, "location_precision").empty())
            throw Error(ErrorKind::Data, "a town with a county needs location_precision", where);
        if (!ids.insert(t.field(row, "town_id")).second)
            throw Error(ErrorKind::Data, "duplicate town_id " + t.field(row, "town_id"), where);
        const std::string& level = t.field(row, "level");
        if (level != "provincial" && level != "municipal" && level != "unknown")
            throw Error(ErrorKind::Data, "level must be provincial, municipal or unknown", where);
        if (!groups.count(t.field(row, "sector_group")))
            throw Error(ErrorKind::Data,
                        "unknown sector_group '" + t.field(row, "sector_group") + "'", where);
        if (!ctx.registry.isPrefecture(t.field(row, "prefecture")))
            throw Error(ErrorKind::Data, "unknown prefecture '" + t.field(row, "prefecture") + "'",
                        where);
        std::string adcode;
        if (!t.field(row, "county").empty())
            adcode = ctx.registry.resolve(t.field(row, "county"), t.field(row, "prefecture"), where)
                         .adcode;
        if (!adcode.empty()) byCounty[adcode].push_back(rows.size());
        rows.push_back(TownRow{&row, adcode});
    }
    std::vector<std::pair<double, double>> positions(rows.size());
    for (const auto& [adcode, idx] : byCounty) {
        auto pts = spreadPoints(ctx, adcode, idx.size());
        for (std::size_t k = 0; k < idx.size(); ++k) positions[idx[k]] = pts[k];
    }
    auto stmt = ctx.db->prepare(
        "INSERT INTO towns (id, name, name_as_written, prefecture, county_adcode, county, sector, "
        "sector_group, level, level_detail, location_precision, source_id, quote, geometry, "
        "name_en, sector_en, level_detail_en, prefecture_adcode) "
        "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18)");
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const CsvRow& row = *rows[i].row;
        const std::string where = t.where(row);
        const std::string& id = t.field(row, "town_id");
        ctx.addProvenance("towns", id, "", t.field(row, "source_id"), t.field(row, "quote"), where);
        const CountyCode* county = ctx.registry.find(rows[i].adcode);
        stmt.bind(1, id)
            .bind(2, t.field(row, "name"))
            .bind(3, t.field(row, "name_as_written"))
            .bind(4, t.field(row, "prefecture"))
            .bindTextOrNull(5, rows[i].adcode)
            .bindTextOrNull(6, county ? county->name : "")
            .bindTextOrNull(7, t.field(row, "sector"))
            .bindTextOrNull(8, t.field(row, "sector_group"))
            .bind(9, t.field(row, "level"))
            .bindTextOrNull(10, t.field(row, "level_detail"))
            .bind(11,
                  rows[i].adcode.empty() ? std::string("none") : t.field(row, "location_precision"))
            .bind(12, t.field(row, "source_id"))
            .bind(13, t.field(row, "quote"))
            .bindTextOrNull(15, t.field(row, "name_en"))
            .bindTextOrNull(16, t.field(row, "sector_en"))
            .bindTextOrNull(17, t.field(row, "level_detail_en"))
            .bind(18, ctx.registry.prefectureAdcode(t.field(row, "prefecture")));
        if (rows[i].adcode.empty())
            stmt.bind(14, nullptr);
        else
            ctx.bindPoint(stmt, 14, positions[i].first, positions[i].second);
        stmt.run();
        ++ctx.report.towns;
    }
}

// Figures (schema v2): each has a stable fact_id, a label saying what its
// sentence measures and of whom, and a scope; a company figure names the
// company. value_text occurs in the quote, the quote in its source.
void insertFacts(BuildContext& ctx) {
    const CsvTable t = CsvTable::readFile(ctx.path("town_facts.csv"));
    t.requireColumns({"fact_id", "town_id", "metric", "label", "label_en", "scope", "company",
                      "value", "value_text", "value_text_en", "unit", "year", "source_id",
                      "quote"});
    auto stmt = ctx.db->prepare(
        "INSERT INTO town_facts (id, town_id, metric, value, value_text, unit, year, source_id, "
        "quote, char_offset, fact_id, label, label_en, scope, company, value_text_en) VALUES "
        "(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16)");
    static const std::set<std::string> kScopes = {"town", "county", "company", "city", "province"};
    std::set<std::string> factIds;
    int id = 0;
    for (const auto& row : t.rows()) {
        const std::string where = t.where(row);
        requireNonEmpty(t, row,
                        {"fact_id", "town_id", "metric", "label", "label_en", "scope", "value_text",
                         "source_id", "quote"});
        const std::string& factId = t.field(row, "fact_id");
        if (!isAsciiId(factId))
            throw Error(ErrorKind::Data, "fact_id '" + factId + "' is not a short ASCII id", where);
        if (!factIds.insert(factId).second)
            throw Error(ErrorKind::Data, "duplicate fact_id " + factId, where);
        const std::string& scope = t.field(row, "scope");
        if (!kScopes.count(scope))
            throw Error(ErrorKind::Data,
                        "unknown scope '" + scope + "' (town, county, company, city or province)",
                        where);
        const std::string& company = t.field(row, "company");
        if ((scope == "company") != !company.empty())
            throw Error(ErrorKind::Data,
                        scope == "company" ? "a company figure needs its company"
                                           : "company is given only when scope is company",
                        where);
        if (!rowExists(*ctx.db, "SELECT 1 FROM towns WHERE id = ?1", t.field(row, "town_id")))
            throw Error(ErrorKind::Data, "unknown town_id '" + t.field(row, "town_id") + "'",
                        where);
        if (!rowExists(*ctx.db, "SELECT 1 FROM metrics WHERE metric = ?1", t.field(row, "metric")))
            throw Error(ErrorKind::Data, "unknown metric '" + t.field(row, "metric") + "'", where);
        const std::string& quote = t.field(row, "quote");
        if (quote.find(t.field(row, "value_text")) == std::string::npos)
            throw Error(ErrorKind::Data,
                        "value_text '" + t.field(row, "value_text") + "' is not in its quote",
                        where);
        const std::size_t offset = ctx.sources.locate(t.field(row, "source_id"), quote, where);
        const auto value = parseOptionalNumber(t.field(row, "value"), where);
        // Without a single number the English interface cannot form the value
        // from number and unit: it needs the phrase in English.
        if (!value && t.field(row, "value_text_en").empty())
            throw Error(ErrorKind::Data,
                        "a figure without a value needs value_text_en (the phrase in English)",
                        where);
        const auto year = parseOptionalNumber(t.field(row, "year"), where);
        stmt.bind(1, ++id)
            .bind(2, t.field(row, "town_id"))
            .bind(3, t.field(row, "metric"))
            .bindOptional(4, value)
            .bind(5, t.field(row, "value_text"))
            .bindTextOrNull(6, t.field(row, "unit"))
            .bindOptional(7, year)
            .bind(8, t.field(row, "source_id"))
            .bind(9, quote)
            .bind(10, static_cast<std::int64_t>(offset))
            .bind(11, factId)
            .bind(12, t.field(row, "label"))
            .bind(13, t.field(row, "label_en"))
            .bind(14, scope)
            .bindTextOrNull(15, company)
            .bindTextOrNull(16, t.field(row, "value_text_en"));
        try {
            stmt.run();
        } catch (const Error& e) {
            throw Error(ErrorKind::Data, e.message(), where);
        }
        ++ctx.report.facts;
    }
}

void insertExtraProvenance(BuildContext& ctx, const std::string& file) {
    if (!ctx.exists(file)) return;
    const CsvTable t = CsvTable::readFile(ctx.path(file));
    t.requireColumns({"subject_table", "subject_id", "field", "source_id", "quote"});
    for (const auto& row : t.rows()) {
        requireNonEmpty(t, row, {"subject_table", "subject_id", "source_id", "quote"});
        const std::string& table = t.field(row, "subject_table");
        static const std::set<std::string> allowed = {"towns",     "parks",           "platforms",
                                                      "projects",  "layout_elements", "town_facts",
                                                      "doc_counts"};
        if (!allowed.count(table))
            throw Error(ErrorKind::Data, "unknown subject_table '" + table + "'", t.where(row));
        if (table != "town_facts") {
            auto exists = ctx.db->prepare("SELECT 1 FROM \"" + table + "\" WHERE id = ?1");
            exists.bind(1, t.field(row, "subject_id"));
            if (!exists.step())
                throw Error(ErrorKind::Data,
                            "unknown " + table + " id '" + t.field(row, "subject_id") + "'",
                            t.where(row));
        }
        ctx.addProvenance(table, t.field(row, "subject_id"), t.field(row, "field"),
                          t.field(row, "source_id"), t.field(row, "quote"), t.where(row));
    }
}

// The row a note is attached to must exist: each note explains something a
// planner sees (a town, a figure, a county, a park …).
bool noteSubjectExists(Database& db, const std::string& table, const std::string& id) {
    static const std::map<std::string, std::string> kKeys = {
        {"towns", "id"},           {"town_facts", "fact_id"}, {"counties", "adcode"},
        {"prefectures", "adcode"}, {"parks", "id"},           {"platforms", "id"},
        {"projects", "id"},        {"layout_elements", "id"}, {"sources", "id"},
        {"doc_counts", "id"}};
    auto it = kKeys.find(table);
    if (it == kKeys.end()) return false;
    return rowExists(db, "SELECT 1 FROM \"" + table + "\" WHERE " + it->second + " = ?1", id);
}

void insertNotes(BuildContext& ctx, const std::string& file) {
    if (!ctx.exists(file)) return;
    const CsvTable t = CsvTable::readFile(ctx.path(file));
    t.requireColumns({"note_id", "subject_table", "subject_id", "kind", "note", "note_en",
                      "related_fact_id", "source_id"});
    auto stmt = ctx.db->prepare(
        "INSERT INTO data_notes (id, subject_table, subject_id, note, source_id, note_en, kind, "
        "related_fact_id) VALUES (?1,?2,?3,?4,?5,?6,?7,?8)");
    static const std::set<std::string> kKinds = {"conflict",  "doubt",    "garbled",
                                                 "placement", "coverage", "boundary",
                                                 "scope",     "method",   "source"};
    for (const auto& row : t.rows()) {
        const std::string where = t.where(row);
        requireNonEmpty(t, row, {"note_id", "subject_table", "subject_id", "kind", "note"});
        const std::string& kind = t.field(row, "kind");
        if (!kKinds.count(kind))
            throw Error(ErrorKind::Data, "unknown note kind '" + kind + "'", where);
        const std::string& table = t.field(row, "subject_table");
        const std::string& subject = t.field(row, "subject_id");
        if (!noteSubjectExists(*ctx.db, table, subject)) {
            std::string message = "note attached to nothing: no ";
            message.append(table).append(" row '").append(subject).append("'");
            throw Error(ErrorKind::Data, message, where);
        }
        const std::string& related = t.field(row, "related_fact_id");
        // A conflict between two figures names the other document's figure; a
        // conflict about a town's level or name has no figure to name.
        if (kind == "conflict" && table == "town_facts" && related.empty())
            throw Error(ErrorKind::Data,
                        "a conflict note on a figure names the other reading's fact "
                        "(related_fact_id)",
                        where);
        if (kind != "conflict" && !related.empty())
            throw Error(ErrorKind::Data, "related_fact_id is for conflict notes only", where);
        if (!related.empty() &&
            !rowExists(*ctx.db, "SELECT 1 FROM town_facts WHERE fact_id = ?1", related))
            throw Error(ErrorKind::Data, "unknown related_fact_id '" + related + "'", where);
        std::stringstream ids(t.field(row, "source_id"));
        std::string sid;
        while (std::getline(ids, sid, ';'))
            if (!sid.empty() && !ctx.sources.has(sid))
                throw Error(ErrorKind::Data, "unknown source_id '" + sid + "'", where);
        stmt.bind(1, t.field(row, "note_id"))
            .bind(2, table)
            .bind(3, subject)
            .bind(4, t.field(row, "note"))
            .bindTextOrNull(5, t.field(row, "source_id"))
            .bindTextOrNull(6, t.field(row, "note_en"))
            .bind(7, kind)
            .bindTextOrNull(8, related);
        try {
            stmt.run();
        } catch (const Error& e) {
            throw Error(ErrorKind::Data, "duplicate note_id or bad row: " + e.message(), where);
        }
        ++ctx.report.notes;
    }
}

// English names of counties and prefectures, the prefectures' coverage notes
// in English, and the planner-facing boundary notes (boundary_notes.csv,
// Chinese and English), written over the rows the boundary stage made.
void insertPlaceTexts(BuildContext& ctx) {
    {
        const CsvTable t = CsvTable::readFile(ctx.path("county_codes.csv"));
        t.requireColumns({"adcode", "name_en"});
        auto stmt = ctx.db->prepare("UPDATE counties SET name_en = ?2 WHERE adcode = ?1");
        for (const auto& row : t.rows()) {
            stmt.bind(1, t.field(row, "adcode")).bindTextOrNull(2, t.field(row, "name_en"));
            stmt.run();
        }
    }
    {
        const CsvTable t = CsvTable::readFile(ctx.path("prefecture_coverage.csv"));
        t.requireColumns({"prefecture", "name_en", "note_en"});
        auto stmt = ctx.db->prepare(
            "UPDATE prefectures SET name_en = ?2, coverage_note_en = ?3 WHERE name = ?1");
        for (const auto& row : t.rows()) {
            stmt.bind(1, t.field(row, "prefecture"))
                .bindTextOrNull(2, t.field(row, "name_en"))
                .bindTextOrNull(3, t.field(row, "note_en"));
            stmt.run();
        }
    }
    if (!ctx.exists("boundary_notes.csv")) return;
    const CsvTable t = CsvTable::readFile(ctx.path("boundary_notes.csv"));
    t.requireColumns({"adcode", "note", "note_en"});
    std::set<std::string> seen;
    for (const auto& row : t.rows()) {
        const std::string where = t.where(row);
        requireNonEmpty(t, row, {"adcode", "note", "note_en"});
        const std::string& adcode = t.field(row, "adcode");
        if (!seen.insert(adcode).second)
            throw Error(ErrorKind::Data, "two boundary notes for " + adcode, where);
        if (!rowExists(*ctx.db, "SELECT 1 FROM counties WHERE adcode = ?1", adcode))
            throw Error(ErrorKind::Data, "boundary note for unknown county " + adcode, where);
        auto stmt = ctx.db->prepare(
            "UPDATE counties SET boundary_note = ?2, boundary_note_en = ?3 WHERE adcode = ?1");
        stmt.bind(1, adcode).bind(2, t.field(row, "note")).bind(3, t.field(row, "note_en"));
        stmt.run();
    }
}

void insertDocCounts(BuildContext& ctx) {
    const CsvTable t = CsvTable::readFile(ctx.path("doc_counts.csv"));
    t.requireColumns(
        {"count_id", "scope", "level", "count", "what", "what_en", "source_id", "quote"});
    auto stmt = ctx.db->prepare(
        "INSERT INTO doc_counts (id, scope, level, count, what, source_id, quote, what_en) VALUES "
        "(?1,?2,?3,?4,?5,?6,?7,?8)");
    for (const auto& row : t.rows()) {
        const std::string where = t.where(row);
        requireNonEmpty(t, row, {"count_id", "scope", "level", "count", "source_id", "quote"});
        ctx.sources.locate(t.field(row, "source_id"), t.field(row, "quote"), where);
        const auto count = parseOptionalNumber(t.field(row, "count"), where);
        stmt.bind(1, t.field(row, "count_id"))
            .bind(2, t.field(row, "scope"))
            .bind(3, t.field(row, "level"))
            .bind(4, static_cast<std::int64_t>(*count))
            .bindTextOrNull(5, t.field(row, "what"))
            .bind(6, t.field(row, "source_id"))
            .bind(7, t.field(row, "quote"))
            .bindTextOrNull(8, t.field(row, "what_en"));
        stmt.run();
    }
}

// ------------------------------------------------------------ Datong layout

// Resolves a county for a park/platform/project: Datong-plan rows name
// Datong's counties; a "prefecture/county" form disambiguates elsewhere.
std::string resolveCountyField(const BuildContext& ctx, const std::string& value,
                               const std::string& where) {
    if (value.empty()) return {};
    const auto slash = value.find('/');
    if (slash != std::string::npos)
        return ctx.registry.resolve(value.substr(slash + 1), value.substr(0, slash), where).adcode;
    return ctx.registry.resolve(value, "", where).adcode;
}

void insertLayout(BuildContext& ctx) {
    if (!ctx.exists("layout_elements.csv")) return;
    const CsvTable t = CsvTable::readFile(ctx.path("layout_elements.csv"));
    t.requireColumns({"element_id", "kind", "name", "description", "anchors", "source_id", "quote",
                      "name_en", "description_en"});
    auto element = ctx.db->prepare(
        "INSERT INTO layout_elements (id, kind, name, description, anchors, geometry, name_en, "
        "description_en) VALUES (?1,?2,?3,?4,?5,?6,?7,?8)");
    auto axis =
        ctx.db->prepare("INSERT INTO layout_axes (id, kind, name, geometry) VALUES (?1,?2,?3,?4)");
    for (const auto& row : t.rows()) {
        const std::string where = t.where(row);
        requireNonEmpty(t, row, {"element_id", "kind", "name", "anchors", "source_id", "quote"});
        const std::string& id = t.field(row, "element_id");
        const std::string& kind = t.field(row, "kind");
        if (kind != "corridor" && kind != "core" && kind != "belt")
            throw Error(ErrorKind::Data, "kind must be corridor, core or belt", where);
        std::vector<std::pair<double, double>> pts;
        std::stringstream anchors(t.field(row, "anchors"));
        std::string name;
        while (std::getline(anchors, name, ';')) {
            if (name.empty()) continue;
            const std::string adcode = resolveCountyField(ctx, name, where);
            const CountyShape& s = ctx.shapes.at(adcode);
            pts.emplace_back(s.labelX, s.labelY);
        }
        // Schematic shapes: a band along the anchors (corridor, belt) or a
        // disc around them (core). Widths are display choices, not data.
        GeosGeometryPtr shape;
        if (pts.size() >= 2) {
            auto line = ctx.geos.lineString(pts);
            shape = ctx.geos.buffer(line.get(), kind == "corridor" ? 0.06 : 0.045, 8);
            axis.bind(1, id).bind(2, kind).bind(3, t.field(row, "name"));
            ctx.bindGeometry(axis, 4, line.get());
            axis.run();
        } else if (pts.size() == 1) {
            auto p = ctx.geos.point(pts[0].first, pts[0].second);
            shape = ctx.geos.buffer(p.get(), 0.08, 16);
        } else {
            throw Error(ErrorKind::Data, "anchors name no county", where);
        }
        auto poly = ctx.geos.polygonalPart(shape.get());
        ctx.addProvenance("layout_elements", id, "", t.field(row, "source_id"),
                          t.field(row, "quote"), where);
        element.bind(1, id)
            .bind(2, kind)
            .bind(3, t.field(row, "name"))
            .bindTextOrNull(4, t.field(row, "description"))
            .bind(5, t.field(row, "anchors"))
            .bindTextOrNull(7, t.field(row, "name_en"))
            .bindTextOrNull(8, t.field(row, "description_en"));
        ctx.bindGeometry(element, 6, poly.get());
        element.run();
        ++ctx.report.layoutElements;
    }
}

// Parks and platforms get a point only where their county is known: spread
// around the county label point, offset from the towns' ring.
template <typename Insert>
void placeByCounty(const BuildContext& ctx, const CsvTable& t, const std::string& idColumn,
                   Insert insert) {
    std::map<std::string, std::vector<const CsvRow*>> byCounty;
    std::vector<std::pair<const CsvRow*, std::string>> rows;
    for (const auto& row : t.rows()) {
        const std::string adcode = resolveCountyField(ctx, t.field(row, "county"), t.where(row));
        rows.emplace_back(&row, adcode);
        if (!adcode.empty()) byCounty[adcode].push_back(&row);
    }
    std::map<const CsvRow*, std::pair<double, double>> positions;
    for (const auto& [adcode, list] : byCounty) {
        // Rotate by half a step relative to towns so symbols do not coincide.
        auto pts = spreadPoints(ctx, adcode, list.size() + 1);
        for (std::size_t k = 0; k < list.size(); ++k) positions[list[k]] = pts[k + 1];
    }
    (void)idColumn;
    for (const auto& [row, adcode] : rows) {
        auto it = positions.find(row);
        insert(*row, adcode, it == positions.end() ? nullptr : &it->second);
    }
}

// The plan's eight industries, for thematic colouring; `industry` keeps the
// text as written ("新材料产业", "战略性新兴产业" …).
std::string industryGroup(const std::string& industry) {
    static const char* kIndustries[] = {"新材料",       "新能源汽车", "新能源",   "生物医药",
                                        "高端装备制造", "通用航空",   "节能环保", "新一代信息技术"};
    std::string stem = industry;
    const std::string suffix = "产业";
    if (stem.size() > suffix.size() &&
        stem.compare(stem.size() - suffix.size(), suffix.size(), suffix) == 0)
        stem.resize(stem.size() - suffix.size());
    for (const char* name : kIndustries)
        if (stem == name) return stem;
    return industry.empty() ? "未说明" : "综合";
}

void insertParks(BuildContext& ctx) {
    if (!ctx.exists("parks.csv")) return;
    const CsvTable t = CsvTable::readFile(ctx.path("parks.csv"));
    t.requireColumns({"park_id", "name", "industry", "layout_kind", "county", "location_precision",
                      "source_id", "quote", "name_en", "industry_en"});
    auto stmt = ctx.db->prepare(
        "INSERT INTO parks (id, name, industry, layout_kind, county_adcode, county, "
        "location_precision, "
        "geometry, industry_group, name_en, industry_en) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,"
        "?11)");
    placeByCounty(
        ctx, t, "park_id",
        [&](const CsvRow& row, const std::string& adcode, const std::pair<double, double>* pos) {
            const std::string where = t.where(row);
            requireNonEmpty(t, row, {"park_id", "name", "source_id", "quote"});
            const std::string& lk = t.field(row, "layout_kind");
            if (!lk.empty() && lk != "corridor" && lk != "core" && lk != "belt")
                throw Error(ErrorKind::Data, "layout_kind must be corridor, core, belt or empty",
                            where);
            const std::string& id = t.field(row, "park_id");
            ctx.addProvenance("parks", id, "", t.field(row, "source_id"), t.field(row, "quote"),
                              where);
            const CountyCode* county = ctx.registry.find(adcode);
            stmt.bind(1, id)
                .bind(2, t.field(row, "name"))
                .bindTextOrNull(3, t.field(row, "industry"))
                .bindTextOrNull(4, lk)
                .bindTextOrNull(5, adcode)
                .bindTextOrNull(6, county ? county->name : "")
                .bind(7, pos ? std::string("county") : std::string("none"))
                .bind(9, industryGroup(t.field(row, "industry")))
                .bindTextOrNull(10, t.field(row, "name_en"))
                .bindTextOrNull(11, t.field(row, "industry_en"));
            if (pos)
                ctx.bindPoint(stmt, 8, pos->first, pos->second);
            else
                stmt.bind(8, nullptr);
            try {
                stmt.run();
            } catch (const Error& e) {
                throw Error(ErrorKind::Data, e.message(), where);
            }
            ++ctx.report.parks;
        });
}

void insertPlatforms(BuildContext& ctx) {
    if (!ctx.exists("platforms.csv")) return;
    const CsvTable t = CsvTable::readFile(ctx.path("platforms.csv"));
    t.requireColumns(
        {"platform_id", "name", "kind", "county", "source_id", "quote", "name_en", "kind_en"});
    auto stmt = ctx.db->prepare(
        "INSERT INTO platforms (id, name, kind, county_adcode, county, location_precision, "
        "geometry, name_en, kind_en) "
        "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9)");
    placeByCounty(
        ctx, t, "platform_id",
        [&](const CsvRow& row, const std::string& adcode, const std::pair<double, double>* pos) {
            const std::string where = t.where(row);
            requireNonEmpty(t, row, {"platform_id", "name", "source_id", "quote"});
            const std::string& id = t.field(row, "platform_id");
            ctx.addProvenance("platforms", id, "", t.field(row, "source_id"), t.field(row, "quote"),
                              where);
            const CountyCode* county = ctx.registry.find(adcode);
            stmt.bind(1, id)
                .bind(2, t.field(row, "name"))
                .bindTextOrNull(3, t.field(row, "kind"))
                .bindTextOrNull(4, adcode)
                .bindTextOrNull(5, county ? county->name : "")
                .bind(6, pos ? std::string("county") : std::string("none"))
                .bindTextOrNull(8, t.field(row, "name_en"))
                .bindTextOrNull(9, t.field(row, "kind_en"));
            if (pos)
                ctx.bindPoint(stmt, 7, pos->first, pos->second);
            else
                stmt.bind(7, nullptr);
            try {
                stmt.run();
            } catch (const Error& e) {
                throw Error(ErrorKind::Data, e.message(), where);
            }
            ++ctx.report.platforms;
        });
}

void insertProjects(BuildContext& ctx) {
    if (!ctx.exists("projects.csv")) return;
    const CsvTable t = CsvTable::readFile(ctx.path("projects.csv"));
    t.requireColumns({"project_id", "name", "industry", "builder", "content", "investment",
                      "investment_text", "investment_unit", "county", "source_id", "quote",
                      "name_en", "industry_en", "content_en"});
    auto stmt = ctx.db->prepare(
        "INSERT INTO projects (id, name, industry, builder, content, investment, investment_text, "
        "investment_unit, county_adcode, county, source_id, quote, name_en, industry_en, "
        "content_en) VALUES "
        "(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15)");
    for (const auto& row : t.rows()) {
        const std::string where = t.where(row);
        requireNonEmpty(t, row, {"project_id", "name", "source_id", "quote"});
        const std::string& id = t.field(row, "project_id");
        const std::string& quote = t.field(row, "quote");
        const std::string& invText = t.field(row, "investment_text");
        if (!invText.empty() && quote.find(invText) == std::string::npos)
            throw Error(ErrorKind::Data, "investment_text '" + invText + "' is not in its quote",
                        where);
        ctx.addProvenance("projects", id, "", t.field(row, "source_id"), quote, where);
        const std::string adcode = resolveCountyField(ctx, t.field(row, "county"), where);
        const CountyCode* county = ctx.registry.find(adcode);
        stmt.bind(1, id)
            .bind(2, t.field(row, "name"))
            .bindTextOrNull(3, t.field(row, "industry"))
            .bindTextOrNull(4, t.field(row, "builder"))
            .bindTextOrNull(5, t.field(row, "content"))
            .bindOptional(6, parseOptionalNumber(t.field(row, "investment"), where))
            .bindTextOrNull(7, invText)
            .bindTextOrNull(8, t.field(row, "investment_unit"))
            .bindTextOrNull(9, adcode)
            .bindTextOrNull(10, county ? county->name : "")
            .bind(11, t.field(row, "source_id"))
            .bind(12, quote)
            .bindTextOrNull(13, t.field(row, "name_en"))
            .bindTextOrNull(14, t.field(row, "industry_en"))
            .bindTextOrNull(15, t.field(row, "content_en"));
        try {
            stmt.run();
        } catch (const Error& e) {
            throw Error(ErrorKind::Data, e.message(), where);
        }
        ++ctx.report.projects;
    }
}

// ------------------------------------------------------------ finishing

void createViews(BuildContext& ctx) {
    Database& db = *ctx.db;
    // A town belongs to its prefecture even when the text gives no county
    // (大同经开区医药专业镇): count by the town's prefecture, not its county.
    db.exec(
        "UPDATE prefectures SET town_count = (SELECT count(*) FROM towns t "
        "WHERE t.prefecture = prefectures.name)");
    db.exec(
        "CREATE VIEW v_counties_thematic AS SELECT c.rowid AS rowid, c.adcode, c.name, "
        "c.prefecture_adcode, c.prefecture, c.kind, c.boundary_quality, p.coverage, "
        "(SELECT count(*) FROM towns t WHERE t.county_adcode = c.adcode) AS town_count, "
        "(SELECT count(*) FROM towns t WHERE t.county_adcode = c.adcode AND t.level = "
        "'provincial') "
        "AS provincial_count, "
        "(SELECT count(*) FROM towns t WHERE t.county_adcode = c.adcode AND t.level = 'municipal') "
        "AS municipal_count, c.geometry "
        "FROM counties c JOIN prefectures p ON p.adcode = c.prefecture_adcode");
    db.exec(
        "INSERT INTO views_geometry_columns (view_name, view_geometry, view_rowid, f_table_name, "
        "f_geometry_column, read_only) VALUES ('v_counties_thematic', 'geometry', 'rowid', "
        "'counties', 'geometry', 1)");
    for (const char* table : {"province", "prefectures", "counties", "neighbors", "towns",
                              "layout_elements", "layout_axes", "parks", "platforms"}) {
        if (db.queryInt(std::string("SELECT CreateSpatialIndex('") + table + "', 'geometry')") != 1)
            throw Error(ErrorKind::Database, std::string("CreateSpatialIndex failed for ") + table);
    }
    db.exec("SELECT UpdateLayerStatistics()");
}

std::string computeDataVersion(const BuildContext& ctx) {
    // Hash of every geodata input file (sorted by path) and the sources.
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(ctx.options.geodataDir))
        if (entry.is_regular_file()) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const auto& f : files) {
        const std::string rel = fs::relative(f, ctx.options.geodataDir).string();
        hash.addData(QByteArray::fromStdString(rel));
        hash.addData(QByteArray::fromStdString(readFileBytes(f.string())));
    }
    for (const auto& [id, s] : ctx.sources.all()) hash.addData(QByteArray::fromStdString(s.sha256));
    return hash.result().toHex().left(12).toStdString();
}

void insertMetadata(BuildContext& ctx) {
    auto stmt = ctx.db->prepare("INSERT INTO metadata (key, value) VALUES (?1, ?2)");
    auto put = [&](const std::string& k, const std::string& v) {
        stmt.bind(1, k).bind(2, v);
        stmt.run();
    };
    ctx.report.dataVersion = computeDataVersion(ctx);
    put("data_version", ctx.report.dataVersion);
    put("schema_version", kSchemaVersion);
    put("crs", "EPSG:4326");
    put("crs_note",
        "Geometries are stored as EPSG:4326 (WGS 84), converted from the sources' GCJ-02 (see "
        "datum_conversion). CGCS2000 (EPSG:4490) coordinates are treated as identical: the "
        "difference is below a metre, far under the boundaries' generalisation.");
    put("boundary_precision",
        "County boundaries are generalised web-map outlines (DataV format; geodata/SOURCES.md "
        "compares them with a second source) and are not surveyed: maps made from them are "
        "schematic (示意图) and need review (审图号) before publication.");
    for (const auto& [key, value] : ctx.boundaryMetadata) put(key, value);
    put("town_placement",
        "Town points are display positions at their county's label point (location_precision = "
        "county), not the town's location.");
    for (const auto& [id, s] : ctx.sources.all()) put("source_sha256:" + s.file, s.sha256);
    if (ctx.exists("packages.csv")) {
        const CsvTable t = CsvTable::readFile(ctx.path("packages.csv"));
        t.requireColumns({"package", "version", "integrity", "licence"});
        for (const auto& row : t.rows())
            put("package:" + t.field(row, "package"), t.field(row, "version") + " " +
                                                          t.field(row, "integrity") + " (" +
                                                          t.field(row, "licence") + ")");
    }
    put("counts", std::to_string(ctx.report.counties) + " counties, " +
                      std::to_string(ctx.report.towns) + " towns, " +
                      std::to_string(ctx.report.facts) + " figures");
}

}  // namespace

BuildReport buildDatabase(const BuildOptions& options) {
    BuildContext ctx(options);
    if (!fs::is_directory(options.geodataDir))
        throw Error(ErrorKind::Io, "geodata directory does not exist", options.geodataDir);
    if (!fs::is_directory(options.seedsDir))
        throw Error(ErrorKind::Io, "seeds directory does not exist", options.seedsDir);
    ctx.sources.load(ctx.path("sources.csv"), options.seedsDir);
    ctx.registry.load(ctx.path("county_codes.csv"));

    if (!fs::path(options.outputPath).parent_path().empty())
        fs::create_directories(fs::path(options.outputPath).parent_path());
    AtomicFile output(options.outputPath);
    {
        Database db = Database::open(output.tempPath(), Database::Mode::Create);
        db.loadSpatialite();
        db.exec("PRAGMA journal_mode = OFF");
        db.exec("PRAGMA synchronous = OFF");
        // InitSpatialMetadata runs its own transaction: before ours.
        if (db.queryInt("SELECT InitSpatialMetadata(1)") != 1)
            throw Error(ErrorKind::Database, "InitSpatialMetadata failed");
        ctx.db = &db;
        {
            Transaction tx(db);
            createSchema(ctx);
            insertSources(ctx);
            insertSimpleTable(ctx, "sector_groups.csv", "sector_groups",
                              {"sector_group", "label_en", "description", "description_en"});
            insertSimpleTable(ctx, "metrics.csv", "metrics", {"metric", "label_zh", "label_en"});
            insertBoundaries(ctx);
            insertTowns(ctx);
            insertFacts(ctx);
            insertLayout(ctx);
            insertParks(ctx);
            insertPlatforms(ctx);
            insertProjects(ctx);
            insertExtraProvenance(ctx, "provenance.csv");
            insertExtraProvenance(ctx, "provenance_plan.csv");
            insertPlaceTexts(ctx);
            insertDocCounts(ctx);
            insertNotes(ctx, "data_notes.csv");
            insertNotes(ctx, "data_notes_plan.csv");
            createViews(ctx);
            insertMetadata(ctx);
            buildGeometryStore(db, ctx.report.dataVersion, defaultStoreRelations());
            ctx.provenance.reset();
            tx.commit();
        }
        db.exec("VACUUM");
        ctx.db = nullptr;
    }
    output.commit();
    return ctx.report;
}

}  // namespace jinmap::builder
