package io.propertylistings.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The class's tests run against the built WAR on a Payara Micro in the given configuration, shared with every
 * other class of that configuration ({@link SharedServers}). Constructors and methods of the class may take an
 * {@link Http} (an anonymous client of the application), a {@link java.net.URI} (where it answers) or a
 * {@link ServerConsole} (what the server logged).
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(SharedServers.class)
public @interface SharedServer {

    TestServer value();
}
