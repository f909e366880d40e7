/* SPDX-License-Identifier: MIT */
/* cases.c - case folders to protocol requests, and answers to verdicts. */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* A piece of a path. */
typedef struct piece {
    const char *s;
    size_t n;
} piece;

/* Pushes the folders of `p` onto the stack (`.` dropped, `..` popping one). */
static void push_pieces(const char *p, piece *stack, size_t *depth) {
    while (*p != '\0') {
        size_t n = strcspn(p, "/");
        if (n == 2 && strncmp(p, "..", 2) == 0)
            *depth -= *depth > 0;
        else if (n > 0 && !(n == 1 && p[0] == '.'))
            stack[(*depth)++] = (piece){p, n};
        p += n + (p[n] == '/');
    }
}

void case_path_tail(const char *path, size_t parts, char *out, size_t cap) {
    char cwd[4096] = "";
    if (path[0] != '/' && getcwd(cwd, sizeof cwd) == NULL)
        cwd[0] = '\0';
    size_t max = (strlen(cwd) + strlen(path)) / 2 + 2;
    piece *stack = malloc(max * sizeof *stack);
    size_t depth = 0;
    (void)snprintf(out, cap, "%s", path);
    if (stack == NULL)
        return;
    push_pieces(cwd, stack, &depth);
    push_pieces(path, stack, &depth);
    if (depth >= parts && parts > 0) {
        size_t o = 0;
        for (size_t i = depth - parts; i < depth && o < cap; i++) {
            int w = snprintf(out + o, cap - o, "%s%.*s", i > depth - parts ? "/" : "",
                             (int)stack[i].n, stack[i].s);
            o += w > 0 ? (size_t)w : 0;
        }
    }
    free(stack);
}

/* Adds the expected artifacts or error to c->expected (c->level is known). */
/* The level rules and the decode naming convention, checked on what a case expects, so that
 * the suite cannot drift from them. Returns 0, or -1 with `why` filled. */
static int check_expected(const char *dir, const test_case *c, int has_error, int decode, char *why,
                          size_t cap) {
    if (has_error && strcmp(c->level, "protocol") == 0)
        return say(why, cap, "a protocol-level case never expects an error (error.txt)");
    if (!decode)
        return 0;
    char b[256];
    case_path_tail(dir, 1, b, sizeof b);
    int advice_case = strncmp(b, "a_", 2) == 0;
    int has_advice = cJSON_GetObjectItemCaseSensitive(c->expected, "advice") != NULL;
    if (strncmp(b, "y_", 2) == 0 && has_error)
        return say(why, cap, "a y_ case must expect a response, not error.txt");
    if (strncmp(b, "n_", 2) == 0 && !has_error)
        return say(why, cap, "an n_ case must expect an error (error.txt)");
    if (advice_case && (!has_advice || has_error))
        return say(why, cap, "an a_ case expects advice.json (and no error.txt)");
    if (advice_case && strcmp(c->level, "ecskp") != 0)
        return say(why, cap, "an a_ case is of level ecskp");
    if (!advice_case && has_advice)
        return say(why, cap, "only a_ cases expect advice.json");
    if (strncmp(b, "y_", 2) != 0 && strncmp(b, "n_", 2) != 0 && strncmp(b, "i_", 2) != 0 &&
        !advice_case)
        return say(why, cap, "decode case names start with y_, n_, i_ or a_");
    return 0;
}

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
    int decode = strcmp(op->name, "decode") == 0;
    static const char *const documents[] = {"response", "advice"};
    for (size_t i = 0; decode && i < 2; i++) {
        char file[32];
        (void)snprintf(file, sizeof file, "%s.json", documents[i]);
        if (!exists(dir, file))
            continue;
        cJSON *doc;
        if (slurp_object(dir, file, &doc, why, cap) != 0)
            return -1;
        cJSON_AddItemToObject(c->expected, documents[i], doc);
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
    return check_expected(dir, c, has_error, decode, why, cap);
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

const char *const case_levels[CASE_LEVELS] = {"protocol", "client", "ecskp"};

int case_level_index(const char *level) {
    for (int i = 0; i < CASE_LEVELS; i++)
        if (strcmp(case_levels[i], level) == 0)
            return i;
    return -1;
}

int case_operation_known(const char *name) {
    for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++)
        if (strcmp(specs[i].name, name) == 0)
            return 1;
    return 0;
}

