/* SPDX-License-Identifier: MIT */
/*
 * json.c - JSON bodies: byte checks, then cJSON with a policy layer over it.
 *
 * cJSON is lenient where a reviewer would not expect it, so the text is checked before cJSON
 * sees it, in one pass (ecskp__json_scan_text, json_scan.c): UTF-8, `\u0000`, raw control bytes
 * in strings, depth, the node count, and outside strings control bytes between tokens, which
 * cJSON skips as white space, bytes above 0x7F (a second byte-order mark, which cJSON skips),
 * and the spelling of numbers, where cJSON takes `01` and `1.`. The same pass writes the copy
 * cJSON parses, in which every number is a tagged string: cJSON never converts a number (no
 * localeconv(), no rounding), and each number is judged by its digits (the copy of a body of up
 * to about 8 KiB stays on the stack, ECSKP__JSON_SMALL_COPY). After parsing: trailing
 * bytes, case-sensitive names (strcmp on each member, never cJSON's case-insensitive getters),
 * duplicate known names (cJSON keeps both).
 */
#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "decode_internal.h"

static ecskp_status fail_at(dec_state *st, ecskp_status status, size_t offset, const char *msg) {
    return ecskp__fail(st->diag, status, NULL, offset, ECSKP_NO_INDEX, "%s", msg);
}

static ecskp_status oom(dec_state *st) {
    return ecskp__refuse(st->diag, ECSKP_ERR_OUT_OF_MEMORY, NULL, NULL);
}

/* ---------------------------------------------------------------- AccessDeniedDetail */

/* A number of the body: a string that starts with the tag (json_scan.c). */
static const char *number_text(const cJSON *v) {
    if ((v->type & 0xFF) == cJSON_String && v->valuestring[0] == ECSKP__JSON_NUMBER_TAG)
        return v->valuestring + 1;
    return NULL;
}

/* `what` completes "AccessDeniedDetail ..." in the message. */
static ecskp_status detail_fail(dec_state *st, ecskp_status status, const char *what,
                                const char *arg) {
    const dec_field *f = dec_field_find(DEC_SCOPE_ERROR, "AccessDeniedDetail");
    return dec_fail_field(st, status, f, ECSKP_NO_OFFSET, "%s %s%.64s", f->path, what, arg);
}

/* Refuses an object whose members repeat a name; the rendered text would be ambiguous. */
static ecskp_status detail_check_keys(dec_state *st, const cJSON *obj) {
    size_t n = 0;
    for (const cJSON *c = obj->child; c != NULL; c = c->next)
        n++;
    if (n < 2)
        return ECSKP_OK;
    const char *small[16];
    const char **keys = small;
    if (n > sizeof small / sizeof small[0]) {
        keys = dec_tmp_realloc(&st->resp->arena, NULL, n * sizeof *keys);
        if (keys == NULL)
            return oom(st);
    }
    size_t i = 0;
    for (const cJSON *c = obj->child; c != NULL; c = c->next)
        keys[i++] = c->string;
    const char *dup = dec_find_duplicate_key(keys, n);
    ecskp_status rc = ECSKP_OK;
    if (dup != NULL)
        rc = detail_fail(st, ECSKP_ERR_DUPLICATE_FIELD, "repeats the name ", dup);
    if (keys != small)
        dec_tmp_free(&st->resp->arena, keys);
    return rc;
}

/* Renders compact JSON. `check` is set on the first (measuring) pass only. Depth is bounded by
 * the prescan's limit. */
