/* SPDX-License-Identifier: MIT */
/*
 * test_oom.c - allocation accounting and out-of-memory safety (SQLite-style OOM loops).
 *
 * Every allocation a call can make goes through one gate in this binary:
 *   - the per-call ecskp_allocator (decode options.alloc, ids_normalize's alloc, the signers'
 *     _alloc variants, ids_check_list's alloc);
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
 * The documented requests and bodies come from vectors.h (the conformance suite's documented
 * cases, ecskp_vectors[]); the bodies and texts typed below are the ones no page documents
 * (partial successes, 50 results, access-denied details, refusals).
 *
 * Part 1 proves that request encoding, signing and the other non-allocating calls allocate
 * nothing at all (libcrypto's own allocations while signing are counted and must balance).
 *
 * Part 2 runs every allocating public call with allocation number 1, 2, 3 ... failing until
 * the call no longer reaches the failing allocation, in two modes: only the Nth fails; the
 * Nth and every later one fail. The calls: ecskp_ids_normalize, ecskp_keypair_build with
 * InstanceIds as JSON text, ecskp_response_decode on every documented body and the typed ones,
 * ecskp_keypair_sign_alloc and ecskp_request_sign_alloc on every documented signing request,
 * ecskp_json_sign, ecskp_json_query and ecskp_json_decode on every documented case of their
 * operation, ecskp_ids_check_list on whole instance lists. After each step it asserts:
 *   - the exact status: out_of_memory, except for the mappings below;
 *   - *out is NULL (no half-filled result) and *needed is 0;
 *   - nothing leaked: every gate's live-block balance is back where it was.
 * The mappings, each accepted only when the failed allocations were all cJSON's or all
 * libxml2's, and only with its exact status and diag.field:
 *   - cJSON returns NULL for a syntax error and for an allocation failure alike, so its
 *     caller reports the syntax error: malformed_body from decoding (decode.h),
 *     ids_malformed (field InstanceIds) from InstanceIds text (SECURITY.md; encode.h does not
 *     say it), and invalid_argument with diag.field "input" / "options" from the JSON
 *     documents of json.h (the library's behaviour; json.h does not document it);
 *   - libxml2 2.9.14 swallows the failure of a few optional allocations (the URI check of a
 *     namespace declaration, the copy of an error message): the call then returns exactly what
 *     it returns without the failure (same status, same normalized result), or, for the URI
 *     check, malformed_body (decode.h); every other libxml2 failure must be out_of_memory.
 * A failure in the library's own allocations must always be out_of_memory. libcrypto's
 * allocations are counted but not failed here (part 3 fails them).
 *
 * Part 3 (builds with signing) fails libcrypto's allocations while signing: typed V1 and V3,
 * the V1 signer's streaming HMAC (a StringToSign that does not fit the buffer, and the size
 * pass of the _alloc variant) and ecskp_json_sign. The status must be crypto_failure
 * (sign.h), or the exact result without the failure, and libcrypto's balance must come back.
 *
 * The number of injected failures is printed at the end (it is quoted in SECURITY.md).
 */
#include <stdlib.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlmemory.h>
#ifdef ECSKP_TEST_HAVE_CRYPTO
#include <openssl/crypto.h>
#include <openssl/err.h>
#endif

#include "ecskp_test_vectors.h"
#include "internal.h"

/* ================================================================== the gate */

enum { SRC_ECSKP, SRC_CJSON, SRC_XML, SRC_CRYPTO, SRC_LIBC, SRC_PROCESS, SRC_COUNT };
static const char *const src_names[SRC_COUNT] = {"ecskp allocator",     "cJSON hooks",
                                                 "libxml2 xmlMemSetup", "OpenSSL",
                                                 "libc (--wrap)",       "process malloc"};

/* The sources whose requests may fail; SRC_PROCESS only ever counts. */
#define ALL_SOURCES                                                                                \
    ((1u << SRC_ECSKP) | (1u << SRC_CJSON) | (1u << SRC_XML) | (1u << SRC_CRYPTO) |                \
     (1u << SRC_LIBC))
#define NOT_CRYPTO (ALL_SOURCES & ~(1u << SRC_CRYPTO))
#define ONLY_CRYPTO (1u << SRC_CRYPTO)

static struct {
    int armed;              /* a counting window is open */
    unsigned long fail_at;  /* 0: never fail */
    int sticky;             /* fail fail_at and every later request */
    unsigned fail_sources;  /* 1 << source of the sources that are numbered and may fail */
    unsigned long n;        /* allocation requests seen in the window (those sources) */
    unsigned long injected; /* failures injected in the window */
    unsigned failed_mask;   /* 1 << source of every injected failure */
    unsigned long calls[SRC_COUNT];
    long live[SRC_COUNT]; /* live blocks per source, over the whole run */
} g;

static unsigned long g_total_injected;

