/* SPDX-License-Identifier: MIT */
/* signer.c - the signing context applied to a parameter list: ecskp_request_sign(),
 * ecskp_keypair_sign() and their _alloc variants. A job is resolved once (the common
 * parameters added, generated values drawn, the list checked and sorted), then written. */
#include <stddef.h>
#include <string.h>

#include "crypto.h"
#include "sign_internal.h"

static ecskp_status bad_argument(ecskp_diag *diag, const char *field, const char *what) {
    return ecskp__refuse(diag, ECSKP_ERR_INVALID_ARGUMENT, field, "%s", what);
}

static ecskp_status too_long(ecskp_diag *diag, const char *name, const char *value, size_t max) {
    if (value != NULL && strnlen(value, max + 1) > max)
        return ecskp__refuse(diag, ECSKP_ERR_VALUE_TOO_LONG, name, "%s is longer than %zu bytes",
                             name, max);
    return ECSKP_OK;
}

/* The signer on its own: arguments, secret, string lengths, a fixed Timestamp's form. */
static ecskp_status check_signer(const ecskp_signer *s, const ecskp_request *r, ecskp_diag *diag) {
    if (ecskp_signature_name(s->signature) == NULL)
        return bad_argument(diag, "signature", "signer.signature is neither v1 nor v3");
    if (ecskp_method_name(s->method) == NULL)
        return bad_argument(diag, "method", "signer.method is neither POST nor GET");
    if (r->params == NULL && r->count > 0)
        return bad_argument(diag, "params", "request.params is NULL with a count");
    if (r->body == NULL && r->body_len > 0)
        return bad_argument(diag, "body", "request.body is NULL with a length");
    if (s->signature == ECSKP_SIGNATURE_V1 &&
        (r->body_len > 0 || r->content_type != NULL || r->path != NULL))
        return bad_argument(diag, "body",
                            "signature 1.0 sends the signed form as the body of a POST to /: "
                            "leave body, content_type and path unset");
    if (s->secret == NULL && s->secret_len > 0)
        return bad_argument(diag, "secret", "signer.secret is NULL with a length");
    if (s->secret_len == 0)
        return ecskp__refuse(diag, ECSKP_ERR_MISSING_SECRET, "AccessKeySecret",
                             "the AccessKeySecret is empty");
    ECSKP_GUARD(too_long(diag, "host", s->host, 255));
    ECSKP_GUARD(too_long(diag, "AccessKeyId", s->access_key_id, ECSKP_MAX_VALUE_BYTES));
    ECSKP_GUARD(too_long(diag, "SignatureNonce", s->nonce, ECSKP_MAX_VALUE_BYTES));
    ECSKP_GUARD(too_long(diag, "SecurityToken", s->security_token, ECSKP_MAX_SECURITY_TOKEN_BYTES));
    if (ecskp__sign_present(s->timestamp))
        ECSKP_GUARD(ecskp_timestamp_check(s->timestamp, diag));
    return ECSKP_OK;
}

static ecskp_status add(ecskp__sign_job *job, const char *name, const char *value,
                        ecskp_diag *diag) {
    if (job->count >= ECSKP_MAX_PARAMS)
        return ecskp__fail(diag, ECSKP_ERR_TOO_MANY_PARAMETERS, name, ECSKP_NO_OFFSET,
                           job->count + 1, "more than %d parameters with the signer's",
                           ECSKP_MAX_PARAMS);
    job->params[job->count].name = name;
    job->params[job->count].value = value;
    job->count++;
    return ECSKP_OK;
}

/* Timestamp and SignatureNonce sources share a shape (array parameters are pointers). */
typedef ecskp_status (*source_fn)(void *ctx, char *out, ecskp_diag *diag);

typedef struct common_param {
    const char *name;
    const char *fixed; /* the signer's value */
    source_fn source;  /* the signer's source, or NULL */
    char *drawn;       /* where a drawn value goes */
    size_t drawn_size;
    int required;
} common_param;

/* One common parameter: the signer's value, else the list's, else a drawn one. */
static ecskp_status resolve(ecskp__sign_job *job, const common_param *c, ecskp_diag *diag) {
    const char *listed = ecskp__param_value(job->params, job->count, c->name);
    if (ecskp__sign_present(c->fixed)) {
        if (listed != NULL)
            return ecskp__refuse(diag, ECSKP_ERR_DUPLICATE_PARAMETER, c->name,
                                 "%s is set both by the signer and in the request", c->name);
        return add(job, c->name, c->fixed, diag);
    }
    if (ecskp__sign_present(listed))
        return ECSKP_OK;
    if (listed == NULL && c->source != NULL) {
        ECSKP_GUARD(c->source(job->signer->source_ctx, c->drawn, diag));
        c->drawn[c->drawn_size - 1] = '\0';
        if (strcmp(c->name, "Timestamp") == 0)
            ECSKP_GUARD(ecskp_timestamp_check(c->drawn, diag));
        return add(job, c->name, c->drawn, diag);
    }
    return c->required ? ecskp__sign_missing(diag, c->name) : ECSKP_OK;
}

