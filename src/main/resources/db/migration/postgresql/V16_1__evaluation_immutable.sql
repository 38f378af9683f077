-- An evaluation is evidence. Its results are append-only; of its request only the outcome moves,
-- once, from OPEN (status, finished_at, evaluated_by, failure_reason); nothing is removed.
CREATE FUNCTION evaluation_request_facts_immutable() RETURNS trigger AS $$
BEGIN
  IF TG_OP <> 'UPDATE' THEN
    RAISE EXCEPTION 'evaluation_request: % refused', TG_OP;
  END IF;
  IF OLD.status <> 'OPEN'
     OR OLD.id IS DISTINCT FROM NEW.id
     OR OLD.model_id IS DISTINCT FROM NEW.model_id
     OR OLD.model_version_id IS DISTINCT FROM NEW.model_version_id
     OR OLD.champion_version_id IS DISTINCT FROM NEW.champion_version_id
     OR OLD.dataset_id IS DISTINCT FROM NEW.dataset_id
     OR OLD.dataset_uri IS DISTINCT FROM NEW.dataset_uri
     OR OLD.dataset_sha256 IS DISTINCT FROM NEW.dataset_sha256
     OR OLD.process_instance_id IS DISTINCT FROM NEW.process_instance_id
     OR OLD.requested_at IS DISTINCT FROM NEW.requested_at THEN
    RAISE EXCEPTION 'evaluation_request: only the outcome of an open request may be set';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER evaluation_request_no_update_or_delete
  BEFORE UPDATE OR DELETE ON evaluation_request
  FOR EACH ROW EXECUTE FUNCTION evaluation_request_facts_immutable();

CREATE TRIGGER evaluation_request_no_truncate
  BEFORE TRUNCATE ON evaluation_request
  FOR EACH STATEMENT EXECUTE FUNCTION approval_evidence_append_only();

CREATE TRIGGER evaluation_result_no_update_or_delete
  BEFORE UPDATE OR DELETE ON evaluation_result
  FOR EACH ROW EXECUTE FUNCTION approval_evidence_append_only();

CREATE TRIGGER evaluation_result_no_truncate
  BEFORE TRUNCATE ON evaluation_result
  FOR EACH STATEMENT EXECUTE FUNCTION approval_evidence_append_only();
