/* SPDX-License-Identifier: MIT */
/*
 * main.c - ecskp-bench: every workload beside its baseline, a table and one JSON line each.
 *
 *   ecskp-bench [--quick] [--rounds N] [--round-ms MS] [--only TEXT] [--json]
 *   ecskp-bench --profile NAME [--baseline] [--iters N]
 *   ecskp-bench --scaling [--quick] [--cap BYTES] [--only TEXT] [--json]
 *
 * --quick runs a few short rounds (seconds in all; CI uses it and asserts no times). --profile
 * runs one workload (or its baseline) N times untimed, for callgrind or perf. --scaling measures
 * hostile bodies of growing size instead (scaling.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ecskp/decode.h"
#include "ecskp/version.h"

#include "bench.h"
#include "bodies.h"
#include "peak_scan.h"
#include "scaling.h"
#include "workloads.h"

#define MAX_CASES 32

static void usage(FILE *to) {
    fprintf(to, "usage: ecskp-bench [--quick] [--rounds N] [--round-ms MS] [--only TEXT] [--json] "
                "[--wall]\n"
                "       ecskp-bench --profile NAME [--baseline] [--iters N | --trace-allocs]\n"
                "       ecskp-bench --list | --peak-by-size\n"
                "       ecskp-bench --dump-body NAME   (json50, xml50, json_err_imageid, ...)\n"
                "       ecskp-bench --scaling [--quick] [--cap BYTES] [--only TEXT] [--json] "
                "[--wall] [--list]\n"
                "       ecskp-bench --dump-shape NAME SIZE   (a --scaling shape, SIZE bytes at "
                "most)\n");
}

static void load_average(char *buf, size_t cap) {
    snprintf(buf, cap, "unknown");
    FILE *f = fopen("/proc/loadavg", "r");
    if (f == NULL)
        return;
    double a = 0, b = 0, c = 0;
    if (fscanf(f, "%lf %lf %lf", &a, &b, &c) == 3)
        snprintf(buf, cap, "%.2f %.2f %.2f", a, b, c);
    fclose(f);
}

static const char *verdict(double value, double target) {
    if (target == BENCH_NO_TARGET)
        return "";
    return value <= target ? "ok" : "MISS";
}

static void print_header(void) {
    printf("%-26s %10s  %-24s %10s %7s %-12s %6s %6s %8s %8s %6s %-10s\n", "workload", "ns/op",
           "baseline", "base ns/op", "ratio", "target", "allocs", "b.alc", "peak B", "body B",
           "peak/B", "p.target");
}

static void print_row(const bench_case *c, const bench_result *r) {
    char rt[16] = "", pt[16] = "";
    if (c->ratio_target != BENCH_NO_TARGET)
        snprintf(rt, sizeof rt, "<=%.1f %s", c->ratio_target, verdict(r->ratio, c->ratio_target));
    double per_body = c->body_bytes ? (double)r->peak_bytes / (double)c->body_bytes : 0;
    if (c->peak_target != BENCH_NO_TARGET)
        snprintf(pt, sizeof pt, "<=%.0f %s", c->peak_target, verdict(per_body, c->peak_target));
    printf("%-26s %10.0f  %-24s %10.0f %6.2fx%c%-11s %6zu %6zu %8zu %8zu %6.2f %-10s\n", c->name,
           r->ns_per_op, c->baseline, r->baseline_ns_per_op, r->ratio,
           bench_result_noisy(r) ? '?' : ' ', rt, r->allocs, r->base_allocs, r->peak_bytes,
           c->body_bytes, per_body, pt);
    fflush(stdout);
}

static void print_json(const bench_case *c, const bench_result *r, const bench_config *cfg) {
    printf("{\"name\":\"%s\",\"ns_per_op\":%.1f,\"baseline\":\"%s\",\"baseline_ns_per_op\":%.1f,"
           "\"ratio\":%.4f,\"paired_ratio\":%.4f,\"min_ratio\":%.4f,\"noisy\":%s,\"allocs\":%zu,"
           "\"peak_bytes\":%zu,\"body_bytes\":%zu,"
           "\"baseline_allocs\":%zu,\"baseline_peak_bytes\":%zu,",
           c->name, r->ns_per_op, c->baseline, r->baseline_ns_per_op, r->ratio, r->paired_ratio,
           r->min_ratio, bench_result_noisy(r) ? "true" : "false", r->allocs, r->peak_bytes,
           c->body_bytes, r->base_allocs, r->base_peak_bytes);
    if (c->ratio_target != BENCH_NO_TARGET)
        printf("\"ratio_target\":%.2f,", c->ratio_target);
    if (c->peak_target != BENCH_NO_TARGET)
        printf("\"peak_per_body_target\":%.2f,", c->peak_target);
    printf("\"rounds\":%u,\"iters\":%llu,\"baseline_iters\":%llu,\"mode\":\"%s\","
           "\"clock\":\"%s\",\"loadavg\":\"%s\",\"version\":\"%s\"}\n",
           r->rounds, (unsigned long long)r->iters, (unsigned long long)r->base_iters,
           cfg->quick ? "quick" : "full", cfg->clock, cfg->load_note, ECSKP_VERSION_STRING);
}

static int parse_uint(const char *s, unsigned long long *out) {
    char *end = NULL;
    if (s == NULL || *s < '0' || *s > '9')
        return -1;
    *out = strtoull(s, &end, 10);
    return *end == '\0' ? 0 : -1;
}

int main(int argc, char **argv) {
    /* Before anything allocates through cJSON, libxml2 or OpenSSL. */
    if (bench_install_counting_hooks() != 0) {
        fprintf(stderr, "bench: could not install the counting allocation hooks\n");
        return 1;
    }

    char load[64];
    load_average(load, sizeof load);
    bench_config cfg = {101, 2.0, 100.0, NULL, 0, load, NULL};
    int wall = 0;
    const char *profile = NULL, *dump = NULL;
    int profile_baseline = 0, json_only = 0, list = 0, trace = 0;
    unsigned long long profile_iters = 1000, v = 0;
    int rounds_given = 0;
    int scaling = 0;
    size_t cap = 0;
    const char *dump_shape = NULL;
    size_t dump_size = 0;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *next = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--quick") == 0) {
            cfg.quick = 1;
        } else if (strcmp(a, "--json") == 0) {
            json_only = 1;
        } else if (strcmp(a, "--list") == 0) {
            list = 1;
        } else if (strcmp(a, "--scaling") == 0) {
            scaling = 1;
        } else if (strcmp(a, "--cap") == 0 && parse_uint(next, &v) == 0 && v >= SCALING_MIN_SIZE &&
                   v <= ECSKP_MAX_BODY_BYTES_CAP) {
            cap = (size_t)v;
            i++;
        } else if (strcmp(a, "--dump-shape") == 0 && next != NULL && i + 2 < argc &&
                   parse_uint(argv[i + 2], &v) == 0 && v >= SCALING_MIN_SIZE &&
                   v <= ECSKP_MAX_BODY_BYTES_CAP) {
            dump_shape = next;
            dump_size = (size_t)v;
            i += 2;
        } else if (strcmp(a, "--peak-by-size") == 0) {
            return bench_peak_by_size() != 0;
        } else if (strcmp(a, "--wall") == 0) {
            wall = 1;
        } else if (strcmp(a, "--trace-allocs") == 0) {
            trace = 1;
        } else if (strcmp(a, "--baseline") == 0) {
            profile_baseline = 1;
        } else if (strcmp(a, "--only") == 0 && next != NULL) {
            cfg.only = next;
            i++;
        } else if (strcmp(a, "--dump-body") == 0 && next != NULL) {
            dump = next;
            i++;
        } else if (strcmp(a, "--profile") == 0 && next != NULL) {
            profile = next;
            i++;
        } else if (strcmp(a, "--rounds") == 0 && parse_uint(next, &v) == 0 && v > 0 && v < 100000) {
            cfg.rounds = (unsigned)v;
            rounds_given = 1;
            i++;
        } else if (strcmp(a, "--round-ms") == 0 && parse_uint(next, &v) == 0 && v > 0 &&
                   v < 100000) {
            cfg.round_ms = (double)v;
            i++;
        } else if (strcmp(a, "--iters") == 0 && parse_uint(next, &v) == 0 && v > 0) {
            profile_iters = v;
            i++;
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        } else {
            usage(stderr);
            return 2;
        }
    }
    cfg.clock = bench_use_clock(wall);
    if (cfg.quick) {
        if (!rounds_given)
            cfg.rounds = 5;
        cfg.round_ms = 0.5;
        cfg.warmup_ms = 5.0;
    }

    if (dump_shape != NULL)
        return bench_dump_shape(dump_shape, dump_size);
    if (cap != 0 && !scaling) {
        usage(stderr);
        return 2;
    }
    if (scaling) {
        if (list)
            return bench_scaling_list();
        scaling_config sc = {cfg.quick, json_only, cfg.only, cap, cfg.clock, load};
        return bench_scaling(&sc);
    }

    if (dump != NULL) {
        static bench_body bodies[BODY_COUNT];
        if (bench_bodies(bodies) != 0)
            return 1;
        for (int b = 0; b < BODY_COUNT; b++)
            if (strcmp(bench_body_name(b), dump) == 0)
                return fwrite(bodies[b].bytes, 1, bodies[b].len, stdout) == bodies[b].len ? 0 : 1;
        fprintf(stderr, "bench: no body named %s\n", dump);
        return 2;
    }

    static bench_case cases[MAX_CASES];
    size_t n = 0;
    int got = bench_request_cases(cases, MAX_CASES);
    if (got < 0)
        return 1;
    n += (size_t)got;
    got = bench_decode_cases(cases + n, MAX_CASES - n);
    if (got < 0)
        return 1;
    n += (size_t)got;

    if (list) {
        for (size_t i = 0; i < n; i++)
            printf("%-26s vs %-24s %s\n", cases[i].name, cases[i].baseline, cases[i].what);
        return 0;
    }

    if (profile != NULL) {
        for (size_t i = 0; i < n; i++) {
            if (strcmp(cases[i].name, profile) != 0)
                continue;
            const bench_case *c = &cases[i];
            if (trace) {
                /* One warm call, then one traced call from a zeroed counter. */
                bench_op op = profile_baseline ? c->base_op : c->op;
                void *ctx = profile_baseline ? c->base_ctx : c->ctx;
                if (op(ctx) != 0)
                    return 1;
                bench_alloc_reset();
                bench_alloc_trace(1);
                int rc = op(ctx);
                bench_alloc_trace(0);
                bench_alloc_stats st = bench_alloc_read();
                fprintf(stderr, "%s%s: %zu allocations, peak %zu bytes\n", c->name,
                        profile_baseline ? " (baseline)" : "", st.allocs, st.peak);
                return rc != 0;
            }
            int rc = profile_baseline ? bench_run_plain(c->base_op, c->base_ctx, profile_iters)
                                      : bench_run_plain(c->op, c->ctx, profile_iters);
            if (rc != 0)
                fprintf(stderr, "bench: %s failed\n", profile);
            return rc != 0;
        }
        fprintf(stderr, "bench: no workload named %s (see --list)\n", profile);
        return 2;
    }

    static bench_result results[MAX_CASES];
    static int ran[MAX_CASES];
    if (!json_only) {
        printf("ecskp-bench %s: %s mode, %u rounds of ~%.1f ms per side, median, %s clock; load "
               "average %s\n",
               ECSKP_VERSION_STRING, cfg.quick ? "quick" : "full", cfg.rounds, cfg.round_ms,
               cfg.clock, load);
        print_header();
    }
    int failed = 0;
    for (size_t i = 0; i < n; i++) {
        if (cfg.only != NULL && strstr(cases[i].name, cfg.only) == NULL)
            continue;
        if (bench_run_case(&cfg, &cases[i], &results[i]) != 0) {
            fprintf(stderr, "bench: %s: the workload or its baseline failed (or leaked)\n",
                    cases[i].name);
            failed = 1;
            continue;
        }
        ran[i] = 1;
        if (!json_only)
            print_row(&cases[i], &results[i]);
    }
    if (!json_only) {
        int noisy = 0;
        for (size_t i = 0; i < n; i++)
            noisy |= ran[i] && bench_result_noisy(&results[i]);
        if (noisy)
            printf("? the machine was too busy for this ratio: the ratio of the medians and the "
                   "median of the per-round ratios differ by more than 10%%; run again\n");
        printf("\n");
    }
    for (size_t i = 0; i < n; i++)
        if (ran[i])
            print_json(&cases[i], &results[i], &cfg);
    return failed;
}
