/*
 * ecskp_test.h - the one test vocabulary of the C tests: exact-status assertions over a diag,
 * text and size assertions that name the row they come from, and the documented vectors.
 *
 * Every check prints the row's source (a page, an api-facts section, a header) and what
 * differed before the cmocka assertion fails, so a failing table row says which row it was.
 *
 *   ECSKP_EXPECT_OK(src, status, &diag)
 *       the call succeeded and reset the diag (status ok, empty field, no offset, no index);
 *   ECSKP_EXPECT_ERROR(src, status, &diag, want)
 *       exactly `want`, with diag.status == want and diag.name == its stable name;
 *   ECSKP_EXPECT_DIAG(src, status, &diag, want, field, offset, index)
 *       the same, and diag.field / diag.offset / diag.index exactly as given (field NULL means
 *       "any", ECSKP_NO_OFFSET / ECSKP_NO_INDEX mean "none");
 *   ecskp_test_str(src, what, got, want), ecskp_test_size(src, what, got, want),
 *   ecskp_test_true(src, what, cond), ecskp_test_mem(src, what, got, got_len, want, want_len).
 *
 * Rows are tables of structs with designated initializers ({.src = ..., .want = ...}), and
 * their count is COUNT(table), never typed by hand.
 *
 * The documented vectors (the requests, bodies and expected outputs of the API pages) live in
 * the conformance suite's case folders; vectors.h, generated from them at build time by
 * scripts/gen_vectors.py, gives them to C as ecskp_vectors[] (include "vectors.h").
 */
#ifndef ECSKP_TEST_H
#define ECSKP_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "ecskp/ecskp.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define NO_OFF ECSKP_NO_OFFSET
#define NO_IDX ECSKP_NO_INDEX

static inline void ecskp_test_true(const char *src, const char *what, int cond) {
    if (!cond)
        print_error("row [%s]: %s\n", src, what);
    assert_true(cond);
}

static inline void ecskp_test_str(const char *src, const char *what, const char *got,
                                  const char *want) {
    int same = got != NULL && want != NULL ? strcmp(got, want) == 0 : got == want;
    if (!same)
        print_error("row [%s]: %s\n  got  \"%s\"\n  want \"%s\"\n", src, what,
                    got != NULL ? got : "(null)", want != NULL ? want : "(null)");
    assert_true(same);
}

static inline void ecskp_test_mem(const char *src, const char *what, const void *got,
                                  size_t got_len, const void *want, size_t want_len) {
    int same = got_len == want_len && (want_len == 0 || memcmp(got, want, want_len) == 0);
    if (!same)
        print_error("row [%s]: %s: %zu bytes, want %zu (or the bytes differ)\n", src, what, got_len,
                    want_len);
    assert_true(same);
}

static inline void ecskp_test_size(const char *src, const char *what, size_t got, size_t want) {
    if (got != want)
        print_error("row [%s]: %s is %zu, want %zu\n", src, what, got, want);
    assert_true(got == want);
}

/* The status, and the diag that goes with it (diag may be NULL: then only the status). */
static inline void ecskp_test_diag(const char *src, const char *call, ecskp_status got,
                                   const ecskp_diag *diag, ecskp_status want, const char *field,
                                   size_t offset, size_t index, int check_place) {
    if (got != want)
        print_error("row [%s]: %s returned %s, want %s (diag: field \"%s\", %s)\n", src, call,
                    ecskp_status_name(got), ecskp_status_name(want),
                    diag != NULL ? diag->field : "", diag != NULL ? diag->message : "");
    assert_int_equal(got, want);
    if (diag == NULL)
        return;
    ecskp_test_true(src, "diag.status is the status returned", diag->status == want);
    ecskp_test_str(src, "diag.name", diag->name, ecskp_status_name(want));
    if (want == ECSKP_OK) {
        ecskp_test_str(src, "diag.field after success", diag->field, "");
        ecskp_test_size(src, "diag.offset after success", diag->offset, ECSKP_NO_OFFSET);
        ecskp_test_size(src, "diag.index after success", diag->index, ECSKP_NO_INDEX);
        return;
    }
    if (!check_place)
        return;
    if (field != NULL)
        ecskp_test_str(src, "diag.field", diag->field, field);
    ecskp_test_size(src, "diag.offset", diag->offset, offset);
    ecskp_test_size(src, "diag.index", diag->index, index);
}

#define ECSKP_EXPECT_OK(src, expr, diagp)                                                          \
    ecskp_test_diag((src), #expr, (expr), (diagp), ECSKP_OK, NULL, ECSKP_NO_OFFSET,                \
                    ECSKP_NO_INDEX, 1)
#define ECSKP_EXPECT_ERROR(src, expr, diagp, want)                                                 \
    ecskp_test_diag((src), #expr, (expr), (diagp), (want), NULL, ECSKP_NO_OFFSET, ECSKP_NO_INDEX, 0)
#define ECSKP_EXPECT_DIAG(src, expr, diagp, want, field, offset, index)                            \
    ecskp_test_diag((src), #expr, (expr), (diagp), (want), (field), (offset), (index), 1)

#endif /* ECSKP_TEST_H */
