-- 统计调度 at city scale (issue 14 point 6): today's figures from counts kept on write, not scans per request.
--   1. each monitored household's latest checked income on its row (kept by the checks' insert triggers: both check
--      tables are append-only; looked up when the row is inserted);
--   2. each monitored household's number of plan measures (the "without a measure" figure reads a small partial index);
--   3. monitored_village_figure: per village and metric, today's value of the figures that do not depend on the day
--      (monitored / eliminated / identified households and persons, by category and risk type, checked incomes,
--      measures by group and state), kept by statement-level triggers with transition tables on monitored_household
--      and plan_measure, for every writer (pages, API, COPY, SQL). A city's figures are a sum over its village rows.
-- CaseworkFigures reads it for today; a past day (a reconstructed snapshot) is still counted from the dated records.
-- Metric names are figures.FigureSourceApi's (snapshots store them).

alter table monitored_household
    add column income_per_capita numeric(14, 2),
    add column income_comparison numeric(14, 2),
    add column income_line numeric(12, 2),
    add column income_checked_on date,
    add column measures int not null default 0;

-- The latest income check of a household: the latest visit; on the same day the one recorded last (as the household's
-- page and the data-quality rules read it; CaseworkFigures' dated query orders the same way).
create function monitored_latest_check(_household bigint)
    returns table (per_capita numeric, comparison_value numeric, income_line numeric, visited_on date)
    language sql stable set search_path = casework as $$
    select per_capita, comparison_value, income_line, visited_on from (
        (select per_capita, comparison_value, income_line, visited_on, recorded_at, 1 as kind, id from lead_verification
          where household_id = _household order by visited_on desc, recorded_at desc, id desc limit 1)
        union all
        (select per_capita, comparison_value, income_line, visited_on, recorded_at, 2 as kind, id from home_check
          where household_id = _household order by visited_on desc, recorded_at desc, id desc limit 1)) x
     order by visited_on desc, recorded_at desc, kind desc, id desc limit 1
$$;

-- What one monitored household adds to its village's figures (additive: a village is the sum of its rows).
create function monitored_figure_values(_status text, _category text, _risks text[], _persons int,
                                        _per_capita numeric, _comparison numeric, _line numeric)
    returns table (metric text, value numeric) language sql immutable as $$
    select v.m, v.x from (values
        ('identified.households', 1::numeric),
        ('identified.persons', coalesce(_persons, 0)::numeric),
        (case when _status = 'RISK_ELIMINATED' then 'eliminated.households' else 'monitored.households' end, 1::numeric),
        (case when _status = 'RISK_ELIMINATED' then 'eliminated.persons' else 'monitored.persons' end,
         coalesce(_persons, 0)::numeric)) v (m, x)
    union all
    select v.m, v.x from (values
        ('monitored.households.category.' || _category, 1::numeric),
        ('monitored.persons.category.' || _category, coalesce(_persons, 0)::numeric)) v (m, x)
     where _status <> 'RISK_ELIMINATED'
    union all
    select 'monitored.households.risk.' || r, 1::numeric from unnest(_risks) r where _status <> 'RISK_ELIMINATED'
    union all
    select 'monitored.persons.risk.' || r, coalesce(_persons, 0)::numeric from unnest(_risks) r
     where _status <> 'RISK_ELIMINATED'
    union all
    select v.m, v.x from (values
        ('income.households', 1::numeric),
        ('income.perCapitaSum', _per_capita),
        ('income.belowLine', case when _comparison < _line then 1 else 0 end::numeric)) v (m, x)
     where _status <> 'RISK_ELIMINATED' and _per_capita is not null
$$;

create table monitored_village_figure (
    village_code  char(12) not null,
    metric        text not null,
    value         numeric(16, 2) not null,
    primary key (village_code, metric)
);

-- Recounts everything: the first fill below, and after a bulk load that ran without triggers.
create function monitored_figure_rebuild() returns void language sql set search_path = casework as $$
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
$$;

-- (each branch names only the transition tables its event has: plpgsql plans a statement when it first runs; rows
-- are upserted in key order so that two writers of the same villages wait for each other instead of deadlocking)
create function monitored_figure_count() returns trigger language plpgsql set search_path = casework as $$
begin
    if tg_op = 'INSERT' then
        insert into monitored_village_figure as c (village_code, metric, value)
        select r.village_code, f.metric, sum(f.value)
          from new_rows r, monitored_figure_values(r.status, r.category, r.risk_types, r.persons, r.income_per_capita,
                                                   r.income_comparison, r.income_line) f
         group by 1, 2 having sum(f.value) <> 0 order by 1, 2
        on conflict (village_code, metric) do update set value = c.value + excluded.value;
    elsif tg_op = 'DELETE' then
        insert into monitored_village_figure as c (village_code, metric, value)
        select r.village_code, f.metric, -sum(f.value)
          from old_rows r, monitored_figure_values(r.status, r.category, r.risk_types, r.persons, r.income_per_capita,
                                                   r.income_comparison, r.income_line) f
         group by 1, 2 having sum(f.value) <> 0 order by 1, 2
        on conflict (village_code, metric) do update set value = c.value + excluded.value;
    else
        insert into monitored_village_figure as c (village_code, metric, value)
        select village_code, metric, sum(value) from (
            select r.village_code, f.metric, f.value
              from new_rows r, monitored_figure_values(r.status, r.category, r.risk_types, r.persons,
                                                       r.income_per_capita, r.income_comparison, r.income_line) f
            union all
            select r.village_code, f.metric, -f.value
              from old_rows r, monitored_figure_values(r.status, r.category, r.risk_types, r.persons,
                                                       r.income_per_capita, r.income_comparison, r.income_line) f) d
         group by 1, 2 having sum(value) <> 0 order by 1, 2
        on conflict (village_code, metric) do update set value = c.value + excluded.value;
    end if;
    return null;
end $$;

create function plan_measure_figure_count() returns trigger language plpgsql set search_path = casework as $$
begin
    if tg_op = 'INSERT' then
        insert into monitored_village_figure as c (village_code, metric, value)
        select village_code, 'measures.' || measure_group || '.' || state, count(*) from new_rows
         group by 1, 2 order by 1, 2
        on conflict (village_code, metric) do update set value = c.value + excluded.value;
        update monitored_household m set measures = m.measures + d.n
          from (select household_id, count(*) as n from new_rows group by 1) d
         where m.household_id = d.household_id;
    elsif tg_op = 'DELETE' then
        insert into monitored_village_figure as c (village_code, metric, value)
        select village_code, 'measures.' || measure_group || '.' || state, -count(*) from old_rows
         group by 1, 2 order by 1, 2
        on conflict (village_code, metric) do update set value = c.value + excluded.value;
        update monitored_household m set measures = m.measures - d.n
          from (select household_id, count(*) as n from old_rows group by 1) d
         where m.household_id = d.household_id;
    else
        insert into monitored_village_figure as c (village_code, metric, value)
        select village_code, metric, sum(n) from (
            select village_code, 'measures.' || measure_group || '.' || state as metric, 1 as n from new_rows
            union all
            select village_code, 'measures.' || measure_group || '.' || state, -1 from old_rows) d
         group by 1, 2 having sum(n) <> 0 order by 1, 2
        on conflict (village_code, metric) do update set value = c.value + excluded.value;
        update monitored_household m set measures = m.measures + d.n
          from (select household_id, sum(n) as n from (select household_id, 1 as n from new_rows
                                                     union all select household_id, -1 from old_rows) x
                 group by 1 having sum(n) <> 0) d
         where m.household_id = d.household_id;
    end if;
    return null;
end $$;

-- A new monitored household (its checks and measures may be older than the row: a re-identification, an import).
create function monitored_household_kept_columns() returns trigger language plpgsql set search_path = casework as $$
begin
    select c.per_capita, c.comparison_value, c.income_line, c.visited_on
      into new.income_per_capita, new.income_comparison, new.income_line, new.income_checked_on
      from monitored_latest_check(new.household_id) c;
    new.measures := (select count(*) from plan_measure where household_id = new.household_id);
    return new;
end $$;

-- A new check: the income of its household is the latest check again.
create function monitored_income_checked() returns trigger language plpgsql set search_path = casework as $$
begin
    update monitored_household m
       set income_per_capita = c.per_capita, income_comparison = c.comparison_value, income_line = c.income_line,
           income_checked_on = c.visited_on
      from (select distinct household_id from new_rows where household_id is not null) n
      cross join lateral monitored_latest_check(n.household_id) c
     where m.household_id = n.household_id
       and (m.income_per_capita, m.income_comparison, m.income_line, m.income_checked_on)
           is distinct from (c.per_capita, c.comparison_value, c.income_line, c.visited_on);
    return null;
end $$;

-- the first fill, before the triggers
update monitored_household m
   set (income_per_capita, income_comparison, income_line, income_checked_on) =
       (select per_capita, comparison_value, income_line, visited_on from monitored_latest_check(m.household_id));
update monitored_household m set measures = d.n
  from (select household_id, count(*) as n from plan_measure group by 1) d where d.household_id = m.household_id;
select monitored_figure_rebuild();

create trigger monitored_household_kept before insert on monitored_household
    for each row execute function monitored_household_kept_columns();
create trigger monitored_figure_insert after insert on monitored_household referencing new table as new_rows
    for each statement execute function monitored_figure_count();
create trigger monitored_figure_delete after delete on monitored_household referencing old table as old_rows
    for each statement execute function monitored_figure_count();
create trigger monitored_figure_update after update on monitored_household
    referencing old table as old_rows new table as new_rows
    for each statement execute function monitored_figure_count();
create trigger plan_measure_figure_insert after insert on plan_measure referencing new table as new_rows
    for each statement execute function plan_measure_figure_count();
create trigger plan_measure_figure_delete after delete on plan_measure referencing old table as old_rows
    for each statement execute function plan_measure_figure_count();
create trigger plan_measure_figure_update after update on plan_measure
    referencing old table as old_rows new table as new_rows
    for each statement execute function plan_measure_figure_count();
create trigger lead_verification_income after insert on lead_verification referencing new table as new_rows
    for each statement execute function monitored_income_checked();
create trigger home_check_income after insert on home_check referencing new table as new_rows
    for each statement execute function monitored_income_checked();

-- the figures' small reads of today: households without a measure, this month's identification leads
create index monitored_without_measure on monitored_household (village_code, identified_on)
    where measures = 0 and status = 'MONITORED';
create index lead_identification_opened on lead (opened_on, village_code) where workflow = 'IDENTIFICATION';
create index lead_identification_closed on lead (closed_on, village_code, state)
    where workflow = 'IDENTIFICATION' and closed_on is not null;
