#pragma once
// Runs `jinmap` under a 10 s limit and reports how it ended.
#include <filesystem>
#include <string>

namespace jinmap::test {

struct Outcome {
    int exitCode = -1;  // -1: killed by a signal
    bool timedOut = false;
    std::string out;
    std::string err;
    int errLines() const;
};

Outcome runJinmap(const std::string& args, int timeoutSeconds = 10);
std::string sha256File(const std::filesystem::path& p);
std::filesystem::path makeTempDir(const std::string& tag);

}  // namespace jinmap::test
