package io.propertylistings.caching.control;

/** Which content coding a client accepts (RFC 9110, section 12.5.3), as far as this service offers: gzip. */
public final class ContentCoding {

    private ContentCoding() {
    }

    public static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.split(",")) {
            String[] coding = part.trim().split(";");
            String name = coding[0].trim().toLowerCase(java.util.Locale.ROOT);
            if ((name.equals("gzip") || name.equals("x-gzip") || name.equals("*")) && !refused(coding)) {
                return true;
            }
        }
        return false;
    }

    /** The strong ETag of the gzip representation, derived from the identity one. */
    public static String gzipEtag(String etag) {
        return etag.substring(0, etag.length() - 1) + "-gzip\"";
    }

    private static boolean refused(String[] coding) {
        for (int i = 1; i < coding.length; i++) {
            String parameter = coding[i].trim().replace(" ", "");
            if (parameter.matches("q=0(\\.0{0,3})?")) {
                return true;
            }
        }
        return false;
    }
}
