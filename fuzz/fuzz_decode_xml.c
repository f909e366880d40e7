/* SPDX-License-Identifier: MIT */
/*
 * fuzz_decode_xml - decoding an XML body with the default limits.
 *
 * Targets: ecskp_response_decode() with ECSKP_FORMAT_XML (byte checks, the hardened libxml2 SAX2
 * reader, field table, shape and consistency checks), ecskp_response_to_json(),
 * ecskp_response_free().
 *
 * Input: the whole input is the body (in an exact-size heap block), decoded as an
 * AttachKeyPair response and, when its root is refused, as a DetachKeyPair response; when it
 * was refused as inconsistent, again with ECSKP_DECODE_ALLOW_INCONSISTENT.
 *
 * Properties (abort on violation), from fuzz_decode_common.h:
 *   - a failure returns a documented status, the same in the diag, and no response;
 *   - a success satisfies every promise of decode.h (see fuzz_decode_json.c);
 *   - a body with a DOCTYPE never decodes (dtd_refused or an earlier failure);
 *   - round trip: the response written back as an XML body and as a JSON body (independent
 *     renderers) decodes to the same normalized JSON.
 */
#include "fuzz_decode_common.h"

static int has_doctype(const uint8_t *d, size_t n) {
    static const char k[] = "<!DOCTYPE";
    for (size_t i = 0; n >= 9 && i <= n - 9; i++)
        if (memcmp(d + i, k, 9) == 0)
            return 1;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    uint8_t *body = fuzz_exact_copy(data, size);
    ecskp_decode_options o;
    memset(&o, 0, sizeof o);
    o.action = ECSKP_ACTION_ATTACH_KEY_PAIR;
    o.format = ECSKP_FORMAT_XML;
    ecskp_status rc = fuzz_decode_and_check(body, size, &o);
    if (rc == ECSKP_ERR_WRONG_ROOT) {
        o.action = ECSKP_ACTION_DETACH_KEY_PAIR;
        rc = fuzz_decode_and_check(body, size, &o);
    }
    if (rc == ECSKP_ERR_INCONSISTENT_RESPONSE) {
        o.flags = ECSKP_DECODE_ALLOW_INCONSISTENT;
        ecskp_status rc2 = fuzz_decode_and_check(body, size, &o);
        /* An <Error> with Code 200 stays refused whatever the flag. */
        FUZZ_CHECK(rc2 == ECSKP_OK || rc2 == ECSKP_ERR_INCONSISTENT_RESPONSE);
    }
    /* A DOCTYPE inside a comment or CDATA is text, so only a decoded body that is nothing but
     * the DOCTYPE case is checked: the first markup after the declaration. */
    if (rc == ECSKP_OK && has_doctype(body, size)) {
        const uint8_t *p = body;
        size_t n = size;
        while (n && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
            p++, n--;
        if (n >= 2 && p[0] == '<' && p[1] == '?') {
            /* A processing instruction (the XML declaration included) ends at "?>". */
            size_t k = 2;
            while (k + 1 < n && !(p[k] == '?' && p[k + 1] == '>'))
                k++;
            k = k + 2 <= n ? k + 2 : n;
            n -= k;
            p += k;
            while (n && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
                p++, n--;
        }
        FUZZ_CHECK(!(n >= 9 && memcmp(p, "<!DOCTYPE", 9) == 0));
    }
    free(body);
    return 0;
}
