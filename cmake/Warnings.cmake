# Warnings as an interface target, errors when KLYNGE_WERROR is on (CI).
add_library(klynge_warnings INTERFACE)
target_compile_options(klynge_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
  -Wcast-align -Wunused -Woverloaded-virtual
  -Wimplicit-fallthrough)
if(KLYNGE_WERROR)
  target_compile_options(klynge_warnings INTERFACE -Werror)
endif()
if(KLYNGE_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
endif()
# GCC 12 reports -Wrestrict for ordinary std::string concatenation at -O2/-O3
# (a false positive: GCC bug 105329, fixed in GCC 13); Debian 12 ships GCC 12.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(klynge_warnings INTERFACE -Wno-restrict)
endif()
