/* SPDX-License-Identifier: MIT */
/* common.c - what both signature versions share: names, segments, small checks. */
#include <string.h>

#include "crypto.h"
#include "sign_internal.h"

int ecskp_signing_available(void) {
    return ecskp__crypto_available();
}

/* Unset is POST: its entry names it, and parsing starts after it. */
static const char *const method_names[] = {"POST", "POST", "GET"};
static const char *const signature_names[] = {NULL, "v1", "v3"};

ECSKP__ENUM_NAMES(ecskp_method, ecskp_method, method_names, 1, ECSKP_ERR_INVALID_ARGUMENT, "method",
                  "POST or GET")
ECSKP__ENUM_NAMES(ecskp_signature, ecskp_signature, signature_names, 1, ECSKP_ERR_INVALID_ARGUMENT,
                  "signature", "v1 or v3")

int ecskp__sign_present(const char *s) {
    return s != NULL && s[0] != '\0';
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
