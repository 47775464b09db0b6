#include "api/peer_follower.h"

#include <boost/json/parse.hpp>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "ledger/mirror.h"
#include "policies/follow.h"
#include "policies/receipts.h"
#include "policies/world.h"

namespace sharetrail::api {
namespace {

// A bearer token for the peer's entry bundles, if the operator put one in
// <ledger>/peers/<party>.token (an auditor's token on the peer's node).
std::string TokenFor(const std::string& dir, const std::string& party) {
  std::ifstream in(dir + "/peers/" + party + ".token");
  std::stringstream ss;
  ss << in.rdbuf();
  std::string t = ss.str();
  while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back()))) t.pop_back();
  return t;
}

}  // namespace

PeerFollower::PeerFollower(Ledger& ledger, FollowerOptions options)
    : ledger_(ledger), options_(std::move(options)) {}

Result<std::unique_ptr<PeerFollower>> PeerFollower::Start(Ledger& ledger, FollowerOptions options) {
  if (options.node_user.empty()) return InvalidArgument("following peers needs a node user");
  std::error_code ec;
  std::filesystem::create_directories(ledger.dir() + "/peers", ec);
  if (ec) return IOError("cannot create " + ledger.dir() + "/peers: " + ec.message());
  std::unique_ptr<PeerFollower> f(new PeerFollower(ledger, std::move(options)));
  f->thread_ = std::thread([p = f.get()] { p->Run(); });
  return f;
}

PeerFollower::~PeerFollower() { Stop(); }

void PeerFollower::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void PeerFollower::Wake() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    woken_ = true;
  }
  cv_.notify_all();
}

std::vector<PeerProgress> PeerFollower::Progress() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<PeerProgress> out;
  for (const auto& [party, p] : progress_) out.push_back(p);
  return out;
}

uint64_t PeerFollower::rounds() const {
  std::lock_guard<std::mutex> lock(mu_);
  return rounds_;
}

void PeerFollower::Run() {
  for (;;) {
    Round();
    std::unique_lock<std::mutex> lock(mu_);
    ++rounds_;
    cv_.wait_for(lock, std::chrono::milliseconds(options_.interval_ms),
                 [this] { return stop_ || woken_; });
    if (stop_) return;
    woken_ = false;
  }
}

void PeerFollower::Round() {
  auto snap = ledger_.Read();
  if (!snap.ok()) return;
  auto peers = policy::Peers(**snap);
  snap->reset();
  if (!peers.ok()) return;
  for (const auto& row : peers->rows) {
    const auto& o = row.as_object();
    std::string url = policy::Str(o, "url");
    if (url.empty()) continue;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (stop_) return;
    }
    FollowOne(policy::Str(o, "party"), url, policy::Str(o, "vkey"));
  }
}

void PeerFollower::FollowOne(const std::string& party, const std::string& url,
                             const std::string& vkey) {
  PeerProgress p;
  {
    std::lock_guard<std::mutex> lock(mu_);
    p = progress_[party];
  }
  p.party = party;
  p.url = url;
  auto done = [&](std::string error) {
    // The operator's log says when following a peer starts or stops failing.
    if (error != p.last_error) {
      std::fprintf(stderr, "sharetraild: following %s at %s: %s\n", party.c_str(), url.c_str(),
                   error.empty() ? "ok again" : error.c_str());
    }
    p.last_error = std::move(error);
    std::lock_guard<std::mutex> lock(mu_);
    progress_[party] = p;
  };
  auto base = Url::Parse(url);
  if (!base.ok()) return done(base.status().message());
  const std::string dir = ledger_.dir() + "/peers/" + party;
  ClientOptions http = options_.http;
  http.bearer_token = TokenFor(ledger_.dir(), party);
  TileFetcher fetch = [&](const std::string& path) { return GetBody(base->Join(path), http); };
  {
    MirrorOptions mo;
    mo.state_machine = options_.state_machine;
    auto mirror = Mirror::Open(dir, url, vkey, mo);
    if (!mirror.ok()) return done(mirror.status().message());
    auto step = (*mirror)->Step(fetch);
    if (!step.ok()) return done(step.status().message());
    p.copied = step->new_size;
  }  // the copy is closed before it is read
  if (p.copied == 0) return done("");
  LedgerOptions ro;
  ro.read_only = true;
  auto copy = Ledger::Open(dir, ro);
  if (!copy.ok()) return done(copy.status().message());
  auto r = policy::FollowPeer(ledger_, options_.node_user, party, **copy, p.next);
  if (!r.ok()) return done(r.status().message());
  p.next = r->next;
  p.received += r->received;
  p.acknowledged += r->acknowledged;
  p.refused += r->refused;
  done("");
}

}  // namespace sharetrail::api
