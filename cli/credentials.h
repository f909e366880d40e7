/* SPDX-License-Identifier: MIT */
/*
 * credentials.h - where the command's credentials come from (ecskp(1), CREDENTIALS), in this
 * order; the first source that is there is the only one read:
 *
 *   1. the command line: --secret-file, --access-key-id or --security-token given. The command's
 *      own source, as in 0.x: the secret from --secret-file, else ECSKP_ACCESS_KEY_SECRET; the
 *      AccessKeyId from --access-key-id, else ECSKP_ACCESS_KEY_ID (else, for sign, the
 *      request's); the token from --security-token, else ECSKP_SECURITY_TOKEN.
 *   2. --profile NAME: that profile of the aliyun-cli file, whatever the environment holds.
 *   3. the environment: the first spelling family of ALIBABA_CLOUD_, ALIBABACLOUD_, ALICLOUD_
 *      that has any of ACCESS_KEY_ID, ACCESS_KEY_SECRET, SECURITY_TOKEN set (non-empty); its id
 *      and secret must both be set. The other families are not read.
 *   4. the aliyun-cli profile file ($ALIBABA_CLOUD_CONFIG_FILE, else ~/.aliyun/config.json when
 *      it exists): the profile named by $ALIBABA_CLOUD_PROFILE, else "current", else "default";
 *      modes AK and StsToken.
 *   5. ECSKP_ACCESS_KEY_ID / ECSKP_ACCESS_KEY_SECRET / ECSKP_SECURITY_TOKEN, as in 1.
 *
 * An id without a secret (or the reverse) within a source is refused; values never mix across
 * sources. The secret is never printed; every copy the command makes is wiped before it is
 * freed (cli_creds_free).
 */
#ifndef ECSKP_CLI_CREDENTIALS_H
#define ECSKP_CLI_CREDENTIALS_H

#include <stddef.h>

typedef struct cli_creds_request {
    const char *cmd;            /* the subcommand, for messages */
    const char *secret_file;    /* --secret-file */
    const char *access_key_id;  /* --access-key-id */
    const char *security_token; /* --security-token */
    const char *profile;        /* --profile */
    int id_in_request;          /* sign: the request carries its own AccessKeyId */
} cli_creds_request;

/* The credential options of sign, attach and detach (--secret-file, --access-key-id,
 * --security-token, --profile), as cli_option entries that fill the cli_creds_request `rq`. */
/* clang-format off */
#define CLI_CREDS_OPTIONS(rq)                                                                      \
    {"secret-file", 1, &(rq).secret_file, NULL},                                                   \
    {"access-key-id", 1, &(rq).access_key_id, NULL},                                               \
    {"security-token", 1, &(rq).security_token, NULL},                                             \
    {"profile", 1, &(rq).profile, NULL}
/* clang-format on */

typedef struct cli_creds {
    char *access_key_id; /* NULL when the request gives it (sign) or, for sign, none */
    char *secret;        /* secret_len bytes; wiped and freed by cli_creds_free */
    size_t secret_len;
    size_t secret_held;   /* bytes of `secret` to wipe */
    char *security_token; /* NULL when none */
    char *region_id;      /* the region_id of the profile that gave the credentials, or NULL */
    char source[160];     /* where they came from, for messages (never a value) */
} cli_creds;

/*
 * Finds the credentials. Returns 0, or with the message printed: CLI_EXIT_USAGE (conflicting
 * options, an unreadable file) or CLI_EXIT_REFUSED (missing_secret when there are none,
 * missing_parameter for half a pair, invalid_argument for a profile file or profile that
 * cannot be used). `require_id`: refuse a source without an AccessKeyId (attach, detach).
 */
int cli_creds_load(const cli_creds_request *rq, int require_id, cli_creds *c);

void cli_creds_free(cli_creds *c);

#endif /* ECSKP_CLI_CREDENTIALS_H */
