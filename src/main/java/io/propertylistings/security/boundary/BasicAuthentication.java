package io.propertylistings.security.boundary;

import io.propertylistings.security.control.Logins;
import io.propertylistings.security.control.Logins.Authenticated;
import io.propertylistings.security.control.Logins.Outcome;
import io.propertylistings.security.control.Logins.Refused;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * HTTP Basic through Jakarta Security, portable across servers. A request without an {@code Authorization}
 * header goes on anonymously (reads are public; {@link WriteAuthorization} refuses anonymous writes). A
 * request with one that authenticates nobody ({@code Bearer x}, malformed Basic, a wrong password) is not
 * let through as anonymous: it is marked here and answered 401 (or 429 when throttled) by
 * {@link RefusedCredentials}, before any resource runs, on reads as on writes. So a header that proves
 * nothing never costs a database load, and a client never takes a public answer for one to its credentials.
 * <p>
 * The mechanism only marks the request and lets the JAX-RS filter answer, so that the answer has the API's
 * JSON error body on every server: what a server does with a mechanism's own failure response differs.
 */
@ApplicationScoped
public class BasicAuthentication implements HttpAuthenticationMechanism {

    /** Request attribute: the {@link Outcome} of credentials that authenticated nobody. */
    public static final String REFUSED = BasicAuthentication.class.getName() + ".refused";

    private static final String BASIC = "basic ";

    @Inject
    Logins logins;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        String header = request.getHeader("Authorization");
        if (header == null) {
            return context.doNothing();
        }
        char[] decoded = basic(header);
        int colon = indexOf(decoded, ':');
        if (decoded == null || colon < 0) {
            request.setAttribute(REFUSED, new Refused());
            return context.doNothing();
        }
        String name = new String(decoded, 0, colon);
        char[] password = Arrays.copyOfRange(decoded, colon + 1, decoded.length);
        Arrays.fill(decoded, '\0');
        try {
            Outcome outcome = logins.attempt(name, password, request.getRemoteAddr());
            if (outcome instanceof Authenticated authenticated) {
                return context.notifyContainerAboutLogin(authenticated.account().name(),
                        authenticated.account().roles());
            }
            request.setAttribute(REFUSED, outcome);
            return context.doNothing();
        } finally {
            Arrays.fill(password, '\0');
        }
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
