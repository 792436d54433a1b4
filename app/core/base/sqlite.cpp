#include "base/sqlite.h"

#include <sqlite3.h>
// spatialite.h needs sqlite3.h first
#include <spatialite.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "base/error.h"

namespace jinmap {

std::uint64_t currentThreadSerial() noexcept {
    static std::atomic<std::uint64_t> next{1};
    thread_local const std::uint64_t serial = next.fetch_add(1, std::memory_order_relaxed);
    return serial;
}

void SqliteCloser::operator()(sqlite3* db) const noexcept {
    sqlite3_close_v2(db);
}
void StatementFinalizer::operator()(sqlite3_stmt* stmt) const noexcept {
    sqlite3_finalize(stmt);
}
void SpatialiteCacheDeleter::operator()(void* cache) const noexcept {
    spatialite_cleanup_ex(cache);
}

namespace {

// SQLite's message; a write the file system refused for want of room
// (ENOSPC, EDQUOT, or EFBIG past a file-size limit) reads as SQLITE_FULL's
// "database or disk is full" whichever code SQLite returned (EFBIG comes back
// as a plain "disk I/O error"), with the system's reason.
std::string errorMessage(sqlite3* db, const char* message = nullptr) {
    std::string m = message ? message : sqlite3_errmsg(db);
    const int code = sqlite3_errcode(db) & 0xff;
    if (code != SQLITE_IOERR && code != SQLITE_FULL) return m;
    // The unix VFS keeps the errno of the database file's last failed call.
    int sys = sqlite3_system_errno(db);
    if (sys == 0) sqlite3_file_control(db, "main", SQLITE_FCNTL_LAST_ERRNO, &sys);
    if (sys == ENOSPC || sys == EDQUOT || sys == EFBIG)
        m = "database or disk is full (" + std::string(std::strerror(sys)) + ")";
    return m;
}

}  // namespace

// ---------------------------------------------------------------- Statement

Statement::Statement(std::unique_ptr<sqlite3_stmt, StatementFinalizer> stmt, std::string sql,
                     std::string file)
    : stmt_(std::move(stmt)), sql_(std::move(sql)), file_(std::move(file)) {}

void Statement::fail(const char* what) const {
    sqlite3* db = sqlite3_db_handle(stmt_.get());
    std::string sql = sql_.size() > 120 ? sql_.substr(0, 120) + "…" : sql_;
    throw Error(ErrorKind::Database,
                std::string(what) + " failed: " + errorMessage(db) + " (SQL: " + sql + ")", file_);
}

Statement& Statement::bind(int index, std::nullptr_t) {
    if (sqlite3_bind_null(stmt_.get(), index) != SQLITE_OK) fail("bind");
    return *this;
}
Statement& Statement::bind(int index, std::int64_t value) {
    if (sqlite3_bind_int64(stmt_.get(), index, value) != SQLITE_OK) fail("bind");
    return *this;
}
Statement& Statement::bind(int index, double value) {
    if (sqlite3_bind_double(stmt_.get(), index, value) != SQLITE_OK) fail("bind");
    return *this;
}
Statement& Statement::bind(int index, std::string_view text) {
    if (sqlite3_bind_text64(stmt_.get(), index, text.data(), text.size(), SQLITE_TRANSIENT,
                            SQLITE_UTF8) != SQLITE_OK)
        fail("bind");
    return *this;
}
Statement& Statement::bindBlob(int index, const void* data, std::size_t size) {
    if (sqlite3_bind_blob64(stmt_.get(), index, data, size, SQLITE_TRANSIENT) != SQLITE_OK)
        fail("bind");
    return *this;
}
Statement& Statement::bindOptional(int index, const std::optional<double>& value) {
    return value ? bind(index, *value) : bind(index, nullptr);
}
Statement& Statement::bindTextOrNull(int index, std::string_view text) {
    return text.empty() ? bind(index, nullptr) : bind(index, text);
}

bool Statement::step() {
    const int rc = sqlite3_step(stmt_.get());
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    fail("step");
}
void Statement::reset() {
    sqlite3_reset(stmt_.get());
    sqlite3_clear_bindings(stmt_.get());
}
void Statement::run() {
    while (step()) {
    }
    reset();
}

int Statement::columnCount() const {
    return sqlite3_column_count(stmt_.get());
}
std::string Statement::columnName(int i) const {
    const char* name = sqlite3_column_name(stmt_.get(), i);
    return name ? name : "";
}
bool Statement::isNull(int i) const {
    return sqlite3_column_type(stmt_.get(), i) == SQLITE_NULL;
}
int Statement::columnType(int i) const {
    return sqlite3_column_type(stmt_.get(), i);
}
std::int64_t Statement::columnInt64(int i) const {
    return sqlite3_column_int64(stmt_.get(), i);
}
double Statement::columnDouble(int i) const {
    return sqlite3_column_double(stmt_.get(), i);
}
std::string Statement::columnText(int i) const {
    const auto* text = sqlite3_column_text(stmt_.get(), i);
    if (!text) return {};
    return std::string(reinterpret_cast<const char*>(text),
                       static_cast<std::size_t>(sqlite3_column_bytes(stmt_.get(), i)));
}
std::optional<double> Statement::columnOptionalDouble(int i) const {
    if (isNull(i)) return std::nullopt;
    return columnDouble(i);
}
std::pair<const unsigned char*, std::size_t> Statement::columnBlob(int i) const {
    const auto* data = static_cast<const unsigned char*>(sqlite3_column_blob(stmt_.get(), i));
    return {data, static_cast<std::size_t>(sqlite3_column_bytes(stmt_.get(), i))};
}

// ----------------------------------------------------------------- Database

Database::Database(std::unique_ptr<sqlite3, SqliteCloser> db, std::string path)
    : db_(std::move(db)), path_(std::move(path)), ownerThread_(currentThreadSerial()) {}

Database::~Database() = default;

Database& Database::operator=(Database&& other) noexcept {
    if (this == &other) return *this;
    db_.reset();               // close the connection first …
    spatialiteCache_.reset();  // … then release the SpatiaLite cache it used
    db_ = std::move(other.db_);
    spatialiteCache_ = std::move(other.spatialiteCache_);
    path_ = std::move(other.path_);
    ownerThread_ = other.ownerThread_;
    return *this;
}

void Database::checkThread(std::string_view what) const {
    if (!db_) throw Error(ErrorKind::Database, "the connection is closed", path_);
    if (ownerThread_ != currentThreadSerial())
        throw Error(ErrorKind::Database,
                    std::string(what) +
                        " on a connection opened by another thread (each thread opens its own)",
                    path_);
}

std::optional<Database> Database::tryOpen(const std::string& path, Mode mode, std::string* error) {
    try {
        return open(path, mode);
    } catch (const Error& e) {
        if (error) *error = e.what();
        return std::nullopt;
    }
}

Database Database::open(const std::string& path, Mode mode) {
    std::error_code ec;
    if (mode != Mode::Create) {
        if (!std::filesystem::exists(path, ec))
            throw Error(ErrorKind::Io, "database file does not exist", path);
        if (std::filesystem::is_directory(path, ec))
            throw Error(ErrorKind::Io, "database path is a directory", path);
    }
    // NOMUTEX: a connection is only ever used by the thread that opened it
    // (checkThread), so SQLite's per-connection mutex would only cost time.
    int flags = SQLITE_OPEN_NOMUTEX;
    switch (mode) {
        case Mode::ReadOnly:
            flags |= SQLITE_OPEN_READONLY;
            break;
        case Mode::ReadWrite:
            flags |= SQLITE_OPEN_READWRITE;
            break;
        case Mode::Create:
            flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
            break;
    }
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    std::unique_ptr<sqlite3, SqliteCloser> db(raw);
    if (rc != SQLITE_OK) {
        std::string msg = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
        throw Error(ErrorKind::Database, "cannot open database: " + msg, path);
    }
    sqlite3_extended_result_codes(db.get(), 1);
    // Another process may hold a write lock briefly; wait, but never forever.
    sqlite3_busy_timeout(db.get(), 2000);
    Database result(std::move(db), path);
    // Touch the schema so "file is not a database" surfaces here, not later.
    auto check = result.prepare("SELECT count(*) FROM sqlite_master");
    check.step();
    return result;
}

void Database::loadSpatialite() {
    checkThread("loadSpatialite");
    if (spatialiteCache_) return;
    void* cache = spatialite_alloc_connection();
    if (!cache) throw Error(ErrorKind::Database, "cannot allocate SpatiaLite connection", path_);
    spatialiteCache_.reset(cache);
    spatialite_init_ex(db_.get(), cache, 0);
}

void Database::exec(std::string_view sql) {
    checkThread("exec");
    char* message = nullptr;
    const std::string text(sql);
    if (sqlite3_exec(db_.get(), text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        std::string msg = errorMessage(db_.get(), message);
        sqlite3_free(message);
        std::string shown = text.size() > 120 ? text.substr(0, 120) + "…" : text;
        throw Error(ErrorKind::Database, msg + " (SQL: " + shown + ")", path_);
    }
}

Statement Database::prepare(std::string_view sql) {
    checkThread("prepare");
    sqlite3_stmt* raw = nullptr;
    const int rc =
        sqlite3_prepare_v2(db_.get(), sql.data(), static_cast<int>(sql.size()), &raw, nullptr);
    std::unique_ptr<sqlite3_stmt, StatementFinalizer> stmt(raw);
    if (rc != SQLITE_OK || !raw) {
        std::string shown(sql.substr(0, 120));
        throw Error(ErrorKind::Database,
                    std::string(sqlite3_errmsg(db_.get())) + " (SQL: " + shown + ")", path_);
    }
    return Statement(std::move(stmt), std::string(sql), path_);
}

namespace {
struct BlobCloser {
    void operator()(sqlite3_blob* blob) const noexcept { sqlite3_blob_close(blob); }
};
}  // namespace

std::size_t Database::readBlob(std::string_view table, std::string_view column, std::int64_t rowid,
                               const std::function<void*(std::size_t)>& destination) {
    checkThread("readBlob");
    const std::string t(table), c(column);
    sqlite3_blob* raw = nullptr;
    if (sqlite3_blob_open(db_.get(), "main", t.c_str(), c.c_str(), rowid, 0, &raw) != SQLITE_OK) {
        sqlite3_blob_close(raw);  // a handle even on failure, or null (no-op)
        throw Error(ErrorKind::Database,
                    std::string(sqlite3_errmsg(db_.get())) + " (blob " + t + "." + c + ")", path_);
    }
    const std::unique_ptr<sqlite3_blob, BlobCloser> blob(raw);
    const int size = sqlite3_blob_bytes(blob.get());
    void* dest = destination(static_cast<std::size_t>(size));
    if (size > 0 && sqlite3_blob_read(blob.get(), dest, size, 0) != SQLITE_OK)
        throw Error(ErrorKind::Database,
                    std::string(sqlite3_errmsg(db_.get())) + " (blob " + t + "." + c + ")", path_);
    return static_cast<std::size_t>(size);
}

bool Database::hasTable(std::string_view table) {
    auto stmt = prepare("SELECT 1 FROM sqlite_master WHERE type IN ('table','view') AND name = ?1");
    stmt.bind(1, table);
    return stmt.step();
}

std::vector<std::string> Database::columns(std::string_view table) {
    auto stmt = prepare("SELECT name FROM pragma_table_info(?1)");
    stmt.bind(1, table);
    std::vector<std::string> out;
    while (stmt.step()) out.push_back(stmt.columnText(0));
    return out;
}

std::optional<std::string> Database::queryString(std::string_view sql) {
    auto stmt = prepare(sql);
    if (!stmt.step() || stmt.isNull(0)) return std::nullopt;
    return stmt.columnText(0);
}

std::int64_t Database::queryInt(std::string_view sql) {
    auto stmt = prepare(sql);
    return stmt.step() ? stmt.columnInt64(0) : 0;
}

// -------------------------------------------------------------- Transaction

Transaction::Transaction(Database& db) : db_(db) {
    db_.exec("BEGIN");
}
Transaction::~Transaction() {
    if (!done_) {
        try {
            db_.exec("ROLLBACK");
        } catch (...) {  // NOLINT(bugprone-empty-catch): nothing sane to do in a destructor
        }
    }
}
void Transaction::commit() {
    db_.exec("COMMIT");
    done_ = true;
}

}  // namespace jinmap
