#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The command-line contract of `ecskp` (issue 5 and ecskp(1)), checked end to end.

Every subcommand: --help and --version exit 0; accepted input exits 0 with the documented
output; refused input exits 1 with exactly one stderr line `ecskp: <error_name>: <detail>`;
usage errors exit 2. Expected values are the documented ones (the pages conformance/README.md lists).

Also: the help texts (cli/help.c) and the man page (cli/ecskp.1) hold the same prose: every
option one names the other names too, each option's description in --help appears in the man
page's entry for that option (white space and troff escapes normalised), and every limit of the
library has its option.

Usage: test_contract.py PATH_TO_ECSKP [PATH_TO_ECSKP_1]
"""

import json
import os
import re
import subprocess
import sys
import tempfile

ECSKP = sys.argv[1]
failures = []


# No credentials, profile or region of the machine may reach the command: HOME is an empty
# folder, and every variable the credential chain reads is unset.
EMPTY_HOME = tempfile.mkdtemp(prefix="ecskp-contract-home-")
CREDENTIAL_PREFIXES = ("ALIBABA_CLOUD_", "ALIBABACLOUD_", "ALICLOUD_", "ECSKP_")


def run(args, stdin=b"", env=None):
    e = {k: v for k, v in os.environ.items() if not k.startswith(CREDENTIAL_PREFIXES)}
    e["HOME"] = EMPTY_HOME
    e.update(env or {})
    if isinstance(stdin, str):
        stdin = stdin.encode()
    p = subprocess.run([ECSKP] + args, input=stdin, capture_output=True, env=e, timeout=120)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def check(name, cond, detail=""):
    if not cond:
        failures.append("%s %s" % (name, detail))


def json_checks(name, out, checks):
    """Parses `out` as JSON and runs each (check name, test of the parsed value) of `checks`;
    a text that is not JSON, or lacks a key a test reads, fails the check `name JSON`."""
    try:
        value = json.loads(out)
        for what, test in checks:
            check(what, test(value), out)
    except (ValueError, KeyError) as e:
        check(name + " JSON", False, repr(e))


def accepted(name, args, stdin="", env=None):
    rc, out, err = run(args, stdin, env)
    check(name, rc == 0 and err == "", "rc=%d err=%r" % (rc, err[:300]))
    return out


def refused(name, args, stdin="", error_name=None, env=None):
    rc, out, err = run(args, stdin, env)
    lines = err.splitlines()
    ok = rc == 1 and out == "" and len(lines) == 1 and err.endswith("\n")
    ok = ok and lines[0].startswith("ecskp: %s: " % error_name)
    check(name, ok, "rc=%d out=%r err=%r" % (rc, out[:100], err[:300]))


def usage(name, args, stdin=""):
    rc, out, err = run(args, stdin)
    check(name, rc == 2 and out == "" and "ecskp: usage: " in err, "rc=%d err=%r" % (rc, err[:300]))


# --help and --version everywhere
COMMANDS = ["attach", "detach", "query", "sign", "decode", "ids", "conformance", "adapter", "demo"]
for cmd in COMMANDS:
    out = accepted("help " + cmd, [cmd, "--help"])
    for section in ("NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "EXIT STATUS", "EXAMPLES"):
        check("help %s has %s" % (cmd, section), section in out)
    check("version " + cmd, accepted("version " + cmd, [cmd, "--version"]).startswith("ecskp "))
check("help", "SYNOPSIS" in accepted("help", ["--help"]))
check("version", accepted("version", ["--version"]).startswith("ecskp 1."))
usage("no command", [])
usage("unknown command", ["frobnicate"])

# query
ATTACH = '{"Action":"AttachKeyPair","RegionId":"cn-qingdao","KeyPairName":"test","InstanceIds":["i-XXXXX"]}'
check("query attach", accepted("query", ["query"], ATTACH) ==
      "Action=AttachKeyPair&InstanceIds=%5B%22i-XXXXX%22%5D&KeyPairName=test&RegionId=cn-qingdao\n")
with tempfile.TemporaryDirectory() as tmp:
    req = os.path.join(tmp, "req.json")
    with open(req, "w") as f:
        f.write(ATTACH)
    check("query FILE", accepted("query FILE", ["query", req]).startswith("Action=AttachKeyPair&"))
    usage("query unreadable FILE", ["query", os.path.join(tmp, "missing.json")])
refused("query missing RegionId", ["query"], '{"Action":"DetachKeyPair","KeyPairName":"k","InstanceIds":["i-a"]}',
        "missing_parameter")
refused("query not JSON", ["query"], "Action=AttachKeyPair", "invalid_argument")
refused("query TimeStamp", ["query"], ATTACH[:-1] + ',"TimeStamp":"2016-02-23T12:46:24Z"}', "misspelled_parameter")
refused("query control bytes stay on one line", ["query"], '{"Action":"AttachKeyPair","RegionId":"a","KeyPairName":"b",'
        '"InstanceIds":["i-a"],"Timestamp":"x\\ny\\u001b[31m"}', "invalid_timestamp")
usage("query unknown option", ["query", "--frob"])

# sign, signature 1.0: the documented DescribeRegions example
DR = ('{"AccessKeyId":"testid","Action":"DescribeRegions","Format":"XML",'
      '"SignatureNonce":"3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf","Timestamp":"2016-02-23T12:46:24Z"}')
out = accepted("sign documented", ["sign", "--method", "GET"], DR, {"ECSKP_ACCESS_KEY_SECRET": "testsecret"})
json_checks("sign documented", out, [
    ("sign documented signature", lambda s: s["signature"] == "OLeaidS1JvxuMvnyHOwuJ+uX5qY="),
    ("sign documented signed_query",
     lambda s: s["signed_query"].endswith("&Signature=OLeaidS1JvxuMvnyHOwuJ%2BuX5qY%3D")),
    ("sign keys", lambda s: list(s) == ["canonical_query", "string_to_sign", "signature", "signed_query"]),
])
with tempfile.TemporaryDirectory() as tmp:
    sf = os.path.join(tmp, "secret")
    with open(sf, "w") as f:
        f.write("testsecret\n")
    out = accepted("sign --secret-file", ["sign", "--method", "GET", "--secret-file", sf], DR)
    check("sign --secret-file strips newline", '"signature":"OLeaidS1JvxuMvnyHOwuJ+uX5qY="' in out, out)
    with open(sf, "wb") as f:
        f.write(b"test\x00secret\n")
    refused("sign secret with a NUL byte", ["sign", "--method", "GET", "--secret-file", sf], DR,
            "invalid_argument")
    big = os.path.join(tmp, "big.bin")
    with open(big, "wb") as f:
        f.write(b"x" * (512 * 1024 + 1))
    usage("sign --body-file over 512 KiB", ["sign", "--v3", "--host", "h", "--body-file", big,
                                            "--content-type", "text/plain"], '{"Action":"CreateKeyPair"}')
# Filled parameters: Version, SignatureMethod, SignatureVersion, Format=JSON, Timestamp, nonce.
out = accepted("sign fills", ["sign", "--access-key-id", "id"], ATTACH, {"ECSKP_ACCESS_KEY_SECRET": "s"})
json_checks("sign fills", out, [
    ("sign fills " + p, lambda s, p=p: p in s["canonical_query"])
    for p in ("Format=JSON", "SignatureMethod=HMAC-SHA1", "SignatureVersion=1.0", "Version=2014-05-26",
              "Timestamp=", "SignatureNonce=", "AccessKeyId=id")
])
refused("sign without secret", ["sign"], DR, "missing_secret")
refused("sign empty secret", ["sign"], DR, "missing_secret", {"ECSKP_ACCESS_KEY_SECRET": ""})
usage("sign secret on argv is not an option", ["sign", "--secret", "testsecret"], DR)
usage("sign bad method", ["sign", "--method", "PUT"], DR)
usage("sign --v3 without --host", ["sign", "--v3"], DR)
usage("sign --date and Timestamp", ["sign", "--date", "2016-02-23T12:46:24Z"], DR)
refused("sign typed without AccessKeyId", ["sign"], ATTACH, "missing_parameter", {"ECSKP_ACCESS_KEY_SECRET": "s"})

# sign --v3: the documented RunInstances example through the flags
RI = ('{"Action":"RunInstances","ImageId":"win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd",'
      '"RegionId":"cn-shanghai"}')
out = accepted("sign --v3 documented", ["sign", "--v3", "--host", "ecs.cn-shanghai.aliyuncs.com",
                                        "--access-key-id", "YourAccessKeyId", "--date", "2023-10-26T10:22:32Z",
                                        "--nonce", "3156853299f313e23d1673dc12e1703d"], RI,
               {"ECSKP_ACCESS_KEY_SECRET": "YourAccessKeySecret"})
json_checks("sign --v3", out, [
    ("sign --v3 signature",
     lambda s: s["signature"] == "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0"),
    ("sign --v3 hashed",
     lambda s: s["hashed_canonical_request"] == "7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259"),
    ("sign --v3 keys",
     lambda s: list(s)[:4] == ["canonical_request", "string_to_sign", "signature", "authorization"]),
    ("sign --v3 headers", lambda s: s["headers"]["x-acs-date"] == "2023-10-26T10:22:32Z"),
])
with tempfile.TemporaryDirectory() as tmp:
    body = os.path.join(tmp, "body.json")
    with open(body, "w") as f:
        f.write('{"KeyPairName":"k"}')
    out = accepted("sign --v3 body", ["sign", "--v3", "--host", "h", "--body-file", body, "--content-type",
                                      "application/json", "--access-key-id", "id"],
                   '{"Action":"CreateKeyPair"}', {"ECSKP_ACCESS_KEY_SECRET": "s"})
    check("sign --v3 body signs content-type", "content-type:application/json" in json.loads(out or "{}").get("canonical_request", ""))
    refused("sign --v3 typed with body", ["sign", "--v3", "--host", "h", "--body-file", body, "--content-type",
                                         "application/json", "--access-key-id", "id"], ATTACH, "invalid_argument",
            {"ECSKP_ACCESS_KEY_SECRET": "s"})

# decode
ERR_XML = ('<?xml version="1.0" encoding="UTF-8"?>\n<Error>\n  <RequestId>540CFF28-407A-40B5-B6A5-74Bxxxxxxxxx</RequestId>\n'
           '  <HostId>ecs.aliyuncs.com</HostId>\n  <Code>MissingParameter.CommandId</Code>\n'
           '  <Message>The input parameter "CommandId" that is required for processing this request is not supplied.</Message>\n'
           '</Error>\n')
out = accepted("decode API error exits 0", ["decode", "--action", "DetachKeyPair", "--format", "xml", "--http-status", "400"], ERR_XML)
check("decode API error output", out == '{"Error":{"HttpStatus":400,"RequestId":"540CFF28-407A-40B5-B6A5-74Bxxxxxxxxx",'
      '"HostId":"ecs.aliyuncs.com","Code":"MissingParameter.CommandId","Message":"The input parameter \\"CommandId\\" '
      'that is required for processing this request is not supplied.","Category":"bad_request","Retryable":false}}\n', out)
out = accepted("decode old success", ["decode", "--action", "AttachKeyPair"], '{"RequestId": "473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E"}')
check("decode old success output", out == '{"RequestId":"473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E"}\n', out)
refused("decode DOCTYPE", ["decode", "--action", "AttachKeyPair", "--format", "xml"],
        '<!DOCTYPE a [<!ENTITY x "y">]><AttachKeyPairResponse><RequestId>&x;</RequestId></AttachKeyPairResponse>',
        "dtd_refused")
refused("decode binary garbage", ["decode", "--action", "AttachKeyPair"], b"\xff\xfe\x00\x01\n\n\x1b[2J", "unsupported_encoding")
refused("decode too large", ["decode", "--action", "AttachKeyPair", "--max-body-bytes", "10"], '{"RequestId":"abcdef"}',
        "body_too_large")
refused("decode mismatch", ["decode", "--action", "AttachKeyPair", "--http-status", "500"], '{"RequestId":"r"}',
        "status_body_mismatch")
usage("decode without --action", ["decode"], "{}")
usage("decode bad --action", ["decode", "--action", "RunInstances"], "{}")
usage("decode bad --http-status", ["decode", "--action", "AttachKeyPair", "--http-status", "99"], "{}")

# ids
check("ids", accepted("ids", ["ids"], '["i-xxxxxxx", "i-yyyyyyy"]') == '["i-xxxxxxx","i-yyyyyyy"]\n')
refused("ids duplicate", ["ids"], '["i-a","i-a"]', "ids_duplicate")
refused("ids strict", ["ids", "--strict"], '["i-bp1gtjxuuvwj17zr****"]', "ids_invalid_element")
refused("ids too long", ["ids"], "[" + " " * 70000 + "]", "ids_malformed")

# adapter
out = accepted("adapter", ["adapter"], '{"operation":"ids","input":{"text_base64":"WyJpLWEiXQ=="}}')
check("adapter answer", json.loads(out or "{}") == {"instance_ids": '["i-a"]'}, out)
out = accepted("adapter refusal is an answer", ["adapter"], "not json")
check("adapter refusal", json.loads(out or "{}").get("error") == "invalid_argument", out)
# Base64 is strict: the length a multiple of 4, the alphabet, `=` only at the end, and the bits
# the padding drops zero ("e31=" would decode to "{}" too).
for name, b64 in (("unpadded", "e30"), ("non-canonical", "e31="), ("inner padding", "e3=0"),
                  ("URL alphabet", "e30_"), ("white space", "e3 0")):
    out = accepted("adapter Base64 " + name, ["adapter"],
                   '{"operation":"decode","input":{"action":"AttachKeyPair","format":"json",'
                   '"body_base64":"%s"}}' % b64)
    check("adapter Base64 %s refused" % name, json.loads(out or "{}").get("error") == "invalid_argument", out)
out = accepted("adapter Base64 padded", ["adapter"],
               '{"operation":"ids","input":{"text_base64":"WyJpLWFiIl0="}}')
check("adapter Base64 padded answer", json.loads(out or "{}") == {"instance_ids": '["i-ab"]'}, out)

# The help texts and the man page agree on the options, both ways.
OPT = re.compile(r"--[a-z][a-z0-9-]*[a-z0-9]")
help_opts = {}
for cmd in COMMANDS:
    help_opts[cmd] = set(OPT.findall(run([cmd, "--help"])[1]))
if len(sys.argv) > 2:
    with open(sys.argv[2], encoding="utf-8") as f:
        man = f.read().replace("\\-", "-").replace("\\fR", " ").replace("\\fB", "")
    man_opts = set(OPT.findall(man))
    all_help = set().union(*help_opts.values())
    for cmd, opts in sorted(help_opts.items()):
        for o in sorted(opts - man_opts):
            check("ecskp(1) documents %s %s" % (cmd, o), False, "named in --help only")
    for o in sorted(man_opts - all_help):
        check("--help documents %s" % o, False, "named in ecskp(1) only")


# Each option's description in --help (its entry in OPTIONS, continuation lines joined) appears
# in the man page's .TP entry for that option. --help and --version are every command's and
# ecskp(1) documents them once, in DESCRIPTION.
UNIVERSAL = {"--help", "--version"}
HELP_ENTRY = re.compile(r"^    (?:-h, )?(--[a-z][a-z0-9-]*[a-z0-9])(?: [^ ]+)?  +(\S.*)$")


def normalised(text):
    return " ".join(text.split())


def help_entries(text):
    """{option: description} of the OPTIONS section of a --help text."""
    out, current, in_options = {}, None, False
    for line in text.splitlines():
        if line and not line.startswith(" "):
            in_options, current = line == "OPTIONS", None
            continue
        m = HELP_ENTRY.match(line) if in_options else None
        if m:
            current = m.group(1)
            out[current] = m.group(2)
        elif current is not None and line.startswith("      ") and line.strip():
            out[current] += " " + line.strip()
        else:
            current = None
    return {k: normalised(v) for k, v in out.items()}


def troff_args(rest):
    """The arguments of a troff macro line: split at spaces, "..." grouped."""
    args, cur, quoted, i = [], None, False, 0
    while i < len(rest):
        c = rest[i]
        if quoted and c == '"' and rest[i + 1:i + 2] == '"':
            cur += '"'
            i += 1
        elif c == '"':
            quoted = not quoted
            cur = cur if cur is not None else ""
        elif c == " " and not quoted:
            if cur is not None:
                args.append(cur)
            cur = None
        else:
            cur = (cur or "") + c
        i += 1
    return args + ([cur] if cur is not None else [])


def troff_text(line):
    """The text a man page line renders (fonts dropped), or None for a request like .TP."""
    line = re.sub(r"\\f[BIRP]", "", line.replace("\\-", "-").replace("\\&", ""))
    line = line.replace("\\e", "\\")
    if not line.startswith("."):
        return line
    macro, _, rest = line.partition(" ")
    if macro in (".B", ".I"):
        return " ".join(troff_args(rest))
    if macro in (".BR", ".BI", ".IR", ".RB", ".RI", ".IB"):
        return "".join(troff_args(rest))  # alternating fonts, no space between the arguments
    return None


def man_entries(text):
    """{option: [entry text, ...]} of the .TP entries (with .TQ tags) that name an option."""
    entries, tags, body, state = {}, [], [], None
    for line in text.splitlines() + [".SH END"]:
        if line.startswith(".TQ"):
            state = "tag"
            continue
        if line.startswith((".TP", ".SS", ".SH", ".PP", ".IP")):
            for t in tags:
                entries.setdefault(t, []).append(normalised(" ".join(body)))
            tags, body, state = [], [], "tag" if line.startswith(".TP") else None
            continue
        rendered = troff_text(line)
        if state == "tag":
            tags += OPT.findall(rendered or "")
            state = "body"
        elif state == "body" and rendered is not None:
            body.append(rendered)
    return entries


if len(sys.argv) > 2:
    with open(sys.argv[2], encoding="utf-8") as f:
        man_text = f.read()
    entries = man_entries(man_text)
    described = 0
    for cmd in COMMANDS:
        for opt, desc in sorted(help_entries(run([cmd, "--help"])[1]).items()):
            if opt in UNIVERSAL:
                continue
            described += 1
            found = entries.get(opt, [])
            ok = any(desc in e or desc[:1].upper() + desc[1:] in e for e in found)
            check("ecskp(1) entry of %s %s says what --help says" % (cmd, opt), ok,
                  "--help: %r; ecskp(1): %r" % (desc, found or "no .TP entry"))
    check("option descriptions compared", described >= 25, "only %d" % described)

# Each limit of the library (decode.h) has its decode option; 0 means the default.
for limit in ["max-body-bytes", "max-depth", "max-results", "max-string-bytes", "max-nodes",
              "max-attributes", "max-namespaces", "max-markup-bytes"]:
    check("decode --help names --" + limit, "--" + limit in help_opts["decode"])
    out = accepted("decode --%s 0" % limit, ["decode", "--action", "AttachKeyPair", "--" + limit, "0"],
                   '{"RequestId":"r"}')
    check("decode --%s 0 output" % limit, out == '{"RequestId":"r"}\n', out)
usage("decode --max-nodes above the cap", ["decode", "--action", "AttachKeyPair", "--max-nodes", "65537"],
      '{"RequestId":"r"}')
refused("decode --max-attributes 1 on two attributes",
        ["decode", "--action", "AttachKeyPair", "--format", "xml", "--max-attributes", "1"],
        '<AttachKeyPairResponse a="1" b="2"><RequestId>r</RequestId></AttachKeyPairResponse>',
        "too_many_attributes")

# conformance and demo
with tempfile.TemporaryDirectory() as tmp:
    rc, out, err = run(["conformance", tmp])
    check("conformance with no case fails", rc == 1 and out.endswith("0 passed, 0 failed, 0 skipped\n"), out + err)
usage("conformance missing DIR", ["conformance", "/nonexistent/suite"])
out = accepted("demo", ["demo"])
check("demo summary", "checks reproduced" in out.splitlines()[-1], out[-200:])

for f in failures:
    print("FAIL " + f)
print("cli contract: %d failures" % len(failures))
sys.exit(1 if failures else 0)
