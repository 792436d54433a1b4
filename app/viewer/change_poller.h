#pragma once
// Tells the viewer that another connection (another process's import, a
// `jinmap town add`, the viewer's own edits) committed to the database file
// (issue 14 item 7). It asks SQLite's PRAGMA data_version on a small
// dedicated read-only connection every `intervalMs`: the value changes when
// any other connection has committed since the last look, and asking costs
// microseconds (no table is read). Kept to this one class so that a core
// change watcher can take its place.
// Threads: lives on the GUI thread; its connection is opened and used there.
#include <QObject>
#include <QString>
#include <QTimer>
#include <cstdint>
#include <memory>

namespace jinmap {
class Database;
}

namespace jinmap::viewer {

class ChangePoller : public QObject {
    Q_OBJECT
  public:
    explicit ChangePoller(QObject* parent = nullptr);
    ~ChangePoller() override;

    // Starts watching `path` (stops watching the previous file); false, and
    // no watching, when the file cannot be opened.
    bool watch(const QString& path, int intervalMs = 200);
    void stop();
    bool watching() const { return db_ != nullptr; }
    // Takes the current state as seen: a change already handled (the
    // viewer's own edit, just reloaded) is not announced again.
    void acknowledge();

  signals:
    // Something was committed since the last look.
    void changed();

  private:
    void poll();
    std::int64_t dataVersion();

    std::unique_ptr<Database> db_;
    QTimer timer_;
    std::int64_t seen_ = -1;
};

}  // namespace jinmap::viewer
