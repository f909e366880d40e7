/* SPDX-License-Identifier: MIT */
/*
 * internal.h - helpers shared by the library's source files. Not installed.
 */
#ifndef ECSKP_INTERNAL_H
#define ECSKP_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ecskp/alloc.h"
#include "ecskp/encode.h"
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

/* Fills `diag` (if not NULL) and yields `status`, which is evaluated twice (it is always a
 * constant or a variable): macros over the functions that fill the diag, so that the status a
 * failure returns is visible where it is returned (to the reader and to the analyzers).
 * `field` may be NULL.
 *   ecskp__fail(diag, status, field, offset, index, fmt, ...)
 *   ecskp__refuse(diag, status, field, fmt, ...)       no offset and no index: the common case
 *   ecskp__failn(diag, status, field, field_len, offset, index, fmt, ...)   a field not
 *                                                       NUL-terminated */
void ecskp__fail_v(ecskp_diag *diag, ecskp_status status, const char *field, size_t offset,
                   size_t index, const char *fmt, ...) ECSKP_PRINTF(6, 7);
void ecskp__refuse_v(ecskp_diag *diag, ecskp_status status, const char *field, const char *fmt, ...)
    ECSKP_PRINTF(4, 5);
void ecskp__failn_v(ecskp_diag *diag, ecskp_status status, const char *field, size_t field_len,
                    size_t offset, size_t index, const char *fmt, ...) ECSKP_PRINTF(7, 8);
#define ecskp__fail(diag, status, ...) (ecskp__fail_v((diag), (status), __VA_ARGS__), (status))
#define ecskp__refuse(diag, status, ...) (ecskp__refuse_v((diag), (status), __VA_ARGS__), (status))
#define ecskp__failn(diag, status, ...) (ecskp__failn_v((diag), (status), __VA_ARGS__), (status))

/* Enums named by a table indexed by value (an unset value's entry may be NULL). The name of
 * `value`, or NULL outside the table; the value named `name` (exact), searched from index
 * `first`, or -1. */
const char *ecskp__enum_name(const char *const *names, size_t count, int value);
int ecskp__enum_value(const char *const *names, size_t count, size_t first, const char *name);
/* The failure of a parse function: invalid_argument when `out` is NULL, else `status` with
 * `field` and the message "<name>" is not <expected>. */
ecskp_status ecskp__parse_failed(ecskp_diag *diag, const void *out, ecskp_status status,
                                 const char *field, const char *name, const char *expected);
#define ECSKP__COUNT(a) (sizeof(a) / sizeof((a)[0]))
/* The name and parse functions of a public enum `type` named by the table `names` (see
 * ecskp__enum_name), parsing from index `first`; a failed parse is `status` with `field`. */
/* `type` is a type name, which cannot be parenthesized in a declaration. */
/* NOLINTBEGIN(bugprone-macro-parentheses) */
#define ECSKP__ENUM_NAMES(type, prefix, names, first, status, field, expected)                     \
    const char *prefix##_name(type value) {                                                        \
        return ecskp__enum_name(names, ECSKP__COUNT(names), (int)value);                           \
    }                                                                                              \
    ecskp_status prefix##_parse(const char *name, type *out, ecskp_diag *diag) {                   \
        int v = ecskp__enum_value(names, ECSKP__COUNT(names), (first), name);                      \
        if (out == NULL || v < 0)                                                                  \
            return ecskp__parse_failed(diag, out, (status), (field), name, (expected));            \
        *out = (type)v;                                                                            \
        return ecskp__ok(diag);                                                                    \
    }
/* NOLINTEND(bugprone-macro-parentheses) */

/* Resets diag and returns ECSKP_OK. */
static inline ecskp_status ecskp__ok(ecskp_diag *diag) {
    ecskp_diag_clear(diag);
    return ECSKP_OK;
}

/*
 * Bounded writer. Appends never write past `cap`; they keep counting in `len`, so that after a
 * run the caller knows the full length. One byte of `cap` is kept for the NUL.
 *
 * Sink mode (ecskp__writer_init_sink): `buf` is a small chunk that is handed to `sink`
 * whenever it is full (and by ecskp__writer_drain() at the end), so a text of any length
 * streams through it, e.g. into a MAC, without being stored; `drained` counts what the sink
 * has had. Every append works the same in both modes.
 */
