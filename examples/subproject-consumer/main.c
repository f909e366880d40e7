/* SPDX-License-Identifier: MIT */
/*
 * A program that uses ecskp as a meson subproject: it builds the canonical query of a typed
 * AttachKeyPair operation and decodes the documented JSON success body, printing both.
 * run_examples.sh checks the output.
 */
#include <stdio.h>

#include <ecskp/ecskp.h>

int main(void) {
    static const char *const ids[] = {"i-m5eg7be9ndloji64jknv", "i-23jggx34b"};
    static ecskp_param_set set; /* about 5.4 KiB: static rather than on the stack */
    ecskp_keypair op = {0};
    char query[1024];
    size_t needed = 0;
    ecskp_diag diag;

    op.action = ECSKP_ACTION_ATTACH_KEY_PAIR;
    op.region_id = "cn-qingdao";
    op.key_pair_name = "test";
    op.instance_ids = ids;
    op.instance_id_count = sizeof ids / sizeof ids[0];
    op.format = ECSKP_FORMAT_JSON;

    /* The operation validated into a parameter list, then its canonical query. */
    ecskp_status rc = ecskp_keypair_build(&op, &set, &diag);
    if (rc == ECSKP_OK)
        rc = ecskp_query_build(set.params, set.count, query, sizeof query, &needed, &diag);
    if (rc != ECSKP_OK) {
        fprintf(stderr, "query: %s: %s\n", ecskp_status_name(rc), diag.message);
        return 1;
    }
    printf("ecskp %s\n%s\n", ecskp_version(), query);

    static const char body[] =
        "{\"TotalCount\": 2, \"RequestId\": \"4ADF7A06-66BD-4FBF-A2ED-2364E41D8C06\", "
        "\"Results\": {\"Result\": ["
        "{\"Message\": \"successful\", \"InstanceId\": \"i-m5eg7be9ndloji64****\", "
        "\"Success\": true, \"Code\": \"200\"}, "
        "{\"Message\": \"successful\", \"InstanceId\": \"i-m5e25x2mwr0hk33d****\", "
        "\"Success\": true, \"Code\": \"200\"}]}, "
        "\"FailCount\": 0}";
    ecskp_decode_options opt = {0};
    opt.action = ECSKP_ACTION_ATTACH_KEY_PAIR;
    opt.format = ECSKP_FORMAT_JSON;
    opt.http_status = 200;
    ecskp_response *resp = NULL;
    rc = ecskp_response_decode(body, sizeof body - 1, &opt, &resp, &diag);
    if (rc != ECSKP_OK) {
        fprintf(stderr, "decode: %s: %s\n", ecskp_status_name(rc), diag.message);
        return 1;
    }
    printf("RequestId %s: %zu results, %zu failed\n", resp->success->request_id,
           resp->success->result_count, resp->success->failed_count);
    ecskp_response_free(resp);
    return 0;
}
