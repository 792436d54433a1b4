#include "workspace_editor.h"

#include <sys/stat.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <map>
#include <utility>

#include "base/error.h"
#include "base/sqlite.h"
#include "controller.h"
#include "data/change_watcher.h"
#include "data/geodatabase.h"
#include "data/pg_edit_session.h"
#include "data/pg_workspace.h"
#include "data/workspace.h"
#include "error_text.h"
#include "models.h"

namespace jinmap::viewer {

namespace {

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

// QML's values as the canonical field strings; empty values are left out.
data::Fields toFields(const QVariantMap& map) {
    data::Fields out;
    for (auto it = map.cbegin(); it != map.cend(); ++it) {
        const QString value = it.value().toString().trimmed();
        if (!value.isEmpty()) out[it.key().toStdString()] = value.toStdString();
    }
    return out;
}

// Which file is at `path` now (0: none): a file renamed over it is another.
std::uint64_t fileIdentity(const QString& path) {
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0) return 0;
    return static_cast<std::uint64_t>(st.st_ino) ^ (static_cast<std::uint64_t>(st.st_dev) << 32U);
}

constexpr int kPollIntervalMs = 200;

}  // namespace

QString chooseWorkspace(ViewerOptions& options, const QString& reference) {
    if (!options.dbPath.isEmpty()) return {};
    const QByteArray chosen = qgetenv("JINMAP_DB");
    if (!chosen.isEmpty()) {
        options.dbPath = QString::fromLocal8Bit(chosen);
        return {};
    }
    const QByteArray env = qgetenv("JINMAP_WORKSPACE");
    const QString path =
        env.isEmpty() ? qs(data::Workspace::defaultPath()) : QString::fromLocal8Bit(env);
    if (QFileInfo::exists(path)) {
        options.dbPath = path;
        return WorkspaceEditor::tr("Your workspace: %1").arg(QDir::toNativeSeparators(path));
    }
    if (!QFileInfo::exists(reference)) {
        options.dbPath = reference;  // the window says the database is missing
        return {};
    }
    try {
        QDir().mkpath(QFileInfo(path).absolutePath());
        data::Workspace::create(reference.toStdString(), path.toStdString());
        options.dbPath = path;
        return WorkspaceEditor::tr(
                   "Created your workspace %1 from the reference data: your edits are kept "
                   "there.")
            .arg(QDir::toNativeSeparators(path));
    } catch (const Error& e) {
        options.dbPath = reference;
        return WorkspaceEditor::tr(
                   "Could not create a workspace (%1); showing the read-only reference data.")
            .arg(errorWhat(e));
    }
}

WorkspaceEditor::WorkspaceEditor(Controller* controller, QObject* parent)
    : QObject(parent), controller_(controller) {
    pollTimer_.setInterval(kPollIntervalMs);
    connect(&pollTimer_, &QTimer::timeout, this, &WorkspaceEditor::poll);
    connect(&serverTimer_, &QTimer::timeout, this, &WorkspaceEditor::pollServer);
}

WorkspaceEditor::~WorkspaceEditor() = default;

std::pair<std::int64_t, std::int64_t> WorkspaceEditor::ownRevs(data::Workspace& ws) {
    auto q = ws.connection().prepare(
        "SELECT coalesce(min(rev), 0), coalesce(max(rev), 0) FROM change_log WHERE batch = ?1");
    q->bind(1, ws.lastBatch());
    if (!q->step()) return {0, 0};
    return {q->columnInt64(0), q->columnInt64(1)};
}

void WorkspaceEditor::watch() {
    try {
        watcher_ = std::make_unique<data::ChangeWatcher>(path_.toStdString());
    } catch (const Error&) {
        watcher_.reset();  // missing for now: the next tick tries again
    }
}

void WorkspaceEditor::poll() {
    if (!watcher_) {
        watch();
        return;
    }
    bool changed = false;
    try {
        changed = watcher_->poll();
    } catch (const Error&) {
        watcher_.reset();  // the file went away under the watcher: start over
        return;
    }
    if (!changed) return;
    const std::uint64_t identity = fileIdentity(path_);
    if (identity != 0 && identity != inode_) {
        // Renamed over (a restored backup, a copy put in its place): another
        // file, so the map database is opened afresh and the undo history,
        // which names revs of the old file, is dropped.
        inode_ = identity;
        ++outsideChanges_;
        workspace_.reset();
        undo_.clear();
        redo_.clear();
        controller_->load();
        ++reloadCount_;
        emit reloaded();
        emit historyChanged();
        controller_->showStatus(tr("The workspace file was replaced; opened it again"));
        return;
    }
    // This viewer's own commit, shown already by the reload after it.
    if (watcher_->lastRev() == ownLastRev_) {
        ++ownChangesSkipped_;
        return;
    }
    // Another program wrote: what the open workspace has cached (its
    // documents, its town index) may be out of date.
    ++outsideChanges_;
    workspace_.reset();
    reload();
    controller_->showStatus(tr("Updated with changes saved by another program"));
}