/* The members of case.json that every case has, checked, and the operation it names in *op.
 * Its operation and level are filled in c as early as they can be, to count a case that is
 * not well-formed. Returns 0, or -1 with `why` filled. */
static int check_meta(const char *dir, const cJSON *meta, test_case *c, const op_spec **op,
                      char *why, size_t cap) {
    const char *opname = cli_json_string(meta, "operation");
    const char *source = cli_json_string(meta, "source");
    const char *level = cli_json_string(meta, "level");
    *op = NULL;
    for (size_t i = 0; opname != NULL && i < sizeof specs / sizeof specs[0]; i++)
        if (strcmp(specs[i].name, opname) == 0)
            *op = &specs[i];
    if (*op != NULL)
        (void)snprintf(c->operation, sizeof c->operation, "%s", (*op)->name);
    if (level != NULL && case_level_index(level) >= 0)
        (void)snprintf(c->level, sizeof c->level, "%s", level);
    if (*op == NULL) {
        /* -1 here, not say()'s: the analyzer does not follow variadic calls (see slurp()). */
        (void)say(why, cap,
                  "case.json: \"operation\" must be encode, sign_v1, sign_v3, ids or decode");
        return -1;
    }
    /* The folder the case folder is in: an area folder is named after its operation. */
    char area[512];
    case_path_tail(dir, 2, area, sizeof area);
    area[strcspn(area, "/")] = '\0';
    if (case_operation_known(area) && strcmp(area, (*op)->name) != 0)
        return say(why, cap, "operation \"%s\" in area folder \"%s\"", (*op)->name, area);
    if (c->level[0] == '\0')
        return say(why, cap, "case.json: \"level\" must be protocol, client or ecskp");
    if (source == NULL || source[0] == '\0')
        return say(why, cap, "case.json: every case names its \"source\"");
    char folder[256];
    case_path_tail(dir, 1, folder, sizeof folder);
    const char *decision = cli_json_string(meta, "decision");
    if (strncmp(folder, "i_", 2) == 0 && (decision == NULL || decision[0] == '\0'))
        return say(why, cap, "case.json: an i_ case records its \"decision\"");
    return 0;
}

