/* SPDX-License-Identifier: MIT */
/*
 * fuzz_json - the JSON entry points of ecskp/json.h over fuzzed documents.
 *
 * Targets: ecskp_json_sign(), ecskp_json_query(), ecskp_json_decode(), ecskp_json_free(), and
 * through them the library's strict JSON scan of the input document, the mapping of a flat
 * parameter map to a typed operation or a generic list, the signers and the decoder.
 *
 * Input: byte 0 chooses the entry point (bits 0-1: 0 ecskp_json_sign, 1 ecskp_json_query,
 * 2 and 3 ecskp_json_decode). Sign and query: the rest is the input document. Decode: the
 * rest up to the first '\n' is the options document, what follows the body. Each is passed in
 * an exact-size heap block without a NUL, so a read past its length is caught.
 *
 * Properties (abort on violation):
 *   - no crash, no leak; the status is in the set json.h documents for the function (its own
 *     invalid_argument, out_of_memory, unsupported, plus the errors of the functions it calls)
 *     and in the diag; on failure *out is NULL, on success it is one JSON text that stock
 *     cJSON parses as an object, with nothing after it;
 *   - sign: the answer has the members json.h lists, all strings (headers an object of
 *     strings); signed_query (1.0) is the query of a GET or the body of a POST, and
 *     authorization (V3) is the last header's value;
 *   - query: the answer is exactly {"canonical_query": "<string>"};
 *   - decode: the answer is a normalized response (an "Error" object or a "RequestId"
 *     string), and when the options read by cJSON here are plain (an action, a format word,
 *     an integer http_status, a bool, integer limits), ecskp_response_decode() with those
 *     options gives the same status and ecskp_response_to_json() the same text.
 */
#include <cjson/cJSON.h>
#include <ecskp/json.h>

#include "fuzz_decode_common.h"

/* ecskp_json_query(): its own errors, ecskp_keypair_build()'s and ecskp_query_build()'s (and
 * ecskp_ids_build()'s for a generic InstanceIds array). */
static int query_status(ecskp_status rc) {
    switch (rc) {
    case ECSKP_ERR_INVALID_ARGUMENT:
    case ECSKP_ERR_OUT_OF_MEMORY:
    case ECSKP_ERR_INVALID_PARAMETER_NAME:
    case ECSKP_ERR_DUPLICATE_PARAMETER:
    case ECSKP_ERR_INVALID_UTF8:
    case ECSKP_ERR_TOO_MANY_PARAMETERS:
    case ECSKP_ERR_MISSING_PARAMETER:
    case ECSKP_ERR_MISSPELLED_PARAMETER:
    case ECSKP_ERR_INVALID_ACTION:
    case ECSKP_ERR_INVALID_PARAMETER_VALUE:
    case ECSKP_ERR_INVALID_TIMESTAMP:
    case ECSKP_ERR_VALUE_TOO_LONG:
    case ECSKP_ERR_IDS_MALFORMED:
    case ECSKP_ERR_IDS_NOT_ARRAY:
    case ECSKP_ERR_IDS_EMPTY:
    case ECSKP_ERR_IDS_TOO_MANY:
    case ECSKP_ERR_IDS_INVALID_ELEMENT:
    case ECSKP_ERR_IDS_DUPLICATE:
        return 1;
    default:
        return 0;
    }
}

/* ecskp_json_sign(): those, unsupported, and the signers' own. */
static int sign_status(ecskp_status rc) {
    return query_status(rc) || rc == ECSKP_ERR_UNSUPPORTED || rc == ECSKP_ERR_MISSING_SECRET ||
           rc == ECSKP_ERR_CRYPTO_FAILURE || rc == ECSKP_ERR_RANDOM_FAILURE;
}

/* The answer: one JSON object, nothing after it. */
static cJSON *parse_answer(const char *out) {
    const char *end = NULL;
    cJSON *j = cJSON_ParseWithOpts(out, &end, 1);
    if (!j || !cJSON_IsObject(j))
        fprintf(stderr, "answer is not a JSON object: %s\n", out);
    FUZZ_CHECK(j != NULL && cJSON_IsObject(j) && end && *end == '\0');
    return j;
}

