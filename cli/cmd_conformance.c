/* SPDX-License-Identifier: MIT */
/* cmd_conformance.c - `ecskp conformance`: runs the suite in-process or through an adapter. */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
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

/* Collects every folder holding a case.json, below and including `dir`, in name order. */
// NOLINTNEXTLINE(misc-no-recursion): depth is capped at MAX_DEPTH (12) folders
static int walk(const char *dir, int depth, path_list *out) {
    char *marker = path_join(dir, "case.json");
    if (marker == NULL)
        return -1;
    struct stat st;
    int is_case = stat(marker, &st) == 0 && S_ISREG(st.st_mode);
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
    for (size_t i = 0; i < kids.count; i++) {
        if (rc == 0)
            rc = walk(kids.items[i], depth + 1, out);
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

/* Is `op` named in the comma-separated list (NULL list = every operation)? */
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

static int valid_only_list(const char *list) {
    static const char *const ops[] = {"encode", "sign_v1", "sign_v3", "ids", "decode"};
    for (const char *p = list; *p != '\0';) {
        const char *comma = strchr(p, ',');
        size_t len = comma != NULL ? (size_t)(comma - p) : strlen(p);
        int ok = 0;
        for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
            ok |= strlen(ops[i]) == len && strncmp(p, ops[i], len) == 0;
        if (!ok)
            return 0;
        p += len + (comma != NULL);
    }
    return list[0] != '\0';
}

/* Runs one case through the adapter command; returns 1 (pass) or 0 (why filled). */
static int run_external(const char *cmd, long timeout_ms, const test_case *c, char *why,
                        size_t cap) {
    spawn_result r;
    if (spawn_run(cmd, c->request, strlen(c->request), timeout_ms, &r) != 0) {
        (void)snprintf(why, cap, "cannot start the adapter: %s", strerror(errno));
        return 0;
    }
    int ok = 0;
    char err[200];
    /* The first line of the adapter's standard error, to say why it failed. */
    size_t el = strcspn(r.err, "\n");
    cli_sanitize(r.err, el, err, sizeof err);
    if (r.timed_out)
        (void)snprintf(why, cap, "the adapter did not answer within %ld ms and was killed",
                       timeout_ms);
    else if (r.too_much)
        (void)snprintf(why, cap, "the adapter wrote more than %zu bytes", (size_t)SPAWN_MAX_OUTPUT);
    else if (r.signal != 0)
        (void)snprintf(why, cap, "the adapter was killed by signal %d%s%s", r.signal,
                       err[0] ? ": " : "", err);
    else if (!r.exited || r.exit_status != 0)
        (void)snprintf(why, cap, "the adapter exited with status %d%s%s", r.exit_status,
                       err[0] ? ": " : "", err);
    else
        ok = case_compare(c, r.out, r.out_len, why, cap);
    free(r.out);
    return ok;
}

static int run_in_process(const test_case *c, char *why, size_t cap) {
    char *answer = NULL;
    if (adapter_answer(c->request, strlen(c->request), &answer) != 0) {
        (void)snprintf(why, cap, "out of memory");
        return 0;
    }
    int ok = case_compare(c, answer, strlen(answer), why, cap);
    free(answer);
    return ok;
}

/* The case's name as printed: its path relative to the suite folder. */
static const char *relative(const char *root, const char *path) {
    size_t n = strlen(root);
    if (strncmp(path, root, n) == 0) {
        path += n;
        while (*path == '/')
            path++;
    }
    /* The suite folder is itself the case: name it by its path. */
    return *path != '\0' ? path : root;
}

/* --timeout in milliseconds, or -1 when it is not whole seconds from 1 to 3600. */
static long timeout_option(const char *timeout) {
    char *end = NULL;
    long s = strtol(timeout, &end, 10);
    if (end == timeout || *end != '\0' || s < 1 || s > 3600)
        return -1;
    return s * 1000;
}

/* --verbose: the suite's version, how many case folders, and how they run. */
static void print_suite(const char *root, size_t count, const char *adapter) {
    char *vp = path_join(root, "VERSION");
    FILE *f = vp != NULL ? fopen(vp, "r") : NULL;
    char line[64] = "unknown";
    if (f != NULL) {
        if (fgets(line, sizeof line, f) == NULL)
            (void)snprintf(line, sizeof line, "unknown");
        line[strcspn(line, "\r\n")] = '\0';
        (void)fclose(f);
    }
    free(vp);
    printf("suite %s: %zu case folders in %s, %s\n", line, count, root,
           adapter != NULL ? "through the adapter" : "in-process");
}

int cmd_conformance(int argc, char **argv) {
    const char *adapter = NULL, *timeout = NULL, *only = NULL;
    int verbose = 0;
    const cli_option opts[] = {
        {"adapter", 1, &adapter, NULL},
        {"timeout", 1, &timeout, NULL},
        {"only", 1, &only, NULL},
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
    if (adapter != NULL && adapter[0] == '\0') {
        cli_usage("conformance", "--adapter needs a command, e.g. --adapter 'ecskp adapter'");
        return CLI_EXIT_USAGE;
    }
    if (only != NULL && !valid_only_list(only)) {
        cli_usage("conformance",
                  "--only takes a comma-separated list of encode, sign_v1, sign_v3, ids, decode");
        return CLI_EXIT_USAGE;
    }
    const char *root = file != NULL ? file : default_dir();
    if (!is_dir(root)) {
        cli_usage("conformance", "'%s' is not a folder; give the suite folder (conformance/)",
                  root);
        return CLI_EXIT_USAGE;
    }
    /* A dead adapter must fail its case, not end the runner. */
    (void)signal(SIGPIPE, SIG_IGN);

    path_list cases = {0};
    if (walk(root, 0, &cases) != 0) {
        (void)fprintf(stderr, "ecskp: out_of_memory: walking %s; free some memory\n", root);
        return CLI_EXIT_REFUSED;
    }
    if (verbose)
        print_suite(root, cases.count, adapter);
    size_t passed = 0, failed = 0;
    for (size_t i = 0; i < cases.count; i++) {
        const char *name = relative(root, cases.items[i]);
        char why[1024];
        test_case c;
        if (case_load(cases.items[i], &c, why, sizeof why) != 0) {
            printf("FAIL %s: bad case: %s\n", name, why);
            failed++;
        } else if (selected(only, c.operation)) {
            int ok = adapter != NULL ? run_external(adapter, timeout_ms, &c, why, sizeof why)
                                     : run_in_process(&c, why, sizeof why);
            if (ok) {
                passed++;
                if (verbose)
                    printf("ok   %s\n", name);
            } else {
                failed++;
                printf("FAIL %s: %s\n", name, why);
            }
            (void)fflush(stdout);
        }
        case_free(&c);
        free(cases.items[i]);
    }
    free(cases.items);
    printf("%zu passed, %zu failed\n", passed, failed);
    if (passed + failed == 0)
        (void)fprintf(stderr, "ecskp: conformance: no case ran in %s; give the suite folder\n",
                      root);
    return failed == 0 && passed > 0 ? CLI_EXIT_ACCEPTED : CLI_EXIT_REFUSED;
}
