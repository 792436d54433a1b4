#pragma once
// A planner's workspace (issue 14): a SpatiaLite copy of the read-only
// reference with every editable row marked (origin, revision, modified_by,
// modified_at, deleted) and every change in change_log (author, time, reason,
// whole row before and after as JSON). Edits from the command line, imports
// and reverts all go through here, validated alike (known county, known
// level, a value with a number, a quote found in its source document or
// "entered by hand" with its author), each in one transaction.
//
// Threading rule: a Workspace owns one read-write Connection and belongs to
// the thread that opened it. Readers (summary, render, the viewer) open the
// workspace file through GeoDatabase, which hides deleted rows.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "data/connection.h"
#include "data/import_batch.h"

namespace jinmap {
class GeoDatabase;
}

namespace jinmap::data {

inline constexpr int kWorkspaceSchemaVersion = 1;

// Tables a planner edits; each carries the workspace columns.
const std::vector<std::string>& editableTables();

// Field values keyed as in ImportRow (canonical keys).
using Fields = std::map<std::string, std::string>;

struct FieldChange {
    std::string field, before, after;
};

struct DiffEntry {
    enum class Kind { Added, Changed, Unchanged, Rejected };
    Kind kind = Kind::Added;
    std::string file;
    int row = 0;
    std::string subject;  // e.g. "town 太谷玛钢专业镇 (太谷区)"
    std::vector<FieldChange> changes;
    std::string reason;  // Rejected: "file:row: reason"
};
const char* diffKindName(DiffEntry::Kind kind) noexcept;

struct ApplyOptions {
    bool dryRun = false;
    bool skipInvalid = false;
    std::string reason;  // recorded in the change log
    // Called for each row's outcome as it is decided (bounded memory).
    std::function<void(const DiffEntry&)> onEntry;
};

struct ApplyResult {
    std::int64_t added = 0, changed = 0, unchanged = 0, rejected = 0;
    std::int64_t batch = 0;  // change_log batch id (0: nothing written)
    bool written = false;
};

struct ChangeEntry {
    std::int64_t rev = 0, batch = 0;
    std::string author, at, reason, action, table, subjectId;
    std::string beforeJson, afterJson;  // empty for none
    // Field-level differences (bookkeeping columns left out).
    std::vector<FieldChange> changes() const;
};

struct SourceDocument {
    std::string id, file, title, publisher, date, sha256, kind;
    std::size_t characters = 0;  // of the normalised text
};

// A new reference merged into a workspace (jinmap workspace upgrade): what
// the reference changed, row by row, and where the planner's row stays.
struct UpgradeEntry {
    enum class Kind {
        Added,    // a row the new reference adds
        Changed,  // a row the planner had not edited: the reference's new values
        Removed,  // a row the reference drops (kept, marked deleted)
        Conflict  // both changed it: the planner's row stays, listed for review
    };
    Kind kind = Kind::Added;
    std::string table, id;
    std::string subject;               // e.g. "town 太谷玛钢专业镇 (T-JZ-TAIGU-MALLEABLE)"
    std::vector<FieldChange> changes;  // the reference's change: field old → new
    std::map<std::string, std::string> planner;  // Conflict: the planner's value of each field
    std::string note;                            // Conflict: what each side did
};
const char* upgradeKindName(UpgradeEntry::Kind kind) noexcept;

struct UpgradeOptions {
    bool dryRun = false;
    std::string reason;
};

struct UpgradeReport {
    std::string reference;  // the new reference's file
    std::string fromVersion, toVersion;
    bool upToDate = false;  // the workspace is on that data version already
    std::vector<UpgradeEntry> entries;
    std::vector<std::string> refreshedTables;  // reference-only tables replaced (counties …)
    std::vector<std::string> addedColumns;     // "table.column" the new reference brings
    std::int64_t added = 0, changed = 0, removed = 0, conflicts = 0;
    std::int64_t batch = 0;  // change_log batch (0: nothing written)
    bool written = false;
};

// Whether an installed reference is newer than the one a workspace was made
// from (data_version differs). Cheap: two small reads, no schema checks; for
// the viewer's start.
struct UpgradeCheck {
    std::string workspaceVersion, referenceVersion;
    bool available = false;
};
UpgradeCheck checkUpgrade(const std::string& workspace, const std::string& reference);

class Workspace {
  public:
    // Copies `reference` to `target` and adds the workspace tables and
    // columns; the file appears complete or not at all. Throws Error(Io) when
    // target exists.
    static void create(const std::string& reference, const std::string& target);
    // Opens a workspace read-write. Throws Error(Schema) for a file that is
    // not one, Error(Io) when it is read-only or locked by another writer.
    static std::unique_ptr<Workspace> open(const std::string& path);
    static bool isWorkspace(const std::string& path);
    // $XDG_DATA_HOME/jinmap/workspace.sqlite (or ~/.local/share/…).
    static std::string defaultPath();
    // JINMAP_AUTHOR, else the configured name (QSettings jinmap/author), else the OS user.
    static std::string currentAuthor();

