/* SPDX-License-Identifier: MIT */
/*
 * fuzz_decode_json - decoding a JSON body with the default limits.
 *
 * Targets: ecskp_response_decode() with ECSKP_FORMAT_JSON (prescan, cJSON, field table, shape and
 * consistency checks), ecskp_response_to_json(), ecskp_response_free().
 *
 * Input: the whole input is the body (in an exact-size heap block), decoded as an
 * AttachKeyPair response with unknown HTTP status, then, when it was refused as inconsistent,
 * again with ECSKP_DECODE_ALLOW_INCONSISTENT.
 *
 * Properties (abort on violation), from fuzz_decode_common.h:
 *   - a failure returns a documented status, the same in the diag, and no response;
 *   - a success satisfies every promise of decode.h (required fields, counts in range, the
 *     failed list, consistency or the inconsistency bits, strings valid UTF-8 within limits,
 *     the API error's classification);
 *   - ecskp_response_to_json() sizes are exact and its output is JSON;
 *   - round trip: the response written back as a JSON body and as an XML body (independent
 *     renderers) decodes to the same normalized JSON.
 */
#include "fuzz_decode_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    uint8_t *body = fuzz_exact_copy(data, size);
    ecskp_decode_options o;
    memset(&o, 0, sizeof o);
    o.action = ECSKP_ACTION_ATTACH_KEY_PAIR;
    o.format = ECSKP_FORMAT_JSON;
    ecskp_status rc = fuzz_decode_and_check(body, size, &o);
    if (rc == ECSKP_ERR_INCONSISTENT_RESPONSE) {
        o.flags = ECSKP_DECODE_ALLOW_INCONSISTENT;
        FUZZ_CHECK(fuzz_decode_and_check(body, size, &o) == ECSKP_OK);
    }
    free(body);
    return 0;
}
