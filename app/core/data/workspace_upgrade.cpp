// jinmap workspace upgrade: a new reference merged into a planner's
// workspace, three ways per row. The base of a row is the reference's row the
// workspace last took: recorded in reference_base by an earlier upgrade, else
// the before_json of the row's first change in the change log (null: a row
// the planner added), else the row itself (never changed). The planner's row
// is the workspace's live row; the reference's is the new file's. A reference
// change applies where the planner's row still equals the base; where both
// changed it differently, the planner's row stays and the conflict is
// reported with both sides.
#include <rapidjson/document.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "base/error.h"
#include "base/numbers.h"
#include "base/sqlite.h"
#include "data/geodatabase.h"
#include "data/workspace.h"

namespace jinmap::data {

namespace detail {
// Defined in workspace.cpp (shared with the edits).
std::string rowJson(const Query& q);
std::string nowUtc();
const char* subjectKeyColumn(const std::string& table);
std::unique_ptr<Transaction> beginWorkspaceWrite(Connection& c, const std::string& path);
void commitWorkspaceWrite(std::unique_ptr<Transaction>& tx, const std::string& path);
}  // namespace detail

namespace {

// What an upgrade changes besides rows — the reference version the workspace
// is at, the base rows of the next merge, whether its conflicts are listed —
// is kept per change set with its before and after, so that reverting the
// upgrade (and reverting that revert: redo) puts them back as it puts back the
// rows. Kinds: meta (workspace_meta key), base (reference_base row),
// conflicts (the listing of one upgrade's conflicts: '1' withdrawn).
struct StateValue {
    bool present = false;
    std::string value;
};

void ensureUpgradeBookkeeping(Connection& c) {
    c.exec(
        "CREATE TABLE IF NOT EXISTS upgrade_bookkeeping (batch INTEGER NOT NULL, kind TEXT NOT "
        "NULL CHECK (kind IN ('meta','base','conflicts')), subject_table TEXT NOT NULL DEFAULT "
        "'', subject_key TEXT NOT NULL, before_present INTEGER NOT NULL, before_value TEXT, "
        "after_present INTEGER NOT NULL, after_value TEXT);"
        "CREATE INDEX IF NOT EXISTS upgrade_bookkeeping_batch ON upgrade_bookkeeping(batch)");
}

void recordState(Connection& c, std::int64_t batch, const std::string& kind,
                 const std::string& table, const std::string& key, const StateValue& before,
                 const StateValue& after) {
    auto q = c.prepare(
        "INSERT INTO upgrade_bookkeeping (batch, kind, subject_table, subject_key, "
        "before_present, before_value, after_present, after_value) VALUES (?1, ?2, ?3, ?4, ?5, "
        "?6, ?7, ?8)");
    q->bind(1, batch).bind(2, kind).bind(3, table).bind(4, key);
    q->bind(5, std::int64_t{before.present}).bindTextOrNull(6, before.value);
    q->bind(7, std::int64_t{after.present}).bindTextOrNull(8, after.value);
    q->run();
}

// reference_base's row_json may be NULL (the reference had no such row), so
// "present" says whether the row exists and value holds its json ('' = NULL).
StateValue currentState(Connection& c, const std::string& kind, const std::string& table,
                        const std::string& key) {
    StateValue v;
    std::unique_ptr<Query> q;
    if (kind == "meta") {
        q = c.prepare("SELECT coalesce(value, '') FROM workspace_meta WHERE key = ?1");
        q->bind(1, key);
    } else if (kind == "base") {
        q = c.prepare(
            "SELECT coalesce(row_json, '') FROM reference_base WHERE subject_table = ?1 AND "
            "subject_key = ?2");
        q->bind(1, table).bind(2, key);
    } else {
        q = c.prepare(
            "SELECT CAST(max(withdrawn) AS TEXT) FROM upgrade_conflicts WHERE batch = CAST(?1 AS "
            "INTEGER) HAVING count(*) > 0");
        q->bind(1, key);
    }
    if (q->step()) {
        v.present = true;
        v.value = q->columnText(0);
    }
    return v;
}

void applyState(Connection& c, const std::string& kind, const std::string& table,
                const std::string& key, const StateValue& v) {
    std::unique_ptr<Query> q;
    if (kind == "meta") {
        q = c.prepare(v.present
                          ? "INSERT OR REPLACE INTO workspace_meta (key, value) VALUES (?1, ?2)"
                          : "DELETE FROM workspace_meta WHERE key = ?1");
        q->bind(1, key);
        if (v.present) q->bind(2, v.value);
    } else if (kind == "base") {
        q = c.prepare(v.present ? "INSERT OR REPLACE INTO reference_base (subject_table, "
                                  "subject_key, row_json) VALUES (?1, ?2, nullif(?3, ''))"
                                : "DELETE FROM reference_base WHERE subject_table = ?1 AND "
                                  "subject_key = ?2");
        q->bind(1, table).bind(2, key);
        if (v.present) q->bind(3, v.value);
    } else {
        q = c.prepare(
            "UPDATE upgrade_conflicts SET withdrawn = ?2 WHERE batch = CAST(?1 AS INTEGER)");
        q->bind(1, key).bind(2, v.value == "1" ? std::int64_t{1} : std::int64_t{0});
    }
    q->run();
}

// upgrade_conflicts of workspaces from before the bookkeeping lack two columns.
void ensureConflictColumns(Connection& c) {
    bool hasBatch = false;
    auto q = c.prepare("SELECT name FROM pragma_table_info('upgrade_conflicts')");
    while (q->step())
        if (q->columnText(0) == "batch") hasBatch = true;
    if (!hasBatch)
        c.exec(
            "ALTER TABLE upgrade_conflicts ADD COLUMN batch INTEGER;"
            "ALTER TABLE upgrade_conflicts ADD COLUMN withdrawn INTEGER NOT NULL DEFAULT 0");
}

}  // namespace

namespace detail {
// Called by Workspace::revert in the revert's transaction: puts back the
// state `batch` changed, checked first against later changes, and records the
// inverse under `revertBatch`.
void revertUpgradeState(Connection& c, std::int64_t batch, std::int64_t revertBatch) {
    if (!c.hasTable("upgrade_bookkeeping")) return;
    struct Entry {
        std::string kind, table, key;
        StateValue before, after;
    };
    std::vector<Entry> entries;
    {
        auto q = c.prepare(
            "SELECT kind, subject_table, subject_key, before_present, coalesce(before_value, ''), "
            "after_present, coalesce(after_value, '') FROM upgrade_bookkeeping WHERE batch = ?1 "
            "ORDER BY rowid DESC");
        q->bind(1, batch);
        while (q->step())
            entries.push_back({q->columnText(0),
                               q->columnText(1),
                               q->columnText(2),
                               {q->columnInt64(3) != 0, q->columnText(4)},
                               {q->columnInt64(5) != 0, q->columnText(6)}});
    }
    for (const auto& e : entries) {
        if (e.kind != "meta") continue;
        const StateValue now = currentState(c, e.kind, e.table, e.key);
        if (now.present != e.after.present || now.value != e.after.value)
            throw Error(ErrorKind::Data,
                        "this upgrade cannot be reverted: the workspace was upgraded again since "
                        "(reference " +
                            now.value + "); revert that upgrade first");
    }
    for (const auto& e : entries) {
        applyState(c, e.kind, e.table, e.key, e.before);
        recordState(c, revertBatch, e.kind, e.table, e.key, e.after, e.before);
    }
}
}  // namespace detail

const char* upgradeKindName(UpgradeEntry::Kind kind) noexcept {
    switch (kind) {
        case UpgradeEntry::Kind::Added:
            return "added";
        case UpgradeEntry::Kind::Changed:
            return "changed";
        case UpgradeEntry::Kind::Removed:
            return "removed";
        case UpgradeEntry::Kind::Conflict:
            return "conflict";
    }
    return "?";
}

namespace {

std::string quoted(const std::string& name) {
    return "\"" + name + "\"";
}

std::string sqlString(const std::string& s) {
    std::string out = "'";
    for (const char c : s) {
        out += c;
        if (c == '\'') out += '\'';
    }
    return out + "'";
}

// Columns that say how the workspace keeps a row, not what the reference says.
bool isWorkspaceColumn(const std::string& c) {
    return c == "origin" || c == "revision" || c == "modified_by" || c == "modified_at" ||
           c == "deleted";
}

// Row numbers the builder assigns in file order: not what a row is.
bool isSurrogate(const std::string& table, const std::string& column) {
    return column == "id" && (table == "town_facts" || table == "provenance");
}

// A cell as comparable text: numbers alike whether stored as integer or real
// (a change log's JSON reads 130.0 back as 130), blobs by their bytes.
std::string canonicalNumber(double v) {
    if (std::isfinite(v) && v == std::floor(v) && std::abs(v) < 1e15)
        return "#" + std::to_string(static_cast<long long>(v));
    return "#" + formatNumber(v, 17);
}

std::string hex(const unsigned char* data, std::size_t size) {
    static const char* digits = "0123456789ABCDEF";
    std::string out;
    out.reserve(size * 2);
    for (std::size_t i = 0; i < size; ++i) {
        out += digits[data[i] >> 4];
        out += digits[data[i] & 0xf];
    }
    return out;
}

std::string cellOf(const Query& q, int i) {
    switch (q.columnKind(i)) {
        case 'i':
            return canonicalNumber(static_cast<double>(q.columnInt64(i)));
        case 'r':
            return canonicalNumber(q.columnDouble(i));
        case 't':
            return "t" + q.columnText(i);
        case 'b': {
            auto [data, size] = q.columnBlob(i);
            return "b" + hex(data, size);
        }
        default:
            return "n";
    }
}

std::string cellOf(const rapidjson::Value& v) {
    if (v.IsString()) return "t" + std::string(v.GetString(), v.GetStringLength());
    if (v.IsInt64()) return canonicalNumber(static_cast<double>(v.GetInt64()));
    if (v.IsNumber()) return canonicalNumber(v.GetDouble());
    if (v.IsObject() && v.HasMember("blob") && v["blob"].IsString())
        return "b" + std::string(v["blob"].GetString(), v["blob"].GetStringLength());
    return "n";
}

// What a planner reads in the report.
std::string display(const std::string& cell) {
    if (cell.empty() || cell == "n") return {};
    if (cell[0] == 'b') return "(geometry " + cell.substr(1, 8) + "…)";
    return cell.substr(1);
}

using Cells = std::map<std::string, std::string>;

struct Side {
    bool present = false;
    Cells cells;
    bool operator==(const Side& o) const {
        return present == o.present && (!present || cells == o.cells);
    }
    bool operator!=(const Side& o) const { return !(*this == o); }
};

Side sideFromJson(const std::string& json, const std::vector<std::string>& columns) {
    Side s;
    rapidjson::Document d;
    d.Parse(json.c_str(), json.size());
    if (d.HasParseError() || !d.IsObject())
        throw Error(ErrorKind::Database, "a malformed row in the change log");
    s.present = true;
    for (const auto& c : columns) {
        const auto m = d.FindMember(c.c_str());
        s.cells[c] = m == d.MemberEnd() ? "n" : cellOf(m->value);
    }
    return s;
}

const std::string& cell(const Cells& c, const std::string& column) {
    static const std::string null = "n";
    const auto it = c.find(column);
    return it == c.end() ? null : it->second;
}

// What a row is across references: its id; a provenance row (numbered in
// file order) by what it says.
std::string naturalKey(const std::string& table, const Cells& c) {
    if (table == "provenance") {
        std::string key;
        for (const char* col : {"subject_table", "subject_id", "field", "source_id", "quote"})
            key += display(cell(c, col)) + '\x1f';
        return key;
    }
    return display(cell(c, detail::subjectKeyColumn(table)));
}

std::string subjectOf(const std::string& table, const Cells& c, const std::string& id) {
    auto v = [&](const char* col) { return display(cell(c, col)); };
    if (table == "towns") return "town " + v("name") + " (" + id + ")";
    if (table == "town_facts") {
        const std::string year = v("year");
        return "figure " + v("town_id") + " · " + v("label") + (year.empty() ? "" : " " + year) +
               " (" + id + ")";
    }
    if (table == "sources") return "source " + id + " " + v("title");
    if (table == "source_texts") return "source text " + id;
    if (table == "provenance")
        return "provenance " + v("subject_table") + " " + v("subject_id") +
               (v("field").empty() ? "" : "." + v("field")) + " ← " + v("source_id");
    if (table == "data_notes") return "note " + id;
    return table.substr(0, table.size() - 1) + " " + id + " " + v("name");
}

struct Slot {
    std::string key;
    Side base, planner, reference;
    std::int64_t wsRowid = 0;   // 0: no row in the workspace (not even deleted)
    std::int64_t refRowid = 0;  // 0: not in the new reference
    std::string wsId;
};

// Reference-only tables: a planner cannot edit them, the new reference's
// rows replace the workspace's when they differ.
const std::vector<std::string>& referenceTables() {
    static const std::vector<std::string> tables = {"metadata",
                                                    "province",
                                                    "prefectures",
                                                    "counties",
                                                    "neighbors",
                                                    "sector_groups",
                                                    "metrics",
                                                    "doc_counts",
                                                    "layout_axes",
                                                    "layout_elements",
                                                    "geometry_store_levels",
                                                    "geometry_store_relations"};
    return tables;
}

std::vector<std::string> tableColumns(Connection& c, const std::string& schema,
                                      const std::string& table) {
    auto q = c.prepare("PRAGMA " + schema + ".table_info(" + quoted(table) + ")");
    std::vector<std::string> out;
    while (q->step()) out.push_back(q->columnText(1));
    return out;
}

// Columns a new reference brings to a table the workspace has: added (with
// the reference's declared type; constraints cannot come with ADD COLUMN) so
// the merge carries their values like any other.
void addReferenceColumns(Connection& c, const std::string& table, std::vector<std::string>& added) {
    const auto have = tableColumns(c, "main", table);
    auto q = c.prepare("PRAGMA ref.table_info(" + quoted(table) + ")");
    while (q->step()) {
        const std::string column = q->columnText(1);
        if (std::find(have.begin(), have.end(), column) != have.end()) continue;
        std::string sql = "ALTER TABLE main." + quoted(table);
        sql.append(" ADD COLUMN ").append(quoted(column)).append(" ").append(q->columnText(2));
        c.exec(sql);
        added.push_back(std::string(table).append(".").append(column));
    }
}

bool schemaHasTable(Connection& c, const std::string& schema, const std::string& table) {
    auto q =
        c.prepare("SELECT 1 FROM " + schema + ".sqlite_master WHERE type = 'table' AND name = ?1");
    q->bind(1, table);
    return q->step();
}

std::string referenceDataVersion(const std::string& reference) {
    auto db = Database::open(reference, Database::Mode::ReadOnly);
    if (db.hasTable("workspace_meta"))
        throw Error(ErrorKind::Usage, "that is a workspace, not a reference", reference);
    if (!db.hasTable("metadata"))
        throw Error(ErrorKind::Schema, "not a jinmap reference (no metadata table)", reference);
    const auto v = db.queryString("SELECT value FROM metadata WHERE key = 'data_version'");
    if (!v) throw Error(ErrorKind::Schema, "the reference has no data_version", reference);
    return *v;
}

// The merge of one editable table (planned, then written).
class TableMerge {
  public:
    // keptTowns: towns the reference drops that stay (the planner's figures
    // belong to them); their provenance and notes stay with them.
    TableMerge(Connection& c, std::string table, std::set<std::string>& keptTowns)
        : c_(c), table_(std::move(table)), keptTowns_(keptTowns) {}

