/*
 * test_locale.c - decoding does not depend on the locale and calls nothing that keeps hidden
 * shared state (SECURITY.md "Global state"; decode.h "Types": JSON numbers are judged by their
 * digits, AccessDeniedDetail numbers kept as the body spells them).
 *
 * (a) localeconv() fills one static struct that every thread shares, and its decimal point
 *     follows setlocale(). This file defines its own localeconv(), which counts its calls and
 *     answers from nl_langinfo(). The executable's definition interposes the C library's for
 *     every caller: cJSON is a shared library and resolves localeconv to it (a direct
 *     cJSON_Parse of a fraction shows that it does, as cJSON 1.7 asks for the decimal point of
 *     every number it parses). Decoding JSON bodies with fractional numbers, exponents and
 *     AccessDeniedDetail numbers must make no call.
 * (b) In ps_AF.UTF-8, whose decimal separator is U+066B (two bytes, D9 AB), the same bodies
 *     decode to the same results as in the C locale.
 *
 * The locale is not made by this build. CI creates it with
 *
 *     localedef -i ps_AF -f UTF-8 ps_AF.UTF-8
 *
 * (Debian/Ubuntu package `locales`). Where it is not installed, the part (b) test prints a
 * message and is skipped.
 */
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "ecskp/decode.h"

#include "decode_bodies.h"

#define PS_AF "ps_AF.UTF-8"

/* ------------------------------------------------------------------ the interposed localeconv */

static unsigned long localeconv_calls;

static void copy_item(char *dst, size_t cap, nl_item item) {
    const char *s = nl_langinfo(item);
    (void)snprintf(dst, cap, "%s", s != NULL ? s : "");
}

/* The C library's answer for the two fields cJSON and printf-style code read; the others as
 * in the C locale. Single-threaded use only, like the test. */
struct lconv *localeconv(void) {
    static struct lconv conv;
    static char decimal_point[16], thousands_sep[16], empty[1];
    localeconv_calls++;
    copy_item(decimal_point, sizeof decimal_point, RADIXCHAR);
    copy_item(thousands_sep, sizeof thousands_sep, THOUSEP);
    conv.decimal_point = decimal_point;
    conv.thousands_sep = thousands_sep;
    conv.grouping = empty;
    conv.int_curr_symbol = empty;
    conv.currency_symbol = empty;
    conv.mon_decimal_point = empty;
    conv.mon_thousands_sep = empty;
    conv.mon_grouping = empty;
    conv.positive_sign = empty;
    conv.negative_sign = empty;
    conv.int_frac_digits = CHAR_MAX;
    conv.frac_digits = CHAR_MAX;
    conv.p_cs_precedes = CHAR_MAX;
    conv.p_sep_by_space = CHAR_MAX;
    conv.n_cs_precedes = CHAR_MAX;
    conv.n_sep_by_space = CHAR_MAX;
    conv.p_sign_posn = CHAR_MAX;
    conv.n_sign_posn = CHAR_MAX;
    return &conv;
}

/* ------------------------------------------------------------------ the bodies */

typedef struct lrow {
    const char *source;
    ecskp_format format;
    const char *body;
    const char *json; /* the normalized form, written by hand */
} lrow;

#define ERR_TAIL ",\"Category\":\"unknown\",\"Retryable\":false}}"

static const lrow lrows[] = {
    {"decode.h types: a count of 2.0 is 2", JSON, "{\"RequestId\":\"r\",\"TotalCount\":2.0}",
     "{\"RequestId\":\"r\",\"TotalCount\":2}"},
    {"decode.h types: counts of 0.2e1 and 20e-1", JSON,
     "{\"RequestId\":\"r\",\"TotalCount\":0.2e1,\"FailCount\":20e-1}",
     "{\"RequestId\":\"r\",\"TotalCount\":2,\"FailCount\":2}"},
    {"decode.h types: a Result Code 2.00e2 is \"200\"", JSON,
     "{\"RequestId\":\"r\",\"Results\":[{\"Code\":2.00e2,\"Success\":true}]}",
     "{\"RequestId\":\"r\",\"Results\":[{\"Code\":\"200\",\"Success\":true}]}"},
    {"decode.h: AccessDeniedDetail with 1.5", JSON,
     "{\"Code\":\"c\",\"AccessDeniedDetail\":{\"A\":1.5}}",
     "{\"Error\":{\"Code\":\"c\",\"AccessDeniedDetail\":{\"A\":1.5}" ERR_TAIL},
    {"decode.h: AccessDeniedDetail numbers with fractions and exponents", JSON,
     "{\"Code\":\"c\",\"AccessDeniedDetail\":{\"A\":[1.25,-2.5e-3,1E+2,0.1],\"B\":{\"C\":1e999}}}",
     "{\"Error\":{\"Code\":\"c\",\"AccessDeniedDetail\":{\"A\":[1.25,-2.5e-3,1E+2,0.1],"
     "\"B\":{\"C\":1e999}}" ERR_TAIL},
    {"decode.h: an XML AccessDeniedDetail member that looks like a fraction", XML,
     "<Error><Code>c</Code><AccessDeniedDetail><A>1.5</A></AccessDeniedDetail></Error>",
     "{\"Error\":{\"Code\":\"c\",\"AccessDeniedDetail\":{\"A\":\"1.5\"}" ERR_TAIL},
};

#define N_LROWS (sizeof lrows / sizeof lrows[0])

