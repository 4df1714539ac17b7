-- Leases of jobs that must run on one node of the cluster at a time (io.strata.infra.jobs.ClusterLease).
CREATE TABLE job_leases (
    name   varchar(128) PRIMARY KEY,
    holder varchar(255) NOT NULL,
    until  timestamptz  NOT NULL
);
