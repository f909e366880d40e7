/* SPDX-License-Identifier: MIT */
/*
 * call_run.c - sending the batches of attach and detach: for each batch, sign (a fresh
 * signature per attempt), send, decode, ask ecskp_reply_advice(), and retry while it says
 * backoff or throttled and attempts remain, waiting max(the server's hint, the equal-jitter
 * backoff); then record every instance's outcome. When a success reply says some instances
 * failed with a Code ecskp_result_advice() calls retryable, those instances alone are sent
 * again, in a request of their own, from the same attempts and after the same waits.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#ifdef ECSKP_CLI_HAVE_GETRANDOM
#include <sys/random.h>
#endif

#include "call_run.h"
#include "ecskp/decode.h"
#include "ecskp/errors.h"
#include "http.h"
#include "report.h"

ecskp_status call_sign_ids(const call_plan *p, const char *const *ids, size_t count,
                           ecskp_signed **out, ecskp_diag *diag) {
    ecskp_keypair op = {.action = p->action,
                        .region_id = p->region,
                        .key_pair_name = p->key_pair_name,
                        .instance_ids = ids,
                        .instance_id_count = count,
                        .format = p->format};
    ecskp_signer s = {.signature = p->signature,
                      .method = p->method,
                      .host = p->endpoint.host,
                      .access_key_id = p->creds->access_key_id,
                      .secret = p->creds->secret,
                      .secret_len = p->creds->secret_len,
                      .security_token = p->creds->security_token,
                      .clock = ecskp_clock_system,
                      .nonce_source = ecskp_nonce_system};
    return ecskp_keypair_sign_alloc(&s, &op, NULL, out, diag);
}

ecskp_status call_sign(const call_plan *p, size_t b, ecskp_signed **out, ecskp_diag *diag) {
    const call_batch *bt = &p->batches[b];
    return call_sign_ids(p, p->ids + bt->first, bt->count, out, diag);
}

char *call_url(const call_plan *p, const ecskp_signed *s) {
    size_t n = strlen(p->endpoint.base) + strlen(s->query) + 2;
    char *url = malloc(n);
    if (url != NULL)
        (void)snprintf(url, n, "%s%s%s", p->endpoint.base, s->query[0] != '\0' ? "?" : "",
                       s->query);
    return url;
}

void call_progress(const call_plan *p, const char *fmt, ...) {
    if (!p->progress)
        return;
    char raw[512], clean[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(raw, sizeof raw, fmt, ap);
    va_end(ap);
    size_t len = n < 0 ? 0 : (size_t)n >= sizeof raw ? sizeof raw - 1 : (size_t)n;
    cli_sanitize(raw, len, clean, sizeof clean);
    /* One line, rewritten in place; an empty text clears it. */
    (void)fprintf(stderr, "\r\033[K%s%s%s", clean[0] != '\0' ? p->cmd : "",
                  clean[0] != '\0' ? ": " : "", clean);
    (void)fflush(stderr);
}

/* 64 random bits for the jitter (getrandom; 0, the fixed half only, if it fails). */
static uint64_t jitter_random(void) {
    uint64_t r = 0;
#ifdef ECSKP_CLI_HAVE_GETRANDOM
    if (getrandom(&r, sizeof r, 0) != (ssize_t)sizeof r)
        r = 0;
#else
    FILE *f = fopen("/dev/urandom", "rb");
    if (f != NULL) {
        if (fread(&r, sizeof r, 1, f) != 1)
            r = 0;
        (void)fclose(f);
    }
#endif
    return r;
}

static void sleep_ms(uint64_t ms) {
    struct timespec t = {.tv_sec = (time_t)(ms / 1000), .tv_nsec = (long)(ms % 1000) * 1000000L};
    while (nanosleep(&t, &t) != 0 && errno == EINTR) {
    }
}

/* The instances one request carries: indexes into p->ids, in list order. */
typedef struct selection {
    size_t idx[ECSKP_MAX_INSTANCE_IDS];
    size_t count;
} selection;

/* Every instance of batch bt. */
static void whole_batch(const call_batch *bt, selection *sel) {
    sel->count = bt->count;
    for (size_t i = 0; i < bt->count; i++)
        sel->idx[i] = bt->first + i;
}

