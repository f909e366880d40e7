/* SPDX-License-Identifier: MIT */
/*
 * cases.h - one conformance case folder (conformance/README.md, "Case layout"): turned into
 * the protocol request an adapter receives and the answer it must give, and an answer
 * compared with the expected one.
 */
#ifndef ECSKP_CLI_CASES_H
#define ECSKP_CLI_CASES_H

#include <stddef.h>

#include <cjson/cJSON.h>

/* Largest file of a case that is read (bodies included). */
#define CASE_MAX_FILE_BYTES ((size_t)16 << 20)

typedef struct test_case {
    char operation[16]; /* encode, sign_v1, sign_v3, ids, decode */
    char *request;      /* the protocol request text (compact JSON) */
    cJSON *expected;    /* {"error": name} or the expected artifacts */
} test_case;

/*
 * Loads the case in folder `dir`. Returns 0, or -1 when the folder is not a well-formed case
 * (`why` says what is wrong). Free with case_free().
 */
int case_load(const char *dir, test_case *c, char *why, size_t why_cap);

void case_free(test_case *c);

/*
 * Compares an adapter's answer text with the expected answer. Returns 1 when it matches,
 * 0 otherwise (`why` says how it differs).
 */
int case_compare(const test_case *c, const char *answer, size_t len, char *why, size_t why_cap);

#endif /* ECSKP_CLI_CASES_H */
