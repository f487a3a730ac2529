-- Households and active persons per village, pre-aggregated for the workbench's figures: a city's count is a
-- sum over its few thousand village rows instead of a count over ten million members. Statement-level triggers
-- with transition tables keep it up to date for every writer (pages, API, COPY loads, SQL), one grouped upsert
-- per statement; an update that changes no village and no ACTIVE status writes nothing. Bulk loads that switch
-- triggers off (session_replication_role = replica) call registry_count_rebuild() when they finish.
create table registry_village_count (
    village_code  char(12) primary key,
    households    bigint not null default 0,
    persons       bigint not null default 0  -- members with status ACTIVE
);

-- (each branch names only the transition tables its event has: plpgsql plans a statement when it first runs)
create function registry_count_households() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        insert into registry_village_count as c (village_code, households)
        select village_code, count(*) from new_rows group by village_code
        on conflict (village_code) do update set households = c.households + excluded.households;
    elsif tg_op = 'DELETE' then
        insert into registry_village_count as c (village_code, households)
        select village_code, -count(*) from old_rows group by village_code
        on conflict (village_code) do update set households = c.households + excluded.households;
    else
        insert into registry_village_count as c (village_code, households)
        select village_code, sum(n) from (select village_code, 1 as n from new_rows
                                          union all select village_code, -1 from old_rows) d
        group by village_code having sum(n) <> 0
        on conflict (village_code) do update set households = c.households + excluded.households;
    end if;
    return null;
end $$;

create function registry_count_persons() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        insert into registry_village_count as c (village_code, persons)
        select area_code, count(*) from new_rows where status = 'ACTIVE' group by area_code
        on conflict (village_code) do update set persons = c.persons + excluded.persons;
    elsif tg_op = 'DELETE' then
        insert into registry_village_count as c (village_code, persons)
        select area_code, -count(*) from old_rows where status = 'ACTIVE' group by area_code
        on conflict (village_code) do update set persons = c.persons + excluded.persons;
    else
        insert into registry_village_count as c (village_code, persons)
        select area_code, sum(n) from (select area_code, 1 as n from new_rows where status = 'ACTIVE'
                                       union all select area_code, -1 from old_rows where status = 'ACTIVE') d
        group by area_code having sum(n) <> 0
        on conflict (village_code) do update set persons = c.persons + excluded.persons;
    end if;
    return null;
end $$;

create trigger household_count_insert after insert on household referencing new table as new_rows
    for each statement execute function registry_count_households();
create trigger household_count_delete after delete on household referencing old table as old_rows
    for each statement execute function registry_count_households();
create trigger household_count_update after update on household referencing old table as old_rows new table as new_rows
    for each statement execute function registry_count_households();
create trigger member_count_insert after insert on member referencing new table as new_rows
    for each statement execute function registry_count_persons();
create trigger member_count_delete after delete on member referencing old table as old_rows
    for each statement execute function registry_count_persons();
create trigger member_count_update after update on member referencing old table as old_rows new table as new_rows
    for each statement execute function registry_count_persons();

-- Recounts everything: the first fill below, and after a bulk load that ran without triggers.
create function registry_count_rebuild() returns void language sql as $$
    delete from registry_village_count;
    insert into registry_village_count (village_code, households, persons)
    select coalesce(h.village_code, p.area_code), coalesce(h.n, 0), coalesce(p.n, 0)
      from (select village_code, count(*) as n from household group by village_code) h
      full join (select area_code, count(*) as n from member where status = 'ACTIVE' group by area_code) p
        on p.area_code = h.village_code;
$$;
select registry_count_rebuild();