/* One attempt's result, kept until the batch is recorded. */
typedef struct attempt {
    ecskp_signed *sig;
    ecskp_status sign_status; /* not OK: nothing was sent */
    int replied;              /* a reply came (else a transport failure, in reply.error) */
    cli_http_reply reply;
    ecskp_status decode_status;
    ecskp_diag decode_diag;
    ecskp_response *response;
    ecskp_advice advice;
    char note[400]; /* why nothing usable came: the transport error, the signing error */
} attempt;

static void attempt_clear(attempt *a) {
    ecskp_signed_free(a->sig);
    cli_http_reply_free(&a->reply);
    ecskp_response_free(a->response);
    memset(a, 0, sizeof *a);
}

/* A transport failure is transient, as the SDKs treat it. */
static void transport_advice(attempt *a) {
    memset(&a->advice, 0, sizeof a->advice);
    a->advice.retry = ECSKP_RETRY_BACKOFF;
    a->advice.backoff_base_ms = ECSKP_BACKOFF_BASE_MS;
    (void)snprintf(a->advice.code, sizeof a->advice.code, "network");
    (void)snprintf(a->note, sizeof a->note, "%s", a->reply.error);
}

/* Decodes the reply and asks for advice. Returns 0 or CALL_EXIT_INTERNAL. */
static int judge(const call_plan *p, attempt *a) {
    ecskp_decode_options o = {
        .action = p->action, .format = p->format, .http_status = a->reply.status};
    a->decode_status =
        ecskp_response_decode(a->reply.body, a->reply.body_len, &o, &a->response, &a->decode_diag);
    ecskp_reply_headers hh = {.retry_after = a->reply.retry_after,
                              .ratelimit_user_api = a->reply.ratelimit_user_api,
                              .ratelimit_user = a->reply.ratelimit_user};
    ecskp_diag d;
    if (ecskp_reply_advice(a->decode_status, a->response, a->reply.status, &hh, &a->advice, &d) !=
        ECSKP_OK) {
        cli_refuse(d.status, &d);
        return CALL_EXIT_INTERNAL;
    }
    return 0;
}

/* Signs and sends one request for the selected instances. Returns 0 or CALL_EXIT_INTERNAL. */
static int attempt_send(const call_plan *p, cli_http *h, const selection *sel, attempt *a) {
    const char *ids[ECSKP_MAX_INSTANCE_IDS];
    for (size_t i = 0; i < sel->count; i++)
        ids[i] = p->ids[sel->idx[i]];
    ecskp_diag d;
    a->sign_status = call_sign_ids(p, ids, sel->count, &a->sig, &d);
    if (a->sign_status != ECSKP_OK) {
        (void)snprintf(a->advice.code, sizeof a->advice.code, "%s",
                       ecskp_status_name(a->sign_status));
        (void)snprintf(a->note, sizeof a->note, "not signed: %s", d.message);
        a->advice.retry = ECSKP_RETRY_NO;
        return 0;
    }
    char *url = call_url(p, a->sig);
    if (url == NULL)
        return CALL_EXIT_INTERNAL;
    cli_http_request rq = {.url = url,
                           .signed_req = a->sig,
                           .timeout_s = p->timeout_s,
                           .loopback = p->endpoint.loopback,
                           .max_body = ECSKP_DEFAULT_MAX_BODY_BYTES};
    a->replied = cli_http_send(h, &rq, &a->reply) == 0;
    free(url);
    if (!a->replied) {
        transport_advice(a);
        return 0;
    }
    return judge(p, a);
}

/* Whether to retry after attempt k, and how long to wait first. */
static int should_retry(const call_plan *p, const attempt *a, unsigned k, uint64_t *wait) {
    ecskp_retry r = a->advice.retry;
    if (a->sign_status != ECSKP_OK || (r != ECSKP_RETRY_BACKOFF && r != ECSKP_RETRY_THROTTLED))
        return 0;
    if (k + 1 >= p->attempts || a->advice.wait_ms > CALL_MAX_WAIT_MS)
        return 0;
    uint64_t backoff = ecskp_backoff_ms(k, a->advice.backoff_base_ms, 0, jitter_random());
    *wait = a->advice.wait_ms > backoff ? a->advice.wait_ms : backoff;
    return 1;
}

static char *dup_or_null(const char *s) {
    return s != NULL ? strdup(s) : NULL;
}

/* Sets one instance's outcome (copies the strings). */
static void set_instance(call_instance *in, call_outcome o, const char *code, const char *msg,
                         ecskp_retry retry) {
    free(in->code);
    free(in->message);
    in->outcome = o;
    in->code = dup_or_null(code);
    in->message = dup_or_null(msg);
    in->retry = retry;
}

