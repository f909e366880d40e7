/* SPDX-License-Identifier: MIT */
/*
 * test_json.c - the JSON entry points (ecskp/json.h): ecskp_json_sign over every documented
 * sign_v1 and sign_v3 case, ecskp_json_query over the documented encode cases,
 * ecskp_json_decode over the documented decode cases, generated Timestamp and SignatureNonce,
 * and the refusals, each with its exact status and diag.field.
 *
 * The documented cases come from vectors.h (the conformance suite's case folders): the input
 * document of a case is {"signature": "v1" | "v3"} plus the case's input plus "request", as
 * conformance/README.md describes, and the answer's members must equal the case's artifacts
 * byte for byte.
 */
#include <stdlib.h>
#include <string.h>

#include "ecskp_test_vectors.h"

/* ------------------------------------------------------------------ helpers */

/* The members of an object, in order, joined by ','. */
static void member_names(const cJSON *o, char *out, size_t cap) {
    out[0] = '\0';
    for (const cJSON *m = o != NULL ? o->child : NULL; m != NULL; m = m->next) {
        size_t at = strlen(out);
        (void)snprintf(out + at, cap - at, "%s%s", at > 0 ? "," : "", m->string);
    }
}

/* ------------------------------------------------------------------ ecskp_json_sign */

/* The answer of a documented case: every artifact, the members in the order of json.h, and
 * where the signed form goes. */
static void check_sign_answer(const ecskp_vector *v, const cJSON *answer) {
    cJSON *arts = cJSON_Parse(v->artifacts);
    char names[512];
    int v3 = strcmp(v->area, "sign_v3") == 0;
    for (const cJSON *a = arts != NULL ? arts->child : NULL; a != NULL; a = a->next)
        ecskp_test_str(v->name, a->string, ecskp_test_json_str(answer, a->string), a->valuestring);
    member_names(answer, names, sizeof names);
    ecskp_test_str(v->name, "the answer's members, in order", names,
                   v3 ? "method,path,query,body,headers,canonical_query,canonical_request,"
                        "string_to_sign,signature,authorization"
                      : "method,path,query,body,headers,canonical_query,string_to_sign,"
                        "signature,signed_query");
    cJSON *input = cJSON_Parse(v->input);
    const char *method = ecskp_test_json_str(input, "method") != NULL
                             ? ecskp_test_json_str(input, "method")
                             : "POST";
    const cJSON *headers = cJSON_GetObjectItemCaseSensitive(answer, "headers");
    ecskp_test_str(v->name, "method", ecskp_test_json_str(answer, "method"), method);
    ecskp_test_str(v->name, "path", ecskp_test_json_str(answer, "path"), "/");
    if (v3) {
        ecskp_test_str(v->name, "headers.authorization",
                       ecskp_test_json_str(headers, "authorization"),
                       ecskp_test_json_str(arts, "authorization"));
        ecskp_test_str(v->name, "headers.host", ecskp_test_json_str(headers, "host"),
                       ecskp_test_json_str(input, "host"));
        ecskp_test_str(v->name, "query", ecskp_test_json_str(answer, "query"),
                       ecskp_test_json_str(answer, "canonical_query"));
    } else {
        int get = strcmp(method, "GET") == 0;
        ecskp_test_str(v->name, "V1: the signed form is the query (GET) or the body (POST)",
                       ecskp_test_json_str(answer, get ? "query" : "body"),
                       ecskp_test_json_str(arts, "signed_query"));
        ecskp_test_str(v->name, "V1: the other one is empty",
                       ecskp_test_json_str(answer, get ? "body" : "query"), "");
        ecskp_test_str(v->name, "V1 POST: content-type",
                       ecskp_test_json_str(headers, "content-type"),
                       get ? NULL : "application/x-www-form-urlencoded");
    }
    cJSON_Delete(input);
    cJSON_Delete(arts);
}