    ~Workspace();
    Workspace(const Workspace&) = delete;
    Workspace& operator=(const Workspace&) = delete;

    Connection& connection() { return *connection_; }
    const std::string& path() const { return path_; }
    std::string meta(const std::string& key);

    // Edits (each one change set = one batch in the change log).
    std::string addTown(const Fields& fields, const std::string& reason);
    void updateTown(const std::string& town, const Fields& fields, const std::string& reason);
    void removeTown(const std::string& town, const std::string& reason);
    std::string addFigure(const Fields& fields, const std::string& reason);
    void updateFigure(const std::string& factId, const Fields& fields, const std::string& reason);
    void removeFigure(const std::string& factId, const std::string& reason);

    // A source document (text, HTML or PDF) with its extracted text.
    SourceDocument addSource(const std::string& file, const Fields& meta,
                             const std::string& reason);
    std::vector<SourceDocument> sources();

    // An import: validated row by row, written in one transaction (nothing
    // when a row is rejected and !skipInvalid, or on dryRun).
    ApplyResult apply(const ImportBatch& batch, const ApplyOptions& options);
    // The same in chunks (a reader streaming a long file): one transaction
    // from beginImport to finishImport; abortImport (or destruction) rolls back.
    void beginImport(const ApplyOptions& options);
    void importChunk(const ImportBatch& chunk);
    ApplyResult finishImport();
    void abortImport() noexcept;

    // Merges a new reference (three-way, per row: the base is the reference
    // row the workspace last took, the planner's row, the new reference's):
    // reference changes apply where the planner has not edited the row; where
    // both did, the planner's row stays and the conflict is listed. One
    // transaction, logged as action 'upgrade'; reference_data_version set.
    // Nothing written on dryRun or when the workspace is up to date.
    UpgradeReport upgrade(const std::string& reference, const UpgradeOptions& options);
    // The conflicts upgrades left for review (kept in upgrade_conflicts), the
    // latest upgrade's first; each as its report listed it.
    std::vector<UpgradeEntry> upgradeConflicts();

    // Change log since a time (ISO 8601 prefix) or a rev; empty: all.
    std::vector<ChangeEntry> history(const std::string& since = {});
    // Undoes the change set `rev` belongs to; returns the new batch id.
    // Throws Error(Data) when a row has changed since (names the later rev).
    std::int64_t revert(std::int64_t rev, const std::string& reason);
    // The change-log batch of the last change set this Workspace committed
    // (an edit, import, revert or source; an upgrade's is in its report);
    // 0 before the first. Unlike the log's newest batch, never another
    // process's change committed in between.
    std::int64_t lastBatch() const;

    struct Impl;

  private:
    Workspace();
    std::string path_;
    std::unique_ptr<Connection> connection_;
    std::unique_ptr<Impl> impl_;
};

// Hides deleted rows from a reading connection of a workspace: temporary
// views named as the editable tables (and the views built on them) shadow
// the tables for unqualified names. Only tables listed in hidden_row_tables
// (ever held a deleted row) are shadowed, so a connection sees the state of
// when it opened: reopen after a deletion. Does nothing on a reference.
void installLiveViews(Database& database);

}  // namespace jinmap::data
