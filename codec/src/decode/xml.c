/* SPDX-License-Identifier: MIT */
/*
 * xml.c - XML bodies through a hardened, streaming libxml2 SAX2 parser. No tree is built:
 * the callbacks feed the shared field table directly, text is collected only for known leaf
 * elements and only up to max_string_bytes, and Result entries are counted as they start.
 *
 * Hardening, all per call (decode.h lists it for users):
 *   - before libxml2 runs (decode.c, xml_scan.c): UTF-16/32 (with or without a BOM) and any
 *     declared encoding other than UTF-8 are refused; the body is valid UTF-8 without NUL
 *     bytes; markup is bounded (attributes, namespaces, nodes, construct lengths);
 *   - xmlCtxtUseOptions(XML_PARSE_NONET) also resets what process-wide defaults another part
 *     of the program may have changed (xmlSubstituteEntitiesDefault, xmlLoadExtDtdDefaultValue,
 *     validation): entities are not substituted, no external subset is loaded;
 *   - a DOCTYPE stops the parser from the internalSubset callback, which libxml2 calls before
 *     it reads an internal subset: no entity can be declared, so none can be expanded; the
 *     entity callbacks store and return nothing should libxml2 ever reach them;
 *   - errors reach only our structured-error callback on this context (never printed, no
 *     global handler installed); the first one decides the status.
 * libxml2's own one-time initialisation runs lazily inside xmlNewParserCtxt and is not fully
 * locked in 2.9.14; ecskp does not call xmlInitParser(), so decode.h asks threaded programs to
 * call it once before their threads decode XML.
 *
 * libxml2 pulls the body through a read callback (xmlParseDocument over an I/O input); a body
 * of more than SMALL_BODY bytes in pieces of at most INPUT_CHUNK bytes (see input_read() for
 * why): it never holds a copy of such a body, and it reads every byte once. The push parser
 * (xmlParseChunk), used before, rescans an unfinished construct from its start on every slice it is
 * fed, which is quadratic in the construct's length: a 9.9 MB comment took 3.2 s in 4 KiB slices,
 * and takes 0.05 s pulled (release build, same machine). The pre-scan (xml_scan.c) has bounded
 * everything else that libxml2 2.9.14 pays more than linearly for.
 */
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>

#include "decode_internal.h"

#define TEXT_MIN ((size_t)256)

typedef struct detail_member {
    const char *key;
    const char *value;
    size_t key_len, value_len;
} detail_member;

typedef struct xml_ctx {
    dec_state *st;
    xmlParserCtxtPtr ctxt;
    size_t len;
    ecskp_status status; /* the first failure; ECSKP_OK while all is well */

    size_t depth;         /* of the element being read; the root is 1 */
    size_t skip_depth;    /* depth of the unknown element being skipped, or 0 */
    int root_closed;      /* set at </root>: any later error is trailing data */
    size_t results_depth; /* of the open <Results>, or 0 */
    size_t result_depth;  /* of the open <Result>, or 0 */
    size_t detail_depth;  /* of the open <AccessDeniedDetail>, or 0 */

    /* The known leaf whose text is being collected (leaf_depth != 0); leaf NULL means a
     * member of AccessDeniedDetail, named member_key. */
    size_t leaf_depth;
    const dec_field *leaf;
    const char *member_key;
    char *text;
    size_t text_len, text_cap;

    detail_member *members;
    size_t member_count, member_cap;
    size_t detail_len; /* of the compact JSON text of the members so far */
} xml_ctx;

static size_t where(const xml_ctx *x);

static size_t where_cb(const void *ctx) {
    return where(ctx);
}

static size_t where(const xml_ctx *x) {
    long n = xmlByteConsumed(x->ctxt);
    if (n < 0)
        return ECSKP_NO_OFFSET;
    return (size_t)n > x->len ? x->len : (size_t)n;
}

/* Records a failure that has already filled the diag, and stops the parser. */
static void stop(xml_ctx *x, ecskp_status rc) {
    if (x->status == ECSKP_OK)
        x->status = rc;
    xmlStopParser(x->ctxt);
}

