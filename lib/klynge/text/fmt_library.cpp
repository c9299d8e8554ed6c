// {fmt}'s compiled part, built into klynge from Debian's libfmt-dev headers
// (what fmt's own src/format.cc holds) instead of linking libfmt.so: every
// shared library costs each run its loading and symbol binding, and libfmt
// kept libstdc++.so loaded too (issue 16 §3). The rest of klynge includes
// <fmt/format.h> as usual; FMT_HEADER_ONLY is not set, so this is the one
// copy of these functions.
#include <fmt/format-inl.h>

static_assert(FMT_VERSION / 10000 == 9, "fmt_library.cpp follows fmt 9's src/format.cc — check it against the new one");

FMT_BEGIN_NAMESPACE
namespace detail {

template FMT_API auto dragonbox::to_decimal(float x) noexcept -> dragonbox::decimal_fp<float>;
template FMT_API auto dragonbox::to_decimal(double x) noexcept -> dragonbox::decimal_fp<double>;

template FMT_API locale_ref::locale_ref(const std::locale& loc);
template FMT_API auto locale_ref::get<std::locale>() const -> std::locale;

template FMT_API auto thousands_sep_impl(locale_ref) -> thousands_sep_result<char>;
template FMT_API auto decimal_point_impl(locale_ref) -> char;
template FMT_API void buffer<char>::append(const char*, const char*);
template FMT_API void vformat_to(buffer<char>&, string_view, basic_format_args<FMT_BUFFER_CONTEXT(char)>, locale_ref);

template FMT_API auto thousands_sep_impl(locale_ref) -> thousands_sep_result<wchar_t>;
template FMT_API auto decimal_point_impl(locale_ref) -> wchar_t;
template FMT_API void buffer<wchar_t>::append(const wchar_t*, const wchar_t*);

} // namespace detail
FMT_END_NAMESPACE
