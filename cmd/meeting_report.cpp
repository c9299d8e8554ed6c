// klynge meeting report ID [--force] (klynge-meeting(1)): the draft of the
// klyngekoordinator's beretning for an ordinary general assembly, written to
// the meeting's folder as beretning.md for the coordinator to edit.
#include "meeting.hpp"

#include "klynge/documents/documents.hpp"
#include "klynge/reports/beretning.hpp"
#include "klynge/store/templates.hpp"
#include "klynge/text/error.hpp"

#include <fmt/format.h>

namespace klynge::cli {

void registerMeetingReport(CLI::App* grp, Context& ctx) {
    struct Options {
        std::string id;
        bool force = false;
    };
    auto o = std::make_shared<Options>();
    auto* report = grp->add_subcommand("report", "Draft the klyngekoordinator's beretning for an ordinary general "
                                                 "assembly (beretning.md in the meeting's folder)");
    report->add_option("ID", o->id, "The meeting's id")->required();
    report->add_flag("--force", o->force, "Replace a beretning.md that has been edited since klynge wrote it");
    report->callback([&ctx, o] {
        auto number = meetingIdArg(o->id);
        auto session = ctx.open(Store::Mode::readOnly);
        const auto& root = session.paths().root;
        auto draft = beretningDraft(session.store(), session.config(), meetingIdOf(session.store(), number));
        const auto relative = meetingFolder(draft.meeting) / "beretning.md";
        const auto file = root / relative;
        const auto fingerprint = beretningFingerprintPath(file);
        // The coordinator's own words are never lost to a new draft.
        if (draftState(file, fingerprint) == DraftState::edited && !o->force)
            throw RuleViolation(fmt::format("{} has been edited since klynge wrote it — keep your text, or give "
                                            "--force to replace it with a new draft",
                                            relative.generic_string()));
        const auto text = renderBeretning(draft, loadTemplate(root, "beretning.md.mustache"));
        std::error_code ec;
        if (!ctx.globals.dryRun) std::filesystem::create_directories(file.parent_path(), ec);
        writeFileAtomically(ctx, {.option = "ID", .given = file.string(), .workspace = root},
                            [&](std::ostream& os) { os << text; });
        if (ctx.globals.dryRun) return;
        writeFileAtomically(ctx, {.option = "ID", .given = fingerprint.string(), .workspace = root},
                            [&](std::ostream& os) { os << draftFingerprint(text); });
        ctx.note(fmt::format("Wrote the draft beretning for {} to {} — edit it before the assembly",
                             draft.year.accounts.year, relative.generic_string()));
    });
}

} // namespace klynge::cli
