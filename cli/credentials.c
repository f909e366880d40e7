/* SPDX-License-Identifier: MIT */
/* credentials.c - the credential sources of the command, in order (see credentials.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "credentials.h"
#include "ecskp/status.h"
#include "profile.h"
#include "report.h"
#include "secret.h"

/* The environment's spelling families, in the order that wins (aliyun-cli accepts all
 * three; the official credential libraries read the first). */
static const char *const families[] = {"ALIBABA_CLOUD_", "ALIBABACLOUD_", "ALICLOUD_"};

/* The value of `prefix` + `name` when set and non-empty, else NULL. */
static const char *env2(const char *prefix, const char *name) {
    char var[64];
    (void)snprintf(var, sizeof var, "%s%s", prefix, name);
    const char *v = getenv(var);
    return v != NULL && v[0] != '\0' ? v : NULL;
}

/* Copies a string (NULL stays NULL). Returns -1 when out of memory. */
static int dup_to(char **out, const char *s) {
    *out = NULL;
    if (s == NULL)
        return 0;
    *out = strdup(s);
    return *out != NULL ? 0 : -1;
}

static int dup_secret(cli_creds *c, const char *s) {
    if (dup_to(&c->secret, s) != 0)
        return -1;
    c->secret_len = c->secret_held = s != NULL ? strlen(s) : 0;
    return 0;
}

static int oom(void) {
    return cli_refuse_msg(ECSKP_ERR_OUT_OF_MEMORY, "no memory for the credentials");
}

/* Source 3: the first family with any of its variables set. Returns 0 (found), 1 (none) or
 * an exit status. */
static int from_environment(cli_creds *c) {
    for (size_t i = 0; i < sizeof families / sizeof families[0]; i++) {
        const char *f = families[i];
        const char *id = env2(f, "ACCESS_KEY_ID"), *secret = env2(f, "ACCESS_KEY_SECRET");
        const char *token = env2(f, "SECURITY_TOKEN");
        if (id == NULL && secret == NULL && token == NULL)
            continue;
        if (id == NULL && secret == NULL)
            return cli_refuse_msg(ECSKP_ERR_MISSING_SECRET,
                                  "%sSECURITY_TOKEN is set but %sACCESS_KEY_ID and "
                                  "%sACCESS_KEY_SECRET are not; set all three (credentials "
                                  "never come from two sources)",
                                  f, f, f);
        if (id == NULL || secret == NULL)
            return cli_refuse_msg(
                id == NULL ? ECSKP_ERR_MISSING_PARAMETER : ECSKP_ERR_MISSING_SECRET,
                "%s%s is set but %s%s is not; set both (credentials never come from two "
                "sources)",
                f, id == NULL ? "ACCESS_KEY_SECRET" : "ACCESS_KEY_ID", f,
                id == NULL ? "ACCESS_KEY_ID" : "ACCESS_KEY_SECRET");
        if (dup_to(&c->access_key_id, id) != 0 || dup_secret(c, secret) != 0 ||
            dup_to(&c->security_token, token) != 0)
            return oom();
        (void)snprintf(c->source, sizeof c->source, "the environment (%sACCESS_KEY_ID)", f);
        return 0;
    }
    return 1;
}