static void oom(xml_ctx *x) {
    stop(x, ecskp__refuse(x->st->diag, ECSKP_ERR_OUT_OF_MEMORY, NULL, NULL));
}

static const dec_field *detail_field(void) {
    return dec_field_find(DEC_SCOPE_ERROR, "AccessDeniedDetail");
}

static void begin_leaf(xml_ctx *x, const dec_field *f, const char *member_key) {
    x->leaf_depth = x->depth;
    x->leaf = f;
    x->member_key = member_key;
    x->text_len = 0;
}

static void start_root(xml_ctx *x, const char *name, const xmlChar *prefix) {
    dec_state *st = x->st;
    const char *action = ecskp_action_name(st->opt->action);
    size_t alen = strlen(action);
    if (prefix == NULL && strncmp(name, action, alen) == 0 &&
        strcmp(name + alen, "Response") == 0) {
        st->shape = DEC_SHAPE_SUCCESS;
    } else if (prefix == NULL && strcmp(name, "Error") == 0) {
        st->shape = DEC_SHAPE_ERROR;
    } else {
        char full[ECSKP_DIAG_FIELD_SIZE];
        (void)snprintf(full, sizeof full, "%s%s%s", prefix != NULL ? (const char *)prefix : "",
                       prefix != NULL ? ":" : "", name);
        stop(x, ecskp__fail(st->diag, ECSKP_ERR_WRONG_ROOT, full, where(x), ECSKP_NO_INDEX,
                            "root <%s> is neither %sResponse nor Error", full, action));
    }
}

static int detail_grow(xml_ctx *x, size_t n);

static void start_top_field(xml_ctx *x, const char *name) {
    dec_state *st = x->st;
    dec_scope scope = st->shape == DEC_SHAPE_ERROR ? DEC_SCOPE_ERROR : DEC_SCOPE_SUCCESS;
    const dec_field *f = dec_field_find(scope, name);
    if (f == NULL) {
        x->skip_depth = x->depth;
        return;
    }
    ecskp_status rc = dec_mark_seen(st, f, DEC_OFFSET_HERE);
    if (rc == ECSKP_OK && f->type == DEC_T_RESULTS) {
        rc = dec_results_open(st, st->results_hint, DEC_OFFSET_HERE);
        x->results_depth = x->depth;
    } else if (rc == ECSKP_OK && f->type == DEC_T_DETAIL) {
        x->detail_depth = x->depth;
        x->member_count = 0;
        x->detail_len = 0;
        (void)detail_grow(x, 2); /* `{}`: on failure it has stopped the parser */
    } else if (rc == ECSKP_OK) {
        begin_leaf(x, f, NULL);
    }
    if (rc != ECSKP_OK)
        stop(x, rc);
}

/* Length of s (n bytes) as a JSON string. */
static size_t json_string_len(const char *s, size_t n) {
    ecskp_writer w;
    ecskp__writer_init(&w, NULL, 0);
    ecskp__put_json_string(&w, s, n);
    return w.len;
}

/* Adds `n` bytes to the compact text of AccessDeniedDetail, which must stay within
 * max_string_bytes: checked as each member arrives, so that a detail of many members is
 * refused before they are all copied. */
static int detail_grow(xml_ctx *x, size_t n) {
    size_t limit = x->st->lim.max_string_bytes;
    if (n <= limit && x->detail_len <= limit - n) {
        x->detail_len += n;
        return 1;
    }
    const dec_field *f = detail_field();
    stop(x, dec_fail_field(x->st, ECSKP_ERR_STRING_TOO_LONG, f, where(x),
                           "%s is longer than %zu bytes", f->path, limit));
    return 0;
}

static void start_detail_member(xml_ctx *x, const char *name) {
    size_t n = strlen(name);
    /* `,"key":` (no comma before the first) */
    if (!detail_grow(x, (x->member_count > 0) + json_string_len(name, n) + 1))
        return;
    char *key = dec_arena_strndup(&x->st->resp->arena, name, n);
    if (key == NULL) {
        oom(x);
        return;
    }
    begin_leaf(x, NULL, key);
}

