#include "klynge/store/runtime_library.hpp"

#include "klynge/text/error.hpp"

#include <fmt/format.h>

#include <dlfcn.h>

namespace klynge {

RuntimeLibrary::RuntimeLibrary(const char* file, std::string_view purpose, std::string_view fix)
    : handle_(dlopen(file, RTLD_NOW | RTLD_LOCAL)), file_(file), fix_(fix) {
    if (!handle_) throw StorageError(fmt::format("cannot load {} {}: {} — {}", file, purpose, dlerror(), fix));
}

void* RuntimeLibrary::symbol(const char* name) const {
    void* found = dlsym(handle_, name);
    if (!found) throw StorageError(fmt::format("{} has no function {} — {}", file_, name, fix_));
    return found;
}

} // namespace klynge
