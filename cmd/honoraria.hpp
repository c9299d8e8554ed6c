// What klynge contract, hours, payout and skat share on the command line:
// the CPR read at the edge (`--cpr -` from stdin) and how a payee's
// identification is shown (masked unless --reveal-cpr).
#pragma once

#include "cli.hpp"

#include "klynge/honoraria/honoraria.hpp"
#include "klynge/text/ids.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace klynge::cli {

// "" → none; "-" → one line from standard input; else the number itself
// (the audit log masks it). Never echoes the number in an error.
std::optional<Cpr> cprOption(const std::string& value);

// "CPR 010180-****", "CPR 010180-1234" with reveal, "CPR missing", "private/ missing",
// "CVR 12345674 (moms)".
std::string payeeId(const Payee& p, const std::optional<std::map<std::int64_t, Cpr>>& cprs, bool reveal);
// The CPR cell alone: masked/revealed number, or empty.
std::string cprCell(const Payee& p, const std::optional<std::map<std::int64_t, Cpr>>& cprs, bool reveal);

void registerContract(CLI::App& app, Context& ctx);
void registerHours(CLI::App& app, Context& ctx);
void registerPayout(CLI::App& app, Context& ctx);
void registerSkat(CLI::App& app, Context& ctx);

} // namespace klynge::cli
