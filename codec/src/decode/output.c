/* SPDX-License-Identifier: MIT */
/*
 * output.c - the normalized JSON form of a response (ecskp_response_to_json). Strings go
 * through ecskp__put_json_string() (json_write.c), as every string ecskp emits.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "decode_internal.h"

/* Appends `,"key":"value"` (without the comma for the first member) when value is not NULL. */
static void put_member_string(ecskp_writer *w, int *first, const char *key, const char *value) {
    if (value == NULL)
        return;
    if (!*first)
        ecskp__putc(w, ',');
    *first = 0;
    ecskp__putc(w, '"');
    ecskp__puts(w, key);
    ecskp__puts(w, "\":");
    ecskp__put_json_string(w, value, strlen(value));
}

static void put_member_raw(ecskp_writer *w, int *first, const char *key, const char *raw) {
    if (!*first)
        ecskp__putc(w, ',');
    *first = 0;
    ecskp__putc(w, '"');
    ecskp__puts(w, key);
    ecskp__puts(w, "\":");
    ecskp__puts(w, raw);
}

static void put_member_int(ecskp_writer *w, int *first, const char *key, int64_t v) {
    char num[24];
    (void)snprintf(num, sizeof num, "%" PRId64, v);
    put_member_raw(w, first, key, num);
}

static void put_success(ecskp_writer *w, const ecskp_success *s) {
    int first = 1;
    ecskp__putc(w, '{');
    put_member_string(w, &first, "RequestId", s->request_id);
    put_member_string(w, &first, "KeyPairName", s->key_pair_name);
    if (s->total_count >= 0)
        put_member_int(w, &first, "TotalCount", s->total_count);
    if (s->fail_count >= 0)
        put_member_int(w, &first, "FailCount", s->fail_count);
    if (s->has_results) {
        put_member_raw(w, &first, "Results", "[");
        for (size_t i = 0; i < s->result_count; i++) {
            const ecskp_instance_result *r = s->results[i];
            int rf = 1;
            if (i > 0)
                ecskp__putc(w, ',');
            ecskp__putc(w, '{');
            put_member_string(w, &rf, "InstanceId", r->instance_id);
            put_member_string(w, &rf, "Code", r->code);
            put_member_string(w, &rf, "Message", r->message);
            if (r->success_present)
                put_member_raw(w, &rf, "Success", r->success ? "true" : "false");
            ecskp__putc(w, '}');
        }
        ecskp__putc(w, ']');
    }
    ecskp__putc(w, '}');
}

static void put_error(ecskp_writer *w, const ecskp_api_error *e) {
    int first = 1;
    ecskp__puts(w, "{\"Error\":{");
    if (e->http_status != 0)
        put_member_int(w, &first, "HttpStatus", e->http_status);
    put_member_string(w, &first, "RequestId", e->request_id);
    put_member_string(w, &first, "HostId", e->host_id);
    put_member_string(w, &first, "Code", e->code);
    put_member_string(w, &first, "Message", e->message);
    put_member_string(w, &first, "Recommend", e->recommend);
    if (e->access_denied_detail != NULL)
        put_member_raw(w, &first, "AccessDeniedDetail", e->access_denied_detail);
    put_member_string(w, &first, "Category", ecskp_category_name(e->category));
    put_member_raw(w, &first, "Retryable", e->retryable ? "true" : "false");
    ecskp__puts(w, "}}");
}

ecskp_status ecskp_response_to_json(const ecskp_response *response, char *buf, size_t cap,
                                    size_t *needed, ecskp_diag *diag) {
    int ok = response != NULL &&
             (response->kind == ECSKP_RESPONSE_API_ERROR ? response->error != NULL
                                                         : response->success != NULL);
    ecskp_writer w;
    ECSKP_GUARD(ecskp__writer_open(&w, buf, cap, needed, ok, NULL, "response is NULL", diag));
    if (response->kind == ECSKP_RESPONSE_API_ERROR)
        put_error(&w, response->error);
    else
        put_success(&w, response->success);
    return ecskp__writer_report(&w, needed, diag, "the normalized response");
}
