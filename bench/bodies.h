/* SPDX-License-Identifier: MIT */
/* bodies.h - the response bodies of the decode workloads (see bodies.c). */
#ifndef ECSKP_BENCH_BODIES_H
#define ECSKP_BENCH_BODIES_H

#include <stddef.h>

typedef struct bench_body {
    const char *bytes; /* NUL-terminated for convenience; the decoders get `len` */
    size_t len;
    int is_json;     /* 1: JSON, 0: XML */
    int http_status; /* the status the body comes with */
} bench_body;

enum {
    BODY_JSON50,
    BODY_XML50,
    BODY_JSON_ERR_IMAGE,   /* documented JSON error (InvalidImageId.NotFound) */
    BODY_XML_ERR_IMAGE,    /* the same fields as XML */
    BODY_JSON_ERR_MISSING, /* the documented XML error (MissingParameter.CommandId) as JSON */
    BODY_XML_ERR_MISSING,  /* documented XML error */
    BODY_COUNT
};

/* Short names for --dump-body: json50, xml50, json_err_imageid, ... (static strings). */
const char *bench_body_name(int which);

/* Builds the bodies (once). Returns 0 on success. */
int bench_bodies(bench_body out[BODY_COUNT]);

/* A DetachKeyPair success body shaped like json50/xml50 (unindented, the documented key order)
 * with `results` Results and IDs `i-` + 20 digits, NUL-terminated in `buf`. Returns its length,
 * or `cap` when it did not fit. */
size_t bench_success_body(char *buf, size_t cap, int xml, int results);

#endif /* ECSKP_BENCH_BODIES_H */
