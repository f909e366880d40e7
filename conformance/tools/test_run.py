#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Tests of the standalone runner run.py (standard library unittest).

    python3 conformance/tools/test_run.py            tiny temporary suites and fake adapters
    ECSKP=/path/to/ecskp python3 conformance/tools/test_run.py
                                                     also the parity checks: run.py and
                                                     `ecskp conformance` give the same output
                                                     over the real suite (ecskp's adapter) and
                                                     over the tiny suites (every fake adapter)

The fake adapter answers by the "tag" member of a case's input, from a table: an answer, raw
text, a hang (with a child process in its group), an exit, a death by signal, 17 MiB of output;
and, after its answer, a line nobody asked for, written once the runner reads the next case's
request.json (a named pipe that the fake then fills), so that the line is waiting when the
runner is about to write that case's request.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
RUN = os.path.join(HERE, "run.py")
SUITE = os.path.normpath(os.path.join(HERE, ".."))
ECSKP = os.environ.get("ECSKP")

sys.path.insert(0, HERE)
import run  # noqa: E402

FAKE = r'''
import json, os, signal, subprocess, sys, time
table = json.load(open(sys.argv[1]))
log = sys.argv[2]

def answer(line):
    req = json.loads(line)
    tag = req["input"].get("tag", "")
    with open(log, "a") as f:
        f.write("%d %s %s\n" % (os.getpid(), os.environ.get("CONFORMANCE_PERSISTENT", "-"), tag))
    how = table.get(tag, {"answer": {"error": "invalid_argument"}})
    if "hang" in how:
        child = subprocess.Popen(["sleep", "300"])
        with open(log + ".children", "a") as f:
            f.write("%d\n" % child.pid)
        time.sleep(300)
    if "exit" in how:
        sys.stderr.write("dying on purpose\nsecond line\n")
        sys.stderr.flush()
        os._exit(how["exit"])
    if "signal" in how:
        os.kill(os.getpid(), how["signal"])
    if "big" in how:
        sys.stdout.write("x" * (17 << 20))
        sys.stdout.flush()
        return
    if "raw" in how:
        sys.stdout.write(how["raw"])
    elif "bytes" in how:
        sys.stdout.flush()
        sys.stdout.buffer.write(how["bytes"].encode("latin-1"))
    else:
        sys.stdout.write(json.dumps(how["answer"]) + "\n")
    sys.stdout.flush()
    if "fifo" in how:
        with open(how["fifo"], "w") as f:  # the runner is reading the next case
            sys.stdout.write(how["then"])
            sys.stdout.flush()
            f.write(json.dumps({"Action": "X"}))

if os.environ.get("CONFORMANCE_PERSISTENT") == "1":
    for line in sys.stdin:
        answer(line)
    sys.exit(int(os.environ.get("FAKE_FINAL_STATUS", "0")))
else:
    answer(sys.stdin.read())
'''


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data.encode("utf-8") if isinstance(data, str) else data)


def make_case(root, area, name, level, tag, expected, request=None, extra=None, files=None):
    """A case folder: case.json (operation = area, level, source, input {tag}), its input file
    and the expected files {name: text}."""
    d = os.path.join(root, area, name)
    meta = {"operation": area, "source": "test", "input": {"tag": tag}}
    if level is not None:
        meta["level"] = level
    meta.update(extra or {})
    write(os.path.join(d, "case.json"), json.dumps(meta, indent=2))
    if area in ("encode", "sign_v1", "sign_v3"):
        write(os.path.join(d, "request.json"), json.dumps(request or {"Action": "X"}))
    if area == "ids":
        write(os.path.join(d, "ids.json"), '["i-a"]')
    if area == "decode":
        write(os.path.join(d, "body.json"), '{"RequestId":"r"}')
    for f, text in expected.items():
        write(os.path.join(d, f), text)
    for f, text in (files or {}).items():
        write(os.path.join(d, f), text)
    return d


class Suite:
    """A tiny suite in a temporary folder, the fake adapter and its table."""

    def __init__(self, tmp):
        self.tmp = tmp
        self.root = os.path.join(tmp, "suite")
        os.makedirs(self.root)
        write(os.path.join(self.root, "VERSION"), "3.0.0\n")
        self.table = {}
        self.fake = os.path.join(tmp, "fake.py")
        write(self.fake, FAKE)
        self.log = os.path.join(tmp, "log")

    def case(self, area, name, level, how, expected, **kw):
        tag = "%s/%s" % (area, name)
        self.table[tag] = how
        return make_case(self.root, area, name, level, tag, expected, **kw)

    def adapter(self):
        write(os.path.join(self.tmp, "table.json"), json.dumps(self.table))
        table = os.path.join(self.tmp, "table.json")
        return "exec %s %s %s %s" % (sys.executable, self.fake, table, self.log)

    def log_lines(self):
        try:
            with open(self.log) as f:
                return [line.split() for line in f]
        except FileNotFoundError:
            return []


def runpy(*args, cwd=None, env=None, script=RUN):
    p = subprocess.run([sys.executable, script] + list(args), capture_output=True, cwd=cwd,
                       env=env, timeout=300)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def ecskp(*args, cwd=None):
    p = subprocess.run([ECSKP, "conformance"] + list(args), capture_output=True, cwd=cwd,
                       timeout=600)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


OK_ENCODE = {"answer": {"canonical_query": "Action=X"}}
EXPECT_ENCODE = {"canonical_query.txt": "Action=X"}
MORE_THAN_ONE_LINE = "the adapter wrote more than one line for one request"
BEFORE_ASKED = "the adapter wrote to standard output before it was asked"


def one_line_per_request(s):
    """Persistent adapters that write more than their answer line (--persistent only: the case
    e_asked reads its request.json from a named pipe that the adapter of d_late fills)."""
    s.case("encode", "a_ok", "protocol", OK_ENCODE, EXPECT_ENCODE)
    s.case("encode", "b_two_lines", "protocol",
           {"raw": '{"canonical_query": "Action=X"}\n{"canonical_query": "Action=X"}\n'},
           EXPECT_ENCODE)
    s.case("encode", "c_ok", "protocol", OK_ENCODE, EXPECT_ENCODE)
    fifo = os.path.join(s.root, "encode", "e_asked", "request.json")
    s.case("encode", "d_late", "protocol",
           dict(OK_ENCODE, fifo=fifo, then='{"canonical_query": "Action=X"}\n'), EXPECT_ENCODE)
    s.case("encode", "e_asked", "protocol", OK_ENCODE, EXPECT_ENCODE)
    os.remove(fifo)
    os.mkfifo(fifo)
    s.case("encode", "f_ok", "protocol", OK_ENCODE, EXPECT_ENCODE)


