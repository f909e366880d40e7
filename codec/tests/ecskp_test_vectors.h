/* SPDX-License-Identifier: MIT */
/*
 * ecskp_test_vectors.h - the documented vectors of vectors.h (the conformance suite's case
 * folders, scripts/gen_vectors.py) turned into what the calls take, written once for every
 * suite:
 *
 *   ecskp_test_vector(area, name)          a vector by name (a missing one fails the test);
 *   ecskp_test_vector_status(v)            the status its error.txt names (ok without one);
 *   ecskp_test_vector_artifact(v, name)    one of its expected texts (kept until the end);
 *   ecskp_test_vector_ids_flags(v)         the ECSKP_IDS_* flags of an ids case;
 *   ecskp_test_vector_decode_options(v, &o) the decode options of a decode case;
 *   ecskp_test_vector_document(v)          the json.h document of a signing or encode case;
 *   ecskp_test_vec_load(&c, v)             a request case as a parameter list with its
 *                                          signer, and as a typed operation.
 *
 * JSON that something keeps pointing into is parsed with ecskp_test_parse_kept() and freed at
 * the end with ecskp_test_kept_free(); test_oom parses it all before its allocation windows.
 */
#ifndef ECSKP_TEST_VECTORS_H
#define ECSKP_TEST_VECTORS_H

#include <ctype.h>

#include <cjson/cJSON.h>

#include "ecskp_test.h"
#include "vectors.h"

/* ------------------------------------------------------------------ JSON */

/* The string member `name` of an object, or NULL (no object, no member, not a string). */
static inline const char *ecskp_test_json_str(const cJSON *o, const char *name) {
    return cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, name));
}

typedef struct ecskp_test_kept {
    cJSON *parsed[256];
    size_t count;
} ecskp_test_kept;

static inline ecskp_test_kept *ecskp_test_kept_list(void) {
    static ecskp_test_kept kept;
    return &kept;
}

/* `text` parsed and kept until ecskp_test_kept_free(); text that does not parse fails. */
static inline cJSON *ecskp_test_parse_kept(const char *what, const char *text) {
    ecskp_test_kept *k = ecskp_test_kept_list();
    cJSON *j = cJSON_Parse(text);
    ecskp_test_true(what, "the vector's JSON parses", j != NULL);
    ecskp_test_true(what, "room to keep it", k->count < COUNT(k->parsed));
    k->parsed[k->count++] = j;
    return j;
}

static inline void ecskp_test_kept_free(void) {
    ecskp_test_kept *k = ecskp_test_kept_list();
    while (k->count > 0)
        cJSON_Delete(k->parsed[--k->count]);
}

/* Standard padded Base64 (RFC 4648) of n bytes (free it). */
static inline char *ecskp_test_base64(const void *bytes, size_t n) {
    static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const unsigned char *p = bytes;
    char *out = malloc((n + 2) / 3 * 4 + 1), *o = out;
    ecskp_test_true("base64", "malloc", out != NULL);
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)p[i] << 16;
        v |= i + 1 < n ? (unsigned)p[i + 1] << 8 : 0u;
        v |= i + 2 < n ? (unsigned)p[i + 2] : 0u;
        *o++ = abc[v >> 18 & 63];
        *o++ = abc[v >> 12 & 63];
        *o++ = i + 1 < n ? abc[v >> 6 & 63] : '=';
        *o++ = i + 2 < n ? abc[v & 63] : '=';
    }
    *o = '\0';
    return out;
}

/* ------------------------------------------------------------------ one vector */

/* The vector is of one of `areas` ("decode", or several: "encode|sign_v1"). */
static inline int ecskp_test_vector_in(const ecskp_vector *v, const char *areas) {
    size_t n = strlen(v->area);
    for (const char *a = areas; a != NULL; a = strchr(a, '|') != NULL ? strchr(a, '|') + 1 : NULL)
        if (strncmp(a, v->area, n) == 0 && (a[n] == '\0' || a[n] == '|'))
            return 1;
    return 0;
}

/* A sign_v1 or sign_v3 case. */
static inline int ecskp_test_vector_signs(const ecskp_vector *v) {
    return ecskp_test_vector_in(v, "sign_v1|sign_v3");
}

/* The vector after `v` (NULL: the first) of one of `areas` (NULL: of any), or NULL. */
static inline const ecskp_vector *ecskp_test_vector_next(const ecskp_vector *v, const char *areas) {
    for (v = v == NULL ? ecskp_vectors : v + 1; v < ecskp_vectors + COUNT(ecskp_vectors); v++)
        if (areas == NULL || ecskp_test_vector_in(v, areas))
            return v;
    return NULL;
}

