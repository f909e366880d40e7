#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""run.py - the standalone runner of the conformance suite (Python 3.7 or later, its standard
library only).

Runs the case folders through an adapter command as `ecskp conformance --adapter CMD` does,
without ecskp: the same case walk (name order), the same request for each case, the same
comparison, the same FAIL/SKIP lines, per-level summary lines, --json report and exit status
(the suite's README.md, "Running it"). It is one file: copy it next to the case folders, or
into a tools/ folder beside them (the suite archive ships it), and run

    python3 run.py --adapter 'python3 my_adapter.py'
    python3 run.py --adapter './my-adapter' --persistent --level protocol --only encode,ids DIR

DIR (the suite folder, one area folder or one case folder) defaults to the folder run.py is in
when it holds area folders, else to the folder above it when run.py is in a tools/ folder and
that folder holds area folders, else ./conformance. run.py always goes through an adapter (it
has no in-process mode).
"""

import base64
import errno
import json
import os
import selectors
import signal
import subprocess
import sys
import time

OPERATIONS = ("encode", "sign_v1", "sign_v3", "ids", "decode")
LEVELS = ("protocol", "client", "ecskp")

# What each operation reads and which artifacts (<name>.txt) it may expect: request.json
# (1 required, 0 never), a body file (2 required, 1 optional, 0 never), ids.json (1 required).
SPECS = {
    "encode": (1, 0, 0, ("canonical_query",)),
    "sign_v1": (1, 0, 0, ("canonical_query", "string_to_sign", "signature", "signed_query")),
    "sign_v3": (1, 1, 0, ("canonical_request", "string_to_sign", "signature", "authorization")),
    "ids": (0, 0, 1, ("instance_ids",)),
    "decode": (0, 2, 0, ()),
}
BODIES = ("body.xml", "body.json", "body.bin")

# The names an error.txt may hold: every status name of codec/include/ecskp/status.h but "ok".
ERROR_NAMES = frozenset("""
invalid_argument buffer_too_small out_of_memory unsupported invalid_parameter_name
duplicate_parameter invalid_utf8 too_many_parameters missing_parameter misspelled_parameter
invalid_action invalid_parameter_value invalid_timestamp ids_malformed ids_not_array ids_empty
ids_too_many ids_invalid_element ids_duplicate missing_secret crypto_failure random_failure
unsupported_format empty_body body_too_large nesting_too_deep too_many_results string_too_long
malformed_body trailing_data nul_character unsupported_encoding dtd_refused wrong_root wrong_type
duplicate_field number_out_of_range missing_field inconsistent_response status_body_mismatch
too_many_nodes too_many_attributes too_many_namespaces markup_too_long value_too_long
""".split())

MAX_DEPTH = 12              # folders below DIR that are looked into
MAX_FILE_BYTES = 16 << 20   # largest case file read
MAX_OUTPUT = 16 << 20       # most output kept from one answer; more fails the case
MAX_STDERR = 4096           # standard error kept for the failure line
MAX_NESTING = 1000          # deepest answer read (cJSON's nesting limit)
WHY_CAP = 1024              # a reason is at most WHY_CAP - 1 bytes
NUL_REASON = "answer holds \\u0000, which no expected value contains"
WS = " \t\n\r"              # JSON's white space

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
PROG = "run.py"
PASS, FAIL, SKIP, GARBLED = "pass", "fail", "skip", "garbled"


# --- text -----------------------------------------------------------------------------------

def to_bytes(s):
    return s if isinstance(s, (bytes, bytearray)) else s.encode("utf-8", "surrogateescape")


def sanitize(s, cap):
    """Printable ASCII kept, every other byte as \\xNN, cut with "..." to fit in cap - 1 bytes."""
    out = []
    o = 0
    for c in to_bytes(s):
        piece = chr(c) if 0x20 <= c < 0x7F else "\\x%02x" % c
        if o + len(piece) + 4 > cap:
            if o + 4 <= cap:
                out.append("...")
            break
        out.append(piece)
        o += len(piece)
    return "".join(out)


def clip(text, cap=WHY_CAP):
    """At most cap - 1 bytes of text."""
    b = to_bytes(text)
    return text if len(b) < cap else b[:cap - 1].decode("utf-8", "surrogateescape")


# --- JSON as the reference runner reads it ------------------------------------------------
# Objects keep their members in order, duplicates included (a lookup finds the first one);
# numbers compare by value; the text must be RFC 8259 JSON in UTF-8.

class Obj(list):
    """A JSON object: a list of (name, value) pairs."""

    def get(self, name, default=None):
        for k, v in self:
            if k == name:
                return v
        return default


class NotJSON(ValueError):
    pass


def _no_constant(name):
    raise NotJSON("not JSON: " + name)


def _int(text):
    return -0.0 if text == "-0" else int(text)


_decoder = json.JSONDecoder(object_pairs_hook=Obj, parse_constant=_no_constant, parse_int=_int)


def escaped_nul(text):
    """Does a string of the JSON text hold the escape \\u0000?"""
    in_string = False
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if not in_string:
            in_string = c == '"'
        elif c == '"':
            in_string = False
        elif c == "\\" and i + 1 < n:
            if text[i + 1] == "u" and text[i + 2:i + 6] == "0000":
                return True
            i += 1
        i += 1
    return False


def nesting(text):
    """The deepest nesting of objects and arrays in the JSON text."""
    depth = deepest = 0
    in_string = escaped = False
    for c in text:
        if in_string:
            if escaped:
                escaped = False
            elif c == "\\":
                escaped = True
            elif c == '"':
                in_string = False
        elif c == '"':
            in_string = True
        elif c in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif c in "]}":
            depth -= 1
    return deepest


def parse_json(text):
    """One JSON value (str) with only JSON white space around it, or NotJSON."""
    start = 0
    while start < len(text) and text[start] in WS:
        start += 1
    if nesting(text) > MAX_NESTING:
        raise NotJSON("nested too deep")
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 4 * MAX_NESTING))
    try:
        value, end = _decoder.raw_decode(text, start)
    except (ValueError, RecursionError) as e:
        raise NotJSON(str(e)) from None
    finally:
        sys.setrecursionlimit(limit)
    while end < len(text) and text[end] in WS:
        end += 1
    if end < len(text):
        raise NotJSON("bytes after the JSON value, at offset %d" % end)
    return value


def parse_json_bytes(data):
    """Like parse_json, for bytes that must be UTF-8."""
    try:
        text = bytes(data).decode("utf-8")
    except UnicodeError:
        raise NotJSON("not UTF-8") from None
    return parse_json(text)


def strings(v):
    """Every string of a JSON value, member names included."""
    if isinstance(v, str):
        yield v
    elif isinstance(v, Obj):
        for k, x in v:
            yield k
            yield from strings(x)
    elif isinstance(v, list):
        for x in v:
            yield from strings(x)


def kind(v):
    if v is None:
        return "null"
    if v is True or v is False:
        return "bool:" + str(v)
    if isinstance(v, (int, float)):
        return "number"
    if isinstance(v, str):
        return "string"
    return "object" if isinstance(v, Obj) else "array"


def same_number(a, b):
    try:
        a, b = float(a), float(b)
    except OverflowError:
        return a == b
    return a == b or abs(a - b) <= max(abs(a), abs(b)) * sys.float_info.epsilon


def json_equal(a, b):
    """Equal as JSON values: strings byte for byte, numbers by value, objects with the same
    names (each member compared with the other's first member of that name), arrays in order."""
    ka = kind(a)
    if ka != kind(b):
        return False
    if ka == "number":
        return same_number(a, b)
    if ka == "array":
        return len(a) == len(b) and all(json_equal(x, y) for x, y in zip(a, b))
    if ka == "object":
        missing = object()
        for x, y in ((a, b), (b, a)):
            for k, v in x:
                w = y.get(k, missing)
                if w is missing or not json_equal(v, w):
                    return False
        return True
    return a == b


def _number_text(v):
    """A number as cJSON prints it: 15 significant digits unless they do not read back."""
    try:
        d = float(v)
    except OverflowError:
        return "null"
    if d != d or d in (float("inf"), float("-inf")):
        return "null"
    t = "%1.15g" % d
    if not same_number(float(t), d):
        t = "%1.17g" % d
    return t


def dumps(v):
    """Compact JSON text, non-ASCII kept as UTF-8 (as cJSON prints it)."""
    if isinstance(v, Obj):
        return "{" + ",".join(dumps(k) + ":" + dumps(x) for k, x in v) + "}"
    if isinstance(v, list):
        return "[" + ",".join(dumps(x) for x in v) + "]"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if v is None:
        return "null"
    if isinstance(v, (int, float)):
        return _number_text(v)
    return json.dumps(v, ensure_ascii=False)


def show(v, cap=400):
    return "(nothing)" if v is None else sanitize(dumps(v), cap)


# --- the suite: walking and loading cases ---------------------------------------------------

def path_join(a, b):
    return a + ("/" if a and not a.endswith("/") else "") + b


def walk(d, depth, out, in_area=False):
    """Every folder holding a case.json, below and including d, in name order, and every
    folder directly inside an area folder (DIR or one directly inside it), case.json or not:
    such a folder is a case (in_area: d is one)."""
    if in_area or os.path.isfile(path_join(d, "case.json")):
        out.append(d)
        return
    if depth >= MAX_DEPTH:
        return
    try:
        names = os.listdir(d)
    except OSError:
        return
    kids = [path_join(d, n) for n in names if not n.startswith(".")]
    area = depth <= 1 and path_tail(d, 1) in OPERATIONS
    for k in sorted((k for k in kids if os.path.isdir(k)), key=to_bytes):
        walk(k, depth + 1, out, area)


def path_tail(path, parts):
    """The last `parts` folders of path joined by "/", the path made absolute and its "." and
    ".." resolved as written; the path itself when it has fewer."""
    full = path if path.startswith("/") else path_join(os.getcwd(), path)
    stack = []
    for p in full.split("/"):
        if p == "..":
            if stack:
                stack.pop()
        elif p not in ("", "."):
            stack.append(p)
    return "/".join(stack[-parts:]) if parts > 0 and len(stack) >= parts else path


def case_name(path):
    """A case's name: <area>/<case folder>, printable."""
    return sanitize(clip(path_tail(path, 2), 1024), 512)


class BadCase(Exception):
    pass


class Case:
    def __init__(self, path):
        self.path = path
        self.operation = None  # known as soon as case.json names a valid one
        self.level = None      # the same
        self.request = None    # the protocol request (compact JSON text)
        self.expected = None   # Obj: {"error": name} or the expected artifacts


def read_file(d, name):
    try:
        with open(path_join(d, name), "rb") as f:
            data = f.read(MAX_FILE_BYTES + 1)
    except OSError as e:
        raise BadCase("cannot read %s: %s" % (name, os.strerror(e.errno or errno.EIO))) from None
    if len(data) > MAX_FILE_BYTES:
        raise BadCase("cannot read %s: %s" % (name, os.strerror(errno.EFBIG)))
    return data


def read_json_file(d, name):
    """(value, None), or (None, message) when the file is not one JSON value."""
    text = read_file(d, name).decode("utf-8", "surrogateescape")
    if escaped_nul(text):
        return None, ("the request holds a \\u0000 escape; no parameter name or value may "
                      "contain a NUL character")
    try:
        return parse_json(text), None
    except NotJSON:
        return None, ("the request is not valid JSON; give one JSON object of parameter name "
                      "to string value")


def read_object_file(d, name):
    value, _ = read_json_file(d, name)
    if not isinstance(value, Obj):
        raise BadCase("%s is not one JSON object" % name)
    return value


def _string(obj, name):
    v = obj.get(name)
    return v if isinstance(v, str) else None


def load_case(path):
    """The case in folder path; BadCase when it is not well-formed (with .case: what was
    found, so that it is counted where it belongs)."""
    c = Case(path)
    try:
        # A folder in an area folder is a case, case.json or not.
        if not os.path.isfile(path_join(path, "case.json")):
            raise BadCase("no case.json")
        meta = read_object_file(path, "case.json")
        op = _string(meta, "operation")
        c.operation = op if op in SPECS else None
        level = _string(meta, "level")
        c.level = level if level in LEVELS else None
        if c.operation is None:
            raise BadCase('case.json: "operation" must be encode, sign_v1, sign_v3, ids or '
                          'decode')
        # The folder the case folder is in: an area folder is named after its operation.
        area = path_tail(path, 2).split("/")[0]
        if area in OPERATIONS and area != op:
            raise BadCase('operation "%s" in area folder "%s"' % (op, area))
        if c.level is None:
            raise BadCase('case.json: "level" must be protocol, client or ecskp')
        if not _string(meta, "source"):
            raise BadCase('case.json: every case names its "source"')
        if path_tail(path, 1).startswith("i_") and not _string(meta, "decision"):
            raise BadCase('case.json: an i_ case records its "decision"')
        spec = SPECS[op]
        inp = build_input(path, spec, meta)
        c.expected = load_expected(path, op, spec, c.level)
        c.request = dumps(Obj([("operation", op), ("input", inp)]))
    except BadCase as e:
        e.case = c
        raise
    return c


def b64_file(d, name):
    return base64.b64encode(read_file(d, name)).decode("ascii")


def build_input(d, spec, meta):
    needs_request, body, needs_ids, _ = spec
    given = meta.get("input")
    if given is not None and not isinstance(given, Obj):
        raise BadCase('case.json: "input" must be an object')
    inp = Obj()
    for k, v in given or ():
        if k in ("request", "body_base64", "text_base64"):
            raise BadCase('case.json: "%s" comes from a file, not from input' % k)
        inp.append((k, v))
    if needs_request:
        req, message = read_json_file(d, "request.json")
        if message is not None:
            raise BadCase("request.json is not one JSON value: %s" % message)
        inp.append(("request", req))
    if needs_ids:
        inp.append(("text_base64", b64_file(d, "ids.json")))
    if body:
        found = None
        for b in BODIES:
            if os.path.isfile(path_join(d, b)):
                if found is not None:
                    raise BadCase("more than one body file")
                found = b
        if found is None and body == 2:
            raise BadCase("no body file (body.xml, body.json or body.bin)")
        if found is not None:
            inp.append(("body_base64", b64_file(d, found)))
    return inp


def load_expected(d, op, spec, level):
    expected = Obj()
    has_error = os.path.isfile(path_join(d, "error.txt"))
    results = 0
    for a in spec[3]:
        f = a + ".txt"
        if not os.path.isfile(path_join(d, f)):
            continue
        data = read_file(d, f)
        try:
            if b"\0" in data:
                raise UnicodeError
            text = data.decode("utf-8")
        except UnicodeError:
            raise BadCase("%s must be UTF-8 without NUL bytes" % f) from None
        expected.append((a, text))
        results += 1
    decode = op == "decode"
    for member in ("response", "advice") if decode else ():
        f = member + ".json"
        if os.path.isfile(path_join(d, f)):
            expected.append((member, read_object_file(d, f)))
            results += 1
    if has_error and results > 0:
        raise BadCase("a case expects either error.txt or results, not both")
    if not has_error and results == 0:
        raise BadCase("no expected output (error.txt or the %s artifacts)" % op)
    if has_error:
        data = read_file(d, "error.txt").rstrip(b"\n\r \t")
        name = data.decode("utf-8", "surrogateescape")
        if b"\0" in data or name not in ERROR_NAMES:
            raise BadCase("error.txt does not hold a known error name")
        expected.append(("error", name))
    # The level rules and the decode naming convention.
    if has_error and level == "protocol":
        raise BadCase("a protocol-level case never expects an error (error.txt)")
    if decode:
        b = path_tail(d, 1)
        advice_case = b.startswith("a_")
        has_advice = expected.get("advice") is not None
        if b.startswith("y_") and has_error:
            raise BadCase("a y_ case must expect a response, not error.txt")
        if b.startswith("n_") and not has_error:
            raise BadCase("an n_ case must expect an error (error.txt)")
        if advice_case and (not has_advice or has_error):
            raise BadCase("an a_ case expects advice.json (and no error.txt)")
        if advice_case and level != "ecskp":
            raise BadCase("an a_ case is of level ecskp")
        if not advice_case and has_advice:
            raise BadCase("only a_ cases expect advice.json")
        if b[:2] not in ("y_", "n_", "i_", "a_"):
            raise BadCase("decode case names start with y_, n_, i_ or a_")
    return expected


# --- comparing an answer --------------------------------------------------------------------

ABSENT = object()  # a member the answer does not have


def compare(c, answer):
    """(verdict, why): PASS, FAIL, SKIP (why: the reason), or GARBLED (a failure: the answer
    is not one JSON object, and a persistent adapter that wrote it is restarted). The answer's
    "error", when present, must be a string, and so must its "unsupported" when it has no
    "error"."""
    answer = bytes(answer)
    try:
        got = parse_json_bytes(answer)
        nul = any("\0" in s for s in strings(got))
        if not isinstance(got, Obj) or (not nul and any(
                "\ud800" <= ch <= "\udfff" for s in strings(got) for ch in s)):
            raise NotJSON("not one object")
    except NotJSON:
        shown = sanitize(answer.strip(WS.encode()), 400)
        return GARBLED, "the answer is not one JSON object: " + shown
    if nul:
        return FAIL, NUL_REASON
    want_error = c.expected.get("error")
    got_error = got.get("error", ABSENT)
    unsupported = got.get("unsupported", ABSENT)
    detail = got.get("detail")
    det = sanitize(detail if isinstance(detail, str) else "", 200)
    if got_error is not ABSENT and not isinstance(got_error, str):
        return FAIL, "error must be a string"
    # An error answer is never a skip.
    if got_error is ABSENT and unsupported is not ABSENT:
        if not isinstance(unsupported, str):
            return FAIL, "unsupported must be a string"
        return SKIP, sanitize(unsupported, 400)
    if want_error is not None:
        if got_error == want_error:
            return PASS, None
        if got_error is not ABSENT:
            return FAIL, "expected error %s, got error %s (%s)" % (want_error, show(got_error),
                                                                  det)
        return FAIL, "expected error %s, got %s" % (want_error, show(got))
    if got_error is not ABSENT:
        return FAIL, "expected a result, got error %s (%s)" % (show(got_error), det)
    for name, want in c.expected:
        g = got.get(name)
        if g is not None and json_equal(want, g):
            continue
        return FAIL, "%s: expected %s, got %s" % (name, show(want), show(g))
    return PASS, None


# --- adapter processes ----------------------------------------------------------------------

def now():
    return time.monotonic()


def start(cmd, persistent):
    """/bin/sh -c cmd in its own process group, pipes on its standard input, output and error
    (ours non-blocking); CONFORMANCE_PERSISTENT=1 in its environment when persistent, else
    removed from it."""
    env = dict(os.environ)
    if persistent:
        env["CONFORMANCE_PERSISTENT"] = "1"
    else:
        env.pop("CONFORMANCE_PERSISTENT", None)
    kw = {"process_group": 0} if sys.version_info >= (3, 11) else {"preexec_fn": os.setpgrp}
    p = subprocess.Popen(["/bin/sh", "-c", cmd], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, bufsize=0, env=env, close_fds=True, **kw)
    try:
        os.setpgid(p.pid, p.pid)  # also here: the group exists before any kill
    except OSError:
        pass
    for f in (p.stdin, p.stdout, p.stderr):
        os.set_blocking(f.fileno(), False)
    return p


def kill_group(p):
    for kill in (lambda: os.killpg(p.pid, signal.SIGKILL), p.kill):
        try:
            kill()
        except OSError:
            pass


def kill_leftovers(p):
    """What the process left behind in its group."""
    try:
        os.killpg(p.pid, signal.SIGKILL)
    except OSError:
        pass


def close_pipes(p):
    for f in (p.stdin, p.stdout, p.stderr):
        if f is not None:
            try:
                f.close()
            except OSError:
                pass


def reap(p, deadline):
    """The process's return code, waiting for it until the deadline; None when the deadline
    passed (its group is killed then)."""
    while True:
        rc = p.poll()
        if rc is not None:
            return rc
        if now() >= deadline:
            kill_group(p)
            p.wait()
            return None
        time.sleep(0.002)


def read_some(f):
    """Bytes from a non-blocking pipe: b"" at its end (or on an error), None when it has none."""
    try:
        return os.read(f.fileno(), 65536)
    except BlockingIOError:
        return None
    except InterruptedError:
        return None
    except OSError:
        return b""


class Ended:
    """How a run of the adapter went: output, the start of standard error, how it ended."""

    def __init__(self):
        self.out = bytearray()
        self.err = bytearray()
        self.timed_out = self.too_much = False
        # Persistent: output was waiting before the request was written (early), or more came
        # with the answer line than that line (extra).
        self.early = self.extra = False
        self.rc = None  # return code: >= 0 exit status, < 0 the signal

    def keep_err(self, chunk):
        room = MAX_STDERR - len(self.err)
        if room > 0:
            self.err += chunk[:room]


def adapter_failed(r, timeout_s, persistent):
    """Why a run of the adapter failed, or None (one-shot: it exited with status 0)."""
    e = sanitize(bytes(r.err).split(b"\n", 1)[0], 200)
    sep = ": " if e else ""
    if r.timed_out:
        return "the adapter did not answer within %d ms and was killed" % (timeout_s * 1000)
    if r.too_much:
        return "the adapter wrote more than %d bytes" % MAX_OUTPUT
    if r.early:
        return "the adapter wrote to standard output before it was asked"
    if r.extra:
        return "the adapter wrote more than one line for one request"
    if r.rc is not None and r.rc < 0:
        return "the adapter was killed by signal %d%s%s" % (-r.rc, sep, e)
    if persistent or r.rc != 0:
        return "the adapter exited with status %d%s%s%s" % (
            r.rc if r.rc is not None else 0, " before answering" if persistent else "", sep, e)
    return None


def one_shot(cmd, data, timeout_s):
    """Runs cmd once: writes data, closes its input, reads both outputs until they close, and
    waits for it, all within the timeout."""
    r = Ended()
    deadline = now() + timeout_s
    p = start(cmd, False)
    sel = selectors.DefaultSelector()
    written = 0
    if data:
        sel.register(p.stdin, selectors.EVENT_WRITE)
    else:
        p.stdin.close()
    outs = 0
    for f in (p.stdout, p.stderr):
        sel.register(f, selectors.EVENT_READ)
        outs += 1
    try:
        while outs > 0:
            left = deadline - now()
            if left <= 0:
                r.timed_out = True
                break
            for key, _ in sel.select(min(left, 1.0)):
                f = key.fileobj
                if f is p.stdin:
                    try:
                        written += os.write(f.fileno(), data[written:written + 65536])
                        done = written == len(data)
                    except BlockingIOError:
                        done = False
                    except OSError:  # the adapter closed its input: it answers or fails alone
                        done = True
                    if done:
                        sel.unregister(f)
                        f.close()
                    continue
                chunk = read_some(f)
                if chunk is None:
                    continue
                if not chunk:
                    sel.unregister(f)
                    outs -= 1
                elif f is p.stdout:
                    r.out += chunk
                else:
                    r.keep_err(chunk)
            if len(r.out) > MAX_OUTPUT:
                r.too_much = True
                break
    finally:
        sel.close()
        close_pipes(p)
    if r.timed_out or r.too_much:
        kill_group(p)
    rc = reap(p, deadline)
    if rc is None:
        r.timed_out = True
    else:
        r.rc = rc
    return r


class OneShot:
    def __init__(self, cmd, timeout_s):
        self.cmd, self.timeout_s = cmd, timeout_s

    def run(self, c):
        try:
            r = one_shot(self.cmd, to_bytes(c.request), self.timeout_s)
        except OSError as e:
            return FAIL, "cannot start the adapter: %s" % os.strerror(e.errno or errno.EIO)
        why = adapter_failed(r, self.timeout_s, False)
        if why is not None:
            return FAIL, why
        return compare(c, r.out)

    def close(self):
        pass


class Persistent:
    """One adapter process for all the cases, one request line in and one answer line out per
    case. A timeout, a death, an answer that is not one JSON object, or output beyond one line
    per request fails the case and ends the process; the next case starts a fresh one."""

    def __init__(self, cmd, timeout_s):
        self.cmd, self.timeout_s = cmd, timeout_s
        self.p = None
        self.buf = bytearray()  # standard output read past the last answer line

    def _forget(self):
        close_pipes(self.p)
        self.p = None
        self.buf = bytearray()

    def _stop(self):
        kill_group(self.p)
        self.p.wait()
        self._forget()

    def _report_end(self, rc, when):
        if rc is None:
            warn("the persistent adapter did not exit within %d ms %s and was killed"
                 % (self.timeout_s * 1000, when))
        elif rc < 0:
            warn("the persistent adapter was killed by signal %d %s" % (-rc, when))
        elif rc > 0:
            warn("the persistent adapter exited with status %d %s" % (rc, when))

    def run(self, c):
        if self.p is not None and self.p.poll() is not None:
            rc = self.p.returncode
            kill_leftovers(self.p)
            self._forget()
            self._report_end(rc, "between two cases")
        if self.p is None:
            try:
                self.p = start(self.cmd, True)
            except OSError as e:
                return FAIL, "cannot start the adapter: %s" % os.strerror(e.errno or errno.EIO)
        r, line = self._exchange(to_bytes(c.request) + b"\n")
        if line is None:
            return FAIL, adapter_failed(r, self.timeout_s, True) or "the adapter gave no answer"
        verdict, why = compare(c, line)
        if verdict == GARBLED:
            self._stop()
        return verdict, why

    def _output_waiting(self):
        """Is standard output waiting: read past the last answer line, or readable now (a zero
        timeout)? What is read is kept. Its end is not output."""
        if not self.buf:
            ready = selectors.DefaultSelector()
            ready.register(self.p.stdout, selectors.EVENT_READ)
            try:
                events = ready.select(0)
            finally:
                ready.close()
            chunk = read_some(self.p.stdout) if events else None
            if chunk:
                self.buf += chunk
        return len(self.buf) > 0

    def _exchange(self, data):
        """(r, the answer line without its LF), or (r, None) when no single answer line came:
        then the process has been killed or has ended, and is reaped. An adapter writes exactly
        one line per request and nothing else: output waiting before the request is written
        (r.early; it is not written) or after the answer line was read (r.extra) kills it."""
        p = self.p
        r = Ended()
        deadline = now() + self.timeout_s
        while True:  # what standard error holds from before this request is dropped
            chunk = read_some(p.stderr)
            if not chunk:
                break
        # Output before the request is no answer to it.
        if self._output_waiting():
            r.early = True
            self._stop()
            return r, None
        sel = selectors.DefaultSelector()
        written = 0
        eof = False
        if p.stdin is not None:
            sel.register(p.stdin, selectors.EVENT_WRITE)
        else:
            written = len(data)
        sel.register(p.stdout, selectors.EVENT_READ)
        err_open = True
        sel.register(p.stderr, selectors.EVENT_READ)
        line = None
        try:
            while True:
                nl = self.buf.find(b"\n")
                if nl >= 0 and written == len(data):
                    line = bytes(self.buf[:nl])
                    del self.buf[:nl + 1]
                    break
                if len(self.buf) > MAX_OUTPUT:
                    r.too_much = True
                    break
                if eof and nl < 0:
                    break
                left = deadline - now()
                if left <= 0:
                    r.timed_out = True
                    break
                for key, _ in sel.select(min(left, 1.0)):
                    f = key.fileobj
                    if f is p.stdin:
                        try:
                            written += os.write(f.fileno(), data[written:written + 65536])
                        except BlockingIOError:
                            pass
                        except OSError:  # a closed input: the process is ending
                            written = len(data)
                            f.close()
                            p.stdin = None
                        if written == len(data):
                            sel.unregister(f)
                        continue
                    chunk = read_some(f)
                    if chunk is None:
                        continue
                    if f is p.stdout:
                        if chunk:
                            self.buf += chunk
                        else:
                            eof = True
                            sel.unregister(f)
                    elif chunk:
                        r.keep_err(chunk)
                    else:
                        err_open = False
                        sel.unregister(f)
        finally:
            sel.close()
        if line is not None:
            if not self._output_waiting():
                return r, line
            r.extra = True  # more than one line for one request
        if eof and not r.timed_out and not r.too_much and not r.extra:
            # It ended (or closed its output): its standard error until it closes, then how.
            while err_open:
                left = deadline - now()
                if left <= 0:
                    break
                ready = selectors.DefaultSelector()
                ready.register(p.stderr, selectors.EVENT_READ)
                events = ready.select(min(left, 1.0))
                ready.close()
                if events:
                    chunk = read_some(p.stderr)
                    if chunk == b"":
                        err_open = False
                    elif chunk:
                        r.keep_err(chunk)
            rc = reap(p, deadline)
            if rc is None:
                r.timed_out = True
            else:
                r.rc = rc
            kill_leftovers(p)
            self._forget()
        else:
            self._stop()
        return r, None

    def close(self):
        """After the last case: closes the adapter's input and waits for it to exit."""
        p = self.p
        if p is None:
            return
        deadline = now() + self.timeout_s
        if p.stdin is not None:
            try:
                p.stdin.close()
            except OSError:
                pass
            p.stdin = None
        sel = selectors.DefaultSelector()
        outs = 0
        for f in (p.stdout, p.stderr):
            sel.register(f, selectors.EVENT_READ)
            outs += 1
        timed_out = False
        try:
            while outs > 0:
                left = deadline - now()
                if left <= 0:
                    timed_out = True
                    break
                for key, _ in sel.select(min(left, 1.0)):
                    if read_some(key.fileobj) == b"":
                        sel.unregister(key.fileobj)
                        outs -= 1
        finally:
            sel.close()
        if timed_out:
            kill_group(p)
        rc = reap(p, deadline)
        kill_leftovers(p)
        self._forget()
        self._report_end(None if timed_out else rc, "after its input closed")


# --- the command ----------------------------------------------------------------------------

def warn(msg):
    sys.stderr.write("%s: %s\n" % (PROG, msg))
    sys.stderr.flush()


def usage(msg):
    sys.stderr.write("%s: usage: %s; run '%s --help'\n" % (PROG, sanitize(msg, 1024), PROG))
    return EXIT_USAGE


HELP = """usage: python3 run.py --adapter 'CMD' [--persistent] [--timeout SECONDS]
                     [--level LEVELS] [--only OPS] [--json] [--verbose] [DIR]

Runs the conformance suite in DIR (the suite folder, an area folder or one case folder)
through an adapter command, as `ecskp conformance --adapter CMD` does. The case layout and
the adapter protocol are specified in the suite's README.md.

options:
  --adapter 'CMD'     the adapter, run through /bin/sh -c in its own process group
                      (required: run.py has no in-process mode)
  --persistent        start the adapter once, with CONFORMANCE_PERSISTENT=1 in its
                      environment, and write one request line and read one answer line per
                      case; a timeout, a death, an answer that is not one JSON object, or
                      output beyond one line per request fails the case, and the next case
                      starts a fresh adapter
  --timeout SECONDS   per-case limit, 1 to 3600, default 10; past it the adapter's process
                      group is killed with SIGKILL and the case fails
  --level LEVELS      comma-separated levels to run: protocol, client, ecskp (default all);
                      the cases of other levels are neither run nor counted
  --only OPS          comma-separated operations to run: encode, sign_v1, sign_v3, ids,
                      decode (default all)
  --json              print one JSON report instead of the lines
  --verbose           also print the suite version, one line per passing case and one line
                      per skipped case
  -h, --help          this text

DIR defaults to the folder run.py is in when it holds area folders (encode/, sign_v1/,
sign_v3/, ids/, decode/), else to the folder above it when run.py is in a tools/ folder and
that folder holds area folders, else ./conformance.

output: 'FAIL <case>: <why>' per failing case (<case> is <area>/<case folder>), with
--verbose also 'ok   <case>' and 'SKIP <case>: <reason>'; then one line per level of which
a case ran, and the total:
    protocol: N passed, N failed, N skipped
    client: N passed, N failed, N skipped
    ecskp: N passed, N failed, N skipped
    N passed, N failed, N skipped

exit status: 0 no case failed and at least one passed; 1 a case failed (a malformed case
folder counts as failed) or none passed; 2 usage error.
"""


def parse_args(argv):
    """("help"|"usage"|"ok", message or the options)."""
    takes_value = {"adapter": True, "timeout": True, "only": True, "level": True,
                   "persistent": False, "verbose": False, "json": False}
    got = {}
    positional = []
    only_positional = False
    i = 0
    while i < len(argv):
        a = argv[i]
        i += 1
        if not only_positional and a == "--":
            only_positional = True
            continue
        if not only_positional and a in ("-h", "--help"):
            return "help", None
        if not only_positional and a.startswith("-") and len(a) > 1:
            if not a.startswith("--"):
                return "usage", "unknown option '%s' (options are spelled --name)" % a
            name, eq, value = a[2:].partition("=")
            if name not in takes_value:
                return "usage", "unknown option '--%s'" % name[:64]
            if name in got:
                return "usage", "option '--%s' given twice" % name
            if takes_value[name]:
                if not eq:
                    if i >= len(argv):
                        return "usage", "option '--%s' needs a value" % name
                    value = argv[i]
                    i += 1
                got[name] = value
            elif eq:
                return "usage", "option '--%s' takes no value" % name
            else:
                got[name] = True
            continue
        if positional:
            return "usage", "unexpected argument '%s' (at most 1 DIR)" % a
        positional.append(a)
    got["dir"] = positional[0] if positional else None
    return "ok", got


def list_option(value, allowed):
    """The set of names of a comma-separated list, or None when one is not allowed."""
    names = value.split(",")
    return None if any(n not in allowed for n in names) else set(names)


def holds_areas(d):
    return any(os.path.isdir(os.path.join(d, a)) for a in OPERATIONS)


def default_dir():
    """The suite when no DIR is given: the folder run.py is in when it holds area folders, else
    the folder above it when run.py is in a tools/ folder and that one holds them (the layout
    of the suite archive), else ./conformance when it is a folder; None when there is none."""
    here = os.path.dirname(os.path.abspath(__file__))
    if holds_areas(here):
        return here
    up = os.path.dirname(here)
    if os.path.basename(here) == "tools" and holds_areas(up):
        return up
    return "conformance" if os.path.isdir("conformance") else None


def suite_version(root):
    """The first line of the VERSION file of root or of one of the two folders above it, or
    None."""
    for up in ("VERSION", "../VERSION", "../../VERSION"):
        try:
            with open(path_join(root, up), "rb") as f:
                line = f.readline(63)
        except OSError:
            continue
        line = line.split(b"\n")[0].split(b"\r")[0]
        if line:
            return sanitize(line, 64)
    return None


def counts_line(t):
    return "%d passed, %d failed, %d skipped" % (t[PASS], t[FAIL], t[SKIP])


def main(argv):
    status, a = parse_args(argv)
    if status == "help":
        sys.stdout.write(HELP)
        return EXIT_OK
    if status == "usage":
        return usage(a)
    adapter = a.get("adapter")
    timeout_s = 10
    if "timeout" in a:
        t = a["timeout"]
        if not (t.isascii() and t.isdigit()) or not 1 <= int(t) <= 3600:
            return usage("--timeout takes whole seconds from 1 to 3600")
        timeout_s = int(t)
    if adapter is None:
        return usage("--adapter 'CMD' is required, e.g. --adapter 'python3 adapter.py' "
                     "(run.py has no in-process mode)")
    if adapter == "":
        return usage("--adapter needs a command, e.g. --adapter 'python3 adapter.py'")
    only = None
    if "only" in a:
        only = list_option(a["only"], OPERATIONS)
        if only is None:
            return usage("--only takes a comma-separated list of encode, sign_v1, sign_v3, ids, "
                         "decode")
    levels = set(LEVELS)
    if "level" in a:
        levels = list_option(a["level"], LEVELS)
        if levels is None:
            return usage("--level takes a comma-separated list of protocol, client, ecskp")
    root = a["dir"] if a["dir"] is not None else default_dir()
    if root is None:
        return usage("no suite found: no area folder (%s) next to run.py or above its tools/ "
                     "folder; give DIR, the suite folder" % ", ".join(OPERATIONS))
    if not os.path.isdir(root):
        return usage("'%s' is not a folder; give the suite folder, the one holding the area "
                     "folders (%s)" % (root, ", ".join(OPERATIONS)))
    as_json = a.get("json", False)
    verbose = a.get("verbose", False)
    persistent = a.get("persistent", False)

    paths = []
    walk(root, 0, paths)
    if verbose and not as_json:
        print("suite %s: %d case folders in %s, %s" % (
            suite_version(root) or "unknown", len(paths), root,
            "through the persistent adapter" if persistent else "through the adapter"))
        sys.stdout.flush()
    runner = (Persistent if persistent else OneShot)(adapter, timeout_s)
    per_level = {lv: {PASS: 0, FAIL: 0, SKIP: 0} for lv in LEVELS}
    total = {PASS: 0, FAIL: 0, SKIP: 0}
    report = []

    def record(c, verdict, why, bad):
        name = case_name(c.path)
        counted = FAIL if verdict == GARBLED else verdict
        total[counted] += 1
        if c.level is not None:
            per_level[c.level][counted] += 1
        if as_json:
            entry = {"case": name, "operation": c.operation, "level": c.level,
                     "result": counted}
            if counted != PASS:
                entry["why"] = sanitize(clip(why), 1100)
            report.append(entry)
            return
        if counted == PASS and verbose:
            print("ok   %s" % name)
        elif counted == SKIP and verbose:
            print("SKIP %s: %s" % (name, clip(why)))
        elif counted == FAIL:
            print("FAIL %s: %s%s" % (name, "bad case: " if bad else "", clip(why)))
        sys.stdout.flush()

    try:
        for path in paths:
            try:
                c = load_case(path)
                bad, why = False, None
            except BadCase as e:
                c, bad, why = e.case, True, clip(str(e))
            # Cases of the operations and levels not asked for are neither run nor counted;
            # a case whose operation or level is not known counts as failed.
            if (c.operation is not None and only is not None and c.operation not in only) or \
                    (c.level is not None and c.level not in levels):
                continue
            if bad:
                record(c, FAIL, why, True)
            else:
                verdict, why = runner.run(c)
                record(c, verdict, why, False)
    finally:
        runner.close()

    ran = [lv for lv in LEVELS if sum(per_level[lv].values()) > 0]
    if as_json:
        doc = {"suite": suite_version(root), "adapter": adapter,
               "levels": {lv: {"passed": per_level[lv][PASS], "failed": per_level[lv][FAIL],
                               "skipped": per_level[lv][SKIP]} for lv in ran},
               "total": {"passed": total[PASS], "failed": total[FAIL], "skipped": total[SKIP]},
               "cases": report}
        text = json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n"
        sys.stdout.buffer.write(text.encode("utf-8", "surrogateescape"))
        sys.stdout.flush()
    else:
        for lv in ran:
            print("%s: %s" % (lv, counts_line(per_level[lv])))
        print(counts_line(total))
    if total[PASS] == 0 and total[FAIL] == 0:
        warn("%s in %s; give the suite folder" % (
            "every case that ran was skipped" if total[SKIP] > 0 else "no case ran", root))
    return EXIT_OK if total[FAIL] == 0 and total[PASS] > 0 else EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
