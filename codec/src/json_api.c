/* SPDX-License-Identifier: MIT */
/*
 * json_api.c - ecskp/json.h: one call each for the canonical query, signing and decoding,
 * JSON in and JSON out. The input goes through the library's own JSON scan (strict, numbers
 * never converted); the answer is written by the bounded writer, measured first, then
 * allocated once. This is the one place where a request given as a JSON object becomes a
 * typed operation or a parameter list.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "ecskp/decode.h"
#include "ecskp/json.h"
#include "ecskp/sign.h"
#include "internal.h"
#include "sign/crypto.h"

/* Wipes the text of member `name` of an object, before the tree is freed. */
static void wipe_member(cJSON *root, const char *name) {
    cJSON *j = cJSON_GetObjectItemCaseSensitive(root, name);
    if (cJSON_IsString(j))
        ecskp__cleanse(j->valuestring, strlen(j->valuestring));
}

/* ---------------------------------------------------------------- reading the input */

static ecskp_status bad_input(ecskp_diag *diag, const char *field, const char *what) {
    return ecskp__refuse(diag, ECSKP_ERR_INVALID_ARGUMENT, field, "%s", what);
}

/* Parses a JSON object (strict spelling, numbers kept as tagged strings). */
static ecskp_status parse_object(const char *text, size_t len, const char *what, cJSON **root,
                                 ecskp_diag *diag) {
    *root = NULL;
    if (text == NULL && len > 0)
        return bad_input(diag, what, "the document is NULL with a length");
    if (len > ECSKP_JSON_INPUT_MAX)
        return bad_input(diag, what, "the document is longer than ECSKP_JSON_INPUT_MAX");
    ecskp__json_scan sc; /* not cleared: the scan sets what it reads */
    sc.max_depth = 16;
    sc.max_nodes = SIZE_MAX;
    ecskp_status rc = ecskp__json_scan_copy(text != NULL ? text : "", len, &sc, NULL);
    size_t at = sc.offset;
    if (rc == ECSKP_OK && ecskp__json_parse_tagged(&sc, 1, root, &at) != ECSKP__JSON_PARSED)
        rc = ECSKP_ERR_MALFORMED_BODY;
    if (sc.tagged != NULL) /* the copy may hold a secret; all of it, in case the scan failed */
        ecskp__cleanse(sc.tagged, sc.tagged_cap);
    ecskp__json_scan_done(&sc, NULL);
    if (rc == ECSKP_ERR_OUT_OF_MEMORY)
        return ecskp__refuse(diag, ECSKP_ERR_OUT_OF_MEMORY, what, NULL);
    if (rc != ECSKP_OK)
        return ecskp__fail(diag, ECSKP_ERR_INVALID_ARGUMENT, what, at, ECSKP_NO_INDEX,
                           "the %s is not valid JSON (%s near byte offset %zu)", what,
                           ecskp_status_name(rc), at);
    if (!cJSON_IsObject(*root)) {
        cJSON_Delete(*root);
        *root = NULL;
        return bad_input(diag, what, "the document is not a JSON object");
    }
    return ECSKP_OK;
}

static int is_text(const cJSON *j) {
    return cJSON_IsString(j) && j->valuestring[0] != ECSKP__JSON_NUMBER_TAG;
}

/* A string member: *out is its value, or NULL when absent and not required. */
static ecskp_status text_member(const cJSON *o, const char *name, int required, const char **out,
                                ecskp_diag *diag) {
    const cJSON *j = cJSON_GetObjectItemCaseSensitive(o, name);
    *out = NULL;
    if (j == NULL)
        return required ? bad_input(diag, name, "a required member is missing") : ECSKP_OK;
    if (!is_text(j))
        return bad_input(diag, name, "the member must be a string");
    *out = j->valuestring;
    return ECSKP_OK;
}

static ecskp_status bool_member(const cJSON *o, const char *name, int *out, ecskp_diag *diag) {
    const cJSON *j = cJSON_GetObjectItemCaseSensitive(o, name);
    *out = 0;
    if (j != NULL && !cJSON_IsBool(j))
        return bad_input(diag, name, "the member must be true or false");
    *out = cJSON_IsTrue(j);
    return ECSKP_OK;
}

