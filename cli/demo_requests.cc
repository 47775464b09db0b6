// Information requests under FOIA, EIR and UK GDPR subject access: most
// answered in time, a few late, some clarified or charged for, a few
// reviewed and one taken to the ICO; round robins (the same request sent to
// several bodies, linked by its digest); and 000 §15's duty to keep the
// other party informed of requests touching what was shared.
#include <map>
#include <string>

#include "cli/demo_story.h"

namespace sharetrail::cli::demo {

namespace json = boost::json;

namespace {

struct Desk {
  const char* party;
  const char* prefix;
  std::vector<std::string> officers;
  const char* counterparty;  // told of requests touching the daily summaries
  int per_week;              // requests received, on average
};

const std::vector<Desk>& AllDesks() {
  static const std::vector<Desk> desks = {
      {"ofsted", "ofsted", {"ofsted.foi.oakes", "ofsted.foi.pryor"}, "dfe", 15},
      {"dfe", "dfe", {"dfe.foi.pell"}, "ofsted", 10},
      {"cqc", "cqc", {"cqc.foi.tallis"}, nullptr, 5},
      {"hmicfrs", "hmicfrs", {"hmicfrs.foi.nettle"}, nullptr, 3}};
  return desks;
}

const std::vector<std::string> kTopics = {"Inspection outcomes for children's homes in the region",
                                          "Numbers of notifiable incidents",
                                          "Staff training on safeguarding",
                                          "Correspondence with a named local authority",
                                          "Costs of inspection travel",
                                          "Complaints about a provider",
                                          "Joint inspection programme",
                                          "Use of agency staff by the inspectorate"};

class Desks {
 public:
  explicit Desks(Story& s) : s_(s) {}

  void Run() {
    const auto& days = s_.working_days();
    for (size_t i = 0; i < days.size(); ++i) {
      for (const Desk& desk : AllDesks()) {
        // Uniform in 0..2w/5: w a week on average.
        int n = static_cast<int>(s_.Below(desk.per_week * 2 / 5 + 1));
        for (int k = 0; k < n; ++k) One(desk, i, "", "");
      }
      if (i % 25 == 12) RoundRobin(i);
    }
  }

 private:
  void RoundRobin(size_t day) {
    std::string topic = "Every notifiable incident summary sent in the month (round robin)";
    std::string digest = Digest("round robin " + std::to_string(day));
    for (size_t d = 0; d < 3; ++d)
      One(AllDesks()[d], std::min(day + d, s_.working_days().size() - 1), topic, digest);
  }

