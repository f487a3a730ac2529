-- A year imported with only the national list's 人均纯收入 (household_income.itemised = false, V6) has its six items at
-- zero: V7 summed them and counted such a household as having no income, below any proposed line. Such a year now
-- counts with the figure the file gave (per_capita × active members); a year with neither items nor a figure has no
-- value, as a household without income.
create or replace function household_per_capita_refresh(ids bigint[]) returns void language sql
    set search_path = household as $$
    delete from household_per_capita where household_id = any(ids);
    insert into household_per_capita (household_id, year, village_code, members, comparison_total, per_capita)
    select i.household_id, i.year, h.village_code, m.n, t.total, t.total / m.n
      from household_income i
      join household h on h.id = i.household_id
      join (select household_id, count(*)::int as n from member
             where household_id = any(ids) and status = 'ACTIVE' group by household_id) m
        on m.household_id = i.household_id
      cross join lateral (select case when i.itemised
                                      then i.wages + i.business + i.property + i.transfers - i.production_costs
                                           - i.eligible_out_of_pocket
                                      else i.per_capita * m.n end as total) t
     where i.household_id = any(ids) and t.total is not null;
$$;

create or replace function household_per_capita_rebuild() returns void language sql
    set search_path = household as $$
    truncate household_per_capita;
    insert into household_per_capita (household_id, year, village_code, members, comparison_total, per_capita)
    select i.household_id, i.year, h.village_code, m.n, t.total, t.total / m.n
      from household_income i
      join household h on h.id = i.household_id
      join (select household_id, count(*)::int as n from member where status = 'ACTIVE' group by household_id) m
        on m.household_id = i.household_id
      cross join lateral (select case when i.itemised
                                      then i.wages + i.business + i.property + i.transfers - i.production_costs
                                           - i.eligible_out_of_pocket
                                      else i.per_capita * m.n end as total) t
     where t.total is not null;
$$;
select household_per_capita_rebuild();
analyze household_per_capita;
