// Opening a file the user names as input (a roster, a ledger or batch CSV, a
// dump, rates.toml, an agenda): one place that refuses what is not a
// readable text file, with a message that names the file and says what to do.
#pragma once

#include <filesystem>
#include <fstream>
#include <string_view>

namespace klynge {

// Opens `file` for reading. Throws InvalidValue "WHAT FILE: ... — ..." when
// it does not exist, is a directory, cannot be read, or is UTF-16 (klynge
// reads UTF-8 only). `what` names the option or argument ("FILE", "--rates").
// A FIFO or /dev/stdin is read as it is.
std::ifstream openInputFile(const std::filesystem::path& file, std::string_view what);

enum class InputContents { text, binary };
// The same checks without opening it: for files read by another library
// (toml++, SQLite). A binary file (a database) is not checked for UTF-16.
void checkInputFile(const std::filesystem::path& file, std::string_view what,
                    InputContents contents = InputContents::text);

} // namespace klynge
