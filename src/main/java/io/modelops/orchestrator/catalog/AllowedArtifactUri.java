package io.modelops.orchestrator.catalog;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An absolute URI whose scheme is in {@code modelops.registration.allowed-artifact-schemes}.
 *
 * @see ArtifactUriValidator
 */
@Documented
@Constraint(validatedBy = ArtifactUriValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface AllowedArtifactUri {
  String message() default "must be an absolute URI with an allowed scheme";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
