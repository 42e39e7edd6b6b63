/** Gzip as the caches store it: whole bodies, stored once and sent as they are to every client that takes gzip. */
package io.propertylistings.gzip;
