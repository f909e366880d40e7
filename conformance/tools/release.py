#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""release.py - the suite archive that another project vendors without ecskp's sources.

    python3 conformance/tools/release.py            writes build/ecskp-conformance-<VERSION>.tar.gz
    python3 conformance/tools/release.py --check    also builds it again (the same bytes), unpacks
                                                     it into a temporary folder, checks that the
                                                     links of its READMEs and the headers its cases
                                                     cite are in it, runs the unpacked
                                                     tools/run.py with `ECSKP adapter` and compares
                                                     its counts with `ecskp conformance`, and runs
                                                     the unpacked example adapter at --level protocol
    options: --output DIR (default build/ at the top of the repository), --ecskp PATH (for
             --check; default $ECSKP, else `ecskp` on PATH)

The archive holds one folder, ecskp-conformance-<VERSION>/, laid out as the repository's
conformance/ folder: README.md, VERSION, LICENSE, RESULTS.md, the case folders (encode, sign_v1,
sign_v3, ids, decode), tools/run.py (the standalone runner, Python's standard library only),
adapters/README.md, adapters/python/adapter.py (the worked example adapter), adapters/node/
(package.json, package-lock.json and the *.js files; not node_modules), and, as reference
documents, the ecskp headers that the cases and READMEs cite (codec/include/ecskp/X.h as
headers/ecskp/X.h). It is reproducible: members in byte order of their names, every mtime
SOURCE_DATE_EPOCH (else a fixed date), owner and group 0 with no names, modes 0644 (0755 for
folders and for files that start with "#!"), and a gzip header without name or time. Prints the
path and the member count.
"""

import gzip
import hashlib
import io
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tarfile
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SUITE = os.path.normpath(os.path.join(HERE, ".."))
ROOT = os.path.normpath(os.path.join(SUITE, ".."))
HEADERS = os.path.join(ROOT, "codec", "include", "ecskp")
AREAS = ("encode", "sign_v1", "sign_v3", "ids", "decode")
MTIME = 1704067200  # 2024-01-01T00:00:00Z, when SOURCE_DATE_EPOCH is not set
READMES = ("README.md", "adapters/README.md")
# A header named in a case or a README: codec/include/ecskp/X.h, or ecskp/X.h for short.
CITED_HEADER = re.compile(r"(?:codec/include/)?ecskp/([a-z0-9_]+\.h)\b")


def version():
    with open(os.path.join(SUITE, "VERSION"), encoding="utf-8") as f:
        v = f.readline().strip()
    if not v or "/" in v or v.startswith("."):
        raise SystemExit("release.py: conformance/VERSION holds no version")
    return v


def _tree(top, prefix):
    """[(name, path)] of the files under top (no dot files, no __pycache__)."""
    out = []
    for d, dirs, names in os.walk(top):
        dirs[:] = [x for x in dirs if not x.startswith(".") and x != "__pycache__"]
        for n in names:
            if not n.startswith("."):
                p = os.path.join(d, n)
                out.append((prefix + os.path.relpath(p, top).replace(os.sep, "/"), p))
    return out


def cited_headers(files):
    """The names X.h of the ecskp headers that the case.json files and the READMEs cite."""
    names = set()
    for name, path in files:
        if name in READMES or name.endswith("/case.json"):
            with open(path, encoding="utf-8") as f:
                names.update(CITED_HEADER.findall(f.read()))
    return names


def members():
    """[(name inside the top folder, path on disk)] of the files, in byte order of the names."""
    files = [("README.md", os.path.join(SUITE, "README.md")),
             ("VERSION", os.path.join(SUITE, "VERSION")),
             ("LICENSE", os.path.join(ROOT, "LICENSE")),
             ("RESULTS.md", os.path.join(SUITE, "RESULTS.md")),
             ("tools/run.py", os.path.join(HERE, "run.py")),
             ("adapters/README.md", os.path.join(SUITE, "adapters", "README.md")),
             ("adapters/python/adapter.py",
              os.path.join(SUITE, "adapters", "python", "adapter.py"))]
    for name, path in files:
        if not os.path.isfile(path):
            raise SystemExit("release.py: %s is missing (%s)" % (name, os.path.relpath(path)))
    node = os.path.join(SUITE, "adapters", "node")
    for n in ("package.json", "package-lock.json"):
        if not os.path.isfile(os.path.join(node, n)):
            raise SystemExit("release.py: adapters/node/%s is missing" % n)
    for n in sorted(os.listdir(node)):
        p = os.path.join(node, n)
        if os.path.isfile(p) and (n in ("package.json", "package-lock.json") or n.endswith(".js")):
            files.append(("adapters/node/" + n, p))
    for area in AREAS:
        top = os.path.join(SUITE, area)
        if not os.path.isdir(top):
            raise SystemExit("release.py: the area folder %s is missing" % area)
        files.extend(_tree(top, area + "/"))
    for h in sorted(cited_headers(files)):
        p = os.path.join(HEADERS, h)
        if not os.path.isfile(p):
            raise SystemExit("release.py: a case or README cites ecskp/%s, which is not in "
                             "codec/include/ecskp/" % h)
        files.append(("headers/ecskp/" + h, p))
    return sorted(files, key=lambda f: f[0].encode("utf-8", "surrogateescape"))


def build(top, files, mtime):
    """The archive's bytes."""
    entries = {}
    for name, path in files:
        parts = name.split("/")
        for i in range(1, len(parts)):
            entries.setdefault("/".join(parts[:i]), None)
        entries[name] = path
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name in [""] + sorted(entries, key=lambda n: n.encode("utf-8", "surrogateescape")):
            path = entries.get(name)
            info = tarfile.TarInfo(top + ("/" + name if name else ""))
            info.mtime = mtime
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            if path is None:
                info.type = tarfile.DIRTYPE
                info.mode = 0o755
                tar.addfile(info)
                continue
            with open(path, "rb") as f:
                data = f.read()
            info.size = len(data)
            info.mode = 0o755 if data.startswith(b"#!") else 0o644
            tar.addfile(info, io.BytesIO(data))
    out = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0, compresslevel=9) as gz:
        gz.write(raw.getvalue())
    return out.getvalue(), len(entries) + 1


