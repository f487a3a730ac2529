-- 全国系统人口名单 of a township or a county (hundreds of thousands of rows) is written by a background job, with
-- its progress, so that the user may leave the page and come back to download the file (NationalExportJobs).
create table national_export_job (
    id            bigserial primary key,
    -- who asked: only this account may see the job and download its file (no foreign key: the account table is
    -- the access module's, and a job outlives nothing but a day)
    account_id    bigint not null,
    username      text not null,
    area_code     char(12) not null,
    income_year   int not null,
    in_full       boolean not null,
    state         text not null check (state in ('QUEUED', 'RUNNING', 'READY', 'DOWNLOADED', 'EXPIRED', 'FAILED')),
    persons_total bigint,
    persons_done  bigint not null default 0,
    households    bigint,
    -- the sealed file under the data directory while READY (deleted when downloaded or a day after it was written)
    stored_file   text,
    file_name     text not null,
    created_at    timestamptz not null,
    updated_at    timestamptz not null,
    finished_at   timestamptz
);
create index national_export_job_account on national_export_job (account_id, id desc);
