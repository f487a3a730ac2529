-- 数据上报: what the engine's own row parser made of an upload, and uploads waiting for confirmation.

-- Data rows the engine would reject (feeds.md), counted when the file was checked, and the most frequent reasons
-- (one "count<TAB>reason" per line, reasons as in rejects.csv). A file whose rows are mostly rejected is refused.
alter table screening_upload add column rejected_rows bigint not null default 0;
alter table screening_upload add column reject_reasons text not null default '';

-- A new upload for a period, county and kind that already has a current file waits here (is_current false,
-- replaced_by null) until its uploader confirms that it replaces the current one (then it becomes current and
-- the old one is replaced, as before) or abandons it; past pending_until it is discarded, row and file.
alter table screening_upload add column pending_until timestamptz;
create index screening_upload_pending on screening_upload (pending_until) where pending_until is not null;
