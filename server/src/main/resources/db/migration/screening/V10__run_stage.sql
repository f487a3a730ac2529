-- A run's warnings as the engine hands them over (streamed with COPY while the comparison goes on), merged into
-- screening_warning in one statement once compared, and deleted again in the same transaction: their rows are never
-- committed (unlogged: none of it goes to the write-ahead log). The server's role may not create temporary tables.
create unlogged table screening_run_stage (
    run_id        bigint not null,
    household_id  bigint not null,
    village_code  char(12) not null,
    household_no  text,
    rule          text not null,
    person_hash   bytea not null,
    id_number_enc bytea,
    risk_type     text,
    source        text not null,
    line          int,
    detail        text not null,
    amount        numeric(14, 2)
);

-- The warnings a run found new (for the automatic intake and the look-back at earlier periods); also emptied in the
-- run's own transaction.
create unlogged table screening_run_new (
    run_id        bigint not null,
    warning_id    bigint not null,
    rule          text not null
);
