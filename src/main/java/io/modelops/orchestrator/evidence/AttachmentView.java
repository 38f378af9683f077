package io.modelops.orchestrator.evidence;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An attachment of a model version as the API shows it, with the link to download it. */
@Schema(description = "An evidence attachment of a model version")
public record AttachmentView(
    UUID id,
    AttachmentKind kind,
    String title,
    @Schema(description = "The file name, sanitised: no directories, no special characters")
        String fileName,
    @Schema(description = "The media type sniffed from the content (never the client's header)")
        String mediaType,
    @Schema(description = "Size in bytes") long size,
    @Schema(description = "SHA-256 of the content, hex") String sha256,
    String uploadedBy,
    OffsetDateTime uploadedAt,
    @Schema(description = "Where to download it (GET, HTTP Basic)") String href) {}
