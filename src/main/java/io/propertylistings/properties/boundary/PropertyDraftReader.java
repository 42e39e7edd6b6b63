package io.propertylistings.properties.boundary;

import io.propertylistings.platform.boundary.Problem.Violation;
import io.propertylistings.platform.boundary.InvalidRequestException;
import io.propertylistings.properties.entity.Property;
import io.propertylistings.properties.entity.PropertyDraft;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.WebApplicationException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a property from a request body, strictly: a JSON object with known fields of the right types, then
 * the Bean Validation limits. Everything wrong is reported at once, field by field, as a 400.
 */
@ApplicationScoped
public class PropertyDraftReader {

    static final Set<String> FIELDS = Set.of("title", "description", "price", "location");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,12}(\\.\\d{1,12})?");

    @Inject
    Validator validator;

    public JsonObject object(InputStream body) {
        JsonValue value;
        try (JsonReader reader = Json.createReader(body)) {
            value = reader.readValue();
        } catch (WebApplicationException e) {
            throw e; // the body limit's 413
        } catch (RuntimeException e) {
            // JsonException for malformed input, and whatever a parser throws for input it cannot handle
            throw new InvalidRequestException("the body is not valid JSON", List.of());
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new InvalidRequestException("the body must be a JSON object", List.of());
        }
        return value.asJsonObject();
    }

    public PropertyDraft draft(JsonObject json) {
        List<Violation> problems = new ArrayList<>();
        for (String field : json.keySet()) {
            if (!FIELDS.contains(field)) {
                problems.add(new Violation(shorten(field), "unknown field"));
            }
        }
        PropertyDraft draft = new PropertyDraft(text(json, "title", problems), text(json, "description", problems),
                decimal(json, "price", problems), text(json, "location", problems));
        if (problems.isEmpty()) {
            for (ConstraintViolation<PropertyDraft> violation : validator.validate(draft)) {
                problems.add(new Violation(violation.getPropertyPath().toString(), violation.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparing(Violation::field).thenComparing(Violation::message));
            throw new InvalidRequestException("the request is not valid", problems);
        }
        return draft;
    }

    /** The fields a merge patch applies to. */
    public JsonObject fields(Property property) {
        return Json.createObjectBuilder()
                .add("title", property.getTitle())
                .add("description", property.getDescription())
                .add("price", property.getPrice())
                .add("location", property.getLocation())
                .build();
    }

    private static String text(JsonObject json, String field, List<Violation> problems) {
        JsonValue value = json.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonString string) {
            if (string.getString().indexOf('\u0000') >= 0) {
                // PostgreSQL cannot store NUL in text; refuse it here rather than fail in the database.
                problems.add(new Violation(field, "must not contain NUL characters"));
                return null;
            }
            return string.getString();
        }
        problems.add(new Violation(field, "must be a string"));
        return null;
    }

    private static BigDecimal decimal(JsonObject json, String field, List<Violation> problems) {
        JsonValue value = json.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        try {
            if (value instanceof JsonNumber number) {
                return number.bigDecimalValue();
            }
            if (value instanceof JsonString string && DECIMAL.matcher(string.getString()).matches()) {
                return new BigDecimal(string.getString());
            }
        } catch (ArithmeticException | NumberFormatException | JsonException e) {
            // a number too large to represent: reported below like any other bad number
        }
        problems.add(new Violation(field, "must be a decimal number"));
        return null;
    }

    private static String shorten(String field) {
        return field.length() <= 64 ? field : field.substring(0, 64) + "...";
    }
}
