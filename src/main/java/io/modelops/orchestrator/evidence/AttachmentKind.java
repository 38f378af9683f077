package io.modelops.orchestrator.evidence;

/** What an attachment is; decides who may upload it (see {@link UploadRule}). */
public enum AttachmentKind {
  /** The validation memo of an independent validator or of model risk. */
  VALIDATION_MEMO,
  /** Documentation of the model by its developers. */
  MODEL_DOCUMENTATION,
  /** A data sheet of the training or evaluation data. */
  DATA_SHEET,
  /** Anything else either side wants on record. */
  OTHER
}
