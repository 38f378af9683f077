package io.modelops.orchestrator.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first administrator, created at startup when it does not exist. Taken from the environment
 * ({@code MODELOPS_ADMIN_USER}, {@code MODELOPS_ADMIN_PASSWORD}); there is no default outside the
 * {@code demo} profile.
 */
@ConfigurationProperties("modelops.security.admin")
public record AdminProperties(String username, String password, String email) {

  /** A given address must be one plain address ({@code MODELOPS_ADMIN_EMAIL}); none is fine. */
  public AdminProperties {
    email = email == null || email.isBlank() ? null : email;
    if (email != null) {
      io.modelops.orchestrator.notification.MailAddresses.require(
          email, "modelops.security.admin.email");
    }
  }
}
