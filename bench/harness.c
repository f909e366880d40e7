/* SPDX-License-Identifier: MIT */
/* harness.c - warm-up, calibration, interleaved timed rounds and medians. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"

volatile size_t bench_sink;

/* The thread's CPU time by default: time spent preempted by the other processes on the shared
 * machine is not counted, so a round that lost the CPU halfway is not slower for it. */
static clockid_t g_clock = CLOCK_THREAD_CPUTIME_ID;

const char *bench_use_clock(int wall) {
    struct timespec ts;
    if (wall || clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) != 0) {
        g_clock = CLOCK_MONOTONIC;
        return "monotonic";
    }
    g_clock = CLOCK_THREAD_CPUTIME_ID;
    return "thread_cputime";
}

uint64_t bench_now_ns(void) {
    struct timespec ts;
    clock_gettime(g_clock, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Runs op `iters` times; returns the elapsed nanoseconds, or 0 when op failed. */
static uint64_t timed(bench_op op, void *ctx, uint64_t iters) {
    uint64_t t0 = bench_now_ns();
    for (uint64_t i = 0; i < iters; i++)
        if (op(ctx) != 0)
            return 0;
    uint64_t t1 = bench_now_ns();
    return t1 > t0 ? t1 - t0 : 1;
}

int bench_run_plain(bench_op op, void *ctx, uint64_t iters) {
    for (uint64_t i = 0; i < iters; i++)
        if (op(ctx) != 0)
            return -1;
    return 0;
}

/* Untimed calls for about `ms` milliseconds: caches, branch predictors, the allocator's free
 * lists and the parsers' lazily built globals settle before anything is measured. */
static int warm_up(bench_op op, void *ctx, double ms) {
    uint64_t until = bench_now_ns() + (uint64_t)(ms * 1e6);
    do {
        for (int i = 0; i < 16; i++)
            if (op(ctx) != 0)
                return -1;
    } while (bench_now_ns() < until);
    return 0;
}

/* The number of calls one round needs to last about `round_ns`. Each trial is the fastest of
 * three runs, so a run that was preempted on the loaded machine does not shrink the count. */
static uint64_t calibrate(bench_op op, void *ctx, double round_ns) {
    uint64_t iters = 1;
    for (;;) {
        uint64_t t = 0;
        for (int k = 0; k < 3; k++) {
            uint64_t tk = timed(op, ctx, iters);
            if (tk == 0)
                return 0;
            if (t == 0 || tk < t)
                t = tk;
        }
        if ((double)t >= round_ns / 8 || iters >= (uint64_t)1 << 40) {
            double want = (double)iters * round_ns / (double)t;
            return want < 1 ? 1 : (uint64_t)want;
        }
        iters *= 4;
    }
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, unsigned n) {
    qsort(v, n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Allocation calls and peak live bytes of one call, after warm-up. */
static int count_one(bench_op op, void *ctx, size_t *allocs, size_t *peak) {
    bench_alloc_reset();
    int rc = op(ctx);
    bench_alloc_stats s = bench_alloc_read();
    *allocs = s.allocs;
    *peak = s.peak;
    /* A call that allocates more blocks than it frees leaks: the figures would be wrong. */
    return rc != 0 || s.blocks != 0 ? -1 : 0;
}

int bench_result_noisy(const bench_result *r) {
    double q = r->ratio / r->paired_ratio;
    return q > 1.1 || q < 1 / 1.1;
}

int bench_run_case(const bench_config *cfg, const bench_case *c, bench_result *out) {
    memset(out, 0, sizeof *out);
    if (c->op(c->ctx) != 0 || c->base_op(c->base_ctx) != 0)
        return -1;
    if (warm_up(c->op, c->ctx, cfg->warmup_ms) != 0 ||
        warm_up(c->base_op, c->base_ctx, cfg->warmup_ms) != 0)
        return -1;
    if (count_one(c->op, c->ctx, &out->allocs, &out->peak_bytes) != 0 ||
        count_one(c->base_op, c->base_ctx, &out->base_allocs, &out->base_peak_bytes) != 0)
        return -1;

    double round_ns = cfg->round_ms * 1e6;
    out->iters = calibrate(c->op, c->ctx, round_ns);
    out->base_iters = calibrate(c->base_op, c->base_ctx, round_ns);
    if (out->iters == 0 || out->base_iters == 0)
        return -1;

    unsigned n = cfg->rounds ? cfg->rounds : 1;
    double *w = calloc(n, sizeof *w);
    double *b = calloc(n, sizeof *b);
    double *p = calloc(n, sizeof *p);
    if (w == NULL || b == NULL || p == NULL) {
        free(w);
        free(b);
        free(p);
        return -1;
    }
    int rc = 0;
    for (unsigned r = 0; r < n && rc == 0; r++) {
        uint64_t tw, tb;
        if (r % 2 == 0) {
            tw = timed(c->op, c->ctx, out->iters);
            tb = timed(c->base_op, c->base_ctx, out->base_iters);
        } else {
            tb = timed(c->base_op, c->base_ctx, out->base_iters);
            tw = timed(c->op, c->ctx, out->iters);
        }
        if (tw == 0 || tb == 0)
            rc = -1;
        w[r] = (double)tw / (double)out->iters;
        b[r] = (double)tb / (double)out->base_iters;
        p[r] = w[r] / b[r];
    }
    if (rc == 0) {
        out->rounds = n;
        out->ns_per_op = median(w, n);
        out->baseline_ns_per_op = median(b, n);
        out->ratio = out->ns_per_op / out->baseline_ns_per_op;
        out->paired_ratio = median(p, n);
        /* median() sorted w and b: their first elements are the fastest rounds. */
        out->min_ratio = w[0] / b[0];
    }
    free(w);
    free(b);
    free(p);
    return rc;
}
