#pragma once
// The live view of a PostGIS workspace (issue 15 item 3/5), behind
// data::ChangeWatcher: LISTEN jinmap_changes on a dedicated connection; each
// poll() looks at the socket without blocking (PQconsumeInput/PQnotifies);
// a notification brings the local replica up to date (openReplica's
// incremental refresh) and only then is reported, so the reader that reloads
// reads the change.
//
// A lost connection is reported as a state (connected() false, status()
// says why) while the last replica stays readable; reconnection is tried
// with a growing delay (0.25 s doubling to 4 s) from poll(), and on success
// the watcher LISTENs again and refreshes the replica (changes made while it
// was away are seen).
//
// Threading rule: belongs to the thread that made it (its connection too).
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

namespace jinmap::data {

class PgConnection;

class PgChangeWatcher {
  public:
    // Connects, LISTENs and brings the replica up to date. With the server
    // down: not connected, the last replica (Error(Io) when there is none).
    PgChangeWatcher(std::string server, std::string reference);
    ~PgChangeWatcher();
    PgChangeWatcher(const PgChangeWatcher&) = delete;
    PgChangeWatcher& operator=(const PgChangeWatcher&) = delete;

    // True when the replica took a change since the last poll (a
    // notification, or a reconnection that found later changes).
    bool poll();
    bool connected() const { return connection_ != nullptr; }
    // Why the connection is down (empty while connected).
    const std::string& status() const { return status_; }
    std::int64_t lastRev() const { return lastRev_; }
    const std::string& replicaPath() const { return replica_; }
    // Reconnections made since construction.
    int reconnects() const { return reconnects_; }

  private:
    bool connect();  // false: down (status_ says why)
    bool refresh();  // true: the replica took changes
    void lose(const std::string& why);
    std::int64_t readRev() const;

    std::string server_, reference_, replica_, status_;
    std::unique_ptr<PgConnection> connection_;
    std::int64_t lastRev_ = 0;
    std::chrono::milliseconds backoff_{250};
    std::chrono::steady_clock::time_point nextAttempt_{};
    int reconnects_ = 0;
};

}  // namespace jinmap::data