/* Every documented vector of one of `areas`, in vectors.h's order. */
#define ECSKP_TEST_FOR_VECTORS(v, areas)                                                           \
    for (const ecskp_vector *v = ecskp_test_vector_next(NULL, (areas)); v != NULL;                 \
         v = ecskp_test_vector_next(v, (areas)))

/* The documented vector `name` of `area` (NULL: of any area); a missing one fails the test. */
static inline const ecskp_vector *ecskp_test_vector(const char *area, const char *name) {
    ECSKP_TEST_FOR_VECTORS(v, area) {
        if (strcmp(v->name, name) == 0)
            return v;
    }
    print_error("no documented vector %s/%s in vectors.h\n", area != NULL ? area : "*", name);
    fail();
    return NULL;
}

/* The status the case's error.txt names, ECSKP_OK when it has none. */
static inline ecskp_status ecskp_test_vector_status(const ecskp_vector *v) {
    ecskp_status s = ECSKP_OK;
    if (v->error != NULL)
        ECSKP_EXPECT_OK(v->name, ecskp_status_parse(v->error, &s, NULL), NULL);
    return s;
}

/* One expected text of the case (canonical_query, signature, instance_ids, ...), or NULL;
 * valid until ecskp_test_kept_free(). */
static inline const char *ecskp_test_vector_artifact(const ecskp_vector *v, const char *name) {
    if (v->artifacts == NULL)
        return NULL;
    return ecskp_test_json_str(ecskp_test_parse_kept(v->name, v->artifacts), name);
}

/* The ECSKP_IDS_* flags of an ids case: ECSKP_IDS_STRICT when its input says "strict": true. */
static inline unsigned ecskp_test_vector_ids_flags(const ecskp_vector *v) {
    cJSON *in = cJSON_Parse(v->input);
    ecskp_test_true(v->name, "case.json input is a JSON object", cJSON_IsObject(in));
    unsigned flags =
        cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(in, "strict")) ? ECSKP_IDS_STRICT : 0u;
    cJSON_Delete(in);
    return flags;
}

/* The suite's format word ("json" or "xml", any letter case: conformance/README.md) as the
 * format, through ecskp_format_parse(), which takes exactly the wire's "JSON" / "XML". */
static inline void ecskp_test_vector_format(const ecskp_vector *v, const cJSON *m,
                                            ecskp_format *out) {
    char wire[8] = {0};
    ecskp_diag d;
    ecskp_test_true(v->name, "input.format is a short string",
                    cJSON_IsString(m) && strlen(m->valuestring) < sizeof wire);
    for (size_t i = 0; m->valuestring[i] != '\0'; i++)
        wire[i] = (char)toupper((unsigned char)m->valuestring[i]);
    ECSKP_EXPECT_OK(v->name, ecskp_format_parse(wire, out, &d), &d);
}

/* The decode options of a decode case's input: action, format, http_status (the only members
 * a documented decode case has; any other fails the test rather than being ignored). */
static inline void ecskp_test_vector_decode_options(const ecskp_vector *v,
                                                    ecskp_decode_options *o) {
    memset(o, 0, sizeof *o);
    cJSON *in = cJSON_Parse(v->input);
    ecskp_test_true(v->name, "case.json input is a JSON object", cJSON_IsObject(in));
    ecskp_diag d;
    for (const cJSON *m = in->child; m != NULL; m = m->next) {
        if (strcmp(m->string, "action") == 0) {
            ecskp_test_true(v->name, "input.action is a string", cJSON_IsString(m));
            ECSKP_EXPECT_OK(v->name, ecskp_action_parse(m->valuestring, &o->action, &d), &d);
        } else if (strcmp(m->string, "format") == 0) {
            ecskp_test_vector_format(v, m, &o->format);
        } else if (strcmp(m->string, "http_status") == 0) {
            ecskp_test_true(v->name, "input.http_status is a number", cJSON_IsNumber(m));
            o->http_status = m->valueint;
        } else {
            print_error("row [%s]: input member \"%s\"\n", v->name, m->string);
            ecskp_test_true(v->name, "every input member is one the C tests apply", 0);
        }
    }
    cJSON_Delete(in);
}

/* The json.h input document of a signing or encode case (conformance/README.md): the
 * signature version ("v1" / "v3", signing cases only), the case's input members, its request,
 * its body as body_base64. Free it with cJSON_free(). */
