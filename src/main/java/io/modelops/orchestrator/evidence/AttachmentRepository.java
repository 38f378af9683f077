package io.modelops.orchestrator.evidence;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads and appends the {@code attachment} and {@code evidence_blob} tables; never updates. */
@Repository
class AttachmentRepository {

  /** One attachment row. */
  record Attachment(
      UUID id,
      UUID versionId,
      AttachmentKind kind,
      String title,
      String fileName,
      String mediaType,
      long size,
      String sha256,
      String uploadedBy,
      OffsetDateTime uploadedAt) {}

  private static final String COLUMNS =
      "id, version_id, kind, title, file_name, media_type, size_bytes, sha256, uploaded_by,"
          + " uploaded_at";

  private final JdbcClient jdbc;

  AttachmentRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  List<Attachment> findByVersion(UUID versionId) {
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM attachment WHERE version_id = ? ORDER BY uploaded_at, id")
        .param(versionId)
        .query(AttachmentRepository::map)
        .list();
  }

  /** The attachment with this id, only if it belongs to this version. */
  Optional<Attachment> find(UUID versionId, UUID id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM attachment WHERE id = ? AND version_id = ?")
        .params(id, versionId)
        .query(AttachmentRepository::map)
        .optional();
  }

  Optional<Attachment> findSame(UUID versionId, AttachmentKind kind, String sha256) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM attachment WHERE version_id = ? AND kind = ? AND sha256 = ?")
        .params(versionId, kind.name(), sha256)
        .query(AttachmentRepository::map)
        .optional();
  }

  boolean blobExists(String sha256) {
    return jdbc.sql("SELECT COUNT(*) FROM evidence_blob WHERE sha256 = ?")
            .param(sha256)
            .query(Long.class)
            .single()
        > 0;
  }

  void insertBlob(String sha256, byte[] content, OffsetDateTime now) {
    jdbc.sql(
            "INSERT INTO evidence_blob (sha256, size_bytes, content, created_at) VALUES (?, ?, ?,"
                + " ?)")
        .params(sha256, (long) content.length, content, now)
        .update();
  }

  Optional<byte[]> content(String sha256) {
    return jdbc.sql("SELECT content FROM evidence_blob WHERE sha256 = ?")
        .param(sha256)
        .query((rs, n) -> rs.getBytes(1))
        .optional();
  }

  void insert(Attachment a) {
    jdbc.sql("INSERT INTO attachment (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            a.id(),
            a.versionId(),
            a.kind().name(),
            a.title(),
            a.fileName(),
            a.mediaType(),
            a.size(),
            a.sha256(),
            a.uploadedBy(),
            a.uploadedAt())
        .update();
  }

  /**
   * Locks the version's catalog row until the transaction ends: uploads and status changes queue.
   */
  void lockVersion(UUID versionId) {
    jdbc.sql("SELECT id FROM model_version WHERE id = ? FOR UPDATE")
        .param(versionId)
        .query(UUID.class)
        .optional();
  }

  private static Attachment map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new Attachment(
        rs.getObject("id", UUID.class),
        rs.getObject("version_id", UUID.class),
        AttachmentKind.valueOf(rs.getString("kind")),
        rs.getString("title"),
        rs.getString("file_name"),
        rs.getString("media_type"),
        rs.getLong("size_bytes"),
        rs.getString("sha256"),
        rs.getString("uploaded_by"),
        rs.getObject("uploaded_at", OffsetDateTime.class));
  }
}
