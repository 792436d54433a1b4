#include "data/pg_connection.h"

#include <poll.h>

#include <array>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <vector>

#include "base/numbers.h"
#include "data/pq_library.h"

namespace jinmap::data {

void PgConnDeleter::operator()(pg_conn* conn) const noexcept {
    pq().PQfinish(conn);
}

void PgResultDeleter::operator()(pg_result* result) const noexcept {
    pq().PQclear(result);
}

PgError::PgError(ErrorKind kind, const std::string& message, std::string sqlstate,
                 const std::string& context)
    : Error(kind, message, context), sqlstate_(std::move(sqlstate)) {}

namespace {

int envInt(const char* name, int fallback) {
    const char* v = std::getenv(name);
    if (!v || !*v) return fallback;
    const auto parsed = parseInteger(v);
    return parsed && *parsed > 0 && *parsed < 86400000 ? static_cast<int>(*parsed) : fallback;
}

// Type oids of the pg_type catalogue (stable across versions).
enum : Oid {
    kBool = 16,
    kBytea = 17,
    kChar = 18,
    kName = 19,
    kInt8 = 20,
    kInt2 = 21,
    kInt4 = 23,
    kText = 25,
    kOid = 26,
    kJson = 114,
    kFloat4 = 700,
    kFloat8 = 701,
    kUnknown = 705,
    kBpchar = 1042,
    kVarchar = 1043,
    kNumeric = 1700,
};

bool isTextOid(Oid oid) {
    return oid == kText || oid == kVarchar || oid == kName || oid == kBpchar || oid == kUnknown ||
           oid == kJson || oid == kChar;
}

std::uint64_t readBigEndian(const char* p, int bytes) {
    std::uint64_t v = 0;
    for (int i = 0; i < bytes; ++i) v = (v << 8) | static_cast<unsigned char>(p[i]);
    return v;
}

std::string formatInt(std::int64_t v) {
    std::array<char, 24> buf{};
    auto r = std::to_chars(buf.data(), buf.data() + buf.size(), v);
    return {buf.data(), r.ptr};
}

// The binary NUMERIC format: ndigits, weight, sign, dscale, then base-10000 digits.
double numericToDouble(const char* p, int length) {
    if (length < 8) throw Error(ErrorKind::Database, "PostgreSQL: truncated numeric value");
    const int ndigits = static_cast<std::int16_t>(readBigEndian(p, 2));
    const int weight = static_cast<std::int16_t>(readBigEndian(p + 2, 2));
    const int sign = static_cast<int>(readBigEndian(p + 4, 2));
    if (sign == 0xC000) return std::nan("");
    if (length < 8 + 2 * ndigits)
        throw Error(ErrorKind::Database, "PostgreSQL: truncated numeric value");
    double v = 0;
    for (int i = 0; i < ndigits; ++i)
        v += static_cast<double>(readBigEndian(p + 8 + 2 * static_cast<std::ptrdiff_t>(i), 2)) *
             std::pow(10000.0, weight - i);
    return sign == 0x4000 ? -v : v;
}

// libpq's message without its trailing newline and "ERROR:  " prefix.
std::string trimMessage(std::string m) {
    while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
    for (const char* prefix : {"ERROR:  ", "FATAL:  "})
        if (m.rfind(prefix, 0) == 0) m.erase(0, std::strlen(prefix));
    return m;
}

std::string sqlSnippet(std::string_view sql) {
    std::string s(sql.substr(0, 160));
    for (char& c : s)
        if (c == '\n') c = ' ';
    if (sql.size() > 160) s += "…";
    return s;
}

}  // namespace

PgOptions defaultPgOptions() {
    PgOptions o;
    o.connectTimeoutSeconds = envInt("JINMAP_PG_CONNECT_TIMEOUT", o.connectTimeoutSeconds);
    o.statementTimeoutMs = envInt("JINMAP_PG_STATEMENT_TIMEOUT", o.statementTimeoutMs);
    return o;
}

void checkPgName(const std::string& name) {
    const std::string refusal =
        "a password does not belong in the database name (it would be seen in the process "
        "list and saved settings); put it in ~/.pgpass or the pg_service.conf service";
    if (name.rfind("service=", 0) == 0) {
        if (name.find("password") != std::string::npos)
            throw Error(ErrorKind::Usage, refusal, "service=…");
        return;
    }
    const auto scheme = name.find("://");
    if (scheme == std::string::npos) return;
    const auto authorityEnd = name.find_first_of("/?", scheme + 3);
    const std::string authority =
        name.substr(scheme + 3, authorityEnd == std::string::npos ? std::string::npos
                                                                  : authorityEnd - scheme - 3);
    const auto at = authority.rfind('@');
    const bool userHasPassword =
        at != std::string::npos && authority.substr(0, at).find(':') != std::string::npos;
    const auto query = name.find('?', scheme);
    const bool queryHasPassword =
        query != std::string::npos && name.find("password=", query) != std::string::npos;
    if (userHasPassword || queryHasPassword)
        throw Error(ErrorKind::Usage, refusal, name.substr(0, scheme + 3) + "…");
}

std::string rewritePlaceholders(std::string_view sql) {
    std::string out;
    out.reserve(sql.size() + 8);
    int sequential = 0;
    char quote = 0;
    for (std::size_t i = 0; i < sql.size(); ++i) {
        const char c = sql[i];
        if (quote) {
            out += c;
            if (c == quote) quote = 0;  // a doubled quote reopens at once
            continue;
        }
        if (c == '\'' || c == '"') {
            quote = c;
            out += c;
            continue;
        }
        if (c != '?') {
            out += c;
            continue;
        }
        out += '$';
        std::size_t j = i + 1;
        while (j < sql.size() && sql[j] >= '0' && sql[j] <= '9') ++j;
        if (j == i + 1) {
            out += formatInt(++sequential);
        } else {
            out.append(sql.substr(i + 1, j - i - 1));
            i = j - 1;
        }
    }
    return out;
}

// ------------------------------------------------------------------ session

// The libpq connection and what every query needs of it; shared by the
// Connection and its Queries so a Query never outlives its PGconn.
struct PgSession {
    PgConnHandle conn;
    std::string description;
    std::thread::id owner;
    int statementTimeoutMs = 0;
    long statements = 0;

