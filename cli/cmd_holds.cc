// hold place|lift|list, may-delete, delete-request, disposition
// review|approve, dispose, disposals: holds and lawful disposal.
#include <iostream>

#include "cli/cli.h"
#include "policies/queries.h"

namespace sharetrail::cli {
namespace {

namespace json = boost::json;

struct HoldOpts {
  std::string as, role, hold, scope, target, authority, reason, reference, item, by, request,
      method = "deleted", note, on, contents;
  int year = 0;
  bool all = false, csv = false;
};

}  // namespace

void AddHoldCommands(CLI::App& app, Globals& g) {
  auto o = std::make_shared<HoldOpts>();

  auto* hold = app.add_subcommand("hold", "Holds: nothing they cover may be destroyed");
  hold->require_subcommand(1);
  auto* place = hold->add_subcommand("place", "Place a hold (SIRO or IG officer)");
  AddActorOptions(place, &o->as, &o->role);
  place->add_option("hold", o->hold, "Hold id, e.g. iicsa-2025")->required();
  place->add_option("--scope", o->scope, "item, category, party or safeguarding")->required();
  place->add_option("--target", o->target, "The item, category or party it covers");
  place
      ->add_option("--authority", o->authority,
                   "iicsa, litigation, ico_investigation, other_inquiry")
      ->required();
  place->add_option("--reason", o->reason, "Why")->required();
  place->add_option("--reference", o->reference, "The inquiry's or court's reference");
  place->callback([&g, o] {
    json::object body{
        {"hold", o->hold}, {"scope", o->scope}, {"authority", o->authority}, {"reason", o->reason}};
    if (!o->target.empty()) body["target"] = o->target;
    if (!o->reference.empty()) body["reference"] = o->reference;
    RecordEvent(g, o->as, o->role, "hold.placed", std::move(body));
  });
  auto* lift =
      hold->add_subcommand("lift", "Lift a hold (SIRO of the placing party); deletes nothing");
  AddActorOptions(lift, &o->as, &o->role);
  lift->add_option("hold", o->hold, "Hold id")->required();
  lift->add_option("--reason", o->reason, "Why it may be lifted")->required();
  lift->callback([&g, o] {
    RecordEvent(g, o->as, o->role, "hold.lifted", {{"hold", o->hold}, {"reason", o->reason}});
  });
  auto* list = hold->add_subcommand("list", "Holds in force (--all: lifted too)");
  list->add_flag("--all", o->all, "Include lifted holds");
  list->add_flag("--csv", o->csv, "CSV output");
  list->callback([&g, o] {
    Query(g, o->csv, [&](Ledger&, Snapshot& s) { return policy::Holds(s, o->all); });
  });

  auto* may = app.add_subcommand("may-delete", "May a party delete its copy of an item?");
  may->add_option("item", o->item, "Item id")->required();
  may->add_option("--by", o->by, "The party that would delete it")->required();
  may->add_option("--on", o->on, "As of this day (default today)");
  may->callback([&g, o] {
    Date on = DateOr(g, o->on, "--on");
    Query(g, false, [&](Ledger&, Snapshot& s) {
      return policy::MayDelete(*g.engine, s, o->item, o->by, on);
    });
  });

  auto* req = app.add_subcommand("delete-request", "Ask to delete a copy (decided at once)");
  AddActorOptions(req, &o->as, &o->role);
  req->add_option("request", o->request, "Request id")->required();
  req->add_option("--item", o->item, "Item id")->required();
  req->add_option("--reason", o->reason, "Why")->required();
  req->callback([&g, o] {
    RecordEvent(g, o->as, o->role, "deletion.requested",
                {{"request", o->request}, {"item", o->item}, {"reason", o->reason}});
  });

  auto* disp = app.add_subcommand("disposition", "Disposition review of deletion requests");
  disp->require_subcommand(1);
  auto* review = disp->add_subcommand("review", "Requests awaiting a decision or action");
  review->add_option("--on", o->on, "As of this day (default today)");
  review->add_flag("--csv", o->csv, "CSV output");
  review->callback([&g, o] {
    Date on = DateOr(g, o->on, "--on");
    Query(g, o->csv,
          [&](Ledger&, Snapshot& s) { return policy::DispositionReview(*g.engine, s, on); });
  });
  auto* approve = disp->add_subcommand("approve", "Approve a request (not its requester)");
  AddActorOptions(approve, &o->as, &o->role);
  approve->add_option("request", o->request, "Request id")->required();
  approve->add_option("--note", o->note, "The approver's note");
  approve->callback([&g, o] {
    json::object body{{"request", o->request}};
    if (!o->note.empty()) body["note"] = o->note;
    RecordEvent(g, o->as, o->role, "disposition.approved", std::move(body));
  });

  auto* decline = disp->add_subcommand("decline", "Decline a request: the copy is kept");
  AddActorOptions(decline, &o->as, &o->role);
  decline->add_option("request", o->request, "Request id")->required();
  decline->add_option("--reason", o->reason, "Why it is kept")->required();
  decline->callback([&g, o] {
    RecordEvent(g, o->as, o->role, "disposition.declined",
                {{"request", o->request}, {"reason", o->reason}});
  });

  auto* dispose = app.add_subcommand("dispose", "Record that an approved disposal was carried out");
  AddActorOptions(dispose, &o->as, &o->role);
  dispose->add_option("request", o->request, "Request id")->required();
  dispose->add_option("--method", o->method, "deleted, destroyed or crypto_shredded");
  dispose->callback([&g, o] {
    RecordEvent(g, o->as, o->role, "disposed", {{"request", o->request}, {"method", o->method}});
    FaultPoint("disposal.recorded");
    // The disposal is on the record; if that was the last copy, the payload
    // is crypto-shredded now (and by `vault recover` after a crash).
    RecoverVault(g, o->as, o->role);
  });

  auto* subject =
      app.add_subcommand("subject", "Subject access: everything referring to a subject");
  subject->add_option("ref", o->item, "Pseudonymous subject reference")->required();
  subject->add_flag("--csv", o->csv, "CSV output");
  subject->add_option("--contents", o->contents,
                      "Also write each payload still held to DIR/<item> (each read a recorded "
                      "access; needs --as)");
  subject->add_option("--as", o->as, "Acting user (with --contents)");
  subject->add_option("--role", o->role, "Role the user acts in");
  subject->callback([&g, o] {
    Query(g, o->csv, [&](Ledger&, Snapshot& s) { return policy::SubjectAccess(s, o->item); });
    if (o->contents.empty()) return;
    if (o->as.empty()) Fail(g, InvalidArgument("--contents: needs --as, the user reading"));
    SubjectContents(g, o->item, o->contents, o->as, o->role);
  });

  auto* erase = app.add_subcommand(
      "erasure-request",
      "Erase what the party holds about a subject: one deletion request per item, each decided "
      "(a hold keeps what it covers, and says so)");
  AddActorOptions(erase, &o->as, &o->role);
  erase->add_option("request", o->request, "Request id; items become REQUEST.1, .2, ...")
      ->required();
  erase->add_option("--subject", o->item, "Pseudonymous subject reference")->required();
  erase->add_option("--reason", o->reason, "Why (e.g. the article 17 ground)")->required();
  erase->callback([&g, o] {
    RecordEvent(g, o->as, o->role, "erasure.requested",
                {{"request", o->request}, {"subject", o->item}, {"reason", o->reason}});
  });

  auto* disposals = app.add_subcommand("disposals", "Disposals carried out in a year");
  disposals->add_option("--year", o->year, "Calendar year")->required();
  disposals->add_flag("--csv", o->csv, "CSV output");
  disposals->callback([&g, o] {
    Query(g, o->csv, [&](Ledger&, Snapshot& s) { return policy::Disposals(s, o->year); });
  });
}

}  // namespace sharetrail::cli
