/* SPDX-License-Identifier: MIT */
/*
 * test_threads.c - decoding (JSON and XML), InstanceIds normalization, encoding and signing
 * from several threads at once: ecskp_response_decode, ecskp_json_decode, ecskp_ids_normalize,
 * ecskp_keypair_build with ecskp_query_build, ecskp_keypair_sign (V1 and V3), ecskp_json_sign
 * and ecskp_json_query. Every result is compared with the one computed single-threaded before
 * the threads start, and the single-threaded results of the documented cases with their
 * documented outputs. The ThreadSanitizer build of this test (scripts/ci/tsan.sh) must report
 * nothing.
 *
 * The documented bodies and requests come from vectors.h (ecskp_vectors[]); the ones typed
 * below are not documented (API errors with details, 50 results, refusals).
 *
 * Set-up, as SECURITY.md tells programs to do it: xmlInitParser() once in main before any
 * thread starts (libxml2 2.9's lazy initialisation is double-checked locking on a plain int);
 * cJSON's hooks are left alone (cJSON_InitHooks is process-wide and must not run concurrently
 * with parsing). Half of the decodes pass a per-thread ecskp_allocator, half pass none; each
 * thread's allocator must balance to zero.
 */
#include <pthread.h>
#include <stdlib.h>

#include <libxml/parser.h>

#include "ecskp_test_vectors.h"

#define THREADS 6
#define ROUNDS 60 /* ECSKP_TEST_ROUNDS overrides it (slow tools such as helgrind) */
#define OUT_CAP 16384

enum op {
    OP_DECODE,
    OP_JSON_DECODE,
    OP_IDS,
    OP_QUERY,
    OP_KEYPAIR_SIGN,
    OP_JSON_SIGN,
    OP_JSON_QUERY,
};

typedef struct job {
    const char *name;
    enum op op;
    ecskp_decode_options opt; /* OP_DECODE */
    const char *text;         /* body, InstanceIds text or JSON document; NULL: a 50-result body */
    size_t len;
    const char *options;       /* OP_JSON_DECODE */
    ecskp_signature signature; /* OP_KEYPAIR_SIGN */
    ecskp_method method;       /* OP_KEYPAIR_SIGN */
    const char *host;          /* OP_KEYPAIR_SIGN: NULL for the default one */
    unsigned flags;            /* OP_IDS: ECSKP_IDS_* */
    ecskp_status expect;       /* what the single-threaded run must give */
    const char *documented;    /* a documented signature the result must hold, or NULL */
    /* filled single-threaded */
    ecskp_status want;
    char *want_text;
} job;

static char fifty_xml[16384];
static char fifty_json[16384];

