// Seed 001, the inspectorates' information sharing protocol, end to end
// through the real binary: Ofsted shares a pre-publication report and its
// covering letter with CQC and HMIC, a JTAI runs and ends, and the IG
// officer asks who has what, who tried what, and what is still owed.
#include "tests/e2e/story_support.h"

namespace sharetrail::e2e {
namespace {

const char kIsp[] = "inspectorates-isp";
const char kReport[] = "rep-northshire-2026";
const char kLetter[] = "letter-northshire-2026";
const char kMarking[] = "Pre-publication report – not to be shared beyond authorised reviewers";

class IspStoryTest : public StoryTest {
 protected:
  // "Sharing inspection reports" ¶6 (DESIGN.md §3 reading): personal data
  // goes with a classification and handling instructions.
  static json::object Marked(json::object extra = {}) {
    json::object o{{"classification", "official-sensitive"},
                   {"handling", "named teams only; do not forward"}};
    for (auto& kv : extra) o[kv.key()] = kv.value();
    return o;
  }
};

TEST_F(IspStoryTest, PrePublicationReportLetterAndJtai) {
  // "Sharing inspection reports" ¶1–2: the report and its covering letter,
  // both under embargo until published.
  std::vector<json::object> reg =
      Record("o.inspector", ItemLine(kReport, "report", "ofsted", "inspection_report",
                                     {{"agreement", kIsp}, {"pre_publication", true}}) +
                                ItemLine(kLetter, "letter", "ofsted", "concerns_letter",
                                         {{"agreement", kIsp},
                                          {"pre_publication", true},
                                          {"provider", "brightwater-care-ltd"}}));
  ASSERT_EQ(reg.size(), 2u);
  EXPECT_EQ(reg[0].at("decision").at("outcome"), "allow");
  EXPECT_EQ(Obligations(reg[0]), std::vector<std::string>{"embargo.marking"});

  // ¶5: the provider is told before the other parties. Ofsted's first try
  // is refused and recorded; so is an unmarked copy of the report (Process
  // for sharing… ¶2).
  json::object early =
      Record("o.inspector", ShareLine("o.inspector", {kLetter}, "cqc", kIsp, "regulation", "email",
                                      Marked({{"marking", kMarking}})))[0];
  ASSERT_TRUE(Refused(early));
  EXPECT_EQ(Rules(early), std::vector<std::string>{"provider.first"});
  json::object unmarked = Record(
      "o.inspector",
      ShareLine("o.inspector", {kReport}, "cqc", kIsp, "respond_to_queries", "email", Marked()))[0];
  ASSERT_TRUE(Refused(unmarked));
  EXPECT_EQ(Rules(unmarked), std::vector<std::string>{"embargo.marking"});
  // A dry run decides without recording: the refusals list below has no trace of it.
  json::object dry = Record("o.inspector",
                            ShareLine("o.inspector", {kReport}, "dfe", kIsp, "respond_to_queries",
                                      "email", Marked({{"marking", kMarking}})),
                            "--dry-run")[0];
  EXPECT_TRUE(Refused(dry));
  EXPECT_TRUE(dry.at("seq").is_null());

  json::object notified = RecordOne("o.inspector", "provider.notified",
                                    {{"provider", "brightwater-care-ltd"},
                                     {"items", json::array{kLetter}},
                                     {"summary", "systemic weaknesses in placement planning"}});
  ASSERT_FALSE(Refused(notified));
  std::vector<json::object> shares = Record(
      "o.inspector",
      ShareLine("o.inspector", {kReport, kLetter}, "cqc", kIsp, "respond_to_queries", "email",
                Marked({{"marking", kMarking}, {"to_team", "childrens-health-and-justice"}})) +
          ShareLine("o.inspector", {kReport}, "hmicfrs", kIsp, "respond_to_queries", "email",
                    Marked({{"marking", kMarking}})));
  ASSERT_EQ(shares.size(), 2u);
  EXPECT_EQ(shares[0].at("decision").at("outcome"), "allow") << shares[0];
  EXPECT_EQ(Obligations(shares[0]),
            (std::vector<std::string>{"embargo.named-teams", "embargo.named-teams"}));
  const int64_t to_cqc = SeqOf(shares[0]), to_hmic = SeqOf(shares[1]);

  // Process for sharing… ¶1: only CQC's named teams may look while embargoed.
  EXPECT_FALSE(Refused(RecordOne("c.chj", "access", {{"item", kReport}})));
  json::object foi_look = RecordOne("c.foi", "access", {{"item", kReport}});
  ASSERT_TRUE(Refused(foi_look));
  // ¶3 and DESIGN.md §3: an FOI request does not make the report public.
  json::object foi_early = RecordOne("c.foi", "disclosure.onward",
                                     {{"item", kReport},
                                      {"to", "foi-requester"},
                                      {"ground", "public_domain"},
                                      {"purpose", "FOI response"}});
  ASSERT_TRUE(Refused(foi_early));
  EXPECT_EQ(Rules(foi_early), std::vector<std::string>{"onward.grounds"});

  // The IG officer's question before publication (DESIGN.md §4 may-disclose).
  EXPECT_EQ(Rows("may-disclose " + std::string(kReport) + " --by cqc --to hmicfrs"),
            (json::array{json::object{
                {"answer", "no"},
                {"rule", "onward.grounds"},
                {"cite", "001 Process for sharing, accessing and storing information ¶3"},
                {"reason", "cqc received " + std::string(kReport) +
                               " from ofsted under inspectorates-isp; it may pass it on only if "
                               "it is lawfully public, a legal obligation requires it (record a "
                               "disclosure.onward naming the obligation), or ofsted has "
                               "consented in writing. None of these holds."},
                {"evidence", json::array{to_cqc}}}}));
  json::object outsider =
      Rows("may-disclose " + std::string(kReport) + " --by cqc --to foi-requester")[0].as_object();
  EXPECT_EQ(outsider.at("answer"), "no");
  EXPECT_EQ(outsider.at("rule"), "embargo.named-teams");

  // Publication lifts the embargo; the marking comes off (¶2) and CQC points
  // the requester to the published version.
  json::object published =
      RecordOne("o.inspector", "publication", {{"item", kReport}, {"date", today_}});
  EXPECT_EQ(Obligations(published), std::vector<std::string>{"embargo.marking-removed"});
  EXPECT_EQ(Rows("may-disclose " + std::string(kReport) + " --by cqc --to foi-requester"),
            (json::array{json::object{
                {"answer", "yes"},
                {"rule", ""},
                {"cite", ""},
                {"reason", "published on " + today_ + ": lawfully in the public domain"},
                {"evidence", json::array{to_cqc, SeqOf(published)}}}}));
  json::object foi_answer = RecordOne("c.foi", "disclosure.onward",
                                      {{"item", kReport},
                                       {"to", "foi-requester"},
                                       {"ground", "public_domain"},
                                       {"purpose", "FOI response"}});
  EXPECT_EQ(Obligations(foi_answer), std::vector<std::string>{"onward.published-version"});

  // JTAI ¶1–4: the portal data each inspectorate requested comes off at the end.
  auto jtai = [](const std::string& request) {
    return json::object{{"inspection", "jtai-northshire-2026"},
                        {"request", request},
                        {"agency", "northshire-county-council"},
                        {"description", "case files"}};
  };
  EXPECT_EQ(Obligations(RecordOne("o.inspector", "jtai.requested", jtai("ofsted-cases"))),
            std::vector<std::string>{"jtai.removal"});
  EXPECT_FALSE(Refused(RecordOne("c.chj", "jtai.requested", jtai("cqc-health-records"))));
  json::object prisons = RecordOne("p.smt", "jtai.requested", jtai("prisons-cases"));
  EXPECT_EQ(Rules(prisons), std::vector<std::string>{"jtai.parties"});  // footnote 4
  EXPECT_EQ(Rows("jtai outstanding"), json::array{}) << "nothing is owed while it runs";
  ASSERT_FALSE(Refused(RecordOne("o.inspector", "inspection.ended",
                                 {{"inspection", "jtai-northshire-2026"}, {"date", today_}})));
  json::object wrong_remover =
      RecordOne("o.inspector", "jtai.removed",
                {{"inspection", "jtai-northshire-2026"}, {"request", "cqc-health-records"}});
  EXPECT_EQ(Rules(wrong_remover), std::vector<std::string>{"jtai.remover"});
  EXPECT_FALSE(Refused(
      RecordOne("c.chj", "jtai.removed",
                {{"inspection", "jtai-northshire-2026"}, {"request", "cqc-health-records"}})));
  EXPECT_EQ(Rows("jtai outstanding"),
            (json::array{json::object{{"inspection", "jtai-northshire-2026"},
                                      {"request", "ofsted-cases"},
                                      {"inspectorate", "ofsted"},
                                      {"agency", "northshire-county-council"},
                                      {"ended", today_}}}));

  // Who has what (DESIGN.md §4 shared-with), by party, agreement, item, category, period.
  json::object cqc_row{{"seq", to_cqc},
                       {"time", TimeOf(shares[0])},
                       {"from", "ofsted"},
                       {"to", "cqc"},
                       {"agreement", kIsp},
                       {"purpose", "respond_to_queries"},
                       {"items", json::array{kReport, kLetter}},
                       {"categories", json::array{"inspection_report", "concerns_letter"}}};
  EXPECT_EQ(Rows("shared-with --party cqc"), json::array{cqc_row});
  EXPECT_EQ(
      Column(Rows("shared-with --agreement inspectorates-isp --from " + today_ + " --to " + today_),
             "to"),
      (std::vector<std::string>{"cqc", "hmicfrs"}));
  EXPECT_EQ(Rows("shared-with --item " + std::string(kLetter)), json::array{cqc_row});
  EXPECT_EQ(Rows("shared-with --category concerns_letter"), json::array{cqc_row});
  EXPECT_EQ(Rows("shared-with --party hmicfrs --to 2015-05-14"), json::array{});
  json::value page = Json("shared-with --party ofsted --limit 1");
  EXPECT_EQ(page.at("next_after"), to_cqc);
  EXPECT_EQ(Column(Rows("shared-with --party ofsted --after " + std::to_string(to_cqc)), "seq"),
            std::vector<std::string>{std::to_string(to_hmic)});
  // A page of nothing is bad usage (exit 2), not a crash as it once was.
  EXPECT_EQ(Cli("shared-with --party ofsted --limit 0").code, 2);

  // Who tried what (DESIGN.md §3: a refused action is never silently dropped).
  json::array refusals = Rows("refusals");
  EXPECT_EQ(Column(refusals, "rule"),
            (std::vector<std::string>{"provider.first", "embargo.marking", "embargo.named-teams",
                                      "onward.grounds", "jtai.parties", "jtai.remover"}));
  EXPECT_EQ(Column(refusals, "user"),
            (std::vector<std::string>{"o.inspector", "o.inspector", "c.foi", "c.foi", "p.smt",
                                      "o.inspector"}));
  std::string foi_reason = "while " + std::string(kReport) +
                           " is under pre-publication embargo only the named teams of cqc may "
                           "see it; c.foi is in team \"foi\"";
  EXPECT_EQ(refusals[2], (json::object{{"seq", SeqOf(foi_look)},
                                       {"time", TimeOf(foi_look)},
                                       {"user", "c.foi"},
                                       {"party", "cqc"},
                                       {"attempt", "access"},
                                       {"rule", "embargo.named-teams"},
                                       {"reason", foi_reason}}));
  EXPECT_EQ(Column(Rows("refusals --party cqc --rule onward.grounds"), "seq"),
            std::vector<std::string>{std::to_string(SeqOf(foi_early))});
  // CSV for the SIRO's spreadsheet: a header row, RFC 4180 quoting.
  CmdResult csv = Cli("refusals --csv --party cqc --rule embargo.named-teams");
  ASSERT_EQ(csv.code, 0) << csv.err;
  EXPECT_EQ(csv.out, "seq,time,user,party,attempt,rule,reason\r\n" +
                         std::to_string(SeqOf(foi_look)) + "," + TimeOf(foi_look) +
                         ",c.foi,cqc,access,embargo.named-teams,\"while " + kReport +
                         " is under pre-publication embargo only the named teams of cqc may see "
                         "it; c.foi is in team \"\"foi\"\"\"\r\n");

  // Every event on the report, refused attempts included, each proven.
  json::value prov = Json("provenance " + std::string(kReport));
  EXPECT_EQ(Column(prov.at("rows").as_array(), "type"),
            (std::vector<std::string>{"item.registered", "refused share", "share", "share",
                                      "access", "refused access", "refused disclosure.onward",
                                      "publication", "disclosure.onward"}));
  EXPECT_EQ(prov.at("summary").at("proofs_verified"), "9/9");
  EXPECT_EQ(
      Column(Json("provenance " + std::string(kLetter)).at("rows").as_array(), "type"),
      (std::vector<std::string>{"item.registered", "refused share", "provider.notified", "share"}));

  // "Arrangements to review this protocol" ¶1: every twelve months. Reviewed
  // today, the next is due a year on and not yet in the due list.
  std::string next = AddMonths(TodayUtc(), 12).ToString();
  ASSERT_FALSE(
      Refused(RecordOne("o.siro", "agreement.reviewed",
                        {{"agreement", kIsp}, {"date", today_}, {"outcome", "continued"}})));
  json::object isp = RowWhere(Rows("reviews --on " + today_), "agreement", kIsp);
  EXPECT_EQ(isp.at("last_review"), json::value(today_));
  EXPECT_EQ(isp.at("next_due"), json::value(next));
  EXPECT_EQ(isp.at("state"), json::value("due " + next));
  EXPECT_EQ(Column(Rows("reviews --due --on " + today_), "agreement"),
            (std::vector<std::string>{"cc-hmci-mou", "ofsted-dfe-notifiable-incidents",
                                      "register-of-childrens-homes"}));
  EXPECT_EQ(
      Column(Rows("reviews --due --on " + AddDays(*ParseDate(next), -10).ToString()), "agreement"),
      (std::vector<std::string>{"cc-hmci-mou", kIsp, "ofsted-dfe-notifiable-incidents",
                                "register-of-childrens-homes"}));

  ExpectVerifiedAndReindexStable(
      {"shared-with --party cqc", "shared-with --agreement inspectorates-isp",
       "provenance " + std::string(kReport), "refusals", "jtai outstanding",
       "may-disclose " + std::string(kReport) + " --by cqc --to foi-requester",
       "reviews --on " + today_});
}

}  // namespace
}  // namespace sharetrail::e2e
