// What cluster money may pay for, as data with the source of each row
// (DOMAIN.md, "Money"; STYLE.md "Rules are data"), the income kinds, and the
// names of the statuses PLO's economy module shows [002].
#include "klynge/text/error.hpp"
#include "klynge/money/ledger.hpp"

#include <fmt/format.h>

#include <array>

namespace klynge {
namespace {

using P = CategoryPolicy;

// The agreement's list of uses [001 §12] and the parties' guidelines of
// November 2021 [004]. Order: allowed, discouraged, disallowed.
constexpr std::array categories{
    ExpenseCategory{"honorar", "Honorar", P::allowed,
                    "honoraria to the coordinator, the board and others with tasks for the cluster", "[001 §12; 004]"},
    ExpenseCategory{"forplejning", "Forplejning", P::allowed, "food and drink at cluster meetings", "[001 §12; 004]"},
    ExpenseCategory{"lokaleleje", "Lokaleleje", P::allowed, "room hire for cluster meetings", "[001 §12; 004]"},
    ExpenseCategory{"mødeudstyr", "Mødeudstyr", P::allowed,
                    "shared meeting equipment used at cluster meetings: AV aids and the like", "[001 §12; 004]"},
    ExpenseCategory{"software", "Software", P::allowed, "shared software for the cluster's meetings", "[004]"},
    ExpenseCategory{"oplægsholder", "Oplægsholder", P::allowed, "speakers and facilitators at a cluster meeting",
                    "[001 §12]"},
    ExpenseCategory{"konsulent", "Konsulentbistand", P::allowed,
                    "external consultancy to prepare and run meetings", "[001 §12; 004]"},
    ExpenseCategory{"materialer", "Materialer", P::allowed, "material for the meetings", "[001 §12]"},
    ExpenseCategory{"konference", "Konferencer", P::allowed,
                    "the coordinator's fees for conferences and theme days", "[001 §12]"},
    ExpenseCategory{"kørsel", "Kørsel", P::allowed,
                    "mileage of the coordinator and others with tasks (not members' travel to meetings); "
                    "taxable B-income",
                    "[001 §12, §14]"},
    ExpenseCategory{"administration", "Administration", P::allowed,
                    "practical help and the association's own costs such as bank fees", "[004]"},
    ExpenseCategory{"restaurant", "Restaurant", P::discouraged,
                    "meetings at expensive restaurants — the parties ask clusters to spend with care", "[001 §12]"},
    ExpenseCategory{"it-udstyr", "IT-udstyr", P::discouraged,
                    "advanced IT equipment for the coordinator — the parties ask clusters to spend with care",
                    "[001 §12]"},
    ExpenseCategory{"mødehonorar", "Mødehonorar", P::disallowed,
                    "meeting fees to members or their clinics: cluster work is unpaid for members",
                    "[001 §12; 004]"},
    ExpenseCategory{"medlemsrefusion", "Medlemsrefusion", P::disallowed,
                    "refunds to individual members or their clinics", "[001 §12]"},
    ExpenseCategory{"tabt-arbejdsfortjeneste", "Tabt arbejdsfortjeneste", P::disallowed,
                    "compensation for members' lost earnings", "[001 §12]"},
    ExpenseCategory{"medlemstransport", "Medlemstransport", P::disallowed, "members' travel to cluster meetings",
                    "[001 §12]"},
    ExpenseCategory{"klinisk-udstyr", "Klinisk udstyr", P::disallowed,
                    "clinical or medico-technical equipment, for the cluster or a clinic: it belongs to running "
                    "the clinic",
                    "[001 §12; 004]"},
    ExpenseCategory{"individuelt-mødeudstyr", "Individuelt mødeudstyr", P::disallowed,
                    "equipment for individual clinics or members, even for use at meetings", "[004]"},
    ExpenseCategory{"studierejse", "Studierejse", P::disallowed, "study trips abroad for the members", "[001 §12]"},
};

constexpr std::array kinds{
    IncomeKind{"driftstilskud", "Indtægter:Driftstilskud",
               "the yearly operating grant per registered patient, paid by 1 February (klynge grant calc)",
               "[001 §11]"},
    IncomeKind{"opstartstilskud", "Indtægter:Opstartstilskud",
               "the one-time start-up grant of 10.000 kr per doctor capacity", "[000, 001]"},
    IncomeKind{"fap", "Indtægter:FAP-midler", "extra money from Fonden for Almen Praksis (2019–2021)", "[001]"},
    IncomeKind{"indbetaling", "Indtægter:Indbetalinger", "money paid in, e.g. participants' own share of an internat",
               ""},
    IncomeKind{"andet", "Indtægter:Andre indtægter", "other income", ""},
    IncomeKind{openingBalanceKind, "Egenkapital:Primosaldo",
               "the balance when the cluster began keeping its books in klynge: carried over, not income", ""},
};

// "mødeudstyr" may be typed "moedeudstyr" or "modeudstyr"; case does not matter.
std::string folded(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        auto two = s.substr(i, 2);
        if (two == "ø" || two == "Ø" || two == "æ" || two == "Æ" || two == "å" || two == "Å") {
            out += two == "ø" || two == "Ø" ? "oe" : two == "æ" || two == "Æ" ? "ae" : "aa";
            ++i;
        } else if (s[i] == '_' || s[i] == ' ') {
            out += '-';
        } else {
            out += static_cast<char>(s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i]);
        }
    }
    return out;
}

