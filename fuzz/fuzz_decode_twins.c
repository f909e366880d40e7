/* SPDX-License-Identifier: MIT */
/*
 * fuzz_decode_twins - XML and JSON twins of one generated response decode alike.
 *
 * Targets: ecskp_response_decode() in both formats, ecskp_response_to_json(),
 * ecskp_error_classify(), ecskp_category_name().
 *
 * Input: drives a generator. It builds one response model (success or API error, action, HTTP
 * status, RequestId, KeyPairName, counts, 0..6 Results with optional fields, error fields and
 * a flat AccessDeniedDetail; strings drawn from a palette with markup characters, quotes,
 * backslashes, tab/LF/CR and multi-byte UTF-8), then renders it twice with independent
 * choices of spelling: JSON (key order, numbers as numbers, strings or 2.0/2e0, Success as
 * bool or string, numeric Code, the three Results forms, \u escapes including surrogate
 * pairs, a BOM, white space, an ignored unknown field) and XML (declaration, indentation,
 * character references, CDATA, comments and processing instructions holding markup
 * characters, attributes with '>' and '/' in their values, namespace declarations and a
 * prefixed attribute, an ignored unknown element). While it writes the XML twin, the
 * generator counts what decode.h's limits count: start tags, attributes and processing
 * instructions, attributes per tag, namespace declarations, the longest tag, comment, PI or
 * CDATA section, element depth; the JSON twin's nodes (1 + each '[', '{', ',' outside
 * strings) and depth are counted from its text. The byte after the generator's input picks
 * one limit per twin to exceed by one.
 *
 * Properties (abort on violation):
 *   - both renderings decode (inconsistent models are decoded with ALLOW_INCONSISTENT), with
 *     every limit met exactly (nodes, depth, results, longest string; for XML also attributes,
 *     namespaces, markup length; for JSON the XML-only limits at 1, which must not matter) and
 *     with the default limits;
 *   - with one of those limits one below what the twin needs, it is refused with that limit's
 *     status (too_many_nodes, too_many_attributes, too_many_namespaces, markup_too_long,
 *     nesting_too_deep, too_many_results, string_too_long);
 *   - both normalize to exactly the JSON the model predicts (independently written here),
 *     hence to each other;
 *   - each decoded response also satisfies the checks and round trips of
 *     fuzz_decode_common.h.
 */
#include "fuzz_decode_common.h"

#define MAX_RESULTS 6
#define MAX_DETAIL 3

typedef struct model_result {
    const char *instance_id, *code, *message;
    int success, success_present;
} model_result;

typedef struct model {
    int error;
    ecskp_action action;
    int http;
    /* success */
    const char *request_id, *key_pair_name;
    long long total, fail; /* -1 absent */
    int has_results;
    size_t n;
    model_result r[MAX_RESULTS];
    /* error */
    const char *host_id, *code, *message, *recommend;
    int has_detail;
    size_t nd;
    const char *dk[MAX_DETAIL], *dv[MAX_DETAIL];
    char pool[4096];
    size_t used;
} model;

static const char *const palette[] = {"a",
                                      "Z",
                                      "0",
                                      "9",
                                      "-",
                                      " ",
                                      "&",
                                      "<",
                                      ">",
                                      "\"",
                                      "'",
                                      "\\",
                                      "/",
                                      "\t",
                                      "\n",
                                      "\r",
                                      "]]>",
                                      "&amp;",
                                      "\xc3\xa9",
                                      "\xe4\xb8\xad",
                                      "\xf0\x9f\x98\x80",
                                      "i-",
                                      "200",
                                      ".",
                                      "=",
                                      "*",
                                      "{",
                                      "}",
                                      "[",
                                      "]",
                                      "%",
                                      "#",
                                      "\xef\xbf\xbd",
                                      "\xc2\xa0",
                                      "x"};
#define NPAL (sizeof palette / sizeof palette[0])

static const char *gen_string(model *m, fuzz_reader *rd, int allow_empty) {
    size_t n = fuzz_byte(rd) % 12;
    if (n == 0 && !allow_empty)
        n = 1;
    char *out = m->pool + m->used;
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        const char *p = palette[fuzz_byte(rd) % NPAL];
        size_t l = strlen(p);
        if (m->used + len + l + 1 > sizeof m->pool)
            break;
        memcpy(out + len, p, l);
        len += l;
    }
    if (len == 0 && !allow_empty) {
        if (m->used + 2 > sizeof m->pool)
            return "x";
        out[len++] = 'x';
    }
    out[len] = '\0';
    m->used += len + 1;
    return out;
}

static const char *pick(fuzz_reader *rd, const char *const *v, size_t n) {
    return v[fuzz_byte(rd) % n];
}