static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
                     int nb_namespaces, const xmlChar **namespaces, int nb_attributes,
                     int nb_defaulted, const xmlChar **attributes) {
    (void)uri, (void)nb_namespaces, (void)namespaces, (void)nb_attributes, (void)nb_defaulted,
        (void)attributes;
    xml_ctx *x = ctx;
    if (x->status != ECSKP_OK)
        return;
    dec_state *st = x->st;
    const char *name = (const char *)localname;
    x->depth++;
    /* libxml2 reports a start tag before it checks the tag's closing '>': a body cut inside
     * `<AttachKeyPairRes` arrives here as a complete name. The input then stands at neither
     * '>' nor "/>"; ignore the tag and let libxml2 report the truncation. */
    const xmlChar *cur = x->ctxt->input != NULL ? x->ctxt->input->cur : NULL;
    if (cur == NULL || (cur[0] != '>' && !(cur[0] == '/' && cur[1] == '>'))) {
        x->skip_depth = x->skip_depth != 0 ? x->skip_depth : x->depth;
        return;
    }
    if (x->depth > st->lim.max_depth) {
        stop(x, ecskp__fail(st->diag, ECSKP_ERR_NESTING_TOO_DEEP, NULL, where(x), ECSKP_NO_INDEX,
                            "elements nested deeper than %zu", st->lim.max_depth));
        return;
    }
    if (x->skip_depth != 0)
        return;
    if (x->leaf_depth != 0) {
        /* Known leaves hold text only; this is where a DOM reader would crash or guess. */
        const dec_field *f = x->leaf != NULL ? x->leaf : detail_field();
        stop(x, dec_fail_field(st, ECSKP_ERR_WRONG_TYPE, f, where(x), "%s holds an element <%s>",
                               f->path, name));
        return;
    }
    if (x->depth == 1) {
        start_root(x, name, prefix);
        return;
    }
    if (prefix != NULL) { /* never a known name */
        x->skip_depth = x->depth;
        return;
    }
    if (x->depth == 2) {
        start_top_field(x, name);
    } else if (x->results_depth != 0 && x->depth == x->results_depth + 1 &&
               strcmp(name, "Result") == 0) {
        ecskp_status rc = dec_result_begin(st, DEC_OFFSET_HERE);
        if (rc != ECSKP_OK)
            stop(x, rc);
        x->result_depth = x->depth;
    } else if (x->result_depth != 0 && x->depth == x->result_depth + 1) {
        const dec_field *f = dec_field_find(DEC_SCOPE_RESULT, name);
        ecskp_status rc = f != NULL ? dec_mark_seen(st, f, DEC_OFFSET_HERE) : ECSKP_OK;
        if (rc != ECSKP_OK)
            stop(x, rc);
        else if (f != NULL)
            begin_leaf(x, f, NULL);
        else
            x->skip_depth = x->depth;
    } else if (x->detail_depth != 0 && x->depth == x->detail_depth + 1) {
        start_detail_member(x, name);
    } else {
        x->skip_depth = x->depth;
    }
}

static void on_text(void *ctx, const xmlChar *ch, int len) {
    xml_ctx *x = ctx;
    if (x->status != ECSKP_OK || x->leaf_depth == 0 || x->skip_depth != 0 || len <= 0)
        return;
    size_t n = (size_t)len;
    size_t limit = x->st->lim.max_string_bytes;
    if (n > limit - x->text_len) {
        const dec_field *f = x->leaf != NULL ? x->leaf : detail_field();
        stop(x, dec_fail_field(x->st, ECSKP_ERR_STRING_TOO_LONG, f, where(x),
                               "%s is longer than %zu bytes", f->path, limit));
        return;
    }
    if (x->text_len + n > x->text_cap) {
        size_t cap = x->text_cap < TEXT_MIN ? TEXT_MIN : x->text_cap;
        while (cap < x->text_len + n)
            cap *= 2;
        if (cap > limit)
            cap = limit;
        char *p = dec_tmp_realloc(&x->st->resp->arena, x->text, cap);
        if (p == NULL) {
            oom(x);
            return;
        }
        x->text = p;
        x->text_cap = cap;
    }
    memcpy(x->text + x->text_len, ch, n);
    x->text_len += n;
}

