-- The warnings list shows, orders and pages by household number without reading the household module's table:
-- each warning keeps its own copy, written with it by the run (the registry rows carry the number). Rows stored
-- before this are filled at start-up through the household module's API (WarningHouseholdNumbers), not here.
alter table screening_warning add column household_no text;

-- /warnings: one period within an area, by household number (then rule, id)
create index screening_warning_list on screening_warning (period, village_code, household_no);

-- the start-up backfill finds the rows still without a number; empty once they are filled
create index screening_warning_no_missing on screening_warning (household_id) where household_no is null;