    void plan(UpgradeReport& report) {
        const auto wsColumns = tableColumns(c_, "main", table_);
        const std::set<std::string> have(wsColumns.begin(), wsColumns.end());
        for (const auto& col : tableColumns(c_, "ref", table_))
            if (have.count(col) && !isWorkspaceColumn(col) && !isSurrogate(table_, col))
                columns_.push_back(col);
        std::string list;
        for (const auto& col : columns_) list += (list.empty() ? "" : ",") + quoted(col);
        list_ = list;
        const std::string keyColumn = detail::subjectKeyColumn(table_);

        // First change of each row (its before: the reference row it started from).
        std::map<std::string, std::optional<std::string>> firstBefore;
        {
            auto q = c_.prepare(
                "SELECT c.subject_id, c.before_json FROM change_log c JOIN (SELECT subject_id, "
                "min(rev) AS rev FROM change_log WHERE subject_table = ?1 GROUP BY subject_id) f "
                "ON c.rev = f.rev");
            q->bind(1, table_);
            while (q->step())
                firstBefore[q->columnText(0)] =
                    q->isNull(1) ? std::nullopt : std::optional<std::string>(q->columnText(1));
        }
        std::map<std::string, std::optional<std::string>> recorded;  // reference_base
        if (schemaHasTable(c_, "main", "reference_base")) {
            auto q = c_.prepare(
                "SELECT subject_key, row_json FROM reference_base WHERE subject_table = ?1");
            q->bind(1, table_);
            while (q->step())
                recorded[q->columnText(0)] =
                    q->isNull(1) ? std::nullopt : std::optional<std::string>(q->columnText(1));
        }
        {
            auto q = c_.prepare("SELECT rowid, CAST(" + quoted(keyColumn) + " AS TEXT), deleted, " +
                                list + " FROM main." + quoted(table_));
            while (q->step()) {
                Slot s;
                s.wsRowid = q->columnInt64(0);
                s.wsId = q->columnText(1);
                Cells current;
                for (std::size_t i = 0; i < columns_.size(); ++i)
                    current[columns_[i]] = cellOf(*q, static_cast<int>(i) + 3);
                s.planner.present = q->columnInt64(2) == 0;
                if (s.planner.present) s.planner.cells = current;
                const auto first = firstBefore.find(s.wsId);
                if (first == firstBefore.end()) {
                    s.base = Side{true, current};
                } else if (first->second) {
                    s.base = sideFromJson(*first->second, columns_);
                }
                s.key = naturalKey(table_, s.base.present ? s.base.cells : current);
                if (const auto r = recorded.find(s.key); r != recorded.end())
                    s.base = r->second ? sideFromJson(*r->second, columns_) : Side{};
                auto [it, inserted] = slots_.emplace(s.key, s);
                // Two rows saying the same (a planner's copy of a reference
                // provenance row): the one with a reference base is the match.
                if (!inserted && !it->second.base.present && s.base.present) it->second = s;
            }
        }
        {
            auto q = c_.prepare("SELECT rowid, " + list + " FROM ref." + quoted(table_));
            while (q->step()) {
                Cells cells;
                for (std::size_t i = 0; i < columns_.size(); ++i)
                    cells[columns_[i]] = cellOf(*q, static_cast<int>(i) + 1);
                const std::string key = naturalKey(table_, cells);
                Slot& s = slots_[key];
                s.key = key;
                s.reference = Side{true, std::move(cells)};
                s.refRowid = q->columnInt64(0);
            }
        }
        for (auto& [key, s] : slots_) decide(s, report);
    }

