/* SPDX-License-Identifier: MIT */
/*
 * fuzz_decode_common.h - what every decoding harness checks about a decoded response, and two
 * independent renderers (response -> JSON body, response -> XML body) used for round trips:
 * a decoded response, written out again as a body in either format and decoded, must give the
 * same normalized JSON (ecskp_response_to_json) as the original. Written without the library's
 * own output code, so the comparison is between two implementations.
 */
#ifndef ECSKP_FUZZ_DECODE_COMMON_H
#define ECSKP_FUZZ_DECODE_COMMON_H

#include <cjson/cJSON.h>
#include <ecskp/decode.h>
#include <ecskp/errors.h>

#include "fuzz_common.h"

/* ---------------------------------------------------------------- JSON rendering */

static inline void fb_json_string(fuzz_buf *b, const char *s) {
    fb_puts(b, "\"");
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"')
            fb_puts(b, "\\\"");
        else if (c == '\\')
            fb_puts(b, "\\\\");
        else if (c < 0x20)
            fb_printf_u(b, "\\u%04llx", c);
        else
            fb_put(b, (const char *)&c, 1);
    }
    fb_puts(b, "\"");
}

static inline void fb_json_field(fuzz_buf *b, int *first, const char *name, const char *value) {
    if (!value)
        return;
    fb_puts(b, *first ? "\"" : ",\"");
    *first = 0;
    fb_puts(b, name);
    fb_puts(b, "\":");
    fb_json_string(b, value);
}

/* The response as a JSON body the API could have sent. */
static inline void fuzz_render_json(const ecskp_response *r, fuzz_buf *b) {
    int first = 1;
    fb_puts(b, "{");
    if (r->kind == ECSKP_RESPONSE_SUCCESS) {
        const ecskp_success *s = r->success;
        fb_json_field(b, &first, "RequestId", s->request_id);
        fb_json_field(b, &first, "KeyPairName", s->key_pair_name);
        if (s->total_count >= 0)
            fb_printf_u(b, ",\"TotalCount\":%llu", (unsigned long long)s->total_count);
        if (s->fail_count >= 0)
            fb_printf_u(b, ",\"FailCount\":%llu", (unsigned long long)s->fail_count);
        if (s->has_results) {
            fb_puts(b, ",\"Results\":{\"Result\":[");
            for (size_t i = 0; i < s->result_count; i++) {
                const ecskp_instance_result *x = s->results[i];
                int f2 = 1;
                fb_puts(b, i ? ",{" : "{");
                fb_json_field(b, &f2, "InstanceId", x->instance_id);
                fb_json_field(b, &f2, "Code", x->code);
                fb_json_field(b, &f2, "Message", x->message);
                if (x->success_present) {
                    fb_puts(b, f2 ? "\"Success\":" : ",\"Success\":");
                    fb_puts(b, x->success ? "true" : "false");
                }
                fb_puts(b, "}");
            }
            fb_puts(b, "]}");
        }
    } else {
        const ecskp_api_error *e = r->error;
        fb_json_field(b, &first, "RequestId", e->request_id);
        fb_json_field(b, &first, "HostId", e->host_id);
        fb_json_field(b, &first, "Code", e->code);
        fb_json_field(b, &first, "Message", e->message);
        fb_json_field(b, &first, "Recommend", e->recommend);
        if (e->access_denied_detail) {
            fb_puts(b, first ? "\"AccessDeniedDetail\":" : ",\"AccessDeniedDetail\":");
            fb_puts(b, e->access_denied_detail);
        }
    }
    fb_puts(b, "}");
}

/* ---------------------------------------------------------------- XML rendering */

/* 1 when every character of s can be written in XML 1.0 text (Char production). */
static inline int fuzz_xml_representable(const char *s) {
    const unsigned char *p = (const unsigned char *)s;
    for (; *p; p++) {
        if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
            return 0;
        /* U+FFFE and U+FFFF (EF BF BE / EF BF BF) are not XML characters. */
        if (p[0] == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF))
            return 0;
    }
    return 1;
}

