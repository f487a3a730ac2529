-- 标准调整 (policy.md §10, 规范标准调整机制): every change of a monitoring income line is a record of its own, kept
-- for good: the figure, the day it takes effect, the reason and the approving document, who and when. The figure in
-- force at a place on a day is, per year, the most specific region's latest change effective on or before that day
-- (a change recorded later wins a tie). income_line stays the list of lines (area, year) with the latest figure
-- recorded and its version for the edit form; decisions read the changes (CaseworkSettingsStore, StandardsApi).
-- Numbered V9: V8 is another branch's; the lead renumbers if they are merged in another order.
create table income_line_change (
    id               bigserial primary key,
    area_code        char(12) not null,
    year             smallint not null,
    line             numeric(12, 2) not null check (line > 0),
    -- null: in force since before changes were recorded (the lines set before this migration)
    effective_from   date,
    reason           text,
    document         text,
    changed_by       text,
    changed_by_name  text,
    changed_at       timestamptz not null,
    foreign key (area_code, year) references income_line (area_code, year) on delete cascade
);
create index income_line_change_line on income_line_change (area_code, year, effective_from);
-- The server only ever inserts here (CaseworkAdmin); every change is also in the append-only audit log
-- (INCOME_LINE_ADD / INCOME_LINE_UPDATE with the figure, day, reason and document). No append-only trigger, unlike
-- the case records: a line (no page deletes one) takes its changes with it when removed by hand or by a test.

insert into income_line_change (area_code, year, line, effective_from, changed_at)
select area_code, year, line, null, now() from income_line;
