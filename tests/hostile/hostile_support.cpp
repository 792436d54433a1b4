#include "hostile_support.h"

#include <sys/wait.h>
#include <unistd.h>

#include <QCryptographicHash>
#include <QFile>
#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace jinmap::test {

int Outcome::errLines() const {
    return static_cast<int>(std::count(err.begin(), err.end(), '\n'));
}

Outcome runJinmap(const std::string& args, int timeoutSeconds) {
    static int counter = 0;
    const fs::path errFile =
        fs::temp_directory_path() /
        ("jinmap-hostile-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
    const std::string cmd = "QT_QPA_PLATFORM=offscreen timeout -s KILL " +
                            std::to_string(timeoutSeconds) + " '" + JINMAP_PROGRAM + "' " + args +
                            " 2>'" + errFile.string() + "'";
    Outcome o;
    FILE* pipe = popen(cmd.c_str(), "r");
    std::array<char, 4096> buf{};
    while (pipe && fgets(buf.data(), buf.size(), pipe)) o.out += buf.data();
    const int status = pipe ? pclose(pipe) : -1;
    if (WIFEXITED(status)) {
        o.exitCode = WEXITSTATUS(status);
        // timeout(1) with KILL makes the shell report 128+9.
        o.timedOut = o.exitCode == 137;
    }
    std::ifstream in(errFile);
    std::stringstream s;
    s << in.rdbuf();
    o.err = s.str();
    fs::remove(errFile);
    return o;
}

std::string sha256File(const fs::path& p) {
    QFile f(QString::fromStdString(p.string()));
    if (!f.open(QIODevice::ReadOnly)) return "missing";
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(&f);
    return h.result().toHex().toStdString();
}

fs::path makeTempDir(const std::string& tag) {
    fs::path d = fs::temp_directory_path() / ("jinmap-" + tag + "-" + std::to_string(::getpid()));
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}

}  // namespace jinmap::test