    void checkThread() const {
        if (std::this_thread::get_id() != owner)
            throw Error(ErrorKind::Database,
                        "a PostgreSQL connection was used from another thread than the one that "
                        "opened it",
                        description);
    }

    [[noreturn]] void fail(const PGresult* result, std::string_view sql) const {
        std::string sqlstate, message;
        if (result) {
            if (const char* s = pq().PQresultErrorField(result, PG_DIAG_SQLSTATE)) sqlstate = s;
            if (const char* m = pq().PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY))
                message = m;
            if (const char* d = pq().PQresultErrorField(result, PG_DIAG_MESSAGE_DETAIL))
                message += std::string(" (") + d + ")";
        }
        if (message.empty()) message = trimMessage(pq().PQerrorMessage(conn.get()));
        const std::string context = description + " — " + sqlSnippet(sql);
        if (pq().PQstatus(conn.get()) == CONNECTION_BAD)
            throw PgError(ErrorKind::Io,
                          "the connection to the PostgreSQL server was lost (" + message +
                              "); nothing of the unfinished change was saved",
                          sqlstate, description);
        std::string text = "PostgreSQL: " + message;
        if (!sqlstate.empty()) text += " [SQLSTATE " + sqlstate + "]";
        if (sqlstate == "42501")
            text +=
                " — the server refused: your database role may not do this (writing needs "
                "jinmap_editor, changing the schema needs the owner)";
        else if (sqlstate == "57014")
            text += " — the statement ran longer than the statement timeout (" +
                    formatInt(statementTimeoutMs) + " ms) and was cancelled";
        throw PgError(ErrorKind::Database, text, sqlstate, context);
    }

