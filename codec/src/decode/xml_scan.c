/* SPDX-License-Identifier: MIT */
/*
 * xml_scan.c - everything an XML body goes through before libxml2 sees it, in two linear
 * passes over the bytes:
 *
 *   1. bytes: UTF-16/32 (with or without a byte-order mark) and any declared encoding other
 *      than UTF-8 are refused; the whole body is valid UTF-8 without NUL bytes;
 *   2. markup: the body is cut into text and markup the way XML cuts it (a '<' always starts
 *      markup; a comment runs to "-->", a CDATA section to "]]>", a processing instruction to
 *      "?>", a tag to its '>' outside quoted attribute values), and what would make libxml2
 *      2.9.14 slow or hungry is bounded before it runs: the length of each tag, comment, PI
 *      and CDATA section (max_markup_bytes), the attributes of one start tag (max_attributes:
 *      libxml2 compares each with all before it), the namespace declarations of the body
 *      (max_namespaces: libxml2 searches all those in scope for every name), and the elements
 *      and attributes of the body (max_nodes: each distinct name stays in libxml2's name
 *      dictionary, whose hash table stops growing; a processing instruction's target is such
 *      a name too, and counts as a node).
 *
 * The markup pass is a tokenizer, not a parser, and it accepts more than XML does (any bytes
 * in a name, attributes without white space between them): whatever it cannot follow cannot
 * be well-formed XML either, and is refused here as malformed_body, so that libxml2 only ever
 * sees markup whose cost was bounded. A construct that the body ends inside of is left to
 * libxml2, which reports the truncation. At `<!` other than a comment or CDATA section (a
 * DOCTYPE, refused as dtd_refused by xml.c, or anything else, which libxml2 refuses at once)
 * the pass stops: libxml2 reads nothing beyond it.
 */
#include <stdint.h>
#include <string.h>

#include "decode_internal.h"

/* ---------------------------------------------------------------- bytes */

static int ascii_upper(int c) {
    return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c;
}

