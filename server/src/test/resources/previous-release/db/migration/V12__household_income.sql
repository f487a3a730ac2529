-- Annual household income (家庭年收入) in yuan, one row per household and year, as the comparison's incomes.csv
-- (feeds.md): the latest year not after a period's year drives INCOME_BELOW_LINE and the net-income rules.
create table household_income (
    household_id            bigint not null references household (id),
    year                    smallint not null check (year between 2000 and 2100),
    wages                   numeric(12,2) not null check (wages >= 0),
    business                numeric(12,2) not null check (business >= 0),
    property                numeric(12,2) not null check (property >= 0),
    transfers               numeric(12,2) not null check (transfers >= 0),
    production_costs        numeric(12,2) not null check (production_costs >= 0),
    eligible_out_of_pocket  numeric(12,2) not null check (eligible_out_of_pocket >= 0),
    -- null for rows loaded in bulk (demo, benchmark, imports without an account)
    recorded_by             bigint references account (id),
    recorded_at             timestamptz not null,
    -- also the index the export and the detail page read by
    constraint household_income_unique primary key (household_id, year)
);