/* The instance's entry in a success's Results, or NULL. */
static const ecskp_instance_result *find_result(const ecskp_success *s, const char *id) {
    for (size_t i = 0; i < s->result_count; i++)
        if (s->results[i]->instance_id != NULL && strcmp(s->results[i]->instance_id, id) == 0)
            return s->results[i];
    return NULL;
}

/* Replaces a batch's request ID by the last reply's. */
static void set_request_id(call_batch *bt, const char *id) {
    free(bt->request_id);
    bt->request_id = dup_or_null(id);
}

static void record_success(call_plan *p, call_batch *bt, const selection *sel,
                           const ecskp_success *s) {
    for (size_t i = 0; i < sel->count; i++) {
        call_instance *in = &p->instances[sel->idx[i]];
        const ecskp_instance_result *r =
            s->has_results ? find_result(s, p->ids[sel->idx[i]]) : NULL;
        ecskp_advice adv;
        if (!s->has_results) /* the older success body: RequestId only, every instance done */
            set_instance(in, CALL_OK, "200", NULL, ECSKP_RETRY_NO);
        else if (r == NULL)
            set_instance(in, CALL_NOT_DONE, "NoResult",
                         "the reply's Results do not name this instance", ECSKP_RETRY_NO);
        else if (ecskp_result_advice(r, &adv, NULL) == ECSKP_OK)
            set_instance(in, r->success ? CALL_OK : CALL_FAILED, r->code, r->message, adv.retry);
    }
    set_request_id(bt, s->request_id);
    (void)snprintf(bt->code, sizeof bt->code, "200");
}

/* What the server's StringToSign (in a SignatureDoesNotMatch message) says about ours. */
static char *diagnose(const attempt *a, const ecskp_api_error *e) {
    if (e->message == NULL || (strcmp(e->code, "SignatureDoesNotMatch") != 0 &&
                               strcmp(e->code, "IncompleteSignature") != 0))
        return NULL;
    ecskp_sts_comparison cmp;
    const char *sts = a->sig->string_to_sign;
    if (ecskp_sts_compare(e->message, strlen(e->message), sts, strlen(sts), &cmp, NULL) !=
            ECSKP_OK ||
        cmp.verdict == ECSKP_STS_NOT_PRESENT)
        return NULL;
    if (cmp.verdict == ECSKP_STS_DIFFERENT)
        return strdup(cmp.explanation);
    /* Same StringToSign: the secret is wrong, or the signature changed on the way. What was
     * sent is exactly what was signed (this command sends the signed texts as they are). */
    const ecskp_signed *s = a->sig;
    const char *sent = s->signature == ECSKP_SIGNATURE_V3 ? s->headers[s->header_count - 1].value
                       : s->method == ECSKP_METHOD_GET    ? s->query
                                                          : s->body;
    ecskp_sent_report rep;
    if (ecskp_sent_check(s, sent, strlen(sent), &rep, NULL) != ECSKP_OK)
        return strdup(cmp.explanation);
    char text[400];
    (void)snprintf(text, sizeof text, "%s; %s", cmp.explanation, rep.explanation);
    return strdup(text);
}

/* Replaces, in place, every occurrence of `what` in `text` by "****" padded with '*' to the
 * same length (so no reallocation). */
static void mask(char *text, const char *what) {
    size_t n = strlen(what);
    for (char *p = n > 0 ? strstr(text, what) : NULL; p != NULL; p = strstr(p + n, what))
        memset(p, '*', n);
}

/* The server's message without the STS token: a SignatureDoesNotMatch message quotes the
 * server's StringToSign, which holds SecurityToken (raw, percent-encoded once in a query,
 * twice in a StringToSign). The token is a credential: it is never repeated in a report. */
static char *without_token(const char *msg, const char *token) {
    char *copy = dup_or_null(msg);
    if (copy == NULL || token == NULL || token[0] == '\0')
        return copy;
    size_t len = strlen(token), n1 = 0, n2 = 0;
    char *once = malloc(3 * len + 1), *twice = malloc(9 * len + 1);
    mask(copy, token);
    if (once != NULL && twice != NULL &&
        ecskp_percent_encode(token, len, once, 3 * len + 1, &n1, NULL) == ECSKP_OK) {
        mask(copy, once);
        if (ecskp_percent_encode(once, n1 - 1, twice, 9 * len + 1, &n2, NULL) == ECSKP_OK)
            mask(copy, twice);
    }
    free(once);
    free(twice);
    return copy;
}

