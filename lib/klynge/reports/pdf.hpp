// Printing a report's HTML to PDF with a program from Debian: headless
// Chromium (`chromium --print-to-pdf`) or WeasyPrint, whichever is on the
// PATH (Chromium first). klynge draws nothing itself here: both honour the
// report's A4 print stylesheet and its page numbers.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace klynge::reports {

struct PdfPrinter {
    std::string program;           // "chromium", "weasyprint", ...
    std::filesystem::path path;    // as found on the PATH
    bool chromium = false;
};

// The first of chromium, chromium-browser, google-chrome and weasyprint on
// the PATH. Throws ConfigError (exit 3) saying how to install one.
PdfPrinter findPdfPrinter();

// Prints the HTML file `html` (absolute) within two minutes, into a scratch
// folder removed afterwards, and returns the PDF's bytes: the caller writes
// them through the output guard. Throws StorageError naming the program if it
// fails or writes no PDF.
std::string printPdf(const PdfPrinter& printer, const std::filesystem::path& html);

} // namespace klynge::reports
