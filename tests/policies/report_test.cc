// The annual report over a generated year: every figure against the tallies
// the fixture kept while recording, the FOI figures against FoiStats, scope
// filters, and the JSON, CSV and HTML forms.
#include <gtest/gtest.h>

#include "ledger/base64.h"
#include "policies/queries.h"
#include "tests/policies/report_fixture.h"

namespace sharetrail::policy::testing {
namespace {

std::string Join(const std::set<uint64_t>& s) {
  std::string out;
  for (uint64_t v : s) out += std::to_string(v) + " ";
  return out;
}

// The sections the fixture exercises; it tallies every figure in them.
const std::set<std::string> kTallied = {"shares", "holds",   "deletion",
                                        "foi",    "reviews", "refusals"};

TEST_F(ReportTest, EveryFigureCountsWhatWasRecorded) {
  Report r = Annual(2025);
  Tallies got = ByPartyAndMetric(r);
  for (const auto& [name, seqs] : expected_) {
    ASSERT_TRUE(got.contains(name)) << name << " missing from the report";
    EXPECT_EQ(Join(got[name]), Join(seqs)) << name;
  }
  for (const auto& [name, seqs] : got) {
    std::string section = name.substr(0, name.find('/'));
    if (kTallied.contains(section)) {
      EXPECT_TRUE(expected_.contains(name)) << "extra " << name;
    }
  }
  // Every count figure's value is the number of entries it lists.
  for (const Figure& f : r.figures) {
    if (f.basis == "count") {
      EXPECT_EQ(f.value.as_int64(), static_cast<int64_t>(f.seqs.size()));
    }
  }
  EXPECT_EQ(got["shares//month.2025-03"].size(), 2u);
  EXPECT_EQ(got["shares/ofsted/made"].size(), 16u);  // 12 months + 4 quarter-end extras
}

TEST_F(ReportTest, FoiFiguresAgreeWithFoiStats) {
  Report r = Annual(2025);
  auto snap = ledger_->Read();
  ASSERT_TRUE(snap.ok());
  auto stats = FoiStats(*engine_, **snap, 2025, "");
  ASSERT_TRUE(stats.ok());
  ASSERT_EQ(stats->rows.size(), 2u);
  std::map<std::string, std::string> figure;
  for (const Figure& f : r.figures) {
    if (f.section == "foi") figure[f.party + "/" + f.metric] = CellText(f.value);
  }
  for (const auto& row : stats->rows) {
    std::string p = CellText(row.at("party"));
    auto num = [&](const char* metric) {
      return figure.contains(p + "/" + metric) ? figure[p + "/" + metric] : "0";
    };
    EXPECT_EQ(num("received"), CellText(row.at("received"))) << p;
    EXPECT_EQ(num("answered"), CellText(row.at("answered"))) << p;
    EXPECT_EQ(num("on_time"), CellText(row.at("on_time"))) << p;
    EXPECT_EQ(num("late"), CellText(row.at("late"))) << p;
    EXPECT_EQ(num("open"), CellText(row.at("open"))) << p;
    EXPECT_EQ(num("informed_first"), CellText(row.at("informed_first"))) << p;
    EXPECT_EQ(num("with_counterparties"), CellText(row.at("with_counterparties"))) << p;
    EXPECT_EQ(figure[p + "/on_time_pct"], CellText(row.at("on_time_pct"))) << p;
    EXPECT_EQ(figure[p + "/median_working_days"], CellText(row.at("median_working_days"))) << p;
  }
  EXPECT_EQ(figure["ofsted/on_time_pct"], "50.0");
  for (const Figure& f : r.figures) {
    if (f.metric == "median_working_days") {
      EXPECT_EQ(f.basis, "median") << f.Name();
    }
  }
}

// Each refusals rule figure shows its first refusal: who proposed what, and
// the reason the engine recorded (the SIRO's "with examples").
TEST_F(ReportTest, EveryRefusalRuleHasAnExample) {
  Report r = Annual(2025);
  size_t rules = 0;
  for (const Figure& f : r.figures) {
    if (f.section != "refusals" || !f.metric.starts_with("rule.")) continue;
    ++rules;
    const Example* x = nullptr;
    for (const Example& e : r.examples) {
      if (e.figure == f.Name()) x = &e;
    }
    ASSERT_NE(x, nullptr) << f.Name();
    EXPECT_EQ(x->seq, f.seqs.front()) << f.Name();
    json::object entry = EntryAt(x->seq);
    const json::object& actor = entry.at("actor").as_object();
    std::string reason;
    for (const auto& finding : entry.at("body").at("decision").at("findings").as_array()) {
      if (finding.at("severity") == "refuse") {
        reason = finding.at("reason").as_string().c_str();
        break;
      }
    }
    EXPECT_EQ(x->text, Str(actor, "user") + " (" + Str(actor, "party") + ") proposed " +
                           Str(entry.at("body").at("attempt").as_object(), "type") + ": " + reason);
  }
  EXPECT_GT(rules, 0u);
  EXPECT_EQ(r.examples.size(), rules);
  EXPECT_NE(r.Html("p/", ".json").find("For example, entry"), std::string::npos);
}

// Each agreement's review state at the year end is what the reviews list
// says on 31 December (no review after the year is recorded here).
TEST_F(ReportTest, ReviewStatesAgreeWithTheReviewsList) {
  Report r = Annual(2025);
  auto snap = ledger_->Read();
  ASSERT_TRUE(snap.ok());
  auto reviews = Reviews(*engine_, **snap, Date{2025, 12, 31}, false);
  ASSERT_TRUE(reviews.ok());
  ASSERT_FALSE(reviews->rows.empty());
  for (const auto& row : reviews->rows) {
    const std::string a = CellText(row.at("agreement"));
    const Figure* found = nullptr;
    for (const Figure& f : r.figures) {
      if (f.section == "reviews" && f.agreement == a && f.metric == "state_at_year_end") found = &f;
    }
    ASSERT_NE(found, nullptr) << a;
    EXPECT_EQ(CellText(found->value), CellText(row.at("state"))) << a;
    EXPECT_EQ(found->basis, "state") << a;
    EXPECT_FALSE(found->seqs.empty()) << a;
  }
}

TEST_F(ReportTest, OtherYearsCountOnlyTheirOwn) {
  Report r = Annual(2024);
  Tallies got = ByPartyAndMetric(r);
  EXPECT_EQ(got["shares/ofsted/made"].size(), 1u);
  EXPECT_EQ(got["holds/ofsted/placed"].size(), 1u);
  EXPECT_FALSE(got.contains("foi/ofsted/received"));
  EXPECT_EQ(ByPartyAndMetric(Annual(2026))["shares/ofsted/made"].size(), 1u);
}

TEST_F(ReportTest, ScopeKeepsOnlyThatPartyOrAgreement) {
  Report dfe = Annual(2025, "", "dfe");
  ASSERT_FALSE(dfe.figures.empty());
  for (const Figure& f : dfe.figures) EXPECT_TRUE(f.party == "dfe" || f.party.empty()) << f.Name();
  Tallies got = ByPartyAndMetric(dfe);
  EXPECT_EQ(got["shares/dfe/received"], expected_["shares/dfe/received"]);
  EXPECT_EQ(got["shares//month.2025-06"].size(), 2u);
  EXPECT_FALSE(got.contains("shares/ofsted/made"));

  Report mou = Annual(2025, kMou, "");
  ASSERT_FALSE(mou.figures.empty());
  for (const Figure& f : mou.figures) EXPECT_EQ(f.agreement, kMou) << f.Name();
  EXPECT_EQ(ByPartyAndMetric(mou)["shares/ofsted/made"], expected_["shares/ofsted/made"]);
  EXPECT_FALSE(ByPartyAndMetric(mou).contains("foi/ofsted/received"));  // FOI is per party
}

TEST_F(ReportTest, StatesItsCheckpoint) {
  Report r = Annual(2025);
  EXPECT_EQ(r.size, Size());
  EXPECT_EQ(Base64(r.root), Base64(*ledger_->Root(Size())));
  EXPECT_EQ(r.checkpoint, *ledger_->SignedCheckpoint(Size()));
}

TEST_F(ReportTest, JsonRoundTripsAndCsvHasARowPerFigure) {
  Report r = Annual(2025);
  auto back = Report::FromJson(r.Json());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(json::serialize(back->Json()), json::serialize(r.Json()));
  std::string csv = r.Csv();
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), static_cast<long>(r.figures.size() + 1));
  EXPECT_TRUE(csv.starts_with("section,agreement,party,metric,value,basis,seqs"));
  EXPECT_FALSE(Report::FromJson(json::parse(R"({"format":"other"})")).ok());
}

TEST_F(ReportTest, HtmlLinksEveryFigureToItsEntries) {
  Report r = Annual(2025);
  std::string html = r.Html("/api/v1/proof/inclusion?seq=", "");
  EXPECT_NE(html.find(Base64(r.root)), std::string::npos);
  EXPECT_EQ(std::count(html.begin(), html.end(), '\0'), 0);
  size_t charts = 0;
  for (size_t p = html.find("<svg"); p != std::string::npos; p = html.find("<svg", p + 1)) {
    ++charts;
  }
  EXPECT_EQ(charts, 2u);
  for (size_t i = 0; i < r.figures.size(); ++i) {
    EXPECT_NE(html.find("href=\"#figure-" + std::to_string(i) + "\""), std::string::npos);
  }
  for (uint64_t seq : r.AllSeqs()) {
    std::string s = std::to_string(seq);
    EXPECT_NE(html.find("id=\"entry-" + s + "\""), std::string::npos) << s;
    EXPECT_NE(html.find("/api/v1/proof/inclusion?seq=" + s + "\""), std::string::npos) << s;
  }
}

}  // namespace
}  // namespace sharetrail::policy::testing
