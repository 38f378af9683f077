package io.modelops.orchestrator.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelops.orchestrator.approval.ApprovalRepository;
import io.modelops.orchestrator.evidence.Attachments;
import io.modelops.orchestrator.findings.FindingsRegister;
import io.modelops.orchestrator.retraining.Retraining;
import io.modelops.orchestrator.retraining.RetrainingRepository;
import io.modelops.orchestrator.revalidation.RevalidationViews;
import io.modelops.orchestrator.validation.ValidationReportRepository;
import java.util.LinkedHashMap;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Read side of the catalog: assembles what the API shows. */
@Service
@Transactional(readOnly = true)
public class CatalogQueryService {

  private static final TypeReference<LinkedHashMap<String, Double>> METRICS =
      new TypeReference<>() {};

  private final CatalogRepository catalog;
  private final ValidationReportRepository reports;
  private final ApprovalRepository approvals;
  private final ObjectMapper objectMapper;
  private final RetrainingRepository retraining;
  private final RiskTierRepository riskTiers;
  private final Attachments attachments;
  private final FindingsRegister findings;
  private final RevalidationViews revalidations;

  public CatalogQueryService(
      CatalogRepository catalog,
      ValidationReportRepository reports,
      ApprovalRepository approvals,
      ObjectMapper objectMapper,
      RetrainingRepository retraining,
      RiskTierRepository riskTiers,
      Attachments attachments,
      FindingsRegister findings,
      RevalidationViews revalidations) {
    this.riskTiers = riskTiers;
    this.attachments = attachments;
    this.findings = findings;
    this.revalidations = revalidations;
    this.catalog = catalog;
    this.reports = reports;
    this.approvals = approvals;
    this.objectMapper = objectMapper;
    this.retraining = retraining;
  }

  public PageView<ModelSummary> models(int page, int size) {
    return new PageView<>(catalog.findModels(page * size, size), page, size, catalog.countModels());
  }

  public ModelView model(String name) {
    List<ModelVersion> versions = catalog.findVersions(name);
    ModelSummary summary = catalog.requireModel(name);
    return new ModelView(
        summary.name(),
        summary.createdAt(),
        summary.createdBy(),
        versions.stream()
            .map(
                v ->
                    new ModelView.VersionSummary(
                        v.version(),
                        v.status(),
                        v.stage(),
                        v.riskTier(),
                        v.modelType(),
                        v.registeredBy(),
                        v.registeredAt(),
                        v.processInstanceId()))
            .toList());
  }

  public ModelVersionView version(String name, String version) {
    return view(catalog.requireVersion(name, version));
  }

  public ModelVersionView view(ModelVersion v) {
    ModelVersionView.Validation validation =
        reports
            .findLatest(v.id())
            .map(
                r ->
                    new ModelVersionView.Validation(
                        r.passed(), r.createdAt(), r.championVersion(), r.checks()))
            .orElse(null);
    Retraining origin = retraining.findByCandidate(v.id()).orElse(null);
    ModelVersionView.Lineage lineage =
        v.sourceCommit() == null
                && v.trainingDataRef() == null
                && v.runId() == null
                && origin == null
            ? null
            : new ModelVersionView.Lineage(
                v.sourceCommit(),
                v.trainingDataRef(),
                v.runId(),
                origin == null ? null : origin.championVersion(),
                origin == null ? null : origin.id(),
                origin == null ? null : origin.reason());
    return new ModelVersionView(
        v.modelName(),
        v.version(),
        v.id(),
        v.status(),
        v.statusReason(),
        v.stage(),
        v.modelType(),
        v.riskTier(),
        v.artifactUri(),
        v.framework(),
        v.owner(),
        v.ownerEmail(),
        v.description(),
        v.intendedUse(),
        v.limitations(),
        v.modelCardUri(),
        lineage,
        read(v.metricsJson(), METRICS),
        readTree(v.signatureJson()),
        readTree(v.fairnessJson()),
        v.deploymentTarget(),
        v.registeredBy(),
        v.registeredAt(),
        v.updatedAt(),
        v.processInstanceId(),
        validation,
        approvals.findByVersion(v.id()).stream().map(ModelVersionView.ApprovalView::of).toList(),
        riskTiers
            .find(v.id())
            .map(
                r ->
                    new ModelVersionView.RiskClassification(
                        r.declared(),
                        r.computed(),
                        r.effective(),
                        r.reason(),
                        readTree(r.assessmentJson())))
            .orElse(null),
        attachments.of(v),
        findings.ofVersion(v.id()),
        revalidations.of(v));
  }

  private <T> T read(String json, TypeReference<T> type) {
    if (json == null) {
      return null;
    }
    try {
      return objectMapper.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stored JSON is not readable", e);
    }
  }

  private JsonNode readTree(String json) {
    if (json == null) {
      return null;
    }
    try {
      return objectMapper.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stored JSON is not readable", e);
    }
  }
}
