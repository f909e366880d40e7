/* SPDX-License-Identifier: MIT */
/*
 * decode_internal.h - what the decoding sources share: the arena, the field table, the
 * decoder state both parsers fill, and the JSON string writer. Not installed.
 *
 * The layers, each calling only the ones below it:
 *   decode.c      arguments, limits, byte-order marks, the shape and HTTP decision, the
 *                 consistency checks, the final response;
 *   json.c, xml.c the two formats: json_scan.c / xml_scan.c bound the cost first, then cJSON or
 *                 libxml2 feed the field layer;
 *   fields.c      the field table and the typed setters (dec_begin creates the response);
 *   arena.c       the memory of one response; output.c renders it as normalized JSON.
 *
 * Adding a response field, everywhere it is named:
 *   1. dec_field_id below (a string field before DEC_F_RESULTS, or a Result field after it);
 *   2. its row in fields[] (fields.c), at its id's place: the static assert there checks the
 *      count; DEC_SCOPE_SUCCESS_MARKER if only a success carries it;
 *   3. the public struct and the "Fields" section of ecskp/decode.h;
 *   4. finish_success() / finish_error() in decode.c (where the state becomes the response), or
 *      string_slot() in fields.c for a Result field;
 *   5. the normalized JSON form: ecskp_response_to_json() in output.c, its description in
 *      decode.h, and conformance/tools/casekit.py (success() / api_error());
 *   6. the tests that build expected responses (codec/tests/test_decode.c) and a conformance
 *      case (conformance/tools/make_cases.py).
 */
#ifndef ECSKP_DECODE_INTERNAL_H
#define ECSKP_DECODE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "ecskp/decode.h"
#include "internal.h"

/* ---------------------------------------------------------------- arena */

/* A chunk of arena memory. Chunks form a list, newest first; the data follows the header. */
typedef struct dec_chunk {
    struct dec_chunk *next;
    size_t cap;  /* bytes of data */
    size_t used; /* bytes of data handed out */
} dec_chunk;

typedef struct dec_arena {
    ecskp_allocator alloc; /* copy of the caller's allocator (valid when has_alloc) */
    int has_alloc;
    dec_chunk *head;
} dec_arena;

/* The response as allocated: the public part first, so a response pointer is an impl
 * pointer. It lives at the start of the arena's first chunk. */
typedef struct dec_response_impl {
    ecskp_response pub;
    ecskp_success success; /* pub.success points here (success only) */
    ecskp_api_error error; /* pub.error points here (API error only) */
    dec_arena arena;
} dec_response_impl;

/* Creates a response in a fresh arena whose first chunk has room for `hint` more bytes. */
dec_response_impl *dec_response_new(const ecskp_allocator *alloc, size_t hint);
/* Returns `n` bytes aligned for the response's structures (pointers, size_t, int64_t), or
 * NULL. */
void *dec_arena_alloc(dec_arena *a, size_t n);
/* Returns `n` bytes with no alignment (text), or NULL. */
char *dec_arena_text(dec_arena *a, size_t n);
/* Copies `n` bytes and a NUL into the arena; NULL on allocation failure. */
char *dec_arena_strndup(dec_arena *a, const char *s, size_t n);
/* A chunk outside the arena, grown with realloc while its size is unknown (the Results array),
 * and adopted by the arena once complete. resize keeps `used`; NULL leaves `c` untouched. */
dec_chunk *dec_chunk_resize(const dec_arena *a, dec_chunk *c, size_t cap);
unsigned char *dec_chunk_data(dec_chunk *c);
/* Makes `chunk` (from dec_chunk_resize) part of the arena. */
void dec_arena_adopt(dec_arena *a, dec_chunk *chunk);
/* Allocation through the arena's allocator, outside the arena (temporary buffers). */
void *dec_tmp_realloc(const dec_arena *a, void *p, size_t n);
void dec_tmp_free(const dec_arena *a, void *p);

