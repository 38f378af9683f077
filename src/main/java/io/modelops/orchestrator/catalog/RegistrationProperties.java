package io.modelops.orchestrator.catalog;

import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Registration settings.
 *
 * @param allowedArtifactSchemes URI schemes an artifact may live under
 */
@ConfigurationProperties("modelops.registration")
public record RegistrationProperties(
    @DefaultValue({"s3", "gs", "abfs", "abfss", "https", "file", "models", "runs"})
        List<String> allowedArtifactSchemes) {

  public RegistrationProperties {
    allowedArtifactSchemes =
        allowedArtifactSchemes.stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).toList();
  }
}
