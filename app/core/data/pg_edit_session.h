#pragma once
// Edits of a PostGIS workspace (issue 15) with optimistic concurrency.
//
// The Workspace class (validation, change log, revert, import) works on a
// SpatiaLite file; rather than a second implementation of all of it in
// PostgreSQL's SQL, an edit session gives it a private copy of the local
// replica (the server's rows as of the session's start), lets it do its
// work there, and commit() replays the resulting change set on the server in
// ONE transaction:
//   * every changed row is written with `WHERE key = ? AND revision = ?`
//     (the revision the session started from); a row changed on the server
//     since is refused — "已被 X 于 T 修改" with the server's and the
//     session's version of each differing field — and nothing is written;
//   * a row added under a key someone else added meanwhile is refused alike;
//   * the change log entries go to the server with author = the database
//     role (current_user), modified_by likewise; the change_log trigger
//     NOTIFYs jinmap_changes on commit;
//   * the server's own refusals (a jinmap_reader writing) come back as PgError.
// The same Workspace validation therefore applies to the server.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/error.h"

namespace jinmap::data {

// A row refused because the server's version moved on.
class EditConflict : public Error {
  public:
    EditConflict(Message message, std::string table, std::string id);
    const std::string& table() const noexcept { return table_; }
    const std::string& id() const noexcept { return id_; }

  private:
    std::string table_, id_;
};

struct PgCommitResult {
    std::int64_t rows = 0;     // rows written on the server
    std::int64_t changes = 0;  // change_log entries added
    std::int64_t batch = 0;    // the server's batch id of the first change set
};

class PgEditSession {
  public:
    // Refreshes the replica of `server` and copies it to a private file.
    // Throws Error(Io) when the server cannot be reached (edits need it).
    PgEditSession(const std::string& server, const std::string& reference);
    ~PgEditSession();
    PgEditSession(const PgEditSession&) = delete;
    PgEditSession& operator=(const PgEditSession&) = delete;

    // The SpatiaLite workspace to open with Workspace::open and edit.
    const std::string& path() const { return path_; }
    // The planner's edit of row `id` of `table` starts from the version shown
    // to them (`revision`), which may be older than the session's copy (a
    // dialog opened before another planner's change arrived): the row is then
    // written only if the server still holds that version, so a change made
    // since it was shown is refused, never overwritten.
    void basedOn(const std::string& table, const std::string& id, std::int64_t revision);
    // Writes the session's changes to the server (one transaction).
    PgCommitResult commit();

  private:
    std::string server_, base_, path_;
    std::int64_t baseRev_ = 0;
};

}  // namespace jinmap::data
