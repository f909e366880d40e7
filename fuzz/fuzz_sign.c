/*
 * fuzz_sign - signing a parameter list framed from the input.
 *
 * Targets: ecskp_v1_string_to_sign(), ecskp_v1_signature(), ecskp_v1_sign(), ecskp_v3_sign()
 * (query parameters from the input, fixed headers, empty body).
 *
 * Input: byte 0 chooses the method (bit 0: POST) and the scheme (bit 1: V3). The rest is split
 * at '\n': the first line is the AccessKeySecret, every further line a `name=value` parameter.
 *
 * Properties (abort on violation):
 *   - the StringToSign is `METHOD&%2F&` + percentEncode(ecskp_canonical_query()) and a list the
 *     canonical encoder refuses is refused with the same status;
 *   - ecskp_v1_sign() gives the same canonical query and StringToSign, the signature of
 *     ecskp_v1_signature() (28 Base64 characters), and a signed query that is the canonical
 *     query + `&Signature=` + the percent-encoded signature (no `&` after an empty query);
 *     `*needed` is exact;
 *   - V3: the canonical query is the generic one, the canonical request starts with
 *     `METHOD\n/\n<query>\n`, the StringToSign is `ACS3-HMAC-SHA256\n` + the hashed canonical
 *     request, the signature is 64 lower-case hex digits, `*needed` is exact;
 *   - without a signing backend every signer says unsupported; an empty secret is
 *     missing_secret.
 */
#include <ecskp/encode.h>
#include <ecskp/sign.h>

#include "fuzz_common.h"

#define MAX_LINES 140

static int is_lower_hex(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return 0;
    return s[n] == '\0';
}

static char *pct(const char *s, size_t n, size_t *out) {
    size_t l = 0;
    FUZZ_CHECK(ecskp_percent_encode(s, n, NULL, 0, &l) == ECSKP_ERR_BUFFER_TOO_SMALL);
    char *b = fuzz_xmalloc(l + 1);
    FUZZ_CHECK(ecskp_percent_encode(s, n, b, l + 1, out) == ECSKP_OK);
    return b;
}

static void check_v1(ecskp_method method, const ecskp_param *params, size_t n, const char *secret,
                     const char *cq, size_t cqlen) {
    const char *mname = ecskp_method_name(method);
    size_t elen = 0;
    char *enc = pct(cq, cqlen, &elen);
    size_t want = strlen(mname) + 5 + elen;
    char *sts = fuzz_xmalloc(want + 1);
    size_t sts_len = 0;
    ecskp_status rc = ecskp_v1_string_to_sign(method, params, n, sts, want + 1, &sts_len, NULL);
    FUZZ_CHECK(rc == ECSKP_OK && sts_len == want);
    FUZZ_CHECK(memcmp(sts, mname, strlen(mname)) == 0);
    FUZZ_CHECK(memcmp(sts + strlen(mname), "&%2F&", 5) == 0);
    FUZZ_CHECK(memcmp(sts + strlen(mname) + 5, enc, elen + 1) == 0);

    char sig[ECSKP_V1_SIGNATURE_SIZE];
    rc = ecskp_v1_signature(sts, sts_len, secret, strlen(secret), sig, NULL);
    size_t needed = 0;
    ecskp_v1_signed out;
    ecskp_status src =
        ecskp_v1_sign(method, params, n, secret, strlen(secret), NULL, 0, &needed, &out, NULL);
    if (!ecskp_signing_available()) {
        FUZZ_CHECK(rc == ECSKP_ERR_UNSUPPORTED || (rc == ECSKP_ERR_MISSING_SECRET && !*secret));
        FUZZ_CHECK(src != ECSKP_OK);
        goto done;
    }
    if (!*secret) {
        FUZZ_CHECK(rc == ECSKP_ERR_MISSING_SECRET && src == ECSKP_ERR_MISSING_SECRET);
        goto done;
    }
    FUZZ_CHECK(rc == ECSKP_OK && strlen(sig) == 28 && sig[27] == '=');
    FUZZ_CHECK(src == ECSKP_ERR_BUFFER_TOO_SMALL && needed > 0);

    char *buf = fuzz_xmalloc(needed);
    size_t needed2 = 0;
    rc =
        ecskp_v1_sign(method, params, n, secret, strlen(secret), buf, needed, &needed2, &out, NULL);
    FUZZ_CHECK(rc == ECSKP_OK);
    size_t slen = 0;
    char *sig_enc = pct(sig, 28, &slen);
    FUZZ_CHECK(strcmp(out.signature, sig) == 0);
    FUZZ_CHECK(out.canonical_query_len == cqlen && strcmp(out.canonical_query, cq) == 0);
    FUZZ_CHECK(out.string_to_sign_len == sts_len && strcmp(out.string_to_sign, sts) == 0);
    FUZZ_CHECK(out.signature_encoded_len == slen && strcmp(out.signature_encoded, sig_enc) == 0);
    /* An empty parameter list gives `Signature=...` with no leading '&'. */
    size_t sep = cqlen > 0 ? 1 : 0;
    FUZZ_CHECK(out.signed_query_len == cqlen + sep + 10 + slen);
    FUZZ_CHECK(memcmp(out.signed_query, cq, cqlen) == 0);
    FUZZ_CHECK(memcmp(out.signed_query + cqlen, &"&Signature="[1 - sep], sep + 10) == 0);
    FUZZ_CHECK(strcmp(out.signed_query + cqlen + sep + 10, sig_enc) == 0);
    FUZZ_CHECK(out.signature_encoded == out.signed_query + cqlen + sep + 10);
    FUZZ_CHECK(needed2 == cqlen + 1 + sts_len + 1 + out.signed_query_len + 1);
    FUZZ_CHECK(needed2 <= needed);
    free(buf);
    buf = fuzz_xmalloc(needed2);
    rc = ecskp_v1_sign(method, params, n, secret, strlen(secret), buf, needed2 - 1, &needed, &out,
                       NULL);
    FUZZ_CHECK(rc == ECSKP_ERR_BUFFER_TOO_SMALL && needed == needed2);
    FUZZ_CHECK(out.signed_query == NULL);
    free(buf);
    free(sig_enc);
done:
    free(sts);
    free(enc);
}

