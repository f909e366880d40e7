/* SPDX-License-Identifier: MIT */
/*
 * bench.h - the benchmark harness: workloads measured beside their baselines in one process.
 *
 * A workload is an operation of the library (sign, canonical query, decode); its baseline is the
 * cost of the dependency that bounds it, run on the same bytes. Both are timed in interleaved
 * rounds (workload then baseline, the order swapped every round, so a burst of load on the shared
 * machine hits both sides alike) and each side's figure is the median of its rounds. The ratio is
 * computed from the two medians of the same run.
 */
#ifndef ECSKP_BENCH_H
#define ECSKP_BENCH_H

#include <stddef.h>
#include <stdint.h>

/* One operation. Returns 0 on success; anything else stops the benchmark (a workload that fails
 * measures nothing). */
typedef int (*bench_op)(void *ctx);

/* Sentinel for "no target" in bench_case. */
#define BENCH_NO_TARGET 0.0

typedef struct bench_case {
    const char *name;     /* workload name, e.g. "json50" */
    const char *what;     /* one line: what the workload does */
    bench_op op;          /* the workload */
    void *ctx;            /* its argument */
    const char *baseline; /* baseline name, e.g. "cjson_parse" */
    bench_op base_op;     /* the baseline */
    void *base_ctx;       /* its argument */
    size_t body_bytes;    /* decodes: the body; requests: the bytes produced (see README) */
    double ratio_target;  /* ns ratio the issue asks for, or BENCH_NO_TARGET */
    double peak_target;   /* peak heap / body bytes target, or BENCH_NO_TARGET */
} bench_case;

/* What one case measured. */
typedef struct bench_result {
    double ns_per_op;
    double baseline_ns_per_op;
    double ratio;        /* ns_per_op / baseline_ns_per_op */
    double paired_ratio; /* median of the per-round ratios (each round's two sides ran
                            back to back): a check on `ratio` when the load changed */
    double min_ratio;    /* fastest workload round / fastest baseline round */
    uint64_t iters;      /* operations per round, workload side */
    uint64_t base_iters; /* operations per round, baseline side */
    unsigned rounds;
    size_t allocs; /* allocation calls (malloc, realloc, strdup) of one workload call */
    size_t peak_bytes;
    size_t base_allocs;
    size_t base_peak_bytes;
} bench_result;

typedef struct bench_config {
    unsigned rounds;       /* timed rounds per case; the median is reported */
    double round_ms;       /* wall time one round of one side aims at */
    double warmup_ms;      /* untimed calls before calibration, per side */
    const char *only;      /* run only cases whose name contains this text (NULL: all) */
    int quick;             /* --quick was given (recorded in the output) */
    const char *load_note; /* e.g. the load average at start, for the output */
    const char *clock;     /* "thread_cputime" or "monotonic" */
} bench_config;

/* Counting allocation (counting.c). One process-wide counter shared by the ecskp allocator,
 * cJSON's hooks, libxml2's memory functions and OpenSSL's memory functions. */
typedef struct bench_alloc_stats {
    size_t allocs; /* malloc + realloc + strdup calls since the last reset */
    size_t frees;
    size_t live;      /* requested bytes currently allocated */
    size_t peak;      /* highest `live` since the last reset, measured from the reset */
    long long blocks; /* blocks allocated minus blocks freed since the reset (0: no leak) */
} bench_alloc_stats;

/* Installs cJSON_InitHooks, xmlMemSetup and CRYPTO_set_mem_functions. Call first thing in main,
 * before any library runs. Returns 0 on success. */
int bench_install_counting_hooks(void);
/* The allocator to pass to ecskp functions; counts into the same counter as the hooks. */
const struct ecskp_allocator *bench_counting_allocator(void);
/* Zeroes the counters (live bytes are then counted from zero: peaks are per call). */
void bench_alloc_reset(void);
bench_alloc_stats bench_alloc_read(void);
/* Prints every allocation and free, with its source (ecskp, cjson, libxml2, openssl), the
 * requested size and the live total, to stderr while on. */
void bench_alloc_trace(int on);

/* Sink that keeps the compiler from dropping results. */
extern volatile size_t bench_sink;

/* Selects the clock: the thread's CPU time (default), or with `wall` the monotonic wall clock
 * (also the fallback where there is no thread CPU clock). Returns the clock's name. */
const char *bench_use_clock(int wall);
/* Nanoseconds on the selected clock. */
uint64_t bench_now_ns(void);

/* 1 when the run was too disturbed for its ratio to mean much: the ratio of the medians and
 * the median of the paired per-round ratios differ by more than 10%. */
int bench_result_noisy(const bench_result *r);

/* Measures one case. Returns 0 on success. */
int bench_run_case(const bench_config *cfg, const bench_case *c, bench_result *out);

/* Runs `op` `iters` times without timing (for profilers). Returns 0 on success. */
int bench_run_plain(bench_op op, void *ctx, uint64_t iters);

#endif /* ECSKP_BENCH_H */
