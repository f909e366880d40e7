/* SPDX-License-Identifier: MIT */
/*
 * fields.c - the one field table both formats go through, and the typed setters that turn a
 * wire value into a response field. Whatever the format, a name means the same field and a
 * value is judged by the same rules (decode.h, "Types").
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode_internal.h"

#define SS DEC_SCOPE_SUCCESS
#define SE DEC_SCOPE_ERROR
#define SR DEC_SCOPE_RESULT

/* Each row at its id's index, so that fields[id] is the field with that id. */
#define F(name, path, id, type, scopes) [id] = {name, path, id, type, scopes}
/* Fields only a success carries: their presence makes a JSON body success-shaped (decode.h). */
#define SM DEC_SCOPE_SUCCESS_MARKER

static const dec_field fields[] = {
    F("RequestId", "RequestId", DEC_F_REQUEST_ID, DEC_T_STRING, SS | SE),
    F("HostId", "HostId", DEC_F_HOST_ID, DEC_T_STRING, SE),
    /* In a success the top-level Code is read only to be checked (code_in_success). */
    F("Code", "Code", DEC_F_CODE, DEC_T_CODE, SS | SE),
    F("Message", "Message", DEC_F_MESSAGE, DEC_T_STRING, SE),
    F("Recommend", "Recommend", DEC_F_RECOMMEND, DEC_T_STRING, SE),
    F("AccessDeniedDetail", "AccessDeniedDetail", DEC_F_DETAIL, DEC_T_DETAIL, SE),
    F("KeyPairName", "KeyPairName", DEC_F_KEY_PAIR_NAME, DEC_T_STRING, SS | SM),
    F("TotalCount", "TotalCount", DEC_F_TOTAL_COUNT, DEC_T_COUNT, SS | SM),
    F("FailCount", "FailCount", DEC_F_FAIL_COUNT, DEC_T_COUNT, SS | SM),
    F("Results", "Results", DEC_F_RESULTS, DEC_T_RESULTS, SS | SM),
    F("InstanceId", "Result.InstanceId", DEC_F_R_INSTANCE_ID, DEC_T_STRING, SR),
    F("Code", "Result.Code", DEC_F_R_CODE, DEC_T_CODE, SR),
    F("Message", "Result.Message", DEC_F_R_MESSAGE, DEC_T_STRING, SR),
    F("Success", "Result.Success", DEC_F_R_SUCCESS, DEC_T_BOOL, SR),
};

/* Every field but the Result pseudo-field has a row. */
_Static_assert(sizeof fields / sizeof fields[0] == DEC_F_RESULT, "one table row per field id");

const dec_field dec_field_result = {"Result", "Result", DEC_F_RESULT, DEC_T_STRING, 0};

/* The count fields must be in 0..INT32_MAX: the pages type them as String, servers send
 * numbers, and every client stores them in a 32-bit int. */
#define COUNT_MAX_I ((int64_t)2147483647)

/* Called for every member of every object the parsers meet, with NUL-terminated names (cJSON
 * keys, libxml2 local names): a search of the table, the first byte compared before strcmp, so
 * that nothing is read past the end of `name`. */
const dec_field *dec_field_find(dec_scope scope, const char *name) {
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        const dec_field *f = &fields[i];
        if ((f->scopes & (unsigned)scope) != 0 && f->name[0] == name[0] &&
            strcmp(f->name, name) == 0)
            return f;
    }
    return NULL;
}

ecskp_status dec_begin(dec_state *st) {
    /* Start small: most bodies are a few hundred bytes, and a body made of unknown fields
     * needs nothing. The arena doubles as strings arrive. */
    st->resp = dec_response_new(st->opt->alloc, 0);
    if (st->resp == NULL)
        return ecskp__refuse(st->diag, ECSKP_ERR_OUT_OF_MEMORY, NULL, NULL);
    st->resp->pub.action = st->opt->action;
    st->resp->pub.format = st->opt->format;
    return ECSKP_OK;
}

int dec_field_marks_success(const char *name) {
    const dec_field *f = dec_field_find(DEC_SCOPE_SUCCESS_MARKER, name);
    return f != NULL;
}

static int in_result(const dec_field *f) {
    return f->scopes == DEC_SCOPE_RESULT || f->id == DEC_F_RESULT;
}

size_t dec_offset(const dec_state *st, size_t offset) {
    if (offset != DEC_OFFSET_HERE)
        return offset;
    return st->here != NULL ? st->here(st->here_ctx) : ECSKP_NO_OFFSET;
}