/* Not documented: API errors with details, 50 results, refusals, the typed operation. */
static const job fixed_jobs[] = {
    {.name = "error xml with details",
     .op = OP_DECODE,
     .opt = {.format = ECSKP_FORMAT_XML,
             .action = ECSKP_ACTION_DETACH_KEY_PAIR,
             .http_status = 400},
     .text = "<Error><RequestId>540CFF28</RequestId><HostId>ecs.aliyuncs.com</HostId><Code>"
             "MissingParameter.CommandId</Code><Message>a &amp; b &#x4e2d;</Message>"
             "<AccessDeniedDetail><AuthAction>ecs:DetachKeyPair</AuthAction>"
             "</AccessDeniedDetail></Error>"},
    {.name = "error json with details",
     .op = OP_DECODE,
     .opt = {.format = ECSKP_FORMAT_JSON,
             .action = ECSKP_ACTION_DETACH_KEY_PAIR,
             .http_status = 404},
     .text = "{\"RequestId\":\"6BE56E05\",\"HostId\":\"ecs.ap-southeast-3.aliyuncs.com\",\"Code\":"
             "\"InvalidKeyPairName.NotFound\",\"Message\":\"m\",\"AccessDeniedDetail\":{\"A\":"
             "1.25,\"B\":[true,null]}}"},
    {.name = "fifty xml",
     .op = OP_DECODE,
     .opt = {.format = ECSKP_FORMAT_XML,
             .action = ECSKP_ACTION_ATTACH_KEY_PAIR,
             .http_status = 200}},
    {.name = "fifty json",
     .op = OP_DECODE,
     .opt = {.format = ECSKP_FORMAT_JSON,
             .action = ECSKP_ACTION_ATTACH_KEY_PAIR,
             .http_status = 200}},
    /* Failing parses: cJSON and libxml2 record errors in their process-wide / per-thread
     * state. */
    {.name = "malformed xml",
     .op = OP_DECODE,
     .opt = {.format = ECSKP_FORMAT_XML,
             .action = ECSKP_ACTION_ATTACH_KEY_PAIR,
             .http_status = 200},
     .text = "<AttachKeyPairResponse><RequestId>x</Req>",
     .expect = ECSKP_ERR_MALFORMED_BODY},
    {.name = "malformed json",
     .op = OP_DECODE,
     .opt = {.format = ECSKP_FORMAT_JSON,
             .action = ECSKP_ACTION_ATTACH_KEY_PAIR,
             .http_status = 200},
     .text = "{\"RequestId\": \"x\",]",
     .expect = ECSKP_ERR_MALFORMED_BODY},
    {.name = "doctype xml",
     .op = OP_DECODE,
     .opt = {.format = ECSKP_FORMAT_XML,
             .action = ECSKP_ACTION_ATTACH_KEY_PAIR,
             .http_status = 200},
     .text = "<!DOCTYPE a [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><a>&e;</a>",
     .expect = ECSKP_ERR_DTD_REFUSED},
    {.name = "malformed json options",
     .op = OP_JSON_DECODE,
     .text = "{\"RequestId\":\"r\"}",
     .options = "{\"action\":\"AttachKeyPair\",",
     .expect = ECSKP_ERR_INVALID_ARGUMENT},
    {.name = "ids", .op = OP_IDS, .text = "[ \"i-m5eg7be9ndloji64jknv\" , \"i-23jggx34b\" ]"},
    {.name = "ids malformed", .op = OP_IDS, .text = "[\"i-a\",", .expect = ECSKP_ERR_IDS_MALFORMED},
    {.name = "query", .op = OP_QUERY},
    {.name = "keypair_sign v1 post",
     .op = OP_KEYPAIR_SIGN,
     .signature = ECSKP_SIGNATURE_V1,
     .method = ECSKP_METHOD_POST},
    {.name = "keypair_sign v1 get",
     .op = OP_KEYPAIR_SIGN,
     .signature = ECSKP_SIGNATURE_V1,
     .method = ECSKP_METHOD_GET},
    {.name = "keypair_sign v3 post",
     .op = OP_KEYPAIR_SIGN,
     .signature = ECSKP_SIGNATURE_V3,
     .method = ECSKP_METHOD_POST},
    {.name = "keypair_sign v3 refused",
     .op = OP_KEYPAIR_SIGN,
     .signature = ECSKP_SIGNATURE_V3,
     .method = ECSKP_METHOD_POST,
     .host = "",
     .expect = ECSKP_ERR_MISSING_PARAMETER},
};

static void build_fifty(void) {
    size_t x = 0, j = 0;
    x += (size_t)snprintf(fifty_xml + x, sizeof fifty_xml - x,
                          "<AttachKeyPairResponse><RequestId>r</RequestId><TotalCount>50"
                          "</TotalCount><FailCount>0</FailCount><Results>");
    j += (size_t)snprintf(fifty_json + j, sizeof fifty_json - j,
                          "{\"RequestId\":\"r\",\"TotalCount\":50,\"FailCount\":0,\"Results\":"
                          "{\"Result\":[");
    for (int i = 0; i < 50; i++) {
        x += (size_t)snprintf(fifty_xml + x, sizeof fifty_xml - x,
                              "<Result><InstanceId>i-%020d</InstanceId><Success>true</Success>"
                              "<Code>200</Code><Message>successful</Message></Result>",
                              i);
        j += (size_t)snprintf(fifty_json + j, sizeof fifty_json - j,
                              "%s{\"InstanceId\":\"i-%020d\",\"Success\":true,\"Code\":\"200\","
                              "\"Message\":\"successful\"}",
                              i ? "," : "", i);
    }
    (void)snprintf(fifty_xml + x, sizeof fifty_xml - x, "</Results></AttachKeyPairResponse>");
    (void)snprintf(fifty_json + j, sizeof fifty_json - j, "]}}");
}

