// The demo year (issue 13): a deterministic story of a year's work under the
// five agreements, produced as the JSON Lines events `sharetrail record`
// takes. The themes (demo_*.cc) each add their part to one Story.
//
// Invariants:
// - The same year and seed give byte-identical output: the only randomness
//   is the Story's std::mt19937_64, seeded explicitly; nothing reads the
//   clock, the environment or std::random_device.
// - Every event carries its story date (the ledger stamps the real time, so
//   the story's own dates live in body fields and ids). Lines() orders the
//   events by that date, then by the order they were added, and an event
//   only refers to what an earlier date (or an earlier add on the same date)
//   created, so cutting the story at any date leaves it consistent.
// - The story opens (opened()) on the first working day of June the year
//   before: the directory goes on then, and what was started that summer
//   is carried into the year, so a standing request made then lapses in it
//   (seed 004, "How requests should be made" ¶4 and ¶6).
// - Every person is invented; children appear only as pseudonymous subject
//   ids and initials drawn from the random stream.
#ifndef SHARETRAIL_CLI_DEMO_STORY_H_
#define SHARETRAIL_CLI_DEMO_STORY_H_

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "policies/date.h"

namespace sharetrail::cli::demo {

// One member of staff in the story's directory.
struct Person {
  const char* user;
  const char* name;
  const char* party;
  const char* team;
  const char* role;
};

// Everyone in the story; Register() puts them on the ledger.
const std::vector<Person>& People();
// The party of a user in People(); empty if there is no such user.
std::string PartyOf(std::string_view user);

class Story {
 public:
  Story(int year, uint64_t seed);

  int year() const { return year_; }
  Date first() const { return Date{year_, 1, 1}; }
  // The first working day of June the year before (see the invariants).
  Date opened() const;
  Date last() const { return Date{year_, 12, 31}; }
  // Monday to Friday and not an England and Wales bank holiday (Ofsted's
  // working days; FOIA deadlines use the UK-wide rule in policies/clock.h).
  bool IsWorkingDay(Date d) const;
  const std::vector<Date>& working_days() const { return working_days_; }
  // The n-th working day after d (n >= 1).
  Date AddWorkingDays(Date d, int n) const;

  // A number in [0, n), from the story's one random stream.
  uint64_t Below(uint64_t n);
  // In [lo, hi].
  int Between(int lo, int hi) { return lo + static_cast<int>(Below(hi - lo + 1)); }
  // True with probability percent/100.
  bool Percent(int percent) { return Below(100) < static_cast<uint64_t>(percent); }
  template <typename T>
  const T& Pick(const std::vector<T>& from) {
    return from[Below(from.size())];
  }

  // Adds {"actor":{"user":user},"type":type,"body":body} on day d.
  void Emit(Date d, std::string_view user, std::string_view type, boost::json::object body);
  // item.registered: fills owner (the user's party), digest (of the id) and
  // evidence_date (d) unless the body gives them.
  void Item(Date d, std::string_view user, boost::json::object body);
  void Access(Date d, std::string_view user, std::string_view item, std::string_view purpose);

  size_t size() const { return lines_.size(); }
  // The events dated on or before `until` (all if none), one per line.
  std::string Lines(std::optional<Date> until) const;
  // The same events grouped by their date, in date order: what `demo
  // --record` stamps with each day.
  std::vector<std::pair<Date, std::string>> Days(std::optional<Date> until) const;

 private:
  struct Line {
    Date date;
    size_t order;
    std::string text;
  };
  int year_;
  std::mt19937_64 rng_;
  std::vector<Date> working_days_;
  std::vector<Line> lines_;
};

// Lower-case hex SHA-256 of s: the digest of a document the story invents.
std::string Digest(std::string_view s);
// A pseudonymous subject id for a child or adult the story refers to.
std::string Subject(std::string_view s);

// The themes, in the order the story is told.
void Directory(Story& s);    // demo_people.cc
void Incidents(Story& s);    // demo_incidents.cc: seed 000
void Inspections(Story& s);  // demo_inspections.cc: seeds 001 and 003
void JointWork(Story& s);    // demo_joint.cc: JTAI, concerns letters, s117/s119 (001, 002)
void Register(Story& s);     // demo_register.cc: seed 004
void Governance(Story& s);   // demo_governance.cc: holds, disposal, reviews, incidents
void Requests(Story& s);     // demo_requests.cc: FOIA, EIR, subject access

// The whole story for `year`, seeded with `seed`.
Story MakeYear(int year, uint64_t seed);

}  // namespace sharetrail::cli::demo

#endif  // SHARETRAIL_CLI_DEMO_STORY_H_