static void window_open(unsigned long fail_at, int sticky, unsigned sources) {
    g.fail_at = fail_at;
    g.sticky = sticky;
    g.fail_sources = sources;
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
 * the process, cmocka's included, and is only used to prove that nothing allocates); so do
 * the sources outside the window's fail_sources. */
static int gate(int src) {
    if (!g.armed)
        return 0;
    g.calls[src]++;
    if (!(g.fail_sources & (1u << src)))
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
static const ecskp_allocator gate_allocator = {
    .malloc_fn = ek_malloc, .realloc_fn = ek_realloc, .free_fn = ek_free, .ctx = NULL};

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
    cJSON_Hooks hooks = {.malloc_fn = cj_malloc, .free_fn = cj_free};
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
        window_open(0, 0, ALL_SOURCES);                                                            \
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
    window_open(0, 0, ALL_SOURCES);
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
    ecskp_test_true("gates", "open_memstream", f != NULL);
    (void)fputs("x", f);
    (void)fclose(f);
    __libc_free(mem);
#endif
    window_close();
#if defined(ECSKP_TEST_WRAP) || defined(ECSKP_TEST_REPLACE_MALLOC)
    ecskp_test_true("gates", "the library's malloc(3) is seen",
                    g.calls[SRC_LIBC] + g.calls[SRC_PROCESS] >= 1);
#endif
#if defined(ECSKP_TEST_REPLACE_MALLOC)
    if (!under_valgrind())
        ecskp_test_true("gates", "the C library's own malloc is seen", g.calls[SRC_PROCESS] >= 1);
#endif
    ecskp_test_true("gates", "cJSON's hooks are live", g.calls[SRC_CJSON] >= 1);
    ecskp_test_true("gates", "libxml2's memory functions are live", g.calls[SRC_XML] >= 1);
#ifdef ECSKP_TEST_HAVE_CRYPTO
    ecskp_test_true("gates", "OpenSSL's memory functions are live", g.calls[SRC_CRYPTO] >= 1);
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

/* ================================================================== the documented vectors */

/* A documented request in every form a caller gives it (ecskp_test_vectors.h), parsed with
 * cJSON outside every window and kept until the end: a parameter list with a signer that adds
 * nothing but the secret; for AttachKeyPair and DetachKeyPair a typed operation with the
 * common parameters in the signer; and the JSON document of ecskp_json_sign (signing areas)
 * or ecskp_json_query (encode). */
typedef struct vec_request {
    ecskp_test_vec list;
    ecskp_test_vec typed;
    const char *signature;       /* the documented signature, or NULL */
    const char *canonical_query; /* the documented canonical query, or NULL */
    char *document;
} vec_request;

static void read_request(const ecskp_vector *v, vec_request *r) {
    ecskp_test_vec_load(&r->list, v);
    ecskp_test_vec_load(&r->typed, v);
    ecskp_test_vec_commons_to_signer(&r->typed);
    r->signature = ecskp_test_vec_artifact(&r->list, "signature");
    r->canonical_query = ecskp_test_vec_artifact(&r->list, "canonical_query");
    r->document = ecskp_test_vector_document(v);
}

static void free_request(vec_request *r) {
    ecskp_test_vec_free(&r->list);
    ecskp_test_vec_free(&r->typed);
    cJSON_free(r->document);
}

/* The documented requests: every signing and encoding case of the vectors. */
static vec_request g_requests[32];
static size_t g_request_count;

static void read_requests(void) {
    g_request_count = 0;
    ECSKP_TEST_FOR_VECTORS(v, NULL) {
        if (v->request == NULL || v->error != NULL)
            continue;
        ecskp_test_true(v->name, "room for the request", g_request_count < COUNT(g_requests));
        read_request(v, &g_requests[g_request_count++]);
    }
}

static void free_requests(void) {
    while (g_request_count > 0)
        free_request(&g_requests[--g_request_count]);
    ecskp_test_kept_free();
}

static const vec_request *request_of(const char *area, int typed, ecskp_method method) {
    for (size_t i = 0; i < g_request_count; i++) {
        const vec_request *r = &g_requests[i];
        if (ecskp_test_vector_in(r->list.v, area) && r->list.typed == typed &&
            r->list.signer.method == method)
            return r;
    }
    print_error("no documented %s %s %s request\n", area, typed ? "typed" : "generic",
                ecskp_method_name(method));
    fail();
    return NULL;
}

static void test_encoding_allocates_nothing(void **state) {
    (void)state;
    const char *src = "encode.h/errors.h/decode.h: nothing here allocates";
    static const ecskp_param params[] = {{.name = "Action", .value = "AttachKeyPair"},
                                         {.name = "RegionId", .value = "cn-hangzhou"},
                                         {.name = "KeyPairName", .value = "k p!'()*~"},
                                         {.name = "InstanceIds", .value = "[\"i-a\",\"i-b\"]"},
                                         {.name = "Timestamp", .value = "2016-02-23T12:46:24Z"},
                                         {.name = "Format", .value = "XML"}};
    char buf[8192];
    size_t len = 0;
    ecskp_diag diag;
    ecskp_status rc = ECSKP_OK;
    ecskp_keypair op = ecskp_test_keypair();
    static ecskp_param_set set;

    NO_ALLOC("ecskp_query_build", 0,
             rc = ecskp_query_build(params, COUNT(params), buf, sizeof buf, &len, &diag));
    ECSKP_EXPECT_OK(src, rc, &diag);
    NO_ALLOC("ecskp_query_build (buffer_too_small)", 0,
             rc = ecskp_query_build(params, COUNT(params), buf, 4, &len, &diag));
    ECSKP_EXPECT_ERROR(src, rc, &diag, ECSKP_ERR_BUFFER_TOO_SMALL);
    NO_ALLOC("ecskp_percent_encode", 0,
             rc = ecskp_percent_encode("a b*", 4, buf, sizeof buf, &len, &diag));
    ECSKP_EXPECT_OK(src, rc, &diag);
    NO_ALLOC("ecskp_ids_build", 0,
             rc = ecskp_ids_build(ecskp_test_ids2, COUNT(ecskp_test_ids2), 0, buf, sizeof buf, &len,
                                  &diag));
    ECSKP_EXPECT_OK(src, rc, &diag);
    NO_ALLOC("ecskp_keypair_build (an array of IDs)", 0,
             rc = ecskp_keypair_build(&op, &set, &diag));
    ECSKP_EXPECT_OK(src, rc, &diag);
    NO_ALLOC("ecskp_query_build of the set", 0,
             rc = ecskp_query_build(set.params, set.count, buf, sizeof buf, &len, &diag));
    ECSKP_EXPECT_OK(src, rc, &diag);
    op.region_id = NULL;
    NO_ALLOC("ecskp_keypair_build (missing RegionId)", 0,
             rc = ecskp_keypair_build(&op, &set, &diag));
    ECSKP_EXPECT_ERROR(src, rc, &diag, ECSKP_ERR_MISSING_PARAMETER);
    NO_ALLOC("ecskp_utf8_check", 0, rc = ecskp_utf8_check("\xc3\xa9", 2, &diag));
    ECSKP_EXPECT_OK(src, rc, &diag);
    NO_ALLOC("ecskp_timestamp_check", 0, rc = ecskp_timestamp_check("2016-02-23T12:46:24Z", &diag));
    ECSKP_EXPECT_OK(src, rc, &diag);
    char ts[ECSKP_TIMESTAMP_SIZE];
    NO_ALLOC("ecskp_timestamp_format", 0,
             rc = ecskp_timestamp_format((time_t)1456231584, ts, &diag));
    ECSKP_EXPECT_OK(src, rc, &diag);
    NO_ALLOC("ecskp_clock_system", 0, rc = ecskp_clock_system(NULL, ts, &diag));
    ECSKP_EXPECT_OK(src, rc, &diag);
    char nonce[ECSKP_NONCE_SIZE];
    NO_ALLOC("ecskp_nonce_system", 0, rc = ecskp_nonce_system(NULL, nonce, &diag));
    ECSKP_EXPECT_OK(src, rc, &diag);
    const char *msg = "Specified signature is not matched with our calculation. server string to "
                      "sign is:GET&%2F&A";
    ecskp_sts_comparison cmp;
    NO_ALLOC("ecskp_sts_compare", 0,
             rc = ecskp_sts_compare(msg, strlen(msg), "GET&%2F&B", 9, &cmp, &diag));
    ECSKP_EXPECT_OK(src, rc, &diag);
    int retry = 0;
    ecskp_error_category cat = ECSKP_CATEGORY_UNKNOWN;
    NO_ALLOC("ecskp_error_classify", 0, cat = ecskp_error_classify("Throttling.User", 400, &retry));
    ecskp_test_size(src, "category", (size_t)cat, ECSKP_CATEGORY_THROTTLING);
    const ecskp_error_info *info = NULL;
    NO_ALLOC("ecskp_error_lookup / ecskp_error_at", 0,
             info = ecskp_error_lookup(ecskp_error_at(0)->code));
    ecskp_test_true(src, "lookup of entry 0", info == ecskp_error_at(0));
    ecskp_status parsed = ECSKP_OK;
    NO_ALLOC("ecskp_status_parse", 0, rc = ecskp_status_parse("out_of_memory", &parsed, &diag));
    ECSKP_EXPECT_OK(src, rc, &diag);
    ecskp_limits lim;
    memset(&lim, 0, sizeof lim);
    NO_ALLOC("ecskp_limits_set", 0, rc = ecskp_limits_set(&lim, "max_depth", 8, &diag));
    ECSKP_EXPECT_OK(src, rc, &diag);
}

/* A response to render, decoded outside the windows. */
static void test_rendering_allocates_nothing(void **state) {
    (void)state;
    const char *src = "decode.h ecskp_response_to_json: allocates nothing";
    const ecskp_vector *v = ecskp_test_vector("decode", "y_documented_attach_success_xml");
    ecskp_decode_options opt = {.action = ECSKP_ACTION_ATTACH_KEY_PAIR, .format = ECSKP_FORMAT_XML};
    ecskp_response *resp = NULL;
    ecskp_diag diag;
    ecskp_status rc = ecskp_response_decode(v->body, v->body_len, &opt, &resp, &diag);
    ECSKP_EXPECT_OK(src, rc, &diag);
    static char buf[4096];
    size_t len = 0;
    NO_ALLOC("ecskp_response_to_json", 0,
             rc = ecskp_response_to_json(resp, buf, sizeof buf, &len, &diag));
    ECSKP_EXPECT_OK(src, rc, &diag);
    ecskp_test_str(src, "normalized", buf, v->response);
    ecskp_response_free(resp);
}

static void test_signing_allocates_nothing(void **state) {
    (void)state;
    if (!ecskp_signing_available())
        skip();
    const char *src = "sign.h: nothing here allocates except the _alloc variants";
    const vec_request *doc = request_of("sign_v1", 0, ECSKP_METHOD_GET);
    static char buf[16384];
    size_t needed = 0;
    ecskp_diag diag;
    ecskp_status rc = ECSKP_OK;
    ecskp_signed out;
    ecskp_keypair op = ecskp_test_keypair();
    ecskp_signer v1 = ecskp_test_signer(ECSKP_SIGNATURE_V1),
                 v3 = ecskp_test_signer(ECSKP_SIGNATURE_V3);

    /* libcrypto builds its method tables on first use: do that outside the windows. */
    ECSKP_EXPECT_OK(src,
                    ecskp_request_sign(&doc->list.signer, &doc->list.req, buf, sizeof buf, &needed,
                                       &out, &diag),
                    &diag);
    ECSKP_EXPECT_OK(src, ecskp_keypair_sign(&v3, &op, buf, sizeof buf, &needed, &out, &diag),
                    &diag);
    /* ... and the streamed HMAC its key and method caches (EVP_PKEY, HMAC fetched once). */
    ECSKP_EXPECT_ERROR(src, ecskp_keypair_sign(&v1, &op, NULL, 0, &needed, &out, &diag), &diag,
                       ECSKP_ERR_BUFFER_TOO_SMALL);

    NO_ALLOC("ecskp_request_sign (documented V1 GET)", 1,
             rc = ecskp_request_sign(&doc->list.signer, &doc->list.req, buf, sizeof buf, &needed,
                                     &out, &diag));
    ECSKP_EXPECT_OK(src, rc, &diag);
    ecskp_test_str(doc->list.v->name, "signature", out.signature_value, doc->signature);
    NO_ALLOC("ecskp_keypair_sign (V1 POST)", 1,
             rc = ecskp_keypair_sign(&v1, &op, buf, sizeof buf, &needed, &out, &diag));
    ECSKP_EXPECT_OK(src, rc, &diag);
    NO_ALLOC("ecskp_keypair_sign (V3 POST)", 1,
             rc = ecskp_keypair_sign(&v3, &op, buf, sizeof buf, &needed, &out, &diag));
    ECSKP_EXPECT_OK(src, rc, &diag);
    /* The size query streams the StringToSign into the HMAC: still nothing of ecskp's. */
    NO_ALLOC("ecskp_keypair_sign (V1 size query, streamed)", 1,
             rc = ecskp_keypair_sign(&v1, &op, NULL, 0, &needed, &out, &diag));
    ECSKP_EXPECT_ERROR(src, rc, &diag, ECSKP_ERR_BUFFER_TOO_SMALL);
    /* A refusal before any hashing allocates nothing anywhere. */
    v1.secret_len = 0;
    NO_ALLOC("ecskp_keypair_sign (missing secret)", 0,
             rc = ecskp_keypair_sign(&v1, &op, buf, sizeof buf, &needed, &out, &diag));
    ECSKP_EXPECT_ERROR(src, rc, &diag, ECSKP_ERR_MISSING_SECRET);
}

/* ================================================================== part 2: OOM loops */

enum kind {
    K_IDS,         /* ecskp_ids_normalize */
    K_BUILD,       /* ecskp_keypair_build, InstanceIds as JSON text */
    K_DECODE,      /* ecskp_response_decode */
    K_SIGN_TYPED,  /* ecskp_keypair_sign_alloc */
    K_SIGN_LIST,   /* ecskp_request_sign_alloc */
    K_JSON_SIGN,   /* ecskp_json_sign */
    K_JSON_QUERY,  /* ecskp_json_query */
    K_JSON_DECODE, /* ecskp_json_decode */
    K_CHECK_LIST,  /* ecskp_ids_check_list */
};

typedef struct oom_case {
    const char *name;
    enum kind kind;
    ecskp_decode_options opt; /* K_DECODE; K_JSON_DECODE: the format */
    const char *vector;       /* a documented body, by its case folder */
    const char *text;         /* else this text; NULL: the generated 50-result body (or 50 IDs) */
    size_t len;
    const char *options;    /* K_JSON_DECODE: the options document */
    const vec_request *req; /* the signing and JSON-request kinds */
    unsigned flags;         /* K_IDS, K_BUILD: ECSKP_IDS_* */
    size_t list_count;      /* K_CHECK_LIST: IDs in the list */
    int repeat;             /* K_CHECK_LIST: the tenth ID from the end repeats ID 3 */
    const char *documented; /* a documented output the baseline result must hold, or NULL */
    ecskp_status want;      /* without failures */
} oom_case;

#define ATTACH ECSKP_ACTION_ATTACH_KEY_PAIR
#define DETACH ECSKP_ACTION_DETACH_KEY_PAIR
#define JSON ECSKP_FORMAT_JSON
#define XML ECSKP_FORMAT_XML

/* Bodies no page documents: partial successes, access-denied details, refusals. */
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

static const oom_case fixed_cases[] = {
    /* InstanceIds JSON text */
    {.name = "ids two", .kind = K_IDS, .text = "[\"i-m5eg7be9ndloji64jknv\", \"i-23jggx34b\"]"},
    {.name = "ids one", .kind = K_IDS, .text = "[\"AY121018033933eae8689\"]"},
    {.name = "ids not array",
     .kind = K_IDS,
     .text = "{\"a\":[\"i-a\"]}",
     .want = ECSKP_ERR_IDS_NOT_ARRAY},
    {.name = "ids duplicate",
     .kind = K_IDS,
     .text = "[\"i-a\",\"i-b\",\"i-a\"]",
     .want = ECSKP_ERR_IDS_DUPLICATE},
    {.name = "ids element",
     .kind = K_IDS,
     .text = "[\"i-a\",2]",
     .want = ECSKP_ERR_IDS_INVALID_ELEMENT},
    {.name = "ids malformed", .kind = K_IDS, .text = "[\"i-a\",", .want = ECSKP_ERR_IDS_MALFORMED},
    {.name = "ids fifty", .kind = K_IDS},
    {.name = "build ids json", .kind = K_BUILD, .text = "[\"i-a\", \"i-b\"]"},
    /* whole instance lists: 60 IDs (two requests), 120 (three), and one with a repeat. Over
     * 64 IDs glibc's qsort(3) takes a scratch buffer from malloc: an allocation outside
     * ecskp_ids_check_list's allocator. */
    {.name = "check list 60", .kind = K_CHECK_LIST, .list_count = 60},
    {.name = "check list 120", .kind = K_CHECK_LIST, .list_count = 120},
    {.name = "check list 60 repeat",
     .kind = K_CHECK_LIST,
     .list_count = 60,
     .repeat = 1,
     .want = ECSKP_ERR_IDS_DUPLICATE},
    /* successes no page documents */
    {.name = "partial success xml",
     .kind = K_DECODE,
     .opt = {.format = XML, .action = ATTACH, .http_status = 200},
     .text = partial_xml},
    {.name = "partial success json",
     .kind = K_DECODE,
     .opt = {.format = JSON, .action = ATTACH, .http_status = 200},
     .text = partial_json},
    {.name = "fifty results xml",
     .kind = K_DECODE,
     .opt = {.format = XML, .action = ATTACH, .http_status = 200}},
    {.name = "fifty results json",
     .kind = K_DECODE,
     .opt = {.format = JSON, .action = ATTACH, .http_status = 200}},
    /* API errors with details (decoded successfully as errors) */
    {.name = "access denied xml",
     .kind = K_DECODE,
     .opt = {.format = XML, .action = ATTACH, .http_status = 403},
     .text = denied_xml},
    {.name = "access denied json",
     .kind = K_DECODE,
     .opt = {.format = JSON, .action = ATTACH, .http_status = 403},
     .text = denied_json},
    {.name = "access denied 200 members json",
     .kind = K_DECODE,
     .opt = {.format = JSON, .action = ATTACH, .http_status = 403},
     .text = denied_many_json},
    /* documented bodies with another HTTP status */
    {.name = "error with 200 json",
     .kind = K_DECODE,
     .opt = {.format = JSON, .action = DETACH, .http_status = 200},
     .vector = "y_documented_detach_windows_error_json"},
    {.name = "mismatch json",
     .kind = K_DECODE,
     .opt = {.format = JSON, .action = ATTACH, .http_status = 500},
     .vector = "y_documented_attach_old_json",
     .want = ECSKP_ERR_STATUS_BODY_MISMATCH},
    /* refusals */
    {.name = "malformed xml",
     .kind = K_DECODE,
     .opt = {.format = XML, .action = ATTACH, .http_status = 200},
     .text = "<AttachKeyPairResponse><RequestId>x</Req>",
     .want = ECSKP_ERR_MALFORMED_BODY},
    {.name = "malformed json",
     .kind = K_DECODE,
     .opt = {.format = JSON, .action = ATTACH, .http_status = 200},
     .text = "{\"RequestId\": \"x\",]",
     .want = ECSKP_ERR_MALFORMED_BODY},
    {.name = "doctype xml",
     .kind = K_DECODE,
     .opt = {.format = XML, .action = ATTACH, .http_status = 200},
     .text = "<!DOCTYPE AttachKeyPairResponse [<!ENTITY e \"x\">]><AttachKeyPairResponse>"
             "<RequestId>&e;</RequestId></AttachKeyPairResponse>",
     .want = ECSKP_ERR_DTD_REFUSED},
    {.name = "wrong root xml",
     .kind = K_DECODE,
     .opt = {.format = XML, .action = ATTACH, .http_status = 200},
     .text = "<DetachKeyPairResponse><RequestId>x</RequestId></DetachKeyPairResponse>",
     .want = ECSKP_ERR_WRONG_ROOT},
    {.name = "duplicate json",
     .kind = K_DECODE,
     .opt = {.format = JSON, .action = ATTACH, .http_status = 200},
     .text = "{\"RequestId\":\"x\",\"RequestId\":\"y\"}",
     .want = ECSKP_ERR_DUPLICATE_FIELD},
    {.name = "wrong type json",
     .kind = K_DECODE,
     .opt = {.format = JSON, .action = ATTACH, .http_status = 200},
     .text = "{\"RequestId\":\"x\",\"TotalCount\":true}",
     .want = ECSKP_ERR_WRONG_TYPE},
    {.name = "inconsistent xml",
     .kind = K_DECODE,
     .opt = {.format = XML, .action = ATTACH, .http_status = 200},
     .text = "<AttachKeyPairResponse><RequestId>x</RequestId><TotalCount>3</TotalCount><Results>"
             "<Result><Success>true</Success><Code>200</Code></Result></Results>"
             "</AttachKeyPairResponse>",
     .want = ECSKP_ERR_INCONSISTENT_RESPONSE},
    {.name = "trailing xml",
     .kind = K_DECODE,
     .opt = {.format = XML, .action = ATTACH, .http_status = 200},
     .text = "<AttachKeyPairResponse><RequestId>x</RequestId></AttachKeyPairResponse><x/>",
     .want = ECSKP_ERR_TRAILING_DATA},
    {.name = "missing code xml",
     .kind = K_DECODE,
     .opt = {.format = XML, .action = ATTACH, .http_status = 400},
     .text = "<Error><RequestId>x</RequestId></Error>",
     .want = ECSKP_ERR_MISSING_FIELD},
    {.name = "json decode refused options",
     .kind = K_JSON_DECODE,
     .opt = {.format = JSON},
     .vector = "y_documented_attach_success_json",
     .options = "{\"action\":\"AttachKeyPair\",\"format\":\"json\",\"limits\":{\"max_depth\":2}}",
     .want = ECSKP_ERR_NESTING_TOO_DEEP},
};

static char list_ids[120][24];
static const char *list_ptrs[120];

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
    for (size_t i = 0; i < COUNT(list_ids); i++) {
        (void)snprintf(list_ids[i], sizeof list_ids[i], "i-bp1%015zu", i * 7919 % 1000);
        list_ptrs[i] = list_ids[i];
    }
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
        char m[32];
        (void)snprintf(m, sizeof m, "%s\"K%03d\":\"v\"", i ? "," : "", (i * 7) % 200);
        ecskp__puts(&d, m);
    }
    ecskp__puts(&d, "}}");
    const char *src = "generated bodies fit";
    ECSKP_EXPECT_OK(src, ecskp__writer_finish(&d, NULL), NULL);
    ECSKP_EXPECT_OK(src, ecskp__writer_finish(&x, NULL), NULL);
    ECSKP_EXPECT_OK(src, ecskp__writer_finish(&j, NULL), NULL);
    ECSKP_EXPECT_OK(src, ecskp__writer_finish(&ids, NULL), NULL);
}

