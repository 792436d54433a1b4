#include "publish/site_directory.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "base/error.h"

namespace fs = std::filesystem;

namespace jinmap {

namespace {

bool safeRelative(const std::string& path) {
    if (path.empty() || path.front() == '/') return false;
    const fs::path p(path);
    for (const auto& part : p)
        if (part == ".." || part == ".") return false;
    return true;
}

std::string topPart(const std::string& path) {
    const auto slash = path.find('/');
    return slash == std::string::npos ? path : path.substr(0, slash);
}

}  // namespace

SiteDirectory::SiteDirectory(std::string target) : target_(std::move(target)) {
    std::error_code ec;
    fs::path t(target_);
    if (t.empty()) throw Error(ErrorKind::Usage, "no output folder given");
    if (t.filename().empty()) t = t.parent_path();  // "out/" → "out"
    target_ = t.string();
    if (fs::exists(t, ec)) {
        if (!fs::is_directory(t, ec))
            throw Error(ErrorKind::Io, "the output exists and is not a folder", target_);
        const bool empty = fs::is_empty(t, ec);
        if (!empty && !fs::exists(t / kSiteMarker, ec))
            throw Error(ErrorKind::Io,
                        "the output folder is not empty and was not written by jinmap publish "
                        "(no " +
                            std::string(kSiteMarker) + "); choose a new or empty folder",
                        target_);
    }
    const fs::path parent = t.has_parent_path() ? t.parent_path() : fs::path(".");
    if (!fs::is_directory(parent, ec))
        throw Error(ErrorKind::Io, "the output's parent folder does not exist", parent.string());
    if (::access(parent.c_str(), W_OK) != 0)
        throw Error(ErrorKind::Io, "the output's parent folder is not writable", parent.string());
    std::string pattern = (parent / ("." + t.filename().string() + ".publish-XXXXXX")).string();
    if (!::mkdtemp(pattern.data()))
        throw Error(ErrorKind::Io,
                    std::string("cannot create a staging folder: ") + std::strerror(errno),
                    parent.string());
    staging_ = pattern;
}

SiteDirectory::~SiteDirectory() {
    if (!committed_ && !staging_.empty()) {
        std::error_code ec;
        fs::remove_all(staging_, ec);
    }
}

void SiteDirectory::write(const std::string& path, std::string_view bytes) {
    if (!safeRelative(path)) throw Error(ErrorKind::Export, "bad site path '" + path + "'");
    const fs::path full = fs::path(staging_) / path;
    std::error_code ec;
    fs::create_directories(full.parent_path(), ec);
    if (ec) throw Error(ErrorKind::Io, "cannot create folder: " + ec.message(), full.parent_path());
    std::ofstream out(full, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) throw Error(ErrorKind::Io, "cannot write file (disk full?)", full.string());
    account(path, bytes.size());
}

void SiteDirectory::copyFile(const std::string& source, const std::string& path) {
    std::ifstream in(source, std::ios::binary);
    if (!in) throw Error(ErrorKind::Io, "cannot read file", source);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) throw Error(ErrorKind::Io, "cannot read file", source);
    write(path, bytes);
}

void SiteDirectory::account(const std::string& path, std::uint64_t bytes) {
    total_ += bytes;
    ++files_;
    parts_[topPart(path)] += bytes;
}

void SiteDirectory::commit() {
    write(kSiteMarker,
          std::string_view(
              "written by jinmap publish; the folder is replaced on the next publish\n"));
    std::error_code ec;
    // Move an earlier site aside first, so the new one appears in one rename.
    std::string old;
    if (fs::exists(target_, ec)) {
        old = staging_ + ".old";
        fs::rename(target_, old, ec);
        if (ec)
            throw Error(ErrorKind::Io, "cannot replace the output folder: " + ec.message(),
                        target_);
    }
    fs::rename(staging_, target_, ec);
    if (ec) {
        std::error_code ignored;
        if (!old.empty()) fs::rename(old, target_, ignored);
        throw Error(ErrorKind::Io, "cannot move the site into place: " + ec.message(), target_);
    }
    // The staging folder was private (mkdtemp 0700): a site is for sharing.
    fs::permissions(target_,
                    fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                        fs::perms::others_read | fs::perms::others_exec,
                    ec);
    committed_ = true;
    if (!old.empty()) fs::remove_all(old, ec);
}

}  // namespace jinmap
