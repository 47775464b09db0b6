// Seed 000 Annex A: the daily spreadsheet checked row by row against the
// agreement file's headings (policies/annex_a.h).
#include "policies/annex_a.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <iterator>

namespace sharetrail::policy {
namespace {

Agreement Load(const std::string& id) {
  std::ifstream in(std::string(SHARETRAIL_SOURCE_DIR) + "/policies/agreements/" + id + ".json");
  std::string text((std::istreambuf_iterator<char>(in)), {});
  auto a = ParseAgreement(boost::json::parse(text).as_object());
  EXPECT_TRUE(a.ok()) << a.status().ToString();
  return a.ok() ? *a : Agreement{};
}

const AnnexASpec& Spec() {
  static const AnnexASpec spec = [] {
    auto s = AnnexASpecOf(Load("ofsted-dfe-notifiable-incidents"));
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? *s : AnnexASpec{};
  }();
  return spec;
}

const std::string kHeader =
    "Reference number,Local authority,Child\xE2\x80\x99s initials,Age,Date of birth,"
    "Date of incident,Date notification was received,Nature of notification,"
    "Death of child: yes or no,Death: whether natural causes,Case information\r\n";

AnnexAImport Check(const std::string& text) {
  auto records = ParseCsv(text);
  EXPECT_TRUE(records.ok()) << records.status().ToString();
  return ValidateAnnexA(records.ok() ? *records : std::vector<CsvRecord>{}, Spec());
}

std::vector<std::string> Errors(const AnnexAImport& in) {
  std::vector<std::string> out;
  for (const RowError& e : in.errors) out.push_back(e.ToString());
  return out;
}

TEST(AnnexASpec, HeadingsComeFromTheAgreementFile) {
  EXPECT_EQ(Spec().fields.size(), 33u);
  EXPECT_EQ(Spec().labels.at("childs_initials"), "Child\xE2\x80\x99s initials");
  EXPECT_EQ(Spec().labels.at("death_of_child"), "Death of child: yes or no");
  EXPECT_EQ(Spec().cite.para, "Annex A");
  auto none = AnnexASpecOf(Load("inspectorates-isp"));
  EXPECT_EQ(none.status().code(), Code::kNotFound);
}

TEST(AnnexA, ValidRowsAreNormalised) {
  AnnexAImport in = Check(kHeader +
                          "SIN-1,Northshire,A.B.,14,14/03/2012,17/11/2026,18/11/2026,"
                          "Serious injury,No,,\"Said \"\"an accident\"\", police checking\"\r\n"
                          ",,,,,,,,,,\r\n"
                          "SIN/2,Eastmere,,,,,2026-11-19,Child missing from care,,,\r\n");
  ASSERT_TRUE(in.ok()) << ::testing::PrintToString(Errors(in));
  ASSERT_EQ(in.rows.size(), 2u) << "the blank row is skipped";
  const auto& v = in.rows[0].values;
  EXPECT_EQ(v.at("childs_initials"), "AB");
  EXPECT_EQ(v.at("date_of_birth"), "2012-03-14");
  EXPECT_EQ(v.at("date_notification_was_received"), "2026-11-18");
  EXPECT_EQ(v.at("death_of_child"), "no");
  EXPECT_EQ(v.at("case_information"), "Said \"an accident\", police checking");
  EXPECT_EQ(v.count("death_whether_natural_causes"), 0u) << "blank cells are left out";
  EXPECT_EQ(in.rows[1].row, 4u) << "rows are numbered as the spreadsheet shows them";
  EXPECT_EQ(in.columns[2], "childs_initials");
}

TEST(AnnexA, HeaderProblemsAllReported) {
  AnnexAImport in = Check(
      "Reference number,Child's initials,Local authority,Reference number,,Favourite colour\n"
      "x,y,z,w,v,u\n");
  EXPECT_EQ(Errors(in),
            (std::vector<std::string>{
                "row 1, column \"Child's initials\": not an Annex A heading (000 Annex A) (did "
                "you mean \"Child\xE2\x80\x99s initials\"?)",
                "row 1, column \"Reference number\": appears twice in the header row",
                "row 1: column 5 has no heading",
                "row 1, column \"Favourite colour\": not an Annex A heading (000 Annex A)",
                "row 1, column \"Date notification was received\": missing from the header row "
                "(required)",
                "row 1, column \"Nature of notification\": missing from the header row "
                "(required)"}));
  EXPECT_TRUE(in.rows.empty()) << "cells are not read against a bad header";
}

TEST(AnnexA, EmptyFileAndHeaderOnly) {
  EXPECT_EQ(
      Errors(Check("")),
      (std::vector<std::string>{"row 1: the file is empty: expected the Annex A header row"}));
  EXPECT_EQ(Errors(Check(kHeader)),
            (std::vector<std::string>{"row 2: no data rows under the header"}));
}

TEST(AnnexA, EveryRowProblemListed) {
  AnnexAImport in =
      Check(kHeader +
            "SIN-1,Northshire,Jonathan,31,2026-12-01,20/11/2026,19/11/2026,Injury,maybe,,\r\n"
            "sin-1,,AB,x,,31/02/2026,2026-11-19,,no,yes,\r\n"
            "SIN 3,Eastmere,AB,4,,,19-11-2026,Injury,,,\r\n"
            "SIN-4,Eastmere\r\n"
            "SIN-5,Eastmere,AB,4,,,2026/11/19,Injury,,,\"tab\tok, bell \x07 not\"\r\n");
  EXPECT_EQ(
      Errors(in),
      (std::vector<std::string>{
          "row 2, column \"Child\xE2\x80\x99s initials\": initials only (one to four letters); "
          "a name must not be sent",
          "row 2, column \"Age\": \"31\" is not an age in whole years from 0 to 25",
          "row 2, column \"Death of child: yes or no\": \"maybe\" is not yes or no",
          "row 2, column \"Date of incident\": 2026-11-20 is after the date the notification "
          "was received (2026-11-19)",
          "row 2, column \"Date of birth\": 2026-12-01 is after the date of incident "
          "(2026-11-20)",
          "row 3, column \"Reference number\": \"sin-1\" is also on row 2",
          "row 3, column \"Age\": \"x\" is not an age in whole years from 0 to 25",
          "row 3, column \"Date of incident\": \"31/02/2026\" is not a date (DD/MM/YYYY or "
          "YYYY-MM-DD): 2026-02-31: February 2026 has 28 days",
          "row 3, column \"Local authority\": is empty (required)",
          "row 3, column \"Nature of notification\": is empty (required)",
          "row 3, column \"Death: whether natural causes\": filled in, but \"Death of child: "
          "yes or no\" says no",
          "row 4, column \"Reference number\": \"SIN 3\" is not a reference (letters, digits, "
          "- and /)",
          "row 4, column \"Date notification was received\": \"19-11-2026\" is not a date "
          "(DD/MM/YYYY or YYYY-MM-DD): \"19-11-2026\": expected a date as YYYY-MM-DD",
          "row 5: has 2 cells; the header has 11 (starting on line 5)",
          "row 6, column \"Date notification was received\": \"2026/11/19\" is not a date "
          "(DD/MM/YYYY or YYYY-MM-DD)",
          "row 6, column \"Case information\": holds a control character"}));
}

TEST(AnnexA, OverlongCell) {
  AnnexAImport in =
      Check(kHeader + "SIN-1,Northshire,,,,,2026-11-19,Injury,,," + std::string(2001, 'x') + "\n");
  EXPECT_EQ(Errors(in), (std::vector<std::string>{
                            "row 2, column \"Case information\": longer than 2000 characters"}));
}

}  // namespace
}  // namespace sharetrail::policy
