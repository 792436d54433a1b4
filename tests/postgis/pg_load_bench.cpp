// The load test of issue 15: many planners on one PostGIS workspace, on a
// real PostgreSQL 15 + PostGIS that this program starts (pg_test_server.h).
//
// What a simulated planner does is what jinmap's readers and editors do:
//   reader (--readers, default 20; a database role of its own, hence its own
//   connection and its own local replica, as 20 laptops would have), in a
//   loop until the time is up:
//     refresh   data::openReplica: connect, the one state query, and the later
//               change sets applied to the replica (what the CLI does at start
//               and the viewer on a NOTIFY);
//     frame     a 1100×700 towns.json frame from the replica: the first one
//               after a refresh that changed it (open + prepare + draw:
//               "frame_first"), else a warm frame ("frame_warm");
//     summary   a county's industry summary from the replica (ViewReader +
//               the text the summary command prints), counties in turn;
//     county    the same county asked of the server on the reader's own
//               long-lived connection (towns with WKB points, binary
//               results), as a thin client would;
//     then --think-ms (default 100) of a planner reading the screen.
//   The first refresh of each reader makes its replica (a full pull, all 20
//   at once): reported apart as "reader.first_pull".
//   editor (2; roles editor1/editor2), in a loop, each edit in a new
//   PgEditSession ("editor.session_open": the replica refreshed and copied),
//   then the Workspace edit and the commit ("editor.<kind>"):
//     own       a town of its own re-sectored through PgEditSession (never in
//               conflict: a refusal there is a false conflict = an error);
//     figure    a figure added to its own town (one a year: 1990…2025);
//     duel      both editors open a session on the SAME town at once (a
//               barrier), change its sector, and commit: one must be refused
//               with EditConflict; the refused one is checked to be a real
//               conflict (the server's row revision moved past the session's)
//               and retried in a new session, as a planner would.
// At the end every committed edit's reason is on the server exactly once with
// the editor's role as author, no refused edit's reason is, and each edited
// town holds the value of its last committed edit. Any failure = exit 1.
//
// usage: pg_load_bench [--seconds 60] [--readers 20] [--think-ms 100]
//                      [--report FILE.json]
#include <QElapsedTimer>
#include <QGuiApplication>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "base/error.h"
#include "base/numbers.h"
#include "data/geodatabase.h"
#include "data/pg_connection.h"
#include "data/pg_edit_session.h"
#include "data/pg_workspace.h"
#include "data/workspace.h"
#include "pg_test_server.h"
#include "present/summary_text.h"
#include "present/view_loader.h"
#include "render/extent.h"
#include "render/map_renderer.h"
#include "style/style_parser.h"

namespace fs = std::filesystem;
using namespace jinmap;  // NOLINT(google-build-using-namespace): a test program

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// Latencies per operation and the errors, shared by all threads.
class Recorder {
  public:
    void add(const std::string& op, double ms) {
        const std::lock_guard<std::mutex> lock(mutex_);
        latencies_[op].push_back(ms);
    }
    void error(const std::string& who, const std::string& what) {
        const std::lock_guard<std::mutex> lock(mutex_);
        errors_.push_back(who + ": " + what);
    }
    std::map<std::string, std::vector<double>> latencies() const {
        const std::lock_guard<std::mutex> lock(mutex_);
        return latencies_;
    }
    std::vector<std::string> errors() const {
        const std::lock_guard<std::mutex> lock(mutex_);
        return errors_;
    }

  private:
    mutable std::mutex mutex_;
    std::map<std::string, std::vector<double>> latencies_;
    std::vector<std::string> errors_;
};

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const auto index = static_cast<std::size_t>(std::lround(p * static_cast<double>(v.size() - 1)));
    return v[std::min(index, v.size() - 1)];
}

// Two editors meet here (C++17 has no std::barrier); false once the run stops.
class Meeting {
  public:
    explicit Meeting(const std::atomic<bool>& stop) : stop_(stop) {}
    bool arrive() {
        std::unique_lock<std::mutex> lock(mutex_);
        const long generation = generation_;
        if (++waiting_ == 2) {
            waiting_ = 0;
            ++generation_;
            cv_.notify_all();
            return true;
        }
        while (generation_ == generation) {
            if (stop_) {
                // Nobody else comes: leave the meeting for good.
                --waiting_;
                return false;
            }
            cv_.wait_for(lock, std::chrono::milliseconds(50));
        }
        return true;
    }

