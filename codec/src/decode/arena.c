/* SPDX-License-Identifier: MIT */
/*
 * arena.c - the memory of one response: a list of chunks from the caller's allocator, handed
 * out by bumping a pointer and returned all at once by ecskp_response_free(). Chunks double in
 * size, so a response takes a handful of allocations however many strings it holds. Strings
 * are packed without alignment; structures are aligned for the widest member they have.
 */
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "decode_internal.h"

/* Everything the arena holds: pointers, size_t, int64_t, int. */
typedef union dec_widest {
    void *p;   // cppcheck-suppress unusedStructMember ; only the union's alignment is used
    size_t z;  // cppcheck-suppress unusedStructMember ; only the union's alignment is used
    int64_t i; // cppcheck-suppress unusedStructMember ; only the union's alignment is used
} dec_widest;

#define ALIGN_TO ((size_t)alignof(dec_widest))
#define HEADER_SIZE ((sizeof(dec_chunk) + ALIGN_TO - 1) & ~(ALIGN_TO - 1))
/* The first chunk (response included) stays below glibc's 1 KiB "large request" size: such a
 * request consolidates every free fast chunk first, and right after a cJSON tree was freed
 * there are hundreds. Most bodies fit in it. */
#define FIRST_CHUNK ((size_t)960 - HEADER_SIZE)
#define MAX_HINT ((size_t)1 << 16)

static size_t round_up(size_t n) {
    return (n + ALIGN_TO - 1) & ~(ALIGN_TO - 1);
}

static unsigned char *chunk_data(dec_chunk *c) {
    return (unsigned char *)c + HEADER_SIZE;
}

unsigned char *dec_chunk_data(dec_chunk *c) {
    return chunk_data(c);
}

static dec_chunk *chunk_new(const ecskp_allocator *alloc, size_t cap) {
    if (cap > SIZE_MAX - HEADER_SIZE)
        return NULL;
    dec_chunk *c = ecskp__malloc(alloc, HEADER_SIZE + cap);
    if (c == NULL)
        return NULL;
    c->next = NULL;
    c->cap = cap;
    c->used = 0;
    return c;
}

dec_response_impl *dec_response_new(const ecskp_allocator *alloc, size_t hint) {
    if (hint > MAX_HINT)
        hint = MAX_HINT;
    size_t self = round_up(sizeof(dec_response_impl));
    size_t cap = self + hint < FIRST_CHUNK ? FIRST_CHUNK : self + hint;
    dec_chunk *c = chunk_new(alloc, cap);
    if (c == NULL)
        return NULL;
    c->used = self;
    dec_response_impl *r = (dec_response_impl *)(void *)chunk_data(c);
    memset(r, 0, sizeof *r);
    if (alloc != NULL) {
        r->arena.alloc = *alloc;
        r->arena.has_alloc = 1;
    }
    r->arena.head = c;
    return r;
}

static const ecskp_allocator *arena_allocator(const dec_arena *a) {
    return a->has_alloc ? &a->alloc : NULL;
}

/* `n` bytes at an offset that is a multiple of `align` (a power of two). */
static void *arena_take(dec_arena *a, size_t n, size_t align) {
    dec_chunk *c = a->head;
    size_t at = (c->used + align - 1) & ~(align - 1);
    if (at > c->cap || c->cap - at < n) {
        size_t cap = c->cap > SIZE_MAX / 2 ? SIZE_MAX : c->cap * 2;
        if (cap < n)
            cap = n;
        dec_chunk *fresh = chunk_new(arena_allocator(a), cap);
        if (fresh == NULL)
            return NULL;
        fresh->next = c;
        a->head = fresh;
        c = fresh;
        at = 0;
    }
    c->used = at + n;
    return chunk_data(c) + at;
}

void *dec_arena_alloc(dec_arena *a, size_t n) {
    return arena_take(a, n == 0 ? 1 : n, ALIGN_TO);
}

char *dec_arena_text(dec_arena *a, size_t n) {
    return arena_take(a, n, 1);
}

char *dec_arena_strndup(dec_arena *a, const char *s, size_t n) {
    if (n == SIZE_MAX)
        return NULL;
    char *p = dec_arena_text(a, n + 1);
    if (p == NULL)
        return NULL;
    if (n > 0)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

dec_chunk *dec_chunk_resize(const dec_arena *a, dec_chunk *c, size_t cap) {
    if (cap > SIZE_MAX - HEADER_SIZE)
        return NULL;
    dec_chunk *fresh = ecskp__realloc(arena_allocator(a), c, HEADER_SIZE + cap);
    if (fresh == NULL)
        return NULL;
    if (c == NULL)
        fresh->used = 0;
    fresh->next = NULL;
    fresh->cap = cap;
    return fresh;
}

void dec_arena_adopt(dec_arena *a, dec_chunk *chunk) {
    /* Behind the head, so that the head keeps serving small allocations. */
    chunk->next = a->head->next;
    a->head->next = chunk;
}

void *dec_tmp_realloc(const dec_arena *a, void *p, size_t n) {
    return ecskp__realloc(arena_allocator(a), p, n);
}

void dec_tmp_free(const dec_arena *a, void *p) {
    ecskp__free(arena_allocator(a), p);
}

void ecskp_response_free(ecskp_response *response) {
    if (response == NULL)
        return;
    dec_response_impl *r = (dec_response_impl *)response;
    /* The arena header lives inside the oldest chunk: copy what the loop needs first. */
    ecskp_allocator alloc = r->arena.alloc;
    const ecskp_allocator *ap = r->arena.has_alloc ? &alloc : NULL;
    dec_chunk *c = r->arena.head;
    while (c != NULL) {
        dec_chunk *next = c->next;
        ecskp__free(ap, c);
        c = next;
    }
}
