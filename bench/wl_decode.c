/* SPDX-License-Identifier: MIT */
/*
 * wl_decode.c - decode workloads: ecskp_response_decode() on a DetachKeyPair response with 50
 * Results and on the documented error bodies, each beside the bare parser on the same bytes.
 *
 * Baselines:
 * - JSON: cJSON_ParseWithLength + cJSON_Delete: the tree the decoder reads its fields from.
 * - XML: libxml2 building a DOM tree with xmlCtxtReadMemory + xmlFreeDoc on one parser context
 *   made once and reused (the target baseline, the cheapest way to get a tree), with the
 *   hardened options the decoder uses. Second lines: the same on a new context per call (what
 *   any per-call API, the decoder included, must pay), and a SAX2 parse with no callbacks on a
 *   new context per call: the floor of libxml2's tokenizer, under which no libxml2-based
 *   decoder can go.
 */
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <libxml/parser.h>

#include "ecskp/decode.h"

#include "bodies.h"
#include "workloads.h"

/* The options every libxml2 baseline parses with, those of the decoder (codec/src/decode/xml.c):
 * XML_PARSE_NONET alone, so no entity substitution, no DTD loading, no HUGE (none of
 * XML_PARSE_NOENT, XML_PARSE_DTDLOAD, XML_PARSE_HUGE). The bodies are well-formed, so nothing
 * is ever reported on stderr. */
#define BENCH_XML_OPTIONS XML_PARSE_NONET

typedef struct decode_fixture {
    const bench_body *body;
    ecskp_decode_options opt;
    ecskp_response_kind want_kind;
    size_t want_results;
    const char *want_code; /* API errors: the code */
} decode_fixture;

static bench_body g_bodies[BODY_COUNT];
static decode_fixture g_fx[BODY_COUNT];
static xmlParserCtxtPtr g_xml_ctxt; /* the reused context of the DOM baseline */
static xmlSAXHandler g_empty_sax;

static int check_response(const decode_fixture *f, const ecskp_response *r) {
    if (r->kind != f->want_kind)
        return -1;
    if (r->kind == ECSKP_RESPONSE_SUCCESS)
        return r->success->result_count == f->want_results ? 0 : -1;
    return r->error->code != NULL && strcmp(r->error->code, f->want_code) == 0 ? 0 : -1;
}

static int op_decode(void *ctx) {
    decode_fixture *f = ctx;
    ecskp_response *r = NULL;
    if (ecskp_response_decode(f->body->bytes, f->body->len, &f->opt, &r, NULL) != ECSKP_OK)
        return -1;
    bench_sink += (r->success != NULL ? r->success->result_count : 0) + (size_t)r->kind;
    ecskp_response_free(r);
    return 0;
}

static int op_cjson(void *ctx) {
    decode_fixture *f = ctx;
    cJSON *j = cJSON_ParseWithLength(f->body->bytes, f->body->len);
    if (j == NULL)
        return -1;
    bench_sink += (size_t)(j->child != NULL);
    cJSON_Delete(j);
    return 0;
}

static int op_xml_dom_reused(void *ctx) {
    decode_fixture *f = ctx;
    xmlDocPtr doc = xmlCtxtReadMemory(g_xml_ctxt, f->body->bytes, (int)f->body->len, NULL, NULL,
                                      BENCH_XML_OPTIONS);
    if (doc == NULL)
        return -1;
    bench_sink += (size_t)(doc->children != NULL);
    xmlFreeDoc(doc);
    return 0;
}

static int op_xml_dom_new(void *ctx) {
    decode_fixture *f = ctx;
    xmlParserCtxtPtr c = xmlNewParserCtxt();
    if (c == NULL)
        return -1;
    xmlDocPtr doc =
        xmlCtxtReadMemory(c, f->body->bytes, (int)f->body->len, NULL, NULL, BENCH_XML_OPTIONS);
    int rc = doc != NULL ? 0 : -1;
    if (doc != NULL)
        bench_sink += (size_t)(doc->children != NULL);
    xmlFreeDoc(doc);
    xmlFreeParserCtxt(c);
    return rc;
}

static int op_xml_sax_floor(void *ctx) {
    decode_fixture *f = ctx;
    xmlParserCtxtPtr c = xmlCreatePushParserCtxt(&g_empty_sax, NULL, NULL, 0, NULL);
    if (c == NULL)
        return -1;
    xmlCtxtUseOptions(c, BENCH_XML_OPTIONS);
    int rc = xmlParseChunk(c, f->body->bytes, (int)f->body->len, 1);
    if (rc == 0 && !c->wellFormed)
        rc = -1;
    xmlFreeParserCtxt(c);
    return rc;
}

typedef struct decode_spec {
    int body;
    const char *name;
    const char *what;
    ecskp_action action;
    ecskp_response_kind kind;
    size_t results;
    const char *code;
} decode_spec;

