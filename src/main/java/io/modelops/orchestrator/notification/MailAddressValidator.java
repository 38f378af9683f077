package io.modelops.orchestrator.notification;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link MailAddress}. */
class MailAddressValidator implements ConstraintValidator<MailAddress, String> {

  @Override
  public boolean isValid(String value, ConstraintValidatorContext context) {
    return value == null || MailAddresses.isValid(value);
  }
}