static int is_xml_ws(unsigned char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * Finds encoding="..." in a leading XML declaration and accepts only UTF-8. libxml2 would
 * otherwise switch to whatever the declaration names (ISO-8859-1, EBCDIC, ...), and the UTF-8
 * check of the body would no longer describe what the parser reads. A declaration this scan
 * cannot follow is left to libxml2, which refuses it as malformed.
 */
static size_t declared_encoding_bad(const unsigned char *b, size_t len) {
    size_t p = 0;
    if (len >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF)
        p = 3;
    if (len - p < 6 || memcmp(b + p, "<?xml", 5) != 0 || !is_xml_ws(b[p + 5]))
        return SIZE_MAX;
    size_t end = p + 5;
    while (end + 1 < len && !(b[end] == '?' && b[end + 1] == '>'))
        end++;
    for (size_t i = p + 5; i + 8 <= end; i++) {
        if (!is_xml_ws(b[i - 1]) || memcmp(b + i, "encoding", 8) != 0)
            continue;
        size_t q = i + 8;
        while (q < end && is_xml_ws(b[q]))
            q++;
        if (q >= end || b[q] != '=')
            return SIZE_MAX;
        q++;
        while (q < end && is_xml_ws(b[q]))
            q++;
        if (q >= end || (b[q] != '"' && b[q] != '\''))
            return SIZE_MAX;
        unsigned char quote = b[q++];
        size_t v = q;
        while (q < end && b[q] != quote)
            q++;
        if (q >= end)
            return SIZE_MAX;
        static const char utf8[] = "UTF-8";
        if (q - v != 5)
            return v;
        for (size_t k = 0; k < 5; k++)
            if (ascii_upper(b[v + k]) != utf8[k])
                return v;
        return SIZE_MAX;
    }
    return SIZE_MAX;
}

/* XML that starts as UTF-16 or UTF-32 without a byte-order mark: '<' next to NUL bytes, as
 * XML's autodetection table has it (decode.c refuses the byte-order marks of both formats). */
static int looks_utf16_or_32(const unsigned char *b, size_t len) {
    if (len >= 2 && ((b[0] == 0 && b[1] == '<') || (b[0] == '<' && b[1] == 0)))
        return 1;
    if (len >= 4 && b[0] == 0 && b[1] == 0 && (b[2] == '<' || b[3] == '<'))
        return 1;
    return 0;
}

static ecskp_status check_bytes(dec_state *st, const unsigned char *b, size_t len) {
    if (looks_utf16_or_32(b, len))
        return ecskp__fail(st->diag, ECSKP_ERR_UNSUPPORTED_ENCODING, NULL, 0, ECSKP_NO_INDEX,
                           "UTF-16 or UTF-32");
    const unsigned char *nul = memchr(b, 0, len);
    size_t nul_at = nul != NULL ? (size_t)(nul - b) : SIZE_MAX;
    size_t bad = ecskp__utf8_bad((const char *)b, nul != NULL ? nul_at : len);
    if (bad != SIZE_MAX)
        return ecskp__fail(st->diag, ECSKP_ERR_INVALID_UTF8, NULL, bad, ECSKP_NO_INDEX,
                           "invalid UTF-8");
    if (nul != NULL)
        return ecskp__fail(st->diag, ECSKP_ERR_NUL_CHARACTER, NULL, nul_at, ECSKP_NO_INDEX,
                           "a NUL byte");
    bad = declared_encoding_bad(b, len);
    if (bad != SIZE_MAX)
        return ecskp__fail(st->diag, ECSKP_ERR_UNSUPPORTED_ENCODING, NULL, bad, ECSKP_NO_INDEX,
                           "a declared encoding other than UTF-8");
    return ECSKP_OK;
}

/* ---------------------------------------------------------------- markup */

typedef struct markup_scan {
    dec_state *st;
    const unsigned char *b;
    size_t len;
    size_t nodes, namespaces, results;
} markup_scan;

/* The bytes that end a name in the tokenizer's loose sense: XML white space, / > < = " '. One
 * load per byte of every name in the body. */
static const unsigned char name_stop[256] = {
    [' '] = 1, ['\t'] = 1, ['\n'] = 1, ['\r'] = 1, ['/'] = 1,
    ['>'] = 1, ['<'] = 1,  ['='] = 1,  ['"'] = 1,  ['\''] = 1,
};

static int ends_name(unsigned char c) {
    return name_stop[c];
}

/* Index of the first byte c at or after i, or len. Tags and the text between them are short in
 * real bodies, where a call to memchr costs more than the bytes it reads (about 1,000 calls for
 * a reply of 50 Results), so the bytes are read eight at a time in a word: w XOR c has a zero
 * byte where w holds c, and (x - 0x01..01) & ~x & 0x80..80 is non-zero exactly when x has a
 * zero byte (Hacker's Delight, 6-1). The word with a match is then read byte by byte. */
static size_t find_byte(const unsigned char *b, size_t len, size_t i, unsigned char c) {
    const uint64_t ones = 0x0101010101010101u;
    for (uint64_t w; len - i >= sizeof w; i += sizeof w) {
        memcpy(&w, b + i, sizeof w);
        uint64_t x = w ^ (ones * c);
        if (((x - ones) & ~x & (ones << 7)) != 0)
            break;
    }
    while (i < len && b[i] != c)
        i++;
    return i;
}

/* Index of `pat` (plen bytes) at or after `from`, or `len`. */
static size_t find(const unsigned char *b, size_t len, size_t from, const char *pat, size_t plen) {
    for (size_t i = from; len - i >= plen;) {
        const unsigned char *p = memchr(b + i, pat[0], len - i - plen + 1);
        if (p == NULL)
            break;
        i = (size_t)(p - b);
        if (memcmp(p, pat, plen) == 0)
            return i;
        i++;
    }
    return len;
}

/* Just past a construct that ends with `pat` found at `at` (or `len` when not found). */
static size_t past(size_t at, size_t len, size_t plen) {
    return at == len ? len : at + plen;
}

static size_t skip_ws(const markup_scan *m, size_t i) {
    while (i < m->len && is_xml_ws(m->b[i]))
        i++;
    return i;
}

static size_t name_end(const markup_scan *m, size_t i) {
    while (i < m->len && !ends_name(m->b[i]))
        i++;
    return i;
}

static ecskp_status malformed(const markup_scan *m, size_t at, const char *what) {
    return ecskp__fail(m->st->diag, ECSKP_ERR_MALFORMED_BODY, NULL, at, ECSKP_NO_INDEX, "%s", what);
}

static ecskp_status count_node(markup_scan *m, size_t at) {
    if (++m->nodes > m->st->lim.max_nodes)
        return ecskp__fail(
            m->st->diag, ECSKP_ERR_TOO_MANY_NODES, NULL, at, ECSKP_NO_INDEX,
            "more elements, attributes and processing instructions than max_nodes (%zu)",
            m->st->lim.max_nodes);
    return ECSKP_OK;
}

/* One attribute at `i` (its name's first byte); *next is past its value, or len. */
static ecskp_status attribute(markup_scan *m, size_t i, size_t count, size_t *next) {
    const ecskp_limits *lim = &m->st->lim;
    size_t n = name_end(m, i);
    if (n == i)
        return malformed(m, i, "not an attribute name");
    if (count > lim->max_attributes)
        return ecskp__fail(m->st->diag, ECSKP_ERR_TOO_MANY_ATTRIBUTES, NULL, i, ECSKP_NO_INDEX,
                           "a start tag with more than max_attributes (%zu) attributes",
                           lim->max_attributes);
    ECSKP_GUARD(count_node(m, i));
    if ((n - i == 5 || (n - i > 5 && m->b[i + 5] == ':')) && memcmp(m->b + i, "xmlns", 5) == 0 &&
        ++m->namespaces > lim->max_namespaces)
        return ecskp__fail(m->st->diag, ECSKP_ERR_TOO_MANY_NAMESPACES, NULL, i, ECSKP_NO_INDEX,
                           "more than max_namespaces (%zu) namespace declarations",
                           lim->max_namespaces);
    size_t q = skip_ws(m, n);
    if (q < m->len && m->b[q] != '=')
        return malformed(m, q, "an attribute without '='");
    q = skip_ws(m, q + 1);
    if (q < m->len && m->b[q] != '"' && m->b[q] != '\'')
        return malformed(m, q, "an attribute value without quotes");
    size_t close = q < m->len ? find_byte(m->b, m->len, q + 1, m->b[q]) : m->len;
    *next = close < m->len ? close + 1 : m->len;
    return ECSKP_OK;
}

/* The start tag at `at` ('<' then a name); *end is past its '>', or len. */
static ecskp_status start_tag(markup_scan *m, size_t at, size_t *end) {
    size_t n = name_end(m, at + 1);
    if (n == at + 1)
        return malformed(m, at + 1, "'<' not followed by a name");
    ECSKP_GUARD(count_node(m, at));
    if (n - at - 1 == 6 && memcmp(m->b + at + 1, "Result", 6) == 0)
        m->results++;
    size_t i = n;
    for (size_t count = 1;; count++) {
        i = skip_ws(m, i);
        if (i == m->len || m->b[i] == '>') {
            *end = i == m->len ? i : i + 1;
            return ECSKP_OK;
        }
        if (m->b[i] == '/') {
            if (i + 1 < m->len && m->b[i + 1] != '>')
                return malformed(m, i + 1, "'/' not followed by '>' in a start tag");
            *end = i + 1 < m->len ? i + 2 : m->len;
            return ECSKP_OK;
        }
        ECSKP_GUARD(attribute(m, i, count, &i));
    }
}

static ecskp_status check_markup(dec_state *st, const unsigned char *b, size_t len,
                                 size_t *results) {
    markup_scan m = {st, b, len, 0, 0, 0};
    for (size_t at = find_byte(b, len, 0, '<'); at < len; at = find_byte(b, len, at, '<')) {
        const unsigned char *lt = b + at;
        size_t rest = len - at, end = len;
        if (rest == 1)
            break; /* the body ends in '<' */
        int stop = 0;
        switch (lt[1]) {
        case '/':
            end = past(find_byte(b, len, at + 2, '>'), len, 1);
            break;
        case '?':
            /* Its target is a name libxml2 keeps in its dictionary, like an element's; the
             * XML declaration is not a processing instruction. */
            if (!(rest >= 6 && memcmp(lt, "<?xml", 5) == 0 && is_xml_ws(lt[5])))
                ECSKP_GUARD(count_node(&m, at));
            end = past(find(b, len, at + 2, "?>", 2), len, 2);
            break;
        case '!':
            if (rest >= 4 && memcmp(lt, "<!--", 4) == 0)
                end = past(find(b, len, at + 4, "-->", 3), len, 3);
            else if (rest >= 9 && memcmp(lt, "<![CDATA[", 9) == 0)
                end = past(find(b, len, at + 9, "]]>", 3), len, 3);
            else
                stop = 1; /* `<!`: see the top of this file */
            break;
        default:
            ECSKP_GUARD(start_tag(&m, at, &end));
        }
        if (stop)
            break;
        if (end - at > st->lim.max_markup_bytes)
            return ecskp__fail(st->diag, ECSKP_ERR_MARKUP_TOO_LONG, NULL, at, ECSKP_NO_INDEX,
                               "markup of more than max_markup_bytes (%zu) bytes",
                               st->lim.max_markup_bytes);
        if (end == len)
            break;
        at = end;
    }
    *results = m.results < st->lim.max_results ? m.results : st->lim.max_results;
    return ECSKP_OK;
}

ecskp_status dec_xml_prescan(dec_state *st, const unsigned char *b, size_t len,
                             size_t *results_hint) {
    ECSKP_GUARD(check_bytes(st, b, len));
    return check_markup(st, b, len, results_hint);
}