/* ecskp_json_sign of a document (it must succeed): the answer, parsed (delete it). */
static cJSON *json_signed(const char *src, const char *doc) {
    char *out = NULL;
    ecskp_diag d;
    ECSKP_EXPECT_OK(src, ecskp_json_sign(doc, strlen(doc), &out, &d), &d);
    cJSON *answer = cJSON_Parse(out);
    ecskp_test_true(src, "the answer is a JSON object", cJSON_IsObject(answer));
    ecskp_json_free(out);
    return answer;
}

static void test_sign_vector(void **state) {
    const ecskp_vector *v = *state;
    char *doc = ecskp_test_vector_document(v);
    cJSON *answer = json_signed(v->name, doc);
    check_sign_answer(v, answer);
    cJSON_Delete(answer);
    cJSON_free(doc);
}

/* A V3 body through JSON is signed as ecskp_request_sign() signs it; text that is UTF-8 comes
 * back as "body", other bytes as "body_base64". */
typedef struct body_row {
    const char *src;
    const char *body;
    size_t body_len;
    const char *member; /* where the answer carries it */
} body_row;

static const body_row body_rows[] = {
    {.src = "json.h: a UTF-8 body comes back as text",
     .body = "{\"a\":1}",
     .body_len = 7,
     .member = "body"},
    {.src = "json.h: a body that is not UTF-8 comes back as body_base64",
     .body = "\377\000\001",
     .body_len = 3,
     .member = "body_base64"},
};

static void test_sign_body(void **state) {
    const body_row *r = *state;
    static const ecskp_param params[] = {{"Action", "RunInstances"}, {"Version", "2014-05-26"}};
    ecskp_signer s = {.signature = ECSKP_SIGNATURE_V3,
                      .host = "ecs.aliyuncs.com",
                      .access_key_id = "id",
                      .secret = "secret",
                      .secret_len = 6,
                      .timestamp = "2023-10-26T10:22:32Z",
                      .nonce = "3156853299f313e23d1673dc12e1703d"};
    ecskp_request q = {.params = params,
                       .count = COUNT(params),
                       .body = r->body,
                       .body_len = r->body_len,
                       .content_type = "application/json"};
    ecskp_signed *want = NULL;
    ecskp_diag d;
    ECSKP_EXPECT_OK(r->src, ecskp_request_sign_alloc(&s, &q, NULL, &want, &d), &d);
    char *b64 = ecskp_test_base64(r->body, r->body_len), doc[1024];
    (void)snprintf(doc, sizeof doc,
                   "{\"signature\":\"v3\",\"secret\":\"secret\",\"host\":\"ecs.aliyuncs.com\","
                   "\"access_key_id\":\"id\",\"timestamp\":\"2023-10-26T10:22:32Z\","
                   "\"nonce\":\"3156853299f313e23d1673dc12e1703d\",\"content_type\":"
                   "\"application/json\",\"body_base64\":\"%s\",\"request\":{\"Action\":"
                   "\"RunInstances\",\"Version\":\"2014-05-26\"}}",
                   b64);
    cJSON *answer = json_signed(r->src, doc);
    ecskp_test_str(r->src, "canonical_request", ecskp_test_json_str(answer, "canonical_request"),
                   want->canonical_request);
    ecskp_test_str(r->src, "signature", ecskp_test_json_str(answer, "signature"),
                   want->signature_value);
    ecskp_test_str(r->src, r->member, ecskp_test_json_str(answer, r->member),
                   strcmp(r->member, "body") == 0 ? r->body : b64);
    cJSON_Delete(answer);
    ecskp_signed_free(want);
    free(b64);
}

/* "generate": true draws what neither the signer nor the request gives: a Timestamp that
 * ecskp_timestamp_check() accepts and a nonce of 32 lower-case hex characters. */