/* A non-negative integer member, judged by its digits (no sign, fraction or exponent). */
static ecskp_status count_member(const cJSON *j, const char *name, size_t *out, ecskp_diag *diag) {
    *out = 0;
    const char *s = cJSON_IsString(j) ? j->valuestring : NULL;
    if (s == NULL || s[0] != ECSKP__JSON_NUMBER_TAG || s[1] == '\0')
        return bad_input(diag, name, "the member must be a non-negative integer");
    size_t v = 0;
    for (const char *p = s + 1; *p != '\0'; p++) {
        if (*p < '0' || *p > '9' || v > (SIZE_MAX - 9) / 10)
            return bad_input(diag, name, "the member must be a non-negative integer");
        v = v * 10 + (size_t)(*p - '0');
    }
    *out = v;
    return ECSKP_OK;
}

/* ---------------------------------------------------------------- the request object */

typedef struct json_request {
    ecskp_param params[ECSKP_MAX_PARAMS];
    size_t count;
    const char *ids[ECSKP_MAX_INSTANCE_IDS]; /* InstanceIds given as an array */
    size_t id_count;
    int ids_array;
    char ids_text[ECSKP_IDS_JSON_SIZE]; /* its compact text, for a generic request */
} json_request;

static void read_ids(const cJSON *array, json_request *r) {
    r->ids_array = 1;
    for (const cJSON *e = array->child; e != NULL; e = e->next, r->id_count++)
        if (r->id_count < ECSKP_MAX_INSTANCE_IDS)
            r->ids[r->id_count] = is_text(e) ? e->valuestring : NULL; /* NULL: not a string */
}

/* Every member a string, except InstanceIds, which may be an array of strings. */
static ecskp_status read_request(const cJSON *req, json_request *r, ecskp_diag *diag) {
    memset(r, 0, sizeof *r);
    if (!cJSON_IsObject(req))
        return bad_input(diag, "request", "the member must be an object of parameters");
    for (const cJSON *m = req->child; m != NULL; m = m->next) {
        if (r->count >= ECSKP_MAX_PARAMS)
            return ecskp__fail(diag, ECSKP_ERR_TOO_MANY_PARAMETERS, NULL, ECSKP_NO_OFFSET,
                               r->count + 1, "more than %d parameters", ECSKP_MAX_PARAMS);
        if (strcmp(m->string, "InstanceIds") == 0 && cJSON_IsArray(m)) {
            read_ids(m, r);
            r->params[r->count].name = m->string;
            r->params[r->count++].value = r->ids_text; /* filled for a generic request */
            continue;
        }
        if (!is_text(m)) /* the request's own mistake, as the suite judges it */
            return ecskp__refuse(diag, ECSKP_ERR_INVALID_PARAMETER_VALUE, m->string,
                                 "a parameter's value must be a string");
        r->params[r->count].name = m->string;
        r->params[r->count++].value = m->valuestring;
    }
    return ECSKP_OK;
}

static int is_typed(const json_request *r) {
    const char *action = ecskp__param_value(r->params, r->count, "Action");
    ecskp_action a;
    return action != NULL && ecskp_action_parse(action, &a, NULL) == ECSKP_OK;
}

/* `a` equals `b` ignoring ASCII letter case. */
static int same_ignoring_case(const char *a, const char *b) {
    for (; *a != '\0' && *b != '\0'; a++, b++) {
        char x = *a >= 'a' && *a <= 'z' ? (char)(*a - 'a' + 'A') : *a;
        char y = *b >= 'a' && *b <= 'z' ? (char)(*b - 'a' + 'A') : *b;
        if (x != y)
            return 0;
    }
    return *a == *b;
}

/*
 * What the typed layer's mapping would hide: an Action that is AttachKeyPair or DetachKeyPair
 * but for letter case (a typo, which the generic layer would send as given), and, in a typed
 * request, a name given twice (its typed field would keep the last value silently).
 */
static ecskp_status check_typed_request(const json_request *r, ecskp_diag *diag) {
    const char *action = ecskp__param_value(r->params, r->count, "Action");
    if (action != NULL && !is_typed(r) &&
        (same_ignoring_case(action, "AttachKeyPair") ||
         same_ignoring_case(action, "DetachKeyPair")))
        return ecskp__refuse(
            diag, ECSKP_ERR_INVALID_ACTION, "Action",
            "Action \"%s\" is AttachKeyPair or DetachKeyPair in another letter case", action);
    if (!is_typed(r))
        return ECSKP_OK;
    for (size_t i = 0; i < r->count; i++)
        for (size_t j = i + 1; j < r->count; j++)
            if (strcmp(r->params[i].name, r->params[j].name) == 0)
                return ecskp__refuse(diag, ECSKP_ERR_DUPLICATE_PARAMETER, r->params[i].name,
                                     "parameter %s occurs twice", r->params[i].name);
    return ECSKP_OK;
}

