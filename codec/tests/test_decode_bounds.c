/* SPDX-License-Identifier: MIT */
/*
 * test_decode_bounds.c - the bounds a body meets before any parser runs (decode.h limits
 * max_nodes, max_attributes, max_namespaces, max_markup_bytes; xml_scan.c, json_scan.c),
 * with bodies generated to the sizes an attacker would send: the issue rows F1-F4 and F9 (one
 * tag with 100,000 attributes, 33,000 namespace declarations, long comments, PIs and CDATA
 * sections, many distinct names, a megabyte of attributes or of JSON values), the defaults and
 * the caps met exactly and exceeded by one, F10 (one-character names, looked up in exact-size
 * heap allocations), and the memory an XML AccessDeniedDetail of many members may take.
 *
 * Each row names its source. Expected offsets are either recorded by the generator as it
 * writes the construct, or found by a scan that shares no code with the library (xml_nodes
 * below, json_scan in decode_bodies.h); never taken from the code under test. The documented
 * bodies are the documented vectors of vectors.h (decode_bodies.h).
 */
#include <stdlib.h>

#include "decode/decode_internal.h"

#include "decode_bodies.h"
#include "ecskp_test.h"

#define MIB ((size_t)1 << 20)
#define KIB ((size_t)1 << 10)

/* ------------------------------------------------------------------ a string builder */

typedef struct sb {
    char *p;
    size_t len, cap;
} sb;

static void sb_reserve(sb *b, size_t more) {
    if (b->len + more + 1 <= b->cap)
        return;
    size_t cap = b->cap < 4096 ? 4096 : b->cap;
    while (cap < b->len + more + 1)
        cap *= 2;
    char *p = realloc(b->p, cap);
    ecskp_test_true("sb_reserve", "realloc", p != NULL);
    b->p = p;
    b->cap = cap;
}

