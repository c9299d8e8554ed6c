// What every fuzz target shares (issue 11 §7). A parser given outside input
// either returns a valid value or throws klynge::Error; anything else — an
// other exception, a broken invariant, a crash or a sanitizer report — is a
// finding, and libFuzzer stops on it with the input that caused it.
#pragma once

#include "klynge/text/error.hpp"

#include <SQLiteCpp/Exception.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>

namespace klynge::fuzz {

[[noreturn]] inline void fail(const char* what, const char* file, int line, const std::string& detail = {}) {
    std::fprintf(stderr, "\nfuzz invariant failed at %s:%d: %s%s%s\n", file, line, what, detail.empty() ? "" : "\n  ",
                 detail.c_str());
    std::abort();
}

inline std::string_view text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// Runs `parse`; a klynge::Error is a clean refusal (returns false), any other
// exception is a finding. An SQLite exception counts as a finding too: the
// library must refuse bad input before the database does, with a message
// that says how to fix it.
template <class F> bool acceptedOrRefused(F&& parse, const char* file, int line) {
    try {
        parse();
        return true;
    } catch (const klynge::Error& e) {
        if (std::string_view(e.what()).empty()) fail("a klynge::Error without a message", file, line);
        return false;
    } catch (const SQLite::Exception& e) {
        fail("an SQLite exception escaped the library", file, line, e.what());
    } catch (const std::exception& e) {
        fail("an exception that is not a klynge::Error", file, line, e.what());
    }
}

} // namespace klynge::fuzz

#define FUZZ_CHECK(cond, ...)                                                                                        \
    do {                                                                                                             \
        if (!(cond)) ::klynge::fuzz::fail(#cond, __FILE__, __LINE__ __VA_OPT__(, ) __VA_ARGS__);                      \
    } while (0)

#define FUZZ_PARSE(...) ::klynge::fuzz::acceptedOrRefused([&] { __VA_ARGS__; }, __FILE__, __LINE__)
