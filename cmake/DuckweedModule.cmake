# duckweed_add_module(NAME SOURCES ... [DEPS module ...] [LIBS target ...])
# One static library per module, target duckweed_<NAME>. DEPS are other duckweed modules
# (linked PUBLIC since their types appear in our headers); LIBS are third-party targets (PRIVATE).
function(duckweed_add_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;LIBS;PUBLIC_LIBS" ${ARGN})
  add_library(duckweed_${name} STATIC ${ARG_SOURCES})
  target_include_directories(duckweed_${name}
    PUBLIC ${PROJECT_SOURCE_DIR}/include
    PRIVATE ${PROJECT_SOURCE_DIR}/src)
  foreach(dep ${ARG_DEPS})
    target_link_libraries(duckweed_${name} PUBLIC duckweed_${dep})
  endforeach()
  target_link_libraries(duckweed_${name} PRIVATE ${ARG_LIBS} PUBLIC ${ARG_PUBLIC_LIBS})
endfunction()

# duckweed_add_test(NAME SOURCES ... LIBS ... [POSTGRES])
# One GoogleTest executable per feature; each TEST becomes its own ctest case so a failing golden
# case shows in the test name. Tests find ../shared/data through tests/support/shared_data.h.
function(duckweed_add_test name)
  cmake_parse_arguments(ARG "POSTGRES" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS} duckweed_test_support GTest::gtest GTest::gtest_main)
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/src)
  include(GoogleTest)
  set(fixture)
  if(ARG_POSTGRES)
    set(fixture FIXTURES_REQUIRED postgres)
    target_compile_definitions(${name} PRIVATE
      DUCKWEED_TEST_PG_URI_FILE="${DUCKWEED_TEST_PG_STATE}/uri")
  endif()
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60
    PROPERTIES ENVIRONMENT "DUCKWEED_SHARED_DATA=${DUCKWEED_SHARED_DATA}" ${fixture})
endfunction()
