#pragma once
// Atomic output: everything is written to a temporary file beside the target,
// which replaces the target only on commit(). A failure or a destroyed,
// uncommitted AtomicFile leaves the target untouched and no temporary behind.
#include <string>

#include "base/error.h"

namespace jinmap {

class AtomicFile {
  public:
    // Checks that the target's directory exists and is writable and that the
    // target is not a directory; throws Error(Io) otherwise.
    bool writesInPlace() const { return direct_; }
    explicit AtomicFile(std::string target);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    // Path to write into (same directory as the target; the target itself
    // when it is a device or pipe, which cannot be replaced by a rename).
    const std::string& tempPath() const { return temp_; }
    const std::string& targetPath() const { return target_; }
    // fsyncs the temp file and renames it over the target.
    void commit();
    // Writes a whole buffer into the temp file (checks every write; disk full
    // is reported as Error(Io)).
    void writeAll(const void* data, std::size_t size);

  private:
    std::string target_;
    std::string temp_;
    bool committed_ = false;
    bool direct_ = false;  // target is a device or pipe: written in place
};

// Validates an output path early (before expensive work): parent exists and is
// a writable directory, and the path is not a directory. Throws Error(Io).
void checkWritableOutputPath(const std::string& path);
// The same for an output that is a folder (an atlas of images): `path` is a
// folder or not there yet, its parent exists, and both can be written.
void checkWritableOutputFolder(const std::string& path);

// "write failed: …" for errno `err`, translatable for the causes a planner
// meets (a full disk, no permission, a read-only disk); strerror's text for
// the rest.
Message writeFailed(int err);

}  // namespace jinmap
