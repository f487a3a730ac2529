-- The grid worker (网格员 / 十户长, issue 13 point 1): an account with a village scope that reports (visits, leads)
-- and decides nothing. Widens the role check of V1 (its default name account_role_check).
alter table account drop constraint account_role_check;
alter table account add constraint account_role_check
    check (role in ('ADMIN', 'CITY_ANALYST', 'COUNTY_ANALYST', 'TOWNSHIP_STAFF', 'VILLAGE_MONITOR', 'DATA_OFFICER',
                    'GRID_WORKER'));
