package io.modelops.orchestrator.catalog;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

/**
 * The risk questionnaire of a registration. Its answers, with the model type, give the minimum risk
 * tier (DMN {@code risk-classification}, owned by the risk function); a registration cannot declare
 * a lower tier than its own answers imply.
 */
@Schema(description = "Risk questionnaire: the answers decide the minimum risk tier")
public record RiskAssessment(
    @Schema(
            example = "true",
            description =
                "The model's output decides, or is the main basis of a decision, about a person"
                    + " (credit, claims, hiring, prices, access)")
        @NotNull
        Boolean automatedDecisions,
    @Schema(example = "true", description = "The model uses personal data (GDPR Art. 4(1))")
        @NotNull
        Boolean personalData,
    @Schema(
            example = "false",
            description =
                "The model uses special-category data (GDPR Art. 9: health, ethnicity, religion,"
                    + " biometrics, sexual orientation, ...)")
        @NotNull
        Boolean specialCategoryData,
    @Schema(
            example = "NONE",
            description = "The EU AI Act Annex III area the model is used in, NONE when none")
        @NotNull
        AnnexIIIArea annexIIIArea,
    @Schema(
            example = "MATERIAL",
            description = "What a wrong output can cost: NONE, LIMITED or MATERIAL")
        @NotNull
        FinancialImpact financialImpact,
    @Schema(
            example = "false",
            description = "The output influences diagnosis or treatment of patients")
        @NotNull
        Boolean clinicalImpact) {}
