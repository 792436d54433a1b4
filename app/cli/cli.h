#pragma once
// `jinmap` subcommands. Exit status: 0 success, 1 bad input or failed
// operation (one line on stderr), 2 usage error.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace jinmap::cli {

// Parsed command line: --key value options, --flags and positional args.
class Args {
  public:
    // Options that take a value; anything else starting with "--" is a flag.
    Args(std::vector<std::string> argv, const std::vector<std::string>& valueOptions);
    bool flag(const std::string& name) const;
    std::optional<std::string> value(const std::string& name) const;
    // Every value of an option given more than once (--style A --style B), in order.
    std::vector<std::string> values(const std::string& name) const;
    std::string valueOr(const std::string& name, const std::string& fallback) const;
    const std::vector<std::string>& positional() const { return positional_; }
    // Unknown options, for a usage error.
    const std::vector<std::string>& errors() const { return errors_; }

  private:
    std::map<std::string, std::string> values_;
    std::vector<std::pair<std::string, std::string>> ordered_;
    std::vector<std::string> flags_;
    std::vector<std::string> positional_;
    std::vector<std::string> errors_;
};

struct Context {
    std::string program;    // argv[0]
    std::string dbPath;     // --db or the default next to the program
    std::string stylePath;  // --style (may be empty)
};

struct Command {
    std::string name;
    std::string synopsis;
    std::vector<std::string> valueOptions;  // besides --db and --style
    std::vector<std::string> flags;         // besides --help
    std::function<int(const Context&, const Args&)> run;
    std::size_t maxPositional = 0;  // words after the command (workspace init FILE)
};

// All subcommands; commands defined in other files register here.
std::vector<Command>& commands();
void registerCommand(Command command);

// Default database: <bin>/../geodata/jinmap.sqlite.
std::string defaultDatabasePath(const std::string& program);
// MapLibre GL JS for `publish`: $JINMAP_MAPLIBRE, else <bin>/../share/maplibre-gl
// (the build fetches it there).
std::string defaultMaplibreDir(const std::string& program);
std::string defaultStylesDir(const std::string& program);

int run(int argc, char** argv);

// Prints "jinmap: <message>" on stderr and returns 1 / 2.
int fail(const std::string& message);
int usageError(const std::string& message);

}  // namespace jinmap::cli