static void gen_model(model *m, fuzz_reader *rd) {
    uint8_t b = fuzz_byte(rd);
    m->error = b & 1;
    m->action = (b & 2) ? ECSKP_ACTION_DETACH_KEY_PAIR : ECSKP_ACTION_ATTACH_KEY_PAIR;
    static const int ok_status[] = {0, 200, 0, 200};
    static const int err_status[] = {0, 400, 403, 404, 500, 503, 409, 200};
    m->http = m->error ? err_status[(b >> 2) & 7] : ok_status[(b >> 2) & 3];
    if (!m->error) {
        m->request_id = gen_string(m, rd, 1);
        m->key_pair_name = (b & 0x20) ? gen_string(m, rd, 1) : NULL;
        uint8_t c = fuzz_byte(rd);
        m->has_results = (c & 1) != 0;
        m->n = m->has_results ? (size_t)(c >> 1) % (MAX_RESULTS + 1) : 0;
        size_t failed = 0;
        static const char *const codes[] = {
            "200", "200", "DependencyViolation.WindowsInstance", "InvalidInstanceId.NotFound",
            "403", ""};
        for (size_t i = 0; i < m->n; i++) {
            model_result *x = &m->r[i];
            uint8_t f = fuzz_byte(rd);
            x->instance_id = (f & 1) ? gen_string(m, rd, 1) : NULL;
            x->message = (f & 2) ? gen_string(m, rd, 1) : NULL;
            x->code = (f & 4) ? ((f & 0x40) ? gen_string(m, rd, 1) : pick(rd, codes, 6)) : NULL;
            x->success_present = (f & 8) != 0;
            int code200 = x->code && strcmp(x->code, "200") == 0;
            /* Mostly consistent with Code; bit 4 flips it. */
            x->success = x->success_present ? (((f & 16) != 0) ^ code200) : code200;
            if (!x->code && x->success_present)
                x->success = (f & 16) != 0;
            failed += !x->success;
        }
        uint8_t t = fuzz_byte(rd);
        m->total = (t & 1) ? -1 : ((t & 2) ? (long long)(t >> 2) : (long long)m->n);
        if (!m->has_results && m->total >= 0 && !(t & 2))
            m->total = t >> 4;
        m->fail = (t & 0x80) ? -1 : (long long)failed;
        if (!m->has_results && m->fail >= 0)
            m->fail = 0;
    } else {
        static const char *const ecodes[] = {"InvalidKeyPairName.NotFound",
                                             "MissingParameter",
                                             "Throttling.User",
                                             "SignatureDoesNotMatch",
                                             "DependencyViolation.WindowsInstance",
                                             "ServiceUnavailable",
                                             "Forbidden.RAM",
                                             "InternalError",
                                             "Unknown.Code"};
        m->code = (b & 0x20) ? gen_string(m, rd, 0) : pick(rd, ecodes, 9);
        if (strcmp(m->code, "200") == 0)
            m->code = "MissingParameter";
        uint8_t f = fuzz_byte(rd);
        m->request_id = (f & 1) ? gen_string(m, rd, 1) : NULL;
        m->host_id = (f & 2) ? gen_string(m, rd, 1) : NULL;
        m->message = (f & 4) ? gen_string(m, rd, 1) : NULL;
        m->recommend = (f & 8) ? gen_string(m, rd, 1) : NULL;
        m->has_detail = (f & 16) != 0;
        static const char *const keys[] = {"AuthAction", "AuthPrincipalType", "PolicyType",
                                           "NoPermissionType", "EncodedDiagnosticMessage"};
        m->nd = m->has_detail ? (size_t)(f >> 5) % (MAX_DETAIL + 1) : 0;
        size_t first = fuzz_byte(rd) % 5;
        for (size_t i = 0; i < m->nd; i++) {
            m->dk[i] = keys[(first + i) % 5];
            m->dv[i] = gen_string(m, rd, 1);
        }
    }
}

static int model_consistent(const model *m) {
    if (m->error)
        return 1;
    if (m->total >= 0 && m->fail >= 0 && m->fail > m->total)
        return 0;
    if (m->total >= 0 && m->has_results && (size_t)m->total != m->n)
        return 0;
    size_t failed = 0;
    for (size_t i = 0; i < m->n; i++) {
        const model_result *x = &m->r[i];
        failed += !x->success;
        if (x->success_present && x->code && x->success != (strcmp(x->code, "200") == 0))
            return 0;
    }
    if (m->fail >= 0 && m->has_results && (size_t)m->fail != failed)
        return 0;
    return 1;
}

/* ---------------------------------------------------------------- the expected normal form */

