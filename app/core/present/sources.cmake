target_sources(jinmap_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/lang.cpp
  ${CMAKE_CURRENT_LIST_DIR}/display_value.cpp
  ${CMAKE_CURRENT_LIST_DIR}/quoted_text.cpp
  ${CMAKE_CURRENT_LIST_DIR}/vocabulary.cpp
  ${CMAKE_CURRENT_LIST_DIR}/view_loader.cpp
  ${CMAKE_CURRENT_LIST_DIR}/summary_text.cpp
  ${CMAKE_CURRENT_LIST_DIR}/summary_json.cpp
  ${CMAKE_CURRENT_LIST_DIR}/fact_table.cpp
)
