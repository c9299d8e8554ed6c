// A shared library loaded when it is first needed (dlopen), for the few of
// its functions klynge uses only sometimes (libcurl, to send mail). Start-up
// then never loads it or binds its symbols (issue 16 §3).
#pragma once

#include <string>
#include <string_view>

namespace klynge {

class RuntimeLibrary {
public:
    // Loads FILE (a soname such as "libcurl.so.4") and keeps it for the
    // life of the process. PURPOSE completes "cannot load FILE ..." ("to send
    // mail"); FIX says what to do. Throws StorageError.
    RuntimeLibrary(const char* file, std::string_view purpose, std::string_view fix);

    // Sets FUNCTION to the library's function NAME, or throws StorageError.
    template <class Function>
    void bind(Function*& function, const char* name) const {
        function = reinterpret_cast<Function*>(symbol(name));
    }

private:
    void* symbol(const char* name) const;
    void* handle_;
    const char* file_;
    std::string fix_;
};

} // namespace klynge