static inline void fb_xml_text(fuzz_buf *b, const char *s) {
    for (; *s; s++) {
        switch (*s) {
        case '&':
            fb_puts(b, "&amp;");
            break;
        case '<':
            fb_puts(b, "&lt;");
            break;
        case '>':
            fb_puts(b, "&gt;");
            break;
        case '\r':
            fb_puts(b, "&#13;");
            break;
        default:
            fb_put(b, s, 1);
        }
    }
}

static inline void fb_xml_field(fuzz_buf *b, const char *name, const char *value) {
    if (!value)
        return;
    fb_puts(b, "<");
    fb_puts(b, name);
    fb_puts(b, ">");
    fb_xml_text(b, value);
    fb_puts(b, "</");
    fb_puts(b, name);
    fb_puts(b, ">");
}

static inline int fuzz_xml_name_ok(const char *s) {
    if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || *s == '_'))
        return 0;
    for (; *s; s++)
        if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
              *s == '_' || *s == '-' || *s == '.'))
            return 0;
    return 1;
}

/* The response as an XML body. Returns 0 (and writes nothing useful) when the response holds
 * something XML cannot carry: a character outside XML's Char, or an AccessDeniedDetail that is
 * not a flat object of strings with XML names. */
static inline int fuzz_render_xml(const ecskp_response *r, fuzz_buf *b) {
    const char *root = r->kind == ECSKP_RESPONSE_API_ERROR         ? "Error"
                       : r->action == ECSKP_ACTION_ATTACH_KEY_PAIR ? "AttachKeyPairResponse"
                                                                   : "DetachKeyPairResponse";
    fb_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><");
    fb_puts(b, root);
    fb_puts(b, ">");
    if (r->kind == ECSKP_RESPONSE_SUCCESS) {
        const ecskp_success *s = r->success;
        const char *strs[] = {s->request_id, s->key_pair_name};
        for (size_t i = 0; i < 2; i++)
            if (strs[i] && !fuzz_xml_representable(strs[i]))
                return 0;
        fb_xml_field(b, "RequestId", s->request_id);
        fb_xml_field(b, "KeyPairName", s->key_pair_name);
        if (s->total_count >= 0)
            fb_printf_u(b, "<TotalCount>%llu</TotalCount>", (unsigned long long)s->total_count);
        if (s->fail_count >= 0)
            fb_printf_u(b, "<FailCount>%llu</FailCount>", (unsigned long long)s->fail_count);
        if (s->has_results) {
            fb_puts(b, "<Results>");
            for (size_t i = 0; i < s->result_count; i++) {
                const ecskp_instance_result *x = s->results[i];
                const char *rs[] = {x->instance_id, x->code, x->message};
                for (size_t k = 0; k < 3; k++)
                    if (rs[k] && !fuzz_xml_representable(rs[k]))
                        return 0;
                fb_puts(b, "<Result>");
                fb_xml_field(b, "InstanceId", x->instance_id);
                fb_xml_field(b, "Code", x->code);
                fb_xml_field(b, "Message", x->message);
                if (x->success_present)
                    fb_xml_field(b, "Success", x->success ? "true" : "false");
                fb_puts(b, "</Result>");
            }
            fb_puts(b, "</Results>");
        }
    } else {
        const ecskp_api_error *e = r->error;
        const char *strs[] = {e->request_id, e->host_id, e->code, e->message, e->recommend};
        for (size_t i = 0; i < 5; i++)
            if (strs[i] && !fuzz_xml_representable(strs[i]))
                return 0;
        fb_xml_field(b, "RequestId", e->request_id);
        fb_xml_field(b, "HostId", e->host_id);
        fb_xml_field(b, "Code", e->code);
        fb_xml_field(b, "Message", e->message);
        fb_xml_field(b, "Recommend", e->recommend);
        if (e->access_denied_detail) {
            cJSON *d = cJSON_Parse(e->access_denied_detail);
            int ok = d && cJSON_IsObject(d);
            if (ok) {
                fb_puts(b, "<AccessDeniedDetail>");
                for (cJSON *c = d->child; c && ok; c = c->next) {
                    if (!cJSON_IsString(c) || !fuzz_xml_name_ok(c->string) ||
                        !fuzz_xml_representable(c->valuestring)) {
                        ok = 0;
                        break;
                    }
                    fb_xml_field(b, c->string, c->valuestring);
                }
                fb_puts(b, "</AccessDeniedDetail>");
            }
            cJSON_Delete(d);
            if (!ok)
                return 0;
        }
    }
    fb_puts(b, "</");
    fb_puts(b, root);
    fb_puts(b, ">");
    return 1;
}

