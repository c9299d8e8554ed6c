// What a decision says: the rule, the base and the arithmetic — in English
// for the command line, in Danish for the minutes. Everything is computed
// from the stored record, so the text can be made again at any time.
#include "klynge/decisions/vote.hpp"
#include "klynge/text/danish.hpp"

#include "klynge/meetings/meeting.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace klynge {
namespace {

std::string shareText(Share s) { return fmt::format("{}/{}", s.numerator, s.denominator); }

std::string plural(int n, std::string_view one, std::string_view many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

std::string blanks(int n) { return plural(n, "blank", "blanke"); }

// "A, B og C"
std::string danishList(const std::vector<std::string>& items) {
    if (items.empty()) return {};
    if (items.size() == 1) return items.front();
    std::vector<std::string> head(items.begin(), items.end() - 1);
    return fmt::format("{} og {}", fmt::join(head, ", "), items.back());
}

std::vector<std::string> tiedNames(const Decision& d) {
    std::vector<std::string> out;
    for (auto& c : d.candidates)
        if (c.votes == d.candidates.front().votes) out.push_back(c.name);
    return out;
}

const Candidate* electedCandidate(const Decision& d) {
    for (auto& c : d.candidates)
        if (c.elected) return &c;
    return nullptr;
}

// One candidate and no count: elected without a vote.
bool unopposed(const Decision& d) {
    return d.candidates.size() == 1 && d.candidates.front().elected && d.candidates.front().votes == 0;
}

std::string motionDanish(const Decision& d) {
    const auto& t = *d.tally;
    const bool adopted = d.outcome == Outcome::adopted;
    if (d.kind != DecisionKind::ordinary) {
        const int needed = qualifiedYesNeeded(d.eligiblePresent, d.share);
        return fmt::format("{}: {} af {} fremmødte stemmeberettigede stemte for ({} imod, {}); {} ({}) kræver {}",
                           adopted ? "vedtaget" : "forkastet", t.yes, d.eligiblePresent, t.no, blanks(t.blank),
                           danish::fraction(d.share.numerator, d.share.denominator), shareText(d.share), needed);
    }
    if (t.yes == t.no && d.casting != CastingVote::none)
        return fmt::format("{} ved dirigentens afgørende stemme efter stemmelighed ({} for, {} imod, {})",
                           adopted ? "vedtaget" : "forkastet", t.yes, t.no, blanks(t.blank));
    if (t.yes == 0 && t.no == 0)
        return fmt::format("forkastet: alle {} stemmer var blanke (simpelt flertal kræver flere for end imod)", t.blank);
    if (t.yes == t.no)
        return fmt::format("forkastet ved stemmelighed: {} for, {} imod, {} (simpelt flertal kræver flere for end "
                           "imod)",
                           t.yes, t.no, blanks(t.blank));
    return fmt::format("{}: {} for, {} imod, {} (simpelt flertal; blanke stemmer tæller ikke med)",
                       adopted ? "vedtaget" : "forkastet", t.yes, t.no, blanks(t.blank));
}

// issue 15: the tied groups that decided a seat or an order, as stored
// (the candidates in their final order): equal votes across the last seat,
// or between suppleants.
std::vector<std::vector<const Candidate*>> decidingTies(const Decision& d) {
    const bool ordered = orderedOffice(d.subject);
    const auto seats = static_cast<std::size_t>(d.seats);
    std::vector<std::vector<const Candidate*>> out;
    for (std::size_t start = 0; start < d.candidates.size();) {
        std::size_t end = start + 1;
        while (end < d.candidates.size() && d.candidates[end].votes == d.candidates[start].votes) ++end;
        bool deciding = false;
        for (std::size_t k = start + 1; k < end; ++k) deciding = deciding || k == seats || (ordered && k < seats);
        if (deciding) {
            std::vector<const Candidate*> group;
            for (std::size_t p = start; p < end; ++p) group.push_back(&d.candidates[p]);
            out.push_back(group);
        }
        start = end;
    }
    return out;
}

std::string withVotes(const Candidate& c) { return fmt::format("{} ({})", c.name, plural(c.votes, "stemme", "stemmer")); }

std::string seatsDanish(const Decision& d) {
    const bool ordered = orderedOffice(d.subject);
    // The tie left open (outcome tie): the first deciding tie with someone not elected.
    std::vector<const Candidate*> openTie;
    if (d.outcome == Outcome::tie)
        for (auto& g : decidingTies(d))
            if (openTie.empty() && std::any_of(g.begin(), g.end(), [](const Candidate* c) { return !c->elected; }))
                openTie = g;
    std::vector<std::string> elected, others;
    int place = 0;
    for (auto& c : d.candidates) {
        if (c.elected) elected.push_back(ordered ? fmt::format("{}. suppleant {}", ++place, withVotes(c)) : withVotes(c));
        else if (std::find(openTie.begin(), openTie.end(), &c) == openTie.end()) others.push_back(withVotes(c));
    }
    const bool noVote = std::all_of(d.candidates.begin(), d.candidates.end(), [](const Candidate& c) {
        return c.elected && c.votes == 0;
    });
    if (noVote) {
        std::vector<std::string> names;
        for (auto& c : d.candidates) names.push_back(c.name);
        return fmt::format("{} pladser; valgt uden afstemning (ikke flere kandidater end pladser): {}", d.seats,
                           danishList(names));
    }
    std::string text = fmt::format("{} pladser, op til {} stemmer pr. stemmeberettiget ({} fremmødte "
                                   "stemmeberettigede)",
                                   d.seats, d.seats, d.eligiblePresent);
    if (!elected.empty()) text += fmt::format("; valgt: {}", danishList(elected));
    if (!openTie.empty()) {
        std::vector<std::string> tied;
        for (auto* c : openTie) tied.push_back(c->name);
        const int votes = openTie.front()->votes;
        const int open = d.seats - static_cast<int>(elected.size());
        text += fmt::format("; stemmelighed mellem {} ({} hver) om {}; ingen er valgt til {}, og der holdes omvalg "
                            "eller trækkes lod",
                            danishList(tied), plural(votes, "stemme", "stemmer"),
                            ordered      ? (open == 1 ? std::string("én plads") : fmt::format("{} pladser", danish::number(open)))
                            : open == 1 ? std::string("den sidste plads")
                                        : fmt::format("de sidste {} pladser", danish::number(open)),
                            open == 1 ? "den" : "dem");
    }
    if (!others.empty()) text += fmt::format("; ikke valgt: {}", danishList(others));
    if (d.byLot)
        for (auto& g : decidingTies(d)) {
            std::vector<std::string> names;
            for (auto* c : g) names.push_back(c->name);
            text += fmt::format("; {} blev afgjort ved lodtrækning mellem {} ({} hver)",
                                ordered ? "rækkefølgen" : "den sidste plads", danishList(names),
                                plural(g.front()->votes, "stemme", "stemmer"));
        }
    return text;
}

std::string electionDanish(const Decision& d) {
    if (d.seats > 1) return seatsDanish(d);
    std::vector<std::string> counts;
    for (auto& c : d.candidates) counts.push_back(fmt::format("{} {}", c.name, c.votes));
    const auto* w = electedCandidate(d);
    if (unopposed(d)) return fmt::format("{} valgt uden modkandidat", w->name);
    if (d.byLot && w)
        return fmt::format("{} valgt ved lodtrækning efter stemmelighed ({})", w->name, fmt::join(counts, ", "));
    if (w) {
        std::vector<std::string> others;
        for (auto& c : d.candidates)
            if (!c.elected) others.push_back(fmt::format("{} {}", c.name, c.votes));
        if (others.empty()) return fmt::format("{} valgt med {}", w->name, plural(w->votes, "stemme", "stemmer"));
        return fmt::format("{} valgt med {} ({})", w->name, plural(w->votes, "stemme", "stemmer"),
                           fmt::join(others, ", "));
    }
    return fmt::format("stemmelighed mellem {} med {} hver; ingen er valgt, og der holdes omvalg eller trækkes lod",
                       danishList(tiedNames(d)), plural(d.candidates.front().votes, "stemme", "stemmer"));
}

std::string dotsDanish(const Decision& d) {
    std::vector<std::string> chosen, pool;
    for (auto& i : d.ideas)
        (i.chosen ? chosen : pool).push_back(fmt::format("{} ({})", i.title, plural(i.dots, "prik", "prikker")));
    std::string text = chosen.empty() ? std::string("intet emne valgt (stemmelighed)")
                                      : fmt::format("valgt: {}", danishList(chosen));
    if (d.byLot) text += " ved lodtrækning efter stemmelighed";
    if (!pool.empty()) text += fmt::format("; i idébanken: {}", danishList(pool));
    return text;
}

// issue 15: the arithmetic of an election for several seats.
std::vector<std::string> seatsLines(const Decision& d) {
    const bool ordered = orderedOffice(d.subject);
    std::vector<std::string> counts, elected;
    int total = 0, place = 0;
    for (auto& c : d.candidates) {
        counts.push_back(fmt::format("{} {}", c.name, c.votes));
        total += c.votes;
        if (c.elected) elected.push_back(ordered ? fmt::format("{}. {}", ++place, c.name) : c.name);
    }
    std::vector<std::string> out;
    out.push_back(fmt::format("{} ({} votes; {} seats, up to {} votes each from {} present with voting right)",
                              fmt::join(counts, ", "), total, d.seats, d.seats, d.eligiblePresent));
    std::string line = elected.empty() ? std::string("nobody elected")
                                       : fmt::format("elected{}: {}", ordered ? " in order" : "", fmt::join(elected, ", "));
    for (auto& g : decidingTies(d)) {
        std::vector<std::string> names;
        bool open = false;
        for (auto* c : g) {
            names.push_back(c->name);
            open = open || (d.outcome == Outcome::tie && !c->elected);
        }
        if (open)
            line += fmt::format("; {} tied at {} for {} place{} — hold a new round for the open place{} or record the "
                                "draw with --lot",
                                fmt::join(names, ", "), plural(g.front()->votes, "vote", "votes"),
                                d.seats - static_cast<int>(elected.size()),
                                d.seats - static_cast<int>(elected.size()) == 1 ? "" : "s",
                                d.seats - static_cast<int>(elected.size()) == 1 ? "" : "s");
        else if (d.byLot)
            line += fmt::format("; the tie of {} at {} drawn by lot", fmt::join(names, ", "),
                                plural(g.front()->votes, "vote", "votes"));
    }
    out.push_back(line);
    return out;
}

} // namespace

std::string ruleText(const Decision& d) {
    switch (d.kind) {
    case DecisionKind::ordinary:
        return d.casting != CastingVote::none
                   ? "simple majority: yes > no; blank votes count neither way; a tie is decided by the chair's "
                     "casting vote"
                   : "simple majority: yes > no; blank votes count neither way; a tie fails";
    case DecisionKind::bylaws:
    case DecisionKind::exclusion:
    case DecisionKind::dissolution:
        return fmt::format("{} of the members present with voting right must vote yes: {}·yes ≥ {}·present",
                           shareText(d.share), d.share.denominator, d.share.numerator);
    case DecisionKind::election:
        if (d.seats > 1)
            return fmt::format("the {} with most votes are elected{}; a tie at the last seat{} needs a new round or a "
                               "draw (--lot)",
                               d.seats, orderedOffice(d.subject) ? ", in order" : "",
                               orderedOffice(d.subject) ? " or in the order" : "");
        return "most votes wins; a tie needs a new round or a draw (--lot)";
    case DecisionKind::dots:
        return "each doctor present places their dots (stacking allowed); the ideas with most dots are chosen, the "
               "others stay in the pool";
    }
    return {};
}

std::vector<std::string> arithmeticLines(const Decision& d) {
    std::vector<std::string> out;
    const std::string verdict = d.outcome == Outcome::adopted ? "adopted" : "rejected";
    if (d.isMotion()) {
        const auto& t = *d.tally;
        out.push_back(fmt::format("{} yes, {} no, {} blank{}; {} present with voting right", t.yes, t.no, t.blank,
                                  d.byBallot ? fmt::format(" ({} ballots)", d.ballots.size()) : std::string(),
                                  d.eligiblePresent));
        if (d.kind != DecisionKind::ordinary) {
            const auto n = d.share.numerator, den = d.share.denominator;
            const bool ok = d.outcome == Outcome::adopted;
            out.push_back(fmt::format("{} of {} present with voting right; {} needs {} ({}·{} = {} {} {}·{} = {}) — {}",
                                      t.yes, d.eligiblePresent, shareText(d.share),
                                      qualifiedYesNeeded(d.eligiblePresent, d.share), den, t.yes, den * t.yes,
                                      ok ? "≥" : "<", n, d.eligiblePresent, n * d.eligiblePresent, verdict));
        } else if (t.yes != t.no) {
            out.push_back(fmt::format("{} yes {} {} no — {}", t.yes, t.yes > t.no ? ">" : "<", t.no, verdict));
        } else if (d.casting != CastingVote::none) {
            out.push_back(fmt::format("{} yes = {} no: a tie; the chair's casting vote is {} — {}", t.yes, t.no,
                                      d.casting == CastingVote::yes ? "yes" : "no", verdict));
        } else {
            out.push_back(fmt::format("{} yes = {} no: a tie fails — rejected", t.yes, t.no));
        }
        return out;
    }
    if (d.kind == DecisionKind::election && d.seats > 1) return seatsLines(d);
    if (d.kind == DecisionKind::election) {
        std::vector<std::string> counts;
        int total = 0;
        for (auto& c : d.candidates) {
            counts.push_back(fmt::format("{} {}", c.name, c.votes));
            total += c.votes;
        }
        out.push_back(fmt::format("{} ({} votes; {} present with voting right)", fmt::join(counts, ", "), total,
                                  d.eligiblePresent));
        const auto* w = electedCandidate(d);
        if (unopposed(d)) out.push_back(fmt::format("{} elected unopposed", w->name));
        else if (d.byLot && w)
            out.push_back(fmt::format("a tie at {}; {} elected by lot", plural(d.candidates.front().votes, "vote", "votes"),
                                      w->name));
        else if (w) out.push_back(fmt::format("{} elected with {}", w->name, plural(w->votes, "vote", "votes")));
        else
            out.push_back(fmt::format("{} tied at {} — nobody elected: hold a new round or record the draw with --lot",
                                      fmt::join(tiedNames(d), ", "),
                                      plural(d.candidates.front().votes, "vote", "votes")));
        return out;
    }
    int rank = 0;
    for (auto& i : d.ideas)
        out.push_back(fmt::format("{}. {} — {}{}", ++rank, i.title, plural(i.dots, "dot", "dots"),
                                  i.chosen ? " — chosen" : ""));
    if (d.outcome == Outcome::tie) out.push_back("a tie across the line — hold a new round or record the draw with --lot");
    else if (d.byLot) out.push_back("the tie across the line was drawn by lot");
    return out;
}

std::string resultLine(const Decision& d) {
    if (d.kind != DecisionKind::dots) return arithmeticLines(d).back();
    std::vector<std::string> chosen;
    for (auto& i : d.ideas)
        if (i.chosen) chosen.push_back(fmt::format("{} ({})", i.title, plural(i.dots, "dot", "dots")));
    if (chosen.empty()) return "a tie across the line — nothing chosen";
    return fmt::format("chosen: {}{}", fmt::join(chosen, ", "), d.byLot ? " (by lot)" : "");
}

std::string danishSubject(const Decision& d) {
    switch (d.kind) {
    case DecisionKind::ordinary: return d.subject;
    case DecisionKind::bylaws: return fmt::format("{} (vedtægtsændring)", d.subject);
    case DecisionKind::exclusion: return fmt::format("{} (eksklusion)", d.subject);
    case DecisionKind::dissolution: return fmt::format("{} (opløsning)", d.subject);
    case DecisionKind::election: return fmt::format("Valg af {}", d.subject);
    case DecisionKind::dots: return fmt::format("{} (prikafstemning)", d.subject);
    }
    return d.subject;
}

std::string danishResult(const Decision& d) {
    std::string text = d.isMotion() ? motionDanish(d) : d.kind == DecisionKind::election ? electionDanish(d) : dotsDanish(d);
    if (d.supersedes) text += fmt::format(" — erstatter beslutning #{} ({})", *d.supersedes, d.reason);
    if (d.supersededBy) text += fmt::format(" — erstattet af beslutning #{}", *d.supersededBy);
    if (d.voidedBy)
        text += fmt::format(" — bortfaldet, da beslutning #{} erstatter det valg, som runden afgjorde", *d.voidedBy);
    return fmt::format("{} [beslutning #{}]", text, d.number);
}

// The minutes list every decision taken at the meeting with its arithmetic,
// superseded ones too, marked as such.
std::vector<MinutesDecision> meetingDecisions(Store& store, std::int64_t meetingId) {
    std::vector<MinutesDecision> out;
    for (auto& d : listDecisions(store, meetingId)) {
        std::string subject = danishSubject(d);
        // [001 §10]: the minutes show what the exclusion rested on.
        if (auto x = exclusionOf(store, d.id))
            subject += fmt::format(" (eksklusion af {}; dokumentation: {}; varslet den {})", x->member,
                                   x->documentation, x->warnedOn.danishLong());
        std::string result = danishResult(d);
        // issue 14: a change of the bylaws shows the wording voted on.
        if (auto a = amendmentOf(store, d.id)) {
            std::string wording;
            for (char c : a->text) wording += c == '\n' ? ' ' : c;
            result += fmt::format(". {} ordlyd af § {}: »{}«", d.outcome == Outcome::adopted ? "Ny" : "Foreslået",
                                  a->paragraph, wording);
        }
        out.push_back({subject, result});
    }
    return out;
}

} // namespace klynge
