/* wl_decode.c - decode workloads (added once the decoding API is in the tree). */
#include "workloads.h"

int bench_decode_cases(bench_case *out, size_t cap) {
    (void)out;
    (void)cap;
    return 0;
}
