-- 统计调度 of a city at speed (issue 14 point 6): the counts kept per village (monitored_village_figure, V16) also
-- summed per county and per township (the first 6 or 9 digits), so that a city's dashboard sums its counties' rows
-- (a few hundred) and a county's its townships' (about a thousand) instead of every village's (~48,000 in a city).
--
-- Writers never update a shared row here (a county row would make every writer of the county wait for the others'
-- commit, and two multi-statement transactions could deadlock on it): a statement-level trigger on
-- monitored_village_figure appends what each statement changed there, summed per county and township, as new rows;
-- an area's value is the sum of its rows. CaseworkFigures folds the rows of each area and metric into one
-- (monitored_area_figure_compact, one statement, every minute): writers only insert, so they never wait for it, and a
-- reader sees the rows either before or after the fold, with the same sums.
-- Fed by the village rows' own transition tables, the sums follow every writer of those rows (the V16 triggers, the
-- recount), so they always equal the village rows summed (FiguresWebTest checks it after every kind of edit).
create table monitored_area_figure (
    digits     smallint not null check (digits in (6, 9)),
    area_code  char(12) not null,          -- the county's or township's code: the prefix padded with zeros
    metric     text not null,
    value      numeric(16, 2) not null
);
create index monitored_area_figure_area on monitored_area_figure (digits, area_code) include (metric, value);

create function monitored_area_figure_change() returns trigger language plpgsql set search_path = casework as $$
begin
    if tg_op = 'INSERT' then
        insert into monitored_area_figure (digits, area_code, metric, value)
        select l.d, rpad(substr(r.village_code, 1, l.d), 12, '0'), r.metric, sum(r.value)
          from new_rows r, (values (6), (9)) l (d)
         group by 1, 2, 3 having sum(r.value) <> 0;
    elsif tg_op = 'DELETE' then
        insert into monitored_area_figure (digits, area_code, metric, value)
        select l.d, rpad(substr(r.village_code, 1, l.d), 12, '0'), r.metric, -sum(r.value)
          from old_rows r, (values (6), (9)) l (d)
         group by 1, 2, 3 having sum(r.value) <> 0;
    else
        insert into monitored_area_figure (digits, area_code, metric, value)
        select l.d, rpad(substr(c.village_code, 1, l.d), 12, '0'), c.metric, sum(c.value)
          from (select village_code, metric, value from new_rows
                union all
                select village_code, metric, -value from old_rows) c, (values (6), (9)) l (d)
         group by 1, 2, 3 having sum(c.value) <> 0;
    end if;
    return null;
end $$;

-- (an INSERT … ON CONFLICT DO UPDATE of the V16 triggers fires both: its new rows and its updated rows)
create trigger monitored_area_figure_insert after insert on monitored_village_figure
    referencing new table as new_rows for each statement execute function monitored_area_figure_change();
create trigger monitored_area_figure_update after update on monitored_village_figure
    referencing old table as old_rows new table as new_rows
    for each statement execute function monitored_area_figure_change();
create trigger monitored_area_figure_delete after delete on monitored_village_figure
    referencing old table as old_rows for each statement execute function monitored_area_figure_change();

-- Folds the rows of each area and metric into one; the rows it folded. Rows appended meanwhile by writers are not
-- seen by its delete and stay for the next fold; two folds at once each fold what the other had not (a row the other
-- deleted is skipped).
create function monitored_area_figure_compact() returns bigint language sql set search_path = casework as $$
    with gone as (delete from monitored_area_figure returning digits, area_code, metric, value),
         kept as (insert into monitored_area_figure (digits, area_code, metric, value)
                  select digits, area_code, metric, sum(value) from gone
                   group by 1, 2, 3 having sum(value) <> 0 returning 1)
    select count(*) from gone;
$$;

-- The recount (V16) also writes the sums per area afresh.
create or replace function monitored_figure_rebuild() returns void language sql set search_path = casework as $$
    delete from monitored_village_figure;
    insert into monitored_village_figure (village_code, metric, value)
    select village_code, metric, sum(value) from (
        select m.village_code, f.metric, f.value
          from monitored_household m,
               monitored_figure_values(m.status, m.category, m.risk_types, m.persons, m.income_per_capita,
                                       m.income_comparison, m.income_line) f
        union all
        select village_code, 'measures.' || measure_group || '.' || state, 1 from plan_measure) d
     group by 1, 2 having sum(value) <> 0;
    delete from monitored_area_figure;
    insert into monitored_area_figure (digits, area_code, metric, value)
    select l.d, rpad(substr(village_code, 1, l.d), 12, '0'), metric, sum(value)
      from monitored_village_figure, (values (6), (9)) l (d)
     group by 1, 2, 3 having sum(value) <> 0;
$$;

-- the first fill
insert into monitored_area_figure (digits, area_code, metric, value)
select l.d, rpad(substr(village_code, 1, l.d), 12, '0'), metric, sum(value)
  from monitored_village_figure, (values (6), (9)) l (d)
 group by 1, 2, 3 having sum(value) <> 0;
