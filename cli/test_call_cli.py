#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""`ecskp attach`, `ecskp detach` and `ecskp sign --print curl / --raw`, checked without the network.

A tiny HTTP server in this file (http.server on 127.0.0.1, an ephemeral port) answers with canned
replies and records every request it gets. Checked: the credential precedence (command line,
--profile, ALIBABA_CLOUD_* and its other spellings, the aliyun-cli profile file, ECSKP_*), modes AK
and StsToken, an unknown mode refused; the batches of a dry run (120 IDs: 50, 50, 20); retries
(Throttling.User with x-acs-retry-after, a 503 HTML page, a network failure) and what is not
retried (a permanent error, a hint above the cap); a partial failure per instance and the exit
statuses; the --json report; endpoints (plain http only to loopback); that the secret never
appears in any output; that --print curl runs under sh -c (curl replaced by a stub that records
its argv) and --raw has no trailing newline; the progress line only on a terminal.

Also: the instances a success reply says failed with a retryable Code are sent again alone
(and those that failed for good are not); a --secret-file of 4 KiB to 64 KiB works (its signature
recomputed here) and one larger is refused.

Signatures are not checked here (but for the secret-file sizes): examples/fake_ecs_server.py and
the end-to-end test do that independently.

Usage: test_call_cli.py PATH_TO_ECSKP
"""

import base64
import hashlib
import hmac
import http.server
import json
import os
import pty
import select
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

ECSKP = os.path.abspath(sys.argv[1])
SECRET = "Sekr3t-never-printed-7f3a"
KEY_ID = "LTAItestid"
CREDENTIAL_PREFIXES = ("ALIBABA_CLOUD_", "ALIBABACLOUD_", "ALICLOUD_", "ECSKP_")
TMP = tempfile.mkdtemp(prefix="ecskp-call-test-")
HOME = os.path.join(TMP, "home")
os.makedirs(HOME)

failures = []
checks = [0]
outputs = []  # every stdout and stderr, for the secret check


def check(name, cond, detail=""):
    checks[0] += 1
    if not cond:
        failures.append("%s %s" % (name, detail))


# ------------------------------------------------------------------ the server


def success_body(ids, fail=(), fmt="JSON", request_id="req-ok"):
    if fmt == "XML":
        rows = "".join("<Result><InstanceId>%s</InstanceId><Code>%s</Code><Message>%s</Message>"
                       "<Success>%s</Success></Result>" % (
                           i, "DependencyViolation.WindowsInstance" if i in fail else "200",
                           "windows" if i in fail else "successful",
                           "false" if i in fail else "true") for i in ids)
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><AttachKeyPairResponse><RequestId>%s"
                "</RequestId><TotalCount>%d</TotalCount><FailCount>%d</FailCount><Results>%s"
                "</Results></AttachKeyPairResponse>" % (request_id, len(ids), len(fail), rows)).encode()
    results = [{"InstanceId": i,
                "Code": "DependencyViolation.WindowsInstance" if i in fail else "200",
                "Message": "the instance runs Windows" if i in fail else "successful",
                "Success": i not in fail} for i in ids]
    return json.dumps({"RequestId": request_id, "TotalCount": len(ids),
                       "FailCount": len([i for i in ids if i in fail]),
                       "Results": {"Result": results}}).encode()


def error_body(code, message="refused", request_id="req-err"):
    return json.dumps({"RequestId": request_id, "HostId": "ecs.aliyuncs.com", "Code": code,
                       "Message": message}).encode()


def default_responder(req, n):
    ids = json.loads(req["params"].get("InstanceIds", "[]"))
    return 200, {}, success_body(ids, fmt=req["params"].get("Format", "JSON"))


class Recorder(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def handle_one(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8", "replace")
        url = urllib.parse.urlsplit(self.path)
        params = dict(urllib.parse.parse_qsl(url.query, keep_blank_values=True))
        if body and "x-www-form-urlencoded" in (self.headers.get("Content-Type") or ""):
            params.update(urllib.parse.parse_qsl(body, keep_blank_values=True))
        req = {"method": self.command, "path": url.path, "query": url.query, "body": body,
               "headers": {k.lower(): v for k, v in self.headers.items()}, "params": params}
        srv = self.server
        with srv.lock:
            srv.log.append(req)
            n = len(srv.log)
        status, headers, payload = srv.responder(req, n)
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = handle_one
    do_POST = handle_one

    def log_message(self, *args):
        pass


class Quiet(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        """A client that stops reading (the oversized body) is expected, not an error."""


class Server:
    def __init__(self):
        self.httpd = Quiet(("127.0.0.1", 0), Recorder)
        self.httpd.lock = threading.Lock()
        self.httpd.log = []
        self.httpd.responder = default_responder
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = "http://127.0.0.1:%d" % self.httpd.server_address[1]

    def reset(self, responder=default_responder):
        with self.httpd.lock:
            self.httpd.log = []
        self.httpd.responder = responder

    @property
    def log(self):
        with self.httpd.lock:
            return list(self.httpd.log)


SERVER = Server()

# ------------------------------------------------------------------ running the command


def clean_env(extra=None, home=HOME):
    e = {k: v for k, v in os.environ.items()
         if not k.startswith(CREDENTIAL_PREFIXES) and k.lower() not in ("http_proxy", "https_proxy", "all_proxy")}
    e["HOME"] = home
    e.update(extra or {})
    return e


def run(args, env=None, stdin=b"", home=HOME, timeout=120):
    p = subprocess.run([ECSKP] + args, input=stdin, capture_output=True, env=clean_env(env, home),
                       timeout=timeout)
    out, err = p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
    outputs.append((args, out, err))
    return p.returncode, out, err


AK_ENV = {"ALIBABA_CLOUD_ACCESS_KEY_ID": KEY_ID, "ALIBABA_CLOUD_ACCESS_KEY_SECRET": SECRET}
ATTACH = ["attach", "--region", "cn-hangzhou", "--key-pair-name", "kp"]


def dry(args, env=None, home=HOME):
    """A --dry-run --json run: (rc, parsed report or None, stderr)."""
    rc, out, err = run(ATTACH + ["--dry-run", "--json"] + args, env, home=home)
    try:
        return rc, json.loads(out), err
    except ValueError:
        return rc, None, err


def first_params(report):
    """The parameters of the first request of a dry run (V1 POST form)."""
    r = report["requests"][0]
    params = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(r["url"]).query))
    params.update(urllib.parse.parse_qsl(r["body"]))
    return params, r


def write_profile(path, profiles, current="default", mode=0o600):
    with open(path, "w") as f:
        json.dump({"current": current, "profiles": profiles}, f)
    os.chmod(path, mode)


def profile(name, mode="AK", key_id="LTAIprofile", secret=SECRET, token="", region="cn-shanghai"):
    return {"name": name, "mode": mode, "access_key_id": key_id, "access_key_secret": secret,
            "sts_token": token, "region_id": region}


# ------------------------------------------------------------------ credentials


def test_credentials():
    rc, rep, err = dry(["i-a"], AK_ENV)
    check("env credentials", rc == 0 and rep is not None, "rc=%d err=%r" % (rc, err))
    if rep:
        p, _ = first_params(rep)
        check("env AccessKeyId sent", p.get("AccessKeyId") == KEY_ID, repr(p))
        check("AK env sends no SecurityToken", "SecurityToken" not in p, repr(p))

    spellings = {"ALIBABA_CLOUD_ACCESS_KEY_ID": "id-a", "ALIBABA_CLOUD_ACCESS_KEY_SECRET": "s1",
                 "ALIBABACLOUD_ACCESS_KEY_ID": "id-b", "ALIBABACLOUD_ACCESS_KEY_SECRET": "s2",
                 "ALICLOUD_ACCESS_KEY_ID": "id-c", "ALICLOUD_ACCESS_KEY_SECRET": "s3"}
    for drop, want in ((), "id-a"), (("ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET"), "id-b"):
        env = {k: v for k, v in spellings.items() if k not in drop}
        rc, rep, err = dry(["i-a"], env)
        got = first_params(rep)[0].get("AccessKeyId") if rep else None
        check("spelling precedence gives %s" % want, rc == 0 and got == want, "got %r err=%r" % (got, err))
    rc, rep, err = dry(["i-a"], {"ALICLOUD_ACCESS_KEY_ID": "id-c", "ALICLOUD_ACCESS_KEY_SECRET": "s3"})
    check("ALICLOUD_ spelling alone", rc == 0 and rep and first_params(rep)[0]["AccessKeyId"] == "id-c", err)

    # STS from the environment: V1 SecurityToken parameter, V3 header.
    sts = dict(AK_ENV, ALIBABA_CLOUD_SECURITY_TOKEN="CAIStoken")
    rc, rep, err = dry(["i-a"], sts)
    check("STS env sends SecurityToken (v1)", rc == 0 and rep and first_params(rep)[0].get("SecurityToken") == "CAIStoken", err)
    rc, rep, err = dry(["i-a", "--signature", "v3"], sts)
    check("STS env sends x-acs-security-token (v3)",
          rc == 0 and rep and rep["requests"][0]["headers"].get("x-acs-security-token") == "CAIStoken", err)

    # Half a pair in one source is refused, never completed from another source.
    rc, out, err = run(ATTACH + ["--dry-run", "i-a"], {"ALIBABA_CLOUD_ACCESS_KEY_ID": KEY_ID,
                                                       "ECSKP_ACCESS_KEY_SECRET": SECRET})
    check("id without secret is refused", rc == 2 and "ALIBABA_CLOUD_ACCESS_KEY_SECRET" in err and out == "",
          "rc=%d err=%r" % (rc, err))
    rc, out, err = run(ATTACH + ["--dry-run", "i-a"], {"ALIBABA_CLOUD_ACCESS_KEY_SECRET": SECRET,
                                                       "ECSKP_ACCESS_KEY_ID": KEY_ID})
    check("secret without id is refused", rc == 2 and err.startswith("ecskp: missing_parameter: "), err)
    rc, out, err = run(ATTACH + ["--dry-run", "i-a"], {"ECSKP_ACCESS_KEY_SECRET": SECRET})
    check("ECSKP secret without id is refused", rc == 2 and err.startswith("ecskp: missing_parameter: "), err)
    rc, out, err = run(ATTACH + ["--dry-run", "i-a"])
    check("no credentials", rc == 2 and err.startswith("ecskp: missing_secret: ") and len(err.splitlines()) == 1, err)

    # The profile file.
    home = os.path.join(TMP, "home-profile")
    os.makedirs(os.path.join(home, ".aliyun"))
    cfg = os.path.join(home, ".aliyun", "config.json")
    write_profile(cfg, [profile("default", key_id="LTAIdefault"),
                        profile("sts", mode="StsToken", key_id="STS.id", token="CAISprofile"),
                        profile("role", mode="RamRoleArn"),
                        profile("half", key_id="LTAIhalf", secret="")], current="default")
    rc, rep, err = dry(["i-a"], home=home)
    check("profile current", rc == 0 and rep and first_params(rep)[0]["AccessKeyId"] == "LTAIdefault", err)
    check("profile AK mode sends no token", rep is not None and "SecurityToken" not in first_params(rep)[0])
    check("profile region_id is the default region",
          rc == 0 and run(["attach", "--key-pair-name", "kp", "--dry-run", "--json", "i-a"], home=home)[1].find('"region":"cn-shanghai"') > 0)
    rc, out, err = run(["attach", "--key-pair-name", "kp", "--dry-run", "--json", "i-a"],
                       {"ALIBABA_CLOUD_REGION_ID": "cn-beijing"}, home=home)
    check("ALIBABA_CLOUD_REGION_ID beats the profile's region", '"region":"cn-beijing"' in out, out + err)
    rc, out, err = run(["attach", "--key-pair-name", "kp", "--dry-run", "--json", "--region", "eu-central-1", "i-a"],
                       {"ALIBABA_CLOUD_REGION_ID": "cn-beijing"}, home=home)
    check("--region beats ALIBABA_CLOUD_REGION_ID", '"region":"eu-central-1"' in out and
          '"host":"ecs.eu-central-1.aliyuncs.com"' in out, out + err)
    rc, rep, err = dry(["i-a"], AK_ENV, home=home)
    check("environment beats the profile file", rc == 0 and rep and first_params(rep)[0]["AccessKeyId"] == KEY_ID, err)
    rc, rep, err = dry(["i-a"], {"ECSKP_ACCESS_KEY_ID": "ecskp-id", "ECSKP_ACCESS_KEY_SECRET": SECRET}, home=home)
    check("profile file beats ECSKP_*", rc == 0 and rep and first_params(rep)[0]["AccessKeyId"] == "LTAIdefault", err)
    rc, rep, err = dry(["i-a"], {"ECSKP_ACCESS_KEY_ID": "ecskp-id", "ECSKP_ACCESS_KEY_SECRET": SECRET})
    check("ECSKP_* as the fallback", rc == 0 and rep and first_params(rep)[0]["AccessKeyId"] == "ecskp-id", err)
    rc, rep, err = dry(["i-a", "--profile", "sts"], AK_ENV, home=home)
    p = first_params(rep)[0] if rep else {}
    check("--profile beats the environment and current", rc == 0 and p.get("AccessKeyId") == "STS.id", err)
    check("StsToken mode sends SecurityToken", p.get("SecurityToken") == "CAISprofile", repr(p))
    rc, rep, err = dry(["i-a"], {"ALIBABA_CLOUD_PROFILE": "sts"}, home=home)
    check("ALIBABA_CLOUD_PROFILE chooses the profile", rc == 0 and rep and first_params(rep)[0]["AccessKeyId"] == "STS.id", err)
    rc, out, err = run(ATTACH + ["--dry-run", "--profile", "role", "i-a"], home=home)
    check("unknown mode refused by name", rc == 2 and "RamRoleArn" in err and out == "" and len(err.splitlines()) == 1, err)
    rc, out, err = run(ATTACH + ["--dry-run", "--profile", "half", "i-a"], home=home)
    check("profile without secret refused", rc == 2 and err.startswith("ecskp: missing_secret: "), err)
    rc, out, err = run(ATTACH + ["--dry-run", "--profile", "nobody", "i-a"], home=home)
    check("unknown profile refused", rc == 2 and "nobody" in err, err)
    rc, out, err = run(ATTACH + ["--dry-run", "--profile", "sts", "--secret-file", cfg, "i-a"], home=home)
    check("--profile with --secret-file is a usage error", rc == 2 and "ecskp: usage: " in err, err)
    rc, out, err = run(ATTACH + ["--dry-run", "--profile", "sts", "i-a"])
    check("--profile without a file", rc == 2 and "profile file" in err, err)

    # ALIBABA_CLOUD_CONFIG_FILE, and the warning for a file others may read.
    other = os.path.join(TMP, "other-config.json")
    write_profile(other, [profile("x", key_id="LTAIother")], current="x", mode=0o644)
    rc, rep, err = dry(["i-a"], {"ALIBABA_CLOUD_CONFIG_FILE": other})
    check("ALIBABA_CLOUD_CONFIG_FILE", rc == 0 and rep and first_params(rep)[0]["AccessKeyId"] == "LTAIother", err)
    check("group/world-readable profile warns", "warning" in err and "chmod 600" in err, err)
    rc, rep, err = dry(["i-a"], {"ALIBABA_CLOUD_CONFIG_FILE": cfg}, home=HOME)
    check("a 0600 profile does not warn", rc == 0 and err == "", err)
    rc, out, err = run(ATTACH + ["--dry-run", "i-a"], {"ALIBABA_CLOUD_CONFIG_FILE": os.path.join(TMP, "missing.json")})
    check("a named profile file that is missing", rc == 2 and "missing.json" in err, err)
    bad = os.path.join(TMP, "bad-config.json")
    with open(bad, "w") as f:
        f.write('{"current": "x", "profiles": [{"name": "x", "mode": "AK", "access_key_secret": "%s"' % SECRET)
    os.chmod(bad, 0o600)
    rc, out, err = run(ATTACH + ["--dry-run", "i-a"], {"ALIBABA_CLOUD_CONFIG_FILE": bad})
    check("a profile file that is not JSON", rc == 2 and "not valid JSON" in err, err)

    # The command line wins over everything, and its secret file loses its newline.
    sf = os.path.join(TMP, "secret")
    with open(sf, "w") as f:
        f.write(SECRET + "\n")
    rc, rep, err = dry(["i-a", "--secret-file", sf, "--access-key-id", "cmdline-id"], AK_ENV, home=home)
    check("--secret-file and --access-key-id win", rc == 0 and rep and first_params(rep)[0]["AccessKeyId"] == "cmdline-id", err)
    rc, rep, err = dry(["i-a", "--access-key-id", "cmdline-id", "--security-token", "tok-cli"],
                       {"ECSKP_ACCESS_KEY_SECRET": SECRET}, home=home)
    p = first_params(rep)[0] if rep else {}
    check("--access-key-id with ECSKP_ACCESS_KEY_SECRET (0.x)", rc == 0 and p.get("AccessKeyId") == "cmdline-id", err)
    check("--security-token is sent", p.get("SecurityToken") == "tok-cli", repr(p))

    # sign reads the same chain.
    req = os.path.join(TMP, "req.json")
    with open(req, "w") as f:
        f.write('{"Action":"AttachKeyPair","RegionId":"cn-qingdao","KeyPairName":"k","InstanceIds":["i-a"]}')
    rc, out, err = run(["sign", req], dict(AK_ENV, ALIBABA_CLOUD_SECURITY_TOKEN="CAISsign"))
    q = json.loads(out).get("canonical_query", "") if rc == 0 else ""
    check("sign: environment credentials", "AccessKeyId=%s" % KEY_ID in q and "SecurityToken=CAISsign" in q, out + err)
    rc, out, err = run(["sign", "--profile", "sts", req], home=home)
    check("sign: --profile", rc == 0 and "AccessKeyId=STS.id" in out and "SecurityToken=CAISprofile" in out, out + err)
    with open(os.path.join(TMP, "req-id.json"), "w") as f:
        f.write('{"Action":"DescribeRegions","AccessKeyId":"in-request"}')
    rc, out, err = run(["sign", os.path.join(TMP, "req-id.json")], AK_ENV)
    check("sign: the request's AccessKeyId and the environment's conflict", rc == 2 and "keep one" in err, err)


def v1_signature(secret, method, params):
    """Signature 1.0 of the parameters, computed here: the check that the whole secret was used."""
    enc = lambda t: urllib.parse.quote(t, safe="-_.~")
    canonical = "&".join("%s=%s" % (enc(k), enc(v)) for k, v in
                         sorted(((k, v) for k, v in params.items() if k != "Signature"),
                                key=lambda kv: kv[0].encode()))
    sts = "%s&%s&%s" % (method, enc("/"), enc(canonical))
    mac = hmac.new((secret + "&").encode(), sts.encode(), hashlib.sha1)
    return base64.b64encode(mac.digest()).decode()


def test_secret_file():
    # Files around the size where a growing read buffer moves (4 KiB), and well past it.
    for size, newline in ((4095, False), (4096, True), (4097, False), (5000, False), (5000, True),
                          (65536, False)):
        secret = "".join(chr(33 + (k * 7) % 94) for k in range(size))
        sf = os.path.join(TMP, "secret-%d" % size)
        with open(sf, "w") as f:
            f.write(secret + ("\n" if newline else ""))
        rc, rep, err = dry(["i-a", "--secret-file", sf, "--access-key-id", KEY_ID], {})
        _, out, _ = outputs[-1]
        p = first_params(rep)[0] if rc == 0 and rep else {}
        name = "a %d-byte secret file%s" % (size, " (and a newline)" if newline else "")
        check(name + " works: the request is signed with all of it",
              p.get("Signature") == v1_signature(secret, "POST", p), "rc=%d err=%r" % (rc, err[:200]))
        check(name + ": never printed", secret[:64] not in out + err)
    big = "A" * 5000
    p = subprocess.run([ECSKP] + ATTACH + ["--dry-run", "--json", "--secret-file", "-", "--access-key-id", KEY_ID, "i-a"],
                       input=big.encode(), capture_output=True, env=clean_env())
    params = first_params(json.loads(p.stdout))[0] if p.returncode == 0 else {}
    check("a 5000-byte secret from standard input (--secret-file -)",
          params.get("Signature") == v1_signature(big, "POST", params), p.stderr)
    sf = os.path.join(TMP, "secret-too-big")
    with open(sf, "w") as f:
        f.write("x" * 65537)
    rc, out, err = run(ATTACH + ["--dry-run", "--secret-file", sf, "--access-key-id", KEY_ID, "i-a"])
    check("a secret file over 64 KiB is a usage error", rc == 2 and out == "" and
          err.startswith("ecskp: usage: ") and "larger than 64 KiB" in err, "rc=%d %r" % (rc, err))
    rc, out, err = run(ATTACH + ["--dry-run", "--secret-file", os.path.join(TMP, "no-such-secret"),
                                 "--access-key-id", KEY_ID, "i-a"])
    check("a missing secret file is a usage error naming the cause", rc == 2 and out == "" and
          "No such file or directory" in err, err)


# ------------------------------------------------------------------ the dry run and the list


def ids(n, prefix="i-bp"):
    return ["%s%04d" % (prefix, k) for k in range(n)]


def test_dry_run():
    rc, out, err = run(ATTACH + ["--dry-run"] + ids(120), AK_ENV)
    blocks = [l for l in out.splitlines() if l.startswith("# request ")]
    check("dry run of 120 IDs: 3 requests", rc == 0 and len(blocks) == 3, "rc=%d %r err=%r" % (rc, blocks, err))
    check("dry run text: the counts", blocks == ["# request 1 of 3: 50 instance IDs", "# request 2 of 3: 50 instance IDs",
                                                 "# request 3 of 3: 20 instance IDs"], repr(blocks))
    check("dry run text: method and URL", "POST https://ecs.cn-hangzhou.aliyuncs.com/" in out.splitlines(), out[:300])
    bodies = [l for l in out.splitlines() if l.startswith("AccessKeyId=")]
    sent = [json.loads(dict(urllib.parse.parse_qsl(b))["InstanceIds"]) for b in bodies]
    check("dry run text: bodies hold 50/50/20 IDs in list order", sent == [ids(120)[:50], ids(120)[50:100], ids(120)[100:]],
          repr([len(s) for s in sent]))
    check("dry run sends nothing", not SERVER.log)
    rc, rep, err = dry(ids(120), AK_ENV)
    if rep:
        check("dry run JSON: 3 requests", [len(r["ids"]) for r in rep["requests"]] == [50, 50, 20], repr(rep)[:200])
        check("dry run JSON: index from 1", [r["index"] for r in rep["requests"]] == [1, 2, 3])
        check("dry run JSON: head", rep["action"] == "AttachKeyPair" and rep["dry_run"] is True and
              rep["host"] == "ecs.cn-hangzhou.aliyuncs.com")
        nonces = {dict(urllib.parse.parse_qsl(r["body"]))["SignatureNonce"] for r in rep["requests"]}
        check("each request signed afresh", len(nonces) == 3)
    else:
        check("dry run JSON parses", False, err)
    rc, rep, err = run(["detach", "--region", "cn-hangzhou", "--key-pair-name", "kp", "--dry-run", "--json",
                        "--method", "GET", "i-a"], AK_ENV)
    r = json.loads(rep)["requests"][0] if rc == 0 else {}
    check("GET: the signed query in the URL, no body", r.get("method") == "GET" and "Signature=" in r.get("url", "") and
          r.get("body") == "" and "Action=DetachKeyPair" in r.get("url", ""), repr(r))

    # IDs from a file: lines (blank lines, spaces and CR ignored), a JSON array, standard input.
    lines = os.path.join(TMP, "ids.txt")
    with open(lines, "w") as f:
        f.write("\n".join(" %s\r" % i for i in ids(60)) + "\n\n")
    rc, rep, err = dry(["--ids-file", lines, "i-first"], AK_ENV)
    check("--ids-file lines after the arguments", rc == 0 and rep and rep["requests"][0]["ids"][:2] == ["i-first", "i-bp0000"]
          and [len(r["ids"]) for r in rep["requests"]] == [50, 11], err)
    arr = os.path.join(TMP, "ids.json")
    with open(arr, "w") as f:
        json.dump(ids(3), f)
    rc, rep, err = dry(["--ids-file", arr], AK_ENV)
    check("--ids-file JSON array", rc == 0 and rep and rep["requests"][0]["ids"] == ids(3), err)
    p = subprocess.run([ECSKP] + ATTACH + ["--dry-run", "--json", "--ids-file", "-"], input=b"i-x\ni-y\n",
                       capture_output=True, env=clean_env(AK_ENV))
    check("--ids-file - (standard input)", p.returncode == 0 and json.loads(p.stdout)["requests"][0]["ids"] == ["i-x", "i-y"],
          p.stderr)
    with open(arr, "w") as f:
        f.write('["i-a", 7]')
    rc, out, err = run(ATTACH + ["--dry-run", "--ids-file", arr], AK_ENV)
    check("--ids-file array with a number", rc == 2 and "element 1" in err, err)

    # The whole list is checked first.
    dup = ids(120)
    dup[101] = dup[3]
    rc, out, err = run(ATTACH + ["--dry-run"] + dup, AK_ENV)
    check("duplicate across batches refused with its index", rc == 2 and err.startswith("ecskp: ids_duplicate: ") and
          "index 101" in err and dup[3] in err and out == "", err)
    rc, out, err = run(ATTACH + ["--dry-run", "i-a", "i b"], AK_ENV)
    check("invalid ID refused with its index", rc == 2 and err.startswith("ecskp: ids_invalid_element: ") and "index 1" in err, err)
    rc, out, err = run(ATTACH + ["--dry-run"], AK_ENV)
    check("no IDs", rc == 2 and "ecskp: usage: " in err, err)
    big = os.path.join(TMP, "many.txt")
    with open(big, "w") as f:
        f.write("\n".join("i-%d" % k for k in range(100001)))
    rc, out, err = run(ATTACH + ["--dry-run", "--ids-file", big], AK_ENV)
    check("more than 100000 IDs", rc == 2 and err.startswith("ecskp: ids_too_many: "), err[:200])

    # Usage errors.
    for name, args in (("no key pair", ["attach", "--region", "cn-hangzhou", "--dry-run", "i-a"]),
                       ("no region", ["attach", "--key-pair-name", "k", "--dry-run", "i-a"]),
                       ("bad region", ["attach", "--region", "cn.evil", "--key-pair-name", "k", "--dry-run", "i-a"]),
                       ("bad attempts", ATTACH + ["--attempts", "0", "i-a"]),
                       ("bad timeout", ATTACH + ["--timeout", "x", "i-a"]),
                       ("bad signature", ATTACH + ["--signature", "v2", "i-a"]),
                       ("bad format", ATTACH + ["--format", "yaml", "i-a"]),
                       ("bad method", ATTACH + ["--method", "PUT", "i-a"]),
                       ("endpoint and kind", ATTACH + ["--endpoint", "https://h/", "--endpoint-kind", "vpc", "i-a"]),
                       ("bad kind", ATTACH + ["--endpoint-kind", "VPC", "--dry-run", "i-a"])):
        rc, out, err = run(args + ["--dry-run"] * ("--dry-run" not in args), AK_ENV)
        check("usage: " + name, rc == 2 and out == "" and "ecskp: usage: " in err, "rc=%d err=%r" % (rc, err))
    rc, out, err = run(ATTACH + ["--key-pair-name", "x", "i-a"], AK_ENV)
    check("usage: option twice", rc == 2 and "twice" in err, err)
    rc, out, err = run(["attach", "--region", "cn-hangzhou", "--key-pair-name", "k" * 300, "--dry-run", "i-a"], AK_ENV)
    check("a key pair name the library refuses is a local error", rc == 2 and err.startswith("ecskp: value_too_long: "), err)


def test_endpoints():
    for url, host in (("https://ecs.example.test", "ecs.example.test"), ("https://ecs.example.test:8443/", "ecs.example.test:8443"),
                      ("http://127.0.0.1:9", "127.0.0.1:9"), ("http://127.1.2.3/", "127.1.2.3"),
                      ("http://localhost:8080", "localhost:8080"), ("http://[::1]:8080", "[::1]:8080")):
        rc, rep, err = dry(["--endpoint", url, "--signature", "v3", "i-a"], AK_ENV)
        ok = rc == 0 and rep and rep["host"] == host and rep["requests"][0]["headers"]["host"] == host
        check("endpoint %s" % url, ok, "rc=%d %r" % (rc, err))
    for url in ("http://example.com", "http://10.0.0.1:80", "http://128.0.0.1", "http://[::2]", "http://127.0.0.1.evil.com"):
        rc, out, err = run(ATTACH + ["--endpoint", url, "--dry-run", "i-a"], AK_ENV)
        check("plain http refused: %s" % url, rc == 2 and "plain http://" in err and out == "", err)
    for url in ("https://h/path", "https://h/?x=1", "https://user@h/", "ftp://h/", "https://h:0/", "https://h:99999/", "https:///"):
        rc, out, err = run(ATTACH + ["--endpoint", url, "--dry-run", "i-a"], AK_ENV)
        check("endpoint refused: %s" % url, rc == 2 and "--endpoint" in err, err)
    for kind, host in (("public", "ecs.cn-hangzhou.aliyuncs.com"), ("vpc", "ecs-vpc.cn-hangzhou.aliyuncs.com"),
                       ("central", "ecs.aliyuncs.com")):
        rc, rep, err = dry(["--endpoint-kind", kind, "i-a"], AK_ENV)
        check("--endpoint-kind " + kind, rc == 0 and rep and rep["host"] == host, err)
    SERVER.reset()
    rc, out, err = run(ATTACH + ["--endpoint", "http://example.com", "i-a"], AK_ENV)
    check("a refused endpoint sends nothing", rc == 2 and not SERVER.log)


# ------------------------------------------------------------------ sending


def send(args, env=AK_ENV, responder=default_responder, cmd=None):
    SERVER.reset(responder)
    base = cmd or ATTACH
    t0 = time.monotonic()
    rc, out, err = run(base + ["--endpoint", SERVER.url] + args, env)
    return rc, out, err, SERVER.log, time.monotonic() - t0


def report(out):
    try:
        return json.loads(out)
    except ValueError:
        return None


def test_success():
    rc, out, err, log, _ = send(["--json"] + ids(120))
    rep = report(out)
    check("120 IDs: 3 requests sent", rc == 0 and len(log) == 3, "rc=%d n=%d err=%r" % (rc, len(log), err))
    check("nothing on stderr when it is not a terminal", err == "", err)
    check("requests are POST forms", all(r["method"] == "POST" and r["params"].get("Action") == "AttachKeyPair"
                                         and "Signature" in r["params"] for r in log))
    check("batches carry 50/50/20 IDs", [len(json.loads(r["params"]["InstanceIds"])) for r in log] == [50, 50, 20])
    if rep:
        check("JSON report keys", list(rep) == ["action", "region", "host", "batches", "instances", "summary"], list(rep))
        check("JSON report summary", rep["summary"] == {"ok": 120, "failed": 0, "not_done": 0}, rep["summary"])
        b = rep["batches"][0]
        check("JSON batch keys", list(b) == ["index", "ids", "attempts", "http_status", "request_id", "outcome", "code",
                                             "retry", "diagnosis"], list(b))
        check("JSON batch values", b["index"] == 1 and b["attempts"] == 1 and b["http_status"] == 200 and
              b["request_id"] == "req-ok" and b["outcome"] == "ok" and b["code"] == "200", repr(b))
        i = rep["instances"][119]
        check("JSON instance", i == {"id": ids(120)[119], "batch": 3, "outcome": "ok", "code": "200",
                                     "message": "successful", "retry": "no"}, repr(i))
    else:
        check("JSON report parses", False, out[:300])
    rc, out, err, log, _ = send(["i-a", "i-b"])
    check("table report", rc == 0 and "INSTANCE" in out and "attach: 2 ok, 0 failed, 0 not done, in 1 request to 127.0.0.1:"
          in out, out)

    # V3 and GET, detach, XML.
    rc, out, err, log, _ = send(["--signature", "v3", "--json", "i-a"],
                                cmd=["detach", "--region", "cn-hangzhou", "--key-pair-name", "kp"])
    h = log[0]["headers"] if log else {}
    check("v3: the signed headers are sent", rc == 0 and h.get("x-acs-action") == "DetachKeyPair" and
          h.get("authorization", "").startswith("ACS3-HMAC-SHA256 ") and h.get("host") == SERVER.url[7:], repr(h))
    check("v3: parameters in the query, empty body", log and "InstanceIds=" in log[0]["query"] and log[0]["body"] == "")
    rc, out, err, log, _ = send(["--method", "GET", "i-a"])
    check("GET: the signed query", rc == 0 and log and log[0]["method"] == "GET" and "Signature=" in log[0]["query"], err)
    rc, out, err, log, _ = send(["--format", "xml", "--json", "i-a", "i-b"])
    check("XML replies", rc == 0 and log and log[0]["params"].get("Format") == "XML" and
          report(out)["summary"]["ok"] == 2, out + err)
    legacy = lambda req, n: (200, {}, b'{"RequestId":"473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E"}')
    rc, out, err, log, _ = send(["--json", "i-a", "i-b"], responder=legacy)
    check("the older success body (RequestId only) is ok for all", rc == 0 and report(out)["summary"]["ok"] == 2, out)


def test_retries():
    def throttled_once(req, n):
        if n == 1:
            return 400, {"x-acs-retry-after": "100"}, error_body("Throttling.User", "Request was denied due to user flow control.")
        return default_responder(req, n)
    rc, out, err, log, took = send(["--json", "i-a", "i-b"], responder=throttled_once)
    rep = report(out)
    check("throttled: retried once, then ok", rc == 0 and len(log) == 2 and rep and rep["batches"][0]["attempts"] == 2,
          "rc=%d n=%d out=%r" % (rc, len(log), out[:300]))
    check("throttled: the wait was at least the hint", took >= 0.1, "%.3f s" % took)
    check("a fresh signature per attempt", len(log) == 2 and log[0]["params"]["SignatureNonce"] != log[1]["params"]["SignatureNonce"])

    def ratelimited_once(req, n):
        if n == 1:
            return 429, {"x-ratelimit-user-api": "Limit:1,Remain:0,TimeLeft:300,Reset:1"}, b""
        return default_responder(req, n)
    rc, out, err, log, took = send(["--json", "i-a"], responder=ratelimited_once)
    check("a bare 429: retried after the TimeLeft of x-ratelimit-user-api", rc == 0 and len(log) == 2 and took >= 0.3,
          "rc=%d n=%d %.3f s" % (rc, len(log), took))

    def slow_once(req, n):
        if n == 1:
            time.sleep(2.5)
        return default_responder(req, n)
    rc, out, err, log, took = send(["--json", "--timeout", "1", "i-a"], responder=slow_once)
    rep = report(out)
    check("--timeout: a reply too slow is a network failure, retried", rc == 0 and rep and
          rep["batches"][0]["attempts"] == 2 and took < 2.4, "rc=%d %.3f s %r" % (rc, took, out[:200]))

    def html_503(req, n):
        if n == 1:
            return 503, {"Content-Type": "text/html"}, b"<html><body><h1>503 Service Unavailable</h1></body></html>"
        return default_responder(req, n)
    rc, out, err, log, _ = send(["--json", "i-a"], responder=html_503)
    check("503 HTML page retried", rc == 0 and len(log) == 2 and report(out)["batches"][0]["attempts"] == 2, out + err)

    always_503 = lambda req, n: (503, {}, b"<html>busy</html>")
    rc, out, err, log, _ = send(["--json", "--attempts", "3", "i-a"], responder=always_503)
    rep = report(out)
    i = rep["instances"][0] if rep else {}
    check("503 until the attempts are used", rc == 4 and len(log) == 3, "rc=%d n=%d" % (rc, len(log)))
    check("503: not-done with HTTP 503 and advice backoff", i.get("outcome") == "not-done" and i.get("code") == "HTTP 503"
          and i.get("retry") == "backoff" and "malformed_body" in (i.get("message") or ""), repr(i))

    not_found = lambda req, n: (404, {}, error_body("InvalidKeyPairName.NotFound", "The specified KeyPairName does not exist."))
    rc, out, err, log, _ = send(["--json", "i-a", "i-b"], responder=not_found)
    rep = report(out)
    check("a permanent error is not retried", rc == 4 and len(log) == 1, "rc=%d n=%d" % (rc, len(log)))
    if rep:
        check("permanent error per instance", all(i["outcome"] == "failed" and i["code"] == "InvalidKeyPairName.NotFound"
                                                  and i["retry"] == "no" for i in rep["instances"]), repr(rep["instances"]))
        check("permanent error batch", rep["batches"][0]["outcome"] == "failed" and rep["batches"][0]["http_status"] == 404
              and rep["batches"][0]["request_id"] == "req-err", repr(rep["batches"][0]))

    long_hint = lambda req, n: (400, {"x-acs-retry-after": "70000"}, error_body("Throttling"))
    rc, out, err, log, took = send(["--json", "i-a"], responder=long_hint)
    rep = report(out)
    check("a hint above 60 s ends the retries", rc == 4 and len(log) == 1 and took < 30 and rep and
          rep["instances"][0]["retry"] == "throttled", "rc=%d n=%d" % (rc, len(log)))

    # A network failure counts as transient: a port nobody listens on.
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    rc, out, err = run(ATTACH + ["--endpoint", "http://127.0.0.1:%d" % port, "--attempts", "2", "--json", "i-a"], AK_ENV)
    rep = report(out)
    i = rep["instances"][0] if rep else {}
    check("network failure: retried, then not-done", rc == 4 and rep and rep["batches"][0]["attempts"] == 2 and
          i.get("outcome") == "not-done" and i.get("code") == "network" and i.get("retry") == "backoff", out + err)

    big = lambda req, n: (200, {}, b'{"RequestId":"' + b"x" * (2 << 20) + b'"}')
    rc, out, err, log, _ = send(["--json", "--attempts", "1", "i-a"], responder=big)
    rep = report(out)
    check("a body over 1 MiB is refused, not read", rc == 4 and rep and "body_too_large" in (rep["instances"][0]["message"] or ""),
          out[:300] + err)


def test_partial_and_auth():
    def partial(req, n):
        got = json.loads(req["params"]["InstanceIds"])
        return 200, {}, success_body(got, fail=("i-win1", "i-win2"))
    rc, out, err, log, _ = send(["--json", "i-a", "i-win1", "i-b", "i-win2"], responder=partial)
    rep = report(out)
    check("partial failure exits 3", rc == 3, "rc=%d %r" % (rc, err))
    if rep:
        outcome = {i["id"]: (i["outcome"], i["code"], i["retry"]) for i in rep["instances"]}
        check("partial failure per instance", outcome == {
            "i-a": ("ok", "200", "no"), "i-b": ("ok", "200", "no"),
            "i-win1": ("failed", "DependencyViolation.WindowsInstance", "no"),
            "i-win2": ("failed", "DependencyViolation.WindowsInstance", "no")}, repr(outcome))
        check("partial: batch outcome", rep["batches"][0]["outcome"] == "partial" and rep["summary"] == {"ok": 2, "failed": 2, "not_done": 0})
    rc, out, err, log, _ = send(["i-a", "i-win1"], responder=partial)
    row = [l for l in out.splitlines() if l.startswith("i-win1 ")]
    check("partial: the table row", rc == 3 and row and "failed" in row[0] and "DependencyViolation.WindowsInstance" in row[0]
          and "the instance runs Windows" in row[0], out)

    def some_batches_fail(req, n):
        return (200, {}, success_body(json.loads(req["params"]["InstanceIds"]))) if n != 2 else \
            (403, {}, error_body("InstanceKeyPairLimitExceeded", "The specified instances are beyond the permitted range."))
    rc, out, err, log, _ = send(["--json"] + ids(120), responder=some_batches_fail)
    rep = report(out)
    check("one failed batch of three: exit 3", rc == 3 and len(log) == 3, "rc=%d n=%d" % (rc, len(log)))
    if rep:
        check("one failed batch: counts", rep["summary"] == {"ok": 70, "failed": 50, "not_done": 0}, rep["summary"])
        check("one failed batch: its instances", {i["batch"] for i in rep["instances"] if i["outcome"] == "failed"} == {2})

    nonce = lambda req, n: (400, {}, error_body("SignatureNonceUsed", "The request signature nonce has been used."))
    rc, out, err, log, _ = send(["--json"] + ids(120), responder=nonce)
    check("SignatureNonceUsed does not stop the other batches", rc == 4 and len(log) == 3, "rc=%d n=%d" % (rc, len(log)))

    sig = lambda req, n: (400, {}, error_body("SignatureDoesNotMatch",
                                              "Specified signature is not matched with our calculation. server string to sign is:POST&%2F&x"))
    rc, out, err, log, _ = send(["--json"] + ids(120), responder=sig)
    rep = report(out)
    check("an auth error stops the other batches", rc == 4 and len(log) == 1, "rc=%d n=%d" % (rc, len(log)))
    if rep:
        check("not sent: NotSent", [b["outcome"] for b in rep["batches"]] == ["failed", "not-done", "not-done"] and
              rep["instances"][60]["code"] == "NotSent" and rep["batches"][1]["attempts"] == 0, repr(rep["batches"])[:400])
        check("SignatureDoesNotMatch diagnosis", rep["batches"][0]["diagnosis"] is not None, repr(rep["batches"][0]))


# ------------------------------------------------------------------ instances sent again


def results_body(ids, codes, request_id="req-ok"):
    """A success body: each ID in `codes` fails (Success false) with that Code, the others ok."""
    results = [{"InstanceId": i, "Code": codes.get(i, "200"),
                "Message": "failed: %s" % codes[i] if i in codes else "successful",
                "Success": i not in codes} for i in ids]
    return json.dumps({"RequestId": request_id, "TotalCount": len(ids),
                       "FailCount": len([i for i in ids if i in codes]),
                       "Results": {"Result": results}}).encode()


def sent_ids(log):
    return [json.loads(r["params"]["InstanceIds"]) for r in log]


def per_instance(rep):
    return {i["id"]: (i["outcome"], i["code"], i["retry"]) for i in rep["instances"]} if rep else {}


def first_time(codes):
    """A responder: the instances in `codes` fail with their Code the first time they are sent."""
    seen = set()

    def responder(req, n):
        got = json.loads(req["params"]["InstanceIds"])
        now = {i: c for i, c in codes.items() if i in got and i not in seen}
        seen.update(got)
        return 200, {}, results_body(got, now, request_id="req-%d" % n)
    return responder


def test_instance_retries():
    ok = ("ok", "200", "no")
    win = ("failed", "DependencyViolation.WindowsInstance", "no")
    codes = {"i-thr": "Throttling", "i-svc": "ServiceUnavailable",
             "i-win": "DependencyViolation.WindowsInstance"}
    rc, out, err, log, took = send(["--json", "i-a", "i-thr", "i-win", "i-svc", "i-b"],
                                   responder=first_time(codes))
    rep = report(out)
    check("retryable instances: exit 3 (the Windows instance)", rc == 3, "rc=%d %r" % (rc, err))
    check("retryable instances: sent again alone, in list order, the Windows one not",
          sent_ids(log) == [["i-a", "i-thr", "i-win", "i-svc", "i-b"], ["i-thr", "i-svc"]], repr(sent_ids(log)))
    check("retryable instances: signed afresh", len(log) == 2 and
          log[0]["params"]["SignatureNonce"] != log[1]["params"]["SignatureNonce"])
    check("retryable instances: waited the throttled backoff (at least 250 ms)", took >= 0.25, "%.3f s" % took)
    check("retryable instances: final outcomes", per_instance(rep) == {
        "i-a": ok, "i-thr": ok, "i-svc": ok, "i-b": ok, "i-win": win}, repr(per_instance(rep)))
    b = rep["batches"][0] if rep else {}
    check("retryable instances: the batch took 2 attempts, the last reply's request ID",
          b.get("attempts") == 2 and b.get("outcome") == "partial" and b.get("request_id") == "req-2" and
          b.get("code") == "200" and rep["summary"] == {"ok": 4, "failed": 1, "not_done": 0}, repr(b))

    rc, out, err, log, _ = send(["i-a", "i-thr"], responder=first_time({"i-thr": "Throttling"}))
    row = [l.split() for l in out.splitlines() if l.startswith("i-thr ")]
    check("retryable instance, table: exit 0, ok after 2 requests", rc == 0 and len(log) == 2 and
          row and row[0][:4] == ["i-thr", "1", "ok", "200"], out + err)

    rc, out, err, log, _ = send(["--json", "--attempts", "1", "i-a", "i-thr"],
                                responder=first_time({"i-thr": "Throttling"}))
    check("--attempts 1: nothing sent again, the instance failed Throttling (throttled)",
          rc == 3 and len(log) == 1 and per_instance(report(out)).get("i-thr") == ("failed", "Throttling", "throttled"),
          "rc=%d n=%d %r" % (rc, len(log), out[:300]))

    always = lambda req, n: (200, {}, results_body(json.loads(req["params"]["InstanceIds"]), {"i-thr": "Throttling"}))
    rc, out, err, log, _ = send(["--json", "--attempts", "3", "i-a", "i-thr"], responder=always)
    rep = report(out)
    check("always throttled: sent again until the 3 attempts are used",
          rc == 3 and sent_ids(log) == [["i-a", "i-thr"], ["i-thr"], ["i-thr"]] and rep and
          rep["batches"][0]["attempts"] == 3 and
          per_instance(rep) == {"i-a": ok, "i-thr": ("failed", "Throttling", "throttled")},
          "rc=%d %r %r" % (rc, sent_ids(log), out[:300]))

    def then(second):
        def responder(req, n):
            got = json.loads(req["params"]["InstanceIds"])
            return second(req, n) if n >= 2 else (200, {}, results_body(got, {"i-thr": "Throttling"}))
        return responder
    gone = lambda req, n: (404, {}, error_body("InvalidKeyPairName.NotFound", "The specified KeyPairName does not exist."))
    rc, out, err, log, _ = send(["--json", "i-a", "i-thr"], responder=then(gone))
    rep = report(out)
    b = rep["batches"][0] if rep else {}
    check("sent again, refused for good: that instance failed with the refusal, the other stays ok",
          rc == 3 and len(log) == 2 and per_instance(rep) == {
              "i-a": ok, "i-thr": ("failed", "InvalidKeyPairName.NotFound", "no")} and
          b.get("attempts") == 2 and b.get("code") == "InvalidKeyPairName.NotFound" and
          b.get("http_status") == 404 and b.get("request_id") == "req-err", "rc=%d %r" % (rc, out[:400]))

    def throttled_then_ok(req, n):
        if n == 2:
            return 400, {"x-acs-retry-after": "50"}, error_body("Throttling.User")
        return default_responder(req, n)
    rc, out, err, log, _ = send(["--json", "i-a", "i-thr"], responder=then(throttled_then_ok))
    check("sent again, throttled as a whole, retried: 3 requests, all ok",
          rc == 0 and sent_ids(log) == [["i-a", "i-thr"], ["i-thr"], ["i-thr"]] and
          report(out)["batches"][0]["attempts"] == 3, "rc=%d %r" % (rc, sent_ids(log)))

    def hinted(ms):
        def responder(req, n):
            got = json.loads(req["params"]["InstanceIds"])
            return 200, {"x-acs-retry-after": str(ms)}, results_body(got, {"i-thr": "Throttling"} if n == 1 else {})
        return responder
    rc, out, err, log, took = send(["--json", "i-a", "i-thr"], responder=hinted(800))
    check("a success reply's x-acs-retry-after longer than the backoff is waited for",
          rc == 0 and len(log) == 2 and took >= 0.8, "rc=%d n=%d %.3f s" % (rc, len(log), took))
    rc, out, err, log, took = send(["--json", "i-a", "i-thr"], responder=hinted(70000))
    check("a success reply's hint above 60 s: nothing sent again",
          rc == 3 and len(log) == 1 and took < 30 and
          per_instance(report(out)).get("i-thr") == ("failed", "Throttling", "throttled"), "rc=%d n=%d" % (rc, len(log)))

    many = ids(120)
    many[7], many[110] = "i-thr7", "i-thr110"
    rc, out, err, log, _ = send(["--json"] + many, responder=first_time({"i-thr7": "Throttling", "i-thr110": "Throttling"}))
    rep = report(out)
    check("120 IDs: each batch's retryable instances sent again right after it",
          rc == 0 and sent_ids(log) == [many[:50], ["i-thr7"], many[50:100], many[100:], ["i-thr110"]],
          "rc=%d %r" % (rc, [len(x) for x in sent_ids(log)]))
    check("120 IDs: attempts 2, 1, 2; the instances keep their batch",
          rep and [b["attempts"] for b in rep["batches"]] == [2, 1, 2] and
          [i["batch"] for i in rep["instances"] if i["id"].startswith("i-thr")] == [1, 3], out[:300])


# ------------------------------------------------------------------ sign --print curl, --raw


STUB = """#!/usr/bin/env python3
import json, sys
with open(%r, "w") as f:
    json.dump(sys.argv[1:], f)