/* ------------------------------------------------------------------ the documented vectors */

static job g_jobs[96];
static size_t g_job_count;
static char *g_documents[32]; /* the json_sign / json_query documents */
static size_t g_document_count;

static void add_job(job jb) {
    ecskp_test_true(jb.name, "room for the job", g_job_count < COUNT(g_jobs));
    if (jb.text != NULL && jb.len == 0)
        jb.len = strlen(jb.text);
    g_jobs[g_job_count++] = jb;
}

/* A documented body: ecskp_response_decode with case.json's input, and ecskp_json_decode
 * with the input as its options. */
static void add_decode_jobs(const ecskp_vector *v) {
    job jb = {.name = v->name,
              .op = OP_DECODE,
              .text = v->body,
              .len = v->body_len,
              .expect = ecskp_test_vector_status(v)};
    ecskp_test_vector_decode_options(v, &jb.opt);
    add_job(jb);
    jb.op = OP_JSON_DECODE;
    jb.options = v->input;
    add_job(jb);
}

/* A documented request: its json.h document for ecskp_json_sign (signing cases) or
 * ecskp_json_query (encode cases). */
static void add_request_job(const ecskp_vector *v) {
    int sign = ecskp_test_vector_signs(v);
    if (sign && !ecskp_signing_available())
        return;
    ecskp_test_true(v->name, "room for the document", g_document_count < COUNT(g_documents));
    char *doc = g_documents[g_document_count++] = ecskp_test_vector_document(v);
    add_job(
        (job){.name = v->name,
              .op = sign ? OP_JSON_SIGN : OP_JSON_QUERY,
              .text = doc,
              .expect = ecskp_test_vector_status(v),
              .documented = ecskp_test_vector_artifact(v, sign ? "signature" : "canonical_query")});
}

/* A documented InstanceIds text (ids.json) with case.json's input. */
static void add_ids_job(const ecskp_vector *v) {
    add_job((job){.name = v->name,
                  .op = OP_IDS,
                  .text = v->body,
                  .len = v->body_len,
                  .flags = ecskp_test_vector_ids_flags(v),
                  .expect = ecskp_test_vector_status(v),
                  .documented = ecskp_test_vector_artifact(v, "instance_ids")});
}

static void build_jobs(void) {
    g_job_count = 0;
    for (size_t i = 0; i < COUNT(fixed_jobs); i++) {
        job jb = fixed_jobs[i];
        if (jb.op == OP_DECODE && jb.text == NULL)
            jb.text = jb.opt.format == ECSKP_FORMAT_XML ? fifty_xml : fifty_json;
        if (jb.op == OP_KEYPAIR_SIGN && !ecskp_signing_available())
            jb.expect = ECSKP_ERR_UNSUPPORTED;
        add_job(jb);
    }
    ECSKP_TEST_FOR_VECTORS(v, NULL) {
        if (ecskp_test_vector_in(v, "decode"))
            add_decode_jobs(v);
        else if (ecskp_test_vector_in(v, "ids"))
            add_ids_job(v);
        else if (v->request != NULL)
            add_request_job(v);
    }
}

/* ------------------------------------------------------------------ one job */

