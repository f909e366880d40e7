/* test_encode.c - canonical query, InstanceIds and the typed request (placeholder rows). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "ecskp/ecskp.h"

static void doc_attach_example(void **state) {
    (void)state;
    const char *ids[] = {"i-XXXXX"};
    ecskp_keypair_request r = {0};
    r.action = ECSKP_ACTION_ATTACH_KEY_PAIR;
    r.region_id = "cn-qingdao";
    r.key_pair_name = "test";
    r.instance_ids = ids;
    r.instance_id_count = 1;
    char buf[512];
    size_t len = 0;
    ecskp_diag d;
    assert_int_equal(ecskp_keypair_query(&r, buf, sizeof buf, &len, &d), ECSKP_OK);
    assert_string_equal(buf, "Action=AttachKeyPair&InstanceIds=%5B%22i-XXXXX%22%5D&"
                             "KeyPairName=test&RegionId=cn-qingdao");
    assert_int_equal(len, strlen(buf));
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(doc_attach_example)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
