// The story's directory: staff of about a dozen parties (the parties come
// from policies/parties.json). Every name is invented and marked so.
#include "cli/demo_story.h"

namespace sharetrail::cli::demo {

namespace json = boost::json;

const std::vector<Person>& People() {
  static const std::vector<Person> people = {
      {"ofsted.arc.hollis", "Hattie Hollis", "ofsted", "arc", "staff"},
      {"ofsted.arc.penrose", "Percy Penrose", "ofsted", "arc", "staff"},
      {"ofsted.arc.quayle", "Rosa Quayle", "ofsted", "arc", "staff"},
      {"ofsted.arc.tumble", "Ned Tumble", "ofsted", "arc", "staff"},
      {"ofsted.policy.quill", "Ada Quill", "ofsted", "social-care-policy", "staff"},
      {"ofsted.smt.marlow", "Ben Marlow", "ofsted", "social-care-senior-management", "staff"},
      {"ofsted.isp.tansy", "Tilly Tansy", "ofsted", "la-inspection-support-management", "staff"},
      {"ofsted.inspector.fenwick", "Fergus Fenwick", "ofsted", "social-care-inspection", "staff"},
      {"ofsted.inspector.gorse", "Greta Gorse", "ofsted", "social-care-inspection", "staff"},
      {"ofsted.inspector.hythe", "Hal Hythe", "ofsted", "social-care-inspection", "staff"},
      {"ofsted.inspector.ivel", "Iris Ivel", "ofsted", "social-care-inspection", "staff"},
      {"ofsted.inspector.jessop", "Jude Jessop", "ofsted", "social-care-inspection", "staff"},
      {"ofsted.contact.amberley", "Amos Amberley", "ofsted", "designated-contact", "staff"},
      {"ofsted.ig.vance", "Cora Vance", "ofsted", "information-governance", "ig_officer"},
      {"ofsted.ig.wick", "Wendell Wick", "ofsted", "information-governance", "ig_officer"},
      {"ofsted.siro.holt", "Fay Holt", "ofsted", "information-governance", "siro"},
      {"ofsted.foi.oakes", "Dev Oakes", "ofsted", "foi", "foi_officer"},
      {"ofsted.foi.pryor", "Polly Pryor", "ofsted", "foi", "foi_officer"},
      {"dfe.data.brandt", "Eli Brandt", "dfe", "safeguarding-data", "staff"},
      {"dfe.scr.lumley", "Lorna Lumley", "dfe", "scr-secretariat", "staff"},
      {"dfe.ig.carrow", "Caspar Carrow", "dfe", "information-governance", "ig_officer"},
      {"dfe.siro.ashdown", "Agnes Ashdown", "dfe", "information-governance", "siro"},
      {"dfe.foi.pell", "Piers Pell", "dfe", "foi", "foi_officer"},
      {"dfe.senior.wren", "Winifred Wren", "dfe", "safeguarding-data", "senior_official"},
      {"cqc.chj.okafor", "Obi Okafor-Plum", "cqc", "childrens-health-and-justice", "staff"},
      {"cqc.pmsic.ferris", "Flora Ferris", "cqc", "pmsic-senior-management", "staff"},
      {"cqc.ig.dunmore", "Dora Dunmore", "cqc", "information-governance", "ig_officer"},
      {"cqc.foi.tallis", "Theo Tallis", "cqc", "foi", "foi_officer"},
      {"cqc.siro.grange", "Gus Grange", "cqc", "information-governance", "siro"},
      {"hmicfrs.pvp.kestrel", "Kit Kestrel", "hmicfrs", "hmi-pvp-cjji", "staff"},
      {"hmicfrs.head.pike", "Portia Pike", "hmicfrs", "head-of-pvp", "staff"},
      {"hmicfrs.ig.moss", "Milo Moss", "hmicfrs", "information-governance", "ig_officer"},
      {"hmicfrs.foi.nettle", "Nina Nettle", "hmicfrs", "foi", "foi_officer"},
      {"probation.smt.fairweather", "Faith Fairweather", "hmi-probation", "senior-management",
       "staff"},
      {"prisons.smt.bramble", "Basil Bramble", "hmi-prisons", "senior-management", "staff"},
      {"prisons.ig.larch", "Lettice Larch", "hmi-prisons", "information-governance", "ig_officer"},
      {"hmcpsi.smt.quince", "Quentin Quince", "hmcpsi", "senior-management", "staff"},
      {"cc.contact.sorrel", "Sorrel Sparrow", "childrens-commissioner", "designated-contact",
       "staff"},
      {"cc.senior.heron", "Hester Heron", "childrens-commissioner", "designated-contact",
       "senior_official"},
      {"cc.ig.finch", "Felix Finch", "childrens-commissioner", "information-governance",
       "ig_officer"},
      {"wmp.chief.thorne", "Chief Constable Tamsin Thorne", "west-mercia-police", "chief-officer",
       "chief_officer_of_police"},
      {"wmp.pp.baxter", "DS Barney Baxter", "west-mercia-police", "public-protection", "staff"},
      {"wmp.siro.ellery", "Ellis Ellery", "west-mercia-police", "chief-officer", "siro"},
      {"lp.chief.marchbank", "Chief Constable Mabel Marchbank", "leicestershire-police",
       "chief-officer", "chief_officer_of_police"},
      {"lp.pp.dimmock", "PC Dan Dimmock", "leicestershire-police", "public-protection", "staff"},
      {"wp.chief.ashgrove", "Chief Constable Alfie Ashgrove", "wiltshire-police", "chief-officer",
       "chief_officer_of_police"},
      {"nscc.dcs.puddifoot", "Priya Puddifoot", "northshire-county-council", "childrens-services",
       "director_of_childrens_services"},
      {"nscc.cs.gillow", "Gideon Gillow", "northshire-county-council", "childrens-services",
       "staff"},
      {"sbc.dcs.wetherby", "Wanda Wetherby", "southborough-council", "childrens-services",
       "director_of_childrens_services"},
  };
  return people;
}

std::string PartyOf(std::string_view user) {
  for (const Person& p : People()) {
    if (user == p.user) return p.party;
  }
  return "";
}

void Directory(Story& s) {
  for (const Person& p : People()) {
    s.Emit(s.opened(), "admin", "user.registered",
           {{"user", p.user},
            {"name", std::string(p.name) + " (fictional)"},
            {"party", p.party},
            {"team", p.team},
            {"roles", json::array{p.role}}});
  }
}

}  // namespace sharetrail::cli::demo
