#pragma once
// Live view (issue 14 item 7): tells a reader that another process changed a
// workspace (an import, the command line, a second viewer) without reading
// the data. poll() costs one PRAGMA on a dedicated read-only connection
// (SQLite's data_version moves when another connection commits) and a stat()
// of the file (a database renamed over it); the change log's max(rev) is read
// only when something changed. The viewer calls poll() from a QTimer
// (≤ 250 ms) and reloads when it returns true.
//
// A PostGIS name (postgresql://…, service=…) is watched by LISTEN on the
// server instead (data/pg_change_watcher.h): poll() is true once the local
// replica took another planner's change; connected()/status() tell a lost
// connection, which poll() retries with a growing delay.
//
// Threading rule: a ChangeWatcher belongs to the thread that made it.
#include <cstdint>
#include <memory>
#include <string>

namespace jinmap {
class Database;
}

namespace jinmap::data {

class PgChangeWatcher;

class ChangeWatcher {
  public:
    // Opens its own read-only connection to `path` (a workspace or a
    // reference). Throws Error(Io) when the file does not exist. For a
    // PostGIS name: LISTENs on the server and keeps its replica (built on
    // `reference`) current; Error(Io) when the server is down and there is
    // no replica yet.
    explicit ChangeWatcher(std::string path, std::string reference = {});
    ~ChangeWatcher();
    ChangeWatcher(const ChangeWatcher&) = delete;
    ChangeWatcher& operator=(const ChangeWatcher&) = delete;

    // True when the file changed since the last poll (or since construction):
    // a commit by another connection, or the file replaced. Never throws for
    // a file that is briefly missing (a rename in progress): returns false.
    bool poll();
    // The highest change-log rev seen (0: none, or a reference).
    std::int64_t lastRev() const { return lastRev_; }
    // How many changes poll() has reported.
    std::int64_t changes() const { return changes_; }
    const std::string& path() const { return path_; }
    // The file to read what changed from: `path`, or a PostGIS name's replica.
    const std::string& readPath() const;
    // False while a PostGIS server cannot be reached (what is read is the
    // last replica); always true for a file.
    bool connected() const;
    // Why the connection is down (empty when connected).
    std::string status() const;

  private:
    void open();
    std::int64_t readRev();
    std::string path_;
    std::unique_ptr<Database> db_;
    std::unique_ptr<PgChangeWatcher> pg_;
    std::int64_t dataVersion_ = 0;
    std::int64_t lastRev_ = 0;
    std::int64_t changes_ = 0;
    std::uint64_t device_ = 0, inode_ = 0;
    bool hasLog_ = false;
};

}  // namespace jinmap::data
