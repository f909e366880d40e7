# SPDX-License-Identifier: MIT
"""ecskp: sign Alibaba Cloud ECS AttachKeyPair/DetachKeyPair requests and decode their
responses, through the C library libecskp (soname libecskp.so.1) and ctypes.

Only the one-call JSON entry points of ``ecskp/json.h`` are used: ``ecskp_json_sign``,
``ecskp_json_decode`` and ``ecskp_json_free``, plus ``ecskp_status_name`` and
``ecskp_version``. Each call builds one JSON document, hands it to the library and turns the
JSON answer into a ``dict``; a refusal raises :class:`Error` with the library's stable status
name and diagnostic.

    >>> import ecskp
    >>> signed = ecskp.sign(request, signature="v1", secret="...")   # doctest: +SKIP
    >>> ecskp.decode(body, action="AttachKeyPair", format="JSON")      # doctest: +SKIP

The library is found by :func:`load`: the path in the environment variable ``ECSKP_LIBRARY``
first, then ``ctypes.util.find_library("ecskp")``, then ``libecskp.so.1``. The module-level
functions load it on first use.
"""

from __future__ import annotations

import base64
import ctypes
import ctypes.util
import json
import os
import threading
from collections.abc import Mapping
from typing import Any

__all__ = ["Error", "Library", "load", "sign", "decode", "version"]
__version__ = "1.0.0"

_FIELD_SIZE = 64  # ECSKP_DIAG_FIELD_SIZE
_MESSAGE_SIZE = 256  # ECSKP_DIAG_MESSAGE_SIZE
_NO_VALUE = ctypes.c_size_t(-1).value  # ECSKP_NO_OFFSET == ECSKP_NO_INDEX == (size_t)-1
_SONAME = "libecskp.so.1"
_REQUIRED_SYMBOLS = ("ecskp_json_sign", "ecskp_json_decode", "ecskp_json_free",
                     "ecskp_status_name", "ecskp_version")


class _Diag(ctypes.Structure):
    """struct ecskp_diag of ecskp/status.h."""

    _fields_ = [
        ("status", ctypes.c_int),  # ecskp_status (a C enum: int)
        ("name", ctypes.c_char_p),  # ecskp_status_name(status), static
        ("field", ctypes.c_char * _FIELD_SIZE),
        ("offset", ctypes.c_size_t),
        ("index", ctypes.c_size_t),
        ("message", ctypes.c_char * _MESSAGE_SIZE),
    ]


class Error(Exception):
    """A call refused by the library (or a library that cannot be used as documented).

    Attributes:
        status: the stable status name of ``ecskp/status.h``, e.g. ``"missing_parameter"``.
        message: one line of English from the library.
        field: the parameter, option or body field concerned, or ``None``.
        offset: the byte offset in the input where it applies, or ``None``.
        index: the element index (or count) where it applies, or ``None``.

    No secret is ever part of an Error: the library never copies key material into a
    diagnostic, and this package additionally masks the secret of the call if it were found.
    """

    def __init__(self, status: str, message: str = "", field: str | None = None,
                 offset: int | None = None, index: int | None = None) -> None:
        super().__init__(status, message, field, offset, index)
        self.status = status
        self.message = message
        self.field = field
        self.offset = offset
        self.index = index

    def __str__(self) -> str:
        text = self.status
        if self.message:
            text += ": " + self.message
        details = []
        if self.field is not None:
            details.append("field " + self.field)
        if self.offset is not None:
            details.append(f"offset {self.offset}")
        if self.index is not None:
            details.append(f"index {self.index}")
        if details:
            text += " (" + ", ".join(details) + ")"
        return text


def _text(raw: bytes, secret: str | None) -> str:
    """Decodes a diag buffer (it may be cut inside a UTF-8 sequence) and masks the secret."""
    text = raw.decode("utf-8", errors="replace")
    if secret and secret in text:
        text = text.replace(secret, "[secret]")
    return text


