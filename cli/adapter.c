/* SPDX-License-Identifier: MIT */
/*
 * adapter.c - one protocol request in, one answer out. Each operation's input is handed to
 * the library as the document of ecskp/json.h: encode as it is, sign_v1/sign_v3 with
 * "signature" added, decode without its body (the bytes go beside the options); ids calls
 * ecskp_ids_normalize(). Only the Base64 members are read here.
 */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "adapter.h"
#include "common.h"
#include "ecskp/encode.h"
#include "ecskp/json.h"
#include "ops.h"
#include "report.h"

/* An answer under construction: a status with its diag, or the answer text (malloc). */
typedef struct answer {
    ecskp_status status;
    ecskp_diag diag;
    char *text;
} answer;

static void refuse_oom(answer *a) {
    a->status = cli_fail(&a->diag, ECSKP_ERR_OUT_OF_MEMORY, NULL, ECSKP_NO_OFFSET, "out of memory");
}

/* Takes over a text of ecskp/json.h as the answer, wrapped as head + text + tail. */
static void take(answer *a, char *json, const char *head, const char *tail) {
    if (a->status == ECSKP_OK) {
        size_t h = strlen(head), n = strlen(json), t = strlen(tail);
        a->text = malloc(h + n + t + 1);
        if (a->text == NULL) {
            refuse_oom(a);
        } else {
            memcpy(a->text, head, h);
            memcpy(a->text + h, json, n);
            memcpy(a->text + h + n, tail, t + 1);
        }
    }
    ecskp_json_free(json);
}

/* A *_base64 member, decoded; 0, or -1 (refused: a protocol mistake is invalid_argument). */
static int bytes_of(answer *a, const cJSON *input, const char *name, unsigned char **data,
                    size_t *len) {
    const cJSON *j = cJSON_GetObjectItemCaseSensitive(input, name);
    if (!cJSON_IsString(j)) {
        a->status = cli_fail(&a->diag, ECSKP_ERR_INVALID_ARGUMENT, name, ECSKP_NO_OFFSET,
                             "member \"%s\" is required, a Base64 string", name);
        return -1;
    }
    if (cli_b64_decode(j->valuestring, strlen(j->valuestring), data, len) != 0) {
        a->status = cli_fail(&a->diag, ECSKP_ERR_INVALID_ARGUMENT, name, ECSKP_NO_OFFSET,
                             "input.%s is not padded standard Base64", name);
        return -1;
    }
    return 0;
}

static void do_encode(answer *a, cJSON *input) {
    char *json = NULL;
    a->status = op_query(input, &json, &a->diag);
    take(a, json, "", "");
}

static void do_sign(answer *a, cJSON *input, const char *signature) {
    cJSON_DeleteItemFromObjectCaseSensitive(input, "signature");
    if (cJSON_AddStringToObject(input, "signature", signature) == NULL) {
        refuse_oom(a);
        return;
    }
    char *json = NULL;
    a->status = op_sign(input, NULL, 0, &json, &a->diag);
    take(a, json, "", "");
}

static void do_ids(answer *a, cJSON *input) {
    const cJSON *strict = cJSON_GetObjectItemCaseSensitive(input, "strict");
    if (strict != NULL && !cJSON_IsBool(strict)) {
        a->status = cli_fail(&a->diag, ECSKP_ERR_INVALID_ARGUMENT, "strict", ECSKP_NO_OFFSET,
                             "member \"strict\" must be true or false");
        return;
    }
    unsigned char *text = NULL;
    size_t len = 0;
    if (bytes_of(a, input, "text_base64", &text, &len) != 0)
        return;
    char *ids = NULL;
    a->status = op_ids((const char *)text, len, cJSON_IsTrue(strict) ? ECSKP_IDS_STRICT : 0, &ids,
                       &a->diag);
    free(text);
    if (a->status != ECSKP_OK)
        return;
    cJSON *o = cJSON_CreateObject();
    if (o == NULL || cJSON_AddStringToObject(o, "instance_ids", ids) == NULL ||
        (a->text = cJSON_PrintUnformatted(o)) == NULL)
        refuse_oom(a);
    cJSON_Delete(o);
    free(ids);
}

static void do_decode(answer *a, cJSON *input) {
    unsigned char *body = NULL;
    size_t len = 0;
    if (bytes_of(a, input, "body_base64", &body, &len) != 0)
        return;
    cJSON_DeleteItemFromObjectCaseSensitive(input, "body_base64");
    char *json = NULL;
    a->status = op_decode(body, len, input, &json, &a->diag);
    free(body);
    take(a, json, "{\"response\":", "}");
}

static char *render(const answer *a) {
    if (a->status == ECSKP_OK)
        return a->text;
    cJSON *e = cJSON_CreateObject();
    const char *detail =
        a->diag.message[0] != '\0' ? a->diag.message : ecskp_status_meaning(a->status);
    char *text = NULL;
    if (e != NULL && cJSON_AddStringToObject(e, "error", ecskp_status_name(a->status)) != NULL &&
        cJSON_AddStringToObject(e, "detail", detail) != NULL)
        text = cJSON_PrintUnformatted(e);
    cJSON_Delete(e);
    return text;
}

static void dispatch(answer *a, const char *name, cJSON *input) {
    if (strcmp(name, "encode") == 0)
        do_encode(a, input);
    else if (strcmp(name, "sign_v1") == 0)
        do_sign(a, input, "v1");
    else if (strcmp(name, "sign_v3") == 0)
        do_sign(a, input, "v3");
    else if (strcmp(name, "ids") == 0)
        do_ids(a, input);
    else if (strcmp(name, "decode") == 0)
        do_decode(a, input);
    else
        a->status = cli_fail(&a->diag, ECSKP_ERR_INVALID_ARGUMENT, "operation", ECSKP_NO_OFFSET,
                             "unknown operation; expected encode, sign_v1, sign_v3, ids or "
                             "decode");
}

int adapter_answer(const char *request, size_t len, char **text) {
    answer a;
    memset(&a, 0, sizeof a);
    cJSON *root = NULL;
    a.status = cli_json_parse(request, len, &root, &a.diag);
    const char *op = cli_json_string(root, "operation");
    cJSON *input = cJSON_GetObjectItemCaseSensitive(root, "input");
    if (a.status == ECSKP_OK && op != NULL && cJSON_IsObject(input))
        dispatch(&a, op, input);
    else if (a.status == ECSKP_OK)
        a.status = cli_fail(&a.diag, ECSKP_ERR_INVALID_ARGUMENT, NULL, ECSKP_NO_OFFSET,
                            "a protocol request is one JSON object {\"operation\":\"...\","
                            "\"input\":{...}}");
    *text = render(&a);
    if (*text != a.text)
        free(a.text);
    cJSON_Delete(root);
    return *text != NULL ? 0 : -1;
}
