/* SPDX-License-Identifier: MIT */
/*
 * test_decode_copy_boundary.c - the decode path's fast paths of 2aa8729 and aeca1c2, at their
 * edges: the tagged JSON copy that lives in the scan's ECSKP__JSON_SMALL_COPY bytes until it
 * outgrows them (json_scan.c ecskp__json_scan_copy), and the XML pre-scan's word-at-a-time
 * byte search (xml_scan.c find_byte).
 *
 *   - every copy length from 8180 to 8210, reached by string bytes, by numbers (each tagged
 *     number adds 3 bytes) and by a number that straddles the boundary: the copy equals one
 *     built here independently, it stays in sc->small exactly when it fits (<= 8192), and the
 *     body decodes to the same response as the same body with the padding removed;
 *   - a failure (NUL, \u0000, invalid UTF-8, a control byte, nesting) at every offset around
 *     the point where the first scan stops: the same status and diag.offset as a scan into a
 *     buffer of the worst-case size (ecskp__json_scan_text directly);
 *   - the partial copy of a text that outgrows the 8 KiB: once the caller has wiped tagged_cap
 *     bytes at tagged, as internal.h tells a caller that wipes the copy to do, nothing of the
 *     text is left in sc->small (ecskp_json_sign's input holds the AccessKeySecret;
 *     json_api.c parse_object relies on this). FAILS at 7811cf3: the first 8 KiB of the copy
 *     are left in sc->small, on the stack, after the call.
 *   - XML: a body that ends inside an attribute value, a closing tag, a tag, at every
 *     alignment modulo 8 of its last construct: the status and field do not depend on the
 *     alignment, and the pre-scan's offsets move with it.
 *
 * Build (from the source tree, as the other unit tests): add 'test_decode_copy_boundary' to the
 * first foreach of codec/tests/meson.build.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "decode_bodies.h"
#include "ecskp_test.h"
#include "internal.h"

static ecskp_test_list tests;

/* The tagged copy as json_scan.c's header describes it, for a text whose numbers are all
 * plain runs of [0-9-] outside strings (the bodies below). */
static size_t tag_copy(const char *s, size_t n, char *out) {
    size_t o = 0;
    int in_str = 0;
    for (size_t i = 0; i < n;) {
        char c = s[i];
        if (in_str) {
            out[o++] = c;
            if (c == '\\' && i + 1 < n) {
                out[o++] = s[i + 1];
                i += 2;
                continue;
            }
            if (c == '"')
                in_str = 0;
            i++;
        } else if (c == '"') {
            in_str = 1;
            out[o++] = c;
            i++;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            out[o++] = '"';
            out[o++] = (char)0xFF;
            while (i < n && (s[i] == '-' || (s[i] >= '0' && s[i] <= '9')))
                out[o++] = s[i++];
            out[o++] = '"';
        } else {
            out[o++] = c;
            i++;
        }
    }
    return o;
}

/* A success body whose tagged copy is exactly `copy` bytes: `kind` 0 pads a string, 1 pads
 * with numbers (then spaces), 2 ends with a number of `numlen` digits that straddles. */
static char *body_of_copy(size_t copy, int kind, size_t numlen, size_t *len) {
    static const char head[] = "{\"RequestId\":\"r\",\"TotalCount\":1,\"FailCount\":0,\"Pad\":";
    char *b = malloc(copy + 64);
    assert_non_null(b);
    size_t n = strlen(head);
    memcpy(b, head, n);
    size_t nums = 2; /* TotalCount, FailCount */
    if (kind == 0) {
        b[n++] = '"';
        while (n + 2 + 3 * nums < copy)
            b[n++] = 'a';
        b[n++] = '"';
        b[n++] = '}';
    } else if (kind == 1) {
        b[n++] = '[';
        b[n++] = '1';
        nums++;
        while (n + 2 + 2 + 3 * (nums + 1) <= copy) {
            b[n++] = ',';
            b[n++] = '1';
            nums++;
        }
        while (n + 2 + 3 * nums < copy)
            b[n++] = ' ';
        b[n++] = ']';
        b[n++] = '}';
    } else {
        b[n++] = '[';
        while (n + 2 + numlen + 3 * (nums + 1) < copy)
            b[n++] = ' ';
        for (size_t k = 0; k < numlen; k++)
            b[n++] = k == 0 ? '1' : '0';
        nums++;
        b[n++] = ']';
        b[n++] = '}';
    }
    *len = n;
    return b;
}

