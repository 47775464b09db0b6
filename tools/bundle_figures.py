"""Recounts an annual report's figures from its bundled entries.

Written from docs/formats.md section 8.2 only, as an outsider would: it
shares no code with sharetrail. figures(entries, report) returns
{name: (basis, value, seqs)} for every count, ratio, median and state
figure the section's rules give, and examples(...) the refusal examples,
so verify_bundle.py can compare them with report.json.
"""
import calendar
import datetime
from collections import defaultdict

DELETION_ATTEMPTS = ("deletion.requested", "disposition.approved", "disposed")


def agreement_of(e):
    b = e["body"]
    proposed = b["attempt"]["body"] if e["type"] == "refused" else b
    if isinstance(proposed.get("agreement"), str):
        return proposed["agreement"]
    agreements = b.get("decision", {}).get("agreements", [])
    return agreements[0]["id"] if len(agreements) == 1 else ""


def first_refusal(e):
    for f in e["body"].get("decision", {}).get("findings", []):
        if f["severity"] == "refuse":
            return f
    return None


def has_finding(e, rule):
    return any(f["rule"] == rule for f in e["body"].get("decision", {}).get("findings", []))


def add_months(day, months):
    """Calendar months later, clamped to the end of a shorter month."""
    y, m = divmod(day.month - 1 + months, 12)
    y, m = day.year + y, m + 1
    return datetime.date(y, m, min(day.day, calendar.monthrange(y, m)[1]))


def date_of(text):
    return datetime.date.fromisoformat(text[:10])


class Counter:
    def __init__(self, scope):
        self.scope = scope
        self.figures = defaultdict(list)  # (section, agreement, party, metric) -> seqs

    def count(self, section, agreement, party, metric, seq):
        if self.scope["agreement"] and agreement != self.scope["agreement"]:
            return
        if self.scope["party"] and party != self.scope["party"]:
            return
        self.figures[(section, agreement, party, metric)].append(seq)

    def sorted(self):
        return {k: sorted(v) for k, v in self.figures.items()}


