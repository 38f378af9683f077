package io.modelops.orchestrator.monitoring;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * A time with a four-digit year, 0001 to 9999 in UTC. JSON accepts years like {@code +300000},
 * which no database stores.
 */
@Documented
@Constraint(validatedBy = ObservationTime.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@interface ObservationTime {

  String MESSAGE = "must be between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999999Z";

  String message() default MESSAGE;

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Checks {@link ObservationTime}. */
  class Validator implements ConstraintValidator<ObservationTime, OffsetDateTime> {

    private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999Z");

    @Override
    public boolean isValid(OffsetDateTime value, ConstraintValidatorContext context) {
      return valid(value);
    }

    /** True for null (optional) and for a time in range. */
    static boolean valid(OffsetDateTime value) {
      if (value == null) {
        return true;
      }
      Instant instant = value.toInstant();
      return !instant.isBefore(FIRST) && !instant.isAfter(LAST);
    }
  }
}
