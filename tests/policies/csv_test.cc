// RFC 4180 CSV as spreadsheets write it (policies/csv.h).
#include "policies/csv.h"

#include <gtest/gtest.h>

namespace sharetrail::policy {
namespace {

using Fields = std::vector<std::string>;

std::vector<CsvRecord> Parse(std::string_view text) {
  auto r = ParseCsv(text);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : std::vector<CsvRecord>{};
}

std::string Error(std::string_view text) {
  auto r = ParseCsv(text);
  EXPECT_FALSE(r.ok()) << text;
  return r.ok() ? "" : r.status().message();
}

TEST(Csv, PlainRecordsWithCrlfOrLf) {
  auto r = Parse("a,b,c\r\n1,2,3\n4,,6");
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0].fields, (Fields{"a", "b", "c"}));
  EXPECT_EQ(r[1].fields, (Fields{"1", "2", "3"}));
  EXPECT_EQ(r[2].fields, (Fields{"4", "", "6"}));
  EXPECT_EQ(r[2].line, 3u);
}

// RFC 4180 §2 rules 5 to 7: quoted fields hold commas, line breaks and "".
TEST(Csv, QuotedFieldsHoldCommasLineBreaksAndQuotes) {
  auto r = Parse("\"x, y\",\"line one\r\nline two\",\"she said \"\"no\"\"\"\r\nnext,\"\",end\r\n");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].fields, (Fields{"x, y", "line one\r\nline two", "she said \"no\""}));
  EXPECT_EQ(r[1].fields, (Fields{"next", "", "end"}));
  EXPECT_EQ(r[1].line, 3u) << "the record after a two-line field starts on line 3";
}

TEST(Csv, ByteOrderMarkDroppedBlankLinesSkipped) {
  auto r = Parse("\xEF\xBB\xBFh1,h2\r\n\r\nv1,v2\r\n\r\n");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].fields, (Fields{"h1", "h2"}));
  EXPECT_EQ(r[1].line, 3u);
  EXPECT_TRUE(Parse("").empty());
}

TEST(Csv, NonAsciiKeptAsIs) {
  auto r = Parse("Child\xE2\x80\x99s initials\n");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].fields[0], "Child\xE2\x80\x99s initials");
}

TEST(Csv, ErrorsNameLineAndField) {
  EXPECT_EQ(Error("a,b\nc,\"open\nstill open"), "line 2, field 2: a quoted field is never closed");
  EXPECT_EQ(Error("a,b\nc,d\"e\n"),
            "line 2, field 2: a quote inside an unquoted field (quote the whole field and "
            "double the quote)");
  EXPECT_EQ(Error("\"ab\"c,d\n"),
            "line 1, field 1: characters after a closing quote (a quote inside a field is "
            "written \"\")");
  EXPECT_EQ(Error("a\rb\n"), "line 1, field 1: a carriage return not followed by a line feed");
  EXPECT_EQ(Error("ok\nbad \xC3\x28\n"), std::string("line 2: not UTF-8 (") + "truncated sequence" +
                                             "); save the spreadsheet as \"CSV UTF-8\"");
}

}  // namespace
}  // namespace sharetrail::policy
