/* adapter.c - one protocol request in, one answer out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "adapter.h"
#include "base64.h"
#include "ops.h"
#include "request.h"

/* An answer under construction: either `out` (success) or a status with its diag. */
typedef struct answer {
    ecskp_status status;
    ecskp_diag diag;
    cJSON *out;     /* artifacts (encode, sign, ids) */
    char *response; /* normalized decode output, spliced in as "response" */
} answer;

static void refuse(answer *a, ecskp_status status, const char *field, const char *msg) {
    a->status = op_fail(&a->diag, status, field, msg);
}

/* Protocol-level mistakes (a missing or mistyped input member) are invalid_argument: the
 * runner never sends them, but a fuzzer or a hand-written request may. */
static const cJSON *member(answer *a, const cJSON *input, const char *name, int required,
                           int (*type_ok)(const cJSON *), const char *type_name) {
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(input, name);
    if (m == NULL) {
        if (required) {
            char msg[128];
            (void)snprintf(msg, sizeof msg, "member \"%s\" is required", name);
            refuse(a, ECSKP_ERR_INVALID_ARGUMENT, name, msg);
        }
        return NULL;
    }
    if (!type_ok(m)) {
        char msg[128];
        (void)snprintf(msg, sizeof msg, "member \"%s\" must be %s", name, type_name);
        refuse(a, ECSKP_ERR_INVALID_ARGUMENT, name, msg);
        return NULL;
    }
    return m;
}

static int is_string(const cJSON *j) {
    return cJSON_IsString(j);
}
static int is_object(const cJSON *j) {
    return cJSON_IsObject(j);
}
static int is_number(const cJSON *j) {
    return cJSON_IsNumber(j);
}
static int is_bool(const cJSON *j) {
    return cJSON_IsBool(j);
}
static int is_any(const cJSON *j) {
    (void)j;
    return 1;
}

static int method_of(answer *a, const cJSON *input, ecskp_method *m) {
    const cJSON *j = member(a, input, "method", 1, is_string, "\"GET\" or \"POST\"");
    if (j == NULL)
        return -1;
    if (strcmp(j->valuestring, "GET") == 0) {
        *m = ECSKP_METHOD_GET;
    } else if (strcmp(j->valuestring, "POST") == 0) {
        *m = ECSKP_METHOD_POST;
    } else {
        refuse(a, ECSKP_ERR_INVALID_ARGUMENT, "method", "input.method must be GET or POST");
        return -1;
    }
    return 0;
}

/* Decodes a *_base64 member; returns 0 (and the bytes, possibly none when absent and not
 * required) or -1 (refused). */
static int bytes_of(answer *a, const cJSON *input, const char *name, int required,
                    unsigned char **data, size_t *len) {
    *data = NULL;
    *len = 0;
    const cJSON *j = member(a, input, name, required, is_string, "a Base64 string");
    if (j == NULL)
        return a->status == ECSKP_OK ? 0 : -1;
    if (b64_decode(j->valuestring, strlen(j->valuestring), data, len) != 0) {
        char msg[128];
        (void)snprintf(msg, sizeof msg, "input.%s is not padded standard Base64", name);
        refuse(a, ECSKP_ERR_INVALID_ARGUMENT, name, msg);
        return -1;
    }
    return 0;
}

static void do_encode(answer *a, const cJSON *input) {
    const cJSON *req = member(a, input, "request", 1, is_any, "a JSON object");
    if (req == NULL)
        return;
    char *q = NULL;
    a->status = op_encode(req, &q, &a->diag);
    if (a->status != ECSKP_OK)
        return;
    a->out = cJSON_CreateObject();
    if (a->out == NULL || cJSON_AddStringToObject(a->out, "canonical_query", q) == NULL)
        refuse(a, ECSKP_ERR_OUT_OF_MEMORY, NULL, "out of memory");
    free(q);
}