static const char *const kind_names[] = {[K_IDS] = "ecskp_ids_normalize",
                                         [K_BUILD] = "ecskp_keypair_build",
                                         [K_DECODE] = "ecskp_response_decode",
                                         [K_SIGN_TYPED] = "ecskp_keypair_sign_alloc",
                                         [K_SIGN_LIST] = "ecskp_request_sign_alloc",
                                         [K_JSON_SIGN] = "ecskp_json_sign",
                                         [K_JSON_QUERY] = "ecskp_json_query",
                                         [K_JSON_DECODE] = "ecskp_json_decode",
                                         [K_CHECK_LIST] = "ecskp_ids_check_list"};

/* Every case: the fixed ones, then one per documented vector and entry point. */
static oom_case g_cases[160];
static size_t g_case_count;

/* A case, its body resolved: the documented vector it names (with the vector's decode options
 * when the case gives none), else its text, else the generated 50-result body or 50 IDs. */
static void add_case(oom_case c) {
    ecskp_test_true(c.name, "room for the case", g_case_count < COUNT(g_cases));
    if (c.vector != NULL) {
        const ecskp_vector *v = ecskp_test_vector(NULL, c.vector);
        c.text = v->body;
        c.len = v->body_len;
        if (c.opt.format == ECSKP_FORMAT_UNSET)
            ecskp_test_vector_decode_options(v, &c.opt);
    } else if (c.text == NULL) {
        c.text = c.kind == K_IDS ? fifty_ids : c.opt.format == XML ? fifty_xml : fifty_json;
    }
    if (c.len == 0 && c.text != NULL)
        c.len = strlen(c.text);
    g_cases[g_case_count++] = c;
}

