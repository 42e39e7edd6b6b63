package io.propertylistings.platform.boundary;

import jakarta.ejb.ApplicationException;
import java.util.List;

/**
 * A request this API refuses, with what is wrong field by field. An application exception, so that thrown
 * from an EJB it reaches the client as it is (a 400) and rolls the transaction back.
 */
@ApplicationException(rollback = true)
public class InvalidRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<Problem.Violation> violations;

    public InvalidRequestException(String message, List<Problem.Violation> violations) {
        super(message);
        this.violations = List.copyOf(violations);
    }

    public List<Problem.Violation> violations() {
        return violations;
    }
}
