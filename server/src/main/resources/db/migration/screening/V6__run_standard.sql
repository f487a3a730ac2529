-- The standard a run compared with, kept with the run (标准调整: a later change of the income line or of the rules
-- does not change what an earlier run used). One row per income year the run knew a line for: the figure, the
-- region whose line it was and the day that figure took effect (null: set before changes were recorded).
create table screening_run_line (
    run_id          bigint not null references screening_run (id),
    year            smallint not null,
    line            numeric(12, 2) not null,
    area_code       char(12) not null,
    effective_from  date,
    primary key (run_id, year)
);
-- the day whose standards the run used (the last day of its period) and the rules it left out (codes, comma-separated)
alter table screening_run add column standard_as_of date;
alter table screening_run add column rules_off text not null default '';