static void record_error(call_plan *p, call_batch *bt, const selection *sel, const attempt *a) {
    const ecskp_api_error *e = a->response->error;
    char *msg = without_token(e->message, p->creds->security_token);
    for (size_t i = 0; i < sel->count; i++)
        set_instance(&p->instances[sel->idx[i]], CALL_FAILED, e->code, msg, a->advice.retry);
    free(msg);
    set_request_id(bt, e->request_id);
    (void)snprintf(bt->code, sizeof bt->code, "%s", e->code);
    bt->diagnosis = diagnose(a, e);
}

/* Selected instances of a batch without a usable answer. */
static void record_not_done(call_plan *p, call_batch *bt, const selection *sel, const char *code,
                            const char *msg, ecskp_retry retry) {
    for (size_t i = 0; i < sel->count; i++)
        set_instance(&p->instances[sel->idx[i]], CALL_NOT_DONE, code, msg, retry);
    (void)snprintf(bt->code, sizeof bt->code, "%s", code);
}

static void batch_outcome(const call_plan *p, call_batch *bt) {
    size_t ok = 0, failed = 0;
    for (size_t i = 0; i < bt->count; i++) {
        ok += p->instances[bt->first + i].outcome == CALL_OK;
        failed += p->instances[bt->first + i].outcome == CALL_FAILED;
    }
    bt->outcome = ok == bt->count ? "ok" : ok > 0 ? "partial" : failed > 0 ? "failed" : "not-done";
}

/* Records the reply to a request for the selected instances of batch b; the batch's
 * request ID, code, advice and diagnosis become the last reply's. */
static void record(call_plan *p, size_t b, const selection *sel, const attempt *a) {
    call_batch *bt = &p->batches[b];
    bt->http_status = a->reply.status;
    bt->retry = a->advice.retry;
    free(bt->diagnosis);
    bt->diagnosis = NULL;
    if (a->sign_status != ECSKP_OK || !a->replied) {
        set_request_id(bt, NULL);
        record_not_done(p, bt, sel, a->advice.code, a->note, a->advice.retry);
    } else if (a->decode_status != ECSKP_OK) {
        char msg[400];
        (void)snprintf(msg, sizeof msg, "%s: %s", ecskp_status_name(a->decode_status),
                       a->decode_diag.message);
        set_request_id(bt, NULL);
        record_not_done(p, bt, sel, a->advice.code, msg, a->advice.retry);
    } else if (a->response->kind == ECSKP_RESPONSE_API_ERROR) {
        record_error(p, bt, sel, a);
    } else {
        record_success(p, bt, sel, a->response->success);
    }
    batch_outcome(p, bt);
}

static uint64_t max_u64(uint64_t a, uint64_t b) {
    return a > b ? a : b;
}

/* After a success reply to the selected instances: keeps in *sel those whose Result failed
 * with a Code ecskp_result_advice() calls retryable (backoff or throttled), and returns
 * whether to send them again, as should_retry() decides for a whole request: attempts
 * remain, and the server's hint is not above CALL_MAX_WAIT_MS. *wait is then max(the hint,
 * the backoff of the larger base among them). */
static int resend_instances(const call_plan *p, const attempt *a, unsigned k, selection *sel,
                            uint64_t *wait) {
    if (!a->replied || a->response == NULL || a->response->kind != ECSKP_RESPONSE_SUCCESS ||
        !a->response->success->has_results)
        return 0;
    const ecskp_success *s = a->response->success;
    uint64_t base = 0, hint = 0;
    selection again = {.count = 0};
    for (size_t i = 0; i < sel->count; i++) {
        const ecskp_instance_result *r = find_result(s, p->ids[sel->idx[i]]);
        ecskp_advice adv;
        if (r == NULL || r->success || ecskp_result_advice(r, &adv, NULL) != ECSKP_OK ||
            (adv.retry != ECSKP_RETRY_BACKOFF && adv.retry != ECSKP_RETRY_THROTTLED))
            continue;
        base = max_u64(base, adv.backoff_base_ms);
        hint = max_u64(hint, adv.wait_ms);
        again.idx[again.count++] = sel->idx[i];
    }
    ecskp_reply_headers hh = {.retry_after = a->reply.retry_after,
                              .ratelimit_user_api = a->reply.ratelimit_user_api,
                              .ratelimit_user = a->reply.ratelimit_user};
    uint64_t server = 0;
    if (ecskp_wait_hint(&hh, &server, NULL) == ECSKP_OK)
        hint = max_u64(hint, server);
    if (again.count == 0 || k + 1 >= p->attempts || hint > CALL_MAX_WAIT_MS)
        return 0;
    *wait = max_u64(hint, ecskp_backoff_ms(k, base, 0, jitter_random()));
    *sel = again;
    return 1;
}

