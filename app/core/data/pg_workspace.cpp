#include "data/pg_workspace.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <initializer_list>
#include <map>
#include <optional>
#include <set>

#include "base/error.h"
#include "data/connection.h"
#include "data/geometry.h"
#include "data/pg_connection.h"
#include "data/workspace.h"

namespace jinmap::data {

// Defined in the generated pg_schema_sql.cpp (sql/postgis_schema_v1.sql).
extern const char* const kPostgisSchemaV1;

namespace fs = std::filesystem;

namespace {

// Removes a file on scope exit unless kept.
struct FileCleanup {
    fs::path path;
    bool keep = false;
    FileCleanup(const FileCleanup&) = delete;
    FileCleanup& operator=(const FileCleanup&) = delete;
    ~FileCleanup() {
        std::error_code e;
        if (!keep && !path.empty()) fs::remove(path, e);
    }
};

struct PgColumn {
    std::string name;
    bool geometry = false;
    bool identity = false;
};

std::vector<PgColumn> pgColumns(Connection& pg, const std::string& table) {
    // pg_catalog rather than information_schema.columns: the same answer in
    // ~2 ms instead of 15-50 ms, asked once per table on every pull/refresh.
    auto q = pg.prepare(
        "SELECT a.attname::text, t.typname::text, CASE WHEN a.attidentity <> '' THEN 'YES' "
        "ELSE 'NO' END FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN "
        "pg_namespace n ON n.oid = c.relnamespace JOIN pg_type t ON t.oid = a.atttypid WHERE "
        "n.nspname = 'jinmap' AND c.relname = ?1 AND a.attnum > 0 AND NOT a.attisdropped ORDER "
        "BY a.attnum");
    q->bind(1, table);
    std::vector<PgColumn> out;
    while (q->step())
        out.push_back(
            {q->columnText(0), q->columnText(1) == "geometry", q->columnText(2) == "YES"});
    if (out.empty())
        throw Error(ErrorKind::Schema, "the jinmap schema has no table " + table, pg.describe());
    return out;
}

std::set<std::string> sqliteColumns(Connection& db, const std::string& table) {
    auto q = db.prepare("SELECT name FROM pragma_table_info(?1)");
    q->bind(1, table);
    std::set<std::string> out;
    while (q->step()) out.insert(q->columnText(0));
    if (out.empty()) throw Error(ErrorKind::Schema, "no table " + table, db.describe());
    return out;
}

std::string identityColumn(const std::vector<PgColumn>& columns) {
    for (const auto& c : columns)
        if (c.identity) return c.name;
    return {};
}

std::string cat(std::initializer_list<std::string_view> parts) {
    std::string out;
    for (const auto p : parts) out += p;
    return out;
}

// The change log's subject_id column of a table (as the Workspace keys it).
const char* subjectKey(const std::string& table) {
    if (table == "town_facts") return "fact_id";
    if (table == "source_texts") return "source_id";
    return "id";
}

std::string placeholder(int index) {
    return "?" + std::to_string(index);
}

// Binds column `from` of a row to parameter `to`, keeping its storage class.
void copyValue(const Query& from, int column, Query& to, int index) {
    switch (from.columnKind(column)) {
        case 'i':
            to.bind(index, from.columnInt64(column));
            break;
        case 'r':
            to.bind(index, from.columnDouble(column));
            break;
        case 't':
            to.bind(index, from.columnText(column));
            break;
        case 'b': {
            auto [data, size] = from.columnBlob(column);
            to.bindBlob(index, data, size);
            break;
        }
        default:
            to.bind(index, nullptr);
    }
}

std::int64_t count(Connection& c, const std::string& sql) {
    return c.queryInt(sql);
}

// Copies the server's rows of `table` (all, or the one whose key is *keyValue)
// into the SQLite file, row ids and geometry blobs as the SpatiaLite side keeps them.
std::int64_t copyServerRows(Connection& pg, Connection& sqlite, const std::string& table,
                            const std::string* keyValue) {
    const auto columns = pgColumns(pg, table);
    const auto local = sqliteColumns(sqlite, table);
    std::string select, insertColumns, values;
    std::vector<bool> geometry;
    int index = 0;
    std::set<std::string> placed;
    for (const auto& c : columns) {
        std::string into;
        if (c.name == "sqlite_rowid")
            into = "rowid";
        else if (local.count(c.name))
            into = "\"" + c.name + "\"";
        else
            throw Error(ErrorKind::Schema,
                        cat({"column ", table, ".", c.name,
                             " of the server has no place in the local workspace (update jinmap)"}),
                        pg.describe());
        placed.insert(c.name);
        select += select.empty() ? "" : ", ";
        select += c.geometry ? cat({"ST_AsBinary(", c.name, ")"}) : c.name;
        insertColumns += insertColumns.empty() ? "" : ", ";
        insertColumns += into;
        values += values.empty() ? "" : ", ";
        values += placeholder(++index);
        geometry.push_back(c.geometry);
    }
    for (const auto& l : local)
        if (!placed.count(l))
            throw Error(ErrorKind::Schema,
                        cat({"column ", table, ".", l, " is missing on the server"}),
                        pg.describe());
    const std::string order = identityColumn(columns);
    std::string sql = cat({"SELECT ", select, " FROM jinmap.", table});
    if (keyValue) sql += cat({" WHERE ", subjectKey(table), " = ?1"});
    if (!order.empty()) sql += " ORDER BY " + order;
    auto read = pg.prepare(sql);
    if (keyValue) read->bind(1, *keyValue);
    auto write = sqlite.prepare(
        cat({"INSERT INTO main.\"", table, "\" (", insertColumns, ") VALUES (", values, ")"}));
    std::int64_t rows = 0;
    while (read->step()) {
        for (int i = 0; i < index; ++i) {
            if (geometry[static_cast<std::size_t>(i)] && !read->isNull(i)) {
                const auto blob = toSpatialiteBlob(read->columnGeometry(i), 4326);
                write->bindBlob(i + 1, blob.data(), blob.size());
            } else {
                copyValue(*read, i, *write, i + 1);
            }
        }
        write->run();
        ++rows;
    }
    return rows;
}

}  // namespace

std::string_view postgisSchemaSql(int version) {
    if (version == 1) return kPostgisSchemaV1;
    throw Error(ErrorKind::Schema,
                "no PostGIS schema migration to version " + std::to_string(version));
}

const std::vector<std::string>& workspaceCopyTables() {
    static const std::vector<std::string> tables = {"sources",
                                                    "source_texts",
                                                    "metadata",
                                                    "province",
                                                    "prefectures",
                                                    "counties",
                                                    "neighbors",
                                                    "sector_groups",
                                                    "metrics",
                                                    "towns",
                                                    "town_facts",
                                                    "data_notes",
                                                    "provenance",
                                                    "doc_counts",
                                                    "layout_elements",
                                                    "layout_axes",
                                                    "parks",
                                                    "platforms",
                                                    "projects",
                                                    "geometry_store_levels",
                                                    "geometry_store_relations",
                                                    "change_log",
                                                    "workspace_meta"};
    return tables;
}

int postgisSchemaVersion(PgConnection& connection) {
    if (!connection.hasTable("jinmap.schema_migrations")) return 0;
    return static_cast<int>(
        connection.queryInt("SELECT coalesce(max(version), 0) FROM jinmap.schema_migrations"));
}

int ensurePostgisSchema(PgConnection& c) {
    if (!c.queryString("SELECT extname::text FROM pg_extension WHERE extname = 'postgis'")) {
        try {
            c.exec("CREATE EXTENSION IF NOT EXISTS postgis");
        } catch (const PgError& e) {
            throw Error(ErrorKind::Schema,
                        "the database has no PostGIS and this role may not add it: ask the "
                        "database administrator to run CREATE EXTENSION postgis (" +
                            e.message() + ")",
                        c.describe());
        }
    }
    const bool hadTables = c.hasTable("jinmap.towns");
    c.exec(
        "CREATE SCHEMA IF NOT EXISTS jinmap; CREATE TABLE IF NOT EXISTS jinmap.schema_migrations "
        "(version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now(), applied_by "
        "text NOT NULL DEFAULT current_user)");
    const int found = postgisSchemaVersion(c);
    if (found == 0 && hadTables)
        throw Error(ErrorKind::Schema,
                    "the database has a jinmap schema that no jinmap created (no "
                    "schema_migrations); nothing was changed",
                    c.describe());
    if (found > kPostgisSchemaVersion)
        throw Error(ErrorKind::Schema,
                    "the server's jinmap schema is version " + std::to_string(found) +
                        ", newer than this jinmap knows (" + std::to_string(kPostgisSchemaVersion) +
                        "): update jinmap",
                    c.describe());
    for (int v = found + 1; v <= kPostgisSchemaVersion; ++v) {
        c.exec(postgisSchemaSql(v));
        auto q = c.prepare("INSERT INTO jinmap.schema_migrations (version) VALUES (?1)");
        q->bind(1, v);
        q->run();
    }
    return found;
}

// ------------------------------------------------------------------ push

CopyReport pushWorkspace(const std::string& source, const std::string& server,
                         const PushOptions& options) {
    std::error_code ec;
    if (!fs::exists(source, ec))
        throw Error(ErrorKind::Io, "no SpatiaLite workspace or reference here", source);
    // The reference becomes a workspace first (the same columns on both sides).
    FileCleanup temporary{};
    std::string from = source;
    if (!Workspace::isWorkspace(source)) {
        temporary.path =
            fs::temp_directory_path() / ("jinmap-push-" + std::to_string(::getpid()) + ".sqlite");
        fs::remove(temporary.path, ec);
        Workspace::create(source, temporary.path.string());
        from = temporary.path.string();
    }
    auto sqlite = openStore(from, StoreMode::ReadOnly);
    auto pg = PgConnection::open(server);

    CopyReport report;
    Transaction tx(*pg);
    // One push at a time per database; readers keep reading the old rows
    // until the commit.
    pg->exec("SELECT pg_advisory_xact_lock(hashtext('jinmap workspace push'))");
    report.schemaVersionBefore = ensurePostgisSchema(*pg);
    const std::int64_t existing = count(*pg, "SELECT count(*) FROM jinmap.workspace_meta") +
                                  count(*pg, "SELECT count(*) FROM jinmap.towns");
    if (existing > 0 && !options.replace)
        throw Error(ErrorKind::Usage,
                    "the server already holds a jinmap workspace (" +
                        std::to_string(count(*pg, "SELECT count(*) FROM jinmap.towns")) +
                        " towns, " +
                        std::to_string(count(*pg, "SELECT count(*) FROM jinmap.change_log")) +
                        " changes); pushing replaces it: add --replace to do so (nothing was "
                        "changed)",
                    pg->describe());
    if (existing > 0) {
        std::string all;
        for (const auto& t : workspaceCopyTables())
            all += (all.empty() ? "" : ", ") + ("jinmap." + t);
        pg->exec("TRUNCATE " + all);
    }

    for (const auto& table : workspaceCopyTables()) {
        const auto columns = pgColumns(*pg, table);
        const auto local = sqliteColumns(*sqlite, table);
        std::set<std::string> placed;
        std::string select, insertColumns, values;
        int index = 0;
        std::vector<bool> geometry;
        for (const auto& c : columns) {
            std::string expr;
            if (c.name == "sqlite_rowid")
                expr = "rowid";
            else if (local.count(c.name))
                expr = "\"" + c.name + "\"";
            else
                continue;  // the server's default
            placed.insert(c.name);
            select += (select.empty() ? "" : ", ") + expr;
            insertColumns += (insertColumns.empty() ? "" : ", ") + c.name;
            ++index;
            values += (values.empty() ? "" : ", ") +
                      (c.geometry ? "ST_GeomFromWKB(" + placeholder(index) + ", 4326)"
                                  : placeholder(index));
            geometry.push_back(c.geometry);
        }
        for (const auto& l : local)
            if (!placed.count(l))
                throw Error(
                    ErrorKind::Schema,
                    cat({"column ", table, ".", l, " has no place in the PostGIS schema (version ",
                         std::to_string(kPostgisSchemaVersion), "); nothing was pushed"}),
                    source);
        auto read =
            sqlite->prepare(cat({"SELECT ", select, " FROM main.\"", table, "\" ORDER BY rowid"}));
        auto write = pg->prepare(
            cat({"INSERT INTO jinmap.", table, " (", insertColumns, ") VALUES (", values, ")"}));
        std::int64_t rows = 0;
        while (read->step()) {
            for (int i = 0; i < index; ++i) {
                if (geometry[static_cast<std::size_t>(i)] && !read->isNull(i)) {
                    const auto wkb = toWkb(read->columnGeometry(i));
                    write->bindBlob(i + 1, wkb.data(), wkb.size());
                } else {
                    copyValue(*read, i, *write, i + 1);
                }
            }
            write->run();
            ++rows;
        }
        // Identity columns continue after the copied ids.
        const std::string id = identityColumn(columns);
        if (!id.empty())
            pg->exec(cat({"SELECT setval(pg_get_serial_sequence('jinmap.", table, "', '", id,
                          "'), coalesce((SELECT max(", id, ") FROM jinmap.", table,
                          "), 0) + 1, false)"}));
        report.tables.emplace_back(table, rows);
        report.rows += rows;
        if (options.onTable) options.onTable(table, rows);
    }
    pg->exec("ANALYZE jinmap.towns; ANALYZE jinmap.counties; ANALYZE jinmap.town_facts");
    pg->exec("NOTIFY jinmap_changes, 'push'");
    tx.commit();
    return report;
}

// ------------------------------------------------------------------ pull

CopyReport pullWorkspace(const std::string& server, const std::string& target,
                         const PullOptions& options) {
    std::error_code ec;
    if (fs::exists(target, ec) && !options.overwrite)
        throw Error(ErrorKind::Io, "a file exists there already; choose another name", target);
    auto pg = PgConnection::open(server);
    const int version = postgisSchemaVersion(*pg);
    if (version == 0 || !pg->hasTable("jinmap.workspace_meta"))
        throw Error(ErrorKind::NotFound,
                    "no jinmap workspace in this database (put one there with jinmap workspace "
                    "push --to URL)",
                    pg->describe());
    if (version > kPostgisSchemaVersion)
        throw Error(ErrorKind::Schema,
                    "the server's jinmap schema is version " + std::to_string(version) +
                        ", newer than this jinmap knows: update jinmap",
                    pg->describe());

    const fs::path dir = fs::path(target).parent_path();
    if (!dir.empty()) fs::create_directories(dir, ec);
    FileCleanup partial{fs::path(target).concat(".partial-" + std::to_string(::getpid()))};
    fs::remove(partial.path, ec);
    Workspace::create(options.reference, partial.path.string());

    CopyReport report;
    {
        auto sqlite = openStore(partial.path.string(), StoreMode::ReadWrite);
        // One snapshot of the server: tables copied at different moments
        // would not fit together.
        Transaction snapshot(*pg);
        pg->exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        Transaction tx(*sqlite);
        for (const auto& table : workspaceCopyTables()) {
            sqlite->exec("DELETE FROM main.\"" + table + "\"");
            const std::int64_t rows = copyServerRows(*pg, *sqlite, table, nullptr);
            report.tables.emplace_back(table, rows);
            report.rows += rows;
            if (options.onTable) options.onTable(table, rows);
        }
        tx.commit();
        snapshot.commit();
    }
    fs::rename(partial.path, target, ec);
    if (ec) throw Error(ErrorKind::Io, "cannot write the workspace: " + ec.message(), target);
    partial.keep = true;
    return report;
}

// ------------------------------------------------------------------ roles

void grantPgRole(PgConnection& c, PgRole role, const std::string& login) {
    const bool plain =
        !login.empty() && login.size() < 64 &&
        login.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") == std::string::npos &&
        (login[0] < '0' || login[0] > '9');
    if (!plain)
        throw Error(ErrorKind::Usage,
                    "a role name is lower-case letters, digits and _ (not starting with a digit)",
                    login);
    if (postgisSchemaVersion(c) == 0)
        throw Error(ErrorKind::NotFound,
                    "no jinmap workspace in this database (push one first with jinmap workspace "
                    "push --to URL)",
                    c.describe());
    Transaction tx(c);
    c.exec(
        "DO $$ BEGIN "
        "IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'jinmap_reader') THEN CREATE ROLE "
        "jinmap_reader NOLOGIN; END IF; "
        "IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'jinmap_editor') THEN CREATE ROLE "
        "jinmap_editor NOLOGIN; END IF; END $$");
    c.exec(
        "GRANT USAGE ON SCHEMA jinmap TO jinmap_reader; "
        "GRANT SELECT ON ALL TABLES IN SCHEMA jinmap TO jinmap_reader; "
        "GRANT jinmap_reader TO jinmap_editor; "
        "GRANT INSERT, UPDATE, DELETE ON jinmap.towns, jinmap.town_facts, jinmap.data_notes, "
        "jinmap.provenance, jinmap.sources, jinmap.source_texts, jinmap.parks, jinmap.platforms, "
        "jinmap.projects TO jinmap_editor; "
        "GRANT INSERT ON jinmap.change_log TO jinmap_editor; "
        "GRANT INSERT ON jinmap.metrics TO jinmap_editor; "
        "GRANT UPDATE (town_count) ON jinmap.prefectures TO jinmap_editor; "
        "GRANT USAGE ON ALL SEQUENCES IN SCHEMA jinmap TO jinmap_editor");
    c.exec("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + login +
           "') THEN CREATE ROLE \"" + login + "\" LOGIN; END IF; END $$");
    const char* group = role == PgRole::Reader ? "jinmap_reader" : "jinmap_editor";
    c.exec(std::string("GRANT ") + group + " TO \"" + login + "\"");
    tx.commit();
}

// ------------------------------------------------------------------ replica

namespace {

// FNV-1a: a stable file name for a server (std::hash may differ between builds).
std::string stableHash(const std::string& text) {
    std::uint64_t h = 1469598103934665603ULL;
    for (const unsigned char c : text) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

std::string cacheDir() {
    if (const char* env = std::getenv("XDG_CACHE_HOME"); env && *env) return env;
    if (const char* home = std::getenv("HOME"); home && *home) return std::string(home) + "/.cache";
    return ".";
}

std::string readStamp(const std::string& path) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return {};
    char buf[512];
    const std::size_t n = std::fread(buf, 1, sizeof buf, f);
    std::fclose(f);
    return {buf, n};
}

void writeStamp(const std::string& path, const std::string& stamp) {
    const std::string temp = path + ".tmp";
    std::FILE* f = std::fopen(temp.c_str(), "wb");
    if (!f) return;  // the next start pulls again: slower, not wrong
    std::fwrite(stamp.data(), 1, stamp.size(), f);
    std::fclose(f);
    std::error_code ec;
    fs::rename(temp, path, ec);
}

}  // namespace

std::string replicaPath(const std::string& server) {
    return cacheDir() + "/jinmap/pg/" + stableHash(server) + ".sqlite";
}

namespace {

// The server's state a replica was made from; "server\ncreated\nschema\nrev\ncount".
struct ServerState {
    std::string created;
    std::int64_t schema = 0, rev = 0, count = 0;
};

ServerState serverState(Connection& pg) {
    auto q = pg.prepare(
        "SELECT coalesce(max(rev), 0), count(*), coalesce((SELECT value FROM "
        "jinmap.workspace_meta WHERE key = 'created_at'), ''), (SELECT coalesce(max(version), 0) "
        "FROM jinmap.schema_migrations) FROM jinmap.change_log");
    ServerState state;
    if (q->step()) {
        state.rev = q->columnInt64(0);
        state.count = q->columnInt64(1);
        state.created = q->columnText(2);
        state.schema = q->columnInt64(3);
    }
    return state;
}

std::string stampOf(const std::string& server, const ServerState& s) {
    return cat({server, "\n", s.created, "\n", std::to_string(s.schema), "\n",
                std::to_string(s.rev), "\n", std::to_string(s.count)});
}

std::optional<std::pair<std::string, ServerState>> parseStamp(const std::string& text) {
    std::vector<std::string> lines(1);
    for (const char c : text) {
        if (c == '\n')
            lines.emplace_back();
        else
            lines.back() += c;
    }
    if (lines.size() != 5) return std::nullopt;
    ServerState s;
    s.created = lines[1];
    s.schema = std::atoll(lines[2].c_str());
    s.rev = std::atoll(lines[3].c_str());
    s.count = std::atoll(lines[4].c_str());
    return std::make_pair(lines[0], s);
}

// Brings a copy of the replica from `sinceRev` to the server's present: the
// later change log entries, and the rows they name, copied again; the town
// counts and metrics they may have changed. Returns the state copied.
ServerState applyServerChanges(Connection& pg, const std::string& replica, std::int64_t sinceRev) {
    const fs::path temp = fs::path(replica).concat(".refresh-" + std::to_string(::getpid()));
    FileCleanup cleanup{temp};
    std::error_code ec;
    fs::remove(temp, ec);
    fs::copy_file(replica, temp, ec);
    if (ec) throw Error(ErrorKind::Io, "cannot copy the replica: " + ec.message(), replica);
    fs::permissions(temp, fs::perms::owner_read | fs::perms::owner_write, ec);
    ServerState state;
    {
        auto sqlite = openStore(temp.string(), StoreMode::ReadWrite);
        Transaction snapshot(pg);
        pg.exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        Transaction tx(*sqlite);
        auto entries = pg.prepare(
            "SELECT rev, author, at, reason, action, subject_table, subject_id, before_json, "
            "after_json, batch FROM jinmap.change_log WHERE rev > ?1 ORDER BY rev");
        entries->bind(1, sinceRev);
        // This targets the SQLite replica: its own upsert syntax is right here.
        auto log = sqlite->prepare(
            "INSERT OR REPLACE INTO main.change_log (rev, author, at, reason, action, "
            "subject_table, subject_id, before_json, after_json, batch) VALUES "
            "(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)");
        std::vector<std::pair<std::string, std::string>> subjects;
        std::set<std::pair<std::string, std::string>> seen;
        while (entries->step()) {
            for (int i = 0; i < 10; ++i) copyValue(*entries, i, *log, i + 1);
            log->run();
            std::pair<std::string, std::string> subject{entries->columnText(5),
                                                        entries->columnText(6)};
            if (seen.insert(subject).second) subjects.push_back(std::move(subject));
        }
        const auto& editable = editableTables();
        for (const auto& [table, id] : subjects) {
            if (std::find(editable.begin(), editable.end(), table) == editable.end()) continue;
            auto remove = sqlite->prepare(
                cat({"DELETE FROM main.\"", table, "\" WHERE ", subjectKey(table), " = ?1"}));
            remove->bind(1, id);
            remove->run();
            copyServerRows(pg, *sqlite, table, &id);
        }
        auto counts = pg.prepare("SELECT adcode, town_count FROM jinmap.prefectures");
        auto setCount = sqlite->prepare(
            "UPDATE main.prefectures SET town_count = ?2 WHERE "
            "adcode = ?1 AND town_count <> ?2");
        while (counts->step()) {
            setCount->bind(1, counts->columnText(0)).bind(2, counts->columnInt64(1));
            setCount->run();
        }
        auto metrics = pg.prepare("SELECT metric, label_zh, label_en FROM jinmap.metrics");
        auto addMetric = sqlite->prepare(
            "INSERT OR IGNORE INTO main.metrics (metric, label_zh, label_en) VALUES (?1, ?2, ?3)");
        while (metrics->step()) {
            for (int i = 0; i < 3; ++i) copyValue(*metrics, i, *addMetric, i + 1);
            addMetric->run();
        }
        state = serverState(pg);
        if (sqlite->queryInt("SELECT count(*) FROM main.change_log") != state.count)
            throw Error(ErrorKind::Data, "the server's change log lost entries; pulling again",
                        replica);
        tx.commit();
        snapshot.commit();
    }
    fs::rename(temp, replica, ec);
    if (ec) throw Error(ErrorKind::Io, "cannot replace the replica: " + ec.message(), replica);
    cleanup.keep = true;
    return state;
}

void makeReadOnly(const std::string& path) {
    // A copy, not a workspace to edit: an edit here would be lost at the next
    // refresh, so Workspace::open refuses it as read-only.
    std::error_code ec;
    fs::permissions(path, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read,
                    ec);
}

}  // namespace

Replica openReplica(const std::string& server, const std::string& reference) {
    checkPgName(server);
    Replica replica;
    replica.path = replicaPath(server);
    const std::string stampPath = replica.path + ".stamp";
    std::error_code ec;
    const bool haveCopy = fs::exists(replica.path, ec);
    std::unique_ptr<PgConnection> pg;
    try {
        pg = PgConnection::open(server);
    } catch (const PgError& e) {
        if (!haveCopy || e.kind() != ErrorKind::Io) throw;
        replica.stale = true;
        replica.warning = "the PostgreSQL server cannot be reached (" + e.message() +
                          "); showing the last local copy, read-only";
        return replica;
    }
    const ServerState now = serverState(*pg);
    const std::string previous = haveCopy ? readStamp(stampPath) : std::string();
    if (haveCopy && previous == stampOf(server, now)) return replica;
    // The same workspace, later changes only: apply them to the copy.
    if (const auto was = parseStamp(previous);
        was && was->first == server && was->second.created == now.created &&
        was->second.schema == now.schema && now.rev >= was->second.rev &&
        now.count >= was->second.count) {
        try {
            const ServerState copied = applyServerChanges(*pg, replica.path, was->second.rev);
            makeReadOnly(replica.path);
            writeStamp(stampPath, stampOf(server, copied));
            replica.refreshed = true;
            replica.incremental = true;
            return replica;
        } catch (const Error&) {  // NOLINT(bugprone-empty-catch): a full pull follows
        }
    }
    pg.reset();
    PullOptions options;
    options.reference = reference;
    options.overwrite = true;
    pullWorkspace(server, replica.path, options);
    makeReadOnly(replica.path);
    // The state before the pull: a change meanwhile is applied at the next open.
    writeStamp(stampPath, stampOf(server, now));
    replica.refreshed = true;
    return replica;
}

}  // namespace jinmap::data
