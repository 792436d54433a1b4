#pragma once
// The output folder of `jinmap publish`, written atomically: every file goes
// into a staging folder beside the target, which replaces the target only on
// commit(). A failed publish leaves the previous site (or nothing) in place.
// The target must be absent, empty, or a site an earlier publish wrote (it
// carries the marker file .jinmap-site); any other folder is refused, so a
// mistyped -o never wipes someone's files.
#include <QByteArray>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace jinmap {

class SiteDirectory {
  public:
    // Throws Error(Io) when the target cannot be (re)placed.
    explicit SiteDirectory(std::string target);
    ~SiteDirectory();
    SiteDirectory(const SiteDirectory&) = delete;
    SiteDirectory& operator=(const SiteDirectory&) = delete;

    // `path` is relative to the site root, '/'-separated, without "..".
    void write(const std::string& path, std::string_view bytes);
    void write(const std::string& path, const QByteArray& bytes) {
        write(path, std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())));
    }
    void copyFile(const std::string& source, const std::string& path);

    // Absolute path of the staging folder (for tools that write files themselves).
    const std::string& stagingPath() const { return staging_; }
    const std::string& targetPath() const { return target_; }
    std::uint64_t totalBytes() const { return total_; }
    std::size_t fileCount() const { return files_; }
    // Bytes per top-level entry ("vendor", "data", "index.html" …).
    const std::map<std::string, std::uint64_t>& bytesByPart() const { return parts_; }
    // Counts a file written into stagingPath() by someone else.
    void account(const std::string& path, std::uint64_t bytes);

    // Replaces the target with the staged site.
    void commit();

  private:
    std::string target_;
    std::string staging_;
    bool committed_ = false;
    std::uint64_t total_ = 0;
    std::size_t files_ = 0;
    std::map<std::string, std::uint64_t> parts_;
};

// Name of the marker file in a published site's root.
constexpr const char* kSiteMarker = ".jinmap-site";

}  // namespace jinmap
