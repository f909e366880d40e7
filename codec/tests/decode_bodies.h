/* SPDX-License-Identifier: MIT */
/*
 * decode_bodies.h - what the decoding tests share (test-only): shorthands, the small bodies
 * that hostile shapes are built around, the documented vectors by name, the decode call on an
 * exact-size copy, the normalized JSON through the *needed protocol, and the checks of a
 * response's pointer layout (decode.h "The response").
 *
 * No documented example is typed here: the success and error examples of the AttachKeyPair
 * and DetachKeyPair pages are the documented vectors of vectors.h (ecskp_vectors[], area
 * "decode", generated from the conformance case folders), found by name with doc_vector().
 * The bodies below are no documented example; each only frames a shape under test.
 */
#ifndef ECSKP_TEST_DECODE_BODIES_H
#define ECSKP_TEST_DECODE_BODIES_H

#include <stdlib.h>

#include "ecskp_test_vectors.h"

#define JSON ECSKP_FORMAT_JSON
#define XML ECSKP_FORMAT_XML
#define ATTACH ECSKP_ACTION_ATTACH_KEY_PAIR
#define DETACH ECSKP_ACTION_DETACH_KEY_PAIR
/* A row's diag.offset where libxml2 decides it (decode.h: "where the parser stood"): none, or
 * within the body. */
#define ANY_OFFSET ((size_t)-2)

/* A success body around `inner`, the frame of most XML shapes. */
#define XR(inner)                                                                                  \
    "<AttachKeyPairResponse><RequestId>R1</RequestId>" inner "</AttachKeyPairResponse>"
/* The smallest success bodies, for rows about what surrounds a body (declarations, byte-order
 * marks, trailing bytes, the limits on its size), and their normalized form. */
#define MIN_XML XR("")
#define MIN_JSON "{\"RequestId\":\"R1\"}"
#define MIN_OUT "{\"RequestId\":\"R1\"}"
#define MIN_XML_LEN (sizeof MIN_XML - 1)
#define MIN_JSON_LEN (sizeof MIN_JSON - 1)

/* The documented vectors the tests name (conformance/decode/<name>): the response examples of
 * the AttachKeyPair and DetachKeyPair API references
 * (https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-attachkeypair,
 * https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-detachkeypair)
 * and the error bodies of API error diagnosis
 * (https://www.alibabacloud.com/help/en/openapi/user-guide/api-error-diagnosis). */
#define V_ATTACH_XML "y_documented_attach_success_xml"   /* AttachKeyPair API reference */
#define V_ATTACH_JSON "y_documented_attach_success_json" /* AttachKeyPair API reference */
#define V_DETACH_XML "y_documented_detach_success_xml"   /* DetachKeyPair API reference */
#define V_DETACH_JSON "y_documented_detach_success_json" /* DetachKeyPair API reference */
#define V_OLD_XML "y_documented_attach_old_xml"          /* AttachKeyPair.reference.md */
#define V_OLD_JSON "y_documented_attach_old_json"        /* AttachKeyPair.reference.md */
#define V_ERR_XML "y_documented_error_xml"               /* API error diagnosis */
#define V_ERR_JSON "y_documented_error_json"             /* API error diagnosis */

static inline int is_decode_vector(const ecskp_vector *v) {
    return ecskp_test_vector_in(v, "decode");
}

/* The documented decode vector `name`; a missing one fails the test. */
static inline const ecskp_vector *doc_vector(const char *name) {
    return ecskp_test_vector("decode", name);
}

/* The documented decode vector after `v` (NULL: the first) that decodes (it has a
 * response.json), or NULL; FOR_DECODING_VECTORS(v) { ... } visits each. */
static inline const ecskp_vector *next_decoding(const ecskp_vector *v) {
    do
        v = ecskp_test_vector_next(v, "decode");
    while (v != NULL && v->response == NULL);
    return v;
}

#define FOR_DECODING_VECTORS(v)                                                                    \
    for (const ecskp_vector *v = next_decoding(NULL); v != NULL; v = next_decoding(v))

/* ecskp_response_decode() on an exact-size heap copy of the body, so that a read past its end
 * shows under a sanitizer or valgrind. */
static inline ecskp_status decode_exact(const void *body, size_t len, const ecskp_decode_options *o,
                                        ecskp_response **out, ecskp_diag *d) {
    char *copy = ecskp_test_copy("decode_bodies.h", body, len);
    ecskp_status rc = ecskp_response_decode(copy, len, o, out, d);
    free(copy);
    return rc;
}

/* A scan of a JSON body independent of the library's: the offset of the byte that takes the
 * nesting depth (by_depth; the top level is 1) or the node count (1, plus each '[', '{' and ','
 * outside strings) past `max`, or NO_OFF; *count (may be NULL) gets the node count. */
static inline size_t json_scan(const char *s, size_t len, size_t max, int by_depth, size_t *count) {
    size_t depth = 0, nodes = 1, over = NO_OFF;
    int in_str = 0;
    for (size_t i = 0; i < len; i++) {
        if (in_str) {
            if (s[i] == '\\')
                i++;
            else if (s[i] == '"')
                in_str = 0;
        } else if (s[i] == '"') {
            in_str = 1;
        } else if (s[i] == ']' || s[i] == '}') {
            depth--;
        } else if (s[i] == '[' || s[i] == '{' || s[i] == ',') {
            depth += s[i] != ',';
            size_t n = by_depth ? depth : ++nodes;
            if (over == NO_OFF && n == max + 1 && (s[i] != ',' || !by_depth))
                over = i;
        }
    }
    if (count != NULL)
        *count = nodes;
    return over;
}