/* Decodes a row and returns its normalized JSON (caller frees); asserts success. */
static char *decode_row(const lrow *r) {
    ecskp_decode_options o;
    memset(&o, 0, sizeof o);
    o.action = ATTACH;
    o.format = r->format;
    ecskp_response *resp = NULL;
    ecskp_diag d;
    size_t len = strlen(r->body);
    ecskp_status rc = ecskp_decode(r->body, len, &o, &resp, &d);
    if (rc != ECSKP_OK)
        print_error("%s: got %s (%s: %s)\n", r->source, d.name, d.field, d.message);
    assert_int_equal(rc, ECSKP_OK);
    size_t n = 0;
    assert_int_equal(ecskp_response_to_json(resp, NULL, 0, &n), ECSKP_ERR_BUFFER_TOO_SMALL);
    char *out = malloc(n + 1);
    assert_non_null(out);
    assert_int_equal(ecskp_response_to_json(resp, out, n + 1, NULL), ECSKP_OK);
    ecskp_response_free(resp);
    return out;
}

/* ------------------------------------------------------------------ (a) no localeconv call */

static void test_interposition_works(void **state) {
    (void)state;
    /* cJSON parses a number itself here (no ecskp in between): it asks for the decimal point. */
    unsigned long before = localeconv_calls;
    cJSON *j = cJSON_Parse("[1.5]");
    assert_non_null(j);
    cJSON_Delete(j);
    print_message("source: SECURITY.md global state: cJSON_Parse(\"[1.5]\") called localeconv "
                  "%lu time(s)\n",
                  localeconv_calls - before);
    assert_true(localeconv_calls > before);
}

static void test_no_localeconv_call(void **state) {
    (void)state;
    for (size_t i = 0; i < N_LROWS; i++) {
        print_message("source: SECURITY.md global state, no localeconv: %s\n", lrows[i].source);
        unsigned long before = localeconv_calls;
        char *out = decode_row(&lrows[i]);
        assert_int_equal(localeconv_calls, before);
        assert_string_equal(out, lrows[i].json);
        free(out);
    }
}

/* InstanceIds text goes through the same tagged scan: a number in it is no ID, whatever the
 * locale, and cJSON never converts it. Returns the status; *index is diag.index. */
static ecskp_status ids_with_number(size_t *index) {
    static const char text[] = "[\"i-a\",1.5]";
    char buf[ECSKP_IDS_JSON_SIZE];
    ecskp_diag d;
    ecskp_status rc =
        ecskp_ids_normalize(text, sizeof text - 1, 0, NULL, buf, sizeof buf, NULL, &d);
    *index = d.index;
    return rc;
}

static void test_ids_no_localeconv_call(void **state) {
    (void)state;
    print_message("source: encode.h ecskp_ids_normalize: a number is not an ID\n");
    unsigned long before = localeconv_calls;
    size_t index = 0;
    assert_int_equal(ids_with_number(&index), ECSKP_ERR_IDS_INVALID_ELEMENT);
    assert_int_equal(index, 1);
    assert_int_equal(localeconv_calls, before);
    if (setlocale(LC_ALL, PS_AF) == NULL) {
        print_message("locale %s is not installed: the ps_AF half skipped\n", PS_AF);
        return;
    }
    assert_int_equal(ids_with_number(&index), ECSKP_ERR_IDS_INVALID_ELEMENT);
    assert_int_equal(index, 1);
    assert_int_equal(localeconv_calls, before);
    assert_non_null(setlocale(LC_ALL, "C"));
}

/* ------------------------------------------------------------------ (b) ps_AF.UTF-8 */

static void test_ps_af_same_results(void **state) {
    (void)state;
    char *want[N_LROWS];
    for (size_t i = 0; i < N_LROWS; i++)
        want[i] = decode_row(&lrows[i]); /* the C locale */
    if (setlocale(LC_ALL, PS_AF) == NULL) {
        print_message("locale %s is not installed (localedef -i ps_AF -f UTF-8 %s): skipped\n",
                      PS_AF, PS_AF);
        for (size_t i = 0; i < N_LROWS; i++)
            free(want[i]);
        skip();
        return;
    }
    /* The locale is what the test needs: a decimal separator that is not '.' and is longer
     * than one byte (U+066B ARABIC DECIMAL SEPARATOR). */
    assert_string_equal(nl_langinfo(RADIXCHAR), "\xd9\xab");
    cJSON *j = cJSON_Parse("[1.5]");
    print_message("in %s, cJSON alone reads [1.5] as %s\n", PS_AF,
                  j == NULL                                      ? "a syntax error"
                  : cJSON_GetArrayItem(j, 0)->valuedouble == 1.5 ? "1.5"
                                                                 : "another number");
    cJSON_Delete(j);
    for (size_t i = 0; i < N_LROWS; i++) {
        print_message("source: decode.h types, in %s: %s\n", PS_AF, lrows[i].source);
        unsigned long before = localeconv_calls;
        char *out = decode_row(&lrows[i]);
        assert_int_equal(localeconv_calls, before);
        assert_string_equal(out, want[i]);
        assert_string_equal(out, lrows[i].json);
        free(out);
        free(want[i]);
    }
    assert_non_null(setlocale(LC_ALL, "C"));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_interposition_works),
        cmocka_unit_test(test_no_localeconv_call),
        cmocka_unit_test(test_ps_af_same_results),
        cmocka_unit_test(test_ids_no_localeconv_call),
    };
    return cmocka_run_group_tests_name("decode locale", tests, NULL, NULL);
}