data::Workspace& WorkspaceEditor::workspace() {
    // Kept open between edits (opening costs ~20 ms: SpatiaLite is loaded);
    // it holds no lock between transactions, so other programs write freely.
    if (!workspace_) workspace_ = data::Workspace::open(path_.toStdString());
    return *workspace_;
}

void WorkspaceEditor::attach(const QString& path) {
    path_ = path;
    workspace_.reset();
    undo_.clear();
    redo_.clear();
    readOnlyReason_.clear();
    pollTimer_.stop();
    watcher_.reset();
    ownLastRev_ = -1;
    inode_ = fileIdentity(path);
    const std::string p = path.toStdString();
    if (path.isEmpty() || !controller_->hasDatabase()) {
        readOnlyReason_ = tr("No database is open.");
    } else if (!data::Workspace::isWorkspace(p)) {
        readOnlyReason_ =
            tr("%1 is the read-only reference data. Edits go to a workspace: start jinmap "
               "without --db to use your own, or create one with “jinmap workspace init FILE” "
               "and open it with --db FILE.")
                .arg(QFileInfo(path).fileName());
    } else if (!QFileInfo(path).isWritable() ||
               !QFileInfo(QFileInfo(path).absolutePath()).isWritable()) {
        readOnlyReason_ =
            tr("The workspace %1 is read-only (no write permission); edits are off.").arg(path);
    }
    // A workspace is watched even when this user cannot write it: others may.
    if (controller_->hasDatabase() && data::Workspace::isWorkspace(p)) {
        watch();
        pollTimer_.start();
    }
    emit stateChanged();
    emit historyChanged();
}