    PgResultHandle run(const char* sql) {
        checkThread();
        PgResultHandle r(pq().PQexec(conn.get(), sql));
        const auto status = pq().PQresultStatus(r.get());
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(r.get(), sql);
        return r;
    }
};

namespace {

class PgQuery final : public Query {
  public:
    PgQuery(std::shared_ptr<PgSession> session, std::string_view sql)
        : session_(std::move(session)), sql_(rewritePlaceholders(sql)) {}
    PgQuery(const PgQuery&) = delete;
    PgQuery& operator=(const PgQuery&) = delete;
    ~PgQuery() override {
        if (name_.empty() || pq().PQstatus(session_->conn.get()) != CONNECTION_OK) return;
        // Outside a failed transaction only: DEALLOCATE would fail there (and
        // the statement goes with the session anyway).
        if (pq().PQtransactionStatus(session_->conn.get()) == PQTRANS_INERROR) return;
        PgResultHandle r(pq().PQexec(session_->conn.get(), ("DEALLOCATE " + name_).c_str()));
    }

    Query& bind(int index, std::nullptr_t) override {
        slot(index).reset();
        return *this;
    }
    Query& bind(int index, std::int64_t value) override {
        slot(index) = formatInt(value);
        formats_[static_cast<std::size_t>(index - 1)] = 0;
        return *this;
    }
    Query& bind(int index, double value) override {
        if (!std::isfinite(value)) return bind(index, nullptr);
        std::array<char, 32> buf{};
        auto r = std::to_chars(buf.data(), buf.data() + buf.size(), value);
        slot(index) = std::string(buf.data(), r.ptr);
        formats_[static_cast<std::size_t>(index - 1)] = 0;
        return *this;
    }
    Query& bind(int index, std::string_view text) override {
        slot(index) = std::string(text);
        formats_[static_cast<std::size_t>(index - 1)] = 0;
        return *this;
    }
    Query& bindBlob(int index, const void* data, std::size_t size) override {
        slot(index) = std::string(static_cast<const char*>(data), size);
        formats_[static_cast<std::size_t>(index - 1)] = 1;  // bytea, binary
        return *this;
    }

    bool step() override {
        session_->checkThread();
        if (!result_) execute();
        return ++row_ < rows_;
    }
    void reset() override {
        result_.reset();
        row_ = -1;
        rows_ = 0;
    }

    int columnCount() const override { return result_ ? pq().PQnfields(result_.get()) : 0; }
    std::string columnName(int i) const override {
        const char* n = result_ ? pq().PQfname(result_.get(), i) : nullptr;
        return n ? n : "";
    }
    bool isNull(int i) const override { return pq().PQgetisnull(result_.get(), row_, i) != 0; }

    std::int64_t columnInt64(int i) const override {
        if (isNull(i)) return 0;
        const char* p = pq().PQgetvalue(result_.get(), row_, i);
        const int n = pq().PQgetlength(result_.get(), row_, i);
        switch (pq().PQftype(result_.get(), i)) {
            case kBool:
                return p[0] != 0 ? 1 : 0;
            case kInt2:
                return static_cast<std::int16_t>(readBigEndian(p, 2));
            case kInt4:
            case kOid:
                return static_cast<std::int32_t>(readBigEndian(p, 4));
            case kInt8:
                return static_cast<std::int64_t>(readBigEndian(p, 8));
            case kFloat4:
            case kFloat8:
            case kNumeric:
                return static_cast<std::int64_t>(columnDouble(i));
            default:
                if (isTextOid(pq().PQftype(result_.get(), i)))
                    return parseInteger(std::string_view(p, static_cast<std::size_t>(n)))
                        .value_or(0);
                throw typeError(i, "an integer");
        }
    }

