#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""End-to-end test of `ecskp attach` / `ecskp detach` against examples/fake_ecs_server.py.

Every run starts its own fake endpoint on 127.0.0.1 (an ephemeral port, its own request log and
scenario), runs the built command against it with --endpoint http://127.0.0.1:PORT, and asserts
the exit status, the --json report and what the endpoint saw. The endpoint checks each request's
signature (1.0 and V3) and SecurityToken with its own code, so "verified" in its log means an
independent implementation accepted the request.

Checked: 120 IDs in 3 requests of 50, 50 and 20 with STS credentials from the environment, from an
aliyun-cli profile file (StsToken via ALIBABA_CLOUD_CONFIG_FILE, AK via HOME/.aliyun/config.json,
its region_id the default region) and from --ids-file; the table report's last line; JSON and XML
replies under signature 1.0 and V3; GET; detach; a KeyPairName that needs percent-encoding; a
throttled batch retried after the server's hint (x-acs-retry-after and x-ratelimit-user-api, a
hint longer than the backoff waited for in full, one above 60 s not waited for); 503 with an HTML
page and with no body, and retries running out; a batch refused for good (not retried), an auth
refusal that stops the remaining batches, every batch refused; per-instance failures, a
one-instance XML reply; instances a success reply fails with Code Throttling or
ServiceUnavailable sent again alone (after the throttled backoff, until the attempts are used up)
while a Windows instance (DependencyViolation.WindowsInstance) is not; a wrong secret and an
unknown AccessKeyId (not retried); --dry-run sends nothing and its printed requests are accepted
as printed; no run prints a secret, and no run prints the SecurityToken but where it is
documented (a dry run shows what is sent) or where it is the server's own text (a signature 1.0
StringToSign quoted in SignatureDoesNotMatch).

