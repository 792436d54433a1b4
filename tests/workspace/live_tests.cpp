// The workspace on disk while other processes use it: a ChangeWatcher sees a
// town another process (the jinmap command line) adds (issue 14 item 7), and
// a disk that fills during an import leaves the workspace as it was, with one
// clear message (bad-input table). The full disk is real: a small tmpfs
// mounted in the test's own mount namespace where the system lets root mount
// (CI: root on Debian 12), and in any case a child whose file-size limit
// (RLIMIT_FSIZE, SIGXFSZ ignored) stops the workspace growing.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <QCryptographicHash>
#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "base/sqlite.h"
#include "data/change_watcher.h"
#include "data/workspace.h"

namespace fs = std::filesystem;
using jinmap::Database;
using jinmap::data::ChangeWatcher;
using jinmap::data::Workspace;
using Clock = std::chrono::steady_clock;

namespace {

struct Result {
    int code = -1;
    std::string out;  // stdout and stderr
};

// Runs jinmap with `args`; a file-size limit (bytes) applies to the child only.
Result runJinmap(const std::vector<std::string>& args, rlim_t fileSizeLimit = RLIM_INFINITY) {
    int fds[2];
    if (::pipe(fds) != 0) return {};
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::dup2(fds[1], 1);
        ::dup2(fds[1], 2);
        ::close(fds[0]);
        ::close(fds[1]);
        ::setenv("JINMAP_AUTHOR", "规划员", 1);
        if (fileSizeLimit != RLIM_INFINITY) {
            // The write that crosses the limit fails (short write / EFBIG)
            // instead of killing the process: what a full disk does.
            ::signal(SIGXFSZ, SIG_IGN);
            const rlimit limit{fileSizeLimit, fileSizeLimit};
            ::setrlimit(RLIMIT_FSIZE, &limit);
        }
        std::vector<char*> argv;
        std::string program = JINMAP_PROGRAM;
        argv.push_back(program.data());
        std::vector<std::string> copy = args;
        for (auto& a : copy) argv.push_back(a.data());
        argv.push_back(nullptr);
        ::execv(program.c_str(), argv.data());
        ::_exit(127);
    }
    ::close(fds[1]);
    Result r;
    std::array<char, 4096> buf{};
    ssize_t n = 0;
    while ((n = ::read(fds[0], buf.data(), buf.size())) > 0)
        r.out.append(buf.data(), static_cast<std::size_t>(n));
    ::close(fds[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

// Every row of every table, hashed: the workspace's logical content.
std::string contentHash(const std::string& path) {
    auto db = Database::open(path, Database::Mode::ReadOnly);
    std::vector<std::string> tables;
    {
        auto q = db.prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND "
            "sql NOT LIKE 'CREATE VIRTUAL%' "
            "ORDER BY name");
        while (q.step()) tables.push_back(q.columnText(0));
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const auto& t : tables) {
        auto q = db.prepare("SELECT * FROM \"" + t + "\"");
        hash.addData(t.data(), static_cast<int>(t.size()));
        while (q.step())
            for (int i = 0; i < q.columnCount(); ++i) {
                const std::string v = q.isNull(i) ? std::string("\x01") : q.columnText(i);
                hash.addData(v.data(), static_cast<int>(v.size()));
                hash.addData("\x1f", 1);
            }
    }
    return hash.result().toHex().toStdString();
}

class Live : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() /
               ("jinmap-live-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        ws_ = (dir_ / "ws.sqlite").string();
        setenv("JINMAP_AUTHOR", "规划员", 1);
        Workspace::create(JINMAP_TEST_DB, ws_);
    }
    void TearDown() override {
        if (!mounted_.empty()) ::umount2(mounted_.c_str(), MNT_DETACH);
        std::error_code ec;
        fs::remove_all(dir_, ec);
    }
    // 20,000 figures by hand: the workspace grows by megabytes.
    std::string figuresCsv() const {
        const std::string csv = (dir_ / "figures.csv").string();
        std::ofstream out(csv);
        out << "专业镇,指标,数值,单位,年份,口径,来源\n";
        for (int i = 0; i < 20000; ++i)
            out << "太谷玛钢专业镇,测试指标" << i << "," << i + 1 << ",万元,2024,本镇,手工录入\n";
        return csv;
    }
    // A tmpfs of `bytes` at `where`, in this process's own mount namespace
    // (children inherit it; nothing shows outside). False when not permitted.
    bool mountSmallDisk(const fs::path& where, std::uintmax_t bytes) {
        fs::create_directories(where);
        if (::unshare(CLONE_NEWNS) != 0) return false;
        if (::mount("none", "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) return false;
        const std::string options = "size=" + std::to_string(bytes / 1024) + "k";
        if (::mount("tmpfs", where.c_str(), "tmpfs", 0, options.c_str()) != 0) return false;
        mounted_ = where.string();
        return true;
    }
    void expectFullDiskRefusal(const Result& r, const std::string& workspace,
                               const std::string& contentBefore, std::int64_t logBefore) {
        EXPECT_EQ(r.code, 1) << r.out;
        EXPECT_NE(r.out.find("磁盘已满"), std::string::npos) << r.out;
        EXPECT_NE(r.out.find(workspace), std::string::npos) << "names the file: " << r.out;
        EXPECT_NE(r.out.find("nothing was changed"), std::string::npos) << r.out;
        EXPECT_FALSE(fs::exists(workspace + "-journal")) << "no journal left behind";
        auto db = Database::open(workspace, Database::Mode::ReadOnly);
        EXPECT_EQ(db.queryString("PRAGMA integrity_check").value_or(""), "ok");
        EXPECT_EQ(db.queryInt("SELECT count(*) FROM change_log"), logBefore);
        EXPECT_EQ(contentHash(workspace), contentBefore) << "logically as before";
    }

    fs::path dir_;
    std::string ws_;
    std::string mounted_;
};

}  // namespace

TEST_F(Live, AWatcherSeesATownAnotherProcessAdds) {
    ChangeWatcher watcher(ws_);
    EXPECT_FALSE(watcher.poll());
    EXPECT_EQ(watcher.lastRev(), 0);
    // poll() when nothing changed: what a 250 ms timer costs the viewer.
    const auto p0 = Clock::now();
    for (int i = 0; i < 1000; ++i) ASSERT_FALSE(watcher.poll());
    const double pollUs =
        std::chrono::duration<double, std::micro>(Clock::now() - p0).count() / 1000;

    // Another process adds a town while the watcher polls every 5 ms.
    const auto start = Clock::now();
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::setenv("JINMAP_AUTHOR", "规划员", 1);
        const int null = ::open("/dev/null", O_WRONLY);
        ::dup2(null, 1);
        ::execl(JINMAP_PROGRAM, JINMAP_PROGRAM, "--db", ws_.c_str(), "town", "add", "--name",
                "太谷监视专业镇", "--county", "太谷区", "--level", "市级", "--source", "手工录入",
                static_cast<char*>(nullptr));
        ::_exit(127);
    }
    std::optional<Clock::time_point> seen, exited;
    int status = 0;
    while (!seen || !exited) {
        if (!seen && watcher.poll()) seen = Clock::now();
        if (!exited && ::waitpid(pid, &status, WNOHANG) == pid) exited = Clock::now();
        if (Clock::now() - start > std::chrono::seconds(60)) break;
        ::usleep(5000);
    }
    ASSERT_TRUE(exited);
    ASSERT_EQ(WIFEXITED(status) ? WEXITSTATUS(status) : -1, 0);
    ASSERT_TRUE(seen) << "poll() saw the other process's change";
    EXPECT_EQ(watcher.lastRev(), 1);
    EXPECT_EQ(watcher.changes(), 1);
    EXPECT_FALSE(watcher.poll()) << "once";
    const auto ms = [&](Clock::time_point t) {
        return std::chrono::duration<double, std::milli>(t - start).count();
    };
    // Reported, not asserted (timings belong to benchmarks).
    std::printf(
        "[ measured ] poll() without a change %.1f us; the CLI ran %.0f ms, its change seen at "
        "%.0f ms (polling every 5 ms)\n",
        pollUs, ms(*exited), ms(*seen));
    RecordProperty("poll_us", std::to_string(pollUs));

    // A workspace replaced on disk (a restored copy renamed over it) is a change too.
    const std::string copy = ws_ + ".restored";
    fs::copy_file(ws_, copy);
    fs::rename(copy, ws_);
    EXPECT_TRUE(watcher.poll());
    EXPECT_EQ(watcher.lastRev(), 1);
}

TEST_F(Live, ADiskThatFillsDuringAnImportLeavesTheWorkspaceAsItWas) {
    const std::string csv = figuresCsv();
    const std::uintmax_t size = fs::file_size(ws_);
    int variants = 0;

    // 1. A real small file system: the workspace copied onto a tmpfs with
    // room for its journal but not for 20,000 figures.
    const fs::path disk = dir_ / "disk";
    if (mountSmallDisk(disk, size + 768 * 1024)) {
        const std::string onDisk = (disk / "ws.sqlite").string();
        fs::copy_file(ws_, onDisk);
        const std::string before = contentHash(onDisk);
        const Result r = runJinmap({"--db", onDisk, "import", csv, "--quiet"});
        expectFullDiskRefusal(r, onDisk, before, 0);
        ++variants;
    } else {
        std::printf("[ note ] tmpfs not mountable here; the file-size limit variant runs\n");
    }

    // 2. The same through a file-size limit on the importing process (any
    // machine): the write that crosses it is cut short, as on a full disk.
    const std::string before = contentHash(ws_);
    const Result r = runJinmap({"--db", ws_, "import", csv, "--quiet"}, size + 768 * 1024 + 1000);
    expectFullDiskRefusal(r, ws_, before, 0);
    ++variants;
    EXPECT_GE(variants, 1);

    // And with room, the same file imports.
    const Result ok = runJinmap({"--db", ws_, "import", csv, "--quiet"});
    EXPECT_EQ(ok.code, 0) << ok.out;
}
