#pragma once
// Editing on the map (issue 14 items 1, 4 and 7, the viewer's side): the
// viewer works on a planner's workspace, and its town and figure edits,
// moves and deletions go through the same data::Workspace calls as
// `jinmap town|figure …` and imports (same validation; an error is shown and
// nothing is written). Undo and redo use the change log: undo reverts the
// newest change set made in this session (Workspace::revert), redo reverts
// that revert. A data::ChangeWatcher, polled every 200 ms, reloads the viewer
// when another process commits to the file (or replaces it); the viewer's own
// commits, reloaded already, are recognised by their rev and skipped.
// Threads: GUI thread only. The workspace stays open read-write between
// edits (each edit is one transaction; no lock is held in between) and is
// opened afresh after another program's change or an error, so its caches
// are never stale.
#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QString>
#include <QTimer>
#include <QVariantList>
#include <QVariantMap>
#include <cstdint>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

namespace jinmap::data {
class ChangeWatcher;
class PgEditSession;
class Workspace;
}  // namespace jinmap::data

namespace jinmap::viewer {

class Controller;
struct ViewerOptions;

// Chooses the viewer's database when none was given (--db, $JINMAP_DB): the
// workspace at $JINMAP_WORKSPACE or Workspace::defaultPath(), created from
// the reference (`reference`) on first start. Returns what the status bar
// should say about it (empty: nothing to say).
QString chooseWorkspace(ViewerOptions& options, const QString& reference);

class WorkspaceEditor : public QObject {
    Q_OBJECT
    Q_PROPERTY(bool editable READ editable NOTIFY stateChanged)
    // Why editing is off (the reference, a read-only file…); empty when editable.
    Q_PROPERTY(QString readOnlyReason READ readOnlyReason NOTIFY stateChanged)
    Q_PROPERTY(QString workspacePath READ workspacePath NOTIFY stateChanged)
    Q_PROPERTY(bool canUndo READ canUndo NOTIFY historyChanged)
    Q_PROPERTY(bool canRedo READ canRedo NOTIFY historyChanged)
    Q_PROPERTY(QString undoText READ undoText NOTIFY historyChanged)
    Q_PROPERTY(QString redoText READ redoText NOTIFY historyChanged)
    // Milliseconds: the last undo or redo's revert in the workspace, and the
    // last reload of what the viewer shows (after an edit or an outside change).
    Q_PROPERTY(double lastUndoMs READ lastUndoMs NOTIFY historyChanged)
    Q_PROPERTY(double lastReloadMs READ lastReloadMs NOTIFY reloaded)
    Q_PROPERTY(int reloadCount READ reloadCount NOTIFY reloaded)
    // A newer installed reference (issue 14 item 5): true while the start's
    // question is open. The summary: fromVersion, toVersion, added, changed,
    // removed, conflicts; the entries: kind, kindLabel, subject, details.
    Q_PROPERTY(bool upgradeOffered READ upgradeOffered NOTIFY upgradeChanged)
    Q_PROPERTY(QVariantMap upgradeSummary READ upgradeSummary NOTIFY upgradeChanged)
    Q_PROPERTY(QVariantList upgradeEntries READ upgradeEntries NOTIFY upgradeChanged)

  public:
    explicit WorkspaceEditor(Controller* controller, QObject* parent = nullptr);
    ~WorkspaceEditor() override;

    // Looks at the controller's database: a workspace is editable (and
    // watched for outside changes), the reference is not (and says why).
    void attach(const QString& path);
    // A PostGIS workspace (issue 15): `replica` is what the viewer reads;
    // edits are replayed on `server` (data::PgEditSession: a row changed
    // there meanwhile is refused with both versions, a reader's write is
    // refused by the server); LISTEN/NOTIFY reloads the view within a
    // second of another planner's commit. With the server down: the last
    // copy, read-only, said so, and reconnected when it is back.
    void attachServer(const QString& server, const QString& replica, const QString& reference);
    bool onServer() const { return !server_.isEmpty(); }
    // False while the PostGIS server cannot be reached.
    bool serverConnected() const;

    bool editable() const { return readOnlyReason_.isEmpty() && !path_.isEmpty(); }
    QString readOnlyReason() const { return readOnlyReason_; }
    QString workspacePath() const { return path_; }
    bool canUndo() const { return !undo_.empty(); }
    bool canRedo() const { return !redo_.empty(); }
    QString undoText() const;
    QString redoText() const;
    double lastUndoMs() const { return lastUndoMs_; }
    double lastReloadMs() const { return lastReloadMs_; }
    int reloadCount() const { return reloadCount_; }
    // How many outside changes the watcher reported, and how many of them
    // were this viewer's own commits (skipped: reloaded already).
    int outsideChanges() const { return outsideChanges_; }
    int ownChangesSkipped() const { return ownChangesSkipped_; }

