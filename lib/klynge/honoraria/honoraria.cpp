// Payees, contracts, the payment schedule and hours (honoraria.hpp).
#include "klynge/honoraria/honoraria.hpp"
#include "klynge/honoraria/skat.hpp"

#include "klynge/text/error.hpp"
#include "klynge/people/member.hpp"
#include "klynge/people/role.hpp"
#include "klynge/store/private_store.hpp"
#include "klynge/store/record_id.hpp"
#include "klynge/store/templates.hpp"
#include "klynge/money/ledger.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

namespace klynge {
namespace {

struct ScheduleSpec {
    Schedule schedule;
    std::string_view name, danish;
    int periods;
};
constexpr std::array schedules{
    ScheduleSpec{Schedule::monthly, "monthly", "månedligt", 12},
    ScheduleSpec{Schedule::quarterly, "quarterly", "kvartalsvis", 4},
    ScheduleSpec{Schedule::halfYearly, "half-yearly", "halvårligt", 2},
    ScheduleSpec{Schedule::yearly, "yearly", "årligt", 1},
};
const ScheduleSpec& spec(Schedule s) {
    return *std::find_if(schedules.begin(), schedules.end(), [&](const auto& x) { return x.schedule == s; });
}

bool allDigits(std::string_view s) {
    return !s.empty() && s.size() < 16 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

constexpr const char* payeeColumns = "SELECT p.id, p.member_id, coalesce(m.name, p.name), p.cvr, p.vat FROM payee p "
                                     "LEFT JOIN member m ON m.id = p.member_id ";

Payee readPayee(SQLite::Statement& q, int at = 0) {
    Payee p;
    p.id = q.getColumn(at).getInt64();
    if (!q.getColumn(at + 1).isNull()) p.memberId = q.getColumn(at + 1).getInt64();
    p.name = q.getColumn(at + 2).isNull() ? std::string("(glemt)") : q.getColumn(at + 2).getString();
    if (!q.getColumn(at + 3).isNull()) p.cvr = Cvr::parse(q.getColumn(at + 3).getString());
    p.vat = q.getColumn(at + 4).getInt() != 0;
    return p;
}

constexpr const char* contractColumns =
    "SELECT c.id, c.role, c.tasks, c.hours_per_year, c.fee_ore, c.schedule, c.from_date, c.to_date, c.document, "
    "c.recorded_on, p.id, p.member_id, coalesce(m.name, p.name), p.cvr, p.vat, c.number FROM contract c "
    "JOIN payee p ON p.id = c.payee_id LEFT JOIN member m ON m.id = p.member_id ";

Contract readContract(SQLite::Statement& q) {
    Contract c;
    c.id = q.getColumn(0).getInt64();
    c.role = q.getColumn(1).getString();
    c.tasks = q.getColumn(2).getString();
    if (!q.getColumn(3).isNull()) c.hoursPerYear = q.getColumn(3).getInt();
    c.feePerYear = Money::fromOre(q.getColumn(4).getInt64());
    c.schedule = parseSchedule(q.getColumn(5).getString());
    c.from = Date::parse(q.getColumn(6).getString());
    if (!q.getColumn(7).isNull()) c.to = Date::parse(q.getColumn(7).getString());
    c.document = q.getColumn(8).getString();
    c.recordedOn = Date::parse(q.getColumn(9).getString());
    c.payee = readPayee(q, 10);
    c.number = q.getColumn(15).getInt64();
    return c;
}

std::string slug(std::string_view name) {
    std::string out;
    for (std::size_t i = 0; i < name.size(); ++i) {
        auto two = name.substr(i, 2);
        char c = name[i];
        if (two == "æ" || two == "Æ") { out += "ae"; ++i; }
        else if (two == "ø" || two == "Ø") { out += "oe"; ++i; }
        else if (two == "å" || two == "Å") { out += "aa"; ++i; }
        else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
        else if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
        else if (!out.empty() && out.back() != '-') out += '-';
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out.empty() ? "kontrakt" : out.substr(0, 40);
}

} // namespace

// ---- Schedule ---------------------------------------------------------------

Schedule parseSchedule(std::string_view text) {
    for (const auto& s : schedules)
        if (s.name == text || s.danish == text) return s.schedule;
    if (text == "halfyearly" || text == "half-yearly") return Schedule::halfYearly;
    throw InvalidValue(fmt::format("unknown schedule \"{}\" — use monthly, quarterly, half-yearly or yearly", text));
}
std::string_view scheduleName(Schedule s) { return spec(s).name; }
std::string_view scheduleDanish(Schedule s) { return spec(s).danish; }
int periodsPerYear(Schedule s) { return spec(s).periods; }

namespace {
Period makePeriod(Schedule s, int year, int index) {
    int months = 12 / periodsPerYear(s);
    Period p;
    p.year = year;
    p.index = index;
    p.first = Date(year, static_cast<unsigned>((index - 1) * months + 1), 1);
    p.last = p.first.addMonths(months).addDays(-1);
    switch (s) {
    case Schedule::monthly: p.label = fmt::format("{}-{:02}", year, index); break;
    case Schedule::quarterly: p.label = fmt::format("{}-K{}", year, index); break;
    case Schedule::halfYearly: p.label = fmt::format("{}-H{}", year, index); break;
    case Schedule::yearly: p.label = fmt::format("{}", year); break;
    }
    return p;
}
} // namespace

std::string makePeriodLabel(Schedule s, int year, int index) { return makePeriod(s, year, index).label; }

Period periodOf(Schedule s, Date d) {
    int months = 12 / periodsPerYear(s);
    return makePeriod(s, d.year(), static_cast<int>(d.month() - 1) / months + 1);
}

Period parsePeriod(Schedule s, std::string_view label) {
    if (label.size() >= 4 && allDigits(label.substr(0, 4))) {
        int year = std::stoi(std::string(label.substr(0, 4)));
        for (int i = 1; i <= periodsPerYear(s); ++i) {
            auto p = makePeriod(s, year, i);
            std::string alt = p.label;
            if (s == Schedule::quarterly) alt[5] = 'Q';
            if (label == p.label || label == alt) return p;
        }
    }
    auto example = makePeriod(s, 2026, 1).label;
    throw InvalidValue(fmt::format("--period \"{}\" is not a {} period — write it like {}", label, scheduleName(s),
                                   example));
}

Money periodAmount(Money fee, Schedule s, int index) {
    const std::int64_t n = periodsPerYear(s);
    const std::int64_t share = fee.ore() / n;
    return Money::fromOre(index == n ? fee.ore() - share * (n - 1) : share);
}

// ---- Payees -------------------------------------------------------------------

std::optional<Payee> lookupPayee(Store& store, std::string_view person) {
    std::string key(person);
    std::optional<std::int64_t> memberId;
    if (allDigits(key) || key.find('@') != std::string::npos) {
        try {
            memberId = findMember(store, key).id;
        } catch (const RuleViolation&) {
            if (allDigits(key)) throw;
        }
    }
    auto q = store.prepared(std::string(payeeColumns) +
                            (memberId ? "WHERE p.member_id = ?" : "WHERE p.member_id IS NULL AND p.name = ?"));
    if (memberId) q.bind(1, *memberId);
    else q.bind(1, key);
    if (q.executeStep()) return readPayee(q);
    return std::nullopt;
}

Payee findPayee(Store& store, std::string_view person) {
    if (auto p = lookupPayee(store, person)) return *p;
    throw RuleViolation(fmt::format("\"{}\" has no contract or payout yet — give a member's id or e-mail, or add a "
                                    "contract first with `klynge contract add`",
                                    person));
}

Payee payeeById(Store& store, std::int64_t id) {
    auto q = store.prepared(std::string(payeeColumns) + "WHERE p.id = ?");
    q.bind(1, id);
    if (!q.executeStep()) throw RuleViolation(fmt::format("there is no payee #{} — check the number", id));
    return readPayee(q);
}

Payee ensurePayee(Store& store, std::string_view person, const std::optional<Cvr>& cvr, bool vat, Date today) {
    if (auto p = lookupPayee(store, person)) {
        if (p->cvr != cvr)
            throw RuleViolation(fmt::format("{} is already recorded {} — a payee is either a person (CPR) or a "
                                            "company (CVR); use the same as before",
                                            p->name, p->cvr ? "with CVR " + p->cvr->str() : "as a person (CPR)"));
        if (cvr && p->vat != vat)
            throw RuleViolation(fmt::format("{} is already recorded as {} VAT — give the same as before", p->name,
                                            p->vat ? "charging" : "not charging"));
        return *p;
    }
    std::string key(person);
    std::optional<Member> member;
    if (allDigits(key) || key.find('@') != std::string::npos) member = findMember(store, key);
    if (member && member->forgotten)
        throw RuleViolation(fmt::format("member #{} has been forgotten — a forgotten member cannot be paid",
                                        member->number));
    if (cvr && member)
        throw InvalidValue(fmt::format("{} is a member; a CVR payee is a company — give the company's name, e.g. "
                                       "\"Klinik Nordhavn\", with --cvr",
                                       member->name));
    std::string name = member ? member->name : checkedPersonName(key);
    auto ins = store.prepared(
        "INSERT INTO payee(id, member_id, name, cvr, vat, recorded_on) VALUES (klynge_id(), ?, ?, ?, ?, ?)");
    if (member) ins.bind(1, member->id);
    ins.bind(2, name);
    if (cvr) ins.bind(3, cvr->str());
    ins.bind(4, cvr && vat ? 1 : 0);
    ins.bind(5, today.iso());
    ins.exec();
    return payeeById(store, store.db().getLastInsertRowid());
}

// ---- One CPR, one person ---------------------------------------------------------

void storeOwnCpr(Store& store, const Payee& payee, const Cpr& cpr, Date today) {
    store.db().exec("CREATE TABLE IF NOT EXISTS private.payee_cpr (payee_id INTEGER PRIMARY KEY, "
                    "cpr TEXT NOT NULL CHECK (length(cpr) = 11), recorded_on TEXT NOT NULL)");
    auto q = store.prepared("SELECT payee_id FROM private.payee_cpr WHERE cpr = ? AND payee_id <> ?");
    q.bind(1, cpr.str());
    q.bind(2, payee.id);
    if (q.executeStep()) {
        auto other = payeeById(store, q.getColumn(0).getInt64());
        throw RuleViolation(fmt::format("CPR {} is already on file for {} — one CPR number belongs to one person; "
                                        "check the number, or pay {} as the same payee",
                                        cpr.masked(), other.name, payee.name));
    }
    storeCpr(store, payee.id, cpr, today);
}

std::vector<std::string> sharedCprs(Store& store, const std::optional<std::map<std::int64_t, Cpr>>& cprs) {
    std::vector<std::string> out;
    if (!cprs) return out;
    std::map<Cpr, std::vector<std::int64_t>> byCpr;
    for (const auto& entry : *cprs) byCpr[entry.second].push_back(entry.first);
    for (const auto& entry : byCpr) {
        if (entry.second.size() < 2) continue;
        std::string names;
        for (auto id : entry.second) names += (names.empty() ? "" : ", ") + payeeById(store, id).name;
        out.push_back(fmt::format("CPR {} is on file for {} payees ({}) — one CPR number belongs to one person; "
                                  "find the wrong one in private/cpr.db with the treasurer",
                                  entry.first.masked(), entry.second.size(), names));
    }
    return out;
}

// ---- Contracts ------------------------------------------------------------------

Money vatOf(Money amount) { return Money::fromOre((amount.ore() * 25 + 50) / 100); }

bool isBoardRole(std::string_view role) { return role == "bestyrelse" || role == "bestyrelsesmedlem"; }

ContractAdded addContract(Store& store, const Config& config, const WorkspacePaths& paths, const NewContract& c,
                          Date today) {
    if (c.cpr && c.cvr)
        throw InvalidValue("both --cpr and --cvr given — a person is paid on a CPR number (B-income), a company on "
                           "its CVR number (an invoice); give one");
    if (c.feePerYear <= Money())
        throw InvalidValue(fmt::format("--fee-per-year {} is not more than 0 kr. — give the yearly fee",
                                       c.feePerYear.danish()));
    auto role = checkedLedgerText(c.role, "--role", true, text_limit::word);
    if (c.to && *c.to < c.from)
        throw InvalidValue(fmt::format("--to {} is before --from {} — the contract must end after it starts",
                                       c.to->iso(), c.from.iso()));
    if (c.hoursPerYear && *c.hoursPerYear <= 0)
        throw InvalidValue("--hours must be more than 0 — the estimated hours per year");
    std::string tasks = c.tasks.empty() ? fmt::format("Opgaverne som {} for klyngen.", role)
                                        : checkedLedgerText(c.tasks, "--tasks", true);
    auto payee = ensurePayee(store, c.person, c.cvr, c.vat, today);
    ContractAdded out;
    if (c.cpr) {
        if (!privateAttached(store))
            throw ConfigError("the private store is not open — this is a bug in the command; nothing was written");
        storeOwnCpr(store, payee, *c.cpr, today);
    } else if (payee.person()) {
        auto cprs = readCprs(paths);
        if (!cprs || !cprs->contains(payee.id))
            out.warnings.push_back(fmt::format("no CPR on file for {} — payouts need it for the B-income report; give "
                                               "it with `klynge payout ... --cpr -` (read from stdin)",
                                               payee.name));
    }
    auto ins = store.prepared(
        "INSERT INTO contract(id, number, payee_id, role, tasks, hours_per_year, fee_ore, schedule, from_date, "
        "to_date, document, recorded_on) VALUES (klynge_id(), (SELECT coalesce(max(number), 0) + 1 FROM contract), ?, ?, ?, ?, ?, ?, ?, ?, '', ?)");
    ins.bind(1, payee.id);
    ins.bind(2, role);
    ins.bind(3, tasks);
    if (c.hoursPerYear) ins.bind(4, *c.hoursPerYear);
    ins.bind(5, c.feePerYear.ore());
    ins.bind(6, std::string(scheduleName(c.schedule)));
    ins.bind(7, c.from.iso());
    if (c.to) ins.bind(8, c.to->iso());
    ins.bind(9, today.iso());
    ins.exec();
    auto id = store.db().getLastInsertRowid();
    auto document = fmt::format("documents/contracts/kontrakt-{}-{}.md", numberOfRecord(store.db(), "contract", id),
                                slug(payee.name));
    auto doc = store.prepared("UPDATE contract SET document = ? WHERE id = ?");
    doc.bind(1, document);
    doc.bind(2, id);
    doc.exec();
    out.contract = findContract(store, id);
    out.document = renderContract(out.contract, config, paths.root);
    if (isBoardRole(role))
        out.warnings.push_back("SKAT treats pay for board work as A-income (exempt up to 1.500 kr. a year per board "
                               "member) — klynge follows the consultancy-contract model [001 §9]; check with SKAT "
                               "(info.skat.dk oid=112711)");
    return out;
}

Contract endContract(Store& store, std::int64_t id, Date lastDay) {
    auto c = findContract(store, id);
    if (lastDay < c.from)
        throw InvalidValue(fmt::format("--date {} is before contract #{} starts ({}) — give its last day",
                                       lastDay.iso(), c.number, c.from.iso()));
    auto paid = store.prepared("SELECT period FROM payout WHERE contract_id = ? ORDER BY period DESC");
    paid.bind(1, id);
    while (paid.executeStep()) {
        auto period = parsePeriod(c.schedule, paid.getColumn(0).getString());
        if (period.last > lastDay)
            throw RuleViolation(fmt::format("the period {} of contract #{} is already paid — end it on or after {}, or "
                                            "reverse that payout first",
                                            period.label, c.number, period.last.iso()));
    }
    auto q = store.prepared("UPDATE contract SET to_date = ? WHERE id = ?");
    q.bind(1, lastDay.iso());
    q.bind(2, id);
    q.exec();
    return findContract(store, id);
}

Contract findContract(Store& store, std::int64_t id) {
    auto q = store.prepared(std::string(contractColumns) + "WHERE c.id = ?");
    q.bind(1, id);
    if (!q.executeStep()) throw StorageError(fmt::format("contract record #{} is missing — run `klynge check`", id));
    return readContract(q);
}

std::int64_t contractIdOf(Store& store, std::int64_t number) {
    if (auto id = recordIdOfNumber(store.db(), "contract", number)) return *id;
    throw RuleViolation(fmt::format("there is no contract #{} — `klynge contract list` shows the contracts", number));
}

std::vector<Contract> listContracts(Store& store) {
    auto q = store.prepared(std::string(contractColumns) + "ORDER BY c.id");
    std::vector<Contract> out;
    while (q.executeStep()) out.push_back(readContract(q));
    return out;
}

std::vector<Contract> contractsOf(Store& store, std::int64_t payeeId, std::optional<Date> d) {
    auto q = store.prepared(std::string(contractColumns) + "WHERE c.payee_id = ? ORDER BY c.id");
    q.bind(1, payeeId);
    std::vector<Contract> out;
    while (q.executeStep()) {
        auto c = readContract(q);
        if (!d || c.activeOn(*d)) out.push_back(std::move(c));
    }
    return out;
}

namespace {
// Titles as the seeds write them in a formal text (DANISH.md rule 7).
std::string formalTitle(std::string_view role) {
    if (role == "koordinator") return "klyngekoordinator";
    if (role == "sekretær" || role == "sekretaer") return "klyngesekretær";
    if (role == "bestyrelse") return "bestyrelsesmedlem";
    return std::string(role);
}
} // namespace

std::string renderContract(const Contract& c, const Config& config, const fs::path& root) {
    using kainjow::mustache::data;
    data d;
    d.set("klynge", config.clusterName());
    if (auto cvr = config.optionalText("cluster.cvr"); cvr && !cvr->empty()) d.set("klynge_cvr", *cvr);
    d.set("nummer", std::to_string(c.number));
    d.set("modtager", c.payee.name);
    d.set("rolle", c.role);
    d.set("titel", formalTitle(c.role));
    d.set("opgaver", c.tasks);
    if (c.hoursPerYear) d.set("timer", std::to_string(*c.hoursPerYear));
    d.set("honorar", c.feePerYear.danish());
    d.set("ordning", std::string(scheduleDanish(c.schedule)));
    d.set("fra", c.from.danishLong());
    if (c.to) d.set("til", c.to->danishLong());
    d.set("dato", c.recordedOn.danishLong());
    d.set("indberetter", std::string(reporterDanish(config)));
    if (c.payee.cvr) {
        d.set("cvr", c.payee.cvr->str());
        if (c.payee.vat) {
            d.set("moms", vatOf(c.feePerYear).danish());
            d.set("i_alt", (c.feePerYear + vatOf(c.feePerYear)).danish());
        } else {
            d.set("uden_moms", true);
        }
    } else {
        d.set("person", true);
    }
    // The first year's periods within the contract, pro rata by day where a
    // period is only partly within it.
    const int year = c.from.year();
    d.set("foerste_aar", std::to_string(year));
    data rates(data::type::list);
    static constexpr std::array months{"januar", "februar", "marts",     "april",   "maj",      "juni",
                                       "juli",   "august",  "september", "oktober", "november", "december"};
    for (int i = 1; i <= periodsPerYear(c.schedule); ++i) {
        auto period = parsePeriod(c.schedule, makePeriodLabel(c.schedule, year, i));
        Date first = std::max(period.first, c.from);
        Date last = c.to ? std::min(period.last, *c.to) : period.last;
        if (last < first) continue;
        data r;
        std::string name;
        switch (c.schedule) {
        case Schedule::monthly: name = months[static_cast<std::size_t>(i - 1)]; break;
        case Schedule::quarterly: name = fmt::format("{}. kvartal", i); break;
        case Schedule::halfYearly: name = fmt::format("{}. halvår", i); break;
        case Schedule::yearly: name = "året"; break;
        }
        Money full = periodAmount(c.feePerYear, c.schedule, i);
        std::int64_t days = first.daysUntil(last) + 1, all = period.first.daysUntil(period.last) + 1;
        Money amount = days == all ? full : Money::fromOre((full.ore() * days + all / 2) / all);
        if (days < all) name += fmt::format(" ({}.–{}., {} af {} dage)", first.danish().substr(0, 5),
                                            last.danish().substr(0, 5), days, all);
        r.set("periode", name);
        // The unit is in the table's heading (DANISH.md rule 3).
        auto cell = amount.danish();
        if (cell.ends_with(" kr.")) cell.resize(cell.size() - 4);
        r.set("beloeb", cell);
        rates.push_back(r);
    }
    d.set("rater", rates);
    if (!c.to || c.to->year() > year) {
        d.set("senere_aar", true);
        d.set("fuld_rate", periodAmount(c.feePerYear, c.schedule, 1).danish());
    }
    return singleBlankLines(renderDocument("kontrakt.md.mustache", loadTemplate(root, "kontrakt.md.mustache"), d));
}

// ---- Who may be paid --------------------------------------------------------------

namespace {
// [004]: "Klyngearbejdet er uhonoreret for klyngemedlemmerne" — the
// coordinator and those who assist them may be paid [001 §9, §12].
constexpr std::array paidRoleTable{
    PaidRole{"koordinator", "[001 §6, §9]"},
    PaidRole{"medkoordinator", "[001 §9]: assists the coordinator"},
    PaidRole{"bestyrelse", "[001 §9, §12]"},
    PaidRole{"kasserer", "[001 §9]"},
    PaidRole{"sekretær", "[001 §9]: may be a non-member"},
};
} // namespace

std::span<const PaidRole> paidRoles() { return paidRoleTable; }

const PaidRole* findPaidRole(std::string_view role) {
    for (const auto& r : paidRoleTable)
        if (r.role == role || (role == "sekretaer" && r.role == "sekretær")) return &r;
    return nullptr;
}

std::optional<std::string> paymentBasis(Store& store, const Payee& payee, Date d) {
    for (const auto& c : contractsOf(store, payee.id, d))
        return fmt::format("contract #{} ({})", c.number, c.role);
    for (const auto& r : listRoles(store, d)) {
        bool holder = payee.memberId ? r.memberId == payee.memberId : (!r.memberId && r.holder == payee.name);
        if (holder && findPaidRole(r.role)) return fmt::format("role {}", r.role);
    }
    return std::nullopt;
}

// ---- Pro rata by day -----------------------------------------------------------------

std::string ProRata::arithmetic() const {
    return fmt::format("{} × {}/{} days = {}", full.danish(), days, periodDays, amount.danish());
}

std::optional<ProRata> proRata(Store& store, const Contract& c, const Period& period) {
    ProRata r;
    r.full = periodAmount(c.feePerYear, c.schedule, period.index);
    r.periodDays = period.first.daysUntil(period.last) + 1;
    r.first = std::max(period.first, c.from);
    r.last = period.last;
    if (c.to && *c.to < r.last) {
        r.last = *c.to;
        r.endsWhy = fmt::format("contract #{} ended {}", c.number, c.to->iso());
    }
    // A contract ends with the role it pays for (DOMAIN.md): the holder's
    // last day in the role, when every assignment of it has ended.
    if (c.payee.memberId) {
        std::optional<Date> roleEnd;
        bool open = false, any = false;
        for (const auto& a : rolesOf(store, *c.payee.memberId)) {
            if (a.role != c.role || a.from > period.last) continue;
            any = true;
            if (!a.to) open = true;
            else if (!roleEnd || *a.to > *roleEnd) roleEnd = a.to;
        }
        if (any && !open && roleEnd && *roleEnd < r.last) {
            r.last = *roleEnd;
            r.endsWhy = fmt::format("the role {} ended {}", c.role, roleEnd->iso());
        }
    }
    if (r.last < r.first) return std::nullopt;
    r.days = r.first.daysUntil(r.last) + 1;
    if (c.from > period.first && r.endsWhy.empty()) r.endsWhy = fmt::format("contract #{} began {}", c.number, c.from.iso());
    const std::int64_t total = r.periodDays;
    r.amount = r.days == r.periodDays ? r.full
                                      : Money::fromOre((r.full.ore() * r.days + total / 2) / total);
    return r;
}

// ---- Hours ---------------------------------------------------------------------

int parseHours(std::string_view text) {
    std::string t(text);
    auto bad = [&] {
        return InvalidValue(fmt::format("--hours \"{}\" is not a number of hours — write 3, 3,5, 3.5 or 3:30", text));
    };
    if (t.empty() || t.size() > 8) throw bad();
    int minutes = 0;
    if (auto colon = t.find(':'); colon != std::string::npos) {
        auto h = t.substr(0, colon), m = t.substr(colon + 1);
        if (!allDigits(h) || !allDigits(m) || m.size() != 2 || std::stoi(m) >= 60) throw bad();
        minutes = std::stoi(h) * 60 + std::stoi(m);
    } else {
        std::replace(t.begin(), t.end(), ',', '.');
        auto dot = t.find('.');
        auto whole = t.substr(0, dot);
        auto frac = dot == std::string::npos ? std::string() : t.substr(dot + 1);
        if (!allDigits(whole) || (dot != std::string::npos && (!allDigits(frac) || frac.size() > 2))) throw bad();
        int hundredths = frac.empty() ? 0 : std::stoi(frac.size() == 1 ? frac + "0" : frac);
        minutes = std::stoi(whole) * 60 + (hundredths * 60 + 50) / 100;
    }
    if (minutes <= 0)
        throw InvalidValue(fmt::format("--hours {} is no time — give the hours worked, more than 0", text));
    if (minutes > 24 * 60)
        throw InvalidValue(fmt::format("--hours {} is more than a day — log one day's work at a time (at most 24)",
                                       text));
    return minutes;
}

std::string hoursText(int minutes) {
    int hundredths = (minutes * 100 + 30) / 60;
    if (hundredths % 100 == 0) return std::to_string(hundredths / 100);
    auto text = fmt::format("{},{:02}", hundredths / 100, hundredths % 100);
    if (text.back() == '0') text.pop_back();
    return text;
}

namespace {
int minutesLogged(Store& store, std::int64_t contractId, Date from, Date to, int* entries = nullptr) {
    auto q = store.prepared("SELECT coalesce(sum(minutes), 0), count(*) FROM hours_log WHERE contract_id = ? "
                            "AND work_date BETWEEN ? AND ?");
    q.bind(1, contractId);
    q.bind(2, from.iso());
    q.bind(3, to.iso());
    q.executeStep();
    if (entries) *entries = q.getColumn(1).getInt();
    return q.getColumn(0).getInt();
}
} // namespace

HoursLogged logHours(Store& store, std::string_view person, std::optional<std::int64_t> contractId, Date date,
                     int minutes, const std::string& task, Date today) {
    if (date > today)
        throw InvalidValue(fmt::format("--date {} is after today ({}) — log hours once they are worked", date.iso(),
                                       today.iso()));
    auto text = checkedLedgerText(task, "--task", true, text_limit::title);
    auto payee = findPayee(store, person);
    Contract contract;
    if (contractId) {
        contract = findContract(store, *contractId);
        if (contract.payee.id != payee.id)
            throw RuleViolation(fmt::format("contract #{} is {}'s, not {}'s — give the right --contract",
                                            contract.number, contract.payee.name, payee.name));
        if (!contract.activeOn(date))
            throw RuleViolation(fmt::format("contract #{} does not run on {} — log hours within its period", contract.number,
                                            date.iso()));
    } else {
        auto running = contractsOf(store, payee.id, date);
        if (running.empty())
            throw RuleViolation(fmt::format("{} has no contract in force on {} — `klynge contract list` shows the "
                                            "contracts and their periods",
                                            payee.name, date.iso()));
        if (running.size() > 1)
            throw InvalidValue(fmt::format("{} has {} contracts in force on {} — say which with --contract ID",
                                           payee.name, running.size(), date.iso()));
        contract = running.front();
    }
    auto ins = store.prepared("INSERT INTO hours_log(id, contract_id, work_date, minutes, task, recorded_on) "
                              "VALUES (klynge_id(), ?, ?, ?, ?, ?)");
    ins.bind(1, contract.id);
    ins.bind(2, date.iso());
    ins.bind(3, minutes);
    ins.bind(4, text);
    ins.bind(5, today.iso());
    ins.exec();
    HoursLogged out{store.db().getLastInsertRowid(), contract, date, minutes, text, 0};
    out.minutesThisYear = minutesLogged(store, contract.id, Date(date.year(), 1, 1), Date(date.year(), 12, 31));
    return out;
}

std::vector<HoursReportRow> hoursReport(Store& store, int year) {
    Date first(year, 1, 1), last(year, 12, 31);
    std::vector<HoursReportRow> out;
    for (auto& c : listContracts(store)) {
        Date from = std::max(c.from, first);
        Date to = c.to ? std::min(*c.to, last) : last;
        if (to < from) continue;
        HoursReportRow row;
        row.contract = c;
        if (c.hoursPerYear) {
            // Pro rata for the days the contract runs in the year.
            std::int64_t days = from.daysUntil(to) + 1, yearDays = first.daysUntil(last) + 1;
            row.estimatedMinutes = static_cast<int>((*c.hoursPerYear * 60LL * days + yearDays / 2) / yearDays);
        }
        row.loggedMinutes = minutesLogged(store, c.id, from, to, &row.entries);
        out.push_back(std::move(row));
    }
    return out;
}

} // namespace klynge
