-- 统计调度 (issue 14 point 2): month-end snapshots. A snapshot freezes every module's figures (figures.FigureSourceApi)
-- per village as of the month's last day; an area's figure of that month is the sum over its villages. Written once,
-- never changed (append-only): later edits of the source tables do not reach a month that was reported.
create table figure_snapshot (
    month     date primary key check (extract(day from month) = 1),
    as_of     date not null,
    how       text not null check (how in ('SCHEDULED', 'MANUAL', 'RECONSTRUCTED')),
    taken_at  timestamptz not null,
    taken_by  text not null,
    villages  int not null,
    values_n  int not null
);

create table figure_snapshot_value (
    month         date not null references figure_snapshot (month),
    village_code  char(12) not null,
    metric        text not null,
    value         numeric(16, 2) not null,
    primary key (month, village_code, metric)
);

create function figure_snapshot_frozen() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only (%)', tg_table_name, tg_op;
end $$;
create trigger figure_snapshot_frozen before update or delete on figure_snapshot
    for each row execute function figure_snapshot_frozen();
create trigger figure_snapshot_value_frozen before update or delete on figure_snapshot_value
    for each row execute function figure_snapshot_frozen();
