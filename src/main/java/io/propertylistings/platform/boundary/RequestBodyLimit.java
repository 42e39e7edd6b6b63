package io.propertylistings.platform.boundary;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Bodies over 64 KiB are refused with 413, whether they announce their length or are streamed in chunks. */
@Provider
@PreMatching
public class RequestBodyLimit implements ContainerRequestFilter {

    public static final int MAX_BYTES = 64 * 1024;

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() > MAX_BYTES) {
            throw tooLarge();
        }
        request.setEntityStream(new Limited(request.getEntityStream()));
    }

    static WebApplicationException tooLarge() {
        return new WebApplicationException("the body is larger than " + MAX_BYTES + " bytes",
                Response.Status.REQUEST_ENTITY_TOO_LARGE);
    }

    private static final class Limited extends FilterInputStream {

        private long remaining = MAX_BYTES;

        Limited(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            if (read > 0) {
                count(read);
            }
            return read;
        }

        private void count(int read) {
            remaining -= read;
            if (remaining < 0) {
                throw tooLarge();
            }
        }
    }
}