/* Whether a batch's API error means every later request would be refused too: a documented
 * code of category auth (credentials, signature, clock, permission). An undocumented code is
 * auth only by its HTTP status (403), which says too little; SignatureNonceUsed is about one
 * request's nonce. */
static int stops_the_rest(const attempt *a) {
    if (!a->replied || a->response == NULL || a->response->kind != ECSKP_RESPONSE_API_ERROR)
        return 0;
    const ecskp_api_error *e = a->response->error;
    const ecskp_error_info *info = ecskp_error_lookup(e->code);
    return info != NULL && info->category == ECSKP_CATEGORY_AUTH &&
           strcmp(e->code, "SignatureNonceUsed") != 0;
}

/* Sends batch b until its advice says stop: the whole request again while the reply's
 * advice says so (should_retry), then the instances that failed with a retryable Code alone
 * (resend_instances), every request from the batch's attempts. Returns 0 or
 * CALL_EXIT_INTERNAL; *stop says whether the later batches should not be sent
 * (stops_the_rest). */
static int run_batch(call_plan *p, cli_http *h, size_t b, int *stop) {
    call_batch *bt = &p->batches[b];
    selection sel;
    whole_batch(bt, &sel);
    attempt a;
    memset(&a, 0, sizeof a);
    *stop = 0;
    for (unsigned k = 0; k < p->attempts; k++) {
        attempt_clear(&a);
        if (sel.count == bt->count)
            call_progress(p, "batch %zu/%zu, attempt %u/%u: sending", b + 1, p->nbatches, k + 1,
                          p->attempts);
        else
            call_progress(p, "batch %zu/%zu, attempt %u/%u: sending %zu of its %zu instances again",
                          b + 1, p->nbatches, k + 1, p->attempts, sel.count, bt->count);
        int rc = attempt_send(p, h, &sel, &a);
        if (rc != 0) {
            attempt_clear(&a);
            return rc;
        }
        bt->attempts = k + 1;
        uint64_t wait = 0;
        if (should_retry(p, &a, k, &wait)) {
            call_progress(p, "batch %zu/%zu, attempt %u/%u: %s; waiting %" PRIu64 " ms", b + 1,
                          p->nbatches, k + 1, p->attempts, a.advice.code, wait);
            sleep_ms(wait);
            continue;
        }
        record(p, b, &sel, &a);
        if ((*stop = stops_the_rest(&a)) != 0 || !resend_instances(p, &a, k, &sel, &wait))
            break;
        call_progress(p,
                      "batch %zu/%zu, attempt %u/%u: %zu instance%s failed with a retryable "
                      "code; waiting %" PRIu64 " ms",
                      b + 1, p->nbatches, k + 1, p->attempts, sel.count, sel.count == 1 ? "" : "s",
                      wait);
        sleep_ms(wait);
    }
    attempt_clear(&a);
    return 0;
}

/* After a batch refused for its credentials or permissions, every later one would be too. */
static void skip_rest(call_plan *p, size_t from) {
    char msg[200];
    (void)snprintf(msg, sizeof msg,
                   "not sent: request %zu was refused with %s (credentials or permission), as "
                   "every request would be",
                   from, p->batches[from - 1].code);
    for (size_t b = from; b < p->nbatches; b++) {
        selection sel;
        whole_batch(&p->batches[b], &sel);
        record_not_done(p, &p->batches[b], &sel, "NotSent", msg, ECSKP_RETRY_NO);
        p->batches[b].outcome = "not-done";
    }
}

int call_run(call_plan *p) {
    cli_http *h = cli_http_open();
    if (h == NULL) {
        cli_refuse_msg(ECSKP_ERR_UNSUPPORTED, "cannot start libcurl; nothing was sent");
        return CALL_EXIT_LOCAL;
    }
    int rc = 0;
    for (size_t b = 0; b < p->nbatches && rc == 0; b++) {
        int stop = 0;
        rc = run_batch(p, h, b, &stop);
        if (rc == 0 && stop && b + 1 < p->nbatches) {
            skip_rest(p, b + 1);
            break;
        }
    }
    call_progress(p, "%s", "");
    cli_http_close(h);
    return rc;
}
