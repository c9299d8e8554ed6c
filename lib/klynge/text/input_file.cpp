#include "klynge/text/input_file.hpp"

#include "klynge/text/error.hpp"
#include "klynge/text/validate.hpp"

#include <fmt/format.h>

#include <array>

namespace klynge {

namespace fs = std::filesystem;

void checkInputFile(const fs::path& file, std::string_view what, InputContents contents) {
    const std::string named_ = fmt::format("{}{}{}", what, what.empty() ? "" : " ", file.string());
    auto named = [&](std::string_view problem, std::string_view fix) {
        return InvalidValue(fmt::format("cannot read {}: {} — {}", named_, problem, fix));
    };
    std::error_code ec;
    auto status = fs::status(file, ec);
    if (status.type() == fs::file_type::not_found) throw named("no such file", "check the path");
    if (status.type() == fs::file_type::directory)
        throw named("it is a folder, not a file", "give the path of a file");
    if (ec) throw named(ec.message(), "check the path and its permissions");
    std::ifstream in(file, std::ios::binary);
    if (!in) throw named("permission denied", "check its permissions");
    // A pipe is not read here (it would lose what it gives).
    if (!fs::is_regular_file(status) || contents == InputContents::binary) return;
    std::array<char, 64> head{};
    in.read(head.data(), head.size());
    if (looksLikeUtf16(std::string_view(head.data(), static_cast<std::size_t>(in.gcount()))))
        throw InvalidValue(fmt::format("{} is UTF-16 — save it as UTF-8 (in Excel: \"CSV UTF-8\"; in Notepad: "
                                       "Encoding UTF-8)",
                                       named_));
}

std::ifstream openInputFile(const fs::path& file, std::string_view what) {
    checkInputFile(file, what);
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw InvalidValue(fmt::format("cannot read {} {} — check its permissions", what, file.string()));
    return in;
}

} // namespace klynge
