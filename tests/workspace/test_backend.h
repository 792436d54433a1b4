#pragma once
// Which backend the workspace tests run against (issue 15: "the data, CLI,
// edit and viewer tests run against both backends"). Unset: the SpatiaLite
// file. JINMAP_TEST_PG_SERVER=postgresql://postgres@127.0.0.1:PORT/DB (set by
// tests/postgis/pg_backend_run, which starts the server): each fixture pushes
// its workspace there and runs its commands with --db postgresql://…, as the
// role `planner`. The change log's author is then that role (the database's,
// not JINMAP_AUTHOR's 规划员): changeLogAuthor() says which.

#include <cstdio>
#include <cstdlib>
#include <string>

namespace jinmap::test {

// The server's superuser name, or empty for the SpatiaLite backend.
inline std::string pgTestServer() {
    const char* name = std::getenv("JINMAP_TEST_PG_SERVER");
    return name ? name : "";
}

// The planner's role: CLI edits run as this role on the server.
inline const char* pgTestPlanner() {
    return "planner";
}

// The author the change log records: JINMAP_AUTHOR (the tests set 规划员) on
// SpatiaLite, the database role on PostGIS. (A row's entered_by — the
// summary's "手工录入（…）" — stays JINMAP_AUTHOR on both.)
inline std::string changeLogAuthor() {
    return pgTestServer().empty() ? "规划员" : pgTestPlanner();
}

// `postgresql://postgres@host…` with another user (percent-encoded UTF-8).
inline std::string pgTestNameAs(const std::string& server, const std::string& user) {
    const std::string scheme = "postgresql://";
    const auto at = server.find('@');
    std::string encoded;
    for (const unsigned char c : user) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '_') {
            encoded += static_cast<char>(c);
        } else {
            char hex[4];
            std::snprintf(hex, sizeof hex, "%%%02X", c);
            encoded += hex;
        }
    }
    return scheme + encoded + server.substr(at);
}

// The lines a PostGIS edit adds to the command's output ("saved on the
// server: …"), taken out so the same expectations hold for both backends.
inline std::string withoutServerLines(const std::string& out) {
    std::string kept;
    std::size_t start = 0;
    while (start < out.size()) {
        std::size_t end = out.find('\n', start);
        end = end == std::string::npos ? out.size() : end + 1;
        const std::string line = out.substr(start, end - start);
        if (line.rfind("saved on the server:", 0) != 0) kept += line;
        start = end;
    }
    return kept;
}

}  // namespace jinmap::test