  private:
    const std::atomic<bool>& stop_;
    std::mutex mutex_;
    std::condition_variable cv_;
    int waiting_ = 0;
    long generation_ = 0;
};

// One edit as the editor meant it, and what became of it.
struct EditRecord {
    std::string editor, kind, table, town, value, reason;
    bool committed = false;
    bool refused = false;
    bool realConflict = false;
    std::int64_t batch = 0;
};

struct Shared {
    std::string reference, styles;
    test::PgTestServer* server = nullptr;
    std::atomic<bool> stop{false};
    // Start-up: every planner makes its replica (a full pull) before the
    // clock of the run starts; then `go`.
    std::atomic<int> ready{0};
    std::atomic<bool> go{false};
    Recorder recorder;
    std::mutex editsMutex;
    std::vector<EditRecord> edits;
    std::vector<std::string> counties;
    int thinkMs = 100;
};

// The first replica of a planner (reported as "<who>.first_pull"), then the
// wait for the run's start. False when the run stopped meanwhile.
bool startUp(Shared& shared, const std::string& url, const std::string& op) {
    const auto t = Clock::now();
    const data::Replica replica = data::openReplica(url, shared.reference);
    shared.recorder.add(op, msSince(t));
    ++shared.ready;
    while (!shared.go && !shared.stop) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    return !shared.stop && !replica.stale;
}

void addEdit(Shared& shared, const EditRecord& e) {
    const std::lock_guard<std::mutex> lock(shared.editsMutex);
    shared.edits.push_back(e);
}

void reader(Shared& shared, int index) {
    const std::string who = "reader" + std::to_string(index);
    try {
        const std::string url = shared.server->url(who);
        auto connection = data::PgConnection::open(url);
        auto countyQuery = connection->prepare(
            "SELECT id, name, sector, revision, ST_AsBinary(geometry) FROM jinmap.towns "
            "WHERE county_adcode = ?1 AND deleted = 0 ORDER BY id");
        const auto parsed = parseStyleFile(shared.styles + "/towns.json");
        std::shared_ptr<GeoDatabase> db;
        std::unique_ptr<MapRenderer> renderer;
        RenderRequest request;
        request.style = parsed.style;
        std::size_t county = static_cast<std::size_t>(index);
        if (!startUp(shared, url, "reader.first_pull")) return;
        while (!shared.stop) {
            auto t = Clock::now();
            const data::Replica replica = data::openReplica(url, shared.reference);
            shared.recorder.add("reader.refresh", msSince(t));
            if (replica.stale) shared.recorder.error(who, "stale replica: " + replica.warning);

            t = Clock::now();
            const bool first = !renderer || replica.refreshed;
            if (first) {
                renderer.reset();
                db = GeoDatabase::open(replica.path);
                request.view = makeView("EPSG:3857", resolveExtent(*db, ""), QSize(1100, 700));
                renderer = std::make_unique<MapRenderer>(db);
                const auto errors = renderer->prepare(request);
                if (!errors.empty()) shared.recorder.error(who, "prepare: " + errors[0].message);
            }
            const RenderResult frame = renderer->renderImage(request);
            shared.recorder.add(first ? "reader.frame_first" : "reader.frame_warm", msSince(t));
            if (!frame.errors.empty() || frame.image.isNull() || frame.featuresDrawn == 0)
                shared.recorder.error(who, "frame without features or with errors");

            const std::string& adcode = shared.counties[county++ % shared.counties.size()];
            t = Clock::now();
            {
                ViewReader views(*db, Lang::Zh);
                const std::string text = countySummaryText(views.county(adcode));
                if (text.empty()) shared.recorder.error(who, "empty summary of " + adcode);
            }
            shared.recorder.add("reader.summary", msSince(t));

            t = Clock::now();
            countyQuery->bind(1, adcode);
            int towns = 0;
            while (countyQuery->step()) ++towns;
            countyQuery->reset();
            shared.recorder.add("reader.county_query", msSince(t));

            std::this_thread::sleep_for(std::chrono::milliseconds(shared.thinkMs));
        }
    } catch (const std::exception& e) {
        shared.recorder.error(who, e.what());
    }
}

