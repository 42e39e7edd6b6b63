package io.propertylistings.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemMediaTypeTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String JSON = "application/json";

    @Test
    void problemJsonUnlessTheClientPrefersPlainJson() {
        assertEquals(PROBLEM, ProblemMediaType.forAccept(null));
        assertEquals(PROBLEM, ProblemMediaType.forAccept(List.of()));
        assertEquals(PROBLEM, ProblemMediaType.forAccept(List.of("*/*")));
        assertEquals(PROBLEM, ProblemMediaType.forAccept(List.of("application/*")));
        assertEquals(PROBLEM, ProblemMediaType.forAccept(List.of("application/problem+json")));
        assertEquals(JSON, ProblemMediaType.forAccept(List.of("application/json")));
        assertEquals(JSON, ProblemMediaType.forAccept(List.of("Application/JSON; charset=utf-8")));
        assertEquals(JSON, ProblemMediaType.forAccept(List.of("application/json, */*;q=0.1")));
        assertEquals(JSON, ProblemMediaType.forAccept(List.of("text/html", "application/json")));
        // Equal weights: the problem type, which says more.
        assertEquals(PROBLEM, ProblemMediaType.forAccept(List.of("application/json, text/plain, */*")));
        assertEquals(PROBLEM, ProblemMediaType.forAccept(List.of("application/json;q=0.5, application/problem+json")));
        assertEquals(JSON, ProblemMediaType.forAccept(List.of("application/problem+json;q=0, application/json")));
    }

    @Test
    void aClientThatTakesNeitherStillGetsTheProblem() {
        assertEquals(PROBLEM, ProblemMediaType.forAccept(List.of("text/html")));
        assertEquals(PROBLEM, ProblemMediaType.forAccept(List.of("image/png;q=oops")));
        assertEquals(PROBLEM, ProblemMediaType.forAccept(List.of("application/json;q=0")));
    }
}
