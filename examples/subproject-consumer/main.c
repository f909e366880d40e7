/*
 * A program that uses ecskp as a meson subproject: it builds the canonical query of a typed
 * AttachKeyPair request and prints it. run_examples.sh checks the output.
 */
#include <stdio.h>

#include <ecskp/ecskp.h>

int main(void) {
    static const char *const ids[] = {"i-m5eg7be9ndloji64jknv", "i-23jggx34b"};
    ecskp_keypair_request req = {0};
    char query[1024];
    size_t len = 0;
    ecskp_diag diag;

    req.action = ECSKP_ACTION_ATTACH_KEY_PAIR;
    req.region_id = "cn-qingdao";
    req.key_pair_name = "test";
    req.instance_ids = ids;
    req.instance_id_count = sizeof ids / sizeof ids[0];
    req.format = "JSON";

    ecskp_status rc = ecskp_keypair_query(&req, query, sizeof query, &len, &diag);
    if (rc != ECSKP_OK) {
        fprintf(stderr, "query: %s: %s\n", ecskp_status_name(rc), diag.message);
        return 1;
    }
    printf("ecskp %s\n%s\n", ecskp_version(), query);
    return 0;
}