static void expected(const model *m, fuzz_buf *b) {
    int first = 1;
    if (!m->error) {
        fb_puts(b, "{");
        fb_json_field(b, &first, "RequestId", m->request_id);
        fb_json_field(b, &first, "KeyPairName", m->key_pair_name);
        if (m->total >= 0)
            fb_printf_u(b, ",\"TotalCount\":%llu", (unsigned long long)m->total);
        if (m->fail >= 0)
            fb_printf_u(b, ",\"FailCount\":%llu", (unsigned long long)m->fail);
        if (m->has_results) {
            fb_puts(b, ",\"Results\":[");
            for (size_t i = 0; i < m->n; i++) {
                const model_result *x = &m->r[i];
                int f2 = 1;
                fb_puts(b, i ? ",{" : "{");
                fb_json_field(b, &f2, "InstanceId", x->instance_id);
                fb_json_field(b, &f2, "Code", x->code);
                fb_json_field(b, &f2, "Message", x->message);
                if (x->success_present) {
                    fb_puts(b, f2 ? "\"Success\":" : ",\"Success\":");
                    fb_puts(b, x->success ? "true" : "false");
                }
                fb_puts(b, "}");
            }
            fb_puts(b, "]");
        }
        fb_puts(b, "}");
        return;
    }
    fb_puts(b, "{\"Error\":{");
    if (m->http) {
        fb_printf_u(b, "\"HttpStatus\":%llu", (unsigned long long)m->http);
        first = 0;
    }
    fb_json_field(b, &first, "RequestId", m->request_id);
    fb_json_field(b, &first, "HostId", m->host_id);
    fb_json_field(b, &first, "Code", m->code);
    fb_json_field(b, &first, "Message", m->message);
    fb_json_field(b, &first, "Recommend", m->recommend);
    if (m->has_detail) {
        fb_puts(b, first ? "\"AccessDeniedDetail\":{" : ",\"AccessDeniedDetail\":{");
        first = 0;
        int f2 = 1;
        for (size_t i = 0; i < m->nd; i++)
            fb_json_field(b, &f2, m->dk[i], m->dv[i]);
        fb_puts(b, "}");
    }
    int retry = 0;
    ecskp_error_category cat = ecskp_error_classify(m->code, m->http, &retry);
    fb_puts(b, ",\"Category\":\"");
    fb_puts(b, ecskp_category_name(cat));
    fb_puts(b, retry ? "\",\"Retryable\":true}}" : "\",\"Retryable\":false}}");
}

/* ---------------------------------------------------------------- JSON twin */

/* Decodes one UTF-8 character (the generator only makes valid ones). */
static unsigned utf8_next(const unsigned char **p) {
    const unsigned char *s = *p;
    unsigned c = s[0];
    if (c < 0x80) {
        *p += 1;
        return c;
    }
    if (c < 0xE0) {
        *p += 2;
        return (c & 0x1Fu) << 6 | (s[1] & 0x3Fu);
    }
    if (c < 0xF0) {
        *p += 3;
        return (c & 0x0Fu) << 12 | (s[1] & 0x3Fu) << 6 | (s[2] & 0x3Fu);
    }
    *p += 4;
    return (c & 0x07u) << 18 | (s[1] & 0x3Fu) << 12 | (s[2] & 0x3Fu) << 6 | (s[3] & 0x3Fu);
}

static void j_string(fuzz_buf *b, const char *s, int escape_all) {
    if (!escape_all) {
        fb_json_string(b, s);
        return;
    }
    fb_puts(b, "\"");
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned c = utf8_next(&p);
        if (c == '/') {
            fb_puts(b, "\\/");
        } else if (c == '\n') {
            fb_puts(b, "\\n");
        } else if (c == '\t') {
            fb_puts(b, "\\t");
        } else if (c >= 0x10000) {
            c -= 0x10000;
            fb_printf_u(b, "\\u%04llX", 0xD800 + (c >> 10));
            fb_printf_u(b, "\\u%04llx", 0xDC00 + (c & 0x3FF));
        } else {
            fb_printf_u(b, "\\u%04llx", c);
        }
    }
    fb_puts(b, "\"");
}

typedef struct jctx {
    fuzz_buf *b;
    fuzz_reader *rd;
    int pretty;
    int first;
} jctx;

static void j_key(jctx *j, const char *k) {
    fb_puts(j->b, j->first ? "" : ",");
    fb_puts(j->b, j->pretty ? "\n  \"" : "\"");
    fb_puts(j->b, k);
    fb_puts(j->b, j->pretty ? "\" : " : "\":");
    j->first = 0;
}

static void j_str_field(jctx *j, const char *k, const char *v) {
    if (!v)
        return;
    j_key(j, k);
    j_string(j->b, v, fuzz_byte(j->rd) & 1);
}

static void j_count(jctx *j, const char *k, long long v) {
    if (v < 0)
        return;
    j_key(j, k);
    switch (fuzz_byte(j->rd) % 5) {
    case 0:
        fb_printf_u(j->b, "%llu", v);
        break;
    case 1:
        fb_printf_u(j->b, "\"%llu\"", v);
        break;
    case 2:
        fb_printf_u(j->b, "%llu.0", v);
        break;
    case 3:
        fb_printf_u(j->b, "%lluE0", v);
        break;
    default:
        fb_printf_u(j->b, "%llue+0", v);
        break;
    }
}

