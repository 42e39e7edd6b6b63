package io.propertylistings.responsecache;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.WithAnnotations;
import java.util.ArrayList;
import java.util.List;

/**
 * Refuses the deployment of a {@link CachedResponse} method whose answer could depend on request state that
 * {@link ResponseVariation} does not name (a header, a cookie, the request's context): the cache would serve
 * one request's answer for another, and the early path would not even ask the method. A portable extension,
 * so every CDI container runs it before the first request.
 */
public class CachedMethodsCheck implements Extension {

    private final List<String> refusals = new ArrayList<>();

    <T> void check(@Observes @WithAnnotations(CachedResponse.class) ProcessAnnotatedType<T> type) {
        boolean everyMethod = type.getAnnotatedType().isAnnotationPresent(CachedResponse.class);
        for (AnnotatedMethod<? super T> method : type.getAnnotatedType().getMethods()) {
            if (everyMethod || method.isAnnotationPresent(CachedResponse.class)) {
                ResponseVariation.refusal(method.getJavaMember()).ifPresent(refusals::add);
            }
        }
    }

    void refuse(@Observes AfterBeanDiscovery discovery) {
        refusals.forEach(reason -> discovery.addDefinitionError(new DefinitionException(reason)));
    }
}