typedef void (*ecskp__sink_fn)(void *ctx, const char *p, size_t n);
typedef struct ecskp_writer {
    char *buf;
    size_t cap;
    size_t len;
    ecskp__sink_fn sink; /* NULL: bounded mode */
    void *sink_ctx;
    size_t drained;
} ecskp_writer;

void ecskp__writer_init(ecskp_writer *w, char *buf, size_t cap);
/* `cap` is at least 256, so that any one piece of ecskp__put_pct() fits. */
void ecskp__writer_init_sink(ecskp_writer *w, char *chunk, size_t cap, ecskp__sink_fn sink,
                             void *ctx);
void ecskp__writer_drain(ecskp_writer *w);
/* Appends n bytes (sink mode: through ecskp__put_sink). Inline: most appends are a few
 * bytes. */
void ecskp__put_sink(ecskp_writer *w, const char *s, size_t n);
static inline void ecskp__put(ecskp_writer *w, const char *s, size_t n) {
    if (w->sink != NULL) {
        ecskp__put_sink(w, s, n);
        return;
    }
    if (w->len < w->cap) {
        size_t room = w->cap - 1 - w->len; /* keep one byte for the NUL */
        size_t k = n < room ? n : room;
        if (k > 0)
            memcpy(w->buf + w->len, s, k);
    }
    w->len += n;
}
static inline void ecskp__putc(ecskp_writer *w, char c) {
    ecskp__put(w, &c, 1);
}
static inline void ecskp__puts(ecskp_writer *w, const char *s) {
    ecskp__put(w, s, strlen(s));
}
/* Percent-encodes n bytes of s (RFC 3986 unreserved kept, upper-case hex); with `twice`,
 * percentEncode(percentEncode(s)) in the same pass (a reserved byte becomes `%25XY`). The one
 * percent-encoder of the library. */
void ecskp__put_pct(ecskp_writer *w, const char *s, size_t n, int twice);
/* The writer's fast path, for appends whose worst-case length is known: a pointer to write up
 * to `n` bytes at when they fit with the NUL after them, else NULL (append through
 * ecskp__put() and friends then, which count what does not fit). After writing, give
 * ecskp__writer_advance() the pointer one past the last byte written. */
char *ecskp__writer_room(ecskp_writer *w, size_t n);
void ecskp__writer_advance(ecskp_writer *w, const char *end);
/* ecskp__writer_room(), also giving in *end the first byte that may not be written (the NUL's
 * place), for appends that may write past their own length, up to it. */
char *ecskp__writer_span(ecskp_writer *w, size_t n, char **end);
/* Counts n bytes that are not written (they cannot fit: ecskp__writer_room() said so). */
void ecskp__writer_skip(ecskp_writer *w, size_t n);
/* NUL-terminates, stores len + 1 (the bytes needed, NUL included) in *needed (if not NULL) and
 * returns OK or buffer_too_small. */
ecskp_status ecskp__writer_finish(ecskp_writer *w, size_t *needed);
/* The argument checks of every public caller-buffer function: resets *needed, refuses (as
 * invalid_argument, diag.field `field`) NULL needed, buf NULL with cap > 0, or !inputs_ok
 * (the function's own inputs, described by `inputs`), then opens `w` on the buffer. */
static inline ecskp_status ecskp__writer_open(ecskp_writer *w, char *buf, size_t cap,
                                              size_t *needed, int inputs_ok, const char *field,
                                              const char *inputs, ecskp_diag *diag) {
    if (needed != NULL)
        *needed = 0;
    ecskp__writer_init(w, NULL, 0);
    if (!inputs_ok || (buf == NULL && cap > 0) || needed == NULL)
        return ecskp__fail(diag, ECSKP_ERR_INVALID_ARGUMENT, field, ECSKP_NO_OFFSET, ECSKP_NO_INDEX,
                           "%s, buf is NULL with cap > 0, or needed is NULL", inputs);
    ecskp__writer_init(w, buf, cap);
    return ECSKP_OK;
}
/* ecskp__writer_finish(), with the diag of a buffer that is too small for `what`. */
ecskp_status ecskp__writer_report(ecskp_writer *w, size_t *needed, ecskp_diag *diag,
                                  const char *what);