namespace {

QString upgradeKindLabel(data::UpgradeEntry::Kind kind) {
    switch (kind) {
        case data::UpgradeEntry::Kind::Added:
            return WorkspaceEditor::tr("Added");
        case data::UpgradeEntry::Kind::Changed:
            return WorkspaceEditor::tr("Changed");
        case data::UpgradeEntry::Kind::Removed:
            return WorkspaceEditor::tr("Removed");
        case data::UpgradeEntry::Kind::Conflict:
            return WorkspaceEditor::tr("Conflict");
    }
    return {};
}

QString shown(const std::string& value) {
    return value.empty() ? WorkspaceEditor::tr("(empty)") : qs(value);
}

// The report's words for a planner: fields by their form labels, the
// subject's kind and the merge's note in the interface language.
QString fieldLabel(const std::string& field) {
    static const std::map<std::string, const char*> labels = {
        {"name", QT_TRANSLATE_NOOP("jinmap::viewer::WorkspaceEditor", "name")},
        {"name_as_written",
         QT_TRANSLATE_NOOP("jinmap::viewer::WorkspaceEditor", "name as written")},
        {"county", QT_TRANSLATE_NOOP("jinmap::viewer::WorkspaceEditor", "county")},
        {"prefecture", QT_TRANSLATE_NOOP("jinmap::viewer::WorkspaceEditor", "city")},
        {"sector", QT_TRANSLATE_NOOP("jinmap::viewer::WorkspaceEditor", "sector")},
        {"sector_group", QT_TRANSLATE_NOOP("jinmap::viewer::WorkspaceEditor", "sector group")},
        {"level", QT_TRANSLATE_NOOP("jinmap::viewer::WorkspaceEditor", "level")},
        {"level_detail", QT_TRANSLATE_NOOP("jinmap::viewer::WorkspaceEditor", "level as written")},
        {"year_named", QT_TRANSLATE_NOOP("jinmap::viewer::WorkspaceEditor", "year named")},
        {"source_id", QT_TRANSLATE_NOOP("jinmap::viewer::WorkspaceEditor", "source")},
        {"quote", QT_TRANSLATE_NOOP("jinmap::viewer::WorkspaceEditor", "quote")},
        {"label", QT_TRANSLATE_NOOP("jinmap::viewer::WorkspaceEditor", "figure")},
        {"value", QT_TRANSLATE_NOOP("jinmap::viewer::WorkspaceEditor", "value")},
        {"value_text", QT_TRANSLATE_NOOP("jinmap::viewer::WorkspaceEditor", "value as written")},
        {"unit", QT_TRANSLATE_NOOP("jinmap::viewer::WorkspaceEditor", "unit")},
        {"year", QT_TRANSLATE_NOOP("jinmap::viewer::WorkspaceEditor", "year")},
        {"scope", QT_TRANSLATE_NOOP("jinmap::viewer::WorkspaceEditor", "scope")},
        {"company", QT_TRANSLATE_NOOP("jinmap::viewer::WorkspaceEditor", "company")},
        {"geometry", QT_TRANSLATE_NOOP("jinmap::viewer::WorkspaceEditor", "place")},
        {"location_precision",
         QT_TRANSLATE_NOOP("jinmap::viewer::WorkspaceEditor", "place precision")},
        {"deleted", QT_TRANSLATE_NOOP("jinmap::viewer::WorkspaceEditor", "deleted")}};
    const auto it = labels.find(field);
    return it == labels.end() ? qs(field) : WorkspaceEditor::tr(it->second);
}

QString subjectText(const std::string& subject) {
    static const std::pair<const char*, const char*> kinds[] = {
        {"town ", QT_TRANSLATE_NOOP("jinmap::viewer::WorkspaceEditor", "Town")},
        {"figure ", QT_TRANSLATE_NOOP("jinmap::viewer::WorkspaceEditor", "Figure")},
        {"source text ", QT_TRANSLATE_NOOP("jinmap::viewer::WorkspaceEditor", "Source text")},
        {"source ", QT_TRANSLATE_NOOP("jinmap::viewer::WorkspaceEditor", "Source")},
        {"provenance ", QT_TRANSLATE_NOOP("jinmap::viewer::WorkspaceEditor", "Provenance")},
        {"note ", QT_TRANSLATE_NOOP("jinmap::viewer::WorkspaceEditor", "Note")}};
    for (const auto& [prefix, word] : kinds) {
        const std::string p(prefix);
        if (subject.compare(0, p.size(), p) == 0)
            return WorkspaceEditor::tr(word) + QLatin1Char(' ') + qs(subject.substr(p.size()));
    }
    return qs(subject);
}

QString noteText(const std::string& note) {
    static const std::map<std::string, const char*> notes = {
        {"removed by the planner; the reference changed it: stays removed",
         QT_TRANSLATE_NOOP("jinmap::viewer::WorkspaceEditor",
                           "You deleted it; the reference data changed it: it stays deleted.")},
        {"the reference drops it; the planner edited it: the planner's row stays",
         QT_TRANSLATE_NOOP("jinmap::viewer::WorkspaceEditor",
                           "The reference data drops it; you edited it: your version stays.")},
        {"added by both with the same id: the planner's row stays",
         QT_TRANSLATE_NOOP("jinmap::viewer::WorkspaceEditor",
                           "Both added it with the same id: your version stays.")},
        {"changed by both: the planner's row stays",
         QT_TRANSLATE_NOOP("jinmap::viewer::WorkspaceEditor",
                           "Both changed it: your version stays.")}};
    const auto it = notes.find(note);
    return it == notes.end() ? qs(note) : WorkspaceEditor::tr(it->second);
}

// One line a field: "level_detail: 省级特色 → 省级重点 (yours: 省级示范)".
QString upgradeDetails(const data::UpgradeEntry& e) {
    QStringList lines;
    for (const auto& c : e.changes) {
        QString line =
            QStringLiteral("%1: %2 → %3").arg(fieldLabel(c.field), shown(c.before), shown(c.after));
        const auto mine = e.planner.find(c.field);
        if (e.kind == data::UpgradeEntry::Kind::Conflict && mine != e.planner.end())
            line += WorkspaceEditor::tr(" (yours: %1)").arg(shown(mine->second));
        lines << line;
    }
    if (!e.note.empty()) lines << noteText(e.note);
    return lines.join(QLatin1Char('\n'));
}

}  // namespace