static void generated_v3(const char *src, char nonce[ECSKP_NONCE_SIZE]) {
    static const char doc[] =
        "{\"signature\":\"v3\",\"secret\":\"s\",\"host\":\"ecs.aliyuncs.com\",\"generate\":true,"
        "\"request\":{\"Action\":\"DescribeRegions\",\"Version\":\"2014-05-26\","
        "\"AccessKeyId\":\"testid\"}}";
    ecskp_diag d;
    cJSON *answer = json_signed(src, doc);
    const cJSON *headers = cJSON_GetObjectItemCaseSensitive(answer, "headers");
    ECSKP_EXPECT_OK(src, ecskp_timestamp_check(ecskp_test_json_str(headers, "x-acs-date"), &d), &d);
    ecskp_test_true(src, "x-acs-signature-nonce is 32 lower-case hex",
                    ecskp_test_is_hex32(ecskp_test_json_str(headers, "x-acs-signature-nonce")));
    (void)snprintf(nonce, ECSKP_NONCE_SIZE, "%s",
                   ecskp_test_json_str(headers, "x-acs-signature-nonce"));
    cJSON_Delete(answer);
}

/* The value of `name` in a canonical query, percent-decoded. */
static void query_value(const char *query, const char *name, char *out, size_t cap) {
    char key[64];
    (void)snprintf(key, sizeof key, "%s=", name);
    const char *p = strstr(query, key);
    size_t n = 0;
    for (p = p != NULL ? p + strlen(key) : ""; *p != '\0' && *p != '&' && n + 1 < cap; p++) {
        if (p[0] == '%' && p[1] == '3' && p[2] == 'A') {
            out[n++] = ':';
            p += 2;
        } else {
            out[n++] = *p;
        }
    }
    out[n] = '\0';
}

static void test_generate(void **state) {
    (void)state;
    char a[ECSKP_NONCE_SIZE], b[ECSKP_NONCE_SIZE], ts[64], nonce[64];
    generated_v3("json.h generate, V3: x-acs-date and x-acs-signature-nonce", a);
    generated_v3("json.h generate, V3, again", b);
    ecskp_test_true("json.h generate", "two nonces differ", strcmp(a, b) != 0);

    const char *src = "json.h generate, typed V1: Timestamp and SignatureNonce in the query";
    static const char doc[] =
        "{\"signature\":\"v1\",\"method\":\"GET\",\"secret\":\"s\",\"access_key_id\":\"testid\","
        "\"generate\":true,\"request\":{\"Action\":\"AttachKeyPair\",\"RegionId\":\"cn-qingdao\","
        "\"KeyPairName\":\"test\",\"InstanceIds\":[\"i-XXXXX\"]}}";
    ecskp_diag d;
    cJSON *answer = json_signed(src, doc);
    query_value(ecskp_test_json_str(answer, "canonical_query"), "Timestamp", ts, sizeof ts);
    query_value(ecskp_test_json_str(answer, "canonical_query"), "SignatureNonce", nonce,
                sizeof nonce);
    ECSKP_EXPECT_OK(src, ecskp_timestamp_check(ts, &d), &d);
    ecskp_test_true(src, "SignatureNonce is 32 lower-case hex", ecskp_test_is_hex32(nonce));
    cJSON_Delete(answer);

    /* Without "generate", a typed request needs the two from the signer or the request. */
    static const char without[] =
        "{\"signature\":\"v1\",\"secret\":\"s\",\"access_key_id\":\"testid\",\"request\":{"
        "\"Action\":\"AttachKeyPair\",\"RegionId\":\"cn-qingdao\",\"KeyPairName\":\"test\","
        "\"InstanceIds\":[\"i-XXXXX\"]}}";
    static char sentinel[1];
    char *out = sentinel; /* not NULL: the call must reset it */
    ECSKP_EXPECT_DIAG("json.h: no generate, no Timestamp",
                      ecskp_json_sign(without, strlen(without), &out, &d), &d,
                      ECSKP_ERR_MISSING_PARAMETER, "Timestamp", NO_OFF, NO_IDX);
    ecskp_test_true("json.h: no generate, no Timestamp", "*out is NULL", out == NULL);
}

/* ------------------------------------------------------------------ ecskp_json_query */