/* One parameter into the operation: a typed field when it is one, else into `extra`. */
static void to_field(const json_request *r, const ecskp_param *p, ecskp_keypair *op,
                     ecskp_param *extra) {
    if (strcmp(p->name, "Action") == 0) {
        if (ecskp_action_parse(p->value, &op->action, NULL) != ECSKP_OK)
            op->action = ECSKP_ACTION_UNSET; /* not reached: is_typed() said it parses */
        return;
    }
    if (strcmp(p->name, "InstanceIds") == 0) {
        if (r->ids_array) {
            op->instance_ids = r->ids;
            op->instance_id_count = r->id_count;
        } else {
            op->instance_ids_json = p->value;
        }
        return;
    }
    /* A Format other than JSON or XML goes through `extra`, which refuses it. */
    if (strcmp(p->name, "Format") == 0 &&
        ecskp_format_parse(p->value, &op->format, NULL) == ECSKP_OK)
        return;
    for (size_t i = 0; i < ECSKP__KEYPAIR_FIELDS; i++) {
        if (strcmp(p->name, ecskp__keypair_fields[i].name) == 0) {
            memcpy((char *)op + ecskp__keypair_fields[i].offset, &p->value, sizeof p->value);
            return;
        }
    }
    extra[op->extra_count++] = *p;
}

static void to_keypair(const json_request *r, ecskp_keypair *op, ecskp_param *extra) {
    memset(op, 0, sizeof *op);
    op->extra = extra;
    for (size_t i = 0; i < r->count; i++)
        to_field(r, &r->params[i], op, extra);
}

/* A generic request's InstanceIds array becomes its compact text. */
static ecskp_status generic_ids(json_request *r, ecskp_diag *diag) {
    size_t needed = 0;
    if (!r->ids_array)
        return ECSKP_OK;
    return ecskp_ids_build(r->ids, r->id_count, 0, r->ids_text, sizeof r->ids_text, &needed, diag);
}

/* ---------------------------------------------------------------- writing the answer */

typedef void (*answer_fn)(ecskp_writer *w, const void *what);

/* Runs `put` once to measure and once to write into one allocation. */
static ecskp_status answer(answer_fn put, const void *what, char **out, ecskp_diag *diag) {
    ecskp_writer w;
    ecskp__writer_init(&w, NULL, 0);
    put(&w, what);
    size_t size = w.len + 1;
    char *text = malloc(size);
    if (text == NULL)
        return ecskp__refuse(diag, ECSKP_ERR_OUT_OF_MEMORY, NULL, "%zu bytes for the answer", size);
    ecskp__writer_init(&w, text, size);
    put(&w, what);
    (void)ecskp__writer_finish(&w, NULL);
    *out = text;
    return ecskp__ok(diag);
}

static void put_member(ecskp_writer *w, int *first, const char *key, const char *value,
                       size_t len) {
    if (!*first)
        ecskp__putc(w, ',');
    *first = 0;
    ecskp__put_json_string(w, key, strlen(key));
    ecskp__putc(w, ':');
    ecskp__put_json_string(w, value, len);
}

static void put_text(ecskp_writer *w, int *first, const char *key, const char *value) {
    put_member(w, first, key, value, strlen(value));
}

/* The body as text when it is UTF-8 without NUL, else as body_base64. */
static void put_body(ecskp_writer *w, int *first, const char *body, size_t len) {
    if (ecskp__utf8_bad(body, len) == SIZE_MAX && memchr(body, 0, len) == NULL) {
        put_member(w, first, "body", body, len);
        return;
    }
    if (!*first)
        ecskp__putc(w, ',');
    *first = 0;
    ecskp__puts(w, "\"body_base64\":\"");
    unsigned char piece[48];
    char text[65];
    for (size_t i = 0; i < len; i += sizeof piece) { /* 48 bytes: no padding before the end */
        size_t n = len - i < sizeof piece ? len - i : sizeof piece;
        memcpy(piece, body + i, n);
        ecskp__put(w, text, ecskp__base64(piece, n, text));
    }
    ecskp__putc(w, '"');
}

