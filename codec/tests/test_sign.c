/* test_sign.c - being written; this placeholder fails so it cannot pass by accident. */
int main(void) {
    return 1;
}
