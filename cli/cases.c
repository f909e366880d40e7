/* SPDX-License-Identifier: MIT */
/* cases.c - case folders to protocol requests, and answers to verdicts. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cases.h"
#include "common.h"
#include "ecskp/encode.h"
#include "input.h"
#include "report.h"

/* What each operation reads and which artifacts (`<name>.txt`) it may expect. */
typedef struct op_spec {
    const char *name;
    int needs_request; /* request.json: 1 required, 0 never */
    int body;          /* body.{xml,json,bin}: 2 required, 1 optional, 0 never */
    int needs_ids;     /* ids.json */
    const char *artifacts[5];
} op_spec;

static const op_spec specs[] = {
    {"encode", 1, 0, 0, {"canonical_query", NULL}},
    {"sign_v1", 1, 0, 0, {"canonical_query", "string_to_sign", "signature", "signed_query", NULL}},
    {"sign_v3",
     1,
     1,
     0,
     {"canonical_request", "string_to_sign", "signature", "authorization", NULL}},
    {"ids", 0, 0, 1, {"instance_ids", NULL}},
    {"decode", 0, 2, 0, {NULL}},
};

static int say(char *why, size_t cap, const char *fmt, ...) CLI_PRINTF(3, 4);

static int say(char *why, size_t cap, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    (void)vsnprintf(why, cap, fmt, ap);
    va_end(ap);
    return -1;
}

static char *join(const char *dir, const char *file) {
    size_t a = strlen(dir), b = strlen(file);
    char *p = malloc(a + b + 2);
    if (p != NULL)
        (void)snprintf(p, a + b + 2, "%s/%s", dir, file);
    return p;
}

static int exists(const char *dir, const char *file) {
    char *p = join(dir, file);
    struct stat st;
    int ok = p != NULL && stat(p, &st) == 0 && S_ISREG(st.st_mode);
    free(p);
    return ok;
}

/* Reads dir/file; returns 0, or -1 with `why` filled. */
static int slurp(const char *dir, const char *file, char **buf, size_t *len, char *why,
                 size_t cap) {
    /* say() always returns -1, but the analyzer does not follow variadic calls: return -1 here
     * so that it sees *buf set whenever this returns 0. */
    char *p = join(dir, file);
    if (p == NULL) {
        (void)say(why, cap, "out of memory");
        return -1;
    }
    int rc = cli_read_file(p, CASE_MAX_FILE_BYTES, buf, len);
    int e = errno;
    free(p);
    if (rc != 0) {
        (void)say(why, cap, "cannot read %s: %s", file, strerror(e));
        return -1;
    }
    return 0;
}

/* Reads dir/file as one JSON value into *out. Returns 0; -1 when it cannot be read (`why`
 * says); 1 when it is not one JSON value (`diag` says; *out NULL). */
static int slurp_json(const char *dir, const char *file, cJSON **out, ecskp_diag *diag, char *why,
                      size_t cap) {
    char *text;
    size_t len;
    *out = NULL;
    if (slurp(dir, file, &text, &len, why, cap) != 0)
        return -1;
    ecskp_status st = cli_json_parse(text, len, out, diag);
    free(text);
    return st != ECSKP_OK ? 1 : 0;
}

/* Reads dir/file as one JSON object into *out; returns 0, or -1 with `why` filled. */
static int slurp_object(const char *dir, const char *file, cJSON **out, char *why, size_t cap) {
    ecskp_diag d;
    int rc = slurp_json(dir, file, out, &d, why, cap);
    if (rc < 0)
        return -1;
    if (rc > 0 || !cJSON_IsObject(*out)) {
        cJSON_Delete(*out);
        *out = NULL;
        return say(why, cap, "%s is not one JSON object", file);
    }
    return 0;
}

static const char *base_name(const char *dir) {
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    const char *s = dir + n;
    while (s > dir && s[-1] != '/')
        s--;
    return s;
}

