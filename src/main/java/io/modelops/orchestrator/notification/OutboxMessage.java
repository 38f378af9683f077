package io.modelops.orchestrator.notification;

import java.util.List;
import java.util.UUID;

/** A mail waiting in the outbox. */
record OutboxMessage(UUID id, List<String> recipients, String subject, String body, int attempts) {}
