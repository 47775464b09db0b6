// A generated year of activity for the annual report tests: 2025 at Ofsted,
// DfE and CQC (shares every month, holds placed and lifted, deletions and a
// disposal, FOI requests on time, late, withdrawn and open, a review and
// refused attempts), with events in December 2024 and January 2026 that the
// 2025 report must not count. While recording, the fixture tallies what
// each figure should count, from what it recorded and the engine's answer,
// independently of the report code.
#ifndef SHARETRAIL_TESTS_POLICIES_REPORT_FIXTURE_H_
#define SHARETRAIL_TESTS_POLICIES_REPORT_FIXTURE_H_

#include <map>
#include <set>
#include <string>

#include "policies/report.h"
#include "tests/policies/rules/foi_fixture.h"

namespace sharetrail::policy::testing {

class ReportTest : public FoiTest {
 protected:
  ReportTest() {
    start_date_ = "2024-12-02";
    // Small, so a checkpoint from before 2025 is retained (bundle tests).
    checkpoint_interval_ = 16;
  }

  void SetUp() override {
    FoiTest::SetUp();
    if (HasFatalFailure()) return;
    RecordYear();
  }

  // "section/party/metric" -> seqs: the figures summed over agreements.
  using Tallies = std::map<std::string, std::set<uint64_t>>;

  void Tally(const std::string& section, const std::string& party, const std::string& metric,
             uint64_t seq) {
    expected_[section + "/" + party + "/" + metric].insert(seq);
  }

  // The report's count figures summed over agreements, the same shape.
  static Tallies ByPartyAndMetric(const Report& r) {
    Tallies out;
    for (const Figure& f : r.figures) {
      if (f.basis != "count") continue;
      out[f.section + "/" + f.party + "/" + f.metric].insert(f.seqs.begin(), f.seqs.end());
    }
    return out;
  }

  Report Annual(int year, const std::string& agreement = "", const std::string& party = "") {
    auto snap = ledger_->Read();
    EXPECT_TRUE(snap.ok());
    auto r = AnnualReport(*engine_, *ledger_, **snap, ReportScope{year, agreement, party});
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : Report{};
  }

  void ShareSummary(const std::string& id, const std::string& month) {
    Recorded item = Summary(id);
    ASSERT_TRUE(item.allowed()) << item.Findings();
    Recorded s = SendToDfe(id);
    ASSERT_TRUE(s.allowed()) << s.Findings();
    if (!in_year_) return;
    for (const char* m : {"made", "made.category.notifiable_incident_summary",
                          "made.basis.EIA 2006 s118(3) and Sch 13 para 8"}) {
      Tally("shares", "ofsted", m, s.seq);
    }
    for (const char* m : {"received", "received.category.notifiable_incident_summary",
                          "received.basis.EIA 2006 s118(3) and Sch 13 para 8"}) {
      Tally("shares", "dfe", m, s.seq);
    }
    Tally("shares", "", "month.2025-" + month, s.seq);
  }

  // A refused attempt, tallied under its first refusing rule.
  void Refusal(const Recorded& r, const std::string& party) {
    ASSERT_TRUE(r.refused()) << r.Findings();
    std::string rule;
    for (const auto& f : r.decision.at("findings").as_array()) {
      if (f.at("severity") == "refuse") {
        rule = std::string(f.at("rule").as_string());
        break;
      }
    }
    Tally("refusals", party, "total", r.seq);
    Tally("refusals", party, "rule." + rule, r.seq);
  }

  void Answer(const std::string& user, const std::string& party, const std::string& request,
              const std::string& date, bool counterparties) {
    Recorded r = Respond(user, request, date);
    ASSERT_TRUE(r.allowed()) << r.Findings();
    Tally("foi", party, "answered", r.seq);
    Tally("foi", party, r.Has("foi.late") ? "late" : "on_time", r.seq);
    if (counterparties && !r.Has("foi.inform-before-response")) {
      Tally("foi", party, "informed_first", r.seq);
    }
  }

  Recorded ReceiveInYear(const std::string& user, const std::string& party,
                         const std::string& request, const std::string& regime,
                         const std::string& received, json::object extra = {}) {
    bool touches = extra.contains("items");
    Recorded r = Receive(user, request, regime, received, std::move(extra));
    EXPECT_TRUE(r.allowed()) << r.Findings();
    Tally("foi", party, "received", r.seq);
    Tally("foi", party, "received." + regime, r.seq);
    // The MOU's foi_inform rule covers FOIA requests touching what Ofsted
    // shared with DfE (seed 000 §15).
    if (touches && regime == "foia") Tally("foi", party, "with_counterparties", r.seq);
    return r;
  }