/* Signature 1.0's own two: the list's value must be the one ecskp computes, else added. */
static ecskp_status v1_fixed(ecskp__sign_job *job, const char *name, const char *value,
                             ecskp_diag *diag) {
    const char *listed = ecskp__param_value(job->params, job->count, name);
    if (listed == NULL)
        return add(job, name, value, diag);
    if (strcmp(listed, value) != 0)
        return ecskp__refuse(diag, ECSKP_ERR_INVALID_PARAMETER_VALUE, name,
                             "%s must be \"%s\" for signature version 1.0", name, value);
    return ECSKP_OK;
}

/* The whole job. `typed`: a typed operation, which requires the common parameters that V3
 * requires anyway. */
static ecskp_status resolve_job(ecskp__sign_job *job, const ecskp_signer *s, const ecskp_request *r,
                                int typed, ecskp_diag *diag) {
    memset(job, 0, sizeof *job);
    job->signer = s;
    job->request = *r;
    job->method = s->method == ECSKP_METHOD_UNSET ? ECSKP_METHOD_POST : s->method;
    job->method_name = ecskp_method_name(job->method);
    if (r->count > ECSKP_MAX_PARAMS)
        return ecskp__fail(diag, ECSKP_ERR_TOO_MANY_PARAMETERS, NULL, ECSKP_NO_OFFSET, r->count,
                           "%zu parameters; at most %d", r->count, ECSKP_MAX_PARAMS);
    if (r->count > 0)
        memcpy(job->params, r->params, r->count * sizeof r->params[0]);
    job->count = r->count;
    int v1 = s->signature == ECSKP_SIGNATURE_V1;
    if (v1) {
        ECSKP_GUARD(v1_fixed(job, "SignatureMethod", ECSKP_V1_SIGNATURE_METHOD, diag));
        ECSKP_GUARD(v1_fixed(job, "SignatureVersion", ECSKP_V1_SIGNATURE_VERSION, diag));
    }
    int required = typed || !v1;
    const common_param commons[] = {
        {"AccessKeyId", s->access_key_id, NULL, NULL, 0, required},
        {"SecurityToken", s->security_token, NULL, NULL, 0, 0},
        {"Timestamp", s->timestamp, s->clock, job->timestamp, sizeof job->timestamp, required},
        {"SignatureNonce", s->nonce, s->nonce_source, job->nonce, sizeof job->nonce, required},
    };
    for (size_t i = 0; i < sizeof commons / sizeof commons[0]; i++)
        ECSKP_GUARD(resolve(job, &commons[i], diag));
    /* A typed operation's list passed the same checks in ecskp_keypair_build(): only the
     * common parameters added here are checked one by one; all are sorted. */
    ECSKP_GUARD(ecskp__canonical_check(job->params, job->count, typed ? r->count : 0, job->order,
                                       &job->n, diag));
    return v1 ? ECSKP_OK : ecskp__v3_check(job, diag);
}

/* Writes a resolved job into buf; *needed is exact either way. */
static ecskp_status write_job(const ecskp__sign_job *job, char *buf, size_t cap, size_t *needed,
                              ecskp_signed *out, ecskp_diag *diag) {
    ecskp__segs segs = {buf, cap, 0};
    ecskp_signed s;
    memset(&s, 0, sizeof s);
    ecskp_status rc = job->signer->signature == ECSKP_SIGNATURE_V1
                          ? ecskp__v1_write(job, &segs, &s, diag)
                          : ecskp__v3_write(job, &segs, &s, diag);
    if (rc != ECSKP_OK)
        return rc;
    *needed = segs.off;
    if (segs.off > cap)
        return ecskp__refuse(diag, ECSKP_ERR_BUFFER_TOO_SMALL, NULL,
                             "the signed request needs %zu bytes of buffer; it has %zu", segs.off,
                             cap);
    *out = s;
    return ecskp__ok(diag);
}

/* The list of a typed operation: ecskp_keypair_build() and the default Version. */
static ecskp_status keypair_list(const ecskp_keypair *op, ecskp_param_set *set, ecskp_diag *diag) {
    ECSKP_GUARD(ecskp_keypair_build(op, set, diag));
    if (ecskp__param_value(set->params, set->count, "Version") != NULL)
        return ECSKP_OK;
    if (set->count >= ECSKP_MAX_PARAMS)
        return ecskp__fail(diag, ECSKP_ERR_TOO_MANY_PARAMETERS, "Version", ECSKP_NO_OFFSET,
                           set->count + 1, "more than %d parameters", ECSKP_MAX_PARAMS);
    set->params[set->count].name = "Version";
    set->params[set->count].value = ECSKP_API_VERSION;
    set->count++;
    return ECSKP_OK;
}

/* Everything before writing: the arguments, the typed operation's list (when `op` is given;
 * `set` holds it), the signer, the job. `outputs_ok`: the caller's output arguments are fine. */
