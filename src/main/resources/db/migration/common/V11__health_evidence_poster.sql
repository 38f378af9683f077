-- Independent health evidence: every metric point records the identity that posted it (feature
-- windows already do, in received_by). The canary analysis and the health evaluation count only
-- points posted by a current member of group model-monitors who did not register the version;
-- points stored before this column existed have no poster and are not counted.
ALTER TABLE metric_point ADD COLUMN posted_by VARCHAR(128);
