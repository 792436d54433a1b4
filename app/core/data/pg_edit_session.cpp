#include "data/pg_edit_session.h"

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <initializer_list>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <utility>

#include "data/connection.h"
#include "data/geometry.h"
#include "data/pg_connection.h"
#include "data/pg_workspace.h"

namespace jinmap::data {

namespace fs = std::filesystem;

EditConflict::EditConflict(Message message, std::string table, std::string id)
    : Error(ErrorKind::Data, std::move(message), table + " " + id),
      table_(std::move(table)),
      id_(std::move(id)) {}

namespace {

std::string cat(std::initializer_list<std::string_view> parts) {
    std::string out;
    for (const auto p : parts) out += p;
    return out;
}

std::string placeholder(int index) {
    return "?" + std::to_string(index);
}

// As the Workspace keys its change log's subject_id.
const char* keyOf(const std::string& table) {
    if (table == "town_facts") return "fact_id";
    if (table == "source_texts") return "source_id";
    return "id";
}

struct Column {
    std::string name;
    bool geometry = false;
};

// The server's columns of a table that a session writes (its own row
// numbering, sqlite_rowid, stays the server's).
std::vector<Column> writableColumns(Connection& pg, const std::string& table) {
    auto q = pg.prepare(
        "SELECT column_name::text, udt_name::text FROM information_schema.columns WHERE "
        "table_schema = 'jinmap' AND table_name = ?1 AND column_name <> 'sqlite_rowid' ORDER BY "
        "ordinal_position");
    q->bind(1, table);
    std::vector<Column> out;
    while (q->step()) out.push_back({q->columnText(0), q->columnText(1) == "geometry"});
    if (out.empty())
        throw Error(ErrorKind::Schema, "the jinmap schema has no table " + table, pg.describe());
    return out;
}

void bindValue(const Query& from, int column, bool geometry, Query& to, int index) {
    if (from.isNull(column)) {
        to.bind(index, nullptr);
        return;
    }
    if (geometry) {
        const auto wkb = toWkb(from.columnGeometry(column));
        to.bindBlob(index, wkb.data(), wkb.size());
        return;
    }
    switch (from.columnKind(column)) {
        case 'i':
            to.bind(index, from.columnInt64(column));
            break;
        case 'r':
            to.bind(index, from.columnDouble(column));
            break;
        case 'b': {
            auto [data, size] = from.columnBlob(column);
            to.bindBlob(index, data, size);
            break;
        }
        default:
            to.bind(index, from.columnText(column));
    }
}

std::string shown(const Query& q, int column, bool geometry) {
    if (q.isNull(column)) return "（空）";
    if (geometry) {
        const Geometry g = q.columnGeometry(column);
        if (g.bounds.isEmpty()) return "（空）";
        return cat({"(", std::to_string(g.bounds.minX).substr(0, 10), ", ",
                    std::to_string(g.bounds.minY).substr(0, 9), ")"});
    }
    std::string text = q.columnText(column);
    if (text.size() > 80) text = text.substr(0, 77) + "…";
    return text;
}

}  // namespace

PgEditSession::PgEditSession(const std::string& server, const std::string& reference)
    : server_(server) {
    const Replica replica = openReplica(server, reference);
    if (replica.stale)
        throw Error(ErrorKind::Io,
                    "the PostgreSQL server cannot be reached, and edits are saved there: "
                    "nothing was changed (reading still works from the last local copy)",
                    server);
    static std::atomic<int> counter{0};
    const std::string stem =
        (fs::temp_directory_path() /
         cat({"jinmap-edit-", std::to_string(::getpid()), "-", std::to_string(++counter)}))
            .string();
    base_ = stem + "-base.sqlite";
    path_ = stem + ".sqlite";
    std::error_code ec;
    for (const auto& target : {base_, path_}) {
        fs::remove(target, ec);
        fs::copy_file(replica.path, target, ec);
        if (ec)
            throw Error(ErrorKind::Io, "cannot copy the local replica: " + ec.message(), target);
        fs::permissions(target, fs::perms::owner_read | fs::perms::owner_write, ec);
    }
    baseRev_ = openStore(base_, StoreMode::ReadOnly)
                   ->queryInt("SELECT coalesce(max(rev), 0) FROM change_log");
}

void PgEditSession::basedOn(const std::string& table, const std::string& id,
                            std::int64_t revision) {
    auto base = openStore(base_, StoreMode::ReadWrite);
    auto q = base->prepare(
        cat({"UPDATE main.\"", table, "\" SET revision = ?1 WHERE ", keyOf(table), " = ?2"}));
    q->bind(1, revision).bind(2, id);
    q->step();
}

PgEditSession::~PgEditSession() {
    std::error_code ec;
    for (const auto& p : {base_, path_}) {
        if (p.empty()) continue;
        fs::remove(p, ec);
        fs::remove(p + "-journal", ec);
    }
}

PgCommitResult PgEditSession::commit() {
    auto local = openStore(path_, StoreMode::ReadOnly);
    auto base = openStore(base_, StoreMode::ReadOnly);
    struct Entry {
        std::string at, reason, action, table, id, before, after;
        std::int64_t batch = 0;
    };
    std::vector<Entry> entries;
    {
        auto q = local->prepare(
            "SELECT at, coalesce(reason, ''), action, subject_table, subject_id, before_json, "
            "after_json, batch FROM change_log WHERE rev > ?1 ORDER BY rev");
        q->bind(1, baseRev_);
        while (q->step())
            entries.push_back({q->columnText(0), q->columnText(1), q->columnText(2),
                               q->columnText(3), q->columnText(4), q->columnText(5),
                               q->columnText(6), q->columnInt64(7)});
    }
    PgCommitResult result;
    if (entries.empty()) return result;

    auto pg = PgConnection::open(server_);
    Transaction tx(*pg);
    // Batch ids are the change log's max + 1: one writer at a time takes them.
    pg->exec("SELECT pg_advisory_xact_lock(hashtext('jinmap change_log'))");

    std::map<std::string, std::vector<Column>> columnsOf;
    std::set<std::pair<std::string, std::string>> written;
    for (const auto& e : entries) {
        if (!written.insert({e.table, e.id}).second) continue;  // its latest state is written once
        auto& columns = columnsOf[e.table];
        if (columns.empty()) columns = writableColumns(*pg, e.table);
        const std::string key = keyOf(e.table);

        std::string select;
        for (const auto& c : columns)
            select += cat({select.empty() ? "" : ", ", "\"", c.name, "\""});
        auto row = local->prepare(
            cat({"SELECT ", select, " FROM main.\"", e.table, "\" WHERE ", key, " = ?1"}));
        row->bind(1, e.id);
        if (!row->step()) continue;  // not kept locally (nothing to write)
        std::optional<std::int64_t> baseRevision;
        {
            auto b = base->prepare(
                cat({"SELECT revision FROM main.\"", e.table, "\" WHERE ", key, " = ?1"}));
            b->bind(1, e.id);
            if (b->step()) baseRevision = b->columnInt64(0);
        }

        std::unique_ptr<Query> write;
        int index = 0;
        std::vector<std::pair<int, int>> binds;  // parameter, column of `row`
        if (baseRevision) {
            std::string set;
            for (std::size_t i = 0; i < columns.size(); ++i) {
                const auto& c = columns[i];
                if (c.name == key) continue;
                std::string value;
                if (c.name == "modified_by") {
                    value = "current_user";
                } else {
                    value = c.geometry ? cat({"ST_GeomFromWKB(", placeholder(++index), ", 4326)"})
                                       : placeholder(++index);
                    binds.emplace_back(index, static_cast<int>(i));
                }
                set += cat({set.empty() ? "" : ", ", "\"", c.name, "\" = ", value});
            }
            write = pg->prepare(cat({"UPDATE jinmap.", e.table, " SET ", set, " WHERE ", key, " = ",
                                     placeholder(index + 1),
                                     " AND revision = ", placeholder(index + 2), " RETURNING 1"}));
            write->bind(index + 1, e.id).bind(index + 2, *baseRevision);
        } else {
            std::string names, values;
            for (std::size_t i = 0; i < columns.size(); ++i) {
                const auto& c = columns[i];
                std::string value;
                if (c.name == "modified_by") {
                    value = "current_user";
                } else {
                    value = c.geometry ? cat({"ST_GeomFromWKB(", placeholder(++index), ", 4326)"})
                                       : placeholder(++index);
                    binds.emplace_back(index, static_cast<int>(i));
                }
                names += cat({names.empty() ? "" : ", ", "\"", c.name, "\""});
                values += cat({values.empty() ? "" : ", ", value});
            }
            write = pg->prepare(cat({"INSERT INTO jinmap.", e.table, " (", names, ") VALUES (",
                                     values, ") ON CONFLICT DO NOTHING RETURNING 1"}));
        }
        for (const auto& [parameter, column] : binds)
            bindValue(*row, column, columns[static_cast<std::size_t>(column)].geometry, *write,
                      parameter);
        if (write->step()) {
            ++result.rows;
            continue;
        }

        // Refused: someone saved this row since the session started.
        auto theirs =
            pg->prepare(cat({"SELECT coalesce(modified_by, ''), coalesce(modified_at, ''), ",
                             select, " FROM jinmap.", e.table, " WHERE ", key, " = ?1"}));
        theirs->bind(1, e.id);
        // The CLI's wording (the template) has been the same since the first
        // release; the viewer shows it translated.
        if (!theirs->step())
            throw EditConflict(Message(JINMAP_MESSAGE("core",
                                                      "已被他人删除：%1 %2 is no longer on "
                                                      "the server; nothing was saved"),
                                       {e.table, e.id}),
                               e.table, e.id);
        const std::string who = theirs->columnText(0), when = theirs->columnText(1);
        if (!baseRevision)
            throw EditConflict(
                Message(JINMAP_MESSAGE("core",
                                       "已被 %1 于 %2 添加（%3 %4）: a row with this key was "
                                       "added on the server meanwhile; nothing was saved"),
                        {who, when, e.table, e.id}),
                e.table, e.id);
        std::string fields;
        for (std::size_t i = 0; i < columns.size(); ++i) {
            const auto& c = columns[i];
            if (c.name == "revision" || c.name == "modified_by" || c.name == "modified_at")
                continue;
            const std::string server = shown(*theirs, static_cast<int>(i) + 2, c.geometry);
            const std::string mine = shown(*row, static_cast<int>(i), c.geometry);
            if (server != mine) fields += cat({"\n  ", c.name, ": ", server, " → ", mine});
        }
        throw EditConflict(Message(JINMAP_MESSAGE("core",
                                                  "已被 %1 于 %2 修改（%3 %4）: nothing was saved. "
                                                  "Server's version → yours:%5"),
                                   {who, when, e.table, e.id, fields}),
                           e.table, e.id);
    }

    // Derived counts and metrics the Workspace maintains, recomputed on the
    // server's rows (another editor's towns count too).
    pg->exec(
        "UPDATE jinmap.prefectures SET town_count = (SELECT count(*) FROM jinmap.towns t WHERE "
        "t.prefecture = prefectures.name AND t.deleted = 0) WHERE town_count <> (SELECT count(*) "
        "FROM jinmap.towns t WHERE t.prefecture = prefectures.name AND t.deleted = 0)");
    {
        auto metrics = local->prepare("SELECT metric, label_zh, label_en FROM metrics");
        auto add = pg->prepare(
            "INSERT INTO jinmap.metrics (metric, label_zh, label_en) SELECT ?1, ?2, ?3 WHERE NOT "
            "EXISTS (SELECT 1 FROM jinmap.metrics WHERE metric = ?1)");
        while (metrics->step()) {
            add->bind(1, metrics->columnText(0))
                .bindTextOrNull(2, metrics->columnText(1))
                .bindTextOrNull(3, metrics->columnText(2));
            add->run();
        }
    }

    // The change log, under the server's batch numbers and the database role.
    std::map<std::int64_t, std::int64_t> batchOf;
    std::int64_t nextBatch = pg->queryInt("SELECT coalesce(max(batch), 0) + 1 FROM change_log");
    auto log = pg->prepare(
        "INSERT INTO jinmap.change_log (author, at, reason, action, subject_table, subject_id, "
        "before_json, after_json, batch) VALUES (current_user, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    for (const auto& e : entries) {
        auto [it, added] = batchOf.emplace(e.batch, nextBatch);
        if (added) ++nextBatch;
        log->bind(1, e.at)
            .bindTextOrNull(2, e.reason)
            .bind(3, e.action)
            .bind(4, e.table)
            .bind(5, e.id)
            .bindTextOrNull(6, e.before)
            .bindTextOrNull(7, e.after)
            .bind(8, it->second);
        log->run();
        ++result.changes;
    }
    result.batch = batchOf.begin()->second;
    tx.commit();
    return result;
}

}  // namespace jinmap::data
