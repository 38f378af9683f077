package io.modelops.orchestrator.deployment;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Why an operator rolls back or stops a model: recorded in the stage history. */
record OperationRequest(
    @Schema(example = "Complaints about declined card payments since 10:00")
        @NotBlank
        @Size(max = 1000)
        String reason) {}
