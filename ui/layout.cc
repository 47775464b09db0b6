#include "ui/layout.h"

#include "ui/html.h"

namespace sharetrail::ui {
namespace {

constexpr char kService[] = "sharetrail";

struct NavItem {
  const char *key, *href, *text;
};
constexpr NavItem kNav[] = {
    {"home", "/", "Home"},
    {"record", "/record", "Record an event"},
    {"shared", "/shared-with", "Shared with whom"},
    {"foi", "/foi", "Information requests"},
    {"holds", "/holds", "Holds and deletion"},
    {"agreements", "/agreements", "Agreements"},
    {"integrity", "/integrity", "Ledger integrity"},
    {"report", "/report", "Annual report"},
};

std::string Navigation(const Page& p) {
  std::string h =
      "<section aria-label=\"Service information\" class=\"govuk-service-navigation\" "
      "data-module=\"govuk-service-navigation\"><div class=\"govuk-width-container\"><div "
      "class=\"govuk-service-navigation__container\">";
  if (p.who != nullptr) {
    h += "<nav aria-label=\"Menu\" class=\"govuk-service-navigation__wrapper\"><button "
         "type=\"button\" class=\"govuk-service-navigation__toggle "
         "govuk-js-service-navigation-toggle\" aria-controls=\"navigation\" hidden>Menu</button>"
         "<ul class=\"govuk-service-navigation__list\" id=\"navigation\">";
    for (const NavItem& n : kNav) {
      bool current = p.nav == n.key;
      h += std::string("<li class=\"govuk-service-navigation__item") +
           (current ? " govuk-service-navigation__item--active" : "") +
           "\"><a class=\"govuk-service-navigation__link\" href=\"" + n.href + "\"" +
           (current ? " aria-current=\"page\"" : "") + ">" +
           (current ? std::string("<strong class=\"govuk-service-navigation__active-fallback\">") +
                          n.text + "</strong>"
                    : std::string(n.text)) +
           "</a></li>";
    }
    h += "</ul></nav>";
  }
  return h + "</div></div></section>";
}

// Who is signed in, and the sign-out button (a POST with the CSRF token:
// signing out changes state).
std::string Account(const Page& p) {
  if (p.who == nullptr) return "";
  std::string roles;
  for (const auto& r : p.who->roles) roles += (roles.empty() ? "" : ", ") + r;
  return "<div class=\"govuk-width-container st-account\"><p class=\"govuk-body-s\">Signed in "
         "as <strong>" +
         Esc(p.who->user) + "</strong> (" + Esc(p.who->party) + ", " + Esc(roles) +
         ")</p><form method=\"post\" action=\"/sign-out\" novalidate>" + Csrf(*p.who) +
         "<button type=\"submit\" class=\"govuk-button govuk-button--secondary st-sign-out\" "
         "data-module=\"govuk-button\">Sign out</button></form></div>";
}

}  // namespace

std::string Csrf(const api::Principal& who) { return Hidden("csrf", who.csrf); }

api::HttpResponse Redirect(const std::string& to) {
  return api::HttpResponse{303, "text/plain", "see " + to + "\n", {{"Location", to}}};
}

api::HttpResponse Render(const Page& p) {
  std::string h =
      "<!DOCTYPE html>\n<html lang=\"en\" class=\"govuk-template\"><head><meta "
      "charset=\"utf-8\"><title>" +
      std::string(p.errors ? "Error: " : "") + Esc(p.title) + " – " + kService +
      "</title><meta name=\"viewport\" content=\"width=device-width, initial-scale=1, "
      "viewport-fit=cover\"><meta name=\"theme-color\" content=\"#1d70b8\"><link rel=\"icon\" "
      "sizes=\"48x48\" href=\"/assets/images/favicon.ico\"><link rel=\"stylesheet\" "
      "href=\"/assets/govuk-frontend.min.css\"><link rel=\"stylesheet\" "
      "href=\"/assets/sharetrail.css\"></head><body class=\"govuk-template__body\"><a "
      "href=\"#main-content\" class=\"govuk-skip-link\" data-module=\"govuk-skip-link\">Skip to "
      "main content</a><header class=\"govuk-template__header\"><div "
      "class=\"govuk-generic-header\"><div class=\"govuk-generic-header__container "
      "govuk-width-container\"><div class=\"govuk-generic-header__logo\"><a href=\"/\" "
      "class=\"govuk-generic-header__homepage-link\">" +
      std::string(kService) +
      " <span class=\"st-strapline\">information sharing ledger</span></a></div></div></div>" +
      Navigation(p) + "</header>" + Account(p) + "<div class=\"govuk-width-container\">";
  if (!p.back.empty()) h += "<a href=\"" + Esc(p.back) + "\" class=\"govuk-back-link\">Back</a>";
  h += "<main class=\"govuk-main-wrapper\" id=\"main-content\">" + p.body +
       "</main></div><footer class=\"govuk-footer\"><div class=\"govuk-width-container\"><div "
       "class=\"govuk-footer__meta\"><div class=\"govuk-footer__meta-item "
       "govuk-footer__meta-item--grow\"><h2 class=\"govuk-visually-hidden\">Support "
       "links</h2><ul class=\"govuk-footer__inline-list\"><li "
       "class=\"govuk-footer__inline-list-item\"><a class=\"govuk-footer__link\" "
       "href=\"/integrity\">How to check this ledger</a></li><li "
       "class=\"govuk-footer__inline-list-item\"><a class=\"govuk-footer__link\" "
       "href=\"/api/v1/openapi.json\">API</a></li></ul><p class=\"govuk-body-s\">Every page you "
       "open that shows an item is recorded on the ledger as an access.</p></div></div></div>"
       "</footer><script type=\"module\" src=\"/assets/init.js\"></script></body></html>\n";
  return api::HttpResponse{p.status, "text/html; charset=utf-8", std::move(h), {}};
}

api::HttpResponse ErrorPage(const api::HttpRequest&, int status, const std::string& title,
                            const std::string& message) {
  Page p;
  p.title = title;
  p.status = status;
  p.body = Heading(title) + "<p class=\"govuk-body\">" + Esc(message) +
           "</p><p class=\"govuk-body\">" + Link("/", "Go to the home page") + "</p>";
  return Render(p);
}

}  // namespace sharetrail::ui
