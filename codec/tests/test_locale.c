/* SPDX-License-Identifier: MIT */
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
#include <stdlib.h>

#include <cjson/cJSON.h>

#include "decode_bodies.h"
#include "ecskp_test.h"

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
    {.source = "decode.h types: a count of 2.0 is 2",
     .format = JSON,
     .body = "{\"RequestId\":\"r\",\"TotalCount\":2.0}",
     .json = "{\"RequestId\":\"r\",\"TotalCount\":2}"},
    {.source = "decode.h types: counts of 0.2e1 and 20e-1",
     .format = JSON,
     .body = "{\"RequestId\":\"r\",\"TotalCount\":0.2e1,\"FailCount\":20e-1}",
     .json = "{\"RequestId\":\"r\",\"TotalCount\":2,\"FailCount\":2}"},
    {.source = "decode.h types: a Result Code 2.00e2 is \"200\"",
     .format = JSON,
     .body = "{\"RequestId\":\"r\",\"Results\":[{\"Code\":2.00e2,\"Success\":true}]}",
     .json = "{\"RequestId\":\"r\",\"Results\":[{\"Code\":\"200\",\"Success\":true}]}"},
    {.source = "decode.h: AccessDeniedDetail with 1.5",
     .format = JSON,
     .body = "{\"Code\":\"c\",\"AccessDeniedDetail\":{\"A\":1.5}}",
     .json = "{\"Error\":{\"Code\":\"c\",\"AccessDeniedDetail\":{\"A\":1.5}" ERR_TAIL},
    {.source = "decode.h: AccessDeniedDetail numbers with fractions and exponents",
     .format = JSON,
     .body = "{\"Code\":\"c\",\"AccessDeniedDetail\":{\"A\":[1.25,-2.5e-3,1E+2,0.1],\"B\":{\"C\":"
             "1e999}}}",
     .json = "{\"Error\":{\"Code\":\"c\",\"AccessDeniedDetail\":{\"A\":[1.25,-2.5e-3,1E+2,0.1],"
             "\"B\":{\"C\":1e999}}" ERR_TAIL},
    {.source = "decode.h: an XML AccessDeniedDetail member that looks like a fraction",
     .format = XML,
     .body = "<Error><Code>c</Code><AccessDeniedDetail><A>1.5</A></AccessDeniedDetail></Error>",
     .json = "{\"Error\":{\"Code\":\"c\",\"AccessDeniedDetail\":{\"A\":\"1.5\"}" ERR_TAIL},
};

/* Decodes a row and returns its normalized JSON (the caller frees it); the row must decode. */
static char *decode_row(const lrow *r) {
    ecskp_decode_options o = {.action = ATTACH, .format = r->format};
    ecskp_response *resp = NULL;
    ecskp_diag d;
    ecskp_status rc = decode_exact(r->body, strlen(r->body), &o, &resp, &d);
    if (rc != ECSKP_OK)
        print_error("%s: got %s (%s: %s)\n", r->source, d.name, d.field, d.message);
    ECSKP_EXPECT_OK(r->source, rc, &d);
    check_layout(r->source, resp);
    char *out = normalized_json(r->source, resp);
    ecskp_response_free(resp);
    return out;
}

/* ------------------------------------------------------------------ (a) no localeconv call */

static void test_interposition_works(void **state) {
    (void)state;
    /* cJSON parses a number itself here (no ecskp in between): it asks for the decimal point. */
    unsigned long before = localeconv_calls;
    cJSON *j = cJSON_Parse("[1.5]");
    ecskp_test_true("SECURITY.md global state", "cJSON parses [1.5]", j != NULL);
    cJSON_Delete(j);
    print_message("source: SECURITY.md global state: cJSON_Parse(\"[1.5]\") called localeconv "
                  "%lu time(s)\n",
                  localeconv_calls - before);
    ecskp_test_true("SECURITY.md global state", "the interposed localeconv is the one called",
                    localeconv_calls > before);
}

