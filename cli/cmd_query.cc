// The everyday questions: shared-with, provenance, may-disclose, incidents,
// standing-requests, purpose-exceptions, matters, reviews, refusals, jtai,
// provider-notices.
#include <iostream>

#include "cli/cli.h"
#include "policies/queries.h"

namespace sharetrail::cli {
namespace {

namespace json = boost::json;
using policy::Table;

struct QueryOpts {
  std::string party, agreement, item, category, from, to, on, by, rule;
  int64_t after = -1;
  size_t limit = 1000;
  int year = 0;
  bool csv = false, awaiting = false, due = false, count = false, lapsed = false;
};

policy::Page PageOf(const QueryOpts& o) {
  policy::Page p;
  if (o.after >= 0) p.after = static_cast<uint64_t>(o.after);
  p.limit = o.limit;
  return p;
}

std::optional<Date> OptDate(const Globals& g, const std::string& s, const char* flag) {
  if (s.empty()) return std::nullopt;
  return DateOr(g, s, flag);
}

// Provenance with an inclusion proof for every entry, each checked against
// the signed checkpoint it is proven under.
void Provenance(Globals& g, const QueryOpts& o) {
  auto ledger = OrFail(g, OpenLedger(g, true));
  auto snap = OrFail(g, ledger->Read());
  Table t = OrFail(g, policy::ProvenanceWithProofs(*ledger, *snap, o.item, PageOf(o), g.json));
  PrintTable(g, t, o.csv);
  std::string all = std::to_string(t.rows.size()) + "/" + std::to_string(t.rows.size());
  if (t.summary.at("proofs_verified").as_string() != all) {
    throw Exit{kExitFinding};
  }
}

}  // namespace

void AddQueryCommands(CLI::App& app, Globals& g) {
  auto o = std::make_shared<QueryOpts>();
  auto paging = [o](CLI::App* c) {
    c->add_option("--after", o->after, "Only entries after this seq (the next page)");
    c->add_option("--limit", o->limit, "At most this many rows");
  };
  auto csv = [o](CLI::App* c) { c->add_flag("--csv", o->csv, "CSV output"); };

  auto* sw = app.add_subcommand("shared-with", "What was shared with whom");
  sw->add_option("--party", o->party, "Shares made or received by this party");
  sw->add_option("--agreement", o->agreement, "Shares under this agreement");
  sw->add_option("--item", o->item, "Shares of this item");
  sw->add_option("--category", o->category, "Shares of items in this category");
  sw->add_option("--from", o->from, "First day (YYYY-MM-DD)");
  sw->add_option("--to", o->to, "Last day (YYYY-MM-DD)");
  paging(sw);
  csv(sw);
  sw->callback([&g, o] {
    policy::ShareFilter f{o->party,
                          o->agreement,
                          o->item,
                          o->category,
                          OptDate(g, o->from, "--from"),
                          OptDate(g, o->to, "--to"),
                          PageOf(*o)};
    Query(g, o->csv, [&](Ledger&, Snapshot& s) { return policy::SharedWith(s, f); });
  });

  auto* prov = app.add_subcommand("provenance", "Every event on one item, with inclusion proofs");
  prov->add_option("item", o->item, "Item id")->required();
  paging(prov);
  csv(prov);
  prov->callback([&g, o] { Provenance(g, *o); });

  auto* may = app.add_subcommand("may-disclose", "May a party pass an item on to another?");
  may->add_option("item", o->item, "Item id")->required();
  may->add_option("--by", o->by, "The party that would disclose")->required();
  may->add_option("--to", o->to, "The recipient")->required();
  may->callback([&g, o] {
    Query(g, false, [&](Ledger&, Snapshot& s) {
      return policy::MayDisclose(*g.engine, s, o->item, o->by, o->to, Today());
    });
  });

  auto* inc = app.add_subcommand("incidents", "Notifiable incident summaries and incidents");
  inc->require_subcommand(1);
  auto* daily = inc->add_subcommand("daily", "The Annex A summaries sent to DfE on a day");
  daily->add_option("--date", o->on, "Day (default today)");
  csv(daily);
  daily->callback([&g, o] {
    Date day = DateOr(g, o->on, "--date");
    Query(g, o->csv,
          [&](Ledger&, Snapshot& s) { return policy::IncidentsDaily(*g.engine, s, day); });
  });
  auto* scr = inc->add_subcommand("scr-updates", "DfE's weekly serious case review updates");
  scr->add_option("--on", o->on, "Last day to look at (default today)");
  scr->add_option("--weeks", o->year, "How many weeks back (default 8)");
  csv(scr);
  scr->callback([&g, o] {
    Date on = DateOr(g, o->on, "--on");
    int weeks = o->year > 0 ? o->year : 8;
    Query(g, o->csv,
          [&](Ledger&, Snapshot& s) { return policy::ScrUpdates(*g.engine, s, on, weeks); });
  });
  inc->add_subcommand("outstanding", "Data-loss incidents still awaiting consultation")
      ->callback([&g, o] {
        Query(g, o->csv, [&](Ledger&, Snapshot& s) { return policy::IncidentsOutstanding(s); });
      });

  auto* sr = app.add_subcommand("standing-requests", "Standing register requests and lapses");
  sr->add_option("--lapsed-on", o->on, "Only those lapsed on this day");
  sr->add_option("--on", o->on, "State as of this day (default today)");
  csv(sr);
  sr->callback([&g, o, sr] {
    Date on = DateOr(g, o->on, "--on");
    bool lapsed_only = sr->get_option("--lapsed-on")->count() > 0;
    Query(g, o->csv, [&](Ledger&, Snapshot& s) {
      return policy::StandingRequests(*g.engine, s, on, lapsed_only);
    });
  });

  auto* pe = app.add_subcommand("purpose-exceptions", "Uses of register data beyond purpose");
  pe->add_flag("--count", o->count, "Only the counts (the public answer)");
  pe->add_option("--year", o->year, "Calendar year")->required();
  pe->callback([&g, o] {
    Query(g, false, [&](Ledger&, Snapshot& s) -> Result<Table> {
      ST_ASSIGN_OR_RETURN(Table t, policy::PurposeExceptions(s, o->year));
      if (o->count) {
        t.rows.clear();
        t.columns.clear();
      }
      return t;
    });
  });

  auto* mat = app.add_subcommand("matters", "Matters raised under s117/s119");
  mat->add_flag("--awaiting", o->awaiting, "Only those awaiting a response");
  csv(mat);
  mat->callback([&g, o] {
    Query(g, o->csv,
          [&](Ledger&, Snapshot& s) { return policy::Matters(s, o->awaiting, Today()); });
  });

  auto* rev = app.add_subcommand("reviews", "Agreement reviews and when each is due");
  rev->add_flag("--due", o->due, "Only reviews due within 30 days or overdue");
  rev->add_option("--on", o->on, "As of this day (default today)");
  csv(rev);
  rev->callback([&g, o] {
    Date on = DateOr(g, o->on, "--on");
    Query(g, o->csv,
          [&](Ledger&, Snapshot& s) { return policy::Reviews(*g.engine, s, on, o->due); });
  });

  auto* ref = app.add_subcommand("refusals", "Refused attempts: who, what, which rule");
  ref->add_option("--rule", o->rule, "Only refusals by this rule id");
  ref->add_option("--party", o->party, "Only attempts by this party");
  ref->add_option("--from", o->from, "First day");
  ref->add_option("--to", o->to, "Last day");
  paging(ref);
  csv(ref);
  ref->callback([&g, o] {
    policy::RefusalFilter f{o->rule, o->party, OptDate(g, o->from, "--from"),
                            OptDate(g, o->to, "--to"), PageOf(*o)};
    Query(g, o->csv, [&](Ledger&, Snapshot& s) { return policy::Refusals(s, f); });
  });

  app.add_subcommand("provider-notices",
                     "Items whose provider has not yet been told of the concerns (seed 001)")
      ->callback([&g, o] {
        Query(g, o->csv, [&](Ledger&, Snapshot& s) { return policy::ProviderNotices(s); });
      });

  auto* jtai = app.add_subcommand("jtai", "JTAI portal data");
  jtai->require_subcommand(1);
  jtai->add_subcommand("outstanding", "Requested data not removed after the inspection ended")
      ->callback([&g, o] {
        Query(g, o->csv, [&](Ledger&, Snapshot& s) { return policy::JtaiOutstanding(s); });
      });
}

}  // namespace sharetrail::cli
