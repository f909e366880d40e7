/* ops.c - encode, sign, ids and decode operations over the library. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops.h"
#include "request.h"

ecskp_status op_fail(ecskp_diag *diag, ecskp_status status, const char *field, const char *msg) {
    if (diag != NULL) {
        ecskp_diag_clear(diag);
        diag->status = status;
        diag->name = ecskp_status_name(status);
        if (field != NULL)
            (void)snprintf(diag->field, sizeof diag->field, "%s", field);
        (void)snprintf(diag->message, sizeof diag->message, "%s", msg);
    }
    return status;
}

static ecskp_status oom(ecskp_diag *diag) {
    return op_fail(diag, ECSKP_ERR_OUT_OF_MEMORY, NULL, "out of memory");
}

ecskp_status op_encode(const cJSON *request, char **query, ecskp_diag *diag) {
    *query = NULL;
    cli_request r;
    ecskp_status st = cli_request_build(request, &r, diag);
    if (st == ECSKP_OK)
        st = cli_request_query(&r, query, diag);
    cli_request_free(&r);
    return st;
}

int op_fill_v1_defaults(cJSON *request) {
    if (!cJSON_IsObject(request))
        return 0; /* refused later, with the right status, by cli_request_build */
    if (cli_request_fill(request, "Version", ECSKP_API_VERSION) != 0 ||
        cli_request_fill(request, "SignatureMethod", ECSKP_V1_SIGNATURE_METHOD) != 0 ||
        cli_request_fill(request, "SignatureVersion", ECSKP_V1_SIGNATURE_VERSION) != 0 ||
        cli_request_fill(request, "Format", "JSON") != 0)
        return -1;
    return 0;
}

/* Adds a string member; returns 0 or -1 (memory). */
static int add_str(cJSON *obj, const char *name, const char *value) {
    return cJSON_AddStringToObject(obj, name, value != NULL ? value : "") != NULL ? 0 : -1;
}

/* The signers report the buffer they need in *needed; this grows the buffer until the call
 * fits. A few rounds at most: V3 is exact, and signature 1.0 is exact on its second call. */
typedef ecskp_status (*sign_fn)(const void *ctx, char *buf, size_t cap, size_t *needed, void *out,
                                ecskp_diag *diag);

static ecskp_status sign_grow(sign_fn fn, const void *ctx, char **buf_out, void *out,
                              ecskp_diag *diag) {
    char *buf = NULL;
    size_t cap = 0, needed = 0;
    ecskp_status st = ECSKP_ERR_BUFFER_TOO_SMALL;
    for (int round = 0; round < 4 && st == ECSKP_ERR_BUFFER_TOO_SMALL; round++) {
        st = fn(ctx, buf, cap, &needed, out, diag);
        if (st != ECSKP_ERR_BUFFER_TOO_SMALL)
            break;
        size_t want = needed > cap ? needed : cap * 2 + 256;
        char *nb = realloc(buf, want);
        if (nb == NULL) {
            free(buf);
            return oom(diag);
        }
        buf = nb;
        cap = want;
    }
    if (st != ECSKP_OK) {
        free(buf);
        return st;
    }
    *buf_out = buf;
    return ECSKP_OK;
}

typedef struct v1_ctx {
    const cli_request *r;
    ecskp_method method;
    const char *secret;
    size_t secret_len;
} v1_ctx;

static ecskp_status v1_call(const void *ctx, char *buf, size_t cap, size_t *needed, void *out,
                            ecskp_diag *diag) {
    const v1_ctx *c = ctx;
    if (c->r->typed)
        return ecskp_keypair_sign_v1(&c->r->keypair, c->method, c->secret, c->secret_len, buf, cap,
                                     needed, out, diag);
    return ecskp_v1_sign(c->method, c->r->params, c->r->count, c->secret, c->secret_len, buf, cap,
                         needed, out, diag);
}

ecskp_status op_sign_v1(const cJSON *request, ecskp_method method, const char *secret,
                        size_t secret_len, cJSON **out, ecskp_diag *diag) {
    *out = NULL;
    cli_request r;
    ecskp_status st = cli_request_build(request, &r, diag);
    if (st != ECSKP_OK) {
        cli_request_free(&r);
        return st;
    }
    v1_ctx ctx = {&r, method, secret, secret_len};
    ecskp_v1_signed s;
    char *buf = NULL;
    st = sign_grow(v1_call, &ctx, &buf, &s, diag);
    cli_request_free(&r);
    if (st != ECSKP_OK)
        return st;
    cJSON *o = cJSON_CreateObject();
    if (o == NULL || add_str(o, "canonical_query", s.canonical_query) != 0 ||
        add_str(o, "string_to_sign", s.string_to_sign) != 0 ||
        add_str(o, "signature", s.signature) != 0 ||
        add_str(o, "signed_query", s.signed_query) != 0) {
        cJSON_Delete(o);
        free(buf);
        return oom(diag);
    }
    free(buf);
    *out = o;
    return ECSKP_OK;
}

/* Parameters that V3 carries in headers or drops, never in the query. */
static int v3_not_in_query(const char *name) {
    static const char *const names[] = {"Action",          "Version",         "Timestamp",
                                        "SignatureNonce",  "SecurityToken",   "AccessKeyId",
                                        "SignatureMethod", "SignatureVersion"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(names[i], name) == 0)
            return 1;
    return 0;
}

typedef struct v3_ctx {
    const cli_request *r;
    const op_v3_options *opt;
    const ecskp_v3_request *generic; /* NULL for the typed layer */
    const char *secret;
    size_t secret_len;
} v3_ctx;

