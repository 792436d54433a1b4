#include "data/change_watcher.h"

#include <sys/stat.h>

#include "base/error.h"
#include "base/sqlite.h"
#include "data/connection.h"
#include "data/pg_change_watcher.h"

namespace jinmap::data {

ChangeWatcher::ChangeWatcher(std::string path, std::string reference) : path_(std::move(path)) {
    if (isPostgisName(path_)) {
        pg_ = std::make_unique<PgChangeWatcher>(path_, std::move(reference));
        lastRev_ = pg_->lastRev();
        return;
    }
    open();
}

ChangeWatcher::~ChangeWatcher() = default;

void ChangeWatcher::open() {
    struct stat st {};
    if (::stat(path_.c_str(), &st) != 0)
        throw Error(ErrorKind::Io, "no database file to watch", path_);
    device_ = static_cast<std::uint64_t>(st.st_dev);
    inode_ = static_cast<std::uint64_t>(st.st_ino);
    db_ = std::make_unique<Database>(Database::open(path_, Database::Mode::ReadOnly));
    hasLog_ = db_->hasTable("change_log");
    dataVersion_ = db_->queryInt("PRAGMA data_version");
    lastRev_ = readRev();
}

std::int64_t ChangeWatcher::readRev() {
    return hasLog_ ? db_->queryInt("SELECT coalesce(max(rev), 0) FROM change_log") : 0;
}

const std::string& ChangeWatcher::readPath() const {
    return pg_ ? pg_->replicaPath() : path_;
}

bool ChangeWatcher::connected() const {
    return !pg_ || pg_->connected();
}

std::string ChangeWatcher::status() const {
    return pg_ ? pg_->status() : std::string();
}

bool ChangeWatcher::poll() {
    if (pg_) {
        if (!pg_->poll()) return false;
        lastRev_ = pg_->lastRev();
        ++changes_;
        return true;
    }
    struct stat st {};
    if (::stat(path_.c_str(), &st) != 0) return false;
    if (static_cast<std::uint64_t>(st.st_dev) != device_ ||
        static_cast<std::uint64_t>(st.st_ino) != inode_) {
        // Renamed over (a rebuilt reference, a restored backup): a new file.
        try {
            open();
        } catch (const Error&) {
            return false;  // caught half-way; the next poll sees it whole
        }
        ++changes_;
        return true;
    }
    const std::int64_t version = db_->queryInt("PRAGMA data_version");
    if (version == dataVersion_) return false;
    dataVersion_ = version;
    if (!hasLog_) hasLog_ = db_->hasTable("change_log");
    lastRev_ = readRev();
    ++changes_;
    return true;
}

}  // namespace jinmap::data