static const char *string_member(const cJSON *o, const char *name) {
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(o, name);
    FUZZ_CHECK(cJSON_IsString(m));
    return m->valuestring;
}

static void check_sign_answer(const cJSON *a) {
    static const char *const always[] = {"method",          "path",           "query",
                                         "canonical_query", "string_to_sign", "signature"};
    for (size_t i = 0; i < sizeof always / sizeof always[0]; i++)
        (void)string_member(a, always[i]);
    const char *method = string_member(a, "method");
    FUZZ_CHECK(strcmp(method, "POST") == 0 || strcmp(method, "GET") == 0);
    const cJSON *body = cJSON_GetObjectItemCaseSensitive(a, "body");
    const cJSON *body64 = cJSON_GetObjectItemCaseSensitive(a, "body_base64");
    FUZZ_CHECK((cJSON_IsString(body) != 0) != (cJSON_IsString(body64) != 0));
    const cJSON *headers = cJSON_GetObjectItemCaseSensitive(a, "headers");
    FUZZ_CHECK(cJSON_IsObject(headers));
    const cJSON *last = NULL;
    for (const cJSON *h = headers->child; h; h = h->next) {
        FUZZ_CHECK(cJSON_IsString(h) && h->string != NULL);
        last = h;
    }
    const cJSON *sq = cJSON_GetObjectItemCaseSensitive(a, "signed_query");
    if (sq) { /* signature 1.0 */
        FUZZ_CHECK(cJSON_IsString(sq));
        FUZZ_CHECK(cJSON_GetObjectItemCaseSensitive(a, "authorization") == NULL);
        const char *carrier = strcmp(method, "GET") == 0 ? string_member(a, "query")
                                                         : (body ? body->valuestring : "");
        FUZZ_CHECK(strcmp(sq->valuestring, carrier) == 0);
    } else { /* V3 */
        (void)string_member(a, "canonical_request");
        const char *auth = string_member(a, "authorization");
        FUZZ_CHECK(last != NULL && strcmp(last->string, "authorization") == 0);
        FUZZ_CHECK(strcmp(last->valuestring, auth) == 0);
    }
}

static void check_query_answer(const cJSON *a) {
    FUZZ_CHECK(a->child != NULL && a->child->next == NULL);
    FUZZ_CHECK(strcmp(a->child->string, "canonical_query") == 0 && cJSON_IsString(a->child));
}

/* ---------------------------------------------------------------- decode */

/* An integer cJSON number that a double holds exactly, into *v. */
static int plain_count(const cJSON *j, double max, size_t *v) {
    if (!cJSON_IsNumber(j) || j->valuedouble < 0 || j->valuedouble > max ||
        j->valuedouble != (double)(size_t)j->valuedouble)
        return 0;
    *v = (size_t)j->valuedouble;
    return 1;
}

static int plain_limits(const cJSON *lim, ecskp_limits *l) {
    if (!cJSON_IsObject(lim))
        return 0;
    for (const cJSON *m = lim->child; m; m = m->next) {
        size_t v = 0;
        if (!plain_count(m, 1e15, &v) || ecskp_limits_set(l, m->string, v, NULL) != ECSKP_OK)
            return 0;
    }
    return 1;
}

