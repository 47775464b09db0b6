// The SIRO's and IG officer's pages: holds and the disposition review (with
// "may this be deleted?"), agreements and their review dates, the ledger's
// integrity (checkpoint, size, the last verify, how to check it
// independently), and the annual compliance report.
#include <map>

#include "api/params.h"
#include "ui/client.h"
#include "ui/form.h"
#include "ui/html.h"
#include "ui/layout.h"
#include "ui/ui.h"
#include "ui/view.h"

namespace sharetrail::ui {
namespace json = boost::json;
namespace {

std::string Section(const Answer& a, const std::string& caption, const std::vector<Column>& cols,
                    const std::string& empty) {
  return a.ok() ? ApiTable(a.json, caption, cols, empty) : Problem(a);
}

Page Base(api::Call& c, const std::string& title, const std::string& nav) {
  Page p;
  p.title = title;
  p.nav = nav;
  p.who = c.who;
  return p;
}

api::HttpResponse Holds(api::Call& c) {
  Page p = Base(c, "Holds and deletion", "holds");
  std::string check;
  std::string item = c.params.Str("item");
  if (!item.empty()) {
    Answer a = ApiGet(c, "/api/v1/may-delete?item=" + api::UrlEncode(item));
    std::vector<Column> cols = {{"answer", "Answer"}, {"reason", "Why"}, {"cite", "Rule"}};
    check = Section(a, "May " + c.who->party + " delete " + item + "?", cols, "No answer.");
  }
  Input in("q-item", "item", "May we delete this item?");
  in.hint = "An item reference; the answer names every hold and retention rule that applies";
  in.value = item;
  in.classes = "govuk-input--width-20";
  in.spellcheck = false;
  Answer holds = ApiGet(c, "/api/v1/holds");
  Answer review = ApiGet(c, "/api/v1/disposition-review");
  std::vector<Column> hold_cols = {{"hold", "Hold"},     {"authority", "Authority"},
                                   {"scope", "Scope"},   {"target", "Target"},
                                   {"placed", "Placed"}, {"by", "By"},
                                   {"state", "State"}};
  std::string body = Heading("Holds and deletion", c.who->party);
  body += "<form method=\"get\" action=\"/holds\" novalidate>" + TextInput(in);
  body += Button("Check", "govuk-button--secondary") + "</form>" + check;
  body += Section(holds, "Holds in force", hold_cols, "No hold is in force.");
  // Each request links to the forms that decide or carry it out.
  std::vector<Column> review_cols = {
      {"request", "Request"},
      {"item", "Item"},
      {"party", "Party"},
      {"requested", "Requested"},
      {"state", "State"},
      {"next", "Next"},
      {"actions", "Actions", [](const json::object& row) {
         std::string r = CellText(row.at("request"));
         return Link("/record/disposition.approved?request=" + r, "Approve") + "<br>" +
                Link("/record/disposition.declined?request=" + r, "Decline") + "<br>" +
                Link("/record/disposed?request=" + r, "Record disposal");
       }}};
  body += Section(review, "Disposition review", review_cols,
                  "No deletion request is waiting for a decision.");
  body += "<p class=\"govuk-body\">" + Link("/record/deletion.requested", "Request a deletion") +
          " · " + Link("/record/hold.placed", "Place a hold") + "</p>";
  p.body = std::move(body);
  return Render(p);
}

api::HttpResponse Agreements(api::Call& c) {
  Page p = Base(c, "Agreements", "agreements");
  p.body = Heading("Agreements") +
           "<p class=\"govuk-body\">The agreements the rules come from, with when each was last "
           "reviewed and when its next review is due.</p>" +
           Section(ApiGet(c, "/api/v1/reviews"), "Agreements and reviews",
                   {{"agreement", "Agreement"},
                    {"version", "Version"},
                    {"agreed", "Agreed"},
                    {"last_review", "Last review"},
                    {"next_due", "Next review due"},
                    {"state", "State"},
                    {"cite", "Review clause"}},
                   "No agreement is loaded.") +
           "<p class=\"govuk-body\">" + Link("/record/agreement.reviewed", "Record a review") +
           "</p>";
  return Render(p);
}

std::string VerifyResult(const json::value& last) {
  if (!last.is_object()) {
    return "<p class=\"govuk-body\">This server has not verified the ledger since it "
           "started.</p>";
  }
  const json::object& o = last.as_object();
  bool ok = o.at("ok").as_bool();
  return SummaryList(
      {{"Result", ok ? Tag("Passed", "green") : Tag("Failed", "red")},
       {"When", CellText(o.at("at")) + " by " + CellText(o.at("by"))},
       {"Entries checked", CellText(o.at("entries"))},
       {"Tree nodes checked", CellText(o.at("nodes"))},
       {"Signed checkpoints checked", CellText(o.at("checkpoints"))},
       {"Recomputed root", "<code class=\"st-mono\">" + CellText(o.at("root")) + "</code>"},
       {"Problem", ok ? "None" : CellText(o.at("problem"))}});
}

api::HttpResponse Integrity(api::Call& c) {
  Page p = Base(c, "Ledger integrity", "integrity");
  Answer note = ApiGet(c, "/checkpoint", "text/plain");
  Answer ready = ApiGet(c, "/readyz");
  Answer last = ApiGet(c, "/api/v1/verify");
  std::string size = ready.ok() ? CellText(ready.json.at("size")) : "unknown";
  p.body = Heading("Ledger integrity") + SummaryList({{"Entries (tree size)", size}}) +
           "<h2 class=\"govuk-heading-m\">Latest signed checkpoint</h2><pre class=\"st-mono\">" +
           Esc(note.body) + "</pre><h2 class=\"govuk-heading-m\">Last verify</h2>" +
           (last.ok() ? VerifyResult(last.json.at("last")) : Problem(last)) +
           "<form method=\"post\" action=\"/integrity/verify\" novalidate>" + Csrf(*c.who) +
           Button("Verify the whole ledger now", "govuk-button--secondary") +
           "</form><h2 class=\"govuk-heading-m\">Check it yourself</h2><p class=\"govuk-body\">You "
           "do not have to trust this server. Keep a copy of the ledger's public key (its vkey) "
           "from your own records, and of checkpoints you have seen. Then:</p><ol "
           "class=\"govuk-list govuk-list--number\"><li>fetch the latest checkpoint from "
           "<code>/checkpoint</code> and check its signature with the vkey;</li><li>ask for a "
           "consistency proof from your older checkpoint "
           "(<code>/api/v1/proof/consistency?from=OLD&amp;to=NEW</code>): it proves the ledger "
           "only grew, nothing was edited or removed;</li><li>for any entry you hold, ask for its "
           "inclusion proof (<code>/api/v1/proof/inclusion?seq=N</code>) and check it against the "
           "checkpoint.</li></ol><pre class=\"st-mono\">sharetrail check consistency --vkey VKEY "
           "--old old-checkpoint.txt --new checkpoint.txt --proof consistency.json\nsharetrail "
           "check inclusion --vkey VKEY --proof proof.json --checkpoint checkpoint.txt --entry "
           "entry.json</pre><p class=\"govuk-body\">The formats are specified in docs/formats.md, "
           "precisely enough to write your own verifier.</p>";
  return Render(p);
}

api::HttpResponse RunVerify(api::Call& c) {
  Answer a = ApiSend(c, "POST", "/api/v1/verify", json::object{});
  if (!a.ok()) {
    Page p = Base(c, "Verify failed to run", "integrity");
    p.status = a.status;
    p.body = Heading(p.title) + Problem(a);
    return Render(p);
  }
  return Redirect("/integrity");
}

api::HttpResponse Report(api::Call& c) {
  Page p = Base(c, "Annual report", "report");
  std::string year = c.params.Str("year");
  if (year.empty()) year = std::to_string(c.app.Today().year);
  std::string q = "year=" + api::UrlEncode(year);
  if (c.params.Str("format") == "csv") {
    Answer csv = ApiGet(c, "/api/v1/report/annual?" + q, "text/csv");
    if (csv.ok()) {
      csv.raw.headers.emplace_back("Content-Disposition",
                                   "attachment; filename=\"report-" + year + ".csv\"");
      return csv.raw;
    }
  }
  Answer a = ApiGet(c, "/api/v1/report/annual?" + q);
  Input in("q-year", "year", "Year");
  in.value = year;
  in.classes = "govuk-input--width-4";
  std::string body;
  if (!a.ok()) {
    in.error = a.Message();
    p.errors = true;
    p.status = a.status;
    body = ErrorSummary({{"q-year", a.Message()}});
  }
  body += Heading("Annual compliance report " + year, c.who->party) +
          "<form method=\"get\" action=\"/report\" novalidate>" + TextInput(in) +
          Button("Show", "govuk-button--secondary") + "</form>";
  if (a.ok()) {
    const json::object& r = a.json.as_object();
    const json::object& cp = r.at("checkpoint").as_object();
    body +=
        "<p class=\"govuk-body\">Every figure rests on entries of the ledger as of its "
        "signed checkpoint at size " +
        CellText(cp.at("size")) + "; each entry links to its inclusion proof. " +
        Link("/report?" + q + "&format=csv", "Download the figures as CSV") + "</p>";
    // A refusal rule's figure shows its first refusal (report.h Example).
    std::map<std::string, const json::object*> example_of;
    if (const json::value* xs = r.if_contains("examples"); xs && xs->is_array()) {
      for (const auto& x : xs->as_array()) {
        if (x.is_object()) example_of[CellText(x.at("figure"))] = &x.as_object();
      }
    }
    std::string section;
    TableSpec t;
    auto flush = [&] {
      if (!t.rows.empty()) body += TableHtml(t);
      t = TableSpec{};
    };
    for (const auto& fv : r.at("figures").as_array()) {
      const json::object& f = fv.as_object();
      std::string s = CellText(f.at("section"));
      if (s != section) {
        flush();
        section = s;
        t.caption = LabelOf(s);
        t.headings = {"Measure", "Agreement", "Party", "Value", "Entries"};
        t.numeric = {false, false, false, true, false};
      }
      std::string seqs;
      size_t n = 0;
      for (const auto& seq : f.at("seqs").as_array()) {
        if (++n > 5) {
          seqs += " and " + std::to_string(f.at("seqs").as_array().size() - 5) + " more";
          break;
        }
        seqs += (seqs.empty() ? "" : ", ") + CellHtml("seq", seq);
      }
      const std::string name = s + "/" + CellText(f.at("agreement")) + "/" +
                               CellText(f.at("party")) + "/" + CellText(f.at("metric"));
      if (auto x = example_of.find(name); x != example_of.end()) {
        seqs += "<br><span class=\"govuk-body-s\">For example, " +
                CellHtml("seq", x->second->at("seq")) + ": " +
                Esc(CellText(x->second->at("text"))) + "</span>";
      }
      t.rows.push_back({CellText(f.at("metric")), CellText(f.at("agreement")),
                        CellText(f.at("party")), CellText(f.at("value")), seqs});
    }
    flush();
    body += "<h2 class=\"govuk-heading-m\">Signed checkpoint</h2><pre class=\"st-mono\">" +
            Esc(CellText(cp.at("note"))) + "</pre>";
  }
  p.body = body;
  return Render(p);
}

}  // namespace

std::vector<api::Route> GovernancePages() {
  return {
      {"GET", "/holds", api::Access::kUser, {"item"}, Holds, "Holds, disposition review"},
      {"GET", "/agreements", api::Access::kUser, {}, Agreements, "Agreements and reviews"},
      {"GET", "/integrity", api::Access::kUser, {}, Integrity, "Ledger integrity"},
      {"POST", "/integrity/verify", api::Access::kUser, {}, RunVerify, "Run verify"},
      {"GET", "/report", api::Access::kUser, {"year", "format"}, Report, "Annual report"},
  };
}

}  // namespace sharetrail::ui