static void do_sign_v1(answer *a, const cJSON *input) {
    ecskp_method m;
    if (method_of(a, input, &m) != 0)
        return;
    const cJSON *secret = member(a, input, "secret", 1, is_string, "a string");
    const cJSON *req =
        secret != NULL ? member(a, input, "request", 1, is_any, "a JSON object") : NULL;
    if (req == NULL)
        return;
    cJSON *copy = cJSON_Duplicate(req, 1);
    if (copy == NULL || op_fill_v1_defaults(copy) != 0) {
        cJSON_Delete(copy);
        refuse(a, ECSKP_ERR_OUT_OF_MEMORY, NULL, "out of memory");
        return;
    }
    a->status =
        op_sign_v1(copy, m, secret->valuestring, strlen(secret->valuestring), &a->out, &a->diag);
    cJSON_Delete(copy);
}

static void do_sign_v3(answer *a, const cJSON *input) {
    op_v3_options o;
    memset(&o, 0, sizeof o);
    if (method_of(a, input, &o.method) != 0)
        return;
    const cJSON *secret = member(a, input, "secret", 1, is_string, "a string");
    const cJSON *host = secret != NULL ? member(a, input, "host", 0, is_string, "a string") : NULL;
    const cJSON *ctype =
        a->status == ECSKP_OK ? member(a, input, "content_type", 0, is_string, "a string") : NULL;
    const cJSON *req =
        a->status == ECSKP_OK ? member(a, input, "request", 1, is_any, "a JSON object") : NULL;
    if (req == NULL)
        return;
    unsigned char *body = NULL;
    size_t body_len = 0;
    if (bytes_of(a, input, "body_base64", 0, &body, &body_len) != 0)
        return;
    o.host = host != NULL ? host->valuestring : NULL;
    o.content_type = ctype != NULL ? ctype->valuestring : NULL;
    o.body = body;
    o.body_len = body_len;
    a->status =
        op_sign_v3(req, &o, secret->valuestring, strlen(secret->valuestring), &a->out, &a->diag);
    free(body);
}

static void do_ids(answer *a, const cJSON *input) {
    const cJSON *strict = member(a, input, "strict", 0, is_bool, "true or false");
    if (a->status != ECSKP_OK)
        return;
    unsigned char *text = NULL;
    size_t len = 0;
    if (bytes_of(a, input, "text_base64", 1, &text, &len) != 0)
        return;
    char *ids = NULL;
    a->status = op_ids((const char *)text, len, cJSON_IsTrue(strict) ? ECSKP_IDS_STRICT : 0, &ids,
                       &a->diag);
    free(text);
    if (a->status != ECSKP_OK)
        return;
    a->out = cJSON_CreateObject();
    if (a->out == NULL || cJSON_AddStringToObject(a->out, "instance_ids", ids) == NULL)
        refuse(a, ECSKP_ERR_OUT_OF_MEMORY, NULL, "out of memory");
    free(ids);
}

/* A non-negative integer member that fits size_t, or -1 (refused). */
static int size_of(answer *a, const cJSON *obj, const char *name, size_t *out) {
    const cJSON *j = member(a, obj, name, 0, is_number, "a non-negative integer");
    if (j == NULL)
        return a->status == ECSKP_OK ? 0 : -1;
    double d = j->valuedouble;
    if (!(d >= 0 && d <= 9007199254740992.0) || d != (double)(unsigned long long)d) {
        refuse(a, ECSKP_ERR_INVALID_ARGUMENT, name, "a limit must be a non-negative integer");
        return -1;
    }
    *out = (size_t)d;
    return 0;
}