static void add_request_cases(const vec_request *r) {
    oom_case c = {.name = r->list.v->name, .req = r, .text = r->document};
    if (ecskp_test_vector_in(r->list.v, "encode")) {
        c.kind = K_JSON_QUERY;
        c.documented = r->canonical_query;
        add_case(c);
        return;
    }
    if (!ecskp_signing_available())
        return;
    c.kind = K_JSON_SIGN;
    c.documented = r->signature;
    add_case(c);
    add_case((oom_case){.name = r->list.v->name,
                        .kind = r->list.typed ? K_SIGN_TYPED : K_SIGN_LIST,
                        .req = r,
                        .documented = r->signature});
}

/* A documented InstanceIds text (ids.json): ecskp_ids_normalize and ecskp_keypair_build. */
static void add_ids_cases(const ecskp_vector *v) {
    oom_case c = {.name = v->name,
                  .kind = K_IDS,
                  .text = v->body,
                  .len = v->body_len,
                  .flags = ecskp_test_vector_ids_flags(v),
                  .want = ecskp_test_vector_status(v),
                  .documented = ecskp_test_vector_artifact(v, "instance_ids")};
    add_case(c);
    c.kind = K_BUILD;
    add_case(c);
}

static void build_cases(void) {
    g_case_count = 0;
    for (size_t i = 0; i < COUNT(fixed_cases); i++)
        add_case(fixed_cases[i]);
    ECSKP_TEST_FOR_VECTORS(v, "ids") {
        add_ids_cases(v);
    }
    /* A documented body: ecskp_response_decode with the case's input, and ecskp_json_decode
     * with the input as its options. */
    ECSKP_TEST_FOR_VECTORS(v, "decode") {
        ecskp_status want = ecskp_test_vector_status(v);
        add_case((oom_case){.name = v->name, .kind = K_DECODE, .vector = v->name, .want = want});
        add_case((oom_case){.name = v->name,
                            .kind = K_JSON_DECODE,
                            .vector = v->name,
                            .options = v->input,
                            .want = want});
    }
    for (size_t i = 0; i < g_request_count; i++)
        add_request_cases(&g_requests[i]);
}

