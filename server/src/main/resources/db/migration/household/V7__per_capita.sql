-- The per-capita comparison value of every household and income year (feeds.md: (net income − eligible
-- out-of-pocket) ÷ ACTIVE members), kept beside the registry so that "how many would fall below a proposed income
-- line" (the what-if of 标准调整) is a range count on an index instead of a pass over ten million members.
-- comparison_total is the numerator, members the divisor (households without an ACTIVE member have no row: their
-- value is undefined, as for the comparison); per_capita is their exact quotient (numeric without scale: a value
-- equal to a two-decimal line is stored exactly, one below it never rounds up to it), so "per_capita < line" is
-- the comparison's own test "total < line × members". The gap to a line is line × members − comparison_total.
create table household_per_capita (
    household_id      bigint not null references household (id) on delete cascade,
    year              smallint not null,
    village_code      char(12) not null,
    members           int not null check (members > 0),
    comparison_total  numeric(14, 2) not null,
    per_capita        numeric not null,
    primary key (household_id, year)
);
-- the what-if reads only this index (index-only scan): the households of a year below a value, with their village,
-- members and total
create index household_per_capita_value on household_per_capita (year, per_capita)
    include (village_code, members, comparison_total);

-- Recomputes the rows of these households from household_income, household and member.
create function household_per_capita_refresh(ids bigint[]) returns void language sql
    set search_path = household as $$
    delete from household_per_capita where household_id = any(ids);
    insert into household_per_capita (household_id, year, village_code, members, comparison_total, per_capita)
    select i.household_id, i.year, h.village_code, m.n, t.total, t.total / m.n
      from household_income i
      join household h on h.id = i.household_id
      join (select household_id, count(*)::int as n from member
             where household_id = any(ids) and status = 'ACTIVE' group by household_id) m
        on m.household_id = i.household_id
      cross join lateral (select i.wages + i.business + i.property + i.transfers - i.production_costs
                                 - i.eligible_out_of_pocket as total) t
     where i.household_id = any(ids);
$$;

-- Statement-level triggers (one refresh per statement, like the village counts of V4) on every table the value
-- depends on. A bulk load sets shouwang.bulk_load = on for its transactions and calls the rebuild once at the end:
-- in bulk mode the member index the refresh needs is not there yet.
create function household_per_capita_incomes() returns trigger language plpgsql
    set search_path = household as $$
begin
    if coalesce(current_setting('shouwang.bulk_load', true), '') = 'on' then return null; end if;
    if tg_op = 'INSERT' then
        perform household_per_capita_refresh(array(select distinct household_id from new_rows));
    elsif tg_op = 'DELETE' then
        perform household_per_capita_refresh(array(select distinct household_id from old_rows));
    else
        perform household_per_capita_refresh(array(select household_id from new_rows
                                                    union select household_id from old_rows));
    end if;
    return null;
end $$;

create function household_per_capita_members() returns trigger language plpgsql
    set search_path = household as $$
begin
    if coalesce(current_setting('shouwang.bulk_load', true), '') = 'on' then return null; end if;
    if tg_op = 'INSERT' then
        perform household_per_capita_refresh(array(select distinct household_id from new_rows where status = 'ACTIVE'));
    elsif tg_op = 'DELETE' then
        perform household_per_capita_refresh(array(select distinct household_id from old_rows where status = 'ACTIVE'));
    else
        -- only a changed status or household changes a count
        perform household_per_capita_refresh(array(
            select n.household_id from new_rows n join old_rows o on o.id = n.id
             where n.status is distinct from o.status or n.household_id <> o.household_id
            union
            select o.household_id from new_rows n join old_rows o on o.id = n.id
             where n.status is distinct from o.status or n.household_id <> o.household_id));
    end if;
    return null;
end $$;

create function household_per_capita_villages() returns trigger language plpgsql
    set search_path = household as $$
begin
    if coalesce(current_setting('shouwang.bulk_load', true), '') = 'on' then return null; end if;
    update household_per_capita p set village_code = n.village_code
      from new_rows n join old_rows o on o.id = n.id
     where p.household_id = n.id and n.village_code <> o.village_code;
    return null;
end $$;

create trigger household_income_per_capita_insert after insert on household_income referencing new table as new_rows
    for each statement execute function household_per_capita_incomes();
create trigger household_income_per_capita_delete after delete on household_income referencing old table as old_rows
    for each statement execute function household_per_capita_incomes();
create trigger household_income_per_capita_update after update on household_income
    referencing old table as old_rows new table as new_rows
    for each statement execute function household_per_capita_incomes();
create trigger member_per_capita_insert after insert on member referencing new table as new_rows
    for each statement execute function household_per_capita_members();
create trigger member_per_capita_delete after delete on member referencing old table as old_rows
    for each statement execute function household_per_capita_members();
create trigger member_per_capita_update after update on member referencing old table as old_rows new table as new_rows
    for each statement execute function household_per_capita_members();
create trigger household_per_capita_update after update on household
    referencing old table as old_rows new table as new_rows
    for each statement execute function household_per_capita_villages();

-- Recomputes everything: the first fill below, and after a bulk load.
create function household_per_capita_rebuild() returns void language sql
    set search_path = household as $$
    truncate household_per_capita;
    insert into household_per_capita (household_id, year, village_code, members, comparison_total, per_capita)
    select i.household_id, i.year, h.village_code, m.n, t.total, t.total / m.n
      from household_income i
      join household h on h.id = i.household_id
      join (select household_id, count(*)::int as n from member where status = 'ACTIVE' group by household_id) m
        on m.household_id = i.household_id
      cross join lateral (select i.wages + i.business + i.property + i.transfers - i.production_costs
                                 - i.eligible_out_of_pocket as total) t;
$$;
select household_per_capita_rebuild();
analyze household_per_capita;
