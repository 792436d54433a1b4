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
