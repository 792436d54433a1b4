# Render module: projection, projected-geometry cache, clipping and
# simplification, labels, the map renderer and extents.
target_sources(jinmap_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/projection.cpp
  ${CMAKE_CURRENT_LIST_DIR}/geometry_ops.cpp
  ${CMAKE_CURRENT_LIST_DIR}/layer_cache.cpp
  ${CMAKE_CURRENT_LIST_DIR}/geometry_store.cpp
  ${CMAKE_CURRENT_LIST_DIR}/label_engine.cpp
  ${CMAKE_CURRENT_LIST_DIR}/coverage_fill.cpp
  ${CMAKE_CURRENT_LIST_DIR}/map_renderer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/extent.cpp
)