def member_types(s):
    """Answers whose "error" or "unsupported" is not a string."""
    s.case("encode", "m1_error_number", "protocol", {"answer": {"error": 5}}, EXPECT_ENCODE)
    s.case("encode", "m2_error_null", "client", {"answer": {"error": None}},
           {"error.txt": "missing_parameter"})
    s.case("encode", "m3_error_array", "client", {"answer": {"error": ["missing_parameter"]}},
           {"error.txt": "missing_parameter"})
    s.case("encode", "m4_unsupported_number", "protocol", {"answer": {"unsupported": 5}},
           EXPECT_ENCODE)
    s.case("encode", "m5_unsupported_null", "protocol", {"answer": {"unsupported": None}},
           EXPECT_ENCODE)
    # With an error, unsupported is not looked at.
    s.case("encode", "m6_unsupported_number_and_error", "client",
           {"answer": {"unsupported": 5, "error": "missing_parameter"}},
           {"error.txt": "missing_parameter"})


MEMBER_TYPES_OUT = [
    "FAIL encode/m1_error_number: error must be a string",
    "FAIL encode/m2_error_null: error must be a string",
    "FAIL encode/m3_error_array: error must be a string",
    "FAIL encode/m4_unsupported_number: unsupported must be a string",
    "FAIL encode/m5_unsupported_null: unsupported must be a string",
    "protocol: 0 passed, 3 failed, 0 skipped",
    "client: 1 passed, 2 failed, 0 skipped",
    "1 passed, 5 failed, 0 skipped",
]


def stray_folders(s):
    """Folders in area folders that are no well-formed case: no case.json, another operation."""
    os.makedirs(os.path.join(s.root, "encode", "e_empty"))
    write(os.path.join(s.root, "ids", "no_meta", "ids.json"), '["i-a"]')
    write(os.path.join(s.root, "ids", "no_meta", "instance_ids.txt"), '["i-a"]')
    s.case("decode", "y_encode_case", "protocol", OK_ENCODE, EXPECT_ENCODE,
           extra={"operation": "encode"}, files={"request.json": '{"Action": "X"}'})
    # Not in an area folder: not a case, as before.
    os.makedirs(os.path.join(s.root, "notes", "empty"))


def standard(s):
    """One case per interesting answer; names sort in the order listed."""
    s.case("decode", "a_advice", "ecskp",
           {"answer": {"response": {"RequestId": "r"},
                       "advice": {"Category": "auth", "Retryable": False}}},
           {"advice.json": '{"Retryable": false, "Category": "auth"}'})
    s.case("decode", "n_refused", "client", {"answer": {"error": "malformed_body"}},
           {"error.txt": "malformed_body\n"})
    s.case("decode", "y_ok", "protocol", {"answer": {"response": {"RequestId": "r"}}},
           {"response.json": '{"RequestId": "r"}'})
    s.case("encode", "a_ok", "protocol", OK_ENCODE, EXPECT_ENCODE)
    s.case("encode", "b_wrong", "protocol", {"answer": {"canonical_query": "Action=Y"}},
           EXPECT_ENCODE)
    s.case("encode", "c_error_expected", "client",
           {"answer": {"error": "invalid_action", "detail": "no such\tAction"}},
           {"error.txt": "missing_parameter"})
    s.case("encode", "d_unsupported", "protocol", {"answer": {"unsupported": "no encode here"}},
           EXPECT_ENCODE)
    s.case("ids", "a_ok", "protocol", {"answer": {"instance_ids": '["i-a"]', "more": 1}},
           {"instance_ids.txt": '["i-a"]'})


