/*
 * test_oom.c - allocation accounting and out-of-memory safety (SQLite-style OOM loops).
 *
 * Every allocation a call can make goes through one gate in this binary:
 *   - the per-call ecskp_allocator (decode options.alloc, ids_normalize's alloc);
 *   - cJSON's hooks (cJSON_InitHooks) and libxml2's memory functions (xmlMemSetup), installed
 *     once at start-up before either library allocates anything;
 *   - OpenSSL's memory functions (CRYPTO_set_mem_functions), in builds with signing;
 *   - the C library's allocation functions as called by the library's own objects: the test
 *     links the static library with `-Wl,--wrap=malloc,...` (ECSKP_TEST_WRAP), so a malloc
 *     added anywhere in codec/src lands here even when no allocator is passed;
 *   - in builds without a sanitizer, the process-wide malloc/calloc/realloc/free themselves
 *     (ECSKP_TEST_REPLACE_MALLOC): this binary defines them over glibc's __libc_* functions, so
 *     an allocation made inside the C library on the library's behalf (qsort, printf, time
 *     zone loading, ...) is counted too.
 *
 * Part 1 proves that request encoding, signing and the other non-allocating calls allocate
 * nothing at all (libcrypto's own allocations while signing are counted and must balance).
 *
 * Part 2 runs every allocating public call (ecskp_ids_normalize, ecskp_keypair_params with
 * InstanceIds as JSON text, ecskp_decode on every documented body in both formats, successes
 * and API errors, refusals, and a 50-result body) with allocation number 1, 2, 3 ... failing
 * until the call no longer reaches the failing allocation, in two modes: only the Nth fails;
 * the Nth and every later one fail. After each step it asserts:
 *   - the exact status: out_of_memory, except for the documented mappings below;
 *   - *out is NULL (no half-filled result) and *out_len is 0;
 *   - nothing leaked: every gate's live-block balance is back where it was.
 * The documented mappings (ecskp/encode.h, ecskp/decode.h, SECURITY.md):
 *   - a failure inside cJSON is indistinguishable from a syntax error for cJSON's caller, so
 *     it is reported as the syntax error: ids_malformed (InstanceIds) / malformed_body
 *     (decode), unless the library reports out_of_memory;
 *   - libxml2 2.9.14 swallows the failure of a few optional allocations (the URI check of a
 *     namespace declaration, the copy of an error message): the call then returns exactly what
 *     it returns without the failure (same status, same normalized result); every other libxml2
 *     failure must be out_of_memory.
 * A failure in the library's own allocations must always be out_of_memory.
 *
 * Part 3 (builds with signing) fails libcrypto's allocations while signing: the status must be
 * crypto_failure (sign.h) and libcrypto's balance must come back.
 *
 * The number of injected failures is printed at the end (it is quoted in SECURITY.md).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <cjson/cJSON.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlmemory.h>
#ifdef ECSKP_TEST_HAVE_CRYPTO
#include <openssl/crypto.h>
#include <openssl/err.h>
#endif

#include "ecskp/ecskp.h"
#include "internal.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ================================================================== the gate */

enum { SRC_ECSKP, SRC_CJSON, SRC_XML, SRC_CRYPTO, SRC_LIBC, SRC_PROCESS, SRC_COUNT };
static const char *const src_names[SRC_COUNT] = {"ecskp allocator",     "cJSON hooks",
                                                 "libxml2 xmlMemSetup", "OpenSSL",
                                                 "libc (--wrap)",       "process malloc"};

static struct {
    int armed;              /* a counting window is open */
    unsigned long fail_at;  /* 0: never fail */
    int sticky;             /* fail fail_at and every later request */
    unsigned long n;        /* allocation requests seen in the window (gated sources) */
    unsigned long injected; /* failures injected in the window */
    unsigned failed_mask;   /* 1 << source of every injected failure */
    unsigned long calls[SRC_COUNT];
    long live[SRC_COUNT]; /* live blocks per source, over the whole run */
} g;

static unsigned long g_total_injected;

static void window_open(unsigned long fail_at, int sticky) {
    g.fail_at = fail_at;
    g.sticky = sticky;
    g.n = 0;
    g.injected = 0;
    g.failed_mask = 0;
    memset(g.calls, 0, sizeof g.calls);
    g.armed = 1;
}

static void window_close(void) {
    g.armed = 0;
    g_total_injected += g.injected;
}

/* Returns 1 when this request must fail. SRC_PROCESS only counts (it sees every allocation in
 * the process, cmocka's included, and is only used to prove that nothing allocates). */
static int gate(int src) {
    if (!g.armed)
        return 0;
    g.calls[src]++;
    if (src == SRC_PROCESS)
        return 0;
    g.n++;
    if (g.fail_at != 0 && (g.n == g.fail_at || (g.sticky && g.n > g.fail_at))) {
        g.injected++;
        g.failed_mask |= 1u << src;
        return 1;
    }
    return 0;
}

/* The underlying allocator: glibc's own functions when this binary replaces malloc, the real
 * functions behind --wrap otherwise. */
#if defined(ECSKP_TEST_REPLACE_MALLOC)
void *__libc_malloc(size_t size);
void *__libc_calloc(size_t n, size_t size);
void *__libc_realloc(void *p, size_t size);
void __libc_free(void *p);
void *__libc_memalign(size_t align, size_t size);
#define raw_malloc __libc_malloc
#define raw_realloc __libc_realloc
#define raw_free __libc_free
#elif defined(ECSKP_TEST_WRAP)
void *__real_malloc(size_t size);
void *__real_realloc(void *p, size_t size);
void __real_free(void *p);
#define raw_malloc __real_malloc
#define raw_realloc __real_realloc
#define raw_free __real_free
#else
#define raw_malloc malloc
#define raw_realloc realloc
#define raw_free free
#endif

static void *src_malloc(int src, size_t size) {
    if (gate(src))
        return NULL;
    void *p = raw_malloc(size);
    if (p != NULL)
        g.live[src]++;
    return p;
}

static void *src_realloc(int src, void *p, size_t size) {
    if (gate(src))
        return NULL;
    void *q = raw_realloc(p, size);
    if (q != NULL && p == NULL)
        g.live[src]++;
    return q;
}

static void src_free(int src, void *p) {
    if (p == NULL)
        return;
    g.live[src]--;
    raw_free(p);
}

static char *src_strdup(int src, const char *s) {
    size_t n = strlen(s) + 1;
    char *d = src_malloc(src, n);
    if (d != NULL)
        memcpy(d, s, n);
    return d;
}

/* ------------------------------------------------------------------ process-wide malloc */

