package io.propertylistings.bench.ceiling;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The benchmark-only WAR (context root /ceiling): never part of the production WAR. */
@ApplicationPath("/")
public class CeilingApplication extends Application {
}