static ecskp_status run_sign(const job *jb, char *out, size_t cap, ecskp_diag *diag) {
    char buf[8192];
    size_t needed = 0;
    ecskp_keypair op = ecskp_test_keypair();
    ecskp_signer s = ecskp_test_signer(jb->signature);
    s.method = jb->method;
    if (jb->host != NULL)
        s.host = jb->host;
    ecskp_signed sg;
    ecskp_status rc = ecskp_keypair_sign(&s, &op, buf, sizeof buf, &needed, &sg, diag);
    if (rc != ECSKP_OK)
        return rc;
    /* Everything the request carries: query, body, every header, the signature. */
    size_t at = (size_t)snprintf(out, cap, "%s|%s|%s", sg.query, sg.body, sg.signature_value);
    for (size_t i = 0; i < sg.header_count && at < cap; i++)
        at += (size_t)snprintf(out + at, cap - at, "|%s: %s", sg.headers[i].name,
                               sg.headers[i].value);
    return rc;
}

static ecskp_status run_decode(const job *jb, const ecskp_allocator *alloc, char *out, size_t cap,
                               ecskp_diag *diag) {
    ecskp_decode_options opt = jb->opt;
    opt.alloc = alloc;
    ecskp_response *resp = NULL;
    size_t len = 0;
    ecskp_status rc = ecskp_response_decode(jb->text, jb->len, &opt, &resp, diag);
    if (rc == ECSKP_OK && ecskp_response_to_json(resp, out, cap, &len, NULL) != ECSKP_OK)
        (void)snprintf(out, cap, "(to_json failed)");
    ecskp_response_free(resp);
    return rc;
}

static ecskp_status run_json(const job *jb, char *out, size_t cap, ecskp_diag *diag) {
    char *text = NULL;
    ecskp_status rc =
        jb->op == OP_JSON_SIGN ? ecskp_json_sign(jb->text, jb->len, &text, diag)
        : jb->op == OP_JSON_QUERY
            ? ecskp_json_query(jb->text, jb->len, &text, diag)
            : ecskp_json_decode(jb->text, jb->len, jb->options, strlen(jb->options), &text, diag);
    if (text != NULL)
        (void)snprintf(out, cap, "%s", text);
    ecskp_json_free(text);
    return rc;
}

/* Runs one job; writes a rendering of its result (or of its refusal) into out. */
static ecskp_status run_job(const job *jb, const ecskp_allocator *alloc, char *out, size_t cap) {
    ecskp_diag diag;
    size_t len = 0;
    ecskp_status rc = ECSKP_OK;
    out[0] = '\0';
    switch (jb->op) {
    case OP_DECODE:
        rc = run_decode(jb, alloc, out, cap, &diag);
        break;
    case OP_IDS:
        rc = ecskp_ids_normalize(jb->text, jb->len, jb->flags, alloc, out, cap, &len, &diag);
        break;
    case OP_QUERY: {
        ecskp_param_set *set = malloc(sizeof *set); /* 5.4 KiB: not on a thread's stack */
        ecskp_keypair op = ecskp_test_keypair();
        rc = set == NULL ? ECSKP_ERR_OUT_OF_MEMORY : ecskp_keypair_build(&op, set, &diag);
        if (rc == ECSKP_OK)
            rc = ecskp_query_build(set->params, set->count, out, cap, &len, &diag);
        free(set);
        break;
    }
    case OP_KEYPAIR_SIGN:
        rc = run_sign(jb, out, cap, &diag);
        break;
    case OP_JSON_DECODE:
    case OP_JSON_SIGN:
    case OP_JSON_QUERY:
        rc = run_json(jb, out, cap, &diag);
        break;
    }
    if (rc != ECSKP_OK)
        (void)snprintf(out, cap, "%s %s %zu %zu", diag.name, diag.field, diag.offset, diag.index);
    return rc;
}

/* ------------------------------------------------------------------ the threads */

typedef struct worker {
    pthread_t thread;
    unsigned seed;
    size_t runs;
    size_t mismatches;
    size_t live; /* the thread's allocator balance after all rounds */
    char first_mismatch[256];
} worker;

static int g_rounds = ROUNDS;

