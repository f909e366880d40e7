#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Copies the conformance inputs into the seed corpora, each named after its case folder:
#   conformance/decode/<case>/body.{json,xml,bin} -> corpus/decode_json/conformance__<case>.json
#     or corpus/decode_xml/conformance__<case>.xml (by the case's declared format), and
#     corpus/decode/conformance__<case> behind the options header of fuzz_decode.c built from
#     the case's action, format, http_status and limits (10 bytes, or 17 with the extended
#     limits when the case sets max_nodes, max_attributes, max_namespaces or max_markup_bytes,
#     or a limit at or one above its cap, which goes through the header's cap selector; any
#     other limit its header field cannot hold is left at its default); bodies over 64 KiB are
#     left out (the conformance test runs them; the fuzzers read at most 16 KiB of an input);
#   conformance/ids/<case>/ids.json -> corpus/instance_ids/conformance__<case> (mode '0', JSON
#     text);
#   every case of encode, sign_v1, sign_v3 and decode -> corpus/json/conformance__<area>__<case>
#     as the document of fuzz_json.c: '1' + {"request": request.json} (encode), '0' + the
#     signing document {"signature": "v1"|"v3", <case.json's input>, "body_base64": <the body>,
#     "request": request.json} (sign_v1, sign_v3), '2' + case.json's input + '\n' + the body
#     (decode; bodies over 64 KiB left out). request.json is embedded as written, malformed
#     ones included.
# Idempotent: previous conformance__* seeds are replaced. The result is committed. The
# documented examples are written by fuzz/make_seeds.py.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
exec python3 - "$root" <<'PY'
import base64, glob, json, os, sys

root = sys.argv[1]
corpus = os.path.join(root, "corpus")
for h in ("decode_json", "decode_xml", "decode", "instance_ids", "json"):
    for f in glob.glob(os.path.join(corpus, h, "conformance__*")):
        os.remove(f)

STATUSES = [0, 200, 400, 403, 404, 503, 204]
MAX_SEED = 64 << 10
# ecskp_limits in struct order, with the caps of decode.h.
LIMITS = [("max_body_bytes", 16 << 20), ("max_depth", 256), ("max_results", 65536),
          ("max_string_bytes", 1 << 20), ("max_nodes", 65536), ("max_attributes", 256),
          ("max_namespaces", 64), ("max_markup_bytes", 10000000)]
NEW_LIMITS = ("max_nodes", "max_attributes", "max_namespaces", "max_markup_bytes")

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
    lim = {k: int(v or 0) for k, v in (inp.get("limits") or {}).items()}
    if lim:
        b0 |= 8
    sel = 0
    for i, (name, cap) in enumerate(LIMITS):
        if lim.get(name, 0) in (cap, cap + 1) and sel == 0:
            sel = 0xF0 | (8 if lim[name] > cap else 0) | i
            lim[name] = 0
    ext = sel != 0 or any(lim.get(k, 0) for k in NEW_LIMITS)
    fit = lambda name, m: lim.get(name, 0) if lim.get(name, 0) <= m else 0
    depth, results = fit("max_depth", 254), fit("max_results", 255)
    string, body = fit("max_string_bytes", 65535), fit("max_body_bytes", 32767 if ext else 65535)
    out = bytes([b0, b1, b2, depth, results, string >> 8, string & 255,
                 (body >> 8) | (0x80 if ext else 0), body & 255, 0])
    if ext:
        nodes, attrs = fit("max_nodes", 65535), fit("max_attributes", 255)
        ns, markup = fit("max_namespaces", 64), fit("max_markup_bytes", 65535)
        out += bytes([nodes >> 8, nodes & 255, attrs, ns, markup >> 8, markup & 255, sel])
    return out

n = 0
for case in sorted(glob.glob(os.path.join(root, "conformance", "decode", "*", "case.json"))):
    d = os.path.dirname(case)
    name = "conformance__" + os.path.basename(d)
    inp = json.load(open(case, encoding="utf-8")).get("input", {})
    bodies = [f for f in ("body.json", "body.xml", "body.bin") if os.path.exists(os.path.join(d, f))]
    if not bodies:
        continue
    data = open(os.path.join(d, bodies[0]), "rb").read()
    if len(data) > MAX_SEED:
        continue
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
os.makedirs(os.path.join(corpus, "json"), exist_ok=True)
for case in sorted(glob.glob(os.path.join(root, "conformance", "*", "*", "case.json"))):
    d = os.path.dirname(case)
    area = os.path.basename(os.path.dirname(d))
    if area not in ("encode", "sign_v1", "sign_v3", "decode"):
        continue
    inp = json.load(open(case, encoding="utf-8")).get("input", {})
    files = {f: open(os.path.join(d, f), "rb").read() for f in os.listdir(d)}
    body = next((files[f] for f in ("body.json", "body.xml", "body.bin") if f in files), None)
    req = files.get("request.json", b"{}").strip()
    if area == "encode":
        data = b'1{"request":' + req + b"}"
    elif area == "decode":
        if body is None or len(body) > MAX_SEED:
            continue
        data = b"2" + json.dumps(inp, separators=(",", ":")).encode() + b"\n" + body
    else:
        doc = {"signature": "v1" if area == "sign_v1" else "v3", **inp}
        if body is not None:
            doc["body_base64"] = base64.b64encode(body).decode()
        data = (b"0" + json.dumps(doc, separators=(",", ":"), ensure_ascii=False).encode()[:-1] +
                b',"request":' + req + b"}")
    open(os.path.join(corpus, "json", "conformance__%s__%s" % (area, os.path.basename(d))),
         "wb").write(data)
    n += 1
print(f"make_corpus: {n} conformance inputs copied", file=sys.stderr)
PY