    void write(const std::string& author, const std::string& now, std::int64_t batch,
               const std::string& reason) {
        const std::string keyColumn = detail::subjectKeyColumn(table_);
        for (const auto& [slot, kind] : actions_) {
            const Slot& s = *slot;
            std::int64_t rowid = s.wsRowid;
            std::optional<std::string> before;
            if (rowid) before = snapshot(rowid);
            if (kind == UpgradeEntry::Kind::Removed) {
                auto q = c_.prepare("UPDATE main." + quoted(table_) +
                                    " SET deleted = 1, revision = revision + 1, modified_by = ?1, "
                                    "modified_at = ?2 WHERE rowid = ?3");
                q->bind(1, author).bind(2, now).bind(3, rowid);
                q->run();
            } else if (rowid) {
                auto q = c_.prepare("UPDATE main." + quoted(table_) + " SET (" + list_ +
                                    ") = (SELECT " + list_ + " FROM ref." + quoted(table_) +
                                    " WHERE rowid = ?1), deleted = 0, revision = revision + 1, "
                                    "modified_by = ?2, modified_at = ?3 WHERE rowid = ?4");
                q->bind(1, s.refRowid).bind(2, author).bind(3, now).bind(4, rowid);
                q->run();
            } else {
                auto q = c_.prepare(
                    "INSERT INTO main." + quoted(table_) + " (" + list_ +
                    ", origin, revision, modified_by, modified_at, deleted) SELECT " + list_ +
                    ", 'reference', 1, ?1, ?2, 0 FROM ref." + quoted(table_) + " WHERE rowid = ?3");
                q->bind(1, author).bind(2, now).bind(3, s.refRowid);
                q->run();
                rowid = c_.queryInt("SELECT last_insert_rowid()");
            }
            const std::string after = *snapshot(rowid);
            auto id = c_.prepare("SELECT CAST(" + quoted(keyColumn) + " AS TEXT) FROM main." +
                                 quoted(table_) + " WHERE rowid = ?1");
            id->bind(1, rowid);
            id->step();
            auto log = c_.prepare(
                "INSERT INTO change_log (author, at, reason, action, subject_table, subject_id, "
                "before_json, after_json, batch) VALUES (?1, ?2, ?3, 'upgrade', ?4, ?5, ?6, ?7, "
                "?8)");
            log->bind(1, author).bind(2, now).bindTextOrNull(3, reason).bind(4, table_);
            log->bind(5, id->columnText(0));
            if (before)
                log->bind(6, *before);
            else
                log->bind(6, nullptr);
            log->bind(7, after).bind(8, batch);
            log->run();
        }
        // The reference rows taken now are the base of the next upgrade.
        auto base = c_.prepare(
            "INSERT OR REPLACE INTO reference_base (subject_table, subject_key, row_json) VALUES "
            "(?1, ?2, ?3)");
        for (const Slot* s : newBase_) {
            const StateValue previous = currentState(c_, "base", table_, s->key);
            StateValue taken{true, {}};  // '' stands for NULL: the reference has no such row
            base->bind(1, table_).bind(2, s->key);
            if (s->refRowid) {
                auto r = c_.prepare("SELECT " + list_ + " FROM ref." + quoted(table_) +
                                    " WHERE rowid = ?1");
                r->bind(1, s->refRowid);
                r->step();
                taken.value = detail::rowJson(*r);
                base->bind(3, taken.value);
            } else {
                base->bind(3, nullptr);
            }
            base->run();
            recordState(c_, batch, "base", table_, s->key, previous, taken);
        }
    }

