/* SPDX-License-Identifier: MIT */
/* scaling.h - --scaling: decoding cost of hostile bodies against their size (see scaling.c). */
#ifndef ECSKP_BENCH_SCALING_H
#define ECSKP_BENCH_SCALING_H

#include <stddef.h>

typedef struct scaling_config {
    int quick;             /* one run per cell, 64 KiB and 256 KiB only */
    int json_only;         /* JSON lines only, no table */
    const char *only;      /* shapes whose name contains this text (NULL: all) */
    size_t cap;            /* 0, or one more size, decoded with max_body_bytes = cap */
    const char *clock;     /* the clock's name, for the output */
    const char *load_note; /* the load average at start, for the output */
} scaling_config;

/* Smallest size --cap and --dump-shape accept: every shape's fixed text fits in it. */
#define SCALING_MIN_SIZE ((size_t)1024)

/* Measures every shape at every size; prints the table and the JSON lines. Returns 0 when
 * every cell was measured (whatever the decoder said about the body), 1 when one failed. */
int bench_scaling(const scaling_config *cfg);

/* Prints the shape names, one a line, with their format. */
int bench_scaling_list(void);

/* Writes one shape's body of at most `size` bytes to stdout; `name` may also be benign_json
 * or benign_xml (the baselines' bodies). Returns 0 on success, 2 for an unknown name. */
int bench_dump_shape(const char *name, size_t size);

#endif /* ECSKP_BENCH_SCALING_H */
