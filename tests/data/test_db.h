#pragma once
#include <memory>

#include "base/sqlite.h"

namespace jinmap::test {

// The built database, opened read-only with SpatiaLite's SQL functions.
inline jinmap::Database& database() {
    static std::unique_ptr<jinmap::Database> db = [] {
        auto d = std::make_unique<jinmap::Database>(
            jinmap::Database::open(JINMAP_TEST_DB, jinmap::Database::Mode::ReadOnly));
        d->loadSpatialite();
        return d;
    }();
    return *db;
}

}  // namespace jinmap::test
