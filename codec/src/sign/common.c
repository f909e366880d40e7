/* common.c - what both signature versions share: names, segments, small checks. */
#include <string.h>

#include "crypto.h"
#include "sign_internal.h"

int ecskp_signing_available(void) {
    return ecskp__crypto_available();
}

const char *ecskp_method_name(ecskp_method method) {
    switch (method) {
    case ECSKP_METHOD_UNSET:
    case ECSKP_METHOD_POST:
        return "POST";
    case ECSKP_METHOD_GET:
        return "GET";
    }
    return NULL;
}

ecskp_status ecskp_method_parse(const char *name, ecskp_method *out, ecskp_diag *diag) {
    if (out == NULL)
        return ecskp__fail(diag, ECSKP_ERR_INVALID_ARGUMENT, "out", ECSKP_NO_OFFSET, ECSKP_NO_INDEX,
                           "out is NULL");
    for (ecskp_method m = ECSKP_METHOD_POST; m <= ECSKP_METHOD_GET; m++) {
        if (name != NULL && strcmp(name, ecskp_method_name(m)) == 0) {
            *out = m;
            return ecskp__ok(diag);
        }
    }
    return ecskp__fail(diag, ECSKP_ERR_INVALID_ARGUMENT, "method", ECSKP_NO_OFFSET, ECSKP_NO_INDEX,
                       "method \"%.40s\" is neither POST nor GET", name != NULL ? name : "(null)");
}

const char *ecskp_signature_name(ecskp_signature signature) {
    switch (signature) {
    case ECSKP_SIGNATURE_V1:
        return "v1";
    case ECSKP_SIGNATURE_V3:
        return "v3";
    case ECSKP_SIGNATURE_UNSET:
        break;
    }
    return NULL;
}

ecskp_status ecskp_signature_parse(const char *name, ecskp_signature *out, ecskp_diag *diag) {
    if (out == NULL)
        return ecskp__fail(diag, ECSKP_ERR_INVALID_ARGUMENT, "out", ECSKP_NO_OFFSET, ECSKP_NO_INDEX,
                           "out is NULL");
    for (ecskp_signature s = ECSKP_SIGNATURE_V1; s <= ECSKP_SIGNATURE_V3; s++) {
        if (name != NULL && strcmp(name, ecskp_signature_name(s)) == 0) {
            *out = s;
            return ecskp__ok(diag);
        }
    }
    return ecskp__fail(diag, ECSKP_ERR_INVALID_ARGUMENT, "signature", ECSKP_NO_OFFSET,
                       ECSKP_NO_INDEX, "signature \"%.40s\" is neither v1 nor v3",
                       name != NULL ? name : "(null)");
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

const char *ecskp__seg_text(ecskp__segs *s, const char *text, size_t len) {
    ecskp_writer w;
    ecskp__seg_open(s, &w);
    ecskp__put(&w, text, len);
    return ecskp__seg_close(s, &w);
}
