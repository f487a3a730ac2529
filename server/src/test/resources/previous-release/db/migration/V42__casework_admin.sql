-- 系统管理 pages edit the code lists and income lines: each row gets a version for optimistic locking, so a
-- second administrator's stale form is refused instead of overwriting. (casework_setting rows are compared by
-- their values when the settings page saves.)
alter table casework_code add column version int not null default 0;
alter table income_line add column version int not null default 0;