static void end_detail_member(xml_ctx *x) {
    if (!detail_grow(x, json_string_len(x->text != NULL ? x->text : "", x->text_len)))
        return;
    char *value =
        dec_arena_strndup(&x->st->resp->arena, x->text != NULL ? x->text : "", x->text_len);
    if (value == NULL) {
        oom(x);
        return;
    }
    if (x->member_count == x->member_cap) {
        size_t cap = x->member_cap == 0 ? 8 : 2 * x->member_cap;
        detail_member *m = dec_tmp_realloc(&x->st->resp->arena, x->members, cap * sizeof *m);
        if (m == NULL) {
            oom(x);
            return;
        }
        x->members = m;
        x->member_cap = cap;
    }
    detail_member *m = &x->members[x->member_count++];
    m->key = x->member_key;
    m->key_len = strlen(x->member_key);
    m->value = value;
    m->value_len = x->text_len;
}

static void render_detail(ecskp_writer *w, const detail_member *m, size_t n) {
    ecskp__putc(w, '{');
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            ecskp__putc(w, ',');
        ecskp__put_json_string(w, m[i].key, m[i].key_len);
        ecskp__putc(w, ':');
        ecskp__put_json_string(w, m[i].value, m[i].value_len);
    }
    ecskp__putc(w, '}');
}

/* Renders the members as one JSON object of strings, as a JSON body would carry them. */
static void end_detail(xml_ctx *x) {
    dec_state *st = x->st;
    const dec_field *f = detail_field();
    size_t n = x->member_count;
    if (n > 1) {
        const char **keys = dec_tmp_realloc(&st->resp->arena, NULL, n * sizeof *keys);
        if (keys == NULL) {
            oom(x);
            return;
        }
        for (size_t i = 0; i < n; i++)
            keys[i] = x->members[i].key;
        const char *dup = dec_find_duplicate_key(keys, n);
        ecskp_status rc = ECSKP_OK;
        if (dup != NULL)
            rc = dec_fail_field(st, ECSKP_ERR_DUPLICATE_FIELD, f, where(x),
                                "AccessDeniedDetail repeats <%.64s>", dup);
        dec_tmp_free(&st->resp->arena, keys);
        if (rc != ECSKP_OK) {
            stop(x, rc);
            return;
        }
    }
    size_t len = x->detail_len; /* within max_string_bytes: see detail_grow() */
    char *text = dec_arena_text(&st->resp->arena, len + 1);
    ecskp_writer w;
    if (text == NULL) {
        oom(x);
        return;
    }
    ecskp__writer_init(&w, text, len + 1);
    render_detail(&w, x->members, n);
    (void)ecskp__writer_finish(&w, NULL);
    dec_set_detail(st, text);
}

static void on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri) {
    (void)localname, (void)prefix, (void)uri;
    xml_ctx *x = ctx;
    if (x->status != ECSKP_OK)
        return;
    size_t d = x->depth--;
    if (x->skip_depth != 0) {
        if (x->skip_depth == d)
            x->skip_depth = 0;
        return;
    }
    if (d == x->leaf_depth) {
        x->leaf_depth = 0;
        if (x->leaf == NULL) {
            end_detail_member(x);
            return;
        }
        ecskp_status rc = dec_set_text(x->st, x->leaf, x->text != NULL ? x->text : "", x->text_len,
                                       DEC_OFFSET_HERE); /* where(x), asked only when it fails */
        if (rc != ECSKP_OK)
            stop(x, rc);
    } else if (d == x->result_depth) {
        dec_result_end(x->st);
        x->result_depth = 0;
    } else if (d == x->results_depth) {
        x->results_depth = 0;
    } else if (d == x->detail_depth) {
        x->detail_depth = 0;
        end_detail(x);
    } else if (d == 1) {
        x->root_closed = 1;
    }
}

