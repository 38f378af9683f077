-- Frozen means frozen: the database itself refuses to change or remove a determined approval
-- policy, a recorded decision or a canary verdict, and to change who registered a version (or
-- which model and version a catalog entry is), whoever connects.
CREATE FUNCTION approval_evidence_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER approval_policy_no_update_or_delete
  BEFORE UPDATE OR DELETE ON approval_policy
  FOR EACH ROW EXECUTE FUNCTION approval_evidence_append_only();

CREATE TRIGGER approval_policy_no_truncate
  BEFORE TRUNCATE ON approval_policy
  FOR EACH STATEMENT EXECUTE FUNCTION approval_evidence_append_only();

CREATE TRIGGER approval_no_update_or_delete
  BEFORE UPDATE OR DELETE ON approval
  FOR EACH ROW EXECUTE FUNCTION approval_evidence_append_only();

CREATE TRIGGER canary_analysis_no_update_or_delete
  BEFORE UPDATE OR DELETE ON canary_analysis
  FOR EACH ROW EXECUTE FUNCTION approval_evidence_append_only();

CREATE FUNCTION model_version_identity_immutable() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'model_version: registered_by, model_id and version cannot change (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER model_version_identity_no_update
  BEFORE UPDATE OF registered_by, model_id, version ON model_version
  FOR EACH ROW
  WHEN (OLD.registered_by IS DISTINCT FROM NEW.registered_by
        OR OLD.model_id IS DISTINCT FROM NEW.model_id
        OR OLD.version IS DISTINCT FROM NEW.version)
  EXECUTE FUNCTION model_version_identity_immutable();