/* Every documented encode case: {"request": ...} gives exactly {"canonical_query":"..."}. */
static void test_query_vectors(void **state) {
    (void)state;
    size_t ran = 0;
    ECSKP_TEST_FOR_VECTORS(v, "encode") {
        char *text = ecskp_test_vector_document(v), *out = NULL, want[2048];
        const char *query = ecskp_test_vector_artifact(v, "canonical_query");
        ecskp_diag d;
        ecskp_test_true(v->name, "a documented encode case has a canonical query", query != NULL);
        (void)snprintf(want, sizeof want, "{\"canonical_query\":\"%s\"}",
                       query != NULL ? query : "");
        ECSKP_EXPECT_OK(v->name, ecskp_json_query(text, strlen(text), &out, &d), &d);
        ecskp_test_str(v->name, "the answer", out, want);
        ecskp_json_free(out);
        cJSON_free(text);
        ran++;
    }
    ecskp_test_true("vectors.h", "documented encode cases ran", ran > 0);
}

/* ------------------------------------------------------------------ ecskp_json_decode */

/* Every documented decode case: the case's input as the options, the normalized answer equal
 * to response.json (as JSON values), or the exact error. */
static void test_decode_vectors(void **state) {
    (void)state;
    size_t ran = 0;
    ECSKP_TEST_FOR_VECTORS(v, "decode") {
        char *out = NULL;
        ecskp_diag d;
        ecskp_status rc =
            ecskp_json_decode(v->body, v->body_len, v->input, strlen(v->input), &out, &d);
        if (v->error != NULL) {
            ECSKP_EXPECT_ERROR(v->name, rc, &d, ecskp_test_vector_status(v));
            ecskp_test_true(v->name, "*out is NULL", out == NULL);
        } else {
            ECSKP_EXPECT_OK(v->name, rc, &d);
            cJSON *got = cJSON_Parse(out), *want = cJSON_Parse(v->response);
            if (!cJSON_Compare(got, want, 1))
                print_error("row [%s]: got %s\n  want %s\n", v->name, out, v->response);
            ecskp_test_true(v->name, "the answer equals response.json",
                            cJSON_Compare(got, want, 1));
            cJSON_Delete(got);
            cJSON_Delete(want);
        }
        ecskp_json_free(out);
        ran++;
    }
    ecskp_test_true("vectors.h", "documented decode cases ran", ran > 0);
}

/* ------------------------------------------------------------------ refusals */

enum { SIGN, QUERY, DECODE };

typedef struct refusal_row {
    const char *src;
    int call;
    const char *input; /* the document (SIGN, QUERY) or the options (DECODE) */
    ecskp_status status;
    const char *field;
} refusal_row;

#define ARG ECSKP_ERR_INVALID_ARGUMENT
#define DEC(opts) "{\"action\":\"AttachKeyPair\",\"format\":\"json\"" opts "}"
#define V3REQ "\"request\":{\"Action\":\"RunInstances\",\"Version\":\"2014-05-26\"}"

