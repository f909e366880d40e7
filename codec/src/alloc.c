/* SPDX-License-Identifier: MIT */
/* alloc.c - allocation through an optional caller allocator. */
#include <stdlib.h>

#include "internal.h"

void *ecskp__malloc(const ecskp_allocator *a, size_t n) {
    if (n == 0)
        n = 1;
    return a != NULL ? a->malloc_fn(n, a->ctx) : malloc(n);
}

void *ecskp__realloc(const ecskp_allocator *a, void *p, size_t n) {
    if (n == 0)
        n = 1;
    return a != NULL ? a->realloc_fn(p, n, a->ctx) : realloc(p, n);
}

void ecskp__free(const ecskp_allocator *a, void *p) {
    if (p == NULL)
        return;
    if (a != NULL)
        a->free_fn(p, a->ctx);
    else
        free(p);
}