/* ---------------------------------------------------------------- field table */

typedef enum dec_field_type {
    DEC_T_STRING,  /* a string (JSON) / text (XML) */
    DEC_T_CODE,    /* a string, or an integer kept as decimal text */
    DEC_T_COUNT,   /* 0..2^31-1 as a number or digits */
    DEC_T_BOOL,    /* true/false or "true"/"false" */
    DEC_T_RESULTS, /* the Results container */
    DEC_T_DETAIL   /* AccessDeniedDetail, kept as compact JSON text */
} dec_field_type;

typedef enum dec_field_id {
    DEC_F_REQUEST_ID,
    DEC_F_HOST_ID,
    DEC_F_CODE,
    DEC_F_MESSAGE,
    DEC_F_RECOMMEND,
    DEC_F_DETAIL,
    DEC_F_KEY_PAIR_NAME,
    DEC_F_TOTAL_COUNT,
    DEC_F_FAIL_COUNT,
    DEC_F_RESULTS,
    DEC_F_R_INSTANCE_ID,
    DEC_F_R_CODE,
    DEC_F_R_MESSAGE,
    DEC_F_R_SUCCESS,
    DEC_F_RESULT, /* an entry of Results; never looked up, named in diagnostics */
    DEC_F_COUNT_
} dec_field_id;

/* Where a name is looked up. */
typedef enum dec_scope {
    DEC_SCOPE_SUCCESS = 1u << 0, /* top level of a success body */
    DEC_SCOPE_ERROR = 1u << 1,   /* top level of an error body */
    DEC_SCOPE_RESULT = 1u << 2,  /* one Results.Result entry */
    /* Not a place but a property: a top-level field only a success carries (the JSON shape
     * rule of decode.h); looked up like a scope. */
    DEC_SCOPE_SUCCESS_MARKER = 1u << 3
} dec_scope;

typedef struct dec_field {
    const char *name; /* as on the wire */
    const char *path; /* as in diag.field */
    dec_field_id id;
    dec_field_type type;
    unsigned scopes; /* dec_scope bits */
} dec_field;

/* The field called `name` (NUL-terminated, case-sensitive) in `scope`, or NULL: unknown fields
 * are ignored. */
const dec_field *dec_field_find(dec_scope scope, const char *name);
/* Whether `name` is a top-level field only a success carries (TotalCount, FailCount, Results,
 * KeyPairName: the table's DEC_SCOPE_SUCCESS_MARKER rows). */
int dec_field_marks_success(const char *name);

/* ---------------------------------------------------------------- decoder state */

typedef enum dec_shape { DEC_SHAPE_NONE = 0, DEC_SHAPE_SUCCESS, DEC_SHAPE_ERROR } dec_shape;

/* What both parsers fill through the typed setters below; turned into a response at the end. */
typedef struct dec_state {
    const ecskp_decode_options *opt;
    ecskp_limits lim;
    ecskp_diag *diag;
    dec_response_impl *resp;

    dec_shape shape;
    uint32_t seen;                   /* top-level fields seen (1 << dec_field_id) */
    const char *top[DEC_F_COUNT_];   /* string-typed top-level fields by id (NULL = absent) */
    int64_t total_count, fail_count; /* -1 = absent */
    int has_results;

    /* The parser's current byte offset, asked only when a failure needs it (see
     * DEC_OFFSET_HERE); NULL when the parser cannot tell (cJSON keeps no positions). */
    size_t (*here)(const void *ctx);
    const void *here_ctx;

    /* Results are built in a chunk of their own that grows while parsing and is adopted by
     * the arena at the end. */
    dec_chunk *results_chunk;
    size_t result_count;
    size_t results_hint;        /* XML: the expected number of Results (capacity only) */
    ecskp_instance_result *cur; /* the Result being filled, or NULL */
    uint32_t cur_seen;          /* its fields seen */
} dec_state;