static void put_signed(ecskp_writer *w, const void *what) {
    const ecskp_signed *s = what;
    int first = 1;
    ecskp__putc(w, '{');
    put_text(w, &first, "method", ecskp_method_name(s->method));
    put_text(w, &first, "path", s->path);
    put_text(w, &first, "query", s->query);
    put_body(w, &first, s->body, s->body_len);
    ecskp__puts(w, ",\"headers\":{");
    int hfirst = 1;
    for (size_t i = 0; i < s->header_count; i++)
        put_text(w, &hfirst, s->headers[i].name, s->headers[i].value);
    ecskp__putc(w, '}');
    put_text(w, &first, "canonical_query", s->canonical_query);
    if (s->signature == ECSKP_SIGNATURE_V3)
        put_text(w, &first, "canonical_request", s->canonical_request);
    put_text(w, &first, "string_to_sign", s->string_to_sign);
    put_text(w, &first, "signature", s->signature_value);
    if (s->signature == ECSKP_SIGNATURE_V1)
        put_text(w, &first, "signed_query", s->method == ECSKP_METHOD_GET ? s->query : s->body);
    else
        put_text(w, &first, "authorization", s->headers[s->header_count - 1].value);
    ecskp__putc(w, '}');
}

/* ---------------------------------------------------------------- signing */

typedef struct sign_input {
    ecskp_signer signer;
    ecskp_request request;
    unsigned char *body; /* decoded body_base64 */
    json_request req;
} sign_input;

static ecskp_status read_body(const cJSON *root, sign_input *in, ecskp_diag *diag) {
    const char *b64 = NULL;
    ECSKP_GUARD(text_member(root, "body_base64", 0, &b64, diag));
    ECSKP_GUARD(text_member(root, "content_type", 0, &in->request.content_type, diag));
    ECSKP_GUARD(text_member(root, "path", 0, &in->request.path, diag));
    if (b64 == NULL)
        return ECSKP_OK;
    size_t n = strlen(b64);
    in->body = malloc(n / 4 * 3 + 1);
    if (in->body == NULL)
        return ecskp__refuse(diag, ECSKP_ERR_OUT_OF_MEMORY, "body_base64", NULL);
    ecskp_status rc = ecskp__base64_decode(b64, n, in->body, &in->request.body_len);
    if (rc == ECSKP_ERR_INVALID_ARGUMENT)
        return bad_input(diag, "body_base64", "the member is not standard padded Base64");
    if (rc != ECSKP_OK)
        return ecskp__refuse(diag, rc, "body_base64", "Base64 needs the crypto backend");
    in->request.body = in->body;
    return ECSKP_OK;
}

static ecskp_status read_signer(const cJSON *root, ecskp_signer *s, ecskp_diag *diag) {
    const char *name = NULL;
    ECSKP_GUARD(text_member(root, "signature", 1, &name, diag));
    ECSKP_GUARD(ecskp_signature_parse(name, &s->signature, diag));
    ECSKP_GUARD(text_member(root, "method", 0, &name, diag));
    if (name != NULL)
        ECSKP_GUARD(ecskp_method_parse(name, &s->method, diag));
    ECSKP_GUARD(text_member(root, "secret", 1, &s->secret, diag));
    s->secret_len = strlen(s->secret);
    ECSKP_GUARD(text_member(root, "host", 0, &s->host, diag));
    ECSKP_GUARD(text_member(root, "access_key_id", 0, &s->access_key_id, diag));
    ECSKP_GUARD(text_member(root, "security_token", 0, &s->security_token, diag));
    ECSKP_GUARD(text_member(root, "timestamp", 0, &s->timestamp, diag));
    ECSKP_GUARD(text_member(root, "nonce", 0, &s->nonce, diag));
    int generate = 0;
    ECSKP_GUARD(bool_member(root, "generate", &generate, diag));
    if (generate) {
        s->clock = ecskp_clock_system;
        s->nonce_source = ecskp_nonce_system;
    }
    return ECSKP_OK;
}

