/*
 * peak_scan.c - --peak-by-size: peak heap of one ecskp_decode() call against the body size.
 *
 * DetachKeyPair success bodies shaped like json50/xml50 (unindented, the documented key order),
 * with N Results and IDs `i-` + 20 digits, in both formats. The parsers' fixed costs dominate
 * small bodies; this shows how the peak-to-body ratio moves as bodies grow.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ecskp/decode.h"

#include "bench.h"
#include "peak_scan.h"

#define REQUEST_ID "834B3E6B-2D1D-482F-81A4-810C327D4735"

/* Appends formatted text; returns the new length, or cap when it did not fit. */
static size_t append(char *buf, size_t cap, size_t at, const char *text) {
    size_t n = strlen(text);
    if (at >= cap || n >= cap - at)
        return cap;
    memcpy(buf + at, text, n + 1);
    return at + n;
}

static size_t build(char *buf, size_t cap, int xml, int results) {
    char item[256];
    size_t at = 0;
    if (xml)
        snprintf(item, sizeof item,
                 "<?xml version=\"1.0\" encoding=\"UTF-8\"?><DetachKeyPairResponse><TotalCount>%d"
                 "</TotalCount><RequestId>" REQUEST_ID "</RequestId><Results>",
                 results);
    else
        snprintf(item, sizeof item,
                 "{\"TotalCount\":%d,\"RequestId\":\"" REQUEST_ID "\",\"Results\":{\"Result\":[",
                 results);
    at = append(buf, cap, at, item);
    for (int i = 0; i < results && at < cap; i++) {
        if (xml)
            snprintf(item, sizeof item,
                     "<Result><Message>successful</Message><InstanceId>i-%020d</InstanceId>"
                     "<Success>true</Success><Code>200</Code></Result>",
                     i);
        else
            snprintf(item, sizeof item,
                     "%s{\"Message\":\"successful\",\"InstanceId\":\"i-%020d\",\"Success\":true,"
                     "\"Code\":\"200\"}",
                     i ? "," : "", i);
        at = append(buf, cap, at, item);
    }
    at = append(buf, cap, at,
                xml ? "</Results><FailCount>0</FailCount></DetachKeyPairResponse>"
                    : "]},\"FailCount\":0}");
    return at;
}

int bench_peak_by_size(void) {
    static const int counts[] = {1, 10, 50, 100, 200, 500, 1000};
    printf("%-5s %8s %9s %9s %7s %7s\n", "fmt", "results", "body B", "peak B", "peak/B", "allocs");
    for (size_t k = 0; k < sizeof counts / sizeof counts[0]; k++) {
        for (int xml = 0; xml < 2; xml++) {
            size_t cap = (size_t)counts[k] * 256 + 1024;
            char *body = malloc(cap);
            if (body == NULL)
                return -1;
            size_t len = build(body, cap, xml, counts[k]);
            if (len >= cap) {
                free(body);
                return -1;
            }
            ecskp_decode_options opt;
            memset(&opt, 0, sizeof opt);
            opt.action = ECSKP_ACTION_DETACH_KEY_PAIR;
            opt.format = xml ? ECSKP_FORMAT_XML : ECSKP_FORMAT_JSON;
            opt.http_status = 200;
            opt.alloc = bench_counting_allocator();
            bench_alloc_stats st = {0};
            int rc = 0;
            /* The second call is the one reported: parsers' one-time set-up is done by then. */
            for (int round = 0; round < 2 && rc == 0; round++) {
                ecskp_response *r = NULL;
                bench_alloc_reset();
                if (ecskp_decode(body, len, &opt, &r, NULL) != ECSKP_OK)
                    rc = -1;
                ecskp_response_free(r);
                st = bench_alloc_read();
            }
            free(body);
            if (rc != 0)
                return -1;
            printf("%-5s %8d %9zu %9zu %7.2f %7zu\n", xml ? "XML" : "JSON", counts[k], len, st.peak,
                   (double)st.peak / (double)len, st.allocs);
        }
    }
    return 0;
}
