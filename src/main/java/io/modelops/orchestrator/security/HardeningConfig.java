package io.modelops.orchestrator.security;

import io.modelops.orchestrator.evidence.EvidenceUploads;
import io.modelops.orchestrator.web.CanonicalRequestFilter;
import io.modelops.orchestrator.web.RequestSizeLimitFilter;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

/** Servlet filters that harden the APIs (see each filter for what and why). */
@Configuration
class HardeningConfig {

  /** Before every other filter: paths and query strings with one spelling only. */
  @Bean
  FilterRegistrationBean<CanonicalRequestFilter> canonicalRequests() {
    FilterRegistrationBean<CanonicalRequestFilter> registration =
        new FilterRegistrationBean<>(new CanonicalRequestFilter());
    registration.addUrlPatterns("/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  @Bean
  FilterRegistrationBean<EngineApiHardeningFilter> engineApiHardening(
      IdentityService identityService) {
    FilterRegistrationBean<EngineApiHardeningFilter> registration =
        new FilterRegistrationBean<>(new EngineApiHardeningFilter(identityService));
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
    return registration;
  }

  /**
   * Inside the security chain (it needs to know whether the caller is an administrator): 500
   * answers of the engine APIs that are the caller's fault become 400 or 404.
   */
  @Bean
  FilterRegistrationBean<EngineErrorFilter> engineErrors() {
    FilterRegistrationBean<EngineErrorFilter> registration =
        new FilterRegistrationBean<>(new EngineErrorFilter());
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 2);
    return registration;
  }

  @Bean
  FilterRegistrationBean<WebappSignInFilter> webappSignIn(IdentityService identityService) {
    FilterRegistrationBean<WebappSignInFilter> registration =
        new FilterRegistrationBean<>(new WebappSignInFilter(identityService));
    registration.addUrlPatterns("/camunda/api/admin/auth/user/*");
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 3);
    return registration;
  }

  /**
   * Every body is bounded by {@code modelops.max-request-size}, except evidence uploads ({@code
   * POST /api/models/{name}/versions/{version}/attachments}), which are bounded by {@code
   * modelops.evidence.max-size} plus the multipart framing, so the one setting of the evidence
   * decides (see {@code evidence.EvidenceConfig}).
   */
  @Bean
  FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimit(
      @Value("${modelops.max-request-size:5MB}") DataSize maxRequestSize,
      @Value("${modelops.evidence.max-size:10MB}") DataSize maxEvidenceSize) {
    FilterRegistrationBean<RequestSizeLimitFilter> registration =
        new FilterRegistrationBean<>(
            new RequestSizeLimitFilter(
                maxRequestSize.toBytes(),
                EvidenceUploads::isUpload,
                EvidenceUploads.maxRequestBytes(maxEvidenceSize)));
    // every path: our API, the engine REST API, the webapps' API and anything else that reads a
    // body
    registration.addUrlPatterns("/*");
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 1);
    return registration;
  }
}
