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
