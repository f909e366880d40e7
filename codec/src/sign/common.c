/* common.c - what both signature versions share: argument checks, segments, names. */
#include <string.h>

#include "crypto.h"
#include "sign_internal.h"

int ecskp_signing_available(void) {
    return ecskp__crypto_available();
}

const char *ecskp_method_name(ecskp_method method) {
    switch (method) {
    case ECSKP_METHOD_GET:
        return "GET";
    case ECSKP_METHOD_POST:
        return "POST";
    }
    return NULL;
}

int ecskp__sign_present(const char *s) {
    return s != NULL && s[0] != '\0';
}

ecskp_status ecskp__sign_missing(ecskp_diag *diag, const char *name) {
    return ecskp__fail(diag, ECSKP_ERR_MISSING_PARAMETER, name, ECSKP_NO_OFFSET, ECSKP_NO_INDEX,
                       "The input parameter \"%s\" that is required for processing this "
                       "request is not supplied.",
                       name);
}

ecskp_status ecskp__unsupported(ecskp_diag *diag) {
    return ecskp__fail(diag, ECSKP_ERR_UNSUPPORTED, NULL, ECSKP_NO_OFFSET, ECSKP_NO_INDEX,
                       "this build of ecskp has no signing (built without libcrypto)");
}

ecskp_status ecskp__check_secret(const char *secret, size_t secret_len, ecskp_diag *diag) {
    if (!ecskp__crypto_available())
        return ecskp__unsupported(diag);
    if (secret == NULL && secret_len > 0)
        return ecskp__fail(diag, ECSKP_ERR_INVALID_ARGUMENT, NULL, ECSKP_NO_OFFSET, ECSKP_NO_INDEX,
                           "secret is NULL with a non-zero length");
    if (secret_len == 0)
        return ecskp__fail(diag, ECSKP_ERR_MISSING_SECRET, "AccessKeySecret", ECSKP_NO_OFFSET,
                           ECSKP_NO_INDEX, "the AccessKeySecret is empty");
    return ECSKP_OK;
}

const char *ecskp__param_value(const ecskp_param *params, size_t count, const char *name) {
    for (size_t i = 0; i < count; i++)
        if (params[i].name != NULL && strcmp(params[i].name, name) == 0)
            return params[i].value;
    return NULL;
}

void ecskp__seg_open(ecskp__segs *s, ecskp_writer *w) {
    if (s->buf != NULL && s->off < s->cap)
        ecskp__writer_init(w, s->buf + s->off, s->cap - s->off);
    else
        ecskp__writer_init(w, NULL, 0);
}

const char *ecskp__seg_close(ecskp__segs *s, ecskp_writer *w) {
    const char *start = NULL;
    if (ecskp__writer_finish(w, NULL) == ECSKP_OK)
        start = w->buf;
    s->off += w->len + 1;
    return start;
}
