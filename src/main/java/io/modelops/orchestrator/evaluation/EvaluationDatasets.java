package io.modelops.orchestrator.evaluation;

import io.modelops.orchestrator.audit.AuditLog;
import io.modelops.orchestrator.catalog.CatalogRepository;
import io.modelops.orchestrator.security.Groups;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * The governed evaluation datasets of the models. Only validators and model risk register them, and
 * never someone who registered a version of the model: the data a version is scored on is not
 * chosen by those whose work is scored. Each registration is an {@code
 * EVALUATION_DATASET_REGISTERED} event in the audit chain, in the same transaction.
 */
@Service
public class EvaluationDatasets {

  static final String REGISTERED = "EVALUATION_DATASET_REGISTERED";

  private final EvaluationDatasetRepository repository;
  private final CatalogRepository catalog;
  private final IdentityService identityService;
  private final AuditLog audit;
  private final Clock clock;

  EvaluationDatasets(
      EvaluationDatasetRepository repository,
      CatalogRepository catalog,
      IdentityService identityService,
      AuditLog audit,
      Clock clock) {
    this.repository = repository;
    this.catalog = catalog;
    this.identityService = identityService;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Registers a new current evaluation dataset of the model. A model without versions yet is
   * created by it, so that its first version is evaluated too.
   *
   * @throws ResponseStatusException 403 for anyone not in model-validators or model-risk, or who
   *     registered a version of the model
   */
  @Transactional
  EvaluationDataset register(String model, EvaluationDatasetRequest request, String user) {
    if (user == null
        || identityService.createUserQuery().userId(user).memberOfGroup(Groups.VALIDATORS).count()
                + identityService.createUserQuery().userId(user).memberOfGroup(Groups.RISK).count()
            == 0) {
      throw new ResponseStatusException(
          HttpStatus.FORBIDDEN,
          "Evaluation datasets are registered by "
              + Groups.VALIDATORS
              + " or "
              + Groups.RISK
              + " only");
    }
    OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    UUID modelId =
        catalog.findModelId(model).orElseGet(() -> catalog.insertModel(model, user, now));
    if (repository.registeredAVersion(modelId, user)) {
      throw new ResponseStatusException(
          HttpStatus.FORBIDDEN,
          user
              + " registered a version of "
              + model
              + " and may not choose the data its versions are evaluated on");
    }
    UUID id = UUID.randomUUID();
    repository.insert(id, modelId, request, user, now);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("datasetId", id.toString());
    details.put("uri", request.uri());
    details.put("sha256", request.sha256());
    audit.record(REGISTERED, user, model, null, null, details);
    return new EvaluationDataset(
        id, model, request.uri(), request.sha256(), request.description(), user, now);
  }

  /** The model's datasets, the current one first; 404 for an unknown model. */
  @Transactional(readOnly = true)
  List<EvaluationDataset> history(String model) {
    return repository.ofModel(catalog.requireModelId(model));
  }

  /** The dataset the model's versions are evaluated on now, if one is registered. */
  @Transactional(readOnly = true)
  public Optional<EvaluationDataset> current(String model) {
    return catalog.findModelId(model).flatMap(id -> repository.ofModel(id).stream().findFirst());
  }
}
