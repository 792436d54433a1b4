#pragma once
// libpq, loaded the first time a PostgreSQL workspace is opened: with its
// Kerberos, LDAP, SASL and TLS dependencies it was a fifth of the libraries
// every jinmap start loaded (base/shared_library.h). The functions jinmap
// calls, with the types libpq-fe.h declares, called as pq().PQexec(…).
#include <libpq-fe.h>

// Every libpq function jinmap calls (add one here to call it).
#define JINMAP_PQ_FUNCTIONS(X) \
    X(PQclear)                 \
    X(PQconnectdbParams)       \
    X(PQconsumeInput)          \
    X(PQdb)                    \
    X(PQerrorMessage)          \
    X(PQescapeIdentifier)      \
    X(PQexec)                  \
    X(PQexecPrepared)          \
    X(PQfinish)                \
    X(PQfname)                 \
    X(PQfreemem)               \
    X(PQftype)                 \
    X(PQgetisnull)             \
    X(PQgetlength)             \
    X(PQgetvalue)              \
    X(PQhost)                  \
    X(PQnfields)               \
    X(PQnotifies)              \
    X(PQntuples)               \
    X(PQport)                  \
    X(PQprepare)               \
    X(PQresultErrorField)      \
    X(PQresultStatus)          \
    X(PQsocket)                \
    X(PQstatus)                \
    X(PQtransactionStatus)     \
    X(PQuser)

namespace jinmap {

struct PqLibrary {
// NOLINTNEXTLINE(bugprone-macro-parentheses): `name` declares a member
#define JINMAP_PQ_POINTER(name) decltype(&::name) name = nullptr;
    JINMAP_PQ_FUNCTIONS(JINMAP_PQ_POINTER)
#undef JINMAP_PQ_POINTER
};

// The library, loaded by the first call (from any thread); throws Error(Io)
// when it or one of the functions is missing.
const PqLibrary& pq();

}  // namespace jinmap
