-- A registered evaluation dataset is evidence: nobody changes or removes it, whoever connects.
CREATE TRIGGER evaluation_dataset_no_update_or_delete
  BEFORE UPDATE OR DELETE ON evaluation_dataset
  FOR EACH ROW EXECUTE FUNCTION approval_evidence_append_only();

CREATE TRIGGER evaluation_dataset_no_truncate
  BEFORE TRUNCATE ON evaluation_dataset
  FOR EACH STATEMENT EXECUTE FUNCTION approval_evidence_append_only();
