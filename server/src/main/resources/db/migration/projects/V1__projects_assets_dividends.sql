-- 衔接资金项目, 帮扶资产 and 分红 (issue 18 point 3). Money is numeric(14,2), yuan. Area codes are the 12-digit codes of
-- the area table (a project or an asset may sit at a county, a township or a village); every query ranges over them.

-- A project of the linkage funds: its budget is the sum of its fund lines (kept here too, with what was spent, so the
-- lists and the per-area figures are one scan); spent never exceeds the budget (the application refuses it, the check
-- below keeps it so).
create table project (
    id          bigserial primary key,
    name        text not null check (length(name) between 1 and 100),
    type        text not null check (type in ('INDUSTRY', 'EMPLOYMENT', 'INFRASTRUCTURE', 'PUBLIC_SERVICE', 'OTHER')),
    area_code   char(12) not null,
    year        smallint not null check (year between 2000 and 2100),
    state       text not null check (state in ('PLANNED', 'IN_PROGRESS', 'COMPLETED', 'ACCEPTED')),
    budget      numeric(14,2) not null default 0 check (budget >= 0),
    spent       numeric(14,2) not null default 0 check (spent >= 0 and spent <= budget),
    note        text not null default '' check (length(note) <= 500),
    created_by  bigint references account (id),
    created_at  timestamptz not null,
    version     integer not null default 0
);
create index project_area_year on project (area_code, year);

-- The budget by fund source (中央, 省级, 市级, 县级, 其他): one line per source.
create table project_fund (
    project_id  bigint not null references project (id),
    source      text not null check (source in ('CENTRAL', 'PROVINCIAL', 'CITY', 'COUNTY', 'OTHER')),
    amount      numeric(14,2) not null check (amount >= 0),
    primary key (project_id, source)
);

-- Spending as recorded, by month (the first day of the month); several lines a month add up. Lines are never edited:
-- a correction is a negative line.
create table project_spending (
    id          bigserial primary key,
    project_id  bigint not null references project (id),
    month       date not null check (extract(day from month) = 1),
    amount      numeric(14,2) not null check (amount <> 0),
    note        text not null default '' check (length(note) <= 200),
    recorded_by bigint references account (id),
    recorded_at timestamptz not null
);
create index project_spending_project on project_spending (project_id, month);

-- Households linked to a project (带动农户), with the household's village at linking time for the scope of the lists.
-- measure_id: the plan measure (casework's plan_measure id: an INDUSTRY or EMPLOYMENT measure of the household, chosen
-- from CaseworkApi.measuresOf) the link backs, shown under that measure on the monitored household's page
-- (casework.MeasureBackingApi); an id only, casework owns the measure.
create table project_household (
    project_id   bigint not null references project (id),
    household_id bigint not null references household (id),
    village_code char(12) not null,
    measure_id   bigint,
    linked_by    bigint references account (id),
    linked_at    timestamptz not null,
    primary key (project_id, household_id)
);
create index project_household_village on project_household (village_code);
create index project_household_household on project_household (household_id);

-- An asset a project built (帮扶资产台账).
create table project_asset (
    id            bigserial primary key,
    project_id    bigint not null references project (id),
    name          text not null check (length(name) between 1 and 100),
    kind          text not null check (kind in ('OPERATING', 'PUBLIC_WELFARE', 'HOUSEHOLD')),
    owner_type    text not null check (owner_type in ('VILLAGE_COLLECTIVE', 'ENTERPRISE', 'HOUSEHOLD')),
    owner_name    text not null default '' check (length(owner_name) <= 100),
    area_code     char(12) not null,
    value         numeric(14,2) not null check (value >= 0),
    yearly_income numeric(14,2) not null default 0 check (yearly_income >= 0),
    -- the enterprise or cooperative that runs it and pays the dividends (带户企业/合作社): the comparison's
    -- enterprise_payments file names it
    managed_by    text not null default '' check (length(managed_by) <= 100),
    created_by    bigint references account (id),
    created_at    timestamptz not null,
    version       integer not null default 0
);
create index project_asset_area on project_asset (area_code);
create index project_asset_project on project_asset (project_id);

-- A dividend of an asset to one linked household for a period (a year 'YYYY' or a month 'YYYY-MM'): what is due and
-- what was paid. due_month is the month the comparison compares it in (feeds.md enterprise_payments: the period
-- itself, December for a year). Every payment is credited to the household's property income of the year it was paid
-- (HouseholdIncomeApi, source DIVIDEND).
create table project_dividend (
    id           bigserial primary key,
    asset_id     bigint not null references project_asset (id),
    household_id bigint not null references household (id),
    village_code char(12) not null,
    period       text not null check (period ~ '^[0-9]{4}(-(0[1-9]|1[0-2]))?$'),
    due_month    date not null check (extract(day from due_month) = 1),
    due          numeric(14,2) not null check (due >= 0),
    paid         numeric(14,2) not null default 0 check (paid >= 0 and paid <= due),
    paid_on      date,
    recorded_by  bigint references account (id),
    recorded_at  timestamptz not null,
    version      integer not null default 0,
    constraint project_dividend_once unique (asset_id, household_id, period)
);
create index project_dividend_village on project_dividend (village_code, period);
create index project_dividend_household on project_dividend (household_id);

