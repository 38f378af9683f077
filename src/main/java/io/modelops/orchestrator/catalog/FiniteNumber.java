package io.modelops.orchestrator.catalog;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A number (or every number of an array) that is neither NaN nor infinite (JSON like {@code 1e400}
 * parses to infinity).
 */
@Documented
@Constraint(validatedBy = {FiniteNumber.Validator.class, FiniteNumber.ArrayValidator.class})
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface FiniteNumber {
  String message() default "must be a finite number";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Checks {@link FiniteNumber}. */
  class Validator implements ConstraintValidator<FiniteNumber, Double> {
    @Override
    public boolean isValid(Double value, ConstraintValidatorContext context) {
      return value == null || Double.isFinite(value);
    }
  }

  /** Checks {@link FiniteNumber} on every element of an array. */
  class ArrayValidator implements ConstraintValidator<FiniteNumber, double[]> {
    @Override
    public boolean isValid(double[] values, ConstraintValidatorContext context) {
      if (values == null) {
        return true;
      }
      for (double v : values) {
        if (!Double.isFinite(v)) {
          return false;
        }
      }
      return true;
    }
  }
}