static inline char *ecskp_test_vector_document(const ecskp_vector *v) {
    cJSON *doc = cJSON_Parse(v->input);
    ecskp_test_true(v->name, "the case's input is an object", cJSON_IsObject(doc));
    if (ecskp_test_vector_signs(v))
        cJSON_AddStringToObject(doc, "signature", ecskp_test_vector_in(v, "sign_v3") ? "v3" : "v1");
    cJSON_AddItemToObject(doc, "request", cJSON_Parse(v->request));
    if (v->body != NULL) {
        char *b64 = ecskp_test_base64(v->body, v->body_len);
        cJSON_AddStringToObject(doc, "body_base64", b64);
        free(b64);
    }
    char *text = cJSON_PrintUnformatted(doc);
    cJSON_Delete(doc);
    ecskp_test_true(v->name, "the document prints", text != NULL);
    return text;
}

/* ------------------------------------------------------------------ a documented request */

/*
 * A request case (encode, sign_v1, sign_v3) as the calls take it: the request as a parameter
 * list in request.json's order (an InstanceIds array as its compact text) with the signer of
 * the case's input (signature by area, unset outside signing; method, unset when the input
 * has none; host; secret), so that ecskp_request_sign() signs it as given; and, when the
 * Action is AttachKeyPair or DetachKeyPair, the same as a typed operation (typed fields by
 * name, every other parameter in `extra`). Never copied: the lists point into the struct.
 */
typedef struct ecskp_test_vec {
    const ecskp_vector *v;
    cJSON *input, *request, *artifacts;
    ecskp_signer signer;
    ecskp_request req;
    ecskp_param params[ECSKP_MAX_PARAMS];
    const char *ids[ECSKP_MAX_INSTANCE_IDS];
    size_t id_count;
    int ids_array; /* InstanceIds was an array (its compact text is in ids_text) */
    char ids_text[ECSKP_IDS_JSON_SIZE];
    int typed;
    ecskp_keypair op;
    ecskp_param extra[ECSKP_MAX_PARAMS];
} ecskp_test_vec;

/* The value of parameter `name` in a list, or NULL. */
static inline const char *ecskp_test_param(const ecskp_param *list, size_t n, const char *name) {
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i].name, name) == 0)
            return list[i].value;
    return NULL;
}

/* An expected text of the case, or NULL when it has none of that name. */
static inline const char *ecskp_test_vec_artifact(const ecskp_test_vec *c, const char *name) {
    return ecskp_test_json_str(c->artifacts, name);
}

static inline void ecskp_test_vec_ids(ecskp_test_vec *c, const cJSON *array, ecskp_param *p) {
    ecskp_diag d;
    size_t needed = 0;
    c->ids_array = 1;
    for (const cJSON *e = array->child; e != NULL; e = e->next) {
        ecskp_test_true(c->v->name, "an InstanceIds element is a string",
                        cJSON_IsString(e) && c->id_count < ECSKP_MAX_INSTANCE_IDS);
        c->ids[c->id_count++] = e->valuestring;
    }
    ECSKP_EXPECT_OK(
        c->v->name,
        ecskp_ids_build(c->ids, c->id_count, 0, c->ids_text, sizeof c->ids_text, &needed, &d), &d);
    p->value = c->ids_text;
}

static inline void ecskp_test_vec_request(ecskp_test_vec *c) {
    for (const cJSON *m = c->request != NULL ? c->request->child : NULL; m != NULL; m = m->next) {
        ecskp_test_true(c->v->name, "at most ECSKP_MAX_PARAMS parameters",
                        c->req.count < ECSKP_MAX_PARAMS);
        ecskp_param *p = &c->params[c->req.count++];
        p->name = m->string;
        if (cJSON_IsArray(m)) {
            ecskp_test_vec_ids(c, m, p);
            continue;
        }
        ecskp_test_true(c->v->name, "a request member is a string", cJSON_IsString(m));
        p->value = m->valuestring;
    }
    c->req.params = c->params;
}

static inline void ecskp_test_vec_signer(ecskp_test_vec *c) {
    const char *method = ecskp_test_json_str(c->input, "method");
    ecskp_diag d;
    c->signer.signature = ecskp_test_vector_in(c->v, "sign_v3")   ? ECSKP_SIGNATURE_V3
                          : ecskp_test_vector_in(c->v, "sign_v1") ? ECSKP_SIGNATURE_V1
                                                                  : ECSKP_SIGNATURE_UNSET;
    if (method != NULL)
        ECSKP_EXPECT_OK(c->v->name, ecskp_method_parse(method, &c->signer.method, &d), &d);
    c->signer.secret = ecskp_test_json_str(c->input, "secret");
    c->signer.secret_len = c->signer.secret != NULL ? strlen(c->signer.secret) : 0;
    c->signer.host = ecskp_test_json_str(c->input, "host");
    c->req.content_type = ecskp_test_json_str(c->input, "content_type");
    c->req.body = c->v->body;
    c->req.body_len = c->v->body_len;
}

