// Bylaws amendments (issue 14): a decision of kind bylaws carries the new
// wording of the paragraph it changes; once adopted, `meeting bylaws` prints
// the new wording and an amendment history (documents.cpp).
#include "klynge/decisions/vote.hpp"

#include "klynge/text/error.hpp"
#include "klynge/text/validate.hpp"

#include <fmt/format.h>

namespace klynge {

void checkAmendment(const MotionRequest& r) {
    const bool given = r.paragraph.has_value() || !r.paragraphText.empty();
    if (!given) return;
    if (r.kind != MotionKind::bylaws)
        throw InvalidValue("--paragraph and --text belong to a change of the bylaws — give --kind bylaws, or leave "
                           "them out");
    if (!r.paragraph || r.paragraphText.empty())
        throw InvalidValue("a change of the bylaws needs both --paragraph N and --text FILE (the paragraph's new "
                           "wording) — give both, or neither to record the vote only");
    if (*r.paragraph < 1 || *r.paragraph > 99)
        throw InvalidValue(fmt::format("--paragraph {} is not a paragraph of the bylaws — give its number, e.g. "
                                       "--paragraph 8",
                                       *r.paragraph));
}

void recordAmendment(Store& store, const MotionRequest& r, std::int64_t decisionId) {
    if (!r.paragraph) return;
    auto q = store.prepared("INSERT INTO bylaws_amendment(id, decision_id, paragraph, text) "
                            "VALUES (klynge_id(), ?, ?, ?)");
    q.bind(1, decisionId);
    q.bind(2, *r.paragraph);
    q.bind(3, r.paragraphText);
    q.exec();
}

std::vector<BylawsAmendment> adoptedAmendments(Store& store) {
    auto q = store.prepared("SELECT a.decision_id, a.paragraph, a.text, d.decided_on, m.type FROM bylaws_amendment a "
                            "JOIN decision d ON d.id = a.decision_id JOIN meeting m ON m.id = d.meeting_id "
                            "WHERE d.outcome = 'adopted' AND NOT EXISTS (SELECT 1 FROM decision s WHERE "
                            "s.supersedes_id = d.id) ORDER BY d.decided_on, d.id");
    std::vector<BylawsAmendment> out;
    while (q.executeStep())
        out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getInt(), q.getColumn(2).getString(),
                       Date::parse(q.getColumn(3).getString()),
                       q.getColumn(4).getString()});
    return out;
}

std::optional<BylawsAmendment> amendmentOf(Store& store, std::int64_t decisionId) {
    auto q = store.prepared("SELECT a.paragraph, a.text, d.decided_on, m.type FROM bylaws_amendment a "
                            "JOIN decision d ON d.id = a.decision_id JOIN meeting m ON m.id = d.meeting_id "
                            "WHERE a.decision_id = ?");
    q.bind(1, decisionId);
    if (!q.executeStep()) return std::nullopt;
    return BylawsAmendment{decisionId, q.getColumn(0).getInt(), q.getColumn(1).getString(),
                           Date::parse(q.getColumn(2).getString()), q.getColumn(3).getString()};
}

} // namespace klynge
