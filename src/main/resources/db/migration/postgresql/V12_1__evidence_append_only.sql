-- Evidence is immutable: the database refuses to change or remove an attachment or a stored
-- content, whoever connects, and to attach anything to a version that is approved or beyond.
CREATE FUNCTION evidence_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER attachment_no_update_or_delete
  BEFORE UPDATE OR DELETE ON attachment
  FOR EACH ROW EXECUTE FUNCTION evidence_append_only();

CREATE TRIGGER attachment_no_truncate
  BEFORE TRUNCATE ON attachment
  FOR EACH STATEMENT EXECUTE FUNCTION evidence_append_only();

CREATE TRIGGER evidence_blob_no_update_or_delete
  BEFORE UPDATE OR DELETE ON evidence_blob
  FOR EACH ROW EXECUTE FUNCTION evidence_append_only();

CREATE TRIGGER evidence_blob_no_truncate
  BEFORE TRUNCATE ON evidence_blob
  FOR EACH STATEMENT EXECUTE FUNCTION evidence_append_only();

CREATE FUNCTION attachment_open_versions_only() RETURNS trigger AS $$
DECLARE
  current_status VARCHAR(32);
BEGIN
  SELECT status INTO current_status FROM model_version WHERE id = NEW.version_id;
  IF current_status IS NULL OR current_status NOT IN ('REGISTERED', 'VALIDATING', 'IN_REVIEW') THEN
    RAISE EXCEPTION 'attachment: version % is %, its evidence is closed', NEW.version_id, current_status;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER attachment_open_versions_only
  BEFORE INSERT ON attachment
  FOR EACH ROW EXECUTE FUNCTION attachment_open_versions_only();