static void j_code(jctx *j, const char *k, const char *v) {
    if (!v)
        return;
    /* A short decimal code without leading zero may be sent as a number. */
    size_t n = strlen(v);
    int digits = n > 0 && n < 10 && v[0] != '0';
    for (size_t i = 0; i < n; i++)
        digits &= v[i] >= '0' && v[i] <= '9';
    if (digits && (fuzz_byte(j->rd) & 1)) {
        j_key(j, k);
        fb_puts(j->b, v);
    } else {
        j_str_field(j, k, v);
    }
}

static void j_result(jctx *j, const model_result *x) {
    jctx r = {j->b, j->rd, 0, 1};
    size_t rot = fuzz_byte(j->rd) % 4;
    fb_puts(j->b, "{");
    for (size_t k = 0; k < 4; k++) {
        switch ((k + rot) % 4) {
        case 0:
            j_str_field(&r, "InstanceId", x->instance_id);
            break;
        case 1:
            j_code(&r, "Code", x->code);
            break;
        case 2:
            j_str_field(&r, "Message", x->message);
            break;
        case 3:
            if (x->success_present) {
                j_key(&r, "Success");
                if (fuzz_byte(j->rd) & 1)
                    fb_puts(j->b, x->success ? "\"true\"" : "\"false\"");
                else
                    fb_puts(j->b, x->success ? "true" : "false");
            }
            break;
        }
    }
    fb_puts(j->b, "}");
}

static void render_json_twin(const model *m, fuzz_reader *rd, fuzz_buf *b) {
    uint8_t s = fuzz_byte(rd);
    jctx j = {b, rd, (s & 1) != 0, 1};
    if (s & 2)
        fb_puts(b, "\xef\xbb\xbf");
    fb_puts(b, "{");
    size_t rot = (size_t)(s >> 4);
    if (!m->error) {
        for (size_t k = 0; k < 7; k++) {
            switch ((k + rot) % 7) {
            case 0:
                j_str_field(&j, "RequestId", m->request_id);
                break;
            case 1:
                j_str_field(&j, "KeyPairName", m->key_pair_name);
                break;
            case 2:
                j_count(&j, "TotalCount", m->total);
                break;
            case 3:
                j_count(&j, "FailCount", m->fail);
                break;
            case 4:
                if (m->has_results) {
                    uint8_t form = fuzz_byte(rd) % 3;
                    j_key(&j, "Results");
                    if (form == 1 && m->n == 1) {
                        fb_puts(b, "{\"Result\":");
                        j_result(&j, &m->r[0]);
                        fb_puts(b, "}");
                        break;
                    }
                    fb_puts(b, form == 2 ? "[" : "{\"Result\":[");
                    for (size_t i = 0; i < m->n; i++) {
                        if (i)
                            fb_puts(b, j.pretty ? ",\n    " : ",");
                        j_result(&j, &m->r[i]);
                    }
                    fb_puts(b, form == 2 ? "]" : "]}");
                }
                break;
            case 5:
                if (s & 4) {
                    j_key(&j, "Extra");
                    fb_puts(b, "{\"RequestId\":[1,2.5e3,null,true],\"Code\":{}}");
                }
                break;
            case 6:
                if (s & 8) {
                    j_key(&j, "requestid");
                    fb_puts(b, "\"case matters\"");
                }
                break;
            }
        }
    } else {
        for (size_t k = 0; k < 7; k++) {
            switch ((k + rot) % 7) {
            case 0:
                j_str_field(&j, "RequestId", m->request_id);
                break;
            case 1:
                j_str_field(&j, "HostId", m->host_id);
                break;
            case 2:
                j_code(&j, "Code", m->code);
                break;
            case 3:
                j_str_field(&j, "Message", m->message);
                break;
            case 4:
                j_str_field(&j, "Recommend", m->recommend);
                break;
            case 5:
                if (m->has_detail) {
                    j_key(&j, "AccessDeniedDetail");
                    fb_puts(b, "{");
                    for (size_t i = 0; i < m->nd; i++) {
                        fb_puts(b, i ? ", \"" : "\"");
                        fb_puts(b, m->dk[i]);
                        fb_puts(b, "\" : ");
                        j_string(b, m->dv[i], fuzz_byte(rd) & 1);
                    }
                    fb_puts(b, "}");
                }
                break;
            case 6:
                if (s & 4) {
                    j_key(&j, "Extra");
                    fb_puts(b, "[{\"Code\":\"x\"}]");
                }
                break;
            }
        }
    }
    fb_puts(b, j.pretty ? "\n}\n" : "}");
}

/* ---------------------------------------------------------------- XML twin */

