#!/usr/bin/env bash
# Copies the conformance inputs into the seed corpora, each named after its case folder:
#   conformance/decode/<case>/body.{json,xml,bin} -> corpus/decode_json/conformance__<case>.json
#     or corpus/decode_xml/conformance__<case>.xml (by the case's declared format), and
#     corpus/decode/conformance__<case> behind the 10-byte options header of fuzz_decode.c built
#     from the case's action, format, http_status and limits (limits above what one header byte
#     holds are left at their defaults);
#   conformance/ids/<case>/ids.json -> corpus/instance_ids/conformance__<case> (mode '0', JSON
#     text).
# Idempotent: previous conformance__* seeds are replaced. The result is committed. The
# documented examples are written by fuzz/make_seeds.py.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
exec python3 - "$root" <<'PY'
import glob, json, os, sys

root = sys.argv[1]
corpus = os.path.join(root, "corpus")
for h in ("decode_json", "decode_xml", "decode", "instance_ids"):
    for f in glob.glob(os.path.join(corpus, h, "conformance__*")):
        os.remove(f)

STATUSES = [0, 200, 400, 403, 404, 503, 204]

def header(inp):
    fmt_xml = str(inp.get("format", "")).lower() == "xml"
    detach = inp.get("action") == "DetachKeyPair"
    http = int(inp.get("http_status", 0) or 0)
    b0 = (1 if fmt_xml else 0) | (2 if detach else 0)
    b1 = b2 = 0
    if http in STATUSES:
        b0 |= STATUSES.index(http) << 5
    else:
        b0 |= 7 << 5
        b1, b2 = (http % 700) >> 8, (http % 700) & 255
    lim = inp.get("limits") or {}
    depth = int(lim.get("max_depth", 0) or 0)
    results = int(lim.get("max_results", 0) or 0)
    string = int(lim.get("max_string_bytes", 0) or 0)
    body = int(lim.get("max_body_bytes", 0) or 0)
    if lim:
        b0 |= 8
    fit = lambda v, m: v if v <= m else 0
    depth = fit(depth, 254)
    results, string, body = fit(results, 255), fit(string, 65535), fit(body, 65535)
    return bytes([b0, b1, b2, depth, results, string >> 8, string & 255, body >> 8, body & 255, 0])

n = 0
for case in sorted(glob.glob(os.path.join(root, "conformance", "decode", "*", "case.json"))):
    d = os.path.dirname(case)
    name = "conformance__" + os.path.basename(d)
    inp = json.load(open(case, encoding="utf-8")).get("input", {})
    bodies = [f for f in ("body.json", "body.xml", "body.bin") if os.path.exists(os.path.join(d, f))]
    if not bodies:
        continue
    data = open(os.path.join(d, bodies[0]), "rb").read()
    fmt = str(inp.get("format", "")).lower()
    if fmt == "xml":
        open(os.path.join(corpus, "decode_xml", name + ".xml"), "wb").write(data)
    else:
        open(os.path.join(corpus, "decode_json", name + ".json"), "wb").write(data)
    open(os.path.join(corpus, "decode", name), "wb").write(header(inp) + data)
    n += 1
for f in sorted(glob.glob(os.path.join(root, "conformance", "ids", "*", "ids.json"))):
    name = "conformance__" + os.path.basename(os.path.dirname(f))
    open(os.path.join(corpus, "instance_ids", name), "wb").write(b"0" + open(f, "rb").read())
    n += 1
print(f"make_corpus: {n} conformance inputs copied", file=sys.stderr)
PY
