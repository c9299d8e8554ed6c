// The one guard every option that writes a file passes through (-o, --ics,
// --document, the outbox and claim folders; issue 11 §1): an output never
// replaces the workspace's own files, never lands on a folder, and a file
// with full CPR numbers never lands where git would version it.
#pragma once

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace klynge {

namespace fs = std::filesystem;

// The workspace's own files and folders, relative to its root. `tree`: the
// folder and everything inside it. One table: a file klynge adds to the
// workspace later (a chain head, an anchor) gets a row here.
struct WorkspaceEntry {
    std::string_view path;
    bool tree;
    std::string_view what;
};
std::span<const WorkspaceEntry> workspaceOwnEntries();

enum class OutputKind { file, folder };
enum class OutputContents { ordinary, fullCprs };

struct OutputRequest {
    std::string_view option{}; // "-o", "--ics", "--document"
    std::string given{};       // the path exactly as the user typed it
    OutputKind kind = OutputKind::file;
    OutputContents contents = OutputContents::ordinary;
    bool force = false;                // --force: full CPRs inside a versioned folder
    std::optional<fs::path> workspace{}; // the workspace the command runs in, if any
    std::vector<fs::path> inputs{};      // files the command reads: never its output
};

// Refuses (InvalidValue, exit 2) an output that is one of a workspace's own
// files or folders (table above; any workspace that holds the target, not
// only the one the command runs in), an existing folder where a file is
// written (or a file where a folder is), a missing parent folder, a block
// device or socket, the command's own input, a name klynge keeps for its
// temporaries, and — for full CPR numbers without --force — a place inside
// a workspace outside private/ or inside a git work tree. A folder output
// inside a workspace must lie in documents/. The message names the target as
// the user gave it. Returns the path to write: the target resolved through
// symlinks and "..", so that a link is followed, not replaced.
fs::path checkedOutputPath(const OutputRequest& request);

// Whether the target is a terminal, pipe or character device (/dev/stdout,
// /dev/null): written directly, as a stream, not through a temporary.
bool isStreamTarget(const fs::path& target);

} // namespace klynge
