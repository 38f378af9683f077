-- metric_point is the high-volume time series of the API (tens of thousands of rows a second).
-- Its foreign key to model_version checked every inserted row on its own (a row trigger with a
-- lookup and a lock each): half the cost of storing a batch of 1,000 points. The same guarantee
-- is now given once per batch and on the rare side:
--   * the writer (MetricPointRepository) locks the version row FOR KEY SHARE before it copies a
--     batch, exactly the lock the foreign-key check took for every row;
--   * a version, or its id, cannot be removed while it has metric points (below), as before.
ALTER TABLE metric_point DROP CONSTRAINT metric_point_model_version_id_fkey;

CREATE FUNCTION model_version_keep_metric_points() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.id = OLD.id THEN
    RETURN NEW;
  END IF;
  IF EXISTS (SELECT 1 FROM metric_point WHERE model_version_id = OLD.id) THEN
    RAISE EXCEPTION 'model_version % has metric points: % refused', OLD.id, TG_OP
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER model_version_metric_points_guard
  BEFORE DELETE OR UPDATE OF id ON model_version
  FOR EACH ROW EXECUTE FUNCTION model_version_keep_metric_points();
