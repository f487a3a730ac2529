-- The counts' trigger functions (V4) name household's tables without a schema. Since each module has its own schema
-- they would resolve them through the caller's search_path: pin it to this module's schema, so a write to
-- household.household or household.member keeps the counts right from any session (psql, a script, pg_restore).
alter function registry_count_households() set search_path = household;
alter function registry_count_persons() set search_path = household;
alter function registry_count_rebuild() set search_path = household;
