#include "change_poller.h"

#include "base/error.h"
#include "base/sqlite.h"

namespace jinmap::viewer {

ChangePoller::ChangePoller(QObject* parent) : QObject(parent) {
    connect(&timer_, &QTimer::timeout, this, &ChangePoller::poll);
}

ChangePoller::~ChangePoller() = default;

bool ChangePoller::watch(const QString& path, int intervalMs) {
    stop();
    try {
        db_ = std::make_unique<Database>(
            Database::open(path.toStdString(), Database::Mode::ReadOnly));
        seen_ = dataVersion();
    } catch (const Error&) {
        db_.reset();
        return false;
    }
    timer_.start(intervalMs);
    return true;
}

void ChangePoller::stop() {
    timer_.stop();
    db_.reset();
    seen_ = -1;
}

void ChangePoller::acknowledge() {
    if (!db_) return;
    try {
        seen_ = dataVersion();
    } catch (const Error&) {
        // The next poll tries again.
    }
}

std::int64_t ChangePoller::dataVersion() {
    return db_->queryInt("PRAGMA data_version");
}

void ChangePoller::poll() {
    if (!db_) return;
    std::int64_t now = 0;
    try {
        now = dataVersion();
    } catch (const Error&) {
        return;  // busy or briefly unreadable: the next tick looks again
    }
    if (now == seen_) return;
    seen_ = now;
    emit changed();
}

}  // namespace jinmap::viewer
