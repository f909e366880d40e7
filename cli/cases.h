/* SPDX-License-Identifier: MIT */
/*
 * cases.h - one conformance case folder (conformance/README.md, "Case layout"): its level,
 * the protocol request an adapter receives and the answer it must give; and an answer
 * compared with the expected one (passed, failed, or skipped when the adapter answers
 * "unsupported").
 */
#ifndef ECSKP_CLI_CASES_H
#define ECSKP_CLI_CASES_H

#include <stddef.h>

#include <cjson/cJSON.h>

/* Largest file of a case that is read (bodies included). */
#define CASE_MAX_FILE_BYTES ((size_t)16 << 20)

/* The levels, in the order the summary lists them: what the wire protocol and the
 * documentation require, what a careful client also refuses, ecskp's own policy. */
#define CASE_LEVELS 3
extern const char *const case_levels[CASE_LEVELS]; /* "protocol", "client", "ecskp" */

/* The index of `level` in case_levels, or -1. */
int case_level_index(const char *level);

/* Is `name` one of the operations (encode, sign_v1, sign_v3, ids, decode)? An area folder is
 * named after one. */
int case_operation_known(const char *name);

typedef struct test_case {
    char operation[16]; /* encode, sign_v1, sign_v3, ids, decode; "" when not known */
    char level[16];     /* protocol, client, ecskp; "" when not known */
    char *request;      /* the protocol request text (compact JSON) */
    cJSON *expected;    /* {"error": name} or the expected artifacts ("response", "advice") */
} test_case;

/*
 * Loads the case in folder `dir`. Returns 0, or -1 when the folder is not a well-formed case
 * (`why` says what is wrong: "no case.json", an operation other than the one its area folder
 * is named after, ...; `operation` and `level` are still filled when case.json names valid
 * ones, so that the case is counted where it belongs). Free with case_free().
 */
int case_load(const char *dir, test_case *c, char *why, size_t why_cap);

void case_free(test_case *c);

/* The last `parts` folders of `path` joined by '/' (for a case folder and 2: `<area>/<case>`),
 * into out (cap bytes, NUL-terminated): the path is made absolute and its "." and ".." resolved
 * as written, so that "." names the current folder. */
void case_path_tail(const char *path, size_t parts, char *out, size_t cap);

typedef enum case_verdict {
    CASE_FAIL,   /* the answer differs from the expected one (`why` says how) */
    CASE_PASS,   /* it matches */
    CASE_SKIP,   /* {"unsupported": "<reason>"} without "error": neither passed nor failed
                    (`why` holds the reason) */
    CASE_GARBLED /* a failure: the answer is not one JSON object (a persistent adapter that
                    wrote it is restarted) */
} case_verdict;

/*
 * Compares an adapter's answer text with the expected answer. The answer must be exactly one
 * JSON object (RFC 8259: raw control bytes, invalid UTF-8 or numbers such as 01 make it none),
 * holding no `\u0000` escape anywhere (no expected value contains U+0000: the case fails with
 * the reason "answer holds \u0000, which no expected value contains"). Its "error", when
 * present, must be a string ("error must be a string"), and so must its "unsupported" when it
 * has no "error" ("unsupported must be a string").
 */
case_verdict case_compare(const test_case *c, const char *answer, size_t len, char *why,
                          size_t why_cap);

#endif /* ECSKP_CLI_CASES_H */
