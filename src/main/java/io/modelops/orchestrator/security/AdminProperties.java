package io.modelops.orchestrator.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first administrator, created at startup when it does not exist. Taken from the environment
 * ({@code MODELOPS_ADMIN_USER}, {@code MODELOPS_ADMIN_PASSWORD}); there is no default outside the
 * {@code demo} profile.
 */
@ConfigurationProperties("modelops.security.admin")
public record AdminProperties(String username, String password, String email) {}
