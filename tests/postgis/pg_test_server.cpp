#include "pg_test_server.h"

#include <pwd.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <stdexcept>

#include "data/pg_connection.h"

namespace fs = std::filesystem;

namespace jinmap::test {

namespace {

int shell(const std::string& command) {
    const int status = std::system(command.c_str());  // NOLINT(cert-env33-c): test harness
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

std::string PgTestServer::asPostgres() const {
    return ::geteuid() == 0 ? "runuser -u postgres -- " : "";
}

int PgTestServer::pgCtl(const std::string& args) const {
    return shell(asPostgres() + "'" JINMAP_PG_BINDIR "/pg_ctl' -D '" + (dir_ / "data").string() +
                 "' -l '" + (dir_ / "server.log").string() + "' " + args + " >/dev/null 2>&1");
}

PgTestServer::PgTestServer() {
    std::string pattern = (fs::temp_directory_path() / "jinmap-pg-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    dir_ = pattern;
    if (::geteuid() == 0) {
        const passwd* pg = ::getpwnam("postgres");
        if (!pg) throw std::runtime_error("no postgres user (install postgresql-15)");
        if (::chown(dir_.c_str(), pg->pw_uid, pg->pw_gid) != 0)
            throw std::runtime_error("chown of the test cluster directory failed");
    }
    if (shell("cd / && " + asPostgres() + "'" JINMAP_PG_BINDIR "/initdb' -D '" +
              (dir_ / "data").string() +
              "' -A trust -U postgres --no-sync -E UTF8 --locale=C.UTF-8 >/dev/null 2>&1") != 0)
        throw std::runtime_error("initdb failed in " + dir_.string());
    // A port of our own: pg_ctl -w fails when another server has it.
    for (int attempt = 0; attempt < 20 && !running_; ++attempt) {
        port_ = 20000 + static_cast<int>((::getpid() * 7919L + attempt * 104729L) % 30000);
        start();
    }
    if (!running_) throw std::runtime_error("no PostgreSQL server started; see the server.log");
    auto admin = data::PgConnection::open(url("postgres", "postgres"));
    admin->exec("CREATE DATABASE jm");
    auto jm = data::PgConnection::open(url());
    jm->exec("CREATE EXTENSION postgis");
}

PgTestServer::~PgTestServer() {
    if (running_) stop("fast");
    std::error_code ec;
    fs::remove_all(dir_, ec);
}

std::string PgTestServer::url(const std::string& user, const std::string& db) const {
    return "postgresql://" + user + "@127.0.0.1:" + std::to_string(port_) + "/" + db;
}

void PgTestServer::start() {
    running_ = pgCtl("-w -t 60 -o \"-p " + std::to_string(port_) + " -k '" + dir_.string() +
                     "' -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off\" "
                     "start") == 0;
}

void PgTestServer::stop(const std::string& mode) {
    pgCtl("-w -m " + mode + " stop");
    running_ = false;
}

}  // namespace jinmap::test