class Basics(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="run-py-test-")
        self.s = Suite(self.tmp)

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def test_summary_lines_and_exit(self):
        standard(self.s)
        rc, out, err = runpy("--adapter", self.s.adapter(), self.s.root)
        self.assertEqual(out.splitlines(), [
            "FAIL encode/b_wrong: canonical_query: expected \"Action=X\", got \"Action=Y\"",
            "FAIL encode/c_error_expected: expected error missing_parameter, got error "
            "\"invalid_action\" (no such\\x09Action)",
            "protocol: 3 passed, 1 failed, 1 skipped",
            "client: 1 passed, 1 failed, 0 skipped",
            "ecskp: 1 passed, 0 failed, 0 skipped",
            "5 passed, 2 failed, 1 skipped",
        ])
        self.assertEqual(rc, 1)
        self.assertEqual(err, "")
        # One process per case, without CONFORMANCE_PERSISTENT.
        pids = [line[0] for line in self.s.log_lines()]
        self.assertEqual(len(pids), 8)
        self.assertEqual(len(set(pids)), 8)
        self.assertEqual({line[1] for line in self.s.log_lines()}, {"-"})

    def test_verbose(self):
        standard(self.s)
        rc, out, _ = runpy("--verbose", "--only", "encode", "--adapter", self.s.adapter(),
                           self.s.root)
        self.assertEqual(out.splitlines(), [
            "suite 3.0.0: 8 case folders in %s, through the adapter" % self.s.root,
            "ok   encode/a_ok",
            "FAIL encode/b_wrong: canonical_query: expected \"Action=X\", got \"Action=Y\"",
            "FAIL encode/c_error_expected: expected error missing_parameter, got error "
            "\"invalid_action\" (no such\\x09Action)",
            "SKIP encode/d_unsupported: no encode here",
            "protocol: 1 passed, 1 failed, 1 skipped",
            "client: 0 passed, 1 failed, 0 skipped",
            "1 passed, 2 failed, 1 skipped",
        ])
        self.assertEqual(rc, 1)

    def test_levels_and_only(self):
        standard(self.s)
        rc, out, _ = runpy("--level", "ecskp,client", "--only", "decode", "--adapter",
                           self.s.adapter(), self.s.root)
        self.assertEqual(out.splitlines(), [
            "client: 1 passed, 0 failed, 0 skipped",
            "ecskp: 1 passed, 0 failed, 0 skipped",
            "2 passed, 0 failed, 0 skipped",
        ])
        self.assertEqual(rc, 0)
        self.assertEqual(len(self.s.log_lines()), 2)  # the others were not run

    def test_json_report(self):
        standard(self.s)
        rc, out, _ = runpy("--json", "--level", "protocol", "--adapter", self.s.adapter(),
                           self.s.root)
        self.assertEqual(rc, 1)
        self.assertTrue(out.endswith("}\n") and out.count("\n") == 1)
        doc = json.loads(out)
        self.assertEqual(doc, {
            "suite": "3.0.0", "adapter": self.s.adapter(),
            "levels": {"protocol": {"passed": 3, "failed": 1, "skipped": 1}},
            "total": {"passed": 3, "failed": 1, "skipped": 1},
            "cases": [
                {"case": "decode/y_ok", "operation": "decode", "level": "protocol",
                 "result": "pass"},
                {"case": "encode/a_ok", "operation": "encode", "level": "protocol",
                 "result": "pass"},
                {"case": "encode/b_wrong", "operation": "encode", "level": "protocol",
                 "result": "fail",
                 "why": "canonical_query: expected \"Action=X\", got \"Action=Y\""},
                {"case": "encode/d_unsupported", "operation": "encode", "level": "protocol",
                 "result": "skip", "why": "no encode here"},
                {"case": "ids/a_ok", "operation": "ids", "level": "protocol", "result": "pass"},
            ]})
        self.assertEqual(list(doc), ["suite", "adapter", "levels", "total", "cases"])

    def test_only_skipped_is_exit_1(self):
        self.s.case("encode", "x", "protocol", {"answer": {"unsupported": "not here"}},
                    EXPECT_ENCODE)
        rc, out, err = runpy("--verbose", "--adapter", self.s.adapter(), self.s.root)
        self.assertEqual(out.splitlines()[1:], [
            "SKIP encode/x: not here",
            "protocol: 0 passed, 0 failed, 1 skipped",
            "0 passed, 0 failed, 1 skipped",
        ])
        self.assertEqual(rc, 1)
        self.assertIn("every case that ran was skipped", err)

    def test_error_answer_is_never_a_skip(self):
        self.s.case("encode", "x", "client",
                    {"answer": {"error": "missing_parameter", "unsupported": "no"}},
                    {"error.txt": "missing_parameter"})
        self.s.case("encode", "y", "protocol",
                    {"answer": {"error": "sdk_error", "unsupported": "no"}}, EXPECT_ENCODE)
        rc, out, _ = runpy("--adapter", self.s.adapter(), self.s.root)
        self.assertEqual(out.splitlines(), [
            "FAIL encode/y: expected a result, got error \"sdk_error\" ()",
            "protocol: 0 passed, 1 failed, 0 skipped",
            "client: 1 passed, 0 failed, 0 skipped",
            "1 passed, 1 failed, 0 skipped",
        ])
        self.assertEqual(rc, 1)

    def test_error_and_unsupported_must_be_strings(self):
        member_types(self.s)
        for mode in ([], ["--persistent"]):
            rc, out, err = runpy(*mode, "--adapter", self.s.adapter(), self.s.root)
            self.assertEqual(out.splitlines(), MEMBER_TYPES_OUT, mode)
            self.assertEqual((rc, err), (1, ""), mode)
        # Each answer is one JSON object: one persistent adapter serves them all.
        self.assertEqual(len({line[0] for line in self.s.log_lines()[6:]}), 1)

    def test_nul_answers(self):
        self.s.case("encode", "a_escaped", "protocol",
                    {"raw": '{"canonical_query": "Action=X\\u0000"}\n'}, EXPECT_ENCODE)
        self.s.case("encode", "b_in_ignored_member", "protocol",
                    {"raw": '{"canonical_query": "Action=X", "log": "\\u0000"}'}, EXPECT_ENCODE)
        self.s.case("encode", "c_in_a_name", "protocol",
                    {"raw": '{"canonical_query": "Action=X", "\\u0000": 1}'}, EXPECT_ENCODE)
        self.s.case("encode", "d_raw_nul", "protocol",
                    {"raw": '{"canonical_query": "Action=X\x00"}'}, EXPECT_ENCODE)
        self.s.case("encode", "e_escaped_backslash", "protocol",
                    {"raw": '{"canonical_query": "Action=X", "log": "\\\\u0000"}'},
                    EXPECT_ENCODE)
        rc, out, _ = runpy("--adapter", self.s.adapter(), self.s.root)
        reason = "answer holds \\u0000, which no expected value contains"
        self.assertEqual(out.splitlines(), [
            "FAIL encode/a_escaped: " + reason,
            "FAIL encode/b_in_ignored_member: " + reason,
            "FAIL encode/c_in_a_name: " + reason,
            "FAIL encode/d_raw_nul: the answer is not one JSON object: "
            "{\"canonical_query\": \"Action=X\\x00\"}",
            "protocol: 1 passed, 4 failed, 0 skipped",
            "1 passed, 4 failed, 0 skipped",
        ])
        self.assertEqual(rc, 1)

    def test_not_json(self):
        for name, raw in [("a_empty", ""), ("b_two", "{} {}"), ("c_array", "[]"),
                          ("d_nan", '{"canonical_query": NaN}'),
                          ("e_leading_zero", '{"n": 01}'),
                          ("f_latin1", b'{"canonical_query": "\xe9"}'),
                          ("g_lone_surrogate", '{"canonical_query": "\\ud800"}'),
                          ("h_deep", "[" * 1001 + "]" * 1001)]:
            how = {"raw": raw} if isinstance(raw, str) else {"bytes": raw.decode("latin-1")}
            self.s.case("encode", name, "protocol", how, EXPECT_ENCODE)
        rc, out, _ = runpy("--adapter", self.s.adapter(), self.s.root)
        lines = out.splitlines()
        self.assertEqual(lines[-1], "0 passed, 8 failed, 0 skipped")
        for line in lines[:-2]:
            self.assertIn(": the answer is not one JSON object: ", line)
        self.assertEqual(lines[0], "FAIL encode/a_empty: the answer is not one JSON object: ")
        self.assertEqual(lines[1], "FAIL encode/b_two: the answer is not one JSON object: {} {}")

    def test_comparison(self):
        # Objects: any key order, exactly the same keys; numbers by value; arrays in order.
        s = self.s
        s.case("decode", "y_a_same", "protocol",
               {"answer": {"response": {"B": [1, 2.0], "A": "x"}}},
               {"response.json": '{"A": "x", "B": [1.0, 2]}'})
        s.case("decode", "y_b_more_keys", "protocol",
               {"answer": {"response": {"A": "x", "C": 1}}}, {"response.json": '{"A": "x"}'})
        s.case("decode", "y_c_order", "protocol", {"answer": {"response": {"A": [2, 1]}}},
               {"response.json": '{"A": [1, 2]}'})
        s.case("decode", "y_d_bool_vs_number", "protocol",
               {"answer": {"response": {"A": 1}}}, {"response.json": '{"A": true}'})
        s.case("decode", "y_e_duplicate", "protocol",
               {"raw": '{"response": {"A": 1, "A": 2}}'}, {"response.json": '{"A": 1}'})
        s.case("decode", "y_f_missing", "protocol", {"answer": {}},
               {"response.json": '{"A": 1}'})
        rc, out, _ = runpy("--adapter", s.adapter(), s.root)
        self.assertEqual(out.splitlines(), [
            'FAIL decode/y_b_more_keys: response: expected {"A":"x"}, got {"A":"x","C":1}',
            'FAIL decode/y_c_order: response: expected {"A":[1,2]}, got {"A":[2,1]}',
            'FAIL decode/y_d_bool_vs_number: response: expected {"A":true}, got {"A":1}',
            'FAIL decode/y_e_duplicate: response: expected {"A":1}, got {"A":1,"A":2}',
            'FAIL decode/y_f_missing: response: expected {"A":1}, got (nothing)',
            "protocol: 1 passed, 5 failed, 0 skipped",
            "1 passed, 5 failed, 0 skipped",
        ])

    def test_bad_cases(self):
        s = self.s
        s.case("encode", "a_no_level", None, OK_ENCODE, EXPECT_ENCODE)
        s.case("encode", "b_bad_level", "wire", OK_ENCODE, EXPECT_ENCODE)
        s.case("encode", "c_protocol_error", "protocol", {"answer": {"error": "invalid_action"}},
               {"error.txt": "invalid_action"})
        s.case("encode", "d_unknown_error", "client", {"answer": {"error": "nope"}},
               {"error.txt": "nope"})
        s.case("decode", "i_no_decision", "ecskp", {"answer": {}}, {"response.json": "{}"})
        s.case("decode", "a_wrong_level", "client", {"answer": {}}, {"advice.json": "{}"})
        s.case("decode", "y_advice", "protocol", {"answer": {}},
               {"response.json": "{}", "advice.json": "{}"})
        s.case("decode", "z_name", "protocol", {"answer": {}}, {"response.json": "{}"})
        s.case("ids", "ok", "client", {"answer": {"instance_ids": '["i-a"]'}},
               {"instance_ids.txt": '["i-a"]'})
        write(os.path.join(s.root, "ids", "broken", "case.json"), "{")
        stray_folders(s)
        rc, out, _ = runpy("--adapter", s.adapter(), s.root)
        self.assertEqual(out.splitlines(), [
            "FAIL decode/a_wrong_level: bad case: an a_ case is of level ecskp",
            "FAIL decode/i_no_decision: bad case: case.json: an i_ case records its "
            "\"decision\"",
            "FAIL decode/y_advice: bad case: only a_ cases expect advice.json",
            "FAIL decode/y_encode_case: bad case: operation \"encode\" in area folder "
            "\"decode\"",
            "FAIL decode/z_name: bad case: decode case names start with y_, n_, i_ or a_",
            "FAIL encode/a_no_level: bad case: case.json: \"level\" must be protocol, client or "
            "ecskp",
            "FAIL encode/b_bad_level: bad case: case.json: \"level\" must be protocol, client or "
            "ecskp",
            "FAIL encode/c_protocol_error: bad case: a protocol-level case never expects an "
            "error (error.txt)",
            "FAIL encode/d_unknown_error: bad case: error.txt does not hold a known error name",
            "FAIL encode/e_empty: bad case: no case.json",
            "FAIL ids/broken: bad case: case.json is not one JSON object",
            "FAIL ids/no_meta: bad case: no case.json",
            "protocol: 0 passed, 4 failed, 0 skipped",
            "client: 1 passed, 2 failed, 0 skipped",
            "ecskp: 0 passed, 1 failed, 0 skipped",
            "1 passed, 12 failed, 0 skipped",
        ])
        self.assertEqual(rc, 1)
        # A bad case of a level not asked for is not counted; one without a level always is.
        rc, out, _ = runpy("--level", "ecskp", "--adapter", s.adapter(), s.root)
        self.assertEqual(out.splitlines()[-2:], ["ecskp: 0 passed, 1 failed, 0 skipped",
                                                 "0 passed, 6 failed, 0 skipped"])
        rc, out, _ = runpy("--json", "--only", "ids", "--adapter", s.adapter(), s.root)
        doc = json.loads(out)
        self.assertEqual(doc["cases"][:3], [
            {"case": "encode/e_empty", "operation": None, "level": None, "result": "fail",
             "why": "no case.json"},
            {"case": "ids/broken", "operation": None, "level": None, "result": "fail",
             "why": "case.json is not one JSON object"},
            {"case": "ids/no_meta", "operation": None, "level": None, "result": "fail",
             "why": "no case.json"}])
        self.assertEqual(doc["levels"], {"client": {"passed": 1, "failed": 0, "skipped": 0}})
        self.assertEqual(doc["total"], {"passed": 1, "failed": 3, "skipped": 0})
        # An area folder as DIR: its folders are cases; a case folder as DIR: its area checked.
        rc, out, _ = runpy("--adapter", s.adapter(), os.path.join(s.root, "encode"))
        self.assertEqual(out.splitlines()[-4:], [
            "FAIL encode/e_empty: bad case: no case.json",
            "protocol: 0 passed, 1 failed, 0 skipped",
            "client: 0 passed, 1 failed, 0 skipped",
            "0 passed, 5 failed, 0 skipped"])
        rc, out, _ = runpy("--adapter", s.adapter(), os.path.join(s.root, "decode",
                                                                  "y_encode_case"))
        self.assertEqual((rc, out.splitlines()), (1, [
            "FAIL decode/y_encode_case: bad case: operation \"encode\" in area folder "
            "\"decode\"",
            "protocol: 0 passed, 1 failed, 0 skipped",
            "0 passed, 1 failed, 0 skipped"]))

    def test_input_building(self):
        # The request as the adapter gets it: input members in order, then the files.
        s = self.s
        d = s.case("sign_v3", "x", "protocol", {"raw": "{}"}, {"signature.txt": "s"},
                   request={"Action": "A", "InstanceIds": ["i-1", "i-2"]},
                   files={"body.bin": b"\x00\xff"})
        write(os.path.join(d, "case.json"), '{"operation": "sign_v3", "level": "protocol", '
              '"source": "t", "input": {"tag": "sign_v3/x", "method": "POST", "n": -0}}')
        c = run.load_case(d)
        self.assertEqual(c.request, '{"operation":"sign_v3","input":{"tag":"sign_v3/x",'
                         '"method":"POST","n":-0,"request":{"Action":"A","InstanceIds":'
                         '["i-1","i-2"]},"body_base64":"AP8="}}')
        c = run.load_case(os.path.join(s.root, "sign_v3", "x"))
        self.assertEqual(list(c.expected), [("signature", "s")])

    def test_usage_errors(self):
        standard(self.s)
        a = self.s.adapter()
        for args, text in [
            ([self.s.root], "--adapter 'CMD' is required"),
            (["--adapter", "", self.s.root], "--adapter needs a command"),
            (["--adapter", a, "--level", "wire", self.s.root], "--level takes"),
            (["--adapter", a, "--level", "", self.s.root], "--level takes"),
            (["--adapter", a, "--only", "encode,", self.s.root], "--only takes"),
            (["--adapter", a, "--timeout", "0", self.s.root], "--timeout takes"),
            (["--adapter", a, "--timeout", "1.5", self.s.root], "--timeout takes"),
            (["--adapter", a, "--bogus", self.s.root], "unknown option '--bogus'"),
            (["--adapter", a, "--json=1", self.s.root], "takes no value"),
            (["--adapter", a, "--adapter", a, self.s.root], "given twice"),
            (["--adapter", a, self.s.root, self.s.root], "unexpected argument"),
            (["--adapter", a, os.path.join(self.s.root, "none")], "is not a folder"),
        ]:
            rc, out, err = runpy(*args)
            self.assertEqual((rc, out), (2, ""), args)
            self.assertIn(text, err, args)
            self.assertTrue(err.startswith("run.py: usage: "), err)
        rc, out, _ = runpy("--help")
        self.assertEqual(rc, 0)
        self.assertIn("--persistent", out)

    def test_no_case(self):
        rc, out, err = runpy("--adapter", "true", self.s.root)
        self.assertEqual((rc, out), (1, "0 passed, 0 failed, 0 skipped\n"))
        self.assertIn("no case ran in", err)

    def test_default_dir_next_to_run_py(self):
        standard(self.s)
        shutil.copy(RUN, os.path.join(self.s.root, "run.py"))
        rc, out, _ = runpy("--adapter", self.s.adapter(), "--level", "ecskp",
                           script=os.path.join(self.s.root, "run.py"), cwd=self.tmp)
        self.assertEqual((rc, out.splitlines()[-1]), (0, "1 passed, 0 failed, 0 skipped"))
        # In a tools/ folder beside the area folders (the suite archive's layout), from
        # anywhere: the folder above.
        os.makedirs(os.path.join(self.s.root, "tools"))
        os.rename(os.path.join(self.s.root, "run.py"),
                  os.path.join(self.s.root, "tools", "run.py"))
        rc, out, _ = runpy("--adapter", self.s.adapter(), "--level", "ecskp",
                           script=os.path.join(self.s.root, "tools", "run.py"), cwd=self.tmp)
        self.assertEqual((rc, out.splitlines()[-1]), (0, "1 passed, 0 failed, 0 skipped"))
        # So does the repository's own run.py (in conformance/tools/): its suite, from anywhere.
        rc, out, _ = runpy("--adapter", "exit 9", "--only", "ids", "--level", "protocol",
                           cwd=self.tmp)
        lines = out.splitlines()
        self.assertGreater(len(lines), 2)
        self.assertEqual((rc, lines[-2:]), (1, ["protocol: 0 passed, %d failed, 0 skipped"
                                                % (len(lines) - 2), "0 passed, %d failed, 0 "
                                                "skipped" % (len(lines) - 2)]))
        for line in lines[:-2]:
            self.assertRegex(line, r"^FAIL ids/[a-z0-9_]+: the adapter exited with status 9$")
        # Else ./conformance.
        elsewhere = os.path.join(self.tmp, "elsewhere", "tools")
        os.makedirs(elsewhere)
        shutil.copy(RUN, elsewhere)
        script = os.path.join(elsewhere, "run.py")
        os.rename(self.s.root, os.path.join(self.tmp, "conformance"))
        rc, out, _ = runpy("--adapter", self.s.adapter(), "--level", "ecskp", cwd=self.tmp,
                           script=script)
        self.assertEqual((rc, out.splitlines()[-1]), (0, "1 passed, 0 failed, 0 skipped"))
        # Else no suite: a usage error that names no folder of the ecskp repository.
        rc, out, err = runpy("--adapter", self.s.adapter(), cwd=elsewhere, script=script)
        self.assertEqual((rc, out), (2, ""))
        self.assertEqual(err, "run.py: usage: no suite found: no area folder (encode, sign_v1, "
                              "sign_v3, ids, decode) next to run.py or above its tools/ folder; "
                              "give DIR, the suite folder; run 'run.py --help'\n")

    def test_case_and_area_folder_as_dir(self):
        standard(self.s)
        rc, out, _ = runpy("--json", "--adapter", self.s.adapter(),
                           os.path.join(self.s.root, "decode", "y_ok"))
        doc = json.loads(out)
        self.assertEqual(doc["suite"], "3.0.0")  # from two folders up
        self.assertEqual([c["case"] for c in doc["cases"]], ["decode/y_ok"])
        rc, out, _ = runpy("--adapter", self.s.adapter(), os.path.join(self.s.root, "ids") + "/")
        self.assertEqual((rc, out), (0, "protocol: 1 passed, 0 failed, 0 skipped\n"
                                        "1 passed, 0 failed, 0 skipped\n"))


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is dead for this purpose.
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return True


