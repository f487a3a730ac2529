-- 统计调度 (issue 14): the persons of a monitored household (its ACTIVE members), kept by casework from the registry's
-- HouseholdMembersChanged events so the figures count monitored persons without reading the registry's tables. Null
-- until filled (new rows, rows of before this version): MonitoredPersons fills them through HouseholdApi.
alter table monitored_household add column persons int;
create index monitored_persons_missing on monitored_household (household_id) where persons is null;
-- the figures' "opened this month" and "closed this month" per area
create index lead_village_opened on lead (village_code, opened_on);
