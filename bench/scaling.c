/* SPDX-License-Identifier: MIT */
/*
 * scaling.c - --scaling: is decoding a hostile body linear in its size?
 *
 * For every shape (shapes.c) and every size (64 KiB, 256 KiB, 1 MiB; see --cap below), one
 * cell: the body is built, decoded once with the allocation counter zeroed (outcome, peak live
 * heap) and then timed: the median of 3 to 101 runs, stopping once the runs have taken 0.5 s,
 * or right after a run that took more than 0.5 s alone. A counted call slower than 0.5 s is
 * the cell's one run (the hooks count every call, so it costs what the others would), and so
 * is the counted call in --quick. Beside it, the bare parser on a benign body of the same
 * size, measured the same way: cJSON_ParseWithLength + cJSON_Delete, or a libxml2 SAX2 parse
 * with no callbacks that pulls the body through a read callback, as the decoder has libxml2
 * do. With --cap, each shape is run a second time with every limit at its cap (the most a
 * caller can allow) at the same sizes and at the cap size, its growth measured against its
 * own 64 KiB cell. The cap-size cell runs in a child process that is ended after CAP_TIMEOUT_S
 * seconds, since a super-linear shape at 16 MiB may take hours.
 */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <libxml/parser.h>

#include "ecskp/decode.h"
#include "ecskp/version.h"

#include "bench.h"
#include "scaling.h"
#include "shapes.h"

#define MIN_RUNS 3
#define MAX_RUNS 101
#define CELL_BUDGET_NS UINT64_C(500000000) /* stop timing a cell after 0.5 s of runs */
#define SLOW_RUN_NS UINT64_C(500000000)    /* a run this slow is the last one */
#define CAP_TIMEOUT_S 60u
#define MAX_SIZES 4
#define SUPERLINEAR 2.0
#define MAX_ROWS 512

static const size_t k_sizes[] = {(size_t)64 << 10, (size_t)256 << 10, (size_t)1 << 20};
#define QUICK_SIZES 2

typedef struct call {
    const char *body;
    size_t len;
    int is_json;
    int baseline;          /* 1: the bare parser instead of ecskp_response_decode() */
    size_t max_body_bytes; /* 0: the default limits (opt.limits = NULL) */
} call;

typedef struct cell {
    size_t target;     /* the size asked for */
    size_t body_bytes; /* the body built for it (at most target) */
    size_t max_body;   /* limits.max_body_bytes in force */
    int caps;          /* 1: every limit at its cap (the --cap series) */
    char outcome[96];  /* "ok", or the status name and diag.field */
    double ns;         /* median of the timed runs */
    unsigned runs;
    size_t peak; /* peak live heap bytes of the counted call */
    int timed_out;
} cell;

typedef struct row {
    const bench_shape *shape;
    cell c;
    double ms_per_mib, growth, baseline_ns, ratio;
    double baseline_growth; /* the baseline's own growth at this size */
} row;

static xmlSAXHandler g_empty_sax;

/* ---------------------------------------------------------------- one call */

static void describe(ecskp_status rc, const ecskp_diag *d, char *out, size_t cap) {
    if (rc == ECSKP_OK)
        snprintf(out, cap, "ok");
    else
        snprintf(out, cap, "%s%s%s", ecskp_status_name(rc), d->field[0] != '\0' ? ":" : "",
                 d->field);
}

typedef struct bare_input {
    const char *body;
    size_t len, off;
} bare_input;

static int bare_read(void *ctx, char *buf, int cap) {
    bare_input *in = ctx;
    size_t k = in->len - in->off;
    if (cap <= 0)
        return 0;
    if (k > (size_t)cap)
        k = (size_t)cap;
    memcpy(buf, in->body + in->off, k);
    in->off += k;
    return (int)k;
}

