# Render module: projection, projected-geometry cache, clipping and
# simplification, labels, the map renderer (frame loop, layer painters,
# label policy) and extents.
target_sources(jinmap_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/projection.cpp
  ${CMAKE_CURRENT_LIST_DIR}/geometry_ops.cpp
  ${CMAKE_CURRENT_LIST_DIR}/layer_cache.cpp
  ${CMAKE_CURRENT_LIST_DIR}/geometry_store.cpp
  ${CMAKE_CURRENT_LIST_DIR}/label_engine.cpp
  ${CMAKE_CURRENT_LIST_DIR}/coverage_fill.cpp
  ${CMAKE_CURRENT_LIST_DIR}/styled_layer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/frame.cpp
  ${CMAKE_CURRENT_LIST_DIR}/layer_painter.cpp
  ${CMAKE_CURRENT_LIST_DIR}/background_painter.cpp
  ${CMAKE_CURRENT_LIST_DIR}/fill_painter.cpp
  ${CMAKE_CURRENT_LIST_DIR}/line_painter.cpp
  ${CMAKE_CURRENT_LIST_DIR}/circle_painter.cpp
  ${CMAKE_CURRENT_LIST_DIR}/symbol_painter.cpp
  ${CMAKE_CURRENT_LIST_DIR}/label_policy.cpp
  ${CMAKE_CURRENT_LIST_DIR}/map_renderer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/extent.cpp
)
