/* SPDX-License-Identifier: MIT */
/*
 * shapes.c - the scaling mode's worst-case bodies: each shape repeats one unit until the body
 * reaches the size asked for. Every shape is a body a hostile (or broken) server could send;
 * some are refused by the decoder (too_many_results, string_too_long, ...), which is part of
 * what is measured: how much work the refusal costs.
 *
 * XML shapes are AttachKeyPairResponse successes with <RequestId>r</RequestId> unless their
 * comment says otherwise; JSON shapes are success objects {"RequestId":"r", ...} with the
 * filler under the unknown key "X". The shapes marked "neighbour" are not in the original list:
 * each aims at code (of libxml2 2.9.14, cJSON 1.7.15 or the decoder) that the listed shapes do
 * not reach (see bench/README.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bodies.h"
#include "shapes.h"

#define XML_ROOT "<AttachKeyPairResponse"
#define XML_REQID "<RequestId>r</RequestId>"
#define XML_OPEN XML_ROOT ">" XML_REQID
#define XML_CLOSE "</AttachKeyPairResponse>"
#define JSON_OPEN "{\"RequestId\":\"r\","
#define NUMBER "0.1234567890123456789012345678901234567890"
#define DEPTH 30 /* nesting of the deep shapes: within the default max_depth (32) */

/* ---------------------------------------------------------------- building blocks */

/* Appends `s` when it fits (it always does for the sizes used: 1 KiB and up). */
static void put(shape_buf *b, const char *s) {
    size_t n = strlen(s);
    if (n > b->cap - b->len)
        return;
    memcpy(b->p + b->len, s, n + 1);
    b->len += n;
}

/* The length the body may grow to and still have room for `tail`. */
static size_t room(const shape_buf *b, const char *tail) {
    size_t n = strlen(tail);
    return n < b->cap ? b->cap - n : 0;
}

/* Appends `pre`, the repetition's number in hex when `counted`, and `post`, for repetitions
 * 0, 1, 2, ... while the body stays within `until` bytes. */
static void fill(shape_buf *b, size_t until, const char *pre, int counted, const char *post) {
    size_t npre = strlen(pre), npost = strlen(post);
    char num[24] = "";
    for (unsigned long i = 0;; i++) {
        size_t nnum = counted ? (size_t)snprintf(num, sizeof num, "%lx", i) : 0;
        size_t n = npre + nnum + npost;
        if (b->len > until || n > until - b->len)
            break;
        memcpy(b->p + b->len, pre, npre);
        memcpy(b->p + b->len + npre, num, nnum);
        memcpy(b->p + b->len + npre + nnum, post, npost);
        b->len += n;
    }
    b->p[b->len] = '\0';
}

/* `unit` as often as fits before `tail`, then `tail`. */
static void repeat(shape_buf *b, const char *unit, const char *tail) {
    fill(b, room(b, tail), unit, 0, "");
    put(b, tail);
}

/* pre + 0 + post, pre + 1 + post, ... (hex) as often as fits before `tail`, then `tail`. */
static void counted(shape_buf *b, const char *pre, const char *post, const char *tail) {
    fill(b, room(b, tail), pre, 1, post);
    put(b, tail);
}

/* lead, then `open` DEPTH times, `mid`, `close` DEPTH times: ",[[[...]]]". */
static const char *nest(char *buf, size_t cap, const char *lead, const char *open, const char *mid,
                        const char *close) {
    shape_buf b = {buf, 0, cap - 1};
    put(&b, lead);
    for (int i = 0; i < DEPTH; i++)
        put(&b, open);
    put(&b, mid);
    for (int i = 0; i < DEPTH; i++)
        put(&b, close);
    return buf;
}

/* ---------------------------------------------------------------- XML */

/* One start tag (the root) with many distinct attributes. */
static void xml_attrs_one_tag(shape_buf *b) {
    put(b, XML_ROOT);
    counted(b, " a", "=\"\"", ">" XML_REQID XML_CLOSE);
}

static void xml_attrs_many_tags(shape_buf *b) {
    put(b, XML_OPEN);
    repeat(b, "<a b0=\"\" b1=\"\" b2=\"\" b3=\"\" b4=\"\" b5=\"\" b6=\"\" b7=\"\"/>", XML_CLOSE);
}

static void xml_attrs_distinct_names(shape_buf *b) {
    put(b, XML_OPEN);
    counted(b, "<a x", "=\"\"/>", XML_CLOSE);
}

