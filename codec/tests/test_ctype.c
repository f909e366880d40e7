/* SPDX-License-Identifier: MIT */
/* test_ctype.c - the byte-class table of internal.h, recomputed from each class's definition,
 * so a wrong number in the hand-written table cannot hide behind the rows that happen to use it. */
#include "ecskp_test.h"
#include "internal.h"

static int alnum(int c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

static int json_bracket(int c) {
    return c == '"' || c == '[' || c == ']' || c == '{' || c == '}';
}

/* Each class exactly as its comment in internal.h defines it. */
static unsigned expected(int c) {
    unsigned v = 0;
    if (alnum(c) || c == '-' || c == '_' || c == '.' || c == '~')
        v |= ECSKP__C_UNRESERVED;
    if (alnum(c) || c == '.')
        v |= ECSKP__C_NAME;
    if (c >= 0x21 && c <= 0x7E && c != '"' && c != '\\')
        v |= ECSKP__C_ID;
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
        v |= ECSKP__C_ID_STRICT;
    if (c >= 0x20 && c <= 0x7F && c != '"' && c != '\\')
        v |= ECSKP__C_JSON_STR;
    if ((c >= 0x20 && c <= 0x7F && !json_bracket(c) && c != ',' && c != '-' &&
         !(c >= '0' && c <= '9')) ||
        c == '\t' || c == '\n' || c == '\r')
        v |= ECSKP__C_JSON_STRICT;
    return v;
}

static void table_matches_definitions(void **state) {
    (void)state;
    size_t bad = 0;
    for (int c = 0; c < 256; c++) {
        unsigned want = expected(c), got = ecskp__ctype[c];
        if (want != got) {
            print_error("byte 0x%02X: table has %u, the definitions give %u\n", (unsigned)c, got,
                        want);
            bad++;
        }
        ecskp_test_true("internal.h ECSKP__C_UNRESERVED", "ecskp__is_unreserved agrees",
                        (ecskp__is_unreserved((unsigned char)c) != 0) ==
                            ((want & ECSKP__C_UNRESERVED) != 0));
    }
    ecskp_test_size("internal.h byte classes", "bytes whose table entry differs", bad, 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(table_matches_definitions)};
    return cmocka_run_group_tests_name("ctype", tests, NULL, NULL);
}
