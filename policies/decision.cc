#include "policies/decision.h"

#include <algorithm>

namespace sharetrail::policy {

namespace json = boost::json;

json::object Cite::ToJson() const {
  json::object o{{"seed", seed}, {"para", para}};
  if (!quote.empty()) o["quote"] = quote;
  return o;
}

Cite Cite::FromJson(const json::object& o) {
  Cite c;
  auto str = [&](const char* k) {
    const json::value* v = o.if_contains(k);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
  };
  c.seed = str("seed");
  c.para = str("para");
  c.quote = str("quote");
  return c;
}

std::string Cite::Short() const {
  std::string s = seed.substr(0, seed.find('_'));
  return para.empty() ? s : s + " " + para;
}

const char* OutcomeName(Outcome o) {
  switch (o) {
    case Outcome::kAllow:
      return "allow";
    case Outcome::kWarn:
      return "warn";
    case Outcome::kRefuse:
      return "refuse";
  }
  return "refuse";
}

void Decision::Refuse(std::string rule, Cite cite, std::string reason) {
  findings_.push_back({Outcome::kRefuse, std::move(rule), std::move(cite), std::move(reason)});
}

void Decision::Warn(std::string rule, Cite cite, std::string reason) {
  findings_.push_back({Outcome::kWarn, std::move(rule), std::move(cite), std::move(reason)});
}

void Decision::Oblige(std::string rule, std::string text) {
  obligations_.push_back({std::move(rule), std::move(text)});
}

void Decision::UseAgreement(const std::string& id, int64_t version) {
  for (const auto& a : agreements_) {
    if (a.first == id) return;
  }
  agreements_.emplace_back(id, version);
}

Outcome Decision::outcome() const {
  Outcome o = Outcome::kAllow;
  for (const Finding& f : findings_) o = std::max(o, f.severity);
  return o;
}

const Finding* Decision::first_refusal() const {
  for (const Finding& f : findings_) {
    if (f.severity == Outcome::kRefuse) return &f;
  }
  return nullptr;
}

json::object Decision::ToJson() const {
  json::array agreements, findings, obligations;
  for (const auto& [id, version] : agreements_) {
    agreements.push_back(json::object{{"id", id}, {"version", version}});
  }
  for (const Finding& f : findings_) {
    findings.push_back(json::object{{"severity", OutcomeName(f.severity)},
                                    {"rule", f.rule},
                                    {"cite", f.cite.ToJson()},
                                    {"reason", f.reason}});
  }
  for (const Obligation& o : obligations_) {
    obligations.push_back(json::object{{"rule", o.rule}, {"text", o.text}});
  }
  json::object out{{"outcome", OutcomeName(outcome())},
                   {"agreements", std::move(agreements)},
                   {"findings", std::move(findings)},
                   {"obligations", std::move(obligations)}};
  if (!facts_.empty()) out["facts"] = facts_;
  return out;
}

void Decision::AddFact(std::string key, json::value value) { facts_[key] = std::move(value); }

}  // namespace sharetrail::policy
