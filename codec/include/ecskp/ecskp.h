/* SPDX-License-Identifier: MIT */
/*
 * ecskp/ecskp.h - the whole public API of ecskp, a codec for the Alibaba Cloud ECS key-pair
 * operations AttachKeyPair and DetachKeyPair.
 *
 *   ecskp/version.h  ECSKP_VERSION_* and ecskp_version()
 *   ecskp/status.h   the status type, its stable names, diagnostics
 *   ecskp/alloc.h    caller-supplied allocators
 *   ecskp/encode.h   canonical query strings, InstanceIds, the typed operation
 *   ecskp/sign.h     the signing context; signature 1.0 (HMAC-SHA1) and V3 (ACS3-HMAC-SHA256)
 *   ecskp/errors.h   the documented error codes, categories, retry advice, StringToSign diagnosis
 *   ecskp/decode.h   response and error decoding
 *   ecskp/json.h     one-call signing and decoding, JSON in and JSON out (for other languages)
 *   ecskp/call.h     around a call: endpoint, batches, retry advice, backoff, what was sent
 *
 * The library has no global state of its own and needs no initialisation call. See each
 * header for ownership, allocation and thread-safety.
 *
 * ------------------------------------------------------------------------------------------
 * The API convention (every public function follows it)
 *
 * Names: ecskp_<object>_<verb>, the object first: ecskp_query_build, ecskp_ids_normalize,
 *   ecskp_keypair_sign, ecskp_response_decode, ecskp_status_parse. Types are ecskp_<object>,
 *   macros ECSKP_<WORD>, internal symbols ecskp__<name> (never exported).
 *
 * Errors: every function that can fail returns ecskp_status (ECSKP_OK is 0), is marked
 *   ECSKP_NODISCARD and takes an `ecskp_diag *diag` as its last argument (NULL = no details;
 *   on success it is reset). Functions that cannot fail return their value directly: names
 *   (ecskp_status_name, ecskp_action_name, ...; NULL for a value outside the enum), lookups
 *   (ecskp_error_lookup: NULL when absent), predicates (ecskp_signing_available) and the
 *   iteration ecskp_limit_describe. Parsing a name is fallible: ecskp_<type>_parse, exact
 *   (case-sensitive, as on the wire).
 *
 * Caller buffers: a function that writes text takes `char *buf, size_t cap, size_t *needed`.
 *   `*needed` is the exact number of bytes the output takes in `buf`, every NUL terminator
 *   included, on success and on ECSKP_ERR_BUFFER_TOO_SMALL alike, from the first call: a
 *   second call with a buffer of `*needed` bytes succeeds. `buf` may be NULL when `cap` is 0,
 *   to ask for the size. On any other failure *needed is 0. When the buffer is too small its
 *   contents are unspecified (NUL-terminated if cap > 0). Every typed output has an upper
 *   bound usable at compile time: ECSKP_IDS_JSON_SIZE, ECSKP_SIGNED_SIZE_MAX(),
 *   ECSKP_KEYPAIR_SIGNED_SIZE_MAX.
 *
 * Allocating variants: <function>_alloc takes a `const ecskp_allocator *` (NULL = malloc) and
 *   returns one library-owned object freed by its own _free function (ecskp_signed_free,
 *   ecskp_response_free, ecskp_json_free), which uses the allocator it was made with.
 *   ecskp_response_decode() always allocates (a response's size is not known in advance).
 *
 * Enums: zero is "unset" (ECSKP_METHOD_UNSET, ECSKP_SIGNATURE_UNSET, ECSKP_ACTION_UNSET,
 *   ECSKP_FORMAT_UNSET; ECSKP_OK; ECSKP_CATEGORY_UNKNOWN), so a zero-initialised struct asks
 *   for nothing by accident. Each header says what unset means where it is allowed.
 *
 * Inputs: structs are zero-initialised by the caller and only point at caller memory; strings
 *   are NUL-terminated UTF-8 with NULL or "" meaning absent, secrets are pointer and length.
 *   Nothing is modified and no pointer is kept past the call.
 *
 * ------------------------------------------------------------------------------------------
 * ABI (soname libecskp.so.1; the shared library exports exactly the ECSKP_API functions)
 *
 * Within soname 1 no exported function changes its parameters or meaning and no status
 * changes its name. Two kinds of struct, two rules:
 *   - Caller-allocated (ecskp_param, ecskp_keypair, ecskp_param_set, ecskp_signer,
 *     ecskp_request, ecskp_signed, ecskp_header, ecskp_limits, ecskp_decode_options,
 *     ecskp_diag, ecskp_allocator, ecskp_sts_comparison): frozen. A later need comes as a new
 *     type and a new function beside the old ones, never as a new member.
 *   - Library-allocated, read through pointers only (ecskp_response, ecskp_success,
 *     ecskp_api_error, ecskp_instance_result, ecskp_error_info): a minor release may add
 *     members at their end. Never copy one by value or take its sizeof.
 * Status values are appended only; compare with the enumerators or by name. The ABI of each
 * release is compared with the committed baseline (abi/) by libabigail's abidiff in CI.
 * CHANGELOG.md lists every change and, for 0.x callers, the migration.
 */
#ifndef ECSKP_ECSKP_H
#define ECSKP_ECSKP_H

#include "ecskp/version.h"
#include "ecskp/status.h"
#include "ecskp/alloc.h"
#include "ecskp/encode.h"
#include "ecskp/sign.h"
#include "ecskp/errors.h"
#include "ecskp/decode.h"
#include "ecskp/json.h"
#include "ecskp/call.h"

#endif /* ECSKP_ECSKP_H */
