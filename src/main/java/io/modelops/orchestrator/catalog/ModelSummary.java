package io.modelops.orchestrator.catalog;

import java.time.OffsetDateTime;

/** A model with counts and its most recently registered version. */
record ModelSummary(
    String name,
    OffsetDateTime createdAt,
    String createdBy,
    int versionCount,
    String latestVersion,
    LifecycleStatus latestStatus,
    OffsetDateTime latestRegisteredAt) {}
