/* SPDX-License-Identifier: MIT */
/*
 * adapter.h - the conformance adapter protocol (conformance/README.md): one JSON request
 * object `{"operation": ..., "input": {...}}` in, one JSON answer object out. `ecskp adapter`
 * reads the request from standard input (one per line when CONFORMANCE_PERSISTENT=1); the
 * in-process runner calls adapter_answer directly, so every path computes the same answer.
 */
#ifndef ECSKP_CLI_ADAPTER_H
#define ECSKP_CLI_ADAPTER_H

#include <stddef.h>

/* Largest request the adapter reads (Base64 bodies included). */
#define ADAPTER_MAX_REQUEST_BYTES ((size_t)64 << 20)

/*
 * Answers one protocol request. The answer (a new NUL-terminated compact JSON text, freed by
 * the caller) is the operation's output object, or `{"error":"<stable_name>","detail":"..."}`
 * when the input was refused or the request was not a protocol request (invalid_argument).
 * decode answers `{"response": <document>}`, where the document is ecskp/json.h's without
 * Category and Retryable in Error (the neutral error document); for an API error these two,
 * ecskp's advice, follow as `"advice": {"Category": "...", "Retryable": bool}`.
 * Returns 0, or -1 when out of memory (*answer NULL).
 */
int adapter_answer(const char *request, size_t len, char **answer);

#endif /* ECSKP_CLI_ADAPTER_H */
