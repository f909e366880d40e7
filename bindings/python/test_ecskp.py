#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Tests of the ecskp Python package against the shared library.

Run from the source root (the cases are read from conformance/):

    ECSKP_LIBRARY=build/codec/libecskp.so.1 PYTHONPATH=bindings/python \
        python3 bindings/python/test_ecskp.py

Nothing is skipped: a library that cannot be loaded fails every test.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import io
import json
import re
import unittest
from pathlib import Path
from typing import Any

import ecskp

HERE = Path(__file__).resolve().parent
ROOT = Path.cwd() if (Path.cwd() / "conformance").is_dir() else HERE.parent.parent
CONFORMANCE = ROOT / "conformance"
README = HERE / "README.md"

SECRET = "S3cr3t-never-in-any-message"


def case_dir(area: str, name: str) -> Path:
    path = CONFORMANCE / area / name
    if not path.is_dir():
        raise AssertionError(f"conformance case {path} not found (run from the source root)")
    return path


def read_text(path: Path) -> str:
    """An expected artifact: the file is exactly the text (no trailing newline)."""
    return path.read_bytes().decode("utf-8")


def read_json(path: Path) -> Any:
    with path.open(encoding="utf-8") as f:
        return json.load(f)


def attach_example() -> dict[str, Any]:
    return read_json(case_dir("sign_v1", "documented_attach_example_post") / "request.json")


class LibraryTest(unittest.TestCase):
    lib: ecskp.Library

    @classmethod
    def setUpClass(cls) -> None:
        # Fails (does not skip) when the library cannot be loaded.
        cls.lib = ecskp.load()

    def test_version(self) -> None:
        text = ecskp.version()
        self.assertEqual(text, self.lib.version())
        self.assertRegex(text, r"^1\.\d+\.\d+")

    def test_missing_symbols_refused(self) -> None:
        # A library without the JSON entry points (here: libc) is refused by name.
        with self.assertRaises(OSError) as ctx:
            ecskp.load("libc.so.6")
        self.assertIn("ecskp_json_sign", str(ctx.exception))
        ecskp.load()  # back to the library under test


