/* SPDX-License-Identifier: MIT */
/*
 * cmd_conformance.c - `ecskp conformance`: runs the suite in-process or through an adapter
 * (one process per case, or with --persistent one process for every case), counts each case
 * as passed, failed or skipped per level, and prints the summary or the --json report.
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "adapter.h"
#include "args.h"
#include "cases.h"
#include "cli.h"
#include "common.h"
#include "help.h"
#include "report.h"
#include "spawn.h"

/* Folders below DIR that are looked into; deeper trees are not a suite. */
#define MAX_DEPTH 12

typedef struct path_list {
    char **items;
    size_t count, cap;
} path_list;

static int push(path_list *l, char *p) {
    if (l->count == l->cap) {
        size_t ncap = l->cap ? l->cap * 2 : 64;
        char **n = realloc(l->items, ncap * sizeof *n);
        if (n == NULL)
            return -1;
        l->items = n;
        l->cap = ncap;
    }
    l->items[l->count++] = p;
    return 0;
}

static int by_name(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int is_dir(const char *p) {
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static char *path_join(const char *a, const char *b) {
    size_t la = strlen(a), lb = strlen(b);
    char *p = malloc(la + lb + 2);
    if (p == NULL)
        return NULL;
    const char *sep = la > 0 && a[la - 1] != '/' ? "/" : "";
    (void)snprintf(p, la + lb + 2, "%s%s%s", a, sep, b);
    return p;
}

/* Is `dir` an area folder: named after one of the operations? */
static int is_area(const char *dir) {
    char name[256];
    case_path_tail(dir, 1, name, sizeof name);
    return case_operation_known(name);
}

/* Collects every folder holding a case.json, below and including `dir`, in name order, and
 * every folder directly inside an area folder (DIR or one directly inside it), case.json or
 * not: such a folder is a case (`in_area`: `dir` is one). */
// NOLINTNEXTLINE(misc-no-recursion): depth is capped at MAX_DEPTH (12) folders
static int walk(const char *dir, int depth, int in_area, path_list *out) {
    char *marker = path_join(dir, "case.json");
    if (marker == NULL)
        return -1;
    struct stat st;
    int is_case = in_area || (stat(marker, &st) == 0 && S_ISREG(st.st_mode));
    free(marker);
    if (is_case) {
        char *copy = strdup(dir);
        if (copy == NULL || push(out, copy) != 0) {
            free(copy);
            return -1;
        }
        return 0;
    }
    if (depth >= MAX_DEPTH)
        return 0;
    DIR *d = opendir(dir);
    if (d == NULL)
        return 0;
    path_list kids = {0};
    int rc = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (e->d_name[0] == '.')
            continue; /* ., .., and hidden folders such as .git */
        char *p = path_join(dir, e->d_name);
        if (p == NULL || (is_dir(p) ? push(&kids, p) : (free(p), 0)) != 0) {
            free(p);
            rc = -1;
            break;
        }
    }
    closedir(d);
    if (kids.count > 0)
        qsort(kids.items, kids.count, sizeof *kids.items, by_name);
    int area = depth <= 1 && is_area(dir);
    for (size_t i = 0; i < kids.count; i++) {
        if (rc == 0)
            rc = walk(kids.items[i], depth + 1, area, out);
        free(kids.items[i]);
    }
    free(kids.items);
    return rc;
}

/* The default suite: ./conformance when run from a source tree, else the installed one. */
static const char *default_dir(void) {
    struct stat st;
    if (stat("conformance/VERSION", &st) == 0 && S_ISREG(st.st_mode))
        return "conformance";
    return ECSKP_CONFORMANCE_DIR;
}

/* Is `op` (an operation or a level) named in the comma-separated list (NULL list = all)? */
static int selected(const char *list, const char *op) {
    if (list == NULL)
        return 1;
    size_t n = strlen(op);
    for (const char *p = list; *p != '\0';) {
        const char *comma = strchr(p, ',');
        size_t len = comma != NULL ? (size_t)(comma - p) : strlen(p);
        if (len == n && strncmp(p, op, n) == 0)
            return 1;
        p += len + (comma != NULL);
    }
    return 0;
}

/* Is `list` a comma-separated list of names among words[0..n) (none empty)? */
static int valid_list(const char *list, const char *const *words, size_t n) {
    for (const char *p = list;;) {
        const char *comma = strchr(p, ',');
        size_t len = comma != NULL ? (size_t)(comma - p) : strlen(p);
        int ok = 0;
        for (size_t i = 0; i < n; i++)
            ok |= strlen(words[i]) == len && strncmp(p, words[i], len) == 0;
        if (!ok)
            return 0;
        if (comma == NULL)
            return 1;
        p = comma + 1;
    }
}

/* How a run of the adapter went wrong, into `why`; 0 when it did not (one-shot: it exited with
 * status 0). `persistent`: the adapter gave no answer line, so any end of it is a failure. */
static int adapter_failed(const spawn_result *r, long timeout_ms, int persistent, char *why,
                          size_t cap) {
    char err[200];
    /* The first line of the adapter's standard error, to say why it failed. */
    size_t el = strcspn(r->err, "\n");
    cli_sanitize(r->err, el, err, sizeof err);
    const char *sep = err[0] != '\0' ? ": " : "";
    if (r->timed_out)
        (void)snprintf(why, cap, "the adapter did not answer within %ld ms and was killed",
                       timeout_ms);
    else if (r->too_much)
        (void)snprintf(why, cap, "the adapter wrote more than %zu bytes", (size_t)SPAWN_MAX_OUTPUT);
    else if (r->early)
        (void)snprintf(why, cap, "the adapter wrote to standard output before it was asked");
    else if (r->extra)
        (void)snprintf(why, cap, "the adapter wrote more than one line for one request");
    else if (r->signal != 0)
        (void)snprintf(why, cap, "the adapter was killed by signal %d%s%s", r->signal, sep, err);
    else if (persistent || !r->exited || r->exit_status != 0)
        (void)snprintf(why, cap, "the adapter exited with status %d%s%s%s", r->exit_status,
                       persistent ? " before answering" : "", sep, err);
    else
        return 0;
    return 1;
}

/* The counts of a level, or of the whole run. */
typedef struct tally {
    size_t passed, failed, skipped;
} tally;

/* The state of a run: the options, the persistent adapter, the counts and the report. */
typedef struct runner {
    const char *adapter; /* NULL: in-process */
    long timeout_ms;
    int persistent, verbose, json;
    spawn_proc proc; /* --persistent: the running adapter, if any */
    tally level[CASE_LEVELS], total;
    cJSON *cases; /* --json: the report's "cases" */
} runner;

/* Runs one case through a new adapter process. */
static case_verdict run_one_shot(const runner *x, const test_case *c, char *why, size_t cap) {
    spawn_result r;
    if (spawn_run(x->adapter, c->request, strlen(c->request), x->timeout_ms, &r) != 0) {
        (void)snprintf(why, cap, "cannot start the adapter: %s", strerror(errno));
        return CASE_FAIL;
    }
    case_verdict v = CASE_FAIL;
    if (!adapter_failed(&r, x->timeout_ms, 0, why, cap))
        v = case_compare(c, r.out, r.out_len, why, cap);
    free(r.out);
    return v;
}

/* Says on standard error how the persistent adapter ended outside a case; fails nothing. */
static void report_end(const spawn_result *r, long timeout_ms, const char *when) {
    if (r->timed_out)
        (void)fprintf(stderr,
                      "ecskp: conformance: the persistent adapter did not exit within %ld ms %s "
                      "and was killed\n",
                      timeout_ms, when);
    else if (r->signal != 0)
        (void)fprintf(stderr,
                      "ecskp: conformance: the persistent adapter was killed by signal %d %s\n",
                      r->signal, when);
    else if (r->exited && r->exit_status != 0)
        (void)fprintf(stderr,
                      "ecskp: conformance: the persistent adapter exited with status %d %s\n",
                      r->exit_status, when);
}

/* Runs one case through the persistent adapter, started first when none runs. A timeout, a
 * death, an answer that is not one JSON object, or output beyond one line per request fails
 * the case, and the adapter is killed: the next case starts a fresh one. */
static case_verdict run_persistent(runner *x, const test_case *c, char *why, size_t cap) {
    spawn_result r;
    if (spawn_ended(&x->proc, &r))
        report_end(&r, x->timeout_ms, "between two cases");
    if (x->proc.pid <= 0 && spawn_start(x->adapter, &x->proc) != 0) {
        (void)snprintf(why, cap, "cannot start the adapter: %s", strerror(errno));
        return CASE_FAIL;
    }
    size_t n = strlen(c->request);
    char *line = malloc(n + 2);
    if (line == NULL) {
        (void)snprintf(why, cap, "out of memory");
        return CASE_FAIL;
    }
    memcpy(line, c->request, n);
    line[n] = '\n';
    line[n + 1] = '\0';
    int rc = spawn_exchange(&x->proc, line, n + 1, x->timeout_ms, &r);
    free(line);
    if (rc != 0) {
        if (!adapter_failed(&r, x->timeout_ms, 1, why, cap))
            (void)snprintf(why, cap, "the adapter gave no answer");
        return CASE_FAIL;
    }
    case_verdict v = case_compare(c, r.out, r.out_len, why, cap);
    free(r.out);
    if (v == CASE_GARBLED)
        spawn_stop(&x->proc);
    return v;
}

static case_verdict run_in_process(const test_case *c, char *why, size_t cap) {
    char *answer = NULL;
    if (adapter_answer(c->request, strlen(c->request), &answer) != 0) {
        (void)snprintf(why, cap, "out of memory");
        return CASE_FAIL;
    }
    case_verdict v = case_compare(c, answer, strlen(answer), why, cap);
    free(answer);
    return v;
}

/* The case's name: `<area>/<case folder>`, printable. */
static void case_name(const char *path, char *out, size_t cap) {
    char name[1024];
    case_path_tail(path, 2, name, sizeof name);
    cli_sanitize(name, strlen(name), out, cap);
}

/* --timeout in milliseconds, or -1 when it is not whole seconds from 1 to 3600. */
static long timeout_option(const char *timeout) {
    char *end = NULL;
    long s = strtol(timeout, &end, 10);
    if (end == timeout || *end != '\0' || s < 1 || s > 3600)
        return -1;
    return s * 1000;
}

/* The suite's version: the VERSION file of DIR, or of the folder above it or the one above
 * that (DIR may be an area or a case folder); "" when none is found. */
static void suite_version(const char *root, char *line, size_t cap) {
    static const char *const up[] = {"VERSION", "../VERSION", "../../VERSION"};
    line[0] = '\0';
    for (size_t i = 0; i < sizeof up / sizeof up[0] && line[0] == '\0'; i++) {
        char *vp = path_join(root, up[i]);
        FILE *f = vp != NULL ? fopen(vp, "r") : NULL;
        free(vp);
        if (f == NULL)
            continue;
        char text[64];
        if (fgets(text, sizeof text, f) != NULL) {
            text[strcspn(text, "\r\n")] = '\0';
            cli_sanitize(text, strlen(text), line, cap);
        }
        (void)fclose(f);
    }
}

/* --verbose: the suite's version, how many case folders, and how they run. */
static void print_suite(const char *root, size_t count, const runner *x) {
    char version[64];
    suite_version(root, version, sizeof version);
    printf("suite %s: %zu case folders in %s, %s\n", version[0] != '\0' ? version : "unknown",
           count, root,
           x->adapter == NULL ? "in-process"
           : x->persistent    ? "through the persistent adapter"
                              : "through the adapter");
}

static cJSON *counts(const tally *t) {
    cJSON *o = cJSON_CreateObject();
    if (o == NULL || cJSON_AddNumberToObject(o, "passed", (double)t->passed) == NULL ||
        cJSON_AddNumberToObject(o, "failed", (double)t->failed) == NULL ||
        cJSON_AddNumberToObject(o, "skipped", (double)t->skipped) == NULL) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

static int any(const tally *t) {
    return t->passed + t->failed + t->skipped > 0;
}

/* Adds the case to the report; 0, or -1 when out of memory. */
static int report_case(runner *x, const char *name, const test_case *c, case_verdict v,
                       const char *why) {
    static const char *const results[] = {"fail", "pass", "skip", "fail"};
    cJSON *o = cJSON_CreateObject();
    if (o == NULL || !cJSON_AddItemToArray(x->cases, o)) {
        cJSON_Delete(o);
        return -1;
    }
    int ok = cJSON_AddStringToObject(o, "case", name) != NULL;
    ok = ok && (c->operation[0] != '\0' ? cJSON_AddStringToObject(o, "operation", c->operation)
                                        : cJSON_AddNullToObject(o, "operation")) != NULL;
    ok = ok && (c->level[0] != '\0' ? cJSON_AddStringToObject(o, "level", c->level)
                                    : cJSON_AddNullToObject(o, "level")) != NULL;
    ok = ok && cJSON_AddStringToObject(o, "result", results[v]) != NULL;
    if (ok && v != CASE_PASS) {
        char shown[1100];
        cli_sanitize(why, strlen(why), shown, sizeof shown);
        ok = cJSON_AddStringToObject(o, "why", shown) != NULL;
    }
    return ok ? 0 : -1;
}

/* Counts the case and prints its line (or adds it to the report). */
static int record(runner *x, const char *name, const test_case *c, case_verdict v, const char *why,
                  int bad) {
    int l = c->level[0] != '\0' ? case_level_index(c->level) : -1;
    tally *t[2] = {&x->total, l >= 0 ? &x->level[l] : NULL};
    for (size_t i = 0; i < 2; i++) {
        if (t[i] == NULL)
            continue;
        t[i]->passed += v == CASE_PASS;
        t[i]->skipped += v == CASE_SKIP;
        t[i]->failed += v == CASE_FAIL || v == CASE_GARBLED;
    }
    if (x->json)
        return report_case(x, name, c, v, why);
    if (v == CASE_PASS && x->verbose)
        printf("ok   %s\n", name);
    else if (v == CASE_SKIP && x->verbose)
        printf("SKIP %s: %s\n", name, why);
    else if (v == CASE_FAIL || v == CASE_GARBLED)
        printf("FAIL %s: %s%s\n", name, bad ? "bad case: " : "", why);
    (void)fflush(stdout);
    return 0;
}

/* The summary: one line per level that ran, then the total; or the --json report. Returns 0,
 * -1 when out of memory, or -2 when it could not be written (already said). */
static int summary(runner *x, const char *root) {
    if (!x->json) {
        for (int l = 0; l < CASE_LEVELS; l++)
            if (any(&x->level[l]))
                printf("%s: %zu passed, %zu failed, %zu skipped\n", case_levels[l],
                       x->level[l].passed, x->level[l].failed, x->level[l].skipped);
        printf("%zu passed, %zu failed, %zu skipped\n", x->total.passed, x->total.failed,
               x->total.skipped);
        return 0;
    }
    char version[64];
    suite_version(root, version, sizeof version);
    cJSON *o = cJSON_CreateObject(), *levels = cJSON_CreateObject(), *total = counts(&x->total);
    int ok = o != NULL && levels != NULL && total != NULL;
    ok = ok && (version[0] != '\0' ? cJSON_AddStringToObject(o, "suite", version)
                                   : cJSON_AddNullToObject(o, "suite")) != NULL;
    ok = ok && (x->adapter != NULL ? cJSON_AddStringToObject(o, "adapter", x->adapter)
                                   : cJSON_AddNullToObject(o, "adapter")) != NULL;
    for (int l = 0; ok && l < CASE_LEVELS; l++) {
        cJSON *n = any(&x->level[l]) ? counts(&x->level[l]) : NULL;
        if (any(&x->level[l]) && (n == NULL || !cJSON_AddItemToObject(levels, case_levels[l], n))) {
            cJSON_Delete(n);
            ok = 0;
        }
    }
    ok = ok && cJSON_AddItemToObject(o, "levels", levels);
    if (!ok)
        cJSON_Delete(levels);
    ok = ok && cJSON_AddItemToObject(o, "total", total);
    if (!ok)
        cJSON_Delete(total);
    ok = ok && cJSON_AddItemToObject(o, "cases", x->cases);
    if (ok)
        x->cases = NULL;
    char *text = ok ? cJSON_PrintUnformatted(o) : NULL;
    cJSON_Delete(o);
    if (text == NULL)
        return -1;
    int rc = cli_emit(text) == CLI_EXIT_ACCEPTED ? 0 : -2;
    free(text);
    return rc;
}

/* The options that need no more than a look: 1 when they are valid, else 0 (said). */
static int options_valid(const char *adapter, int persistent, const char *only,
                         const char *levels) {
    static const char *const ops[] = {"encode", "sign_v1", "sign_v3", "ids", "decode"};
    if (adapter != NULL && adapter[0] == '\0') {
        cli_usage("conformance", "--adapter needs a command, e.g. --adapter 'ecskp adapter'");
        return 0;
    }
    if (persistent && adapter == NULL) {
        cli_usage("conformance", "--persistent needs --adapter 'CMD' (the in-process run has no "
                                 "adapter process)");
        return 0;
    }
    if (only != NULL && !valid_list(only, ops, sizeof ops / sizeof ops[0])) {
        cli_usage("conformance",
                  "--only takes a comma-separated list of encode, sign_v1, sign_v3, ids, decode");
        return 0;
    }
    if (levels != NULL && !valid_list(levels, case_levels, CASE_LEVELS)) {
        cli_usage("conformance", "--level takes a comma-separated list of protocol, client, ecskp");
        return 0;
    }
    return 1;
}

/* Loads, runs and counts every case folder of `cases` (freeing the list) that --only and
 * --level choose, unless out of memory (`oom`), then ends the persistent adapter. Returns 1
 * when out of memory, else 0. */
static int run_cases(runner *x, path_list *cases, const char *only, const char *levels, int oom) {
    for (size_t i = 0; i < cases->count; i++) {
        char why[1024];
        test_case c;
        int bad = case_load(cases->items[i], &c, why, sizeof why) != 0;
        /* Cases of the operations and levels not asked for are neither run nor counted; a case
         * whose operation or level is not known counts as failed. */
        int chosen = (c.operation[0] == '\0' || selected(only, c.operation)) &&
                     (c.level[0] == '\0' || selected(levels, c.level));
        if (chosen && !oom) {
            char name[512];
            case_verdict v = CASE_FAIL;
            if (!bad)
                v = x->adapter == NULL ? run_in_process(&c, why, sizeof why)
                    : x->persistent    ? run_persistent(x, &c, why, sizeof why)
                                       : run_one_shot(x, &c, why, sizeof why);
            case_name(cases->items[i], name, sizeof name);
            oom = record(x, name, &c, v, why, bad) != 0;
        }
        case_free(&c);
        free(cases->items[i]);
    }
    free(cases->items);
    cases->items = NULL;
    cases->count = 0;
    if (x->proc.pid > 0) {
        spawn_result r;
        spawn_finish(&x->proc, x->timeout_ms, &r);
        report_end(&r, x->timeout_ms, "after its input closed");
    }
    return oom;
}

int cmd_conformance(int argc, char **argv) {
    const char *adapter = NULL, *timeout = NULL, *only = NULL, *levels = NULL;
    int verbose = 0, json = 0, persistent = 0;
    const cli_option opts[] = {
        {"adapter", 1, &adapter, NULL},
        {"timeout", 1, &timeout, NULL},
        {"only", 1, &only, NULL},
        {"level", 1, &levels, NULL},
        {"persistent", 0, NULL, &persistent},
        {"json", 0, NULL, &json},
        {"verbose", 0, NULL, &verbose},
    };
    const char *file;
    int rc =
        cli_command_line("conformance", argc, argv, opts, sizeof opts / sizeof opts[0], 1, &file);
    if (rc != CLI_GO_ON)
        return rc;
    long timeout_ms = 10000;
    if (timeout != NULL && (timeout_ms = timeout_option(timeout)) < 0) {
        cli_usage("conformance", "--timeout takes whole seconds from 1 to 3600");
        return CLI_EXIT_USAGE;
    }
    if (!options_valid(adapter, persistent, only, levels))
        return CLI_EXIT_USAGE;
    const char *root = file != NULL ? file : default_dir();
    if (!is_dir(root)) {
        cli_usage("conformance", "'%s' is not a folder; give the suite folder (conformance/)",
                  root);
        return CLI_EXIT_USAGE;
    }
    /* A dead adapter must fail its case, not end the runner. */
    (void)signal(SIGPIPE, SIG_IGN);

    path_list cases = {0};
    if (walk(root, 0, 0, &cases) != 0) {
        (void)fprintf(stderr, "ecskp: out_of_memory: walking %s; free some memory\n", root);
        return CLI_EXIT_REFUSED;
    }
    runner x;
    memset(&x, 0, sizeof x);
    x.adapter = adapter;
    x.timeout_ms = timeout_ms;
    x.persistent = persistent;
    x.verbose = verbose;
    x.json = json;
    spawn_proc_init(&x.proc);
    int oom = json && (x.cases = cJSON_CreateArray()) == NULL;
    if (verbose && !json)
        print_suite(root, cases.count, &x);
    oom = run_cases(&x, &cases, only, levels, oom);
    int written = oom ? -1 : summary(&x, root);
    cJSON_Delete(x.cases);
    if (written == -1)
        (void)fprintf(stderr, "ecskp: out_of_memory: the report does not fit; free some memory\n");
    if (written != 0)
        return CLI_EXIT_REFUSED;
    if (x.total.passed == 0 && x.total.failed == 0)
        (void)fprintf(stderr, "ecskp: conformance: %s in %s; give the suite folder\n",
                      x.total.skipped > 0 ? "every case that ran was skipped" : "no case ran",
                      root);
    return x.total.failed == 0 && x.total.passed > 0 ? CLI_EXIT_ACCEPTED : CLI_EXIT_REFUSED;
}
