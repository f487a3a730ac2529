-- Department data comparison (部门数据比对) in the server: uploaded files, runs, their warnings and rejects.

-- One uploaded department file. A new upload for the same period, county and kind becomes current; the
-- earlier row stays (is_current = false, replaced_by set) so older runs still name the file they used.
create table screening_upload (
    id            bigserial primary key,
    kind          text not null,
    period        char(7) not null,
    county_code   char(12) not null,
    file_name     text not null,
    stored_path   text not null,
    sha256        char(64) not null,
    size_bytes    bigint not null,
    row_count     bigint not null,
    uploaded_by   text not null,
    uploaded_at   timestamptz not null,
    is_current    boolean not null default true,
    replaced_by   bigint references screening_upload (id)
);
create unique index screening_upload_current on screening_upload (period, county_code, kind) where is_current;
create index screening_upload_period on screening_upload (county_code, period);

create table screening_run (
    id            bigserial primary key,
    period        char(7) not null,
    county_code   char(12) not null,
    status        text not null check (status in ('RUNNING', 'DONE', 'FAILED')),
    progress      text,
    rules         text not null,
    started_by    text not null,
    started_at    timestamptz not null,
    finished_at   timestamptz,
    households    int,
    persons       int,
    warnings      bigint,
    new_warnings  bigint,
    rejects       bigint,
    millis        bigint,
    error         text
);
create index screening_run_county on screening_run (county_code, period, id);

-- The files a run read (department uploads with their checksum; the registry export without one) and counts.
create table screening_run_file (
    run_id        bigint not null references screening_run (id),
    kind          text not null,
    upload_id     bigint references screening_upload (id),
    file_name     text,
    sha256        char(64),
    status        text not null,
    read_rows     bigint not null,
    rejected      bigint not null,
    unmatched     bigint not null,
    primary key (run_id, kind)
);

create table screening_run_rule (
    run_id        bigint not null references screening_run (id),
    rule          text not null,
    warnings      bigint not null,
    primary key (run_id, rule)
);

-- A warning is one fact: (period, household, rule, person). Running the period again finds the same fact and
-- only moves last_run_id / seen_count; the first sighting (first_run_id, detail, source line) is kept.
create table screening_warning (
    id            bigserial primary key,
    period        char(7) not null,
    household_id  bigint not null references household (id),
    village_code  char(12) not null,
    rule          text not null,
    -- keyed hash of the person's id number (empty for household warnings): the idempotence key without plain text
    person_hash   bytea not null,
    id_number_enc bytea,
    risk_type     text,
    source        text not null,
    line          int,
    detail        text not null,
    first_run_id  bigint not null references screening_run (id),
    last_run_id   bigint not null references screening_run (id),
    seen_count    int not null default 1,
    constraint screening_warning_key unique (period, household_id, rule, person_hash)
);
create index screening_warning_scope on screening_warning (period, village_code, rule);

create table screening_reject (
    run_id        bigint not null references screening_run (id),
    source        text not null,
    line          int not null,
    reason        text not null
);
create index screening_reject_run on screening_reject (run_id, source, line);
