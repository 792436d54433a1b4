#pragma once
// A real PostgreSQL 15 + PostGIS server for the tests: a new cluster in a
// temporary directory (initdb as the postgres user when run as root, since
// initdb refuses root), trust authentication on 127.0.0.1 only, a free port,
// fsync off. Stopped and removed by the destructor.
#include <filesystem>
#include <string>

namespace jinmap::test {

class PgTestServer {
  public:
    PgTestServer();  // initdb + start + CREATE DATABASE jm with PostGIS
    ~PgTestServer();
    PgTestServer(const PgTestServer&) = delete;
    PgTestServer& operator=(const PgTestServer&) = delete;

    // postgresql://user@127.0.0.1:port/db
    std::string url(const std::string& user = "postgres", const std::string& db = "jm") const;
    int port() const { return port_; }
    // pg_ctl stop -m fast|immediate; start again on the same port.
    void stop(const std::string& mode = "fast");
    void start();
    bool running() const { return running_; }
    const std::filesystem::path& dir() const { return dir_; }

  private:
    int pgCtl(const std::string& args) const;
    std::string asPostgres() const;
    std::filesystem::path dir_;
    int port_ = 0;
    bool running_ = false;
};

}  // namespace jinmap::test
