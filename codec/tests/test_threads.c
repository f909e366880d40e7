/*
 * test_threads.c - decoding (JSON and XML), InstanceIds normalization, encoding and signing
 * from several threads at once. Every result is compared with the one computed single-threaded
 * before the threads start. The ThreadSanitizer build of this test (scripts/ci/tsan.sh) must
 * report nothing.
 *
 * Set-up, as SECURITY.md tells programs to do it: xmlInitParser() once in main before any
 * thread starts (libxml2 2.9's lazy initialisation is double-checked locking on a plain int);
 * cJSON's hooks are left alone (cJSON_InitHooks is process-wide and must not run concurrently
 * with parsing). Half of the decodes pass a per-thread ecskp_allocator, half pass none; each
 * thread's allocator must balance to zero.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <libxml/parser.h>

#include "ecskp/ecskp.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define THREADS 6
#define ROUNDS 60 /* ECSKP_TEST_ROUNDS overrides it (slow tools such as helgrind) */
#define OUT_CAP 16384

enum op { OP_DECODE, OP_IDS, OP_QUERY, OP_SIGN_V1, OP_SIGN_V3 };

typedef struct job {
    const char *name;
    enum op op;
    ecskp_format format;
    ecskp_action action;
    int http_status;
    const char *text;
    /* filled single-threaded */
    ecskp_status want;
    char *want_text;
} job;

static char fifty_xml[16384];
static char fifty_json[16384];

