// Seed 004, the joint protocol on disclosing the register of children's
// homes, end to end through the real binary: who may ask, what HMCI sends,
// standing requests and their lapse, uses beyond safeguarding and the public
// count of them, and the protocol's one scheduled review.
#include "tests/e2e/story_support.h"

namespace sharetrail::e2e {
namespace {

const char kProtocol[] = "register-of-childrens-homes";
const char kExtract[] = "register-west-mercia";
// An area with a comma, so the CSV below has to quote it.
const char kArea[] = "West Mercia, Herefordshire and Worcestershire";

json::array Fields() {
  return {"registered_person_name_address", "home_name_address_telephone",
          "enforcement_action_date_nature"};
}

class RegisterStoryTest : public StoryTest {
 protected:
  json::object Request(const std::string& user, const std::string& id, json::object extra = {}) {
    json::object body{{"request", id},      {"area", kArea},
                      {"fields", Fields()}, {"purpose", "safeguarding"},
                      {"standing", true},   {"secure_email", "registers@wmp.example"}};
    for (auto& kv : extra) body[kv.key()] = kv.value();
    return RecordOne(user, "register.requested", std::move(body));
  }
  json::object Use(json::object extra) {
    json::object body{{"request", "wm-standing"},
                      {"purpose", "crime_investigation"},
                      {"description", "locations checked against a burglary series"}};
    for (auto& kv : extra) body[kv.key()] = kv.value();
    return RecordOne("wm.officer", "purpose.use", std::move(body));
  }
};

TEST_F(RegisterStoryTest, RequestsDisclosureLapseUsesBeyondPurposeAndReview) {
  // "How requests should be made" ¶1: the Chief Officer of Police asks (not
  // delegable, DESIGN.md §3), for safeguarding only ("Statement of values"
  // ¶1), never for children's details ("Background" ¶2), and only the four
  // kinds of public authority may ask ("Legal position" ¶2).
  ASSERT_FALSE(Refused(Request("wm.chief", "wm-standing")));
  EXPECT_EQ(Rules(Request("wm.officer", "wm-by-officer")),
            std::vector<std::string>{"register.requester"});
  EXPECT_EQ(Rules(Request("wm.chief", "wm-children",
                          {{"fields", json::array{"home_name_address_telephone", "child_name"}}})),
            std::vector<std::string>{"fields.forbidden"});
  EXPECT_EQ(Rules(Request("wm.chief", "wm-research", {{"purpose", "research"}})),
            std::vector<std::string>{"register.purpose"});
  EXPECT_EQ(Rules(Request("bw.manager", "provider-asks")),
            std::vector<std::string>{"register.recipient"});
  ASSERT_FALSE(
      Refused(Request("r.dcs", "rochdale-once", {{"area", "Rochdale"}, {"standing", false}})));

  // HMCI sends the extract to the police force's secure email, marked; a
  // send with no request behind it is refused.
  std::vector<json::object> sent =
      Record("o.arc",
             ItemLine(kExtract, "register_extract", "ofsted", "register_extract",
                      {{"agreement", kProtocol}, {"fields", Fields()}}) +
                 ShareLine("o.arc", {kExtract}, "west-mercia-police", kProtocol, "safeguarding",
                           "secure_email",
                           {{"request", "wm-standing"}, {"classification", "official-sensitive"}}) +
                 ShareLine("o.arc", {kExtract}, "rochdale-mbc", kProtocol, "safeguarding",
                           "secure_email", {{"classification", "official-sensitive"}}));
  ASSERT_EQ(sent.size(), 3u);
  ASSERT_FALSE(Refused(sent[1])) << sent[1];
  EXPECT_EQ(Rules(sent[2]), std::vector<std::string>{"register.request"});
  EXPECT_EQ(Rows("shared-with --party west-mercia-police"),
            (json::array{json::object{{"seq", SeqOf(sent[1])},
                                      {"time", TimeOf(sent[1])},
                                      {"from", "ofsted"},
                                      {"to", "west-mercia-police"},
                                      {"agreement", kProtocol},
                                      {"purpose", "safeguarding"},
                                      {"items", json::array{kExtract}},
                                      {"categories", json::array{"register_extract"}}}}));
  EXPECT_EQ(Column(Json(std::string("provenance ") + kExtract).at("rows").as_array(), "type"),
            (std::vector<std::string>{"item.registered", "share", "refused share"}));

  // "How requests should be made" ¶4–6 and DESIGN.md §3: a standing request
  // is good until the day 12 months on, and lapses the day after unless
  // reconfirmed. Rochdale's one-off request is no standing request.
  const std::string last = AddMonths(TodayUtc(), 12).ToString();
  const std::string lapse = AddDays(AddMonths(TodayUtc(), 12), 1).ToString();
  json::object active{
      {"request", "wm-standing"}, {"party", "west-mercia-police"}, {"area", kArea},
      {"created", today_},        {"confirmed", today_},           {"last_valid_day", last},
      {"state", "active"}};
  EXPECT_EQ(
      Json("standing-requests --on " + today_),
      (json::object{{"rows", json::array{active}}, {"summary", json::object{{"as_of", today_}}}}));
  EXPECT_EQ(Rows("standing-requests --on " + last), json::array{active});
  EXPECT_EQ(Column(Rows("standing-requests --on " + lapse), "state"),
            std::vector<std::string>{"lapsed"});
  EXPECT_EQ(Rows("standing-requests --lapsed-on " + last), json::array{});
  EXPECT_EQ(Column(Rows("standing-requests --lapsed-on " + lapse), "request"),
            std::vector<std::string>{"wm-standing"});
  // The list HMCI works from, as CSV: a header row and the area quoted.
  CmdResult csv = Cli("standing-requests --csv --on " + today_);
  ASSERT_EQ(csv.code, 0) << csv.err;
  EXPECT_EQ(csv.out,
            "request,party,area,created,confirmed,last_valid_day,state\r\n"
            "wm-standing,west-mercia-police,\"" +
                std::string(kArea) + "\"," + today_ + "," + today_ + "," + last + ",active\r\n");
  // Reconfirmation comes from the Chief Officer too.
  EXPECT_EQ(
      Rules(RecordOne("wm.officer", "standing_request.reconfirmed", {{"request", "wm-standing"}})),
      std::vector<std::string>{"register.requester"});
  ASSERT_FALSE(
      Refused(RecordOne("wm.chief", "standing_request.reconfirmed", {{"request", "wm-standing"}})));

  // "Statement of values" ¶1 bullet 4 and "Processing of personal data" ¶4:
  // use beyond safeguarding is authorised at senior level and recorded, and
  // the public may ask how often; unauthorised uses count too (DESIGN.md §3).
  json::object authorised =
      Use({{"authorised_by", "wm.chief"}, {"authorisation_reference", "WMP-ACC-2026-14"}});
  ASSERT_FALSE(Refused(authorised)) << authorised;
  json::object unauthorised = Use({});
  EXPECT_EQ(Rules(unauthorised), std::vector<std::string>{"purpose.unauthorised"});
  json::object self_authorised = Use({{"authorised_by", "wm.officer"}});
  EXPECT_EQ(Rules(self_authorised), std::vector<std::string>{"purpose.unauthorised"});
  // Use for safeguarding is within purpose: malformed here, and not counted.
  EXPECT_EQ(Cli("record --as wm.officer -",
                Line("purpose.use", {{"request", "wm-standing"},
                                     {"purpose", "safeguarding"},
                                     {"description", "routine visit planning"}}))
                .code,
            2);
  const std::string year = today_.substr(0, 4);
  EXPECT_EQ(Json("purpose-exceptions --count --year " + year),
            (json::object{{"rows", json::array{}},
                          {"summary", json::object{{"year", std::stoi(year)},
                                                   {"authorised", 1},
                                                   {"unauthorised", 2},
                                                   {"total", 3}}}}));
  EXPECT_EQ(Rows("purpose-exceptions --year " + year),
            (json::array{
                json::object{{"seq", SeqOf(authorised)}, {"authorisation", "authorised"}},
                json::object{{"seq", SeqOf(unauthorised)}, {"authorisation", "unauthorised"}},
                json::object{{"seq", SeqOf(self_authorised)}, {"authorisation", "unauthorised"}}}));
  EXPECT_EQ(Json("purpose-exceptions --count --year 2013").at("summary").at("total"), 0);

  // "Date of commencement" ¶2: reviewed after 6 months, then only when a
  // signatory asks (DESIGN.md §3 reading). West Mercia is not a signatory.
  EXPECT_EQ(RowWhere(Rows("reviews --due --on 2013-09-15"), "agreement", kProtocol),
            (json::object{{"agreement", kProtocol},
                          {"version", 1},
                          {"agreed", "2013-04-01"},
                          {"last_review", ""},
                          {"next_due", "2013-10-01"},
                          {"state", "due 2013-10-01"},
                          {"cite", "004 Date of commencement ¶2"}}));
  json::object police_review =
      RecordOne("wm.siro", "agreement.reviewed",
                {{"agreement", kProtocol}, {"date", "2013-10-01"}, {"outcome", "continued"}});
  EXPECT_EQ(Rules(police_review), std::vector<std::string>{"scope.party"});
  ASSERT_FALSE(Refused(
      RecordOne("o.siro", "agreement.reviewed",
                {{"agreement", kProtocol}, {"date", "2013-10-01"}, {"outcome", "continued"}})));
  EXPECT_EQ(RowWhere(Rows("reviews --on " + today_), "agreement", kProtocol).at("state"),
            "on request");
  for (const auto& r : Rows("reviews --due --on " + today_))
    EXPECT_NE(r.at("agreement"), kProtocol);

  // The SIRO's view of attempted breaches.
  json::array requester = Rows("refusals --rule register.requester");
  EXPECT_EQ(Column(requester, "attempt"),
            (std::vector<std::string>{"register.requested", "standing_request.reconfirmed"}));
  EXPECT_EQ(Column(requester, "user"), (std::vector<std::string>{"wm.officer", "wm.officer"}));
  EXPECT_EQ(Column(Rows("refusals --party west-mercia-police"), "rule"),
            (std::vector<std::string>{"register.requester", "fields.forbidden", "register.purpose",
                                      "register.requester", "purpose.unauthorised",
                                      "purpose.unauthorised", "scope.party"}));

  ExpectVerifiedAndReindexStable(
      {"standing-requests --on " + today_, "standing-requests --lapsed-on " + lapse,
       "purpose-exceptions --year " + year, "shared-with --party west-mercia-police", "refusals",
       "reviews --on " + today_});
}

}  // namespace
}  // namespace sharetrail::e2e
