-- Alert notifications (io.strata.alerting.channel, .delivery, .silence): where a tenant's alerts
-- are sent, the outbox of notifications written in the evaluation's own transaction, every
-- delivery attempt, and the silences that keep alerts quiet for a while.

-- A receiver of a tenant's notifications. secret holds the webhook's HMAC key or PagerDuty's
-- routing key; the API never returns it. recipients is a JSON array of e-mail addresses.
CREATE TABLE alert_channels (
    id           varchar(40)   PRIMARY KEY,
    tenant       varchar(63)   NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name         varchar(200)  NOT NULL,
    kind         varchar(16)   NOT NULL,
    url          varchar(2048),
    recipients   text          NOT NULL,
    secret       text,
    created_at   timestamptz   NOT NULL,
    created_by   varchar(255),
    updated_at   timestamptz   NOT NULL,
    updated_by   varchar(255),
    CONSTRAINT alert_channels_tenant_name UNIQUE (tenant, name)
);

-- What each alert's receivers were last told (firing, resolved, error) and when: a firing alert is
-- told once, then again every renotify; a resolve is told only of an alert whose firing was.
ALTER TABLE alert_states ADD COLUMN notified varchar(16);
ALTER TABLE alert_states ADD COLUMN notified_at timestamptz;

-- The outbox: one row per notification and channel. notice is the alert as it was when the row was
-- written (JSON), so editing a rule never changes what was already due. A row is claimed by a node
-- until lease_until, attempted, and then delivered, retried at next_attempt_at, or failed.
CREATE TABLE alert_notifications (
    id               bigserial     PRIMARY KEY,
    tenant           varchar(63)   NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    channel_id       varchar(40)   NOT NULL,
    rule_id          varchar(40),
    fingerprint      varchar(64),
    event            varchar(16)   NOT NULL,
    notice           text          NOT NULL,
    status           varchar(16)   NOT NULL,
    attempts         integer       NOT NULL,
    created_at       timestamptz   NOT NULL,
    next_attempt_at  timestamptz   NOT NULL,
    lease_until      timestamptz,
    delivered_at     timestamptz,
    last_status      integer,
    last_error       text
);
CREATE INDEX alert_notifications_due ON alert_notifications (next_attempt_at)
    WHERE status = 'pending';
CREATE INDEX alert_notifications_tenant ON alert_notifications (tenant, created_at);

-- Every attempt to deliver a notification, with the receiver's status code or the failure.
CREATE TABLE alert_deliveries (
    id               bigserial     PRIMARY KEY,
    notification_id  bigint        NOT NULL REFERENCES alert_notifications (id) ON DELETE CASCADE,
    tenant           varchar(63)   NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    channel_id       varchar(40)   NOT NULL,
    attempt          integer       NOT NULL,
    attempted_at     timestamptz   NOT NULL,
    status_code      integer,
    outcome          varchar(16)   NOT NULL,
    error            text,
    duration_ms      integer       NOT NULL
);
CREATE INDEX alert_deliveries_tenant_at ON alert_deliveries (tenant, attempted_at);

-- A maintenance window: alerts of the listed rules (all the tenant's when empty) whose group values
-- and rule labels match every matcher are not notified from starts_at until ends_at.
CREATE TABLE alert_silences (
    id           varchar(40)   PRIMARY KEY,
    tenant       varchar(63)   NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    rule_ids     text          NOT NULL,
    matchers     text          NOT NULL,
    starts_at    timestamptz   NOT NULL,
    ends_at      timestamptz   NOT NULL,
    comment      text          NOT NULL,
    created_at   timestamptz   NOT NULL,
    created_by   varchar(255)
);
CREATE INDEX alert_silences_tenant_end ON alert_silences (tenant, ends_at);
