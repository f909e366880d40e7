/*
 * internal.h - helpers shared by the library's source files. Not installed.
 */
#ifndef ECSKP_INTERNAL_H
#define ECSKP_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "ecskp/alloc.h"
#include "ecskp/status.h"

/* Return the status of `expr` when it is not ECSKP_OK. */
#define ECSKP_GUARD(expr)                                                                          \
    do {                                                                                           \
        ecskp_status ecskp_guard_rc_ = (expr);                                                     \
        if (ecskp_guard_rc_ != ECSKP_OK)                                                           \
            return ecskp_guard_rc_;                                                                \
    } while (0)

/* Return `status` (without filling a diag) when `cond` is false. */
#define ECSKP_ENSURE(cond, status)                                                                 \
    do {                                                                                           \
        if (!(cond))                                                                               \
            return (status);                                                                       \
    } while (0)

#if defined(__GNUC__) || defined(__clang__)
#define ECSKP_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define ECSKP_PRINTF(f, a)
#endif

/* Fills `diag` (if not NULL) and returns `status`. `field` may be NULL. */
ecskp_status ecskp__fail(ecskp_diag *diag, ecskp_status status, const char *field, size_t offset,
                         size_t index, const char *fmt, ...) ECSKP_PRINTF(6, 7);
/* Same, with a field given as pointer and length (not NUL-terminated). */
ecskp_status ecskp__failn(ecskp_diag *diag, ecskp_status status, const char *field,
                          size_t field_len, size_t offset, size_t index, const char *fmt, ...)
    ECSKP_PRINTF(7, 8);
/* Resets diag and returns ECSKP_OK. */
ecskp_status ecskp__ok(ecskp_diag *diag);

/*
 * Bounded writer. Appends never write past `cap`; they keep counting in `len`, so that after a
 * run the caller knows the full length. One byte of `cap` is kept for the NUL.
 */
typedef struct ecskp_writer {
    char *buf;
    size_t cap;
    size_t len;
} ecskp_writer;

void ecskp__writer_init(ecskp_writer *w, char *buf, size_t cap);
void ecskp__put(ecskp_writer *w, const char *s, size_t n);
void ecskp__putc(ecskp_writer *w, char c);
void ecskp__puts(ecskp_writer *w, const char *s);
/* Percent-encodes n bytes of s (RFC 3986 unreserved kept, upper-case hex). */
void ecskp__put_pct(ecskp_writer *w, const char *s, size_t n);
/* NUL-terminates, stores len in *out_len (if not NULL) and returns OK or buffer_too_small. */
ecskp_status ecskp__writer_finish(ecskp_writer *w, size_t *out_len);

/* Bytes left unencoded by percent-encoding: A-Z a-z 0-9 - _ . ~ */
int ecskp__is_unreserved(unsigned char c);

/*
 * One pass over JSON text, before any parser sees it: checks UTF-8 validity, that no string
 * holds an escaped NUL (`\u0000`) or a raw control byte, and that nesting of [ and { never exceeds
 * max_depth. It is not a parser: it tracks only whether it is inside a string. Returns ECSKP_OK,
 * ECSKP_ERR_MALFORMED_BODY (raw control byte in a string),
 * ECSKP_ERR_INVALID_UTF8, ECSKP_ERR_NUL_CHARACTER or ECSKP_ERR_NESTING_TOO_DEEP with *offset set.
 */
ecskp_status ecskp__json_prescan(const char *s, size_t len, size_t max_depth, size_t *offset);

/* Allocation through an optional ecskp_allocator (NULL = C library). */
void *ecskp__malloc(const ecskp_allocator *a, size_t n);
void *ecskp__realloc(const ecskp_allocator *a, void *p, size_t n);
void ecskp__free(const ecskp_allocator *a, void *p);

#endif /* ECSKP_INTERNAL_H */
