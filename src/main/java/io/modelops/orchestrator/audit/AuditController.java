package io.modelops.orchestrator.audit;

import io.modelops.orchestrator.catalog.PageView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.OffsetDateTime;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit log, for auditors, model risk, validators and operations. */
@RestController
@RequestMapping("/api/audit")
@Tag(name = "Audit")
@SecurityRequirement(name = "basic")
class AuditController {

  private final AuditLog log;
  private final AuditVerifier verifier;

  public AuditController(AuditLog log, AuditVerifier verifier) {
    this.log = log;
    this.verifier = verifier;
  }

  @Operation(summary = "Audit events", description = "Filtered and paged, oldest first")
  @ApiResponse(responseCode = "200", description = "A page of events")
  @ApiResponse(
      responseCode = "403",
      description = "Not an auditor (admin, model-risk, model-validators, ml-ops)")
  @GetMapping
  public PageView<AuditEvent> events(
      @RequestParam(required = false) String model,
      @RequestParam(required = false) String version,
      @RequestParam(required = false) String actor,
      @RequestParam(required = false) String action,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          OffsetDateTime from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          OffsetDateTime to,
      @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
      @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size) {
    AuditQuery query = new AuditQuery(model, version, actor, action, from, to);
    return new PageView<>(log.find(query, page * size, size), page, size, log.count(query));
  }

  @Operation(
      summary = "Verify the hash chain",
      description = "Recomputes every hash and link; reports the first broken event")
  @ApiResponse(responseCode = "200", description = "The result of the verification")
  @ApiResponse(
      responseCode = "403",
      description = "Not an auditor (admin, model-risk, model-validators, ml-ops)")
  @GetMapping("/verify")
  public AuditVerifier.Verification verify() {
    return verifier.verify();
  }
}
