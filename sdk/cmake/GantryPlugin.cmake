# gantry_add_plugin(<target> SOURCES <src>... [LIBRARIES <lib>...] [OUTPUT_NAME <name>])
#
# Builds a Gantry plugin the one supported way: a MODULE library with hidden visibility
# that exports only gantry_plugin_entry (linker version script), refuses undefined
# symbols at link time, and has no "lib" prefix. Used for the built-in plugins exactly
# as an outside author uses it through find_package(GantrySDK).
include_guard(GLOBAL)
# Resolved per call: a variable set here would be visible only in the includer's scope.

function(gantry_add_plugin target)
  set(_GANTRY_PLUGIN_MAP "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/gantry-plugin.map")
  cmake_parse_arguments(ARG "" "OUTPUT_NAME" "SOURCES;LIBRARIES" ${ARGN})
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "gantry_add_plugin(${target}): SOURCES is required")
  endif()
  add_library(${target} MODULE ${ARG_SOURCES})
  target_link_libraries(${target} PRIVATE Gantry::sdk ${ARG_LIBRARIES})
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    C_VISIBILITY_PRESET hidden
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    LINK_DEPENDS "${_GANTRY_PLUGIN_MAP}")
  if(ARG_OUTPUT_NAME)
    set_target_properties(${target} PROPERTIES OUTPUT_NAME "${ARG_OUTPUT_NAME}")
  endif()
  target_link_options(${target} PRIVATE
    "LINKER:--version-script=${_GANTRY_PLUGIN_MAP}"
    "LINKER:--no-undefined")
endfunction()