    double columnDouble(int i) const override {
        if (isNull(i)) return 0;
        const char* p = pq().PQgetvalue(result_.get(), row_, i);
        const int n = pq().PQgetlength(result_.get(), row_, i);
        switch (pq().PQftype(result_.get(), i)) {
            case kFloat4: {
                const auto bits = static_cast<std::uint32_t>(readBigEndian(p, 4));
                float f = 0;
                std::memcpy(&f, &bits, sizeof f);
                return f;
            }
            case kFloat8: {
                const auto bits = readBigEndian(p, 8);
                double d = 0;
                std::memcpy(&d, &bits, sizeof d);
                return d;
            }
            case kNumeric:
                return numericToDouble(p, n);
            case kBool:
            case kInt2:
            case kInt4:
            case kInt8:
            case kOid:
                return static_cast<double>(columnInt64(i));
            default:
                if (isTextOid(pq().PQftype(result_.get(), i)))
                    return parseNumber(std::string_view(p, static_cast<std::size_t>(n)))
                        .value_or(0.0);
                throw typeError(i, "a number");
        }
    }

    std::string columnText(int i) const override {
        if (isNull(i)) return {};
        const Oid oid = pq().PQftype(result_.get(), i);
        const char* p = pq().PQgetvalue(result_.get(), row_, i);
        const int n = pq().PQgetlength(result_.get(), row_, i);
        if (isTextOid(oid) || oid == kBytea) return {p, static_cast<std::size_t>(n)};
        switch (columnKind(i)) {
            case 'i':
                return formatInt(columnInt64(i));
            case 'r':
                return formatNumber(columnDouble(i), 17);
            default:
                throw typeError(i, "text");
        }
    }

    std::pair<const unsigned char*, std::size_t> columnBlob(int i) const override {
        if (isNull(i)) return {nullptr, 0};
        return {reinterpret_cast<const unsigned char*>(pq().PQgetvalue(result_.get(), row_, i)),
                static_cast<std::size_t>(pq().PQgetlength(result_.get(), row_, i))};
    }

    Geometry columnGeometry(int i) const override {
        if (isNull(i)) return {};
        auto [data, size] = columnBlob(i);
        if (pq().PQftype(result_.get(), i) == kBytea) return parseWkb(data, size);
        // A geometry column read as it is: binary geometry is EWKB; drop its
        // SRID (always 4326 in the jinmap schema) to get plain WKB.
        return parseWkb(ewkbToWkb(data, size).data(), ewkbToWkb(data, size).size());
    }

    char columnKind(int i) const override {
        if (isNull(i)) return 'n';
        switch (pq().PQftype(result_.get(), i)) {
            case kBool:
            case kInt2:
            case kInt4:
            case kInt8:
            case kOid:
                return 'i';
            case kFloat4:
            case kFloat8:
            case kNumeric:
                return 'r';
            case kBytea:
                return 'b';
            default:
                return isTextOid(pq().PQftype(result_.get(), i)) ? 't' : 'b';
        }
    }

  private:
    std::optional<std::string>& slot(int index) {
        if (index < 1 || index > 65535)
            throw Error(ErrorKind::Database, "parameter index out of range", sql_);
        if (values_.size() < static_cast<std::size_t>(index)) {
            values_.resize(static_cast<std::size_t>(index));
            formats_.resize(static_cast<std::size_t>(index), 0);
        }
        return values_[static_cast<std::size_t>(index - 1)];
    }

    Error typeError(int column, const char* wanted) const {
        return Error(ErrorKind::Database,
                     "PostgreSQL column " + columnName(column) + " (type oid " +
                         formatInt(pq().PQftype(result_.get(), column)) + ") read as " + wanted,
                     sqlSnippet(sql_));
    }

