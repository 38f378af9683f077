package io.modelops.orchestrator.findings;

import io.modelops.orchestrator.catalog.Patterns;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.security.Principal;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Findings raised in reviews: remediation, closing, reopening and risk acceptance. */
@RestController
@Tag(name = "Findings")
@SecurityRequirement(name = "basic")
class FindingsController {

  private final FindingsService service;

  FindingsController(FindingsService service) {
    this.service = service;
  }

  @Operation(
      summary = "Findings of a model version",
      description = "Every finding raised in the version's reviews, oldest first, with history")
  @ApiResponse(responseCode = "200", description = "The findings")
  @ApiResponse(responseCode = "404", description = "Unknown model or version")
  @GetMapping("/api/models/{name}/versions/{version}/findings")
  public List<FindingView> list(
      @PathVariable @Pattern(regexp = Patterns.MODEL_NAME, message = Patterns.MODEL_NAME_MESSAGE)
          String name,
      @PathVariable @Pattern(regexp = Patterns.VERSION, message = Patterns.VERSION_MESSAGE)
          String version) {
    return service.list(name, version);
  }

  @Operation(
      summary = "Raise a finding",
      description =
          "By the reviewer who holds (has claimed) an open review task of the version, while it"
              + " is IN_REVIEW; never by its registrant. The due date comes from the DMN"
              + " finding-due-date by severity and effective risk tier; the owner is the"
              + " registrant unless given. The reviewer then completes the review with"
              + " APPROVE_WITH_CONDITIONS (or rejects or requests changes).")
  @ApiResponse(responseCode = "201", description = "Raised")
  @ApiResponse(responseCode = "400", description = "Invalid finding, unknown owner")
  @ApiResponse(
      responseCode = "403",
      description = "Not the holder of a review task of the version, or its registrant")
  @ApiResponse(responseCode = "404", description = "Unknown model or version")
  @ApiResponse(
      responseCode = "409",
      description = "The version is not in review, or the reviewer raised the same finding")
  @ApiResponse(responseCode = "413", description = "Request too large")
  @PostMapping("/api/models/{name}/versions/{version}/findings")
  @ResponseStatus(HttpStatus.CREATED)
  public FindingView raise(
      @PathVariable @Pattern(regexp = Patterns.MODEL_NAME, message = Patterns.MODEL_NAME_MESSAGE)
          String name,
      @PathVariable @Pattern(regexp = Patterns.VERSION, message = Patterns.VERSION_MESSAGE)
          String version,
      @Valid @RequestBody FindingRequests.Raise request,
      Principal principal) {
    return service.raise(name, version, request, principal.getName());
  }

  @Operation(summary = "A finding", description = "With its history of transitions")
  @ApiResponse(responseCode = "200", description = "The finding")
  @ApiResponse(responseCode = "404", description = "Unknown finding")
  @GetMapping("/api/findings/{id}")
  public FindingView get(@PathVariable UUID id) {
    return service.get(id);
  }

  @Operation(
      summary = "Submit the remediation of a finding",
      description = "By the finding's owner, while it is OPEN: REMEDIATION_SUBMITTED")
  @ApiResponse(responseCode = "200", description = "Remediation submitted")
  @ApiResponse(responseCode = "400", description = "No remediation text, invalid evidence URI")
  @ApiResponse(responseCode = "403", description = "Not the owner of the finding")
  @ApiResponse(responseCode = "404", description = "Unknown finding")
  @ApiResponse(responseCode = "409", description = "The finding is not OPEN")
  @ApiResponse(responseCode = "413", description = "Request too large")
  @PostMapping("/api/findings/{id}/remediation")
  public FindingView submitRemediation(
      @PathVariable UUID id,
      @Valid @RequestBody FindingRequests.Remediation request,
      Principal principal) {
    return service.submitRemediation(id, request, principal.getName());
  }

  @Operation(
      summary = "Close a finding",
      description =
          "Accepts the submitted remediation: by a member of model-validators or model-risk who"
              + " is neither the owner, nor who raised it, nor the registrant of the version")
  @ApiResponse(responseCode = "200", description = "Closed")
  @ApiResponse(responseCode = "400", description = "Comment too long")
  @ApiResponse(
      responseCode = "403",
      description = "Not a validator, or the owner, the one who raised it or the registrant")
  @ApiResponse(responseCode = "404", description = "Unknown finding")
  @ApiResponse(responseCode = "409", description = "No remediation is submitted")
  @ApiResponse(responseCode = "413", description = "Request too large")
  @PostMapping("/api/findings/{id}/close")
  public FindingView close(
      @PathVariable UUID id,
      @Valid @RequestBody FindingRequests.Verdict request,
      Principal principal) {
    return service.close(id, request, principal.getName());
  }

  @Operation(
      summary = "Reject the remediation of a finding",
      description =
          "Back to OPEN with the reason: by a member of model-validators or model-risk who is"
              + " neither the owner nor the registrant of the version")
  @ApiResponse(responseCode = "200", description = "Reopened")
  @ApiResponse(responseCode = "400", description = "No reason given")
  @ApiResponse(
      responseCode = "403",
      description = "Not a validator, or the owner or the registrant")
  @ApiResponse(responseCode = "404", description = "Unknown finding")
  @ApiResponse(responseCode = "409", description = "No remediation is submitted")
  @ApiResponse(responseCode = "413", description = "Request too large")
  @PostMapping("/api/findings/{id}/reopen")
  public FindingView reopen(
      @PathVariable UUID id,
      @Valid @RequestBody FindingRequests.Verdict request,
      Principal principal) {
    return service.reopen(id, request, principal.getName());
  }

  @Operation(
      summary = "Accept the risk of a finding",
      description =
          "By a member of model-risk who is neither the owner nor the registrant of the version,"
              + " for a finding that is not closed, with a reason and the last day the acceptance"
              + " holds (at most modelops.findings.max-risk-acceptance-days ahead). After it, the"
              + " finding counts as OPEN again.")
  @ApiResponse(responseCode = "200", description = "Risk accepted")
  @ApiResponse(
      responseCode = "400",
      description = "No reason or expiry, or an expiry in the past or beyond the maximum")
  @ApiResponse(
      responseCode = "403",
      description = "Not in model-risk, or the owner or the registrant")
  @ApiResponse(responseCode = "404", description = "Unknown finding")
  @ApiResponse(
      responseCode = "409",
      description = "The finding is closed or its risk is already accepted")
  @ApiResponse(responseCode = "413", description = "Request too large")
  @PostMapping("/api/findings/{id}/risk-acceptance")
  public FindingView acceptRisk(
      @PathVariable UUID id,
      @Valid @RequestBody FindingRequests.RiskAcceptance request,
      Principal principal) {
    return service.acceptRisk(id, request, principal.getName());
  }
}