// NOLINTNEXTLINE(misc-no-recursion): depth is at most max_depth (<= 256), checked by prescan
static ecskp_status detail_render(dec_state *st, ecskp_writer *w, const cJSON *v, int check) {
    if (cJSON_IsObject(v)) {
        if (check)
            ECSKP_GUARD(detail_check_keys(st, v));
        ecskp__putc(w, '{');
        for (const cJSON *c = v->child; c != NULL; c = c->next) {
            if (c != v->child)
                ecskp__putc(w, ',');
            ecskp__put_json_string(w, c->string, strlen(c->string));
            ecskp__putc(w, ':');
            ECSKP_GUARD(detail_render(st, w, c, check));
        }
        ecskp__putc(w, '}');
    } else if (cJSON_IsArray(v)) {
        ecskp__putc(w, '[');
        for (const cJSON *c = v->child; c != NULL; c = c->next) {
            if (c != v->child)
                ecskp__putc(w, ',');
            ECSKP_GUARD(detail_render(st, w, c, check));
        }
        ecskp__putc(w, ']');
    } else if (number_text(v) != NULL) {
        ecskp__puts(w, number_text(v)); /* as the body spells it; the scan checked the spelling */
    } else if (cJSON_IsString(v)) {
        ecskp__put_json_string(w, v->valuestring, strlen(v->valuestring));
    } else if (cJSON_IsTrue(v)) {
        ecskp__puts(w, "true");
    } else if (cJSON_IsFalse(v)) {
        ecskp__puts(w, "false");
    } else {
        ecskp__puts(w, "null");
    }
    return ECSKP_OK;
}

static ecskp_status json_detail(dec_state *st, const dec_field *f, const cJSON *item) {
    if (!cJSON_IsObject(item))
        return dec_fail_field(st, ECSKP_ERR_WRONG_TYPE, f, ECSKP_NO_OFFSET, "%s is not an object",
                              f->path);
    ecskp_writer w;
    ecskp__writer_init(&w, NULL, 0);
    ECSKP_GUARD(detail_render(st, &w, item, 1));
    size_t n = w.len;
    if (n > st->lim.max_string_bytes)
        return dec_fail_field(st, ECSKP_ERR_STRING_TOO_LONG, f, ECSKP_NO_OFFSET,
                              "%s is %zu bytes, limit %zu", f->path, n, st->lim.max_string_bytes);
    char *text = dec_arena_text(&st->resp->arena, n + 1);
    if (text == NULL)
        return oom(st);
    ecskp__writer_init(&w, text, n + 1);
    ECSKP_GUARD(detail_render(st, &w, item, 0));
    (void)ecskp__writer_finish(&w, NULL);
    dec_set_detail(st, text);
    return ECSKP_OK;
}

/* ---------------------------------------------------------------- fields */

/* One value of a field: the type byte of cJSON's item (cJSON.h) read once. */
static ecskp_status json_scalar(dec_state *st, const dec_field *f, const cJSON *item) {
    switch (item->type & 0xFF) {
    case cJSON_String: {
        const char *v = item->valuestring;
        size_t n = strlen(v);
        if (v[0] == ECSKP__JSON_NUMBER_TAG)
            return dec_set_number(st, f, v + 1, n - 1, ECSKP_NO_OFFSET);
        return dec_set_text(st, f, v, n, ECSKP_NO_OFFSET);
    }
    case cJSON_True:
    case cJSON_False:
        return dec_set_bool(st, f, (item->type & 0xFF) == cJSON_True, ECSKP_NO_OFFSET);
    default:
        return dec_fail_field(st, ECSKP_ERR_WRONG_TYPE, f, ECSKP_NO_OFFSET, "%s has type %s",
                              f->path,
                              cJSON_IsNull(item)     ? "null"
                              : cJSON_IsObject(item) ? "object"
                                                     : "array");
    }
}

static ecskp_status json_result(dec_state *st, const cJSON *obj) {
    ECSKP_GUARD(dec_result_begin(st, ECSKP_NO_OFFSET));
    if (obj == NULL || !cJSON_IsObject(obj))
        return dec_fail_field(st, ECSKP_ERR_WRONG_TYPE, &dec_field_result, ECSKP_NO_OFFSET,
                              "a Result is not an object");
    for (const cJSON *c = obj->child; c != NULL; c = c->next) {
        const dec_field *f = dec_field_find(DEC_SCOPE_RESULT, c->string);
        if (f == NULL)
            continue;
        ECSKP_GUARD(dec_mark_seen(st, f, ECSKP_NO_OFFSET));
        ECSKP_GUARD(json_scalar(st, f, c));
    }
    dec_result_end(st);
    return ECSKP_OK;
}