  void One(const Desk& desk, size_t day, const std::string& topic, const std::string& digest) {
    const auto& days = s_.working_days();
    Date d = days[day];
    const std::string& officer = s_.Pick(desk.officers);
    int roll = static_cast<int>(s_.Below(100));
    std::string regime = !digest.empty()                  ? "foia"
                         : roll < 8                       ? "eir"
                         : roll < 22 && desk.counterparty ? "sar"
                                                          : "foia";
    std::string id = std::string(desk.prefix) + "-" + (regime == "foia" ? "foi" : regime) + "-" +
                     std::to_string(s_.year()) + "-" +
                     std::to_string(++count_[std::string(desk.prefix) + regime]);
    json::object body{{"request", id},
                      {"regime", regime},
                      {"received", d.ToString()},
                      {"requester", (regime == "sar" ? "sar-ref-" : "wdtk-") +
                                        std::to_string(70000 + s_.Below(30000))}};
    bool touches = false;
    if (regime == "foia" && desk.counterparty != nullptr && day > 40 &&
        (s_.Percent(30) || !digest.empty())) {
      touches = true;
      body["items"] = json::array{"annex-a-summary-" + days[day - s_.Between(5, 30)].ToString()};
    }
    if (regime == "sar") {
      body["topic"] = "Personal data held about the requester";
    } else if (!topic.empty()) {
      body["topic"] = topic;
    } else {
      body["topic"] =
          regime == "eir" ? "Energy use and emissions at inspection offices" : s_.Pick(kTopics);
    }
    if (!digest.empty()) body["digest"] = digest;
    Emit(d, officer, "received", std::move(body));
    // Stops the clock until the answer comes (FOIA s1(3); UK GDPR art 12(3)).
    int paused = 0;
    if (s_.Percent(5)) {
      Emit(s_.AddWorkingDays(d, 2), officer, "clarification-requested",
           {{"date", s_.AddWorkingDays(d, 2).ToString()},
            {"note", "Which period the request covers."}});
      paused = s_.Between(3, 8);
      Emit(s_.AddWorkingDays(d, 2 + paused), officer, "clarification-received",
           {{"date", s_.AddWorkingDays(d, 2 + paused).ToString()}});
    } else if (regime == "foia" && s_.Percent(2)) {
      Emit(s_.AddWorkingDays(d, 3), officer, "fee-notified",
           {{"date", s_.AddWorkingDays(d, 3).ToString()}, {"amount", "GBP 450.00"}});
      paused = s_.Between(4, 10);
      Emit(s_.AddWorkingDays(d, 3 + paused), officer, "fee-paid",
           {{"date", s_.AddWorkingDays(d, 3 + paused).ToString()}});
    }
    // Told within a few days, but now and then forgotten until after the answer.
    bool informs = touches && !s_.Percent(4);
    if (informs) {
      Emit(s_.AddWorkingDays(d, s_.Between(1, 3)), officer, "informed",
           {{"party", desk.counterparty},
            {"note", "Told the other party's FOI team under 000 s15."}});
    }
    // One in two hundred is never answered: open past its deadline.
    if (s_.Below(200) == 0) {
      current_.clear();
      return;
    }
    bool late = s_.Percent(2);
    Date answer =
        regime == "sar"
            ? AddDays(d, late ? s_.Between(40, 55) : s_.Between(10, 25) + paused)
            : s_.AddWorkingDays(d, late ? s_.Between(24, 32) : s_.Between(5, 19) + paused);
    while (!s_.IsWorkingDay(answer)) answer = AddDays(answer, 1);
    if (regime == "sar" && !late && DaysBetween(d, answer) > 26 + paused)
      answer = AddDays(answer, -3);
    while (!s_.IsWorkingDay(answer)) answer = AddDays(answer, -1);
    int o = static_cast<int>(s_.Below(100));
    const char* outcome = o < 35   ? "disclosed"
                          : o < 60 ? "part_disclosed"
                          : o < 70 ? "refused"
                          : o < 95 ? "not_held"
                                   : "withdrawn";
    if (regime == "sar" && std::string(outcome) != "part_disclosed") outcome = "disclosed";
    json::object reply{{"date", answer.ToString()}, {"outcome", outcome}};
    std::string out = outcome;
    if (out == "part_disclosed" || out == "refused") {
      reply["exemptions"] = regime == "eir"   ? json::array{"reg 13"}
                            : regime == "sar" ? json::array{"DPA 2018 Sch 2 para 16"}
                                              : json::array{"s40(2)", "s31(1)(a)"};
    }
    Emit(answer, officer, "responded", std::move(reply));
    if (!informs && touches) {
      Emit(s_.AddWorkingDays(answer, 2), officer, "informed",
           {{"party", desk.counterparty}, {"note", "Told after the answer went out."}});
    }
    if ((out == "refused" || out == "part_disclosed") && regime != "sar" && s_.Percent(15)) {
      Date asked = s_.AddWorkingDays(answer, s_.Between(5, 20));
      Emit(asked, officer, "review-requested", {{"date", asked.ToString()}});
      Date decided = s_.AddWorkingDays(asked, s_.Between(8, 19));
      Emit(decided, officer, "review-decided",
           {{"date", decided.ToString()}, {"outcome", "upheld"}});
      if (++reviews_ % 10 == 3) {
        Date complained = s_.AddWorkingDays(decided, 15);
        Emit(complained, officer, "ico-complaint",
             {{"date", complained.ToString()},
              {"reference", "IC-" + std::to_string(200000 + reviews_)}});
        Date ruled = s_.AddWorkingDays(complained, 40);
        Emit(ruled, officer, "ico-decided",
             {{"date", ruled.ToString()}, {"outcome", "complaint_not_upheld"}});
      }
    }
    current_.clear();
  }

  void Emit(Date d, const std::string& officer, const std::string& type, json::object body) {
    if (current_.empty()) current_ = std::string(body.at("request").as_string());
    json::object full{{"request", current_}};
    for (auto& kv : body) full[kv.key()] = kv.value();
    s_.Emit(d, officer, "foi." + type, std::move(full));
  }

  Story& s_;
  std::map<std::string, int> count_;  // per party and regime
  int reviews_ = 0;
  std::string current_;
};

}  // namespace

void Requests(Story& s) { Desks(s).Run(); }

}  // namespace sharetrail::cli::demo
