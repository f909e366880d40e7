/* SPDX-License-Identifier: MIT */
/*
 * peak_scan.c - --peak-by-size: peak heap of one ecskp_response_decode() call against the body
 * size.
 *
 * DetachKeyPair success bodies shaped like json50/xml50 with N Results (bench_success_body), in
 * both formats. The parsers' fixed costs dominate
 * small bodies; this shows how the peak-to-body ratio moves as bodies grow.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ecskp/decode.h"

#include "bench.h"
#include "bodies.h"
#include "peak_scan.h"

int bench_peak_by_size(void) {
    static const int counts[] = {1, 10, 50, 100, 200, 500, 1000};
    printf("%-5s %8s %9s %9s %7s %7s\n", "fmt", "results", "body B", "peak B", "peak/B", "allocs");
    for (size_t k = 0; k < sizeof counts / sizeof counts[0]; k++) {
        for (int xml = 0; xml < 2; xml++) {
            size_t cap = (size_t)counts[k] * 256 + 1024;
            char *body = malloc(cap);
            if (body == NULL)
                return -1;
            size_t len = bench_success_body(body, cap, xml, counts[k]);
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
                if (ecskp_response_decode(body, len, &opt, &r, NULL) != ECSKP_OK)
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