/* Adds the expected artifacts or error to c->expected. */
static int load_expected(const char *dir, const op_spec *op, test_case *c, char *why, size_t cap) {
    c->expected = cJSON_CreateObject();
    if (c->expected == NULL)
        return say(why, cap, "out of memory");
    int has_error = exists(dir, "error.txt");
    size_t artifacts = 0;
    for (size_t i = 0; op->artifacts[i] != NULL; i++) {
        char file[64];
        (void)snprintf(file, sizeof file, "%s.txt", op->artifacts[i]);
        if (!exists(dir, file))
            continue;
        char *text;
        size_t len;
        if (slurp(dir, file, &text, &len, why, cap) != 0)
            return -1;
        if (strlen(text) != len || ecskp_utf8_check(text, len, NULL) != ECSKP_OK) {
            free(text);
            return say(why, cap, "%s must be UTF-8 without NUL bytes", file);
        }
        cJSON_AddStringToObject(c->expected, op->artifacts[i], text);
        free(text);
        artifacts++;
    }
    if (strcmp(op->name, "decode") == 0 && exists(dir, "response.json")) {
        cJSON *resp;
        if (slurp_object(dir, "response.json", &resp, why, cap) != 0)
            return -1;
        cJSON_AddItemToObject(c->expected, "response", resp);
        artifacts++;
    }
    if (has_error && artifacts > 0)
        return say(why, cap, "a case expects either error.txt or results, not both");
    if (!has_error && artifacts == 0)
        return say(why, cap, "no expected output (error.txt or the %s artifacts)", op->name);
    if (has_error) {
        char *text;
        size_t len;
        if (slurp(dir, "error.txt", &text, &len, why, cap) != 0)
            return -1;
        while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == '\r' || text[len - 1] == ' ' ||
                           text[len - 1] == '\t'))
            text[--len] = '\0';
        ecskp_status st;
        if (strlen(text) != len || ecskp_status_parse(text, &st, NULL) != ECSKP_OK ||
            st == ECSKP_OK) {
            free(text);
            return say(why, cap, "error.txt does not hold a known error name");
        }
        cJSON_AddStringToObject(c->expected, "error", text);
        free(text);
    }
    /* The decode naming convention is checked, so the suite cannot drift from it. */
    if (strcmp(op->name, "decode") == 0) {
        const char *b = base_name(dir);
        if (strncmp(b, "y_", 2) == 0 && has_error)
            return say(why, cap, "a y_ case must expect a response, not error.txt");
        if (strncmp(b, "n_", 2) == 0 && !has_error)
            return say(why, cap, "an n_ case must expect an error (error.txt)");
        if (strncmp(b, "y_", 2) != 0 && strncmp(b, "n_", 2) != 0 && strncmp(b, "i_", 2) != 0)
            return say(why, cap, "decode case names start with y_, n_ or i_");
    }
    return 0;
}

/* Adds member `name` holding dir/file as Base64. */
static int add_base64(cJSON *input, const char *name, const char *dir, const char *file, char *why,
                      size_t cap) {
    char *data;
    size_t len;
    if (slurp(dir, file, &data, &len, why, cap) != 0)
        return -1;
    char *b64 = cli_b64_encode(data, len);
    free(data);
    if (b64 == NULL || cJSON_AddStringToObject(input, name, b64) == NULL) {
        free(b64);
        return say(why, cap, "out of memory");
    }
    free(b64);
    return 0;
}

static int build_input(const char *dir, const op_spec *op, const cJSON *meta, cJSON *input,
                       char *why, size_t cap) {
    const cJSON *given = cJSON_GetObjectItemCaseSensitive(meta, "input");
    if (given != NULL && !cJSON_IsObject(given))
        return say(why, cap, "case.json: \"input\" must be an object");
    for (const cJSON *m = given != NULL ? given->child : NULL; m != NULL; m = m->next) {
        if (strcmp(m->string, "request") == 0 || strcmp(m->string, "body_base64") == 0 ||
            strcmp(m->string, "text_base64") == 0)
            return say(why, cap, "case.json: \"%s\" comes from a file, not from input", m->string);
        cJSON *copy = cJSON_Duplicate(m, 1);
        if (copy == NULL)
            return say(why, cap, "out of memory");
        cJSON_AddItemToObject(input, m->string, copy);
    }
    if (op->needs_request) {
        cJSON *req;
        ecskp_diag d;
        int rc = slurp_json(dir, "request.json", &req, &d, why, cap);
        if (rc < 0)
            return -1;
        if (rc > 0)
            return say(why, cap, "request.json is not one JSON value: %s", d.message);
        cJSON_AddItemToObject(input, "request", req);
    }
    if (op->needs_ids && add_base64(input, "text_base64", dir, "ids.json", why, cap) != 0)
        return -1;
    if (op->body > 0) {
        static const char *const bodies[] = {"body.xml", "body.json", "body.bin"};
        const char *found = NULL;
        for (size_t i = 0; i < 3; i++) {
            if (!exists(dir, bodies[i]))
                continue;
            if (found != NULL)
                return say(why, cap, "more than one body file");
            found = bodies[i];
        }
        if (found == NULL && op->body == 2)
            return say(why, cap, "no body file (body.xml, body.json or body.bin)");
        if (found != NULL && add_base64(input, "body_base64", dir, found, why, cap) != 0)
            return -1;
    }
    return 0;
}

