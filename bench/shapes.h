/* SPDX-License-Identifier: MIT */
/* shapes.h - worst-case response bodies of any size, for the scaling mode (see shapes.c). */
#ifndef ECSKP_BENCH_SHAPES_H
#define ECSKP_BENCH_SHAPES_H

#include <stddef.h>

/* A body under construction: at most `cap` bytes, NUL-terminated (the buffer has cap + 1). */
typedef struct shape_buf {
    char *p;
    size_t len, cap;
} shape_buf;

typedef void (*shape_gen)(shape_buf *b);

typedef struct bench_shape {
    const char *name; /* e.g. "xml_attrs_one_tag" */
    int is_json;      /* 1: JSON, 0: XML */
    shape_gen gen;    /* fills the body up to b->cap bytes */
} bench_shape;

/* The shapes, in the order the scaling mode runs them; *count is set to their number. */
const bench_shape *bench_shapes(size_t *count);

/* The benign bodies the baselines parse: json50/xml50 in shape (bench_success_body), with as
 * many Results as fit in `size` bytes. */
extern const bench_shape bench_benign_json, bench_benign_xml;

/* A shape's body of at most `size` bytes (malloc'd, NUL-terminated; free() it), its length in
 * *len. NULL when out of memory. */
char *bench_shape_body(const bench_shape *s, size_t size, size_t *len);

#endif /* ECSKP_BENCH_SHAPES_H */
