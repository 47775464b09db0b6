// An item: its details, a marking banner for embargoed and classified
// items, and its full provenance, each entry linked to its inclusion proof.
// Opening the page is an access, decided and recorded by the engine (the
// API's item read); a refused access shows the refusal and its citation.
//
// An entry's proof page needs no sign-in: like the API's proof endpoints it
// shows hashes only, and anyone holding the entry can check them.
#include <cctype>

#include "api/params.h"
#include "ui/client.h"
#include "ui/html.h"
#include "ui/layout.h"
#include "ui/ui.h"
#include "ui/view.h"

namespace sharetrail::ui {
namespace json = boost::json;
namespace {

// Seed 001 (001_299748955bfc14b8.txt, "Versions of the report shared at this
// stage must be clearly marked ..."): the marking travels with the
// report until it is published; the classification (GSC) always shows.
std::string Marking(const json::object& rec) {
  std::string h;
  std::string classification = FieldText(rec, "classification");
  if (!classification.empty()) {
    std::string upper;
    for (char ch : classification)
      upper += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    h +=
        "<div class=\"st-marking\" role=\"note\" aria-label=\"Classification\">" + upper + "</div>";
  }
  const json::value* pre = rec.if_contains("pre_publication");
  if (pre != nullptr && pre->is_bool() && pre->as_bool() && !rec.contains("published")) {
    h += WarningText(
        "Pre-publication report – not to be shared beyond authorised reviewers until it is "
        "published (embargo).");
  }
  return h;
}

// The provenance goes on page by page (500 entries a page).
std::string Next(const json::value& prov, const std::string& item) {
  const json::value* next = prov.as_object().if_contains("next_after");
  if (next == nullptr) return "";
  return "<nav class=\"govuk-pagination\" aria-label=\"Provenance pages\"><div "
         "class=\"govuk-pagination__next\"><a class=\"govuk-link govuk-pagination__link\" "
         "href=\"/items/" +
         Esc(item) + "?after=" + CellText(*next) +
         "\" rel=\"next\"><span class=\"govuk-pagination__link-title\">Later "
         "entries</span></a></div></nav>";
}

api::HttpResponse ItemPage(api::Call& c) {
  const std::string& item = c.args[0];
  std::string after = c.params.Str("after");
  Answer a = ApiGet(c, "/api/v1/items/" + api::UrlEncode(item) + "?provenance=true&limit=500" +
                           (after.empty() ? "" : "&after=" + api::UrlEncode(after)));
  Page p;
  p.nav = "shared";
  p.who = c.who;
  if (!a.ok()) {
    p.status = a.status;
    p.title = a.status == 404 ? "Item not found" : "You cannot open this item";
    p.body = Heading(p.title, item) + Problem(a);
    return Render(p);
  }
  const json::object& rec = a.json.at("record").as_object();
  const json::value& prov = a.json.at("provenance");
  std::vector<Row> details;
  for (const auto& [key, label] :
       std::vector<std::pair<const char*, const char*>>{{"item", "Reference"},
                                                        {"kind", "Kind"},
                                                        {"owner", "Owner"},
                                                        {"category", "Category"},
                                                        {"classification", "Classification"},
                                                        {"agreement", "Agreement"},
                                                        {"evidence_date", "Evidence date"},
                                                        {"retention_class", "Retention class"},
                                                        {"published", "Published"},
                                                        {"safeguarding", "Safeguarding"},
                                                        {"personal_data", "Personal data"},
                                                        {"digest", "SHA-256 of the document"}}) {
    if (rec.contains(key)) details.push_back({label, FieldText(rec, key)});
  }
  const json::object& summary = prov.at("summary").as_object();
  p.title = FieldText(rec, "title");
  p.body = Marking(rec) + Heading(p.title, item) + SummaryList(details) +
           "<p class=\"govuk-body\">" + Link("/record/share?items=" + item, "Record a share") +
           " · " + Link("/record/disclosure.onward?item=" + item, "Record an onward disclosure") +
           " · " + Link("/record/deletion.requested?item=" + item, "Request deletion") + "</p>" +
           ApiTable(prov, "Provenance",
                    {{"seq", "Entry"},
                     {"time", "Recorded"},
                     {"type", "Event"},
                     {"user", "Who"},
                     {"party", "Party"},
                     {"outcome", "Decision"},
                     {"rule", "Rule"},
                     {"proof", "Proof",
                      [](const json::object& row) {
                        return Link("/entries/" + CellText(row.at("seq")), "Inclusion proof");
                      }}}) +
           Next(prov, item) +
           "<p class=\"govuk-body\">Each entry's inclusion proof was checked against the signed "
           "tree of " +
           FieldText(summary, "checkpoint_size") + " entries (root <code class=\"st-mono\">" +
           FieldText(summary, "root") + "</code>): " + FieldText(summary, "proofs_verified") +
           " verified. Opening this page was recorded as an access.</p>";
  return Render(p);
}

api::HttpResponse EntryPage(api::Call& c) {
  const std::string& seq = c.args[0];
  Answer proof = ApiGet(c, "/api/v1/proof/inclusion?seq=" + seq);
  Page p;
  p.who = c.who;
  p.nav = "integrity";
  if (!proof.ok()) {
    p.status = proof.status;
    p.title = "No such entry";
    p.body = Heading(p.title) + Problem(proof);
    return Render(p);
  }
  Answer note = ApiGet(c, "/checkpoint", "text/plain");
  const json::object& o = proof.json.as_object();
  std::string hashes;
  for (const auto& h : o.at("hashes").as_array()) hashes += CellText(h) + "\n";
  p.title = "Entry " + seq + ": inclusion proof";
  p.body = Heading(p.title) + "<p class=\"govuk-body\">This proof shows that entry " + Esc(seq) +
           " is in the ledger's Merkle tree (RFC 9162 §2.1.3) as the signed checkpoint below "
           "commits to it. Anyone can check it without trusting this server.</p>" +
           SummaryList(
               {{"Leaf index", FieldText(o, "leaf_index")},
                {"Tree size", FieldText(o, "tree_size")},
                {"Leaf hash", "<code class=\"st-mono\">" + FieldText(o, "leaf_hash") + "</code>"},
                {"Audit path", std::to_string(o.at("hashes").as_array().size()) + " hashes"}}) +
           "<h2 class=\"govuk-heading-m\">Audit path</h2><pre class=\"st-mono\">" + Esc(hashes) +
           "</pre><h2 class=\"govuk-heading-m\">Signed checkpoint</h2><pre class=\"st-mono\">" +
           Esc(note.body) +
           "</pre><h2 class=\"govuk-heading-m\">Check it yourself</h2><pre class=\"st-mono\">"
           "curl -s " +
           Esc("'/api/v1/proof/inclusion?seq=" + seq + "'") +
           " &gt;proof.json\ncurl -s /checkpoint &gt;checkpoint.txt\nsharetrail check inclusion "
           "--vkey VKEY --proof proof.json --checkpoint checkpoint.txt --entry ENTRY.json</pre>"
           "<p class=\"govuk-body\">" +
           Link("/integrity", "How to verify the whole ledger") + "</p>";
  return Render(p);
}

}  // namespace

std::vector<api::Route> ItemPages() {
  return {
      {"GET",
       "/items/{item}",
       api::Access::kUser,
       {"after"},
       ItemPage,
       "An item and its provenance"},
      {"GET", "/entries/{seq}", api::Access::kPublic, {}, EntryPage, "An entry's inclusion proof"},
  };
}

}  // namespace sharetrail::ui