def counts(report):
    return report["levels"], report["total"]


MD_LINK = re.compile(r"\]\(([^)\s]+)\)")


def check_paths(unpacked):
    """Problems with the paths inside the unpacked archive: every relative link of its READMEs
    resolves in it, and every ecskp header a case or README cites is in headers/ecskp/."""
    problems = []
    files = _tree(unpacked, "")
    for readme in READMES:
        with open(os.path.join(unpacked, readme), encoding="utf-8") as f:
            text = f.read()
        here = os.path.dirname(readme)
        for target in MD_LINK.findall(text):
            if "://" in target or target.startswith("#") or target.startswith("mailto:"):
                continue
            rel = os.path.normpath(os.path.join(here, target.split("#", 1)[0]))
            if rel.startswith("..") or not os.path.exists(os.path.join(unpacked, rel)):
                problems.append("%s links to %s, which is not in the archive" % (readme, target))
    for h in sorted(cited_headers(files)):
        if not os.path.isfile(os.path.join(unpacked, "headers", "ecskp", h)):
            problems.append("ecskp/%s is cited but not in headers/ecskp/" % h)
    return problems


def run_json(what, cmd, **kw):
    """Runs a runner with --json; its report, or None (and the reason printed)."""
    p = subprocess.run(cmd, capture_output=True, **kw)
    try:
        return json.loads(p.stdout), p.returncode
    except ValueError:
        err = p.stderr.decode("utf-8", "replace").strip().splitlines()
        print("release.py: %s printed no report (exit %d)%s" % (
            what, p.returncode, (": " + err[0]) if err else ""))
        return None, p.returncode