static void check_v3(ecskp_method method, const ecskp_param *params, size_t n, const char *secret,
                     const char *cq, size_t cqlen) {
    ecskp_v3_request req;
    memset(&req, 0, sizeof req);
    req.method = method;
    req.host = "ecs.cn-hangzhou.aliyuncs.com";
    req.query = params;
    req.query_count = n;
    req.action = "AttachKeyPair";
    req.version = "2014-05-26";
    req.date = "2023-10-26T10:22:32Z";
    req.signature_nonce = "3156853299f313e23d1673dc12e1703d";
    req.access_key_id = "testid";
    size_t needed = 0;
    ecskp_v3_signed out;
    ecskp_status rc = ecskp_v3_sign(&req, secret, strlen(secret), NULL, 0, &needed, &out, NULL);
    if (!ecskp_signing_available()) {
        FUZZ_CHECK(rc != ECSKP_OK);
        return;
    }
    if (!*secret) {
        FUZZ_CHECK(rc == ECSKP_ERR_MISSING_SECRET);
        return;
    }
    FUZZ_CHECK(rc == ECSKP_ERR_BUFFER_TOO_SMALL && needed > 0);
    char *buf = fuzz_xmalloc(needed);
    size_t needed2 = 0;
    rc = ecskp_v3_sign(&req, secret, strlen(secret), buf, needed, &needed2, &out, NULL);
    FUZZ_CHECK(rc == ECSKP_OK && needed2 == needed);
    FUZZ_CHECK(out.canonical_query_len == cqlen && strcmp(out.canonical_query, cq) == 0);
    const char *mname = ecskp_method_name(method);
    size_t ml = strlen(mname);
    FUZZ_CHECK(strncmp(out.canonical_request, mname, ml) == 0);
    FUZZ_CHECK(strncmp(out.canonical_request + ml, "\n/\n", 3) == 0);
    FUZZ_CHECK(strncmp(out.canonical_request + ml + 3, cq, cqlen) == 0);
    FUZZ_CHECK(out.canonical_request[ml + 3 + cqlen] == '\n');
    FUZZ_CHECK(strcmp(out.content_sha256,
                      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855") == 0);
    FUZZ_CHECK(is_lower_hex(out.hashed_canonical_request, 64));
    FUZZ_CHECK(out.string_to_sign_len == 17 + 64);
    FUZZ_CHECK(strncmp(out.string_to_sign, "ACS3-HMAC-SHA256\n", 17) == 0);
    FUZZ_CHECK(strcmp(out.string_to_sign + 17, out.hashed_canonical_request) == 0);
    FUZZ_CHECK(is_lower_hex(out.signature, 64));
    FUZZ_CHECK(out.header_count >= 1 && out.header_count <= ECSKP_V3_MAX_HEADERS);
    FUZZ_CHECK(strcmp(out.headers[out.header_count - 1].name, "authorization") == 0);
    FUZZ_CHECK(strcmp(out.headers[out.header_count - 1].value, out.authorization) == 0);
    free(buf);
    buf = fuzz_xmalloc(needed - 1);
    rc = ecskp_v3_sign(&req, secret, strlen(secret), buf, needed - 1, &needed2, &out, NULL);
    FUZZ_CHECK(rc == ECSKP_ERR_BUFFER_TOO_SMALL && needed2 == needed);
    free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size == 0)
        return 0;
    ecskp_method method = (data[0] & 1) ? ECSKP_METHOD_POST : ECSKP_METHOD_GET;
    int v3 = (data[0] & 2) != 0;
    char *lines[MAX_LINES + 1];
    char *block;
    size_t nl = fuzz_split_lines(data + 1, size - 1, lines, MAX_LINES + 1, &block);
    const char *secret = nl ? lines[0] : "";
    ecskp_param params[MAX_LINES];
    size_t n = 0, total = 0;
    for (size_t i = 1; i < nl; i++) {
        char *eq = strchr(lines[i], '=');
        params[n].name = lines[i];
        params[n].value = "";
        if (eq) {
            *eq = '\0';
            params[n].value = eq + 1;
        }
        total += strlen(params[n].name) + strlen(params[n].value) + 2;
        n++;
    }

    size_t cap = 3 * total + 1;
    char *cq = fuzz_xmalloc(cap);
    size_t cqlen = 0;
    ecskp_status crc = ecskp_canonical_query(params, n, cq, cap, &cqlen, NULL);
    if (crc != ECSKP_OK) {
        /* The signers validate the list the same way. */
        size_t l = 0;
        ecskp_status rc = ecskp_v1_string_to_sign(method, params, n, NULL, 0, &l, NULL);
        FUZZ_CHECK(rc == crc);
        if (ecskp_signing_available() && *secret) {
            ecskp_v1_signed o1;
            rc = ecskp_v1_sign(method, params, n, secret, strlen(secret), NULL, 0, &l, &o1, NULL);
            FUZZ_CHECK(rc == crc);
        }
    } else if (v3) {
        check_v3(method, params, n, secret, cq, cqlen);
    } else {
        check_v1(method, params, n, secret, cq, cqlen);
    }
    free(cq);
    free(block);
    return 0;
}
