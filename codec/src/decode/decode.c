/* SPDX-License-Identifier: MIT */
/*
 * decode.c - ecskp_response_decode(): arguments and limits, the checks every body goes through, the
 * shape and HTTP status decision, the consistency checks, and the final response.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "decode_internal.h"

static const struct {
    unsigned bit;
    const char *name;
} inconsistency_names[] = {
    {ECSKP_INCONSISTENT_FAIL_EXCEEDS_TOTAL, "fail_count_exceeds_total"},
    {ECSKP_INCONSISTENT_TOTAL_COUNT, "total_count_vs_results"},
    {ECSKP_INCONSISTENT_FAIL_COUNT, "fail_count_vs_results"},
    {ECSKP_INCONSISTENT_SUCCESS_CODE, "success_vs_code"},
    {ECSKP_INCONSISTENT_TOP_CODE, "code_in_success"},
};

const char *ecskp_inconsistency_name(unsigned bit) {
    for (size_t i = 0; i < sizeof inconsistency_names / sizeof inconsistency_names[0]; i++)
        if (inconsistency_names[i].bit == bit)
            return inconsistency_names[i].name;
    return NULL;
}

/* Each limit with its default (for 0) and its cap, in the order of ecskp_limits. */
static const struct {
    size_t offset;
    const char *name;
    size_t def, cap;
} limit_table[] = {
#define LIMIT(field, def, cap)                                                                     \
    { offsetof(ecskp_limits, field), #field, def, cap }
    LIMIT(max_body_bytes, ECSKP_DEFAULT_MAX_BODY_BYTES, ECSKP_MAX_BODY_BYTES_CAP),
    LIMIT(max_depth, ECSKP_DEFAULT_MAX_DEPTH, ECSKP_MAX_DEPTH_CAP),
    LIMIT(max_results, ECSKP_DEFAULT_MAX_RESULTS, ECSKP_MAX_RESULTS_CAP),
    LIMIT(max_string_bytes, ECSKP_DEFAULT_MAX_STRING_BYTES, ECSKP_MAX_STRING_BYTES_CAP),
    LIMIT(max_nodes, ECSKP_DEFAULT_MAX_NODES, ECSKP_MAX_NODES_CAP),
    LIMIT(max_attributes, ECSKP_DEFAULT_MAX_ATTRIBUTES, ECSKP_MAX_ATTRIBUTES_CAP),
    LIMIT(max_namespaces, ECSKP_DEFAULT_MAX_NAMESPACES, ECSKP_MAX_NAMESPACES_CAP),
    LIMIT(max_markup_bytes, ECSKP_DEFAULT_MAX_MARKUP_BYTES, ECSKP_MAX_MARKUP_BYTES_CAP),
#undef LIMIT
};
#define LIMIT_COUNT (sizeof limit_table / sizeof limit_table[0])

static size_t *limit_slot(ecskp_limits *l, size_t i) {
    return (size_t *)(void *)((char *)l + limit_table[i].offset);
}

int ecskp_limit_describe(size_t i, const char **name, size_t *default_value, size_t *cap) {
    if (i >= LIMIT_COUNT)
        return 0;
    if (name != NULL)
        *name = limit_table[i].name;
    if (default_value != NULL)
        *default_value = limit_table[i].def;
    if (cap != NULL)
        *cap = limit_table[i].cap;
    return 1;
}

ecskp_status ecskp_limits_set(ecskp_limits *limits, const char *name, size_t value,
                              ecskp_diag *diag) {
    if (limits == NULL || name == NULL)
        return ecskp__refuse(diag, ECSKP_ERR_INVALID_ARGUMENT, limits == NULL ? "limits" : "name",
                             NULL);
    for (size_t i = 0; i < LIMIT_COUNT; i++) {
        if (strcmp(limit_table[i].name, name) != 0)
            continue;
        if (value > limit_table[i].cap)
            return ecskp__refuse(diag, ECSKP_ERR_INVALID_ARGUMENT, limit_table[i].name,
                                 "%s above %zu", limit_table[i].name, limit_table[i].cap);
        *limit_slot(limits, i) = value;
        return ecskp__ok(diag);
    }
    return ecskp__refuse(diag, ECSKP_ERR_INVALID_ARGUMENT, "name", "no limit is called %.64s",
                         name);
}

static ecskp_status resolve_limits(const ecskp_limits *in, ecskp_limits *out, ecskp_diag *diag) {
    ecskp_limits l;
    memset(&l, 0, sizeof l);
    if (in != NULL)
        l = *in;
    for (size_t i = 0; i < LIMIT_COUNT; i++) {
        size_t *v = limit_slot(&l, i);
        if (*v == 0)
            *v = limit_table[i].def;
        if (*v > limit_table[i].cap)
            return ecskp__refuse(diag, ECSKP_ERR_INVALID_ARGUMENT, limit_table[i].name,
                                 "%s above %zu", limit_table[i].name, limit_table[i].cap);
    }
    *out = l;
    return ECSKP_OK;
}

static int is_ws(unsigned char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int is_2xx(int status) {
    return status >= 200 && status <= 299;
}

static ecskp_status oom(dec_state *st) {
    return ecskp__refuse(st->diag, ECSKP_ERR_OUT_OF_MEMORY, NULL, NULL);
}

static int code_is_200(const char *code) {
    return code != NULL && strcmp(code, "200") == 0;
}

static ecskp_status finish_error(dec_state *st) {
    const char *code = st->top[DEC_F_CODE];
    if (code == NULL || code[0] == '\0')
        return ecskp__refuse(st->diag, ECSKP_ERR_MISSING_FIELD, "Code",
                             "an error body without a Code");
    if (code_is_200(code))
        return ecskp__refuse(st->diag, ECSKP_ERR_INCONSISTENT_RESPONSE, "Code",
                             "an error body with Code 200");
    ecskp_response *r = &st->resp->pub;
    ecskp_api_error *e = &st->resp->error;
    r->kind = ECSKP_RESPONSE_API_ERROR;
    r->error = e;
    e->http_status = st->opt->http_status;
    e->request_id = st->top[DEC_F_REQUEST_ID];
    e->host_id = st->top[DEC_F_HOST_ID];
    e->code = code;
    e->message = st->top[DEC_F_MESSAGE];
    e->recommend = st->top[DEC_F_RECOMMEND];
    e->access_denied_detail = st->top[DEC_F_DETAIL];
    e->category = ecskp_error_classify(code, e->http_status, &e->retryable);
    e->status_mismatch = is_2xx(e->http_status);
    return ECSKP_OK;
}

/* The consistency checks of decode.h: the ECSKP_INCONSISTENT_* bits that fail, the number of
 * failed Results, and the index of the first Result whose Success disagrees with its Code. */
static unsigned inconsistencies(const dec_state *st, const ecskp_instance_result *res, size_t n,
                                size_t *failed, size_t *mismatch_at) {
    for (size_t i = 0; i < n; i++) {
        if (!res[i].success)
            (*failed)++;
        if (*mismatch_at == ECSKP_NO_INDEX && res[i].success_present && res[i].code != NULL &&
            res[i].success != code_is_200(res[i].code))
            *mismatch_at = i;
    }
    unsigned bits = 0;
    if (st->total_count >= 0 && st->fail_count > st->total_count)
        bits |= ECSKP_INCONSISTENT_FAIL_EXCEEDS_TOTAL;
    if (st->total_count >= 0 && st->has_results && (uint64_t)st->total_count != (uint64_t)n)
        bits |= ECSKP_INCONSISTENT_TOTAL_COUNT;
    if (st->fail_count >= 0 && st->has_results && (uint64_t)st->fail_count != (uint64_t)*failed)
        bits |= ECSKP_INCONSISTENT_FAIL_COUNT;
    if (*mismatch_at != ECSKP_NO_INDEX)
        bits |= ECSKP_INCONSISTENT_SUCCESS_CODE;
    if (st->top[DEC_F_CODE] != NULL && !code_is_200(st->top[DEC_F_CODE]))
        bits |= ECSKP_INCONSISTENT_TOP_CODE;
    return bits;
}

static ecskp_status finish_success(dec_state *st) {
    if (st->top[DEC_F_REQUEST_ID] == NULL)
        return ecskp__refuse(st->diag, ECSKP_ERR_MISSING_FIELD, "RequestId",
                             "a success body without a RequestId");
    int http = st->opt->http_status;
    if (http != 0 && !is_2xx(http))
        return ecskp__refuse(st->diag, ECSKP_ERR_STATUS_BODY_MISMATCH, NULL,
                             "HTTP %d with a success body", http);

    const ecskp_instance_result *res =
        st->results_chunk != NULL
            ? (const ecskp_instance_result *)(void *)dec_chunk_data(st->results_chunk)
            : NULL;
    size_t n = res != NULL ? st->result_count : 0; /* no chunk: no Result was read */
    size_t failed = 0, mismatch_at = ECSKP_NO_INDEX;
    unsigned bits = inconsistencies(st, res, n, &failed, &mismatch_at);
    if (bits != 0 && (st->opt->flags & ECSKP_DECODE_ALLOW_INCONSISTENT) == 0) {
        unsigned first = bits & (0u - bits);
        static const char *const why[] = {
            "FailCount exceeds TotalCount",
            "TotalCount differs from the number of Results",
            "FailCount differs from the number of failed Results",
            "a Result's Success disagrees with its Code",
            "a success body carries a Code other than 200",
        };
        size_t k = 0;
        while ((1u << k) != first)
            k++;
        return ecskp__fail(st->diag, ECSKP_ERR_INCONSISTENT_RESPONSE,
                           ecskp_inconsistency_name(first), ECSKP_NO_OFFSET,
                           first == ECSKP_INCONSISTENT_SUCCESS_CODE ? mismatch_at : ECSKP_NO_INDEX,
                           "%s", why[k]);
    }

    ecskp_response *r = &st->resp->pub;
    ecskp_success *s = &st->resp->success;
    r->kind = ECSKP_RESPONSE_SUCCESS;
    r->success = s;
    s->request_id = st->top[DEC_F_REQUEST_ID];
    s->key_pair_name = st->top[DEC_F_KEY_PAIR_NAME];
    s->total_count = st->total_count;
    s->fail_count = st->fail_count;
    s->has_results = st->has_results;
    s->result_count = n;
    s->inconsistencies = bits;
    /* One array of pointers for all Results, the failed ones after them (decode.h: the
     * structs are reached through pointers only, so they may grow). */
    if (n > 0) {
        const ecskp_instance_result **list =
            dec_arena_alloc(&st->resp->arena, (n + failed) * sizeof(const ecskp_instance_result *));
        if (list == NULL)
            return oom(st);
        size_t k = n;
        for (size_t i = 0; i < n; i++) {
            list[i] = &res[i];
            if (!res[i].success)
                list[k++] = &res[i];
        }
        s->results = list;
        s->failed = failed > 0 ? list + n : NULL;
        s->failed_count = failed;
    }
    if (st->results_chunk != NULL) {
        dec_arena_adopt(&st->resp->arena, st->results_chunk);
        st->results_chunk = NULL;
    }
    return ECSKP_OK;
}

/* Byte-order marks, both formats (decode.h): a UTF-16 or UTF-32 one is unsupported_encoding;
 * a UTF-8 one may start the body (*bom = 3), and a body of nothing else and white space is
 * empty_body. */
static ecskp_status byte_order_mark(ecskp_diag *diag, const unsigned char *b, size_t len,
                                    size_t *bom) {
    if ((len >= 2 && ((b[0] == 0xFE && b[1] == 0xFF) || (b[0] == 0xFF && b[1] == 0xFE))) ||
        (len >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF))
        return ecskp__fail(diag, ECSKP_ERR_UNSUPPORTED_ENCODING, NULL, 0, ECSKP_NO_INDEX,
                           "a UTF-16 or UTF-32 byte-order mark");
    *bom = len >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? 3 : 0;
    size_t i = *bom;
    while (i < len && is_ws(b[i]))
        i++;
    if (i == len)
        return ecskp__refuse(diag, ECSKP_ERR_EMPTY_BODY, NULL, "only a byte-order mark");
    return ECSKP_OK;
}

ecskp_status ecskp_response_decode(const void *body, size_t len, const ecskp_decode_options *opt,
                                   ecskp_response **out, ecskp_diag *diag) {
    if (out != NULL)
        *out = NULL;
    if (out == NULL || opt == NULL || (body == NULL && len > 0))
        return ecskp__refuse(diag, ECSKP_ERR_INVALID_ARGUMENT,
                             out == NULL   ? "out"
                             : opt == NULL ? "opt"
                                           : "body",
                             NULL);
    if (ecskp_action_name(opt->action) == NULL)
        return ecskp__refuse(diag, ECSKP_ERR_INVALID_ARGUMENT, "action", "unknown action %d",
                             (int)opt->action);
    if (ecskp_format_name(opt->format) == NULL)
        return ecskp__refuse(diag, ECSKP_ERR_UNSUPPORTED_FORMAT, "format",
                             "format %d is neither JSON nor XML", (int)opt->format);
    if (opt->http_status != 0 && (opt->http_status < 100 || opt->http_status > 599))
        return ecskp__refuse(diag, ECSKP_ERR_INVALID_ARGUMENT, "http_status",
                             "HTTP status %d outside 100..599", opt->http_status);

    dec_state st;
    memset(&st, 0, sizeof st);
    ECSKP_GUARD(resolve_limits(opt->limits, &st.lim, diag));
    if (len > st.lim.max_body_bytes)
        return ecskp__fail(diag, ECSKP_ERR_BODY_TOO_LARGE, NULL, st.lim.max_body_bytes,
                           ECSKP_NO_INDEX, "body of %zu bytes, limit %zu", len,
                           st.lim.max_body_bytes);
    const unsigned char *b = body;
    size_t first = 0;
    while (first < len && is_ws(b[first]))
        first++;
    if (first == len)
        return ecskp__refuse(diag, ECSKP_ERR_EMPTY_BODY, NULL,
                             len == 0 ? "no bytes" : "only white space");

    size_t bom = 0;
    ECSKP_GUARD(byte_order_mark(diag, b, len, &bom));

    st.opt = opt;
    st.diag = diag;
    st.total_count = -1;
    st.fail_count = -1;
    ecskp_status rc = opt->format == ECSKP_FORMAT_JSON ? dec_parse_json(&st, b, len, bom)
                                                       : dec_parse_xml(&st, b, len);
    if (rc == ECSKP_OK)
        rc = st.shape == DEC_SHAPE_ERROR ? finish_error(&st) : finish_success(&st);
    if (rc != ECSKP_OK) {
        if (st.resp != NULL) {
            if (st.results_chunk != NULL)
                dec_tmp_free(&st.resp->arena, st.results_chunk);
            ecskp_response_free(&st.resp->pub);
        }
        return rc;
    }
    *out = &st.resp->pub;
    return ecskp__ok(diag);
}
