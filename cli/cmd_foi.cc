// foi receive|clarify|fee|extend|inform|consult|respond|review|complaint,
// and the FOI team's questions: foi due|late|uninformed|show|stats.
#include <boost/json/value_from.hpp>

#include "cli/cli.h"
#include "policies/foi.h"
#include "policies/queries.h"

namespace sharetrail::cli {
namespace {

namespace json = boost::json;

struct FoiOpts {
  std::string as, role, request, regime, received, requester, text_file, digest, topic, date,
      requested, decided, note, amount, notified, paid, kind, due, reason, party, question, answer,
      outcome, reference, on;
  std::vector<std::string> items, categories, exemptions;
  int within = 5, year = 0;
  bool csv = false;
};

// An action on a request: the acting user and the request id.
CLI::App* Action(CLI::App* foi, const char* name, const char* help, FoiOpts* o) {
  auto* c = foi->add_subcommand(name, help);
  c->add_option("--as", o->as, "Acting user")->required();
  c->add_option("--role", o->role, "Role the user acts in");
  c->add_option("request", o->request, "Request reference, e.g. ofsted-foi-2026-0142")->required();
  return c;
}

// Exactly one of two flags, by name, for actions that record one of two
// steps (clarification asked / received, fee notified / paid, ...).
bool Which(const Globals& g, const std::string& a, const std::string& b, const char* fa,
           const char* fb) {
  if (a.empty() == b.empty()) {
    Fail(g, InvalidArgument(std::string("give exactly one of ") + fa + " and " + fb));
  }
  return !a.empty();
}

std::string Day(const Globals& g, const std::string& s, const char* flag) {
  return DateOr(g, s, flag).ToString();
}

void AddRecordCommands(CLI::App* foi, Globals& g, std::shared_ptr<FoiOpts> o) {
  auto* recv = Action(foi, "receive", "Record a request received (FOIA, EIR or SAR)", o.get());
  recv->add_option("--regime", o->regime, "foia, eir or sar")->required();
  recv->add_option("--received", o->received, "Day of receipt (default today)");
  recv->add_option("--requester", o->requester, "Requester reference: never a name")->required();
  recv->add_option("--item", o->items, "An item the request touches (repeatable)");
  recv->add_option("--category", o->categories, "A category it touches (repeatable)");
  recv->add_option("--text-file", o->text_file,
                   "The request text: only its normalised digest is recorded (round robins)");
  recv->add_option("--topic", o->topic, "A short subject line, no personal data");
  recv->callback([&g, o] {
    json::object body{{"request", o->request},
                      {"regime", o->regime},
                      {"received", Day(g, o->received, "--received")},
                      {"requester", o->requester}};
    if (!o->items.empty()) body["items"] = json::value_from(o->items);
    if (!o->categories.empty()) body["categories"] = json::value_from(o->categories);
    if (!o->text_file.empty()) {
      body["digest"] = policy::NormalisedTextDigest(OrFail(g, ReadAll(o->text_file)));
    }
    if (!o->topic.empty()) body["topic"] = o->topic;
    RecordEvent(g, o->as, o->role, "foi.received", std::move(body));
  });

  auto* clarify = Action(foi, "clarify",
                         "Clarification asked for (clock stops) or received "
                         "(clock starts again)",
                         o.get());
  clarify->add_option("--requested", o->requested, "Day clarification was asked for");
  clarify->add_option("--received", o->received, "Day the clarification arrived");
  clarify->add_option("--note", o->note, "What was unclear");
  clarify->callback([&g, o] {
    bool asked = Which(g, o->requested, o->received, "--requested", "--received");
    json::object body{{"request", o->request}, {"date", asked ? o->requested : o->received}};
    if (asked && !o->note.empty()) body["note"] = o->note;
    RecordEvent(g, o->as, o->role,
                asked ? "foi.clarification-requested" : "foi.clarification-received",
                std::move(body));
  });

  auto* fee = Action(foi, "fee", "Fees notice given (clock pauses) or fee paid", o.get());
  fee->add_option("--notified", o->notified, "Day the fees notice was given");
  fee->add_option("--paid", o->paid, "Day the fee was received");
  fee->add_option("--amount", o->amount, "The fee, e.g. \"GBP 45.00\"");
  fee->callback([&g, o] {
    bool notice = Which(g, o->notified, o->paid, "--notified", "--paid");
    json::object body{{"request", o->request}, {"date", notice ? o->notified : o->paid}};
    if (notice && !o->amount.empty()) body["amount"] = o->amount;
    RecordEvent(g, o->as, o->role, notice ? "foi.fee-notified" : "foi.fee-paid", std::move(body));
  });

  auto* extend = Action(foi, "extend", "Extend the deadline as the law allows", o.get());
  extend
      ->add_option("--kind", o->kind,
                   "public_interest (FOIA s10(3)), eir_complex (reg 7), sar_complex (art 12(3)), "
                   "review_exceptional")
      ->required();
  extend->add_option("--due", o->due, "The new date (required for public_interest)");
  extend->add_option("--reason", o->reason, "Why")->required();
  extend->callback([&g, o] {
    json::object body{{"request", o->request}, {"kind", o->kind}, {"reason", o->reason}};
    if (!o->due.empty()) body["due"] = o->due;
    RecordEvent(g, o->as, o->role, "foi.extended", std::move(body));
  });

  auto* inform = Action(foi, "inform", "A counterparty was told of the request", o.get());
  inform->add_option("--party", o->party, "The party informed")->required();
  inform->add_option("--note", o->note, "How, and what was said");
  inform->callback([&g, o] {
    json::object body{{"request", o->request}, {"party", o->party}};
    if (!o->note.empty()) body["note"] = o->note;
    RecordEvent(g, o->as, o->role, "foi.informed", std::move(body));
  });

  auto* consult = Action(foi, "consult", "Consultation sent to a party, or its answer", o.get());
  consult->add_option("--party", o->party, "The party consulted")->required();
  consult->add_option("--question", o->question, "What it is asked");
  consult->add_option("--answer", o->answer, "What it answered");
  consult->callback([&g, o] {
    bool sent = Which(g, o->question, o->answer, "--question", "--answer");
    json::object body{{"request", o->request}, {"party", o->party}};
    body[sent ? "question" : "answer"] = sent ? o->question : o->answer;
    RecordEvent(g, o->as, o->role, sent ? "foi.consulted" : "foi.consultation-answered",
                std::move(body));
  });

  auto* respond = Action(foi, "respond", "The response issued", o.get());
  respond->add_option("--date", o->date, "Day it was sent (default today)");
  respond
      ->add_option("--outcome", o->outcome,
                   "disclosed, part_disclosed, refused, not_held, ncnd or withdrawn")
      ->required();
  respond->add_option("--exemption", o->exemptions, "Exemption relied on, e.g. s40(2)");
  respond->callback([&g, o] {
    json::object body{
        {"request", o->request}, {"date", Day(g, o->date, "--date")}, {"outcome", o->outcome}};
    if (!o->exemptions.empty()) body["exemptions"] = json::value_from(o->exemptions);
    RecordEvent(g, o->as, o->role, "foi.responded", std::move(body));
  });

  auto* review = Action(foi, "review", "Internal review requested, or its decision", o.get());
  review->add_option("--requested", o->requested, "Day the review was asked for");
  review->add_option("--decided", o->decided, "Day it was decided");
  review->add_option("--outcome", o->outcome, "upheld, part_overturned or overturned");
  review->callback([&g, o] {
    bool asked = Which(g, o->requested, o->decided, "--requested", "--decided");
    json::object body{{"request", o->request}, {"date", asked ? o->requested : o->decided}};
    if (!asked) body["outcome"] = o->outcome;
    RecordEvent(g, o->as, o->role, asked ? "foi.review-requested" : "foi.review-decided",
                std::move(body));
  });

  auto* complaint = Action(foi, "complaint",
                           "Complaint to the Information Commissioner, or its outcome", o.get());
  complaint->add_option("--date", o->date, "Day the ICO told us of the complaint");
  complaint->add_option("--decided", o->decided, "Day of the ICO's decision");
  complaint->add_option("--outcome", o->outcome,
                        "complaint_upheld, complaint_part_upheld, complaint_not_upheld, resolved "
                        "or withdrawn");
  complaint->add_option("--reference", o->reference, "The ICO's case reference");
  complaint->callback([&g, o] {
    bool made = Which(g, o->date, o->decided, "--date", "--decided");
    json::object body{{"request", o->request}, {"date", made ? o->date : o->decided}};
    if (made && !o->reference.empty()) body["reference"] = o->reference;
    if (!made) body["outcome"] = o->outcome;
    RecordEvent(g, o->as, o->role, made ? "foi.ico-complaint" : "foi.ico-decided", std::move(body));
  });
}

void AddQuestionCommands(CLI::App* foi, Globals& g, std::shared_ptr<FoiOpts> o) {
  auto* due = foi->add_subcommand("due", "Open requests due within N working days");
  due->add_option("--within", o->within, "Working days from today (default 5)");
  due->add_option("--party", o->party, "Only this receiving party");
  due->add_option("--on", o->on, "As of this day (default today)");
  due->add_flag("--csv", o->csv, "CSV output");
  due->callback([&g, o] {
    Date on = DateOr(g, o->on, "--on");
    Query(g, o->csv, [&](Ledger&, Snapshot& s) {
      return policy::FoiDue(*g.engine, s, on, o->within, o->party, false);
    });
  });
  auto* late = foi->add_subcommand("late", "Open requests past their deadline");
  late->add_option("--party", o->party, "Only this receiving party");
  late->add_option("--on", o->on, "As of this day (default today)");
  late->add_flag("--csv", o->csv, "CSV output");
  late->callback([&g, o] {
    Date on = DateOr(g, o->on, "--on");
    Query(g, o->csv, [&](Ledger&, Snapshot& s) {
      return policy::FoiDue(*g.engine, s, on, 0, o->party, true);
    });
  });
  auto* unin = foi->add_subcommand("uninformed", "Counterparties not yet told of a request");
  unin->add_option("--party", o->party, "Only this receiving party");
  unin->add_flag("--csv", o->csv, "CSV output");
  unin->callback([&g, o] {
    Query(g, o->csv,
          [&](Ledger&, Snapshot& s) { return policy::FoiUninformed(*g.engine, s, o->party); });
  });
  auto* show = foi->add_subcommand("show", "One request: timeline, deadline, who to tell, proofs");
  show->add_option("request", o->request, "Request reference")->required();
  show->add_flag("--csv", o->csv, "CSV output");
  show->callback([&g, o] {
    auto ledger = OrFail(g, OpenLedger(g, true));
    auto snap = OrFail(g, ledger->Read());
    policy::Table t = OrFail(g, policy::FoiShow(*g.engine, *snap, o->request));
    bool ok = AddProofs(g, *ledger, *snap, &t);
    PrintTable(g, t, o->csv);
    if (!ok) throw Exit{kExitFinding};
  });
  auto* stats = foi->add_subcommand("stats", "A year's requests per party: on time, late, median");
  stats->add_option("--year", o->year, "Year of receipt")->required();
  stats->add_option("--party", o->party, "Only this receiving party");
  stats->add_flag("--csv", o->csv, "CSV output");
  stats->callback([&g, o] {
    Query(g, o->csv,
          [&](Ledger&, Snapshot& s) { return policy::FoiStats(*g.engine, s, o->year, o->party); });
  });
}

}  // namespace

void AddFoiCommands(CLI::App& app, Globals& g) {
  auto o = std::make_shared<FoiOpts>();
  auto* foi = app.add_subcommand("foi", "Information requests: clocks and who must be told");
  foi->require_subcommand(1);
  AddRecordCommands(foi, g, o);
  AddQuestionCommands(foi, g, o);
}

}  // namespace sharetrail::cli
