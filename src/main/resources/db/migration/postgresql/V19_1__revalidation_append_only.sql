-- Revalidation decisions and owner attestations are evidence: nobody changes or removes them.
CREATE TRIGGER revalidation_review_no_update_or_delete
  BEFORE UPDATE OR DELETE ON revalidation_review
  FOR EACH ROW EXECUTE FUNCTION approval_evidence_append_only();

CREATE TRIGGER revalidation_review_no_truncate
  BEFORE TRUNCATE ON revalidation_review
  FOR EACH STATEMENT EXECUTE FUNCTION approval_evidence_append_only();

CREATE TRIGGER attestation_no_update_or_delete
  BEFORE UPDATE OR DELETE ON attestation
  FOR EACH ROW EXECUTE FUNCTION approval_evidence_append_only();

CREATE TRIGGER attestation_no_truncate
  BEFORE TRUNCATE ON attestation
  FOR EACH STATEMENT EXECUTE FUNCTION approval_evidence_append_only();
