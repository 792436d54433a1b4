#pragma once
// The workspace on PostgreSQL/PostGIS (issue 15): the jinmap schema, its
// migrations, and the copies between it and a SpatiaLite workspace.
//
// * push: a SpatiaLite workspace (or the reference, made a workspace first)
//   into the jinmap schema — created or migrated first — in ONE transaction:
//   a failure or a killed server leaves the database as it was.
// * pull: the jinmap schema into a new SpatiaLite workspace (a copy of the
//   local reference, its rows replaced by the server's in one consistent
//   snapshot) that every SQLite reader opens; the file appears complete or
//   not at all.
// * replica: the readers (summary, render, export, the viewer) read a local
//   SpatiaLite copy of the server's workspace, refreshed when the server's
//   change stamp moved; with the server down the last copy opens read-only.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jinmap::data {

class PgConnection;

// The PostGIS DDL version this build writes (schema_migrations.version).
inline constexpr int kPostgisSchemaVersion = 1;
// The migration to `version` (1: the whole schema), compiled in from
// app/core/data/sql/postgis_schema_vN.sql.
std::string_view postgisSchemaSql(int version);
// Creates the jinmap schema or migrates it to kPostgisSchemaVersion (inside
// the caller's transaction); returns the version found (0: none). Throws
// Error(Schema) for a schema newer than this build.
int ensurePostgisSchema(PgConnection& connection);
// The version of the jinmap schema in the database (0: none).
int postgisSchemaVersion(PgConnection& connection);

// Tables copied between the backends, parents first.
const std::vector<std::string>& workspaceCopyTables();

struct CopyReport {
    std::vector<std::pair<std::string, std::int64_t>> tables;  // rows per table
    std::int64_t rows = 0;
    int schemaVersionBefore = 0;  // push: the server's schema version found
};

struct PushOptions {
    bool replace = false;  // a workspace already on the server is replaced
    // The reference a non-workspace source is made a workspace from.
    std::string reference;
    std::function<void(const std::string& table, std::int64_t rows)> onTable;
};

CopyReport pushWorkspace(const std::string& source, const std::string& server,
                         const PushOptions& options);

struct PullOptions {
    // The local reference the SpatiaLite file is built on (its spatial
    // metadata, indexes and triggers); its rows are replaced.
    std::string reference;
    bool overwrite = false;
    std::function<void(const std::string& table, std::int64_t rows)> onTable;
};

CopyReport pullWorkspace(const std::string& server, const std::string& target,
                         const PullOptions& options);

enum class PgRole { Reader, Editor };
// Creates jinmap_reader (SELECT on the schema) and jinmap_editor (reader, plus
// INSERT/UPDATE/DELETE on the fact tables and INSERT on change_log and metrics, the
// prefectures' town counts; no DDL)
// when missing, grants them their rights, and makes `login` (created when
// missing, LOGIN without a password: authentication is the server's
// pg_hba/.pgpass business) a member of one. Needs the schema owner.
void grantPgRole(PgConnection& connection, PgRole role, const std::string& login);

struct Replica {
    std::string path;     // the local SpatiaLite copy
    bool stale = false;   // the server could not be reached: the last copy
    std::string warning;  // why, for the user
    bool refreshed = false;
    bool incremental = false;  // refreshed by applying the later change sets
};
// $XDG_CACHE_HOME/jinmap/pg/<hash of the server>.sqlite.
std::string replicaPath(const std::string& server);
// Brings the replica up to date: nothing when the server's change log, schema
// and workspace are as the copy was made; the later change sets applied to
// it (their rows copied again) when only those were added; else a new pull.
// With the server unreachable, the last copy (stale, with a
// warning), or Error(Io) when there is none.
Replica openReplica(const std::string& server, const std::string& reference);

}  // namespace jinmap::data