    // At start: when `reference` (the installed reference data) is another
    // data version than the workspace was made from, a dry run's report is
    // offered (upgradeOffered). Asked once a session; never for a read-only
    // database or the reference itself.
    void offerUpgrade(const QString& reference);
    bool upgradeOffered() const { return upgradeOffered_; }
    QVariantMap upgradeSummary() const { return upgradeSummary_; }
    QVariantList upgradeEntries() const { return upgradeEntries_; }
    // Merges the offered reference (one transaction) and reloads the map;
    // "" when done, else why nothing was written.
    Q_INVOKABLE QString applyUpgrade();
    // "Later": not asked again in this session.
    Q_INVOKABLE void postponeUpgrade();
    // The conflicts upgrades left for review, latest first: subject, note,
    // fields {field, referenceBefore, referenceAfter, planner}.
    Q_INVOKABLE QVariantList upgradeConflicts();

    // What the dialogs show. Town: name, county, city, sector, sector_group,
    // level, level_detail, year_named, source ("" = entered by hand), quote,
    // entered_by, location_precision.
    Q_INVOKABLE QVariantMap townFields(const QString& townId) const;
    // The town's figures: fact_id, label, value, unit, year, scope, company,
    // source, quote, entered_by.
    Q_INVOKABLE QVariantList townFigures(const QString& townId) const;
    // Documents a quote may come from: {id, label}.
    Q_INVOKABLE QVariantList sourceOptions() const;
    // Sector groups (the map's colours): {value, label}.
    Q_INVOKABLE QVariantList sectorGroupOptions() const;

    // Edits: "" when written, else the reason nothing was written. Fields use
    // the import's canonical keys; `reason` goes to the change log.
    Q_INVOKABLE QString addTown(const QVariantMap& fields, const QString& reason);
    Q_INVOKABLE QString updateTown(const QString& townId, const QVariantMap& fields,
                                   const QString& reason);
    // A new place (placed by a user); its county follows the point.
    Q_INVOKABLE QString moveTown(const QString& townId, double lon, double lat,
                                 const QString& reason);
    Q_INVOKABLE QString removeTown(const QString& townId, const QString& reason);
    Q_INVOKABLE QString addFigure(const QString& townId, const QVariantMap& fields,
                                  const QString& reason);
    Q_INVOKABLE QString updateFigure(const QString& factId, const QVariantMap& fields,
                                     const QString& reason);
    Q_INVOKABLE QString removeFigure(const QString& factId, const QString& reason);
    Q_INVOKABLE QString undo();
    Q_INVOKABLE QString redo();

    // Reads the database again into the viewer (the controller's caches).
    void reload();

  signals:
    void stateChanged();
    void historyChanged();
    void reloaded();
    // An edit was written (after the reload): the town it concerns.
    void edited(const QString& townId);
    void upgradeChanged();

  private:
    struct Step {
        std::int64_t rev = 0;  // any rev of the change set
        QString text;          // "add town 某某镇"
        QString townId;
    };
    // Runs `edit` on the workspace opened read-write; "" or the error shown.
    QString write(const QString& text, const QString& townId,
                  const std::function<QString(data::Workspace&)>& edit);
    QString replay(std::vector<Step>& from, std::vector<Step>& to, bool undo);
    data::Workspace& workspace();  // throws jinmap::Error
    // The first and last rev of the change set `ws` itself committed last.
    static std::pair<std::int64_t, std::int64_t> ownRevs(data::Workspace& ws);
    void watch();
    void poll();
    QString writeOnServer(const QString& text, const QString& townId,
                          const std::function<QString(data::Workspace&)>& edit);
    // After a saved change: the map reloaded, `town` selected (unless it is
    // already), `status` shown, history and edit listeners told.
    void showChange(const QString& town, const QString& status);
    // Saves the session on the server; the rev that reverts it (0: nothing saved).
    std::int64_t commitOnServer(data::PgEditSession& session);
    void pollServer();

    Controller* controller_;
    std::unique_ptr<data::Workspace> workspace_;
    QString path_;
    QString readOnlyReason_;
    std::vector<Step> undo_, redo_;
    double lastUndoMs_ = 0, lastReloadMs_ = 0;
    int reloadCount_ = 0;
    std::unique_ptr<data::ChangeWatcher> watcher_;
    QTimer pollTimer_;
    std::uint64_t inode_ = 0;      // of the file the controller opened
    std::int64_t ownLastRev_ = 0;  // the newest rev this viewer wrote
    int outsideChanges_ = 0, ownChangesSkipped_ = 0;
    QString upgradeReference_;
    bool upgradeAsked_ = false, upgradeOffered_ = false;
    QVariantMap upgradeSummary_;
    QVariantList upgradeEntries_;
    QString server_, reference_;
    std::unique_ptr<data::ChangeWatcher> serverWatcher_;
    QTimer serverTimer_;
    bool serverWasConnected_ = true;
    // The revision of each town as its dialog showed it (PostGIS): an edit is
    // based on it, so a change that arrived while the dialog was open is
    // refused rather than overwritten.
    mutable QHash<QString, qint64> shownRevision_;
    qint64 basedOn_ = -1;
};

}  // namespace jinmap::viewer
