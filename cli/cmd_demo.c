/* SPDX-License-Identifier: MIT */
/*
 * cmd_demo.c - `ecskp demo`: the documented examples (the vectors of vectors.h, generated from
 * the conformance suite, and demo_data.c's few others) run through the conformance adapter,
 * the same code as `ecskp conformance`, and every expected value checked.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "adapter.h"
#include "args.h"
#include "cli.h"
#include "common.h"
#include "demo_data.h"
#include "ecskp/sign.h"
#include "help.h"
#include "report.h"
#include "vectors.h"

typedef struct tally {
    size_t checks, passed, skipped;
} tally;

static demo_vector from_vector(const ecskp_vector *v) {
    return (demo_vector){.area = v->area,
                         .name = v->name,
                         .input = v->input,
                         .request = v->request,
                         .body = v->body,
                         .body_len = v->body_len,
                         .response = v->neutral,
                         .error = v->error,
                         .artifacts = v->artifacts};
}

/* Prints `text` with every line indented; multi-line artifacts (V3) stay readable. */
static void indented(const char *label, const char *text) {
    printf("    %-24s ", label);
    for (const char *p = text; *p != '\0'; p++) {
        if (*p == '\n') {
            printf("\n    %-24s ", "");
            continue;
        }
        putchar(*p);
    }
    putchar('\n');
}

static void check(tally *t, const demo_vector *v, const char *what, int ok, const char *got,
                  const char *want, const char *file) {
    t->checks++;
    t->passed += ok != 0;
    printf("    %-5s %s  [conformance/%s/%s/%s]\n", ok ? "ok" : "FAIL", what, v->area, v->name,
           file);
    if (ok)
        return;
    indented("expected", want);
    indented("got", got != NULL ? got : "(nothing)");
}

/* The protocol request of an example: its input, its request and its body (the InstanceIds
 * text of an ids example) as Base64. */
static char *protocol_request(const demo_vector *v) {
    cJSON *msg = cJSON_CreateObject();
    cJSON *input = cJSON_Parse(v->input);
    if (msg == NULL || input == NULL || !cJSON_AddItemToObject(msg, "input", input)) {
        cJSON_Delete(input);
        cJSON_Delete(msg);
        return NULL;
    }
    cJSON *req = v->request != NULL ? cJSON_Parse(v->request) : NULL;
    if (req != NULL && !cJSON_AddItemToObject(input, "request", req)) {
        cJSON_Delete(req);
        req = NULL;
    }
    const char *body_member = strcmp(v->area, "ids") == 0 ? "text_base64" : "body_base64";
    char *b64 = v->body != NULL ? cli_b64_encode(v->body, v->body_len) : NULL;
    char *text = NULL;
    if (cJSON_AddStringToObject(msg, "operation", v->area) != NULL &&
        (v->request == NULL || req != NULL) &&
        (v->body == NULL || (b64 != NULL && cJSON_AddStringToObject(input, body_member, b64))))
        text = cJSON_PrintUnformatted(msg);
    free(b64);
    cJSON_Delete(msg);
    return text;
}

static void show_input(const demo_vector *v) {
    indented("input", v->input);
    if (v->request != NULL)
        indented("request", v->request);
    const char *p = v->body;
    for (size_t n = p != NULL ? v->body_len : 0; n > 0;) {
        const char *nl = memchr(p, '\n', n);
        size_t len = nl != NULL ? (size_t)(nl - p) + 1 : n;
        char line[4096];
        cli_sanitize(p, nl != NULL ? len - 1 : len, line, sizeof line);
        printf("      | %s\n", line);
        p += len;
        n -= len;
    }
}

static void show_answer(const cJSON *answer) {
    const char *error = cli_json_string(answer, "error");
    if (error != NULL) {
        const char *detail = cli_json_string(answer, "detail");
        printf("    refused: %s: %s\n", error, detail != NULL ? detail : "");
        return;
    }
    for (const cJSON *m = answer->child; m != NULL; m = m->next) {
        char *text = cJSON_IsString(m) ? NULL : cJSON_PrintUnformatted(m);
        if (cJSON_IsString(m) && m->valuestring[0] != '\0')
            indented(m->string, m->valuestring);
        else if (text != NULL && strcmp(m->string, "response") == 0)
            indented("decoded", text);
        free(text);
    }
}