static void sb_addn(sb *b, const char *s, size_t n) {
    sb_reserve(b, n);
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void sb_add(sb *b, const char *s) {
    sb_addn(b, s, strlen(s));
}

__attribute__((format(printf, 2, 3))) static void sb_addf(sb *b, const char *fmt, ...) {
    char tmp[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    ecskp_test_true("sb_addf", "the piece fits", n >= 0 && (size_t)n < sizeof tmp);
    sb_addn(b, tmp, (size_t)n);
}

static void sb_rep(sb *b, const char *s, size_t times) {
    size_t n = strlen(s);
    sb_reserve(b, n * times);
    for (size_t i = 0; i < times; i++)
        sb_addn(b, s, n);
}

/* ------------------------------------------------------------------ helpers */

static ecskp_status decode_lim(ecskp_format fmt, const char *body, size_t len,
                               const ecskp_limits *limits, const ecskp_allocator *alloc,
                               ecskp_response **out, ecskp_diag *d) {
    ecskp_decode_options o = {.action = ATTACH, .format = fmt, .limits = limits, .alloc = alloc};
    return decode_exact(body, len, &o, out, d);
}

static int starts(const char *s, size_t len, size_t i, const char *pat) {
    size_t n = strlen(pat);
    return len - i >= n && memcmp(s + i, pat, n) == 0;
}

/* Index just past `pat` at or after i, or len. */
static size_t past(const char *s, size_t len, size_t i, const char *pat) {
    size_t n = strlen(pat);
    for (; i + n <= len; i++)
        if (memcmp(s + i, pat, n) == 0)
            return i + n;
    return len;
}

/*
 * Independent count of XML nodes (start tags and attributes) of a well-formed body: start tags
 * are the '<' not followed by '/', '!' or '?'; an attribute is found from its '=' outside
 * quotes, walking back over white space and then over its name to its first byte. Returns the
 * offset of node number max + 1 (the first over the limit) or NO_OFF; *count gets the total.
 */
/* Index past the comment, CDATA section, PI or end tag that starts at i, or i. */
static size_t past_markup(const char *s, size_t len, size_t i) {
    static const struct {
        const char *open, *close;
    } markup[] = {{"<!--", "-->"}, {"<![CDATA[", "]]>"}, {"<?", "?>"}, {"</", ">"}};
    for (size_t m = 0; m < COUNT(markup); m++)
        if (starts(s, len, i, markup[m].open))
            return past(s, len, i + strlen(markup[m].open), markup[m].close);
    return i;
}

static size_t xml_nodes(const char *s, size_t len, size_t max, size_t *count) {
    size_t n = 0, over = NO_OFF;
    for (size_t i = 0; i < len;) {
        size_t skip = s[i] == '<' ? past_markup(s, len, i) : i + 1;
        if (skip != i) {
            i = skip;
        } else {
            if (++n == max + 1)
                over = i;
            char quote = 0;
            size_t j = i + 1;
            for (; j < len && (quote != 0 || s[j] != '>'); j++) {
                if (quote != 0) {
                    if (s[j] == quote)
                        quote = 0;
                } else if (s[j] == '"' || s[j] == '\'') {
                    quote = s[j];
                } else if (s[j] == '=') {
                    size_t k = j;
                    while (k > i && strchr(" \t\r\n", s[k - 1]) != NULL)
                        k--;
                    while (k > i && strchr(" \t\r\n", s[k - 1]) == NULL)
                        k--;
                    if (++n == max + 1)
                        over = k;
                }
            }
            i = j;
        }
    }
    *count = n;
    return over;
}

/* ------------------------------------------------------------------ generators */

/*
 * Each generator writes one body and, where the construct it is about has a place, records
 * the offset of the k-th one (1-based) in *at as it writes it. `n` is a count whose meaning
 * the generator gives.
 */
typedef void (*gen_fn)(sb *b, size_t n, size_t k, size_t *at);

#define XHEAD "<AttachKeyPairResponse><RequestId>R1</RequestId>"
#define XTAIL "</AttachKeyPairResponse>"

/* The root with n distinct attributes a1="" ... (xmlns: namespace declarations
 * xmlns:pN="urn:N"); *at = the k-th. */
static void gen_root_attributes(sb *b, size_t n, size_t k, size_t *at, int xmlns) {
    sb_add(b, "<AttachKeyPairResponse");
    for (size_t i = 1; i <= n; i++) {
        sb_add(b, " ");
        if (i == k)
            *at = b->len;
        if (xmlns)
            sb_addf(b, "xmlns:p%zu=\"urn:%zu\"", i, i);
        else
            sb_addf(b, "a%zu=\"\"", i);
    }
    sb_add(b, "><RequestId>R1</RequestId>" XTAIL);
}

static void gen_attrs_one_tag(sb *b, size_t n, size_t k, size_t *at) {
    gen_root_attributes(b, n, k, at, 0);
}

static void gen_xmlns_one_tag(sb *b, size_t n, size_t k, size_t *at) {
    gen_root_attributes(b, n, k, at, 1);
}

/* n elements with one declaration each, <e xmlns:pN="urn:N"/>; *at = the k-th declaration. */
static void gen_xmlns_per_element(sb *b, size_t n, size_t k, size_t *at) {
    sb_add(b, XHEAD);
    for (size_t i = 1; i <= n; i++) {
        sb_add(b, "<e ");
        if (i == k)
            *at = b->len;
        sb_addf(b, "xmlns:p%zu=\"urn:%zu\"/>", i, i);
    }
    sb_add(b, XTAIL);
}

/* n distinct elements <eN/> after RequestId; *at = node k (the root is node 1, RequestId 2). */
static void gen_distinct_elements(sb *b, size_t n, size_t k, size_t *at) {
    sb_add(b, XHEAD);
    for (size_t i = 1; i <= n; i++) {
        if (i + 2 == k)
            *at = b->len;
        sb_addf(b, "<e%zu/>", i);
    }
    sb_add(b, XTAIL);
}

/* n elements <a/>; *at = node k. */
static void gen_same_elements(sb *b, size_t n, size_t k, size_t *at) {
    sb_add(b, XHEAD);
    sb_reserve(b, 4 * n);
    for (size_t i = 1; i <= n; i++) {
        if (i + 2 == k)
            *at = b->len;
        sb_addn(b, "<a/>", 4);
    }
    sb_add(b, XTAIL);
}

/* Tags of n attributes each, <e a1="" ... />, as many as fit in 1 MiB; *at = node k. */
static void gen_attrs_spread(sb *b, size_t n, size_t k, size_t *at) {
    size_t node = 2;
    sb_add(b, XHEAD);
    for (;;) {
        sb tag = {NULL, 0, 0};
        size_t first = 0, kth = NO_OFF;
        sb_add(&tag, "<e");
        if (++node == k)
            kth = 0;
        for (size_t i = 1; i <= n; i++) {
            sb_add(&tag, " ");
            if (++node == k)
                kth = tag.len;
            sb_addf(&tag, "a%zu=\"\"", i);
        }
        sb_add(&tag, "/>");
        if (b->len + tag.len + sizeof XTAIL - 1 > MIB) {
            free(tag.p);
            break;
        }
        first = b->len;
        if (kth != NO_OFF)
            *at = first + kth;
        sb_addn(b, tag.p, tag.len);
        free(tag.p);
    }
    sb_add(b, XTAIL);
}

/* <Results> of <Result/> entries filling 1 MiB; *at = node k. */
static void gen_xml_results(sb *b, size_t n, size_t k, size_t *at) {
    (void)n;
    sb_add(b, XHEAD "<Results>");
    for (size_t node = 4; b->len + 9 + sizeof "</Results>" XTAIL - 1 <= MIB; node++) {
        if (node == k)
            *at = b->len;
        sb_add(b, "<Result/>");
    }
    sb_add(b, "</Results>" XTAIL);
}

/* One markup token of n bytes in all after RequestId (`before` first, then the token: `open`,
 * `unit` repeated, `pad` for what is left, `close`); *at = its '<'. */
typedef struct token {
    const char *before, *open, *unit, *pad, *close;
} token;

static void gen_token(sb *b, size_t n, size_t *at, const token *t) {
    size_t fill = n - strlen(t->open) - strlen(t->close), unit = strlen(t->unit);
    sb_add(b, XHEAD);
    sb_add(b, t->before);
    *at = b->len;
    sb_add(b, t->open);
    sb_rep(b, t->unit, fill / unit);
    sb_rep(b, t->pad, fill % unit);
    sb_add(b, t->close);
    sb_add(b, XTAIL);
}

/* A generator of one token: its name and the token, one line each. */
#define TOKEN_GEN(name, ...)                                                                       \
    static void name(sb *b, size_t n, size_t k, size_t *at) {                                      \
        (void)k;                                                                                   \
        gen_token(b, n, at, &(const token){__VA_ARGS__});                                          \
    }

TOKEN_GEN(gen_comment, .before = "", .open = "<!--", .unit = "->", .pad = " ", .close = "-->")
TOKEN_GEN(gen_pi, .before = "", .open = "<?pi ", .unit = "x", .pad = "", .close = "?>")
TOKEN_GEN(gen_cdata, .before = "", .open = "<![CDATA[", .unit = "]>", .pad = "x", .close = "]]>")
TOKEN_GEN(gen_start_tag, .before = "", .open = "<Extra a=\"", .unit = ">", .pad = "",
          .close = "\"/>")
TOKEN_GEN(gen_end_tag, .before = "<Extra>", .open = "</Extra", .unit = " ", .pad = "", .close = ">")

/* JSON: `head` then `item,item,...` filling 1 MiB (n = 0) or n items, then `tail`. */
static void gen_json_array(sb *b, size_t n, const char *item, const char *head, const char *tail) {
    sb_add(b, head);
    size_t il = strlen(item), tl = strlen(tail);
    for (size_t i = 0; n != 0 ? i < n : b->len + 1 + il + tl <= MIB; i++) {
        if (i > 0)
            sb_add(b, ",");
        sb_addn(b, item, il);
    }
    sb_add(b, tail);
}

/* A generator of one JSON array: its name, item, head and tail, one line each. */
#define JSON_ARRAY_GEN(name, item, head, tail)                                                     \
    static void name(sb *b, size_t n, size_t k, size_t *at) {                                      \
        (void)k, (void)at;                                                                         \
        gen_json_array(b, n, item, head, tail);                                                    \
    }

JSON_ARRAY_GEN(gen_json_zeros, "0", "{\"RequestId\":\"R1\",\"X\":[", "]}")
JSON_ARRAY_GEN(gen_json_nested, "[[[[0]]]]", "{\"RequestId\":\"R1\",\"X\":[", "]}")
JSON_ARRAY_GEN(gen_json_results, "{}", "{\"RequestId\":\"R1\",\"Results\":[", "]}")
JSON_ARRAY_GEN(gen_json_results_wrapped, "{}", "{\"RequestId\":\"R1\",\"Results\":{\"Result\":[",
               "]}}")

static void gen_json_brackets(sb *b, size_t n, size_t k, size_t *at) {
    (void)n, (void)k, (void)at;
    sb_add(b, "{\"RequestId\":\"R1\",\"X\":");
    sb_rep(b, "[", MIB - b->len);
}

/* ------------------------------------------------------------------ the table */

typedef struct brow {
    const char *source;
    ecskp_format format;
    gen_fn gen;
    size_t n, k;
    ecskp_limits limits;
    ecskp_status want;
    /* The expected offset: AT_GEN (recorded by the generator), AT_XML_NODES / AT_JSON_NODES
     * (the independent scans above, for max_nodes), AT_JSON_DEPTH; the _PLUS1 kinds also check
     * that the body has exactly max_nodes + 1 nodes, and AT_*_EXACT (rows that pass) that it
     * has exactly max_nodes. */
    int at;
} brow;

enum {
    AT_NONE,
    AT_GEN,
    AT_XML_NODES,
    AT_XML_NODES_PLUS1,
    AT_XML_EXACT,
    AT_JSON_NODES,
    AT_JSON_NODES_PLUS1,
    AT_JSON_EXACT,
    AT_JSON_DEPTH
};

/* Limits last, as designated initializers (0 for the defaults). */
#define BROW(src, fmt, gen_, n_, k_, want_, at_, ...)                                              \
    {                                                                                              \
        .source = (src), .format = (fmt), .gen = (gen_), .n = (n_), .k = (k_),                     \
        .limits = {__VA_ARGS__}, .want = (want_), .at = (at_)                                      \
    }

#define NODES ECSKP_DEFAULT_MAX_NODES
#define CAP_NODES ECSKP_MAX_NODES_CAP

static const brow brows[] = {
    /* ---- F1: attributes of one start tag */
    BROW("issue F1: one start tag with 100,000 distinct attributes: too_many_attributes at the "
         "9th",
         XML, gen_attrs_one_tag, 100000, 9, ECSKP_ERR_TOO_MANY_ATTRIBUTES, AT_GEN, 0),
    BROW("issue F1: the same with max_attributes at its cap (256): at the 257th", XML,
         gen_attrs_one_tag, 100000, 257, ECSKP_ERR_TOO_MANY_ATTRIBUTES, AT_GEN,
         .max_attributes = 256),
    BROW("limits: max_attributes at its cap (256) met exactly", XML, gen_attrs_one_tag, 256, 0,
         ECSKP_OK, AT_NONE, .max_attributes = 256),

    /* ---- F2: namespace declarations. On one tag the 9th declaration is also the 9th
     * attribute, and the attribute count is checked first (xml_scan.c attribute()). */
    BROW("issue F2: 33,000 xmlns:pN on the root, max_attributes at its cap: "
         "too_many_namespaces at the 9th",
         XML, gen_xmlns_one_tag, 33000, 9, ECSKP_ERR_TOO_MANY_NAMESPACES, AT_GEN,
         .max_attributes = 256),
    BROW("issue F2: 33,000 xmlns:pN on the root, default limits: the 9th is refused as the 9th "
         "attribute (too_many_attributes)",
         XML, gen_xmlns_one_tag, 33000, 9, ECSKP_ERR_TOO_MANY_ATTRIBUTES, AT_GEN, 0),
    BROW("issue F2: 33,000 declarations, one per element: too_many_namespaces at the 9th", XML,
         gen_xmlns_per_element, 33000, 9, ECSKP_ERR_TOO_MANY_NAMESPACES, AT_GEN, 0),
    BROW("limits: max_namespaces at its cap (64) met exactly", XML, gen_xmlns_per_element, 64, 0,
         ECSKP_OK, AT_NONE, .max_namespaces = 64),
    BROW("limits: max_namespaces at its cap (64) exceeded by one", XML, gen_xmlns_per_element, 65,
         65, ECSKP_ERR_TOO_MANY_NAMESPACES, AT_GEN, .max_namespaces = 64),

    /* ---- F3: long markup (the default max_markup_bytes, 64 KiB, met and exceeded by one) */
    BROW("issue F3 / limits: a comment of 64 KiB meets max_markup_bytes", XML, gen_comment,
         64 * KIB, 0, ECSKP_OK, AT_NONE, 0),
    BROW("issue F3 / limits: a comment of 64 KiB + 1: markup_too_long at its '<'", XML, gen_comment,
         64 * KIB + 1, 0, ECSKP_ERR_MARKUP_TOO_LONG, AT_GEN, 0),
    BROW("issue F3 / limits: a PI of 64 KiB meets max_markup_bytes", XML, gen_pi, 64 * KIB, 0,
         ECSKP_OK, AT_NONE, 0),
    BROW("issue F3 / limits: a PI of 64 KiB + 1: markup_too_long at its '<'", XML, gen_pi,
         64 * KIB + 1, 0, ECSKP_ERR_MARKUP_TOO_LONG, AT_GEN, 0),
    BROW("issue F3 / limits: a CDATA section of 64 KiB meets max_markup_bytes", XML, gen_cdata,
         64 * KIB, 0, ECSKP_OK, AT_NONE, 0),
    BROW("issue F3 / limits: a CDATA section of 64 KiB + 1: markup_too_long at its '<'", XML,
         gen_cdata, 64 * KIB + 1, 0, ECSKP_ERR_MARKUP_TOO_LONG, AT_GEN, 0),
    BROW("limits: a start tag of 64 KiB meets max_markup_bytes", XML, gen_start_tag, 64 * KIB, 0,
         ECSKP_OK, AT_NONE, 0),
    BROW("limits: a start tag of 64 KiB + 1: markup_too_long at its '<'", XML, gen_start_tag,
         64 * KIB + 1, 0, ECSKP_ERR_MARKUP_TOO_LONG, AT_GEN, 0),
    BROW("limits: an end tag of 64 KiB meets max_markup_bytes", XML, gen_end_tag, 64 * KIB, 0,
         ECSKP_OK, AT_NONE, 0),
    BROW("limits: an end tag of 64 KiB + 1: markup_too_long at its '<'", XML, gen_end_tag,
         64 * KIB + 1, 0, ECSKP_ERR_MARKUP_TOO_LONG, AT_GEN, 0),
    BROW("issue F3: a comment of 1 MiB - 100 with the default max_markup_bytes", XML, gen_comment,
         MIB - 100, 0, ECSKP_ERR_MARKUP_TOO_LONG, AT_GEN, 0),
    BROW("issue F3: 70,000 distinct element names: too_many_nodes at node 16,385", XML,
         gen_distinct_elements, 70000, NODES + 1, ECSKP_ERR_TOO_MANY_NODES, AT_XML_NODES, 0),
    BROW("issue F3: 60,000 distinct element names decode with max_nodes at its cap", XML,
         gen_distinct_elements, 60000, 0, ECSKP_OK, AT_NONE, .max_nodes = CAP_NODES),
    BROW("issue F3: 70,000 distinct element names: too_many_nodes at node 65,537 at the cap", XML,
         gen_distinct_elements, 70000, CAP_NODES + 1, ECSKP_ERR_TOO_MANY_NODES, AT_XML_NODES,
         .max_nodes = CAP_NODES),

    /* ---- F4: a megabyte of attributes over many tags. Each tag keeps within max_attributes,
     * so the body is refused by max_nodes (at node 65,537); with 9 a tag, by max_attributes. */
    BROW("issue F4: 1 MiB of attributes, 8 a tag: too_many_nodes at node 16,385", XML,
         gen_attrs_spread, 8, NODES + 1, ECSKP_ERR_TOO_MANY_NODES, AT_XML_NODES, 0),
    BROW("issue F4: 1 MiB of attributes, 9 a tag: too_many_attributes at the first tag's 9th", XML,
         gen_attrs_spread, 9, 12, ECSKP_ERR_TOO_MANY_ATTRIBUTES, AT_GEN, 0),
    BROW("issue F4: 1 MiB of attributes, 8 a tag: too_many_nodes at node 65,537 at the cap", XML,
         gen_attrs_spread, 8, CAP_NODES + 1, ECSKP_ERR_TOO_MANY_NODES, AT_XML_NODES,
         .max_nodes = CAP_NODES),

    /* ---- max_nodes: the default and the cap met exactly and exceeded by one */
    BROW("limits: max_nodes default 16,384 met exactly (XML)", XML, gen_same_elements, NODES - 2, 0,
         ECSKP_OK, AT_XML_EXACT, 0),
    BROW("limits: max_nodes default 16,384 exceeded by one (XML)", XML, gen_same_elements,
         NODES - 1, NODES + 1, ECSKP_ERR_TOO_MANY_NODES, AT_XML_NODES_PLUS1, 0),
    BROW("limits: max_nodes at its cap (65,536) met exactly (XML)", XML, gen_same_elements,
         CAP_NODES - 2, 0, ECSKP_OK, AT_XML_EXACT, .max_nodes = CAP_NODES,
         .max_body_bytes = 8 * MIB),
    BROW("limits: max_nodes at its cap (65,536) exceeded by one (XML)", XML, gen_same_elements,
         CAP_NODES - 1, CAP_NODES + 1, ECSKP_ERR_TOO_MANY_NODES, AT_XML_NODES_PLUS1,
         .max_nodes = CAP_NODES, .max_body_bytes = 8 * MIB),
    /* The head `{"RequestId":"R1","X":[` holds 4 nodes, each 0 after the first one more. */
    BROW("limits: max_nodes default 16,384 met exactly (JSON)", JSON, gen_json_zeros, NODES - 3, 0,
         ECSKP_OK, AT_JSON_EXACT, 0),
    BROW("limits: max_nodes default 16,384 exceeded by one (JSON)", JSON, gen_json_zeros, NODES - 2,
         0, ECSKP_ERR_TOO_MANY_NODES, AT_JSON_NODES_PLUS1, 0),

    /* ---- F9: a megabyte of JSON values */
    BROW("issue F9: [0,0,0,...] of 1 MiB: too_many_nodes at the exact ','", JSON, gen_json_zeros, 0,
         0, ECSKP_ERR_TOO_MANY_NODES, AT_JSON_NODES, 0),
    BROW("issue F9: [[[[0]]]],... of 1 MiB: too_many_nodes at the exact '[' or ','", JSON,
         gen_json_nested, 0, 0, ECSKP_ERR_TOO_MANY_NODES, AT_JSON_NODES, 0),
    BROW("issue F9: 1 MiB of '[': nesting_too_deep at depth 33, long before max_nodes", JSON,
         gen_json_brackets, 0, 0, ECSKP_ERR_NESTING_TOO_DEEP, AT_JSON_DEPTH, 0),
    BROW("issue F9: Results [{},{},...] of 1 MiB: too_many_nodes, before any Result is counted",
         JSON, gen_json_results, 0, 0, ECSKP_ERR_TOO_MANY_NODES, AT_JSON_NODES, 0),
    BROW("issue F9: Results {\"Result\":[{},...]} of 1 MiB: too_many_nodes", JSON,
         gen_json_results_wrapped, 0, 0, ECSKP_ERR_TOO_MANY_NODES, AT_JSON_NODES, 0),
    BROW("issue F9: XML <Result/> entries of 1 MiB: too_many_nodes (the pre-scan runs first)", XML,
         gen_xml_results, 0, NODES + 1, ECSKP_ERR_TOO_MANY_NODES, AT_XML_NODES, 0),
};

/* The offset a row expects, by the independent scans or the generator's record; checks the
 * node counts the _PLUS1 and _EXACT kinds promise. */
static size_t brow_offset(const brow *r, const sb *b, size_t at) {
    size_t max = r->limits.max_nodes != 0 ? r->limits.max_nodes : ECSKP_DEFAULT_MAX_NODES;
    size_t count = 0, want_off = NO_OFF;
    switch (r->at) {
    case AT_GEN:
        want_off = at;
        break;
    case AT_XML_NODES:
    case AT_XML_NODES_PLUS1:
    case AT_XML_EXACT:
        want_off = xml_nodes(b->p, b->len, max, &count);
        /* Where the generator knows the node, both ways agree. */
        if (at != NO_OFF)
            ecskp_test_size(r->source, "the generator's node offset", at, want_off);
        break;
    case AT_JSON_NODES:
    case AT_JSON_NODES_PLUS1:
    case AT_JSON_EXACT:
        want_off = json_scan(b->p, b->len, max, 0, &count);
        break;
    case AT_JSON_DEPTH:
        want_off = json_scan(b->p, b->len, ECSKP_DEFAULT_MAX_DEPTH, 1, NULL);
        break;
    default:
        break;
    }
    if (r->at == AT_XML_NODES_PLUS1 || r->at == AT_JSON_NODES_PLUS1)
        ecskp_test_size(r->source, "nodes in the body (max_nodes + 1)", count, max + 1);
    if (r->at == AT_XML_EXACT || r->at == AT_JSON_EXACT)
        ecskp_test_size(r->source, "nodes in the body (max_nodes)", count, max);
    if (r->want != ECSKP_OK)
        ecskp_test_true(r->source, "the row's construct was found", want_off != NO_OFF);
    return want_off;
}

static void run_brow(void **state) {
    const brow *r = *state;
    sb b = {NULL, 0, 0};
    size_t at = NO_OFF;
    print_message("source: %s\n", r->source);
    r->gen(&b, r->n, r->k, &at);
    size_t want_off = brow_offset(r, &b, at);
    ecskp_response *resp = (ecskp_response *)(uintptr_t)1;
    ecskp_diag d;
    ecskp_status rc = decode_lim(r->format, b.p, b.len, &r->limits, NULL, &resp, &d);
    if (rc != r->want)
        print_error("got %s (%s at %zu: %s), want %s at %zu; body of %zu bytes\n", d.name, d.field,
                    d.offset, d.message, ecskp_status_name(r->want), want_off, b.len);
    if (r->want == ECSKP_OK) {
        ECSKP_EXPECT_OK(r->source, rc, &d);
        check_layout(r->source, resp);
        ecskp_test_true(r->source, "a success", resp->kind == ECSKP_RESPONSE_SUCCESS);
        ecskp_test_str(r->source, "RequestId", resp->success->request_id, "R1");
        ecskp_response_free(resp);
    } else {
        ECSKP_EXPECT_DIAG(r->source, rc, &d, r->want, "", want_off, NO_IDX);
        ecskp_test_true(r->source, "no response", resp == NULL);
    }
    free(b.p);
}

/* The 1 MiB rows are 1 MiB, within the default max_body_bytes. */
static void test_mib_bodies(void **state) {
    (void)state;
    const gen_fn mib[] = {gen_json_zeros,           gen_json_nested,   gen_json_results,
                          gen_json_results_wrapped, gen_json_brackets, gen_xml_results};
    for (size_t i = 0; i <= COUNT(mib); i++) {
        sb b = {NULL, 0, 0};
        size_t at = NO_OFF;
        if (i < COUNT(mib))
            mib[i](&b, 0, 0, &at);
        else
            gen_attrs_spread(&b, 8, 0, &at);
        ecskp_test_true("issue F3/F4/F9 generators", "1 MiB, less at most 128 bytes",
                        b.len <= MIB && b.len > MIB - 128);
        free(b.p);
    }
}

/* ------------------------------------------------------------------ documented bodies */

/* limits: max_nodes set to a documented body's node count passes; one less fails at the node
 * the independent scan finds. */
static void documented_body_nodes(const ecskp_vector *v) {
    ecskp_decode_options o;
    ecskp_test_vector_decode_options(v, &o);
    size_t n = 0, count = 0;
    if (o.format == XML)
        (void)xml_nodes(v->body, v->body_len, SIZE_MAX - 1, &n);
    else
        (void)json_scan(v->body, v->body_len, SIZE_MAX - 1, 0, &n);
    print_message("source: limits: max_nodes, conformance/decode/%s (%zu nodes)\n", v->name, n);
    ecskp_test_true(v->name, "a root and more", n >= 2);
    ecskp_limits exact = {.max_nodes = n}, short_by_one = {.max_nodes = n - 1};
    ecskp_response *r = NULL;
    ecskp_diag d;
    o.limits = &exact;
    ECSKP_EXPECT_OK(v->name, decode_exact(v->body, v->body_len, &o, &r, &d), &d);
    check_layout(v->name, r);
    ecskp_response_free(r);
    size_t want = o.format == XML ? xml_nodes(v->body, v->body_len, n - 1, &count)
                                  : json_scan(v->body, v->body_len, n - 1, 0, &count);
    o.limits = &short_by_one;
    ECSKP_EXPECT_DIAG(v->name, decode_exact(v->body, v->body_len, &o, &r, &d), &d,
                      ECSKP_ERR_TOO_MANY_NODES, "", want, NO_IDX);
    ecskp_test_true(v->name, "no response", r == NULL);
}

static void test_documented_bodies_nodes(void **state) {
    (void)state;
    size_t seen = 0;
    FOR_DECODING_VECTORS(v) {
        documented_body_nodes(v);
        seen++;
    }
    ecskp_test_true("vectors.h", "documented decode vectors", seen > 0);
}

/* The XML body decodes within `limits` to the success with RequestId R1 it frames. */
static void decodes_r1(const char *src, const sb *b, const ecskp_limits *limits) {
    ecskp_response *r = NULL;
    ecskp_diag d;
    ecskp_status rc = decode_lim(XML, b->p, b->len, limits, NULL, &r, &d);
    if (rc != ECSKP_OK)
        print_error("got %s at %zu: %s\n", d.name, d.offset, d.message);
    ECSKP_EXPECT_OK(src, rc, &d);
    check_layout(src, r);
    ecskp_test_str(src, "RequestId", r->success->request_id, "R1");
    ecskp_response_free(r);
}

/* ------------------------------------------------------------------ F3: a 9.9 MB comment */

/*
 * issue F3: with max_body_bytes raised to 9.9 MB and max_markup_bytes to its cap, a 9.9 MB body
 * made of one comment full of `->` decodes (libxml2's own comment limit is 10,000,000 bytes);
 * with the default max_markup_bytes it is refused at the comment's '<'.
 */
static void test_huge_comment(void **state) {
    (void)state;
    static const char src[] = "issue F3: a 9.9 MB comment full of '->'";
    const size_t total = 9900000;
    const size_t frame = sizeof XHEAD - 1 + sizeof XTAIL - 1;
    sb b = {NULL, 0, 0};
    size_t at = NO_OFF;
    gen_comment(&b, total - frame, 0, &at);
    ecskp_test_size(src, "body length", b.len, total);
    ecskp_test_size(src, "the comment's '<'", at, sizeof XHEAD - 1);
    ecskp_limits raised = {.max_body_bytes = total, .max_markup_bytes = ECSKP_MAX_MARKUP_BYTES_CAP};
    print_message("source: %s decodes with raised limits\n", src);
    decodes_r1(src, &b, &raised);
    ecskp_response *r = NULL;
    ecskp_diag d;

    print_message("source: %s, with the default max_markup_bytes\n", src);
    ecskp_limits body_only = {.max_body_bytes = total};
    ECSKP_EXPECT_DIAG(src, decode_lim(XML, b.p, b.len, &body_only, NULL, &r, &d), &d,
                      ECSKP_ERR_MARKUP_TOO_LONG, "", at, NO_IDX);
    ecskp_test_true(src, "no response", r == NULL);

    print_message("source: limits: max_body_bytes one short of the 9.9 MB body\n");
    ecskp_limits one_short = {.max_body_bytes = total - 1,
                              .max_markup_bytes = ECSKP_MAX_MARKUP_BYTES_CAP};
    ECSKP_EXPECT_DIAG(src, decode_lim(XML, b.p, b.len, &one_short, NULL, &r, &d), &d,
                      ECSKP_ERR_BODY_TOO_LARGE, "", total - 1, NO_IDX);
    free(b.p);
}

/* ------------------------------------------------------------------ tags lined up with reads */

/*
 * Review finding: back-to-back 1000-byte tags of an 11 MB body line up with libxml2's own
 * 4000-byte reads so that it never drops consumed input and refuses the body past 10,000,000
 * bytes ("Huge input lookup"); xml.c serves it in pieces of INPUT_CHUNK, so the body decodes at
 * the caps, as decode.h promises for every body within the limits. Likewise at 4000 bytes.
 */
static void test_tags_lined_up_with_reads(void **state) {
    (void)state;
    static const size_t tag_lengths[] = {1000, 4000};
    for (size_t t = 0; t < COUNT(tag_lengths); t++) {
        const size_t tag = tag_lengths[t], total = 11000000;
        sb b = {NULL, 0, 0};
        sb_add(&b, XHEAD);
        char *u = malloc(tag + 1);
        ecskp_test_true("test_tags_lined_up_with_reads", "malloc", u != NULL);
        memset(u, 'a', tag);
        memcpy(u, "<U a=\"", 6);
        memcpy(u + tag - 3, "\"/>", 3);
        while (b.len + tag + sizeof XTAIL - 1 <= total)
            sb_addn(&b, u, tag);
        free(u);
        sb_add(&b, XTAIL);
        ecskp_limits caps = {.max_body_bytes = ECSKP_MAX_BODY_BYTES_CAP,
                             .max_nodes = ECSKP_MAX_NODES_CAP,
                             .max_markup_bytes = ECSKP_MAX_MARKUP_BYTES_CAP};
        char src[96];
        (void)snprintf(src, sizeof src,
                       "decode.h limits: %zu bytes of %zu-byte tags within the caps", b.len, tag);
        print_message("source: %s\n", src);
        decodes_r1(src, &b, &caps);
        free(b.p);
    }
}

/* Review finding: each processing instruction's target is a name in libxml2's dictionary, so
 * many distinct ones count against max_nodes (they made decoding quadratic before). */
static void test_pi_targets_are_nodes(void **state) {
    (void)state;
    static const char src[] = "decode.h limits: max_nodes counts processing instructions";
    sb b = {NULL, 0, 0};
    sb_add(&b, XHEAD);
    size_t at = NO_OFF;
    for (size_t i = 0; i < 2 * ECSKP_DEFAULT_MAX_NODES; i++) {
        if (i == ECSKP_DEFAULT_MAX_NODES - 2) /* the root and RequestId come first */
            at = b.len;
        sb_addf(&b, "<?p%zx?>", i);
    }
    sb_add(&b, XTAIL);
    ecskp_response *r = NULL;
    ecskp_diag d;
    print_message("source: %s\n", src);
    ECSKP_EXPECT_DIAG(src, decode_lim(XML, b.p, b.len, NULL, NULL, &r, &d), &d,
                      ECSKP_ERR_TOO_MANY_NODES, "", at, NO_IDX);
    ecskp_test_true(src, "no response", r == NULL);
    free(b.p);
}

/* ------------------------------------------------------------------ prefixes */

/*
 * Every prefix of a body that uses every construct the pre-scan follows (declaration,
 * attributes in both quotes, white space around '=', '>' in a value, namespace declarations,
 * comment, PI, CDATA, end tags with white space, empty-element tags): a prefix cut before the
 * root's '>' is malformed_body with an offset inside it, never a crash or a read past it (the
 * copy is exact-size), and the whole body decodes.
 */
static void test_prescan_prefixes(void **state) {
    (void)state;
    static const char src[] = "xml_scan.c: every prefix of a body of every construct";
    static const char body[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<AttachKeyPairResponse xmlns=\"urn:a\" xmlns:p='urn:b' a = \"x>y\" >\n"
        "<!-- c -> d --><?pi data?><RequestId p:b=\"1\">R1</RequestId ><KeyPairName>"
        "<![CDATA[k<]]></KeyPairName>\n<p:x/><e\ta='1'\n/></AttachKeyPairResponse>";
    size_t len = sizeof body - 1;
    for (size_t n = 0; n <= len; n++) {
        ecskp_response *r = (ecskp_response *)(uintptr_t)1;
        ecskp_diag d;
        ecskp_status want = n == 0    ? ECSKP_ERR_EMPTY_BODY
                            : n < len ? ECSKP_ERR_MALFORMED_BODY
                                      : ECSKP_OK;
        ecskp_status rc = decode_lim(XML, body, n, NULL, NULL, &r, &d);
        if (rc != want)
            print_error("cut at %zu: got %s (%s at %zu), want %s\n", n, d.name, d.message, d.offset,
                        ecskp_status_name(want));
        if (want == ECSKP_OK) {
            ECSKP_EXPECT_OK(src, rc, &d);
            check_layout(src, r);
            ecskp_test_str(src, "RequestId", r->success->request_id, "R1");
            ecskp_test_str(src, "KeyPairName", r->success->key_pair_name, "k<");
            ecskp_response_free(r);
        } else {
            ECSKP_EXPECT_ERROR(src, rc, &d, want);
            ecskp_test_true(src, "no response", r == NULL);
            ecskp_test_true(src, "diag.offset within the prefix", n == 0 || d.offset <= n);
        }
    }
}

/* ------------------------------------------------------------------ F10 */

/*
 * issue F10: the field lookup reads nothing past a name. Every name of one character (and the
 * empty name) is looked up in every scope from an exact-size heap allocation, so that a read
 * past its NUL shows under AddressSanitizer; none is a field. The known names still are, from
 * exact-size copies too.
 */
static void test_field_find_exact_size(void **state) {
    (void)state;
    static const char src[] = "issue F10: dec_field_find reads nothing past a name";
    const dec_scope scopes[] = {DEC_SCOPE_SUCCESS, DEC_SCOPE_ERROR, DEC_SCOPE_RESULT};
    for (size_t s = 0; s < COUNT(scopes); s++) {
        char *empty = malloc(1);
        ecskp_test_true(src, "malloc", empty != NULL);
        empty[0] = '\0';
        ecskp_test_true(src, "the empty name is no field",
                        dec_field_find(scopes[s], empty) == NULL);
        free(empty);
        for (int c = 1; c < 256; c++) {
            char *name = malloc(2);
            ecskp_test_true(src, "malloc", name != NULL);
            name[0] = (char)c;
            name[1] = '\0';
            ecskp_test_true(src, "a one-character name is no field",
                            dec_field_find(scopes[s], name) == NULL);
            free(name);
        }
    }
    static const struct {
        dec_scope scope;
        const char *name, *path;
    } known[] = {
        {.scope = DEC_SCOPE_SUCCESS, .name = "RequestId", .path = "RequestId"},
        {.scope = DEC_SCOPE_SUCCESS, .name = "Results", .path = "Results"},
        {.scope = DEC_SCOPE_SUCCESS, .name = "Code", .path = "Code"},
        {.scope = DEC_SCOPE_ERROR, .name = "AccessDeniedDetail", .path = "AccessDeniedDetail"},
        {.scope = DEC_SCOPE_ERROR, .name = "Code", .path = "Code"},
        {.scope = DEC_SCOPE_RESULT, .name = "Code", .path = "Result.Code"},
        {.scope = DEC_SCOPE_RESULT, .name = "Success", .path = "Result.Success"},
    };
    for (size_t i = 0; i < COUNT(known); i++) {
        size_t n = strlen(known[i].name);
        char *name = malloc(n + 1);
        ecskp_test_true(src, "malloc", name != NULL);
        memcpy(name, known[i].name, n + 1);
        const dec_field *f = dec_field_find(known[i].scope, name);
        ecskp_test_true(src, "a known name is a field", f != NULL);
        ecskp_test_str(src, "its path", f->path, known[i].path);
        /* Every proper prefix, e.g. "R", "Re", ..., is unknown. */
        for (size_t k = 1; k < n; k++) {
            name[k] = '\0';
            ecskp_test_true(src, "a proper prefix is no field",
                            dec_field_find(known[i].scope, name) == NULL);
            name[k] = known[i].name[k];
        }
        free(name);
    }
}

/* ------------------------------------------------------------------ AccessDeniedDetail members */

#define DETAIL_HEAD "<Error><Code>Forbidden.RAM</Code><AccessDeniedDetail>"
#define DETAIL_TAIL "</AccessDeniedDetail></Error>"

/* An <AccessDeniedDetail> of `<k/>` members filling `total` bytes. */
static void gen_detail(sb *b, size_t total) {
    sb_add(b, DETAIL_HEAD);
    size_t members = (total - (sizeof DETAIL_HEAD - 1) - (sizeof DETAIL_TAIL - 1)) / 4;
    sb_rep(b, "<k/>", members);
    sb_add(b, DETAIL_TAIL);
}

/*
 * decode.h AccessDeniedDetail and max_string_bytes (XML checks the members as they arrive): an
 * XML <AccessDeniedDetail> of many members is refused with string_too_long as soon as the
 * compact JSON text of the members so far exceeds max_string_bytes (L). `{"k":"","k":"",...}`
 * holds 2 + 7m - 1 bytes after m members; the member refused is the one whose `,"k":` or `""`
 * takes it past L. The caller's allocator never holds more than a small multiple of L, and its
 * peak is the same for a 64 KiB and a 200 KiB body: nothing past the refused member is kept.
 * (max_nodes is raised to its cap, 65,536, which 51,200 members stay under: with the default,
 * the larger body is refused by the pre-scan, before libxml2 runs, as too_many_nodes.)
 */
/* The member of `{"k":"","k":"",...}` (XML <k/> members) that first takes its text past L:
 * member m opens with `"k":` (4 bytes, 5 with the comma before all but the first) and ends with
 * its value `""` (2); the text starts as `{}`. */
static size_t refused_member(size_t lim) {
    size_t text = 2;
    for (size_t m = 0;; m++) {
        size_t open = (m > 0 ? 1 : 0) + 4;
        if (text + open > lim || text + open + 2 > lim)
            return m; /* at its start, or at its end when its value arrives */
        text += open + 2;
    }
}

/* Refuses an AccessDeniedDetail of `size` bytes of <k/> with max_string_bytes `lim`; returns
 * the peak of the caller's allocator. */
static size_t detail_refusal_peak(size_t lim, size_t size) {
    sb b = {NULL, 0, 0};
    gen_detail(&b, size);
    ecskp_test_counter c;
    ecskp_allocator a = ecskp_test_counting(&c);
    ecskp_limits l = {
        .max_string_bytes = lim, .max_nodes = ECSKP_MAX_NODES_CAP, .max_body_bytes = 2 * MIB};
    ecskp_response *r = (ecskp_response *)(uintptr_t)1;
    ecskp_diag d;
    char src[128];
    (void)snprintf(src, sizeof src,
                   "decode.h max_string_bytes: AccessDeniedDetail of %zu bytes of <k/>, "
                   "max_string_bytes %zu",
                   b.len, lim);
    print_message("source: %s\n", src);
    ecskp_status rc = decode_lim(XML, b.p, b.len, &l, &a, &r, &d);
    if (rc != ECSKP_ERR_STRING_TOO_LONG)
        print_error("got %s (%s at %zu: %s)\n", d.name, d.field, d.offset, d.message);
    ECSKP_EXPECT_ERROR(src, rc, &d, ECSKP_ERR_STRING_TOO_LONG);
    ecskp_test_str(src, "diag.field", d.field, "AccessDeniedDetail");
    ecskp_test_size(src, "diag.index", d.index, NO_IDX);
    ecskp_test_true(src, "no response", r == NULL);
    /* Refused at the member computed above: the parser stands within its tag. */
    size_t tag = sizeof DETAIL_HEAD - 1 + 4 * refused_member(lim);
    ecskp_test_true(src, "diag.offset within the refused member's tag",
                    d.offset >= tag && d.offset <= tag + 4);
    ecskp_test_size(src, "blocks left allocated", c.live, 0);
    ecskp_test_size(src, "bytes left allocated", c.bytes, 0);
    print_message("peak %zu bytes (%zu x max_string_bytes)\n", c.peak, c.peak / lim);
    ecskp_test_true(src, "the peak is at most 16 x max_string_bytes", c.peak <= 16 * lim);
    free(b.p);
    return c.peak;
}

static void test_detail_members_bounded(void **state) {
    (void)state;
    static const size_t limits_tried[] = {ECSKP_DEFAULT_MAX_STRING_BYTES, 1024};
    static const size_t sizes[2] = {64 * KIB, 200 * KIB}; /* 200 KiB: below max_nodes' cap */
    for (size_t li = 0; li < COUNT(limits_tried); li++) {
        size_t peak[2];
        for (size_t k = 0; k < COUNT(sizes); k++)
            peak[k] = detail_refusal_peak(limits_tried[li], sizes[k]);
        ecskp_test_size("decode.h max_string_bytes: AccessDeniedDetail members",
                        "the peak of a 200 KiB body (that of a 64 KiB one)", peak[1], peak[0]);
    }
    /* With the default max_nodes the 1 MiB body never reaches libxml2. */
    static const char src[] = "decode.h max_nodes: a 1 MiB AccessDeniedDetail";
    sb b = {NULL, 0, 0};
    gen_detail(&b, MIB);
    size_t count = 0, want = xml_nodes(b.p, b.len, ECSKP_DEFAULT_MAX_NODES, &count);
    ecskp_limits l = {.max_body_bytes = 2 * MIB};
    ecskp_response *r = NULL;
    ecskp_diag d;
    ECSKP_EXPECT_DIAG(src, decode_lim(XML, b.p, b.len, &l, NULL, &r, &d), &d,
                      ECSKP_ERR_TOO_MANY_NODES, "", want, NO_IDX);
    free(b.p);
}

/* ------------------------------------------------------------------ main */

static const ecskp_test_named single[] = {
    ECSKP_TEST_NAMED(test_mib_bodies),
    ECSKP_TEST_NAMED(test_documented_bodies_nodes),
    ECSKP_TEST_NAMED(test_huge_comment),
    ECSKP_TEST_NAMED(test_tags_lined_up_with_reads),
    ECSKP_TEST_NAMED(test_pi_targets_are_nodes),
    ECSKP_TEST_NAMED(test_prescan_prefixes),
    ECSKP_TEST_NAMED(test_field_find_exact_size),
    ECSKP_TEST_NAMED(test_detail_members_bounded),
};

int main(void) {
    static ecskp_test_list tests;
    ECSKP_TEST_ADD_ROWS(&tests, brows, source, run_brow);
    return ecskp_test_run_rows_then(&tests, "decode bounds rows", single, COUNT(single),
                                    "decode bounds");
}