def _encode_document(document: dict[str, Any]) -> bytearray:
    """The UTF-8 JSON text of an input document, in a buffer that can be wiped.

    Encoding errors are reported without the offending text, since the document may hold
    the secret.
    """
    try:
        text = json.dumps(document, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    except (TypeError, ValueError) as exc:
        problem: str | None = f"a value cannot be written as JSON ({type(exc).__name__})"
    else:
        problem = None
        try:
            return bytearray(text, "utf-8")
        except UnicodeEncodeError:
            problem = "a string is not encodable as UTF-8 (lone surrogate)"
        finally:
            del text
    # Raised outside the except blocks, so that no exception holding the text is chained.
    raise ValueError("ecskp: " + problem)


class Library:
    """One loaded libecskp and its prototypes. Use :func:`load` to make one.

    The library is reentrant and keeps no global state, so one instance may be used from
    any number of threads.
    """

    def __init__(self, cdll: ctypes.CDLL, path: str) -> None:
        missing = [name for name in _REQUIRED_SYMBOLS if not hasattr(cdll, name)]
        if missing:
            raise OSError(f"{path}: not ecskp 1.x, missing {', '.join(missing)}")
        self.path = path
        self._cdll = cdll

        self._json_sign = cdll.ecskp_json_sign
        self._json_sign.argtypes = [ctypes.POINTER(ctypes.c_char), ctypes.c_size_t,
                                    ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(_Diag)]
        self._json_sign.restype = ctypes.c_int

        self._json_decode = cdll.ecskp_json_decode
        self._json_decode.argtypes = [ctypes.c_char_p, ctypes.c_size_t,
                                      ctypes.POINTER(ctypes.c_char), ctypes.c_size_t,
                                      ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(_Diag)]
        self._json_decode.restype = ctypes.c_int

        # c_void_p, not c_char_p: the pointer must survive the call to be freed.
        self._json_free = cdll.ecskp_json_free
        self._json_free.argtypes = [ctypes.c_void_p]
        self._json_free.restype = None

        self._status_name = cdll.ecskp_status_name
        self._status_name.argtypes = [ctypes.c_int]
        self._status_name.restype = ctypes.c_char_p  # static string

        self._version = cdll.ecskp_version
        self._version.argtypes = []
        self._version.restype = ctypes.c_char_p  # static string

    def __repr__(self) -> str:
        return f"<ecskp.Library {self.path!r}>"

    def version(self) -> str:
        """The library's version string (ecskp_version())."""
        return self._version().decode("ascii", errors="replace")

    def _answer(self, status: int, out: ctypes.c_void_p, diag: _Diag,
                secret: str | None) -> dict[str, Any]:
        """Frees the returned text and turns it into a dict, or raises Error."""
        try:
            text = ctypes.string_at(out.value) if out.value else None
        finally:
            if out.value:
                self._json_free(out.value)
                out.value = None
        if status != 0:
            name = self._status_name(status)
            offset = diag.offset if diag.offset != _NO_VALUE else None
            index = diag.index if diag.index != _NO_VALUE else None
            raise Error(name.decode("ascii", errors="replace") if name else "unknown_status",
                        _text(diag.message, secret), _text(diag.field, secret) or None,
                        offset, index)
        if text is None:
            raise Error("unknown_status", "the library reported success without an answer")
        answer = json.loads(text.decode("utf-8"))
        if not isinstance(answer, dict):
            raise Error("unknown_status", "the library's answer is not a JSON object")
        return answer

    def sign(self, request: Mapping[str, Any], *, signature: str, secret: str,
             method: str | None = "POST", host: str | None = None,
             access_key_id: str | None = None, security_token: str | None = None,
             timestamp: str | None = None, nonce: str | None = None, generate: bool = False,
             body: bytes | None = None, content_type: str | None = None,
             path: str | None = None) -> dict[str, Any]:
        """Signs a request with ecskp_json_sign(). See :func:`ecskp.sign`."""
        if not isinstance(request, Mapping):
            raise TypeError("request must be a mapping of parameter name to value")
        if not isinstance(secret, str):
            raise TypeError("secret must be a str")
        document: dict[str, Any] = {"signature": signature}
        if method is not None:
            document["method"] = method
        if host is not None:
            document["host"] = host
        document["secret"] = secret
        for key, value in (("access_key_id", access_key_id), ("security_token", security_token),
                           ("timestamp", timestamp), ("nonce", nonce)):
            if value is not None:
                document[key] = value
        if generate is not False:
            document["generate"] = generate
        document["request"] = dict(request)
        if body is not None:
            if not isinstance(body, (bytes, bytearray, memoryview)):
                raise TypeError("body must be bytes")
            document["body_base64"] = base64.b64encode(bytes(body)).decode("ascii")
        if content_type is not None:
            document["content_type"] = content_type
        if path is not None:
            document["path"] = path

        data = _encode_document(document)
        del document
        size = len(data)
        buf = (ctypes.c_char * size).from_buffer(data)
        out = ctypes.c_void_p()
        diag = _Diag()
        try:
            status = self._json_sign(buf, size, ctypes.byref(out), ctypes.byref(diag))
        finally:
            ctypes.memset(buf, 0, size)  # the copy of the secret this package owns
            del buf
        return self._answer(status, out, diag, secret)

    def decode(self, body: bytes, *, action: str, format: str, http_status: int = 0,
               allow_inconsistent: bool = False,
               limits: Mapping[str, int] | None = None) -> dict[str, Any]:
        """Decodes a response body with ecskp_json_decode(). See :func:`ecskp.decode`."""
        if not isinstance(body, (bytes, bytearray, memoryview)):
            raise TypeError("body must be bytes (the exact bytes received)")
        body = bytes(body)
        options: dict[str, Any] = {"action": action, "format": format}
        if http_status != 0 or isinstance(http_status, bool):
            options["http_status"] = http_status  # 0 = unknown: left out
        if allow_inconsistent is not False:
            options["allow_inconsistent"] = allow_inconsistent
        if limits is not None:
            options["limits"] = dict(limits) if isinstance(limits, Mapping) else limits
        data = _encode_document(options)
        size = len(data)
        buf = (ctypes.c_char * size).from_buffer(data)
        out = ctypes.c_void_p()
        diag = _Diag()
        try:
            status = self._json_decode(body, len(body), buf, size, ctypes.byref(out),
                                       ctypes.byref(diag))
        finally:
            del buf
        return self._answer(status, out, diag, None)


_default: Library | None = None
_default_lock = threading.Lock()


def _open(path: str) -> Library:
    return Library(ctypes.CDLL(path), path)


def load(path: str | None = None) -> Library:
    """Loads libecskp and makes it the library of the module-level functions.

    With ``path``, exactly that file (or soname) is loaded. Without it: the environment
    variable ``ECSKP_LIBRARY`` if it is set (and then only it), else
    ``ctypes.util.find_library("ecskp")``, else ``libecskp.so.1`` through the dynamic
    loader's search path. A library without the ecskp 1.x JSON entry points is passed over.

    Raises:
        OSError: no usable library was found; the message lists every attempt.
    """
    global _default
    if path is not None:
        candidates = [path]
    elif os.environ.get("ECSKP_LIBRARY"):
        candidates = [os.environ["ECSKP_LIBRARY"]]
    else:
        candidates = []
        found = ctypes.util.find_library("ecskp")
        if found:
            candidates.append(found)
        if _SONAME not in candidates:
            candidates.append(_SONAME)
    failures = []
    for candidate in candidates:
        try:
            library = _open(candidate)
        except OSError as exc:
            failures.append(f"{candidate}: {exc}")
            continue
        with _default_lock:
            _default = library
        return library
    raise OSError("ecskp: cannot load libecskp (set ECSKP_LIBRARY to its path): "
                  + "; ".join(failures))


def _library() -> Library:
    with _default_lock:
        library = _default
    return library if library is not None else load()


def sign(request: Mapping[str, Any], *, signature: str, secret: str,
         method: str | None = "POST", host: str | None = None,
         access_key_id: str | None = None, security_token: str | None = None,
         timestamp: str | None = None, nonce: str | None = None, generate: bool = False,
         body: bytes | None = None, content_type: str | None = None,
         path: str | None = None) -> dict[str, Any]:
    """Signs a request (ecskp_json_sign()).

    Args:
        request: parameter name -> string value (``InstanceIds`` may be a list of strings).
            An ``Action`` of ``AttachKeyPair``/``DetachKeyPair`` is signed as the typed
            operation (InstanceIds validated and normalized, Version defaulted); any other
            as a generic request.
        signature: ``"v1"`` (HMAC-SHA1) or ``"v3"`` (ACS3-HMAC-SHA256).
        secret: the AccessKeySecret, encoded as UTF-8. It is never part of an Error. (A
            Python ``str`` cannot be wiped; the byte copy this package makes is zeroed after
            the call.)
        method: ``"POST"`` or ``"GET"``; ``None`` leaves it to the library (POST).
        host: the Host header; required for V3, ignored by V1.
        access_key_id, security_token, timestamp, nonce: the signer's values of the common
            parameters (a value given both here and in ``request`` is refused).
        generate: take a Timestamp and SignatureNonce that neither these arguments nor the
            request give from the system clock and random generator.
        body, content_type, path: V3 only: the exact body bytes, its content type (required
            with a body) and the canonical URI (``/`` when ``None``).

    Returns:
        The library's answer: ``method``, ``path``, ``query``, ``body`` (or ``body_base64``
        when the body is not UTF-8), ``headers``, ``canonical_query``, ``string_to_sign``,
        ``signature``; for V1 ``signed_query`` (the query of a GET, the body of a POST); for
        V3 ``canonical_request`` and ``authorization``.

    Raises:
        Error: the library refused the request (status, field, offset, index, message).
        TypeError: ``request`` is not a mapping, ``secret`` not a str, ``body`` not bytes.
        ValueError: a value cannot be written as JSON text.
        OSError: the library cannot be loaded.
    """
    return _library().sign(request, signature=signature, secret=secret, method=method,
                           host=host, access_key_id=access_key_id,
                           security_token=security_token, timestamp=timestamp, nonce=nonce,
                           generate=generate, body=body, content_type=content_type, path=path)


def decode(body: bytes, *, action: str, format: str, http_status: int = 0,
           allow_inconsistent: bool = False,
           limits: Mapping[str, int] | None = None) -> dict[str, Any]:
    """Decodes a response body (ecskp_json_decode()).

    Args:
        body: the exact bytes received (any bytes; hostile bodies are refused).
        action: ``"AttachKeyPair"`` or ``"DetachKeyPair"``: the operation answered.
        format: ``"JSON"`` or ``"XML"``: the Format the request asked for.
        http_status: the HTTP status of the reply, 0 when unknown.
        allow_inconsistent: return successes whose counts disagree instead of refusing them.
        limits: cost limits by the names of ``ecskp_limit_describe()``, e.g.
            ``{"max_body_bytes": 65536}``; absent ones keep their defaults.

    Returns:
        The normalized response: a success ``{"RequestId", "KeyPairName", "TotalCount",
        "FailCount", "Results": [{"InstanceId", "Code", "Message", "Success"}]}`` or an API
        error ``{"Error": {"HttpStatus", "RequestId", "HostId", "Code", "Message",
        "Recommend", "AccessDeniedDetail", "Category", "Retryable"}}``, fields the body did
        not carry left out.

    Raises:
        Error: the body or the options were refused (e.g. ``empty_body``,
            ``malformed_body``, ``dtd_refused``), with field, offset and index.
        TypeError: ``body`` is not bytes.
        OSError: the library cannot be loaded.
    """
    return _library().decode(body, action=action, format=format, http_status=http_status,
                             allow_inconsistent=allow_inconsistent, limits=limits)


def version() -> str:
    """The version of the loaded libecskp (ecskp_version()), e.g. ``"1.0.0"``."""
    return _library().version()