/* Sources 1 and 5: the command line and the ECSKP_* variables. */
static int from_command(const cli_creds_request *rq, cli_creds *c) {
    if (rq->secret_file != NULL) {
        cli_secret s;
        int rc = cli_secret_load(rq->cmd, rq->secret_file, &s);
        if (rc != 0)
            return rc;
        c->secret = s.bytes;
        c->secret_len = s.len;
        c->secret_held = s.held;
    } else {
        const char *env = getenv("ECSKP_ACCESS_KEY_SECRET");
        if (env == NULL || env[0] == '\0')
            return cli_refuse_msg(ECSKP_ERR_MISSING_SECRET,
                                  "%s but no AccessKeySecret: pass --secret-file FILE or set "
                                  "ECSKP_ACCESS_KEY_SECRET",
                                  rq->access_key_id != NULL    ? "--access-key-id is given"
                                  : rq->security_token != NULL ? "--security-token is given"
                                  : env != NULL                ? "ECSKP_ACCESS_KEY_SECRET is empty"
                                                               : "ECSKP_ACCESS_KEY_ID is set");
        if (dup_secret(c, env) != 0)
            return oom();
    }
    const char *id = rq->access_key_id;
    if (id == NULL && !rq->id_in_request)
        id = getenv("ECSKP_ACCESS_KEY_ID");
    const char *token =
        rq->security_token != NULL ? rq->security_token : getenv("ECSKP_SECURITY_TOKEN");
    if (dup_to(&c->access_key_id, id != NULL && id[0] != '\0' ? id : NULL) != 0 ||
        dup_to(&c->security_token, token != NULL && token[0] != '\0' ? token : NULL) != 0)
        return oom();
    (void)snprintf(c->source, sizeof c->source, "%s",
                   rq->secret_file != NULL ? "--secret-file" : "ECSKP_ACCESS_KEY_SECRET");
    return 0;
}

/* The command line's credential options cannot go with a profile: which one was meant would
 * be a guess. */
static int check_options(const cli_creds_request *rq) {
    if (rq->profile == NULL)
        return 0;
    const char *opt = rq->secret_file != NULL      ? "--secret-file"
                      : rq->access_key_id != NULL  ? "--access-key-id"
                      : rq->security_token != NULL ? "--security-token"
                                                   : NULL;
    if (opt == NULL)
        return 0;
    cli_usage(rq->cmd, "--profile and %s both give credentials; keep one", opt);
    return CLI_EXIT_USAGE;
}

static int from_chain(const cli_creds_request *rq, cli_creds *c) {
    int cmdline =
        rq->secret_file != NULL || rq->access_key_id != NULL || rq->security_token != NULL;
    if (cmdline)
        return from_command(rq, c);
    if (rq->profile != NULL)
        return cli_profile_load(rq->cmd, rq->profile, 1, c);
    int rc = from_environment(c);
    if (rc != 1)
        return rc;
    rc = cli_profile_load(rq->cmd, NULL, 0, c);
    if (rc != CLI_PROFILE_ABSENT)
        return rc;
    const char *id = getenv("ECSKP_ACCESS_KEY_ID");
    if (getenv("ECSKP_ACCESS_KEY_SECRET") != NULL || (id != NULL && id[0] != '\0'))
        return from_command(rq, c);
    return cli_refuse_msg(ECSKP_ERR_MISSING_SECRET,
                          "no credentials: set ALIBABA_CLOUD_ACCESS_KEY_ID and "
                          "ALIBABA_CLOUD_ACCESS_KEY_SECRET, configure a profile in "
                          "~/.aliyun/config.json (aliyun configure), or pass --secret-file FILE "
                          "with --access-key-id ID");
}

int cli_creds_load(const cli_creds_request *rq, int require_id, cli_creds *c) {
    memset(c, 0, sizeof *c);
    int rc = check_options(rq);
    if (rc == 0)
        rc = from_chain(rq, c);
    if (rc == 0 && rq->id_in_request && c->access_key_id != NULL) {
        cli_usage(rq->cmd, "the request has AccessKeyId and %s gives one too; keep one",
                  rq->access_key_id != NULL ? "--access-key-id" : c->source);
        rc = CLI_EXIT_USAGE;
    }
    if (rc == 0 && require_id && c->access_key_id == NULL)
        rc = cli_refuse_msg(ECSKP_ERR_MISSING_PARAMETER,
                            "%s gives an AccessKeySecret but no AccessKeyId; pass "
                            "--access-key-id ID or set ECSKP_ACCESS_KEY_ID",
                            c->source);
    if (rc != 0)
        cli_creds_free(c);
    return rc;
}

void cli_creds_free(cli_creds *c) {
    if (c->secret != NULL) {
        cli_wipe(c->secret, c->secret_held > c->secret_len ? c->secret_held : c->secret_len);
        free(c->secret);
    }
    if (c->security_token != NULL) {
        cli_wipe(c->security_token, strlen(c->security_token));
        free(c->security_token);
    }
    free(c->access_key_id);
    free(c->region_id);
    memset(c, 0, sizeof *c);
}
