#include "data/connection.h"

#include <sqlite3.h>

#include "base/error.h"
#include "base/sqlite.h"
#include "data/pg_connection.h"

namespace jinmap::data {

const char* backendName(Backend backend) noexcept {
    return backend == Backend::PostGIS ? "PostGIS" : "SpatiaLite";
}

Query& Query::bindTextOrNull(int index, std::string_view text) {
    if (text.empty()) return bind(index, nullptr);
    return bind(index, text);
}

Query& Query::bindOptional(int index, const std::optional<double>& value) {
    if (!value) return bind(index, nullptr);
    return bind(index, *value);
}

std::optional<std::string> Connection::queryString(std::string_view sql) {
    auto q = prepare(sql);
    if (!q->step() || q->isNull(0)) return std::nullopt;
    return q->columnText(0);
}

std::int64_t Connection::queryInt(std::string_view sql) {
    auto q = prepare(sql);
    return q->step() ? q->columnInt64(0) : 0;
}

Transaction::Transaction(Connection& connection) : connection_(connection) {
    connection_.begin();
}

Transaction::~Transaction() {
    if (!done_) connection_.rollback();
}

void Transaction::commit() {
    connection_.commit();
    done_ = true;
}

// ------------------------------------------------------------------ SQLite

namespace {

class SqliteQuery final : public Query {
  public:
    SqliteQuery(std::shared_ptr<Database> database, Statement statement)
        : database_(std::move(database)), stmt_(std::move(statement)) {}
    Query& bind(int index, std::nullptr_t) override {
        stmt_.bind(index, nullptr);
        return *this;
    }
    Query& bind(int index, std::int64_t value) override {
        stmt_.bind(index, value);
        return *this;
    }
    Query& bind(int index, double value) override {
        stmt_.bind(index, value);
        return *this;
    }
    Query& bind(int index, std::string_view text) override {
        stmt_.bind(index, text);
        return *this;
    }
    Query& bindBlob(int index, const void* data, std::size_t size) override {
        stmt_.bindBlob(index, data, size);
        return *this;
    }
    bool step() override { return stmt_.step(); }
    void reset() override { stmt_.reset(); }
    int columnCount() const override { return stmt_.columnCount(); }
    std::string columnName(int i) const override { return stmt_.columnName(i); }
    bool isNull(int i) const override { return stmt_.isNull(i); }
    std::int64_t columnInt64(int i) const override { return stmt_.columnInt64(i); }
    double columnDouble(int i) const override { return stmt_.columnDouble(i); }
    std::string columnText(int i) const override { return stmt_.columnText(i); }
    std::pair<const unsigned char*, std::size_t> columnBlob(int i) const override {
        return stmt_.columnBlob(i);
    }
    Geometry columnGeometry(int i) const override {
        if (stmt_.isNull(i)) return {};
        auto [data, size] = stmt_.columnBlob(i);
        return parseSpatialiteBlob(data, size);
    }
    char columnKind(int i) const override {
        switch (stmt_.columnType(i)) {
            case SQLITE_INTEGER:
                return 'i';
            case SQLITE_FLOAT:
                return 'r';
            case SQLITE_TEXT:
                return 't';
            case SQLITE_BLOB:
                return 'b';
            default:
                return 'n';
        }
    }

  private:
    std::shared_ptr<Database> database_;  // keeps the connection open for the statement
    Statement stmt_;
};

}  // namespace

SqliteConnection::SqliteConnection(std::shared_ptr<Database> database)
    : database_(std::move(database)) {}

std::unique_ptr<Query> SqliteConnection::prepare(std::string_view sql) {
    return std::make_unique<SqliteQuery>(database_, database_->prepare(sql));
}

void SqliteConnection::exec(std::string_view sql) {
    database_->exec(sql);
}

std::string SqliteConnection::describe() const {
    return database_->path();
}

bool SqliteConnection::hasTable(std::string_view table) {
    return database_->hasTable(table);
}

void SqliteConnection::begin() {
    // IMMEDIATE: take the write lock now, so a second writer waits (busy
    // timeout) or fails here rather than half-way through.
    database_->exec("BEGIN IMMEDIATE");
}

void SqliteConnection::commit() {
    database_->exec("COMMIT");
}

void SqliteConnection::rollback() noexcept {
    try {
        database_->exec("ROLLBACK");
    } catch (...) {  // NOLINT(bugprone-empty-catch): nothing sane to do while unwinding
    }
}

std::string SqliteConnection::pointSql(int lonIndex, int latIndex) const {
    return "MakePoint(?" + std::to_string(lonIndex) + ", ?" + std::to_string(latIndex) + ", 4326)";
}

std::string SqliteConnection::geometryColumnSql(std::string_view column) const {
    return std::string(column);
}

// ------------------------------------------------------------------ stores

bool isPostgisName(const std::string& db) {
    return db.rfind("postgresql://", 0) == 0 || db.rfind("postgres://", 0) == 0 ||
           db.rfind("service=", 0) == 0;
}

std::unique_ptr<Connection> openStore(const std::string& db, StoreMode mode) {
    if (isPostgisName(db)) {
        auto pg = PgConnection::open(db);
        // The server refuses writes too (roles); this keeps a reader honest.
        if (mode == StoreMode::ReadOnly)
            pg->exec("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
        return pg;
    }
    auto database = std::make_shared<Database>(Database::open(
        db, mode == StoreMode::ReadOnly ? Database::Mode::ReadOnly : Database::Mode::ReadWrite));
    if (mode == StoreMode::ReadWrite) database->loadSpatialite();
    return std::make_unique<SqliteConnection>(std::move(database));
}

}  // namespace jinmap::data
