-- A key for the run's staging of warnings: it holds sealed id numbers (id_number_enc, person_hash), and a key
-- rotation walks every table with sealed columns by its primary key (its rows are never committed, so a rotation
-- finds it empty; the key costs a cached identity value per row).
alter table screening_run_stage
    add column stage_row bigint generated always as identity (cache 1000) primary key;