/* A refusal: exactly `want`, diag.field, diag.index and diag.offset (exact, or for ANY_OFFSET
 * none or within the `len` bytes of the body), and a message saying why. */
static inline void expect_refusal(const char *src, ecskp_status rc, const ecskp_diag *d,
                                  ecskp_status want, const char *field, size_t offset, size_t index,
                                  size_t len) {
    if (offset != ANY_OFFSET) {
        ECSKP_EXPECT_DIAG(src, rc, d, want, field, offset, index);
    } else {
        ECSKP_EXPECT_ERROR(src, rc, d, want);
        ecskp_test_str(src, "diag.field", d->field, field);
        ecskp_test_size(src, "diag.index", d->index, index);
        ecskp_test_true(src, "diag.offset is none or within the body",
                        d->offset == NO_OFF || d->offset <= len);
    }
    ecskp_test_true(src, "diag.message says why", d->message[0] != '\0');
}

static inline ecskp_status to_json_fn(const void *r, char *buf, size_t cap, size_t *needed,
                                      ecskp_diag *d) {
    return ecskp_response_to_json(r, buf, cap, needed, d);
}

/* The normalized JSON of a response (the caller frees it), sized as ecskp.h says: the size
 * query gives *needed with the NUL, and a buffer of exactly *needed bytes takes the text. */
static inline char *normalized_json(const char *src, const ecskp_response *r) {
    return ecskp_test_sized(src, to_json_fn, r);
}

/* A string of the response: NULL or NUL-terminated UTF-8 (decode.h). */
static inline void check_text(const char *src, const char *what, const char *s) {
    ecskp_diag d;
    if (s == NULL)
        return;
    if (ecskp_utf8_check(s, strlen(s), &d) != ECSKP_OK)
        print_error("row [%s]: %s is not UTF-8 at %zu\n", src, what, d.offset);
    ECSKP_EXPECT_OK(src, ecskp_utf8_check(s, strlen(s), &d), &d);
}

static inline void check_error_layout(const char *src, const ecskp_response *r) {
    ecskp_test_true(src, "an API error has `error`", r->error != NULL);
    ecskp_test_true(src, "an API error has no `success` (NULL)", r->success == NULL);
    const ecskp_api_error *e = r->error;
    ecskp_test_true(src, "error.code is never NULL or empty", e->code != NULL && e->code[0] != 0);
    check_text(src, "error.code", e->code);
    check_text(src, "error.request_id", e->request_id);
    check_text(src, "error.host_id", e->host_id);
    check_text(src, "error.message", e->message);
    check_text(src, "error.recommend", e->recommend);
    check_text(src, "error.access_denied_detail", e->access_denied_detail);
    ecskp_test_true(src, "error.status_mismatch is 1 or 0",
                    e->status_mismatch == 0 || e->status_mismatch == 1);
    ecskp_test_true(src, "error.retryable is 1 or 0", e->retryable == 0 || e->retryable == 1);
}

/* results[i] is non-NULL for every i < result_count, and failed[] holds exactly the Results
 * whose success is 0, in body order, as the same pointers as in results[]. */
static inline void check_results_layout(const char *src, const ecskp_success *s) {
    size_t k = 0;
    for (size_t i = 0; i < s->result_count; i++) {
        const ecskp_instance_result *res = s->results[i];
        ecskp_test_true(src, "results[i] is not NULL for i < result_count", res != NULL);
        ecskp_test_true(src, "Result success is 1 or 0", res->success == 0 || res->success == 1);
        ecskp_test_true(src, "Result success_present is 1 or 0",
                        res->success_present == 0 || res->success_present == 1);
        check_text(src, "Result instance_id", res->instance_id);
        check_text(src, "Result code", res->code);
        check_text(src, "Result message", res->message);
        if (res->success != 0)
            continue;
        ecskp_test_true(src, "failed[] has every failed Result", k < s->failed_count);
        ecskp_test_true(src, "failed[k] is the pointer results[i] holds", s->failed[k] == res);
        k++;
    }
    ecskp_test_size(src, "failed_count (the Results whose success is 0)", s->failed_count, k);
}

static inline void check_success_layout(const char *src, const ecskp_response *r) {
    ecskp_test_true(src, "a success has `success`", r->success != NULL);
    ecskp_test_true(src, "a success has no `error` (NULL)", r->error == NULL);
    const ecskp_success *s = r->success;
    ecskp_test_true(src, "success.request_id is never NULL", s->request_id != NULL);
    check_text(src, "success.request_id", s->request_id);
    check_text(src, "success.key_pair_name", s->key_pair_name);
    ecskp_test_true(src, "has_results is 1 or 0", s->has_results == 0 || s->has_results == 1);
    ecskp_test_true(src, "Results only when the body had Results",
                    s->has_results || s->result_count == 0);
    check_results_layout(src, s);
}

/* Every response a test gets goes through here: exactly one of success / error is set, as
 * kind says, and the pointer layout holds. */
static inline void check_layout(const char *src, const ecskp_response *r) {
    ecskp_test_true(src, "a response was handed out", r != NULL);
    if (r->kind == ECSKP_RESPONSE_API_ERROR) {
        check_error_layout(src, r);
        return;
    }
    ecskp_test_true(src, "kind is success or API error", r->kind == ECSKP_RESPONSE_SUCCESS);
    check_success_layout(src, r);
}

#endif
