#include "klynge/reports/pdf.hpp"

#include "klynge/text/error.hpp"

#include <fmt/format.h>

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace klynge::reports {
namespace {

namespace fs = std::filesystem;

std::optional<fs::path> onPath(const std::string& program) {
    const char* path = std::getenv("PATH");
    if (!path) return std::nullopt;
    std::string dirs = path;
    for (std::size_t start = 0; start <= dirs.size();) {
        auto end = dirs.find(':', start);
        if (end == std::string::npos) end = dirs.size();
        const fs::path candidate = fs::path(dirs.substr(start, end - start)) / program;
        if (end > start && ::access(candidate.c_str(), X_OK) == 0) return candidate;
        start = end + 1;
    }
    return std::nullopt;
}

// file:// and the path, percent-encoded: a folder named "Årsrapport #2" is
// still the file meant.
std::string fileUrl(const fs::path& path) {
    std::string url = "file://";
    for (unsigned char c : path.string()) {
        if (std::isalnum(c) || std::string_view("/-._~").find(static_cast<char>(c)) != std::string_view::npos)
            url += static_cast<char>(c);
        else
            url += fmt::format("%{:02X}", c);
    }
    return url;
}

// Runs argv without a shell, its output dropped (Chromium is chatty); the
// exit status, or -1 if it could not start.
int runQuietly(const std::vector<std::string>& argv) {
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    const int rc = posix_spawnp(&pid, args[0], &fa, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0) return -1;
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// A folder for one printing run — the PDF, and Chromium's profile (the
// user's own browser profile is never touched) — removed afterwards.
class ScratchFolder {
public:
    ScratchFolder() {
        std::string pattern = (fs::temp_directory_path() / "klynge-pdf-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr)
            throw StorageError("cannot make a temporary folder for printing — check that /tmp is writable");
        dir_ = pattern;
    }
    ~ScratchFolder() {
        std::error_code ec;
        fs::remove_all(dir_, ec);
    }
    ScratchFolder(const ScratchFolder&) = delete;
    ScratchFolder& operator=(const ScratchFolder&) = delete;
    const fs::path& dir() const { return dir_; }

private:
    fs::path dir_;
};

} // namespace

PdfPrinter findPdfPrinter() {
    for (const auto* name : {"chromium", "chromium-browser", "google-chrome"})
        if (auto p = onPath(name)) return {name, *p, true};
    if (auto p = onPath("weasyprint")) return {"weasyprint", *p, false};
    throw ConfigError("--pdf needs chromium or weasyprint, and neither is on the PATH — install one "
                      "(sudo apt-get install chromium, or sudo apt-get install weasyprint), or open the HTML in a "
                      "browser and print it");
}

std::string printPdf(const PdfPrinter& printer, const fs::path& html) {
    ScratchFolder scratch;
    const auto pdf = scratch.dir() / "report.pdf";
    std::vector<std::string> argv{"timeout", "120", printer.path.string()};
    if (printer.chromium)
        argv.insert(argv.end(), {"--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                                 "--user-data-dir=" + (scratch.dir() / "profile").string(), "--no-pdf-header-footer",
                                 "--print-to-pdf=" + pdf.string(), fileUrl(html)});
    else
        argv.insert(argv.end(), {html.string(), pdf.string()});
    const int status = runQuietly(argv);
    std::ifstream in(pdf, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (status != 0 || bytes.str().empty())
        throw StorageError(fmt::format("{} could not print {} to PDF (exit {}) — open the HTML in a browser and "
                                       "print it, or run {} by hand to see why",
                                       printer.program, html.string(), status, printer.path.string()));
    return bytes.str();
}

} // namespace klynge::reports