/* What one call gave: the status and a rendering of the result to compare runs with. */
typedef struct outcome {
    ecskp_status status;
    int out_is_null; /* *out NULL (the kinds with an *out) */
    size_t needed;   /* K_IDS: *needed */
    char text[16384];
    char field[ECSKP_DIAG_FIELD_SIZE];
    char diag[ECSKP_DIAG_MESSAGE_SIZE + 32];
} outcome;

static outcome g_base, g_run;

static void keep_signed(outcome *o, ecskp_signed *s) {
    o->out_is_null = s == NULL;
    if (s != NULL && s != (ecskp_signed *)o)
        (void)snprintf(o->text, sizeof o->text, "%s|%s|%s", s->query, s->body, s->signature_value);
    if (s != (ecskp_signed *)o)
        ecskp_signed_free(s);
}

static void keep_text(outcome *o, char *text) {
    o->out_is_null = text == NULL;
    if (text != NULL && text != (char *)o)
        (void)snprintf(o->text, sizeof o->text, "%s", text);
    if (text != (char *)o)
        ecskp_json_free(text);
}

static void run_decode(const oom_case *c, const ecskp_allocator *alloc, outcome *o,
                       ecskp_diag *diag) {
    ecskp_decode_options opt = c->opt;
    opt.alloc = alloc;
    ecskp_response *resp = (ecskp_response *)o; /* must be overwritten */
    o->status = ecskp_response_decode(c->text, c->len, &opt, &resp, diag);
    o->out_is_null = resp == NULL;
    if (resp != NULL && resp != (ecskp_response *)o) {
        size_t n = 0;
        if (ecskp_response_to_json(resp, o->text, sizeof o->text, &n, NULL) != ECSKP_OK)
            (void)snprintf(o->text, sizeof o->text, "(to_json failed)");
        ecskp_response_free(resp);
    }
}

