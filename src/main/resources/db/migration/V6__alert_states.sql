-- Alert evaluation (io.strata.alerting.AlertScheduler): when each rule is next due, the current
-- state of each alert (one per rule and group, identified by its fingerprint), and every
-- transition between states with the value that caused it. A state row and its transitions are
-- written in the evaluation's own transaction, together with the rule's next_run_at; the next
-- increment adds a notification outbox written in that same transaction.

-- NULL next_run_at: due now (a new rule, or one from before this migration).
ALTER TABLE alert_rules ADD COLUMN next_run_at timestamptz;
ALTER TABLE alert_rules ADD COLUMN last_evaluated_at timestamptz;
CREATE INDEX alert_rules_next_run ON alert_rules (next_run_at) WHERE enabled;

-- An alert that is pending, firing, acknowledged, resolved or in error; a group whose condition
-- does not hold and never fired has no row. Deleting the rule deletes its alerts (not its history).
CREATE TABLE alert_states (
    fingerprint   varchar(64)   PRIMARY KEY,
    tenant        varchar(63)   NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    rule_id       varchar(40)   NOT NULL REFERENCES alert_rules (id) ON DELETE CASCADE,
    group_values  text          NOT NULL,
    state         varchar(16)   NOT NULL,
    since         timestamptz   NOT NULL,
    value         bigint,
    last_value    bigint,
    ack_by        varchar(255),
    ack_at        timestamptz,
    updated_at    timestamptz   NOT NULL
);
CREATE INDEX alert_states_tenant ON alert_states (tenant, state);
CREATE INDEX alert_states_rule ON alert_states (rule_id);

-- Every change of state: evaluated_at is the evaluation's time (or the ack's), actor the user for
-- an ack (NULL for the scheduler), detail the failure of an evaluation in error.
CREATE TABLE alert_transitions (
    id            bigserial     PRIMARY KEY,
    tenant        varchar(63)   NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    rule_id       varchar(40)   NOT NULL,
    fingerprint   varchar(64)   NOT NULL,
    group_values  text          NOT NULL,
    from_state    varchar(16)   NOT NULL,
    to_state      varchar(16)   NOT NULL,
    value         bigint,
    evaluated_at  timestamptz   NOT NULL,
    actor         varchar(255),
    detail        text
);
CREATE INDEX alert_transitions_tenant_at ON alert_transitions (tenant, evaluated_at);