/* About 3% of the body as namespace declarations on the root, the rest unprefixed children. */
static void xml_ns_root_children(shape_buf *b) {
    put(b, XML_ROOT);
    fill(b, b->cap / 32, " xmlns:p", 1, "=\"u\"");
    put(b, ">" XML_REQID);
    repeat(b, "<a/>", XML_CLOSE);
}

static void xml_ns_prefixed(shape_buf *b) {
    put(b, XML_ROOT " xmlns:p0=\"u0\" xmlns:p1=\"u1\" xmlns:p2=\"u2\">" XML_REQID);
    repeat(b, "<p0:a/>", XML_CLOSE);
}

/* Neighbour: the root's start tag is nothing but namespace declarations. */
static void xml_ns_one_tag(shape_buf *b) {
    put(b, XML_ROOT);
    counted(b, " xmlns:p", "=\"u\"", ">" XML_REQID XML_CLOSE);
}

/* One comment full of "-" and "->", never "-->" (nor "--", which comments may not hold). */
static void xml_comment_dashes(shape_buf *b) {
    put(b, XML_OPEN "<!--");
    repeat(b, "-x->", "-->" XML_CLOSE);
}

/* One processing instruction full of ">", never "?>". */
static void xml_pi_gt(shape_buf *b) {
    put(b, XML_OPEN "<?pi ");
    repeat(b, "x>", "?>" XML_CLOSE);
}

/* One CDATA section in an unknown element, full of "]>" and "]]", never "]]>". */
static void xml_cdata_brackets(shape_buf *b) {
    put(b, XML_OPEN "<X><![CDATA[");
    repeat(b, "]>]]x", "]]></X>" XML_CLOSE);
}

static void xml_many_comments(shape_buf *b) {
    put(b, XML_OPEN);
    repeat(b, "<!--x-->", XML_CLOSE);
}

/* Processing instructions with distinct targets, each a name in libxml2's dictionary. */
static void xml_pi_targets(shape_buf *b) {
    put(b, XML_OPEN);
    counted(b, "<?p", "?>", XML_CLOSE);
}

/* Back-to-back 1000-byte tags, which line up with libxml2's own 4000-byte reads. */
static void xml_tags_lined_up(shape_buf *b) {
    char unit[1001];
    memset(unit, 'a', 1000);
    memcpy(unit, "<U a=\"", 6);
    memcpy(unit + 997, "\"/>", 3);
    unit[1000] = '\0';
    put(b, XML_OPEN);
    repeat(b, unit, XML_CLOSE);
}

static void xml_distinct_elements(shape_buf *b) {
    put(b, XML_OPEN);
    counted(b, "<e", "/>", XML_CLOSE);
}

static void xml_deep_repeated(shape_buf *b) {
    char unit[DEPTH * 7 + 1];
    put(b, XML_OPEN);
    repeat(b, nest(unit, sizeof unit, "", "<a>", "", "</a>"), XML_CLOSE);
}

static void xml_long_text_unknown(shape_buf *b) {
    put(b, XML_OPEN "<X>");
    repeat(b, "a", "</X>" XML_CLOSE);
}

/* An Error whose Message is far above max_string_bytes: string_too_long. */
static void xml_long_text_known(shape_buf *b) {
    put(b, "<Error><Code>x</Code><Message>");
    repeat(b, "a", "</Message></Error>");
}

static void xml_entities(shape_buf *b) {
    put(b, XML_OPEN "<X>");
    repeat(b, "&amp;", "</X>" XML_CLOSE);
}

static void xml_charrefs(shape_buf *b) {
    put(b, XML_OPEN "<X>");
    repeat(b, "&#x41;", "</X>" XML_CLOSE);
}

/* Empty Results past max_results: too_many_results. */
static void xml_results_empty(shape_buf *b) {
    put(b, XML_OPEN "<Results>");
    repeat(b, "<Result/>", "</Results>" XML_CLOSE);
}

/* An Error whose AccessDeniedDetail has many members, all named k: duplicate_field. */
static void xml_detail_members(shape_buf *b) {
    put(b, "<Error><Code>c</Code><AccessDeniedDetail>");
    repeat(b, "<k/>", "</AccessDeniedDetail></Error>");
}

/* Neighbour: the same with distinct names, all collected and sorted before the rendered text
 * is found too long (string_too_long). */
static void xml_detail_distinct(shape_buf *b) {
    put(b, "<Error><Code>c</Code><AccessDeniedDetail>");
    counted(b, "<k", "/>", "</AccessDeniedDetail></Error>");
}

