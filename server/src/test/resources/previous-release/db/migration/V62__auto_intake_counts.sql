-- Automatic intake (setting auto_intake_rules): a finished run turns its new warnings of the chosen rules into
-- leads in the name of whoever started it. The run keeps who that was and what came of it.
alter table screening_run add column started_by_account bigint;
alter table screening_run add column auto_opened int;
alter table screening_run add column auto_joined int;
alter table screening_run add column auto_refused int;
