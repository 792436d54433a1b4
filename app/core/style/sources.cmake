# Style module: MapLibre-subset style files → immutable Style snapshots,
# expressions, legend, canonical dump.
target_sources(jinmap_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/json.cpp
  ${CMAKE_CURRENT_LIST_DIR}/color.cpp
  ${CMAKE_CURRENT_LIST_DIR}/value.cpp
  ${CMAKE_CURRENT_LIST_DIR}/diagnostics.cpp
  ${CMAKE_CURRENT_LIST_DIR}/expression.cpp
  ${CMAKE_CURRENT_LIST_DIR}/expression_parser.cpp
  ${CMAKE_CURRENT_LIST_DIR}/expression_text.cpp
  ${CMAKE_CURRENT_LIST_DIR}/legacy_function.cpp
  ${CMAKE_CURRENT_LIST_DIR}/property.cpp
  ${CMAKE_CURRENT_LIST_DIR}/style.cpp
  ${CMAKE_CURRENT_LIST_DIR}/layer_properties.cpp
  ${CMAKE_CURRENT_LIST_DIR}/style_parser.cpp
  ${CMAKE_CURRENT_LIST_DIR}/legend.cpp
  ${CMAKE_CURRENT_LIST_DIR}/dump.cpp
)
# ICU: number-format (Intl.NumberFormat) and upcase/downcase, as browsers do them.
find_package(ICU 60 REQUIRED COMPONENTS uc i18n)
target_link_libraries(jinmap_core PRIVATE ICU::uc ICU::i18n)