def check(archive, top, ecskp):
    """Unpacks the archive and compares the unpacked runner with `ecskp conformance`."""
    adapter = "%s adapter" % shlex.quote(ecskp)
    tmp = tempfile.mkdtemp(prefix="ecskp-conformance-check-")
    try:
        with tarfile.open(archive) as tar:
            names = tar.getnames()
            if any(not (n == top or n.startswith(top + "/")) or ".." in n.split("/")
                   for n in names):
                raise SystemExit("release.py: the archive holds a member outside %s/" % top)
            if sys.version_info >= (3, 12):
                tar.extractall(tmp, filter="data")
            else:
                tar.extractall(tmp)
        unpacked = os.path.join(tmp, top)
        problems = check_paths(unpacked)
        for m in problems:
            print("release.py: " + m)
        if problems:
            return 1
        # The unpacked runner finds the suite above its tools/ folder, run from anywhere.
        mine, prc = run_json("the unpacked tools/run.py",
                             [sys.executable, os.path.join(unpacked, "tools", "run.py"), "--json",
                              "--adapter", adapter], cwd=tmp)
        theirs, qrc = run_json("ecskp conformance",
                               [ecskp, "conformance", "--json", "--adapter", adapter, SUITE])
        if mine is None or theirs is None:
            return 1
        same = (counts(mine) == counts(theirs) and prc == qrc and
                [(c["case"], c["result"]) for c in mine["cases"]] ==
                [(c["case"], c["result"]) for c in theirs["cases"]])
        for who, r, rc in (("unpacked tools/run.py", mine, prc),
                           ("ecskp conformance", theirs, qrc)):
            t = r["total"]
            print("%s: %s; %d passed, %d failed, %d skipped (exit %d)" % (
                who, ", ".join("%s %d/%d/%d" % (lv, c["passed"], c["failed"], c["skipped"])
                               for lv, c in r["levels"].items()),
                t["passed"], t["failed"], t["skipped"], rc))
        if not same:
            print("release.py: the unpacked runner and ecskp conformance disagree")
            return 1
        if mine["suite"] != top.rsplit("-", 1)[1]:
            print("release.py: the unpacked suite says version %s" % mine["suite"])
            return 1
        # The unpacked example adapter through the unpacked runner, as the README runs it in
        # the suite folder: nothing else needed.
        ex, erc = run_json("the unpacked example adapter",
                           [sys.executable, "tools/run.py", "--json", "--persistent", "--level",
                            "protocol", "--adapter", "python3 adapters/python/adapter.py"],
                           cwd=unpacked)
        if ex is None:
            return 1
        t = ex["total"]
        print("unpacked example adapter, protocol level: %d passed, %d failed, %d skipped"
              % (t["passed"], t["failed"], t["skipped"]))
        if erc != 0:
            print("release.py: the unpacked example adapter fails at the protocol level")
            return 1
        print("release.py: the unpacked runner gives the same counts as ecskp conformance")
        return 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main(argv):
    output = os.path.join(ROOT, "build")
    ecskp = os.environ.get("ECSKP") or shutil.which("ecskp")
    do_check = False
    args = list(argv)
    while args:
        a = args.pop(0)
        if a == "--check":
            do_check = True
        elif a == "--output" and args:
            output = args.pop(0)
        elif a == "--ecskp" and args:
            ecskp = args.pop(0)
        elif a in ("-h", "--help"):
            sys.stdout.write(__doc__)
            return 0
        else:
            sys.stderr.write("release.py: usage: release.py [--check] [--output DIR] "
                             "[--ecskp PATH]\n")
            return 2
    v = version()
    top = "ecskp-conformance-" + v
    mtime = int(os.environ.get("SOURCE_DATE_EPOCH", MTIME))
    files = members()
    data, count = build(top, files, mtime)
    os.makedirs(output, exist_ok=True)
    archive = os.path.join(output, top + ".tar.gz")
    with open(archive + ".tmp", "wb") as f:
        f.write(data)
    os.replace(archive + ".tmp", archive)
    print("%s: %d members, sha256 %s" % (os.path.relpath(archive), count,
                                         hashlib.sha256(data).hexdigest()))
    if not do_check:
        return 0
    again, _ = build(top, members(), mtime)
    if again != data:
        print("release.py: a second build differs: the archive is not reproducible")
        return 1
    if not ecskp:
        sys.stderr.write("release.py: --check needs the ecskp binary: --ecskp PATH or ECSKP\n")
        return 2
    return check(archive, top, os.path.abspath(ecskp) if os.sep in ecskp else ecskp)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
