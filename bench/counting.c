/* SPDX-License-Identifier: MIT */
/*
 * counting.c - one allocation counter for everything a call allocates: the ecskp allocator,
 * cJSON's hooks, libxml2's memory functions and, in builds with libcrypto, OpenSSL's.
 *
 * Every block carries a small header with its requested size, so frees and reallocs know how
 * many bytes leave the live total. The header costs the same on both sides of a comparison
 * (decoder and bare parser go through the same hooks), and is not counted in the figures:
 * `peak` is requested bytes, not what malloc rounded them up to.
 *
 * Not thread-safe: the benchmark runs in one thread.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <libxml/xmlmemory.h>
#ifdef ECSKP_BENCH_HAVE_CRYPTO
#include <openssl/crypto.h>
#endif

#include "ecskp/alloc.h"

#include "bench.h"

typedef union block_header {
    max_align_t align;
    size_t size;
} block_header;

static bench_alloc_stats g_stats;
static int g_trace; /* print every allocation to stderr (--trace-allocs) */
static const char *g_source = "?";

/* Each hook names its source for the trace, then calls the common code. */
#define SOURCE(name) (g_source = (name))

static void note_alloc(size_t size) {
    g_stats.allocs++;
    g_stats.blocks++;
    g_stats.live += size;
    if (g_stats.live > g_stats.peak)
        g_stats.peak = g_stats.live;
}

static void note_free(size_t size) {
    g_stats.frees++;
    g_stats.blocks--;
    /* Blocks from before the last reset may be freed after it: never go below zero. */
    g_stats.live = g_stats.live >= size ? g_stats.live - size : 0;
}

static void *count_malloc(size_t size) {
    if (size > (size_t)-1 - sizeof(block_header))
        return NULL;
    block_header *h = malloc(sizeof *h + size);
    if (h == NULL)
        return NULL;
    h->size = size;
    note_alloc(size);
    if (g_trace)
        fprintf(stderr, "  %-7s malloc  %7zu  live %7zu\n", g_source, size, g_stats.live);
    return h + 1;
}

static void count_free(void *p) {
    if (p == NULL)
        return;
    block_header *h = (block_header *)p - 1;
    note_free(h->size);
    if (g_trace)
        fprintf(stderr, "  %-7s free    %7zu  live %7zu\n", g_source, h->size, g_stats.live);
    free(h);
}

static void *count_realloc(void *p, size_t size) {
    if (p == NULL)
        return count_malloc(size);
    if (size > (size_t)-1 - sizeof(block_header))
        return NULL;
    block_header *h = (block_header *)p - 1;
    size_t old = h->size;
    block_header *n = realloc(h, sizeof *n + size);
    if (n == NULL)
        return NULL;
    n->size = size;
    g_stats.allocs++;
    g_stats.live = g_stats.live >= old ? g_stats.live - old : 0;
    g_stats.live += size;
    if (g_stats.live > g_stats.peak)
        g_stats.peak = g_stats.live;
    if (g_trace)
        fprintf(stderr, "  %-7s realloc %7zu  live %7zu (was %zu)\n", g_source, size, g_stats.live,
                old);
    return n + 1;
}

static char *count_strdup(const char *s) {
    size_t n = strlen(s) + 1;
    char *d = count_malloc(n);
    if (d != NULL)
        memcpy(d, s, n);
    return d;
}

static void *cjson_malloc(size_t size) {
    SOURCE("cjson");
    return count_malloc(size);
}

static void cjson_free(void *p) {
    SOURCE("cjson");
    count_free(p);
}

static void *xml_malloc(size_t size) {
    SOURCE("libxml2");
    return count_malloc(size);
}

static void *xml_realloc(void *p, size_t size) {
    SOURCE("libxml2");
    return count_realloc(p, size);
}

static void xml_free(void *p) {
    SOURCE("libxml2");
    count_free(p);
}

/* libxml2's xmlStrdupFunc takes and returns `char *`. */
static char *xml_strdup(const char *s) {
    SOURCE("libxml2");
    return count_strdup(s);
}

static void *alloc_malloc(size_t size, void *ctx) {
    (void)ctx;
    SOURCE("ecskp");
    return count_malloc(size);
}

static void *alloc_realloc(void *p, size_t size, void *ctx) {
    (void)ctx;
    SOURCE("ecskp");
    return count_realloc(p, size);
}

static void alloc_free(void *p, void *ctx) {
    (void)ctx;
    SOURCE("ecskp");
    count_free(p);
}

static const ecskp_allocator g_allocator = {alloc_malloc, alloc_realloc, alloc_free, NULL};

#ifdef ECSKP_BENCH_HAVE_CRYPTO
static void *crypto_malloc(size_t size, const char *file, int line) {
    (void)file;
    (void)line;
    SOURCE("openssl");
    return count_malloc(size);
}

static void *crypto_realloc(void *p, size_t size, const char *file, int line) {
    (void)file;
    (void)line;
    SOURCE("openssl");
    return count_realloc(p, size);
}

static void crypto_free(void *p, const char *file, int line) {
    (void)file;
    (void)line;
    SOURCE("openssl");
    count_free(p);
}
#endif

int bench_install_counting_hooks(void) {
    cJSON_Hooks hooks = {cjson_malloc, cjson_free};
    cJSON_InitHooks(&hooks);
    if (xmlMemSetup(xml_free, xml_malloc, xml_realloc, xml_strdup) != 0)
        return -1;
#ifdef ECSKP_BENCH_HAVE_CRYPTO
    if (CRYPTO_set_mem_functions(crypto_malloc, crypto_realloc, crypto_free) != 1)
        return -1;
#endif
    return 0;
}

const ecskp_allocator *bench_counting_allocator(void) {
    return &g_allocator;
}

void bench_alloc_reset(void) {
    memset(&g_stats, 0, sizeof g_stats);
}

void bench_alloc_trace(int on) {
    g_trace = on;
}

bench_alloc_stats bench_alloc_read(void) {
    return g_stats;
}