static void run_case(const oom_case *c, const ecskp_allocator *alloc, outcome *o) {
    ecskp_diag diag;
    ecskp_diag_clear(&diag);
    memset(o, 0, sizeof *o);
    ecskp_signed *s = (ecskp_signed *)o; /* must be overwritten */
    char *text = (char *)o;              /* likewise */
    static ecskp_param_set set;
    ecskp_keypair op = ecskp_test_keypair();
    switch (c->kind) {
    case K_IDS:
        o->needed = 12345;
        o->status = ecskp_ids_normalize(c->text, c->len, c->flags, alloc, o->text, sizeof o->text,
                                        &o->needed, &diag);
        break;
    case K_BUILD:
        op.instance_ids = NULL;
        op.instance_id_count = 0;
        op.instance_ids_json = c->text;
        op.ids_flags = c->flags;
        o->status = ecskp_keypair_build(&op, &set, &diag);
        if (o->status == ECSKP_OK)
            (void)snprintf(o->text, sizeof o->text, "%s", set.ids_json);
        break;
    case K_DECODE:
        run_decode(c, alloc, o, &diag);
        break;
    case K_SIGN_TYPED:
        o->status =
            ecskp_keypair_sign_alloc(&c->req->typed.signer, &c->req->typed.op, alloc, &s, &diag);
        keep_signed(o, s);
        break;
    case K_SIGN_LIST:
        o->status =
            ecskp_request_sign_alloc(&c->req->list.signer, &c->req->list.req, alloc, &s, &diag);
        keep_signed(o, s);
        break;
    case K_JSON_SIGN:
        o->status = ecskp_json_sign(c->text, c->len, &text, &diag);
        keep_text(o, text);
        break;
    case K_JSON_QUERY:
        o->status = ecskp_json_query(c->text, c->len, &text, &diag);
        keep_text(o, text);
        break;
    case K_CHECK_LIST: {
        const char *ptrs[COUNT(list_ptrs)];
        memcpy(ptrs, list_ptrs, sizeof ptrs);
        if (c->repeat)
            ptrs[c->list_count - 10] = ptrs[3];
        o->status = ecskp_ids_check_list(ptrs, c->list_count, 0, alloc, &diag);
        if (o->status == ECSKP_ERR_IDS_DUPLICATE)
            ecskp_test_size(c->name, "diag.index of the repeat", diag.index, c->list_count - 10);
        break;
    }
    case K_JSON_DECODE:
        o->status =
            ecskp_json_decode(c->text, c->len, c->options, strlen(c->options), &text, &diag);
        keep_text(o, text);
        break;
    }
    (void)snprintf(o->field, sizeof o->field, "%s", diag.field);
    (void)snprintf(o->diag, sizeof o->diag, "%s (offset %zu)", diag.message, diag.offset);
}

static int has_out(const oom_case *c) {
    return c->kind != K_IDS && c->kind != K_BUILD && c->kind != K_CHECK_LIST;
}

/* libcrypto is failed by part 3, not here. */
static unsigned case_sources(const oom_case *c) {
    return c->kind == K_SIGN_TYPED || c->kind == K_SIGN_LIST || c->kind == K_JSON_SIGN
               ? NOT_CRYPTO
               : ALL_SOURCES;
}

static int same_as_base(const outcome *o) {
    return o->status == g_base.status && strcmp(o->text, g_base.text) == 0;
}

typedef struct loop_stats {
    unsigned long steps;
    unsigned long oom;             /* out_of_memory */
    unsigned long cjson_mapped;    /* cJSON failure reported as the syntax error (documented) */
    unsigned long cjson_json_doc;  /* cJSON failure in a json.h document: invalid_argument */
    unsigned long xml_absorbed;    /* libxml2 swallowed the failure; result unchanged */
    unsigned long xml_uri_mapped;  /* libxml2 reported it as an invalid namespace URI */
    unsigned long crypto_failure;  /* signing: crypto_failure */
    unsigned long crypto_absorbed; /* signing: libcrypto swallowed it; result unchanged */
} loop_stats;

static loop_stats g_stats;

static int is(const outcome *o, ecskp_status status, const char *field) {
    return o->status == status && strcmp(o->field, field) == 0;
}

/* A failure inside cJSON alone, reported as the syntax error it cannot be told from. */
static int cjson_mapping(const oom_case *c, const outcome *o) {
    int ids_text =
        c->kind == K_IDS || c->kind == K_BUILD ||
        (c->req != NULL && c->req->list.typed && c->req->typed.op.instance_ids_json != NULL);
    if (ids_text && is(o, ECSKP_ERR_IDS_MALFORMED, "InstanceIds")) {
        g_stats.cjson_mapped++;
        return 1;
    }
    if ((c->kind == K_DECODE || (c->kind == K_JSON_DECODE && c->opt.format == JSON)) &&
        o->status == ECSKP_ERR_MALFORMED_BODY) {
        g_stats.cjson_mapped++;
        return 1;
    }
    /* json.h does not document this one (see the file comment). */
    if (((c->kind == K_JSON_SIGN || c->kind == K_JSON_QUERY) &&
         is(o, ECSKP_ERR_INVALID_ARGUMENT, "input")) ||
        (c->kind == K_JSON_DECODE && is(o, ECSKP_ERR_INVALID_ARGUMENT, "options"))) {
        g_stats.cjson_json_doc++;
        return 1;
    }
    return 0;
}

/* libxml2 2.9.14's own mappings (decode.h, SECURITY.md). */
static int xml_mapping(const oom_case *c, const outcome *o) {
    if (same_as_base(o)) {
        g_stats.xml_absorbed++;
        return 1;
    }
    /* libxml2 checks each namespace name with xmlParseURI(); when that allocation fails it
     * reports the declaration as an invalid URI (XML_WAR_NS_URI at error level), which the
     * decoder refuses as malformed_body. When later allocations fail too, libxml2 cannot
     * format the message and the error arrives without one ("XML error"). */
    if (o->status == ECSKP_ERR_MALFORMED_BODY && strstr(c->text, "xmlns") != NULL &&
        (strstr(o->diag, "is not a valid URI") != NULL ||
         (g.sticky && strncmp(o->diag, "XML error (", 11) == 0))) {
        g_stats.xml_uri_mapped++;
        return 1;
    }
    return 0;
}

