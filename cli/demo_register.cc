// Seed 004: the register of children's homes, disclosed on request to
// police forces (by the Chief Officer), local authorities (by the Director
// of Children's Services) and the Children's Commissioner; standing monthly
// requests and their reconfirmation; uses beyond safeguarding.
#include <string>

#include "cli/demo_story.h"

namespace sharetrail::cli::demo {

namespace json = boost::json;

namespace {

json::array Fields(bool police) {
  json::array f;
  if (police) {
    f.push_back("registered_person_name_address");
    f.push_back("responsible_individual_name_address");
  }
  f.push_back("home_name_address_telephone");
  f.push_back("enforcement_action_date_nature");
  return f;
}

struct Requester {
  const char* user;
  const char* party;
  const char* area;
  bool police;
};
const std::vector<Requester> kRequesters = {
    {"wmp.chief.thorne", "west-mercia-police", "West Mercia police force area", true},
    {"lp.chief.marchbank", "leicestershire-police", "Leicestershire police force area", true},
    {"nscc.dcs.puddifoot", "northshire-county-council", "Northshire", false},
    {"cc.senior.heron", "childrens-commissioner", "England", false},
    {"wp.chief.ashgrove", "wiltshire-police", "Wiltshire police force area", true},
    {"sbc.dcs.wetherby", "southborough-council", "Southborough", false}};

void Request(Story& s, Date d, const std::string& user, const std::string& id,
             const std::string& area, json::array fields, bool standing) {
  s.Emit(d, user, "register.requested",
         {{"request", id},
          {"area", area},
          {"fields", std::move(fields)},
          {"purpose", "safeguarding"},
          {"standing", standing},
          {"secure_email", "register@" + PartyOf(user) + ".gov.example"}});
}

void Send(Story& s, Date d, const std::string& request, const Requester& r) {
  std::string month = d.ToString().substr(0, 7);
  std::string id = "register-extract-" + request + "-" + month;
  s.Item(
      d, "ofsted.arc.penrose",
      {{"item", id},
       {"title", "Register of children's homes extract for " + std::string(r.party) + ", " + month},
       {"kind", "register_extract"},
       {"category", "register_extract"},
       {"classification", "official-sensitive"},
       {"safeguarding", false},
       {"personal_data", true},
       {"fields", Fields(r.police)},
       {"agreement", "register-of-childrens-homes"}});
  s.Emit(d, "ofsted.arc.penrose", "share",
         {{"items", json::array{id}},
          {"to", r.party},
          {"agreement", "register-of-childrens-homes"},
          {"purpose", "safeguarding"},
          {"lawful_basis", "Care Standards Act 2000 and the Registration Regulations, Sch 5"},
          {"necessity", "safeguarding children accommodated in homes in the requester's area"},
          {"decided_by", "ofsted.ig.vance"},
          {"method", "secure_email"},
          {"request", request},
          {"fields", Fields(r.police)},
          {"classification", "official-sensitive"}});
  s.Access(s.AddWorkingDays(d, 1), r.user, id, "safeguarding: homes in our area");
}

// A standing request and the days it is served: from the day it is made to
// the last day before it lapses (or the story's end).
struct Standing {
  const Requester* by;
  std::string id;
  Date made;
  Date last;
};

}  // namespace

void Register(Story& s) {
  const auto& days = s.working_days();
  std::string y = std::to_string(s.year());
  // Leicestershire's standing request was made the summer before and never
  // reconfirmed, so it lapses twelve months on and HMCI sends nothing more
  // until the force makes a further request (seed 004, "How requests should
  // be made" ¶4 and ¶6); it does, three weeks later.
  const Requester& lp = kRequesters[1];
  Date lp_made = s.AddWorkingDays(s.opened(), 5);
  Date lp_last = AddMonths(lp_made, 12);
  Date lp_again = s.AddWorkingDays(lp_last, 15);
  std::vector<Standing> standing = {
      {&lp, "lp-reg-" + lp_made.ToString().substr(0, 7), lp_made, lp_last},
      {&kRequesters[0], "wmp-reg-" + y + "-01", days[3], s.last()},
      {&kRequesters[2], "nscc-reg-" + y + "-01", days[5], s.last()},
      {&lp, "lp-reg-" + lp_again.ToString().substr(0, 7), lp_again, s.last()}};
  for (const Standing& st : standing) {
    Request(s, st.made, st.by->user, st.id, st.by->area, Fields(st.by->police), true);
  }
  // A constable cannot ask (the role is not delegable); children's details
  // are never disclosed. Both refused.
  Request(s, days[3], "wmp.pp.baxter", "wmp-reg-" + y + "-02", kRequesters[0].area, Fields(true),
          false);
  json::array with_child = Fields(false);
  with_child.push_back("child_name");
  Request(s, days[8], "sbc.dcs.wetherby", "sbc-reg-" + y + "-01", "Southborough", with_child,
          false);
  // The extracts go out on the second working day of each month, from the
  // July after the story opens.
  for (Date month{s.year() - 1, 7, 1}; month <= s.last(); month = AddMonths(month, 1)) {
    Date d = month;
    while (!s.IsWorkingDay(d)) d = AddDays(d, 1);
    d = s.AddWorkingDays(d, 1);
    for (const Standing& st : standing) {
      if (st.made < d && d <= st.last) Send(s, d, st.id, *st.by);
    }
    if (month.year != s.year()) continue;
    // One-off requests through the year from the others.
    int m = month.month;
    const Requester& r = kRequesters[3 + m % 3];
    std::string id = std::string(r.party).substr(0, 4) + "-reg-" + y + "-m" + std::to_string(m);
    Date asked = AddDays(d, -1);
    while (!s.IsWorkingDay(asked)) asked = AddDays(asked, -1);
    Request(s, asked, r.user, id, r.area, Fields(r.police), false);
    Send(s, s.AddWorkingDays(d, 2), id, r);
  }
  s.Emit(days[200], "wmp.chief.thorne", "standing_request.reconfirmed",
         {{"request", standing[1].id}});
  s.Emit(days[200], "nscc.dcs.puddifoot", "standing_request.reconfirmed",
         {{"request", standing[2].id}});
  s.Emit(days[150], "wmp.pp.baxter", "purpose.use",
         {{"request", standing[1].id},
          {"purpose", "county lines disruption planning"},
          {"description",
           "Home addresses used to plan patrols around homes targeted by a county lines group; "
           "no children's details involved."},
          {"authorised_by", "wmp.siro.ellery"},
          {"authorisation_reference", "WMP-AUTH-" + y + "-031"}});
  s.Emit(days[210], "lp.pp.dimmock", "purpose.use",
         {{"request", standing[3].id},
          {"purpose", "recruitment mailing"},
          {"description",
           "Home addresses copied into a mailing list for a volunteer recruitment campaign."}});
}

}  // namespace sharetrail::cli::demo
