target_sources(jinmap_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/geojson_writer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/dataset_catalog.cpp
  ${CMAKE_CURRENT_LIST_DIR}/marker_images.cpp
  ${CMAKE_CURRENT_LIST_DIR}/web_style.cpp
  ${CMAKE_CURRENT_LIST_DIR}/site_legend.cpp
  ${CMAKE_CURRENT_LIST_DIR}/site_summaries.cpp
  ${CMAKE_CURRENT_LIST_DIR}/site_texts.cpp
  ${CMAKE_CURRENT_LIST_DIR}/site_directory.cpp
  ${CMAKE_CURRENT_LIST_DIR}/vector_tiles.cpp
  ${CMAKE_CURRENT_LIST_DIR}/site_publisher.cpp
  # The page (index.html, app.js, app.css) compiled in as Qt resources.
  ${CMAKE_CURRENT_LIST_DIR}/web/publish_web.qrc
)