class SignV1Test(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        ecskp.load()

    def test_documented_attach_example_post(self) -> None:
        folder = case_dir("sign_v1", "documented_attach_example_post")
        case = read_json(folder / "case.json")["input"]
        self.assertEqual((case["method"], case["secret"]), ("POST", "testsecret"))
        answer = ecskp.sign(read_json(folder / "request.json"), signature="v1",
                            method="POST", secret="testsecret")
        self.assertEqual(answer["signature"], read_text(folder / "signature.txt"))
        self.assertEqual(answer["signature"], "Y9pFVorKU6CFJHdT353LF2ytjBQ=")
        self.assertEqual(answer["string_to_sign"], read_text(folder / "string_to_sign.txt"))
        self.assertEqual(answer["canonical_query"], read_text(folder / "canonical_query.txt"))
        self.assertEqual(answer["signed_query"], read_text(folder / "signed_query.txt"))
        self.assertEqual(answer["body"], answer["signed_query"])  # POST: the signed form
        self.assertEqual(answer["method"], "POST")
        self.assertNotIn("authorization", answer)
        self.assertNotIn("canonical_request", answer)

    def test_documented_attach_example_get(self) -> None:
        folder = case_dir("sign_v1", "documented_attach_example_get")
        case = read_json(folder / "case.json")["input"]
        answer = ecskp.sign(read_json(folder / "request.json"), signature="v1",
                            method=case["method"], secret=case["secret"])
        self.assertEqual(case["method"], "GET")
        self.assertEqual(answer["signature"], read_text(folder / "signature.txt"))
        self.assertEqual(answer["signed_query"], read_text(folder / "signed_query.txt"))
        self.assertEqual(answer["query"], answer["signed_query"])  # GET: the signed query

    def test_signer_values_outside_the_request(self) -> None:
        # The same documented example with AccessKeyId, Timestamp and SignatureNonce given
        # as signer members instead of parameters: the same signature.
        folder = case_dir("sign_v1", "documented_attach_example_post")
        request = attach_example()
        access_key_id = request.pop("AccessKeyId")
        timestamp = request.pop("Timestamp")
        nonce = request.pop("SignatureNonce")
        answer = ecskp.sign(request, signature="v1", secret="testsecret",
                            access_key_id=access_key_id, timestamp=timestamp, nonce=nonce)
        self.assertEqual(answer["signature"], read_text(folder / "signature.txt"))
        self.assertEqual(answer["signed_query"], read_text(folder / "signed_query.txt"))


class SignGenerateTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        ecskp.load()

    def test_generate_v1(self) -> None:
        # Timestamp and SignatureNonce from the system; the signature is checked here,
        # independently, with hmac: Base64(HMAC-SHA1(secret + "&", StringToSign)).
        request = attach_example()
        del request["Timestamp"], request["SignatureNonce"]
        answer = ecskp.sign(request, signature="v1", secret="testsecret", generate=True)
        self.assertRegex(answer["canonical_query"],
                         r"&SignatureNonce=[0-9a-f]{32}&SignatureVersion=1\.0"
                         r"&Timestamp=\d{4}-\d\d-\d\dT\d\d%3A\d\d%3A\d\dZ&")
        digest = hmac.new(b"testsecret&", answer["string_to_sign"].encode(), "sha1").digest()
        self.assertEqual(answer["signature"], base64.b64encode(digest).decode())
        self.assertTrue(answer["string_to_sign"].startswith("POST&%2F&AccessKeyId%3Dtestid%26"))

    def test_without_generate_nothing_is_invented(self) -> None:
        request = attach_example()
        del request["Timestamp"]
        with self.assertRaises(ecskp.Error) as ctx:
            ecskp.sign(request, signature="v1", secret="testsecret")
        self.assertEqual((ctx.exception.status, ctx.exception.field),
                         ("missing_parameter", "Timestamp"))


class SignV3Test(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        ecskp.load()

    def check_case(self, name: str) -> None:
        folder = case_dir("sign_v3", name)
        case = read_json(folder / "case.json")["input"]
        answer = ecskp.sign(read_json(folder / "request.json"), signature="v3",
                            method=case["method"], secret=case["secret"], host=case["host"])
        for artifact in ("authorization", "string_to_sign", "canonical_request", "signature"):
            with self.subTest(case=name, artifact=artifact):
                self.assertEqual(answer[artifact], read_text(folder / f"{artifact}.txt"))
        self.assertNotIn("signed_query", answer)

    def test_typed_attach(self) -> None:
        self.check_case("typed_attach")
        folder = case_dir("sign_v3", "typed_attach")
        self.assertEqual(read_text(folder / "signature.txt"),
                         "6166830454a86fbd29ff91347548758e1de5c4470d0c8b639718d1a1fd0b7bae")

    def test_typed_detach_documented_example(self) -> None:
        self.check_case("typed_detach_documented_example")

    def test_json_body(self) -> None:
        # The body travels as body_base64; content-type and its SHA-256 are signed.
        folder = case_dir("sign_v3", "json_body")
        case = read_json(folder / "case.json")["input"]
        body = (folder / "body.json").read_bytes()
        answer = ecskp.sign(read_json(folder / "request.json"), signature="v3",
                            method=case["method"], secret=case["secret"], host=case["host"],
                            body=body, content_type=case["content_type"])
        for artifact in ("authorization", "string_to_sign", "canonical_request", "signature"):
            with self.subTest(artifact=artifact):
                self.assertEqual(answer[artifact], read_text(folder / f"{artifact}.txt"))
        self.assertEqual(answer["body"], body.decode("utf-8"))
        self.assertTrue(answer["canonical_request"].endswith(hashlib.sha256(body).hexdigest()))

    def test_body_not_utf8(self) -> None:
        # json.h: the answer's body is Base64 in body_base64 when it is not valid UTF-8.
        folder = case_dir("sign_v3", "json_body")
        case = read_json(folder / "case.json")["input"]
        body = b"\xff\x00\xfe"
        answer = ecskp.sign(read_json(folder / "request.json"), signature="v3",
                            secret=case["secret"], host=case["host"], body=body,
                            content_type="application/octet-stream")
        self.assertEqual(base64.b64decode(answer["body_base64"]), body)
        self.assertNotIn("body", answer)
        self.assertTrue(answer["canonical_request"].endswith(hashlib.sha256(body).hexdigest()))


class DecodeTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        ecskp.load()

    def check_case(self, name: str) -> None:
        folder = case_dir("decode", name)
        case = read_json(folder / "case.json")["input"]
        bodies = [p for p in (folder / "body.json", folder / "body.xml") if p.is_file()]
        self.assertEqual(len(bodies), 1, name)
        answer = ecskp.decode(bodies[0].read_bytes(), action=case["action"],
                              format=case["format"], http_status=case.get("http_status", 0))
        expected = read_json(folder / "response.json")
        if "Error" in expected:  # the library keeps the advice (the a_ case's) inside Error
            expected["Error"].update(read_json(folder.parent / ("a_" + name[2:]) / "advice.json"))
        self.assertEqual(answer, expected)

    def test_documented_attach_success_json(self) -> None:
        self.check_case("y_documented_attach_success_json")

    def test_documented_attach_success_xml(self) -> None:
        self.check_case("y_documented_attach_success_xml")

    def test_documented_detach_success_json(self) -> None:
        self.check_case("y_documented_detach_success_json")

    def test_documented_detach_success_xml(self) -> None:
        self.check_case("y_documented_detach_success_xml")

    def test_documented_detach_windows_error_json(self) -> None:
        self.check_case("y_documented_detach_windows_error_json")

    def test_documented_error_xml(self) -> None:
        self.check_case("y_documented_error_xml")

    def test_exact_values(self) -> None:
        folder = case_dir("decode", "y_documented_attach_success_json")
        answer = ecskp.decode((folder / "body.json").read_bytes(), action="AttachKeyPair",
                              format="JSON", http_status=200)
        self.assertEqual(answer["RequestId"], "4ADF7A06-66BD-4FBF-A2ED-2364E41D8C06")
        self.assertEqual((answer["TotalCount"], answer["FailCount"]), (2, 0))
        self.assertEqual([r["InstanceId"] for r in answer["Results"]],
                         ["i-m5eg7be9ndloji64****", "i-m5e25x2mwr0hk33d****"])

    def test_bytearray_body(self) -> None:
        folder = case_dir("decode", "y_documented_attach_success_json")
        body = bytearray((folder / "body.json").read_bytes())
        answer = ecskp.decode(body, action="AttachKeyPair", format="JSON")
        self.assertEqual(answer, read_json(folder / "response.json"))


class RefusalTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        ecskp.load()

    def sign_error(self, request: dict[str, Any], **kwargs: Any) -> ecskp.Error:
        kwargs.setdefault("signature", "v1")
        kwargs.setdefault("secret", SECRET)
        with self.assertRaises(ecskp.Error) as ctx:
            ecskp.sign(request, **kwargs)
        error = ctx.exception
        self.assert_no_secret(error, kwargs["secret"])
        return error

    def decode_error(self, body: bytes, **kwargs: Any) -> ecskp.Error:
        kwargs.setdefault("action", "AttachKeyPair")
        kwargs.setdefault("format", "JSON")
        with self.assertRaises(ecskp.Error) as ctx:
            ecskp.decode(body, **kwargs)
        return ctx.exception

    def assert_no_secret(self, error: ecskp.Error, secret: str) -> None:
        if not secret:
            return
        for text in (str(error), repr(error), error.message, error.field or "",
                     repr(error.args)):
            self.assertNotIn(secret, text)

    def test_missing_region_id(self) -> None:
        request = attach_example()
        del request["RegionId"]
        error = self.sign_error(request)
        self.assertEqual(error.status, "missing_parameter")
        self.assertEqual(error.field, "RegionId")
        self.assertIsNone(error.index)
        self.assertIsInstance(error.message, str)
        self.assertTrue(str(error).startswith("missing_parameter"), str(error))
        self.assertIn("RegionId", str(error))

    def test_conformance_typed_missing_region_id(self) -> None:
        folder = case_dir("sign_v1", "typed_missing_region_id")
        case = read_json(folder / "case.json")["input"]
        error = self.sign_error(read_json(folder / "request.json"), method=case["method"],
                                secret=case["secret"])
        self.assertEqual(error.status, read_text(folder / "error.txt").strip())
        self.assertEqual(error.field, "RegionId")

    def test_missing_secret(self) -> None:
        error = self.sign_error(attach_example(), secret="")
        self.assertEqual(error.status, "missing_secret")

    def test_duplicate_instance_id(self) -> None:
        request = attach_example()
        request["InstanceIds"] = ["i-a", "i-b", "i-a"]
        error = self.sign_error(request)
        self.assertEqual(error.status, "ids_duplicate")
        self.assertEqual(error.index, 2)

    def test_invalid_timestamp(self) -> None:
        request = attach_example()
        request["Timestamp"] = "2016-02-23T12:46:24.000Z"
        error = self.sign_error(request)
        self.assertEqual(error.status, "invalid_timestamp")

    def test_unknown_signature_version(self) -> None:
        error = self.sign_error(attach_example(), signature="v2")
        self.assertEqual(error.status, "invalid_argument")
        self.assertEqual(error.field, "signature")

    def test_secret_never_in_error(self) -> None:
        # Failures after the secret was read, with secrets that look like request text.
        for secret in (SECRET, "cn-qingdao-secret", "testsecret&"):
            with self.subTest(secret=secret):
                request = attach_example()
                del request["KeyPairName"]
                error = self.sign_error(request, secret=secret)
                self.assertEqual(error.status, "missing_parameter")
                self.assertEqual(error.field, "KeyPairName")
            with self.subTest(secret=secret, signature="v3"):
                request = attach_example()
                request["Timestamp"] = "not a time"
                error = self.sign_error(request, signature="v3", secret=secret,
                                        host="ecs.cn-qingdao.aliyuncs.com")
                self.assertEqual(error.status, "invalid_timestamp")

    def test_secret_type(self) -> None:
        with self.assertRaises(TypeError) as ctx:
            ecskp.sign(attach_example(), signature="v1", secret=SECRET.encode())  # type: ignore[arg-type]
        self.assertNotIn(SECRET, str(ctx.exception))

    def test_empty_body(self) -> None:
        error = self.decode_error(b"")
        self.assertEqual(error.status, "empty_body")
        error = self.decode_error(b" \n", format="XML")
        self.assertEqual(error.status, "empty_body")

    def test_unsupported_format(self) -> None:
        # json.h: a member missing or of the wrong type is invalid_argument; "YAML" is a
        # string, so it reaches the decoder, which refuses every format other than JSON or
        # XML with unsupported_format (decode.h, conformance/README.md).
        folder = case_dir("decode", "y_documented_attach_success_json")
        error = self.decode_error((folder / "body.json").read_bytes(), format="YAML")
        self.assertEqual(error.status, "unsupported_format")
        self.assertEqual(error.field, "format")  # json.h: diag.field "format", the option

    def test_format_of_wrong_type(self) -> None:
        folder = case_dir("decode", "y_documented_attach_success_json")
        error = self.decode_error((folder / "body.json").read_bytes(), format=1)
        self.assertEqual(error.status, "invalid_argument")
        self.assertEqual(error.field, "format")

    def test_action_of_wrong_type(self) -> None:
        # json.h: a member of the wrong type is invalid_argument, diag.field = the option.
        error = self.decode_error(b"{}", action=None)
        self.assertEqual(error.status, "invalid_argument")
        self.assertEqual(error.field, "action")

    def test_v3_without_host(self) -> None:
        # conformance sign_v3/missing_host: a V3 request without a host is missing_parameter.
        folder = case_dir("sign_v3", "missing_host")
        case = read_json(folder / "case.json")["input"]
        self.assertNotIn("host", case)
        error = self.sign_error(read_json(folder / "request.json"), signature="v3",
                                method=case["method"], secret=case["secret"])
        self.assertEqual(error.status, read_text(folder / "error.txt").strip())
        self.assertEqual(error.status, "missing_parameter")
        self.assertEqual(error.field, "host")

    def test_malformed_body_offset(self) -> None:
        error = self.decode_error(b'{"RequestId": "x",')
        self.assertEqual(error.status, "malformed_body")
        self.assertIsInstance(error.offset, int)

    def test_dtd_refused(self) -> None:
        body = (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]>'
                b"<AttachKeyPairResponse><RequestId>&a;</RequestId></AttachKeyPairResponse>")
        error = self.decode_error(body, format="XML")
        self.assertEqual(error.status, "dtd_refused")

    def test_body_too_large_by_limit(self) -> None:
        folder = case_dir("decode", "y_documented_attach_success_json")
        error = self.decode_error((folder / "body.json").read_bytes(),
                                  limits={"max_body_bytes": 16})
        self.assertEqual(error.status, "body_too_large")

    def test_error_str(self) -> None:
        error = ecskp.Error("missing_parameter", "required parameter missing", "RegionId")
        self.assertEqual(str(error),
                         "missing_parameter: required parameter missing (field RegionId)")
        self.assertEqual((error.offset, error.index), (None, None))
        error = ecskp.Error("malformed_body", "unexpected end", None, 17, None)
        self.assertEqual(str(error), "malformed_body: unexpected end (offset 17)")


class ReadmeTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        ecskp.load()

    def test_readme_example_runs(self) -> None:
        blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"),
                            flags=re.S)
        self.assertEqual(len(blocks), 1, "README.md must have exactly one ```python block")
        code = blocks[0]
        self.assertLess(len(code.splitlines()), 30)
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(code, str(README), "exec"), {"__name__": "__readme__"})
        self.assertEqual(out.getvalue().splitlines(), [
            "Y9pFVorKU6CFJHdT353LF2ytjBQ=",
            read_text(case_dir("sign_v1", "documented_attach_example_post")
                      / "signed_query.txt"),
            "4ADF7A06-66BD-4FBF-A2ED-2364E41D8C06 2 0",
            "i-m5eg7be9ndloji64**** 200 successful",
            "i-m5e25x2mwr0hk33d**** 200 successful",
            "refused: empty_body",
        ])


if __name__ == "__main__":
    unittest.main(verbosity=2)