def recount(entries, report):
    """{name: (basis, value, seqs)} by section 8.2's rules."""
    year, scope = str(report["year"]), report["scope"]
    lapse_months = report["parameters"]["standing_lapse_months"]
    end = datetime.date(int(year), 12, 31)
    c = Counter(scope)
    by_type = defaultdict(list)
    for seq in sorted(entries):
        by_type[entries[seq]["type"]].append(seq)

    def of_year(t):
        return [s for s in by_type[t] if entries[s]["time"].startswith(year)]

    def to_year_end(t):
        return [s for s in by_type[t] if entries[s]["time"][:4] <= year]

    category = {}
    for s in by_type["item.registered"]:
        category.setdefault(entries[s]["body"]["item"], entries[s]["body"].get("category"))
    for s in of_year("share"):
        e = entries[s]
        b, a, sender, to = e["body"], agreement_of(e), e["actor"].get("party", ""), e["body"]["to"]
        for party, side in ((sender, "made"), (to, "received")):
            c.count("shares", a, party, side, s)
            c.count("shares", a, party, side + ".basis." + b["lawful_basis"], s)
            for cat in sorted({category.get(item) or "unrecorded" for item in b["items"]}):
                c.count("shares", a, party, side + ".category." + cat, s)
        if not scope["party"] or scope["party"] in (sender, to):
            saved, c.scope = c.scope, dict(scope, party="")
            c.count("shares", a, "", "month." + e["time"][:7], s)
            c.scope = saved
    for s in of_year("refused"):
        e = entries[s]
        a, p, f = agreement_of(e), e["actor"].get("party", ""), first_refusal(e)
        c.count("refusals", a, p, "total", s)
        if f:
            c.count("refusals", a, p, "rule." + f["rule"], s)
        attempt = e["body"]["attempt"]["type"]
        if attempt in DELETION_ATTEMPTS:
            c.count("deletion", a, p, "refused", s)
        if attempt == "purpose.use" and any(
                g["rule"] == "purpose.unauthorised" and g["severity"] == "refuse"
                for g in e["body"]["decision"]["findings"]):
            c.count("purpose", a, p, "unauthorised", s)
            c.count("purpose", a, p, "public_count", s)
    for s in of_year("disclosure.onward"):
        e = entries[s]
        a, p = agreement_of(e), e["actor"].get("party", "")
        c.count("onward", a, p, "total", s)
        c.count("onward", a, p, "ground." + e["body"]["ground"], s)
    simple = (("hold.placed", "holds", "placed"), ("hold.lifted", "holds", "lifted"),
              ("deletion.requested", "deletion", "requested"),
              ("disposition.declined", "deletion", "declined"), ("disposed", "deletion", "disposals"),
              ("incident.reported", "incidents", "reported"),
              ("standing_request.reconfirmed", "standing", "reconfirmed"),
              ("purpose.use", "purpose", "authorised"), ("purpose.use", "purpose", "public_count"))
    for t, section, metric in simple:
        for s in of_year(t):
            e = entries[s]
            c.count(section, agreement_of(e), e["actor"].get("party", ""), metric, s)
    lifted = {entries[s]["body"]["hold"] for s in to_year_end("hold.lifted")}
    for s in to_year_end("hold.placed"):
        e = entries[s]
        if e["body"]["hold"] not in lifted:
            c.count("holds", agreement_of(e), e["actor"].get("party", ""), "in_force_at_year_end", s)
    incident_agreement = {entries[s]["body"]["incident"]: agreement_of(entries[s])
                          for s in by_type["incident.reported"]}
    for s in of_year("incident.consulted"):
        e = entries[s]
        c.count("incidents", incident_agreement.get(e["body"]["incident"], agreement_of(e)),
                e["actor"].get("party", ""), "consultations", s)
    for s in of_year("agreement.reviewed"):
        e = entries[s]
        c.count("reviews", e["body"]["agreement"], e["actor"].get("party", ""), "held", s)
    recount_foi(entries, by_type, year, c)
    recount_lapses(entries, by_type, year, end, lapse_months, c)
    c.figures = c.sorted()
    out = {}
    for (section, a, p, metric), seqs in c.figures.items():
        out["/".join((section, a, p, metric))] = ("count", len(seqs), seqs)
    out.update(foi_ratios(entries, c))
    if not scope["party"]:
        states = review_states(entries, by_type, year, end)
        out.update({n: f for n, f in states.items()
                    if not scope["agreement"] or n.split("/")[1] == scope["agreement"]})
    return out


def recount_foi(entries, by_type, year, c):
    responses = defaultdict(list)
    for s in by_type["foi.responded"]:
        responses[entries[s]["body"]["request"]].append(s)
    for s in by_type["foi.received"]:
        e = entries[s]
        b = e["body"]
        if not b["received"].startswith(year):
            continue
        a, p = "", e["actor"].get("party", "")  # information requests are per party
        c.count("foi", a, p, "received", s)
        c.count("foi", a, p, "received." + b["regime"], s)
        counterparties = any(o["rule"] == "foi.inform" for o in b["decision"]["obligations"])
        if counterparties:
            c.count("foi", a, p, "with_counterparties", s)
        if not responses[b["request"]]:
            c.count("foi", a, p, "open", s)
        for r in responses[b["request"]]:
            answer = entries[r]
            if answer["body"].get("outcome") == "withdrawn":
                continue
            ra, rp = "", p  # under the party that received the request
            c.count("foi", ra, rp, "answered", r)
            c.count("foi", ra, rp, "late" if has_finding(answer, "foi.late") else "on_time", r)
            if counterparties and not has_finding(answer, "foi.inform-before-response"):
                c.count("foi", ra, rp, "informed_first", r)