/* Checks the answer against every expected value of the example. */
static void check_answer(const demo_vector *v, const cJSON *answer, tally *t) {
    if (v->error != NULL) {
        const char *got = cli_json_string(answer, "error");
        check(t, v, "error", got != NULL && strcmp(got, v->error) == 0, got, v->error, "error.txt");
    }
    cJSON *arts = v->artifacts != NULL ? cJSON_Parse(v->artifacts) : NULL;
    for (const cJSON *a = arts != NULL ? arts->child : NULL; a != NULL; a = a->next) {
        const char *got = cli_json_string(answer, a->string);
        char file[64];
        (void)snprintf(file, sizeof file, "%s.txt", a->string);
        check(t, v, a->string, got != NULL && strcmp(got, a->valuestring) == 0, got, a->valuestring,
              file);
    }
    cJSON_Delete(arts);
    if (v->response != NULL) {
        cJSON *want = cJSON_Parse(v->response);
        const cJSON *got = cJSON_GetObjectItemCaseSensitive(answer, "response");
        char *shown = got != NULL ? cJSON_PrintUnformatted(got) : NULL;
        check(t, v, "normalized output", want != NULL && got != NULL && cJSON_Compare(want, got, 1),
              shown, v->response, "response.json");
        free(shown);
        cJSON_Delete(want);
    }
}

static void run(const demo_vector *v, size_t n, tally *t) {
    printf("\n[%zu] %s/%s\n", n, v->area, v->name);
    show_input(v);
    if (strcmp(v->area, "ids") == 0 && v->body == NULL) {
        /* vectors.h carries ids.json's text in none of its members. */
        printf("    not run: vectors.h does not carry the InstanceIds text (ids.json)\n");
        t->skipped++;
        return;
    }
    char *request = protocol_request(v);
    char *text = NULL;
    if (request == NULL || adapter_answer(request, strlen(request), &text) != 0)
        text = NULL;
    cJSON *answer = text != NULL ? cJSON_Parse(text) : NULL;
    if (answer == NULL)
        printf("    no answer: out of memory\n");
    else
        show_answer(answer);
    check_answer(v, answer, t);
    cJSON_Delete(answer);
    free(text);
    free(request);
}

int cmd_demo(int argc, char **argv) {
    const char *file;
    int rc = cli_command_line("demo", argc, argv, NULL, 0, 0, &file);
    if (rc != CLI_GO_ON)
        return rc;
    printf("ecskp demo: the documented examples, encoded, signed and decoded.\n"
           "Each check names the file of the conformance suite its expected value comes from\n"
           "(the documentation, or an independent computation with Python's hmac/hashlib,\n"
           "as the case's case.json says), never ecskp's own output.\n");
    if (!ecskp_signing_available())
        printf("note: this build has no libcrypto, so the signing checks fail\n");
    tally t = {0, 0, 0};
    size_t n = 0;
    for (size_t i = 0; i < ecskp_vector_count; i++) {
        demo_vector v = from_vector(&ecskp_vectors[i]);
        run(&v, ++n, &t);
    }
    for (size_t i = 0; i < demo_extra_count; i++)
        run(&demo_extras[i], ++n, &t);
    printf("\ndemo: %zu of %zu checks reproduced", t.passed, t.checks);
    if (t.skipped > 0)
        printf(" (%zu examples not run)", t.skipped);
    putchar('\n');
    if (t.passed != t.checks) {
        (void)fprintf(stderr,
                      "ecskp: demo: %zu documented value(s) not reproduced; see the FAIL lines\n",
                      t.checks - t.passed);
        return CLI_EXIT_REFUSED;
    }
    return CLI_EXIT_ACCEPTED;
}