static void test_no_localeconv_call(void **state) {
    (void)state;
    for (size_t i = 0; i < COUNT(lrows); i++) {
        print_message("source: SECURITY.md global state, no localeconv: %s\n", lrows[i].source);
        unsigned long before = localeconv_calls;
        char *out = decode_row(&lrows[i]);
        ecskp_test_size(lrows[i].source, "localeconv calls while decoding", localeconv_calls,
                        before);
        ecskp_test_str(lrows[i].source, "normalized response", out, lrows[i].json);
        free(out);
    }
}

/* InstanceIds text goes through the same tagged scan: a number in it is no ID (encode.h:
 * ids_invalid_element, diag.index its index), whatever the locale, and cJSON never converts
 * it. */
static void ids_with_number(const char *src) {
    static const char text[] = "[\"i-a\",1.5]";
    char buf[ECSKP_IDS_JSON_SIZE];
    size_t needed = 99;
    ecskp_diag d;
    ECSKP_EXPECT_ERROR(
        src, ecskp_ids_normalize(text, sizeof text - 1, 0, NULL, buf, sizeof buf, &needed, &d), &d,
        ECSKP_ERR_IDS_INVALID_ELEMENT);
    ecskp_test_size(src, "diag.index (the number)", d.index, 1);
    ecskp_test_size(src, "*needed on another failure", needed, 0);
}

static void test_ids_no_localeconv_call(void **state) {
    (void)state;
    static const char src[] = "encode.h ecskp_ids_normalize: a number is not an ID";
    print_message("source: %s\n", src);
    unsigned long before = localeconv_calls;
    ids_with_number(src);
    ecskp_test_size(src, "localeconv calls", localeconv_calls, before);
    if (setlocale(LC_ALL, PS_AF) == NULL) {
        print_message("locale %s is not installed: the ps_AF half skipped\n", PS_AF);
        return;
    }
    ids_with_number(src);
    ecskp_test_size(src, "localeconv calls in ps_AF", localeconv_calls, before);
    ecskp_test_true(src, "back to the C locale", setlocale(LC_ALL, "C") != NULL);
}

/* ------------------------------------------------------------------ (b) ps_AF.UTF-8 */

static void test_ps_af_same_results(void **state) {
    (void)state;
    char *want[COUNT(lrows)];
    for (size_t i = 0; i < COUNT(lrows); i++)
        want[i] = decode_row(&lrows[i]); /* the C locale */
    if (setlocale(LC_ALL, PS_AF) == NULL) {
        print_message("locale %s is not installed (localedef -i ps_AF -f UTF-8 %s): skipped\n",
                      PS_AF, PS_AF);
        for (size_t i = 0; i < COUNT(lrows); i++)
            free(want[i]);
        skip();
        return;
    }
    /* The locale is what the test needs: a decimal separator that is not '.' and is longer
     * than one byte (U+066B ARABIC DECIMAL SEPARATOR). */
    ecskp_test_str(PS_AF, "the decimal separator U+066B", nl_langinfo(RADIXCHAR), "\xd9\xab");
    cJSON *j = cJSON_Parse("[1.5]");
    print_message("in %s, cJSON alone reads [1.5] as %s\n", PS_AF,
                  j == NULL                                      ? "a syntax error"
                  : cJSON_GetArrayItem(j, 0)->valuedouble == 1.5 ? "1.5"
                                                                 : "another number");
    cJSON_Delete(j);
    for (size_t i = 0; i < COUNT(lrows); i++) {
        print_message("source: decode.h types, in %s: %s\n", PS_AF, lrows[i].source);
        unsigned long before = localeconv_calls;
        char *out = decode_row(&lrows[i]);
        ecskp_test_size(lrows[i].source, "localeconv calls in ps_AF", localeconv_calls, before);
        ecskp_test_str(lrows[i].source, "the result in the C locale", out, want[i]);
        ecskp_test_str(lrows[i].source, "normalized response", out, lrows[i].json);
        free(out);
        free(want[i]);
    }
    ecskp_test_true(PS_AF, "back to the C locale", setlocale(LC_ALL, "C") != NULL);
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
