#include <cstdio>
#include <string>
#include <vector>

#include "cli.h"
#include "cli_commands.h"

#ifdef JINMAP_HAVE_VIEWER
#include "base/error.h"
#include "data/connection.h"
#include "data/pg_workspace.h"
#include "viewer_main.h"
#endif

namespace jinmap::cli {

const std::vector<std::string>& viewerValueOptions() {
    static const std::vector<std::string> options = {
        "db",          "style",       "screenshot", "theme", "extent",   "lang", "select-county",
        "select-city", "select-town", "size",       "open",  "reference"};
    return options;
}

const std::vector<std::string>& viewerFlags() {
    static const std::vector<std::string> flags = {"no-settings"};
    return flags;
}

int runViewer(const std::vector<std::string>& arguments, const std::string& program) {
    const Args args(arguments, viewerValueOptions());
    if (!args.errors().empty()) return usageError(args.errors().front());
    for (const std::string& p : args.positional())
        if (p != "viewer") return usageError("unexpected argument '" + p + "'");
    for (const std::string& a : arguments) {
        if (a.rfind("--", 0) != 0) continue;
        const std::string name =
            a.substr(2, a.find('=') == std::string::npos ? std::string::npos : a.find('=') - 2);
        bool known = false;
        for (const auto& list : {viewerValueOptions(), viewerFlags()})
            for (const std::string& o : list) known |= o == name;
        if (!known) return usageError("unknown viewer option '--" + name + "'");
    }
    const std::string theme = args.valueOr("theme", "");
    if (!theme.empty() && theme != "towns" && theme != "datong" && theme != "admin")
        return usageError("--theme must be towns, datong or admin");
    const std::string lang = args.valueOr("lang", "");
    if (!lang.empty() && lang != "zh_CN" && lang != "en")
        return usageError("--lang must be zh_CN or en");
    const std::string open = args.valueOr("open", "");
    if (!open.empty() && open != "export" && open != "county-sheet" && open != "atlas")
        return usageError("--open must be export, county-sheet or atlas");
    int width = 0, height = 0;
    if (auto size = args.value("size")) {
        char x = 0;
        if (std::sscanf(size->c_str(), "%d%c%d", &width, &x, &height) != 3 || x != 'x' ||
            width < 200 || height < 200 || width > 10000 || height > 10000)
            return usageError("--size must be WIDTHxHEIGHT, e.g. 1100x700");
    }
#ifdef JINMAP_HAVE_VIEWER
    auto q = [&](const char* name) { return QString::fromStdString(args.valueOr(name, "")); };
    viewer::ViewerOptions options;
    std::string db = args.valueOr("db", "");
    if (data::isPostgisName(db)) {
        options.server = QString::fromStdString(db);
        // The viewer reads the server's workspace through its local replica
        // (docs/postgis.md): with the server down, the last copy, read-only.
        try {
            const auto replica = data::openReplica(db, defaultDatabasePath(program));
            if (replica.stale) std::fprintf(stderr, "jinmap: %s\n", replica.warning.c_str());
            db = replica.path;
        } catch (const Error& e) {
            std::fprintf(stderr, "jinmap: %s: %s\n", errorKindName(e.kind()), e.what());
            return 1;
        }
    }
    options.dbPath = QString::fromStdString(db);
    options.referencePath = q("reference");
    options.stylePath = q("style");
    options.theme = q("theme");
    options.extent = q("extent");
    options.selectCounty = q("select-county");
    options.selectCity = q("select-city");
    options.selectTown = q("select-town");
    options.language = q("lang");
    if (args.flag("no-settings")) options.useSettings = false;
    viewer::WindowOptions window;
    window.screenshot = q("screenshot");
    window.openPanel = q("open");
    if (width > 0) window.size = QSize(width, height);
    return viewer::run(options, window);
#else
    // Built without the viewer: show what the database holds instead.
    std::vector<std::string> layers = {program, "layers"};
    if (auto db = args.value("db")) layers.insert(layers.end(), {"--db", *db});
    std::vector<char*> argv;
    for (std::string& s : layers) argv.push_back(s.data());
    return run(static_cast<int>(argv.size()), argv.data());
#endif
}

}  // namespace jinmap::cli
