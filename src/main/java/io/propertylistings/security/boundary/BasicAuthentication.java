package io.propertylistings.security.boundary;

import io.propertylistings.platform.boundary.Problem;
import io.propertylistings.platform.boundary.ProblemType;
import io.propertylistings.security.control.Logins;
import io.propertylistings.security.control.Logins.Authenticated;
import io.propertylistings.security.control.Logins.Outcome;
import io.propertylistings.security.control.Logins.Throttled;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * HTTP Basic, as a pre-matching JAX-RS filter: the same on every server, and free for a request without an
 * {@code Authorization} header, which goes on anonymously (reads are public; {@link WriteAuthorization}
 * refuses anonymous writes). Not a Jakarta Security mechanism: Payara runs one through its JASPIC bridge on
 * every request, public reads included, at about the CPU of a whole cached answer (bench/NOTES.md).
 * <p>
 * A header that authenticates nobody ({@code Bearer x}, malformed Basic, a wrong password) is not let through
 * as anonymous: it is answered 401 (or 429 when throttled) before matching, so before any resource,
 * interceptor or cache, on reads as on writes. So it never costs a database load, and a client never takes a
 * public answer for one to its credentials.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class BasicAuthentication implements ContainerRequestFilter {

    private static final String BASIC = "basic ";

    @Context
    HttpServletRequest servletRequest;

    // Looked up once rather than injected: JAX-RS providers are not CDI beans on every server. The bean is
    // application scoped, so its proxy serves for the provider's life.
    private volatile Logins logins;

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            return;
        }
        char[] decoded = basic(header);
        int colon = indexOf(decoded, ':');
        if (decoded == null || colon < 0) {
            request.abortWith(refused());
            return;
        }
        String name = new String(decoded, 0, colon);
        char[] password = Arrays.copyOfRange(decoded, colon + 1, decoded.length);
        Arrays.fill(decoded, '\0');
        try {
            Outcome outcome = logins().attempt(name, password, servletRequest.getRemoteAddr());
            if (outcome instanceof Authenticated authenticated) {
                request.setSecurityContext(new Caller(authenticated.account(), request.getSecurityContext().isSecure()));
            } else if (outcome instanceof Throttled throttled) {
                // The same words for a name and an address, and whether or not the name exists.
                request.abortWith(Problem.of(ProblemType.LOGIN_THROTTLED, "too many failed logins, try again later")
                        .response()
                        .header(HttpHeaders.RETRY_AFTER, throttled.retryAfterSeconds())
                        .build());
            } else {
                request.abortWith(refused());
            }
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private Logins logins() {
        Logins found = logins;
        if (found == null) {
            found = CDI.current().select(Logins.class).get();
            logins = found;
        }
        return found;
    }

    private static Response refused() {
        return Problem.of(Response.Status.UNAUTHORIZED, "the credentials are not valid").response()
                .header(HttpHeaders.WWW_AUTHENTICATE, SecurityConfiguration.challenge())
                .build();
    }

    /** The user-pass of a Basic header, decoded as UTF-8 (RFC 7617, charset="UTF-8"); null when it is none. */
    static char[] basic(String header) {
        if (header.length() <= BASIC.length() || !header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(header.substring(BASIC.length()).trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            char[] result = new char[chars.remaining()];
            chars.get(result);
            return result;
        } catch (CharacterCodingException e) {
            return null;
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static int indexOf(char[] chars, char wanted) {
        if (chars == null) {
            return -1;
        }
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
