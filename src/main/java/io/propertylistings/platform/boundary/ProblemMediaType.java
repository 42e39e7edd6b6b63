package io.propertylistings.platform.boundary;

import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;

/**
 * Which type a problem is sent as: {@code application/problem+json}, unless the client's {@code Accept} prefers
 * {@code application/json} to it (RFC 9110 12.5.1: the most specific range that matches gives a type its q),
 * as a client that names only {@code application/json} does. The body is the same either way. A client that
 * accepts neither still gets problem+json: an error is better sent than refused.
 */
final class ProblemMediaType {

    private ProblemMediaType() {
    }

    static String forAccept(List<String> acceptHeaders) {
        if (acceptHeaders == null || acceptHeaders.isEmpty()) {
            return Problem.MEDIA_TYPE;
        }
        double problem = quality(acceptHeaders, "problem+json");
        double json = quality(acceptHeaders, "json");
        return json > problem ? MediaType.APPLICATION_JSON : Problem.MEDIA_TYPE;
    }

    /** The q the Accept headers give {@code application/<subtype>}: that of the most specific matching range. */
    private static double quality(List<String> acceptHeaders, String subtype) {
        double quality = 0;
        int specificity = -1;
        for (String header : acceptHeaders) {
            for (String range : header.split(",")) {
                String[] parts = range.split(";");
                String name = parts[0].trim().toLowerCase(Locale.ROOT);
                int matches = name.equals("application/" + subtype) ? 2
                        : name.equals("application/*") ? 1
                        : name.equals("*/*") ? 0 : -1;
                if (matches > specificity) {
                    specificity = matches;
                    quality = q(parts);
                }
            }
        }
        return quality;
    }

    private static double q(String[] parameters) {
        for (int i = 1; i < parameters.length; i++) {
            String parameter = parameters[i].trim();
            if (parameter.length() > 2 && parameter.regionMatches(true, 0, "q=", 0, 2)) {
                try {
                    return Double.parseDouble(parameter.substring(2).trim());
                } catch (NumberFormatException e) {
                    return 1;
                }
            }
        }
        return 1;
    }
}
