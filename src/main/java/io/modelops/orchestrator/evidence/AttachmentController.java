package io.modelops.orchestrator.evidence;

import io.modelops.orchestrator.catalog.CatalogRepository;
import io.modelops.orchestrator.catalog.Patterns;
import io.modelops.orchestrator.security.Groups;
import io.modelops.orchestrator.web.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Pattern;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

/** Evidence attachments of a model version: upload (multipart), list and download. */
@RestController
@RequestMapping("/api/models/{name}/versions/{version}/attachments")
@Tag(name = "Governance")
@SecurityRequirement(name = "basic")
@Validated
class AttachmentController {

  static final int MAX_TITLE = 200;

  private final AttachmentService service;
  private final Attachments attachments;
  private final CatalogRepository catalog;
  private final EvidenceProperties properties;

  AttachmentController(
      AttachmentService service,
      Attachments attachments,
      CatalogRepository catalog,
      EvidenceProperties properties) {
    this.service = service;
    this.attachments = attachments;
    this.catalog = catalog;
    this.properties = properties;
  }

  @Operation(
      summary = "Attach evidence to a model version",
      description =
          "Multipart form with the file, its kind and an optional title. The type is sniffed from"
              + " the content (PDF, PNG, JPEG, plain text, Markdown, CSV, JSON, DOCX, XLSX) and"
              + " must match the file name's extension; the declared Content-Type is ignored."
              + " VALIDATION_MEMO: model-validators or model-risk, never the registrant;"
              + " MODEL_DOCUMENTATION and DATA_SHEET: data-scientists or ci-pipelines; OTHER:"
              + " any of them. Only while the version is REGISTERED, VALIDATING or IN_REVIEW."
              + " The same content uploaded again as the same kind answers 200 with the"
              + " attachment already there.")
  @ApiResponse(responseCode = "201", description = "Attached")
  @ApiResponse(
      responseCode = "200",
      description = "The same content is already attached as this kind; nothing was added")
  @ApiResponse(responseCode = "400", description = "Invalid request, or an empty file")
  @ApiResponse(
      responseCode = "403",
      description =
          "The caller's groups may not attach this kind (or the registrant a validation memo),"
              + " or a request that looks cross-site")
  @ApiResponse(responseCode = "404", description = "No such model or version")
  @ApiResponse(
      responseCode = "409",
      description = "The version is approved or beyond (or rejected): its evidence is closed")
  @ApiResponse(
      responseCode = "413",
      description =
          "The file is larger than modelops.evidence.max-size, or the request larger than it"
              + " allows (counted on the bytes read)")
  @ApiResponse(
      responseCode = "415",
      description =
          "The content is not of an accepted type, contains markup or script, or does not match"
              + " the file name's extension")
  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  public ResponseEntity<AttachmentView> uploadAttachment(
      @PathVariable @Pattern(regexp = Patterns.MODEL_NAME, message = Patterns.MODEL_NAME_MESSAGE)
          String name,
      @PathVariable @Pattern(regexp = Patterns.VERSION, message = Patterns.VERSION_MESSAGE)
          String version,
      @Parameter(description = "The document") @RequestPart("file") MultipartFile file,
      @Parameter(description = "What the document is") @RequestParam("kind") String kind,
      @Parameter(description = "A title, at most 200 characters")
          @RequestParam(value = "title", required = false)
          String title,
      HttpServletRequest request,
      Authentication authentication) {
    AttachmentKind attachmentKind = kind(kind);
    requireSingle(request, "kind");
    requireSingle(request, "title");
    if (request instanceof MultipartHttpServletRequest multipart
        && multipart.getFiles("file").size() > 1) {
      throw InvalidRequestException.of("file", "exactly one file per upload");
    }
    if (title != null) {
      if (title.length() > MAX_TITLE) {
        throw InvalidRequestException.of("title", "at most " + MAX_TITLE + " characters");
      }
      if (title.chars().anyMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f))) {
        throw InvalidRequestException.of("title", "must not contain control characters");
      }
    }
    long max = properties.getMaxSize().toBytes();
    if (file.getSize() > max) {
      throw new RefusedContentException(
          HttpStatus.PAYLOAD_TOO_LARGE,
          "The file has "
              + file.getSize()
              + " bytes; attachments are limited to "
              + max
              + " bytes (modelops.evidence.max-size)");
    }
    byte[] content;
    try {
      content = file.getBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    AttachmentService.Upload upload =
        service.upload(
            name,
            version,
            attachmentKind,
            title,
            file.getOriginalFilename(),
            content,
            authentication.getName(),
            groups(authentication));
    if (!upload.created()) {
      return ResponseEntity.ok(upload.attachment());
    }
    return ResponseEntity.created(URI.create(upload.attachment().href())).body(upload.attachment());
  }

  @Operation(
      summary = "The evidence attachments of a model version",
      description = "Oldest first, each with its download link. Every signed-in user may read it.")
  @GetMapping
  public List<AttachmentView> listAttachments(
      @PathVariable @Pattern(regexp = Patterns.MODEL_NAME, message = Patterns.MODEL_NAME_MESSAGE)
          String name,
      @PathVariable @Pattern(regexp = Patterns.VERSION, message = Patterns.VERSION_MESSAGE)
          String version) {
    return attachments.of(catalog.requireVersion(name, version));
  }

  @Operation(
      summary = "Download an evidence attachment",
      description =
          "The content with its sniffed media type, as a download (Content-Disposition:"
              + " attachment, X-Content-Type-Options: nosniff, Content-Security-Policy: sandbox)."
              + " Every download is recorded in the audit log (ATTACHMENT_DOWNLOADED).")
  @ApiResponse(
      responseCode = "200",
      description = "The content",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE,
              schema = @Schema(type = "string", format = "binary")))
  @GetMapping("/{id}")
  public ResponseEntity<byte[]> downloadAttachment(
      @PathVariable @Pattern(regexp = Patterns.MODEL_NAME, message = Patterns.MODEL_NAME_MESSAGE)
          String name,
      @PathVariable @Pattern(regexp = Patterns.VERSION, message = Patterns.VERSION_MESSAGE)
          String version,
      @PathVariable UUID id,
      Authentication authentication) {
    return AttachmentDownloads.response(
        service.download(name, version, id, authentication.getName()));
  }

  private static AttachmentKind kind(String kind) {
    try {
      return AttachmentKind.valueOf(kind.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      throw InvalidRequestException.of(
          "kind",
          "must be one of "
              + Arrays.stream(AttachmentKind.values())
                  .map(Enum::name)
                  .collect(Collectors.joining(", ")));
    }
  }

  private static void requireSingle(HttpServletRequest request, String parameter) {
    String[] values = request.getParameterValues(parameter);
    if (values != null && values.length > 1) {
      throw InvalidRequestException.of(parameter, "given more than once");
    }
  }

  static Set<String> groups(Authentication authentication) {
    return authentication.getAuthorities().stream()
        .map(GrantedAuthority::getAuthority)
        .filter(a -> a.startsWith(Groups.AUTHORITY_PREFIX))
        .map(a -> a.substring(Groups.AUTHORITY_PREFIX.length()))
        .collect(Collectors.toSet());
  }
}
