#include "data/pg_change_watcher.h"

#include <algorithm>

#include "base/error.h"
#include "base/sqlite.h"
#include "data/pg_connection.h"
#include "data/pg_workspace.h"

namespace jinmap::data {

namespace {

constexpr std::chrono::milliseconds kFirstRetry{250};
constexpr std::chrono::milliseconds kMaxRetry{4000};
// A reconnection is tried from the GUI thread's timer: a dead host must not
// freeze the window for the default connect timeout.
constexpr int kReconnectTimeoutSeconds = 2;

}  // namespace

PgChangeWatcher::PgChangeWatcher(std::string server, std::string reference)
    : server_(std::move(server)), reference_(std::move(reference)) {
    replica_ = data::replicaPath(server_);
    if (!connect()) {
        // The last copy, if any: openReplica says there is none with Error(Io).
        const Replica last = openReplica(server_, reference_);
        replica_ = last.path;
    }
    lastRev_ = readRev();
}

PgChangeWatcher::~PgChangeWatcher() = default;

bool PgChangeWatcher::connect() {
    try {
        PgOptions options = defaultPgOptions();
        options.connectTimeoutSeconds =
            std::min(options.connectTimeoutSeconds, kReconnectTimeoutSeconds);
        auto connection = PgConnection::open(server_, options);
        // LISTEN before refreshing: a change committed in between is then
        // both in the refresh and announced (a harmless second refresh).
        connection->listen("jinmap_changes");
        connection_ = std::move(connection);
    } catch (const Error& e) {
        lose(e.message().empty() ? std::string(e.what()) : e.message());
        return false;
    }
    status_.clear();
    backoff_ = kFirstRetry;
    refresh();
    return connection_ != nullptr;
}

void PgChangeWatcher::lose(const std::string& why) {
    connection_.reset();
    status_ = why;
    nextAttempt_ = std::chrono::steady_clock::now() + backoff_;
    backoff_ = std::min(backoff_ * 2, kMaxRetry);
}

bool PgChangeWatcher::refresh() {
    try {
        const Replica replica = openReplica(server_, reference_);
        replica_ = replica.path;
        if (replica.stale) {
            lose(replica.warning);
            return false;
        }
        return replica.refreshed;
    } catch (const Error& e) {
        lose(e.message().empty() ? std::string(e.what()) : e.message());
        return false;
    }
}

std::int64_t PgChangeWatcher::readRev() const {
    try {
        auto db = Database::open(replica_, Database::Mode::ReadOnly);
        if (!db.hasTable("change_log")) return 0;
        return db.queryInt("SELECT coalesce(max(rev), 0) FROM change_log");
    } catch (const Error&) {
        return lastRev_;
    }
}

bool PgChangeWatcher::poll() {
    if (!connection_) {
        if (std::chrono::steady_clock::now() < nextAttempt_) return false;
        if (!connect()) return false;
        ++reconnects_;
        lastRev_ = readRev();
        // Whatever happened while away is in the replica now; the reader
        // reloads once (its status line changes too).
        return true;
    }
    bool notified = false;
    try {
        while (connection_->waitForNotification(0)) notified = true;
    } catch (const Error& e) {
        lose(e.message().empty() ? std::string(e.what()) : e.message());
        return false;
    }
    if (!notified) return false;
    const bool changed = refresh();
    if (changed) lastRev_ = readRev();
    return changed;
}

}  // namespace jinmap::data