static const refusal_row refusal_rows[] = {
    {.src = "json.h: not a JSON object",
     .call = SIGN,
     .input = "[]",
     .status = ARG,
     .field = "input"},
    {.src = "json.h: not JSON",
     .call = SIGN,
     .input = "{\"signature\":",
     .status = ARG,
     .field = "input"},
    {.src = "json.h: \"secret\" missing",
     .call = SIGN,
     .input = "{\"signature\":\"v1\",\"request\":{}}",
     .status = ARG,
     .field = "secret"},
    {.src = "json.h: \"secret\" not a string",
     .call = SIGN,
     .input = "{\"signature\":\"v1\",\"secret\":1,\"request\":{}}",
     .status = ARG,
     .field = "secret"},
    {.src = "json.h: \"signature\" missing",
     .call = SIGN,
     .input = "{\"secret\":\"s\",\"request\":{}}",
     .status = ARG,
     .field = "signature"},
    {.src = "json.h: \"signature\":\"v2\"",
     .call = SIGN,
     .input = "{\"signature\":\"v2\",\"secret\":\"s\",\"request\":{}}",
     .status = ARG,
     .field = "signature"},
    {.src = "json.h: \"method\":\"PUT\"",
     .call = SIGN,
     .input = "{\"signature\":\"v1\",\"method\":\"PUT\",\"secret\":\"s\",\"request\":{}}",
     .status = ARG,
     .field = "method"},
    {.src = "json.h: \"generate\" not a boolean",
     .call = SIGN,
     .input = "{\"signature\":\"v1\",\"secret\":\"s\",\"generate\":1,\"request\":{}}",
     .status = ARG,
     .field = "generate"},
    {.src = "json.h: \"request\" missing",
     .call = SIGN,
     .input = "{\"signature\":\"v1\",\"secret\":\"s\"}",
     .status = ARG,
     .field = "request"},
    {.src = "json.h: \"request\" not an object",
     .call = SIGN,
     .input = "{\"signature\":\"v1\",\"secret\":\"s\",\"request\":[]}",
     .status = ARG,
     .field = "request"},
    {.src = "conformance/README.md: a request member that is a number is invalid_parameter_value",
     .call = SIGN,
     .input = "{\"signature\":\"v1\",\"secret\":\"s\",\"request\":{\"Action\":\"DescribeRegions\","
              "\"RegionId\":3}}",
     .status = ECSKP_ERR_INVALID_PARAMETER_VALUE,
     .field = "RegionId"},
    {.src = "json.h: body_base64 that is not Base64",
     .call = SIGN,
     .input = "{\"signature\":\"v3\",\"secret\":\"s\",\"host\":\"h\",\"access_key_id\":\"a\","
              "\"timestamp\":\"2023-10-26T10:22:32Z\",\"nonce\":\"n\",\"content_type\":\"a/b\","
              "\"body_base64\":\"e30!\"," V3REQ "}",
     .status = ARG,
     .field = "body_base64"},
    {.src = "json.h: a typed request with a body",
     .call = SIGN,
     .input = "{\"signature\":\"v3\",\"secret\":\"s\",\"host\":\"h\",\"body_base64\":\"e30=\","
              "\"content_type\":\"application/json\",\"request\":{\"Action\":\"AttachKeyPair\"}}",
     .status = ARG,
     .field = "body_base64"},
    {.src = "json.h: V3 without \"host\" is missing_parameter host",
     .call = SIGN,
     .input = "{\"signature\":\"v3\",\"secret\":\"s\",\"access_key_id\":\"a\",\"timestamp\":"
              "\"2023-10-26T10:22:32Z\",\"nonce\":\"n\"," V3REQ "}",
     .status = ECSKP_ERR_MISSING_PARAMETER,
     .field = "host"},
    {.src = "json.h: an empty secret is the signers' missing_secret",
     .call = SIGN,
     .input = "{\"signature\":\"v1\",\"secret\":\"\",\"request\":{}}",
     .status = ECSKP_ERR_MISSING_SECRET,
     .field = "AccessKeySecret"},
    {.src = "json.h: a typed request's errors, with their diag",
     .call = SIGN,
     .input = "{\"signature\":\"v1\",\"secret\":\"s\",\"request\":{\"Action\":\"AttachKeyPair\","
              "\"RegionId\":\"r\",\"KeyPairName\":\"k\",\"InstanceIds\":[]}}",
     .status = ECSKP_ERR_IDS_EMPTY,
     .field = "InstanceIds"},
    {.src = "json.h query: not a JSON object",
     .call = QUERY,
     .input = "\"x\"",
     .status = ARG,
     .field = "input"},
    {.src = "json.h query: a request member that is a number",
     .call = QUERY,
     .input = "{\"request\":{\"KeyPairName\":1.5}}",
     .status = ECSKP_ERR_INVALID_PARAMETER_VALUE,
     .field = "KeyPairName"},
    {.src = "json.h query: a typed request member that is an object",
     .call = QUERY,
     .input = "{\"request\":{\"Action\":\"AttachKeyPair\",\"RegionId\":{}}}",
     .status = ECSKP_ERR_INVALID_PARAMETER_VALUE,
     .field = "RegionId"},
    {.src = "json.h query: an InstanceIds array in a generic request is still checked",
     .call = QUERY,
     .input = "{\"request\":{\"InstanceIds\":[\"i-a\",\"i-a\"]}}",
     .status = ECSKP_ERR_IDS_DUPLICATE,
     .field = "InstanceIds"},
    {.src = "json.h query: the errors of ecskp_keypair_build",
     .call = QUERY,
     .input = "{\"request\":{\"Action\":\"DetachKeyPair\",\"RegionId\":\"r\","
              "\"KeyPairName\":\"k\"}}",
     .status = ECSKP_ERR_MISSING_PARAMETER,
     .field = "InstanceIds"},
    {.src = "json.h decode: options not an object",
     .call = DECODE,
     .input = "[]",
     .status = ARG,
     .field = "options"},
    {.src = "json.h decode: \"action\" missing",
     .call = DECODE,
     .input = "{\"format\":\"json\"}",
     .status = ARG,
     .field = "action"},
    {.src = "json.h decode: an unknown action",
     .call = DECODE,
     .input = "{\"action\":\"DescribeRegions\",\"format\":\"json\"}",
     .status = ARG,
     .field = "action"},
    {.src = "json.h decode: \"format\" missing",
     .call = DECODE,
     .input = "{\"action\":\"AttachKeyPair\"}",
     .status = ARG,
     .field = "format"},
    {.src = "json.h decode: \"format\":\"yaml\" is unsupported_format",
     .call = DECODE,
     .input = "{\"action\":\"AttachKeyPair\",\"format\":\"yaml\"}",
     .status = ECSKP_ERR_UNSUPPORTED_FORMAT,
     .field = "format"},
    {.src = "json.h decode: \"http_status\":-1",
     .call = DECODE,
     .input = DEC(",\"http_status\":-1"),
     .status = ARG,
     .field = "http_status"},
    {.src = "json.h decode: \"http_status\":2.5",
     .call = DECODE,
     .input = DEC(",\"http_status\":2.5"),
     .status = ARG,
     .field = "http_status"},
    {.src = "json.h decode: \"http_status\" as a string",
     .call = DECODE,
     .input = DEC(",\"http_status\":\"200\""),
     .status = ARG,
     .field = "http_status"},
    {.src = "json.h decode: \"allow_inconsistent\" not a boolean",
     .call = DECODE,
     .input = DEC(",\"allow_inconsistent\":\"yes\""),
     .status = ARG,
     .field = "allow_inconsistent"},
    {.src = "json.h decode: \"limits\" not an object",
     .call = DECODE,
     .input = DEC(",\"limits\":[]"),
     .status = ARG,
     .field = "limits"},
    {.src = "json.h decode: an unknown limit (as ecskp_limits_set reports it)",
     .call = DECODE,
     .input = DEC(",\"limits\":{\"max_foo\":1}"),
     .status = ARG,
     .field = "name"},
    {.src = "json.h decode: a limit above its cap",
     .call = DECODE,
     .input = DEC(",\"limits\":{\"max_depth\":257}"),
     .status = ARG,
     .field = "max_depth"},
    {.src = "json.h decode: a negative limit",
     .call = DECODE,
     .input = DEC(",\"limits\":{\"max_depth\":-1}"),
     .status = ARG,
     .field = "max_depth"},
    {.src = "json.h decode: a fractional limit",
     .call = DECODE,
     .input = DEC(",\"limits\":{\"max_results\":1.5}"),
     .status = ARG,
     .field = "max_results"},
};