static void xml_long_attr_value(shape_buf *b) {
    put(b, XML_OPEN "<X a=\"");
    repeat(b, "a", "\"/>" XML_CLOSE);
}

/* Neighbour: one attribute value made of ">", which is allowed unescaped in attributes. */
static void xml_attr_value_gt(shape_buf *b) {
    put(b, XML_OPEN "<X a=\"");
    repeat(b, ">", "\"/>" XML_CLOSE);
}

/* One element name far above libxml2's 50,000-byte name limit: malformed_body. */
static void xml_long_name(shape_buf *b) {
    put(b, XML_OPEN "<");
    repeat(b, "a", "/>" XML_CLOSE);
}

/* Half the body as white space before RequestId, half after it. */
static void xml_whitespace(shape_buf *b) {
    put(b, XML_ROOT ">");
    fill(b, b->cap / 2, " \n", 0, "");
    put(b, XML_REQID);
    repeat(b, " \n", XML_CLOSE);
}

/* ---------------------------------------------------------------- JSON */

static void json_zeros(shape_buf *b) {
    put(b, JSON_OPEN "\"X\":[0");
    repeat(b, ",0", "]}");
}

/* DEPTH-deep arrays in a list: depth 1 + 1 + DEPTH, exactly the default max_depth. */
static void json_nested(shape_buf *b) {
    char unit[2 * DEPTH + 2];
    nest(unit, sizeof unit, ",", "[", "", "]");
    put(b, JSON_OPEN "\"X\":[");
    put(b, unit + 1);
    repeat(b, unit, "]}");
}

static void json_empty_objects(shape_buf *b) {
    put(b, JSON_OPEN "\"X\":[{}");
    repeat(b, ",{}", "]}");
}

/* Empty Results past max_results: too_many_results. */
static void json_results_empty(shape_buf *b) {
    put(b, JSON_OPEN "\"Results\":{\"Result\":[{}");
    repeat(b, ",{}", "]}}");
}

static void json_many_keys(shape_buf *b) {
    put(b, JSON_OPEN "\"X\":{\"k\":0");
    counted(b, ",\"k", "\":0", "}}");
}

static void json_dup_keys(shape_buf *b) {
    put(b, JSON_OPEN "\"X\":{\"a\":0");
    repeat(b, ",\"a\":0", "}}");
}

static void json_long_string(shape_buf *b) {
    put(b, JSON_OPEN "\"X\":\"");
    repeat(b, "a", "\"}");
}

static void json_escapes(shape_buf *b) {
    put(b, JSON_OPEN "\"X\":\"");
    repeat(b, "\\u00e9", "\"}");
}

static void json_long_numbers(shape_buf *b) {
    put(b, JSON_OPEN "\"X\":[" NUMBER);
    repeat(b, "," NUMBER, "]}");
}

/* An error whose AccessDeniedDetail has many members: rendered, then string_too_long. */
static void json_detail(shape_buf *b) {
    put(b, "{\"Code\":\"c\",\"AccessDeniedDetail\":{\"k\":\"v\"");
    counted(b, ",\"k", "\":\"v\"", "}}");
}

static void json_strings(shape_buf *b) {
    put(b, JSON_OPEN "\"X\":[\"\"");
    repeat(b, ",\"\"", "]}");
}

static void json_literals(shape_buf *b) {
    put(b, JSON_OPEN "\"X\":[true,false,null");
    repeat(b, ",true,false,null", "]}");
}

/* Neighbour: many distinct unknown keys in the top-level object, each of which the decoder
 * looks up (the shape rule, then the field table). */
static void json_top_keys(shape_buf *b) {
    put(b, "{\"RequestId\":\"r\"");
    counted(b, ",\"k", "\":0", "}");
}

/* Neighbour: DEPTH-deep objects in a list. */
static void json_deep_objects(shape_buf *b) {
    char unit[6 * DEPTH + 3];
    nest(unit, sizeof unit, ",", "{\"a\":", "0", "}");
    put(b, JSON_OPEN "\"X\":[");
    put(b, unit + 1);
    repeat(b, unit, "]}");
}

/* Neighbour: surrogate pairs, which cJSON joins into one 4-byte UTF-8 character. */
static void json_surrogates(shape_buf *b) {
    put(b, JSON_OPEN "\"X\":\"");
    repeat(b, "\\ud83d\\ude00", "\"}");
}