    bool hasWork() const { return !actions_.empty() || !newBase_.empty(); }

  private:
    std::optional<std::string> snapshot(std::int64_t rowid) {
        auto q = c_.prepare("SELECT * FROM main." + quoted(table_) + " WHERE rowid = ?1");
        q->bind(1, rowid);
        if (!q->step()) return std::nullopt;
        return detail::rowJson(*q);
    }

    std::vector<FieldChange> changes(const Side& from, const Side& to) const {
        std::vector<FieldChange> out;
        for (const auto& col : columns_) {
            const std::string a = from.present ? cell(from.cells, col) : "n";
            const std::string b = to.present ? cell(to.cells, col) : "n";
            if (a != b) out.push_back({col, display(a), display(b)});
        }
        return out;
    }

    // Live figures a planner entered for a town the reference drops.
    std::vector<std::string> plannersFigures(const std::string& townId) {
        auto q = c_.prepare(
            "SELECT fact_id FROM main.town_facts WHERE town_id = ?1 AND deleted = 0 AND origin = "
            "'user' ORDER BY fact_id");
        q->bind(1, townId);
        std::vector<std::string> out;
        while (q->step()) out.push_back(q->columnText(0));
        return out;
    }

    void decide(Slot& s, UpgradeReport& report) {
        if (s.reference == s.base) return;  // the reference did not change it
        newBase_.push_back(&s);
        const Side& shown = s.reference.present ? s.reference
                            : s.planner.present ? s.planner
                                                : s.base;
        const std::string id =
            !s.wsId.empty() ? s.wsId : display(cell(shown.cells, detail::subjectKeyColumn(table_)));
        UpgradeEntry e;
        e.table = table_;
        e.id = id;
        e.subject = subjectOf(table_, shown.cells, id);
        e.changes = changes(s.base, s.reference);
        if (s.planner == s.base) {
            if (!s.reference.present) {
                if (display(cell(s.planner.cells, "subject_table")) == "towns" &&
                    keptTowns_.count(display(cell(s.planner.cells, "subject_id"))))
                    return;  // stays with its town (the town's conflict says why)
                if (table_ == "towns") {
                    const auto figures = plannersFigures(s.wsId);
                    if (!figures.empty()) {
                        std::string list;
                        for (const auto& f : figures) list += (list.empty() ? "" : ", ") + f;
                        keptTowns_.insert(s.wsId);
                        conflict(e, s,
                                 "the reference drops this town; the planner's figures " + list +
                                     " belong to it: the town stays",
                                 report);
                        return;
                    }
                }
                e.kind = UpgradeEntry::Kind::Removed;
                ++report.removed;
            } else if (!s.planner.present) {
                e.kind = UpgradeEntry::Kind::Added;
                ++report.added;
            } else {
                e.kind = UpgradeEntry::Kind::Changed;
                ++report.changed;
            }
            actions_.emplace_back(&s, e.kind);
            report.entries.push_back(std::move(e));
            return;
        }
        if (s.planner == s.reference) return;  // both made the same change
        std::string note;
        if (!s.planner.present)
            note = "removed by the planner; the reference changed it: stays removed";
        else if (!s.reference.present)
            note = "the reference drops it; the planner edited it: the planner's row stays";
        else if (!s.base.present)
            note = "added by both with the same id: the planner's row stays";
        else
            note = "changed by both: the planner's row stays";
        conflict(e, s, note, report);
    }

