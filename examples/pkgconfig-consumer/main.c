/* SPDX-License-Identifier: MIT */
/*
 * A program that finds ecskp through pkg-config: it signs the documented example request of
 * the ECS "Request signatures" page (libcrypto), decodes the documented XML success body
 * (libxml2) and prints it as normalized JSON, and looks up an error code. The Makefile builds
 * it twice (shared and static libecskp); run_examples.sh checks the output.
 */
#include <stdio.h>
#include <stdlib.h>
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
    size_t needed = 0;
    ecskp_diag diag;

    printf("ecskp %s (headers %s)\n", ecskp_version(), ECSKP_VERSION_STRING);
    if (strcmp(ecskp_version(), ECSKP_VERSION_STRING) != 0) {
        fprintf(stderr, "library and headers disagree\n");
        return 1;
    }

    /* The list carries the common parameters itself, so the signer only says how to sign. */
    ecskp_signer signer = {0};
    signer.signature = ECSKP_SIGNATURE_V1;
    signer.method = ECSKP_METHOD_GET;
    signer.secret = "testsecret";
    signer.secret_len = strlen(signer.secret);
    ecskp_request request = {0};
    request.params = params;
    request.count = sizeof params / sizeof params[0];
    /* A first call with no buffer gives the exact size; the second one fills it. */
    ecskp_signed sig;
    ecskp_status rc = ecskp_request_sign(&signer, &request, NULL, 0, &needed, &sig, &diag);
    char *signed_buf = rc == ECSKP_ERR_BUFFER_TOO_SMALL ? malloc(needed) : NULL;
    if (signed_buf != NULL)
        rc = ecskp_request_sign(&signer, &request, signed_buf, needed, &needed, &sig, &diag);
    if (rc != ECSKP_OK) {
        fprintf(stderr, "sign: %s: %s\n", ecskp_status_name(rc), diag.message);
        free(signed_buf);
        return 1;
    }
    printf("signature %s\n", sig.signature_value);
    free(signed_buf);

    static const char body[] = "<AttachKeyPairResponse>"
                               "<TotalCount>2</TotalCount>"
                               "<RequestId>4ADF7A06-66BD-4FBF-A2ED-2364E41D8C06</RequestId>"
                               "<Results>"
                               "<Result><Message>successful</Message>"
                               "<InstanceId>i-m5eg7be9ndloji64****</InstanceId>"
                               "<Success>true</Success><Code>200</Code></Result>"
                               "<Result><Message>successful</Message>"
                               "<InstanceId>i-m5e25x2mwr0hk33d****</InstanceId>"
                               "<Success>true</Success><Code>200</Code></Result>"
                               "</Results>"
                               "<FailCount>0</FailCount>"
                               "</AttachKeyPairResponse>";
    ecskp_decode_options opt = {0};
    opt.action = ECSKP_ACTION_ATTACH_KEY_PAIR;
    opt.format = ECSKP_FORMAT_XML;
    opt.http_status = 200;
    ecskp_response *resp = NULL;
    rc = ecskp_response_decode(body, sizeof body - 1, &opt, &resp, &diag);
    if (rc != ECSKP_OK) {
        fprintf(stderr, "decode: %s: %s\n", ecskp_status_name(rc), diag.message);
        return 1;
    }
    char json[2048];
    rc = ecskp_response_to_json(resp, json, sizeof json, &needed, &diag);
    ecskp_response_free(resp);
    if (rc != ECSKP_OK) {
        fprintf(stderr, "to_json: %s (%zu bytes needed)\n", ecskp_status_name(rc), needed);
        return 1;
    }
    printf("decoded %s\n", json);

    const ecskp_error_info *info = ecskp_error_lookup("InvalidKeyPairName.NotFound");
    if (info == NULL) {
        fprintf(stderr, "error table: InvalidKeyPairName.NotFound missing\n");
        return 1;
    }
    printf("%s: %s\n", info->code, ecskp_category_name(info->category));
    return 0;
}