/* libxml2 pulling the body through a read callback, as codec/src/decode/xml.c has it. */
static int bare_libxml2(const char *body, size_t len) {
    bare_input in = {body, len, 0};
    xmlParserCtxtPtr x =
        xmlCreateIOParserCtxt(&g_empty_sax, NULL, bare_read, NULL, &in, XML_CHAR_ENCODING_NONE);
    if (x == NULL)
        return -1;
    (void)xmlCtxtUseOptions(x, XML_PARSE_NONET);
    int rc = xmlParseDocument(x) == 0 && x->wellFormed ? 0 : -1;
    xmlFreeParserCtxt(x);
    return rc;
}

/* One call. The decoder's refusals are outcomes, not failures; a baseline that fails on its
 * benign body is one (-1). `outcome` may be NULL. */
static int run_call(const call *c, char *outcome, size_t cap) {
    if (c->baseline && c->is_json) {
        cJSON *j = cJSON_ParseWithLength(c->body, c->len);
        if (j == NULL)
            return -1;
        bench_sink += (size_t)(j->child != NULL);
        cJSON_Delete(j);
        return 0;
    }
    if (c->baseline)
        return bare_libxml2(c->body, c->len);
    /* The cap row: every limit at its cap, the most a caller can allow. */
    ecskp_limits lim;
    memset(&lim, 0, sizeof lim);
    const char *name = NULL;
    size_t cap_value = 0;
    for (size_t i = 0; c->max_body_bytes != 0 && ecskp_limit_describe(i, &name, NULL, &cap_value);
         i++)
        if (ecskp_limits_set(&lim, name, cap_value, NULL) != ECSKP_OK)
            return -1;
    ecskp_decode_options opt;
    memset(&opt, 0, sizeof opt);
    opt.action = ECSKP_ACTION_ATTACH_KEY_PAIR;
    opt.format = c->is_json ? ECSKP_FORMAT_JSON : ECSKP_FORMAT_XML;
    opt.limits = c->max_body_bytes != 0 ? &lim : NULL;
    opt.alloc = bench_counting_allocator();
    ecskp_response *r = NULL;
    ecskp_diag d;
    ecskp_status rc = ecskp_response_decode(c->body, c->len, &opt, &r, &d);
    if (outcome != NULL)
        describe(rc, &d, outcome, cap);
    bench_sink += (size_t)rc;
    ecskp_response_free(r);
    return 0;
}

/* ---------------------------------------------------------------- one cell */

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, unsigned n) {
    qsort(v, n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static int measure(const call *c, int quick, cell *out) {
    /* The counted call: outcome and peak, from a zeroed counter; also the first run. */
    bench_alloc_reset();
    uint64_t t0 = bench_now_ns();
    int rc = run_call(c, out->outcome, sizeof out->outcome);
    uint64_t t = bench_now_ns() - t0;
    /* libxml2 copies every error it reports into a process-wide record (xmlGetLastError),
     * whose strings stay allocated until the next error: free them, so that they count in
     * the call's peak but not as a leak, and every run starts from the same state. */
    xmlResetLastError();
    bench_alloc_stats s = bench_alloc_read();
    if (rc != 0 || s.blocks != 0)
        return -1; /* a failed baseline, or a call that leaked: its figures mean nothing */
    out->peak = s.peak;

    double times[MAX_RUNS];
    unsigned n = 0;
    if (quick || t > SLOW_RUN_NS) {
        times[n++] = (double)t;
    } else {
        /* The counted call was the warm-up; time the runs after it. */
        uint64_t spent = 0;
        while (n < MAX_RUNS && (n < MIN_RUNS || spent < CELL_BUDGET_NS)) {
            t0 = bench_now_ns();
            if (run_call(c, NULL, 0) != 0)
                return -1;
            t = bench_now_ns() - t0;
            xmlResetLastError();
            times[n++] = (double)t;
            spent += t;
            if (t > SLOW_RUN_NS)
                break;
        }
    }
    out->runs = n;
    out->ns = median(times, n);
    return 0;
}

/* measure() in a child process that SIGALRM ends after `timeout_s` seconds (wall clock).
 * Returns 0, 1 when it timed out, -1 on failure. */
static int measure_bounded(const call *c, int quick, cell *out, unsigned timeout_s) {
    int fds[2];
    if (pipe(fds) != 0)
        return -1;
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return -1;
    }
    if (pid == 0) {
        close(fds[0]);
        alarm(timeout_s);
        cell mine = *out;
        int ok = measure(c, quick, &mine) == 0 &&
                 write(fds[1], &mine, sizeof mine) == (ssize_t)sizeof mine;
        _exit(ok ? 0 : 1);
    }
    close(fds[1]);
    cell got;
    size_t have = 0;
    while (have < sizeof got) {
        ssize_t k = read(fds[0], (char *)&got + have, sizeof got - have);
        if (k <= 0)
            break;
        have += (size_t)k;
    }
    close(fds[0]);
    int status = 0;
    if (waitpid(pid, &status, 0) != pid)
        return -1;
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM)
        return 1;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || have != sizeof got)
        return -1;
    *out = got;
    return 0;
}