class Processes(unittest.TestCase):
    """Timeouts, deaths, big output, and the persistent mode."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="run-py-test-")
        self.s = Suite(self.tmp)

    def tearDown(self):
        try:
            with open(self.s.log + ".children") as f:
                for line in f:
                    try:
                        os.kill(int(line), signal.SIGKILL)
                    except OSError:
                        pass
        except FileNotFoundError:
            pass
        shutil.rmtree(self.tmp, ignore_errors=True)

    def children(self):
        with open(self.s.log + ".children") as f:
            return [int(line) for line in f]

    def troubles(self):
        s = self.s
        s.case("encode", "a_ok", "protocol", OK_ENCODE, EXPECT_ENCODE)
        s.case("encode", "b_hang", "protocol", {"hang": True}, EXPECT_ENCODE)
        s.case("encode", "c_ok", "protocol", OK_ENCODE, EXPECT_ENCODE)
        s.case("encode", "d_exit", "protocol", {"exit": 3}, EXPECT_ENCODE)
        s.case("encode", "e_signal", "protocol", {"signal": signal.SIGKILL}, EXPECT_ENCODE)
        s.case("encode", "f_garbled", "protocol", {"raw": "not json\n"}, EXPECT_ENCODE)
        s.case("encode", "g_ok", "protocol", OK_ENCODE, EXPECT_ENCODE)
        s.case("encode", "h_big", "protocol", {"big": True}, EXPECT_ENCODE)
        s.case("encode", "j_ok", "protocol", OK_ENCODE, EXPECT_ENCODE)

    def test_one_shot_troubles(self):
        self.troubles()
        t0 = time.monotonic()
        rc, out, _ = runpy("--timeout", "1", "--adapter", self.s.adapter(), self.s.root)
        self.assertLess(time.monotonic() - t0, 30)
        self.assertEqual(out.splitlines(), [
            "FAIL encode/b_hang: the adapter did not answer within 1000 ms and was killed",
            "FAIL encode/d_exit: the adapter exited with status 3: dying on purpose",
            "FAIL encode/e_signal: the adapter was killed by signal 9",
            "FAIL encode/f_garbled: the answer is not one JSON object: not json",
            "FAIL encode/h_big: the adapter wrote more than 16777216 bytes",
            "protocol: 4 passed, 5 failed, 0 skipped",
            "4 passed, 5 failed, 0 skipped",
        ])
        self.assertEqual(rc, 1)
        # The whole process group was killed: the hanging adapter's child too.
        time.sleep(0.2)
        self.assertEqual([alive(p) for p in self.children()], [False])

    def test_persistent_troubles(self):
        self.troubles()
        rc, out, err = runpy("--persistent", "--timeout", "1", "--adapter", self.s.adapter(),
                             self.s.root)
        self.assertEqual(out.splitlines(), [
            "FAIL encode/b_hang: the adapter did not answer within 1000 ms and was killed",
            "FAIL encode/d_exit: the adapter exited with status 3 before answering: dying on "
            "purpose",
            "FAIL encode/e_signal: the adapter was killed by signal 9",
            "FAIL encode/f_garbled: the answer is not one JSON object: not json",
            "FAIL encode/h_big: the adapter wrote more than 16777216 bytes",
            "protocol: 4 passed, 5 failed, 0 skipped",
            "4 passed, 5 failed, 0 skipped",
        ])
        self.assertEqual(rc, 1)
        self.assertEqual(err, "")
        time.sleep(0.2)
        self.assertEqual([alive(p) for p in self.children()], [False])
        # A fresh adapter after each trouble, and only then.
        log = self.s.log_lines()
        self.assertEqual([line[2].split("/")[1] for line in log],
                         ["a_ok", "b_hang", "c_ok", "d_exit", "e_signal", "f_garbled", "g_ok",
                          "h_big", "j_ok"])
        self.assertEqual({line[1] for line in log}, {"1"})
        pids = [line[0] for line in log]
        self.assertEqual(pids[0], pids[1])
        self.assertEqual(len(set(pids)), 6)  # a,b | c,d | e | f | g,h | i
        self.assertEqual([pids[i] == pids[i + 1] for i in range(8)],
                         [True, False, True, False, False, False, True, False])

    def test_persistent_one_line_per_request(self):
        one_line_per_request(self.s)
        rc, out, err = runpy("--persistent", "--adapter", self.s.adapter(), self.s.root)
        self.assertEqual(out.splitlines(), [
            "FAIL encode/b_two_lines: " + MORE_THAN_ONE_LINE,
            "FAIL encode/e_asked: " + BEFORE_ASKED,
            "protocol: 4 passed, 2 failed, 0 skipped",
            "4 passed, 2 failed, 0 skipped",
        ])
        self.assertEqual((rc, err), (1, ""))
        # The adapter is restarted after each; the request of e_asked was never written.
        log = self.s.log_lines()
        self.assertEqual([line[2].split("/")[1] for line in log],
                         ["a_ok", "b_two_lines", "c_ok", "d_late", "f_ok"])
        pids = [line[0] for line in log]
        self.assertEqual([pids[i] == pids[i + 1] for i in range(4)], [True, False, True, False])

    def test_persistent_one_process(self):
        standard(self.s)
        rc, out, err = runpy("--persistent", "--adapter", self.s.adapter(), self.s.root)
        self.assertEqual(out.splitlines()[-1], "5 passed, 2 failed, 1 skipped")
        self.assertEqual(len({line[0] for line in self.s.log_lines()}), 1)
        self.assertEqual(err, "")

    def test_persistent_exit_status_after_last_case(self):
        standard(self.s)
        env = dict(os.environ, FAKE_FINAL_STATUS="4")
        rc, out, err = runpy("--persistent", "--level", "ecskp", "--adapter", self.s.adapter(),
                             self.s.root, env=env)
        self.assertEqual((rc, out.splitlines()[-1]), (0, "1 passed, 0 failed, 0 skipped"))
        self.assertEqual(err, "run.py: the persistent adapter exited with status 4 after its "
                              "input closed\n")

    def test_persistent_adapter_that_ignores_its_end(self):
        self.s.case("encode", "x", "protocol", OK_ENCODE, EXPECT_ENCODE)
        cmd = ("read line; echo '{\"canonical_query\": \"Action=X\"}'; "
               "trap '' TERM; while :; do sleep 1; done")
        t0 = time.monotonic()
        rc, out, err = runpy("--persistent", "--timeout", "1", "--adapter", cmd, self.s.root)
        self.assertLess(time.monotonic() - t0, 10)
        self.assertEqual((rc, out), (0, "protocol: 1 passed, 0 failed, 0 skipped\n"
                                        "1 passed, 0 failed, 0 skipped\n"))
        self.assertEqual(err, "run.py: the persistent adapter did not exit within 1000 ms after "
                              "its input closed and was killed\n")

    def test_persistent_adapter_that_exits_between_cases(self):
        # Whether its end is seen before the next request (reported on standard error, and a
        # fresh adapter answers) or while writing it (the case fails) is a race; either way
        # both cases are counted, and the runner goes on.
        self.s.case("encode", "a", "protocol", OK_ENCODE, EXPECT_ENCODE)
        self.s.case("encode", "b", "protocol", OK_ENCODE, EXPECT_ENCODE)
        self.s.case("encode", "c", "protocol", OK_ENCODE, EXPECT_ENCODE)
        cmd = "read line; echo '{\"canonical_query\": \"Action=X\"}'; exit 5"
        rc, out, err = runpy("--persistent", "--adapter", cmd, self.s.root)
        self.assertIn(out.splitlines()[-1], ["3 passed, 0 failed, 0 skipped",
                                             "2 passed, 1 failed, 0 skipped"])
        self.assertIn("exited with status 5", out + err)

    def test_stdin_closed_early(self):
        # An adapter that reads nothing and answers: the runner does not choke on EPIPE.
        self.s.case("decode", "y_big", "protocol", {}, {"response.json": "{}"},
                    files={"body.json": "x" * (4 << 20)})
        rc, out, _ = runpy("--adapter", "exec 0<&-; echo '{\"response\": {}}'", self.s.root)
        self.assertEqual((rc, out.splitlines()[-1]), (0, "1 passed, 0 failed, 0 skipped"))


class Units(unittest.TestCase):
    def test_sanitize(self):
        self.assertEqual(run.sanitize("a\tb\u00e9", 100), "a\\x09b\\xc3\\xa9")
        self.assertEqual(run.sanitize("x" * 10, 8), "xxxx...")
        self.assertEqual(run.sanitize("x" * 7, 8), "xxxx...")
        self.assertEqual(run.sanitize("x" * 4, 8), "xxxx")

    def test_numbers_print_as_cjson_does(self):
        for text, shown in [("[-0,1.0,1e300,3000000000,0.1,1.5e-7,1e20,123456789012345678]",
                             "[-0,1,1e+300,3000000000,0.1,1.5e-07,1e+20,1.2345678901234568e+17]"),
                            ("[0.30000000000000004]", "[0.3]")]:
            self.assertEqual(run.dumps(run.parse_json(text)), shown)

    def test_equal(self):
        p = run.parse_json
        self.assertTrue(run.json_equal(p('{"a":[1,{"b":null}]}'), p('{"a":[1.0,{"b":null}]}')))
        self.assertFalse(run.json_equal(p('{"a":1}'), p('{"a":1,"b":2}')))
        self.assertFalse(run.json_equal(p('[true]'), p('[1]')))
        self.assertFalse(run.json_equal(p('"a"'), p('"A"')))


@unittest.skipUnless(ECSKP, "set ECSKP to the path of a built ecskp for the parity checks")
class Parity(unittest.TestCase):
    """run.py and `ecskp conformance` agree."""

    def test_real_suite_counts(self):
        adapter = "'%s' adapter" % ECSKP.replace("'", "'\\''")
        for mode in ([], ["--persistent"]):
            rc1, out1, _ = runpy("--json", *mode, "--adapter", adapter, SUITE)
            rc2, out2, _ = ecskp("--json", *mode, "--adapter", adapter, SUITE)
            a, b = json.loads(out1), json.loads(out2)
            self.assertEqual((rc1, a["levels"], a["total"]), (rc2, b["levels"], b["total"]))
            self.assertEqual(out1, out2)  # the whole report, byte for byte
            self.assertGreater(a["total"]["passed"], 0)

    def same_output(self, build, modes):
        tmp = tempfile.mkdtemp(prefix="run-py-parity-")
        try:
            s = Suite(tmp)
            build(s)
            for args in modes:
                with self.subTest(args=args):
                    full = ["--timeout", "1"] + args + ["--adapter", s.adapter(), s.root]
                    r1, r2 = runpy(*full, cwd=tmp), ecskp(*full, cwd=tmp)
                    self.assertEqual(r1[:2], r2[:2])
        finally:
            try:
                with open(os.path.join(tmp, "log.children")) as f:
                    for line in f:
                        try:
                            os.kill(int(line), signal.SIGKILL)
                        except OSError:
                            pass
            except FileNotFoundError:
                pass
            shutil.rmtree(tmp, ignore_errors=True)

    def test_tiny_suites_same_output(self):
        def build(s):
            standard(s)
            s.case("encode", "x_nul", "protocol", {"raw": '{"a": "\\u0000"}'}, EXPECT_ENCODE)
            s.case("encode", "x_garbled", "protocol", {"raw": ' [1, 2] \n'}, EXPECT_ENCODE)
            s.case("encode", "x_exit", "protocol", {"exit": 3}, EXPECT_ENCODE)
            s.case("encode", "x_signal", "protocol", {"signal": signal.SIGKILL}, EXPECT_ENCODE)
            s.case("encode", "x_no_level", None, OK_ENCODE, EXPECT_ENCODE)
            s.case("ids", "x_bad_level", "wire", OK_ENCODE, EXPECT_ENCODE)
            s.case("decode", "y_numbers", "protocol",
                   {"raw": '{"response": {"A": [1.50, -0, 1e2, 0.1]}}'},
                   {"response.json": '{"A": [1.5, 0, 100, 0.2]}'})
        self.same_output(build, [[], ["--verbose", "--level", "client,protocol"], ["--json"],
                                 ["--only", "decode,ids", "--json"], ["--persistent"],
                                 ["--persistent", "--json", "--verbose"]])

    def test_member_types_and_stray_folders_same_output(self):
        def build(s):
            member_types(s)
            stray_folders(s)
        self.same_output(build, [[], ["--json"], ["--persistent", "--verbose"],
                                 ["--only", "ids", "--json"]])

    def test_one_line_per_request_same_output(self):
        self.same_output(one_line_per_request, [["--persistent"], ["--persistent", "--json"],
                                                ["--persistent", "--verbose"]])

    def test_troubles_same_output(self):
        def build(s):
            s.case("encode", "a_ok", "protocol", OK_ENCODE, EXPECT_ENCODE)
            s.case("encode", "b_hang", "protocol", {"hang": True}, EXPECT_ENCODE)
            s.case("encode", "c_big", "protocol", {"big": True}, EXPECT_ENCODE)
            s.case("encode", "d_ok", "protocol", OK_ENCODE, EXPECT_ENCODE)
        self.same_output(build, [[], ["--persistent"]])

    def test_release_check(self):
        tmp = tempfile.mkdtemp(prefix="run-py-release-")
        try:
            p = subprocess.run([sys.executable, os.path.join(HERE, "release.py"), "--check",
                                "--output", tmp], capture_output=True, timeout=600)
            out = p.stdout.decode()
            self.assertEqual(p.returncode, 0, out + p.stderr.decode())
            self.assertIn("the unpacked runner gives the same counts as ecskp conformance", out)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


class Release(unittest.TestCase):
    """The archive of release.py, from a small tree."""

    def setUp(self):
        import release
        self.release = release
        self.tmp = tempfile.mkdtemp(prefix="run-py-release-")
        suite = os.path.join(self.tmp, "conformance")
        write(os.path.join(self.tmp, "LICENSE"), "MIT\n")
        write(os.path.join(suite, "README.md"), "# suite\n")
        write(os.path.join(suite, "VERSION"), "9.8.7\n")
        write(os.path.join(suite, "RESULTS.md"), "# results\n")
        write(os.path.join(suite, "tools", "run.py"), "#!/usr/bin/env python3\nprint()\n")
        write(os.path.join(suite, "tools", "make_cases.py"), "pass\n")
        write(os.path.join(suite, "adapters", "README.md"), "# adapters\n")
        for name in ("package.json", "package-lock.json", "tea.js", "notes.txt",
                     "node_modules/x/index.js"):
            write(os.path.join(suite, "adapters", "node", name), "{}\n")
        for area in run.OPERATIONS:
            write(os.path.join(suite, area, "b", "case.json"), "{}")
            write(os.path.join(suite, area, "a", "case.json"), "{}")
        write(os.path.join(suite, "decode", ".hidden"), "x")
        self.saved = (release.SUITE, release.ROOT, release.HERE)
        release.SUITE, release.ROOT, release.HERE = suite, self.tmp, os.path.join(suite, "tools")
        self.suite = suite

    def tearDown(self):
        self.release.SUITE, self.release.ROOT, self.release.HERE = self.saved
        shutil.rmtree(self.tmp, ignore_errors=True)

    def test_adapter_required(self):
        with self.assertRaises(SystemExit) as e:
            self.release.members()
        self.assertIn("adapters/python/adapter.py is missing", str(e.exception))

    def test_reproducible_layout(self):
        write(os.path.join(self.suite, "adapters", "python", "adapter.py"), "pass\n")
        files = self.release.members()
        one, n = self.release.build("top-9.8.7", files, 1000)
        os.utime(os.path.join(self.suite, "VERSION"), (5, 5))
        two, _ = self.release.build("top-9.8.7", self.release.members(), 1000)
        self.assertEqual(one, two)
        import io
        import tarfile
        with tarfile.open(fileobj=io.BytesIO(one)) as tar:
            infos = tar.getmembers()
        names = [i.name for i in infos]
        self.assertEqual(n, len(names))
        self.assertEqual(names[:13], [
            "top-9.8.7", "top-9.8.7/LICENSE", "top-9.8.7/README.md", "top-9.8.7/RESULTS.md",
            "top-9.8.7/VERSION", "top-9.8.7/adapters", "top-9.8.7/adapters/README.md",
            "top-9.8.7/adapters/node", "top-9.8.7/adapters/node/package-lock.json",
            "top-9.8.7/adapters/node/package.json", "top-9.8.7/adapters/node/tea.js",
            "top-9.8.7/adapters/python", "top-9.8.7/adapters/python/adapter.py"])
        self.assertEqual(names[-2:], ["top-9.8.7/tools", "top-9.8.7/tools/run.py"])
        self.assertNotIn("top-9.8.7/decode/.hidden", names)
        self.assertLess(names.index("top-9.8.7/decode/a/case.json"),
                        names.index("top-9.8.7/decode/b/case.json"))
        self.assertEqual({(i.uid, i.gid, i.uname, i.gname, i.mtime) for i in infos},
                         {(0, 0, "", "", 1000)})
        modes = {i.name: i.mode for i in infos}
        self.assertEqual(modes["top-9.8.7/tools/run.py"], 0o755)
        self.assertEqual(modes["top-9.8.7/VERSION"], 0o644)
        self.assertEqual(one[4:8], b"\0\0\0\0")  # no time in the gzip header


class ResultsPage(unittest.TestCase):
    """results.py's page from made-up reports: the matrix, the causes, Other in full."""

    def report(self, cases):
        return {"cases": [{"case": c, "operation": c.split("/")[0], "level": lv, "result": res,
                           **({"why": why} if why else {})} for c, lv, res, why in cases]}

    def test_page(self):
        import results
        impls = [("ecskp", "ecskp adapter", ""), ("pop-core", "node p.js", ""),
                 ("Tea", "node t.js", "")]
        base = [("decode/y_a", "protocol", "pass", None), ("encode/b", "client", "pass", None)]
        reports = {
            "ecskp": self.report(base),
            "pop-core": self.report([
                ("decode/y_a", "protocol", "skip", "no XML"),
                ("encode/b", "client", "fail", "expected error missing_parameter, got "
                 "{\"canonical_query\":\"Action=X\"}")]),
            "Tea": self.report([
                ("decode/y_a", "protocol", "fail", "something new"),
                ("encode/b", "client", "fail", "canonical_query: expected \"Action=X\", got "
                 "\"Action=X&Timestamp=2031-01-02T03%3A04%3A05Z\"")]),
        }
        page = results.render("3.0.0", impls, reports)
        self.assertEqual(page, results.render("3.0.0", impls, reports))
        self.assertIn("| decode | protocol | 1 | **1/1** | - (1 skipped) | 0/1 |", page)
        self.assertIn("| encode | client | 1 | **1/1** | 0/1 | 0/1 |", page)
        self.assertIn("| **all** | 2 | **2/2** | 0/1 (1 skipped) | 0/2 |", page)
        self.assertIn("| No request validation |  | 1 (0 / 1 / 0) |  |", page)
        self.assertIn("| Parameters added to the request |  |  | 1 (0 / 1 / 0) |", page)
        self.assertIn("### Other", page)
        self.assertIn("* `decode/y_a`: something new", page)
        self.assertIn("Timestamp=<varies>", page)
        self.assertNotIn("2031", page)
        self.assertIn("  * 1: no XML (e.g. `decode/y_a`)", page)


if __name__ == "__main__":
    unittest.main()
