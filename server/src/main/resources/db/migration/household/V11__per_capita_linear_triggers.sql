-- The per-capita values (V7, V10) made a large import quadratic: an import of 100,000 persons spent 205 s refreshing
-- them after its incomes and 147 s after demoting heads (./shouwang bench-import). Two causes: "household_id = any(ids)"
-- with tens of thousands of ids tests each row against the whole array, and the members' update trigger joined its
-- two transition tables (no statistics, no index) by nested loop. The refresh now joins the ids as a set, and the
-- update triggers find the changed rows by EXCEPT (hashed), both linear in the rows of the statement.
create or replace function household_per_capita_refresh(ids bigint[]) returns void language sql
    set search_path = household as $$
    delete from household_per_capita p using (select distinct u.id from unnest(ids) as u(id)) x
     where p.household_id = x.id;
    insert into household_per_capita (household_id, year, village_code, members, comparison_total, per_capita)
    select i.household_id, i.year, h.village_code, m.n, t.total, t.total / m.n
      from (select distinct u.id from unnest(ids) as u(id)) x
      join household_income i on i.household_id = x.id
      join household h on h.id = x.id
      join (select mm.household_id, count(*)::int as n
              from (select distinct u.id from unnest(ids) as u(id)) y
              join member mm on mm.household_id = y.id
             where mm.status = 'ACTIVE' group by mm.household_id) m
        on m.household_id = x.id
      cross join lateral (select case when i.itemised
                                      then i.wages + i.business + i.property + i.transfers - i.production_costs
                                           - i.eligible_out_of_pocket
                                      else i.per_capita * m.n end as total) t
     where t.total is not null;
$$;

create or replace function household_per_capita_members() returns trigger language plpgsql
    set search_path = household as $$
begin
    if coalesce(current_setting('shouwang.bulk_load', true), '') = 'on' then return null; end if;
    if tg_op = 'INSERT' then
        perform household_per_capita_refresh(array(select distinct household_id from new_rows where status = 'ACTIVE'));
    elsif tg_op = 'DELETE' then
        perform household_per_capita_refresh(array(select distinct household_id from old_rows where status = 'ACTIVE'));
    else
        -- only a changed status or household changes a count: the rows whose (household, status) differ, both sides
        perform household_per_capita_refresh(array(
            select household_id from (select id, household_id, status from new_rows
                                      except select id, household_id, status from old_rows) n
            union
            select household_id from (select id, household_id, status from old_rows
                                      except select id, household_id, status from new_rows) o));
    end if;
    return null;
end $$;

create or replace function household_per_capita_villages() returns trigger language plpgsql
    set search_path = household as $$
begin
    if coalesce(current_setting('shouwang.bulk_load', true), '') = 'on' then return null; end if;
    update household_per_capita p set village_code = n.village_code
      from (select id, village_code from new_rows except select id, village_code from old_rows) n
     where p.household_id = n.id;
    return null;
end $$;
