#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""`ecskp conformance` and `ecskp adapter` against small suites made here (conformance/README.md).

Checked exactly: the summary lines (one per level that ran, then the total), the exit statuses,
the --json report, skipped cases (`{"unsupported": ...}`), the rule on `\\u0000` in answers,
the levels and the rules on a_ cases and advice.json, the persistent mode (one adapter process
for every case, CONFORMANCE_PERSISTENT=1, a fresh one after a death, a timeout, an answer
that is not one JSON object, or output beyond one line per request), an "error" or
"unsupported" that is not a string, folders in area folders without case.json or of another
operation, and `ecskp adapter` (the advice moved out of the decoded error;
one answer line per request line when CONFORMANCE_PERSISTENT=1).

Usage: test_conformance_runner.py PATH_TO_ECSKP
"""

import base64
import json
import os
import shlex
import subprocess
import sys
import tempfile

ECSKP = os.path.abspath(sys.argv[1])
failures = []
checks = 0

# The documented DetachKeyPair error example (XML), its neutral document and ecskp's advice.
ERROR_XML = ('<?xml version="1.0" encoding="UTF-8"?>\n<Error>\n'
             '  <RequestId>540CFF28-407A-40B5-B6A5-74Bxxxxxxxxx</RequestId>\n'
             '  <HostId>ecs.aliyuncs.com</HostId>\n  <Code>MissingParameter.CommandId</Code>\n'
             '  <Message>The input parameter "CommandId" that is required for processing this '
             'request is not supplied.</Message>\n</Error>\n')
ERROR_DOC = {"Error": {"HttpStatus": 400, "RequestId": "540CFF28-407A-40B5-B6A5-74Bxxxxxxxxx",
                       "HostId": "ecs.aliyuncs.com", "Code": "MissingParameter.CommandId",
                       "Message": 'The input parameter "CommandId" that is required for '
                                  'processing this request is not supplied.'}}
ADVICE = {"Category": "bad_request", "Retryable": False}
DECODE_INPUT = {"action": "DetachKeyPair", "format": "xml", "http_status": 400}

# A fake adapter: what it answers is chosen by the case's input member "behaviour"; "want" is
# the canonical_query it answers. Each start is logged to $FAKE_LOG with the value of
# CONFORMANCE_PERSISTENT; at the end of its input it exits with $FAKE_EXIT. In the persistent
# mode, "late" answers and then, once the runner opens the named pipe "fifo" (the next case's
# request.json), writes a line nobody asked for before it fills the pipe: that line is waiting
# when the runner is about to write the next request.
FAKE = r'''
import json, os, signal, sys, time
with open(os.environ["FAKE_LOG"], "a") as log:
    log.write("start %s\n" % os.environ.get("CONFORMANCE_PERSISTENT", "-"))

# Answers that are the same text every time, by behaviour.
FIXED = {
    "unsupported_and_error": '{"unsupported": "x", "error": "invalid_argument"}',
    "nul": '{"canonical_query": "a\\u0000b"}',
    "nul_in_name": '{"canonical_query": "Action=X", "d\\u0000": 1}',
    "escaped_backslash": '{"canonical_query": "\\\\u0000"}',
    "raw_control": '{"canonical_query": "a\x01b"}',
    "leading_zero": '{"canonical_query": "Action=X", "n": 01}',
    "garbage": "this is not JSON",
    "two_lines": '{"canonical_query": "Action=X"}\n{"canonical_query": "Action=X"}',
    "error_number": '{"error": 5}',
    "error_null": '{"error": null}',
    "unsupported_number": '{"unsupported": 5}',
    "unsupported_null": '{"unsupported": null}',
    "unsupported_number_and_error": '{"unsupported": 5, "error": "invalid_parameter_name"}',
}

def answer(text):
    req = json.loads(text)
    b = req["input"].get("behaviour", "ok")
    if b in ("ok", "late"):
        return json.dumps({"canonical_query": req["input"]["want"]})
    if b == "unsupported":
        return '{"unsupported": "no %s here"}' % req["operation"]
    if b == "flood":
        return "x" * (17 << 20)
    if b == "die":
        os.kill(os.getpid(), signal.SIGKILL)
    if b == "hang":
        time.sleep(60)
    if b == "exit3":
        sys.stderr.write("boom: no answer\n")
        sys.stderr.flush()
        os._exit(3)
    return FIXED.get(b, '{"error": "invalid_argument"}')

if os.environ.get("CONFORMANCE_PERSISTENT") == "1":
    while True:
        line = sys.stdin.readline()
        if not line:
            break
        sys.stdout.write(answer(line) + "\n")
        sys.stdout.flush()
        inp = json.loads(line)["input"]
        if inp.get("behaviour") == "late":
            with open(inp["fifo"], "w") as fifo:  # the runner is reading the next case
                sys.stdout.write('{"canonical_query": "Action=X"}\n')
                sys.stdout.flush()
                fifo.write('{"Action":"X"}')
    sys.exit(int(os.environ.get("FAKE_EXIT", "0")))
sys.stdout.write(answer(sys.stdin.read()) + "\n")
'''


def check(name, cond, detail=""):
    global checks
    checks += 1
    if not cond:
        failures.append("%s: %s" % (name, detail))


def run(args, stdin=b"", env=None, cwd=None):
    e = dict(os.environ)
    e.pop("CONFORMANCE_PERSISTENT", None)
    e.update(env or {})
    p = subprocess.run([ECSKP] + args, input=stdin, capture_output=True, env=e, cwd=cwd,
                       timeout=120)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def expect(name, args, rc, out, err=None, env=None, cwd=None):
    """Runs ecskp and checks the exit status and the exact standard output (and error)."""
    got_rc, got_out, got_err = run(args, env=env, cwd=cwd)
    check(name + " exit status", got_rc == rc, "%d, expected %d; stderr %r" % (got_rc, rc, got_err))
    check(name + " output", got_out == out, "\n--- got\n%s--- expected\n%s" % (got_out, out))
    if err is not None:
        check(name + " stderr", got_err == err, "%r, expected %r" % (got_err, err))
    return got_out, got_err


def make_case(root, area, name, meta, files):
    d = os.path.join(root, area, name)
    os.makedirs(d)
    m = {"operation": area, "source": "made by test_conformance_runner.py"}
    m.update(meta)
    with open(os.path.join(d, "case.json"), "w") as f:
        json.dump(m, f)
    for fname, content in files.items():
        with open(os.path.join(d, fname), "wb") as f:
            f.write(content.encode() if isinstance(content, str) else content)


def encode_case(root, name, level, request, query=None, error=None, inp=None):
    """An encode case of `request` that expects the canonical query `query`, or else the error
    `error`; level None: its case.json names none. `inp`: its input member, if any."""
    meta = {} if level is None else {"level": level}
    if inp is not None:
        meta["input"] = inp
    files = {"request.json": request}
    if error is None:
        files["canonical_query.txt"] = query
    else:
        files["error.txt"] = error
    make_case(root, "encode", name, meta, files)


def error_case(root, name, level, files):
    """A decode case of the documented error (ERROR_XML), expecting `files`."""
    make_case(root, "decode", name, {"level": level, "input": DECODE_INPUT},
              dict({"body.xml": ERROR_XML}, **files))


RESPONSE_JSON = json.dumps(ERROR_DOC)
ADVICE_JSON = json.dumps(ADVICE)


def real_suite(root):
    """Cases that the ecskp adapter passes, one or more per level."""
    os.makedirs(root)
    with open(os.path.join(root, "VERSION"), "w") as f:
        f.write("3.0.0\n")
    encode_case(root, "generic_query", "protocol",
                '{"Action":"DescribeRegions","RegionId":"cn-hangzhou"}',
                query="Action=DescribeRegions&RegionId=cn-hangzhou")
    encode_case(root, "invalid_name", "client", '{"a b":"x"}', error="invalid_parameter_name\n")
    error_case(root, "y_error_xml", "protocol", {"response.json": RESPONSE_JSON})
    error_case(root, "a_error_xml", "ecskp", {"advice.json": ADVICE_JSON})
    error_case(root, "a_error_xml_both", "ecskp",
               {"advice.json": ADVICE_JSON, "response.json": RESPONSE_JSON})
    make_case(root, "ids", "strict", {"level": "ecskp", "input": {"strict": True}},
              {"ids.json": '["i-abc", "i-def"]', "instance_ids.txt": '["i-abc","i-def"]'})


ALL_PASS = ("protocol: 2 passed, 0 failed, 0 skipped\n"
            "client: 1 passed, 0 failed, 0 skipped\n"
            "ecskp: 3 passed, 0 failed, 0 skipped\n"
            "6 passed, 0 failed, 0 skipped\n")

with tempfile.TemporaryDirectory(prefix="ecskp-runner-") as tmp:
    suite = os.path.join(tmp, "suite")
    real_suite(suite)
    adapter = shlex.quote(ECSKP) + " adapter"

    # In-process, one-shot and persistent through `ecskp adapter`: the same counts.
    expect("in-process", ["conformance", suite], 0, ALL_PASS, "")
    expect("one-shot", ["conformance", "--adapter", adapter, suite], 0, ALL_PASS, "")
    expect("persistent", ["conformance", "--persistent", "--adapter", adapter, suite], 0,
           ALL_PASS, "")
    expect("--verbose", ["conformance", "--verbose", "--level", "client", suite], 0,
           "suite 3.0.0: 6 case folders in %s, in-process\n"
           "ok   encode/invalid_name\n"
           "client: 1 passed, 0 failed, 0 skipped\n"
           "1 passed, 0 failed, 0 skipped\n" % suite, "")

    # --level and --only: the other cases are neither run nor counted.
    expect("--level protocol", ["conformance", "--level", "protocol", suite], 0,
           "protocol: 2 passed, 0 failed, 0 skipped\n2 passed, 0 failed, 0 skipped\n")
    expect("--level ecskp,client", ["conformance", "--level", "ecskp,client", suite], 0,
           "client: 1 passed, 0 failed, 0 skipped\necskp: 3 passed, 0 failed, 0 skipped\n"
           "4 passed, 0 failed, 0 skipped\n")
    expect("--only decode --level ecskp", ["conformance", "--only", "decode", "--level", "ecskp",
                                           suite], 0,
           "ecskp: 2 passed, 0 failed, 0 skipped\n2 passed, 0 failed, 0 skipped\n")
    expect("area folder", ["conformance", os.path.join(suite, "decode")], 0,
           "protocol: 1 passed, 0 failed, 0 skipped\necskp: 2 passed, 0 failed, 0 skipped\n"
           "3 passed, 0 failed, 0 skipped\n")
    # A case folder, even given as ".", is named <area>/<case>.
    expect("case folder as .", ["conformance", "--verbose", "."], 0,
           "suite 3.0.0: 1 case folders in ., in-process\nok   decode/a_error_xml\n"
           "ecskp: 1 passed, 0 failed, 0 skipped\n1 passed, 0 failed, 0 skipped\n",
           cwd=os.path.join(suite, "decode", "a_error_xml"))

    # The --json report: one line, the whole run.
    rc, out, err = run(["conformance", "--json", "--only", "encode,ids", suite])
    check("--json exit status 0", rc == 0 and err == "", "%d %r" % (rc, err))
    check("--json is one line", out.count("\n") == 1 and out.endswith("\n"), repr(out))
    try:
        report = json.loads(out)
    except ValueError as e:
        report = None
        check("--json parses", False, repr(e))
    check("--json report", report == {
        "suite": "3.0.0", "adapter": None,
        "levels": {"protocol": {"passed": 1, "failed": 0, "skipped": 0},
                   "client": {"passed": 1, "failed": 0, "skipped": 0},
                   "ecskp": {"passed": 1, "failed": 0, "skipped": 0}},
        "total": {"passed": 3, "failed": 0, "skipped": 0},
        "cases": [
            {"case": "encode/generic_query", "operation": "encode", "level": "protocol",
             "result": "pass"},
            {"case": "encode/invalid_name", "operation": "encode", "level": "client",
             "result": "pass"},
            {"case": "ids/strict", "operation": "ids", "level": "ecskp", "result": "pass"},
        ]}, out)
    check("--json key order", out.startswith('{"suite":"3.0.0","adapter":null,"levels":'
                                             '{"protocol":{"passed":1,"failed":0,"skipped":0},'), out)

    # Usage errors.
    for name, args in (("--level unknown", ["--level", "wire"]), ("--level empty", ["--level", ""]),
                       ("--level trailing comma", ["--level", "protocol,"]),
                       ("--persistent in-process", ["--persistent"]),
                       ("--only unknown", ["--only", "sign"])):
        rc, out, err = run(["conformance"] + args + [suite])
        check("usage " + name, rc == 2 and out == "" and err.startswith("ecskp: usage: "),
              "rc=%d out=%r err=%r" % (rc, out, err))

    # Cases that are not well-formed: counted as failed, in their level when they name a valid
    # one, else in the total only.
    bad = os.path.join(tmp, "bad")
    os.makedirs(bad)
    encode_case(bad, "no_level", None, "{}", query="")
    encode_case(bad, "protocol_error", "protocol", '{"a b":"x"}', error="invalid_parameter_name")
    encode_case(bad, "wrong_level", "Protocol", "{}", query="")
    error_case(bad, "a_no_advice", "ecskp", {"response.json": RESPONSE_JSON})
    error_case(bad, "a_client_level", "client", {"advice.json": ADVICE_JSON})
    error_case(bad, "y_with_advice", "ecskp",
               {"response.json": RESPONSE_JSON, "advice.json": ADVICE_JSON})
    error_case(bad, "y_advice_differs", "protocol", {"response.json": json.dumps(
        {"Error": dict(ERROR_DOC["Error"], Category="bad_request", Retryable=False)})})
    error_case(bad, "a_advice_differs", "ecskp",
               {"advice.json": '{"Category":"auth","Retryable":false}'})
    # A folder in an area folder is a case: without case.json, or of another operation, a bad
    # one. A folder elsewhere without case.json is no case.
    os.makedirs(os.path.join(bad, "encode", "no_case_json"))
    make_case(bad, "decode", "y_wrong_operation", {"level": "protocol", "operation": "encode"},
              {"request.json": "{}", "canonical_query.txt": ""})
    os.makedirs(os.path.join(bad, "notes", "empty"))
    rc, out, err = run(["conformance", bad])
    lines = out.splitlines()
    check("bad cases exit status", rc == 1, str(rc))
    want = [
        'FAIL decode/a_advice_differs: advice: expected {"Category":"auth","Retryable":false}, '
        'got {"Category":"bad_request","Retryable":false}',
        "FAIL decode/a_client_level: bad case: an a_ case is of level ecskp",
        "FAIL decode/a_no_advice: bad case: an a_ case expects advice.json (and no error.txt)",
        None,  # y_advice_differs: the neutral document lacks Category and Retryable
        "FAIL decode/y_with_advice: bad case: only a_ cases expect advice.json",
        'FAIL decode/y_wrong_operation: bad case: operation "encode" in area folder "decode"',
        "FAIL encode/no_case_json: bad case: no case.json",
        'FAIL encode/no_level: bad case: case.json: "level" must be protocol, client or ecskp',
        "FAIL encode/protocol_error: bad case: a protocol-level case never expects an error "
        "(error.txt)",
        'FAIL encode/wrong_level: bad case: case.json: "level" must be protocol, client or ecskp',
        "protocol: 0 passed, 3 failed, 0 skipped",
        "client: 0 passed, 1 failed, 0 skipped",
        "ecskp: 0 passed, 3 failed, 0 skipped",
        "0 passed, 10 failed, 0 skipped",
    ]
    check("bad cases line count", len(lines) == len(want), out)
    for i, (g, w) in enumerate(zip(lines, want)):
        if w is None:
            check("bad cases line %d" % i, g.startswith("FAIL decode/y_advice_differs: response: "
                                                        "expected "), g)
        else:
            check("bad cases line %d" % i, g == w, "%r, expected %r" % (g, w))
    # --level protocol counts only the bad cases of that level and those of no valid level.
    expect("bad cases --level protocol", ["conformance", "--level", "protocol", "--only", "encode",
                                          bad], 1,
           'FAIL decode/y_wrong_operation: bad case: operation "encode" in area folder '
           '"decode"\n'
           "FAIL encode/no_case_json: bad case: no case.json\n"
           'FAIL encode/no_level: bad case: case.json: "level" must be protocol, client or ecskp\n'
           "FAIL encode/protocol_error: bad case: a protocol-level case never expects an error "
           "(error.txt)\n"
           'FAIL encode/wrong_level: bad case: case.json: "level" must be protocol, client or '
           'ecskp\n'
           "protocol: 0 passed, 2 failed, 0 skipped\n"
           "0 passed, 5 failed, 0 skipped\n")
    expect("bad cases --level client --only encode",
           ["conformance", "--level", "client", "--only", "encode", bad], 1,
           "FAIL encode/no_case_json: bad case: no case.json\n"
           'FAIL encode/no_level: bad case: case.json: "level" must be protocol, client or ecskp\n'
           'FAIL encode/wrong_level: bad case: case.json: "level" must be protocol, client or '
           'ecskp\n'
           "0 passed, 3 failed, 0 skipped\n")
    # An area folder as DIR: its folders are cases; a case folder as DIR: its area is checked.
    expect("bad area folder", ["conformance", "--level", "client", os.path.join(bad, "encode")],
           1, "FAIL encode/no_case_json: bad case: no case.json\n"
           'FAIL encode/no_level: bad case: case.json: "level" must be protocol, client or ecskp\n'
           'FAIL encode/wrong_level: bad case: case.json: "level" must be protocol, client or '
           'ecskp\n'
           "0 passed, 3 failed, 0 skipped\n")
    expect("bad case folder", ["conformance", os.path.join(bad, "decode", "y_wrong_operation")],
           1, 'FAIL decode/y_wrong_operation: bad case: operation "encode" in area folder '
           '"decode"\n'
           "protocol: 0 passed, 1 failed, 0 skipped\n0 passed, 1 failed, 0 skipped\n")

    # Answers of a fake adapter: skips, the \u0000 rule, what is not one JSON object.
    fake_py = os.path.join(tmp, "fake.py")
    with open(fake_py, "w") as f:
        f.write(FAKE)
    log = os.path.join(tmp, "starts.log")
    # exec: the death is python's own, not reported by a shell in between.
    fake = "exec python3 " + shlex.quote(fake_py)

    def starts():
        try:
            with open(log) as f:
                lines = f.read().splitlines()
        except FileNotFoundError:
            lines = []
        if os.path.exists(log):
            os.remove(log)
        return lines

    answers = os.path.join(tmp, "answers")
    os.makedirs(answers)

    def fake_case(root, name, behaviour, want="Action=X", level="protocol", expected=None):
        encode_case(root, name, level, '{"Action":"X"}', want, expected,
                    {"behaviour": behaviour, "want": want})

    fake_case(answers, "e01_ok", "ok")
    fake_case(answers, "e02_unsupported", "unsupported")
    fake_case(answers, "e03_unsupported_error_case", "unsupported", level="client",
              expected="invalid_parameter_name")
    fake_case(answers, "e04_unsupported_and_error", "unsupported_and_error")
    fake_case(answers, "e05_nul", "nul", want="ab")
    fake_case(answers, "e06_nul_in_name", "nul_in_name")
    fake_case(answers, "e07_escaped_backslash", "escaped_backslash", want="\\u0000")
    fake_case(answers, "e08_raw_control", "raw_control", want="a\x01b")
    fake_case(answers, "e09_leading_zero", "leading_zero")
    fake_case(answers, "e10_garbage", "garbage")
    fake_case(answers, "e11_exit3", "exit3")
    fake_case(answers, "e12_die", "die")
    fake_case(answers, "e13_error_for_result", "error")
    fake_case(answers, "e14_ok", "ok", want="Action=Y")
    NUL_WHY = "answer holds \\u0000, which no expected value contains"
    common = [
        "FAIL encode/e04_unsupported_and_error: expected a result, got error "
        '"invalid_argument" ()',
        "FAIL encode/e05_nul: " + NUL_WHY,
        "FAIL encode/e06_nul_in_name: " + NUL_WHY,
        'FAIL encode/e08_raw_control: the answer is not one JSON object: {"canonical_query": '
        '"a\\x01b"}',
        'FAIL encode/e09_leading_zero: the answer is not one JSON object: {"canonical_query": '
        '"Action=X", "n": 01}',
        "FAIL encode/e10_garbage: the answer is not one JSON object: this is not JSON",
    ]
    one_shot_tail = [
        "FAIL encode/e11_exit3: the adapter exited with status 3: boom: no answer",
        "FAIL encode/e12_die: the adapter was killed by signal 9",
        'FAIL encode/e13_error_for_result: expected a result, got error "invalid_argument" ()',
    ]
    persistent_tail = [
        "FAIL encode/e11_exit3: the adapter exited with status 3 before answering: boom: no "
        "answer",
        "FAIL encode/e12_die: the adapter was killed by signal 9",
        'FAIL encode/e13_error_for_result: expected a result, got error "invalid_argument" ()',
    ]
    summary = ["protocol: 3 passed, 9 failed, 1 skipped", "client: 0 passed, 0 failed, 1 skipped",
               "3 passed, 9 failed, 2 skipped"]
    rc, out, err = run(["conformance", "--adapter", fake, answers],
                       env={"FAKE_LOG": log, "CONFORMANCE_PERSISTENT": "1"})
    check("fake one-shot exit status", rc == 1, "%d %r" % (rc, err))
    check("fake one-shot output", out.splitlines() == common + one_shot_tail + summary,
          "\n" + out)
    check("one-shot: one start per case, CONFORMANCE_PERSISTENT removed",
          starts() == ["start -"] * 14, "")
    rc, out, err = run(["conformance", "--verbose", "--adapter", fake, answers],
                       env={"FAKE_LOG": log})
    starts()
    check("fake one-shot --verbose SKIP lines",
          "SKIP encode/e02_unsupported: no encode here\n"
          "SKIP encode/e03_unsupported_error_case: no encode here\n" in out and
          "ok   encode/e14_ok\n" in out, out)

    # Persistent: one process, restarted after the death, the exit and the garbled answers.
    rc, out, err = run(["conformance", "--persistent", "--adapter", fake, answers],
                       env={"FAKE_LOG": log})
    check("fake persistent exit status", rc == 1, "%d %r" % (rc, err))
    check("fake persistent output", out.splitlines() == common + persistent_tail + summary,
          "\n" + out)
    # Starts: the first, after e08, e09, e10 (not one JSON object), e11 (exit), e12 (death).
    check("persistent starts", starts() == ["start 1"] * 6, "")
    check("persistent stderr", err == "", repr(err))

    # The --json report with failures and skips.
    rc, out, err = run(["conformance", "--json", "--persistent", "--adapter", fake, answers],
                       env={"FAKE_LOG": log})
    starts()
    try:
        report = json.loads(out)
    except ValueError:
        report = {}
    check("--json exit status", rc == 1, str(rc))
    check("--json adapter", report.get("adapter") == fake, out[:200])
    check("--json suite without VERSION", report.get("suite", "") is None, out[:200])
    check("--json levels", report.get("levels") == {
        "protocol": {"passed": 3, "failed": 9, "skipped": 1},
        "client": {"passed": 0, "failed": 0, "skipped": 1}}, out[:300])
    check("--json total", report.get("total") == {"passed": 3, "failed": 9, "skipped": 2}, out)
    cases = report.get("cases", [])
    check("--json cases", [c["case"] for c in cases] == ["encode/e%02d_%s" % (i + 1, n) for i, n in
                                                          enumerate(["ok", "unsupported",
                                                                     "unsupported_error_case",
                                                                     "unsupported_and_error",
                                                                     "nul", "nul_in_name",
                                                                     "escaped_backslash",
                                                                     "raw_control",
                                                                     "leading_zero", "garbage",
                                                                     "exit3", "die",
                                                                     "error_for_result", "ok"])],
          out)
    check("--json pass entry", cases[:1] == [{"case": "encode/e01_ok", "operation": "encode",
                                              "level": "protocol", "result": "pass"}], out)
    check("--json skip entry", cases[1:3] == [
        {"case": "encode/e02_unsupported", "operation": "encode", "level": "protocol",
         "result": "skip", "why": "no encode here"},
        {"case": "encode/e03_unsupported_error_case", "operation": "encode", "level": "client",
         "result": "skip", "why": "no encode here"}], out)
    check("--json fail entry", cases[4:5] == [
        {"case": "encode/e05_nul", "operation": "encode", "level": "protocol", "result": "fail",
         "why": NUL_WHY}], out)

    # Every case skipped: none passed, so the run fails.
    skips = os.path.join(tmp, "skips")
    os.makedirs(skips)
    fake_case(skips, "s1", "unsupported")
    fake_case(skips, "s2", "unsupported", level="ecskp")
    expect("all skipped", ["conformance", "--adapter", fake, skips], 1,
           "protocol: 0 passed, 0 failed, 1 skipped\necskp: 0 passed, 0 failed, 1 skipped\n"
           "0 passed, 0 failed, 2 skipped\n",
           "ecskp: conformance: every case that ran was skipped in %s; give the suite folder\n"
           % skips, env={"FAKE_LOG": log})
    starts()
    empty = os.path.join(tmp, "empty")
    os.makedirs(empty)
    expect("no case", ["conformance", empty], 1, "0 passed, 0 failed, 0 skipped\n",
           "ecskp: conformance: no case ran in %s; give the suite folder\n" % empty)

    def both_modes(name, folder, cases, options, out, one_shot_starts, persistent_starts):
        """Runs the fake adapter over a new suite of `cases` ((name, behaviour) pairs, or
        (name, behaviour, level, expected error)), one-shot and then persistent: exit status 1,
        the same output `out`, no standard error, and the adapter started the given number of
        times in each mode."""
        root = os.path.join(tmp, folder)
        os.makedirs(root)
        for case, behaviour, *level_and_error in cases:
            fake_case(root, case, behaviour, "Action=X", *level_and_error)
        for mode, want in (([], ["start -"] * one_shot_starts),
                           (["--persistent"], ["start 1"] * persistent_starts)):
            expect("%s %s" % (name, mode), ["conformance"] + options + ["--adapter", fake] + mode +
                   [root], 1, out, "", env={"FAKE_LOG": log})
            check("%s starts %s" % (name, mode), starts() == want, "")

    # Persistent timeouts: the case fails, the group is killed, the next case gets a fresh one.
    both_modes("timeout", "slow", [("t1_ok", "ok"), ("t2_hang", "hang"), ("t3_ok", "ok")],
               ["--timeout", "1"],
               "FAIL encode/t2_hang: the adapter did not answer within 1000 ms and was killed\n"
               "protocol: 2 passed, 1 failed, 0 skipped\n2 passed, 1 failed, 0 skipped\n", 3, 2)

    # More than 16 MiB of answer fails the case; the persistent adapter is replaced.
    both_modes("flood", "flood", [("f1_flood", "flood"), ("f2_ok", "ok")], [],
               "FAIL encode/f1_flood: the adapter wrote more than 16777216 bytes\n"
               "protocol: 1 passed, 1 failed, 0 skipped\n1 passed, 1 failed, 0 skipped\n", 2, 2)

    # An "error" that is not a string fails the case, and so does an "unsupported" that is not
    # a string in an answer without "error" (with one, it is not looked at).
    both_modes("member types", "types",
               [("m1_error_number", "error_number"),
                ("m2_error_null", "error_null", "client", "invalid_parameter_name"),
                ("m3_unsupported_number", "unsupported_number"),
                ("m4_unsupported_null", "unsupported_null"),
                ("m5_unsupported_number_and_error", "unsupported_number_and_error", "client",
                 "invalid_parameter_name")], [],
               "FAIL encode/m1_error_number: error must be a string\n"
               "FAIL encode/m2_error_null: error must be a string\n"
               "FAIL encode/m3_unsupported_number: unsupported must be a string\n"
               "FAIL encode/m4_unsupported_null: unsupported must be a string\n"
               "protocol: 0 passed, 3 failed, 0 skipped\nclient: 1 passed, 1 failed, 0 skipped\n"
               "1 passed, 4 failed, 0 skipped\n", 5, 1)

    # Persistent: exactly one line per request and nothing else. More output with the answer
    # line, or output waiting before a request is written, fails the case and restarts the
    # adapter (the request of p5 is never written).
    lines = os.path.join(tmp, "lines")
    os.makedirs(lines)
    fifo = os.path.join(lines, "encode", "p5_asked", "request.json")
    for case, behaviour in (("p1_ok", "ok"), ("p2_two_lines", "two_lines"), ("p3_ok", "ok"),
                            ("p4_late", "late"), ("p5_asked", "ok"), ("p6_ok", "ok")):
        encode_case(lines, case, "protocol", '{"Action":"X"}', "Action=X", None,
                    {"behaviour": behaviour, "want": "Action=X", "fifo": fifo})
    os.remove(fifo)
    os.mkfifo(fifo)
    expect("one line per request", ["conformance", "--persistent", "--adapter", fake, lines], 1,
           "FAIL encode/p2_two_lines: the adapter wrote more than one line for one request\n"
           "FAIL encode/p5_asked: the adapter wrote to standard output before it was asked\n"
           "protocol: 4 passed, 2 failed, 0 skipped\n4 passed, 2 failed, 0 skipped\n", "",
           env={"FAKE_LOG": log})
    check("one line per request starts", starts() == ["start 1"] * 3, "")

    # A persistent adapter's exit status at the end is reported, and fails no case.
    ok = os.path.join(tmp, "ok")
    os.makedirs(ok)
    fake_case(ok, "o1", "ok")
    fake_case(ok, "o2", "ok", want="Action=Z")
    expect("persistent exit status 5", ["conformance", "--persistent", "--adapter", fake, ok], 0,
           "protocol: 2 passed, 0 failed, 0 skipped\n2 passed, 0 failed, 0 skipped\n",
           "ecskp: conformance: the persistent adapter exited with status 5 after its input "
           "closed\n", env={"FAKE_LOG": log, "FAKE_EXIT": "5"})
    check("persistent exit status 5 starts", starts() == ["start 1"], "")

    # A command that cannot run: every case fails, persistent or not.
    for mode in ([], ["--persistent"]):
        rc, out, err = run(["conformance", "--adapter", "/nonexistent/adapter"] + mode + [ok])
        lines = out.splitlines()
        check("missing adapter %s" % mode, rc == 1 and len(lines) == 4 and
              lines[0].startswith("FAIL encode/o1: the adapter exited with status 127") and
              lines[3] == "0 passed, 2 failed, 0 skipped", out)

# `ecskp adapter`: the decode answer carries the advice apart from the neutral document.
b64 = base64.b64encode(ERROR_XML.encode()).decode()
decode_req = json.dumps({"operation": "decode", "input": dict(DECODE_INPUT, body_base64=b64)})
rc, out, err = run(["adapter"], decode_req.encode())
check("adapter decode error", rc == 0 and json.loads(out) == {"response": ERROR_DOC,
                                                              "advice": ADVICE}, out + err)
check("adapter decode error text", out == '{"response":' + json.dumps(
    ERROR_DOC, separators=(",", ":")) + ',"advice":{"Category":"bad_request","Retryable":false}}\n',
      out)
ok_body = base64.b64encode(b'{"RequestId":"r","TotalCount":1}').decode()
rc, out, err = run(["adapter"], json.dumps({"operation": "decode", "input": {
    "action": "AttachKeyPair", "format": "json", "body_base64": ok_body}}).encode())
check("adapter decode success has no advice", out == '{"response":{"RequestId":"r","TotalCount":1}}\n',
      out + err)
# The numbers of AccessDeniedDetail keep their spelling when the advice moves out.
body = b'{"Code":"Forbidden.RAM","AccessDeniedDetail":{"a":1e-400,"b":[1.50]}}'
rc, out, err = run(["adapter"], json.dumps({"operation": "decode", "input": {
    "action": "AttachKeyPair", "format": "json", "http_status": 403,
    "body_base64": base64.b64encode(body).decode()}}).encode())
check("adapter advice keeps number spelling", out == '{"response":{"Error":{"HttpStatus":403,'
      '"Code":"Forbidden.RAM","AccessDeniedDetail":{"a":1e-400,"b":[1.50]}}},'
      '"advice":{"Category":"auth","Retryable":false}}\n', out + err)

# Persistent line mode: one answer line per request line, in order, until the end of input.
ids = json.dumps({"operation": "ids", "input": {"text_base64": "WyJpLWEiXQ=="}})
lines_in = "\n".join([ids, decode_req, "", "not json", ids]) + "\n"
rc, out, err = run(["adapter"], lines_in.encode(), {"CONFORMANCE_PERSISTENT": "1"})
got = out.splitlines()
check("adapter line mode exit status", rc == 0 and err == "", "%d %r" % (rc, err))
check("adapter line mode answers", len(got) == 5, out)
if len(got) == 5:
    check("adapter line 1", json.loads(got[0]) == {"instance_ids": '["i-a"]'}, got[0])
    check("adapter line 2", json.loads(got[1]) == {"response": ERROR_DOC, "advice": ADVICE},
          got[1])
    check("adapter line 3 (empty)", json.loads(got[2]).get("error") == "invalid_argument", got[2])
    check("adapter line 4 (not JSON)", json.loads(got[3]).get("error") == "invalid_argument",
          got[3])
    check("adapter line 5", got[4] == got[0], got[4])
# Without the variable (or with another value) the whole input is one request.
rc, out, err = run(["adapter"], (ids + "\n" + ids + "\n").encode(), {"CONFORMANCE_PERSISTENT": "0"})
check("adapter one-shot reads all of its input", rc == 0 and
      json.loads(out).get("error") == "invalid_argument" and out.count("\n") == 1, out)
# The last line may lack its LF; FILE works in line mode too.
rc, out, err = run(["adapter"], (ids + "\n" + ids).encode(), {"CONFORMANCE_PERSISTENT": "1"})
check("adapter line mode last line without LF", rc == 0 and out.splitlines() ==
      ['{"instance_ids":"[\\"i-a\\"]"}'] * 2, out)
with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
    f.write(ids + "\n" + ids + "\n")
rc, out, err = run(["adapter", f.name], b"", {"CONFORMANCE_PERSISTENT": "1"})
os.remove(f.name)
check("adapter line mode FILE", rc == 0 and len(out.splitlines()) == 2, out + err)
rc, out, err = run(["adapter", "/nonexistent/requests"], b"", {"CONFORMANCE_PERSISTENT": "1"})
check("adapter line mode unreadable FILE", rc == 2 and err.startswith("ecskp: usage: "), err)

for f in failures:
    print("FAIL " + f)
print("conformance runner: %d checks, %d failures" % (checks, len(failures)))
sys.exit(1 if failures else 0)