void WorkspaceEditor::offerUpgrade(const QString& reference) {
    if (upgradeAsked_ || !editable() || reference.isEmpty() || !QFileInfo::exists(reference) ||
        QFileInfo(reference).canonicalFilePath() == QFileInfo(path_).canonicalFilePath())
        return;
    upgradeAsked_ = true;
    try {
        const auto check = data::checkUpgrade(path_.toStdString(), reference.toStdString());
        if (!check.available) return;
        data::UpgradeOptions dryRun;
        dryRun.dryRun = true;
        const data::UpgradeReport report = workspace().upgrade(reference.toStdString(), dryRun);
        if (report.upToDate) return;
        upgradeReference_ = reference;
        upgradeSummary_ = row({{"fromVersion", qs(report.fromVersion)},
                               {"toVersion", qs(report.toVersion)},
                               {"added", static_cast<qlonglong>(report.added)},
                               {"changed", static_cast<qlonglong>(report.changed)},
                               {"removed", static_cast<qlonglong>(report.removed)},
                               {"conflicts", static_cast<qlonglong>(report.conflicts)},
                               {"reference", QDir::toNativeSeparators(reference)}});
        upgradeEntries_.clear();
        for (const auto& e : report.entries)
            upgradeEntries_ << row({{"kind", QString::fromLatin1(data::upgradeKindName(e.kind))},
                                    {"kindLabel", upgradeKindLabel(e.kind)},
                                    {"subject", subjectText(e.subject)},
                                    {"details", upgradeDetails(e)}});
        upgradeOffered_ = true;
        emit upgradeChanged();
    } catch (const Error& e) {
        workspace_.reset();
        controller_->showStatus(
            tr("Cannot compare with the installed reference data: %1").arg(errorWhat(e)));
    }
}

QString WorkspaceEditor::applyUpgrade() {
    if (!upgradeOffered_) return tr("No upgrade is waiting.");
    if (!editable()) return readOnlyReason_;
    data::UpgradeReport report;
    try {
        data::Workspace& ws = workspace();
        data::UpgradeOptions options;
        options.reason = "upgrade in the viewer";
        report = ws.upgrade(upgradeReference_.toStdString(), options);
        // Its commit is this viewer's own: the watcher skips it.
        ownLastRev_ = ws.connection().queryInt("SELECT coalesce(max(rev), 0) FROM change_log");
    } catch (const Error& e) {
        workspace_.reset();
        return errorMessage(e);
    }
    upgradeOffered_ = false;
    emit upgradeChanged();
    reload();
    controller_->showStatus(tr("Upgraded to the reference data %1: %2 added, %3 changed, %4 "
                               "removed, %5 conflicts to review (Edit menu)")
                                .arg(qs(report.toVersion))
                                .arg(report.added)
                                .arg(report.changed)
                                .arg(report.removed)
                                .arg(report.conflicts));
    emit historyChanged();
    return {};
}

void WorkspaceEditor::postponeUpgrade() {
    if (!upgradeOffered_) return;
    upgradeOffered_ = false;
    emit upgradeChanged();
    controller_->showStatus(
        tr("The new reference data waits: “jinmap workspace upgrade” or the next start merges it"));
}

QVariantList WorkspaceEditor::upgradeConflicts() {
    QVariantList out;
    if (path_.isEmpty() || !data::Workspace::isWorkspace(path_.toStdString())) return out;
    try {
        for (const auto& e : workspace().upgradeConflicts()) {
            QVariantList fields;
            for (const auto& c : e.changes) {
                const auto mine = e.planner.find(c.field);
                fields << row(
                    {{"field", fieldLabel(c.field)},
                     {"referenceBefore", shown(c.before)},
                     {"referenceAfter", shown(c.after)},
                     {"planner", mine == e.planner.end() ? QString() : shown(mine->second)}});
            }
            out << row({{"subject", subjectText(e.subject)},
                        {"note", noteText(e.note)},
                        {"fields", fields}});
        }
    } catch (const Error& e) {
        workspace_.reset();
        controller_->showStatus(errorWhat(e));
    }
    return out;
}

void WorkspaceEditor::attachServer(const QString& server, const QString& replica,
                                   const QString& reference) {
    attach(replica);
    // The replica is replaced, not written: the server is watched instead.
    pollTimer_.stop();
    watcher_.reset();
    serverTimer_.stop();
    serverWatcher_.reset();
    server_ = server;
    reference_ = reference;
    shownRevision_.clear();
    readOnlyReason_.clear();
    try {
        serverWatcher_ =
            std::make_unique<data::ChangeWatcher>(server.toStdString(), reference.toStdString());
        serverWasConnected_ = serverWatcher_->connected();
        if (!serverWasConnected_)
            readOnlyReason_ =
                tr("The PostgreSQL server cannot be reached: showing the last local "
                   "copy, read-only; reconnecting…");
        serverTimer_.start(200);
    } catch (const Error& e) {
        readOnlyReason_ = tr("The PostgreSQL server cannot be reached (%1).").arg(errorWhat(e));
    }
    emit stateChanged();
}