static void on_internal_subset(void *ctx, const xmlChar *name, const xmlChar *external_id,
                               const xmlChar *system_id) {
    (void)name, (void)external_id, (void)system_id;
    xml_ctx *x = ctx;
    if (x->status != ECSKP_OK)
        return;
    stop(x, ecskp__fail(x->st->diag, ECSKP_ERR_DTD_REFUSED, NULL, where(x), ECSKP_NO_INDEX,
                        "a document type declaration"));
}

static xmlEntityPtr on_get_entity(void *ctx, const xmlChar *name) {
    (void)ctx, (void)name;
    return NULL;
}

static xmlParserInputPtr on_resolve_entity(void *ctx, const xmlChar *public_id,
                                           const xmlChar *system_id) {
    (void)ctx, (void)public_id, (void)system_id;
    return NULL;
}

static void on_entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *public_id,
                           const xmlChar *system_id, xmlChar *content) {
    (void)ctx, (void)name, (void)type, (void)public_id, (void)system_id, (void)content;
}

static void on_error(void *ctx, xmlErrorPtr err) {
    xml_ctx *x = ctx;
    if (x->status != ECSKP_OK || err == NULL || err->level < XML_ERR_ERROR)
        return;
    ecskp_status rc = ECSKP_ERR_MALFORMED_BODY;
    if (err->code == XML_ERR_NO_MEMORY)
        rc = ECSKP_ERR_OUT_OF_MEMORY; /* libxml2's own allocation failed (xmlMemSetup hooks) */
    else if (err->code == XML_ERR_INVALID_CHAR && err->int1 == 0)
        rc = ECSKP_ERR_NUL_CHARACTER; /* &#0; and its spellings; raw NULs never get here */
    else if (err->code == XML_ERR_UNSUPPORTED_ENCODING || err->code == XML_ERR_INVALID_ENCODING)
        rc = ECSKP_ERR_UNSUPPORTED_ENCODING;
    else if (x->root_closed)
        rc = ECSKP_ERR_TRAILING_DATA;
    char msg[ECSKP_DIAG_MESSAGE_SIZE];
    size_t n = 0;
    const char *m = err->message != NULL ? err->message : "XML error";
    while (m[n] != '\0' && m[n] != '\n' && n < sizeof msg - 1) {
        msg[n] = m[n];
        n++;
    }
    msg[n] = '\0';
    stop(x, ecskp__fail(x->st->diag, rc, NULL, where(x), ECSKP_NO_INDEX, "%s", msg));
}

/* ---------------------------------------------------------------- the parse */

/* The body as libxml2's input: read in the pieces the parser asks for. */
typedef struct xml_input {
    const unsigned char *b;
    size_t len, off;
} xml_input;

/*
 * A body of at most SMALL_BODY bytes is served in the pieces libxml2 asks for (4000 bytes in
 * 2.9.14): whatever libxml2 keeps of it is bounded by the body's size, and each read costs
 * libxml2 a buffer grow and a copy (a reply of 50 Results, 6.8 KB, is 28 reads of up to 250
 * bytes, or 2 of up to 4000). A larger body is served at most INPUT_CHUNK (250) bytes a read,
 * because libxml2 2.9.14 reads more (GROW) when fewer than INPUT_CHUNK bytes are left ahead of
 * the parser, and drops what it has consumed (SHRINK) only when fewer than 2 * INPUT_CHUNK are
 * left ahead. Served in its own 4000-byte requests, a body
 * of back-to-back tags whose length lines up with them never meets the second condition, and
 * libxml2 keeps the whole body until it refuses it ("Huge input lookup") past 10,000,000 bytes.
 * In pieces of INPUT_CHUNK, every read leaves less than 2 * INPUT_CHUNK ahead, so consumed
 * input is dropped as the parse goes on (measured: an 11 MB body of 1000-byte tags, refused
 * before, decodes in 17 MB of RSS of which 11 MB are the command's copy of the body).
 */
#define SMALL_BODY ((size_t)64 * 1024)