/* Builds the body of `s` for `target` bytes and measures it. */
static int run_cell(const bench_shape *s, size_t target, int baseline, size_t max_body, int bounded,
                    int quick, cell *out) {
    memset(out, 0, sizeof *out);
    out->target = target;
    out->max_body = max_body != 0 ? ECSKP_MAX_BODY_BYTES_CAP : ECSKP_DEFAULT_MAX_BODY_BYTES;
    out->caps = max_body != 0;
    size_t len = 0;
    char *body = bench_shape_body(s, target, &len);
    if (body == NULL)
        return -1;
    out->body_bytes = len;
    call c = {body, len, s->is_json, baseline, max_body};
    int rc = bounded ? measure_bounded(&c, quick, out, CAP_TIMEOUT_S) : measure(&c, quick, out);
    free(body);
    if (rc == 1)
        out->timed_out = 1;
    return rc < 0 ? -1 : 0;
}

/* ---------------------------------------------------------------- output */

static double ms_per_mib(const cell *c) {
    return c->body_bytes != 0 ? c->ns / 1e6 / ((double)c->body_bytes / 1048576.0) : 0;
}

static void print_header(void) {
    printf("%-25s %-4s %-7s %8s  %-34s %11s %8s %9s %6s %7s %10s %7s %8s %4s  %s\n", "shape", "fmt",
           "limits", "body B", "outcome", "ns", "ms/MiB", "peak B", "peak/B", "growth", "base ns",
           "b.grow", "ratio", "runs", "verdict");
}

static void print_row(const row *r, int first, const char *verdict) {
    const cell *c = &r->c;
    if (c->timed_out) {
        printf("%-25s %-4s %-7s %8zu  %-34s (not measured: more than %u s)  %s\n", r->shape->name,
               r->shape->is_json ? "JSON" : "XML", c->caps ? "caps" : "default", c->body_bytes,
               "timeout", CAP_TIMEOUT_S, verdict);
        return;
    }
    char growth[16] = "", base_growth[16] = "";
    if (!first) {
        snprintf(growth, sizeof growth, "%.2fx", r->growth);
        snprintf(base_growth, sizeof base_growth, "%.2fx", r->baseline_growth);
    }
    printf("%-25s %-4s %-7s %8zu  %-34s %11.0f %8.2f %9zu %6.2f %7s %10.0f %7s %7.2fx %4u  %s\n",
           r->shape->name, r->shape->is_json ? "JSON" : "XML", c->caps ? "caps" : "default",
           c->body_bytes, c->outcome, c->ns, r->ms_per_mib, c->peak,
           (double)c->peak / (double)c->body_bytes, growth, r->baseline_ns, base_growth, r->ratio,
           c->runs, verdict);
}

static void print_json_string(const char *s) {
    putchar('"');
    for (; *s != '\0'; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '"' || ch == '\\')
            printf("\\%c", ch);
        else if (ch < 0x20)
            printf("\\u%04x", ch);
        else
            putchar(ch);
    }
    putchar('"');
}

