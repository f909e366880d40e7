#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""results.py - the SDK results matrix, conformance/RESULTS.md.

    python3 conformance/tools/results.py           runs the suite for each implementation and
                                                    writes conformance/RESULTS.md
    python3 conformance/tools/results.py --check   regenerates it and fails (exit 1, with a
                                                    diff) when it differs from the committed one
    options: --ecskp PATH (default $ECSKP, else `ecskp` on PATH), --output FILE,
             --timeout SECONDS (per case, default 10)

Each implementation goes through tools/run.py --persistent --json over the whole suite:
ecskp (its own adapter, `ecskp adapter`), @alicloud/pop-core and the Tea stack (the adapters
of conformance/adapters/node, whose packages `npm ci` installs there from the lockfile). The
page holds a matrix per area and level, the totals per level, then every divergence grouped by
cause (the CAUSES table below: the first rule that matches a failing case names its cause;
what no rule matches lands in "Other", listed in full), then what each adapter skipped and why.
The output has no dates and no timings: the same suite and the same SDKs give the same page.
"""

import difflib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402  (the standalone runner: how cases are read)

HERE = os.path.dirname(os.path.abspath(__file__))
SUITE = os.path.normpath(os.path.join(HERE, ".."))
ROOT = os.path.normpath(os.path.join(SUITE, ".."))
RUN = os.path.join(HERE, "run.py")
NODE = os.path.join(SUITE, "adapters", "node")
OUTPUT = os.path.join(SUITE, "RESULTS.md")

AREAS = ("encode", "sign_v1", "sign_v3", "ids", "decode")
LEVELS = ("protocol", "client", "ecskp")
EXAMPLES = 4  # example cases shown per cause and implementation


def implementations(ecskp):
    """(column name, adapter command as shown, adapter command as run)."""
    node = os.path.relpath(NODE, ROOT)
    return [
        ("ecskp", "ecskp adapter", "%s adapter" % shlex.quote(ecskp)),
        ("pop-core", "node %s/popcore.js" % node, "node %s/popcore.js" % shlex.quote(node)),
        ("Tea", "node %s/tea.js" % node, "node %s/tea.js" % shlex.quote(node)),
    ]


# --- causes ---------------------------------------------------------------------------------
# A failing case is described by: impl, case ("<area>/<folder>"), area, name (the folder),
# level, why (the runner's reason), and what the reason says: kind ("accepted": an error was
# expected and a result came; "other_error": another error name; "refused": a result was
# expected and an error came; "value": an expected member differs; "nul", "garbled",
# "adapter": the answer itself failed), member (the differing member), want_error, got_error,
# got (the shown answer or value).

_WHY = [
    ("accepted", re.compile(r"^expected error (?P<want_error>\S+), got (?P<got>[{(].*)$", re.S)),
    ("other_error", re.compile(
        r'^expected error (?P<want_error>\S+), got error "(?P<got_error>[^"]*)" \((?P<got>.*)\)$',
        re.S)),
    ("refused", re.compile(r'^expected a result, got error "(?P<got_error>[^"]*)" \((?P<got>.*)\)$',
                           re.S)),
    ("value", re.compile(r"^(?P<member>[a-z_]+): expected (?P<want>.*?), got (?P<got>.*)$", re.S)),
    ("nul", re.compile(r"^answer holds \\u0000")),
    ("garbled", re.compile(r"^the answer is not one JSON object")),
    ("adapter", re.compile(r"^(the adapter |cannot start the adapter)")),
]


def describe(impl, entry):
    area, _, name = entry["case"].partition("/")
    r = {"impl": impl, "case": entry["case"], "area": area, "name": name,
         "level": entry.get("level"), "why": entry.get("why", ""), "kind": "unknown",
         "member": "", "want_error": "", "got_error": "", "got": ""}
    for kind, rx in _WHY:
        m = rx.match(r["why"])
        if m:
            r["kind"] = kind
            r.update({k: v for k, v in m.groupdict().items() if v is not None})
            break
    return r


def name_in(*words):
    return lambda r: any(w in r["name"] for w in words)


def kind_is(*kinds):
    return lambda r: r["kind"] in kinds


def got_has(*texts):
    return lambda r: any(t in r["got"] for t in texts)


def every(*tests):
    return lambda r: all(t(r) for t in tests)


def area_in(*areas):
    return lambda r: r["area"] in areas


def wants(*errors):
    return lambda r: r["want_error"] in errors


REQUESTS = area_in("encode", "sign_v1", "sign_v3", "ids")

# (title, one-line explanation, rule). The first rule that matches names the cause.
CAUSES = [
    ("No retry advice",
     "Category and Retryable are ecskp's classification of an API error "
     "(codec/include/ecskp/errors.h, level ecskp); the SDKs return the error document only.",
     lambda r: r["member"] == "advice"),
    ("List values flattened",
     "The SDK sends a list as `Name.1=...&Name.2=...` (the RPC repeat-list style), not as the "
     "JSON array text that the AttachKeyPair and DetachKeyPair pages document for InstanceIds.",
     every(REQUESTS, got_has(".1=", ".1%3D"))),
    ("A caller's Signature parameter is signed",
     "A `Signature` member of the request is sent and signed; the signature 1.0 page computes "
     "the string to sign from the other parameters only.",
     every(REQUESTS, got_has("&Signature=bogus", "Format=XML&Signature="))),
    ("V3: an extra signed header",
     "The Tea stack adds and signs `x-acs-credentials-provider`, which is not among the headers "
     "of the V3 signature page, so every V3 artifact differs.",
     every(area_in("sign_v3"), kind_is("value"), got_has("x-acs-credentials-provider"))),
    ("InstanceIds text sent as given",
     "The InstanceIds JSON text is sent with the caller's white space instead of its compact "
     "form (`[\"i-a\",\"i-b\"]`).",
     every(REQUESTS, kind_is("value"), got_has("%5B%20", "%2C%20", "%20%5D", "%0A"))),
    ("Reserved characters left unencoded in the sent query",
     "The query the SDK sends leaves `!'()*` as they are (JavaScript's encodeURIComponent), "
     "while the signature page percent-encodes them; the signature itself is computed right.",
     every(REQUESTS, kind_is("value"), lambda r: r["member"] == "signed_query")),
    ("Timestamp or SignatureNonce invented",
     "Where the request has no Timestamp or SignatureNonce the SDK makes one up; the suite "
     "expects the deterministic protocol (the typed layer refuses their absence).",
     every(REQUESTS, lambda r: r["area"] != "encode",
           name_in("missing_timestamp", "missing_signature_nonce", "missing_nonce",
                   "missing_date", "erratum_timestamp"))),
    ("Parameters added to the request",
     "The SDK adds parameters of its own (Format, Version, its signature defaults) to what "
     "it is given.",
     every(REQUESTS, kind_is("value"))),
    ("No request validation",
     "The SDK sends what it is given: missing, empty or misspelled parameters, bad Timestamps, "
     "InstanceIds that are not a list of 1 to 50 distinct IDs, bad names and values all go out.",
     every(REQUESTS, kind_is("accepted"))),
    ("Duplicate keys accepted",
     "A body that names a field twice is decoded (the last one wins) instead of refused.",
     every(area_in("decode"), kind_is("accepted"), wants("duplicate_field"))),
    ("Values of the wrong type or out of range accepted",
     "Fields are taken as JavaScript gives them, whatever they hold: counts and codes that are "
     "fractions, negative, 2^31 and beyond, booleans or Infinity, null or a string where an "
     "object or a list belongs.",
     every(area_in("decode"), kind_is("accepted"), wants("number_out_of_range", "wrong_type"))),
    ("Inconsistent replies accepted",
     "Counts that contradict the Results, Success flags that contradict the Code, an HTTP "
     "status that contradicts the body: the SDK does not cross-check them.",
     every(area_in("decode"), kind_is("accepted"),
           wants("inconsistent_response", "status_body_mismatch"))),
    ("Invalid UTF-8 replaced",
     "Invalid UTF-8 in a body is decoded with U+FFFD replacement characters instead of refused.",
     every(area_in("decode"), kind_is("accepted"), wants("invalid_utf8"))),
    ("No limits on hostile bodies",
     "Deep nesting and very many values are parsed without a limit.",
     every(area_in("decode"), kind_is("accepted"),
           wants("nesting_too_deep", "too_many_nodes", "too_many_results", "body_too_large",
                 "string_too_long", "too_many_attributes", "too_many_namespaces",
                 "markup_too_long"))),
    ("Missing fields accepted",
     "A reply without a RequestId, or an error without a Code, is decoded as it is.",
     every(area_in("decode"), kind_is("accepted"), wants("missing_field"))),
    ("Malformed bodies accepted",
     "The SDK's parser takes bodies that are not well-formed JSON or XML (raw control bytes, "
     "leading zeros, a DTD) or that have the wrong root.",
     every(area_in("decode"), kind_is("accepted"))),
    ("U+0000 kept in decoded strings",
     "An escaped or raw NUL, or a UTF-16/UTF-32 body read as UTF-8, ends up as U+0000 in the "
     "decoded document; no expected value contains it.",
     kind_is("nul")),
    ("The SDK throws on the body",
     "The SDK's code fails with a TypeError or similar on a body it does not expect (HTML, "
     "an unexpected root, deep nesting); the adapter reports it as sdk_error.",
     lambda r: r["got_error"] == "sdk_error"),
    ("Refused under another name",
     "The body is refused, but the SDK's parser does not tell the faults apart (an empty body, "
     "trailing data, a byte order mark and a syntax error are all one JSON.parse error).",
     kind_is("other_error")),
    ("Valid bodies refused",
     "A body that the suite accepts is refused by the SDK (a UTF-8 byte order mark, a single "
     "Result object where a list is usual).",
     kind_is("refused")),
    ("Implementation-defined input decided otherwise",
     "An i_ case records ecskp's decision on input that the documentation leaves open "
     "(level ecskp); the SDK decides otherwise.",
     every(area_in("decode"), lambda r: r["name"].startswith("i_"))),
    ("Decoded document differs",
     "The SDK decodes the body, but its document differs from the normalized form (fields "
     "dropped, renamed or typed otherwise).",
     every(area_in("decode"), kind_is("value"))),
]
OTHER = ("Other", "Failures that no rule above describes, listed in full.")


# Values an SDK makes up (a Timestamp, a nonce, a signature over them) differ from run to run;
# in the examples shown they are replaced unless the case's own files hold them.
_VOLATILE = re.compile(r"\d{4}-\d\d-\d\dT\d\d(?::|%3A)\d\d(?::|%3A)\d\d(?:\.\d+)?Z"
                       r"|[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}"
                       r"|[0-9a-fA-F]{16,}|(?:[A-Za-z0-9]|%2B|%2F|\+|/){27}(?:=|%3D)")


def stable(text, known):
    return _VOLATILE.sub(lambda m: m.group(0) if m.group(0) in known else "<varies>", text)


def _window(text, i, before=50, after=70):
    start = max(0, i - before)
    end = min(len(text), i + after)
    return ("..." if start else "") + text[start:end] + ("..." if end < len(text) else "")


def summary(r, known):
    """A short, stable line saying how the case failed."""
    if r["kind"] == "accepted":
        text = "expected error %s, got a result" % r["want_error"]
    elif r["kind"] == "other_error":
        text = "expected error %s, got error %s" % (r["want_error"], r["got_error"])
    elif r["kind"] == "refused":
        text = "expected a result, got error %s (%s)" % (r["got_error"], shorten(r["got"], 80))
    elif r["kind"] == "value":
        want, got = r.get("want", ""), r["got"]
        i = next((k for k, (a, b) in enumerate(zip(want, got)) if a != b), min(len(want),
                                                                             len(got)))
        text = "%s: expected %s, got %s" % (r["member"], _window(want, i), _window(got, i))
    else:
        text = shorten(r["why"], 200)
    return stable(text, known)


def known_values(case):
    """The text of a case's request and expected files."""
    try:
        c = run.load_case(os.path.join(SUITE, case))
    except run.BadCase:
        return ""
    text = c.request + run.dumps(c.expected)
    return text + urllib.parse.quote(text, safe="-_.~")


