package io.modelops.orchestrator.catalog;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Validates {@link AllowedArtifactUri} against the configured scheme allow-list. */
class ArtifactUriValidator implements ConstraintValidator<AllowedArtifactUri, String> {

  private final RegistrationProperties properties;

  public ArtifactUriValidator(RegistrationProperties properties) {
    this.properties = properties;
  }

  @Override
  public boolean isValid(String value, ConstraintValidatorContext context) {
    if (value == null || value.isBlank()) {
      return true; // @NotBlank reports it
    }
    String message;
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme();
      if (scheme == null) {
        message = "must be an absolute URI (e.g. s3://bucket/path)";
      } else if (!properties.allowedArtifactSchemes().contains(scheme.toLowerCase(Locale.ROOT))) {
        message =
            "scheme '"
                + scheme
                + "' is not allowed; allowed: "
                + String.join(", ", properties.allowedArtifactSchemes());
      } else if (uri.getUserInfo() != null) {
        message = "must not carry credentials";
      } else {
        return true;
      }
    } catch (URISyntaxException e) {
      message = "is not a valid URI: " + e.getReason();
    }
    context.disableDefaultConstraintViolation();
    context.buildConstraintViolationWithTemplate(escape(message)).addConstraintViolation();
    return false;
  }

  /** Message templates interpret braces and dollars; user input must not. */
  private static String escape(String message) {
    return message
        .replace("\\", "\\\\")
        .replace("{", "\\{")
        .replace("}", "\\}")
        .replace("$", "\\$");
  }
}