int case_load(const char *dir, test_case *c, char *why, size_t cap) {
    memset(c, 0, sizeof *c);
    cJSON *meta;
    if (slurp_object(dir, "case.json", &meta, why, cap) != 0)
        return -1;
    int rc = -1;
    cJSON *msg = NULL;
    const char *opname = cli_json_string(meta, "operation");
    const char *source = cli_json_string(meta, "source");
    const op_spec *op = NULL;
    for (size_t i = 0; opname != NULL && i < sizeof specs / sizeof specs[0]; i++)
        if (strcmp(specs[i].name, opname) == 0)
            op = &specs[i];
    if (op == NULL) {
        say(why, cap, "case.json: \"operation\" must be encode, sign_v1, sign_v3, ids or decode");
        goto done;
    }
    (void)snprintf(c->operation, sizeof c->operation, "%s", op->name);
    if (source == NULL || source[0] == '\0') {
        say(why, cap, "case.json: every case names its \"source\"");
        goto done;
    }
    if (strncmp(base_name(dir), "i_", 2) == 0) {
        const char *decision = cli_json_string(meta, "decision");
        if (decision == NULL || decision[0] == '\0') {
            say(why, cap, "case.json: an i_ case records its \"decision\"");
            goto done;
        }
    }
    msg = cJSON_CreateObject();
    cJSON *input = cJSON_CreateObject();
    if (msg == NULL || input == NULL) {
        cJSON_Delete(input);
        say(why, cap, "out of memory");
        goto done;
    }
    cJSON_AddStringToObject(msg, "operation", op->name);
    cJSON_AddItemToObject(msg, "input", input);
    if (build_input(dir, op, meta, input, why, cap) != 0 ||
        load_expected(dir, op, c, why, cap) != 0)
        goto done;
    c->request = cJSON_PrintUnformatted(msg);
    if (c->request == NULL) {
        say(why, cap, "out of memory");
        goto done;
    }
    rc = 0;
done:
    cJSON_Delete(msg);
    cJSON_Delete(meta);
    if (rc != 0)
        case_free(c);
    return rc;
}

void case_free(test_case *c) {
    free(c->request);
    cJSON_Delete(c->expected);
    c->request = NULL;
    c->expected = NULL;
}

/* A short, printable rendering of a JSON value for failure lines. */
static void show(const cJSON *v, char *out, size_t cap) {
    char *text = v != NULL ? cJSON_PrintUnformatted(v) : NULL;
    if (text == NULL) {
        (void)snprintf(out, cap, "(nothing)");
        return;
    }
    cli_sanitize(text, strlen(text), out, cap);
    free(text);
}

int case_compare(const test_case *c, const char *answer, size_t len, char *why, size_t cap) {
    char shown[400], wanted[400];
    cJSON *got = NULL;
    ecskp_diag d;
    if (cli_json_parse(answer, len, &got, &d) != ECSKP_OK || !cJSON_IsObject(got)) {
        cli_sanitize(answer, len, shown, sizeof shown);
        cJSON_Delete(got);
        say(why, cap, "the answer is not one JSON object: %s", shown);
        return 0;
    }
    int ok = 1;
    const cJSON *want_error = cJSON_GetObjectItemCaseSensitive(c->expected, "error");
    const cJSON *got_error = cJSON_GetObjectItemCaseSensitive(got, "error");
    const char *detail = cli_json_string(got, "detail");
    char det[200];
    cli_sanitize(detail != NULL ? detail : "", detail != NULL ? strlen(detail) : 0, det,
                 sizeof det);
    if (want_error != NULL) {
        if (cJSON_IsString(got_error) &&
            strcmp(got_error->valuestring, want_error->valuestring) == 0)
            goto out;
        ok = 0;
        if (cJSON_IsString(got_error)) {
            show(got_error, shown, sizeof shown);
            say(why, cap, "expected error %s, got error %s (%s)", want_error->valuestring, shown,
                det);
        } else {
            show(got, shown, sizeof shown);
            say(why, cap, "expected error %s, got %s", want_error->valuestring, shown);
        }
        goto out;
    }
    if (got_error != NULL) {
        ok = 0;
        show(got_error, shown, sizeof shown);
        say(why, cap, "expected a result, got error %s (%s)", shown, det);
        goto out;
    }
    for (const cJSON *w = c->expected->child; w != NULL; w = w->next) {
        const cJSON *g = cJSON_GetObjectItemCaseSensitive(got, w->string);
        if (g != NULL && cJSON_Compare(w, g, 1))
            continue;
        ok = 0;
        show(w, wanted, sizeof wanted);
        show(g, shown, sizeof shown);
        say(why, cap, "%s: expected %s, got %s", w->string, wanted, shown);
        break;
    }
out:
    cJSON_Delete(got);
    return ok;
}