  void RecordYear() {
    // December 2024: a share and the IICSA hold, still standing at the end
    // of 2025 but not placed in it.
    SetToday("2024-12-03");
    ShareSummary("sum-2024-12", "12");
    Recorded iicsa = PlaceIicsa();
    ASSERT_TRUE(iicsa.allowed()) << iicsa.Findings();
    Tally("holds", "ofsted", "in_force_at_year_end", iicsa.seq);

    in_year_ = true;
    for (int m = 1; m <= 12; ++m) {
      std::string mm = (m < 10 ? "0" : "") + std::to_string(m);
      SetToday("2025-" + mm + "-05");
      ShareSummary("sum-2025-" + mm, mm);
      if (m % 3 == 0) ShareSummary("sum-2025-" + mm + "b", mm);
      if (HasFatalFailure()) return;
    }

    SetToday("2025-12-10");
    // Deletion (before the ICO hold on its category): a plain item
    // requested, approved and disposed of; a safeguarding summary refused
    // under the IICSA hold.
    ASSERT_TRUE(Plain("old-1").allowed());
    Recorded req = Request("o.arc", "del-1", "old-1");
    ASSERT_TRUE(req.allowed()) << req.Findings();
    Tally("deletion", "ofsted", "requested", req.seq);
    ASSERT_TRUE(Approve("o.siro", "del-1").allowed());
    Recorded disposed = Dispose("o.arc", "del-1");
    ASSERT_TRUE(disposed.allowed()) << disposed.Findings();
    Tally("deletion", "ofsted", "disposals", disposed.seq);
    Recorded refused = Request("o.arc", "del-2", "sum-2025-02");
    Refusal(refused, "ofsted");
    Tally("deletion", "ofsted", "refused", refused.seq);

    // Holds: one placed and lifted in the year, one placed and standing.
    Recorded lit = Place("o.siro", "lit-1", "item", "litigation", "sum-2025-01");
    ASSERT_TRUE(lit.allowed()) << lit.Findings();
    Tally("holds", "ofsted", "placed", lit.seq);
    Recorded lifted = Lift("o.siro", "lit-1");
    ASSERT_TRUE(lifted.allowed()) << lifted.Findings();
    Tally("holds", "ofsted", "lifted", lifted.seq);
    Recorded ico = Place("o.ig", "ico-1", "category", "ico_investigation", "inspection_evidence");
    ASSERT_TRUE(ico.allowed()) << ico.Findings();
    Tally("holds", "ofsted", "placed", ico.seq);
    Tally("holds", "ofsted", "in_force_at_year_end", ico.seq);

    // Another party's attempt to pass Ofsted's summary to CQC.
    Refusal(Record("d.data", "share",
                   {{"items", json::array{"sum-2025-03"}},
                    {"to", "cqc"},
                    {"agreement", kMou},
                    {"purpose", "safeguarding"},
                    {"lawful_basis", "none"},
                    {"necessity", "curiosity"},
                    {"decided_by", "d.data"},
                    {"method", "email"}}),
            "dfe");

    Recorded review = ReviewMou("2025-12-10");
    ASSERT_TRUE(review.allowed()) << review.Findings();
    Tally("reviews", "ofsted", "held", review.seq);

    // Information requests received in 2025.
    SetToday("2025-12-11");
    ReceiveInYear("o.foi", "ofsted", "foi-1", "foia", "2025-12-01",
                  {{"items", json::array{"sum-2025-04"}}});
    ASSERT_TRUE(Inform("o.foi", "foi-1", "dfe").allowed());
    Answer("o.foi", "ofsted", "foi-1", "2025-12-11", true);
    ReceiveInYear("o.foi", "ofsted", "foi-2", "foia", "2025-10-01",
                  {{"items", json::array{"sum-2025-05"}}});
    Answer("o.foi", "ofsted", "foi-2", "2025-12-11", true);  // 50 working days: late
    ReceiveInYear("o.foi", "ofsted", "foi-3", "sar", "2025-12-02");
    ASSERT_TRUE(Respond("o.foi", "foi-3", "2025-12-11", "withdrawn").allowed());
    Recorded open = ReceiveInYear("o.foi", "ofsted", "foi-4", "foia", "2025-12-09");
    Tally("foi", "ofsted", "open", open.seq);
    ReceiveInYear("d.foi", "dfe", "foi-5", "eir", "2025-12-08");

    // January 2026: an answer to a 2025 request counts; a new share does not.
    in_year_ = false;
    SetToday("2026-01-06");
    Answer("d.foi", "dfe", "foi-5", "2026-01-06", false);
    ShareSummary("sum-2026-01", "01");
  }

  bool in_year_ = false;
  Tallies expected_;
};

}  // namespace sharetrail::policy::testing

#endif  // SHARETRAIL_TESTS_POLICIES_REPORT_FIXTURE_H_