// One edit in its own session; a refusal is recorded and checked.
EditRecord edit(Shared& shared, const std::string& editor, const std::string& kind,
                const std::string& town, const std::string& value, Meeting* meeting) {
    EditRecord record{editor, kind,  kind == "figure" ? "town_facts" : "towns",
                      town,   value, editor + "-" + kind + "-" + value};
    // One figure per town and year (a second one is "use figure update").
    const std::string year = std::to_string(1990 + std::atoi(value.c_str()) % 36);
    const std::string url = shared.server->url(editor);
    auto t = Clock::now();
    data::PgEditSession session(url, shared.reference);
    shared.recorder.add("editor.session_open", msSince(t));
    t = Clock::now();
    std::int64_t baseRevision = 0;
    {
        auto ws = data::Workspace::open(session.path());
        auto q = ws->connection().prepare("SELECT revision FROM towns WHERE name = ?1");
        q->bind(1, town);
        if (q->step()) baseRevision = q->columnInt64(0);
        if (kind == "figure")
            ws->addFigure(
                {{"town", town}, {"label", "企业数"}, {"value", value + "家"}, {"year", year}},
                record.reason);
        else
            ws->updateTown(town, {{"sector", value}}, record.reason);
    }
    // The duel: both sessions are open before either commits.
    if (meeting && !meeting->arrive()) return record;
    if (meeting) t = Clock::now();
    try {
        const data::PgCommitResult result = session.commit();
        record.committed = true;
        record.batch = result.batch;
        shared.recorder.add("editor." + kind, msSince(t));
    } catch (const data::EditConflict& conflict) {
        record.refused = true;
        shared.recorder.add("editor." + kind + "_refused", msSince(t));
        auto pg = data::PgConnection::open(shared.server->url());
        auto q = pg->prepare("SELECT revision FROM jinmap.towns WHERE name = ?1");
        q->bind(1, town);
        record.realConflict = q->step() && q->columnInt64(0) > baseRevision;
        if (!record.realConflict)
            shared.recorder.error(editor,
                                  std::string("a refusal without a conflict: ") + conflict.what());
    }
    return record;
}

void editor(Shared& shared, int index, const std::string& ownTown, const std::string& duelTown,
            Meeting& meeting) {
    const std::string who = "editor" + std::to_string(index);
    long n = 0;
    try {
        if (!startUp(shared, shared.server->url(who), "editor.first_pull")) return;
        while (!shared.stop) {
            ++n;
            const std::string value = "负载" + std::to_string(index) + "-" + std::to_string(n);
            if (!meeting.arrive()) break;  // both start the duel together
            EditRecord duel = edit(shared, who, "duel", duelTown, value, &meeting);
            addEdit(shared, duel);
            if (duel.refused) {
                // The planner sees the other version and saves again.
                EditRecord retry =
                    edit(shared, who, "duel_retry", duelTown, value + "再存", nullptr);
                addEdit(shared, retry);
            }
            if (shared.stop) break;
            addEdit(shared, edit(shared, who, "own", ownTown, value, nullptr));
            if (shared.stop) break;
            addEdit(shared, edit(shared, who, "figure", ownTown, std::to_string(n), nullptr));
        }
    } catch (const std::exception& e) {
        shared.recorder.error(who, e.what());
        shared.stop = true;  // the other editor must not wait for this one
    }
}

// Every committed edit is on the server once, by its editor; no refused one
// is; each town holds its last committed value. Returns the problems.
std::vector<std::string> verify(Shared& shared) {
    std::vector<std::string> problems;
    auto pg = data::PgConnection::open(shared.server->url());
    auto byReason = pg->prepare(
        "SELECT count(*), min(author), max(author) FROM jinmap.change_log "
        "WHERE reason = ?1");
    std::map<std::string, const EditRecord*> lastByTown;
    for (const EditRecord& e : shared.edits) {
        byReason->bind(1, e.reason);
        byReason->step();
        const std::int64_t count = byReason->columnInt64(0);
        const std::string author = count ? byReason->columnText(1) : "";
        const std::string author2 = count ? byReason->columnText(2) : "";
        byReason->reset();
        if (e.committed && (count < 1 || author != e.editor || author2 != e.editor))
            problems.push_back("lost edit " + e.reason + " (" + std::to_string(count) +
                               " change_log rows, author " + author + ")");
        if (!e.committed && count != 0)
            problems.push_back("refused edit on the server: " + e.reason);
        if (e.committed && e.table == "towns") {
            const EditRecord*& last = lastByTown[e.town];
            if (!last || e.batch > last->batch) last = &e;
        }
    }
    auto sector = pg->prepare("SELECT sector FROM jinmap.towns WHERE name = ?1");
    for (const auto& [town, last] : lastByTown) {
        sector->bind(1, town);
        const std::string value = sector->step() ? sector->columnText(0) : "(no row)";
        sector->reset();
        if (value != last->value) {
            std::string problem = "town " + town;
            problem += " holds " + value;
            problem += ", its last save was " + last->value;
            problems.push_back(problem);
        }
    }
    return problems;
}

