/* SPDX-License-Identifier: MIT */
/*
 * demo_data.h - the examples `ecskp demo` runs beside the documented vectors of vectors.h
 * (scripts/gen_vectors.py: the conformance cases whose folder names say "documented"). Both
 * kinds have the shape of the suite's case folders: an operation's input and the values it
 * must reproduce, never ecskp's own output.
 */
#ifndef ECSKP_CLI_DEMO_DATA_H
#define ECSKP_CLI_DEMO_DATA_H

#include <stddef.h>

/* One example, as an ecskp_vector of vectors.h: the files of conformance/<area>/<name>/. */
typedef struct demo_vector {
    const char *area;    /* encode, sign_v1, sign_v3, ids, decode */
    const char *name;    /* the case folder */
    const char *input;   /* case.json's input member (JSON) */
    const char *request; /* request.json, or NULL */
    const char *body;    /* the body file, or NULL */
    size_t body_len;
    const char *response;  /* response.json, or NULL */
    const char *error;     /* error.txt's name, or NULL */
    const char *artifacts; /* {"<artifact>":"<text>",...}, or NULL */
} demo_vector;

/* The examples that are not documented vectors: conformance cases whose folder names do not
 * say "documented", copied here (only the values the demo checks). */
extern const demo_vector demo_extras[];
extern const size_t demo_extra_count;

#endif /* ECSKP_CLI_DEMO_DATA_H */