static void test_copy_lengths_around_the_boundary(void **state) {
    (void)state;
    static const size_t numlens[] = {1, 2, 3, 7, 20};
    for (size_t copy = 8180; copy <= 8210; copy++) {
        for (int kind = 0; kind < 3; kind++) {
            for (size_t l = 0; l < (kind == 2 ? COUNT(numlens) : 1); l++) {
                size_t n = 0;
                char *b = body_of_copy(copy, kind, numlens[l], &n);
                char *want = malloc(n + 3 * (n / 2 + 1));
                assert_non_null(want);
                size_t want_len = tag_copy(b, n, want);
                ecskp__json_scan sc;
                sc.max_depth = 32;
                sc.max_nodes = 16384;
                ecskp_status rc = ecskp__json_scan_copy(b, n, &sc, NULL);
                print_message("copy %zu kind %d numlen %zu: body %zu, copy %zu\n", copy, kind,
                              numlens[l], n, want_len);
                assert_int_equal(rc, ECSKP_OK);
                assert_int_equal(sc.tagged_len, want_len);
                assert_memory_equal(sc.tagged, want, want_len);
                /* On the stack exactly when it fits. */
                assert_int_equal(sc.tagged == sc.small, want_len <= ECSKP__JSON_SMALL_COPY);
                ecskp__json_scan_done(&sc, NULL);
                assert_null(sc.tagged);

                ecskp_decode_options o = {.action = ECSKP_ACTION_ATTACH_KEY_PAIR,
                                          .format = ECSKP_FORMAT_JSON};
                ecskp_response *r = NULL;
                ecskp_diag d;
                ECSKP_EXPECT_OK("copy boundary", decode_exact(b, n, &o, &r, &d), &d);
                assert_string_equal(r->success->request_id, "r");
                assert_int_equal(r->success->total_count, 1);
                ecskp_response_free(r);
                free(want);
                free(b);
            }
        }
    }
}

/* A failure at `at` in a text whose copy outgrows the stack before it, at it, or after it:
 * the same status and offset as a scan into the worst-case buffer. */