/* `"` + s[0..n) as a JSON string + `"`: `"` and `\` escaped as \" and \\, bytes below 0x20
 * as \u00XX (lower-case hex), everything else copied as it is. */
void ecskp__put_json_string(ecskp_writer *w, const char *s, size_t n);

/* Bytes left unencoded by percent-encoding: A-Z a-z 0-9 - _ . ~ */
int ecskp__is_unreserved(unsigned char c);

/* Byte classes, one table lookup each (ecskp__ctype[c] & class). */
enum {
    ECSKP__C_UNRESERVED = 1, /* A-Z a-z 0-9 - _ . ~ */
    ECSKP__C_NAME = 2,       /* A-Z a-z 0-9 . (parameter names) */
    ECSKP__C_ID = 4,         /* 0x21-0x7E other than '"' and '\\' (instance IDs) */
    ECSKP__C_ID_STRICT = 8,  /* a-z 0-9 (strict instance IDs, after "i-") */
    ECSKP__C_JSON_STR = 16,  /* 0x20-0x7F other than '"' and '\\': plain inside a JSON string */
    /* 0x20-0x7F other than '"' [ ] { } , - 0-9, and \t \n \r: plain outside a JSON string
     * (ecskp__json_scan_text) */
    ECSKP__C_JSON_STRICT = 64
};
extern const unsigned char ecskp__ctype[256];

/*
 * Parameter lists. ecskp__canonical_check() makes every check ecskp_query_build() makes,
 * in the same order and with the same statuses and diag, but writes nothing: on success it
 * stores in `order` the indices of the parameters in canonical order (byte order of the raw
 * names), `Signature` left out, and their count in *n. The first `checked` parameters passed
 * these checks before (a built operation's list) and are only sorted. ecskp__put_canonical() then
 * writes the canonical query of such an order.
 */
ecskp_status ecskp__canonical_check(const ecskp_param *params, size_t count, size_t checked,
                                    unsigned short order[ECSKP_MAX_PARAMS], size_t *n,
                                    ecskp_diag *diag);
void ecskp__put_canonical(ecskp_writer *w, const ecskp_param *params, const unsigned short *order,
                          size_t n);
/* The typed string fields of ecskp_keypair (RegionId, KeyPairName, Version, the Owner*
 * fields) by parameter name, in the order ecskp_keypair_build() adds them: one table for the
 * builder and for ecskp_json_*'s mapping of a parameter map onto an operation. */
#define ECSKP__KEYPAIR_FIELDS 7
typedef struct ecskp__keypair_field {
    const char *name;
    size_t offset; /* of the `const char *` member */
} ecskp__keypair_field;
extern const ecskp__keypair_field ecskp__keypair_fields[ECSKP__KEYPAIR_FIELDS];

/* The value of parameter `name` in a list (the first one), or NULL. */
const char *ecskp__param_value(const ecskp_param *params, size_t count, const char *name);

/* The first bad byte of s[0..n) as UTF-8, or SIZE_MAX when it is valid. */
size_t ecskp__utf8_bad(const char *s, size_t n);

/* Length of the UTF-8 sequence starting at s[i] (i < n), or 0 if it is not a valid one. */
size_t ecskp__utf8_seq(const unsigned char *s, size_t n, size_t i);

/*
 * One pass over JSON text, before any parser sees it (json_scan.c), checking:
 *   - UTF-8 validity, no escaped NUL (`\u0000`) and no raw control byte in a string, nesting
 *     of [ and { within max_depth, the node count (1 + each '[', '{' and ',' outside strings,
 *     an upper bound of the values cJSON can build) within max_nodes: a failure of these is
 *     returned (ECSKP_ERR_INVALID_UTF8, ECSKP_ERR_NUL_CHARACTER, ECSKP_ERR_MALFORMED_BODY for a
 *     raw control byte in a string, ECSKP_ERR_NESTING_TOO_DEEP, ECSKP_ERR_TOO_MANY_NODES) with
 *     `offset` set, at the first one in the text;
 *   - what cJSON accepts but JSON forbids outside strings: control bytes other than white
 *     space, bytes above 0x7F, numbers spelled otherwise than JSON spells them (`01`, `1.`,
 *     `-`), a number where an object member's name must be (`{1:2}`: it would reach cJSON as a
 *     tagged string, which cJSON takes for a name), and more numbers than there can be values
 *     (only malformed text has them): the first
 *     such offset goes to bad_spelling (SIZE_MAX if none); the scan goes on to the end for the
 *     checks above, whose failure is reported first, as if the two scans ran one after the
 *     other.
 * With `tagged` (room for tagged_cap bytes) it also writes the copy described at the top of
 * json_scan.c, tagged_len bytes long (not NUL-terminated); a copy that outgrows tagged_cap stops
 * the scan with ECSKP_ERR_BUFFER_TOO_SMALL. ecskp__json_tagged_size(len, max_nodes) bytes always
 * suffice.
 */
