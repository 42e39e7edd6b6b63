package io.propertylistings.responsecache;

/** Which content coding a client accepts (RFC 9110, section 12.5.3), as far as this service offers: gzip. */
final class ContentCoding {

    // Weights in thousandths: a qvalue has at most three decimals.
    private static final int FULL = 1000;
    private static final int NOT_NAMED = -1;

    private ContentCoding() {
    }

    /**
     * Whether to send gzip rather than identity. Gzip weighs its own q if named (as gzip or x-gzip, the higher if
     * both), else that of {@code *}, else 0; identity weighs its own q if named, else that of {@code *}. Gzip goes
     * when it weighs more than 0 and at least as much as identity. An identity the client does not weigh at all
     * is only the fallback (acceptable unless excluded, no preference over a coding it names), so
     * {@code gzip;q=0.5} alone is gzip. Otherwise identity goes, even when the client refused it
     * ({@code identity;q=0}): servers commonly do so rather than answer 406. A q that is not a qvalue (above 1,
     * more than three decimals, not a number) counts as 0, so gzip never goes on a weight that cannot be read.
     */
    public static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        int gzip = NOT_NAMED;
        int identity = NOT_NAMED;
        int any = NOT_NAMED;
        int length = acceptEncoding.length();
        for (int start = 0; start <= length;) {
            int end = acceptEncoding.indexOf(',', start);
            end = end < 0 ? length : end;
            int nameEnd = acceptEncoding.indexOf(';', start);
            nameEnd = nameEnd < 0 || nameEnd > end ? end : nameEnd;
            int from = skipSpace(acceptEncoding, start, nameEnd);
            int to = trimSpace(acceptEncoding, from, nameEnd);
            if (is(acceptEncoding, from, to, "gzip") || is(acceptEncoding, from, to, "x-gzip")) {
                gzip = Math.max(gzip, weight(acceptEncoding, nameEnd, end));
            } else if (is(acceptEncoding, from, to, "identity")) {
                identity = Math.max(identity, weight(acceptEncoding, nameEnd, end));
            } else if (is(acceptEncoding, from, to, "*")) {
                any = Math.max(any, weight(acceptEncoding, nameEnd, end));
            }
            start = end + 1;
        }
        int gzipWeight = gzip != NOT_NAMED ? gzip : any != NOT_NAMED ? any : 0;
        int identityWeight = identity != NOT_NAMED ? identity : any != NOT_NAMED ? any : 0;
        return gzipWeight > 0 && gzipWeight >= identityWeight;
    }

    /** The strong ETag of the gzip representation, derived from the identity one. */
    public static String gzipEtag(String etag) {
        return etag.substring(0, etag.length() - 1) + "-gzip\"";
    }

    // The q parameter among the ";"-separated parameters in [from, to), in thousandths; 1 without one.
    private static int weight(String header, int from, int to) {
        for (int start = from + 1; start <= to;) {
            int end = header.indexOf(';', start);
            end = end < 0 || end > to ? to : end;
            int equals = header.indexOf('=', start);
            if (equals >= 0 && equals < end) {
                int nameFrom = skipSpace(header, start, equals);
                if (is(header, nameFrom, trimSpace(header, nameFrom, equals), "q")) {
                    int valueFrom = skipSpace(header, equals + 1, end);
                    return Math.max(qvalue(header, valueFrom, trimSpace(header, valueFrom, end)), 0);
                }
            }
            start = end + 1;
        }
        return FULL;
    }

    // qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ), in thousandths; -1 if it is none.
    private static int qvalue(String header, int from, int to) {
        int length = to - from;
        if (length < 1 || length > 5 || length > 1 && header.charAt(from + 1) != '.') {
            return -1;
        }
        char unit = header.charAt(from);
        if (unit != '0' && unit != '1') {
            return -1;
        }
        int thousandths = 0;
        int scale = 100;
        for (int i = from + 2; i < to; i++, scale /= 10) {
            char digit = header.charAt(i);
            if (digit < '0' || digit > '9') {
                return -1;
            }
            thousandths += (digit - '0') * scale;
        }
        if (unit == '1' && thousandths > 0) {
            return -1;
        }
        return (unit - '0') * FULL + thousandths;
    }

    private static boolean is(String header, int from, int to, String name) {
        return to - from == name.length() && header.regionMatches(true, from, name, 0, name.length());
    }

    // Optional whitespace (RFC 9110, section 5.6.3) is spaces and tabs.
    private static int skipSpace(String header, int from, int to) {
        while (from < to && (header.charAt(from) == ' ' || header.charAt(from) == '\t')) {
            from++;
        }
        return from;
    }

    private static int trimSpace(String header, int from, int to) {
        while (to > from && (header.charAt(to - 1) == ' ' || header.charAt(to - 1) == '\t')) {
            to--;
        }
        return to;
    }
}
