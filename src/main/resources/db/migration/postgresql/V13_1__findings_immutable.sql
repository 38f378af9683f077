-- A finding's facts are what the reviewer raised: nobody changes or removes them, whoever
-- connects; only its status and the expiry of a risk acceptance move (the orchestrator writes a
-- finding_transition row for each move). The history itself is append-only.
CREATE FUNCTION finding_facts_immutable() RETURNS trigger AS $$
BEGIN
  IF TG_OP <> 'UPDATE' THEN
    RAISE EXCEPTION 'finding: % refused', TG_OP;
  END IF;
  IF OLD.id IS DISTINCT FROM NEW.id
     OR OLD.model_version_id IS DISTINCT FROM NEW.model_version_id
     OR OLD.title IS DISTINCT FROM NEW.title
     OR OLD.description IS DISTINCT FROM NEW.description
     OR OLD.severity IS DISTINCT FROM NEW.severity
     OR OLD.owner IS DISTINCT FROM NEW.owner
     OR OLD.risk_tier IS DISTINCT FROM NEW.risk_tier
     OR OLD.due_date IS DISTINCT FROM NEW.due_date
     OR OLD.raised_by IS DISTINCT FROM NEW.raised_by
     OR OLD.raised_at IS DISTINCT FROM NEW.raised_at
     OR OLD.review_task_id IS DISTINCT FROM NEW.review_task_id THEN
    RAISE EXCEPTION 'finding: only status, risk_accepted_until and updated_at may change';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER finding_facts_no_update_or_delete
  BEFORE UPDATE OR DELETE ON finding
  FOR EACH ROW EXECUTE FUNCTION finding_facts_immutable();

CREATE TRIGGER finding_no_truncate
  BEFORE TRUNCATE ON finding
  FOR EACH STATEMENT EXECUTE FUNCTION approval_evidence_append_only();

CREATE TRIGGER finding_transition_no_update_or_delete
  BEFORE UPDATE OR DELETE ON finding_transition
  FOR EACH ROW EXECUTE FUNCTION approval_evidence_append_only();

CREATE TRIGGER finding_transition_no_truncate
  BEFORE TRUNCATE ON finding_transition
  FOR EACH STATEMENT EXECUTE FUNCTION approval_evidence_append_only();
