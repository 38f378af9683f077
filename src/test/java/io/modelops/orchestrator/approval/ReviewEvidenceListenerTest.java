package io.modelops.orchestrator.approval;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.evidence.AttachmentKind;
import io.modelops.orchestrator.evidence.AttachmentView;
import io.modelops.orchestrator.findings.FindingStatus;
import io.modelops.orchestrator.findings.FindingView;
import io.modelops.orchestrator.findings.Severity;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The evidence of the review form: everything the registration, the attachments and the findings
 * hold, with the only links being the orchestrator's own, and what people wrote as plain text.
 */
class ReviewEvidenceListenerTest {

  private static final UUID ATTACHMENT = UUID.fromString("3f1c2a6e-0000-4000-8000-000000000007");

  @Test
  void shouldShowTheFullEvidenceWithTheReportAndDownloadLinks() {
    String md =
        ReviewEvidenceListener.markdown(
            version("Scores credit applications", "Consumer loans up to 50k"),
            List.of(attachment("memo.pdf")),
            List.of(finding("Calibration missing")));

    assertThat(md)
        .contains(
            "[Open the full model report](/dashboard/models/credit-risk/versions/2.1.0/report)")
        .contains("**Description:** Scores credit applications")
        .contains("**Intended use:** Consumer loans up to 50k")
        .contains("**Limitations:** *not given*")
        .contains(
            "source commit 4f2a9c1", "training data s3\\://data/credit/2026\\-11", "run r\\-42")
        .contains(
            "| VALIDATION_MEMO | [memo\\.pdf](/dashboard/models/credit-risk/versions/2.1.0/attachments/"
                + ATTACHMENT
                + ") | 2048 bytes | `abc123` |")
        .contains("| HIGH | Calibration missing | OPEN | 2027-01-20 | dana |");
  }

  @Test
  void shouldRenderWhatPeopleWroteAsTextNeverAsHtmlOrLinks() {
    String md =
        ReviewEvidenceListener.markdown(
            version("<img src=x onerror=alert(1)>", "[click](javascript:alert(1))"),
            List.of(attachment("<script>alert(1)</script>.pdf")),
            List.of(finding("x | y\n# heading {{secret}}")));

    assertThat(md)
        .doesNotContain("<img", "<script", "](javascript", "{{", "\n# heading")
        .contains("&lt;img src=x onerror=alert\\(1\\)&gt;")
        .contains("\\[click\\]\\(javascript\\:alert\\(1\\)\\)")
        .contains("x &#124; y \\# heading \\{\\{secret\\}\\}");
    // the only links are the report and the download
    assertThat(md.split("\\]\\(/dashboard/", -1)).hasSize(3);
  }

  private static ModelVersion version(String description, String intendedUse) {
    return new ModelVersion(
        UUID.randomUUID(),
        UUID.randomUUID(),
        "credit-risk",
        "2.1.0",
        "s3://models/credit-risk/2.1.0",
        "sklearn",
        null,
        null,
        "dana",
        "dana@example.com",
        description,
        intendedUse,
        null,
        null,
        "4f2a9c1",
        "s3://data/credit/2026-11",
        "r-42",
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        "dana",
        OffsetDateTime.now(),
        OffsetDateTime.now(),
        "instance",
        "hash");
  }

  private static AttachmentView attachment(String fileName) {
    return new AttachmentView(
        ATTACHMENT,
        AttachmentKind.VALIDATION_MEMO,
        "Memo",
        fileName,
        "application/pdf",
        2048,
        "abc123",
        "dana",
        OffsetDateTime.now(),
        "/api/x");
  }

  private static FindingView finding(String title) {
    return new FindingView(
        UUID.randomUUID(),
        "credit-risk",
        "2.1.0",
        title,
        "d",
        Severity.HIGH,
        "dana",
        LocalDate.of(2027, 1, 20),
        false,
        "victor",
        OffsetDateTime.now(),
        FindingStatus.OPEN,
        null,
        null,
        true,
        List.of());
  }
}
