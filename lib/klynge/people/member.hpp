// Member doctors: position, practice, joined/left dates. Nothing is deleted:
// leaving keeps the history, and `member forget` erases personal data while
// keeping the fact that a member existed.
#pragma once

#include "klynge/text/date.hpp"
#include "klynge/text/ids.hpp"
#include "klynge/store/store.hpp"

#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace klynge {

// DESIGN.md: ejerlæge|ansat|uddannelseslæge|vikar. Voting right follows
// policy.voting_positions (PLO practice: owners vote [001 §10]).
enum class Position { ejerlaege, ansat, uddannelseslaege, vikar };
std::string_view positionName(Position p);
// Also accepts the ASCII spellings ejerlaege, uddannelseslaege.
Position parsePosition(std::string_view text);

struct Member {
    std::int64_t id = 0;     // the record's id (record_id.hpp)
    std::int64_t number = 0; // what people type and see: member 7
    std::string name;  // "(glemt #12)" once forgotten
    std::string email; // empty once forgotten
    std::string ydernummer;
    std::string practiceName;
    Position position = Position::ejerlaege;
    Date joined;
    std::optional<Date> left;
    std::optional<Date> forgotten;
    bool activeAt(Date d) const { return joined <= d && (!left || *left > d); }
};

struct MemberChangeRecord {
    Date changedOn;
    std::string field;
    std::string oldValue;
    std::string newValue;
};

struct NewMember {
    std::string name;
    Email email;
    Ydernummer practice;
    Position position;
    Date joined;
};

struct MemberEdit {
    std::optional<std::string> name;
    std::optional<Email> email;
    std::optional<Ydernummer> practice;
    std::optional<Position> position;
};

std::string checkedPersonName(std::string_view name);

// The member writes with their rules, on statements prepared once: a roster
// import of 100,000 rows runs them 100,000 times in one transaction. The
// free functions below are the same writes for one command. Use a writer
// within one transaction (it remembers the practices it has looked up).
class MemberWriter {
public:
    explicit MemberWriter(Store& store);

    std::optional<Member> byEmail(const Email& email);
    Member byId(std::int64_t id); // StorageError if there is none (ids come from the store)
    // The practice's id; RuleViolation naming `klynge practice add` if unknown.
    std::int64_t practice(const Ydernummer& y);

    Member add(const NewMember& m);
    std::vector<MemberChangeRecord> edit(const Member& current, const MemberEdit& edit, Date changedOn);
    void leave(const Member& current, Date date);

private:
    struct PracticeRef {
        std::int64_t id = 0;
        std::string name;
        std::optional<Date> left;
    };
    const PracticeRef& practiceRef(const Ydernummer& y);
    SQLite::Statement& prepared(std::optional<SQLite::Statement>& slot, const char* sql);
    void ensureEmailFree(const Email& email, std::int64_t exceptId);
    void recordChange(std::int64_t id, Date on, std::string_view field, const std::string& before,
                      const std::string& after);

    Store& store_;
    std::unordered_map<std::string, PracticeRef> practices_;
    std::optional<SQLite::Statement> byEmail_, byId_, practice_, emailUsed_, insert_, change_, setName_, setEmail_,
        setPractice_, setPosition_, setLeft_, endRoles_;
};

Member addMember(Store& store, const NewMember& m);
// PERSON on the command line: a member id or an e-mail address.
Member findMember(Store& store, std::string_view idOrEmail);
// By the record's id (another record's reference), not the number people type.
Member memberById(Store& store, std::int64_t id);
// Applies the edit; each changed field is recorded (dated `changedOn`) for
// `member diff`. Returns the recorded changes (empty: nothing changed).
std::vector<MemberChangeRecord> editMember(Store& store, std::int64_t id, const MemberEdit& edit, Date changedOn);
// Ends the membership and the member's open roles on `date`.
void leaveMember(Store& store, std::int64_t id, Date date);
// Erases name and e-mail (also from the change history and the audit log's
// command lines); only for members who have left.
void forgetMember(Store& store, std::int64_t id, Date today);

struct MemberFilter {
    Date at;
    bool includeLeft = false; // every member ever, not just active at `at`
    std::optional<Position> position;
};
// Sorted by name in Danish order.
std::vector<Member> listMembers(Store& store, const MemberFilter& filter);
std::vector<MemberChangeRecord> memberHistory(Store& store, std::int64_t id);

} // namespace klynge