Usage: test_call_e2e.py PATH_TO_ECSKP
Prints one line per check ("ok    NAME" or "FAIL  NAME: WHY") and ends with
"e2e: N passed, N failed"; exit status 0 only when every check passed.
"""

import atexit
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
SERVER = os.path.join(HERE, "fake_ecs_server.py")
ECSKP = os.path.abspath(sys.argv[1]) if len(sys.argv) == 2 else None
TMP = tempfile.mkdtemp(prefix="ecskp-e2e-")
atexit.register(shutil.rmtree, TMP, True)

# The credentials the endpoint accepts. Distinct per source, so the log shows which one was used.
ENV_STS = ("STS.e2eEnvKeyId", "e2e-env-Secret-9Qw7/+=", "CAIS-e2e-env-token-Zx81")
PROFILE_STS = ("STS.e2eProfileKeyId", "e2e-profile-Secret-3Lm5", "CAIS-e2e-profile-token-Ke44")
PROFILE_AK = ("LTAIe2eProfileAk", "e2e-ak-Secret-4Rt2", None)
WRONG_SECRET = "e2e-wrong-Secret-0Pp6"
SECRETS = (ENV_STS[1], PROFILE_STS[1], PROFILE_AK[1], WRONG_SECRET)
TOKENS = (ENV_STS[2], PROFILE_STS[2])
CREDENTIAL_PREFIXES = ("ALIBABA_CLOUD_", "ALIBABACLOUD_", "ALICLOUD_", "ECSKP_")
IDS = ["i-bp1e2e%012d" % n for n in range(1, 121)]
BATCHES = [IDS[0:50], IDS[50:100], IDS[100:120]]
# ecskp(1): the wait is max(server hint, equal-jitter backoff), the backoff min(20 s, 100 ms << n),
# throttled 500 ms << n, half fixed: so at least 50 ms, then 100 ms; throttled at least 250 ms.
BACKOFF_FLOORS = [0.05, 0.1]
BACKOFF_WHY = "the fixed half of the backoff 100 ms << n"
THROTTLED_FLOOR = 0.25
THROTTLED_WHY = "the fixed half of the throttled backoff 500 ms"

counts = {"passed": 0, "failed": 0}
runs = []  # (name, argv, stdout, stderr, dry_run) of every command run


def check(name, cond, detail=""):
    if cond:
        counts["passed"] += 1
        print("ok    %s" % name)
    else:
        counts["failed"] += 1
        print("FAIL  %s%s" % (name, ": " + detail if detail else ""))
    sys.stdout.flush()
    return cond


# ------------------------------------------------------------------ the endpoint


class Endpoint:
    """One fake_ecs_server.py process with its own port, request log and scenario."""

    count = 0
    live = []  # started and not yet stopped
    error_files = []  # every server's standard error

    def __init__(self, replies=(), rules=None):
        Endpoint.count += 1
        base = os.path.join(TMP, "server%d" % Endpoint.count)
        self.port_file, self.log_file = base + ".port", base + ".jsonl"
        self.err_file = base + ".err"
        Endpoint.error_files.append(self.err_file)
        argv = [sys.executable, SERVER, "--port", "0", "--port-file", self.port_file,
                "--request-log", self.log_file, "--lifetime", "120",
                "--sts-credential", "%s:%s:%s" % ENV_STS,
                "--sts-credential", "%s:%s:%s" % PROFILE_STS,
                "--credential", "%s:%s" % PROFILE_AK[:2]]
        if rules is not None:
            with open(base + ".scenario.json", "w", encoding="utf-8") as f:
                json.dump({"rules": rules}, f)
            argv += ["--scenario", base + ".scenario.json"]
        for spec in replies:
            argv += ["--reply", spec]
        with open(self.err_file, "wb") as err:
            self.proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err)
        Endpoint.live.append(self)
        self.port = self.wait_port()
        self.url = "http://127.0.0.1:%d" % self.port

    def wait_port(self):
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if os.path.exists(self.port_file):
                with open(self.port_file, encoding="ascii") as f:
                    return int(f.read())
            if self.proc.poll() is not None:
                break
            time.sleep(0.02)
        self.stop()
        with open(self.err_file, encoding="utf-8", errors="replace") as f:
            raise RuntimeError("fake_ecs_server.py did not start: %s" % f.read())

    def stop(self):
        """Stops the server; returns the requests it logged."""
        self.proc.terminate()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        if self in Endpoint.live:
            Endpoint.live.remove(self)
        if not os.path.exists(self.log_file):
            return []
        with open(self.log_file, encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]


# ------------------------------------------------------------------ running the command


def empty_home():
    return tempfile.mkdtemp(prefix="home-", dir=TMP)


def clean_env(extra, home):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(CREDENTIAL_PREFIXES)
           and k.lower() not in ("http_proxy", "https_proxy", "all_proxy")}
    env["HOME"] = home
    env["NO_PROXY"] = env["no_proxy"] = "*"
    env.update(extra)
    return env


def sts_env(cred=ENV_STS, secret=None):
    return {"ALIBABA_CLOUD_ACCESS_KEY_ID": cred[0],
            "ALIBABA_CLOUD_ACCESS_KEY_SECRET": secret or cred[1],
            "ALIBABA_CLOUD_SECURITY_TOKEN": cred[2]}


def run_cmd(name, args, env=None, home=None, dry_run=False):
    """Runs ecskp ARGS; returns (rc, stdout, stderr)."""
    argv = [ECSKP] + args
    p = subprocess.run(argv, capture_output=True, timeout=60,
                       env=clean_env(env or {}, home or empty_home()))
    out, err = p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
    runs.append((name, argv, out, err, dry_run))
    return p.returncode, out, err


def attach(name, endpoint, extra=(), ids=IDS, env=None, home=None, cmd="attach",
           region="cn-hangzhou", key_pair="k"):
    """One --json run against endpoint; returns (rc, report or None, stderr, server log)."""
    args = [cmd] + (["--region", region] if region else []) + [
        "--key-pair-name", key_pair, "--endpoint", endpoint.url, "--json"] + list(extra) + list(ids)
    rc, out, err = run_cmd(name, args, env if env is not None else sts_env(), home)
    log = endpoint.stop()
    try:
        report = json.loads(out)
    except ValueError:
        report = None
    return rc, report, err, log


# ------------------------------------------------------------------ what to assert


def outcomes(report):
    """{instance id: (outcome, code)} of a report."""
    if not report:
        return {}
    return {i["id"]: (i["outcome"], i["code"]) for i in report.get("instances", [])}


def summary(report):
    return (report or {}).get("summary")


def all_ok(report, ids=IDS):
    want = {i: ("ok", "200") for i in ids}
    return outcomes(report) == want and summary(report) == {"ok": len(ids), "failed": 0,
                                                            "not_done": 0}


def batch_of(report, n):
    """Batch n (from 1) of a report, or {}."""
    batches = (report or {}).get("batches") or []
    return batches[n - 1] if 0 < n <= len(batches) else {}


def batch_ids(log):
    return [e["instance_ids"] for e in log]


def describe(rc, report, err, log):
    brief = [(e["batch"], e["attempt"], len(e["instance_ids"] or []), e["verified"], e["status"],
              e["code"]) for e in log]
    return "exit %s, summary %s, server saw (batch, attempt, ids, verified, status, code) %s%s" % (
        rc, summary(report), brief, ("; stderr: " + err.strip()[:300]) if err.strip() else "")


def expect_three_verified(name, rc, report, err, log, token, key_id, sig="1.0", fmt="JSON"):
    """The common assertions of a successful 120-ID run."""
    why = describe(rc, report, err, log)
    check("%s: exit 0" % name, rc == 0, why)
    check("%s: the server saw exactly 3 requests with 50/50/20 IDs, in list order" % name,
          batch_ids(log) == BATCHES, why)
    check("%s: every request verified by the server (signature %s, Format %s)" % (name, sig, fmt),
          len(log) == 3 and all(e["verified"] and e["status"] == 200 and
                                e["signature_version"] == sig and e["format"] == fmt
                                for e in log), why)
    check("%s: every request carried AccessKeyId %s and %s" %
          (name, key_id, "the SecurityToken" if token else "no SecurityToken"),
          len(log) == 3 and all(e["access_key_id"] == key_id and e["security_token"] == token
                                for e in log), why)
    check("%s: the --json report says 120 ok" % name, all_ok(report), why)
    check("%s: RegionId cn-hangzhou, KeyPairName k, action AttachKeyPair" % name,
          len(log) == 3 and all(e["region_id"] == "cn-hangzhou" and e["key_pair_name"] == "k" and
                                e["action"] == "AttachKeyPair" for e in log), why)


# ------------------------------------------------------------------ the scenarios


def test_signatures_and_formats():
    for sig, fmt in ((None, None), ("v1", "xml"), ("v3", "json"), ("v3", "xml")):
        ep = Endpoint()
        if sig is None:  # the defaults: signature 1.0, Format JSON
            name, extra, sig, fmt = "STS env, 120 IDs, no --signature/--format", [], "v1", "json"
        else:
            name = "STS env, 120 IDs, --signature %s --format %s" % (sig, fmt)
            extra = ["--signature", sig, "--format", fmt]
        rc, report, err, log = attach(name, ep, extra)
        want_sig = "1.0" if sig == "v1" else "v3"
        expect_three_verified(name, rc, report, err, log, ENV_STS[2], ENV_STS[0], want_sig,
                              fmt.upper())
        if sig == "v3":
            check("%s: the signed host header is 127.0.0.1:PORT" % name,
                  log and all(e["host"] == "127.0.0.1:%d" % ep.port for e in log),
                  describe(rc, report, err, log))


def test_table_report():
    ep = Endpoint()
    args = ["attach", "--region", "cn-hangzhou", "--key-pair-name", "k", "--endpoint", ep.url]
    rc, out, err = run_cmd("STS env, 120 IDs, table report", args + IDS, sts_env())
    log = ep.stop()
    want = "attach: 120 ok, 0 failed, 0 not done, in 3 requests to 127.0.0.1:%d" % ep.port
    check("STS env, 120 IDs, without --json: exit 0, 3 verified requests, last line %r" % want,
          rc == 0 and batch_ids(log) == BATCHES and all(e["verified"] for e in log) and
          out.rstrip("\n").split("\n")[-1] == want,
          "exit %d, last line %r, stderr %r" % (rc, out.rstrip("\n").split("\n")[-1], err))
    ids_file = os.path.join(TMP, "ids.txt")
    with open(ids_file, "w", encoding="ascii") as f:
        f.write("\n".join(IDS) + "\n")
    ep = Endpoint()
    rc, report, err, log = attach("--ids-file, 120 IDs one a line", ep, ["--ids-file", ids_file],
                                  ids=[])
    check("--ids-file, 120 IDs one a line: exit 0, 3 verified requests of 50/50/20, 120 ok",
          rc == 0 and batch_ids(log) == BATCHES and all(e["verified"] for e in log) and
          all_ok(report), describe(rc, report, err, log))


def test_method_and_detach():
    ep = Endpoint()
    rc, report, err, log = attach("STS env, --method GET", ep, ["--method", "GET"])
    expect_three_verified("STS env, --method GET", rc, report, err, log, ENV_STS[2], ENV_STS[0])
    check("STS env, --method GET: the server saw GET", [e["method"] for e in log] == ["GET"] * 3,
          describe(rc, report, err, log))
    for sig, fmt in (("v1", "json"), ("v3", "xml")):
        ep = Endpoint()
        name = "detach, --signature %s --format %s" % (sig, fmt)
        rc, report, err, log = attach(name, ep, ["--signature", sig, "--format", fmt],
                                      cmd="detach")
        check("%s: exit 0, 3 verified DetachKeyPair requests, 120 ok" % name,
              rc == 0 and batch_ids(log) == BATCHES and
              all(e["verified"] and e["action"] == "DetachKeyPair" for e in log) and
              all_ok(report) and report.get("action") == "DetachKeyPair",
              describe(rc, report, err, log))


def write_profile(path, profile):
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"current": profile["name"], "profiles": [profile]}, f)
    os.chmod(path, 0o600)


def profile_of(name, mode, cred):
    return {"name": name, "mode": mode, "access_key_id": cred[0], "access_key_secret": cred[1],
            "sts_token": cred[2] or "", "region_id": "cn-shanghai"}


def test_profiles():
    conf = os.path.join(TMP, "e2e-config.json")
    write_profile(conf, profile_of("e2e-sts", "StsToken", PROFILE_STS))
    ep = Endpoint()
    name = "profile StsToken via ALIBABA_CLOUD_CONFIG_FILE"
    rc, report, err, log = attach(name, ep, env={"ALIBABA_CLOUD_CONFIG_FILE": conf})
    expect_three_verified(name, rc, report, err, log, PROFILE_STS[2], PROFILE_STS[0])

    home = empty_home()
    os.makedirs(os.path.join(home, ".aliyun"))
    write_profile(os.path.join(home, ".aliyun", "config.json"),
                  profile_of("e2e-ak", "AK", PROFILE_AK))
    ep = Endpoint()
    name = "profile AK via HOME/.aliyun/config.json"
    rc, report, err, log = attach(name, ep, env={}, home=home)
    expect_three_verified(name, rc, report, err, log, None, PROFILE_AK[0])
    check("%s: no warning on standard error" % name, err == "", err)

    ep = Endpoint()
    name = "profile AK, no --region: the profile's region_id"
    rc, report, err, log = attach(name, ep, env={}, home=home, region=None, ids=IDS[:2])
    check("%s (cn-shanghai) is the RegionId sent" % name,
          rc == 0 and len(log) == 1 and log[0]["verified"] and
          log[0]["region_id"] == "cn-shanghai", describe(rc, report, err, log))


def test_encoding():
    """A KeyPairName that needs percent-encoding, in every signature and method."""
    key_pair = "e2e key:\u00fc*~!'()+&=%"
    for sig in ("v1", "v3"):
        for method in ("POST", "GET"):
            ep = Endpoint()
            name = "KeyPairName %r, --signature %s --method %s" % (key_pair, sig, method)
            rc, report, err, log = attach(name, ep, ["--signature", sig, "--method", method],
                                          ids=IDS[:2], key_pair=key_pair)
            check("%s: verified, the server read the same name, ok" % name,
                  rc == 0 and len(log) == 1 and log[0]["verified"] and
                  log[0]["method"] == method and log[0]["key_pair_name"] == key_pair and
                  all_ok(report, IDS[:2]), describe(rc, report, err, log))


def attempt_times(log, batch):
    return [e["time"] for e in log if e["batch"] == batch]


def expect_retried(name, rc, report, err, log, batch, attempts, min_gaps, why_gaps):
    """A run where `batch` took `attempts` requests, the last one verified and answered 200, the
    k-th wait at least min_gaps[k] seconds (measured at the server, between arrivals)."""
    why = describe(rc, report, err, log)
    total = 3 + attempts - 1
    check("%s: exit 0, 120 ok" % name, rc == 0 and all_ok(report), why)
    sequence = []
    for k, ids in enumerate(BATCHES, 1):
        sequence += [ids] * (attempts if k == batch else 1)
    check("%s: the server saw %d requests, batch %d %d times in a row" %
          (name, total, batch, attempts),
          len(log) == total and batch_ids(log) == sequence and
          [e["batch"] for e in log].count(batch) == attempts, why)
    mine = [e for e in log if e["batch"] == batch]
    check("%s: every attempt verified, the last one answered 200" % name,
          all(e["verified"] for e in log) and mine and mine[-1]["status"] == 200, why)
    times = attempt_times(log, batch)
    gaps = [b - a for a, b in zip(times, times[1:])]
    check("%s: waits between the attempts of batch %d of at least %s ms (%s; got %s ms)" %
          (name, batch, [round(g * 1000) for g in min_gaps], why_gaps,
           [round(g * 1000) for g in gaps]),
          len(gaps) == attempts - 1 and all(g >= m for g, m in zip(gaps, min_gaps)), why)
    rep_batch = batch_of(report, batch)
    check("%s: the report gives batch %d %d attempts" % (name, batch, attempts),
          rep_batch.get("attempts") == attempts and rep_batch.get("outcome") == "ok", why)


def test_throttling():
    ep = Endpoint(replies=["2:1:throttled"])
    rc, report, err, log = attach("Throttling.User + x-acs-retry-after: 100 on batch 2", ep)
    expect_retried("Throttling.User + x-acs-retry-after: 100 on batch 2", rc, report, err, log,
                   2, 2, [THROTTLED_FLOOR], "the hint is 100 ms, " + THROTTLED_WHY)
    check("Throttling.User on batch 2: the first attempt was answered 400 Throttling.User",
          [(e["status"], e["code"]) for e in log if e["batch"] == 2][:1] ==
          [(400, "Throttling.User")], describe(rc, report, err, log))
    ep = Endpoint(replies=["1:1:rate-limited"])
    rc, report, err, log = attach("429 + x-ratelimit-user-api TimeLeft:100 on batch 1", ep)
    expect_retried("429 + x-ratelimit-user-api TimeLeft:100 on batch 1", rc, report, err, log,
                   1, 2, [THROTTLED_FLOOR], "the hint is 100 ms, " + THROTTLED_WHY)
    # A hint longer than the throttled backoff (at most 500 ms on the first retry) must be waited
    # for in full: this is where the server's hint, not the backoff, sets the wait.
    ep = Endpoint(rules=[{"batch": 3, "attempt": 1, "reply": "throttled", "retry_after_ms": 1200}])
    rc, report, err, log = attach("x-acs-retry-after: 1200 (longer than the backoff)", ep)
    expect_retried("x-acs-retry-after: 1200 (longer than the backoff)", rc, report, err, log,
                   3, 2, [1.2], "the hint")
    ep = Endpoint(rules=[{"batch": 2, "attempt": 1, "reply": "rate-limited",
                          "time_left_ms": 1200}])
    rc, report, err, log = attach("x-ratelimit-user-api TimeLeft:1200 (longer than the backoff)",
                                  ep)
    expect_retried("x-ratelimit-user-api TimeLeft:1200 (longer than the backoff)", rc, report,
                   err, log, 2, 2, [1.2], "the hint")
    # ecskp(1): a hint above 60 s ends that request's retries instead of blocking.
    ep = Endpoint(rules=[{"batch": 1, "reply": "throttled", "retry_after_ms": 61000}])
    start = time.monotonic()
    rc, report, err, log = attach("x-acs-retry-after: 61000 (above the 60 s cap)", ep)
    took = time.monotonic() - start
    want = {i: ("ok", "200") for i in IDS}
    want.update({i: ("failed", "Throttling.User") for i in BATCHES[0]})
    expect_outcomes("x-acs-retry-after: 61000 (above the 60 s cap)", rc, 3, report, want,
                    BATCHES, log, err)
    check("x-acs-retry-after: 61000: no wait (%.1f s), batch 1's advice is throttled" % took,
          took < 10 and batch_of(report, 1).get("retry") == "throttled",
          describe(rc, report, err, log))


def test_unavailable():
    ep = Endpoint(replies=["1:1:html-503"])
    rc, report, err, log = attach("503 with an HTML gateway page on batch 1", ep)
    expect_retried("503 with an HTML gateway page on batch 1", rc, report, err, log, 1, 2,
                   BACKOFF_FLOORS[:1], BACKOFF_WHY)
    ep = Endpoint(replies=["3:1:bare-503", "3:2:bare-503"])
    rc, report, err, log = attach("bare 503 (no body) twice on batch 3", ep)
    expect_retried("bare 503 (no body) twice on batch 3", rc, report, err, log, 3, 3,
                   BACKOFF_FLOORS[:2], BACKOFF_WHY)
    ep = Endpoint(replies=["*:*:bare-503"])
    rc, report, err, log = attach("bare 503 on every attempt, --attempts 2", ep,
                                  ["--attempts", "2"])
    why = describe(rc, report, err, log)
    check("bare 503 on every attempt, --attempts 2: exit 4, 6 requests, 120 not done "
          "(code HTTP 503)",
          rc == 4 and len(log) == 6 and all(e["verified"] for e in log) and
          outcomes(report) == {i: ("not-done", "HTTP 503") for i in IDS}, why)


def expect_outcomes(name, rc, want_rc, report, want, requests, log, err):
    why = describe(rc, report, err, log)
    got = outcomes(report)
    wrong = [(i, got.get(i), want[i]) for i in IDS if got.get(i) != want[i]][:3]
    check("%s: exit %d" % (name, want_rc), rc == want_rc, why)
    check("%s: %d requests sent, each verified, none retried" % (name, len(requests)),
          batch_ids(log) == requests and all(e["verified"] for e in log), why)
    check("%s: per-instance outcomes and codes" % name, not wrong and len(got) == len(IDS),
          "first differences (id, got, want): %s; %s" % (wrong, why))


def test_permanent_failures():
    io = {"reply": "error", "status": 400, "code": "DependencyViolation.IoOptimize",
          "message": "The specified instance is not I/O optimized."}
    want = {i: ("ok", "200") for i in IDS}
    want.update({i: ("failed", "DependencyViolation.IoOptimize") for i in BATCHES[1]})
    for fmt in ("json", "xml"):
        ep = Endpoint(rules=[dict(io, batch=2)])
        name = "batch 2 refused for good (DependencyViolation.IoOptimize), --format %s" % fmt
        rc, report, err, log = attach(name, ep, ["--format", fmt])
        expect_outcomes(name, rc, 3, report, want, BATCHES, log, err)

    ep = Endpoint(replies=["2:*:forbidden"])
    rc, report, err, log = attach("batch 2 refused with 403 Forbidden.RAM", ep)
    want = {i: ("ok", "200") for i in BATCHES[0]}
    want.update({i: ("failed", "Forbidden.RAM") for i in BATCHES[1]})
    want.update({i: ("not-done", "NotSent") for i in BATCHES[2]})
    expect_outcomes("batch 2 refused with 403 Forbidden.RAM (then batch 3 not sent)", rc, 3,
                    report, want, BATCHES[:2], log, err)

    ep = Endpoint(rules=[io])
    rc, report, err, log = attach("every batch refused (DependencyViolation.IoOptimize)", ep)
    want = {i: ("failed", "DependencyViolation.IoOptimize") for i in IDS}
    expect_outcomes("every batch refused (DependencyViolation.IoOptimize)", rc, 4, report, want,
                    BATCHES, log, err)

    ep = Endpoint(replies=["*:*:forbidden"])
    rc, report, err, log = attach("every batch refused with 403 Forbidden.RAM", ep)
    want = {i: ("failed", "Forbidden.RAM") for i in BATCHES[0]}
    want.update({i: ("not-done", "NotSent") for i in BATCHES[1] + BATCHES[2]})
    expect_outcomes("every batch refused with 403 Forbidden.RAM", rc, 4, report, want,
                    BATCHES[:1], log, err)


def test_partial():
    ids = list(IDS)
    for k in (7, 64, 119):
        ids[k] = "i-win%015d" % k
    batches = [ids[0:50], ids[50:100], ids[100:120]]
    ep = Endpoint()
    rc, report, err, log = attach("partial: 3 of 120 are Windows instances", ep, ids=ids)
    why = describe(rc, report, err, log)
    want = {i: (("failed", "DependencyViolation.WindowsInstance") if "win" in i else ("ok", "200"))
            for i in ids}
    check("partial: exit 3", rc == 3, why)
    check("partial: 3 verified requests", batch_ids(log) == batches and
          all(e["verified"] and e["status"] == 200 for e in log), why)
    check("partial: the win instances failed with DependencyViolation.WindowsInstance, "
          "the others ok", outcomes(report) == want and
          summary(report) == {"ok": 117, "failed": 3, "not_done": 0}, why)
    check("partial: every batch is partial",
          [b.get("outcome") for b in (report or {}).get("batches", [])] == ["partial"] * 3, why)
    for sig in ("v1", "v3"):
        ep = Endpoint()
        name = "one-instance XML reply, --signature %s" % sig
        rc, report, err, log = attach(name, ep, ["--format", "xml", "--signature", sig],
                                      ids=["i-win000000000000001"])
        check("%s, a Windows instance: exit 4, failed DependencyViolation.WindowsInstance" % name,
              rc == 4 and len(log) == 1 and log[0]["verified"] and log[0]["format"] == "XML" and
              outcomes(report) == {"i-win000000000000001":
                                   ("failed", "DependencyViolation.WindowsInstance")},
              describe(rc, report, err, log))
    ep = Endpoint()
    rc, report, err, log = attach("one-instance XML reply, ok", ep, ["--format", "xml"],
                                  ids=IDS[:1])
    check("one-instance XML reply, ok: exit 0, 1 verified request, ok",
          rc == 0 and batch_ids(log) == [IDS[:1]] and log[0]["verified"] and
          all_ok(report, IDS[:1]), describe(rc, report, err, log))


def with_ids(positions):
    """IDS with the IDs at the given positions renamed: {position: tag} -> i-<tag>NNN..."""
    ids = list(IDS)
    for k, tag in positions.items():
        ids[k] = "i-%s%015d" % (tag, k)
    return ids


def throttling_rule(times=1, contains="thr", code="Throttling"):
    return {"reply": "instance-code", "contains": contains, "code": code, "times": times}


def test_instance_retries():
    """A success reply whose Results fail some instances with a retryable Code."""
    ids = with_ids({3: "thr", 20: "thr", 70: "thr"})
    thr = [i for i in ids if "thr" in i]
    ep = Endpoint(rules=[throttling_rule()])
    name = "instances throttled (Result Code Throttling) once"
    rc, report, err, log = attach(name, ep, ids=ids)
    why = describe(rc, report, err, log)
    check("%s: exit 0, 120 ok" % name, rc == 0 and all_ok(report, ids), why)
    want = [ids[0:50], thr[:2], ids[50:100], thr[2:], ids[100:120]]
    check("%s: 5 requests: each batch, then its throttled instances alone, in list order" % name,
          batch_ids(log) == want, why)
    check("%s: every request verified and answered 200" % name,
          len(log) == 5 and all(e["verified"] and e["status"] == 200 for e in log), why)
    check("%s: the server failed them with Throttling the first time only" % name,
          [e["instance_codes"] for e in log] ==
          [{thr[0]: "Throttling", thr[1]: "Throttling"}, None, {thr[2]: "Throttling"}, None, None],
          why)
    gap = log[1]["time"] - log[0]["time"] if len(log) == 5 else 0
    check("%s: waited at least %d ms before sending them again (%s; got %d ms)" %
          (name, THROTTLED_FLOOR * 1000, THROTTLED_WHY, gap * 1000), gap >= THROTTLED_FLOOR, why)
    check("%s: the report gives the batches 2, 2 and 1 attempts, each ok" % name,
          [(b.get("attempts"), b.get("outcome")) for b in (report or {}).get("batches", [])] ==
          [(2, "ok"), (2, "ok"), (1, "ok")], why)

    ids = with_ids({2: "win", 5: "thr", 9: "svc"})[:20]
    ep = Endpoint(rules=[throttling_rule(), throttling_rule(contains="svc",
                                                            code="ServiceUnavailable")])
    name = "a Windows instance, a throttled one and an unavailable one, --signature v3 --format xml"
    rc, report, err, log = attach(name, ep, ["--signature", "v3", "--format", "xml"], ids=ids)
    why = describe(rc, report, err, log)
    want = {i: ("ok", "200") for i in ids}
    want[ids[2]] = ("failed", "DependencyViolation.WindowsInstance")
    check("%s: exit 3, the Windows instance failed, the others ok" % name,
          rc == 3 and outcomes(report) == want, why)
    check("%s: 2 requests, the second holding only the throttled and the unavailable instance" %
          name, batch_ids(log) == [ids, [ids[5], ids[9]]] and
          all(e["verified"] and e["status"] == 200 for e in log), why)
    check("%s: the Windows instance was not sent again (advice no)" % name,
          sum(ids[2] in (e["instance_ids"] or []) for e in log) == 1 and
          [i.get("retry") for i in report["instances"] if i["id"] == ids[2]] == ["no"], why)

    ids = IDS[:2] + ["i-thr000000000000099"]
    ep = Endpoint(rules=[throttling_rule(times=99)])
    name = "an instance throttled every time, --attempts 3"
    rc, report, err, log = attach(name, ep, ["--attempts", "3"], ids=ids)
    why = describe(rc, report, err, log)
    times = [e["time"] for e in log]
    gaps = [b - a for a, b in zip(times, times[1:])]
    check("%s: 3 verified requests (the batch, then the instance alone twice)" % name,
          batch_ids(log) == [ids, ids[2:], ids[2:]] and all(e["verified"] for e in log), why)
    check("%s: waits of at least 250 and 500 ms (the throttled backoff; got %s ms)" %
          (name, [round(g * 1000) for g in gaps]),
          len(gaps) == 2 and gaps[0] >= THROTTLED_FLOOR and gaps[1] >= 2 * THROTTLED_FLOOR, why)
    want = {ids[0]: ("ok", "200"), ids[1]: ("ok", "200"), ids[2]: ("failed", "Throttling")}
    check("%s: exit 3, the instance failed Throttling with advice throttled, 3 attempts" % name,
          rc == 3 and outcomes(report) == want and
          [i.get("retry") for i in report["instances"]][2] == "throttled" and
          batch_of(report, 1).get("attempts") == 3, why)


def test_refused_credentials():
    for sig in ("v1", "v3"):
        ep = Endpoint()
        name = "wrong secret, --signature %s" % sig
        rc, report, err, log = attach(name, ep, ["--signature", sig],
                                      env=sts_env(secret=WRONG_SECRET))
        why = describe(rc, report, err, log)
        check("%s: exit 4" % name, rc == 4, why)
        check("%s: one request, refused SignatureDoesNotMatch by the server, not retried" % name,
              len(log) == 1 and not log[0]["verified"] and
              log[0]["code"] == "SignatureDoesNotMatch", why)
        b1 = batch_of(report, 1)
        check("%s: the report says SignatureDoesNotMatch, 1 attempt, secret wrong" % name,
              b1.get("code") == "SignatureDoesNotMatch" and b1.get("attempts") == 1 and
              "AccessKeySecret is wrong" in (b1.get("diagnosis") or ""), why)
        want = {i: ("failed", "SignatureDoesNotMatch") for i in BATCHES[0]}
        want.update({i: ("not-done", "NotSent") for i in BATCHES[1] + BATCHES[2]})
        check("%s: batch 1 failed SignatureDoesNotMatch, the rest NotSent" % name,
              outcomes(report) == want, why)
    ep = Endpoint()
    rc, report, err, log = attach("unknown AccessKeyId", ep,
                                  env=sts_env(("STS.e2eUnknown",) + ENV_STS[1:]))
    check("unknown AccessKeyId: exit 4, one request, InvalidAccessKeyId.NotFound, not retried",
          rc == 4 and len(log) == 1 and log[0]["code"] == "InvalidAccessKeyId.NotFound" and
          outcomes(report).get(IDS[0]) == ("failed", "InvalidAccessKeyId.NotFound"),
          describe(rc, report, err, log))


def replay(endpoint, request):
    """Sends one request of a --dry-run --json exactly as printed; returns the HTTP status."""
    url = urllib.parse.urlsplit(request["url"])
    target = url.path + ("?" + url.query if url.query else "")
    conn = http.client.HTTPConnection("127.0.0.1", endpoint.port, timeout=10)
    try:
        conn.request(request["method"], target, body=(request.get("body") or "").encode("utf-8"),
                     headers=request.get("headers") or {})
        resp = conn.getresponse()
        resp.read()
        return resp.status
    finally:
        conn.close()


def test_dry_run():
    ep = Endpoint()
    args = ["attach", "--region", "cn-hangzhou", "--key-pair-name", "k", "--endpoint", ep.url,
            "--dry-run"]
    rc, out, err = run_cmd("--dry-run", args + IDS, sts_env(), dry_run=True)
    rc_json, out_json, _ = run_cmd("--dry-run --json --signature v3",
                                   args + ["--json", "--signature", "v3"] + IDS, sts_env(),
                                   dry_run=True)
    log = ep.stop()
    check("--dry-run: exit 0, the server saw nothing", rc == 0 and rc_json == 0 and log == [],
          "exit %d/%d, server log %s, stderr %s" % (rc, rc_json, log, err))
    heads = re.findall(r"^# request (\d+) of (\d+): (\d+) instance IDs$", out, re.M)
    check("--dry-run: prints 3 requests of 50, 50 and 20 IDs",
          heads == [("1", "3", "50"), ("2", "3", "50"), ("3", "3", "20")], repr(heads))
    try:
        dry = json.loads(out_json)
    except ValueError:
        dry = {}
    reqs = dry.get("requests") or []
    check("--dry-run --json: 3 requests with 50/50/20 IDs, dry_run true",
          dry.get("dry_run") is True and [r.get("ids") for r in reqs] == BATCHES, out_json[:300])
    check("--dry-run: shows the SecurityToken, as documented (it is sent)",
          ENV_STS[2] in out and ENV_STS[2] in out_json)
    # The printed requests are what would be sent: the endpoint accepts them as printed.
    ep = Endpoint()
    statuses = [replay(ep, r) for r in reqs]
    log = ep.stop()
    check("--dry-run --json (V3): the printed requests, sent as printed, verify",
          statuses == [200] * 3 and len(log) == 3 and all(e["verified"] for e in log),
          "statuses %s, log %s" % (statuses, [(e["verified"], e["code"]) for e in log]))


def test_no_secret_printed():
    leaks = [(name, s) for name, _, out, err, _ in runs for s in SECRETS if s in out + err]
    check("no secret in the stdout or stderr of any of the %d runs" % len(runs), not leaks,
          "leaked: %s" % leaks)
    # The token appears in a dry run (documented) and nowhere else: not even where the
    # server's own message quotes its StringToSign (signature 1.0 signs SecurityToken), which
    # the command masks before it repeats the message.
    token_leaks = [(name, t) for name, _, out, err, dry in runs if not dry for t in TOKENS
                   if t in out + err]
    check("no SecurityToken in the output of any run but a dry run", not token_leaks,
          "printed: %s" % token_leaks)


def test_endpoint_errors():
    crashes = []
    for path in Endpoint.error_files:
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        if "Traceback" in text or "Error" in text:
            crashes.append(text[-600:])
    check("no fake_ecs_server.py of the %d started wrote an error" % len(Endpoint.error_files),
          not crashes, "\n".join(crashes))


TESTS = (test_signatures_and_formats, test_table_report, test_method_and_detach, test_profiles, test_encoding,
         test_throttling, test_unavailable, test_permanent_failures, test_partial,
         test_instance_retries, test_refused_credentials, test_dry_run,
         # these two look at every run above, so they come last
         test_no_secret_printed, test_endpoint_errors)


def main():
    if ECSKP is None or not os.access(ECSKP, os.X_OK):
        print("usage: test_call_e2e.py PATH_TO_ECSKP (an executable)")
        print("e2e: 0 passed, 1 failed")
        return 1
    version = subprocess.run([ECSKP, "--version"], capture_output=True, text=True).stdout
    if "http libcurl" not in version:
        print("FAIL  %s was built without libcurl (%s): attach cannot send" % (ECSKP,
                                                                           version.strip()))
        print("e2e: 0 passed, 1 failed")
        return 1
    start = time.monotonic()
    try:
        for test in TESTS:
            try:
                test()
            except Exception as exc:  # a broken run must still end with the counts line
                check("%s ran to its end" % test.__name__, False, "%s: %s" % (
                    type(exc).__name__, exc))
    finally:
        for endpoint in list(Endpoint.live):
            endpoint.stop()
    elapsed = time.monotonic() - start
    check("the whole test took under 60 s (%.1f s)" % elapsed, elapsed < 60)
    print("e2e: %d passed, %d failed" % (counts["passed"], counts["failed"]))
    return 0 if counts["failed"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
