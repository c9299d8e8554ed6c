// The small family of errors a user can act on. Each carries the exit-code
// class from DESIGN.md ("Input and output") and a message of the form
// "what went wrong — how to fix it". cmd/main.cpp catches them once.
#pragma once

#include <stdexcept>
#include <string>

namespace klynge {

// Exit codes are part of the command-line contract (DESIGN.md, klynge(1)).
enum class ExitCode : int {
    ok = 0,
    rule = 1,      // a rule or check failed
    usage = 2,     // bad usage or an invalid value
    config = 3,    // not a workspace, or bad configuration
    storage = 4,   // storage failure: locked, corrupt, disk full
};

class Error : public std::runtime_error {
public:
    Error(ExitCode code, const std::string& message)
        : std::runtime_error(message), code_(code) {}
    ExitCode code() const noexcept { return code_; }

private:
    ExitCode code_;
};

// An invalid value or bad usage (exit 2).
struct InvalidValue : Error {
    explicit InvalidValue(const std::string& m) : Error(ExitCode::usage, m) {}
};
// A domain rule refused the command (exit 1).
struct RuleViolation : Error {
    explicit RuleViolation(const std::string& m) : Error(ExitCode::rule, m) {}
};
// Not a workspace, or klynge.toml / rates.toml is wrong (exit 3).
struct ConfigError : Error {
    explicit ConfigError(const std::string& m) : Error(ExitCode::config, m) {}
};
// The store failed: locked, corrupt, full, newer schema (exit 4).
struct StorageError : Error {
    explicit StorageError(const std::string& m) : Error(ExitCode::storage, m) {}
};

} // namespace klynge