/* What the XML twin costs in the terms of decode.h's limits, counted as it is written (not by
 * scanning it afterwards): start tags, attributes and processing instructions, the most
 * attributes of one start tag,
 * namespace declarations, the longest tag, comment, PI or CDATA section, the deepest element. */
typedef struct xcost {
    size_t nodes, attributes, namespaces, markup, depth;
} xcost;

typedef struct xctx {
    fuzz_buf *b;
    fuzz_reader *rd;
    xcost c;
} xctx;

/* The namespace declarations the twin may carry: it must decode with the default limits. */
#define XML_TWIN_MAX_NAMESPACES ECSKP_DEFAULT_MAX_NAMESPACES

/* One piece of markup (a tag, comment, PI or CDATA section), written whole. */
static void x_markup(xctx *x, const char *s, size_t n) {
    fb_put(x->b, s, n);
    if (n > x->c.markup)
        x->c.markup = n;
}

static void x_open(xctx *x, const char *name, const char *attrs, size_t nattr, size_t ns,
                   size_t depth) {
    fuzz_buf t = {0};
    fb_puts(&t, "<");
    fb_puts(&t, name);
    fb_puts(&t, attrs);
    fb_puts(&t, ">");
    x_markup(x, t.p, t.len);
    free(t.p);
    x->c.nodes += 1 + nattr;
    if (nattr > x->c.attributes)
        x->c.attributes = nattr;
    x->c.namespaces += ns;
    if (depth > x->c.depth)
        x->c.depth = depth;
}

static void x_close(xctx *x, const char *name) {
    fuzz_buf t = {0};
    fb_puts(&t, "</");
    fb_puts(&t, name);
    fb_puts(&t, ">");
    x_markup(x, t.p, t.len);
    free(t.p);
}

static void x_lit(xctx *x, const char *s) {
    x_markup(x, s, strlen(s));
}

/* A processing instruction: its target is a name, so it is a node too (the XML declaration,
 * written with x_lit, is not). */
static void x_pi(xctx *x, const char *s) {
    x_lit(x, s);
    x->c.nodes++;
}

static void x_text(xctx *x, const char *s) {
    fuzz_buf *b = x->b;
    uint8_t mode = fuzz_byte(x->rd) % 3;
    if (mode == 1 && !strstr(s, "]]>") && !strchr(s, '\r') && *s) {
        fuzz_buf t = {0};
        fb_puts(&t, "<![CDATA[");
        fb_puts(&t, s);
        fb_puts(&t, "]]>");
        x_markup(x, t.p, t.len);
        free(t.p);
        return;
    }
    if (mode == 2) {
        /* Every character as a character reference. */
        const unsigned char *p = (const unsigned char *)s;
        while (*p) {
            unsigned c = utf8_next(&p);
            fb_printf_u(b, (c & 1) ? "&#x%llX;" : "&#%llu;", c);
        }
        return;
    }
    for (char prev = 0; *s; prev = *s++) {
        switch (*s) {
        case '&':
            fb_puts(b, "&amp;");
            break;
        case '<':
            fb_puts(b, "&lt;");
            break;
        case '>':
            /* Raw only where it cannot close a "]]>". */
            fb_puts(b, (prev != ']' && (fuzz_byte(x->rd) & 1)) ? ">" : "&gt;");
            break;
        case '"':
            fb_puts(b, (fuzz_byte(x->rd) & 1) ? "&quot;" : "\"");
            break;
        case '\'':
            fb_puts(b, (fuzz_byte(x->rd) & 1) ? "&apos;" : "'");
            break;
        case '\r':
            fb_puts(b, "&#13;");
            break;
        default:
            fb_put(b, s, 1);
        }
    }
}

/* Attributes a field's start tag may carry, all ignored by the decoder: plain ones, a '>' and
 * a '/' inside a quoted value, a prefixed attribute with its namespace declaration, a default
 * namespace declaration (ignored too) with an empty value and references. */
static const struct {
    const char *text;
    size_t n, ns;
} field_attrs[] = {
    {" a=\"1\"", 1, 0},
    {" a=\"1\" b='x>y/z'", 2, 0},
    {" xmlns:p=\"urn:p\" p:c=\"3\"", 2, 1},
    {"\txmlns=\"urn:d\"\na=''  b=\"&amp;&lt;\"", 3, 1},
};

static void x_field(xctx *x, int indent, size_t depth, const char *k, const char *v) {
    if (!v)
        return;
    if (indent)
        fb_puts(x->b, "\n    ");
    uint8_t s = fuzz_byte(x->rd);
    if (s & 1)
        x_lit(x, (s & 16) ? "<!-- <a> ]]> ?> -x- -->" : "<!-- c -->");
    if (s & 2) {
        size_t k2 = (size_t)(s >> 2) & 3;
        if (x->c.namespaces + field_attrs[k2].ns > XML_TWIN_MAX_NAMESPACES)
            k2 = 0;
        x_open(x, k, field_attrs[k2].text, field_attrs[k2].n, field_attrs[k2].ns, depth);
    } else {
        x_open(x, k, "", 0, 0, depth);
    }
    x_text(x, v);
    x_close(x, k);
}