std::string jsonString(const std::string& s) {
    std::string out = "\"";
    for (const char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        if (static_cast<unsigned char>(c) < 0x20) continue;
        out += c;
    }
    return out + "\"";
}

}  // namespace

int main(int argc, char** argv) {
    if (!std::getenv("QT_QPA_PLATFORM")) setenv("QT_QPA_PLATFORM", "offscreen", 1);
    QGuiApplication app(argc, argv);
    int seconds = 60, readers = 20, thinkMs = 100;
    std::string reportPath = "pg_load_report.json";
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string option = argv[i];
        const std::string value = argv[i + 1];
        if (option == "--seconds")
            seconds = std::atoi(value.c_str());
        else if (option == "--readers")
            readers = std::atoi(value.c_str());
        else if (option == "--think-ms")
            thinkMs = std::atoi(value.c_str());
        else if (option == "--report")
            reportPath = value;
        else {
            std::fprintf(stderr,
                         "usage: %s [--seconds N] [--readers N] [--think-ms N] "
                         "[--report FILE]\n",
                         argv[0]);
            return 2;
        }
    }
    if (seconds < 1 || readers < 1 || thinkMs < 0) return 2;

    test::PgTestServer server;
    const fs::path work = server.dir() / "load";
    fs::create_directories(work);
    setenv("XDG_CACHE_HOME", (work / "cache").c_str(), 1);
    Shared shared;
    shared.reference = JINMAP_TEST_DB;
    shared.styles = JINMAP_STYLES_DIR;
    shared.server = &server;
    shared.thinkMs = thinkMs;
    const std::string ownTowns[2] = {"太谷玛钢专业镇", "清徐老陈醋专业镇"};
    const std::string duelTown = "平遥牛肉和推光漆专业镇";
    try {
        const std::string workspace = (work / "ws.sqlite").string();
        data::Workspace::create(JINMAP_TEST_DB, workspace);
        data::PushOptions push;
        push.reference = JINMAP_TEST_DB;
        data::pushWorkspace(workspace, server.url(), push);
        auto admin = data::PgConnection::open(server.url());
        for (int i = 1; i <= readers; ++i)
            data::grantPgRole(*admin, data::PgRole::Reader, "reader" + std::to_string(i));
        data::grantPgRole(*admin, data::PgRole::Editor, "editor1");
        data::grantPgRole(*admin, data::PgRole::Editor, "editor2");
        for (const auto& town : {ownTowns[0], ownTowns[1], duelTown})
            if (admin->queryInt("SELECT count(*) FROM jinmap.towns WHERE name = '" + town + "'") !=
                1)
                throw Error(ErrorKind::NotFound, "no town " + town + " in the reference");
        auto q = admin->prepare(
            "SELECT DISTINCT county_adcode FROM jinmap.towns WHERE county_adcode IS NOT NULL "
            "ORDER BY 1");
        while (q->step()) shared.counties.push_back(q->columnText(0));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "pg_load_bench: setup failed: %s\n", e.what());
        return 1;
    }

    std::printf("pg_load_bench: %d readers (think %d ms) + 2 editors for %d s on %s\n", readers,
                thinkMs, seconds, server.url().c_str());
    std::fflush(stdout);
    Meeting meeting(shared.stop);
    std::vector<std::thread> threads;
    for (int i = 1; i <= readers; ++i) threads.emplace_back(reader, std::ref(shared), i);
    for (int i = 1; i <= 2; ++i)
        threads.emplace_back(editor, std::ref(shared), i, ownTowns[i - 1], duelTown,
                             std::ref(meeting));
    const auto pulls = Clock::now();
    while (shared.ready < readers + 2 && shared.recorder.errors().empty())
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    std::printf("start-up: %d replicas made at once in %s s\n", readers + 2,
                formatFixed(msSince(pulls) / 1000.0, 1).c_str());
    std::fflush(stdout);
    const auto start = Clock::now();
    shared.go = true;
    while (!shared.stop && msSince(start) < seconds * 1000.0)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    shared.stop = true;
    for (auto& t : threads) t.join();
    const double elapsedS = msSince(start) / 1000.0;

    std::vector<std::string> problems;
    try {
        problems = verify(shared);
    } catch (const std::exception& e) {
        problems.push_back(std::string("verification failed: ") + e.what());
    }
    const auto errors = shared.recorder.errors();
    const auto latencies = shared.recorder.latencies();
    long committed = 0, refused = 0, real = 0;
    for (const auto& e : shared.edits) {
        committed += e.committed ? 1 : 0;
        refused += e.refused ? 1 : 0;
        real += e.realConflict ? 1 : 0;
    }
    long totalOps = 0;
    std::string json = "{\n  \"seconds\": " + formatFixed(elapsedS, 1) +
                       ",\n  \"readers\": " + std::to_string(readers) +
                       ",\n  \"editors\": 2,\n  \"think_ms\": " + std::to_string(thinkMs) +
                       ",\n  \"operations\": {";
    std::printf("%-26s %7s %9s %9s %9s %9s\n", "operation", "n", "p50 ms", "p95 ms", "max ms",
                "per s");
    bool firstOp = true;
    for (const auto& [op, v] : latencies) {
        totalOps += static_cast<long>(v.size());
        const double p50 = percentile(v, 0.5), p95 = percentile(v, 0.95),
                     mx = *std::max_element(v.begin(), v.end());
        const double rate = static_cast<double>(v.size()) / elapsedS;
        std::printf("%-26s %7zu %9s %9s %9s %9s\n", op.c_str(), v.size(),
                    formatFixed(p50, 1).c_str(), formatFixed(p95, 1).c_str(),
                    formatFixed(mx, 1).c_str(), formatFixed(rate, 2).c_str());
        json += std::string(firstOp ? "" : ",") + "\n    " + jsonString(op) +
                ": {\"n\": " + std::to_string(v.size()) + ", \"p50_ms\": " + formatFixed(p50, 2) +
                ", \"p95_ms\": " + formatFixed(p95, 2) + ", \"max_ms\": " + formatFixed(mx, 2) +
                ", \"per_second\": " + formatFixed(rate, 3) + "}";
        firstOp = false;
    }
    std::printf(
        "operations %ld (%s/s); edits committed %ld, refused %ld (real conflicts %ld); "
        "errors %zu; verification problems %zu\n",
        totalOps, formatFixed(static_cast<double>(totalOps) / elapsedS, 1).c_str(), committed,
        refused, real, errors.size(), problems.size());
    json += "\n  },\n  \"operations_total\": " + std::to_string(totalOps) +
            ",\n  \"edits_committed\": " + std::to_string(committed) +
            ",\n  \"edits_refused\": " + std::to_string(refused) +
            ",\n  \"real_conflicts\": " + std::to_string(real) + ",\n  \"errors\": [";
    for (std::size_t i = 0; i < errors.size(); ++i)
        json += std::string(i ? ", " : "") + jsonString(errors[i]);
    json += "],\n  \"lost_or_wrong_edits\": [";
    for (std::size_t i = 0; i < problems.size(); ++i)
        json += std::string(i ? ", " : "") + jsonString(problems[i]);
    json += "]\n}\n";
    std::ofstream(reportPath) << json;
    std::printf("report: %s\n", reportPath.c_str());
    for (const auto& e : errors) std::printf("ERROR %s\n", e.c_str());
    for (const auto& p : problems) std::printf("LOST %s\n", p.c_str());
    // A run without a refused duel did not test the conflicts.
    const bool ok = errors.empty() && problems.empty() && refused > 0 && refused == real;
    return ok ? 0 : 1;
}
