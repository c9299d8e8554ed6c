// klynge report --year Y [-o FILE.html] [--pdf] (klynge-report(1)): the
// general assembly's report as one self-contained Danish HTML file, and the
// same printed to PDF.
#include "cli.hpp"

#include "klynge/reports/annual.hpp"
#include "klynge/reports/pdf.hpp"

#include <fmt/format.h>

namespace klynge::cli {
namespace {

struct ReportOptions {
    int year = 0;
    std::optional<std::string> output;
    bool pdf = false;
};

// The PDF beside the HTML: aarsrapport-2025.html -> aarsrapport-2025.pdf.
std::string pdfBeside(const std::string& html) {
    std::filesystem::path p(html);
    const auto ext = p.extension().string();
    if (ext == ".html" || ext == ".htm") return p.replace_extension(".pdf").string();
    return html + ".pdf";
}

void writeReport(const Context& ctx, const ReportOptions& o) {
    auto session = ctx.open(Store::Mode::readOnly);
    const auto& root = session.paths().root;
    const bool byDefault = !o.output;
    const std::string html =
        o.output.value_or((std::filesystem::path("documents") / fmt::format("aarsrapport-{}.html", o.year)).string());
    const auto workspaceHtml = byDefault ? (root / html).string() : html;
    std::optional<reports::PdfPrinter> printer;
    if (o.pdf) printer = reports::findPdfPrinter();
    // The default's folder, made by init, may have been removed since; if it
    // cannot be made, the output guard below says so.
    std::error_code ec;
    if (byDefault && !ctx.globals.dryRun) std::filesystem::create_directories(session.paths().documents(), ec);
    OutputRequest htmlRequest{.option = "-o", .given = workspaceHtml, .workspace = root};
    const auto htmlTarget = checkedOutputPath(htmlRequest);
    OutputRequest pdfRequest{.option = "--pdf", .given = pdfBeside(workspaceHtml), .workspace = root};
    if (o.pdf) {
        if (isStreamTarget(htmlTarget))
            throw InvalidValue(fmt::format("--pdf prints the HTML file, and -o {} is not one — give -o FILE.html",
                                           html));
        checkedOutputPath(pdfRequest);
    }
    const auto text = renderAnnualReport(annualReport(session.store(), session.config(), o.year), Date::today());
    writeFileAtomically(ctx, htmlRequest, [&](std::ostream& os) { os << text; });
    if (ctx.globals.dryRun) {
        if (o.pdf) ctx.err << fmt::format("dry run: would print it to {} with {}\n", pdfBeside(html), printer->program);
        return;
    }
    ctx.note(fmt::format("Wrote the {} report to {}", o.year, html));
    if (!o.pdf) return;
    const auto pdf = reports::printPdf(*printer, std::filesystem::absolute(htmlTarget));
    writeFileAtomically(ctx, pdfRequest, [&](std::ostream& os) { os << pdf; });
    ctx.note(fmt::format("Printed it to {} with {}", pdfBeside(html), printer->program));
}

} // namespace

void registerReport(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<ReportOptions>();
    auto* report = app.add_subcommand("report", "The general assembly's report: accounts, charts, members, meetings, "
                                                "decisions (HTML, --pdf)");
    report->add_option("--year", o->year, "The year the report covers")
        ->type_name("Y")
        ->required()
        ->check(yearBetween(2000, 2100));
    report->add_option("-o,--output", o->output, "Write the HTML to FILE (default: documents/aarsrapport-Y.html)")
        ->type_name("FILE");
    report->add_flag("--pdf", o->pdf, "Also print it to PDF beside the HTML (needs chromium or weasyprint)");
    report->callback([&ctx, o] { writeReport(ctx, *o); });
}

} // namespace klynge::cli
