-- Platform alerts (io.strata.alerting.PlatformAlerts): conditions of the platform itself, not of a
-- tenant's events — the audit trail failing verification, indexing falling behind — told to the
-- operator's channel (STRATA_ALERTS_OPERATOR_*). One row per condition, kept once it has fired.
CREATE TABLE platform_alerts (
    name         varchar(200)  PRIMARY KEY,
    state        varchar(16)   NOT NULL,
    since        timestamptz   NOT NULL,
    value        bigint,
    summary      text,
    notified     varchar(16),
    notified_at  timestamptz,
    updated_at   timestamptz   NOT NULL
);

-- The operator's notifications belong to no tenant.
ALTER TABLE alert_notifications ALTER COLUMN tenant DROP NOT NULL;
ALTER TABLE alert_deliveries ALTER COLUMN tenant DROP NOT NULL;