    void conflict(UpgradeEntry& e, const Slot& s, const std::string& note, UpgradeReport& report) {
        e.kind = UpgradeEntry::Kind::Conflict;
        e.note = note;
        // A row the reference drops: the note says it; its fields would only repeat the row.
        if (!s.reference.present) e.changes.clear();
        for (const auto& change : e.changes)
            e.planner[change.field] =
                s.planner.present ? display(cell(s.planner.cells, change.field)) : "(removed)";
        ++report.conflicts;
        report.entries.push_back(std::move(e));
    }

    Connection& c_;
    std::string table_;
    std::vector<std::string> columns_;
    std::string list_;
    std::map<std::string, Slot> slots_;
    std::vector<std::pair<const Slot*, UpgradeEntry::Kind>> actions_;
    std::vector<const Slot*> newBase_;
    std::set<std::string>& keptTowns_;
};

// The reference-only table's columns to compare (the workspace keeps its own
// town counts).
std::string comparedColumns(Connection& c, const std::string& table) {
    auto ws = tableColumns(c, "main", table);
    auto ref = tableColumns(c, "ref", table);
    std::sort(ws.begin(), ws.end());
    std::sort(ref.begin(), ref.end());
    if (ws != ref) return {};
    ref = tableColumns(c, "ref", table);
    std::string list;
    for (const auto& col : ref)
        if (col != "town_count") list += (list.empty() ? "" : ",") + quoted(col);
    return list;
}

bool referenceTableDiffers(Connection& c, const std::string& table) {
    const std::string list = comparedColumns(c, table);
    if (list.empty()) return false;
    // The workspace's own 'other' metric (figures a planner labels freely).
    const std::string mine =
        table == "metrics"
            ? " WHERE metric != 'other' OR metric IN (SELECT metric FROM ref.metrics)"
            : "";
    return c.queryInt("SELECT EXISTS (SELECT " + list + " FROM ref." + quoted(table) +
                      " EXCEPT SELECT " + list + " FROM main." + quoted(table) + mine +
                      ") OR EXISTS (SELECT " + list + " FROM main." + quoted(table) + mine +
                      " EXCEPT SELECT " + list + " FROM ref." + quoted(table) + ")") != 0;
}

class Attached {
  public:
    Attached(Connection& c, const std::string& file) : c_(c) {
        c_.exec("ATTACH DATABASE " + sqlString(file) + " AS ref");
    }
    Attached(const Attached&) = delete;
    Attached& operator=(const Attached&) = delete;
    ~Attached() {
        try {
            c_.exec("DETACH DATABASE ref");
        } catch (const Error&) {  // NOLINT(bugprone-empty-catch): closing the connection detaches
        }
    }