static ecskp_status json_results(dec_state *st, const dec_field *f, const cJSON *item) {
    const cJSON *list = NULL; /* an array of entries, or one entry */
    if (cJSON_IsObject(item)) {
        for (const cJSON *c = item->child; c != NULL; c = c->next) {
            if (strcmp(c->string, "Result") != 0)
                continue;
            if (list != NULL)
                return dec_fail_field(st, ECSKP_ERR_DUPLICATE_FIELD, &dec_field_result,
                                      ECSKP_NO_OFFSET, "Result occurs twice in Results");
            list = c;
        }
        if (list != NULL && !cJSON_IsArray(list) && !cJSON_IsObject(list))
            return dec_fail_field(st, ECSKP_ERR_WRONG_TYPE, &dec_field_result, ECSKP_NO_OFFSET,
                                  "Result is neither an array nor an object");
    } else if (cJSON_IsArray(item)) {
        list = item;
    } else {
        return dec_fail_field(st, ECSKP_ERR_WRONG_TYPE, f, ECSKP_NO_OFFSET,
                              "Results is neither an object nor an array");
    }

    size_t n = 0;
    if (cJSON_IsObject(list)) {
        n = 1;
    } else if (list != NULL) {
        /* Counted against the limit before anything is copied out. */
        for (const cJSON *c = list->child; c != NULL; c = c->next)
            if (++n > st->lim.max_results)
                return ecskp__fail(st->diag, ECSKP_ERR_TOO_MANY_RESULTS, "Result", ECSKP_NO_OFFSET,
                                   st->lim.max_results, "more than %zu Result entries",
                                   st->lim.max_results);
    }
    ECSKP_GUARD(dec_results_open(st, n, ECSKP_NO_OFFSET));
    if (cJSON_IsObject(list))
        return json_result(st, list);
    for (const cJSON *c = list != NULL ? list->child : NULL; c != NULL; c = c->next)
        ECSKP_GUARD(json_result(st, c));
    return ECSKP_OK;
}

/* The shape rule of decode.h: error iff a Code other than "200" and no success field. */
static ecskp_status json_shape(dec_state *st, const cJSON *root) {
    const cJSON *code = NULL;
    int success_marker = 0;
    const dec_field *fc = dec_field_find(DEC_SCOPE_ERROR, "Code");
    for (const cJSON *c = root->child; c != NULL; c = c->next) {
        if (strcmp(c->string, "Code") == 0) {
            if (code != NULL)
                return dec_fail_field(st, ECSKP_ERR_DUPLICATE_FIELD, fc, ECSKP_NO_OFFSET,
                                      "Code occurs twice");
            code = c;
        } else if (dec_field_marks_success(c->string)) {
            success_marker = 1;
        }
    }
    int code_not_200 = 0;
    if (code != NULL) {
        const char *num = number_text(code);
        if (num != NULL) {
            char buf[32];
            size_t n = 0;
            if (dec_code_from_number(num, strlen(num), buf, sizeof buf, &n) != ECSKP_OK)
                return dec_fail_field(st, ECSKP_ERR_NUMBER_OUT_OF_RANGE, fc, ECSKP_NO_OFFSET,
                                      "Code is not an integer in -2^53..2^53");
            code_not_200 = strcmp(buf, "200") != 0;
        } else if (cJSON_IsString(code)) {
            code_not_200 = strcmp(code->valuestring, "200") != 0;
        } else {
            return dec_fail_field(st, ECSKP_ERR_WRONG_TYPE, fc, ECSKP_NO_OFFSET,
                                  "Code is neither a string nor a number");
        }
    }
    st->shape = code_not_200 && !success_marker ? DEC_SHAPE_ERROR : DEC_SHAPE_SUCCESS;
    return ECSKP_OK;
}