static void x_count(xctx *x, int indent, size_t depth, const char *k, long long v) {
    char t[32];
    if (v < 0)
        return;
    snprintf(t, sizeof t, "%llu", (unsigned long long)v);
    x_field(x, indent, depth, k, t);
}

static xcost render_xml_twin(const model *m, fuzz_reader *rd, fuzz_buf *b) {
    xctx x = {b, rd, {0, 0, 0, 0, 0}};
    uint8_t s = fuzz_byte(rd);
    int ind = (s & 1) != 0;
    const char *root = m->error                                    ? "Error"
                       : m->action == ECSKP_ACTION_ATTACH_KEY_PAIR ? "AttachKeyPairResponse"
                                                                   : "DetachKeyPairResponse";
    if (s & 2) {
        x_lit(&x, (s & 4) ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                          : "<?xml version='1.0' encoding='utf-8' standalone='yes'?>");
        if (s & 4)
            fb_puts(b, "\n");
    }
    if (s & 8)
        x_open(&x, root, " xmlns=\"http://ecs.aliyuncs.com/doc/2014-05-26/\"", 1, 1, 1);
    else
        x_open(&x, root, "", 0, 0, 1);
    size_t rot = (size_t)(s >> 4);
    if (!m->error) {
        for (size_t k = 0; k < 6; k++) {
            switch ((k + rot) % 6) {
            case 0:
                x_field(&x, ind, 2, "RequestId", m->request_id);
                break;
            case 1:
                x_field(&x, ind, 2, "KeyPairName", m->key_pair_name);
                break;
            case 2:
                x_count(&x, ind, 2, "TotalCount", m->total);
                break;
            case 3:
                x_count(&x, ind, 2, "FailCount", m->fail);
                break;
            case 4:
                if (m->has_results) {
                    if (ind)
                        fb_puts(b, "\n  ");
                    x_open(&x, "Results", "", 0, 0, 2);
                    for (size_t i = 0; i < m->n; i++) {
                        const model_result *r = &m->r[i];
                        size_t r2 = fuzz_byte(rd) % 4;
                        if (ind)
                            fb_puts(b, "\n   ");
                        x_open(&x, "Result", "", 0, 0, 3);
                        for (size_t q = 0; q < 4; q++) {
                            switch ((q + r2) % 4) {
                            case 0:
                                x_field(&x, ind, 4, "InstanceId", r->instance_id);
                                break;
                            case 1:
                                x_field(&x, ind, 4, "Code", r->code);
                                break;
                            case 2:
                                x_field(&x, ind, 4, "Message", r->message);
                                break;
                            case 3:
                                if (r->success_present)
                                    x_field(&x, ind, 4, "Success", r->success ? "true" : "false");
                                break;
                            }
                        }
                        if (ind)
                            fb_puts(b, "\n   ");
                        x_close(&x, "Result");
                    }
                    if (s & 4) {
                        x_open(&x, "Other", "", 0, 0, 3);
                        fb_puts(b, "ignored");
                        x_close(&x, "Other");
                    }
                    if (ind)
                        fb_puts(b, "\n  ");
                    x_close(&x, "Results");
                }
                break;
            case 5:
                if (s & 2) {
                    x_open(&x, "Unknown", "", 0, 0, 2);
                    x_open(&x, "RequestId", "", 0, 0, 3);
                    fb_puts(b, "nested");
                    x_close(&x, "RequestId");
                    x_close(&x, "Unknown");
                    x_pi(&x, (s & 64) ? "<?pi a > b <c/> ?x?>" : "<?pi x?>");
                }
                break;
            }
        }
    } else {
        for (size_t k = 0; k < 6; k++) {
            switch ((k + rot) % 6) {
            case 0:
                x_field(&x, ind, 2, "RequestId", m->request_id);
                break;
            case 1:
                x_field(&x, ind, 2, "HostId", m->host_id);
                break;
            case 2:
                x_field(&x, ind, 2, "Code", m->code);
                break;
            case 3:
                x_field(&x, ind, 2, "Message", m->message);
                break;
            case 4:
                x_field(&x, ind, 2, "Recommend", m->recommend);
                break;
            case 5:
                if (m->has_detail) {
                    x_open(&x, "AccessDeniedDetail", "", 0, 0, 2);
                    for (size_t i = 0; i < m->nd; i++)
                        x_field(&x, 0, 3, m->dk[i], m->dv[i]);
                    x_close(&x, "AccessDeniedDetail");
                }
                break;
            }
        }
    }
    if (ind)
        fb_puts(b, "\n");
    x_close(&x, root);
    if (s & 4) {
        fb_puts(b, "\n");
        x_lit(&x, "<!-- end -->");
        fb_puts(b, "\n");
    }
    return x.c;
}

