package io.modelops.orchestrator.approval;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.evidence.AttachmentKind;
import io.modelops.orchestrator.evidence.AttachmentView;
import io.modelops.orchestrator.findings.FindingStatus;
import io.modelops.orchestrator.findings.FindingView;
import io.modelops.orchestrator.findings.Severity;
import io.modelops.orchestrator.validation.ValidationCheck;
import io.modelops.orchestrator.validation.ValidationReport;
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
            described("Scores credit applications", "Consumer loans up to 50k"),
            null,
            null,
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
            described("<img src=x onerror=alert(1)>", "[click](javascript:alert(1))"),
            null,
            null,
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

  @Test
  void shouldShowTheSignatureChangeAgainstTheChampion() {
    ModelVersion champion =
        version(
            "1.0.0",
            """
            {"inputs":[{"name":"amount","type":"double"},{"name":"age","type":"long"},\
            {"name":"region","type":"string"}],"outputs":[{"name":"score","type":"double"}]}""");
    ModelVersion candidate =
        version(
            "2.1.0",
            """
            {"inputs":[{"name":"amount","type":"double"},{"name":"age","type":"double"},\
            {"name":"income","type":"double"}],"outputs":[{"name":"score","type":"double"}]}""");

    String md = ReviewEvidenceListener.markdown(candidate, champion, null, List.of(), List.of());

    assertThat(md)
        .contains(
            "**Signature against the champion**\n\nAgainst champion 1\\.0\\.0 (in production)")
        .contains("| input type changed | age | long | double |")
        .contains("| input removed | region | string |  |")
        .contains("| input added | income |  | double |")
        .doesNotContain("| output");
  }

  @Test
  void shouldSayWhenThereIsNoChampionOrTheSignatureIsUnchanged() {
    String signature = "{\"inputs\":[{\"name\":\"amount\",\"type\":\"double\"}]}";

    assertThat(
            ReviewEvidenceListener.markdown(
                version("1.0.0", signature), null, null, List.of(), List.of()))
        .contains("**Signature against the champion**\n\nfirst version: no champion");
    assertThat(
            ReviewEvidenceListener.markdown(
                version("2.0.0", signature),
                version("1.0.0", signature),
                null,
                List.of(),
                List.of()))
        .contains("unchanged against champion 1\\.0\\.0 (in production)");
    assertThat(
            ReviewEvidenceListener.markdown(
                version("2.0.0", null), version("1.0.0", signature), null, List.of(), List.of()))
        .contains("not comparable with champion 1\\.0\\.0 (in production): this version declares");
  }

  @Test
  void shouldShowComputedMetricsAgainstTheirGatesWhenIndependentlyEvaluated() {
    ValidationReport report =
        report(
            ValidationCheck.pass(
                ValidationReport.INDEPENDENT_EVALUATION, "by eval-bot", null, "Computed"),
            ValidationCheck.pass(
                "declared-metrics-match", "auc declared 0.91, computed 0.9", "auc ± 0.02", "ok"),
            ValidationCheck.pass("metric:auc", "0.9 (computed)", ">= 0.75", "ok"),
            ValidationCheck.fail(
                "champion:auc", "-0.03 (computed, champion on the same dataset)", ">= -0.01", "x"),
            ValidationCheck.pass("documentation", "complete", "nothing", "ok"));

    String md =
        ReviewEvidenceListener.markdown(version("2.1.0", null), null, report, List.of(), List.of());

    assertThat(md)
        .contains("**Metrics against the gates**\n\nComputed by the independent evaluation")
        .contains("| metric\\:auc | PASS | &gt;= 0\\.75 | 0\\.9 \\(computed\\) |")
        .contains(
            "| champion\\:auc | FAIL | &gt;= \\-0\\.01 | \\-0\\.03 \\(computed, champion on the same")
        .contains(
            "| declared\\-metrics\\-match | PASS | auc ± 0\\.02 | auc declared 0\\.91, computed 0\\.9 |")
        .doesNotContain("| documentation");
  }

  @Test
  void shouldSayWhenMetricsAreOnlyDeclaredOrNotValidatedYet() {
    ValidationReport declared =
        report(
            ValidationCheck.warn(
                ValidationReport.INDEPENDENT_EVALUATION, "not evaluated", null, "none"),
            ValidationCheck.pass("metric:auc", "0.9 (declared)", ">= 0.75", "ok"));

    assertThat(
            ReviewEvidenceListener.markdown(
                version("2.1.0", null), null, declared, List.of(), List.of()))
        .contains("Declared by the registrant: no independent evaluation.")
        .contains("| metric\\:auc | PASS | &gt;= 0\\.75 | 0\\.9 \\(declared\\) |");
    assertThat(
            ReviewEvidenceListener.markdown(
                version("2.1.0", null), null, null, List.of(), List.of()))
        .contains("**Metrics against the gates**\n\nno validation run yet");
  }

  private static ValidationReport report(ValidationCheck... checks) {
    return new ValidationReport(
        UUID.randomUUID(), UUID.randomUUID(), OffsetDateTime.now(), null, List.of(checks));
  }

  private static ModelVersion described(String description, String intendedUse) {
    return version("2.1.0", null, description, intendedUse);
  }

  private static ModelVersion version(String version, String signatureJson) {
    return version(version, signatureJson, "d", "u");
  }

  private static ModelVersion version(
      String version, String signatureJson, String description, String intendedUse) {
    return new ModelVersion(
        UUID.randomUUID(),
        UUID.randomUUID(),
        "credit-risk",
        version,
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
        signatureJson,
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
