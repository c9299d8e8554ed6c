// The table of every klynge.toml setting. Adding a policy setting means adding
// one row here; validation, `klynge init` and `klynge config` follow from it.
#include "klynge/store/config.hpp"

#include <algorithm>
#include <array>
#include <limits>

namespace klynge {
namespace {

constexpr std::int64_t noMin = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t noMax = std::numeric_limits<std::int64_t>::max();
using T = SettingType;

constexpr std::array specs{
    // [cluster] — identity, asked for by `klynge init` and KiAP's registration [000].
    SettingSpec{"cluster.name", T::text, "", true, "", noMin, noMax,
                "the cluster's name as registered at KiAP and in CVR", "[000]"},
    // Optional: a cluster being founded gets its CVR number after the founding
    // assembly (virk.dk asks for its minutes and bylaws); `klynge config set
    // cluster.cvr` records it, and what needs it refuses until then.
    SettingSpec{"cluster.cvr", T::cvr, "", false, "", noMin, noMax,
                "the association's CVR number (8 digits, modulus 11), once registered at virk.dk", "[000, 001]"},
    SettingSpec{"cluster.municipality", T::text, "", true, "", noMin, noMax,
                "clusters are formed by geography, one municipality as a rule", "[000]"},
    SettingSpec{"cluster.region", T::choice, "", true,
                "Hovedstaden|Sjælland|Syddanmark|Midtjylland|Nordjylland", noMin, noMax,
                "the region that pays the grant", "[001]"},
    SettingSpec{"cluster.founded", T::date, "", false, "", noMin, noMax,
                "date of the founding general assembly (start-up grant year)", "[000]"},
    SettingSpec{"cluster.bank_account", T::text, "", false, "", noMin, noMax,
                "reg.nr. and account number, asked for by KiAP's registration", "[000]"},

    // [policy] — the standard bylaws unless the cluster's own bylaws differ.
    SettingSpec{"policy.voting_positions", T::choiceList, R"(["ejerlæge"])", false,
                "ejerlæge|ansat|uddannelseslæge|vikar", noMin, noMax,
                "positions with voting right at the general assembly (PLO practice: owners)",
                "[001 §10]"},
    SettingSpec{"policy.patients_min", T::integer, "10000", false, "", 0, 10'000'000,
                "warn when the cluster's registered patients fall below this", "[000, 001, 002]"},
    SettingSpec{"policy.patients_max", T::integer, "120000", false, "", 0, 10'000'000,
                "warn when the cluster's registered patients exceed this", "[000, 001, 002]"},
    SettingSpec{"policy.board_members", T::integer, "0", false, "", 0, 9,
                "members of the board (bestyrelse) the general assembly elects beside the klyngekoordinator; 0: "
                "no board, and proposals go to the klyngekoordinator (1–4 is common)",
                "[000 §7]; DOMAIN.md \"Roles\""},
    // Meetings and general assemblies (klynge meeting, DOMAIN.md).
    SettingSpec{"policy.notice_days", T::integer, "14", false, "", 0, 365,
                "days of notice a general assembly is called with, at least", "[000 §4]"},
    SettingSpec{"policy.proposal_days", T::integer, "14", false, "", 0, 365,
                "members' proposals reach the board at least this many days before the assembly", "[000 §5]"},
    SettingSpec{"policy.ordinary_assembly_by_month", T::integer, "3", false, "", 1, 12,
                "the ordinary general assembly is held by the end of this month (3: the first quarter)",
                "[000 §4]"},
    SettingSpec{"policy.extraordinary_share_percent", T::integer, "20", false, "", 1, 100,
                "share of the members (percent) whose written demand calls an extraordinary assembly",
                "[000 §4]"},
    SettingSpec{"policy.extraordinary_notice_days", T::integer, "14", false, "", 0, 365,
                "an extraordinary assembly is called within this many days of the demand", "[000 §4]"},
    SettingSpec{"policy.extraordinary_held_within_days", T::integer, "14", false, "", 0, 365,
                "and held within this many days after that deadline for the notice", "[000 §4]"},
    // issue 15: the quality work (klynge theme, DOMAIN.md).
    SettingSpec{"policy.follow_up_months", T::integer, "6", false, "", 1, 36,
                "warn when an active theme has had no meeting for this many months (clusters meet 2–4 times a "
                "year: two intervals at the lowest frequency)",
                "[003]; [001 §24]"},
    SettingSpec{"policy.rsvp_reminder_days", T::integer, "3", false, "", 0, 60,
                "klynge remind reminds invitees who have not answered this many days before the response deadline",
                "[002]"},

    // Decisions (klynge vote, DOMAIN.md "Decisions").
    SettingSpec{"policy.qualified_majority", T::choice, R"("2/3")", false, "2/3|3/4", noMin, noMax,
                "share of the members present with voting right who must vote yes to change the bylaws, exclude a "
                "member or dissolve the cluster",
                "[000 §10–§12]"},
    SettingSpec{"policy.chair_casting_vote", T::boolean, "false", false, "", noMin, noMax,
                "whether the chair's vote decides a tie in an ordinary decision (else a tie fails)",
                "[000 §6]; Danish association convention"},
    SettingSpec{"policy.dots_per_member", T::integer, "3", false, "", 1, 100,
                "stickers each doctor present gets when the cluster chooses topics by dot voting", "[000]"},

    // [skat] — B-income reporting (DOMAIN.md, "Honoraria and SKAT").
    SettingSpec{"skat.bank_closing_days_move_deadline", T::boolean, "false", false, "", noMin, noMax,
                "whether bank closing days (5 June, 24 and 31 Dec, the Friday after Ascension) also move "
                "the eIndkomst deadline; the law names only weekends and holidays",
                "indkomstregisterloven § 4, stk. 1"},
    SettingSpec{"skat.reporter", T::choice, "", false, "cluster|plo", noMin, noMax,
                "who reports B-income to eIndkomst: \"cluster\" (its own account: an overdue month is an error) or "
                "\"plo\" (PLO's cluster secretariat pays and reports: klynge's report is for checking, a warning); "
                "unset, it follows finance.model (plo → \"plo\", own-account → \"cluster\")",
                "[002]; KiAP"},

    // [finance] — where the cluster's money is kept (klynge ledger, DOMAIN.md "Money").
    SettingSpec{"finance.model", T::choice, R"("plo")", false, "plo|own-account", noMin, noMax,
                "\"plo\": the account PLO administers, PLO approves and pays; \"own-account\": the cluster's own "
                "bank account, the treasurer pays",
                "[002]"},
    SettingSpec{"finance.max_payouts_per_year", T::integer, "4", false, "", 1, 366,
                "warn when one person gets more payouts than this in a year: B-income should stay sporadic, "
                "collected into a few payouts (quarterly or half-yearly)",
                "[001 §14]"},

    // [mail] — meeting notices by e-mail (klynge meeting call --send). The SMTP
    // password is never in a file: klynge reads it from $KLYNGE_SMTP_PASSWORD.
    SettingSpec{"mail.smtp_url", T::text, "", false, "", noMin, noMax,
                "the SMTP server for --send, e.g. \"smtp://smtp.example.dk:587\" or \"smtps://...:465\"",
                "RFC 5321"},
    SettingSpec{"mail.smtp_user", T::text, "", false, "", noMin, noMax,
                "the SMTP login; the password comes from $KLYNGE_SMTP_PASSWORD only", "RFC 4954"},
    SettingSpec{"mail.smtp_starttls", T::boolean, "true", false, "", noMin, noMax,
                "require STARTTLS on smtp:// (smtps:// is always encrypted)", "RFC 3207"},
    SettingSpec{"mail.from", T::text, "", false, "", noMin, noMax,
                "the sender of notices, \"Name <e-mail>\" (default: the coordinator)", "RFC 5322"},
};

} // namespace

// skat.reporter follows finance.model unless klynge.toml sets it [002]: the
// payer reports, and under "plo" PLO's cluster secretariat pays.
constexpr std::array derived{
    DerivedDefault{"skat.reporter", "finance.model", "plo", R"("plo")"},
    DerivedDefault{"skat.reporter", "finance.model", "own-account", R"("cluster")"},
};

std::span<const SettingSpec> settingSpecs() { return specs; }
std::span<const DerivedDefault> derivedDefaults() { return derived; }

const SettingSpec* findSetting(std::string_view key) {
    auto it = std::find_if(specs.begin(), specs.end(),
                           [&](const SettingSpec& s) { return s.key == key; });
    return it == specs.end() ? nullptr : &*it;
}

} // namespace klynge
