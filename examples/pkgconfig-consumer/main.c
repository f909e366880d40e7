/*
 * A program that finds ecskp through pkg-config: it signs the documented example request of
 * the ECS "Request signatures" page and looks up an error code, printing what it got. The
 * Makefile builds it twice (shared and static libecskp); run_examples.sh checks the output.
 */
#include <stdio.h>
#include <string.h>

#include <ecskp/ecskp.h>

int main(void) {
    static const ecskp_param params[] = {
        {"AccessKeyId", "testid"},
        {"Action", "DescribeRegions"},
        {"Format", "XML"},
        {"SignatureMethod", "HMAC-SHA1"},
        {"SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"},
        {"SignatureVersion", "1.0"},
        {"Timestamp", "2016-02-23T12:46:24Z"},
        {"Version", "2014-05-26"},
    };
    char buf[2048];
    size_t needed = 0;
    ecskp_v1_signed sig;
    ecskp_diag diag;

    printf("ecskp %s (headers %s)\n", ecskp_version(), ECSKP_VERSION_STRING);
    if (strcmp(ecskp_version(), ECSKP_VERSION_STRING) != 0) {
        fprintf(stderr, "library and headers disagree\n");
        return 1;
    }

    ecskp_status rc =
        ecskp_v1_sign(ECSKP_METHOD_GET, params, sizeof params / sizeof params[0], "testsecret",
                      strlen("testsecret"), buf, sizeof buf, &needed, &sig, &diag);
    if (rc != ECSKP_OK) {
        fprintf(stderr, "sign: %s: %s\n", ecskp_status_name(rc), diag.message);
        return 1;
    }
    printf("signature %s\n", sig.signature);

    const ecskp_error_info *info = ecskp_error_lookup("InvalidKeyPairName.NotFound");
    if (info == NULL) {
        fprintf(stderr, "error table: InvalidKeyPairName.NotFound missing\n");
        return 1;
    }
    printf("%s: %s\n", info->code, ecskp_category_name(info->category));
    return 0;
}
