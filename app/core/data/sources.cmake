target_sources(jinmap_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/geometry.cpp
  ${CMAKE_CURRENT_LIST_DIR}/geojson.cpp
  ${CMAKE_CURRENT_LIST_DIR}/feature.cpp
  ${CMAKE_CURRENT_LIST_DIR}/spatialite_source.cpp
  ${CMAKE_CURRENT_LIST_DIR}/geodatabase.cpp
  ${CMAKE_CURRENT_LIST_DIR}/connection.cpp
  ${CMAKE_CURRENT_LIST_DIR}/figure_value.cpp
  ${CMAKE_CURRENT_LIST_DIR}/workspace.cpp
  ${CMAKE_CURRENT_LIST_DIR}/workspace_upgrade.cpp
  ${CMAKE_CURRENT_LIST_DIR}/change_watcher.cpp
  ${CMAKE_CURRENT_LIST_DIR}/import_reader.cpp
  ${CMAKE_CURRENT_LIST_DIR}/workspace_exchange.cpp
)

# The PostgreSQL/PostGIS backend (issue 15): libpq, and the schema DDL kept as
# reviewable SQL text, compiled in.
pkg_check_modules(LIBPQ REQUIRED IMPORTED_TARGET libpq)
file(READ ${CMAKE_CURRENT_LIST_DIR}/sql/postgis_schema_v1.sql JINMAP_PG_SCHEMA_V1)
configure_file(${CMAKE_CURRENT_LIST_DIR}/sql/pg_schema_sql.cpp.in
  ${CMAKE_CURRENT_BINARY_DIR}/pg_schema_sql.cpp @ONLY)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
  ${CMAKE_CURRENT_LIST_DIR}/sql/postgis_schema_v1.sql)
target_sources(jinmap_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/pg_connection.cpp
  ${CMAKE_CURRENT_LIST_DIR}/pq_library.cpp
  ${CMAKE_CURRENT_LIST_DIR}/pg_workspace.cpp
  ${CMAKE_CURRENT_LIST_DIR}/pg_edit_session.cpp
  ${CMAKE_CURRENT_LIST_DIR}/pg_change_watcher.cpp
  ${CMAKE_CURRENT_BINARY_DIR}/pg_schema_sql.cpp
)
# libpq is loaded when first used (data/pq_library.h): its headers only.
target_include_directories(jinmap_core SYSTEM PRIVATE ${LIBPQ_INCLUDE_DIRS})