static ecskp_status sign_input_run(const cJSON *root, sign_input *in, ecskp_signed **signed_out,
                                   ecskp_diag *diag) {
    ECSKP_GUARD(read_signer(root, &in->signer, diag));
    ECSKP_GUARD(read_request(cJSON_GetObjectItemCaseSensitive(root, "request"), &in->req, diag));
    ECSKP_GUARD(read_body(root, in, diag));
    ECSKP_GUARD(check_typed_request(&in->req, diag));
    if (is_typed(&in->req)) {
        if (in->request.body_len > 0 || in->request.content_type != NULL)
            return bad_input(diag, "body_base64",
                             "an AttachKeyPair/DetachKeyPair request carries its parameters in "
                             "the query with an empty body; leave out the body and content "
                             "type");
        ecskp_keypair op;
        ecskp_param extra[ECSKP_MAX_PARAMS];
        to_keypair(&in->req, &op, extra);
        return ecskp_keypair_sign_alloc(&in->signer, &op, NULL, signed_out, diag);
    }
    ECSKP_GUARD(generic_ids(&in->req, diag));
    in->request.params = in->req.params;
    in->request.count = in->req.count;
    return ecskp_request_sign_alloc(&in->signer, &in->request, NULL, signed_out, diag);
}

ecskp_status ecskp_json_sign(const char *input, size_t len, char **out, ecskp_diag *diag) {
    if (out == NULL)
        return bad_input(diag, "out", "out is NULL");
    *out = NULL;
    cJSON *root = NULL;
    ECSKP_GUARD(parse_object(input, len, "input", &root, diag));
    sign_input *in = calloc(1, sizeof *in);
    ecskp_signed *s = NULL;
    ecskp_status rc = ECSKP_ERR_OUT_OF_MEMORY;
    if (in == NULL)
        (void)ecskp__refuse(diag, rc, NULL, NULL);
    else
        rc = sign_input_run(root, in, &s, diag);
    if (rc == ECSKP_OK && s != NULL)
        rc = answer(put_signed, s, out, diag);
    ecskp_signed_free(s);
    if (in != NULL)
        free(in->body);
    free(in);
    wipe_member(root, "secret");
    cJSON_Delete(root);
    return rc;
}

/* ---------------------------------------------------------------- the canonical query */

static void put_query(ecskp_writer *w, const void *what) {
    ecskp__puts(w, "{\"canonical_query\":");
    ecskp__put_json_string(w, what, strlen(what));
    ecskp__putc(w, '}');
}

/* The canonical query of a request, into *query (malloc). */
static ecskp_status query_of(json_request *r, char **query, ecskp_diag *diag) {
    ecskp_param_set *set = NULL;
    const ecskp_param *params = r->params;
    size_t count = r->count, needed = 0;
    ecskp_status rc = check_typed_request(r, diag);
    if (rc != ECSKP_OK)
        return rc;
    if (is_typed(r)) {
        ecskp_keypair op;
        ecskp_param extra[ECSKP_MAX_PARAMS];
        to_keypair(r, &op, extra);
        set = malloc(sizeof *set);
        rc = set == NULL ? ECSKP_ERR_OUT_OF_MEMORY : ecskp_keypair_build(&op, set, diag);
        if (set != NULL) {
            params = set->params;
            count = set->count;
        }
    } else {
        rc = generic_ids(r, diag);
    }
    if (rc == ECSKP_OK)
        rc = ecskp_query_build(params, count, NULL, 0, &needed, diag);
    if (rc == ECSKP_ERR_BUFFER_TOO_SMALL && needed > 0) { /* needed counts the NUL */
        *query = malloc(needed);
        rc = *query == NULL ? ECSKP_ERR_OUT_OF_MEMORY
                            : ecskp_query_build(params, count, *query, needed, &needed, diag);
    }
    free(set);
    if (rc == ECSKP_ERR_OUT_OF_MEMORY)
        return ecskp__refuse(diag, rc, NULL, NULL);
    return rc;
}

ecskp_status ecskp_json_query(const char *input, size_t len, char **out, ecskp_diag *diag) {
    if (out == NULL)
        return bad_input(diag, "out", "out is NULL");
    *out = NULL;
    cJSON *root = NULL;
    ECSKP_GUARD(parse_object(input, len, "input", &root, diag));
    json_request *r = malloc(sizeof *r);
    char *query = NULL;
    ecskp_status rc = ECSKP_ERR_OUT_OF_MEMORY;
    if (r == NULL)
        (void)ecskp__refuse(diag, rc, NULL, NULL);
    else
        rc = read_request(cJSON_GetObjectItemCaseSensitive(root, "request"), r, diag);
    if (rc == ECSKP_OK && r != NULL)
        rc = query_of(r, &query, diag);
    if (rc == ECSKP_OK && query != NULL)
        rc = answer(put_query, query, out, diag);
    free(query);
    free(r);
    cJSON_Delete(root);
    return rc;
}

