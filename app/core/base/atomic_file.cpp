#include "base/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "base/error.h"

namespace fs = std::filesystem;

namespace jinmap {

namespace {
void checkWritableDirectory(const fs::path& dir) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        throw Error(ErrorKind::Io,
                    Message(JINMAP_MESSAGE("core", "output directory does not exist"), {}),
                    dir.string());
    if (::access(dir.c_str(), W_OK) != 0)
        throw Error(ErrorKind::Io,
                    Message(JINMAP_MESSAGE("core", "output directory is not writable"), {}),
                    dir.string());
}
}  // namespace

void checkWritableOutputPath(const std::string& path) {
    if (path.empty()) throw Error(ErrorKind::Io, "empty output path");
    std::error_code ec;
    const fs::path p(path);
    if (fs::is_directory(p, ec))
        throw Error(ErrorKind::Io,
                    Message(JINMAP_MESSAGE("core", "output path is a directory"), {}), path);
    checkWritableDirectory(p.parent_path().empty() ? fs::path(".") : p.parent_path());
}

void checkWritableOutputFolder(const std::string& path) {
    if (path.empty()) throw Error(ErrorKind::Io, "empty output path");
    std::error_code ec;
    const fs::path p(path);
    const bool exists = fs::exists(p, ec);
    if (exists && !fs::is_directory(p, ec))
        throw Error(ErrorKind::Io,
                    Message(JINMAP_MESSAGE("core", "an atlas of images needs a folder"), {}), path);
    checkWritableDirectory(p.parent_path().empty() ? fs::path(".") : p.parent_path());
    if (exists) checkWritableDirectory(p);
}

Message writeFailed(int err) {
    switch (err) {
        case ENOSPC:
            return Message(JINMAP_MESSAGE("core", "write failed: No space left on device"), {});
        case EACCES:
        case EPERM:
            return Message(JINMAP_MESSAGE("core", "write failed: Permission denied"), {});
        case EROFS:
            return Message(JINMAP_MESSAGE("core", "write failed: Read-only file system"), {});
        default:
            return Message(JINMAP_MESSAGE("core", "write failed: %1"), {std::strerror(err)});
    }
}

AtomicFile::AtomicFile(std::string target) : target_(std::move(target)) {
    checkWritableOutputPath(target_);
    // A device or pipe (e.g. /dev/full, /dev/stdout) cannot be replaced by a
    // rename: write straight into it instead of renaming a file over it.
    struct stat st {};
    if (::stat(target_.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
        if (S_ISDIR(st.st_mode)) throw Error(ErrorKind::Io, "output path is a directory", target_);
        temp_ = target_;
        direct_ = true;
        return;
    }
    const fs::path p(target_);
    fs::path dir = p.parent_path();
    if (dir.empty()) dir = ".";
    std::string pattern = (dir / ("." + p.filename().string() + ".tmp-XXXXXX")).string();
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0)
        throw Error(ErrorKind::Io,
                    std::string("cannot create temporary file: ") + std::strerror(errno), target_);
    ::close(fd);
    temp_ = pattern;
}

AtomicFile::~AtomicFile() {
    if (!committed_ && !direct_ && !temp_.empty()) ::unlink(temp_.c_str());
}

void AtomicFile::writeAll(const void* data, std::size_t size) {
    const int fd =
        ::open(temp_.c_str(), direct_ ? (O_WRONLY | O_CLOEXEC) : (O_WRONLY | O_TRUNC | O_CLOEXEC));
    if (fd < 0) throw Error(ErrorKind::Io, std::strerror(errno), temp_);
    const auto* p = static_cast<const char*>(data);
    std::size_t left = size;
    while (left > 0) {
        const ssize_t n = ::write(fd, p, left);
        if (n < 0) {
            if (errno == EINTR) continue;
            const int err = errno;
            ::close(fd);
            throw Error(ErrorKind::Io, writeFailed(err), target_);
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    if (::close(fd) != 0) throw Error(ErrorKind::Io, writeFailed(errno), target_);
}

void AtomicFile::commit() {
    if (direct_) {
        committed_ = true;
        return;
    }
    const int fd = ::open(temp_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        const int rc = ::fsync(fd);
        const int err = errno;
        ::close(fd);
        if (rc != 0)
            throw Error(ErrorKind::Io, std::string("sync failed: ") + std::strerror(err), target_);
    }
    // Keep the permissions a plain file would get (mkstemp makes it 0600).
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::chmod(temp_.c_str(), 0666 & ~mask);
    if (::rename(temp_.c_str(), target_.c_str()) != 0)
        throw Error(ErrorKind::Io, std::string("cannot replace file: ") + std::strerror(errno),
                    target_);
    committed_ = true;
}

}  // namespace jinmap