int case_load(const char *dir, test_case *c, char *why, size_t cap) {
    memset(c, 0, sizeof *c);
    /* A folder in an area folder is a case, case.json or not. */
    if (!exists(dir, "case.json"))
        return say(why, cap, "no case.json");
    cJSON *meta;
    if (slurp_object(dir, "case.json", &meta, why, cap) != 0)
        return -1;
    int rc = -1;
    cJSON *msg = NULL;
    const op_spec *op = NULL;
    if (check_meta(dir, meta, c, &op, why, cap) != 0)
        goto done;
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

/* JSON's white space (RFC 8259). */
static size_t skip_ws(const char *s, size_t n, size_t i) {
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
        i++;
    return i;
}

static int is_hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static int is_digit(char c) {
    return c >= '0' && c <= '9';
}

/* Past the string starting at s[i] (its '"'), or SIZE_MAX when it is no JSON string; *nul is
 * set when it holds the escape \u0000. (The text is known to be UTF-8.) */
static size_t scan_string(const char *s, size_t n, size_t i, int *nul) {
    for (i++; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"')
            return i + 1;
        if (c < 0x20)
            return SIZE_MAX; /* a raw control byte */
        if (c != '\\')
            continue;
        if (++i >= n)
            return SIZE_MAX;
        if (s[i] == 'u') {
            if (n - i < 5 || !is_hex(s[i + 1]) || !is_hex(s[i + 2]) || !is_hex(s[i + 3]) ||
                !is_hex(s[i + 4]))
                return SIZE_MAX;
            *nul |= memcmp(s + i + 1, "0000", 4) == 0;
            i += 4;
        } else if (s[i] == '\0' || strchr("\"\\/bfnrt", s[i]) == NULL) {
            return SIZE_MAX;
        }
    }
    return SIZE_MAX;
}

/* Past the number starting at s[i], or SIZE_MAX when it is no JSON number. */
static size_t scan_number(const char *s, size_t n, size_t i) {
    if (i < n && s[i] == '-')
        i++;
    if (i < n && s[i] == '0') {
        i++;
    } else if (i < n && s[i] >= '1' && s[i] <= '9') {
        while (i < n && is_digit(s[i]))
            i++;
    } else {
        return SIZE_MAX;
    }
    if (i < n && s[i] == '.') {
        if (++i >= n || !is_digit(s[i]))
            return SIZE_MAX;
        while (i < n && is_digit(s[i]))
            i++;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        if (++i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        if (i >= n || !is_digit(s[i]))
            return SIZE_MAX;
        while (i < n && is_digit(s[i]))
            i++;
    }
    return i;
}

/* Past a member name and its ':' (white space around), or SIZE_MAX. */
static size_t scan_name(const char *s, size_t n, size_t i, int *nul) {
    if (i >= n || s[i] != '"')
        return SIZE_MAX;
    i = skip_ws(s, n, scan_string(s, n, i, nul));
    return i < n && s[i] == ':' ? skip_ws(s, n, i + 1) : SIZE_MAX;
}

/*
 * Is s[0..n) exactly one JSON object (RFC 8259: UTF-8, white space around it only), nested at
 * most CJSON_NESTING_LIMIT deep? cJSON alone would also take raw control bytes in strings,
 * numbers such as 01 or 1., and more, which are not JSON. *nul is set when a string holds the
 * escape \u0000.
 */
static int one_json_object(const char *s, size_t n, int *nul) {
    char open[CJSON_NESTING_LIMIT]; /* '{' or '[' of each open container */
    size_t depth = 0, i = skip_ws(s, n, 0);
    *nul = 0;
    if (ecskp_utf8_check(s, n, NULL) != ECSKP_OK || i >= n || s[i] != '{')
        return 0;
    for (;;) {
        /* A value starts at s[i]. */
        if (i >= n)
            return 0;
        if (s[i] == '{' || s[i] == '[') {
            if (depth == sizeof open)
                return 0;
            open[depth++] = s[i];
            i = skip_ws(s, n, i + 1);
            if (i < n && (s[i] == '}' || s[i] == ']')) {
                if (s[i] != (open[depth - 1] == '{' ? '}' : ']'))
                    return 0;
                depth--;
                i++;
            } else {
                if (open[depth - 1] == '{' && (i = scan_name(s, n, i, nul)) == SIZE_MAX)
                    return 0;
                continue;
            }
        } else if (s[i] == '"') {
            i = scan_string(s, n, i, nul);
        } else if (s[i] == '-' || is_digit(s[i])) {
            i = scan_number(s, n, i);
        } else if (n - i >= 4 && (memcmp(s + i, "true", 4) == 0 || memcmp(s + i, "null", 4) == 0)) {
            i += 4;
        } else if (n - i >= 5 && memcmp(s + i, "false", 5) == 0) {
            i += 5;
        } else {
            return 0;
        }
        if (i == SIZE_MAX)
            return 0;
        /* After a value: a comma and the next one, or the ends of containers. */
        for (i = skip_ws(s, n, i); depth > 0; i = skip_ws(s, n, i + 1)) {
            char close = open[depth - 1] == '{' ? '}' : ']';
            if (i < n && s[i] == close) {
                depth--;
                continue;
            }
            if (i >= n || s[i] != ',')
                return 0;
            i = skip_ws(s, n, i + 1);
            if (open[depth - 1] == '{' && (i = scan_name(s, n, i, nul)) == SIZE_MAX)
                return 0;
            break;
        }
        if (depth == 0)
            return i == n;
    }
}

/* The verdict on an answer that is one JSON object without \u0000. */
static case_verdict judge(const test_case *c, const cJSON *got, char *why, size_t cap) {
    char shown[400], wanted[400];
    const cJSON *want_error = cJSON_GetObjectItemCaseSensitive(c->expected, "error");
    const cJSON *got_error = cJSON_GetObjectItemCaseSensitive(got, "error");
    const cJSON *unsupported = cJSON_GetObjectItemCaseSensitive(got, "unsupported");
    const char *detail = cli_json_string(got, "detail");
    char det[200];
    cli_sanitize(detail != NULL ? detail : "", detail != NULL ? strlen(detail) : 0, det,
                 sizeof det);
    if (got_error != NULL && !cJSON_IsString(got_error)) {
        say(why, cap, "error must be a string");
        return CASE_FAIL;
    }
    /* An error answer is never a skip. */
    if (got_error == NULL && unsupported != NULL) {
        if (!cJSON_IsString(unsupported)) {
            say(why, cap, "unsupported must be a string");
            return CASE_FAIL;
        }
        cli_sanitize(unsupported->valuestring, strlen(unsupported->valuestring), shown,
                     sizeof shown);
        say(why, cap, "%s", shown);
        return CASE_SKIP;
    }
    if (want_error != NULL) {
        if (got_error != NULL && strcmp(got_error->valuestring, want_error->valuestring) == 0)
            return CASE_PASS;
        show(got_error != NULL ? got_error : got, shown, sizeof shown);
        if (got_error != NULL)
            say(why, cap, "expected error %s, got error %s (%s)", want_error->valuestring, shown,
                det);
        else
            say(why, cap, "expected error %s, got %s", want_error->valuestring, shown);
        return CASE_FAIL;
    }
    if (got_error != NULL) {
        show(got_error, shown, sizeof shown);
        say(why, cap, "expected a result, got error %s (%s)", shown, det);
        return CASE_FAIL;
    }
    for (const cJSON *w = c->expected->child; w != NULL; w = w->next) {
        const cJSON *g = cJSON_GetObjectItemCaseSensitive(got, w->string);
        if (g != NULL && cJSON_Compare(w, g, 1))
            continue;
        show(w, wanted, sizeof wanted);
        show(g, shown, sizeof shown);
        say(why, cap, "%s: expected %s, got %s", w->string, wanted, shown);
        return CASE_FAIL;
    }
    return CASE_PASS;
}

case_verdict case_compare(const test_case *c, const char *answer, size_t len, char *why,
                          size_t cap) {
    cJSON *got = NULL;
    int nul = 0;
    ecskp_diag d;
    if (!one_json_object(answer, len, &nul) ||
        (!nul && (cli_json_parse(answer, len, &got, &d) != ECSKP_OK || !cJSON_IsObject(got)))) {
        /* White space around an answer is allowed: it is not shown. */
        char shown[400];
        size_t n = len;
        while (n > 0 && (answer[n - 1] == ' ' || answer[n - 1] == '\t' || answer[n - 1] == '\n' ||
                         answer[n - 1] == '\r'))
            n--;
        size_t from = skip_ws(answer, n, 0);
        cli_sanitize(answer + from, n - from, shown, sizeof shown);
        cJSON_Delete(got);
        say(why, cap, "the answer is not one JSON object: %s", shown);
        return CASE_GARBLED;
    }
    if (nul) {
        say(why, cap, "answer holds \\u0000, which no expected value contains");
        return CASE_FAIL;
    }
    case_verdict v = judge(c, got, why, cap);
    cJSON_Delete(got);
    return v;
}
