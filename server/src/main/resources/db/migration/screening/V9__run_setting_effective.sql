-- A run keeps since when each comparison setting it used was in force (标准调整 of the thresholds, casework V11), as
-- it keeps its income lines' (screening_run_line.effective_from). Null: the default, or set before changes were
-- recorded, or a run before this migration.
alter table screening_run_setting add column effective_from date;
