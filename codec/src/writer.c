/* SPDX-License-Identifier: MIT */
/* writer.c - the bounded writer: appends that never write past the buffer, and count. */
#include <stdint.h>
#include <string.h>

#include "ecskp/encode.h"
#include "internal.h"

void ecskp__writer_init(ecskp_writer *w, char *buf, size_t cap) {
    w->buf = buf;
    w->cap = buf != NULL ? cap : 0;
    w->len = 0;
    w->sink = NULL;
    w->sink_ctx = NULL;
    w->drained = 0;
    if (w->cap > 0)
        w->buf[0] = '\0';
}

void ecskp__writer_init_sink(ecskp_writer *w, char *chunk, size_t cap, ecskp__sink_fn sink,
                             void *ctx) {
    ecskp__writer_init(w, chunk, cap);
    w->sink = sink;
    w->sink_ctx = ctx;
}

/* Sink mode: hands the chunk to the sink and empties it. */
static void drain(ecskp_writer *w) {
    if (w->len > 0)
        w->sink(w->sink_ctx, w->buf, w->len);
    w->drained += w->len;
    w->len = 0;
}

void ecskp__writer_drain(ecskp_writer *w) {
    if (w->sink != NULL)
        drain(w);
}

void ecskp__put_sink(ecskp_writer *w, const char *s, size_t n) {
    while (n > 0) { /* everything arrives, in chunks */
        if (w->len + 1 >= w->cap)
            drain(w);
        size_t k = w->cap - 1 - w->len;
        k = n < k ? n : k;
        memcpy(w->buf + w->len, s, k);
        w->len += k;
        s += k;
        n -= k;
    }
}

char *ecskp__writer_room(ecskp_writer *w, size_t n) {
    if (w->sink != NULL && !(w->cap - w->len > n))
        drain(w);
    return w->len < w->cap && w->cap - w->len > n ? w->buf + w->len : NULL;
}

char *ecskp__writer_span(ecskp_writer *w, size_t n, char **end) {
    char *d = ecskp__writer_room(w, n);
    *end = d != NULL ? w->buf + w->cap - 1 : NULL; /* the NUL's place */
    return d;
}

void ecskp__writer_skip(ecskp_writer *w, size_t n) {
    w->len += n;
}

void ecskp__writer_advance(ecskp_writer *w, const char *end) {
    w->len = (size_t)(end - w->buf);
}

ecskp_status ecskp__writer_finish(ecskp_writer *w, size_t *needed) {
    if (needed != NULL)
        *needed = w->len + 1;
    if (w->len >= w->cap) { /* len + 1 > cap, without wrapping at SIZE_MAX */
        if (w->cap > 0)
            w->buf[w->cap - 1] = '\0';
        return ECSKP_ERR_BUFFER_TOO_SMALL;
    }
    w->buf[w->len] = '\0';
    return ECSKP_OK;
}

ecskp_status ecskp__writer_report(ecskp_writer *w, size_t *needed, ecskp_diag *diag,
                                  const char *what) {
    ecskp_status rc = ecskp__writer_finish(w, needed);
    if (rc != ECSKP_OK)
        return ecskp__refuse(diag, rc, NULL, "%s needs %zu bytes with its NUL; the buffer has %zu",
                             what, w->len + 1, w->cap);
    return ecskp__ok(diag);
}
