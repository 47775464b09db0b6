// The everyday questions (DESIGN.md §4), answered from the indexes and
// records the engine keeps; none scans the log. Each returns a Table.
#ifndef SHARETRAIL_POLICIES_QUERIES_H_
#define SHARETRAIL_POLICIES_QUERIES_H_

#include <optional>
#include <string>

#include "ledger/ledger.h"
#include "policies/date.h"
#include "policies/engine.h"
#include "policies/table.h"

namespace sharetrail::policy {

struct Page {
  std::optional<uint64_t> after;  // only entries with seq > after
  size_t limit = 1000;
};

struct ShareFilter {
  std::string party, agreement, item, category;  // any may be empty
  std::optional<Date> from, to;                  // inclusive days
  Page page;
};
// Shares made or received: by party, agreement, item, category, period.
Result<Table> SharedWith(const Snapshot& s, const ShareFilter& f);

// Every entry that names the item (refused attempts included), in order.
Result<Table> Provenance(const Snapshot& s, std::string_view item, const Page& page);

// Provenance with an RFC 9162 inclusion proof for every row, each checked
// against the root of the snapshot's tree; the summary names the tree size,
// root and how many proofs verified. With proofs, each row carries its
// proof as JSON too (leaf_hash always).
Result<Table> ProvenanceWithProofs(const Ledger& ledger, const Snapshot& s, std::string_view item,
                                   const Page& page, bool proofs);

struct RefusalFilter {
  std::string rule, party;
  std::optional<Date> from, to;
  Page page;
};
Result<Table> Refusals(const Snapshot& s, const RefusalFilter& f);

// May `by` disclose `item` to `to` today? One row: answer, rule, reason,
// evidence (the seqs it rests on).
Result<Table> MayDisclose(const Engine& e, const Snapshot& s, std::string_view item,
                          std::string_view by, std::string_view to, Date today);

// Seed 000 §12 and Annex A: the summaries sent to DfE on a day.
Result<Table> IncidentsDaily(const Engine& e, const Snapshot& s, Date day);
// Seed 000 §13: DfE's weekly update on serious case reviews, week by week
// (Monday to Sunday) for the `weeks` weeks up to and including `on`.
Result<Table> ScrUpdates(const Engine& e, const Snapshot& s, Date on, int weeks);
// Seed 000 §14: incidents whose consultation is not yet complete, where the
// decision on the report obliged consultation.
Result<Table> IncidentsOutstanding(const Snapshot& s);
// Seed 004: standing requests and their state on a day.
Result<Table> StandingRequests(const Engine& e, const Snapshot& s, Date on, bool lapsed_only);
// Seed 004: uses of register data beyond safeguarding in a year.
Result<Table> PurposeExceptions(const Snapshot& s, int year);
// Seed 002 §11–13: s117/s119 matters (awaiting: unanswered only).
Result<Table> Matters(const Snapshot& s, bool awaiting, Date today);
// Agreement reviews and when each is next due (due: due or overdue only).
Result<Table> Reviews(const Engine& e, const Snapshot& s, Date today, bool due_only);
// Seed 001 JTAI: requested data not yet removed after its inspection ended.
Result<Table> JtaiOutstanding(const Snapshot& s);
// Seed 001 "Sharing inspection reports" ¶5: items about a provider's
// concerns whose owner has not yet recorded telling the provider.
Result<Table> ProviderNotices(const Snapshot& s);

// May `party` delete its copy of `item` today? One row: "no: hold H",
// "no: retention until D", or "yes", with every reason and its citation.
Result<Table> MayDelete(const Engine& e, const Snapshot& s, std::string_view item,
                        std::string_view party, Date today);
// Holds (active only, unless all).
Result<Table> Holds(const Snapshot& s, bool all);
// Deletion requests awaiting a decision: pending approval, approved but not
// yet carried out, and those refused by a hold that no longer stands.
Result<Table> DispositionReview(const Engine& e, const Snapshot& s, Date today);
// Disposals whose payload must now be crypto-shredded (the last copy is
// gone) but whose shredding is not yet recorded: what `vault recover`
// finishes after a crash.
Result<Table> PendingShreds(const Snapshot& s);
// Subject access (DESIGN.md §4): every item registered with this subject
// reference and every entry on those items, with whether the payload is
// still held.
Result<Table> SubjectAccess(const Snapshot& s, std::string_view subject);
// Disposals carried out in a year, each with its approval.
Result<Table> Disposals(const Snapshot& s, int year);

// Information requests (FOIA, EIR, SAR; seed 000 §15). `party` empty: all.
// Open requests (unanswered, or under internal review) due within `within`
// working days of today, soonest first, with those whose clock is stopped;
// late_only: only those past their deadline.
Result<Table> FoiDue(const Engine& e, const Snapshot& s, Date today, int within,
                     std::string_view party, bool late_only);
// Counterparties not yet told of a request touching what was shared with
// them, and whether the request was answered first (a breach).
Result<Table> FoiUninformed(const Engine& e, const Snapshot& s, std::string_view party);
// One request: every event on it in order (refused steps included); the
// summary carries its deadline, who must be told, and round-robin links.
Result<Table> FoiShow(const Engine& e, const Snapshot& s, std::string_view request);
// Per receiving party, requests received in a year: answered, on time (%),
// late, still open, median working days to answer.
Result<Table> FoiStats(const Engine& e, const Snapshot& s, int year, std::string_view party);

}  // namespace sharetrail::policy

#endif  // SHARETRAIL_POLICIES_QUERIES_H_