ecskp_status dec_fail_field(dec_state *st, ecskp_status status, const dec_field *f, size_t offset,
                            const char *fmt, ...) {
    size_t index = ECSKP_NO_INDEX;
    if (in_result(f) && st->result_count > 0)
        index = st->result_count - 1;
    if (st->diag == NULL)
        return status;
    char msg[ECSKP_DIAG_MESSAGE_SIZE];
    va_list ap;
    va_start(ap, fmt);
    (void)vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return ecskp__fail(st->diag, status, f->path, dec_offset(st, offset), index, "%s", msg);
}

ecskp_status dec_mark_seen(dec_state *st, const dec_field *f, size_t offset) {
    uint32_t bit = (uint32_t)1 << f->id;
    uint32_t *seen = in_result(f) ? &st->cur_seen : &st->seen;
    if ((*seen & bit) != 0)
        return dec_fail_field(st, ECSKP_ERR_DUPLICATE_FIELD, f, offset, "%s occurs twice", f->path);
    *seen |= bit;
    return ECSKP_OK;
}

/* The slot of a string-valued field in the state or the current Result. */
static const char **string_slot(dec_state *st, const dec_field *f) {
    switch (f->id) {
    case DEC_F_R_INSTANCE_ID:
        return &st->cur->instance_id;
    case DEC_F_R_CODE:
        return &st->cur->code;
    case DEC_F_R_MESSAGE:
        return &st->cur->message;
    default:
        return &st->top[f->id];
    }
}

static ecskp_status store_string(dec_state *st, const dec_field *f, const char *s, size_t n) {
    char *copy = dec_arena_strndup(&st->resp->arena, s, n);
    if (copy == NULL)
        return ecskp__refuse(st->diag, ECSKP_ERR_OUT_OF_MEMORY, NULL, NULL);
    *string_slot(st, f) = copy;
    return ECSKP_OK;
}

static void store_count(dec_state *st, const dec_field *f, int64_t v) {
    if (f->id == DEC_F_TOTAL_COUNT)
        st->total_count = v;
    else
        st->fail_count = v;
}

static int is_digit(char c) {
    return c >= '0' && c <= '9';
}

/* Whether s[0..n) is spelled as a JSON number (-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?). */
static int json_number_spelling(const char *s, size_t n) {
    size_t i = 0;
    if (i < n && s[i] == '-')
        i++;
    if (i < n && s[i] == '0') {
        i++;
    } else if (i < n && s[i] >= '1' && s[i] <= '9') {
        while (i < n && is_digit(s[i]))
            i++;
    } else {
        return 0;
    }
    if (i < n && s[i] == '.') {
        size_t start = ++i;
        while (i < n && is_digit(s[i]))
            i++;
        if (i == start)
            return 0;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        size_t start = i;
        while (i < n && is_digit(s[i]))
            i++;
        if (i == start)
            return 0;
    }
    return i == n;
}

static ecskp_status count_from_text(dec_state *st, const dec_field *f, const char *s, size_t n,
                                    size_t offset) {
    size_t i = 0;
    while (i < n && is_digit(s[i]))
        i++;
    if (n > 0 && i == n) {
        if (s[0] == '0' && n > 1)
            return dec_fail_field(st, ECSKP_ERR_WRONG_TYPE, f, offset, "%s has a leading zero",
                                  f->path);
        int64_t v = 0;
        for (i = 0; i < n; i++) {
            v = v * 10 + (s[i] - '0');
            if (v > COUNT_MAX_I)
                return dec_fail_field(st, ECSKP_ERR_NUMBER_OUT_OF_RANGE, f, offset,
                                      "%s exceeds 2147483647", f->path);
        }
        store_count(st, f, v);
        return ECSKP_OK;
    }
    if (json_number_spelling(s, n))
        return dec_fail_field(st, ECSKP_ERR_NUMBER_OUT_OF_RANGE, f, offset,
                              "%s is not an integer in 0..2147483647", f->path);
    return dec_fail_field(st, ECSKP_ERR_WRONG_TYPE, f, offset, "%s is not decimal digits", f->path);
}

static ecskp_status bool_from_text(dec_state *st, const dec_field *f, const char *s, size_t n,
                                   size_t offset) {
    if (n == 4 && memcmp(s, "true", 4) == 0)
        return dec_set_bool(st, f, 1, offset);
    if (n == 5 && memcmp(s, "false", 5) == 0)
        return dec_set_bool(st, f, 0, offset);
    return dec_fail_field(st, ECSKP_ERR_WRONG_TYPE, f, offset, "%s is not true or false", f->path);
}

