package io.modelops.orchestrator.evidence;

import io.modelops.orchestrator.catalog.LifecycleStatus;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.security.Groups;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * Who may attach what, and when.
 *
 * <ul>
 *   <li>{@code MODEL_DOCUMENTATION} and {@code DATA_SHEET}: the developing side, members of {@code
 *       data-scientists} or {@code ci-pipelines};
 *   <li>{@code VALIDATION_MEMO}: the validating side, members of {@code model-validators} or {@code
 *       model-risk}, never the version's registrant;
 *   <li>{@code OTHER}: either side;
 *   <li>nobody else, administrators included (403).
 * </ul>
 *
 * Uploads are accepted while the version is {@code REGISTERED}, {@code VALIDATING} or {@code
 * IN_REVIEW}; from its approval on (and once its lifecycle ended otherwise) its evidence is closed
 * (409).
 */
final class UploadRule {

  static final Set<LifecycleStatus> OPEN =
      EnumSet.of(LifecycleStatus.REGISTERED, LifecycleStatus.VALIDATING, LifecycleStatus.IN_REVIEW);

  private static final List<String> DEVELOPERS = List.of(Groups.DATA_SCIENTISTS, Groups.CI);
  private static final List<String> VALIDATORS = List.of(Groups.VALIDATORS, Groups.RISK);

  static final Map<AttachmentKind, List<String>> UPLOADERS =
      Map.of(
          AttachmentKind.MODEL_DOCUMENTATION, DEVELOPERS,
          AttachmentKind.DATA_SHEET, DEVELOPERS,
          AttachmentKind.VALIDATION_MEMO, VALIDATORS,
          AttachmentKind.OTHER,
              List.of(Groups.DATA_SCIENTISTS, Groups.CI, Groups.VALIDATORS, Groups.RISK));

  private UploadRule() {}

  /**
   * Refuses (403) an uploader who may not attach this kind to this version.
   *
   * @param groups the uploader's groups
   */
  static void requireUploader(
      AttachmentKind kind, String user, Set<String> groups, ModelVersion version) {
    List<String> allowed = UPLOADERS.get(kind);
    if (user == null || allowed.stream().noneMatch(groups::contains)) {
      throw new ResponseStatusException(
          HttpStatus.FORBIDDEN,
          kind + " attachments are uploaded by members of " + String.join(" or ", allowed));
    }
    if (kind == AttachmentKind.VALIDATION_MEMO && user.equals(version.registeredBy())) {
      throw new ResponseStatusException(
          HttpStatus.FORBIDDEN,
          user
              + " registered "
              + version.modelName()
              + ":"
              + version.version()
              + " and may not attach its validation memo");
    }
  }
}