    static std::vector<unsigned char> ewkbToWkb(const unsigned char* data, std::size_t size) {
        std::vector<unsigned char> out(data, data + size);
        if (size < 9) return out;
        const bool little = data[0] == 1;
        std::uint32_t type = 0;
        for (int k = 0; k < 4; ++k)
            type |= static_cast<std::uint32_t>(data[little ? 1 + k : 4 - k]) << (8 * k);
        constexpr std::uint32_t kSridFlag = 0x20000000;
        if ((type & kSridFlag) == 0) return out;
        type &= ~kSridFlag;
        for (int k = 0; k < 4; ++k)
            out[static_cast<std::size_t>(little ? 1 + k : 4 - k)] =
                static_cast<unsigned char>(type >> (8 * k));
        out.erase(out.begin() + 5, out.begin() + 9);
        return out;
    }

    void execute() {
        PGconn* conn = session_->conn.get();
        if (name_.empty()) {
            std::string name = "jinmap_q" + formatInt(++session_->statements);
            PgResultHandle prepared(pq().PQprepare(conn, name.c_str(), sql_.c_str(), 0, nullptr));
            if (pq().PQresultStatus(prepared.get()) != PGRES_COMMAND_OK)
                session_->fail(prepared.get(), sql_);
            name_ = std::move(name);
        }
        std::vector<const char*> values(values_.size());
        std::vector<int> lengths(values_.size());
        for (std::size_t k = 0; k < values_.size(); ++k) {
            values[k] = values_[k] ? values_[k]->data() : nullptr;
            lengths[k] = values_[k] ? static_cast<int>(values_[k]->size()) : 0;
        }
        result_.reset(pq().PQexecPrepared(conn, name_.c_str(), static_cast<int>(values.size()),
                                          values.data(), lengths.data(), formats_.data(),
                                          /*resultFormat binary*/ 1));
        const auto status = pq().PQresultStatus(result_.get());
        if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
            const PgResultHandle failed = std::move(result_);
            session_->fail(failed.get(), sql_);
        }
        rows_ = status == PGRES_TUPLES_OK ? pq().PQntuples(result_.get()) : 0;
        row_ = -1;
    }

    std::shared_ptr<PgSession> session_;
    std::string sql_;
    std::string name_;
    std::vector<std::optional<std::string>> values_;
    std::vector<int> formats_;
    PgResultHandle result_;
    int row_ = -1, rows_ = 0;
};

}  // namespace

// ------------------------------------------------------------------ connection

std::unique_ptr<PgConnection> PgConnection::open(const std::string& name,
                                                 const PgOptions& options) {
    checkPgName(name);
    const std::string timeout = formatInt(options.connectTimeoutSeconds);
    const std::string serverOptions =
        "-c statement_timeout=" + formatInt(options.statementTimeoutMs) +
        " -c search_path=jinmap,public -c client_min_messages=warning";
    const std::array<const char*, 6> keys = {"dbname",           "connect_timeout", "options",
                                             "application_name", "client_encoding", nullptr};
    const std::array<const char*, 6> values = {name.c_str(), timeout.c_str(), serverOptions.c_str(),
                                               "jinmap",     "UTF8",          nullptr};
    PgConnHandle conn(pq().PQconnectdbParams(keys.data(), values.data(), /*expand_dbname*/ 1));
    if (!conn)
        throw PgError(ErrorKind::Io, "out of memory opening a PostgreSQL connection", {}, "");
    // What the user typed, without anything secret (there is none: checkPgName).
    std::string described = name;
    if (name.rfind("service=", 0) != 0) described = name.substr(0, name.find('?'));
    if (pq().PQstatus(conn.get()) != CONNECTION_OK) {
        std::string message = trimMessage(pq().PQerrorMessage(conn.get()));
        for (std::size_t at; (at = message.find("\n\t")) != std::string::npos;)
            message.replace(at, 2, " ");
        if (message.find("password") != std::string::npos)
            message += " (the password comes from ~/.pgpass or the pg_service.conf service)";
        throw PgError(ErrorKind::Io, "cannot connect to the PostgreSQL server: " + message, {},
                      described);
    }
    std::unique_ptr<PgConnection> c(new PgConnection());
    c->session_ = std::make_shared<PgSession>();
    c->session_->conn = std::move(conn);
    c->session_->owner = std::this_thread::get_id();
    c->session_->statementTimeoutMs = options.statementTimeoutMs;
    const char* user = pq().PQuser(c->session_->conn.get());
    const char* host = pq().PQhost(c->session_->conn.get());
    const char* port = pq().PQport(c->session_->conn.get());
    const char* db = pq().PQdb(c->session_->conn.get());
    std::string resolved = std::string("postgresql://") + (user ? user : "") + "@" +
                           (host ? host : "") + ":" + (port ? port : "") + "/" + (db ? db : "");
    c->session_->description =
        name.rfind("service=", 0) == 0 ? name + " (" + resolved + ")" : resolved;
    return c;
}

