package io.propertylistings.support;

import java.nio.charset.StandardCharsets;
import org.redisson.connection.CRC16;

/** The Redis Cluster hash slot of a key: CRC16 of its hash tag (the first non-empty {...}) or of all of it. */
public final class HashSlot {

    private HashSlot() {
    }

    public static int of(String key) {
        int open = key.indexOf('{');
        if (open >= 0) {
            int close = key.indexOf('}', open + 1);
            if (close > open + 1) {
                key = key.substring(open + 1, close);
            }
        }
        return CRC16.crc16(key.getBytes(StandardCharsets.UTF_8)) % 16384;
    }
}
