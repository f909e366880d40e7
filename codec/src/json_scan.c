/* SPDX-License-Identifier: MIT */
/*
 * json_scan.c - the one pass over JSON text that runs before cJSON sees it (decode.h and
 * encode.h say what it refuses). It is not a parser: it tracks only whether it is inside a
 * string and how deep the brackets go, and judges the spelling of what cJSON would otherwise
 * accept (control bytes as white space, `01`, `1.`, bytes above 0x7F outside strings).
 *
 * With `tagged`, it also writes a copy of the text in which every number is a string whose
 * first byte is ECSKP__JSON_NUMBER_TAG: `{"TotalCount":2}` becomes `{"TotalCount":"\xFF2"}`.
 * cJSON then never parses a number, so it never calls localeconv() (which fills one static
 * struct from every thread and makes the decimal separator depend on the locale) and never
 * rounds one to a double: the reader judges each number by its digits. The tag, 0xFF, never
 * occurs in UTF-8, so nothing else can produce it: not a byte of the body (the scan refuses
 * invalid UTF-8), nor an escape (cJSON decodes `\uXXXX` to UTF-8; `\u0001` gives 0x01).
 */
#include <stdint.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "internal.h"

static int is_digit(unsigned char c) {
    return c >= '0' && c <= '9';
}

/* Offset of a number that JSON forbids, starting at s[i] ('-' or a digit), or SIZE_MAX with
 * *end set past the number. */
static size_t check_number(const unsigned char *s, size_t n, size_t i, size_t *end) {
    if (s[i] == '-')
        i++;
    if (i < n && s[i] == '0') {
        i++;
    } else if (i < n && is_digit(s[i])) {
        while (i < n && is_digit(s[i]))
            i++;
    } else {
        return i;
    }
    if (i < n && s[i] == '.') {
        i++;
        if (i >= n || !is_digit(s[i]))
            return i;
        while (i < n && is_digit(s[i]))
            i++;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        if (i >= n || !is_digit(s[i]))
            return i;
        while (i < n && is_digit(s[i]))
            i++;
    }
    /* `01`, `1.2.3`, `1-2`: a number runs straight into more number characters. */
    if (i < n && (is_digit(s[i]) || s[i] == '.' || s[i] == '-' || s[i] == '+'))
        return i;
    *end = i;
    return SIZE_MAX;
}

/* Whether the first byte after JSON white space from s[i] is ':'. */
static int followed_by_colon(const unsigned char *s, size_t n, size_t i) {
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
        i++;
    return i < n && s[i] == ':';
}

size_t ecskp__json_tagged_size(size_t len, size_t max_nodes) {
    /* Every tagged number is a value, so there are at most max_nodes of them (see the node
     * count below), and at most (len + 1) / 2, numbers being separated by at least one byte. */
    size_t numbers = len / 2 + 1;
    if (numbers > max_nodes)
        numbers = max_nodes;
    return len + 3 * numbers;
}

size_t ecskp__json_untagged_offset(const char *tagged, size_t at) {
    size_t tags = 0;
    for (size_t i = 0; i < at; i++)
        tags += tagged[i] == ECSKP__JSON_NUMBER_TAG;
    return at - 3 * tags;
}

static ecskp_status fail(ecskp__json_scan *sc, ecskp_status rc, size_t at) {
    sc->offset = at;
    return rc;
}

/* Records the first spelling problem; the scan goes on for the checks that are returned first. */
static void spelling(ecskp__json_scan *sc, size_t at) {
    if (sc->bad_spelling == SIZE_MAX)
        sc->bad_spelling = at;
}

/* Index of the first byte at or after i that the class `plain` does not hold, or len: four at a
 * time while more than four are left, then one at a time. */
static inline size_t skip_plain(const unsigned char *s, size_t len, size_t i, unsigned char plain) {
    while (len - i > 4) {
        if (!(ecskp__ctype[s[i]] & plain))
            return i;
        if (!(ecskp__ctype[s[i + 1]] & plain))
            return i + 1;
        if (!(ecskp__ctype[s[i + 2]] & plain))
            return i + 2;
        if (!(ecskp__ctype[s[i + 3]] & plain))
            return i + 3;
        i += 4;
    }
    while (i < len && (ecskp__ctype[s[i]] & plain))
        i++;
    return i;
}

/* The scan's progress through the text and its copy. */
typedef struct scan_pos {
    size_t depth, numbers, nodes; /* nodes: see ecskp__json_scan_text() */
    size_t copied, o;             /* bytes of the text copied, bytes of the copy written */
} scan_pos;

