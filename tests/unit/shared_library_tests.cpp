// GDAL and libpq are loaded when first used (base/shared_library.h): a
// missing library or function is a typed error naming it, and the loaded
// functions are the libraries' own.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "base/error.h"
#include "base/gdal_library.h"
#include "base/shared_library.h"
#include "data/pq_library.h"

namespace jinmap {
namespace {

TEST(SharedLibrary, AMissingLibraryIsAnIoErrorNamingIt) {
    try {
        openSharedLibrary("libjinmap-no-such-library.so.7");
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Io);
        EXPECT_NE(std::string(e.what()).find("libjinmap-no-such-library.so.7"), std::string::npos)
            << e.what();
    }
}

TEST(SharedLibrary, AMissingFunctionIsAnIoErrorNamingIt) {
    void* libc = openSharedLibrary("libc.so.6");
    EXPECT_NE(sharedLibrarySymbol(libc, "libc.so.6", "strlen"), nullptr);
    try {
        sharedLibrarySymbol(libc, "libc.so.6", "jinmap_no_such_function");
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Io);
        EXPECT_NE(std::string(e.what()).find("jinmap_no_such_function"), std::string::npos);
    }
}

TEST(SharedLibrary, GdalAndLibpqFunctionsWork) {
    // GDAL's own answer through the loaded functions: a spatial reference
    // from an EPSG code.
    const GdalLibrary& g = gdal();
    OGRSpatialReferenceH srs = g.OSRNewSpatialReference(nullptr);
    ASSERT_NE(srs, nullptr);
    EXPECT_EQ(g.OSRImportFromEPSG(srs, 3857), OGRERR_NONE);
    g.OSRDestroySpatialReference(srs);
    EXPECT_EQ(&gdal(), &g) << "loaded once";
    // libpq without a server: a connection that fails with libpq's message.
    const char* keys[] = {"host", "port", "connect_timeout", nullptr};
    const char* values[] = {"127.0.0.1", "1", "1", nullptr};
    PGconn* conn = pq().PQconnectdbParams(keys, values, 0);
    ASSERT_NE(conn, nullptr);
    EXPECT_EQ(pq().PQstatus(conn), CONNECTION_BAD);
    EXPECT_GT(std::strlen(pq().PQerrorMessage(conn)), 0u);
    pq().PQfinish(conn);
}

}  // namespace
}  // namespace jinmap
