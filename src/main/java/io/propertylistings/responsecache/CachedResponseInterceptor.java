package io.propertylistings.responsecache;

import io.propertylistings.caching.CacheEntry;
import io.propertylistings.caching.CacheLevel;
import io.propertylistings.caching.Cached;
import io.propertylistings.caching.GenerationalCache;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.json.bind.Jsonb;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The response level's face: keys a {@link CachedResponse} method's call by its arguments and gets the
 * answer from {@link GenerationalCache}, which renders it (once, to bytes with an ETag) only on a miss.
 */
@CachedResponse(name = "")
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class CachedResponseInterceptor {

    private final Map<Method, Binding> bindings = new ConcurrentHashMap<>();

    @Inject
    GenerationalCache cache;

    @Inject
    Jsonb jsonb;

    /** The method's name and TTL, and which of its parameters is its {@link RowId} (-1: none). */
    private record Binding(String name, Duration ttl, int row) {
    }

    @AroundInvoke
    public Object serve(InvocationContext invocation) {
        Binding binding = binding(invocation.getMethod());
        Object[] arguments = invocation.getParameters();
        CacheEntry<RenderedResponse> entry = new CacheEntry<>(CacheLevel.RESPONSE,
                ResponseVariation.key(binding.name(), arguments), RenderedResponse.CODEC, binding.ttl(),
                binding.row() < 0 ? CacheEntry.EVERY_ROW : ((Number) arguments[binding.row()]).longValue());
        Cached<RenderedResponse> cached = cache.get(entry,
                () -> RenderedResponse.of(proceed(invocation), jsonb, binding.ttl()));
        return cached.value().answer(cached.outcome(), ResponseVariation.owner(arguments).isPresent(), entry);
    }

    private static Response proceed(InvocationContext invocation) {
        try {
            return (Response) invocation.proceed();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Binding binding(Method method) {
        return bindings.computeIfAbsent(method, m -> {
            CachedResponse binding = m.isAnnotationPresent(CachedResponse.class)
                    ? m.getAnnotation(CachedResponse.class)
                    : m.getDeclaringClass().getAnnotation(CachedResponse.class);
            long seconds = ConfigProvider.getConfig()
                    .getOptionalValue("caching.response." + binding.name() + ".ttl-seconds", Long.class)
                    .orElse(binding.ttlSeconds());
            int row = -1;
            for (int i = 0; i < m.getParameterCount(); i++) {
                if (m.getParameters()[i].isAnnotationPresent(RowId.class)) {
                    row = i;
                }
            }
            return new Binding(binding.name(), Duration.ofSeconds(seconds), row);
        });
    }
}