/* Copies the text up to the number at [i, end) and the number as a tagged string; 0 when the
 * copy has no room for them. */
static int put_tagged(const ecskp__json_scan *sc, const unsigned char *s, scan_pos *p, size_t i,
                      size_t end) {
    char *out = sc->tagged;
    if (sc->tagged_cap - p->o < (end - p->copied) + 3)
        return 0;
    memcpy(out + p->o, s + p->copied, i - p->copied);
    p->o += i - p->copied;
    out[p->o++] = '"';
    out[p->o++] = ECSKP__JSON_NUMBER_TAG;
    memcpy(out + p->o, s + i, end - i);
    p->o += end - i;
    out[p->o++] = '"';
    p->copied = end;
    return 1;
}

/* The number (or what starts like one) at s[i]; returns where the scan goes on, or SIZE_MAX
 * when the copy is full. */
static size_t scan_number(ecskp__json_scan *sc, const unsigned char *s, size_t len, size_t i,
                          scan_pos *p) {
    size_t end = 0;
    size_t bad = check_number(s, len, i, &end);
    if (bad == SIZE_MAX && followed_by_colon(s, len, end))
        bad = i; /* a number where a name must be: `{1:2}` */
    if (bad == SIZE_MAX && p->numbers < p->nodes) {
        p->numbers++;
        if (sc->tagged != NULL && !put_tagged(sc, s, p, i, end))
            return SIZE_MAX;
        return end;
    }
    /* A bad spelling, or more numbers than values can be (`1 2`). */
    spelling(sc, bad != SIZE_MAX ? bad : i);
    return i + 1;
}

/* The string whose opening quote is at s[i - 1]: returns the index after its closing quote (or
 * len for an unterminated one, which cJSON refuses), or SIZE_MAX with the failure in *rc.
 * JSON forbids raw control bytes in strings, which cJSON lets by. */
static size_t scan_string(ecskp__json_scan *sc, const unsigned char *s, size_t len, size_t i,
                          ecskp_status *rc) {
    for (;;) {
        i = skip_plain(s, len, i, ECSKP__C_JSON_STR);
        if (i == len)
            return len;
        unsigned char c = s[i];
        if (c == '"')
            return i + 1;
        if (c >= 0x80) {
            size_t k = ecskp__utf8_seq(s, len, i);
            if (k == 0) {
                *rc = fail(sc, ECSKP_ERR_INVALID_UTF8, i);
                return SIZE_MAX;
            }
            i += k;
        } else if (c < 0x20) {
            *rc = fail(sc, c == 0 ? ECSKP_ERR_NUL_CHARACTER : ECSKP_ERR_MALFORMED_BODY, i);
            return SIZE_MAX;
        } else if (i + 1 < len) { /* '\\' */
            if (s[i + 1] == 'u' && len - i > 5 && memcmp(s + i + 2, "0000", 4) == 0) {
                *rc = fail(sc, ECSKP_ERR_NUL_CHARACTER, i);
                return SIZE_MAX;
            }
            /* Skip the escaped byte; cJSON judges the escape itself. A byte above 0x7F is no
             * escape but starts a UTF-8 sequence, which is validated as such. */
            i += s[i + 1] < 0x80 ? 2 : 1;
        } else {
            i++;
        }
    }
}

