target_sources(jinmap_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/page_setup.cpp
  ${CMAKE_CURRENT_LIST_DIR}/export_font.cpp
  ${CMAKE_CURRENT_LIST_DIR}/layout_typeface.cpp
  ${CMAKE_CURRENT_LIST_DIR}/geo_measure.cpp
  ${CMAKE_CURRENT_LIST_DIR}/print_layout.cpp
  ${CMAKE_CURRENT_LIST_DIR}/raster_sink.cpp
  ${CMAKE_CURRENT_LIST_DIR}/renderer_map_drawer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/exporter.cpp
)
find_package(PNG REQUIRED)
target_link_libraries(jinmap_core PRIVATE PNG::PNG)

# Export font (DESIGN.md, "Text fidelity in PDF"): a renamed copy of Noto Sans
# CJK SC without the Kangxi/radical code points and the Latin `locl` lookups,
# made at build time with fontTools. Debian's python3 has python3-fonttools;
# another python3 first on PATH may not, so try both.
set(JINMAP_NOTO_CJK "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc" CACHE FILEPATH
    "Noto Sans CJK collection the export font is made from")
if(NOT DEFINED JINMAP_FONT_PYTHON)
  foreach(candidate /usr/bin/python3 python3)
    find_program(_jinmap_py NAMES ${candidate} NO_CACHE)
    if(_jinmap_py)
      execute_process(COMMAND ${_jinmap_py} -c "import fontTools" RESULT_VARIABLE _jinmap_rc
                      OUTPUT_QUIET ERROR_QUIET)
      if(_jinmap_rc EQUAL 0)
        set(JINMAP_FONT_PYTHON ${_jinmap_py} CACHE FILEPATH "python3 with fontTools")
        break()
      endif()
    endif()
    unset(_jinmap_py)
  endforeach()
endif()
set(JINMAP_EXPORT_FONT "${CMAKE_BINARY_DIR}/fonts/JinmapSansCJKSC-Regular.otf")
if(JINMAP_FONT_PYTHON AND EXISTS ${JINMAP_NOTO_CJK})
  add_custom_command(
    OUTPUT ${JINMAP_EXPORT_FONT}
    COMMAND ${JINMAP_FONT_PYTHON} ${CMAKE_SOURCE_DIR}/tools/make_export_font.py
            ${JINMAP_NOTO_CJK} ${JINMAP_EXPORT_FONT}
    DEPENDS ${CMAKE_SOURCE_DIR}/tools/make_export_font.py ${JINMAP_NOTO_CJK}
    COMMENT "Making the export font (Jinmap Sans CJK SC) from Noto Sans CJK SC"
    VERBATIM)
  add_custom_target(jinmap_export_font ALL DEPENDS ${JINMAP_EXPORT_FONT})
  add_dependencies(jinmap_core jinmap_export_font)
  target_compile_definitions(jinmap_core PRIVATE JINMAP_EXPORT_FONT_PATH="${JINMAP_EXPORT_FONT}")
else()
  message(WARNING "No python3 with fontTools (Debian: python3-fonttools) or no ${JINMAP_NOTO_CJK}: "
                  "PDF exports use the system Noto Sans CJK SC, whose text pdftotext misreads")
endif()
