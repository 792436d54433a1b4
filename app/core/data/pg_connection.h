#pragma once
// The PostgreSQL/PostGIS implementation of data::Connection over libpq
// (docs/postgis.md says why libpq: LISTEN/NOTIFY, binary results,
// statement_timeout, no driver layer in between).
//
// * Names: postgresql://user@host:port/dbname (no password: it comes from
//   ~/.pgpass or the service file, never from a command line or a setting) or
//   service=NAME (pg_service.conf). A name with a password is refused.
// * Every statement runs with statement_timeout and the connection attempt
//   with connect_timeout, so nothing hangs on a dead server.
// * Results come in binary format; geometry travels as WKB (ST_AsBinary).
// * Errors are PgError: the server's message, its SQLSTATE and the store,
//   never the password.
// * Threading rule as SqliteConnection: the connection (and its queries)
//   belongs to the thread that opened it; another thread gets Error(Database).
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/error.h"
#include "data/connection.h"

struct pg_conn;
struct pg_result;

namespace jinmap::data {

struct PgConnDeleter {
    void operator()(pg_conn* conn) const noexcept;
};
struct PgResultDeleter {
    void operator()(pg_result* result) const noexcept;
};
using PgConnHandle = std::unique_ptr<pg_conn, PgConnDeleter>;
using PgResultHandle = std::unique_ptr<pg_result, PgResultDeleter>;

// A failure reported by libpq or the server.
class PgError : public Error {
  public:
    PgError(ErrorKind kind, const std::string& message, std::string sqlstate,
            const std::string& context);
    // Five characters (e.g. 42501 insufficient_privilege, 40001 serialization,
    // 57014 query_canceled by statement_timeout); empty for client-side errors.
    const std::string& sqlstate() const noexcept { return sqlstate_; }

  private:
    std::string sqlstate_;
};

struct PgOptions {
    int connectTimeoutSeconds = 5;
    int statementTimeoutMs = 30000;
};
// Defaults, overridable by JINMAP_PG_CONNECT_TIMEOUT (s) and
// JINMAP_PG_STATEMENT_TIMEOUT (ms) for slow links.
PgOptions defaultPgOptions();

// Throws Error(Usage) for a name that carries a password.
void checkPgName(const std::string& name);

// ?1, ?2 … → $1, $2 … outside quoted strings and identifiers.
std::string rewritePlaceholders(std::string_view sql);

struct PgNotification {
    std::string channel, payload;
    int pid = 0;
};

struct PgSession;

class PgConnection final : public Connection {
  public:
    // Throws PgError(Io) naming the store when the server cannot be reached.
    static std::unique_ptr<PgConnection> open(const std::string& name,
                                              const PgOptions& options = defaultPgOptions());
    ~PgConnection() override;
    PgConnection(const PgConnection&) = delete;
    PgConnection& operator=(const PgConnection&) = delete;

    std::unique_ptr<Query> prepare(std::string_view sql) override;
    void exec(std::string_view sql) override;
    Backend backend() const override { return Backend::PostGIS; }
    std::string describe() const override;
    bool hasTable(std::string_view table) override;
    void begin() override;
    void commit() override;
    void rollback() noexcept override;
    std::string pointSql(int lonIndex, int latIndex) const override;
    std::string geometryColumnSql(std::string_view column) const override;

    // The database role (what change_log records as author).
    std::string currentUser();
    void listen(std::string_view channel);
    // Waits up to timeoutMs for a notification (nullopt: none in time).
    std::optional<PgNotification> waitForNotification(int timeoutMs);

  private:
    PgConnection() = default;
    std::shared_ptr<PgSession> session_;
};

}  // namespace jinmap::data
