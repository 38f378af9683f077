package io.modelops.orchestrator.evidence;

import jakarta.servlet.MultipartConfigElement;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * The multipart parser's limits follow {@code modelops.evidence.max-size} (they replace {@code
 * spring.servlet.multipart.*}): evidence uploads are the only multipart requests of {@code /api}.
 * Every other request stays bounded by {@code modelops.max-request-size} before anything parses it
 * ({@code web.RequestSizeLimitFilter}).
 */
@Configuration
@EnableConfigurationProperties(EvidenceProperties.class)
class EvidenceConfig {

  /** Parts above this are buffered in a temporary file, not on the heap. */
  static final DataSize IN_MEMORY = DataSize.ofKilobytes(256);

  @Bean
  MultipartConfigElement multipartConfigElement(EvidenceProperties properties) {
    long request = EvidenceUploads.maxRequestBytes(properties.getMaxSize());
    return new MultipartConfigElement("", request, request, (int) IN_MEMORY.toBytes());
  }
}
