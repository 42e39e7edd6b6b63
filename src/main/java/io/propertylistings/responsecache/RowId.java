package io.propertylistings.responsecache;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the parameter of a {@link CachedResponse} method that names the one row its answer depends on (a
 * number): the entry is evicted by a change to that row, or to every row, and outlives changes to other rows.
 * Without it an answer depends on every row, as a list does.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface RowId {
}