bool sameKey(std::string_view key, std::string_view typed) {
    auto a = folded(key), b = folded(typed);
    if (a == b) return true;
    // "modeudstyr": ø typed as plain o.
    std::string loose;
    for (std::size_t i = 0; i < a.size(); ++i) {
        loose += a[i];
        if ((a.compare(i, 2, "oe") == 0 || a.compare(i, 2, "ae") == 0 || a.compare(i, 2, "aa") == 0)) ++i;
    }
    return loose == b;
}

} // namespace

FinanceModel financeModel(const Config& config) {
    return config.text("finance.model") == "own-account" ? FinanceModel::ownAccount : FinanceModel::plo;
}

std::string_view policyName(CategoryPolicy p) {
    switch (p) {
    case P::allowed: return "allowed";
    case P::discouraged: return "discouraged";
    case P::disallowed: return "disallowed";
    }
    return "";
}

std::span<const ExpenseCategory> expenseCategories() { return categories; }

// What klynge stores is the key itself: those are found without folding
// (`check` and `status` look up every category in the ledger). No key
// matches another loosely (test_ledger), so the answer is the same.
const ExpenseCategory* findExpenseCategory(std::string_view key) {
    for (const auto& c : categories)
        if (c.key == key) return &c;
    for (const auto& c : categories)
        if (sameKey(c.key, key)) return &c;
    return nullptr;
}

std::span<const IncomeKind> incomeKinds() { return kinds; }

const IncomeKind* findIncomeKind(std::string_view key) {
    for (const auto& k : kinds)
        if (k.key == key) return &k; // as findExpenseCategory
    for (const auto& k : kinds)
        if (sameKey(k.key, key)) return &k;
    if (folded(key) == "fap-midler") return &kinds[2];
    return nullptr;
}

std::string_view kindName(EntryKind k) { return k == EntryKind::income ? "income" : "expense"; }

std::string_view statusKey(EntryStatus s) {
    switch (s) {
    case EntryStatus::received: return "modtaget";
    case EntryStatus::pending: return "afventer";
    case EntryStatus::approved: return "godkendt";
    case EntryStatus::rejected: return "afvist";
    case EntryStatus::paid: return "udbetalt";
    case EntryStatus::reversed: return "tilbageført";
    case EntryStatus::reversal: return "tilbageførsel";
    }
    return "";
}

std::string statusText(EntryStatus s, FinanceModel model) {
    if (s == EntryStatus::pending)
        return model == FinanceModel::plo ? "afventer godkendelse" : "afventer betaling";
    if (s == EntryStatus::paid && model == FinanceModel::ownAccount) return "betalt";
    return std::string(statusKey(s));
}

EntryStatus parseStatus(std::string_view text) {
    for (auto s : {EntryStatus::received, EntryStatus::pending, EntryStatus::approved, EntryStatus::rejected,
                   EntryStatus::paid, EntryStatus::reversed, EntryStatus::reversal})
        if (sameKey(statusKey(s), text)) return s;
    if (sameKey("betalt", text)) return EntryStatus::paid;
    throw InvalidValue(fmt::format("unknown status \"{}\" — use afventer, godkendt, afvist, udbetalt, modtaget, "
                                   "tilbageført or tilbageførsel",
                                   text));
}

} // namespace klynge
