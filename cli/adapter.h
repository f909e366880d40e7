/* SPDX-License-Identifier: MIT */
/*
 * adapter.h - the conformance adapter protocol (conformance/README.md): one JSON request
 * object `{"operation": ..., "input": {...}}` in, one JSON answer object out. `ecskp adapter`
 * reads the request from standard input; the in-process runner calls adapter_answer directly,
 * so both paths compute the same answer.
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
 * Returns 0, or -1 when out of memory (*answer NULL).
 */
int adapter_answer(const char *request, size_t len, char **answer);

#endif /* ECSKP_CLI_ADAPTER_H */