bool WorkspaceEditor::serverConnected() const {
    return serverWatcher_ && serverWatcher_->connected();
}

void WorkspaceEditor::pollServer() {
    if (!serverWatcher_) return;
    const bool changed = serverWatcher_->poll();
    const bool connected = serverWatcher_->connected();
    if (connected != serverWasConnected_) {
        serverWasConnected_ = connected;
        readOnlyReason_ = connected ? QString()
                                    : tr("The connection to the server is lost; showing the last "
                                         "local copy, read-only; reconnecting…");
        controller_->showStatus(connected ? tr("Connected to the PostgreSQL server again.")
                                          : readOnlyReason_);
        emit stateChanged();
    }
    if (!changed) return;
    workspace_.reset();
    reload();
    if (connected) controller_->showStatus(tr("Updated with changes saved by another planner"));
}

QString WorkspaceEditor::writeOnServer(const QString& text, const QString& townId,
                                       const std::function<QString(data::Workspace&)>& edit) {
    const qint64 based = std::exchange(basedOn_, -1);
    if (!editable()) return readOnlyReason_;
    QString town = townId;
    try {
        data::PgEditSession session(server_.toStdString(), reference_.toStdString());
        if (based >= 0 && !townId.isEmpty()) session.basedOn("towns", townId.toStdString(), based);
        {
            const auto ws = data::Workspace::open(session.path());
            const QString made = edit(*ws);
            if (!made.isEmpty()) town = made;
        }
        const std::int64_t rev = commitOnServer(session);
        if (rev > 0) {
            undo_.push_back({rev, text, town});
            redo_.clear();
        }
    } catch (const data::EditConflict& e) {
        return errorMessage(e);
    } catch (const Error& e) {
        return tr("NOT saved on the server: %1").arg(errorMessage(e));
    }
    workspace_.reset();
    showChange(town, tr("Saved on the server: %1 (Ctrl+Z undoes it)").arg(text));
    return {};
}

void WorkspaceEditor::showChange(const QString& town, const QString& status) {
    reload();
    if (!town.isEmpty() && controller_->catalogue().find(town) &&
        (controller_->selectionKind() != QLatin1String("town") ||
         controller_->selectionKey() != town))
        controller_->selectTown(town, false);
    controller_->showStatus(status);
    emit historyChanged();
    emit edited(town);
}

std::int64_t WorkspaceEditor::commitOnServer(data::PgEditSession& session) {
    const data::PgCommitResult saved = session.commit();
    // The replica takes this change now (the NOTIFY of the commit then finds
    // it current and reloads nothing); it numbers the change log as the
    // server does, so a later session can revert the change set by its rev.
    const auto replica = data::openReplica(server_.toStdString(), reference_.toStdString());
    if (saved.changes == 0 || replica.stale) return 0;
    auto db = Database::open(replica.path, Database::Mode::ReadOnly);
    return db.queryInt("SELECT coalesce(min(rev), 0) FROM change_log WHERE batch = " +
                       std::to_string(saved.batch));
}

QString WorkspaceEditor::undoText() const {
    return undo_.empty() ? QString() : undo_.back().text;
}

QString WorkspaceEditor::redoText() const {
    return redo_.empty() ? QString() : redo_.back().text;
}

void WorkspaceEditor::reload() {
    QElapsedTimer timer;
    timer.start();
    // Opened afresh (~3 ms): the readers' connections shadow only the tables
    // that held deleted rows when they opened, and this change may add one.
    controller_->reloadData(true);
    lastReloadMs_ = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    ++reloadCount_;
    emit reloaded();
}

QString WorkspaceEditor::write(const QString& text, const QString& townId,
                               const std::function<QString(data::Workspace&)>& edit) {
    if (onServer()) return writeOnServer(text, townId, edit);
    if (!editable()) return readOnlyReason_;
    QString town = townId;
    try {
        data::Workspace& ws = workspace();
        const QString made = edit(ws);
        if (!made.isEmpty()) town = made;
        // The change set this call wrote (not the log's newest: another
        // program may have committed since).
        const auto [first, last] = ownRevs(ws);
        ownLastRev_ = last;
        undo_.push_back({first, text, town});
        redo_.clear();
    } catch (const Error& e) {
        workspace_.reset();  // the next edit starts afresh
        return errorMessage(e);
    }
    showChange(town, tr("Saved: %1 (Ctrl+Z undoes it)").arg(text));
    return {};
}

