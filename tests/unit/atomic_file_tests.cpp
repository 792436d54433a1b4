#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "base/atomic_file.h"
#include "base/error.h"

namespace fs = std::filesystem;

namespace {
fs::path tempDir() {
    fs::path d = fs::temp_directory_path() / ("jinmap-atomic-" + std::to_string(::getpid()));
    fs::create_directories(d);
    return d;
}
int fileCount(const fs::path& d) {
    int n = 0;
    for (const auto& e : fs::directory_iterator(d)) {
        (void)e;
        ++n;
    }
    return n;
}
}  // namespace

TEST(AtomicFile, CommitReplacesTargetAtomically) {
    const fs::path d = tempDir();
    const fs::path target = d / "out.txt";
    std::ofstream(target) << "old";
    {
        jinmap::AtomicFile f(target.string());
        f.writeAll("new", 3);
        f.commit();
    }
    std::ifstream in(target);
    std::string s;
    in >> s;
    EXPECT_EQ(s, "new");
    EXPECT_EQ(fileCount(d), 1);
    fs::remove_all(d);
}

TEST(AtomicFile, UncommittedWriteLeavesTargetAndNoTemporary) {
    const fs::path d = tempDir();
    const fs::path target = d / "out.txt";
    std::ofstream(target) << "old";
    {
        jinmap::AtomicFile f(target.string());
        f.writeAll("partial", 7);
    }
    std::ifstream in(target);
    std::string s;
    in >> s;
    EXPECT_EQ(s, "old");
    EXPECT_EQ(fileCount(d), 1);
    fs::remove_all(d);
}

TEST(AtomicFile, BadPathsAreClearErrors) {
    EXPECT_THROW(jinmap::AtomicFile("/nonexistent-dir/x.png"), jinmap::Error);
    EXPECT_THROW(jinmap::AtomicFile(fs::temp_directory_path().string()), jinmap::Error);
}

TEST(AtomicFile, DiskFullIsReported) {
    // /dev/full accepts open() and fails every write with ENOSPC.
    ASSERT_TRUE(fs::exists("/dev/full"));
    jinmap::AtomicFile f((tempDir() / "x.bin").string());
    // Point the writer at /dev/full through a symlink in place of the temp file.
    fs::remove(f.tempPath());
    fs::create_symlink("/dev/full", f.tempPath());
    EXPECT_THROW(f.writeAll("data", 4), jinmap::Error);
}

TEST(AtomicFile, DeviceTargetsAreWrittenInPlaceNotReplaced) {
    // Renaming over /dev/full would replace the device; the write must fail instead.
    jinmap::AtomicFile f("/dev/full");
    EXPECT_TRUE(f.writesInPlace());
    EXPECT_THROW(f.writeAll("data", 4), jinmap::Error);
    EXPECT_TRUE(fs::is_character_file("/dev/full"));
}