"""


def test_print_curl():
    bindir = os.path.join(TMP, "bin")
    os.makedirs(bindir, exist_ok=True)
    argv_file = os.path.join(TMP, "curl-argv.json")
    with open(os.path.join(bindir, "curl"), "w") as f:
        f.write(STUB % argv_file)
    os.chmod(os.path.join(bindir, "curl"), 0o755)
    req = os.path.join(TMP, "req-curl.json")
    with open(req, "w") as f:
        f.write('{"Action":"AttachKeyPair","RegionId":"cn-qingdao","KeyPairName":"it\'s","InstanceIds":["i-a"]}')
    fixed = ["--date", "2016-02-23T12:46:24Z", "--nonce", "nonce-1"]

    def curl_argv(args):
        rc, out, err = run(["sign", "--print", "curl"] + fixed + args + [req], AK_ENV)
        if os.path.exists(argv_file):
            os.unlink(argv_file)
        env = clean_env({"PATH": bindir + os.pathsep + os.environ.get("PATH", "")})
        p = subprocess.run(["sh", "-c", out], env=env, capture_output=True, timeout=30)
        try:
            with open(argv_file) as f:
                return rc, out, err, json.load(f), p
        except (OSError, ValueError):
            return rc, out, err, None, p

    rc, out, err, argv, p = curl_argv([])
    full = json.loads(run(["sign"] + fixed + [req], AK_ENV)[1] or "{}")
    check("--print curl: one line", rc == 0 and out.count("\n") == 1 and out.startswith("curl -X 'POST' "), out)
    check("--print curl runs under sh -c", argv is not None and p.returncode == 0, p.stderr)
    if argv:
        check("--print curl argv", argv[:3] == ["-X", "POST", "https://ecs.cn-qingdao.aliyuncs.com/"] and
              argv[3:5] == ["-H", "content-type: application/x-www-form-urlencoded"] and
              argv[5] == "--data-binary" and len(argv) == 7, repr(argv))
        check("--print curl body is the signed form exactly", argv[-1] == full.get("signed_query"), repr(argv[-1]))
    rc, out, err, argv, p = curl_argv(["--v3", "--host", "ecs.exa'mple.com"])
    check("--print curl: a ' in a value survives the shell", argv is not None and
          "https://ecs.exa'mple.com/?" in argv[2] and "-H" in argv and "host: ecs.exa'mple.com" in argv, repr(argv))
    check("--print curl: V3 empty body has no --data-binary", argv is not None and "--data-binary" not in argv, repr(argv))
    rc, out, err, argv, p = curl_argv(["--method", "GET"])
    check("--print curl: GET has the signed query in the URL", argv is not None and argv[1] == "GET" and
          "&Signature=" in argv[2] and "--data-binary" not in argv, repr(argv))

    body = os.path.join(TMP, "body.txt")
    with open(body, "w") as f:
        f.write("it's $(touch %s/pwned) `id` \"q\" \\ end" % TMP)
    gen = os.path.join(TMP, "req-gen.json")
    with open(gen, "w") as f:
        f.write('{"Action":"CreateKeyPair","RegionId":"cn-qingdao"}')
    rc, out, err = run(["sign", "--v3", "--print", "curl", "--body-file", body, "--content-type", "text/plain", gen], AK_ENV)
    env = clean_env({"PATH": bindir + os.pathsep + os.environ.get("PATH", "")})
    subprocess.run(["sh", "-c", out], env=env, capture_output=True, timeout=30)
    with open(argv_file) as f:
        argv = json.load(f)
    with open(body) as f:
        check("--print curl: a hostile body arrives as it is", argv[-2:] == ["--data-binary", f.read()], repr(argv[-2:]))
    check("--print curl: nothing in the body ran", not os.path.exists(os.path.join(TMP, "pwned")))

    for field in ("signature", "signed_query", "string_to_sign", "body", "query"):
        rc, out, err = run(["sign", "--raw", field] + fixed + [req], AK_ENV)
        want = {"signed_query": full.get("signed_query"), "signature": full.get("signature"),
                "string_to_sign": full.get("string_to_sign")}.get(field)
        if field == "query":  # signature 1.0 POST: the parameters are in the body
            want = ""
        check("--raw %s: no trailing newline" % field, rc == 0 and not out.endswith("\n") and (out != "" or want == ""),
              repr(out[-20:]))
        if want is not None:
            check("--raw %s is the member" % field, out == want, repr(out))
    rc, out, err = run(["sign", "--raw", "authorization"] + fixed + [req], AK_ENV)
    check("--raw authorization without --v3", rc == 2 and "usage" in err, err)
    rc, out, err = run(["sign", "--raw", "authorization", "--v3"] + fixed + [req], AK_ENV)
    check("--raw authorization with --v3", rc == 0 and out.startswith("ACS3-HMAC-SHA256 Credential=%s," % KEY_ID) and
          not out.endswith("\n"), out)
    rc, out, err = run(["sign", "--raw", "nope", req], AK_ENV)
    check("--raw unknown field", rc == 2, err)
    rc, out, err = run(["sign", "--print", "wget", req], AK_ENV)
    check("--print takes curl only", rc == 2, err)
    rc, out, err = run(["sign", "--v3", "--endpoint-kind", "vpc", "--raw", "canonical_request"] + fixed + [req], AK_ENV)
    check("sign --v3 derives the host by the rule", rc == 0 and "host:ecs-vpc.cn-qingdao.aliyuncs.com\n" in out, out)


# ------------------------------------------------------------------ the terminal


def test_progress():
    def throttled_once(req, n):
        if n == 1:
            return 400, {"x-acs-retry-after": "50"}, error_body("Throttling.User")
        return default_responder(req, n)
    SERVER.reset(throttled_once)
    master, slave = pty.openpty()
    p = subprocess.Popen([ECSKP] + ATTACH + ["--endpoint", SERVER.url, "i-a"], stdout=subprocess.PIPE,
                         stderr=slave, env=clean_env(AK_ENV))
    os.close(slave)
    chunks = []
    while True:
        r, _, _ = select.select([master], [], [], 30)
        if not r:
            break
        try:
            data = os.read(master, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    out = p.stdout.read().decode()
    p.wait(timeout=30)
    os.close(master)
    err = b"".join(chunks).decode("utf-8", "replace")
    outputs.append((["progress"], out, err))
    check("progress on a terminal", p.returncode == 0 and "attach: batch 1/1, attempt 1/5: sending" in err and
          "Throttling.User; waiting" in err, repr(err))
    check("progress stays off standard output", "attempt" not in out, out)


def main():
    if "http libcurl" not in subprocess.run([ECSKP, "--version"], capture_output=True, text=True).stdout:
        print("SKIP: this ecskp was built without libcurl")
        # Without libcurl only the dry run works, and sending is refused (exit 2).
        rc, out, err = run(ATTACH + ["i-a"], AK_ENV)
        check("no libcurl: refused", rc == 2 and err.startswith("ecskp: unsupported: "), err)
        test_dry_run()
    else:
        for t in (test_credentials, test_secret_file, test_dry_run, test_endpoints, test_success,
                  test_retries, test_partial_and_auth, test_instance_retries, test_print_curl,
                  test_progress):
            try:
                t()
            except Exception as e:  # a crash in one group is a failure, not the end
                check(t.__name__, False, "raised %r" % e)
    for args, out, err in outputs:
        check("the secret is never printed (%s)" % " ".join(args)[:60], SECRET not in out and SECRET not in err)
    shutil.rmtree(TMP, ignore_errors=True)
    for f in failures:
        print("FAIL " + f)
    print("cli call: %d checks, %d failures" % (checks[0], len(failures)))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
