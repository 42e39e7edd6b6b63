package io.propertylistings.support;

import java.util.Locale;

/** The English of the demo and benchmark rows: "An apartment in Tokyo with 1 room". */
public final class DemoText {

    private DemoText() {
    }

    /** {@code kind} after its indefinite article, to begin a sentence: "An apartment", "A villa". */
    public static String sentenceStart(String kind) {
        String noun = kind.toLowerCase(Locale.ROOT);
        return ("aeiou".indexOf(noun.charAt(0)) >= 0 ? "An " : "A ") + noun;
    }

    public static String rooms(int count) {
        return count + (count == 1 ? " room" : " rooms");
    }
}
