-- Retention finds old metric points by observed_at. A BRIN index: a few pages for the whole table
-- and next to nothing per inserted row, so ingestion keeps its speed (points arrive roughly in
-- time order, which is what BRIN needs).
CREATE INDEX ix_metric_point_observed_brin ON metric_point USING brin (observed_at);
