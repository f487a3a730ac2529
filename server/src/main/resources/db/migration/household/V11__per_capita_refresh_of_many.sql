-- The per-capita refresh of V7/V10 filtered "household_id = any(ids)" in a SQL function, planned without the ids:
-- with tens of thousands of ids the planner scanned member and tested each row against the whole array (quadratic;
-- an import of 100,000 persons spent 205 s in it, 5,000 ids of a 100,000-person registry took 25 s). The refresh now
-- joins the ids as a set in statements planned with the ids at hand (EXECUTE … USING: the planner knows how many
-- there are), so it probes an index for a few ids and hashes many (5,000 ids: 0.3 s; one id: a few ms).
-- The registry import also sets shouwang.bulk_load = on and refreshes its households once at the end.
create or replace function household_per_capita_refresh(ids bigint[]) returns void language plpgsql
    set search_path = household as $f$
begin
    if coalesce(cardinality(ids), 0) = 0 then return; end if;
    execute 'delete from household_per_capita p using (select distinct u.id from unnest($1) as u(id)) x
              where p.household_id = x.id' using ids;
    execute 'insert into household_per_capita (household_id, year, village_code, members, comparison_total, per_capita)
    select i.household_id, i.year, h.village_code, m.n, t.total, t.total / m.n
      from (select distinct u.id from unnest($1) as u(id)) x
      join household_income i on i.household_id = x.id
      join household h on h.id = x.id
      join (select mm.household_id, count(*)::int as n
              from member mm join (select distinct u.id from unnest($1) as u(id)) y on y.id = mm.household_id
             where mm.status = ''ACTIVE'' group by mm.household_id) m on m.household_id = x.id
      cross join lateral (select case when i.itemised
                                      then i.wages + i.business + i.property + i.transfers - i.production_costs
                                           - i.eligible_out_of_pocket
                                      else i.per_capita * m.n end as total) t
     where t.total is not null' using ids;
end $f$;

-- The import's staging: a row is NEW (household and person) until the difference finds it in the registry, so the
-- difference reads and rewrites only the rows of households or persons the registry has (an import into an empty
-- registry rewrites none: at 300,000 rows the statuses' update of every row took 10 s). The household's first row
-- is the first in (hh_key, seq) order where it is needed, not a column updated on every household.
alter table import_person alter column hh_status set default 'NEW', alter column person_status set default 'NEW',
    drop column first_row;

-- Random 16-byte keys made the staging's id-number index the dearest part of reading a file into it (300,000 rows
-- by COPY: 10.3 s with it, 3.6 s without); the classification's statements group and hash-join by the hash instead.
drop index import_person_hash;
