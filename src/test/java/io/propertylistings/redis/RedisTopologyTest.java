package io.propertylistings.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redisson.config.ClusterServersConfig;
import org.redisson.config.Config;
import org.redisson.config.ReadMode;
import org.redisson.config.SentinelServersConfig;
import org.redisson.config.SingleServerConfig;
import org.redisson.config.SslVerificationMode;

class RedisTopologyTest {

    /** The defaults of microprofile-config.properties. */
    private static Map<String, String> defaults() {
        Map<String, String> values = new HashMap<>();
        values.put("redis.mode", "single");
        values.put("redis.address", "redis://localhost:6379");
        values.put("redis.database", "0");
        values.put("redis.timeout-ms", "500");
        values.put("redis.connect-timeout-ms", "1000");
        values.put("redis.retry-attempts", "0");
        return values;
    }

    private static Config configure(Map<String, String> values) {
        return RedisTopology.configure(key -> Optional.ofNullable(values.get(key)));
    }

    private static String refusal(Map<String, String> values) {
        return assertThrows(IllegalArgumentException.class, () -> configure(values)).getMessage();
    }

    @Test
    void singleIsTheDefaultAndKeepsTodaysSettings() {
        Map<String, String> values = defaults();
        values.remove("redis.mode");
        values.put("redis.database", "3");
        Config config = configure(values);
        assertTrue(config.isSingleConfig());
        SingleServerConfig single = config.useSingleServer();
        assertEquals("redis://localhost:6379", single.getAddress());
        assertEquals(3, single.getDatabase());
        assertEquals(500, single.getTimeout());
        assertEquals(1000, single.getConnectTimeout());
        assertEquals(0, single.getRetryAttempts());
        assertTrue(config.isLazyInitialization());
        assertNull(config.getPassword());
        assertEquals(4, config.getThreads());
        assertEquals(4, config.getNettyThreads());
        assertEquals(16, single.getConnectionPoolSize());
        assertEquals(2, single.getConnectionMinimumIdleSize());
    }

    @Test
    void sentinelNeedsTheMasterNameAndTheSentinels() {
        Map<String, String> values = defaults();
        values.put("redis.mode", "SENTINEL");
        values.put("redis.sentinel.master-name", "listings");
        values.put("redis.sentinel.addresses", " redis://10.0.0.1:26379, redis://10.0.0.2:26379 ,redis://10.0.0.3:26379");
        values.put("redis.timeout-ms", "700");
        values.put("redis.retry-attempts", "2");
        values.put("redis.sentinel.password", "sentinel-secret");
        Config config = configure(values);
        assertTrue(config.isSentinelConfig());
        SentinelServersConfig sentinel = config.useSentinelServers();
        assertEquals("listings", sentinel.getMasterName());
        assertEquals(List.of("redis://10.0.0.1:26379", "redis://10.0.0.2:26379", "redis://10.0.0.3:26379"),
                sentinel.getSentinelAddresses());
        assertEquals(700, sentinel.getTimeout());
        assertEquals(1000, sentinel.getConnectTimeout());
        assertEquals(2, sentinel.getRetryAttempts());
        assertEquals(ReadMode.MASTER, sentinel.getReadMode());
        assertEquals("sentinel-secret", sentinel.getSentinelPassword());
        assertEquals(1000, sentinel.getScanInterval());
        assertEquals(16, sentinel.getMasterConnectionPoolSize());
    }

    @Test
    void clusterNeedsNodeAddressesAndReadsMastersOnly() {
        Map<String, String> values = defaults();
        values.put("redis.mode", "cluster");
        values.put("redis.cluster.addresses", "redis://a:7000,redis://b:7001");
        values.put("redis.connect-timeout-ms", "2000");
        Config config = configure(values);
        assertTrue(config.isClusterConfig());
        ClusterServersConfig cluster = config.useClusterServers();
        assertEquals(List.of("redis://a:7000", "redis://b:7001"), cluster.getNodeAddresses());
        assertEquals(ReadMode.MASTER, cluster.getReadMode());
        assertEquals(2, cluster.getMasterConnectionMinimumIdleSize());
        assertEquals(500, cluster.getTimeout());
        assertEquals(2000, cluster.getConnectTimeout());
        assertEquals(1000, cluster.getScanInterval());
        assertEquals(0, cluster.getRetryAttempts());
    }