/* ---------------------------------------------------------------- invariants */

static inline int fuzz_decode_status_documented(ecskp_status rc) {
    switch (rc) {
    case ECSKP_ERR_INVALID_ARGUMENT:
    case ECSKP_ERR_UNSUPPORTED_FORMAT:
    case ECSKP_ERR_BODY_TOO_LARGE:
    case ECSKP_ERR_EMPTY_BODY:
    case ECSKP_ERR_UNSUPPORTED_ENCODING:
    case ECSKP_ERR_INVALID_UTF8:
    case ECSKP_ERR_NUL_CHARACTER:
    case ECSKP_ERR_NESTING_TOO_DEEP:
    case ECSKP_ERR_MALFORMED_BODY:
    case ECSKP_ERR_TRAILING_DATA:
    case ECSKP_ERR_DTD_REFUSED:
    case ECSKP_ERR_WRONG_ROOT:
    case ECSKP_ERR_WRONG_TYPE:
    case ECSKP_ERR_DUPLICATE_FIELD:
    case ECSKP_ERR_NUMBER_OUT_OF_RANGE:
    case ECSKP_ERR_STRING_TOO_LONG:
    case ECSKP_ERR_TOO_MANY_RESULTS:
    case ECSKP_ERR_MISSING_FIELD:
    case ECSKP_ERR_STATUS_BODY_MISMATCH:
    case ECSKP_ERR_INCONSISTENT_RESPONSE:
    case ECSKP_ERR_OUT_OF_MEMORY:
    case ECSKP_ERR_TOO_MANY_NODES:
    case ECSKP_ERR_TOO_MANY_ATTRIBUTES:
    case ECSKP_ERR_TOO_MANY_NAMESPACES:
    case ECSKP_ERR_MARKUP_TOO_LONG:
        return 1;
    default:
        return 0;
    }
}

static inline void fuzz_check_string(const char *s, size_t max_bytes, int may_be_null) {
    if (!s) {
        FUZZ_CHECK(may_be_null);
        return;
    }
    size_t n = strlen(s);
    FUZZ_CHECK(fuzz_utf8_valid((const unsigned char *)s, n, NULL));
    FUZZ_CHECK(n <= max_bytes);
}

static inline size_t fuzz_limit(size_t v, size_t def) {
    return v ? v : def;
}

/* Everything decode.h promises about a failed decode of `len` bytes with options `o`. */
static inline void fuzz_check_failure(ecskp_status rc, const ecskp_diag *diag, size_t len,
                                      const ecskp_decode_options *o) {
    const ecskp_limits *l = o->limits;
    FUZZ_CHECK(fuzz_decode_status_documented(rc));
    FUZZ_CHECK(memchr(diag->field, '\0', sizeof diag->field) != NULL);
    FUZZ_CHECK(memchr(diag->message, '\0', sizeof diag->message) != NULL);
    FUZZ_CHECK(diag->offset == ECSKP_NO_OFFSET || diag->offset <= len);
    switch (rc) {
    case ECSKP_ERR_TOO_MANY_ATTRIBUTES:
    case ECSKP_ERR_TOO_MANY_NAMESPACES:
    case ECSKP_ERR_MARKUP_TOO_LONG:
        /* XML limits only; each reported at the byte (attribute or '<') concerned. */
        FUZZ_CHECK(o->format == ECSKP_FORMAT_XML);
        FUZZ_CHECK(diag->offset < len);
        break;
    case ECSKP_ERR_TOO_MANY_NODES:
        FUZZ_CHECK(diag->offset < len);
        break;
    case ECSKP_ERR_TOO_MANY_RESULTS:
        /* The entry at index max_results fails. */
        FUZZ_CHECK(diag->index == fuzz_limit(l ? l->max_results : 0, ECSKP_DEFAULT_MAX_RESULTS));
        break;
    default:
        break;
    }
}