def cause_of(r):
    for i, (_, _, rule) in enumerate(CAUSES):
        if rule(r):
            return i
    return len(CAUSES)


# --- running --------------------------------------------------------------------------------

def run_suite(command, timeout):
    """The --json report of run.py --persistent for the adapter command."""
    p = subprocess.run([sys.executable, RUN, "--persistent", "--json", "--timeout", str(timeout),
                        "--adapter", command, os.path.relpath(SUITE, ROOT)],
                       cwd=ROOT, capture_output=True)
    try:
        report = json.loads(p.stdout.decode("utf-8", "replace"))
    except ValueError:
        sys.stderr.write(p.stderr.decode("utf-8", "replace"))
        raise SystemExit("results.py: run.py gave no report for %s (exit %d)"
                         % (command, p.returncode))
    if report["total"]["passed"] == 0:
        sys.stderr.write(p.stderr.decode("utf-8", "replace"))
        raise SystemExit("results.py: no case passed through %s: is it installed? (for the "
                         "Node adapters: npm ci in %s)" % (command, os.path.relpath(NODE, ROOT)))
    return report


def sdk_versions():
    """Package versions of the Node adapters, from the committed lockfile."""
    try:
        with open(os.path.join(NODE, "package-lock.json")) as f:
            lock = json.load(f)
    except (OSError, ValueError):
        return []
    with open(os.path.join(NODE, "package.json")) as f:
        direct = sorted(json.load(f).get("dependencies", {}))
    packages = lock.get("packages", {})
    return [(name, packages.get("node_modules/" + name, {}).get("version", "?"))
            for name in direct]