/* ---------------------------------------------------------------- decoding */

static ecskp_status read_limits(const cJSON *root, ecskp_limits *limits, int *given,
                                ecskp_diag *diag) {
    const cJSON *lim = cJSON_GetObjectItemCaseSensitive(root, "limits");
    *given = lim != NULL;
    if (lim == NULL)
        return ECSKP_OK;
    if (!cJSON_IsObject(lim))
        return bad_input(diag, "limits", "the member must be an object");
    for (const cJSON *m = lim->child; m != NULL; m = m->next) {
        size_t v = 0;
        ECSKP_GUARD(count_member(m, m->string, &v, diag));
        ECSKP_GUARD(ecskp_limits_set(limits, m->string, v, diag));
    }
    return ECSKP_OK;
}

/* The format words of the suite ("json", "xml") or of the wire ("JSON", "XML"). */
static ecskp_status read_format(const char *name, ecskp_format *f, ecskp_diag *diag) {
    if (strcmp(name, "json") == 0 || strcmp(name, "xml") == 0)
        name = name[0] == 'j' ? "JSON" : "XML";
    if (ecskp_format_parse(name, f, NULL) != ECSKP_OK)
        return ecskp__refuse(diag, ECSKP_ERR_UNSUPPORTED_FORMAT, "format",
                             "format \"%.40s\" is neither json nor xml", name);
    return ECSKP_OK;
}

static ecskp_status read_options(const cJSON *root, ecskp_decode_options *o, ecskp_limits *lim,
                                 ecskp_diag *diag) {
    const char *name = NULL;
    ECSKP_GUARD(text_member(root, "action", 1, &name, diag));
    if (ecskp_action_parse(name, &o->action, NULL) != ECSKP_OK)
        return bad_input(diag, "action", "action is neither AttachKeyPair nor DetachKeyPair");
    ECSKP_GUARD(text_member(root, "format", 1, &name, diag));
    ECSKP_GUARD(read_format(name, &o->format, diag));
    const cJSON *status = cJSON_GetObjectItemCaseSensitive(root, "http_status");
    if (status != NULL) {
        size_t v = 0;
        ECSKP_GUARD(count_member(status, "http_status", &v, diag));
        o->http_status = v <= 100000 ? (int)v : -1; /* out of range: the decoder refuses it */
    }
    int allow = 0, given = 0;
    ECSKP_GUARD(bool_member(root, "allow_inconsistent", &allow, diag));
    o->flags = allow ? ECSKP_DECODE_ALLOW_INCONSISTENT : 0;
    ECSKP_GUARD(read_limits(root, lim, &given, diag));
    o->limits = given ? lim : NULL;
    return ECSKP_OK;
}

static void put_response(ecskp_writer *w, const void *what) {
    size_t needed = 0;
    /* ecskp_response_to_json() writes into a buffer of its own; measure it, then copy. */
    ecskp_status rc = ecskp_response_to_json(what, NULL, 0, &needed, NULL);
    if (rc != ECSKP_ERR_BUFFER_TOO_SMALL)
        return;
    char *d = ecskp__writer_room(w, needed - 1);
    if (d != NULL) {
        if (ecskp_response_to_json(what, d, needed, &needed, NULL) == ECSKP_OK)
            ecskp__writer_advance(w, d + needed - 1);
    } else {
        ecskp__writer_skip(w, needed - 1);
    }
}

ecskp_status ecskp_json_decode(const void *body, size_t len, const char *options,
                               size_t options_len, char **out, ecskp_diag *diag) {
    if (out == NULL)
        return bad_input(diag, "out", "out is NULL");
    *out = NULL;
    cJSON *root = NULL;
    ECSKP_GUARD(parse_object(options, options_len, "options", &root, diag));
    ecskp_decode_options o;
    ecskp_limits lim;
    memset(&o, 0, sizeof o);
    memset(&lim, 0, sizeof lim);
    ecskp_status rc = read_options(root, &o, &lim, diag);
    cJSON_Delete(root);
    ecskp_response *resp = NULL;
    if (rc == ECSKP_OK)
        rc = ecskp_response_decode(body, len, &o, &resp, diag);
    if (rc == ECSKP_OK)
        rc = answer(put_response, resp, out, diag);
    ecskp_response_free(resp);
    return rc;
}

void ecskp_json_free(char *text) {
    free(text);
}