static const decode_spec k_specs[] = {
    {BODY_JSON50, "json50", "DetachKeyPair success, 50 Results, JSON", ECSKP_ACTION_DETACH_KEY_PAIR,
     ECSKP_RESPONSE_SUCCESS, 50, NULL},
    {BODY_XML50, "xml50", "DetachKeyPair success, 50 Results, XML", ECSKP_ACTION_DETACH_KEY_PAIR,
     ECSKP_RESPONSE_SUCCESS, 50, NULL},
    {BODY_JSON_ERR_IMAGE, "json_err_imageid", "documented JSON error (HTTP 404)",
     ECSKP_ACTION_ATTACH_KEY_PAIR, ECSKP_RESPONSE_API_ERROR, 0, "InvalidImageId.NotFound"},
    {BODY_XML_ERR_IMAGE, "xml_err_imageid", "the same error as XML (HTTP 404)",
     ECSKP_ACTION_ATTACH_KEY_PAIR, ECSKP_RESPONSE_API_ERROR, 0, "InvalidImageId.NotFound"},
    {BODY_XML_ERR_MISSING, "xml_err_missing", "documented XML error (HTTP 400)",
     ECSKP_ACTION_ATTACH_KEY_PAIR, ECSKP_RESPONSE_API_ERROR, 0, "MissingParameter.CommandId"},
    {BODY_JSON_ERR_MISSING, "json_err_missing", "the same error as JSON (HTTP 400)",
     ECSKP_ACTION_ATTACH_KEY_PAIR, ECSKP_RESPONSE_API_ERROR, 0, "MissingParameter.CommandId"},
};

int bench_decode_cases(bench_case *out, size_t cap) {
    if (bench_bodies(g_bodies) != 0) {
        fprintf(stderr, "bench: response bodies do not fit their buffers\n");
        return -1;
    }
    g_xml_ctxt = xmlNewParserCtxt();
    if (g_xml_ctxt == NULL)
        return -1;
    memset(&g_empty_sax, 0, sizeof g_empty_sax);
    g_empty_sax.initialized = XML_SAX2_MAGIC;

    size_t n = 0;
    for (size_t i = 0; i < sizeof k_specs / sizeof k_specs[0]; i++) {
        const decode_spec *s = &k_specs[i];
        decode_fixture *f = &g_fx[s->body];
        f->body = &g_bodies[s->body];
        f->opt.action = s->action;
        f->opt.format = f->body->is_json ? ECSKP_FORMAT_JSON : ECSKP_FORMAT_XML;
        f->opt.http_status = f->body->http_status;
        f->opt.alloc = bench_counting_allocator();
        f->want_kind = s->kind;
        f->want_results = s->results;
        f->want_code = s->code;
        ecskp_response *r = NULL;
        ecskp_diag d;
        if (ecskp_response_decode(f->body->bytes, f->body->len, &f->opt, &r, &d) != ECSKP_OK) {
            fprintf(stderr, "bench: %s: %s at %s (offset %zu): %s\n", s->name, d.name, d.field,
                    d.offset, d.message);
            return -1;
        }
        int bad = check_response(f, r);
        ecskp_response_free(r);
        if (bad) {
            fprintf(stderr, "bench: %s: decoded to something else than expected\n", s->name);
            return -1;
        }
        bench_op op = op_decode;
        int json = f->body->is_json;
        size_t extra = !json && s->body == BODY_XML50 ? 2 : 0;
        if (n + 1 + extra > cap)
            return -1;
        out[n++] = (bench_case){.name = s->name,
                                .what = s->what,
                                .op = op,
                                .ctx = f,
                                .baseline = json ? "cjson_parse" : "libxml2_dom_reused_ctxt",
                                .base_op = json ? op_cjson : op_xml_dom_reused,
                                .base_ctx = f,
                                .body_bytes = f->body->len,
                                .ratio_target = s->body == BODY_JSON50  ? 1.3
                                                : s->body == BODY_XML50 ? 1.0
                                                                        : BENCH_NO_TARGET,
                                .peak_target = json ? 8.0 : 2.0};
        if (extra) {
            out[n++] = (bench_case){.name = "xml50_vs_new_ctxt",
                                    .what = "xml50 against a DOM parse on a new context per call",
                                    .op = op,
                                    .ctx = f,
                                    .baseline = "libxml2_dom_new_ctxt",
                                    .base_op = op_xml_dom_new,
                                    .base_ctx = f,
                                    .body_bytes = f->body->len};
            out[n++] = (bench_case){.name = "xml50_vs_sax_floor",
                                    .what = "xml50 against a SAX2 parse with no callbacks",
                                    .op = op,
                                    .ctx = f,
                                    .baseline = "libxml2_sax_no_callbacks",
                                    .base_op = op_xml_sax_floor,
                                    .base_ctx = f,
                                    .body_bytes = f->body->len};
        }
    }
    return (int)n;
}