ecskp_status dec_set_text(dec_state *st, const dec_field *f, const char *s, size_t n,
                          size_t offset) {
    if (n > st->lim.max_string_bytes)
        return dec_fail_field(st, ECSKP_ERR_STRING_TOO_LONG, f, offset,
                              "%s is %zu bytes, limit %zu", f->path, n, st->lim.max_string_bytes);
    switch (f->type) {
    case DEC_T_STRING:
    case DEC_T_CODE:
        return store_string(st, f, s, n);
    case DEC_T_COUNT:
        return count_from_text(st, f, s, n, offset);
    case DEC_T_BOOL:
        return bool_from_text(st, f, s, n, offset);
    default:
        return dec_fail_field(st, ECSKP_ERR_WRONG_TYPE, f, offset, "%s is not a string", f->path);
    }
}

/* The mantissa digits of a number spelling: the integer part, then the fraction. */
typedef struct mantissa {
    const char *ip, *fp;
    size_t il, fl;
} mantissa;

static char mantissa_digit(const mantissa *m, size_t k) {
    return k < m->il ? m->ip[k] : m->fp[k - m->il];
}

int dec_number_integer(const char *s, size_t n, char *buf, size_t cap, int *neg) {
    mantissa m = {s, s, 0, 0};
    size_t i = 0;
    *neg = i < n && s[i] == '-';
    i += (size_t)*neg;
    m.ip = s + i;
    while (i < n && is_digit(s[i]))
        i++, m.il++;
    if (i < n && s[i] == '.') {
        m.fp = s + ++i;
        while (i < n && is_digit(s[i]))
            i++, m.fl++;
    }
    /* The exponent saturates far beyond any digit count a body can hold. */
    long long e = 0;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        int eneg = ++i < n && s[i] == '-';
        if (i < n && (s[i] == '-' || s[i] == '+'))
            i++;
        for (; i < n && is_digit(s[i]); i++)
            if (e < 1000000000LL)
                e = e * 10 + (s[i] - '0');
        e = eneg ? -e : e;
    }
    size_t total = m.il + m.fl, first = 0, last = total;
    while (first < total && mantissa_digit(&m, first) == '0')
        first++;
    if (first == total) { /* zero, however spelled (-0, 0.0, 0e5) */
        *neg = 0;
        if (cap < 2)
            return 0;
        buf[0] = '0', buf[1] = '\0';
        return 1;
    }
    while (mantissa_digit(&m, last - 1) == '0')
        last--;
    /* Digit k stands for 10^(total - 1 - k + shift); the integer ends at the digit for 10^0. */
    long long shift = e - (long long)m.fl;
    long long units = (long long)total - 1 + shift; /* index of the 10^0 digit */
    if (units < (long long)last - 1)
        return 0; /* a non-zero digit below 10^0: not an integer */
    long long digits = units - (long long)first + 1;
    if (digits >= (long long)cap)
        return 0; /* too large for any field */
    size_t o = 0;
    for (size_t k = first; (long long)k <= units; k++)
        buf[o++] = k < total ? mantissa_digit(&m, k) : '0';
    buf[o] = '\0';
    return 1;
}

/* Whether the digits (no leading zeros) are at most those of max, as numbers. */
static int digits_at_most(const char *d, const char *max) {
    size_t a = strlen(d), b = strlen(max);
    return a < b || (a == b && strcmp(d, max) <= 0);
}

ecskp_status dec_code_from_number(const char *s, size_t n, char *buf, size_t cap, size_t *len) {
    char digits[24];
    int neg = 0;
    if (cap < sizeof digits + 1 || !dec_number_integer(s, n, digits, sizeof digits, &neg) ||
        !digits_at_most(digits, "9007199254740992"))
        return ECSKP_ERR_NUMBER_OUT_OF_RANGE;
    int k = snprintf(buf, cap, "%s%s", neg ? "-" : "", digits);
    *len = (size_t)k;
    return ECSKP_OK;
}

