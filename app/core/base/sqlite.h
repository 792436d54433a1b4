#pragma once
// RAII wrappers around sqlite3 handles (PROJ style): a Database owns the
// connection (and the SpatiaLite cache when loaded), a Statement owns a
// prepared statement. Failures throw jinmap::Error with the file and SQL.
//
// Threading rule: a Database (one SQLite connection, opened NOMUTEX) belongs
// to the thread that opened it. Preparing or executing SQL on it from another
// thread throws Error(Database) at once, so a connection shared by mistake
// fails every time instead of racing now and then. A Statement is used by
// the thread of its Database. Threads that read open their own connection
// (GeoDatabase::database() does that per thread).
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace jinmap {

// A number for the calling thread, unique for the life of the process (unlike
// std::thread::id, which the system reuses once a thread has ended).
std::uint64_t currentThreadSerial() noexcept;

struct SqliteCloser {
    void operator()(sqlite3* db) const noexcept;
};
struct StatementFinalizer {
    void operator()(sqlite3_stmt* stmt) const noexcept;
};
struct SpatialiteCacheDeleter {
    void operator()(void* cache) const noexcept;
};

class Statement {
  public:
    Statement(std::unique_ptr<sqlite3_stmt, StatementFinalizer> stmt, std::string sql,
              std::string file);

    Statement& bind(int index, std::nullptr_t);
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, const std::string& text) {
        return bind(index, std::string_view(text));
    }
    Statement& bindBlob(int index, const void* data, std::size_t size);
    // Binds NULL when the optional is empty.
    Statement& bindOptional(int index, const std::optional<double>& value);
    Statement& bindTextOrNull(int index, std::string_view text);

    // Returns true when a row is available, false when done.
    bool step();
    void reset();
    // Runs a statement that returns no rows.
    void run();

    int columnCount() const;
    std::string columnName(int i) const;
    bool isNull(int i) const;
    std::int64_t columnInt64(int i) const;
    double columnDouble(int i) const;
    std::string columnText(int i) const;
    std::optional<double> columnOptionalDouble(int i) const;
    // Valid until the next step()/reset().
    std::pair<const unsigned char*, std::size_t> columnBlob(int i) const;
    int columnType(int i) const;  // SQLITE_INTEGER …

  private:
    [[noreturn]] void fail(const char* what) const;
    std::unique_ptr<sqlite3_stmt, StatementFinalizer> stmt_;
    std::string sql_;
    std::string file_;
};

class Database {
  public:
    enum class Mode { ReadOnly, ReadWrite, Create };

    // Opens or throws (Io when the file is missing, Database when it is not SQLite).
    static Database open(const std::string& path, Mode mode);
    // Non-throwing variant for callers where failure is expected.
    static std::optional<Database> tryOpen(const std::string& path, Mode mode,
                                           std::string* error = nullptr);

    Database(Database&&) noexcept = default;
    // Closes this connection before its SpatiaLite cache is released (a
    // defaulted assignment would release the cache first, under the open
    // connection), then takes over `other`.
    Database& operator=(Database&& other) noexcept;
    ~Database();

    // Registers SpatiaLite's SQL functions on this connection (needed to write
    // geometries; reading parses the geometry blobs directly).
    void loadSpatialite();

    void exec(std::string_view sql);
    Statement prepare(std::string_view sql);
    bool hasTable(std::string_view table);
    std::vector<std::string> columns(std::string_view table);
    // Incremental blob I/O: the blob in `column` of row `rowid` of `table`
    // (database "main") is copied straight to `destination(size)`, memory the
    // caller chooses (e.g. huge pages for a large blob): a blob read through
    // a statement lands in a fresh malloc'd buffer of SQLite's first, whose
    // every 4 KB page faults in. Returns the blob's size; throws
    // Error(Database) when there is no such row or column.
    std::size_t readBlob(std::string_view table, std::string_view column, std::int64_t rowid,
                         const std::function<void*(std::size_t)>& destination);
    // Runs a query returning one value (or nullopt when no row / NULL).
    std::optional<std::string> queryString(std::string_view sql);
    std::int64_t queryInt(std::string_view sql);

    const std::string& path() const { return path_; }
    sqlite3* handle() const { return db_.get(); }
    // The thread that opened the connection (currentThreadSerial()).
    std::uint64_t ownerThread() const { return ownerThread_; }
    bool isOwnedByCurrentThread() const { return ownerThread_ == currentThreadSerial(); }

  private:
    Database(std::unique_ptr<sqlite3, SqliteCloser> db, std::string path);
    // Throws unless called on the owner thread.
    void checkThread(std::string_view what) const;
    std::unique_ptr<void, SpatialiteCacheDeleter> spatialiteCache_;
    std::unique_ptr<sqlite3, SqliteCloser> db_;  // destroyed before the cache
    std::string path_;
    std::uint64_t ownerThread_ = 0;
};

// Begins a transaction, rolls back unless commit() was called.
class Transaction {
  public:
    explicit Transaction(Database& db);
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();
    void commit();

  private:
    Database& db_;
    bool done_ = false;
};

}  // namespace jinmap
