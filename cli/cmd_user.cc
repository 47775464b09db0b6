// user add|disable|passwd|token issue|token revoke: accounts. Each change
// is a ledger event decided by the engine (only an administrator may make
// most of them); secrets go to the credential store beside the ledger
// (policies/credentials.h), never onto the chain. While sharetraild holds
// the ledger, make these changes through its API instead.
#include <boost/json/array.hpp>
#include <iostream>

#include "cli/cli.h"
#include "policies/credentials.h"

namespace sharetrail::cli {
namespace {

namespace json = boost::json;

struct UserOpts {
  std::string as, role, user, name, party, team, reason, token;
  std::vector<std::string> roles;
  bool password_stdin = false;
};

// The first line of standard input: the password, never a flag (flags show
// up in ps and shell history).
std::string ReadPassword(const Globals& g) {
  std::string line;
  std::getline(std::cin, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  Status rules = policy::CredentialStore::CheckPasswordRules(line);
  if (!rules.ok()) Fail(g, rules);
  return line;
}

std::unique_ptr<policy::CredentialStore> Store(const Globals& g) {
  if (g.ledger_dir.empty()) Fail(g, InvalidArgument("no ledger given: pass --ledger DIR"));
  return OrFail(g, policy::CredentialStore::Open(g.ledger_dir));
}

void SetPassword(Globals& g, const UserOpts& o, const std::string& password) {
  RecordEvent(g, o.as, o.role, "credential.set", {{"user", o.user}});
  Status s = Store(g)->SetPassword(o.user, password);
  if (!s.ok())
    Fail(g, s.WithContext("credential.set is recorded but the password was not saved: "));
}

}  // namespace

void AddUserCommands(CLI::App& app, Globals& g) {
  auto o = std::make_shared<UserOpts>();
  auto* user = app.add_subcommand("user", "Accounts: users, passwords, API tokens");
  user->require_subcommand(1);

  auto* add = user->add_subcommand("add", "Register a user (and set a password from stdin)");
  AddActorOptions(add, &o->as, &o->role);
  add->add_option("user", o->user, "User id")->required();
  add->add_option("--party", o->party, "The user's party")->required();
  add->add_option("--team", o->team, "The user's team")->required();
  add->add_option("--roles", o->roles, "Roles, comma-separated")->required()->delimiter(',');
  add->add_option("--name", o->name, "Display name");
  add->add_flag("--password-stdin", o->password_stdin, "Read a password from standard input");
  add->callback([&g, o] {
    std::string password = o->password_stdin ? ReadPassword(g) : "";
    json::array roles;
    for (const auto& r : o->roles) roles.emplace_back(r);
    json::object body{{"user", o->user}, {"party", o->party}, {"team", o->team}, {"roles", roles}};
    if (!o->name.empty()) body["name"] = o->name;
    RecordEvent(g, o->as, o->role, "user.registered", std::move(body));
    if (o->password_stdin) SetPassword(g, *o, password);
  });

  auto* passwd = user->add_subcommand("passwd", "Set a user's password (read from stdin)");
  AddActorOptions(passwd, &o->as, &o->role);
  passwd->add_option("user", o->user, "User id")->required();
  passwd->callback([&g, o] { SetPassword(g, *o, ReadPassword(g)); });

  auto* disable = user->add_subcommand("disable", "Disable a user: they can no longer act");
  AddActorOptions(disable, &o->as, &o->role);
  disable->add_option("user", o->user, "User id")->required();
  disable->add_option("--reason", o->reason, "Why")->required();
  disable->callback([&g, o] {
    RecordEvent(g, o->as, o->role, "user.disabled", {{"user", o->user}, {"reason", o->reason}});
  });

  auto* token = user->add_subcommand("token", "API tokens for machines");
  token->require_subcommand(1);
  auto* issue = token->add_subcommand("issue", "Issue a token; it is printed once");
  AddActorOptions(issue, &o->as, &o->role);
  issue->add_option("user", o->user, "User the token acts as")->required();
  issue->callback([&g, o] {
    auto store = Store(g);
    policy::IssuedToken t = OrFail(g, policy::CredentialStore::NewToken());
    RecordEvent(g, o->as, o->role, "token.issued", {{"user", o->user}, {"token", t.id}});
    Status s = store->SaveToken(o->user, t);
    if (!s.ok()) Fail(g, s.WithContext("token.issued is recorded but the token was not saved: "));
    std::cout << "token: " << t.bearer << "\n(shown once; only its hash is kept)\n";
  });
  auto* revoke = token->add_subcommand("revoke", "Revoke a token by its id");
  AddActorOptions(revoke, &o->as, &o->role);
  revoke->add_option("token", o->token, "Token id (tok-...)")->required();
  revoke->add_option("--reason", o->reason, "Why");
  revoke->callback([&g, o] {
    json::object body{{"token", o->token}};
    if (!o->reason.empty()) body["reason"] = o->reason;
    RecordEvent(g, o->as, o->role, "token.revoked", std::move(body));
    Status s = Store(g)->RevokeToken(o->token);
    if (!s.ok()) Fail(g, s);
  });
}

}  // namespace sharetrail::cli