static ecskp_status refusal_call(const refusal_row *r, const char *text, size_t len, char **out,
                                 ecskp_diag *d) {
    if (r->call == SIGN)
        return ecskp_json_sign(text, len, out, d);
    if (r->call == QUERY)
        return ecskp_json_query(text, len, out, d);
    return ecskp_json_decode("{}", 2, text, len, out, d);
}

static void run_refusal(void **state) {
    const refusal_row *r = *state;
    static char sentinel[1];
    char *out = sentinel; /* not NULL: the call must reset it */
    ecskp_diag d;
    ECSKP_EXPECT_ERROR(r->src, refusal_call(r, r->input, strlen(r->input), &out, &d), &d,
                       r->status);
    ecskp_test_str(r->src, "diag.field", d.field, r->field);
    ecskp_test_true(r->src, "*out is NULL", out == NULL);
    ecskp_test_true(r->src, "diag.message is set", d.message[0] != '\0');
    ecskp_test_true(r->src, "the secret is not in the diag", strstr(d.message, "\"s\"") == NULL);
}

/* Arguments of all three: out NULL, a NULL document with a length, a document past
 * ECSKP_JSON_INPUT_MAX. */
static void test_arguments(void **state) {
    (void)state;
    static const refusal_row calls[] = {
        {.src = "ecskp_json_sign", .call = SIGN, .field = "input"},
        {.src = "ecskp_json_query", .call = QUERY, .field = "input"},
        {.src = "ecskp_json_decode", .call = DECODE, .field = "options"},
    };
    char *big = malloc(ECSKP_JSON_INPUT_MAX + 2);
    ecskp_test_true("test_arguments", "malloc", big != NULL);
    memset(big, ' ', ECSKP_JSON_INPUT_MAX + 1);
    big[0] = '{';
    big[ECSKP_JSON_INPUT_MAX] = '}';
    big[ECSKP_JSON_INPUT_MAX + 1] = '\0';
    ECSKP_TEST_FOR_ROWS(const refusal_row, r, calls) {
        char *out = NULL;
        ecskp_diag d;
        ECSKP_EXPECT_DIAG(r->src, refusal_call(r, "{}", 2, NULL, &d), &d, ARG, "out", NO_OFF,
                          NO_IDX);
        ECSKP_EXPECT_DIAG(r->src, refusal_call(r, NULL, 3, &out, &d), &d, ARG, r->field, NO_OFF,
                          NO_IDX);
        ECSKP_EXPECT_DIAG(r->src, refusal_call(r, big, ECSKP_JSON_INPUT_MAX + 1, &out, &d), &d, ARG,
                          r->field, NO_OFF, NO_IDX);
        ecskp_test_true(r->src, "*out is NULL", out == NULL);
    }
    free(big);
    ecskp_json_free(NULL);
}

