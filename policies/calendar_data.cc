// The bank holiday data, compiled in so that nothing is read from the source
// tree at run time. It must equal policies/calendar/uk-bank-holidays.txt byte
// for byte: tests/policies/calendar_test.cc compares the two. To change the
// data, edit the .txt file and paste it between the delimiters below.
#include <string_view>

#include "policies/calendar.h"

namespace sharetrail {
namespace {

// clang-format off
constexpr char kUkBankHolidays[] = R"cal(# UK bank holidays, 2013 to 2027, for FOIA s10(6) "working day".
#
# Format: one line per day, YYYY-MM-DD<TAB>nations<TAB>name. nations is a comma
# list of ew (England and Wales), sc (Scotland), ni (Northern Ireland). Lines
# starting with '#' and blank lines are ignored. Dates must ascend. Every year
# from the first listed to the last is covered in full, so each year in between
# must list days for all three nations.
#
# This file is embedded byte for byte in policies/calendar_data.cc; a test fails
# if the two differ, so edit both together.
#
# Sources:
# - 2013-2026: GOV.UK "UK bank holidays", https://www.gov.uk/bank-holidays
#   (data https://www.gov.uk/bank-holidays.json), as cached in
#   github.com/ministryofjustice/govuk-bank-holidays-rs
#   src/data_source/bank-holidays.json (commit 16a605c1) and
#   github.com/ministryofjustice/govuk-bank-holidays
#   govuk_bank_holidays/bank-holidays.json. Dates copied; names follow GOV.UK
#   with ASCII apostrophes.
# - 2027: not in those copies. Derived from the rules that reproduce every
#   2013-2026 GOV.UK date above: the Banking and Financial Dealings Act 1971
#   Schedule 1 and the yearly proclamations (fixed dates on a weekend move to
#   the next free weekday; first/last Mondays of May and August), and the St
#   Andrew's Day Bank Holiday (Scotland) Act 2007. A royal proclamation can
#   still change 2027: check it against GOV.UK once published there.
# - One-off days: 2020-05-08 (early May holiday moved for VE Day 75),
#   2022-06-02/03 (spring holiday moved; Platinum Jubilee), 2022-09-19 (State
#   Funeral of Queen Elizabeth II), 2023-05-08 (Coronation of King Charles III).
#
# FOIA s10(6) excludes Christmas Day and Good Friday in their own right:
# outside Scotland they are common-law holidays, not bank holidays under the
# 1971 Act. They are listed here anyway (as GOV.UK does), and the code also
# excludes them by rule, so a gap in this file cannot make either a working day.
#
# 2 January 2017: England, Wales and NI observed New Year's Day (a Sunday) on
# Monday 2 January; Scotland kept 2 January and moved New Year's Day to the 3rd.

2013-01-01	ew,sc,ni	New Year's Day
2013-01-02	sc	2nd January
2013-03-18	ni	St Patrick's Day (substitute day)
2013-03-29	ew,sc,ni	Good Friday
2013-04-01	ew,ni	Easter Monday
2013-05-06	ew,sc,ni	Early May bank holiday
2013-05-27	ew,sc,ni	Spring bank holiday
2013-07-12	ni	Battle of the Boyne (Orangemen's Day)
2013-08-05	sc	Summer bank holiday
2013-08-26	ew,ni	Summer bank holiday
2013-12-02	sc	St Andrew's Day (substitute day)
2013-12-25	ew,sc,ni	Christmas Day
2013-12-26	ew,sc,ni	Boxing Day
2014-01-01	ew,sc,ni	New Year's Day
2014-01-02	sc	2nd January
2014-03-17	ni	St Patrick's Day
2014-04-18	ew,sc,ni	Good Friday
2014-04-21	ew,ni	Easter Monday
2014-05-05	ew,sc,ni	Early May bank holiday
2014-05-26	ew,sc,ni	Spring bank holiday
2014-07-14	ni	Battle of the Boyne (Orangemen's Day) (substitute day)
2014-08-04	sc	Summer bank holiday
2014-08-25	ew,ni	Summer bank holiday
2014-12-01	sc	St Andrew's Day (substitute day)
2014-12-25	ew,sc,ni	Christmas Day
2014-12-26	ew,sc,ni	Boxing Day
2015-01-01	ew,sc,ni	New Year's Day
2015-01-02	sc	2nd January
2015-03-17	ni	St Patrick's Day
2015-04-03	ew,sc,ni	Good Friday
2015-04-06	ew,ni	Easter Monday
2015-05-04	ew,sc,ni	Early May bank holiday
2015-05-25	ew,sc,ni	Spring bank holiday
2015-07-13	ni	Battle of the Boyne (Orangemen's Day) (substitute day)
2015-08-03	sc	Summer bank holiday
2015-08-31	ew,ni	Summer bank holiday
2015-11-30	sc	St Andrew's Day
2015-12-25	ew,sc,ni	Christmas Day
2015-12-28	ew,sc,ni	Boxing Day (substitute day)
2016-01-01	ew,sc,ni	New Year's Day
2016-01-04	sc	2nd January (substitute day)
2016-03-17	ni	St Patrick's Day
2016-03-25	ew,sc,ni	Good Friday
2016-03-28	ew,ni	Easter Monday
2016-05-02	ew,sc,ni	Early May bank holiday
2016-05-30	ew,sc,ni	Spring bank holiday
2016-07-12	ni	Battle of the Boyne (Orangemen's Day)
2016-08-01	sc	Summer bank holiday
2016-08-29	ew,ni	Summer bank holiday
2016-11-30	sc	St Andrew's Day
2016-12-26	ew,sc,ni	Boxing Day
2016-12-27	ew,sc,ni	Christmas Day (substitute day)
2017-01-02	ew,sc,ni	New Year's Day (substitute day) in ew,ni; 2nd January in sc
2017-01-03	sc	New Year's Day (substitute day)
2017-03-17	ni	St Patrick's Day
2017-04-14	ew,sc,ni	Good Friday
2017-04-17	ew,ni	Easter Monday
2017-05-01	ew,sc,ni	Early May bank holiday
2017-05-29	ew,sc,ni	Spring bank holiday
2017-07-12	ni	Battle of the Boyne (Orangemen's Day)
2017-08-07	sc	Summer bank holiday
2017-08-28	ew,ni	Summer bank holiday
2017-11-30	sc	St Andrew's Day
2017-12-25	ew,sc,ni	Christmas Day
2017-12-26	ew,sc,ni	Boxing Day
2018-01-01	ew,sc,ni	New Year's Day
2018-01-02	sc	2nd January
2018-03-19	ni	St Patrick's Day (substitute day)
2018-03-30	ew,sc,ni	Good Friday
2018-04-02	ew,ni	Easter Monday
2018-05-07	ew,sc,ni	Early May bank holiday
2018-05-28	ew,sc,ni	Spring bank holiday
2018-07-12	ni	Battle of the Boyne (Orangemen's Day)
2018-08-06	sc	Summer bank holiday
2018-08-27	ew,ni	Summer bank holiday
2018-11-30	sc	St Andrew's Day
2018-12-25	ew,sc,ni	Christmas Day
2018-12-26	ew,sc,ni	Boxing Day
2019-01-01	ew,sc,ni	New Year's Day
2019-01-02	sc	2nd January
2019-03-18	ni	St Patrick's Day (substitute day)
2019-04-19	ew,sc,ni	Good Friday
2019-04-22	ew,ni	Easter Monday
2019-05-06	ew,sc,ni	Early May bank holiday
2019-05-27	ew,sc,ni	Spring bank holiday
2019-07-12	ni	Battle of the Boyne (Orangemen's Day)
2019-08-05	sc	Summer bank holiday
2019-08-26	ew,ni	Summer bank holiday
2019-12-02	sc	St Andrew's Day (substitute day)
2019-12-25	ew,sc,ni	Christmas Day
2019-12-26	ew,sc,ni	Boxing Day
2020-01-01	ew,sc,ni	New Year's Day
2020-01-02	sc	2nd January
2020-03-17	ni	St Patrick's Day
2020-04-10	ew,sc,ni	Good Friday
2020-04-13	ew,ni	Easter Monday
2020-05-08	ew,sc,ni	Early May bank holiday (VE day)
2020-05-25	ew,sc,ni	Spring bank holiday
2020-07-13	ni	Battle of the Boyne (Orangemen's Day) (substitute day)
2020-08-03	sc	Summer bank holiday
2020-08-31	ew,ni	Summer bank holiday
2020-11-30	sc	St Andrew's Day
2020-12-25	ew,sc,ni	Christmas Day
2020-12-28	ew,sc,ni	Boxing Day (substitute day)
2021-01-01	ew,sc,ni	New Year's Day
2021-01-04	sc	2nd January (substitute day)
2021-03-17	ni	St Patrick's Day
2021-04-02	ew,sc,ni	Good Friday
2021-04-05	ew,ni	Easter Monday
2021-05-03	ew,sc,ni	Early May bank holiday
2021-05-31	ew,sc,ni	Spring bank holiday
2021-07-12	ni	Battle of the Boyne (Orangemen's Day)
2021-08-02	sc	Summer bank holiday
2021-08-30	ew,ni	Summer bank holiday
2021-11-30	sc	St Andrew's Day
2021-12-27	ew,sc,ni	Christmas Day (substitute day)
2021-12-28	ew,sc,ni	Boxing Day (substitute day)
2022-01-03	ew,sc,ni	New Year's Day (substitute day)
2022-01-04	sc	2nd January (substitute day)
2022-03-17	ni	St Patrick's Day
2022-04-15	ew,sc,ni	Good Friday
2022-04-18	ew,ni	Easter Monday
2022-05-02	ew,sc,ni	Early May bank holiday
2022-06-02	ew,sc,ni	Spring bank holiday
2022-06-03	ew,sc,ni	Platinum Jubilee bank holiday
2022-07-12	ni	Battle of the Boyne (Orangemen's Day)
2022-08-01	sc	Summer bank holiday
2022-08-29	ew,ni	Summer bank holiday
2022-09-19	ew,sc,ni	Bank Holiday for the State Funeral of Queen Elizabeth II
2022-11-30	sc	St Andrew's Day
2022-12-26	ew,sc,ni	Boxing Day
2022-12-27	ew,sc,ni	Christmas Day (substitute day)
2023-01-02	ew,sc,ni	New Year's Day (substitute day)
2023-01-03	sc	2nd January (substitute day)
2023-03-17	ni	St Patrick's Day
2023-04-07	ew,sc,ni	Good Friday
2023-04-10	ew,ni	Easter Monday
2023-05-01	ew,sc,ni	Early May bank holiday
2023-05-08	ew,sc,ni	Bank holiday for the coronation of King Charles III
2023-05-29	ew,sc,ni	Spring bank holiday
2023-07-12	ni	Battle of the Boyne (Orangemen's Day)
2023-08-07	sc	Summer bank holiday
2023-08-28	ew,ni	Summer bank holiday
2023-11-30	sc	St Andrew's Day
2023-12-25	ew,sc,ni	Christmas Day
2023-12-26	ew,sc,ni	Boxing Day
2024-01-01	ew,sc,ni	New Year's Day
2024-01-02	sc	2nd January
2024-03-18	ni	St Patrick's Day (substitute day)
2024-03-29	ew,sc,ni	Good Friday
2024-04-01	ew,ni	Easter Monday
2024-05-06	ew,sc,ni	Early May bank holiday
2024-05-27	ew,sc,ni	Spring bank holiday
2024-07-12	ni	Battle of the Boyne (Orangemen's Day)
2024-08-05	sc	Summer bank holiday
2024-08-26	ew,ni	Summer bank holiday
2024-12-02	sc	St Andrew's Day (substitute day)
2024-12-25	ew,sc,ni	Christmas Day
2024-12-26	ew,sc,ni	Boxing Day
2025-01-01	ew,sc,ni	New Year's Day
2025-01-02	sc	2nd January
2025-03-17	ni	St Patrick's Day
2025-04-18	ew,sc,ni	Good Friday
2025-04-21	ew,ni	Easter Monday
2025-05-05	ew,sc,ni	Early May bank holiday
2025-05-26	ew,sc,ni	Spring bank holiday
2025-07-14	ni	Battle of the Boyne (Orangemen's Day) (substitute day)
2025-08-04	sc	Summer bank holiday
2025-08-25	ew,ni	Summer bank holiday
2025-12-01	sc	St Andrew's Day (substitute day)
2025-12-25	ew,sc,ni	Christmas Day
2025-12-26	ew,sc,ni	Boxing Day
2026-01-01	ew,sc,ni	New Year's Day
2026-01-02	sc	2nd January
2026-03-17	ni	St Patrick's Day
2026-04-03	ew,sc,ni	Good Friday
2026-04-06	ew,ni	Easter Monday
2026-05-04	ew,sc,ni	Early May bank holiday
2026-05-25	ew,sc,ni	Spring bank holiday
2026-07-13	ni	Battle of the Boyne (Orangemen's Day) (substitute day)
2026-08-03	sc	Summer bank holiday
2026-08-31	ew,ni	Summer bank holiday
2026-11-30	sc	St Andrew's Day
2026-12-25	ew,sc,ni	Christmas Day
2026-12-28	ew,sc,ni	Boxing Day (substitute day)
2027-01-01	ew,sc,ni	New Year's Day
2027-01-04	sc	2nd January (substitute day)
2027-03-17	ni	St Patrick's Day
2027-03-26	ew,sc,ni	Good Friday
2027-03-29	ew,ni	Easter Monday
2027-05-03	ew,sc,ni	Early May bank holiday
2027-05-31	ew,sc,ni	Spring bank holiday
2027-07-12	ni	Battle of the Boyne (Orangemen's Day)
2027-08-02	sc	Summer bank holiday
2027-08-30	ew,ni	Summer bank holiday
2027-11-30	sc	St Andrew's Day
2027-12-27	ew,sc,ni	Christmas Day (substitute day)
2027-12-28	ew,sc,ni	Boxing Day (substitute day)
)cal";
// clang-format on

}  // namespace

std::string_view EmbeddedUkBankHolidays() {
  // sizeof counts the terminating NUL, which is not part of the file.
  return std::string_view(kUkBankHolidays, sizeof kUkBankHolidays - 1);
}

}  // namespace sharetrail