/* ---------------------------------------------------------------- limits met and exceeded */

/* Nodes and depth of the JSON twin as decode.h counts them: 1 + each '[', '{' and ',' outside
 * strings; the deepest nesting of objects and arrays. */
static void json_cost(const fuzz_buf *b, size_t *nodes, size_t *depth) {
    size_t n = 1, d = 0, maxd = 0;
    int in = 0;
    for (size_t i = 0; i < b->len; i++) {
        char c = b->p[i];
        if (in) {
            if (c == '\\')
                i++;
            else if (c == '"')
                in = 0;
        } else if (c == '"') {
            in = 1;
        } else if (c == '[' || c == '{') {
            n++;
            if (++d > maxd)
                maxd = d;
        } else if (c == ']' || c == '}') {
            d--;
        } else if (c == ',') {
            n++;
        }
    }
    *nodes = n;
    *depth = maxd;
}

static void longest(size_t *max, const char *s) {
    if (s && strlen(s) > *max)
        *max = strlen(s);
}

/* The longest known string of the model, in decoded bytes; an AccessDeniedDetail counts as
 * its compact JSON text. */
static size_t model_longest_string(const model *m) {
    size_t n = 0;
    longest(&n, m->request_id);
    if (!m->error) {
        longest(&n, m->key_pair_name);
        for (size_t i = 0; i < m->n; i++) {
            longest(&n, m->r[i].instance_id);
            longest(&n, m->r[i].code);
            longest(&n, m->r[i].message);
        }
        return n;
    }
    longest(&n, m->host_id);
    longest(&n, m->code);
    longest(&n, m->message);
    longest(&n, m->recommend);
    if (m->has_detail) {
        fuzz_buf d = {0};
        int first = 1;
        fb_puts(&d, "{");
        for (size_t i = 0; i < m->nd; i++)
            fb_json_field(&d, &first, m->dk[i], m->dv[i]);
        fb_puts(&d, "}");
        longest(&n, d.p);
        free(d.p);
    }
    return n;
}

/* The longest other leaf value the twins may spell as a string or XML text: the counts'
 * decimal digits and Success's "true"/"false". decode.h bounds "each known string field" by
 * max_string_bytes; the decoder bounds these spellings too, so the limit met exactly covers
 * them, and it is lowered below a string field only when that field is the longest. */
static size_t model_longest_other(const model *m) {
    size_t n = 0;
    char t[32];
    if (m->error)
        return 0;
    for (int k = 0; k < 2; k++) {
        long long v = k ? m->fail : m->total;
        if (v >= 0) {
            snprintf(t, sizeof t, "%llu", (unsigned long long)v);
            longest(&n, t);
        }
    }
    for (size_t i = 0; i < m->n; i++)
        if (m->r[i].success_present)
            longest(&n, m->r[i].success ? "true" : "false");
    return n;
}

/* The limits that a twin meets exactly, each with the status for one less. */
enum { L_NODES, L_ATTRIBUTES, L_NAMESPACES, L_MARKUP, L_DEPTH, L_RESULTS, L_STRING, L_COUNT };

static size_t *limit_slot(ecskp_limits *l, int which) {
    switch (which) {
    case L_NODES:
        return &l->max_nodes;
    case L_ATTRIBUTES:
        return &l->max_attributes;
    case L_NAMESPACES:
        return &l->max_namespaces;
    case L_MARKUP:
        return &l->max_markup_bytes;
    case L_DEPTH:
        return &l->max_depth;
    case L_RESULTS:
        return &l->max_results;
    default:
        return &l->max_string_bytes;
    }
}

static const ecskp_status exceeded_status[L_COUNT] = {
    ECSKP_ERR_TOO_MANY_NODES,  ECSKP_ERR_TOO_MANY_ATTRIBUTES, ECSKP_ERR_TOO_MANY_NAMESPACES,
    ECSKP_ERR_MARKUP_TOO_LONG, ECSKP_ERR_NESTING_TOO_DEEP,    ECSKP_ERR_TOO_MANY_RESULTS,
    ECSKP_ERR_STRING_TOO_LONG};

/* ---------------------------------------------------------------- the harness */

/* Decodes a twin with every limit met exactly (`exact`), then with the default limits through
 * the generic checks and round trips. Returns the normalized JSON. */