ecskp_status dec_set_number(dec_state *st, const dec_field *f, const char *s, size_t n,
                            size_t offset) {
    if (f->type == DEC_T_COUNT) {
        char digits[24];
        int neg = 0;
        if (!dec_number_integer(s, n, digits, sizeof digits, &neg) || neg ||
            !digits_at_most(digits, "2147483647"))
            return dec_fail_field(st, ECSKP_ERR_NUMBER_OUT_OF_RANGE, f, offset,
                                  "%s is not an integer in 0..2147483647", f->path);
        return count_from_text(st, f, digits, strlen(digits), offset);
    }
    if (f->type == DEC_T_CODE) {
        char buf[32];
        size_t len = 0;
        if (dec_code_from_number(s, n, buf, sizeof buf, &len) != ECSKP_OK)
            return dec_fail_field(st, ECSKP_ERR_NUMBER_OUT_OF_RANGE, f, offset,
                                  "%s is not an integer in -2^53..2^53", f->path);
        /* Its decimal text is the stored string, so max_string_bytes applies to it. */
        return dec_set_text(st, f, buf, len, offset);
    }
    return dec_fail_field(st, ECSKP_ERR_WRONG_TYPE, f, offset, "%s must not be a number", f->path);
}

ecskp_status dec_set_bool(dec_state *st, const dec_field *f, int v, size_t offset) {
    if (f->type != DEC_T_BOOL)
        return dec_fail_field(st, ECSKP_ERR_WRONG_TYPE, f, offset, "%s must not be a boolean",
                              f->path);
    st->cur->success = v;
    st->cur->success_present = 1;
    return ECSKP_OK;
}

void dec_set_detail(dec_state *st, const char *json) {
    st->top[DEC_F_DETAIL] = json;
}

ecskp_status dec_results_open(dec_state *st, size_t expected, size_t offset) {
    (void)offset;
    st->has_results = 1;
    if (expected == 0)
        return ECSKP_OK;
    dec_chunk *c =
        dec_chunk_resize(&st->resp->arena, NULL, expected * sizeof(ecskp_instance_result));
    if (c == NULL)
        return ecskp__refuse(st->diag, ECSKP_ERR_OUT_OF_MEMORY, NULL, NULL);
    st->results_chunk = c;
    return ECSKP_OK;
}

ecskp_status dec_result_begin(dec_state *st, size_t offset) {
    if (st->result_count >= st->lim.max_results)
        return ecskp__fail(st->diag, ECSKP_ERR_TOO_MANY_RESULTS, "Result", dec_offset(st, offset),
                           st->lim.max_results, "more than %zu Result entries",
                           st->lim.max_results);
    size_t need = (st->result_count + 1) * sizeof(ecskp_instance_result);
    dec_chunk *c = st->results_chunk;
    if (c == NULL || c->cap < need) {
        /* Doubling, but never past what the limit allows. */
        size_t n = c == NULL ? 8 : 2 * (c->cap / sizeof(ecskp_instance_result));
        if (n > st->lim.max_results)
            n = st->lim.max_results;
        c = dec_chunk_resize(&st->resp->arena, c, n * sizeof(ecskp_instance_result));
        if (c == NULL)
            return ecskp__refuse(st->diag, ECSKP_ERR_OUT_OF_MEMORY, NULL, NULL);
        st->results_chunk = c;
    }
    ecskp_instance_result *r = (ecskp_instance_result *)(void *)dec_chunk_data(c);
    st->cur = &r[st->result_count++];
    memset(st->cur, 0, sizeof *st->cur);
    c->used = need;
    st->cur_seen = 0;
    return ECSKP_OK;
}

void dec_result_end(dec_state *st) {
    ecskp_instance_result *r = st->cur;
    /* Without Success, Code 200 is the documented sign of success; nothing else is. */
    if (!r->success_present)
        r->success = r->code != NULL && strcmp(r->code, "200") == 0;
    st->cur = NULL;
}

/* In-place heapsort by strcmp: O(n log n) and no allocation. glibc's qsort() takes a
 * temporary buffer from malloc(3) for 128 or more pointers, behind the caller's allocator. */
static void sift_down(const char **k, size_t root, size_t n) {
    for (;;) {
        size_t child = 2 * root + 1;
        if (child >= n)
            return;
        if (child + 1 < n && strcmp(k[child], k[child + 1]) < 0)
            child++;
        if (strcmp(k[root], k[child]) >= 0)
            return;
        const char *t = k[root];
        k[root] = k[child];
        k[child] = t;
        root = child;
    }
}

static void sort_keys(const char **k, size_t n) {
    for (size_t i = n / 2; i-- > 0;)
        sift_down(k, i, n);
    for (size_t end = n; end-- > 1;) {
        const char *t = k[0];
        k[0] = k[end];
        k[end] = t;
        sift_down(k, 0, end);
    }
}

const char *dec_find_duplicate_key(const char **keys, size_t n) {
    if (n < 2)
        return NULL;
    sort_keys(keys, n);
    for (size_t i = 1; i < n; i++)
        if (strcmp(keys[i - 1], keys[i]) == 0)
            return keys[i];
    return NULL;
}
