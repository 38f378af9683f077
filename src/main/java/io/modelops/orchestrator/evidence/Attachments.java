package io.modelops.orchestrator.evidence;

import io.modelops.orchestrator.catalog.ModelVersion;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * The attachments of a version as other areas read them: the version JSON and the report list them,
 * the release guards ({@code approval.ApprovalControls}) ask which required kinds are missing.
 */
@Component
public class Attachments {

  private final AttachmentRepository repository;
  private final EvidenceProperties properties;

  Attachments(AttachmentRepository repository, EvidenceProperties properties) {
    this.repository = repository;
    this.properties = properties;
  }

  /** The version's attachments, oldest first, each with its download link under {@code /api}. */
  public List<AttachmentView> of(ModelVersion version) {
    return repository.findByVersion(version.id()).stream()
        .map(a -> view(version, a, apiHref(version, a.id())))
        .toList();
  }

  /**
   * What the version lacks of the kinds its effective tier requires before release ({@code
   * modelops.evidence.required-before-release}); empty when nothing is missing.
   */
  public List<String> missingBeforeRelease(ModelVersion version) {
    List<AttachmentKind> required =
        properties.getRequiredBeforeRelease().getOrDefault(version.riskTier(), List.of());
    if (required.isEmpty()) {
      return List.of();
    }
    Set<AttachmentKind> present = EnumSet.noneOf(AttachmentKind.class);
    repository.findByVersion(version.id()).forEach(a -> present.add(a.kind()));
    return required.stream()
        .distinct()
        .filter(kind -> !present.contains(kind))
        .map(
            kind ->
                "no "
                    + kind
                    + " attachment, which "
                    + version.riskTier()
                    + "-tier versions need before release"
                    + " (modelops.evidence.required-before-release)")
        .toList();
  }

  static AttachmentView view(ModelVersion version, AttachmentRepository.Attachment a, String href) {
    return new AttachmentView(
        a.id(),
        a.kind(),
        a.title(),
        a.fileName(),
        a.mediaType(),
        a.size(),
        a.sha256(),
        a.uploadedBy(),
        a.uploadedAt(),
        href);
  }

  static String apiHref(ModelVersion version, UUID id) {
    return "/api/models/"
        + UriUtils.encodePathSegment(version.modelName(), "UTF-8")
        + "/versions/"
        + UriUtils.encodePathSegment(version.version(), "UTF-8")
        + "/attachments/"
        + id;
  }

  /** The download for a person signed in to the dashboard (the HTML report links here). */
  public static String pageHref(String model, String version, UUID id) {
    return "/dashboard/models/"
        + UriUtils.encodePathSegment(model, "UTF-8")
        + "/versions/"
        + UriUtils.encodePathSegment(version, "UTF-8")
        + "/attachments/"
        + id;
  }
}