static void print_json(const row *r, const scaling_config *cfg) {
    const cell *c = &r->c;
    printf("{\"shape\":\"%s\",\"format\":\"%s\",\"limits\":\"%s\",\"target_bytes\":%zu,"
           "\"body_bytes\":%zu,\"max_body_bytes\":%zu,\"outcome\":",
           r->shape->name, r->shape->is_json ? "JSON" : "XML", c->caps ? "caps" : "default",
           c->target, c->body_bytes, c->max_body);
    if (c->timed_out) {
        printf("\"timeout\",\"skipped\":true,\"timeout_s\":%u", CAP_TIMEOUT_S);
    } else {
        print_json_string(c->outcome);
        printf(",\"ns\":%.1f,\"runs\":%u,\"ms_per_mib\":%.4f,\"peak_bytes\":%zu,"
               "\"peak_per_byte\":%.4f,\"growth\":%.4f,\"baseline\":\"%s\",\"baseline_ns\":%.1f,"
               "\"baseline_growth\":%.4f,\"ratio\":%.4f",
               c->ns, c->runs, r->ms_per_mib, c->peak, (double)c->peak / (double)c->body_bytes,
               r->growth, r->shape->is_json ? "cjson_parse" : "libxml2_sax_pull_no_callbacks",
               r->baseline_ns, r->baseline_growth, r->ratio);
    }
    printf(",\"mode\":\"%s\",\"clock\":\"%s\",\"version\":\"%s\"}\n", cfg->quick ? "quick" : "full",
           cfg->clock, ECSKP_VERSION_STRING);
}

/* ---------------------------------------------------------------- the run */