#define ECSKP__JSON_NUMBER_TAG '\xFF'
/* Bytes of the copy kept in the scan structure itself, on the caller's stack: the copy of most
 * bodies fits, so most scans make no allocation, and in particular no request of 1 KiB or more
 * (glibc serves one by first merging every free small chunk, hundreds of them right after a
 * cJSON tree was freed: bench/README.md, json50). */
#define ECSKP__JSON_SMALL_COPY 8192
typedef struct ecskp__json_scan {
    size_t max_depth;
    size_t max_nodes;
    char *tagged;                       /* NULL for no copy */
    size_t tagged_cap;                  /* bytes at tagged */
    size_t offset;                      /* out: of the failure returned */
    size_t bad_spelling;                /* out: first spelling problem, or SIZE_MAX */
    size_t nodes;                       /* out */
    size_t tagged_len;                  /* out */
    char small[ECSKP__JSON_SMALL_COPY]; /* for ecskp__json_scan_copy() */
} ecskp__json_scan;
ecskp_status ecskp__json_scan_text(const char *s, size_t len, ecskp__json_scan *sc);
size_t ecskp__json_tagged_size(size_t len, size_t max_nodes);
/* ecskp__json_scan_text() with the copy: a text of at most sizeof sc->small bytes into
 * sc->small, and when its copy does not fit there (or the text is longer), into an allocation
 * of ecskp__json_tagged_size(len, sc->max_nodes) bytes through `alloc` (ECSKP_ERR_OUT_OF_MEMORY
 * when it fails). sc->max_depth and sc->max_nodes are set by the caller;
 * ecskp__json_scan_done() releases the copy. A caller whose text may hold a secret wipes
 * tagged_cap bytes at tagged before that (a scan that failed stopped with part of a copy
 * written); no other copy stays behind, since a scan that moves to the heap clears sc->small. */
ecskp_status ecskp__json_scan_copy(const char *s, size_t len, ecskp__json_scan *sc,
                                   const ecskp_allocator *alloc);
void ecskp__json_scan_done(ecskp__json_scan *sc, const ecskp_allocator *alloc);
/* cJSON over the tagged copy of a scanned text. On ECSKP__JSON_PARSED *root is the value (the
 * caller deletes it); otherwise *root is NULL and *at is an offset in the scanned text: of the
 * syntax error cJSON found (it cannot tell one from an allocation failure), of the bytes after
 * the value, or of the first spelling problem the scan found. With spelling_first a spelling
 * problem is reported without running cJSON (decode.h: the pre-scan refuses it); otherwise
 * cJSON's findings come first and a spelling problem is reported only when cJSON accepted the
 * text (InstanceIds, whose offsets have always been cJSON's). */
struct cJSON;
typedef enum ecskp__json_parse {
    ECSKP__JSON_PARSED,
    ECSKP__JSON_SYNTAX,
    ECSKP__JSON_TRAILING,
    ECSKP__JSON_SPELLING
} ecskp__json_parse;
ecskp__json_parse ecskp__json_parse_tagged(const ecskp__json_scan *sc, int spelling_first,
                                           struct cJSON **root, size_t *at);
/* The offset in the scanned text of offset `at` of its tagged copy: each tag before it added
 * three bytes (the quotes and the tag). */
size_t ecskp__json_untagged_offset(const char *tagged, size_t at);

/* Allocation through an optional ecskp_allocator (NULL = C library). */
void *ecskp__malloc(const ecskp_allocator *a, size_t n);
void *ecskp__realloc(const ecskp_allocator *a, void *p, size_t n);
void ecskp__free(const ecskp_allocator *a, void *p);

#endif /* ECSKP_INTERNAL_H */