QVariantMap WorkspaceEditor::townFields(const QString& townId) const {
    const auto gdb = controller_->database();
    if (!gdb) return {};
    try {
        auto db = gdb->database();
        auto query = [&](bool withEnteredBy) {
            return db->prepare(
                std::string("SELECT coalesce(name_as_written, name), coalesce(county,''), "
                            "coalesce(prefecture,''), coalesce(sector,''), "
                            "coalesce(sector_group,''), coalesce(level,''), "
                            "coalesce(level_detail,''), coalesce(year_named,''), "
                            "coalesce(source_id,''), coalesce(quote,''), "
                            "coalesce(location_precision,''), ") +
                (withEnteredBy ? "coalesce(entered_by,'')" : "''") + " FROM towns WHERE id = ?1");
        };
        Statement q = [&] {
            try {
                return query(true);
            } catch (const Error&) {
                return query(false);  // the reference has no entered_by
            }
        }();
        q.bind(1, townId.toStdString());
        if (!q.step()) return {};
        if (onServer()) {
            auto revision = db->prepare("SELECT revision FROM towns WHERE id = ?1");
            revision.bind(1, townId.toStdString());
            if (revision.step()) shownRevision_[townId] = revision.columnInt64(0);
        }
        return row({{"id", townId},
                    {"name", qs(q.columnText(0))},
                    {"county", qs(q.columnText(1))},
                    {"city", qs(q.columnText(2))},
                    {"sector", qs(q.columnText(3))},
                    {"sector_group", qs(q.columnText(4))},
                    {"level", qs(q.columnText(5))},
                    {"level_detail", qs(q.columnText(6))},
                    {"year_named", qs(q.columnText(7))},
                    {"source", qs(q.columnText(8))},
                    {"quote", qs(q.columnText(9))},
                    {"location_precision", qs(q.columnText(10))},
                    {"entered_by", qs(q.columnText(11))}});
    } catch (const Error& e) {
        controller_->showStatus(errorWhat(e));
        return {};
    }
}

QVariantList WorkspaceEditor::townFigures(const QString& townId) const {
    QVariantList out;
    const auto gdb = controller_->database();
    if (!gdb) return out;
    try {
        auto db = gdb->database();
        auto query = [&](bool withEnteredBy) {
            return db->prepare(std::string("SELECT fact_id, coalesce(label,''), "
                                           "coalesce(value_text,''), coalesce(unit,''), "
                                           "coalesce(year,''), coalesce(scope,''), "
                                           "coalesce(company,''), coalesce(source_id,''), "
                                           "coalesce(quote,''), ") +
                               (withEnteredBy ? "coalesce(entered_by,'')" : "''") +
                               " FROM town_facts WHERE town_id = ?1 ORDER BY rowid");
        };
        Statement q = [&] {
            try {
                return query(true);
            } catch (const Error&) {
                return query(false);
            }
        }();
        q.bind(1, townId.toStdString());
        while (q.step())
            out << row({{"fact_id", qs(q.columnText(0))},
                        {"label", qs(q.columnText(1))},
                        {"value", qs(q.columnText(2))},
                        {"unit", qs(q.columnText(3))},
                        {"year", qs(q.columnText(4))},
                        {"scope", qs(q.columnText(5))},
                        {"company", qs(q.columnText(6))},
                        {"source", qs(q.columnText(7))},
                        {"quote", qs(q.columnText(8))},
                        {"entered_by", qs(q.columnText(9))}});
    } catch (const Error& e) {
        controller_->showStatus(errorWhat(e));
    }
    return out;
}

QVariantList WorkspaceEditor::sourceOptions() const {
    QVariantList out;
    out << row({{"id", QString()}, {"label", tr("Entered by hand (no document)")}});
    const auto gdb = controller_->database();
    if (!gdb) return out;
    try {
        auto q = gdb->database()->prepare(
            "SELECT id, coalesce(title, ''), coalesce(file, '') FROM sources ORDER BY id");
        while (q.step()) {
            const QString title =
                qs(q.columnText(1)).isEmpty() ? qs(q.columnText(2)) : qs(q.columnText(1));
            out << row(
                {{"id", qs(q.columnText(0))}, {"label", QStringLiteral("《%1》").arg(title)}});
        }
    } catch (const Error& e) {
        controller_->showStatus(errorWhat(e));
    }
    return out;
}