static void test_failures_around_the_boundary(void **state) {
    (void)state;
    static const struct {
        const char *what, *bytes;
        size_t len;
    } bad[] = {
        {"NUL in a string", "\"\0\"", 3},
        {"NUL outside a string", "\0", 1},
        {"\\u0000", "\"\\u0000\"", 8},
        {"invalid UTF-8 in a string", "\"\xC3\"", 3},
        {"invalid UTF-8 outside a string", "\xFF", 1},
        {"a control byte in a string", "\"\x01\"", 3},
        {"a lone backslash at the end", "\"\\", 2},
        {"nesting", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", 35},
        {"a bad number", "01", 2},
    };
    for (size_t e = 0; e < COUNT(bad); e++) {
        for (size_t numbers = 2030; numbers <= 2060; numbers += 3) {
            for (int before = 0; before < 2; before++) {
                /* [1,1,...,1,<bad>1]: each "1," is 2 bytes of text and 5 of copy. */
                size_t cap = 2 * numbers + bad[e].len + 16;
                char *b = malloc(cap);
                assert_non_null(b);
                size_t n = 0;
                b[n++] = '[';
                if (before) {
                    memcpy(b + n, bad[e].bytes, bad[e].len);
                    n += bad[e].len;
                }
                for (size_t k = 0; k < numbers; k++) {
                    b[n++] = '1';
                    b[n++] = ',';
                }
                if (!before) {
                    memcpy(b + n, bad[e].bytes, bad[e].len);
                    n += bad[e].len;
                }
                b[n++] = '1';
                b[n++] = ']';
                ecskp__json_scan ref;
                ref.max_depth = 32;
                ref.max_nodes = 16384;
                ref.tagged_cap = ecskp__json_tagged_size(n, ref.max_nodes);
                ref.tagged = malloc(ref.tagged_cap);
                assert_non_null(ref.tagged);
                ecskp_status want = ecskp__json_scan_text(b, n, &ref);
                ecskp__json_scan sc;
                sc.max_depth = 32;
                sc.max_nodes = 16384;
                ecskp_status got = ecskp__json_scan_copy(b, n, &sc, NULL);
                print_message("%s, %zu numbers, %s: %s at %zu\n", bad[e].what, numbers,
                              before ? "before" : "after", ecskp_status_name(want), ref.offset);
                assert_int_equal(got, want);
                assert_int_equal(sc.offset, ref.offset);
                assert_int_equal(sc.bad_spelling, ref.bad_spelling);
                if (want == ECSKP_OK) {
                    assert_int_equal(sc.tagged_len, ref.tagged_len);
                    assert_memory_equal(sc.tagged, ref.tagged, ref.tagged_len);
                }
                ecskp__json_scan_done(&sc, NULL);
                free(ref.tagged);
                free(b);
            }
        }
    }
}

/* internal.h: a caller whose text may hold a secret wipes tagged_cap bytes at tagged, and no
 * other copy stays behind. After that wipe, no byte of a secret in the text may be left in the
 * structure, which lives on the caller's stack (json_api.c parse_object: the input of
 * ecskp_json_sign). */
static void test_wiped_copy_leaves_no_secret(void **state) {
    (void)state;
    static const char secret[] = "WJALRXUTNFEMIK7MDENGBPXRFICYEXAMPLEKEY";
    /* Long strings (a text beyond 8 KiB), and many numbers in a text of at most 8 KiB whose
     * copy outgrows it (the scan moves to the heap half-way). */
    static const struct {
        size_t pad;
        int numbers;
    } docs[] = {{100, 0}, {8000, 0}, {8200, 0}, {9000, 0}, {100000, 0}, {100, 2000}, {100, 2600}};
    for (size_t p = 0; p < COUNT(docs); p++) {
        /* A number after the secret: the first scan copies the text up to each number. */
        char *doc = malloc(docs[p].pad + 2 * (size_t)docs[p].numbers + 256);
        assert_non_null(doc);
        int n = sprintf(doc, "{\"signature\":\"v1\",\"secret\":\"%s\",\"n\":[1", secret);
        for (int k = 0; k < docs[p].numbers; k++)
            n += sprintf(doc + n, ",1");
        n += sprintf(doc + n, "],\"request\":{\"P\":\"");
        memset(doc + n, 'a', docs[p].pad);
        n += (int)docs[p].pad;
        n += sprintf(doc + n, "\"}}");
        ecskp__json_scan sc;
        sc.max_depth = 16;
        sc.max_nodes = SIZE_MAX;
        assert_int_equal(ecskp__json_scan_copy(doc, (size_t)n, &sc, NULL), ECSKP_OK);
        if (sc.tagged != NULL)
            memset(sc.tagged, 0, sc.tagged_cap); /* the wipe internal.h asks for */
        ecskp__json_scan_done(&sc, NULL);
        print_message("document of %d bytes\n", n);
        size_t at = SIZE_MAX;
        for (size_t i = 0; i + sizeof secret - 1 <= sizeof sc.small && at == SIZE_MAX; i++)
            if (memcmp(sc.small + i, secret, sizeof secret - 1) == 0)
                at = i;
        free(doc);
        if (at != SIZE_MAX)
            fail_msg("document of %d bytes: the secret is left in sc.small at %zu after the wipe",
                     n, at);
    }
}

/* XML: the last construct of a body at every alignment modulo 8 (find_byte reads words of 8
 * bytes while 8 are left, then bytes): same status and field whatever the alignment, and
 * diag.offset moves with the padding. */
static void test_xml_endings_at_every_alignment(void **state) {
    (void)state;
    static const char *const ends[] = {
        "<",       "</",         "</a",           "<a",         "<a b",        "<a b=",
        "<a b=\"", "<a b=\"x",   "<a b='x",       "<a b=\"x\"", "<a b=\"x\">", "<!--",
        "<?x",     "<![CDATA[x", "<a b=\"x>\"/>", "<a/",        "<a /x>",      "<a b=x>",
    };
    static const char head[] = "<AttachKeyPairResponse><RequestId>r</RequestId><!--";
    for (size_t e = 0; e < COUNT(ends); e++) {
        ecskp_status first = ECSKP_OK;
        char first_field[ECSKP_DIAG_FIELD_SIZE] = "";
        size_t first_off = 0;
        for (size_t pad = 0; pad < 24; pad++) {
            char b[256];
            int n = snprintf(b, sizeof b, "%s%.*s-->%s", head, (int)pad,
                             "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", ends[e]);
            ecskp_decode_options o = {.action = ECSKP_ACTION_ATTACH_KEY_PAIR,
                                      .format = ECSKP_FORMAT_XML};
            ecskp_response *r = NULL;
            ecskp_diag d;
            ecskp_status rc = decode_exact(b, (size_t)n, &o, &r, &d);
            ecskp_response_free(r);
            print_message("%s, pad %zu: %s at %zu\n", ends[e], pad, ecskp_status_name(rc),
                          d.offset);
            if (pad == 0) {
                first = rc;
                strcpy(first_field, d.field);
                first_off = d.offset;
                continue;
            }
            assert_int_equal(rc, first);
            assert_string_equal(d.field, first_field);
            if (first_off != ECSKP_NO_OFFSET)
                assert_int_equal(d.offset, first_off + pad);
        }
    }
}

static const ecskp_test_named single[] = {
    ECSKP_TEST_NAMED(test_copy_lengths_around_the_boundary),
    ECSKP_TEST_NAMED(test_failures_around_the_boundary),
    ECSKP_TEST_NAMED(test_wiped_copy_leaves_no_secret),
    ECSKP_TEST_NAMED(test_xml_endings_at_every_alignment),
};

int main(void) {
    ecskp_test_add_all(&tests, single, COUNT(single));
    return ecskp_test_run(&tests, "decode copy boundary") != 0;
}