static void check_step(const oom_case *c, const char *mode, unsigned long n) {
    const outcome *o = &g_run;
    if (has_out(c) && !o->out_is_null && o->status != ECSKP_OK) {
        print_error("[%s %s] %s n=%lu: status %s but *out is not NULL\n", kind_names[c->kind],
                    c->name, mode, n, ecskp_status_name(o->status));
        fail();
    }
    if (c->kind == K_IDS && o->status != ECSKP_OK && o->needed != 0) {
        print_error("[%s %s] %s n=%lu: *needed %zu after a failure\n", kind_names[c->kind], c->name,
                    mode, n, o->needed);
        fail();
    }
    if (o->status == ECSKP_ERR_OUT_OF_MEMORY) {
        g_stats.oom++;
        return;
    }
    unsigned mask = g.failed_mask;
    if (mask == (1u << SRC_CJSON) && cjson_mapping(c, o))
        return;
    if (mask == (1u << SRC_XML) && xml_mapping(c, o))
        return;
    print_error(
        "[%s %s] %s n=%lu: got %s (field \"%s\"): %s (want out_of_memory); failed "
        "allocations in:%s%s%s%s%s\n",
        kind_names[c->kind], c->name, mode, n, ecskp_status_name(o->status), o->field, o->diag,
        (mask & (1u << SRC_ECSKP)) ? " ecskp" : "", (mask & (1u << SRC_CJSON)) ? " cJSON" : "",
        (mask & (1u << SRC_XML)) ? " libxml2" : "", (mask & (1u << SRC_LIBC)) ? " libc" : "",
        (mask & (1u << SRC_CRYPTO)) ? " OpenSSL" : "");
    fail();
}

/* The fixtures mean something: the documented cases give their documented output. */
static void check_baseline(const oom_case *c) {
    if (g_base.status != c->want) {
        print_error("[%s %s] baseline: got %s (%s), want %s\n", kind_names[c->kind], c->name,
                    ecskp_status_name(g_base.status), g_base.diag, ecskp_status_name(c->want));
        fail();
    }
    if (c->documented != NULL)
        ecskp_test_true(c->name, "the documented output is in the result",
                        strstr(g_base.text, c->documented) != NULL);
}

/* Nothing the call allocated went around the gates (the C library on the library's behalf,
 * e.g. qsort), except what libcrypto takes from the C library itself. */
static unsigned long g_ungated; /* calls that allocated outside every gate */

static void check_all_gated(const oom_case *c) {
#if defined(ECSKP_TEST_REPLACE_MALLOC)
    int crypto = case_sources(c) == NOT_CRYPTO && g.calls[SRC_CRYPTO] >= g.calls[SRC_PROCESS];
    if (!under_valgrind() && g.calls[SRC_PROCESS] != 0 && !crypto) {
        print_error("[%s %s] %lu allocation(s) outside every gate\n", kind_names[c->kind], c->name,
                    g.calls[SRC_PROCESS]);
        g_ungated++; /* reported at the end, so that every other loop still runs */
    }
#else
    (void)c;
#endif
}

static void oom_loop(const oom_case *c, const ecskp_allocator *alloc) {
    const unsigned sources = case_sources(c);
    /* Warm-up and baseline: nothing fails. */
    long before[SRC_COUNT];
    run_case(c, alloc, &g_base);
    drop_library_error_state();
    snapshot(before);
    window_open(0, 0, sources);
    run_case(c, alloc, &g_base);
    window_close();
    check_balance(c->name, before);
    check_baseline(c);
    check_all_gated(c);
    unsigned long needed = g.n;
    for (int sticky = 0; sticky <= 1; sticky++) {
        const char *mode = sticky ? "Nth and later fail" : "only Nth fails";
        for (unsigned long n = 1;; n++) {
            snapshot(before);
            window_open(n, sticky, sources);
            run_case(c, alloc, &g_run);
            window_close();
            check_balance(c->name, before);
            g_stats.steps++;
            if (g.injected == 0) {
                /* The call no longer reaches a failing allocation: it must succeed as before. */
                if (!same_as_base(&g_run)) {
                    print_error("[%s %s] %s n=%lu: no failure injected, yet %s differs from the "
                                "baseline\n",
                                kind_names[c->kind], c->name, mode, n,
                                ecskp_status_name(g_run.status));
                    fail();
                }
                ecskp_test_size(c->name, "the step where no failure is injected", n, needed + 1);
                break;
            }
            check_step(c, mode, n);
        }
    }
}

/* The kinds that take an ecskp_allocator run with the gate's and, under --wrap, with none
 * (malloc(3), which --wrap gates); the JSON entry points use malloc(3) only. */
static int takes_allocator(const oom_case *c) {
    return c->kind == K_IDS || c->kind == K_DECODE || c->kind == K_SIGN_TYPED ||
           c->kind == K_SIGN_LIST || c->kind == K_CHECK_LIST;
}

static void test_oom_loops(void **state) {
    (void)state;
    size_t per_kind[K_CHECK_LIST + 1] = {0};
    for (size_t i = 0; i < g_case_count; i++) {
        const oom_case *c = &g_cases[i];
        per_kind[c->kind]++;
        if (takes_allocator(c))
            oom_loop(c, &gate_allocator);
#if defined(ECSKP_TEST_WRAP)
        oom_loop(c, NULL);
#else
        if (!takes_allocator(c))
            oom_loop(c, NULL);
#endif
    }
    for (size_t k = 0; k < COUNT(per_kind); k++) {
        printf("oom: %zu case(s) of %s\n", per_kind[k], kind_names[k]);
        if (k == K_SIGN_TYPED || k == K_SIGN_LIST || k == K_JSON_SIGN)
            ecskp_test_true(kind_names[k], "cases (signing)",
                            per_kind[k] > 0 || !ecskp_signing_available());
        else
            ecskp_test_true(kind_names[k], "cases", per_kind[k] > 0);
    }
    ecskp_test_size("ecskp/alloc.h: the allocator is used for every allocation ecskp makes",
                    "calls that allocated outside every gate", g_ungated, 0);
}

/* ================================================================== part 3: libcrypto */

#ifdef ECSKP_TEST_HAVE_CRYPTO
enum sign_way { WAY_V1, WAY_V3, WAY_V1_STREAMED, WAY_V1_ALLOC, WAY_JSON, WAY_COUNT };
static const char *const way_names[WAY_COUNT] = {
    "keypair_sign v1", "keypair_sign v3",
    "keypair_sign v1, StringToSign longer than the buffer (streamed HMAC)",
    "keypair_sign_alloc v1 (streamed size pass, then one-shot)", "json_sign (documented v1)"};

