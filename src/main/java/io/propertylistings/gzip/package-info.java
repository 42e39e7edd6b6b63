/** Gzip as the caches store it: whole bodies, and the list's JSON array gzipped so that it can be spliced. */
package io.propertylistings.gzip;
