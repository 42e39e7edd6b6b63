package io.propertylistings.support;

import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.config.Config;

/** A Redis client of the tests' own, to look at and change what the service stored. */
public final class TestRedis {

    private static RedissonClient client;

    private TestRedis() {
    }

    public static synchronized RedissonClient client() {
        if (client == null) {
            Config config = new Config();
            config.useSingleServer().setAddress(PayaraMicroEnvironment.services().redisAddress());
            config.setCodec(ByteArrayCodec.INSTANCE); // the service's; Redisson's default, Kryo, is not on the class path
            client = Redisson.create(config);
            Runtime.getRuntime().addShutdownHook(new Thread(client::shutdown));
        }
        return client;
    }
}