/* The options as a C caller would pass them, when they are plain (1 = read). */
static int plain_options(const char *text, size_t len, ecskp_decode_options *o, ecskp_limits *l) {
    cJSON *j = cJSON_ParseWithLength(text, len);
    int ok = cJSON_IsObject(j);
    const cJSON *action = cJSON_GetObjectItemCaseSensitive(j, "action");
    const cJSON *format = cJSON_GetObjectItemCaseSensitive(j, "format");
    ok = ok && cJSON_IsString(action) && cJSON_IsString(format);
    ok = ok && ecskp_action_parse(action->valuestring, &o->action, NULL) == ECSKP_OK;
    if (ok) {
        const char *f = format->valuestring;
        o->format = strcmp(f, "json") == 0 || strcmp(f, "JSON") == 0 ? ECSKP_FORMAT_JSON
                    : strcmp(f, "xml") == 0 || strcmp(f, "XML") == 0 ? ECSKP_FORMAT_XML
                                                                     : ECSKP_FORMAT_UNSET;
        ok = o->format != ECSKP_FORMAT_UNSET;
    }
    const cJSON *http = cJSON_GetObjectItemCaseSensitive(j, "http_status");
    size_t status = 0;
    if (ok && http)
        ok = plain_count(http, 100000, &status);
    o->http_status = (int)status;
    const cJSON *allow = cJSON_GetObjectItemCaseSensitive(j, "allow_inconsistent");
    if (ok && allow)
        ok = cJSON_IsBool(allow);
    o->flags = cJSON_IsTrue(allow) ? ECSKP_DECODE_ALLOW_INCONSISTENT : 0;
    const cJSON *lim = cJSON_GetObjectItemCaseSensitive(j, "limits");
    if (ok && lim)
        ok = plain_limits(lim, l);
    o->limits = lim ? l : NULL;
    cJSON_Delete(j);
    return ok;
}

static void check_decode(const uint8_t *body, size_t blen, const char *opts, size_t olen,
                         ecskp_status rc, const char *out) {
    if (rc == ECSKP_OK) {
        cJSON *a = parse_answer(out);
        const cJSON *err = cJSON_GetObjectItemCaseSensitive(a, "Error");
        FUZZ_CHECK(cJSON_IsObject(err) ||
                   cJSON_IsString(cJSON_GetObjectItemCaseSensitive(a, "RequestId")));
        cJSON_Delete(a);
    } else {
        FUZZ_CHECK(fuzz_decode_status_documented(rc));
    }
    ecskp_decode_options o;
    ecskp_limits l;
    memset(&o, 0, sizeof o);
    memset(&l, 0, sizeof l);
    if (rc == ECSKP_ERR_INVALID_ARGUMENT || !plain_options(opts, olen, &o, &l))
        return;
    ecskp_response *r = NULL;
    ecskp_status rc2 = ecskp_response_decode(body, blen, &o, &r, NULL);
    if (rc2 != rc)
        fprintf(stderr, "ecskp_json_decode: %s, ecskp_response_decode: %s\n", ecskp_status_name(rc),
                ecskp_status_name(rc2));
    FUZZ_CHECK(rc2 == rc);
    if (rc2 == ECSKP_OK) {
        char *norm = fuzz_normalized(r);
        FUZZ_CHECK(strcmp(norm, out) == 0);
        free(norm);
    }
    ecskp_response_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size == 0)
        return 0;
    unsigned mode = data[0] & 3;
    const uint8_t *rest = data + 1;
    size_t n = size - 1;
    size_t olen = n;
    if (mode >= 2) {
        const uint8_t *nl = memchr(rest, '\n', n);
        olen = nl ? (size_t)(nl - rest) : n;
    }
    char *doc = (char *)fuzz_exact_copy(rest, olen);
    size_t blen = mode >= 2 && olen < n ? n - olen - 1 : 0;
    uint8_t *body = fuzz_exact_copy(rest + (n - blen), blen);
    char *out = (char *)(uintptr_t)1;
    ecskp_diag diag;
    ecskp_status rc = mode == 0   ? ecskp_json_sign(doc, olen, &out, &diag)
                      : mode == 1 ? ecskp_json_query(doc, olen, &out, &diag)
                                  : ecskp_json_decode(body, blen, doc, olen, &out, &diag);
    FUZZ_CHECK(diag.status == rc);
    FUZZ_CHECK((rc == ECSKP_OK) == (out != NULL));
    if (mode == 0)
        FUZZ_CHECK(rc == ECSKP_OK || sign_status(rc));
    if (mode == 1)
        FUZZ_CHECK(rc == ECSKP_OK || query_status(rc));
    if (mode <= 1 && rc == ECSKP_OK) {
        cJSON *a = parse_answer(out);
        if (mode == 0)
            check_sign_answer(a);
        else
            check_query_answer(a);
        cJSON_Delete(a);
    }
    if (mode >= 2)
        check_decode(body, blen, doc, olen, rc, out);
    ecskp_json_free(out);
    free(body);
    free(doc);
    return 0;
}