static ecskp_status prepare(const ecskp_signer *signer, const ecskp_request *request,
                            const ecskp_keypair *op, int outputs_ok, ecskp_param_set *set,
                            ecskp__sign_job *job, ecskp_diag *diag) {
    if (!ecskp_signing_available())
        return ecskp__unsupported(diag);
    if (signer == NULL || (request == NULL && op == NULL) || !outputs_ok)
        return bad_argument(diag, NULL,
                            "signer, request, out or needed is NULL, or buf is NULL with cap > 0");
    ecskp_request typed = {NULL, 0, NULL, 0, NULL, NULL};
    if (op != NULL) {
        ECSKP_GUARD(keypair_list(op, set, diag));
        typed.params = set->params;
        typed.count = set->count;
        request = &typed;
    }
    ECSKP_GUARD(check_signer(signer, request, diag));
    return resolve_job(job, signer, request, op != NULL, diag);
}

static ecskp_status sign_into(const ecskp_signer *signer, const ecskp_request *request,
                              const ecskp_keypair *op, char *buf, size_t cap, size_t *needed,
                              ecskp_signed *out, ecskp_diag *diag) {
    if (out != NULL)
        memset(out, 0, sizeof *out);
    if (needed != NULL)
        *needed = 0;
    ecskp_param_set set;
    ecskp__sign_job job;
    int outputs_ok = out != NULL && needed != NULL && (buf != NULL || cap == 0);
    ECSKP_GUARD(prepare(signer, request, op, outputs_ok, &set, &job, diag));
    return write_job(&job, buf, cap, needed, out, diag);
}

ecskp_status ecskp_request_sign(const ecskp_signer *signer, const ecskp_request *request, char *buf,
                                size_t cap, size_t *needed, ecskp_signed *out, ecskp_diag *diag) {
    return sign_into(signer, request, NULL, buf, cap, needed, out, diag);
}

ecskp_status ecskp_keypair_sign(const ecskp_signer *signer, const ecskp_keypair *op, char *buf,
                                size_t cap, size_t *needed, ecskp_signed *out, ecskp_diag *diag) {
    return sign_into(signer, NULL, op, buf, cap, needed, out, diag);
}

/* ---------------------------------------------------------------- allocating variants */

/* One block: the struct, the allocator that made it, then the texts. */
typedef struct signed_block {
    ecskp_signed pub; /* first: ecskp_signed_free() finds the block from it */
    ecskp_allocator alloc;
    int has_alloc;
    size_t text_size;
} signed_block;

static ecskp_status write_alloc(const ecskp__sign_job *job, const ecskp_allocator *alloc,
                                ecskp_signed **out, ecskp_diag *diag) {
    size_t needed = 0;
    ecskp_signed probe;
    ecskp_status rc = write_job(job, NULL, 0, &needed, &probe, diag);
    if (rc != ECSKP_ERR_BUFFER_TOO_SMALL)
        return rc; /* needed is at least 1, so OK cannot happen with cap 0 */
    size_t head = (sizeof(signed_block) + 15) & ~(size_t)15;
    signed_block *b = ecskp__malloc(alloc, head + needed);
    if (b == NULL)
        return ecskp__refuse(diag, ECSKP_ERR_OUT_OF_MEMORY, NULL,
                             "%zu bytes for the signed request", head + needed);
    memset(b, 0, sizeof *b);
    b->has_alloc = alloc != NULL;
    if (alloc != NULL)
        b->alloc = *alloc;
    b->text_size = needed;
    rc = write_job(job, (char *)b + head, needed, &needed, &b->pub, diag);
    if (rc != ECSKP_OK) {
        ecskp_signed_free(&b->pub);
        return rc;
    }
    *out = &b->pub;
    return ECSKP_OK;
}

static ecskp_status sign_alloc(const ecskp_signer *signer, const ecskp_request *request,
                               const ecskp_keypair *op, const ecskp_allocator *alloc,
                               ecskp_signed **out, ecskp_diag *diag) {
    if (out != NULL)
        *out = NULL;
    ecskp_param_set set;
    ecskp__sign_job job;
    ECSKP_GUARD(prepare(signer, request, op, out != NULL, &set, &job, diag));
    return write_alloc(&job, alloc, out, diag);
}

ecskp_status ecskp_request_sign_alloc(const ecskp_signer *signer, const ecskp_request *request,
                                      const ecskp_allocator *alloc, ecskp_signed **out,
                                      ecskp_diag *diag) {
    return sign_alloc(signer, request, NULL, alloc, out, diag);
}

ecskp_status ecskp_keypair_sign_alloc(const ecskp_signer *signer, const ecskp_keypair *op,
                                      const ecskp_allocator *alloc, ecskp_signed **out,
                                      ecskp_diag *diag) {
    return sign_alloc(signer, NULL, op, alloc, out, diag);
}

void ecskp_signed_free(ecskp_signed *signed_request) {
    if (signed_request == NULL)
        return;
    signed_block *b = (signed_block *)(void *)signed_request;
    size_t head = (sizeof(signed_block) + 15) & ~(size_t)15;
    ecskp__cleanse((char *)b + head, b->text_size);
    ecskp_allocator a = b->alloc;
    int has = b->has_alloc;
    ecskp__cleanse(b, sizeof *b);
    ecskp__free(has ? &a : NULL, b);
}
