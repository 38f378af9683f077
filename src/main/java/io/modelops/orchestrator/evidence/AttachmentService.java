package io.modelops.orchestrator.evidence;

import io.modelops.orchestrator.audit.AuditLog;
import io.modelops.orchestrator.catalog.CatalogRepository;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.web.ConflictException;
import io.modelops.orchestrator.web.ResourceNotFoundException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Uploads and downloads of evidence attachments: who may upload what ({@link UploadRule}), the
 * limits and the sniffed type ({@link MediaTypeSniffer}), content-addressed storage, and an audit
 * event for every upload and download in the same transaction.
 */
@Service
class AttachmentService {

  static final String UPLOADED = "ATTACHMENT_UPLOADED";
  static final String DOWNLOADED = "ATTACHMENT_DOWNLOADED";

  /** What an upload did: a new attachment, or the one already there for the same content. */
  record Upload(AttachmentView attachment, boolean created) {}

  /** An attachment and its content. */
  record Download(AttachmentRepository.Attachment attachment, byte[] content) {}

  private final CatalogRepository catalog;
  private final AttachmentRepository repository;
  private final EvidenceProperties properties;
  private final AuditLog audit;
  private final Clock clock;
  private final TransactionTemplate savepoint;

  AttachmentService(
      CatalogRepository catalog,
      AttachmentRepository repository,
      EvidenceProperties properties,
      AuditLog audit,
      Clock clock,
      PlatformTransactionManager transactions) {
    this.catalog = catalog;
    this.repository = repository;
    this.properties = properties;
    this.audit = audit;
    this.clock = clock;
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  @Transactional
  public Upload upload(
      String model,
      String version,
      AttachmentKind kind,
      String title,
      String originalFileName,
      byte[] content,
      String user,
      Set<String> groups) {
    ModelVersion v = catalog.requireVersion(model, version);
    UploadRule.requireUploader(kind, user, groups, v);
    repository.lockVersion(v.id());
    ModelVersion current = catalog.findVersion(v.id()).orElseThrow();
    if (!UploadRule.OPEN.contains(current.status())) {
      throw new ConflictException(
          model
              + ":"
              + version
              + " is "
              + current.status()
              + ": its evidence is closed, attachments can no longer be added");
    }
    long max = properties.getMaxSize().toBytes();
    if (content.length > max) {
      throw new RefusedContentException(
          HttpStatus.PAYLOAD_TOO_LARGE,
          "The file has "
              + content.length
              + " bytes; attachments are limited to "
              + max
              + " bytes (modelops.evidence.max-size)");
    }
    String fileName = FileNames.sanitise(originalFileName);
    String mediaType = MediaTypeSniffer.sniff(content, fileName);
    String sha256 = sha256(content);
    Optional<AttachmentRepository.Attachment> same = repository.findSame(v.id(), kind, sha256);
    if (same.isPresent()) {
      return new Upload(
          Attachments.view(v, same.get(), Attachments.apiHref(v, same.get().id())), false);
    }
    OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MILLIS);
    storeBlob(sha256, content, now);
    AttachmentRepository.Attachment attachment =
        new AttachmentRepository.Attachment(
            UUID.randomUUID(),
            v.id(),
            kind,
            title == null || title.isBlank() ? null : title.strip(),
            fileName,
            mediaType,
            content.length,
            sha256,
            user,
            now);
    repository.insert(attachment);
    audit.record(UPLOADED, user, model, version, v.processInstanceId(), details(attachment));
    return new Upload(
        Attachments.view(v, attachment, Attachments.apiHref(v, attachment.id())), true);
  }

  /** The content once per hash; an identical content stored meanwhile by another upload is kept. */
  private void storeBlob(String sha256, byte[] content, OffsetDateTime now) {
    if (repository.blobExists(sha256)) {
      return;
    }
    try {
      savepoint.executeWithoutResult(status -> repository.insertBlob(sha256, content, now));
    } catch (DuplicateKeyException storedMeanwhile) {
      // the same bytes, stored by a concurrent upload
    }
  }

  @Transactional
  public Download download(String model, String version, UUID id, String user) {
    ModelVersion v = catalog.requireVersion(model, version);
    AttachmentRepository.Attachment attachment =
        repository
            .find(v.id(), id)
            .orElseThrow(
                () ->
                    new ResourceNotFoundException(
                        "Attachment " + id + " of " + model + ":" + version + " not found"));
    byte[] content =
        repository
            .content(attachment.sha256())
            .filter(bytes -> sha256(bytes).equals(attachment.sha256()))
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "The stored content of attachment "
                            + id
                            + " is missing or does not match its SHA-256"));
    audit.record(DOWNLOADED, user, model, version, v.processInstanceId(), details(attachment));
    return new Download(attachment, content);
  }

  private static Map<String, Object> details(AttachmentRepository.Attachment a) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("attachmentId", a.id().toString());
    details.put("kind", a.kind().name());
    details.put("sha256", a.sha256());
    details.put("size", a.size());
    details.put("mediaType", a.mediaType());
    details.put("fileName", a.fileName());
    return details;
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