PgConnection::~PgConnection() = default;

std::unique_ptr<Query> PgConnection::prepare(std::string_view sql) {
    session_->checkThread();
    return std::make_unique<PgQuery>(session_, sql);
}

void PgConnection::exec(std::string_view sql) {
    session_->run(std::string(sql).c_str());
}

std::string PgConnection::describe() const {
    return session_->description;
}

bool PgConnection::hasTable(std::string_view table) {
    auto q = prepare("SELECT to_regclass(?1) IS NOT NULL");
    const std::string qualified = table.find('.') == std::string_view::npos
                                      ? "jinmap." + std::string(table)
                                      : std::string(table);
    q->bind(1, qualified);
    return q->step() && q->columnInt64(0) != 0;
}

void PgConnection::begin() {
    exec("BEGIN");
}

void PgConnection::commit() {
    exec("COMMIT");
}

void PgConnection::rollback() noexcept {
    if (!session_ || pq().PQstatus(session_->conn.get()) != CONNECTION_OK) return;
    const PgResultHandle r(pq().PQexec(session_->conn.get(), "ROLLBACK"));
}

std::string PgConnection::pointSql(int lonIndex, int latIndex) const {
    return "ST_SetSRID(ST_MakePoint(?" + formatInt(lonIndex) + "::double precision, ?" +
           formatInt(latIndex) + "::double precision), 4326)";
}

std::string PgConnection::geometryColumnSql(std::string_view column) const {
    return "ST_AsBinary(" + std::string(column) + ")";
}

std::string PgConnection::currentUser() {
    return queryString("SELECT current_user::text").value_or(std::string());
}

void PgConnection::listen(std::string_view channel) {
    session_->checkThread();
    const std::unique_ptr<char, decltype(&PQfreemem)> quoted(
        pq().PQescapeIdentifier(session_->conn.get(), channel.data(), channel.size()),
        pq().PQfreemem);
    if (!quoted) session_->fail(nullptr, "LISTEN");
    exec("LISTEN " + std::string(quoted.get()));
}

std::optional<PgNotification> PgConnection::waitForNotification(int timeoutMs) {
    session_->checkThread();
    PGconn* conn = session_->conn.get();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    for (;;) {
        if (pq().PQconsumeInput(conn) == 0) session_->fail(nullptr, "LISTEN");
        if (PGnotify* n = pq().PQnotifies(conn)) {
            PgNotification out{n->relname ? n->relname : "", n->extra ? n->extra : "", n->be_pid};
            pq().PQfreemem(n);
            return out;
        }
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                              deadline - std::chrono::steady_clock::now())
                              .count();
        if (left <= 0) return std::nullopt;
        pollfd fd{pq().PQsocket(conn), POLLIN, 0};
        if (::poll(&fd, 1, static_cast<int>(left)) < 0 && errno != EINTR)
            session_->fail(nullptr, "LISTEN");
    }
}

}  // namespace jinmap::data