ecskp_status ecskp__json_scan_text(const char *str, size_t len, ecskp__json_scan *sc) {
    const unsigned char *s = (const unsigned char *)str;
    /* Values cJSON could build: the top-level one, and one after each '[', '{' and ','. Every
     * value, number or not, is one of these, so `numbers <= nodes` holds in valid JSON. */
    scan_pos p = {0, 0, 1, 0, 0};
    sc->bad_spelling = SIZE_MAX;
    sc->offset = 0;
    sc->nodes = 0;
    sc->tagged_len = 0;
    for (size_t i = 0; i < len;) {
        /* Skip the run of bytes that only advance the scan: anything but quotes, brackets,
         * braces, ',', digits, '-', NUL, non-ASCII and control bytes other than white space. */
        i = skip_plain(s, len, i, ECSKP__C_JSON_STRICT);
        if (i == len)
            break;
        unsigned char c = s[i];
        if (c == '"') {
            ecskp_status rc = ECSKP_OK;
            i = scan_string(sc, s, len, i + 1, &rc);
            if (i == SIZE_MAX)
                return rc;
        } else if (c >= 0x80) {
            size_t k = ecskp__utf8_seq(s, len, i);
            if (k == 0)
                return fail(sc, ECSKP_ERR_INVALID_UTF8, i);
            spelling(sc, i); /* a second byte-order mark, or any other letter */
            i += k;
        } else if (c == 0) {
            return fail(sc, ECSKP_ERR_NUL_CHARACTER, i);
        } else if (c == '-' || is_digit(c)) {
            size_t at = i;
            i = scan_number(sc, s, len, i, &p);
            if (i == SIZE_MAX)
                return fail(sc, ECSKP_ERR_BUFFER_TOO_SMALL, at);
        } else {
            if (c == '[' || c == '{' || c == ',') {
                if (c != ',' && ++p.depth > sc->max_depth)
                    return fail(sc, ECSKP_ERR_NESTING_TOO_DEEP, i);
                if (++p.nodes > sc->max_nodes)
                    return fail(sc, ECSKP_ERR_TOO_MANY_NODES, i);
            } else if (c == ']' || c == '}') {
                p.depth -= p.depth > 0;
            } else { /* a control byte other than white space */
                spelling(sc, i);
            }
            i++;
        }
    }
    if (sc->tagged != NULL) {
        if (sc->tagged_cap - p.o < len - p.copied)
            return fail(sc, ECSKP_ERR_BUFFER_TOO_SMALL, len);
        memcpy(sc->tagged + p.o, s + p.copied, len - p.copied);
        p.o += len - p.copied;
    }
    sc->nodes = p.nodes;
    sc->tagged_len = p.o;
    return ECSKP_OK;
}

ecskp_status ecskp__json_scan_copy(const char *s, size_t len, ecskp__json_scan *sc,
                                   const ecskp_allocator *alloc) {
    /* The copy holds the whole text, so a text longer than sc->small goes to the heap at once;
     * a shorter one whose numbers make the copy outgrow sc->small is scanned again there, after
     * at most sizeof sc->small bytes of text. */
    if (len <= sizeof sc->small) {
        sc->tagged = sc->small;
        sc->tagged_cap = sizeof sc->small;
        ecskp_status rc = ecskp__json_scan_text(s, len, sc);
        if (rc != ECSKP_ERR_BUFFER_TOO_SMALL)
            return rc;
        /* No partial copy stays behind: the text may hold a secret (ecskp_json_sign()). */
        memset(sc->small, 0, sizeof sc->small);
    }
    sc->tagged_cap = ecskp__json_tagged_size(len, sc->max_nodes);
    sc->tagged = ecskp__malloc(alloc, sc->tagged_cap);
    if (sc->tagged == NULL) {
        sc->tagged_cap = 0;
        return ECSKP_ERR_OUT_OF_MEMORY;
    }
    return ecskp__json_scan_text(s, len, sc);
}

void ecskp__json_scan_done(ecskp__json_scan *sc, const ecskp_allocator *alloc) {
    if (sc->tagged != NULL && sc->tagged != sc->small)
        ecskp__free(alloc, sc->tagged);
    sc->tagged = NULL;
}

static int is_ws(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

ecskp__json_parse ecskp__json_parse_tagged(const ecskp__json_scan *sc, int spelling_first,
                                           struct cJSON **root, size_t *at) {
    const char *copy = sc->tagged, *end = NULL;
    size_t n = sc->tagged_len;
    *root = NULL;
    *at = sc->bad_spelling;
    if (spelling_first && sc->bad_spelling != SIZE_MAX)
        return ECSKP__JSON_SPELLING; /* refused before cJSON runs */
    *root = cJSON_ParseWithLengthOpts(copy, n, &end, 0);
    if (end == NULL || end < copy || end > copy + n)
        end = copy + n;
    ecskp__json_parse what = ECSKP__JSON_PARSED;
    if (*root == NULL) {
        what = ECSKP__JSON_SYNTAX;
    } else {
        /* cJSON stops after the value and the white space that follows it, except that it
         * backs up one byte when that white space reaches the end of the input. */
        while (end < copy + n && is_ws(*end))
            end++;
        if (end < copy + n)
            what = ECSKP__JSON_TRAILING;
    }
    if (what != ECSKP__JSON_PARSED)
        *at = ecskp__json_untagged_offset(copy, (size_t)(end - copy));
    else if (sc->bad_spelling != SIZE_MAX)
        what = ECSKP__JSON_SPELLING; /* what cJSON accepts but JSON forbids */
    if (what != ECSKP__JSON_PARSED) {
        cJSON_Delete(*root);
        *root = NULL;
    }
    return what;
}