/* An offset argument meaning "where the parser is now": resolved through st->here only if the
 * call fails, so that the XML callbacks do not pay for positions they never report. */
#define DEC_OFFSET_HERE ((size_t)-3)

/* Resolves DEC_OFFSET_HERE; other offsets are returned as they are. */
size_t dec_offset(const dec_state *st, size_t offset);

/* Field-level failure: fills diag with the field's path, and the Result index when the field
 * belongs to a Result. */
ecskp_status dec_fail_field(dec_state *st, ecskp_status status, const dec_field *f, size_t offset,
                            const char *fmt, ...) ECSKP_PRINTF(5, 6);

/* Marks `f` seen in its object (duplicate_field when it already was). */
ecskp_status dec_mark_seen(dec_state *st, const dec_field *f, size_t offset);

/* Typed setters shared by both formats. `offset` is ECSKP_NO_OFFSET when unknown. */
ecskp_status dec_set_text(dec_state *st, const dec_field *f, const char *s, size_t n,
                          size_t offset);
/* A JSON number, as its text (a valid JSON number spelling), judged by its digits. */
ecskp_status dec_set_number(dec_state *st, const dec_field *f, const char *s, size_t n,
                            size_t offset);
ecskp_status dec_set_bool(dec_state *st, const dec_field *f, int v, size_t offset);
/* Stores ready compact JSON text (already in the arena) for AccessDeniedDetail. */
void dec_set_detail(dec_state *st, const char *json);

/* Results: opening the container, then each entry. */
ecskp_status dec_results_open(dec_state *st, size_t expected, size_t offset);
ecskp_status dec_result_begin(dec_state *st, size_t offset);
void dec_result_end(dec_state *st);

/* The exact integer a JSON number spelling (s, n) stands for, with no double in between: its
 * digits (no sign, no leading zero, "0" for any zero) NUL-terminated in buf, *neg set for a
 * negative non-zero value. Returns 0 when the number is not an integer (a non-zero digit below
 * 10^0, as in 1.5 or 1e-400) or has cap digits or more; 2.0, 2e0 and 20e-1 are the integer 2. */
int dec_number_integer(const char *s, size_t n, char *buf, size_t cap, int *neg);
/* A Code that arrived as a JSON number: its decimal text (sign and digits of the exact
 * integer) into buf (>= 25 bytes), or number_out_of_range outside -2^53..2^53 or when it is
 * not an integer. */
ecskp_status dec_code_from_number(const char *s, size_t n, char *buf, size_t cap, size_t *len);

/* Sorts `keys` (n NUL-terminated strings) and returns one that occurs twice, or NULL. */
const char *dec_find_duplicate_key(const char **keys, size_t n);

/* The pseudo-field of one Results entry, for diagnostics. */
extern const dec_field dec_field_result;

/* ---------------------------------------------------------------- the two parsers */

/* Creates the response (st->resp). Each parser calls it once its input has passed the byte
 * checks; JSON only after cJSON has built its tree (see json.c). */
ecskp_status dec_begin(dec_state *st);

/* Parse the `len` bytes of a body that decode.c has checked for size, byte-order marks (`bom`
 * bytes of a UTF-8 one start it) and emptiness, and fill `st`. XML hands the mark to libxml2,
 * which knows it; JSON starts after it. Offsets in diagnostics are the body's. */
ecskp_status dec_parse_json(dec_state *st, const unsigned char *body, size_t len, size_t bom);
ecskp_status dec_parse_xml(dec_state *st, const unsigned char *body, size_t len);
/* The checks of an XML body before libxml2 runs (xml_scan.c); *results_hint is the number of
 * <Result> start tags, at most max_results. */
ecskp_status dec_xml_prescan(dec_state *st, const unsigned char *body, size_t len,
                             size_t *results_hint);

#endif /* ECSKP_DECODE_INTERNAL_H */
