// Runs a test program against the PostGIS backend (issue 15: "the data, CLI,
// edit and viewer tests run against both backends"): starts a real
// PostgreSQL 15 + PostGIS (pg_test_server.h), exports its superuser name as
// JINMAP_TEST_PG_SERVER, runs the program given on the command line, stops
// the server and returns the program's exit status. The tests read the
// variable (tests/workspace/test_backend.h) and push each fixture workspace
// to the server, then run their commands with --db postgresql://….
//
// usage: pg_backend_run PROGRAM [ARGS…]
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <vector>

#include "pg_test_server.h"

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s PROGRAM [ARGS...]\n", argv[0]);
        return 2;
    }
    try {
        const jinmap::test::PgTestServer server;
        setenv("JINMAP_TEST_PG_SERVER", server.url().c_str(), 1);
        const pid_t child = ::fork();
        if (child < 0) return 1;
        if (child == 0) {
            ::execv(argv[1], argv + 1);
            std::perror(argv[1]);
            ::_exit(127);
        }
        int status = 0;
        while (::waitpid(child, &status, 0) < 0) {
        }
        if (WIFEXITED(status)) return WEXITSTATUS(status);
        std::fprintf(stderr, "%s: killed by signal %d\n", argv[1], WTERMSIG(status));
        return 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "pg_backend_run: %s\n", e.what());
        return 1;
    }
}