/* A buffer that holds the canonical query but not the StringToSign after it. */
static size_t g_streamed_cap;

static ecskp_status sign_buffer(enum sign_way way, char *text, size_t cap) {
    static char buf[16384];
    size_t needed = 99;
    ecskp_signed s;
    ecskp_keypair op = ecskp_test_keypair();
    ecskp_signer signer =
        ecskp_test_signer(way == WAY_V3 ? ECSKP_SIGNATURE_V3 : ECSKP_SIGNATURE_V1);
    size_t use = way == WAY_V1_STREAMED ? g_streamed_cap : sizeof buf;
    ecskp_status rc = ecskp_keypair_sign(&signer, &op, buf, use, &needed, &s, NULL);
    if (rc != ECSKP_OK && (s.signature_value != NULL || s.query != NULL)) {
        print_error("%s: %s but the signed struct is not zeroed\n", way_names[way],
                    ecskp_status_name(rc));
        fail();
    }
    if (rc != ECSKP_OK && rc != ECSKP_ERR_BUFFER_TOO_SMALL && needed != 0) {
        print_error("%s: %s but *needed is %zu\n", way_names[way], ecskp_status_name(rc), needed);
        fail();
    }
    (void)snprintf(text, cap, "%s needed=%zu", rc == ECSKP_OK ? s.signature_value : "", needed);
    return rc;
}

/* One signing call; returns its status and copies what it produced into `text`. */
static ecskp_status sign_once(enum sign_way way, char *text, size_t cap) {
    if (way == WAY_V1 || way == WAY_V3 || way == WAY_V1_STREAMED)
        return sign_buffer(way, text, cap);
    ecskp_signed *sp = (ecskp_signed *)text;
    char *json = text;
    ecskp_status rc;
    if (way == WAY_V1_ALLOC) {
        ecskp_keypair op = ecskp_test_keypair();
        ecskp_signer signer = ecskp_test_signer(ECSKP_SIGNATURE_V1);
        rc = ecskp_keypair_sign_alloc(&signer, &op, NULL, &sp, NULL);
        json = NULL;
    } else {
        const vec_request *doc = request_of("sign_v1", 1, ECSKP_METHOD_POST);
        rc = ecskp_json_sign(doc->document, strlen(doc->document), &json, NULL);
        sp = NULL;
    }
    if (rc != ECSKP_OK && (sp != NULL || json != NULL)) {
        print_error("%s: %s but *out is not NULL\n", way_names[way], ecskp_status_name(rc));
        fail();
    }
    (void)snprintf(text, cap, "%s", sp != NULL ? sp->signature_value : json != NULL ? json : "");
    ecskp_signed_free(sp);
    ecskp_json_free(json);
    return rc;
}

static void streamed_cap(void) {
    static char buf[16384];
    size_t needed = 0;
    ecskp_signed s;
    ecskp_keypair op = ecskp_test_keypair();
    ecskp_signer signer = ecskp_test_signer(ECSKP_SIGNATURE_V1);
    ECSKP_EXPECT_OK("streamed cap",
                    ecskp_keypair_sign(&signer, &op, buf, sizeof buf, &needed, &s, NULL), NULL);
    g_streamed_cap = strlen(s.canonical_query) + 1 + strlen(s.string_to_sign) / 2;
}

/* Returns the number of crypto_failure outcomes of one way. */
static unsigned long crypto_loop(enum sign_way way) {
    static char base[16384], got[16384];
    const char *what = way_names[way];
    ecskp_status want = sign_once(way, base, sizeof base);
    ecskp_test_size(what, "baseline status", (size_t)want,
                    way == WAY_V1_STREAMED ? ECSKP_ERR_BUFFER_TOO_SMALL : ECSKP_OK);
    unsigned long failures = 0;
    for (int sticky = 0; sticky <= 1; sticky++) {
        for (unsigned long n = 1;; n++) {
            long before[SRC_COUNT];
            drop_library_error_state();
            snapshot(before);
            window_open(n, sticky, ONLY_CRYPTO);
            ecskp_status rc = sign_once(way, got, sizeof got);
            window_close();
            check_balance(what, before);
            g_stats.steps++;
            if (g.injected == 0) {
                ecskp_test_size(what, "status once nothing fails", (size_t)rc, (size_t)want);
                ecskp_test_str(what, "result once nothing fails", got, base);
                break;
            }
            if (rc == ECSKP_ERR_CRYPTO_FAILURE) {
                g_stats.crypto_failure++;
                failures++;
                continue;
            }
            /* libcrypto falls back when some of its caches cannot grow; the result must
             * then be exactly the right one. */
            if (rc == want && strcmp(got, base) == 0) {
                g_stats.crypto_absorbed++;
                continue;
            }
            print_error("%s n=%lu%s: got %s, want crypto_failure\n", what, n,
                        sticky ? " (sticky)" : "", ecskp_status_name(rc));
            fail();
        }
    }
    return failures;
}

static void test_crypto_oom(void **state) {
    (void)state;
    if (!ecskp_signing_available())
        skip();
    streamed_cap();
    for (int way = 0; way < WAY_COUNT; way++)
        ecskp_test_true(way_names[way], "libcrypto failures reached crypto_failure",
                        crypto_loop((enum sign_way)way) > 0);
}
#endif

static int setup(void **state) {
    (void)state;
    build_generated();
    read_requests();
    build_cases();
    return 0;
}

static int teardown(void **state) {
    (void)state;
    free_requests();
    printf("oom: %lu steps, %lu injected allocation failures; outcomes: %lu out_of_memory, "
           "%lu cJSON failures reported as the syntax error, %lu cJSON failures in a json.h "
           "document reported as invalid_argument, %lu absorbed by libxml2 with an unchanged "
           "result, %lu libxml2 namespace-URI failures reported as malformed_body, %lu "
           "crypto_failure, %lu absorbed by libcrypto with an unchanged signature\n",
           g_stats.steps, g_total_injected, g_stats.oom, g_stats.cjson_mapped,
           g_stats.cjson_json_doc, g_stats.xml_absorbed, g_stats.xml_uri_mapped,
           g_stats.crypto_failure, g_stats.crypto_absorbed);
    return 0;
}

int main(void) {
    install_hooks();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gates_are_live),
        cmocka_unit_test(test_encoding_allocates_nothing),
        cmocka_unit_test(test_rendering_allocates_nothing),
        cmocka_unit_test(test_signing_allocates_nothing),
        cmocka_unit_test(test_oom_loops),
#ifdef ECSKP_TEST_HAVE_CRYPTO
        cmocka_unit_test(test_crypto_oom),
#endif
    };
    int failed = cmocka_run_group_tests_name("oom", tests, setup, teardown);
    xmlCleanupParser();
    return failed;
}