QVariantList WorkspaceEditor::sectorGroupOptions() const {
    QVariantList out;
    out << row({{"value", QString()}, {"label", tr("(none)")}});
    const QVariantList sectors = controller_->sectorOptions();
    for (const QVariant& v : sectors) out << v;
    return out;
}

QString WorkspaceEditor::addTown(const QVariantMap& fields, const QString& reason) {
    const QString name = fields.value(QStringLiteral("name")).toString().trimmed();
    return write(tr("add town %1").arg(name), {}, [&](data::Workspace& ws) {
        return qs(ws.addTown(toFields(fields), reason.trimmed().toStdString()));
    });
}

QString WorkspaceEditor::updateTown(const QString& townId, const QVariantMap& fields,
                                    const QString& reason) {
    // What the dialog showed (before townFields below reads it anew).
    basedOn_ = shownRevision_.value(townId, -1);
    shownRevision_.remove(townId);
    const QVariantMap current = townFields(townId);
    if (current.isEmpty()) return tr("No town %1 (deleted meanwhile?)").arg(townId);
    data::Fields changed;
    auto differs = [&](const char* key) {
        return fields.contains(QLatin1String(key)) &&
               fields.value(QLatin1String(key)).toString().trimmed() !=
                   current.value(QLatin1String(key)).toString().trimmed();
    };
    auto put = [&](const char* key) {
        changed[key] = fields.value(QLatin1String(key)).toString().trimmed().toStdString();
    };
    for (const char* key :
         {"name", "sector", "sector_group", "level", "level_detail", "year_named"})
        if (differs(key)) put(key);
    if (differs("county") || differs("city")) {
        put("county");
        put("city");
    }
    // A quote is checked against its document: both travel together.
    if (differs("source") || differs("quote")) {
        put("source");
        put("quote");
        if (changed["source"].empty()) changed["source"] = "手工录入";
    }
    // The level's detail ("省级第二批") goes with the level it details.
    if (changed.count("level_detail") && !changed.count("level")) put("level");
    if (changed.empty()) return tr("Nothing to save: the fields are as they were.");
    const QString name = current.value(QStringLiteral("name")).toString();
    return write(tr("edit town %1").arg(name), townId, [&](data::Workspace& ws) {
        ws.updateTown(townId.toStdString(), changed, reason.trimmed().toStdString());
        return QString();
    });
}

QString WorkspaceEditor::moveTown(const QString& townId, double lon, double lat,
                                  const QString& reason) {
    const QVariantMap current = townFields(townId);
    if (current.isEmpty()) return tr("No town %1 (deleted meanwhile?)").arg(townId);
    data::Fields changed;
    changed["lon"] = QString::number(lon, 'f', 6).toStdString();
    changed["lat"] = QString::number(lat, 'f', 6).toStdString();
    // The point decides the county (a small hit test radius: one metre a pixel).
    const QVariantMap county = controller_->countyAt(lon, lat, 1.0);
    if (county.isEmpty()) return tr("That place is outside Shanxi's counties.");
    if (county.value(QStringLiteral("county")).toString() !=
        current.value(QStringLiteral("county")).toString()) {
        changed["county"] = county.value(QStringLiteral("adcode")).toString().toStdString();
    }
    const QString name = current.value(QStringLiteral("name")).toString();
    return write(tr("move town %1").arg(name), townId, [&](data::Workspace& ws) {
        ws.updateTown(townId.toStdString(), changed, reason.trimmed().toStdString());
        return QString();
    });
}

QString WorkspaceEditor::removeTown(const QString& townId, const QString& reason) {
    const QVariantMap current = townFields(townId);
    if (current.isEmpty()) return tr("No town %1 (deleted meanwhile?)").arg(townId);
    const QString name = current.value(QStringLiteral("name")).toString();
    return write(tr("delete town %1").arg(name), townId, [&](data::Workspace& ws) {
        ws.removeTown(townId.toStdString(), reason.trimmed().toStdString());
        return QString();
    });
}