  private:
    Connection& c_;
};

}  // namespace

UpgradeCheck checkUpgrade(const std::string& workspace, const std::string& reference) {
    UpgradeCheck check;
    auto ws = Database::open(workspace, Database::Mode::ReadOnly);
    check.workspaceVersion =
        ws.queryString("SELECT value FROM workspace_meta WHERE key = 'reference_data_version'")
            .value_or(std::string());
    check.referenceVersion = referenceDataVersion(reference);
    check.available = check.workspaceVersion != check.referenceVersion;
    return check;
}

UpgradeReport Workspace::upgrade(const std::string& reference, const UpgradeOptions& options) {
    UpgradeReport report;
    report.reference = reference;
    report.toVersion = referenceDataVersion(reference);
    GeoDatabase::open(reference);  // the schema contract, before anything is read from it
    report.fromVersion = meta("reference_data_version");
    if (report.fromVersion == report.toVersion) {
        report.upToDate = true;
        return report;
    }
    Connection& c = *connection_;
    const Attached attached(c, reference);
    auto tx = detail::beginWorkspaceWrite(c, path_);
    for (const auto* tables : {&editableTables(), &referenceTables()})
        for (const auto& table : *tables)
            if (schemaHasTable(c, "main", table) && schemaHasTable(c, "ref", table))
                addReferenceColumns(c, table, report.addedColumns);
    std::vector<std::unique_ptr<TableMerge>> merges;
    std::set<std::string>
        keptTowns;  // towns first (editableTables' order), then what hangs on them
    for (const auto& table : editableTables()) {
        if (!schemaHasTable(c, "main", table) || !schemaHasTable(c, "ref", table)) continue;
        merges.push_back(std::make_unique<TableMerge>(c, table, keptTowns));
        merges.back()->plan(report);
    }
    for (const auto& table : referenceTables())
        if (schemaHasTable(c, "main", table) && schemaHasTable(c, "ref", table) &&
            referenceTableDiffers(c, table))
            report.refreshedTables.push_back(table);
    if (options.dryRun) return report;  // rolled back: nothing written

    c.exec(
        "CREATE TABLE IF NOT EXISTS reference_base (subject_table TEXT NOT NULL, subject_key TEXT "
        "NOT NULL, row_json TEXT, PRIMARY KEY (subject_table, subject_key))");
    ensureUpgradeBookkeeping(c);
    const std::string author = currentAuthor(), now = detail::nowUtc();
    report.batch = c.queryInt("SELECT coalesce(max(batch), 0) + 1 FROM change_log");
    for (auto& m : merges) m->write(author, now, report.batch, options.reason);
    for (const auto& table : report.refreshedTables) {
        std::string list;
        for (const auto& col : tableColumns(c, "ref", table))
            list += (list.empty() ? "" : ",") + quoted(col);
        c.exec("DELETE FROM main." + quoted(table));
        std::string insert = "INSERT INTO main." + quoted(table);
        insert.append(" (").append(list).append(") SELECT ").append(list);
        insert.append(" FROM ref.").append(quoted(table));
        c.exec(insert);
    }
    // The conflicts stay listed for review after the report is gone (the viewer).
    c.exec(
        "CREATE TABLE IF NOT EXISTS upgrade_conflicts (id INTEGER PRIMARY KEY, data_version TEXT "
        "NOT NULL, at TEXT NOT NULL, subject_table TEXT NOT NULL, subject_id TEXT NOT NULL, "
        "subject TEXT NOT NULL, note TEXT NOT NULL, field TEXT, reference_before TEXT, "
        "reference_after TEXT, planner TEXT)");
    ensureConflictColumns(c);
    auto keep = c.prepare(
        "INSERT INTO upgrade_conflicts (data_version, at, subject_table, subject_id, subject, "
        "note, field, reference_before, reference_after, planner, batch) VALUES (?1, ?2, ?3, ?4, "
        "?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    for (const auto& e : report.entries) {
        if (e.kind != UpgradeEntry::Kind::Conflict) continue;
        auto row = [&](const FieldChange* change) {
            keep->bind(1, report.toVersion).bind(2, now).bind(3, e.table).bind(4, e.id);
            keep->bind(5, e.subject).bind(6, e.note).bind(11, report.batch);
            if (change) {
                const auto planner = e.planner.find(change->field);
                keep->bind(7, change->field).bind(8, change->before).bind(9, change->after);
                keep->bind(10, planner == e.planner.end() ? std::string() : planner->second);
            } else {
                for (int i = 7; i <= 10; ++i) keep->bind(i, nullptr);
            }
            keep->run();
        };
        if (e.changes.empty()) row(nullptr);
        for (const auto& change : e.changes) row(&change);
    }
    c.exec(
        "INSERT OR IGNORE INTO main.metrics (metric, label_zh, label_en) VALUES ('other', '其他', "
        "'Other')");
    c.exec(
        "UPDATE main.prefectures SET town_count = (SELECT count(*) FROM main.towns t WHERE "
        "t.prefecture = prefectures.name AND t.deleted = 0)");
    const std::string versionKey = "reference_data_version";
    const StateValue fromVersion = currentState(c, "meta", {}, versionKey);
    applyState(c, "meta", {}, versionKey, {true, report.toVersion});
    recordState(c, report.batch, "meta", {}, versionKey, fromVersion, {true, report.toVersion});
    if (report.conflicts > 0)
        recordState(c, report.batch, "conflicts", {}, std::to_string(report.batch), {true, "1"},
                    {true, "0"});
    if (report.added + report.changed + report.removed == 0) report.batch = 0;
    detail::commitWorkspaceWrite(tx, path_);
    report.written = true;
    return report;
}

std::vector<UpgradeEntry> Workspace::upgradeConflicts() {
    std::vector<UpgradeEntry> out;
    if (!connection_->hasTable("upgrade_conflicts")) return out;
    // A reverted upgrade's conflicts are withdrawn (a workspace from before
    // that bookkeeping has no such column).
    const bool tracked = connection_->queryInt(
                             "SELECT count(*) FROM pragma_table_info('upgrade_conflicts') WHERE "
                             "name = 'withdrawn'") > 0;
    auto q = connection_->prepare(
        std::string(
            "SELECT data_version, subject_table, subject_id, subject, note, "
            "coalesce(field, ''), coalesce(reference_before, ''), "
            "coalesce(reference_after, ''), coalesce(planner, '') FROM upgrade_conflicts ") +
        (tracked ? "WHERE withdrawn = 0 " : "") + "ORDER BY id DESC");
    std::string lastKey;
    while (q->step()) {
        const std::string key =
            q->columnText(0) + '\x1f' + q->columnText(1) + '\x1f' + q->columnText(2);
        if (key != lastKey) {
            UpgradeEntry e;
            e.kind = UpgradeEntry::Kind::Conflict;
            e.table = q->columnText(1);
            e.id = q->columnText(2);
            e.subject = q->columnText(3);
            e.note = q->columnText(4);
            out.push_back(std::move(e));
            lastKey = key;
        }
        const std::string field = q->columnText(5);
        if (field.empty()) continue;
        UpgradeEntry& e = out.back();
        // Rows come newest first: the entry's fields in the report's order.
        e.changes.insert(e.changes.begin(), {field, q->columnText(6), q->columnText(7)});
        e.planner[field] = q->columnText(8);
    }
    return out;
}

}  // namespace jinmap::data