static job jobs[] = {
    {"success xml", OP_DECODE, ECSKP_FORMAT_XML, ECSKP_ACTION_ATTACH_KEY_PAIR, 200,
     "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<AttachKeyPairResponse>\n  <TotalCount>2"
     "</TotalCount>\n  <RequestId>4ADF7A06-66BD-4FBF-A2ED-2364E41D8C06</RequestId>\n  <Results>\n"
     "    <Result>\n      <Message>successful</Message>\n      <InstanceId>i-m5eg7be9ndloji64****"
     "</InstanceId>\n      <Success>true</Success>\n      <Code>200</Code>\n    </Result>\n"
     "    <Result>\n      <Message>successful</Message>\n      <InstanceId>i-m5e25x2mwr0hk33d****"
     "</InstanceId>\n      <Success>true</Success>\n      <Code>200</Code>\n    </Result>\n"
     "  </Results>\n  <FailCount>0</FailCount>\n</AttachKeyPairResponse>\n",
     0, NULL},
    {"success json", OP_DECODE, ECSKP_FORMAT_JSON, ECSKP_ACTION_ATTACH_KEY_PAIR, 200,
     "{\"TotalCount\": 2, \"RequestId\": \"4ADF7A06-66BD-4FBF-A2ED-2364E41D8C06\", \"Results\": "
     "{\"Result\": [{\"Message\": \"successful\", \"InstanceId\": \"i-m5eg7be9ndloji64****\", "
     "\"Success\": true, \"Code\": \"200\"}, {\"Message\": \"successful\", \"InstanceId\": "
     "\"i-m5e25x2mwr0hk33d****\", \"Success\": true, \"Code\": \"200\"}]}, \"FailCount\": 0}",
     0, NULL},
    {"error xml", OP_DECODE, ECSKP_FORMAT_XML, ECSKP_ACTION_DETACH_KEY_PAIR, 400,
     "<Error><RequestId>540CFF28</RequestId><HostId>ecs.aliyuncs.com</HostId><Code>"
     "MissingParameter.CommandId</Code><Message>a &amp; b &#x4e2d;</Message>"
     "<AccessDeniedDetail><AuthAction>ecs:DetachKeyPair</AuthAction></AccessDeniedDetail>"
     "</Error>",
     0, NULL},
    {"error json", OP_DECODE, ECSKP_FORMAT_JSON, ECSKP_ACTION_DETACH_KEY_PAIR, 404,
     "{\"RequestId\":\"6BE56E05\",\"HostId\":\"ecs.ap-southeast-3.aliyuncs.com\",\"Code\":"
     "\"InvalidKeyPairName.NotFound\",\"Message\":\"m\",\"AccessDeniedDetail\":{\"A\":1.25,"
     "\"B\":[true,null]}}",
     0, NULL},
    {"fifty xml", OP_DECODE, ECSKP_FORMAT_XML, ECSKP_ACTION_ATTACH_KEY_PAIR, 200, fifty_xml, 0,
     NULL},
    {"fifty json", OP_DECODE, ECSKP_FORMAT_JSON, ECSKP_ACTION_ATTACH_KEY_PAIR, 200, fifty_json, 0,
     NULL},
    /* Failing parses: cJSON and libxml2 record errors in their process-wide / per-thread state. */
    {"malformed xml", OP_DECODE, ECSKP_FORMAT_XML, ECSKP_ACTION_ATTACH_KEY_PAIR, 200,
     "<AttachKeyPairResponse><RequestId>x</Req>", 0, NULL},
    {"malformed json", OP_DECODE, ECSKP_FORMAT_JSON, ECSKP_ACTION_ATTACH_KEY_PAIR, 200,
     "{\"RequestId\": \"x\",]", 0, NULL},
    {"doctype xml", OP_DECODE, ECSKP_FORMAT_XML, ECSKP_ACTION_ATTACH_KEY_PAIR, 200,
     "<!DOCTYPE a [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><a>&e;</a>", 0, NULL},
    {"ids", OP_IDS, 0, 0, 0, "[ \"i-m5eg7be9ndloji64jknv\" , \"i-23jggx34b\" ]", 0, NULL},
    {"ids malformed", OP_IDS, 0, 0, 0, "[\"i-a\",", 0, NULL},
    {"query", OP_QUERY, 0, 0, 0, NULL, 0, NULL},
    {"sign v1", OP_SIGN_V1, 0, 0, 0, NULL, 0, NULL},
    {"sign v3", OP_SIGN_V3, 0, 0, 0, NULL, 0, NULL},
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

/* A per-thread allocator: counts live blocks in its own context, no shared state. */
typedef struct counting {
    long live;
} counting;

static void *c_malloc(size_t n, void *ctx) {
    void *p = malloc(n);
    if (p != NULL)
        ((counting *)ctx)->live++;
    return p;
}
static void *c_realloc(void *p, size_t n, void *ctx) {
    void *q = realloc(p, n);
    if (q != NULL && p == NULL)
        ((counting *)ctx)->live++;
    return q;
}
static void c_free(void *p, void *ctx) {
    if (p != NULL)
        ((counting *)ctx)->live--;
    free(p);
}

static ecskp_keypair_request typed_request(void) {
    static const char *const ids[] = {"i-m5eg7be9ndloji64jknv", "i-23jggx34b"};
    ecskp_keypair_request r;
    memset(&r, 0, sizeof r);
    r.action = ECSKP_ACTION_DETACH_KEY_PAIR;
    r.region_id = "cn-hangzhou";
    r.key_pair_name = "my-key";
    r.instance_ids = ids;
    r.instance_id_count = COUNT(ids);
    r.access_key_id = "testid";
    r.format = "XML";
    r.timestamp = "2016-02-23T12:46:24Z";
    r.signature_nonce = "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf";
    return r;
}

/* Runs one job; writes a rendering of its result into out. */
static ecskp_status run_job(const job *jb, const ecskp_allocator *alloc, char *out, size_t cap) {
    ecskp_diag diag;
    size_t len = 0;
    ecskp_status rc = ECSKP_OK;
    out[0] = '\0';
    switch (jb->op) {
    case OP_DECODE: {
        ecskp_decode_options opt;
        memset(&opt, 0, sizeof opt);
        opt.action = jb->action;
        opt.format = jb->format;
        opt.http_status = jb->http_status;
        opt.alloc = alloc;
        ecskp_response *resp = NULL;
        rc = ecskp_decode(jb->text, strlen(jb->text), &opt, &resp, &diag);
        if (rc == ECSKP_OK) {
            if (ecskp_response_to_json(resp, out, cap, &len) != ECSKP_OK)
                (void)snprintf(out, cap, "(to_json failed)");
        } else {
            (void)snprintf(out, cap, "%s %s %zu", diag.name, diag.field, diag.offset);
        }
        ecskp_response_free(resp);
        break;
    }
    case OP_IDS:
        rc = ecskp_ids_normalize(jb->text, strlen(jb->text), 0, alloc, out, cap, &len, &diag);
        break;
    case OP_QUERY: {
        ecskp_keypair_request req = typed_request();
        rc = ecskp_keypair_query(&req, out, cap, &len, &diag);
        break;
    }
    case OP_SIGN_V1:
    case OP_SIGN_V3: {
        char buf[8192];
        size_t needed = 0;
        ecskp_keypair_request req = typed_request();
        if (jb->op == OP_SIGN_V1) {
            ecskp_v1_signed s;
            rc = ecskp_keypair_sign_v1(&req, ECSKP_METHOD_POST, "testsecret", 10, buf, sizeof buf,
                                       &needed, &s, &diag);
            (void)snprintf(out, cap, "%s", rc == ECSKP_OK ? s.signed_query : "");
        } else {
            ecskp_v3_signed s;
            rc = ecskp_keypair_sign_v3(&req, ECSKP_METHOD_POST, "ecs.cn-hangzhou.aliyuncs.com",
                                       "testsecret", 10, buf, sizeof buf, &needed, &s, &diag);
            (void)snprintf(out, cap, "%s", rc == ECSKP_OK ? s.authorization : "");
        }
        break;
    }
    }
    return rc;
}

typedef struct worker {
    pthread_t thread;
    unsigned seed;
    size_t runs;
    size_t mismatches;
    long live; /* the thread's allocator balance after all rounds */
    char first_mismatch[256];
} worker;

static int g_rounds = ROUNDS;

static void *work(void *arg) {
    worker *w = arg;
    counting ctx = {0};
    ecskp_allocator alloc = {c_malloc, c_realloc, c_free, &ctx};
    char *out = malloc(OUT_CAP);
    if (out == NULL) {
        w->mismatches++;
        return NULL;
    }
    unsigned s = w->seed;
    for (int r = 0; r < g_rounds; r++) {
        for (size_t k = 0; k < COUNT(jobs); k++) {
            s = s * 1103515245u + 12345u; /* a different order in each thread */
            const job *jb = &jobs[(k + (s >> 16)) % COUNT(jobs)];
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

static void test_concurrent_matches_sequential(void **state) {
    (void)state;
    build_fifty();
    int signing = ecskp_signing_available();
    for (size_t k = 0; k < COUNT(jobs); k++) {
        jobs[k].want_text = malloc(OUT_CAP);
        assert_non_null(jobs[k].want_text);
        jobs[k].want = run_job(&jobs[k], NULL, jobs[k].want_text, OUT_CAP);
    }
    /* The fixtures must mean something: the successes succeed and the refusals refuse. */
    for (size_t k = 0; k < COUNT(jobs); k++) {
        int should_fail = strstr(jobs[k].name, "malformed") != NULL ||
                          strstr(jobs[k].name, "doctype") != NULL ||
                          (!signing && (jobs[k].op == OP_SIGN_V1 || jobs[k].op == OP_SIGN_V3));
        if ((jobs[k].want != ECSKP_OK) != should_fail)
            print_error("[%s] single-threaded: %s\n", jobs[k].name,
                        ecskp_status_name(jobs[k].want));
        assert_int_equal(jobs[k].want != ECSKP_OK, should_fail);
    }
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
        if (w[i].live != 0)
            print_error("thread %d: allocator balance %+ld\n", i, w[i].live);
        assert_int_equal(w[i].live, 0);
    }
    printf("threads: %d threads, %zu calls, %zu mismatches\n", THREADS, runs, bad);
    assert_int_equal(bad, 0);
    for (size_t k = 0; k < COUNT(jobs); k++)
        free(jobs[k].want_text);
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
