// toml++'s compiled part, built into klynge from Debian's libtomlplusplus-dev
// headers instead of linking libtomlplusplus.so (issue 16 §3: each shared
// library costs every run its loading and symbol binding). Everywhere else
// TOML_HEADER_ONLY is 0 (CMakeLists.txt), so this is the one copy.
#define TOML_IMPLEMENTATION
#include <toml++/toml.h>