#if defined(ECSKP_TEST_REPLACE_MALLOC)
/* valgrind replaces malloc in the executable too, so the process-wide gate sees nothing under
 * it; valgrind's own accounting takes over there. Its preload library names it. */
static int under_valgrind(void) {
    const char *pre = getenv("LD_PRELOAD");
    return pre != NULL && strstr(pre, "vgpreload") != NULL;
}

/* glibc supports replacing malloc in the executable ("Replacing malloc" in its manual); its own
 * internal allocations then come here too. Counting only: nothing fails here. */
void *malloc(size_t size) {
    (void)gate(SRC_PROCESS);
    return __libc_malloc(size);
}
void *calloc(size_t n, size_t size) {
    (void)gate(SRC_PROCESS);
    return __libc_calloc(n, size);
}
void *realloc(void *p, size_t size) {
    (void)gate(SRC_PROCESS);
    return __libc_realloc(p, size);
}
void free(void *p) {
    __libc_free(p);
}
void *memalign(size_t align, size_t size);
void *memalign(size_t align, size_t size) {
    (void)gate(SRC_PROCESS);
    return __libc_memalign(align, size);
}
void *aligned_alloc(size_t align, size_t size) {
    (void)gate(SRC_PROCESS);
    return __libc_memalign(align, size);
}
int posix_memalign(void **out, size_t align, size_t size) {
    (void)gate(SRC_PROCESS);
    void *p = __libc_memalign(align, size);
    if (p == NULL)
        return 12; /* ENOMEM */
    *out = p;
    return 0;
}
#endif

/* ------------------------------------------------------------------ --wrap'ed libc calls */

#if defined(ECSKP_TEST_WRAP)
/* Only references from objects linked into this binary (the static library, this file) are
 * redirected here; shared libraries keep the real functions. */
void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t size);
void __wrap_free(void *p);
char *__wrap_strdup(const char *s);
char *__wrap_strndup(const char *s, size_t n);

void *__wrap_malloc(size_t size) {
    return src_malloc(SRC_LIBC, size);
}
void *__wrap_calloc(size_t n, size_t size) {
    if (size != 0 && n > (size_t)-1 / size)
        return NULL;
    void *p = src_malloc(SRC_LIBC, n * size);
    if (p != NULL)
        memset(p, 0, n * size);
    return p;
}
void *__wrap_realloc(void *p, size_t size) {
    return src_realloc(SRC_LIBC, p, size);
}
void __wrap_free(void *p) {
    src_free(SRC_LIBC, p);
}
char *__wrap_strdup(const char *s) {
    return src_strdup(SRC_LIBC, s);
}
char *__wrap_strndup(const char *s, size_t n) {
    size_t len = strnlen(s, n);
    char *d = src_malloc(SRC_LIBC, len + 1);
    if (d != NULL) {
        memcpy(d, s, len);
        d[len] = '\0';
    }
    return d;
}
#endif

/* ------------------------------------------------------------------ per-library hooks */

static void *cj_malloc(size_t size) {
    return src_malloc(SRC_CJSON, size);
}
static void cj_free(void *p) {
    src_free(SRC_CJSON, p);
}

static void *xml_malloc(size_t size) {
    return src_malloc(SRC_XML, size);
}
static void *xml_realloc(void *p, size_t size) {
    return src_realloc(SRC_XML, p, size);
}
static void xml_free(void *p) {
    src_free(SRC_XML, p);
}
static char *xml_strdup(const char *s) {
    return src_strdup(SRC_XML, s);
}

#ifdef ECSKP_TEST_HAVE_CRYPTO
static void *ossl_malloc(size_t size, const char *file, int line) {
    (void)file;
    (void)line;
    return src_malloc(SRC_CRYPTO, size);
}
static void *ossl_realloc(void *p, size_t size, const char *file, int line) {
    (void)file;
    (void)line;
    return src_realloc(SRC_CRYPTO, p, size);
}
static void ossl_free(void *p, const char *file, int line) {
    (void)file;
    (void)line;
    src_free(SRC_CRYPTO, p);
}
#endif

static void *ek_malloc(size_t size, void *ctx) {
    (void)ctx;
    return src_malloc(SRC_ECSKP, size);
}
static void *ek_realloc(void *p, size_t size, void *ctx) {
    (void)ctx;
    return src_realloc(SRC_ECSKP, p, size);
}
static void ek_free(void *p, void *ctx) {
    (void)ctx;
    src_free(SRC_ECSKP, p);
}
static const ecskp_allocator gate_allocator = {ek_malloc, ek_realloc, ek_free, NULL};

static void drop_library_error_state(void);

/* Installs every hook before any library allocates; then lets libxml2 and OpenSSL build their
 * process-wide tables, which stay alive for the whole run and are not part of any call. */
static void install_hooks(void) {
#ifdef ECSKP_TEST_HAVE_CRYPTO
    if (CRYPTO_set_mem_functions(ossl_malloc, ossl_realloc, ossl_free) != 1) {
        fprintf(stderr, "CRYPTO_set_mem_functions failed: OpenSSL allocated before main\n");
        exit(1);
    }
#endif
    cJSON_Hooks hooks = {cj_malloc, cj_free};
    cJSON_InitHooks(&hooks);
    if (xmlMemSetup(xml_free, xml_malloc, xml_realloc, xml_strdup) != 0) {
        fprintf(stderr, "xmlMemSetup failed\n");
        exit(1);
    }
    xmlInitParser();
    /* OpenSSL builds its error tables on first use of the error queue. */
    drop_library_error_state();
}

static void snapshot(long out[SRC_COUNT]) {
    memcpy(out, g.live, sizeof g.live);
}

/* libxml2 keeps a copy of the last error of each thread (xmlGetLastError); it is freed by the
 * next error, xmlResetLastError() or thread exit, so it is not part of the call's balance.
 * OpenSSL's error queue likewise. */
static void drop_library_error_state(void) {
    xmlResetLastError();
#ifdef ECSKP_TEST_HAVE_CRYPTO
    ERR_clear_error();
#endif
}

static void check_balance(const char *what, const long before[SRC_COUNT]) {
    drop_library_error_state();
    for (int s = 0; s < SRC_COUNT; s++) {
        if (s == SRC_PROCESS)
            continue;
        if (g.live[s] != before[s]) {
            print_error("%s: %s balance %+ld blocks (fail_at %lu%s)\n", what, src_names[s],
                        g.live[s] - before[s], g.fail_at, g.sticky ? ", sticky" : "");
            fail();
        }
    }
}

/* ================================================================== part 1: no allocation */