/* Everything decode.h promises about a successful decode. */
static inline void fuzz_check_response(const ecskp_response *r, const ecskp_decode_options *o) {
    const ecskp_limits *l = o->limits;
    size_t max_str = fuzz_limit(l ? l->max_string_bytes : 0, ECSKP_DEFAULT_MAX_STRING_BYTES);
    size_t max_res = fuzz_limit(l ? l->max_results : 0, ECSKP_DEFAULT_MAX_RESULTS);
    size_t max_nodes = fuzz_limit(l ? l->max_nodes : 0, ECSKP_DEFAULT_MAX_NODES);
    int allow = (o->flags & ECSKP_DECODE_ALLOW_INCONSISTENT) != 0;
    int http = o->http_status;
    int http2xx = http >= 200 && http <= 299;
    FUZZ_CHECK(r->action == o->action && r->format == o->format);
    /* Exactly one of success / error is set, as kind says. */
    FUZZ_CHECK((r->kind == ECSKP_RESPONSE_SUCCESS) == (r->success != NULL));
    FUZZ_CHECK((r->kind == ECSKP_RESPONSE_API_ERROR) == (r->error != NULL));
    if (r->kind == ECSKP_RESPONSE_SUCCESS) {
        const ecskp_success *s = r->success;
        FUZZ_CHECK(http == 0 || http2xx);
        fuzz_check_string(s->request_id, max_str, 0);
        fuzz_check_string(s->key_pair_name, max_str, 1);
        FUZZ_CHECK(s->total_count >= -1 && s->total_count <= 0x7fffffff);
        FUZZ_CHECK(s->fail_count >= -1 && s->fail_count <= 0x7fffffff);
        FUZZ_CHECK(s->has_results == 0 || s->has_results == 1);
        if (!s->has_results)
            FUZZ_CHECK(s->result_count == 0);
        FUZZ_CHECK(s->result_count <= max_res);
        /* Each Result is a node, and so are the root and Results around them (JSON: the
         * root object's '{' and the one of Results or its array; XML: the root and
         * <Results> start tags). */
        if (s->result_count > 0)
            FUZZ_CHECK(s->result_count + 2 <= max_nodes);
        FUZZ_CHECK(s->result_count == 0 || s->results != NULL);
        FUZZ_CHECK(s->failed_count == 0 || s->failed != NULL);
        size_t failed = 0;
        int success_code_ok = 1;
        for (size_t i = 0; i < s->result_count; i++) {
            const ecskp_instance_result *x = s->results[i];
            FUZZ_CHECK(x != NULL);
            fuzz_check_string(x->instance_id, max_str, 1);
            fuzz_check_string(x->code, max_str, 1);
            fuzz_check_string(x->message, max_str, 1);
            FUZZ_CHECK(x->success == 0 || x->success == 1);
            FUZZ_CHECK(x->success_present == 0 || x->success_present == 1);
            int code200 = x->code && strcmp(x->code, "200") == 0;
            if (!x->success_present)
                FUZZ_CHECK(x->success == code200);
            else if (x->code && x->success != code200)
                success_code_ok = 0;
            if (!x->success) {
                FUZZ_CHECK(failed < s->failed_count);
                FUZZ_CHECK(s->failed[failed] == x);
                failed++;
            }
        }
        FUZZ_CHECK(failed == s->failed_count);
        if (!allow) {
            FUZZ_CHECK(s->inconsistencies == 0);
            if (s->total_count >= 0 && s->fail_count >= 0)
                FUZZ_CHECK(s->fail_count <= s->total_count);
            if (s->total_count >= 0 && s->has_results)
                FUZZ_CHECK((size_t)s->total_count == s->result_count);
            if (s->fail_count >= 0 && s->has_results)
                FUZZ_CHECK((size_t)s->fail_count == s->failed_count);
            FUZZ_CHECK(success_code_ok);
        } else {
            FUZZ_CHECK((s->inconsistencies & ~0x1Fu) == 0);
            if (s->total_count >= 0 && s->fail_count >= 0)
                FUZZ_CHECK((s->fail_count > s->total_count) ==
                           ((s->inconsistencies & ECSKP_INCONSISTENT_FAIL_EXCEEDS_TOTAL) != 0));
            if (s->total_count >= 0 && s->has_results)
                FUZZ_CHECK(((size_t)s->total_count != s->result_count) ==
                           ((s->inconsistencies & ECSKP_INCONSISTENT_TOTAL_COUNT) != 0));
            if (s->fail_count >= 0 && s->has_results)
                FUZZ_CHECK(((size_t)s->fail_count != s->failed_count) ==
                           ((s->inconsistencies & ECSKP_INCONSISTENT_FAIL_COUNT) != 0));
            FUZZ_CHECK(!success_code_ok ==
                       ((s->inconsistencies & ECSKP_INCONSISTENT_SUCCESS_CODE) != 0));
        }
    } else {
        FUZZ_CHECK(r->kind == ECSKP_RESPONSE_API_ERROR);
        const ecskp_api_error *e = r->error;
        FUZZ_CHECK(e->http_status == http);
        fuzz_check_string(e->code, max_str, 0);
        FUZZ_CHECK(e->code[0] != '\0');
        FUZZ_CHECK(strcmp(e->code, "200") != 0);
        fuzz_check_string(e->request_id, max_str, 1);
        fuzz_check_string(e->host_id, max_str, 1);
        fuzz_check_string(e->message, max_str, 1);
        fuzz_check_string(e->recommend, max_str, 1);
        fuzz_check_string(e->access_denied_detail, max_str, 1);
        if (e->access_denied_detail) {
            cJSON *d = cJSON_Parse(e->access_denied_detail);
            FUZZ_CHECK(d != NULL && cJSON_IsObject(d));
            cJSON_Delete(d);
        }
        int retry = -1;
        ecskp_error_category cat = ecskp_error_classify(e->code, http, &retry);
        FUZZ_CHECK(e->category == cat && e->retryable == retry);
        FUZZ_CHECK(e->status_mismatch == http2xx);
    }
}

