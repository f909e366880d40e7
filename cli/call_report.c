/* SPDX-License-Identifier: MIT */
/*
 * call_report.c - what attach and detach print: the signed requests of a dry run, and the
 * per-instance report (a table for people, one JSON object with --json). The shapes are
 * those of ecskp(1), ATTACH AND DETACH. Text that came from the server is shown with control
 * characters escaped as \xHH (UTF-8 otherwise kept) in the table, JSON-escaped in JSON.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "call_run.h"
#include "report.h"

static const char *outcome_name(call_outcome o) {
    return o == CALL_OK ? "ok" : o == CALL_FAILED ? "failed" : "not-done";
}

/* The length of the UTF-8 sequence at p (1 to 4), or 0 when it is not one. */
static size_t utf8_len(const unsigned char *p) {
    size_t n = p[0] >= 0xf0 && p[0] <= 0xf4 ? 4 : p[0] >= 0xe0 ? 3 : p[0] >= 0xc2 ? 2 : 0;
    if (p[0] >= 0xf5)
        return 0;
    for (size_t i = 1; i < n; i++)
        if ((p[i] & 0xc0) != 0x80)
            return 0;
    return n;
}

/* Copies UTF-8 text for a terminal: printable ASCII and multi-byte characters kept, except
 * the C1 controls (U+0080..U+009F, which some terminals obey); every other byte as \xHH. */
static void clean_text(const char *s, char *out, size_t cap) {
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)s;
    size_t o = 0;
    while (*p != '\0' && o + 5 < cap) {
        size_t n = *p >= 0x80 ? utf8_len(p) : (*p >= 0x20 && *p < 0x7f);
        if (n == 2 && p[0] == 0xc2 && p[1] <= 0x9f)
            n = 0;
        if (n > 0) {
            memcpy(out + o, p, n);
            o += n;
            p += n;
            continue;
        }
        out[o++] = '\\';
        out[o++] = 'x';
        out[o++] = hex[*p >> 4];
        out[o++] = hex[*p & 15];
        p++;
    }
    out[o] = '\0';
}

/* ------------------------------------------------------------------ JSON helpers */

static cJSON *ids_array(const call_plan *p, const call_batch *bt) {
    return cJSON_CreateStringArray((const char *const *)(p->ids + bt->first), (int)bt->count);
}

static int add_string_or_null(cJSON *o, const char *name, const char *v) {
    return (v != NULL && v[0] != '\0' ? cJSON_AddStringToObject(o, name, v)
                                      : cJSON_AddNullToObject(o, name)) != NULL;
}

static cJSON *report_head(const call_plan *p) {
    cJSON *root = cJSON_CreateObject();
    if (root == NULL || !cJSON_AddStringToObject(root, "action", ecskp_action_name(p->action)) ||
        !cJSON_AddStringToObject(root, "region", p->region) ||
        !cJSON_AddStringToObject(root, "host", p->endpoint.host)) {
        cJSON_Delete(root);
        return NULL;
    }
    return root;
}

/* Prints the tree on one line and frees it. Returns 0, or CALL_EXIT_INTERNAL. */
static int emit_tree(cJSON *root) {
    char *text = root != NULL ? cJSON_PrintUnformatted(root) : NULL;
    cJSON_Delete(root);
    if (text == NULL) {
        cli_refuse_msg(ECSKP_ERR_OUT_OF_MEMORY, "no memory for the report");
        return CALL_EXIT_INTERNAL;
    }
    int bad = puts(text) < 0 || fflush(stdout) != 0;
    free(text);
    if (bad)
        cli_refuse_msg(ECSKP_ERR_INVALID_ARGUMENT, "cannot write the report");
    return bad ? CALL_EXIT_INTERNAL : 0;
}

/* ------------------------------------------------------------------ the dry run */

