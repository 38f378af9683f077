package io.modelops.orchestrator.retraining;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Retraining settings.
 *
 * @param trainingTimeout after this time without a result the training counts as overdue: the owner
 *     and ml-ops are told (the training goes on)
 * @param pipelineUrl the training pipeline (Airflow, Kubeflow, Jenkins...) that models with {@code
 *     retraining.trainer: PIPELINE} are trained by; requests are POSTed there, signed
 * @param pipelineSecret shared secret of the pipeline request's HMAC-SHA256 signature
 * @param pipelineTimeout connect and read timeout of the pipeline request
 * @param callbackBaseUrl public URL of this orchestrator, for the callback URL the pipeline gets
 *     ({@code <callbackBaseUrl>/api/retraining/{id}/result}); a relative path when empty
 */
@ConfigurationProperties("modelops.retraining")
public record RetrainingProperties(
    @DefaultValue("PT6H") Duration trainingTimeout,
    String pipelineUrl,
    String pipelineSecret,
    @DefaultValue("30s") Duration pipelineTimeout,
    String callbackBaseUrl) {}