/* Neighbour: half the body as white space before the first key, half after its value. */
static void json_whitespace(shape_buf *b) {
    put(b, "{");
    fill(b, b->cap / 2, " \n", 0, "");
    put(b, "\"RequestId\":\"r\"");
    repeat(b, " \n", "}");
}

/* ---------------------------------------------------------------- the table */

static const bench_shape k_shapes[] = {
    {"xml_attrs_one_tag", 0, xml_attrs_one_tag},
    {"xml_attrs_many_tags", 0, xml_attrs_many_tags},
    {"xml_attrs_distinct_names", 0, xml_attrs_distinct_names},
    {"xml_ns_root_children", 0, xml_ns_root_children},
    {"xml_ns_prefixed", 0, xml_ns_prefixed},
    {"xml_ns_one_tag", 0, xml_ns_one_tag},
    {"xml_comment_dashes", 0, xml_comment_dashes},
    {"xml_pi_gt", 0, xml_pi_gt},
    {"xml_cdata_brackets", 0, xml_cdata_brackets},
    {"xml_many_comments", 0, xml_many_comments},
    {"xml_pi_targets", 0, xml_pi_targets},
    {"xml_tags_lined_up", 0, xml_tags_lined_up},
    {"xml_distinct_elements", 0, xml_distinct_elements},
    {"xml_deep_repeated", 0, xml_deep_repeated},
    {"xml_long_text_unknown", 0, xml_long_text_unknown},
    {"xml_long_text_known", 0, xml_long_text_known},
    {"xml_entities", 0, xml_entities},
    {"xml_charrefs", 0, xml_charrefs},
    {"xml_results_empty", 0, xml_results_empty},
    {"xml_detail_members", 0, xml_detail_members},
    {"xml_detail_distinct", 0, xml_detail_distinct},
    {"xml_long_attr_value", 0, xml_long_attr_value},
    {"xml_attr_value_gt", 0, xml_attr_value_gt},
    {"xml_long_name", 0, xml_long_name},
    {"xml_whitespace", 0, xml_whitespace},
    {"json_zeros", 1, json_zeros},
    {"json_nested", 1, json_nested},
    {"json_empty_objects", 1, json_empty_objects},
    {"json_results_empty", 1, json_results_empty},
    {"json_many_keys", 1, json_many_keys},
    {"json_dup_keys", 1, json_dup_keys},
    {"json_long_string", 1, json_long_string},
    {"json_escapes", 1, json_escapes},
    {"json_long_numbers", 1, json_long_numbers},
    {"json_detail", 1, json_detail},
    {"json_strings", 1, json_strings},
    {"json_literals", 1, json_literals},
    {"json_top_keys", 1, json_top_keys},
    {"json_deep_objects", 1, json_deep_objects},
    {"json_surrogates", 1, json_surrogates},
    {"json_whitespace", 1, json_whitespace},
};

const bench_shape *bench_shapes(size_t *count) {
    *count = sizeof k_shapes / sizeof k_shapes[0];
    return k_shapes;
}

/* As many Results as fit: the length grows by the same amount with every Result but the
 * first (and the digits of TotalCount), so one estimate and a step or two back suffice. */
static void benign(shape_buf *b, int xml) {
    size_t one = bench_success_body(b->p, b->cap + 1, xml, 1);
    size_t two = bench_success_body(b->p, b->cap + 1, xml, 2);
    size_t n = two <= b->cap ? 1 + (b->cap - one) / (two - one) : 1;
    if (n > 0x7fffffff)
        n = 0x7fffffff;
    for (int k = (int)n; k >= 1; k--) {
        b->len = bench_success_body(b->p, b->cap + 1, xml, k);
        if (b->len <= b->cap)
            return;
    }
    b->len = 0; /* not even one Result fits */
    b->p[0] = '\0';
}

static void benign_json(shape_buf *b) {
    benign(b, 0);
}

static void benign_xml(shape_buf *b) {
    benign(b, 1);
}

const bench_shape bench_benign_json = {"benign_json", 1, benign_json};
const bench_shape bench_benign_xml = {"benign_xml", 0, benign_xml};

char *bench_shape_body(const bench_shape *s, size_t size, size_t *len) {
    char *p = malloc(size + 1);
    if (p == NULL)
        return NULL;
    p[0] = '\0';
    shape_buf b = {p, 0, size};
    s->gen(&b);
    *len = b.len;
    return p;
}
