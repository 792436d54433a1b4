// workspace, town, figure, history, revert, sources: a planner's workspace
// and its change log. Without --db these work on the default workspace
// (Workspace::defaultPath()); the reference is never written.
#include <unistd.h>

#include <cstdio>
#include <functional>
#include <regex>
#include <string>
#include <vector>

#include "base/error.h"
#include "base/numbers.h"
#include "cli.h"
#include "cli_commands.h"
#include "data/import_reader.h"
#include "data/pg_connection.h"
#include "data/pg_edit_session.h"
#include "data/pg_workspace.h"
#include "data/workspace.h"
#include "data/workspace_exchange.h"

namespace jinmap::cli {

namespace {

using data::Workspace;

// The edit session of a command run with --db postgresql://… (onServer).
data::PgEditSession*& serverSession() {
    static data::PgEditSession* session = nullptr;
    return session;
}

std::string workspacePath(const Args& args) {
    if (auto db = args.value("db")) {
        if (data::isPostgisName(*db)) {
            if (serverSession()) return serverSession()->path();
            throw Error(ErrorKind::Usage,
                        "this command works on a SpatiaLite workspace; for the PostGIS one use "
                        "workspace push/pull/grant, the reading commands, or the edits",
                        *db);
        }
        return *db;
    }
    if (const char* env = std::getenv("JINMAP_WORKSPACE"); env && *env) return env;
    return Workspace::defaultPath();
}

// A reading subcommand (info, export) on a PostGIS workspace reads its local
// replica, as the reading commands do.
std::string readingPath(const Context& ctx, const Args& args) {
    if (auto db = args.value("db"); db && data::isPostgisName(*db)) {
        const auto replica = data::openReplica(*db, defaultDatabasePath(ctx.program));
        if (replica.stale) std::fprintf(stderr, "jinmap: %s\n", replica.warning.c_str());
        return replica.path;
    }
    return workspacePath(args);
}

// A command on a PostGIS workspace: it runs on a private copy of the server's
// rows (the Workspace's validation, change log and revert as on SpatiaLite);
// on success its change set is saved on the server in one transaction, each
// row only if nobody changed it since (data/pg_edit_session.h).
using Runner = std::function<int(const Context&, const Args&)>;

Runner onServer(const Runner& run) {
    return [run](const Context& ctx, const Args& args) {
        const auto db = args.value("db");
        if (!db || !data::isPostgisName(*db)) return run(ctx, args);
        data::PgEditSession session(*db, defaultDatabasePath(ctx.program));
        serverSession() = &session;
        struct Reset {
            Reset() = default;
            Reset(const Reset&) = delete;
            Reset& operator=(const Reset&) = delete;
            ~Reset() { serverSession() = nullptr; }
        } reset;
        const int code = run(ctx, args);
        if (code != 0) return code;
        data::PgCommitResult saved;
        try {
            saved = session.commit();
        } catch (const Error& e) {
            throw Error(e.kind(), "NOT saved on the server: " + e.message(), e.context());
        }
        if (saved.changes > 0)
            std::printf("saved on the server: %lld change(s), %lld row(s), batch %lld\n",
                        static_cast<long long>(saved.changes), static_cast<long long>(saved.rows),
                        static_cast<long long>(saved.batch));
        return 0;
    };
}

// --some-option → some_option, for the canonical field keys.
data::Fields fieldsOf(const Args& args, const std::vector<std::string>& options) {
    data::Fields f;
    for (const auto& o : options) {
        if (o == "reason") continue;
        if (auto v = args.value(o)) {
            std::string key = o;
            for (char& c : key)
                if (c == '-') c = '_';
            f[key] = *v;
        }
    }
    return f;
}

void printChanges(const std::vector<data::FieldChange>& changes, const char* indent) {
    for (const auto& c : changes) {
        std::string before = c.before, after = c.after;
        if (before.size() > 60) before = before.substr(0, 57) + "…";
        if (after.size() > 60) after = after.substr(0, 57) + "…";
        std::printf("%s%s: %s → %s\n", indent, c.field.c_str(),
                    before.empty() ? "(none)" : before.c_str(),
                    after.empty() ? "(none)" : after.c_str());
    }
}

// The first rev of the latest change set (any of its revs reverts it all).
std::int64_t lastRev(Workspace& ws) {
    return ws.connection().queryInt(
        "SELECT coalesce(min(rev), 0) FROM change_log WHERE batch = (SELECT max(batch) FROM "
        "change_log)");
}

// What an upgrade did (or would do): each row the reference changed, each
// conflict with both sides, the totals.
void printUpgradeReport(Workspace& ws, const data::UpgradeReport& r, bool dryRun) {
    if (r.upToDate) {
        std::printf("workspace %s is on the reference's data version %s already; nothing to do\n",
                    ws.path().c_str(), r.toVersion.c_str());
        return;
    }
    std::printf("workspace %s: reference data version %s → %s (%s)\n", ws.path().c_str(),
                r.fromVersion.c_str(), r.toVersion.c_str(), r.reference.c_str());
    for (const auto& e : r.entries) {
        std::printf("%-9s %s\n", data::upgradeKindName(e.kind), e.subject.c_str());
        if (e.kind == data::UpgradeEntry::Kind::Conflict) {
            std::printf("          %s\n", e.note.c_str());
            for (const auto& c : e.changes) {
                const auto p = e.planner.find(c.field);
                std::printf(
                    "          %s: reference %s → %s, planner's %s\n", c.field.c_str(),
                    c.before.empty() ? "(none)" : c.before.c_str(),
                    c.after.empty() ? "(none)" : c.after.c_str(),
                    p == e.planner.end() || p->second.empty() ? "(none)" : p->second.c_str());
            }
        } else if (e.kind == data::UpgradeEntry::Kind::Changed) {
            printChanges(e.changes, "          ");
        }
    }
    if (!r.addedColumns.empty()) {
        std::printf("new columns:");
        for (const auto& c : r.addedColumns) std::printf(" %s", c.c_str());
        std::printf("\n");
    }
    if (!r.refreshedTables.empty()) {
        std::printf("reference tables replaced:");
        for (const auto& t : r.refreshedTables) std::printf(" %s", t.c_str());
        std::printf("\n");
    }
    std::printf("%s%lld added, %lld changed, %lld removed, %lld conflict(s)%s\n",
                dryRun ? "dry run: " : "", static_cast<long long>(r.added),
                static_cast<long long>(r.changed), static_cast<long long>(r.removed),
                static_cast<long long>(r.conflicts),
                r.conflicts > 0 ? " (the planner's rows kept; review them)" : "");
    if (dryRun)
        std::printf("nothing written (dry run)\n");
    else if (r.batch > 0)
        std::printf("upgraded as change set %lld (jinmap history; jinmap revert undoes it)\n",
                    static_cast<long long>(r.batch));
    else
        std::printf("upgraded (no row to change)\n");
}

int workspaceCommand(const Context& ctx, const Args& args) {
    const auto& words = args.positional();
    if (words.empty())
        return usageError("workspace needs a subcommand: init [FILE] | info | export | upgrade");
    const std::string& sub = words[0];
    if (sub == "init") {
        if (words.size() > 2) return usageError("workspace init takes one FILE");
        const std::string target =
            words.size() == 2 ? words[1] : args.valueOr("db", Workspace::defaultPath());
        const std::string reference = args.valueOr("from", defaultDatabasePath(ctx.program));
        Workspace::create(reference, target);
        auto ws = Workspace::open(target);
        std::printf("created workspace %s from the reference %s (data version %s)\n",
                    target.c_str(), reference.c_str(), ws->meta("reference_data_version").c_str());
        return 0;
    }
    if (sub == "info") {
        if (words.size() > 1) return usageError("workspace info takes no argument");
        auto ws = Workspace::open(readingPath(ctx, args));
        std::printf("workspace %s\n", ws->path().c_str());
        for (const char* key : {"schema_version", "reference_data_version", "created_at", "author"})
            std::printf("  %-24s %s\n", key, ws->meta(key).c_str());
        std::printf(
            "  %-24s %lld\n", "changes",
            static_cast<long long>(ws->connection().queryInt("SELECT count(*) FROM change_log")));
        const std::string reference = args.valueOr("reference", defaultDatabasePath(ctx.program));
        try {
            const auto check = data::checkUpgrade(ws->path(), reference);
            if (check.available)
                std::printf("  %-24s %s differs (jinmap workspace upgrade merges it)\n",
                            "installed reference", check.referenceVersion.c_str());
        } catch (const Error&) {  // NOLINT(bugprone-empty-catch): no reference installed
        }
        return 0;
    }
    if (sub == "export") {
        if (words.size() > 1) return usageError("workspace export takes -o FILE.gpkg");
        const auto output = args.value("output");
        if (!output) return usageError("workspace export needs -o FILE.gpkg");
        const std::string path = readingPath(ctx, args);
        data::exportGeoPackage(path, *output);
        std::printf("wrote %s (layers:", output->c_str());
        for (const auto& l : data::exchangeLayers()) std::printf(" %s", l.c_str());
        std::printf(")\n");
        return 0;
    }
    if (sub == "upgrade") {
        if (words.size() > 1) return usageError("workspace upgrade takes --reference FILE");
        const std::string reference = args.valueOr("reference", defaultDatabasePath(ctx.program));
        auto ws = Workspace::open(workspacePath(args));
        data::UpgradeOptions options;
        options.dryRun = args.flag("dry-run");
        options.reason = args.valueOr("reason", "");
        const data::UpgradeReport r = ws->upgrade(reference, options);
        printUpgradeReport(*ws, r, options.dryRun);
        return 0;
    }
    if (sub == "push") {
        if (words.size() > 1) return usageError("workspace push takes --to URL [--db FILE]");
        const auto to = args.value("to");
        if (!to || !data::isPostgisName(*to))
            return usageError(
                "workspace push needs --to postgresql://user@host:port/dbname or --to "
                "service=NAME");
        // The planner's workspace, else the reference (made a workspace on the way).
        std::string source = args.valueOr("db", "");
        if (source.empty()) {
            const std::string ws = workspacePath(args);
            source = Workspace::isWorkspace(ws) ? ws : defaultDatabasePath(ctx.program);
        }
        data::PushOptions options;
        options.replace = args.flag("replace");
        options.reference = defaultDatabasePath(ctx.program);
        const auto report = data::pushWorkspace(source, *to, options);
        std::printf("pushed %s to %s: %lld rows in %zu tables (schema version %d%s)\n",
                    source.c_str(), to->c_str(), static_cast<long long>(report.rows),
                    report.tables.size(), data::kPostgisSchemaVersion,
                    report.schemaVersionBefore == 0 ? ", created" : "");
        return 0;
    }
    if (sub == "pull") {
        if (words.size() > 1) return usageError("workspace pull takes --from URL -o FILE");
        const auto from = args.value("from");
        const auto output = args.value("output");
        if (!from || !data::isPostgisName(*from) || !output)
            return usageError(
                "workspace pull needs --from postgresql://… (or service=NAME) -o FILE");
        data::PullOptions options;
        options.reference = defaultDatabasePath(ctx.program);
        const auto report = data::pullWorkspace(*from, *output, options);
        std::printf("pulled %s into %s: %lld rows in %zu tables\n", from->c_str(), output->c_str(),
                    static_cast<long long>(report.rows), report.tables.size());
        return 0;
    }
    if (sub == "grant") {
        const auto reader = args.value("reader");
        const auto editor = args.value("editor");
        const auto server = args.value("to");
        if (words.size() > 1 || !server || !data::isPostgisName(*server) ||
            reader.has_value() == editor.has_value())
            return usageError(
                "workspace grant needs --to postgresql://… (as the workspace's owner) and "
                "--reader NAME or --editor NAME");
        auto pg = data::PgConnection::open(*server);
        const std::string& login = reader ? *reader : *editor;
        data::grantPgRole(*pg, reader ? data::PgRole::Reader : data::PgRole::Editor, login);
        std::printf("%s is now a member of %s on %s\n", login.c_str(),
                    reader ? "jinmap_reader (read)" : "jinmap_editor (read and edit facts)",
                    pg->describe().c_str());
        return 0;
    }
    return usageError("unknown workspace subcommand '" + sub +
                      "' (init, info, export, upgrade, push, pull, grant)");
}

// NOLINTNEXTLINE(cert-err58-cpp): built at start-up, before anything can fail
const std::vector<std::string> kTownOptions = {
    "name",       "county", "city",  "sector", "sector-group", "level", "level-detail",
    "year-named", "source", "quote", "lon",    "lat",          "reason"};
// NOLINTNEXTLINE(cert-err58-cpp)
const std::vector<std::string> kFigureOptions = {"town",   "county", "label",  "value",
                                                 "unit",   "year",   "scope",  "company",
                                                 "source", "quote",  "metric", "reason"};

int townCommand(const Context&, const Args& args) {
    const auto& words = args.positional();
    if (words.empty()) return usageError("town needs add, update TOWN or remove TOWN");
    const std::string& sub = words[0];
    const std::string reason = args.valueOr("reason", "");
    const data::Fields fields = fieldsOf(args, kTownOptions);
    if (sub == "add") {
        if (words.size() != 1) return usageError("town add takes options only (--name …)");
        auto ws = Workspace::open(workspacePath(args));
        const std::string id = ws->addTown(fields, reason);
        std::printf("added town %s (rev %lld)\n", id.c_str(), static_cast<long long>(lastRev(*ws)));
        return 0;
    }
    if (sub == "update" || sub == "remove") {
        if (words.size() != 2) return usageError("town " + sub + " needs the town's id or name");
        auto ws = Workspace::open(workspacePath(args));
        if (sub == "update") {
            if (fields.empty()) return usageError("town update needs a field to change");
            ws->updateTown(words[1], fields, reason);
            std::printf("updated town %s (rev %lld)\n", words[1].c_str(),
                        static_cast<long long>(lastRev(*ws)));
        } else {
            if (!fields.empty()) return usageError("town remove takes --reason only");
            ws->removeTown(words[1], reason);
            std::printf(
                "removed town %s with its figures (rev %lld; jinmap revert %lld undoes it)\n",
                words[1].c_str(), static_cast<long long>(lastRev(*ws)),
                static_cast<long long>(lastRev(*ws)));
        }
        return 0;
    }
    return usageError("unknown town subcommand '" + sub + "' (add, update, remove)");
}

int figureCommand(const Context&, const Args& args) {
    const auto& words = args.positional();
    if (words.empty()) return usageError("figure needs add, update FACT_ID or remove FACT_ID");
    const std::string& sub = words[0];
    const std::string reason = args.valueOr("reason", "");
    const data::Fields fields = fieldsOf(args, kFigureOptions);
    if (sub == "add") {
        if (words.size() != 1) return usageError("figure add takes options only (--town …)");
        auto ws = Workspace::open(workspacePath(args));
        const std::string id = ws->addFigure(fields, reason);
        std::printf("added figure %s (rev %lld)\n", id.c_str(),
                    static_cast<long long>(lastRev(*ws)));
        return 0;
    }
    if (sub == "update" || sub == "remove") {
        if (words.size() != 2) return usageError("figure " + sub + " needs the figure's id");
        auto ws = Workspace::open(workspacePath(args));
        if (sub == "update") {
            if (fields.empty()) return usageError("figure update needs a field to change");
            ws->updateFigure(words[1], fields, reason);
            std::printf("updated figure %s (rev %lld)\n", words[1].c_str(),
                        static_cast<long long>(lastRev(*ws)));
        } else {
            if (!fields.empty()) return usageError("figure remove takes --reason only");
            ws->removeFigure(words[1], reason);
            std::printf("removed figure %s (rev %lld)\n", words[1].c_str(),
                        static_cast<long long>(lastRev(*ws)));
        }
        return 0;
    }
    return usageError("unknown figure subcommand '" + sub + "' (add, update, remove)");
}

int historyCommand(const Context&, const Args& args) {
    // A rev, or a UTC time as the log writes it (2026-11-28, 2026-11-28T19:50 …).
    static const std::regex since(R"(\d+|\d{4}-\d{2}(-\d{2}(T\d{2}(:\d{2}(:\d{2}Z?)?)?)?)?)");
    if (auto s = args.value("since"); s && !std::regex_match(*s, since))
        return usageError("--since takes a rev or a UTC time (2026-11-28 or 2026-11-28T19:50)");
    auto ws = Workspace::open(workspacePath(args));
    const auto entries = ws->history(args.valueOr("since", ""));
    if (entries.empty()) {
        std::printf("no changes%s\n", args.value("since") ? " since then" : "");
        return 0;
    }
    for (const auto& e : entries) {
        std::printf("rev %lld  %s  %s  %s %s %s  (change set %lld)%s%s\n",
                    static_cast<long long>(e.rev), e.at.c_str(), e.author.c_str(), e.action.c_str(),
                    e.table.c_str(), e.subjectId.c_str(), static_cast<long long>(e.batch),
                    e.reason.empty() ? "" : "  reason: ", e.reason.c_str());
        if (e.table != "source_texts") printChanges(e.changes(), "    ");
    }
    return 0;
}

int revertCommand(const Context&, const Args& args) {
    const auto& words = args.positional();
    if (words.size() != 1) return usageError("revert needs one REV (see jinmap history)");
    const auto rev = parseInteger(words[0]);
    if (!rev || *rev <= 0) return usageError("REV must be a change number from jinmap history");
    auto ws = Workspace::open(workspacePath(args));
    const std::int64_t batch = ws->revert(*rev, args.valueOr("reason", ""));
    std::printf("reverted the change set of rev %lld (new change set %lld, rev %lld)\n",
                static_cast<long long>(*rev), static_cast<long long>(batch),
                static_cast<long long>(lastRev(*ws)));
    return 0;
}

int sourcesCommand(const Context&, const Args& args) {
    const auto& words = args.positional();
    if (words.empty()) return usageError("sources needs add FILE or list");
    if (words[0] == "add") {
        if (words.size() != 2) return usageError("sources add needs one FILE");
        auto ws = Workspace::open(workspacePath(args));
        data::Fields meta;
        for (const char* k : {"title", "publisher", "date"})
            if (auto v = args.value(k)) meta[k] = *v;
        const auto doc = ws->addSource(words[1], meta, args.valueOr("reason", ""));
        std::printf("registered %s 《%s》 (%zu characters, sha256 %s)\n", doc.id.c_str(),
                    doc.title.c_str(), doc.characters, doc.sha256.c_str());
        return 0;
    }
    if (words[0] == "list") {
        auto ws = Workspace::open(workspacePath(args));
        for (const auto& d : ws->sources())
            std::printf("%-6s %-5s 《%s》 %s %s  %s (%zu characters)\n", d.id.c_str(),
                        d.kind.c_str(), d.title.c_str(), d.publisher.c_str(), d.date.c_str(),
                        d.file.c_str(), d.characters);
        return 0;
    }
    return usageError("unknown sources subcommand '" + words[0] + "' (add, list)");
}

// Progress on stderr: a bar on a terminal, a line every 10% otherwise.
class Progress {
  public:
    Progress() : tty_(::isatty(2) != 0) {}
    void operator()(std::int64_t done, std::int64_t total) {
        if (total <= 0) return;
        const int percent = static_cast<int>(100 * done / total);
        if (tty_) {
            const int width = 30;
            const std::string bar(static_cast<std::size_t>(width * percent / 100), '#');
            std::fprintf(stderr, "\rimport [%-30s] %lld/%lld rows", bar.c_str(),
                         static_cast<long long>(done), static_cast<long long>(total));
            if (done >= total) std::fprintf(stderr, "\n");
        } else if (percent / 10 > last_ / 10 || done >= total) {
            std::fprintf(stderr, "import: %lld/%lld rows (%d%%)\n", static_cast<long long>(done),
                         static_cast<long long>(total), percent);
        }
        last_ = percent;
    }