/* ------------------------------------------------------------------ main */

static ecskp_test_list tests;

static const ecskp_test_named vector_tests[] = {
    {"json.h: ecskp_json_query over the documented encode cases", test_query_vectors},
    {"json.h: ecskp_json_decode over the documented decode cases", test_decode_vectors},
};
static const ecskp_test_named argument_tests[] = {{"json.h: arguments", test_arguments}};
static const ecskp_test_named generate_tests[] = {{"json.h: \"generate\": true", test_generate}};

int main(void) {
    ecskp_test_add_all(&tests, vector_tests, COUNT(vector_tests));
    for (size_t i = 0; i < COUNT(refusal_rows); i++)
        if (refusal_rows[i].call != SIGN || ecskp_signing_available())
            ecskp_test_add(&tests, refusal_rows[i].src, run_refusal, &refusal_rows[i]);
    ecskp_test_add_all(&tests, argument_tests, COUNT(argument_tests));
    if (ecskp_signing_available()) {
        ECSKP_TEST_FOR_VECTORS(v, "sign_v1|sign_v3") {
            ecskp_test_addf(&tests, test_sign_vector, v, "ecskp_json_sign: %s/%s", v->area,
                            v->name);
        }
        ECSKP_TEST_ADD_ROWS(&tests, body_rows, src, test_sign_body);
        ecskp_test_add_all(&tests, generate_tests, COUNT(generate_tests));
    }
    int failed = ecskp_test_run(&tests, "json");
    ecskp_test_kept_free();
    return failed;
}
