#include "cli.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>

#include "base/error.h"
#include "cli_commands.h"
#include "data/connection.h"
#include "data/geodatabase.h"
#include "data/pg_workspace.h"

namespace fs = std::filesystem;

namespace jinmap::cli {

Args::Args(std::vector<std::string> argv, const std::vector<std::string>& valueOptions) {
    for (std::size_t i = 0; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        if (a.rfind("--", 0) == 0 && a.size() > 2) {
            std::string name = a.substr(2);
            std::string value;
            const auto eq = name.find('=');
            const bool inlineValue = eq != std::string::npos;
            if (inlineValue) {
                value = name.substr(eq + 1);
                name = name.substr(0, eq);
            }
            const bool takesValue =
                std::find(valueOptions.begin(), valueOptions.end(), name) != valueOptions.end();
            if (takesValue) {
                if (!inlineValue) {
                    if (i + 1 >= argv.size()) {
                        errors_.push_back("option --" + name + " needs a value");
                        continue;
                    }
                    value = argv[++i];
                }
                values_[name] = value;
                ordered_.emplace_back(name, value);
            } else {
                flags_.push_back(name);
            }
        } else if (a == "-o" && i + 1 < argv.size()) {
            values_["output"] = argv[++i];
            ordered_.emplace_back("output", values_["output"]);
        } else {
            positional_.push_back(a);
        }
    }
}

bool Args::flag(const std::string& name) const {
    return std::find(flags_.begin(), flags_.end(), name) != flags_.end();
}

std::optional<std::string> Args::value(const std::string& name) const {
    auto it = values_.find(name);
    if (it == values_.end()) return std::nullopt;
    return it->second;
}

std::vector<std::string> Args::values(const std::string& name) const {
    std::vector<std::string> out;
    for (const auto& [key, value] : ordered_)
        if (key == name) out.push_back(value);
    return out;
}

std::string Args::valueOr(const std::string& name, const std::string& fallback) const {
    auto v = value(name);
    return v ? *v : fallback;
}

std::vector<Command>& commands() {
    static std::vector<Command> list;
    return list;
}

void registerCommand(Command command) {
    commands().push_back(std::move(command));
}

namespace {
fs::path programDir(const std::string& program) {
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (ec) exe = fs::absolute(program, ec);
    return exe.parent_path();
}
}  // namespace

std::string defaultDatabasePath(const std::string& program) {
    if (const char* env = std::getenv("JINMAP_DB")) return env;
    return (programDir(program) / ".." / "geodata" / "jinmap.sqlite").lexically_normal().string();
}

std::string defaultMaplibreDir(const std::string& program) {
    if (const char* env = std::getenv("JINMAP_MAPLIBRE")) return env;
    return (programDir(program) / ".." / "share" / "maplibre-gl").lexically_normal().string();
}

std::string defaultStylesDir(const std::string& program) {
    if (const char* env = std::getenv("JINMAP_STYLES")) return env;
    // Installed next to the build (bin/../styles) or the source tree's styles/.
    const fs::path dir = programDir(program);
    for (const fs::path& candidate :
         {dir / ".." / "styles", fs::path(JINMAP_SOURCE_DIR) / "styles"}) {
        std::error_code ec;
        if (fs::is_directory(candidate, ec)) return candidate.lexically_normal().string();
    }
    return (fs::path(JINMAP_SOURCE_DIR) / "styles").string();
}

int fail(const std::string& message) {
    std::fprintf(stderr, "jinmap: %s\n", message.c_str());
    return 1;
}

int usageError(const std::string& message) {
    std::fprintf(stderr, "jinmap: %s (see jinmap --help)\n", message.c_str());
    return 2;
}

namespace {

// The command line speaks for itself: one line per error. Qt's own warnings
// (fonts, XDG_RUNTIME_DIR, platform plugins) are dropped unless JINMAP_DEBUG
// is set, so they cannot be mistaken for jinmap's message.
void quietQtMessages(QtMsgType type, const QMessageLogContext& context, const QString& message) {
    static const bool debug = std::getenv("JINMAP_DEBUG") != nullptr;
    if (!debug && type != QtFatalMsg) return;
    (void)context;
    std::fprintf(stderr, "qt: %s\n", message.toLocal8Bit().constData());
}

void printHelp() {
    std::printf(
        "jinmap %s — Shanxi specialty-town maps\n\n"
        "usage: jinmap [--db FILE] [--style FILE] <command> [options]\n"
        "       jinmap                      open the viewer\n\n"
        "commands:\n",
        JINMAP_VERSION);
    for (const auto& c : commands())
        std::printf("  %-10s %s\n", c.name.c_str(), c.synopsis.c_str());
    std::printf(
        "\ncommon options: --db FILE (default: the database built next to the program), "
        "--style FILE, --help, --version\n"
        "viewer options: --theme towns|datong|admin, --extent province|CITY|COUNTY|bbox:W,S,E,N, "
        "--select-county NAME, --select-city NAME, --select-town NAME, --lang zh_CN|en, "
        "--screenshot FILE (PNG of the window, then exit), --size WxH, --no-settings, "
        "--reference FILE (the installed reference data a workspace is upgraded from)\n"
        "names may be Simplified or Traditional; ambiguous names need the city (大同市/平城区) or "
        "the code.\n"
        "exit status: 0 success, 1 bad input or failed operation, 2 usage error\n");
}

bool needsGui(const std::string& command) {
    // Commands that draw need a QGuiApplication (fonts); headless is fine.
    static const std::vector<std::string> headless = {"layers",  "summary", "facts",   "workspace",
                                                      "town",    "figure",  "history", "revert",
                                                      "sources", "import"};
    return std::find(headless.begin(), headless.end(), command) == headless.end();
}

}  // namespace

int run(int argc, char** argv) {
    registerBuiltinCommands();
    std::vector<std::string> all(argv + 1, argv + argc);
    Context ctx;
    ctx.program = argc > 0 ? argv[0] : "jinmap";

    // The first non-option word is the command; common options may come anywhere.
    std::string commandName;
    for (std::size_t i = 0; i < all.size(); ++i) {
        // Value options: --db/--style and the viewer's (jinmap --screenshot FILE …).
        const auto& viewerValues = viewerValueOptions();
        if (all[i].rfind("--", 0) == 0 && all[i].find('=') == std::string::npos &&
            std::find(viewerValues.begin(), viewerValues.end(), all[i].substr(2)) !=
                viewerValues.end()) {
            ++i;
            continue;
        }
        if (all[i].rfind('-', 0) != 0) {
            commandName = all[i];
            all.erase(all.begin() + static_cast<long>(i));
            break;
        }
    }
    if (std::find(all.begin(), all.end(), "--version") != all.end()) {
        std::printf("jinmap %s\n", JINMAP_VERSION);
        return 0;
    }
    if (commandName.empty() || commandName == "viewer") {
        if (std::find(all.begin(), all.end(), "--help") != all.end() && commandName.empty()) {
            printHelp();
            return 0;
        }
        return runViewer(all, ctx.program);
    }
    const Command* command = nullptr;
    for (const auto& c : commands())
        if (c.name == commandName) command = &c;
    if (!command) return usageError("unknown command '" + commandName + "'");

    std::vector<std::string> valueOptions = command->valueOptions;
    valueOptions.insert(valueOptions.end(), {"db", "style", "output"});
    Args args(all, valueOptions);
    if (args.flag("help")) {
        std::printf("usage: jinmap %s %s\n", command->name.c_str(), command->synopsis.c_str());
        return 0;
    }
    if (!args.errors().empty()) return usageError(args.errors().front());
    if (args.positional().size() > command->maxPositional)
        return usageError("unexpected argument '" + args.positional()[command->maxPositional] +
                          "'");
    // Reject unknown flags so typos do not pass silently.
    {
        std::vector<std::string> known = command->flags;
        known.push_back("help");
        for (std::size_t i = 0; i < all.size(); ++i) {
            const std::string& a = all[i];
            if (a.rfind("--", 0) != 0) continue;
            std::string name =
                a.substr(2, a.find('=') == std::string::npos ? std::string::npos : a.find('=') - 2);
            const bool isValue =
                std::find(valueOptions.begin(), valueOptions.end(), name) != valueOptions.end();
            if (isValue) {
                if (a.find('=') == std::string::npos) ++i;
                continue;
            }
            if (std::find(known.begin(), known.end(), name) == known.end())
                return usageError("unknown option '--" + name + "' for " + command->name);
        }
    }
    ctx.dbPath = args.valueOr("db", defaultDatabasePath(ctx.program));
    const bool copiesWorkspaces = commandName == "workspace";
    ctx.stylePath = args.valueOr("style", "");

    qInstallMessageHandler(quietQtMessages);
    std::unique_ptr<QCoreApplication> app;
    int qtArgc = 1;
    char* qtArgv[] = {argv[0], nullptr};
    if (needsGui(commandName)) {
        if (!std::getenv("QT_QPA_PLATFORM")) setenv("QT_QPA_PLATFORM", "offscreen", 1);
        app = std::make_unique<QGuiApplication>(qtArgc, qtArgv);
    } else {
        app = std::make_unique<QCoreApplication>(qtArgc, qtArgv);
    }
    try {
        // A PostGIS workspace is read through its local SpatiaLite replica
        // (docs/postgis.md); the workspace commands handle --db themselves.
        if (data::isPostgisName(ctx.dbPath) && !copiesWorkspaces) {
            const auto replica = data::openReplica(ctx.dbPath, defaultDatabasePath(ctx.program));
            if (replica.stale) std::fprintf(stderr, "jinmap: %s\n", replica.warning.c_str());
            ctx.dbPath = replica.path;
        }
        return command->run(ctx, args);
    } catch (const Error& e) {
        return fail(std::string(errorKindName(e.kind())) + ": " + e.what());
    } catch (const std::bad_alloc&) {
        return fail("out of memory");
    } catch (const std::exception& e) {
        return fail(e.what());
    }
}

}  // namespace jinmap::cli
