#pragma once
// The one data interface (helpers/DATA_CONTRACT.md): a Connection to a store
// (SpatiaLite file or PostGIS database) and the Queries prepared on it. Shared
// code uses portable SQL with ?1, ?2 … placeholders; backend-specific SQL
// (geometry functions, upserts) lives behind Connection methods.
//
// Threading rule: a Connection belongs to the thread that opened it; using it
// (or a Query prepared on it) from another thread throws Error(Database).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "data/geometry.h"

namespace jinmap {
class Database;
}

namespace jinmap::data {

enum class Backend { SpatiaLite, PostGIS };
const char* backendName(Backend backend) noexcept;

class Query {
  public:
    virtual ~Query() = default;
    virtual Query& bind(int index, std::nullptr_t) = 0;
    virtual Query& bind(int index, std::int64_t value) = 0;
    virtual Query& bind(int index, double value) = 0;
    virtual Query& bind(int index, std::string_view text) = 0;
    Query& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Query& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
    Query& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
    // NULL when empty.
    Query& bindTextOrNull(int index, std::string_view text);
    Query& bindOptional(int index, const std::optional<double>& value);
    virtual Query& bindBlob(int index, const void* data, std::size_t size) = 0;

    // True when a row is available, false when done.
    virtual bool step() = 0;
    virtual void reset() = 0;
    // Runs a statement that returns no rows.
    void run() {
        step();
        reset();
    }

    virtual int columnCount() const = 0;
    virtual std::string columnName(int i) const = 0;
    virtual bool isNull(int i) const = 0;
    virtual std::int64_t columnInt64(int i) const = 0;
    virtual double columnDouble(int i) const = 0;
    virtual std::string columnText(int i) const = 0;
    // Valid until the next step()/reset().
    virtual std::pair<const unsigned char*, std::size_t> columnBlob(int i) const = 0;
    // The column as a jinmap Geometry (SpatiaLite blob or WKB, by backend).
    virtual Geometry columnGeometry(int i) const = 0;
    // The column's storage: 'i'nteger, 'r'eal, 't'ext, 'b'lob or 'n'ull.
    virtual char columnKind(int i) const = 0;
};

class Connection {
  public:
    virtual ~Connection() = default;
    virtual std::unique_ptr<Query> prepare(std::string_view sql) = 0;
    virtual void exec(std::string_view sql) = 0;
    virtual Backend backend() const = 0;
    // File path or URL without password.
    virtual std::string describe() const = 0;
    virtual bool hasTable(std::string_view table) = 0;
    // One value of a query (nullopt: no row or NULL).
    std::optional<std::string> queryString(std::string_view sql);
    std::int64_t queryInt(std::string_view sql);

    // Transactions (use Transaction below rather than these).
    virtual void begin() = 0;
    virtual void commit() = 0;
    virtual void rollback() noexcept = 0;

    // Backend SQL: a point geometry from ?lon, ?lat placeholders (EPSG:4326).
    virtual std::string pointSql(int lonIndex, int latIndex) const = 0;
    // Backend SQL: the geometry column as the blob columnGeometry reads.
    virtual std::string geometryColumnSql(std::string_view column) const = 0;
};

// Begins a transaction; rolls back unless commit() was called.
class Transaction {
  public:
    explicit Transaction(Connection& connection);
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();
    void commit();

  private:
    Connection& connection_;
    bool done_ = false;
};

// The SQLite/SpatiaLite implementation, over base/sqlite.h's Database.
class SqliteConnection final : public Connection {
  public:
    explicit SqliteConnection(std::shared_ptr<Database> database);
    std::unique_ptr<Query> prepare(std::string_view sql) override;
    void exec(std::string_view sql) override;
    Backend backend() const override { return Backend::SpatiaLite; }
    std::string describe() const override;
    bool hasTable(std::string_view table) override;
    void begin() override;
    void commit() override;
    void rollback() noexcept override;
    std::string pointSql(int lonIndex, int latIndex) const override;
    std::string geometryColumnSql(std::string_view column) const override;
    Database& database() { return *database_; }

  private:
    std::shared_ptr<Database> database_;
};

enum class StoreMode { ReadOnly, ReadWrite };

// A store by its name: a file path → SpatiaLite; postgresql://… or
// service=NAME → PostGIS (data/pg_connection.h; read-only stores get
// read-only transactions). Writable SpatiaLite stores get SpatiaLite's functions loaded.
std::unique_ptr<Connection> openStore(const std::string& db, StoreMode mode);
bool isPostgisName(const std::string& db);

}  // namespace jinmap::data