int bench_scaling(const scaling_config *cfg) {
    memset(&g_empty_sax, 0, sizeof g_empty_sax);
    g_empty_sax.initialized = XML_SAX2_MAGIC;
    /* libxml2 allocates its global tables on first use, and keeps them: once before anything
     * is counted, so that no cell sees them as a leak. */
    static const char warm[] = "<AttachKeyPairResponse><RequestId>r</RequestId>"
                               "</AttachKeyPairResponse>";
    call w = {warm, sizeof warm - 1, 0, 0, 0};
    char ignored[8];
    if (run_call(&w, ignored, sizeof ignored) != 0 || bare_libxml2(warm, sizeof warm - 1) != 0)
        return 1;

    size_t sizes[MAX_SIZES], nsizes = cfg->quick ? QUICK_SIZES : sizeof k_sizes / sizeof k_sizes[0];
    memcpy(sizes, k_sizes, nsizes * sizeof sizes[0]);
    size_t ncap = nsizes; /* the --cap series: the same sizes and the cap, every limit at its cap */
    if (cfg->cap != 0)
        sizes[ncap++] = cfg->cap;

    size_t nshapes = 0;
    const bench_shape *shapes = bench_shapes(&nshapes);
    static row rows[MAX_ROWS];
    size_t nrows = 0;
    cell base[2][MAX_SIZES]; /* [is_json][size]: measured when first needed */
    int have_base[2][MAX_SIZES] = {{0}};

    if (!cfg->json_only) {
        printf("ecskp-bench %s: scaling mode (%s), %s; one cell = median of %s; %s clock; load "
               "average %s\n",
               ECSKP_VERSION_STRING, cfg->quick ? "quick" : "full",
               cfg->cap != 0 ? "64 KiB to 1 MiB at the default limits, then 64 KiB to the cap with "
                               "every limit at its cap"
                             : "64 KiB to 1 MiB at the default limits",
               cfg->quick ? "1 run" : "3-101 runs, <= ~0.5 s (1 run once a run takes > 0.5 s)",
               cfg->clock, cfg->load_note);
        print_header();
    }
    int failed = 0;
    for (size_t si = 0; si < nshapes * 2 && !failed; si++) {
        const bench_shape *s = &shapes[si % nshapes];
        int caps = si >= nshapes; /* the first pass at the defaults, the second at the caps */
        if (caps && cfg->cap == 0)
            break;
        if (cfg->only != NULL && strstr(s->name, cfg->only) == NULL)
            continue;
        size_t first = nrows, n = caps ? ncap : nsizes;
        double max_growth = 0;
        for (size_t k = 0; k < n && nrows < MAX_ROWS; k++) {
            int is_cap = caps && k == n - 1;
            row *r = &rows[nrows];
            r->shape = s;
            if (run_cell(s, sizes[k], 0, caps ? cfg->cap : 0, is_cap, cfg->quick, &r->c) != 0) {
                fprintf(stderr, "bench: %s at %zu bytes: the decode failed or leaked\n", s->name,
                        sizes[k]);
                failed = 1;
                break;
            }
            nrows++;
            if (r->c.timed_out)
                continue;
            int j = s->is_json;
            if (!have_base[j][k]) {
                const bench_shape *benign = j ? &bench_benign_json : &bench_benign_xml;
                if (run_cell(benign, sizes[k], 1, 0, 0, cfg->quick, &base[j][k]) != 0) {
                    fprintf(stderr, "bench: the %s baseline failed at %zu bytes\n",
                            j ? "cJSON" : "libxml2", sizes[k]);
                    failed = 1;
                    break;
                }
                have_base[j][k] = 1;
            }
            r->ms_per_mib = ms_per_mib(&r->c);
            r->growth = rows[first].ms_per_mib > 0 ? r->ms_per_mib / rows[first].ms_per_mib : 0;
            r->baseline_ns = base[j][k].ns;
            r->baseline_growth = ms_per_mib(&base[j][k]) / ms_per_mib(&base[j][0]);
            r->ratio = r->baseline_ns > 0 ? r->c.ns / r->baseline_ns : 0;
            if (nrows - 1 > first && r->growth > max_growth)
                max_growth = r->growth;
        }
        if (cfg->json_only || nrows == first)
            continue;
        char verdict[40];
        snprintf(verdict, sizeof verdict, "max %.2fx%s", max_growth,
                 max_growth > SUPERLINEAR ? " SUPERLINEAR" : "");
        for (size_t i = first; i < nrows; i++)
            print_row(&rows[i], i == first, i + 1 == nrows ? verdict : "");
        fflush(stdout);
    }
    if (!cfg->json_only)
        printf("growth: ms/MiB at this size / ms/MiB at the first size; verdict: the largest "
               "growth, SUPERLINEAR above %.1f.\nbase ns, b.grow: the bare parser on a benign body "
               "of the same size (cJSON parse + delete; libxml2 SAX2 pull, no callbacks) and its "
               "own growth; ratio: ns / base ns; limits: default, or every limit at its cap.\n\n",
               SUPERLINEAR);
    for (size_t i = 0; i < nrows; i++)
        print_json(&rows[i], cfg);
    return failed;
}

int bench_scaling_list(void) {
    size_t n = 0;
    const bench_shape *shapes = bench_shapes(&n);
    for (size_t i = 0; i < n; i++)
        printf("%-25s %s\n", shapes[i].name, shapes[i].is_json ? "JSON" : "XML");
    return 0;
}

int bench_dump_shape(const char *name, size_t size) {
    size_t n = 0;
    const bench_shape *shapes = bench_shapes(&n), *s = NULL;
    for (size_t i = 0; i < n && s == NULL; i++)
        if (strcmp(shapes[i].name, name) == 0)
            s = &shapes[i];
    if (s == NULL && strcmp(name, bench_benign_json.name) == 0)
        s = &bench_benign_json;
    if (s == NULL && strcmp(name, bench_benign_xml.name) == 0)
        s = &bench_benign_xml;
    if (s == NULL) {
        fprintf(stderr, "bench: no shape named %s (see --scaling --list)\n", name);
        return 2;
    }
    size_t len = 0;
    char *body = bench_shape_body(s, size, &len);
    if (body == NULL)
        return 1;
    int rc = fwrite(body, 1, len, stdout) == len ? 0 : 1;
    free(body);
    return rc;
}
