package io.propertylistings.gzip;

/**
 * CRC-32 of a concatenation from the CRC-32s of its parts (zlib's {@code crc32_combine}), which the JDK does
 * not offer: a gzip spliced from stored parts needs the CRC of the whole without reading the parts again.
 */
final class Crc32 {

    private static final int POLY = 0xedb88320; // reflected CRC-32 polynomial
    private static final int[] X2N = new int[32]; // x^(2^n) modulo the polynomial

    static {
        int p = 1 << 30; // x^1
        X2N[0] = p;
        for (int n = 1; n < 32; n++) {
            X2N[n] = p = multiply(p, p);
        }
    }

    private Crc32() {
    }

    /** The CRC-32 of {@code A || B}, given that of A, that of B and the length of B. */
    static long combine(long crcA, long crcB, long lengthB) {
        return (multiply(powerOfX(lengthB), (int) crcA) ^ (int) crcB) & 0xffffffffL;
    }

    // a * b modulo the polynomial; a must not be 0.
    private static int multiply(int a, int b) {
        int m = 1 << 31;
        int p = 0;
        for (;;) {
            if ((a & m) != 0) {
                p ^= b;
                if ((a & (m - 1)) == 0) {
                    return p;
                }
            }
            m >>>= 1;
            b = (b & 1) != 0 ? (b >>> 1) ^ POLY : b >>> 1;
        }
    }

    // x^(8 * bytes) modulo the polynomial.
    private static int powerOfX(long bytes) {
        int p = 1 << 31; // x^0
        int k = 3;
        for (long n = bytes; n != 0; n >>>= 1, k++) {
            if ((n & 1) != 0) {
                p = multiply(X2N[k & 31], p);
            }
        }
        return p;
    }
}