static cJSON *request_json(const call_plan *p, size_t b, const ecskp_signed *s, const char *url) {
    cJSON *o = cJSON_CreateObject(), *h = cJSON_CreateObject();
    int ok = o != NULL && h != NULL && cJSON_AddNumberToObject(o, "index", (double)(b + 1)) &&
             cJSON_AddItemToObject(o, "ids", ids_array(p, &p->batches[b])) &&
             cJSON_AddStringToObject(o, "method", ecskp_method_name(s->method)) &&
             cJSON_AddStringToObject(o, "url", url);
    for (size_t i = 0; ok && i < s->header_count; i++)
        ok = cJSON_AddStringToObject(h, s->headers[i].name, s->headers[i].value) != NULL;
    if (ok && cJSON_AddItemToObject(o, "headers", h)) {
        h = NULL;
        ok = cJSON_AddStringToObject(o, "body", s->body) != NULL;
    }
    cJSON_Delete(h);
    if (!ok) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

static void request_text(const call_plan *p, size_t b, const ecskp_signed *s, const char *url) {
    const call_batch *bt = &p->batches[b];
    (void)printf("%s# request %zu of %zu: %zu instance ID%s\n%s %s\n", b > 0 ? "\n" : "", b + 1,
                 p->nbatches, bt->count, bt->count == 1 ? "" : "s", ecskp_method_name(s->method),
                 url);
    for (size_t i = 0; i < s->header_count; i++)
        (void)printf("%s: %s\n", s->headers[i].name, s->headers[i].value);
    (void)printf("\n");
    if (s->body_len > 0)
        (void)printf("%s\n", s->body);
}

int call_dry_run(const call_plan *p) {
    cJSON *root = NULL, *reqs = NULL;
    if (p->json && ((root = report_head(p)) == NULL || !cJSON_AddTrueToObject(root, "dry_run") ||
                    (reqs = cJSON_AddArrayToObject(root, "requests")) == NULL)) {
        cJSON_Delete(root);
        return emit_tree(NULL);
    }
    for (size_t b = 0; b < p->nbatches; b++) {
        ecskp_signed *s = NULL;
        ecskp_diag d;
        ecskp_status st = call_sign(p, b, &s, &d);
        char *url = st == ECSKP_OK ? call_url(p, s) : NULL;
        cJSON *item = url != NULL && p->json ? request_json(p, b, s, url) : NULL;
        if (url != NULL && !p->json)
            request_text(p, b, s, url);
        int failed = url == NULL || (p->json && !cJSON_AddItemToArray(reqs, item));
        free(url);
        ecskp_signed_free(s);
        if (failed) {
            cJSON_Delete(root);
            if (st != ECSKP_OK)
                cli_refuse(st, &d);
            else
                cli_refuse_msg(ECSKP_ERR_OUT_OF_MEMORY, "no memory for the requests");
            return st != ECSKP_OK ? CALL_EXIT_LOCAL : CALL_EXIT_INTERNAL;
        }
    }
    if (p->json)
        return emit_tree(root);
    return fflush(stdout) == 0 ? CALL_EXIT_OK : CALL_EXIT_INTERNAL;
}

/* ------------------------------------------------------------------ the report */

static cJSON *batch_json(const call_plan *p, size_t b) {
    const call_batch *bt = &p->batches[b];
    cJSON *o = cJSON_CreateObject();
    int ok = o != NULL && cJSON_AddNumberToObject(o, "index", (double)(b + 1)) &&
             cJSON_AddItemToObject(o, "ids", ids_array(p, bt)) &&
             cJSON_AddNumberToObject(o, "attempts", bt->attempts) &&
             (bt->http_status > 0 ? cJSON_AddNumberToObject(o, "http_status", bt->http_status)
                                  : cJSON_AddNullToObject(o, "http_status")) &&
             add_string_or_null(o, "request_id", bt->request_id) &&
             cJSON_AddStringToObject(o, "outcome", bt->outcome) &&
             add_string_or_null(o, "code", bt->code) &&
             add_string_or_null(o, "retry", ecskp_retry_name(bt->retry)) &&
             add_string_or_null(o, "diagnosis", bt->diagnosis);
    if (!ok) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

static cJSON *instance_json(const call_plan *p, size_t i, size_t batch) {
    const call_instance *in = &p->instances[i];
    cJSON *o = cJSON_CreateObject();
    int ok = o != NULL && cJSON_AddStringToObject(o, "id", p->ids[i]) &&
             cJSON_AddNumberToObject(o, "batch", (double)(batch + 1)) &&
             cJSON_AddStringToObject(o, "outcome", outcome_name(in->outcome)) &&
             add_string_or_null(o, "code", in->code) &&
             add_string_or_null(o, "message", in->message) &&
             add_string_or_null(o, "retry", ecskp_retry_name(in->retry));
    if (!ok) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

static void tally(const call_plan *p, size_t n[3]) {
    n[0] = n[1] = n[2] = 0;
    for (size_t i = 0; i < p->count; i++)
        n[p->instances[i].outcome]++;
}

static int report_json(const call_plan *p, const size_t n[3]) {
    cJSON *root = report_head(p), *batches = NULL, *insts = NULL, *sum = NULL;
    int ok = root != NULL && (batches = cJSON_AddArrayToObject(root, "batches")) != NULL &&
             (insts = cJSON_AddArrayToObject(root, "instances")) != NULL;
    for (size_t b = 0; ok && b < p->nbatches; b++) {
        ok = cJSON_AddItemToArray(batches, batch_json(p, b));
        for (size_t i = 0; ok && i < p->batches[b].count; i++)
            ok = cJSON_AddItemToArray(insts, instance_json(p, p->batches[b].first + i, b));
    }
    ok = ok && (sum = cJSON_AddObjectToObject(root, "summary")) != NULL &&
         cJSON_AddNumberToObject(sum, "ok", (double)n[CALL_OK]) &&
         cJSON_AddNumberToObject(sum, "failed", (double)n[CALL_FAILED]) &&
         cJSON_AddNumberToObject(sum, "not_done", (double)n[CALL_NOT_DONE]);
    if (!ok) {
        cJSON_Delete(root);
        root = NULL;
    }
    return emit_tree(root);
}

static void table_batches(const call_plan *p) {
    (void)printf("%-8s %-5s %-8s %-4s %-36s %-9s %s\n", "REQUEST", "IDS", "ATTEMPTS", "HTTP",
                 "REQUEST ID", "OUTCOME", "CODE");
    for (size_t b = 0; b < p->nbatches; b++) {
        const call_batch *bt = &p->batches[b];
        char rid[160], http[8];
        clean_text(bt->request_id != NULL ? bt->request_id : "-", rid, sizeof rid);
        (void)snprintf(http, sizeof http, "%d", bt->http_status);
        (void)printf("%-8zu %-5zu %-8u %-4s %-36s %-9s %s\n", b + 1, bt->count, bt->attempts,
                     bt->http_status > 0 ? http : "-", rid, bt->outcome,
                     bt->code[0] != '\0' ? bt->code : "-");
        if (bt->diagnosis != NULL)
            (void)printf("  request %zu: %s\n", b + 1, bt->diagnosis);
    }
}

static void table_instances(const call_plan *p) {
    int idw = 8, codew = 4;
    for (size_t i = 0; i < p->count; i++) {
        int n = (int)strlen(p->ids[i]);
        int c = p->instances[i].code != NULL ? (int)strlen(p->instances[i].code) : 1;
        idw = n > idw ? n : idw;
        codew = c > codew && c <= 64 ? c : codew;
    }
    (void)printf("\n%-*s %-5s %-8s %-*s %-9s %s\n", idw, "INSTANCE", "BATCH", "OUTCOME", codew,
                 "CODE", "ADVICE", "MESSAGE");
    for (size_t b = 0; b < p->nbatches; b++)
        for (size_t i = p->batches[b].first; i < p->batches[b].first + p->batches[b].count; i++) {
            const call_instance *in = &p->instances[i];
            char code[300], msg[1200];
            clean_text(in->code != NULL ? in->code : "-", code, sizeof code);
            clean_text(in->message != NULL ? in->message : "-", msg, sizeof msg);
            (void)printf("%-*s %-5zu %-8s %-*s %-9s %s\n", idw, p->ids[i], b + 1,
                         outcome_name(in->outcome), codew, code,
                         in->outcome == CALL_OK ? "-" : ecskp_retry_name(in->retry), msg);
        }
}

int call_report(const call_plan *p) {
    size_t n[3];
    tally(p, n);
    int rc = 0;
    if (p->json) {
        rc = report_json(p, n);
    } else {
        table_batches(p);
        table_instances(p);
        (void)printf("\n%s: %zu ok, %zu failed, %zu not done, in %zu request%s to %s\n", p->cmd,
                     n[CALL_OK], n[CALL_FAILED], n[CALL_NOT_DONE], p->nbatches,
                     p->nbatches == 1 ? "" : "s", p->endpoint.host);
        rc = fflush(stdout) == 0 ? 0 : CALL_EXIT_INTERNAL;
    }
    if (rc != 0)
        return rc;
    return n[CALL_OK] == p->count ? CALL_EXIT_OK
           : n[CALL_OK] > 0       ? CALL_EXIT_PARTIAL
                                  : CALL_EXIT_NONE_OK;
}
