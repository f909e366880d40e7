/* SPDX-License-Identifier: MIT */
/*
 * adapter.c - one protocol request in, one answer out. Each operation's input is handed to
 * the library as the document of ecskp/json.h: encode as it is, sign_v1/sign_v3 with
 * "signature" added, decode without its body (the bytes go beside the options); ids calls
 * ecskp_ids_normalize(). Only the Base64 members are read here. A decoded API error's
 * Category and Retryable (ecskp's advice, not the protocol's) move out of the document into
 * the answer's "advice" member.
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

/* Does s[0..n) end with `tail`? */
static int ends_with(const char *s, size_t n, const char *tail) {
    size_t t = strlen(tail);
    return n >= t && memcmp(s + n - t, tail, t) == 0;
}

/*
 * The advice of an API error document of ecskp/json.h, `{"Error":{...,"Category":"<c>",
 * "Retryable":<b>}}`: Category and Retryable are always Error's last two members, so they are
 * found at the end of the text, without reparsing it (numbers of AccessDeniedDetail stay
 * spelled as the body spelled them). Returns the length of the text without them and their
 * comma (the members to move being advice[0..*advice_len)), or 0 when the text is no API error.
 */
static size_t advice_at(const char *json, const char **advice, size_t *advice_len) {
    static const char head[] = "{\"Error\":{", cat[] = "\"Category\":\"",
                      ret[] = "\",\"Retryable\":";
    size_t n = strlen(json);
    if (strncmp(json, head, sizeof head - 1) != 0 || !ends_with(json, n, "}}"))
        return 0;
    n -= 2;
    if (ends_with(json, n, "true"))
        n -= 4;
    else if (ends_with(json, n, "false"))
        n -= 5;
    else
        return 0;
    if (!ends_with(json, n, ret))
        return 0;
    n -= sizeof ret - 1;
    while (n > 0 && ((json[n - 1] >= 'a' && json[n - 1] <= 'z') || json[n - 1] == '_'))
        n--;
    if (!ends_with(json, n, cat))
        return 0;
    n -= sizeof cat - 1;
    /* The comma before Category, unless Error has no other member. */
    size_t keep = json[n - 1] == ',' ? n - 1 : n;
    if (keep < sizeof head - 1)
        return 0;
    *advice = json + n;
    *advice_len = strlen(json) - 2 - n;
    return keep;
}

/*
 * The decode answer: {"response": <the neutral document>} and, for an API error,
 * "advice": {"Category", "Retryable"}, moved out of the document's Error (ecskp/json.h keeps
 * them inside; the suite's protocol level compares the document without them).
 */
static void take_decoded(answer *a, char *json) {
    const char *advice = NULL;
    size_t advice_len = 0;
    size_t keep = a->status == ECSKP_OK ? advice_at(json, &advice, &advice_len) : 0;
    if (keep == 0) {
        take(a, json, "{\"response\":", "}");
        return;
    }
    static const char open[] = "{\"response\":", mid[] = "}},\"advice\":{", end[] = "}}";
    size_t total = (sizeof open - 1) + keep + (sizeof mid - 1) + advice_len + (sizeof end - 1);
    a->text = malloc(total + 1);
    if (a->text == NULL) {
        refuse_oom(a);
    } else {
        char *o = a->text;
        memcpy(o, open, sizeof open - 1);
        o += sizeof open - 1;
        memcpy(o, json, keep);
        o += keep;
        memcpy(o, mid, sizeof mid - 1);
        o += sizeof mid - 1;
        memcpy(o, advice, advice_len);
        o += advice_len;
        memcpy(o, end, sizeof end);
    }
    ecskp_json_free(json);
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
    take_decoded(a, json);
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