static void check_no_alloc(const char *what, int allow_crypto) {
    for (int s = 0; s < SRC_COUNT; s++) {
        if (g.calls[s] == 0 || (s == SRC_CRYPTO && allow_crypto))
            continue;
        /* libcrypto's blocks come from the C library too. */
        if (s == SRC_PROCESS && allow_crypto && g.calls[SRC_CRYPTO] >= g.calls[SRC_PROCESS])
            continue;
        print_error("%s: %lu allocation(s) through %s\n", what, g.calls[s], src_names[s]);
        fail();
    }
}

#define NO_ALLOC(what, allow_crypto, stmt)                                                         \
    do {                                                                                           \
        long before_[SRC_COUNT];                                                                   \
        snapshot(before_);                                                                         \
        window_open(0, 0);                                                                         \
        stmt;                                                                                      \
        window_close();                                                                            \
        check_no_alloc(what, allow_crypto);                                                        \
        check_balance(what, before_);                                                              \
    } while (0)

/* The counters must see an allocation wherever one is added: prove each gate is live. */
static void test_gates_are_live(void **state) {
    (void)state;
    long before[SRC_COUNT];
    snapshot(before);
    window_open(0, 0);
    void *p = ecskp__malloc(NULL, 16); /* a library object calling malloc(3) */
    ecskp__free(NULL, p);
    cJSON *j = cJSON_CreateObject();
    cJSON_Delete(j);
    xmlChar *x = xmlStrdup((const xmlChar *)"x");
    xmlFree(x);
#ifdef ECSKP_TEST_HAVE_CRYPTO
    void *c = OPENSSL_malloc(8);
    OPENSSL_free(c);
#endif
#if defined(ECSKP_TEST_REPLACE_MALLOC)
    /* An allocation made inside the C library itself. */
    char *mem = NULL;
    size_t mem_len = 0;
    FILE *f = open_memstream(&mem, &mem_len);
    assert_non_null(f);
    (void)fputs("x", f);
    (void)fclose(f);
    __libc_free(mem);
#endif
    window_close();
#if defined(ECSKP_TEST_WRAP) || defined(ECSKP_TEST_REPLACE_MALLOC)
    assert_true(g.calls[SRC_LIBC] + g.calls[SRC_PROCESS] >= 1);
#endif
#if defined(ECSKP_TEST_REPLACE_MALLOC)
    if (!under_valgrind())
        assert_true(g.calls[SRC_PROCESS] >= 1);
#endif
    assert_true(g.calls[SRC_CJSON] >= 1);
    assert_true(g.calls[SRC_XML] >= 1);
#ifdef ECSKP_TEST_HAVE_CRYPTO
    assert_true(g.calls[SRC_CRYPTO] >= 1);
#endif
    check_balance("gates", before);
    printf("allocation gates: ecskp allocator, cJSON, libxml2%s%s%s\n",
#ifdef ECSKP_TEST_HAVE_CRYPTO
           ", OpenSSL",
#else
           "",
#endif
#if defined(ECSKP_TEST_WRAP)
           ", libc calls of the library (--wrap)",
#else
           "",
#endif
#if defined(ECSKP_TEST_REPLACE_MALLOC)
           under_valgrind() ? ", process-wide malloc (off: valgrind replaces it)"
                            : ", process-wide malloc"
#else
           ""
#endif
    );
}

static const char *const two_ids[] = {"i-m5eg7be9ndloji64jknv", "i-23jggx34b"};

static ecskp_keypair_request typed_request(void) {
    ecskp_keypair_request r;
    memset(&r, 0, sizeof r);
    r.action = ECSKP_ACTION_ATTACH_KEY_PAIR;
    r.region_id = "cn-hangzhou";
    r.key_pair_name = "my-key_pair:1";
    r.instance_ids = two_ids;
    r.instance_id_count = COUNT(two_ids);
    r.access_key_id = "testid";
    r.format = "JSON";
    r.timestamp = "2016-02-23T12:46:24Z";
    r.signature_nonce = "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf";
    return r;
}

static void test_encoding_allocates_nothing(void **state) {
    (void)state;
    static const ecskp_param params[] = {
        {"Action", "AttachKeyPair"},           {"RegionId", "cn-hangzhou"},
        {"KeyPairName", "k p!'()*~"},          {"InstanceIds", "[\"i-a\",\"i-b\"]"},
        {"Timestamp", "2016-02-23T12:46:24Z"}, {"Format", "XML"}};
    char buf[8192];
    size_t len = 0;
    ecskp_diag diag;
    ecskp_status rc = ECSKP_OK;
    ecskp_keypair_request req = typed_request();
    static ecskp_param_set set;

    NO_ALLOC("ecskp_canonical_query", 0,
             rc = ecskp_canonical_query(params, COUNT(params), buf, sizeof buf, &len, &diag));
    assert_int_equal(rc, ECSKP_OK);
    NO_ALLOC("ecskp_canonical_query (error)", 0,
             rc = ecskp_canonical_query(params, COUNT(params), buf, 4, &len, &diag));
    assert_int_equal(rc, ECSKP_ERR_BUFFER_TOO_SMALL);
    NO_ALLOC("ecskp_percent_encode", 0,
             rc = ecskp_percent_encode("a b*", 4, buf, sizeof buf, &len));
    assert_int_equal(rc, ECSKP_OK);
    NO_ALLOC("ecskp_ids_from_array", 0,
             rc = ecskp_ids_from_array(two_ids, COUNT(two_ids), 0, buf, sizeof buf, &len, &diag));
    assert_int_equal(rc, ECSKP_OK);
    NO_ALLOC("ecskp_keypair_params", 0, rc = ecskp_keypair_params(&req, &set, &diag));
    assert_int_equal(rc, ECSKP_OK);
    NO_ALLOC("ecskp_keypair_query", 0,
             rc = ecskp_keypair_query(&req, buf, sizeof buf, &len, &diag));
    assert_int_equal(rc, ECSKP_OK);
    req.region_id = NULL;
    NO_ALLOC("ecskp_keypair_query (missing RegionId)", 0,
             rc = ecskp_keypair_query(&req, buf, sizeof buf, &len, &diag));
    assert_int_equal(rc, ECSKP_ERR_MISSING_PARAMETER);
    NO_ALLOC("ecskp_v1_string_to_sign", 0,
             rc = ecskp_v1_string_to_sign(ECSKP_METHOD_GET, params, COUNT(params), buf, sizeof buf,
                                          &len, &diag));
    assert_int_equal(rc, ECSKP_OK);
    int valid = 0;
    NO_ALLOC("ecskp_utf8_valid", 0, valid = ecskp_utf8_valid("\xc3\xa9", 2, NULL));
    assert_int_equal(valid, 1);
    NO_ALLOC("ecskp_timestamp_valid", 0, valid = ecskp_timestamp_valid("2016-02-23T12:46:24Z"));
    assert_int_equal(valid, 1);
    char ts[ECSKP_TIMESTAMP_SIZE];
    NO_ALLOC("ecskp_format_timestamp", 0, rc = ecskp_format_timestamp((time_t)1456231584, ts));
    assert_int_equal(rc, ECSKP_OK);
    char nonce[ECSKP_NONCE_SIZE];
    NO_ALLOC("ecskp_random_nonce", 0, rc = ecskp_random_nonce(nonce, &diag));
    assert_int_equal(rc, ECSKP_OK);
    const char *msg = "Specified signature is not matched with our calculation. server string to "
                      "sign is:GET&%2F&A";
    ecskp_sts_comparison cmp;
    NO_ALLOC("ecskp_compare_string_to_sign", 0,
             rc = ecskp_compare_string_to_sign(msg, strlen(msg), "GET&%2F&B", 9, &cmp));
    assert_int_equal(rc, ECSKP_OK);
    int retry = 0;
    ecskp_error_category cat = ECSKP_CATEGORY_UNKNOWN;
    NO_ALLOC("ecskp_error_classify", 0, cat = ecskp_error_classify("Throttling.User", 400, &retry));
    assert_int_equal(cat, ECSKP_CATEGORY_THROTTLING);
}