    @Test
    void credentialsApplyToEveryMode() {
        for (String mode : List.of("single", "sentinel", "cluster")) {
            Map<String, String> values = defaults();
            values.put("redis.mode", mode);
            values.put("redis.sentinel.master-name", "m");
            values.put("redis.sentinel.addresses", "redis://s:26379");
            values.put("redis.cluster.addresses", "redis://c:7000");
            values.put("redis.username", "listings");
            values.put("redis.password", "secret");
            Config config = configure(values);
            assertEquals("listings", config.getUsername(), mode);
            assertEquals("secret", config.getPassword(), mode);
        }
    }

    @Test
    void tlsIsRedissAddressesWithAnOptionalTruststore(@TempDir Path directory) throws Exception {
        Path truststore = Files.write(directory.resolve("redis-ca.p12"), new byte[] {1});
        Map<String, String> values = defaults();
        values.put("redis.mode", "cluster");
        values.put("redis.cluster.addresses", "rediss://redis-0.internal:6380");
        values.put("redis.ssl.truststore", truststore.toString());
        values.put("redis.ssl.truststore-password", "changeit");
        values.put("redis.ssl.verification", "ca_only");
        Config config = configure(values);
        assertEquals(List.of("rediss://redis-0.internal:6380"), config.useClusterServers().getNodeAddresses());
        assertEquals(truststore.toUri().toURL(), config.getSslTruststore());
        assertEquals("changeit", config.getSslTruststorePassword());
        assertEquals(SslVerificationMode.CA_ONLY, config.getSslVerificationMode());
    }

    @Test
    void withoutATruststoreTheJvmsTrustedAuthoritiesApply() {
        Map<String, String> values = defaults();
        values.put("redis.address", "rediss://cache.example.net:6380");
        Config config = configure(values);
        assertEquals("rediss://cache.example.net:6380", config.useSingleServer().getAddress());
        assertNull(config.getSslTruststore());
        assertEquals(SslVerificationMode.STRICT, config.getSslVerificationMode());
    }

    @Test
    void anUnknownModeIsRefusedNamingTheKey() {
        Map<String, String> values = defaults();
        values.put("redis.mode", "replicated");
        assertEquals("Redis configuration: redis.mode 'replicated' is not one of single, sentinel, cluster",
                refusal(values));
    }

    @Test
    void missingAddressesAreRefusedNamingTheKey() {
        Map<String, String> values = defaults();
        values.put("redis.mode", "sentinel");
        values.put("redis.sentinel.addresses", "redis://s:26379");
        assertEquals("Redis configuration: redis.sentinel.master-name is required when redis.mode is sentinel",
                refusal(values));
        values.put("redis.sentinel.master-name", "m");
        values.remove("redis.sentinel.addresses");
        assertEquals("Redis configuration: redis.sentinel.addresses is required when redis.mode is sentinel",
                refusal(values));
        values.put("redis.sentinel.addresses", " , ");
        assertEquals("Redis configuration: redis.sentinel.addresses needs at least one address", refusal(values));

        Map<String, String> cluster = defaults();
        cluster.put("redis.mode", "cluster");
        assertEquals("Redis configuration: redis.cluster.addresses is required when redis.mode is cluster",
                refusal(cluster));
        Map<String, String> single = defaults();
        single.remove("redis.address");
        assertTrue(refusal(single).contains("redis.address is required"));
    }

    @Test
    void malformedValuesAreRefusedNamingTheKey() {
        Map<String, String> values = defaults();
        values.put("redis.mode", "cluster");
        values.put("redis.cluster.addresses", "redis://a:7000,b:7001");
        assertEquals("Redis configuration: redis.cluster.addresses 'b:7001' is not redis://host:port or rediss://host:port",
                refusal(values));
        values.put("redis.cluster.addresses", "redis://a:7000");
        values.put("redis.database", "2");
        assertEquals("Redis configuration: redis.database a Redis Cluster has database 0 only", refusal(values));
        values.put("redis.database", "0");
        values.put("redis.timeout-ms", "fast");
        assertEquals("Redis configuration: redis.timeout-ms 'fast' is not a whole number", refusal(values));
        values.put("redis.timeout-ms", "500");
        values.put("redis.ssl.truststore", "/no/such/truststore.p12");
        assertEquals("Redis configuration: redis.ssl.truststore no such file: /no/such/truststore.p12", refusal(values));
        values.remove("redis.ssl.truststore");
        values.put("redis.ssl.verification", "sometimes");
        assertTrue(refusal(values).startsWith("Redis configuration: redis.ssl.verification 'sometimes'"));
        assertFalse(configure(defaults()).isClusterConfig());
    }
}
