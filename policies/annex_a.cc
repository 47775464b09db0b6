#include "policies/annex_a.h"

#include <algorithm>
#include <set>

#include "policies/date.h"

namespace sharetrail::policy {

namespace {

// How each column is read. Annex A gives headings only; these formats are
// the product's reading of them (DESIGN.md §3: a clear error for bad input).
const std::set<std::string>& DateFields() {
  static const std::set<std::string> f = {"date_of_birth",
                                          "date_of_incident",
                                          "date_notification_was_received",
                                          "cie_date",
                                          "date_of_scr_panel",
                                          "scr_decision_date",
                                          "scr_report_received_date",
                                          "date_scr_to_be_published"};
  return f;
}
const std::set<std::string>& YesNoFields() {
  static const std::set<std::string> f = {"death_of_child", "incident_at_other_setting"};
  return f;
}
constexpr size_t kMaxCell = 2000;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

std::string Trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n"), e = s.find_last_not_of(" \t\r\n");
  return b == std::string_view::npos ? "" : std::string(s.substr(b, e - b + 1));
}

std::string Lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

// Headings compared loosely, only to suggest the exact one.
std::string Loose(std::string s) {
  for (size_t p; (p = s.find("\xE2\x80\x99")) != std::string::npos;) s.replace(p, 3, "'");
  return Lower(Trim(s));
}

// YYYY-MM-DD, or DD/MM/YYYY as UK spreadsheets show dates.
Result<std::string> ReadDate(const std::string& v) {
  std::string iso = v;
  if (v.size() == 10 && v[2] == '/' && v[5] == '/') {
    iso = v.substr(6, 4) + "-" + v.substr(3, 2) + "-" + v.substr(0, 2);
  } else if (v.find('/') != std::string::npos) {
    return InvalidArgument("\"" + v + "\" is not a date (DD/MM/YYYY or YYYY-MM-DD)");
  }
  auto d = ParseDate(iso);
  if (!d.ok()) {
    return InvalidArgument("\"" + v +
                           "\" is not a date (DD/MM/YYYY or YYYY-MM-DD): " + d.status().message());
  }
  return d->ToString();
}

class Checker {
 public:
  Checker(const AnnexASpec& spec, AnnexAImport* out) : spec_(spec), out_(out) {}

  void Header(const CsvRecord& r) {
    std::set<std::string> seen;
    for (size_t i = 0; i < r.fields.size(); ++i) {
      std::string heading = Trim(r.fields[i]);
      std::string field;
      for (const auto& [f, label] : spec_.labels) {
        if (label == heading) field = f;
      }
      if (field.empty()) {
        std::string hint;
        for (const auto& [f, label] : spec_.labels) {
          if (Loose(label) == Loose(heading)) hint = " (did you mean \"" + label + "\"?)";
        }
        Error(1, heading,
              heading.empty() ? "column " + std::to_string(i + 1) + " has no heading"
                              : "not an Annex A heading (000 Annex A)" + hint);
      } else if (!seen.insert(field).second) {
        Error(1, heading, "appears twice in the header row");
      }
      out_->columns.push_back(field);
    }
    for (const std::string& f : AnnexARequiredFields()) {
      if (!seen.count(f)) Error(1, spec_.labels.at(f), "missing from the header row (required)");
    }
  }

  void Row(size_t row, const CsvRecord& r) {
    if (r.fields.size() != out_->columns.size()) {
      Error(row, "",
            "has " + std::to_string(r.fields.size()) + " cells; the header has " +
                std::to_string(out_->columns.size()) + " (starting on line " +
                std::to_string(r.line) + ")");
      return;
    }
    AnnexARow parsed{row, {}};
    for (size_t i = 0; i < r.fields.size(); ++i) {
      const std::string& field = out_->columns[i];
      std::string v = Trim(r.fields[i]);
      if (field.empty() || v.empty()) continue;
      if (Cell(row, field, &v)) parsed.values[field] = v;
    }
    for (const std::string& f : AnnexARequiredFields()) {
      if (!parsed.values.count(f) && Has(f) && !Failed(row, f))
        Error(row, f, "is empty (required)", true);
    }
    Cross(parsed);
    out_->rows.push_back(std::move(parsed));
  }

 private:
  bool Has(const std::string& f) const {
    return std::find(out_->columns.begin(), out_->columns.end(), f) != out_->columns.end();
  }
  bool Failed(size_t row, const std::string& f) const {
    const std::string& label = spec_.labels.at(f);
    return std::any_of(out_->errors.begin(), out_->errors.end(),
                       [&](const RowError& e) { return e.row == row && e.column == label; });
  }
  void Error(size_t row, const std::string& column, std::string problem, bool is_field = false) {
    out_->errors.push_back({row, is_field ? spec_.labels.at(column) : column, std::move(problem)});
  }