static void test_signing_allocates_nothing(void **state) {
    (void)state;
    if (!ecskp_signing_available()) {
        skip();
    }
    static const ecskp_param doc[] = {{"AccessKeyId", "testid"},
                                      {"Action", "DescribeRegions"},
                                      {"Format", "XML"},
                                      {"SignatureMethod", "HMAC-SHA1"},
                                      {"SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"},
                                      {"SignatureVersion", "1.0"},
                                      {"Timestamp", "2016-02-23T12:46:24Z"},
                                      {"Version", "2014-05-26"}};
    static char buf[16384];
    size_t needed = 0;
    ecskp_diag diag;
    ecskp_status rc = ECSKP_OK;
    ecskp_v1_signed v1;
    ecskp_v3_signed v3;
    char sig[ECSKP_V1_SIGNATURE_SIZE];
    ecskp_keypair_request req = typed_request();

    /* libcrypto builds its method tables on first use: do that outside the windows. */
    rc = ecskp_v1_sign(ECSKP_METHOD_GET, doc, COUNT(doc), "testsecret", 10, buf, sizeof buf,
                       &needed, &v1, &diag);
    assert_int_equal(rc, ECSKP_OK);
    rc = ecskp_keypair_sign_v3(&req, ECSKP_METHOD_POST, "ecs.cn-hangzhou.aliyuncs.com",
                               "testsecret", 10, buf, sizeof buf, &needed, &v3, &diag);
    assert_int_equal(rc, ECSKP_OK);

    NO_ALLOC("ecskp_v1_signature", 1,
             rc = ecskp_v1_signature("GET&%2F&x", 9, "testsecret", 10, sig, &diag));
    assert_int_equal(rc, ECSKP_OK);
    NO_ALLOC("ecskp_v1_sign", 1,
             rc = ecskp_v1_sign(ECSKP_METHOD_GET, doc, COUNT(doc), "testsecret", 10, buf,
                                sizeof buf, &needed, &v1, &diag));
    assert_int_equal(rc, ECSKP_OK);
    assert_string_equal(v1.signature, "OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
    NO_ALLOC("ecskp_keypair_sign_v1", 1,
             rc = ecskp_keypair_sign_v1(&req, ECSKP_METHOD_POST, "testsecret", 10, buf, sizeof buf,
                                        &needed, &v1, &diag));
    assert_int_equal(rc, ECSKP_OK);
    NO_ALLOC("ecskp_keypair_sign_v3", 1,
             rc = ecskp_keypair_sign_v3(&req, ECSKP_METHOD_POST, "ecs.cn-hangzhou.aliyuncs.com",
                                        "testsecret", 10, buf, sizeof buf, &needed, &v3, &diag));
    assert_int_equal(rc, ECSKP_OK);
    /* A refusal before any hashing allocates nothing anywhere. */
    NO_ALLOC("ecskp_v1_sign (missing secret)", 0,
             rc = ecskp_v1_sign(ECSKP_METHOD_GET, doc, COUNT(doc), "", 0, buf, sizeof buf, &needed,
                                &v1, &diag));
    assert_int_equal(rc, ECSKP_ERR_MISSING_SECRET);
}

/* ================================================================== part 2: OOM loops */

enum kind { K_IDS, K_PARAMS, K_DECODE };

typedef struct oom_case {
    const char *name;
    enum kind kind;
    ecskp_format format;
    ecskp_action action;
    int http_status;
    const char *text;  /* NULL: the generated 50-result body of `format` */
    ecskp_status want; /* without failures */
} oom_case;

#define ATTACH ECSKP_ACTION_ATTACH_KEY_PAIR
#define DETACH ECSKP_ACTION_DETACH_KEY_PAIR
#define JSON ECSKP_FORMAT_JSON
#define XML ECSKP_FORMAT_XML

/* Bodies: api-facts.md sections 4 and 5 and the API pages in api-docs/. */
static const char doc_success_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<AttachKeyPairResponse>\n"
    "  <TotalCount>2</TotalCount>\n"
    "  <RequestId>4ADF7A06-66BD-4FBF-A2ED-2364E41D8C06</RequestId>\n"
    "  <Results>\n"
    "    <Result>\n"
    "      <Message>successful</Message>\n"
    "      <InstanceId>i-m5eg7be9ndloji64****</InstanceId>\n"
    "      <Success>true</Success>\n"
    "      <Code>200</Code>\n"
    "    </Result>\n"
    "    <Result>\n"
    "      <Message>successful</Message>\n"
    "      <InstanceId>i-m5e25x2mwr0hk33d****</InstanceId>\n"
    "      <Success>true</Success>\n"
    "      <Code>200</Code>\n"
    "    </Result>\n"
    "  </Results>\n"
    "  <FailCount>0</FailCount>\n"
    "</AttachKeyPairResponse>\n";
static const char doc_success_json[] =
    "{\"TotalCount\": 2, \"RequestId\": \"4ADF7A06-66BD-4FBF-A2ED-2364E41D8C06\",\n"
    " \"Results\": {\"Result\": [\n"
    "   {\"Message\": \"successful\", \"InstanceId\": \"i-m5eg7be9ndloji64****\", \"Success\": "
    "true, \"Code\": \"200\"},\n"
    "   {\"Message\": \"successful\", \"InstanceId\": \"i-m5e25x2mwr0hk33d****\", \"Success\": "
    "true, \"Code\": \"200\"}]},\n"
    " \"FailCount\": 0}";
static const char doc_detach_xml[] =
    "<DetachKeyPairResponse><TotalCount>1</TotalCount>"
    "<RequestId>834B3E6B-2D1D-482F-81A4-810C327D4735</RequestId>"
    "<Results><Result><Message>successful</Message><InstanceId>i-m5eg7be9ndloji64****"
    "</InstanceId><Success>true</Success><Code>200</Code></Result></Results>"
    "<FailCount>0</FailCount></DetachKeyPairResponse>";
static const char doc_detach_json[] =
    "{\"TotalCount\":1,\"RequestId\":\"834B3E6B-2D1D-482F-81A4-810C327D4735\",\"Results\":"
    "{\"Result\":[{\"Message\":\"successful\",\"InstanceId\":\"i-m5eg7be9ndloji64****\","
    "\"Success\":true,\"Code\":\"200\"}]},\"FailCount\":0}";
static const char old_attach_xml[] =
    "<AttachKeyPairResponse>\n"
    "    <RequestId>473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E</RequestId>\n"
    "</AttachKeyPairResponse>";
static const char old_attach_json[] =
    "{\n    \"RequestId\": \"473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E\"\n}";
static const char partial_xml[] =
    "<AttachKeyPairResponse><RequestId>r-1</RequestId><KeyPairName>k</KeyPairName>"
    "<TotalCount>2</TotalCount><FailCount>1</FailCount><Results>"
    "<Result><InstanceId>i-a</InstanceId><Success>true</Success><Code>200</Code>"
    "<Message>successful</Message></Result>"
    "<Result><InstanceId>i-b</InstanceId><Success>false</Success>"
    "<Code>DependencyViolation.WindowsInstance</Code><Message>windows</Message></Result>"
    "</Results></AttachKeyPairResponse>";
static const char partial_json[] =
    "{\"RequestId\":\"r-1\",\"KeyPairName\":\"k\",\"TotalCount\":\"2\",\"FailCount\":1,"
    "\"Results\":{\"Result\":[{\"InstanceId\":\"i-a\",\"Success\":true,\"Code\":200,"
    "\"Message\":\"successful\"},{\"InstanceId\":\"i-b\",\"Success\":\"false\",\"Code\":"
    "\"DependencyViolation.WindowsInstance\",\"Message\":\"windows\"}]}}";
static const char error_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<Error>\n"
    "  <RequestId>540CFF28-407A-40B5-B6A5-74Bxxxxxxxxx</RequestId>\n"
    "  <HostId>ecs.aliyuncs.com</HostId>\n"
    "  <Code>MissingParameter.CommandId</Code>\n"
    "  <Message>The input parameter \"CommandId\" that is required for processing this request "
    "is not supplied.</Message>\n"
    "</Error>";
static const char error_json[] =
    "{\"RequestId\": \"6BE56E05-XXXX-XXXX-XXXX-FD90C4FFD581\", \"HostId\": "
    "\"ecs.ap-southeast-3.aliyuncs.com\",\n"
    " \"Code\": \"InvalidImageId.NotFound\", \"Message\": \"The specified ImageId does not "
    "exist.\",\n"
    " \"Recommend\": "
    "\"https://api.alibabacloud.com/"
    "troubleshoot?intl_lang=EN_US&q=InvalidImageId.NotFound&product=Ecs&requestId=6BE56E05-XXXX-"
    "XXXX-XXXX-FD90C4FFD581\"}";
static const char denied_xml[] =
    "<Error xmlns=\"urn:example\"><RequestId>r</RequestId><HostId>ecs.aliyuncs.com</HostId>"
    "<Code>Forbidden.RAM</Code><Message>User not authorized &amp; &#x4e2d;</Message>"
    "<Recommend><![CDATA[https://x/?a=1&b=2]]></Recommend><!-- c --><?pi x?>"
    "<AccessDeniedDetail><AuthAction>ecs:AttachKeyPair</AuthAction><PolicyType>"
    "AccountLevelIdentityBasedPolicy</PolicyType></AccessDeniedDetail></Error>";
static const char denied_json[] =
    "{\"RequestId\":\"r\",\"HostId\":\"ecs.aliyuncs.com\",\"Code\":\"Forbidden.RAM\","
    "\"Message\":\"User not authorized \\u0026 \\u4e2d\",\"AccessDeniedDetail\":{\"AuthAction\":"
    "\"ecs:AttachKeyPair\",\"NoPermissionType\":\"ImplicitDeny\",\"Depth\":1.5,\"List\":[1,"
    "true,null]}}";
static char denied_many_json[8192];
static const char windows_xml[] =
    "<Error><RequestId>r</RequestId><HostId>ecs.aliyuncs.com</HostId>"
    "<Code>DependencyViolation.WindowsInstance</Code><Message>The instance creating is windows, "
    "cannot use ssh key pair to login</Message></Error>";
static const char windows_json[] =
    "{\"RequestId\":\"r\",\"HostId\":\"ecs.aliyuncs.com\",\"Code\":"
    "\"DependencyViolation.WindowsInstance\",\"Message\":\"The instance creating is windows, "
    "cannot use ssh key pair to login\"}";

static const oom_case cases[] = {
    /* InstanceIds JSON text */
    {"ids two", K_IDS, 0, 0, 0, "[\"i-m5eg7be9ndloji64jknv\", \"i-23jggx34b\"]", ECSKP_OK},
    {"ids one", K_IDS, 0, 0, 0, "[\"AY121018033933eae8689\"]", ECSKP_OK},
    {"ids not array", K_IDS, 0, 0, 0, "{\"a\":[\"i-a\"]}", ECSKP_ERR_IDS_NOT_ARRAY},
    {"ids duplicate", K_IDS, 0, 0, 0, "[\"i-a\",\"i-b\",\"i-a\"]", ECSKP_ERR_IDS_DUPLICATE},
    {"ids element", K_IDS, 0, 0, 0, "[\"i-a\",2]", ECSKP_ERR_IDS_INVALID_ELEMENT},
    {"ids malformed", K_IDS, 0, 0, 0, "[\"i-a\",", ECSKP_ERR_IDS_MALFORMED},
    {"ids fifty", K_IDS, 0, 0, 0, NULL, ECSKP_OK},
    {"params ids json", K_PARAMS, 0, 0, 0, "[\"i-a\", \"i-b\"]", ECSKP_OK},
    /* documented successes */
    {"attach success xml", K_DECODE, XML, ATTACH, 200, doc_success_xml, ECSKP_OK},
    {"attach success json", K_DECODE, JSON, ATTACH, 200, doc_success_json, ECSKP_OK},
    {"detach success xml", K_DECODE, XML, DETACH, 200, doc_detach_xml, ECSKP_OK},
    {"detach success json", K_DECODE, JSON, DETACH, 200, doc_detach_json, ECSKP_OK},
    {"old attach xml", K_DECODE, XML, ATTACH, 0, old_attach_xml, ECSKP_OK},
    {"old attach json", K_DECODE, JSON, ATTACH, 0, old_attach_json, ECSKP_OK},
    {"partial success xml", K_DECODE, XML, ATTACH, 200, partial_xml, ECSKP_OK},
    {"partial success json", K_DECODE, JSON, ATTACH, 200, partial_json, ECSKP_OK},
    {"fifty results xml", K_DECODE, XML, ATTACH, 200, NULL, ECSKP_OK},
    {"fifty results json", K_DECODE, JSON, ATTACH, 200, NULL, ECSKP_OK},
    /* documented API errors (decoded successfully as errors) */
    {"error xml", K_DECODE, XML, ATTACH, 400, error_xml, ECSKP_OK},
    {"error json", K_DECODE, JSON, DETACH, 404, error_json, ECSKP_OK},
    {"access denied xml", K_DECODE, XML, ATTACH, 403, denied_xml, ECSKP_OK},
    {"access denied json", K_DECODE, JSON, ATTACH, 403, denied_json, ECSKP_OK},
    {"access denied 200 members json", K_DECODE, JSON, ATTACH, 403, denied_many_json, ECSKP_OK},
    {"windows xml", K_DECODE, XML, DETACH, 403, windows_xml, ECSKP_OK},
    {"windows json", K_DECODE, JSON, DETACH, 403, windows_json, ECSKP_OK},
    {"error with 200 json", K_DECODE, JSON, ATTACH, 200, windows_json, ECSKP_OK},
    /* refusals */
    {"malformed xml", K_DECODE, XML, ATTACH, 200, "<AttachKeyPairResponse><RequestId>x</Req>",
     ECSKP_ERR_MALFORMED_BODY},
    {"malformed json", K_DECODE, JSON, ATTACH, 200, "{\"RequestId\": \"x\",]",
     ECSKP_ERR_MALFORMED_BODY},
    {"doctype xml", K_DECODE, XML, ATTACH, 200,
     "<!DOCTYPE AttachKeyPairResponse [<!ENTITY e \"x\">]><AttachKeyPairResponse><RequestId>&e;"
     "</RequestId></AttachKeyPairResponse>",
     ECSKP_ERR_DTD_REFUSED},
    {"wrong root xml", K_DECODE, XML, ATTACH, 200,
     "<DetachKeyPairResponse><RequestId>x</RequestId></DetachKeyPairResponse>",
     ECSKP_ERR_WRONG_ROOT},
    {"duplicate json", K_DECODE, JSON, ATTACH, 200, "{\"RequestId\":\"x\",\"RequestId\":\"y\"}",
     ECSKP_ERR_DUPLICATE_FIELD},
    {"wrong type json", K_DECODE, JSON, ATTACH, 200, "{\"RequestId\":\"x\",\"TotalCount\":true}",
     ECSKP_ERR_WRONG_TYPE},
    {"inconsistent xml", K_DECODE, XML, ATTACH, 200,
     "<AttachKeyPairResponse><RequestId>x</RequestId><TotalCount>3</TotalCount><Results>"
     "<Result><Success>true</Success><Code>200</Code></Result></Results>"
     "</AttachKeyPairResponse>",
     ECSKP_ERR_INCONSISTENT_RESPONSE},
    {"mismatch json", K_DECODE, JSON, ATTACH, 500, old_attach_json, ECSKP_ERR_STATUS_BODY_MISMATCH},
    {"trailing xml", K_DECODE, XML, ATTACH, 200,
     "<AttachKeyPairResponse><RequestId>x</RequestId></AttachKeyPairResponse><x/>",
     ECSKP_ERR_TRAILING_DATA},
    {"missing code xml", K_DECODE, XML, ATTACH, 400, "<Error><RequestId>x</RequestId></Error>",
     ECSKP_ERR_MISSING_FIELD},
};

static char fifty_xml[16384];
static char fifty_json[16384];
static char fifty_ids[4096];

static void build_generated(void) {
    ecskp_writer x, j, ids;
    ecskp__writer_init(&x, fifty_xml, sizeof fifty_xml);
    ecskp__writer_init(&j, fifty_json, sizeof fifty_json);
    ecskp__writer_init(&ids, fifty_ids, sizeof fifty_ids);
    ecskp__puts(&x, "<AttachKeyPairResponse><RequestId>4ADF7A06-66BD-4FBF-A2ED-2364E41D8C06"
                    "</RequestId><TotalCount>50</TotalCount><FailCount>1</FailCount><Results>");
    ecskp__puts(&j, "{\"RequestId\":\"4ADF7A06-66BD-4FBF-A2ED-2364E41D8C06\",\"TotalCount\":50,"
                    "\"FailCount\":1,\"Results\":{\"Result\":[");
    ecskp__putc(&ids, '[');
    for (int i = 0; i < 50; i++) {
        char id[32];
        (void)snprintf(id, sizeof id, "i-m5eg7be9ndloji64%04d", i);
        int ok = i != 17;
        char item[512];
        (void)snprintf(item, sizeof item,
                       "<Result><Message>%s</Message><InstanceId>%s</InstanceId>"
                       "<Success>%s</Success><Code>%s</Code></Result>",
                       ok ? "successful" : "windows", id, ok ? "true" : "false",
                       ok ? "200" : "DependencyViolation.WindowsInstance");
        ecskp__puts(&x, item);
        (void)snprintf(
            item, sizeof item,
            "%s{\"Message\":\"%s\",\"InstanceId\":\"%s\",\"Success\":%s,\"Code\":\"%s\"}",
            i ? "," : "", ok ? "successful" : "windows", id, ok ? "true" : "false",
            ok ? "200" : "DependencyViolation.WindowsInstance");
        ecskp__puts(&j, item);
        (void)snprintf(item, sizeof item, "%s \"%s\"", i ? "," : "", id);
        ecskp__puts(&ids, item);
    }
    ecskp__puts(&x, "</Results></AttachKeyPairResponse>");
    ecskp__puts(&j, "]}}");
    ecskp__putc(&ids, ']');
    ecskp_writer d;
    ecskp__writer_init(&d, denied_many_json, sizeof denied_many_json);
    ecskp__puts(&d, "{\"RequestId\":\"r\",\"Code\":\"Forbidden.RAM\",\"AccessDeniedDetail\":{");
    for (int i = 0; i < 200; i++) {
        char member[32];
        (void)snprintf(member, sizeof member, "%s\"K%03d\":\"v\"", i ? "," : "", (i * 7) % 200);
        ecskp__puts(&d, member);
    }
    ecskp__puts(&d, "}}");
    assert_int_equal(ecskp__writer_finish(&d, NULL), ECSKP_OK);
    assert_int_equal(ecskp__writer_finish(&x, NULL), ECSKP_OK);
    assert_int_equal(ecskp__writer_finish(&j, NULL), ECSKP_OK);
    assert_int_equal(ecskp__writer_finish(&ids, NULL), ECSKP_OK);
}

static const char *case_text(const oom_case *c) {
    if (c->text != NULL)
        return c->text;
    if (c->kind != K_DECODE)
        return fifty_ids;
    return c->format == XML ? fifty_xml : fifty_json;
}

/* What one call gave: the status and a rendering of the result to compare runs with. */
typedef struct outcome {
    ecskp_status status;
    int out_is_null;  /* decode: *out NULL */
    size_t out_len;   /* ids: *out_len */
    char text[16384]; /* the normalized result (decode) or output text (ids) */
    char diag[ECSKP_DIAG_MESSAGE_SIZE + 32];
} outcome;

static outcome g_base, g_run;

static void run_case(const oom_case *c, const ecskp_allocator *alloc, outcome *o) {
    const char *text = case_text(c);
    size_t len = strlen(text);
    ecskp_diag diag;
    memset(o, 0, sizeof *o);
    diag.message[0] = '\0';
    diag.offset = ECSKP_NO_OFFSET;
    switch (c->kind) {
    case K_IDS: {
        o->out_len = 12345;
        o->status =
            ecskp_ids_normalize(text, len, 0, alloc, o->text, sizeof o->text, &o->out_len, &diag);
        o->out_is_null = 1;
        break;
    }
    case K_PARAMS: {
        static ecskp_param_set set;
        ecskp_keypair_request req = typed_request();
        req.instance_ids = NULL;
        req.instance_id_count = 0;
        req.instance_ids_json = text;
        o->status = ecskp_keypair_params(&req, &set, &diag);
        o->out_is_null = 1;
        if (o->status == ECSKP_OK)
            (void)snprintf(o->text, sizeof o->text, "%s", set.ids_json);
        break;
    }
    case K_DECODE: {
        ecskp_decode_options opt;
        memset(&opt, 0, sizeof opt);
        opt.action = c->action;
        opt.format = c->format;
        opt.http_status = c->http_status;
        opt.alloc = alloc;
        ecskp_response *resp = (ecskp_response *)&opt; /* must be overwritten */
        o->status = ecskp_decode(text, len, &opt, &resp, &diag);
        o->out_is_null = resp == NULL;
        if (resp != NULL && resp != (ecskp_response *)&opt) {
            size_t n = 0;
            if (ecskp_response_to_json(resp, o->text, sizeof o->text, &n) != ECSKP_OK)
                (void)snprintf(o->text, sizeof o->text, "(to_json failed)");
            ecskp_response_free(resp);
        }
        break;
    }
    }
    (void)snprintf(o->diag, sizeof o->diag, "%s (offset %zu)", diag.message, diag.offset);
}

/* The status a failure inside cJSON surfaces as (see the file comment). */
static ecskp_status cjson_failure_status(const oom_case *c) {
    return c->kind == K_DECODE ? ECSKP_ERR_MALFORMED_BODY : ECSKP_ERR_IDS_MALFORMED;
}

static int same_as_base(const outcome *o) {
    return o->status == g_base.status && strcmp(o->text, g_base.text) == 0;
}

typedef struct loop_stats {
    unsigned long steps;
    unsigned long oom;             /* out_of_memory */
    unsigned long cjson_mapped;    /* cJSON failure reported as the syntax error */
    unsigned long xml_absorbed;    /* libxml2 swallowed the failure; result unchanged */
    unsigned long xml_uri_mapped;  /* libxml2 reported it as an invalid namespace URI */
    unsigned long crypto_failure;  /* signing: crypto_failure */
    unsigned long crypto_absorbed; /* signing: libcrypto swallowed it; result unchanged */
} loop_stats;

static loop_stats g_stats;

static void check_step(const oom_case *c, const char *mode, unsigned long n) {
    const outcome *o = &g_run;
    if (!o->out_is_null && o->status != ECSKP_OK) {
        print_error("[%s] %s n=%lu: status %s but *out is not NULL\n", c->name, mode, n,
                    ecskp_status_name(o->status));
        fail();
    }
    if (c->kind == K_IDS && o->status != ECSKP_OK && o->out_len != 0) {
        print_error("[%s] %s n=%lu: *out_len %zu after a failure\n", c->name, mode, n, o->out_len);
        fail();
    }
    if (o->status == ECSKP_ERR_OUT_OF_MEMORY) {
        g_stats.oom++;
        return;
    }
    unsigned mask = g.failed_mask;
    if (mask == (1u << SRC_CJSON) && o->status == cjson_failure_status(c)) {
        g_stats.cjson_mapped++;
        return;
    }
    if (mask == (1u << SRC_XML) && same_as_base(o)) {
        g_stats.xml_absorbed++;
        return;
    }
    /* libxml2 2.9.14 checks each namespace name with xmlParseURI(); when that allocation fails
     * it reports the declaration as an invalid URI (XML_WAR_NS_URI at error level), which the
     * decoder refuses as malformed_body. When later allocations fail too, libxml2 cannot format
     * the message and the error arrives without one ("XML error"). */
    if (mask == (1u << SRC_XML) && o->status == ECSKP_ERR_MALFORMED_BODY &&
        strstr(case_text(c), "xmlns") != NULL &&
        (strstr(o->diag, "is not a valid URI") != NULL ||
         (g.sticky && strncmp(o->diag, "XML error (", 11) == 0))) {
        g_stats.xml_uri_mapped++;
        return;
    }
    print_error(
        "[%s] %s n=%lu: got %s: %s (want out_of_memory); failed allocations in:%s%s%s%s%s\n",
        c->name, mode, n, ecskp_status_name(o->status), o->diag,
        (mask & (1u << SRC_ECSKP)) ? " ecskp" : "", (mask & (1u << SRC_CJSON)) ? " cJSON" : "",
        (mask & (1u << SRC_XML)) ? " libxml2" : "", (mask & (1u << SRC_LIBC)) ? " libc" : "",
        (mask & (1u << SRC_CRYPTO)) ? " OpenSSL" : "");
    fail();
}

static void oom_loop(const oom_case *c, const ecskp_allocator *alloc) {
    /* Warm-up and baseline: nothing fails. */
    long before[SRC_COUNT];
    run_case(c, alloc, &g_base);
    drop_library_error_state();
    snapshot(before);
    window_open(0, 0);
    run_case(c, alloc, &g_base);
    window_close();
    check_balance(c->name, before);
    if (g_base.status != c->want) {
        print_error("[%s] baseline: got %s, want %s\n", c->name, ecskp_status_name(g_base.status),
                    ecskp_status_name(c->want));
        fail();
    }
    unsigned long needed = g.n;
#if defined(ECSKP_TEST_REPLACE_MALLOC)
    /* Everything the call allocated went through a gate: the caller's allocator, the parser
     * hooks or, with no allocator, malloc(3) called from the library's own code. Nothing was
     * allocated behind them (by the C library on the library's behalf, e.g. qsort). */
    if (!under_valgrind() && g.calls[SRC_PROCESS] != 0) {
        print_error("[%s] %lu allocation(s) outside every gate\n", c->name, g.calls[SRC_PROCESS]);
        fail();
    }
#endif
    for (int sticky = 0; sticky <= 1; sticky++) {
        const char *mode = sticky ? "Nth and later fail" : "only Nth fails";
        for (unsigned long n = 1;; n++) {
            snapshot(before);
            window_open(n, sticky);
            run_case(c, alloc, &g_run);
            window_close();
            check_balance(c->name, before);
            g_stats.steps++;
            if (g.injected == 0) {
                /* The call no longer reaches a failing allocation: it must succeed as before. */
                if (!same_as_base(&g_run)) {
                    print_error("[%s] %s n=%lu: no failure injected, yet %s differs from the "
                                "baseline\n",
                                c->name, mode, n, ecskp_status_name(g_run.status));
                    fail();
                }
                if (n != needed + 1) {
                    print_error("[%s] %s: stopped at n=%lu, baseline made %lu allocations\n",
                                c->name, mode, n, needed);
                    fail();
                }
                break;
            }
            check_step(c, mode, n);
        }
    }
}

static void test_oom_loops(void **state) {
    (void)state;
    build_generated();
    for (size_t i = 0; i < COUNT(cases); i++) {
        const oom_case *c = &cases[i];
        oom_loop(c, &gate_allocator);
#if defined(ECSKP_TEST_WRAP)
        /* No allocator: the library's own blocks come from malloc(3), which --wrap gates. */
        if (c->kind == K_DECODE)
            oom_loop(c, NULL);
#endif
    }
}

/* ================================================================== part 3: libcrypto */

#ifdef ECSKP_TEST_HAVE_CRYPTO
/* One signing call; returns its status and copies what it produced into `text`. */
static ecskp_status sign_once(int v3, char *text, size_t cap) {
    static char buf[16384];
    size_t needed = 0;
    ecskp_v1_signed s1;
    ecskp_v3_signed s3;
    ecskp_keypair_request req = typed_request();
    ecskp_status rc;
    const char *result;
    if (v3) {
        rc = ecskp_keypair_sign_v3(&req, ECSKP_METHOD_POST, "ecs.cn-hangzhou.aliyuncs.com",
                                   "testsecret", 10, buf, sizeof buf, &needed, &s3, NULL);
        result = s3.authorization;
    } else {
        rc = ecskp_keypair_sign_v1(&req, ECSKP_METHOD_POST, "testsecret", 10, buf, sizeof buf,
                                   &needed, &s1, NULL);
        result = s1.signed_query;
    }
    if (rc != ECSKP_OK && result != NULL) {
        print_error("sign %s: %s but the signed struct is not zeroed\n", v3 ? "v3" : "v1",
                    ecskp_status_name(rc));
        fail();
    }
    (void)snprintf(text, cap, "%s", result != NULL ? result : "");
    return rc;
}

static void test_crypto_oom(void **state) {
    (void)state;
    if (!ecskp_signing_available())
        skip();
    static char base[16384], got[16384];
    for (int v3 = 0; v3 < 2; v3++) {
        const char *what = v3 ? "sign v3" : "sign v1";
        assert_int_equal(sign_once(v3, base, sizeof base), ECSKP_OK);
        for (int sticky = 0; sticky <= 1; sticky++) {
            for (unsigned long n = 1;; n++) {
                long before[SRC_COUNT];
                drop_library_error_state();
                snapshot(before);
                window_open(n, sticky);
                ecskp_status rc = sign_once(v3, got, sizeof got);
                window_close();
                check_balance(what, before);
                g_stats.steps++;
                if (g.injected == 0) {
                    assert_int_equal(rc, ECSKP_OK);
                    assert_string_equal(got, base);
                    break;
                }
                if (rc == ECSKP_ERR_CRYPTO_FAILURE) {
                    g_stats.crypto_failure++;
                    continue;
                }
                /* libcrypto falls back when some of its caches cannot grow; the result must
                 * then be exactly the right one. */
                if (rc == ECSKP_OK && strcmp(got, base) == 0) {
                    g_stats.crypto_absorbed++;
                    continue;
                }
                print_error("%s n=%lu%s: got %s, want crypto_failure\n", what, n,
                            sticky ? " (sticky)" : "", ecskp_status_name(rc));
                fail();
            }
        }
    }
}
#endif

static int print_totals(void **state) {
    (void)state;
    printf("oom: %lu steps, %lu injected allocation failures; outcomes: %lu out_of_memory, "
           "%lu cJSON failures reported as the syntax error, %lu absorbed by libxml2 with an "
           "unchanged result, %lu libxml2 namespace-URI failures reported as malformed_body, %lu "
           "crypto_failure, %lu absorbed by libcrypto with an unchanged "
           "signature\n",
           g_stats.steps, g_total_injected, g_stats.oom, g_stats.cjson_mapped, g_stats.xml_absorbed,
           g_stats.xml_uri_mapped, g_stats.crypto_failure, g_stats.crypto_absorbed);
    return 0;
}

int main(void) {
    install_hooks();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gates_are_live),
        cmocka_unit_test(test_encoding_allocates_nothing),
        cmocka_unit_test(test_signing_allocates_nothing),
        cmocka_unit_test(test_oom_loops),
#ifdef ECSKP_TEST_HAVE_CRYPTO
        cmocka_unit_test(test_crypto_oom),
#endif
    };
    int failed = cmocka_run_group_tests_name("oom", tests, NULL, print_totals);
    xmlCleanupParser();
    return failed;
}