/* The normalized JSON of a response (heap, caller frees), with `*needed` (the NUL counted)
 * checked on the size query, a buffer one byte short and the exact buffer. */
static inline char *fuzz_normalized(const ecskp_response *r) {
    size_t needed = 0;
    ecskp_diag diag;
    ecskp_status rc = ecskp_response_to_json(r, NULL, 0, &needed, &diag);
    FUZZ_CHECK(rc == ECSKP_ERR_BUFFER_TOO_SMALL && diag.status == rc && needed > 1);
    char *buf = fuzz_xmalloc(needed);
    size_t needed2 = 0;
    rc = ecskp_response_to_json(r, buf, needed - 1, &needed2, NULL);
    FUZZ_CHECK(rc == ECSKP_ERR_BUFFER_TOO_SMALL && needed2 == needed);
    FUZZ_CHECK(memchr(buf, '\0', needed - 1) != NULL);
    rc = ecskp_response_to_json(r, buf, needed, &needed2, &diag);
    FUZZ_CHECK(rc == ECSKP_OK && diag.status == ECSKP_OK && needed2 == needed);
    FUZZ_CHECK(strlen(buf) + 1 == needed);
    cJSON *j = cJSON_ParseWithLength(buf, needed - 1);
    FUZZ_CHECK(j != NULL && cJSON_IsObject(j));
    cJSON_Delete(j);
    return buf;
}

/* Decodes a rendered body with generous limits and the original's action, format, status and
 * flags; it must succeed and normalize to `want`. */