QString WorkspaceEditor::addFigure(const QString& townId, const QVariantMap& fields,
                                   const QString& reason) {
    data::Fields f = toFields(fields);
    f["town"] = townId.toStdString();
    const QString label = fields.value(QStringLiteral("label")).toString().trimmed();
    return write(tr("add figure %1").arg(label), townId, [&](data::Workspace& ws) {
        ws.addFigure(f, reason.trimmed().toStdString());
        return QString();
    });
}

QString WorkspaceEditor::updateFigure(const QString& factId, const QVariantMap& fields,
                                      const QString& reason) {
    const QString townId = fields.value(QStringLiteral("town")).toString();
    QVariantMap current;
    for (const QVariant& v : townFigures(townId))
        if (v.toMap().value(QStringLiteral("fact_id")).toString() == factId) current = v.toMap();
    if (current.isEmpty()) return tr("No figure %1 (deleted meanwhile?)").arg(factId);
    data::Fields changed;
    auto differs = [&](const char* key) {
        return fields.contains(QLatin1String(key)) &&
               fields.value(QLatin1String(key)).toString().trimmed() !=
                   current.value(QLatin1String(key)).toString().trimmed();
    };
    auto put = [&](const char* key) {
        changed[key] = fields.value(QLatin1String(key)).toString().trimmed().toStdString();
    };
    for (const char* key : {"label", "year", "scope", "company"})
        if (differs(key)) put(key);
    // A value is read with its unit ("3.2" "亿元").
    if (differs("value") || differs("unit")) {
        put("value");
        put("unit");
    }
    if (differs("source") || differs("quote")) {
        put("source");
        put("quote");
        if (changed["source"].empty()) changed["source"] = "手工录入";
    }
    if (changed.empty()) return tr("Nothing to save: the fields are as they were.");
    const QString label = current.value(QStringLiteral("label")).toString();
    return write(tr("edit figure %1").arg(label), townId, [&](data::Workspace& ws) {
        ws.updateFigure(factId.toStdString(), changed, reason.trimmed().toStdString());
        return QString();
    });
}

QString WorkspaceEditor::removeFigure(const QString& factId, const QString& reason) {
    QString townId, label;
    if (const auto gdb = controller_->database()) {
        try {
            auto q = gdb->database()->prepare(
                "SELECT town_id, coalesce(label,'') FROM town_facts WHERE fact_id = ?1");
            q.bind(1, factId.toStdString());
            if (q.step()) {
                townId = qs(q.columnText(0));
                label = qs(q.columnText(1));
            }
        } catch (const Error& e) {
            return errorWhat(e);
        }
    }
    return write(tr("delete figure %1").arg(label), townId, [&](data::Workspace& ws) {
        ws.removeFigure(factId.toStdString(), reason.trimmed().toStdString());
        return QString();
    });
}

QString WorkspaceEditor::replay(std::vector<Step>& from, std::vector<Step>& to, bool undo) {
    if (!editable()) return readOnlyReason_;
    if (from.empty()) return undo ? tr("Nothing to undo.") : tr("Nothing to redo.");
    const Step step = from.back();
    QElapsedTimer timer;
    timer.start();
    const char* reason = undo ? "undo in the viewer" : "redo in the viewer";
    try {
        std::int64_t rev = 0;
        if (onServer()) {
            // As any edit on the server: the revert made on a session's copy,
            // saved only if nobody changed those rows since.
            data::PgEditSession session(server_.toStdString(), reference_.toStdString());
            data::Workspace::open(session.path())->revert(step.rev, reason);
            rev = commitOnServer(session);
        } else {
            data::Workspace* ws = &workspace();
            ws->revert(step.rev, reason);
            const auto [first, last] = ownRevs(*ws);
            rev = first;
            ownLastRev_ = last;
        }
        lastUndoMs_ = static_cast<double>(timer.nsecsElapsed()) / 1e6;
        from.pop_back();
        to.push_back({rev, step.text, step.townId});
    } catch (const Error& e) {
        workspace_.reset();
        QString message = errorMessage(e);
        controller_->showStatus((undo ? tr("Cannot undo “%1”: %2") : tr("Cannot redo “%1”: %2"))
                                    .arg(step.text, message));
        return message;
    }
    showChange(step.townId, (undo ? tr("Undone: %1") : tr("Redone: %1")).arg(step.text));
    return {};
}

QString WorkspaceEditor::undo() {
    return replay(undo_, redo_, true);
}

QString WorkspaceEditor::redo() {
    return replay(redo_, undo_, false);
}

}  // namespace jinmap::viewer
