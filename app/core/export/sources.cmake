target_sources(jinmap_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/table_writer.cpp
)