static int input_read(void *ctx, char *buf, int cap) {
    xml_input *in = ctx;
    size_t k = in->len - in->off;
    if (cap <= 0)
        return 0;
    if (k > (size_t)cap)
        k = (size_t)cap;
    if (k > INPUT_CHUNK && in->len > SMALL_BODY)
        k = INPUT_CHUNK;
    memcpy(buf, in->b + in->off, k);
    in->off += k;
    return (int)k;
}

static int input_close(void *ctx) {
    (void)ctx;
    return 0;
}

/*
 * A pull parser over `in` with our SAX handler, built step by step as xmlCreateIOParserCtxt()
 * would build it: in 2.9.14 that function leaks its input buffer when a later allocation fails.
 * The context's own handler block is overwritten, so installing ours allocates nothing.
 */
static xmlParserCtxtPtr new_context(const xmlSAXHandler *sax, xml_ctx *x, xml_input *in) {
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (ctxt == NULL)
        return NULL;
    if (ctxt->sax == NULL) {
        xmlFreeParserCtxt(ctxt);
        return NULL;
    }
    memcpy(ctxt->sax, sax, sizeof *sax);
    ctxt->userData = x;
    xmlParserInputBufferPtr buf =
        xmlParserInputBufferCreateIO(input_read, input_close, in, XML_CHAR_ENCODING_NONE);
    xmlParserInputPtr input =
        buf != NULL ? xmlNewIOInputStream(ctxt, buf, XML_CHAR_ENCODING_NONE) : NULL;
    if (input == NULL || inputPush(ctxt, input) < 0) {
        if (input == NULL && buf != NULL)
            xmlFreeParserInputBuffer(buf);
        xmlFreeParserCtxt(ctxt); /* frees a pushed input, and what inputPush() failed to keep */
        return NULL;
    }
    return ctxt;
}

ecskp_status dec_parse_xml(dec_state *st, const unsigned char *b, size_t len) {
    ECSKP_GUARD(dec_xml_prescan(st, b, len, &st->results_hint));
    ECSKP_GUARD(dec_begin(st));

    /* Every callback the parser may make, the rest NULL: elements and text; the DTD and
     * entity callbacks, which refuse or store nothing; errors. */
    static const xmlSAXHandler handlers = {.initialized = XML_SAX2_MAGIC,
                                           .startElementNs = on_start,
                                           .endElementNs = on_end,
                                           .characters = on_text,
                                           .cdataBlock = on_text,
                                           .ignorableWhitespace = on_text,
                                           .internalSubset = on_internal_subset,
                                           .getEntity = on_get_entity,
                                           .getParameterEntity = on_get_entity,
                                           .resolveEntity = on_resolve_entity,
                                           .entityDecl = on_entity_decl,
                                           .serror = on_error};
    xmlSAXHandler sax = handlers;

    xml_ctx x;
    memset(&x, 0, sizeof x);
    x.st = st;
    x.len = len;
    /* The handler is copied into the context; the context owns its copy. */
    xml_input in = {b, len, 0};
    x.ctxt = new_context(&sax, &x, &in);
    if (x.ctxt == NULL)
        return ecskp__refuse(st->diag, ECSKP_ERR_OUT_OF_MEMORY, NULL,
                             "libxml2 could not create a parser");
    st->here = where_cb;
    st->here_ctx = &x; // cppcheck-suppress autoVariables ; reset below, before every return
    (void)xmlCtxtUseOptions(x.ctxt, XML_PARSE_NONET);
    (void)xmlParseDocument(x.ctxt);

    ecskp_status rc = x.status;
    if (rc == ECSKP_OK && (!x.ctxt->wellFormed || !x.root_closed))
        rc = ecskp__fail(st->diag, ECSKP_ERR_MALFORMED_BODY, NULL, where(&x), ECSKP_NO_INDEX,
                         "the XML parser stopped");
    xmlFreeParserCtxt(x.ctxt);
    st->here = NULL;
    st->here_ctx = NULL;
    dec_tmp_free(&st->resp->arena, x.text);
    dec_tmp_free(&st->resp->arena, x.members);
    return rc;
}