static inline void fuzz_expect_same(const char *body, size_t len, ecskp_format format,
                                    const ecskp_decode_options *orig, const char *want) {
    ecskp_limits big = {.max_body_bytes = ECSKP_MAX_BODY_BYTES_CAP,
                        .max_depth = ECSKP_MAX_DEPTH_CAP,
                        .max_results = ECSKP_MAX_RESULTS_CAP,
                        .max_string_bytes = ECSKP_MAX_STRING_BYTES_CAP,
                        .max_nodes = ECSKP_MAX_NODES_CAP,
                        .max_attributes = ECSKP_MAX_ATTRIBUTES_CAP,
                        .max_namespaces = ECSKP_MAX_NAMESPACES_CAP,
                        .max_markup_bytes = ECSKP_MAX_MARKUP_BYTES_CAP};
    ecskp_decode_options o = *orig;
    o.format = format;
    o.limits = &big;
    o.alloc = NULL;
    ecskp_response *r = NULL;
    ecskp_diag diag;
    ecskp_status rc = ecskp_response_decode(body, len, &o, &r, &diag);
    if (rc != ECSKP_OK)
        fprintf(stderr, "re-decoding %s failed: %s (%s) at %zu: %s\nbody: %s\n",
                format == ECSKP_FORMAT_JSON ? "JSON" : "XML", diag.name, diag.field, diag.offset,
                diag.message, body);
    FUZZ_CHECK(rc == ECSKP_OK);
    char *got = fuzz_normalized(r);
    if (strcmp(got, want) != 0)
        fprintf(stderr, "want: %s\ngot:  %s\nbody: %s\n", want, got, body);
    FUZZ_CHECK(strcmp(got, want) == 0);
    free(got);
    ecskp_response_free(r);
}

/*
 * 1 when stock cJSON (numbers and all, after one UTF-8 byte-order mark) parses `body` as one
 * value followed only by white space. cJSON accepts more than JSON does, never less (its
 * nesting limit, 1000, is above max_depth's cap), so a JSON body that decodes must pass: the
 * decoder's tagged copy must not let through what is not JSON.
 */
static inline int fuzz_cjson_accepts(const uint8_t *body, size_t len) {
    size_t base = len >= 3 && body[0] == 0xEF && body[1] == 0xBB && body[2] == 0xBF ? 3 : 0;
    const char *text = (const char *)body + base, *end = NULL;
    cJSON *j = cJSON_ParseWithLengthOpts(text, len - base, &end, 0);
    if (j == NULL)
        return 0;
    cJSON_Delete(j);
    while (end < text + (len - base) &&
           (*end == ' ' || *end == '\t' || *end == '\r' || *end == '\n'))
        end++;
    return end == text + (len - base);
}

/*
 * Decodes `body` with `o`; checks the failure contract or the response invariants, and on
 * success the round trips through both renderers. Returns the status.
 */
static inline ecskp_status fuzz_decode_and_check(const uint8_t *body, size_t len,
                                                 const ecskp_decode_options *o) {
    ecskp_response *r = (ecskp_response *)(uintptr_t)1;
    ecskp_diag diag;
    ecskp_status rc = ecskp_response_decode(body, len, o, &r, &diag);
    FUZZ_CHECK(diag.status == rc);
    FUZZ_CHECK(diag.name != NULL && strcmp(diag.name, ecskp_status_name(rc)) == 0);
    if (rc != ECSKP_OK) {
        FUZZ_CHECK(r == NULL);
        fuzz_check_failure(rc, &diag, len, o);
        return rc;
    }
    FUZZ_CHECK(r != NULL);
    if (o->format == ECSKP_FORMAT_JSON)
        FUZZ_CHECK(fuzz_cjson_accepts(body, len));
    fuzz_check_response(r, o);
    char *norm = fuzz_normalized(r);

    fuzz_buf jb = {0};
    fuzz_render_json(r, &jb);
    fuzz_expect_same(jb.p, jb.len, ECSKP_FORMAT_JSON, o, norm);
    free(jb.p);

    fuzz_buf xb = {0};
    if (fuzz_render_xml(r, &xb))
        fuzz_expect_same(xb.p, xb.len, ECSKP_FORMAT_XML, o, norm);
    free(xb.p);

    free(norm);
    ecskp_response_free(r);
    return rc;
}

/* Copies the input into an exact-size heap block, so reads past the end are caught. */
static inline uint8_t *fuzz_exact_copy(const uint8_t *data, size_t size) {
    uint8_t *p = fuzz_xmalloc(size);
    if (size)
        memcpy(p, data, size);
    return p;
}

#endif /* ECSKP_FUZZ_DECODE_COMMON_H */