# --- the page -------------------------------------------------------------------------------

def tally(report):
    """{(area, level): [passed, failed, skipped]} and {level: [...]}, and the total."""
    cells, levels, total = {}, {}, [0, 0, 0]
    index = {"pass": 0, "fail": 1, "skip": 2}
    for c in report["cases"]:
        area = c["case"].partition("/")[0]
        i = index[c["result"]]
        for key, table in (((area, c["level"]), cells), (c["level"], levels)):
            table.setdefault(key, [0, 0, 0])[i] += 1
        total[i] += 1
    return cells, levels, total


def cell(t):
    if t is None:
        return ""
    passed, failed, skipped = t
    ran = passed + failed
    text = "%d/%d" % (passed, ran) if ran else "-"
    if ran and failed == 0:
        text = "**%s**" % text
    if skipped:
        text += " (%d skipped)" % skipped
    return text


def md(text):
    """Text for a table cell or an inline code span."""
    return text.replace("|", "\\|").replace("`", "'")


def shorten(text, n=160):
    return text if len(text) <= n else text[:n - 3] + "..."


def render(version, impls, reports):
    names = [n for n, _, _ in impls]
    out = []
    w = out.append
    w("# Conformance results")
    w("")
    w("The conformance suite %s run through the official Alibaba Cloud Node.js SDKs and "
      "through ecskp, each by its adapter, in the style of "
      "[JSONTestSuite](https://github.com/nst/JSONTestSuite)'s results. Generated by "
      "`python3 conformance/tools/results.py` (CI regenerates it with `--check` and fails when "
      "it differs); do not edit by hand." % version)
    w("")
    w("| Column | Adapter |")
    w("|---|---|")
    for n, shown, _ in impls:
        w("| %s | `%s` |" % (n, md(shown)))
    versions = sdk_versions()
    if versions:
        w("")
        w("Node packages (conformance/adapters/node/package-lock.json): %s." % ", ".join(
            "%s %s" % (p, v) for p, v in versions))
    w("")
    w("A cell is `passed/ran` for the cases of that area and level; cases an adapter answers "
      "`unsupported` are skipped, counted apart and not in `ran`. Bold: nothing failed. The "
      "levels (conformance/README.md, \"Levels\"): `protocol` is what the wire protocol and the "
      "documentation require, `client` what a careful client also refuses, `ecskp` ecskp's own "
      "policy (error categories and retry advice, its implementation-defined decisions).")
    w("")
    tallies = [tally(reports[n]) for n in names]
    w("## Per level")
    w("")
    w("| Level | Cases | %s |" % " | ".join(names))
    w("|---|---:|%s" % ("---:|" * len(names)))
    for lv in LEVELS:
        count = sum(tallies[0][1].get(lv, [0, 0, 0]))
        w("| %s | %d | %s |" % (lv, count, " | ".join(cell(t[1].get(lv)) for t in tallies)))
    w("| **all** | %d | %s |" % (sum(tallies[0][2]), " | ".join(cell(t[2]) for t in tallies)))
    w("")
    w("## Per area and level")
    w("")
    w("| Area | Level | Cases | %s |" % " | ".join(names))
    w("|---|---|---:|%s" % ("---:|" * len(names)))
    for area in AREAS:
        for lv in LEVELS:
            key = (area, lv)
            count = sum(tallies[0][0].get(key, [0, 0, 0]))
            if count == 0 and all(key not in t[0] for t in tallies):
                continue
            w("| %s | %s | %d | %s |" % (area, lv, count,
                                         " | ".join(cell(t[0].get(key)) for t in tallies)))
    w("")

    # Divergences grouped by cause.
    groups = {}
    for n in names:
        for c in reports[n]["cases"]:
            if c["result"] != "fail":
                continue
            r = describe(n, c)
            groups.setdefault(cause_of(r), {}).setdefault(n, []).append(r)
    w("## Divergences by cause")
    w("")
    w("Every failing case of every column, grouped by the first cause of the table in "
      "`conformance/tools/results.py` that describes it (counts per level: protocol / client / "
      "ecskp); what none describes is under Other, in full.")
    w("")
    groups.setdefault(len(CAUSES), {})  # Other is always shown, empty or not
    w("| Cause | %s |" % " | ".join(names))
    w("|---|%s" % ("---:|" * len(names)))
    for i in sorted(groups):
        title = (CAUSES[i][0] if i < len(CAUSES) else OTHER[0])
        w("| %s | %s |" % (md(title), " | ".join(
            per_level(groups[i].get(n, [])) for n in names)))
    w("")
    for i in sorted(groups):
        title, text = (CAUSES[i][:2] if i < len(CAUSES) else OTHER)
        w("### %s" % title)
        w("")
        w(text if groups[i] else "None: every failure above has its cause.")
        w("")
        for n in names:
            rows = sorted(groups[i].get(n, []), key=lambda r: r["case"])
            if not rows:
                continue
            shown = rows if i == len(CAUSES) else rows[:EXAMPLES]
            more = len(rows) - len(shown)
            w("* **%s** (%d): %s%s" % (n, len(rows), "; ".join(
                "`%s` (%s)" % (r["case"], r["level"]) for r in shown),
                "; and %d more" % more if more else ""))
            for r in shown[:1] if i < len(CAUSES) else shown:
                w("  * `%s`: %s" % (r["case"], md(summary(r, known_values(r["case"])))))
        if out[-1]:
            w("")

    # Skips.
    w("## Skipped")
    w("")
    w("What each adapter answered `unsupported`, by reason.")
    w("")
    any_skip = False
    for n in names:
        reasons = {}
        for c in reports[n]["cases"]:
            if c["result"] == "skip":
                reasons.setdefault(c.get("why", ""), []).append(c["case"])
        if not reasons:
            continue
        any_skip = True
        w("* **%s**" % n)
        for why in sorted(reasons):
            cases = sorted(reasons[why])
            w("  * %d: %s (e.g. `%s`)" % (len(cases), md(shorten(why, 200)), cases[0]))
    if not any_skip:
        w("Nothing.")
    return "\n".join(out) + "\n"