  // Checks and normalises one cell; false (with an error) if it is bad.
  bool Cell(size_t row, const std::string& field, std::string* v) {
    if (v->size() > kMaxCell) {
      Error(row, field, "longer than " + std::to_string(kMaxCell) + " characters", true);
      return false;
    }
    for (char c : *v) {
      if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') {
        Error(row, field, "holds a control character", true);
        return false;
      }
    }
    if (DateFields().count(field)) {
      auto d = ReadDate(*v);
      if (!d.ok()) {
        Error(row, field, d.status().message(), true);
        return false;
      }
      *v = *d;
    } else if (YesNoFields().count(field)) {
      std::string l = Lower(*v);
      if (l != "yes" && l != "no") {
        Error(row, field, "\"" + *v + "\" is not yes or no", true);
        return false;
      }
      *v = l;
    } else if (field == "age") {
      bool digits = v->size() <= 2 && std::all_of(v->begin(), v->end(), IsDigit);
      if (!digits || std::stoi(*v) > 25) {
        Error(row, field, "\"" + *v + "\" is not an age in whole years from 0 to 25", true);
        return false;
      }
    } else if (field == "childs_initials") {
      std::string letters;
      for (char c : *v) {
        if (c != '.' && c != ' ') letters += c;
      }
      if (letters.empty() || letters.size() > 4 ||
          !std::all_of(letters.begin(), letters.end(), IsAsciiLetter)) {
        Error(row, field, "initials only (one to four letters); a name must not be sent", true);
        return false;
      }
      *v = letters;
    } else if (field == "reference_number") {
      if (v->size() > 40 || !std::all_of(v->begin(), v->end(), [](char c) {
            return IsDigit(c) || IsAsciiLetter(c) || c == '-' || c == '/';
          })) {
        Error(row, field, "\"" + *v + "\" is not a reference (letters, digits, - and /)", true);
        return false;
      }
      auto [it, fresh] = references_.emplace(Lower(*v), row);
      if (!fresh) {
        Error(row, field, "\"" + *v + "\" is also on row " + std::to_string(it->second), true);
        return false;
      }
    }
    return true;
  }

  // Checks across cells of one row.
  void Cross(const AnnexARow& r) {
    auto get = [&](const char* f) {
      auto it = r.values.find(f);
      return it == r.values.end() ? std::string() : it->second;
    };
    std::string incident = get("date_of_incident"),
                received = get("date_notification_was_received");
    if (!incident.empty() && !received.empty() && incident > received) {
      Error(r.row, "date_of_incident",
            incident + " is after the date the notification was received (" + received + ")", true);
    }
    std::string born = get("date_of_birth");
    if (!born.empty() && !incident.empty() && born > incident) {
      Error(r.row, "date_of_birth", born + " is after the date of incident (" + incident + ")",
            true);
    }
    if (get("death_of_child") == "no" && !get("death_whether_natural_causes").empty()) {
      Error(r.row, "death_whether_natural_causes",
            "filled in, but \"" + spec_.labels.at("death_of_child") + "\" says no", true);
    }
  }

  const AnnexASpec& spec_;
  AnnexAImport* out_;
  std::map<std::string, size_t> references_;  // lower-cased reference -> row
};

}  // namespace

std::string RowError::ToString() const {
  std::string s = "row " + std::to_string(row);
  if (!column.empty()) s += ", column \"" + column + "\"";
  return s + ": " + problem;
}

const std::vector<std::string>& AnnexARequiredFields() {
  static const std::vector<std::string> f = {"reference_number", "local_authority",
                                             "date_notification_was_received",
                                             "nature_of_notification"};
  return f;
}

Result<AnnexASpec> AnnexASpecOf(const Agreement& agreement) {
  for (const RuleSpec* r : agreement.RulesFor("fields_limited", "notifiable_incident_summary")) {
    AnnexASpec spec;
    spec.fields = r->Strings("fields");
    spec.cite = r->cite;
    const boost::json::value* labels = r->params.if_contains("field_labels");
    for (const std::string& f : spec.fields) {
      const boost::json::value* l =
          labels && labels->is_object() ? labels->as_object().if_contains(f) : nullptr;
      if (l == nullptr || !l->is_string()) {
        return FailedPrecondition(agreement.id + ": Annex A field " + f + " has no label");
      }
      spec.labels[f] = std::string(l->as_string());
    }
    for (const std::string& f : AnnexARequiredFields()) {
      if (!spec.labels.count(f)) {
        return FailedPrecondition(agreement.id + ": Annex A has no field " + f);
      }
    }
    return spec;
  }
  return NotFound(agreement.id +
                  " has no Annex A (fields_limited rule for "
                  "notifiable_incident_summary)");
}

AnnexAImport ValidateAnnexA(const std::vector<CsvRecord>& records, const AnnexASpec& spec) {
  AnnexAImport out;
  Checker check(spec, &out);
  if (records.empty()) {
    out.errors.push_back({1, "", "the file is empty: expected the Annex A header row"});
    return out;
  }
  check.Header(records[0]);
  if (!out.errors.empty()) return out;  // cells cannot be read against a bad header
  for (size_t i = 1; i < records.size(); ++i) {
    const auto& f = records[i].fields;
    if (std::all_of(f.begin(), f.end(), [](const std::string& c) { return Trim(c).empty(); })) {
      continue;  // spreadsheets export trailing blank rows
    }
    check.Row(i + 1, records[i]);
  }
  if (out.rows.empty() && out.errors.empty()) {
    out.errors.push_back({2, "", "no data rows under the header"});
  }
  return out;
}

}  // namespace sharetrail::policy
