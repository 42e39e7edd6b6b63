package io.propertylistings.platform.boundary;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Comparator;
import java.util.List;

/** Bean Validation failures: 400 naming each bad field. */
@Provider
public class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {

    @Override
    public Response toResponse(ConstraintViolationException exception) {
        List<ErrorResponse.Violation> violations = exception.getConstraintViolations().stream()
                .map(violation -> new ErrorResponse.Violation(field(violation), violation.getMessage()))
                .sorted(Comparator.comparing(ErrorResponse.Violation::field))
                .toList();
        return ErrorResponse.of(Response.Status.BAD_REQUEST, "the request is not valid", violations);
    }

    /** The JSON field, not the Java path: {@code create.arg0.price} becomes {@code price}. */
    static String field(ConstraintViolation<?> violation) {
        String field = "body";
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == jakarta.validation.ElementKind.PROPERTY) {
                field = node.getName();
            }
        }
        return field;
    }
}
