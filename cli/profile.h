/* SPDX-License-Identifier: MIT */
/*
 * profile.h - credentials from the aliyun-cli profile file (~/.aliyun/config.json):
 *
 *   {"current": "<name>", "profiles": [{"name", "mode", "access_key_id", "access_key_secret",
 *                                      "sts_token", "region_id", ...}]}
 *
 * Modes AK (id and secret) and StsToken (id, secret and sts_token); any other mode is refused
 * by name. The file is read whole (at most 1 MiB) with cJSON; every copy of its text and of
 * the parsed strings is wiped before it is freed. A file readable by group or others gets a
 * warning on standard error.
 */
#ifndef ECSKP_CLI_PROFILE_H
#define ECSKP_CLI_PROFILE_H

#include "credentials.h"

/* cli_profile_load returns this when there is no file and none was asked for. */
#define CLI_PROFILE_ABSENT (-1)

/*
 * Loads profile `name` (NULL: $ALIBABA_CLOUD_PROFILE, else the file's "current", else
 * "default") from $ALIBABA_CLOUD_CONFIG_FILE, else ~/.aliyun/config.json, into `c` (id,
 * secret, token, region, source). `required`: a missing file is an error (--profile given).
 * Returns 0, CLI_PROFILE_ABSENT, or an exit status with the message printed.
 */
int cli_profile_load(const char *cmd, const char *name, int required, cli_creds *c);

#endif /* ECSKP_CLI_PROFILE_H */