static ecskp_status v3_call(const void *ctx, char *buf, size_t cap, size_t *needed, void *out,
                            ecskp_diag *diag) {
    const v3_ctx *c = ctx;
    if (c->generic == NULL)
        return ecskp_keypair_sign_v3(&c->r->keypair, c->opt->method, c->opt->host, c->secret,
                                     c->secret_len, buf, cap, needed, out, diag);
    return ecskp_v3_sign(c->generic, c->secret, c->secret_len, buf, cap, needed, out, diag);
}

static int v3_output(cJSON *o, const ecskp_v3_signed *s, int verbose) {
    if (add_str(o, "canonical_request", s->canonical_request) != 0 ||
        add_str(o, "string_to_sign", s->string_to_sign) != 0 ||
        add_str(o, "signature", s->signature) != 0 ||
        add_str(o, "authorization", s->authorization) != 0)
        return -1;
    if (!verbose)
        return 0;
    if (add_str(o, "canonical_query", s->canonical_query) != 0 ||
        add_str(o, "hashed_canonical_request", s->hashed_canonical_request) != 0 ||
        add_str(o, "signed_headers", s->signed_headers) != 0)
        return -1;
    cJSON *h = cJSON_AddObjectToObject(o, "headers");
    if (h == NULL)
        return -1;
    for (size_t i = 0; i < s->header_count && i < ECSKP_V3_MAX_HEADERS; i++)
        if (add_str(h, s->headers[i].name, s->headers[i].value) != 0)
            return -1;
    return 0;
}

ecskp_status op_sign_v3(const cJSON *request, const op_v3_options *opt, const char *secret,
                        size_t secret_len, cJSON **out, ecskp_diag *diag) {
    *out = NULL;
    cli_request r;
    ecskp_param *query = NULL;
    ecskp_status st = cli_request_build(request, &r, diag);
    if (st != ECSKP_OK)
        goto done;
    v3_ctx ctx = {&r, opt, NULL, secret, secret_len};
    ecskp_v3_request g;
    if (r.typed) {
        if (opt->body_len > 0 || (opt->content_type != NULL && opt->content_type[0] != '\0')) {
            st = op_fail(diag, ECSKP_ERR_INVALID_ARGUMENT, "body",
                         "an AttachKeyPair/DetachKeyPair V3 request carries its parameters in "
                         "the query with an empty body; leave out the body and content type");
            goto done;
        }
    } else {
        query = calloc(r.count > 0 ? r.count : 1, sizeof *query);
        if (query == NULL) {
            st = oom(diag);
            goto done;
        }
        size_t n = 0;
        for (size_t i = 0; i < r.count; i++)
            if (!v3_not_in_query(r.params[i].name))
                query[n++] = r.params[i];
        memset(&g, 0, sizeof g);
        g.method = opt->method;
        g.host = opt->host;
        g.query = query;
        g.query_count = n;
        g.body = opt->body;
        g.body_len = opt->body_len;
        g.content_type = opt->content_type;
        g.action = cli_request_get(request, "Action");
        g.version = cli_request_get(request, "Version");
        if (g.version == NULL)
            g.version = ECSKP_API_VERSION;
        g.date = cli_request_get(request, "Timestamp");
        g.signature_nonce = cli_request_get(request, "SignatureNonce");
        g.security_token = cli_request_get(request, "SecurityToken");
        g.access_key_id = cli_request_get(request, "AccessKeyId");
        ctx.generic = &g;
    }
    ecskp_v3_signed s;
    char *buf = NULL;
    st = sign_grow(v3_call, &ctx, &buf, &s, diag);
    if (st != ECSKP_OK)
        goto done;
    cJSON *o = cJSON_CreateObject();
    if (o == NULL || v3_output(o, &s, opt->verbose) != 0) {
        cJSON_Delete(o);
        free(buf);
        st = oom(diag);
        goto done;
    }
    free(buf);
    *out = o;
done:
    free(query);
    cli_request_free(&r);
    return st;
}

ecskp_status op_ids(const char *text, size_t len, unsigned flags, char **out, ecskp_diag *diag) {
    *out = NULL;
    char *buf = malloc(ECSKP_IDS_JSON_SIZE);
    if (buf == NULL)
        return oom(diag);
    size_t n = 0;
    ecskp_status st =
        ecskp_ids_normalize(text, len, flags, NULL, buf, ECSKP_IDS_JSON_SIZE, &n, diag);
    if (st != ECSKP_OK) {
        free(buf);
        return st;
    }
    *out = buf;
    return ECSKP_OK;
}

ecskp_status op_decode(const void *body, size_t len, const ecskp_decode_options *opt, char **out,
                       ecskp_diag *diag) {
    *out = NULL;
    ecskp_response *resp = NULL;
    ecskp_status st = ecskp_decode(body, len, opt, &resp, diag);
    if (st != ECSKP_OK)
        return st;
    size_t n = 0;
    st = ecskp_response_to_json(resp, NULL, 0, &n);
    char *buf = NULL;
    if (st == ECSKP_OK || st == ECSKP_ERR_BUFFER_TOO_SMALL) {
        buf = malloc(n + 1);
        st = buf == NULL ? ECSKP_ERR_OUT_OF_MEMORY : ecskp_response_to_json(resp, buf, n + 1, &n);
    }
    ecskp_response_free(resp);
    if (st != ECSKP_OK) {
        free(buf);
        return op_fail(diag, st, NULL,
                       st == ECSKP_ERR_OUT_OF_MEMORY ? "out of memory"
                                                     : "the normalized form could not be written");
    }
    *out = buf;
    if (diag != NULL)
        ecskp_diag_clear(diag);
    return ECSKP_OK;
}