static void do_decode(answer *a, const cJSON *input) {
    ecskp_decode_options o;
    ecskp_limits limits;
    memset(&o, 0, sizeof o);
    memset(&limits, 0, sizeof limits);
    const cJSON *action = member(a, input, "action", 1, is_string, "a string");
    const cJSON *format =
        action != NULL ? member(a, input, "format", 1, is_string, "a string") : NULL;
    if (format == NULL)
        return;
    const cJSON *status = member(a, input, "http_status", 0, is_number, "an integer");
    const cJSON *lim =
        a->status == ECSKP_OK ? member(a, input, "limits", 0, is_object, "an object") : NULL;
    if (a->status != ECSKP_OK)
        return;
    /* Each limit the library names (ecskp_limit_describe); a value above its cap is refused
     * by the library, as for any caller. */
    const char *name = NULL;
    for (size_t i = 0; lim != NULL && ecskp_limit_describe(i, &name, NULL, NULL); i++) {
        size_t v = 0;
        if (size_of(a, lim, name, &v) != 0)
            return;
        a->status = ecskp_limits_set(&limits, name, v, &a->diag);
        if (a->status != ECSKP_OK)
            return;
    }
    /* Unknown names are left to the library, which refuses them with its own statuses
     * (invalid_argument for the action, unsupported_format for the format). */
    ecskp_action act = (ecskp_action)0;
    (void)ecskp_action_from_name(action->valuestring, &act);
    ecskp_format fmt = (ecskp_format)0;
    (void)ecskp_format_from_name(format->valuestring, &fmt);
    o.action = act;
    o.format = fmt;
    if (status != NULL) {
        double d = status->valuedouble;
        /* Out-of-range statuses still reach the library (as -1), which refuses them. */
        o.http_status = d >= 0 && d <= 100000 && d == (double)(int)d ? (int)d : -1;
    }
    o.limits = lim != NULL ? &limits : NULL;
    unsigned char *body = NULL;
    size_t len = 0;
    if (bytes_of(a, input, "body_base64", 1, &body, &len) != 0)
        return;
    a->status = op_decode(body, len, &o, &a->response, &a->diag);
    free(body);
}

static char *render(answer *a) {
    if (a->status != ECSKP_OK) {
        cJSON *e = cJSON_CreateObject();
        if (e == NULL)
            return NULL;
        const char *detail =
            a->diag.message[0] != '\0' ? a->diag.message : ecskp_status_meaning(a->status);
        char *text = NULL;
        if (cJSON_AddStringToObject(e, "error", ecskp_status_name(a->status)) != NULL &&
            cJSON_AddStringToObject(e, "detail", detail) != NULL)
            text = cJSON_PrintUnformatted(e);
        cJSON_Delete(e);
        return text;
    }
    if (a->response != NULL) {
        static const char head[] = "{\"response\":";
        size_t n = strlen(a->response);
        char *text = malloc(sizeof head + n + 1);
        if (text == NULL)
            return NULL;
        memcpy(text, head, sizeof head - 1);
        memcpy(text + sizeof head - 1, a->response, n);
        memcpy(text + sizeof head - 1 + n, "}", 2);
        return text;
    }
    return cJSON_PrintUnformatted(a->out);
}

int adapter_answer(const char *request, size_t len, char **text) {
    answer a;
    memset(&a, 0, sizeof a);
    ecskp_diag_clear(&a.diag);
    a.status = ECSKP_OK;
    cJSON *root = NULL;
    ecskp_status st = cli_request_parse(request, len, &root, &a.diag);
    if (st != ECSKP_OK) {
        a.status = st;
    } else if (!cJSON_IsObject(root)) {
        refuse(&a, ECSKP_ERR_INVALID_ARGUMENT, NULL,
               "a protocol request is one JSON object {\"operation\":...,\"input\":{...}}");
    } else {
        const cJSON *op = member(&a, root, "operation", 1, is_string, "a string");
        const cJSON *input =
            op != NULL ? member(&a, root, "input", 1, is_object, "an object") : NULL;
        if (input != NULL) {
            const char *name = op->valuestring;
            if (strcmp(name, "encode") == 0)
                do_encode(&a, input);
            else if (strcmp(name, "sign_v1") == 0)
                do_sign_v1(&a, input);
            else if (strcmp(name, "sign_v3") == 0)
                do_sign_v3(&a, input);
            else if (strcmp(name, "ids") == 0)
                do_ids(&a, input);
            else if (strcmp(name, "decode") == 0)
                do_decode(&a, input);
            else
                refuse(&a, ECSKP_ERR_INVALID_ARGUMENT, "operation",
                       "unknown operation; expected encode, sign_v1, sign_v3, ids or decode");
        }
    }
    *text = render(&a);
    cJSON_Delete(a.out);
    free(a.response);
    cJSON_Delete(root);
    return *text != NULL ? 0 : -1;
}