/* The typed field called `name`, or NULL when it is not one. */
static inline const char **ecskp_test_typed_field(ecskp_keypair *op, const char *name) {
    static const struct {
        const char *name;
        size_t at;
    } fields[] = {
        {"RegionId", offsetof(ecskp_keypair, region_id)},
        {"KeyPairName", offsetof(ecskp_keypair, key_pair_name)},
        {"Version", offsetof(ecskp_keypair, version)},
        {"OwnerId", offsetof(ecskp_keypair, owner_id)},
        {"OwnerAccount", offsetof(ecskp_keypair, owner_account)},
        {"ResourceOwnerId", offsetof(ecskp_keypair, resource_owner_id)},
        {"ResourceOwnerAccount", offsetof(ecskp_keypair, resource_owner_account)},
    };
    for (size_t i = 0; i < COUNT(fields); i++)
        if (strcmp(name, fields[i].name) == 0)
            return (const char **)(void *)((char *)op + fields[i].at);
    return NULL;
}

static inline void ecskp_test_vec_typed(ecskp_test_vec *c) {
    const char *action = ecskp_test_param(c->params, c->req.count, "Action");
    c->typed = action != NULL && ecskp_action_parse(action, &c->op.action, NULL) == ECSKP_OK;
    c->op.extra = c->extra;
    for (size_t i = 0; c->typed && i < c->req.count; i++) {
        const ecskp_param *p = &c->params[i];
        const char **field = ecskp_test_typed_field(&c->op, p->name);
        if (strcmp(p->name, "Action") == 0)
            continue;
        if (field != NULL) {
            *field = p->value;
        } else if (strcmp(p->name, "InstanceIds") == 0 && c->ids_array) {
            c->op.instance_ids = c->ids;
            c->op.instance_id_count = c->id_count;
        } else if (strcmp(p->name, "InstanceIds") == 0) {
            c->op.instance_ids_json = p->value;
        } else if (strcmp(p->name, "Format") != 0 ||
                   ecskp_format_parse(p->value, &c->op.format, NULL) != ECSKP_OK) {
            c->extra[c->op.extra_count++] = *p;
        }
    }
}

static inline void ecskp_test_vec_load(ecskp_test_vec *c, const ecskp_vector *v) {
    memset(c, 0, sizeof *c);
    c->v = v;
    c->input = cJSON_Parse(v->input);
    c->request = v->request != NULL ? cJSON_Parse(v->request) : NULL;
    c->artifacts = v->artifacts != NULL ? cJSON_Parse(v->artifacts) : NULL;
    ecskp_test_true(v->name, "the vector's JSON parses",
                    c->input != NULL && (v->request == NULL) == (c->request == NULL) &&
                        (v->artifacts == NULL) == (c->artifacts == NULL));
    ecskp_test_vec_request(c);
    ecskp_test_vec_signer(c);
    ecskp_test_vec_typed(c);
}

static inline void ecskp_test_vec_free(ecskp_test_vec *c) {
    cJSON_Delete(c->input);
    cJSON_Delete(c->request);
    cJSON_Delete(c->artifacts);
}

/* Removes parameter `name` from a list; returns its value, or NULL when it was not there. */
static inline const char *ecskp_test_param_drop(ecskp_param *list, size_t *count,
                                                const char *name) {
    for (size_t i = 0; i < *count; i++) {
        if (strcmp(list[i].name, name) != 0)
            continue;
        const char *value = list[i].value;
        memmove(&list[i], &list[i + 1], (*count - i - 1) * sizeof list[0]);
        (*count)--;
        return value;
    }
    return NULL;
}

/* Takes a parameter out of both views of the request; returns its value, or NULL. */
static inline const char *ecskp_test_vec_take(ecskp_test_vec *c, const char *name) {
    const char *value = ecskp_test_param_drop(c->params, &c->req.count, name);
    (void)ecskp_test_param_drop(c->extra, &c->op.extra_count, name);
    return value;
}

/* The common parameters (AccessKeyId, SecurityToken, Timestamp, SignatureNonce) move from the
 * request to the signer. */
static inline void ecskp_test_vec_commons_to_signer(ecskp_test_vec *c) {
    c->signer.access_key_id = ecskp_test_vec_take(c, "AccessKeyId");
    c->signer.security_token = ecskp_test_vec_take(c, "SecurityToken");
    c->signer.timestamp = ecskp_test_vec_take(c, "Timestamp");
    c->signer.nonce = ecskp_test_vec_take(c, "SignatureNonce");
}

#endif /* ECSKP_TEST_VECTORS_H */
