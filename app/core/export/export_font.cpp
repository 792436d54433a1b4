#include "export/export_font.h"

#include <QFontDatabase>
#include <QStringList>
#include <cstdlib>
#include <filesystem>
#include <mutex>

namespace fs = std::filesystem;

namespace jinmap {

namespace {

constexpr const char* kFontFile = "JinmapSansCJKSC-Regular.otf";

std::vector<std::string> candidates() {
    std::vector<std::string> out;
    if (const char* env = std::getenv("JINMAP_EXPORT_FONT")) out.emplace_back(env);
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const fs::path dir = exe.parent_path();
        out.push_back((dir / ".." / "fonts" / kFontFile).lexically_normal().string());
        out.push_back((dir / "fonts" / kFontFile).string());
    }
#ifdef JINMAP_EXPORT_FONT_PATH
    out.emplace_back(JINMAP_EXPORT_FONT_PATH);
#endif
    return out;
}

ExportFont load() {
    ExportFont font;
    for (const auto& path : candidates()) {
        std::error_code ec;
        if (!fs::is_regular_file(path, ec)) continue;
        const int id = QFontDatabase::addApplicationFont(QString::fromStdString(path));
        if (id < 0) continue;
        const QStringList families = QFontDatabase::applicationFontFamilies(id);
        if (families.isEmpty()) continue;
        font.family = families.front();
        font.path = path;
        font.fixedCopy = true;
        return font;
    }
    font.family = QStringLiteral("Noto Sans CJK SC");
    return font;
}

}  // namespace

const ExportFont& exportFont() {
    static std::once_flag once;
    static ExportFont font;
    std::call_once(once, [] { font = load(); });
    return font;
}

}  // namespace jinmap