static char *decode_one(const fuzz_buf *body, const ecskp_decode_options *o,
                        const ecskp_limits *exact) {
    ecskp_decode_options oe = *o;
    oe.limits = exact;
    ecskp_response *r = NULL;
    ecskp_diag diag;
    ecskp_status rc = ecskp_response_decode(body->p, body->len, &oe, &r, &diag);
    if (rc != ECSKP_OK)
        fprintf(stderr,
                "%s twin refused at limits met exactly (nodes %zu, attributes %zu, namespaces "
                "%zu, markup %zu, depth %zu, results %zu, string %zu): %s (%s) at %zu: %s\n"
                "body: %s\n",
                o->format == ECSKP_FORMAT_JSON ? "JSON" : "XML", exact->max_nodes,
                exact->max_attributes, exact->max_namespaces, exact->max_markup_bytes,
                exact->max_depth, exact->max_results, exact->max_string_bytes, diag.name,
                diag.field, diag.offset, diag.message, body->p);
    FUZZ_CHECK(rc == ECSKP_OK);
    fuzz_check_response(r, &oe);
    char *norm = fuzz_normalized(r);
    ecskp_response_free(r);
    /* And the generic checks and round trips, with the default limits. */
    FUZZ_CHECK(fuzz_decode_and_check((const uint8_t *)body->p, body->len, o) == ECSKP_OK);
    return norm;
}

/* The same twin with one of the limits it meets exactly lowered by one: refused for that limit
 * (0 means the default, so a limit met at 1 is skipped). */
static void decode_exceeded(const fuzz_buf *body, const ecskp_decode_options *o,
                            const ecskp_limits *exact, int which) {
    ecskp_limits l = *exact;
    size_t *v = limit_slot(&l, which);
    if (*v <= 1)
        return;
    --*v;
    ecskp_decode_options oe = *o;
    oe.limits = &l;
    ecskp_response *r = (ecskp_response *)(uintptr_t)1;
    ecskp_diag diag;
    ecskp_status rc = ecskp_response_decode(body->p, body->len, &oe, &r, &diag);
    if (rc != exceeded_status[which])
        fprintf(stderr,
                "%s twin with %s one below the %zu it needs: %s (%s) at %zu: %s\nbody: %s\n",
                o->format == ECSKP_FORMAT_JSON ? "JSON" : "XML",
                ecskp_status_name(exceeded_status[which]), *v + 1, diag.name, diag.field,
                diag.offset, diag.message, body->p);
    FUZZ_CHECK(rc == exceeded_status[which]);
    FUZZ_CHECK(r == NULL);
    fuzz_check_failure(rc, &diag, body->len, &oe);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    fuzz_reader rd = {data, size};
    model *m = fuzz_xmalloc(sizeof *m);
    memset(m, 0, sizeof *m);
    gen_model(m, &rd);

    ecskp_decode_options o;
    memset(&o, 0, sizeof o);
    o.action = m->action;
    o.http_status = m->http;
    o.flags = model_consistent(m) ? 0 : ECSKP_DECODE_ALLOW_INCONSISTENT;

    fuzz_buf want = {0}, jb = {0}, xb = {0};
    expected(m, &want);
    render_json_twin(m, &rd, &jb);
    xcost xc = render_xml_twin(m, &rd, &xb);
    uint8_t sel = fuzz_byte(&rd);

    /* The limits each twin meets exactly. The JSON one also gets the XML-only limits at 1,
     * which must not matter to JSON. */
    ecskp_limits jl = {0}, xl = {0};
    json_cost(&jb, &jl.max_nodes, &jl.max_depth);
    jl.max_results = xl.max_results = m->n;
    size_t str = model_longest_string(m), other = model_longest_other(m);
    jl.max_string_bytes = xl.max_string_bytes = str > other ? str : other;
    jl.max_attributes = jl.max_namespaces = jl.max_markup_bytes = 1;
    xl.max_nodes = xc.nodes;
    xl.max_attributes = xc.attributes;
    xl.max_namespaces = xc.namespaces;
    xl.max_markup_bytes = xc.markup;
    xl.max_depth = xc.depth;

    o.format = ECSKP_FORMAT_JSON;
    char *nj = decode_one(&jb, &o, &jl);
    static const int json_limits[] = {L_NODES, L_DEPTH, L_RESULTS, L_STRING};
    int jwhich = json_limits[sel % 4], xwhich = (sel >> 2) % L_COUNT;
    if (jwhich != L_STRING || str > other)
        decode_exceeded(&jb, &o, &jl, jwhich);
    o.format = ECSKP_FORMAT_XML;
    char *nx = decode_one(&xb, &o, &xl);
    if (xwhich != L_STRING || str > other)
        decode_exceeded(&xb, &o, &xl, xwhich);
    if (strcmp(nj, want.p) != 0 || strcmp(nx, want.p) != 0)
        fprintf(stderr, "expected: %s\nJSON:     %s\nXML:      %s\nJSON body: %s\nXML body: %s\n",
                want.p, nj, nx, jb.p, xb.p);
    FUZZ_CHECK(strcmp(nj, want.p) == 0);
    FUZZ_CHECK(strcmp(nx, want.p) == 0);

    free(nj);
    free(nx);
    free(want.p);
    free(jb.p);
    free(xb.p);
    free(m);
    return 0;
}