static void *work(void *arg) {
    worker *w = arg;
    ecskp_test_counter ctx;
    ecskp_allocator alloc = ecskp_test_counting(&ctx);
    char *out = malloc(OUT_CAP);
    if (out == NULL) {
        w->mismatches++;
        return NULL;
    }
    unsigned s = w->seed;
    for (int r = 0; r < g_rounds; r++) {
        for (size_t k = 0; k < g_job_count; k++) {
            s = s * 1103515245u + 12345u; /* a different order in each thread */
            const job *jb = &g_jobs[(k + (s >> 16)) % g_job_count];
            ecskp_status rc = run_job(jb, (s >> 8) & 1 ? &alloc : NULL, out, OUT_CAP);
            w->runs++;
            if (rc != jb->want || strcmp(out, jb->want_text) != 0) {
                if (w->mismatches++ == 0)
                    (void)snprintf(w->first_mismatch, sizeof w->first_mismatch, "[%s] %s: %.200s",
                                   jb->name, ecskp_status_name(rc), out);
            }
        }
    }
    free(out);
    w->live = ctx.live;
    return NULL;
}

/* Single-threaded: every job gives what it must, the documented ones their documented text. */
static void run_sequentially(void) {
    for (size_t k = 0; k < g_job_count; k++) {
        job *jb = &g_jobs[k];
        jb->want_text = malloc(OUT_CAP);
        assert_non_null(jb->want_text);
        jb->want = run_job(jb, NULL, jb->want_text, OUT_CAP);
        if (jb->want != jb->expect)
            print_error("[%s] single-threaded: %s\n", jb->name, jb->want_text);
        ecskp_test_size(jb->name, "single-threaded status", (size_t)jb->want, (size_t)jb->expect);
        if (jb->documented != NULL)
            ecskp_test_true(jb->name, "the documented output is in the result",
                            strstr(jb->want_text, jb->documented) != NULL);
    }
}

static void test_concurrent_matches_sequential(void **state) {
    (void)state;
    build_fifty();
    build_jobs();
    run_sequentially();
    size_t per_op[OP_JSON_QUERY + 1] = {0};
    for (size_t k = 0; k < g_job_count; k++)
        per_op[g_jobs[k].op]++;
    for (size_t o = 0; o < COUNT(per_op); o++)
        ecskp_test_true("every operation has a job", "jobs", per_op[o] > 0);
    worker w[THREADS];
    memset(w, 0, sizeof w);
    for (int i = 0; i < THREADS; i++) {
        w[i].seed = 0x9e3779b9u * (unsigned)(i + 1);
        assert_int_equal(pthread_create(&w[i].thread, NULL, work, &w[i]), 0);
    }
    size_t runs = 0, bad = 0;
    for (int i = 0; i < THREADS; i++) {
        assert_int_equal(pthread_join(w[i].thread, NULL), 0);
        runs += w[i].runs;
        bad += w[i].mismatches;
        if (w[i].mismatches != 0)
            print_error("thread %d: %zu mismatches, first %s\n", i, w[i].mismatches,
                        w[i].first_mismatch);
        ecskp_test_size("per-thread allocator", "live blocks after all rounds", w[i].live, 0);
    }
    printf("threads: %d threads, %zu calls, %zu mismatches\n", THREADS, runs, bad);
    ecskp_test_size("threads", "mismatches", bad, 0);
    for (size_t k = 0; k < g_job_count; k++)
        free(g_jobs[k].want_text);
    while (g_document_count > 0)
        cJSON_free(g_documents[--g_document_count]);
    ecskp_test_kept_free();
}

int main(void) {
    const char *rounds = getenv("ECSKP_TEST_ROUNDS");
    if (rounds != NULL && atoi(rounds) > 0)
        g_rounds = atoi(rounds);
    /* Once, before any thread: libxml2's global tables (see SECURITY.md). */
    xmlInitParser();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_concurrent_matches_sequential),
    };
    int failed = cmocka_run_group_tests_name("threads", tests, NULL, NULL);
    xmlCleanupParser();
    return failed;
}
