// The report as one printable HTML page in the GOV.UK Design System's look
// (its type scale, colours and table style, as plain CSS of our own: the
// page must open from an evidence bundle with no network), with SVG charts
// drawn here. Every figure links to the list of entries it counts.
#include <algorithm>
#include <cctype>
#include <map>

#include "ledger/base64.h"
#include "policies/html_escape.h"
#include "policies/report.h"
#include "policies/table.h"

namespace sharetrail::policy {
namespace {

std::string Esc(std::string_view s) { return HtmlEscape(s); }

constexpr char kStyle[] = R"css(
body{margin:0;font-family:Arial,sans-serif;color:#0b0c0c;background:#fff;font-size:19px;line-height:1.32}
.st-header{background:#0b0c0c;color:#fff;padding:10px 30px;border-bottom:10px solid #1d70b8;font-weight:700;font-size:24px}
.st-main{max-width:960px;margin:0 auto;padding:30px}
h1{font-size:48px;margin:0 0 30px}h2{font-size:36px;margin:45px 0 20px}
.st-caption{color:#505a5f;font-size:24px;display:block;margin-bottom:5px}
.st-panel{border-left:10px solid #b1b4b6;padding:15px;margin:0 0 30px;background:#f3f2f1}
.st-panel pre{white-space:pre-wrap;word-break:break-all;font-size:14px}
table{border-collapse:collapse;width:100%;margin-bottom:30px;font-size:16px}
th,td{border-bottom:1px solid #b1b4b6;padding:10px 20px 10px 0;text-align:left;vertical-align:top}
td.num{text-align:right;font-variant-numeric:tabular-nums}
a{color:#1d70b8}a:visited{color:#4c2c92}
.st-tag{display:inline-block;padding:2px 8px;background:#d2e2f1;color:#0c2d4a;font-size:14px}
.st-chart text{font-family:Arial,sans-serif;font-size:12px;fill:#0b0c0c}
.st-bar-a{fill:#1d70b8}.st-bar-b{fill:#d4351c}
.st-evidence li{font-size:14px;margin-bottom:5px}
td.st-example{font-size:14px;color:#505a5f;padding-top:0}
@media print{.st-header{background:#fff;color:#0b0c0c}a{color:#0b0c0c;text-decoration:none}
h2{page-break-after:avoid}table{page-break-inside:auto}tr{page-break-inside:avoid}}
)css";

struct Series {
  std::string name, css;
  std::vector<int64_t> values;
};

// A stacked bar chart: one bar per label, the series stacked bottom up.
std::string BarChart(const std::string& title, const std::vector<std::string>& labels,
                     const std::vector<Series>& series) {
  const int width = 900, height = 260, left = 50, bottom = 40, top = 20;
  int64_t max = 1;
  for (size_t i = 0; i < labels.size(); ++i) {
    int64_t sum = 0;
    for (const Series& s : series) sum += s.values[i];
    max = std::max(max, sum);
  }
  const int plot_h = height - bottom - top;
  const int slot = labels.empty() ? 0 : (width - left) / static_cast<int>(labels.size());
  std::string svg = "<svg class=\"st-chart\" role=\"img\" viewBox=\"0 0 " + std::to_string(width) +
                    " " + std::to_string(height) + "\" width=\"100%\"><title>" + Esc(title) +
                    "</title>";
  svg += "<line x1=\"" + std::to_string(left) + "\" y1=\"" + std::to_string(top + plot_h) +
         "\" x2=\"" + std::to_string(width) + "\" y2=\"" + std::to_string(top + plot_h) +
         "\" stroke=\"#0b0c0c\"/>";
  svg += "<text x=\"0\" y=\"" + std::to_string(top + 4) + "\">" + std::to_string(max) + "</text>";
  svg += "<text x=\"0\" y=\"" + std::to_string(top + plot_h) + "\">0</text>";
  for (size_t i = 0; i < labels.size(); ++i) {
    int x = left + static_cast<int>(i) * slot + slot / 6;
    int y = top + plot_h;
    for (const Series& s : series) {
      int h = static_cast<int>(s.values[i] * plot_h / max);
      y -= h;
      svg += "<rect class=\"" + s.css + "\" x=\"" + std::to_string(x) + "\" y=\"" +
             std::to_string(y) + "\" width=\"" + std::to_string(slot * 2 / 3) + "\" height=\"" +
             std::to_string(h) + "\"><title>" + Esc(labels[i]) + ": " +
             std::to_string(s.values[i]) + " " + Esc(s.name) + "</title></rect>";
    }
    svg += "<text x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(height - 20) + "\">" +
           Esc(labels[i]) + "</text>";
  }
  int lx = left;
  for (const Series& s : series) {
    svg += "<rect class=\"" + s.css + "\" x=\"" + std::to_string(lx) + "\" y=\"" +
           std::to_string(height - 12) + "\" width=\"10\" height=\"10\"/><text x=\"" +
           std::to_string(lx + 14) + "\" y=\"" + std::to_string(height - 3) + "\">" + Esc(s.name) +
           "</text>";
    lx += 160;
  }
  return svg + "</svg>";
}

int64_t Count(const Figure& f) { return f.value.is_int64() ? f.value.as_int64() : 0; }

std::string Charts(const Report& r) {
  std::vector<std::string> months;
  Series shares{"shares", "st-bar-a", std::vector<int64_t>(12, 0)};
  for (int m = 1; m <= 12; ++m) {
    months.push_back(std::string(m < 10 ? "0" : "") + std::to_string(m));
  }
  std::map<std::string, std::pair<int64_t, int64_t>> foi;  // party -> (on time, late)
  for (const Figure& f : r.figures) {
    // "month.YYYY-MM"; read by hand, as report.json may come from a bundle
    // being checked and must not be able to make the rendering throw.
    const std::string& m = f.metric;
    if (f.section == "shares" && m.size() == 13 && m.starts_with("month.") &&
        std::isdigit(static_cast<unsigned char>(m[11])) &&
        std::isdigit(static_cast<unsigned char>(m[12]))) {
      int month = (m[11] - '0') * 10 + (m[12] - '0');
      if (month >= 1 && month <= 12) shares.values[month - 1] += Count(f);
    }
    if (f.section == "foi" && f.metric == "on_time") foi[f.party].first += Count(f);
    if (f.section == "foi" && f.metric == "late") foi[f.party].second += Count(f);
  }
  std::string out =
      "<h2 id=\"charts\">Charts</h2><h3>Shares made, by month</h3>" +
      BarChart("Shares made in " + std::to_string(r.scope.year) + ", by month", months, {shares});
  std::vector<std::string> parties;
  Series on{"answered on time", "st-bar-a", {}}, late{"answered late", "st-bar-b", {}};
  for (const auto& [p, v] : foi) {
    parties.push_back(p);
    on.values.push_back(v.first);
    late.values.push_back(v.second);
  }
  out += "<h3>Information requests: timeliness</h3>";
  out += parties.empty() ? "<p>No information requests answered.</p>"
                         : BarChart("Information requests answered on time and late, by party",
                                    parties, {on, late});
  return out;
}

const std::vector<std::pair<std::string, std::string>>& Sections() {
  static const std::vector<std::pair<std::string, std::string>> s = {
      {"shares", "Shares made and received"},
      {"refusals", "Refused attempts (attempted breaches)"},
      {"onward", "Onward disclosures"},
      {"holds", "Holds"},
      {"deletion", "Deletion requests, refusals and disposals"},
      {"foi", "Information requests (FOIA, EIR, SAR)"},
      {"incidents", "Incidents and consultations"},
      {"standing", "Standing requests"},
      {"purpose", "Uses beyond purpose (the public count)"},
      {"reviews", "Agreement reviews"}};
  return s;
}

}  // namespace

std::string Report::Html(const std::string& proof_prefix, const std::string& proof_suffix) const {
  const std::string year = std::to_string(scope.year);
  std::string h = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" +
                  Esc("Annual compliance report " + year) + "</title><style>" + kStyle +
                  "</style></head><body><header class=\"st-header\">sharetrail</header>"
                  "<main class=\"st-main\"><span class=\"st-caption\">Senior Information Risk "
                  "Owner</span><h1>Annual information sharing compliance report " +
                  year + "</h1>";
  h += "<p>Agreement: <strong>" + Esc(scope.agreement.empty() ? "all" : scope.agreement) +
       "</strong>. Party: <strong>" + Esc(scope.party.empty() ? "all" : scope.party) +
       "</strong>.</p>";
  h += "<div class=\"st-panel\"><p>Computed at checkpoint <strong>" + std::to_string(size) +
       "</strong> of <strong>" + Esc(origin) + "</strong>, root <code>" + Base64(root) +
       "</code>. The signed checkpoint:</p><pre>" + Esc(checkpoint) + "</pre></div>";
  h += Charts(*this);
  std::map<std::string, const Example*> example_of;
  for (const Example& x : examples) example_of[x.figure] = &x;
  for (const auto& [section, title] : Sections()) {
    std::string rows;
    for (size_t i = 0; i < figures.size(); ++i) {
      const Figure& f = figures[i];
      if (f.section != section) continue;
      rows += "<tr><td>" + Esc(f.agreement.empty() ? "—" : f.agreement) + "</td><td>" +
              Esc(f.party.empty() ? "all" : f.party) + "</td><td>" + Esc(f.metric) +
              (f.basis == "engine" ? " <span class=\"st-tag\">derived</span>" : "") +
              "</td><td class=\"num\"><a href=\"#figure-" + std::to_string(i) + "\">" +
              Esc(CellText(f.value)) + "</a></td></tr>";
      if (auto x = example_of.find(f.Name()); x != example_of.end()) {
        const std::string seq = std::to_string(x->second->seq);
        rows += "<tr><td class=\"st-example\" colspan=\"4\">For example, entry <a href=\"#entry-" +
                seq + "\">" + seq + "</a>: " + Esc(x->second->text) + "</td></tr>";
      }
    }
    h += "<h2 id=\"" + section + "\">" + Esc(title) + "</h2>";
    h += rows.empty() ? "<p>None in " + year + ".</p>"
                      : "<table><thead><tr><th>Agreement</th><th>Party</th><th>Measure</th><th "
                        "class=\"num\">Value</th></tr></thead><tbody>" +
                            rows + "</tbody></table>";
  }
  h += "<h2 id=\"evidence\">The entries each figure counts</h2><ul class=\"st-evidence\">";
  for (size_t i = 0; i < figures.size(); ++i) {
    h += "<li id=\"figure-" + std::to_string(i) + "\">" + Esc(figures[i].Name()) + ":";
    for (uint64_t seq : figures[i].seqs) {
      h += " <a href=\"#entry-" + std::to_string(seq) + "\">" + std::to_string(seq) + "</a>";
    }
    h += "</li>";
  }
  h += "</ul><h2 id=\"entries\">Entries</h2><ul class=\"st-evidence\">";
  for (uint64_t seq : AllSeqs()) {
    std::string s = std::to_string(seq);
    h += "<li id=\"entry-" + s + "\">entry " + s + ": <a href=\"" + Esc(proof_prefix) + s +
         Esc(proof_suffix) + "\">inclusion proof</a></li>";
  }
  return h + "</ul></main></body></html>\n";
}

}  // namespace sharetrail::policy
