-- Risk classification owned by the risk function. risk_tier stays the column everything reads and
-- now holds the *effective* tier: the highest of the tier the registrant declared, the tier the
-- questionnaire implies (DMN risk-classification) and the model's current tier; only a model-risk
-- decision lowers it. Versions registered before this migration keep their tier as declared and
-- have no questionnaire (computed_risk_tier and risk_assessment_json stay empty).
ALTER TABLE model_version ADD COLUMN declared_risk_tier VARCHAR(16);
ALTER TABLE model_version ADD COLUMN computed_risk_tier VARCHAR(16);
ALTER TABLE model_version ADD COLUMN risk_tier_reason VARCHAR(2000);
ALTER TABLE model_version ADD COLUMN risk_assessment_json TEXT;
UPDATE model_version SET declared_risk_tier = risk_tier, risk_tier_reason = 'as declared';