def per_level(rows):
    if not rows:
        return ""
    counts = [sum(1 for r in rows if r["level"] == lv) for lv in LEVELS]
    return "%d (%s)" % (len(rows), " / ".join(str(c) for c in counts))


# --- the command ----------------------------------------------------------------------------

def main(argv):
    check = False
    ecskp = os.environ.get("ECSKP") or shutil.which("ecskp")
    output = OUTPUT
    timeout = 10
    args = list(argv)
    while args:
        a = args.pop(0)
        if a == "--check":
            check = True
        elif a in ("--ecskp", "--output", "--timeout") and args:
            v = args.pop(0)
            if a == "--ecskp":
                ecskp = v
            elif a == "--output":
                output = v
            elif v.isdigit() and 1 <= int(v) <= 3600:
                timeout = int(v)
            else:
                sys.stderr.write("results.py: --timeout takes whole seconds from 1 to 3600\n")
                return 2
        elif a in ("-h", "--help"):
            sys.stdout.write(__doc__)
            return 0
        else:
            sys.stderr.write("results.py: usage: results.py [--check] [--ecskp PATH] "
                             "[--output FILE] [--timeout SECONDS]\n")
            return 2
    if not ecskp:
        sys.stderr.write("results.py: give the ecskp binary: --ecskp PATH or ECSKP=PATH\n")
        return 2
    ecskp = os.path.abspath(ecskp) if os.sep in ecskp else ecskp
    with open(os.path.join(SUITE, "VERSION")) as f:
        version = f.readline().strip()
    impls = implementations(ecskp)
    reports = {n: run_suite(cmd, timeout) for n, _, cmd in impls}
    page = render(version, impls, reports)
    if check:
        try:
            with open(output, encoding="utf-8") as f:
                old = f.read()
        except FileNotFoundError:
            old = ""
        if old == page:
            print("results.py: %s is up to date" % os.path.relpath(output))
            return 0
        sys.stdout.writelines(difflib.unified_diff(
            old.splitlines(True), page.splitlines(True), os.path.relpath(output) + " (committed)",
            os.path.relpath(output) + " (regenerated)"))
        print("results.py: %s differs from what the suite and the SDKs give now; run "
              "python3 conformance/tools/results.py and commit it" % os.path.relpath(output))
        return 1
    with open(output, "w", encoding="utf-8") as f:
        f.write(page)
    print("results.py: wrote %s" % os.path.relpath(output))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
