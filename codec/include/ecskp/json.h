/* SPDX-License-Identifier: MIT */
/*
 * ecskp/json.h - one call each for signing and for decoding, JSON in and JSON out: the entry
 * points for other languages (the Python package in bindings/python uses them through ctypes)
 * and for programs that would rather not fill C structs. The documents are those of the
 * conformance suite (conformance/README.md), so a suite case is a call.
 *
 * Output: a NUL-terminated JSON text (compact, keys in the order given below) allocated with
 * the C library's malloc, returned in *out and freed with ecskp_json_free(); on failure *out is
 * NULL. Strings in it are escaped as ecskp_response_to_json() escapes them.
 *
 * Input documents are parsed by cJSON after the library's own scan. cJSON cannot tell an
 * allocation failure from a syntax error, so running out of memory while a document is parsed
 * is reported as invalid_argument with diag.field "input" or "options" ("not valid JSON"), as
 * a malformed document would be; every other allocation failure is out_of_memory.
 *
 * Thread-safety: reentrant, as the functions they call.
 */
#ifndef ECSKP_JSON_H
#define ECSKP_JSON_H

#include <stddef.h>

#include "ecskp/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Longest input document accepted by ecskp_json_sign() and the `options` of
 * ecskp_json_decode() (invalid_argument beyond it). */
#define ECSKP_JSON_INPUT_MAX ((size_t)1 << 20)

/*
 * Signs a request described by a JSON object:
 *
 *   {"signature": "v1" | "v3",            required
 *    "method": "POST" | "GET",             optional, POST
 *    "host": "ecs.cn-hangzhou.aliyuncs.com",  V3: required
 *    "secret": "...",                      required, the AccessKeySecret
 *    "access_key_id": "...", "security_token": "...", "timestamp": "...", "nonce": "...",
 *                                          optional, the ecskp_signer members
 *    "generate": false,                    optional; true: a Timestamp and SignatureNonce that
 *                                          neither the signer nor the request gives come from
 *                                          ecskp_clock_system and ecskp_nonce_system
 *    "request": {"Action": "AttachKeyPair", "RegionId": "...", "InstanceIds": [...], ...},
 *                                          required: parameter name -> string value;
 *                                          InstanceIds may also be an array of strings;
 *                                          any other value is invalid_parameter_value
 *                                          (diag.field = the parameter)
 *    "body_base64": "...", "content_type": "...", "path": "/"}   optional, V3 only
 *
 * An AttachKeyPair or DetachKeyPair request is signed as a typed operation
 * (ecskp_keypair_sign(): InstanceIds validated and normalized, Version defaulted); any other
 * Action as a generic one (ecskp_request_sign()), except that one spelling AttachKeyPair or
 * DetachKeyPair in another letter case is invalid_action (diag.field "Action"), and a typed
 * request naming a parameter twice is duplicate_parameter (diag.field = the name). The answer:
 *
 *   {"method":"POST","path":"/","query":"...","body":"...","headers":{"name":"value",...},
 *    "canonical_query":"...","canonical_request":"...","string_to_sign":"...",
 *    "signature":"...","signed_query":"...","authorization":"..."}
 *
 * (`canonical_request` and `authorization` for V3 only, `signed_query`, the signed form that
 * is the V1 query or body, for V1 only; `body` as text, Base64 in `body_base64` when it is not
 * valid UTF-8.)
 *
 * Errors: invalid_argument (input NULL with a length, not a JSON object, a member missing or
 * of the wrong type, diag.field = the member; out NULL; a typed request with a body:
 * diag.field "body_base64"), out_of_memory, unsupported, and every error of the signers, with
 * their diag (so a V3 request without "host" is missing_parameter "host", as from
 * ecskp_request_sign()).
 */
ECSKP_API ECSKP_NODISCARD ecskp_status ecskp_json_sign(const char *input, size_t len, char **out,
                                                       ecskp_diag *diag);

/*
 * The canonical query of a request, {"request": {...}} as for ecskp_json_sign(): an
 * AttachKeyPair or DetachKeyPair request through ecskp_keypair_build(), any other through the
 * list as given (with the same two refusals); then ecskp_query_build(). The answer:
 * {"canonical_query":"..."}. Errors: invalid_argument (as above), out_of_memory, and the errors
 * of the two. Needs no crypto.
 */
ECSKP_API ECSKP_NODISCARD ecskp_status ecskp_json_query(const char *input, size_t len, char **out,
                                                        ecskp_diag *diag);

/*
 * Decodes a body (`len` bytes, any bytes) with options given as a JSON object:
 *
 *   {"action": "AttachKeyPair" | "DetachKeyPair",   required
 *    "format": "json" | "xml",                      required; the words of the conformance
 *                                                   suite (the wire's "JSON" and "XML" too)
 *    "http_status": 200,                            optional; absent or 0 = unknown
 *    "allow_inconsistent": false,                   optional
 *    "limits": {"max_body_bytes": 1048576, ...}}    optional, by the names of
 *                                                   ecskp_limit_describe()
 *
 * and answers with the normalized form of ecskp_response_to_json() itself (the bare object,
 * not wrapped as the adapter protocol wraps it in "response"). Errors: invalid_argument (as
 * above, an unknown action, a limit or status that is not a non-negative integer, diag.field =
 * the option; an unknown limit name or a limit above its cap, as ecskp_limits_set() reports
 * them: diag.field "name" or the limit's name), unsupported_format (another format,
 * diag.field "format"), out_of_memory, and every error of ecskp_response_decode(), with its
 * diag.
 */
ECSKP_API ECSKP_NODISCARD ecskp_status ecskp_json_decode(const void *body, size_t len,
                                                         const char *options, size_t options_len,
                                                         char **out, ecskp_diag *diag);

/* Frees a text returned by the functions above. NULL is allowed. */
ECSKP_API void ecskp_json_free(char *text);

#ifdef __cplusplus
}
#endif

#endif /* ECSKP_JSON_H */