  private:
    bool tty_;
    int last_ = -1;
};

int importCommand(const Context&, const Args& args) {
    const auto& words = args.positional();
    if (words.size() != 1) return usageError("import needs one FILE (.xlsx, .ods or .csv)");
    data::ImportReadOptions read;
    read.sheet = args.valueOr("sheet", "");
    read.encoding = args.valueOr("encoding", "");
    if (auto kind = args.value("kind")) {
        if (*kind == "towns")
            read.kind = data::ImportBatch::Kind::Towns;
        else if (*kind == "figures")
            read.kind = data::ImportBatch::Kind::Figures;
        else
            return usageError("--kind must be towns or figures");
    }
    const bool dryRun = args.flag("dry-run");
    const bool quiet = args.flag("quiet");
    auto ws = Workspace::open(workspacePath(args));
    data::ApplyOptions options;
    options.dryRun = dryRun;
    options.skipInvalid = args.flag("skip-invalid");
    options.reason = args.valueOr("reason", "import " + words[0]);
    std::int64_t shownRejected = 0;
    options.onEntry = [&](const data::DiffEntry& e) {
        using Kind = data::DiffEntry::Kind;
        if (e.kind == Kind::Rejected) {
            // Every rejected row names file and row; a flood is cut at 200 lines.
            if (++shownRejected <= 200) std::printf("rejected  %s\n", e.reason.c_str());
            return;
        }
        if (!dryRun) return;
        const std::string where = e.file + ":" + std::to_string(e.row);
        std::printf("%-9s %s  %s\n", data::diffKindName(e.kind), where.c_str(), e.subject.c_str());
        if (e.kind == Kind::Changed) printChanges(e.changes, "          ");
    };
    Progress progress;
    if (!quiet) read.progress = std::ref(progress);
    ws->beginImport(options);
    try {
        data::readImportFile(words[0], read,
                             [&](const data::ImportBatch& chunk) { ws->importChunk(chunk); });
    } catch (...) {
        ws->abortImport();
        throw;
    }
    const data::ApplyResult r = ws->finishImport();
    if (shownRejected > 200)
        std::printf("rejected  … and %lld more\n", static_cast<long long>(shownRejected - 200));
    std::printf("%s%lld added, %lld changed, %lld unchanged, %lld rejected\n",
                dryRun ? "dry run: " : "", static_cast<long long>(r.added),
                static_cast<long long>(r.changed), static_cast<long long>(r.unchanged),
                static_cast<long long>(r.rejected));
    if (r.written) {
        std::printf("imported as change set %lld (jinmap history; jinmap revert undoes it)\n",
                    static_cast<long long>(r.batch));
        return 0;
    }
    if (dryRun) {
        std::printf("nothing written (dry run)\n");
        return r.rejected > 0 && !options.skipInvalid ? 1 : 0;
    }
    if (r.rejected > 0 && !options.skipInvalid)
        return fail("import refused: " + std::to_string(r.rejected) +
                    " row(s) rejected, nothing was imported (correct them, or --skip-invalid "
                    "imports the others)");
    std::printf("nothing to change\n");
    return 0;
}

}  // namespace

void registerWorkspaceCommands() {
    Command workspace{
        "workspace",
        "init [FILE] [--from REFERENCE] | info | export -o FILE.gpkg | upgrade [--reference "
        "FILE] [--dry-run] [--reason R] | push --to URL [--replace] | pull --from URL -o FILE | "
        "grant --to URL --reader NAME|--editor NAME   a planner's workspace: a copy of the "
        "reference that records every change (push/pull: PostgreSQL/PostGIS, "
        "postgresql://user@host:port/db or service=NAME)",
        {"from", "reference", "reason", "to", "reader", "editor"},
        {"dry-run", "replace"},
        workspaceCommand};
    workspace.maxPositional = 2;
    registerCommand(workspace);
    Command town{"town",
                 "add|update TOWN|remove TOWN [--name N --county C --city C --sector S --level L "
                 "--source ID|FILE|TITLE|手工录入 --quote Q --lon X --lat Y --reason R]",
                 kTownOptions,
                 {},
                 onServer(townCommand)};
    town.maxPositional = 2;
    registerCommand(town);
    Command figure{"figure",
                   "add|update FACT_ID|remove FACT_ID [--town T --label L --value V --unit U "
                   "--year Y --scope S --company C --source S --quote Q --reason R]",
                   kFigureOptions,
                   {},
                   onServer(figureCommand)};
    figure.maxPositional = 2;
    registerCommand(figure);
    registerCommand({"history",
                     "[--since TIME|REV]   the workspace's change log",
                     {"since"},
                     {},
                     onServer(historyCommand)});
    Command revert{"revert",
                   "REV [--reason R]   undo the change set of REV",
                   {"reason"},
                   {},
                   onServer(revertCommand)};
    revert.maxPositional = 1;
    registerCommand(revert);
    Command sources{
        "sources",
        "add FILE [--title T --publisher P --date YYYY-MM-DD] | list   source documents",
        {"title", "publisher", "date", "reason"},
        {},
        onServer(sourcesCommand)};
    sources.maxPositional = 2;
    registerCommand(sources);
    Command import{"import",
                   "FILE.xlsx|.ods|.csv [--sheet S] [--kind towns|figures] [--encoding utf-8|gbk] "
                   "[--dry-run] [--skip-invalid] [--reason R] [--quiet]   towns or figures from a "
                   "spreadsheet, in one transaction",
                   {"sheet", "kind", "encoding", "reason"},
                   {"dry-run", "skip-invalid", "quiet"},
                   onServer(importCommand)};
    import.maxPositional = 1;
    registerCommand(import);
}

}  // namespace jinmap::cli
