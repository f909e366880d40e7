/* SPDX-License-Identifier: MIT */
/*
 * ecskp/alloc.h - caller-supplied memory allocation.
 *
 * ecskp has no global allocator state. What allocates, and through what:
 *   - ecskp_response_decode() (options.alloc), ecskp_ids_normalize() and an operation with
 *     InstanceIds as JSON text (its `alloc` / the C library), ecskp_request_sign_alloc() and
 *     ecskp_keypair_sign_alloc() (their `alloc`), ecskp_ids_check_list() (its `alloc`): an
 *     allocator given as NULL means the C library's malloc/realloc/free;
 *   - the ecskp/json.h entry points: the C library's malloc (their answers are freed with
 *     ecskp_json_free());
 *   - nothing else: encoding and signing into a caller buffer allocate nothing of ecskp's own
 *     (libcrypto may, inside an HMAC).
 *
 * When an allocator is given, all three functions must be set. ecskp calls them only from the
 * thread that called ecskp (during the call, and in the matching _free function), so an
 * allocator that is used by one thread at a time needs no locking.
 *
 * The allocator is used for every allocation ecskp itself makes. The parsers underneath have
 * their own rules, documented in SECURITY.md and README.md: libxml2 and cJSON allocate through
 * their own process-wide hooks (xmlMemSetup, cJSON_InitHooks), which ecskp never changes; a
 * program that wants all memory to go through one allocator sets those hooks itself, once,
 * before any thread uses ecskp.
 */
#ifndef ECSKP_ALLOC_H
#define ECSKP_ALLOC_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Caller-allocated: frozen for soname 1. */
typedef struct ecskp_allocator {
    /* Returns a block of at least `size` bytes aligned for any object, or NULL. */
    void *(*malloc_fn)(size_t size, void *ctx);
    /* As realloc(3): `ptr` may be NULL; on NULL return the old block is untouched. */
    void *(*realloc_fn)(void *ptr, size_t size, void *ctx);
    /* Frees a block from malloc_fn/realloc_fn; `ptr` may be NULL. */
    void (*free_fn)(void *ptr, void *ctx);
    /* Passed unchanged to the three functions. */
    void *ctx;
} ecskp_allocator;

#ifdef __cplusplus
}
#endif

#endif /* ECSKP_ALLOC_H */