static ecskp_status json_top(dec_state *st, const cJSON *root) {
    if (root == NULL || !cJSON_IsObject(root))
        return ecskp__refuse(st->diag, ECSKP_ERR_WRONG_TYPE, "(root)",
                             "the body is not a JSON object");
    ECSKP_GUARD(json_shape(st, root));
    dec_scope scope = st->shape == DEC_SHAPE_ERROR ? DEC_SCOPE_ERROR : DEC_SCOPE_SUCCESS;
    for (const cJSON *c = root->child; c != NULL; c = c->next) {
        const dec_field *f = dec_field_find(scope, c->string);
        if (f == NULL)
            continue;
        ECSKP_GUARD(dec_mark_seen(st, f, ECSKP_NO_OFFSET));
        if (f->type == DEC_T_RESULTS)
            ECSKP_GUARD(json_results(st, f, c));
        else if (f->type == DEC_T_DETAIL)
            ECSKP_GUARD(json_detail(st, f, c));
        else
            ECSKP_GUARD(json_scalar(st, f, c));
    }
    return ECSKP_OK;
}

static ecskp_status scan_failure(dec_state *st, ecskp_status rc, size_t at) {
    switch (rc) {
    case ECSKP_ERR_NESTING_TOO_DEEP:
        return ecskp__fail(st->diag, rc, NULL, at, ECSKP_NO_INDEX,
                           "nesting deeper than max_depth (%zu)", st->lim.max_depth);
    case ECSKP_ERR_TOO_MANY_NODES:
        return ecskp__fail(st->diag, rc, NULL, at, ECSKP_NO_INDEX,
                           "more values than max_nodes (%zu)", st->lim.max_nodes);
    case ECSKP_ERR_INVALID_UTF8:
        return fail_at(st, rc, at, "invalid UTF-8");
    case ECSKP_ERR_NUL_CHARACTER:
        return fail_at(st, rc, at, "a NUL character");
    default:
        return fail_at(st, rc, at, "a control byte inside a string");
    }
}

ecskp_status dec_parse_json(dec_state *st, const unsigned char *b, size_t len, size_t bom) {
    const size_t base = bom; /* offsets below are the body's */
    const char *text = (const char *)b + base;
    size_t n = len - base;

    ecskp__json_scan sc; /* not cleared: the scan sets what it reads */
    sc.max_depth = st->lim.max_depth;
    sc.max_nodes = st->lim.max_nodes;
    ecskp_status rc = ecskp__json_scan_copy(text, n, &sc, st->opt->alloc);
    cJSON *root = NULL;
    if (rc == ECSKP_ERR_OUT_OF_MEMORY) {
        rc = oom(st);
    } else if (rc != ECSKP_OK) {
        rc = scan_failure(st, rc, base + sc.offset);
    } else {
        size_t at = 0;
        static const char *const why[] = {"", "JSON syntax error", "bytes after the JSON value",
                                          "a byte JSON does not allow here"};
        ecskp__json_parse what = ecskp__json_parse_tagged(&sc, 1, &root, &at);
        if (what != ECSKP__JSON_PARSED)
            rc = fail_at(st,
                         what == ECSKP__JSON_TRAILING ? ECSKP_ERR_TRAILING_DATA
                                                      : ECSKP_ERR_MALFORMED_BODY,
                         base + at, why[what]);
    }
    ecskp__json_scan_done(&sc, st->opt->alloc); /* cJSON holds copies of all it keeps */
    /* The response's first blocks are allocated only now, after cJSON's hundreds of small
     * ones: glibc serves a request of 1 KiB or more by first merging every free small chunk
     * (bench/README.md, json50). The copy above is kept on the stack when it fits for the same
     * reason. */
    if (rc == ECSKP_OK)
        rc = dec_begin(st);
    if (rc == ECSKP_OK)
        rc = json_top(st, root);
    cJSON_Delete(root);
    return rc;
}