def foi_ratios(entries, c):
    """on_time_pct and median_working_days for each party's answered figure."""
    out = {}
    for (section, a, p, metric), seqs in list(c.figures.items()):
        if (section, metric) != ("foi", "answered"):
            continue
        base = "/".join((section, a, p, ""))
        on_time = len(c.figures.get((section, a, p, "on_time"), []))
        # Tenths of a per cent, rounded half up, in integers.
        tenths = (2000 * on_time + len(seqs)) // (2 * len(seqs)) if seqs else None
        out[base + "on_time_pct"] = ("ratio", "" if tenths is None else
                                     "%d.%d" % (tenths // 10, tenths % 10), seqs)
        days = [entries[s]["body"]["decision"].get("facts", {}).get("working_days") for s in seqs]
        if None in days or not days:
            continue  # basis "engine": the verifier checks its entries only
        days.sort()
        mid = len(days) // 2
        halves = days[mid] * 2 if len(days) % 2 else days[mid - 1] + days[mid]
        out[base + "median_working_days"] = ("median", "%d.%d" % (halves // 2, 5 * (halves % 2)), seqs)
    return out


def review_states(entries, by_type, year, end):
    """reviews/A//state_at_year_end for every agreement registered by Y."""
    kinds = ("agreement.registered", "agreement.amended", "agreement.reviewed")
    per = defaultdict(list)
    for s in sorted(s for t in kinds for s in by_type[t] if entries[s]["time"][:4] <= year):
        e = entries[s]
        b = e["body"]
        per[b["agreement"] if e["type"] == "agreement.reviewed" else b["agreement"]["id"]].append(s)
    out = {}
    for agreement, seqs in per.items():
        text, held = None, None
        for s in seqs:
            e = entries[s]
            if e["type"] != "agreement.reviewed":
                text = e["body"]["agreement"]
            elif held is None or e["body"]["date"] >= entries[held]["body"]["date"]:
                held = s
        if text is None:
            continue
        clause = text.get("review") or {}
        due = None
        if held is not None and entries[held]["body"].get("outcome") == "terminated":
            value = "terminated"
        else:
            if held is None and clause.get("first_months") is not None:
                due = add_months(date_of(text["agreed"]), clause["first_months"])
            elif (held is not None and clause.get("then_months") is not None
                  and clause.get("then_from") == "last_review"):
                due = add_months(date_of(entries[held]["body"]["date"]), clause["then_months"])
            value = ("on request" if due is None else "overdue" if due < end
                     else "due " + due.isoformat())
        out["reviews/%s//state_at_year_end" % agreement] = ("state", value, seqs)
    return out


def recount_lapses(entries, by_type, year, end, months, c):
    """standing/lapsed: standing requests whose lapse day falls in the year."""
    reconfirmed = defaultdict(list)  # in entry order
    for s in by_type["standing_request.reconfirmed"]:
        if entries[s]["time"][:4] <= year:
            reconfirmed[entries[s]["body"]["request"]].append(date_of(entries[s]["time"]))
    for s in by_type["register.requested"]:
        e = entries[s]
        if not e["body"].get("standing") or e["time"][:4] > year:
            continue
        confirmed = date_of(e["time"])
        for day in reconfirmed[e["body"]["request"]]:
            if day <= add_months(confirmed, months):
                confirmed = day
        lapse_day = add_months(confirmed, months) + datetime.timedelta(days=1)
        if lapse_day.year == end.year:
            c.count("standing", agreement_of(e), e["actor"].get("party", ""), "lapsed", s)


def examples(entries, figures):
    """The refusal examples, in figure order."""
    out = []
    for name in sorted(figures, key=lambda n: tuple(n.split("/"))):
        section, _, _, metric = name.split("/")
        if section != "refusals" or not metric.startswith("rule."):
            continue
        seq = figures[name][2][0]
        e = entries[seq]
        out.append({"figure": name, "seq": seq, "text": "%s (%s) proposed %s: %s" % (
            e["actor"]["user"], e["actor"].get("party", ""), e["body"]["attempt"]["type"],
            first_refusal(e)["reason"])})
    return out
