-- Household assets beside income (issue 17 point 3): vehicles, commercial housing, business registrations, deposits.
-- Entered by hand on the household page, or taken from a comparison run's asset warnings (docs/feeds-assets.md):
-- source MANUAL, or the department file's kind with the period it was compared for. The identification check compares
-- them with the local limits (casework's comparison settings).
create table household_asset (
    id              bigserial primary key,
    household_id    bigint not null references household (id),
    kind            text not null check (kind in ('VEHICLE', 'COMMERCIAL_HOUSING', 'BUSINESS', 'DEPOSIT')),
    -- what it is: a plate number, a certificate number, a business name, a bank (may be empty)
    description     text not null default '' check (length(description) <= 100),
    value           numeric(14,2) not null check (value >= 0),
    registered_on   date,
    source          text not null default 'MANUAL'
                    check (source in ('MANUAL', 'VEHICLE_REGISTRATIONS', 'PROPERTY_REGISTRATIONS', 'MARKET_ENTITIES')),
    -- the comparison period (YYYY-MM) that first found a department's row; null when entered by hand
    period          text check (period ~ '^\d{4}-\d{2}$'),
    recorded_by     bigint references account (id),
    recorded_at     timestamptz not null
);
create index household_asset_household on household_asset (household_id);
-- a department's registration once per household (its file, day and value): a later run finding it again adds nothing
create unique index household_asset_department_row on household_asset (household_id, source, registered_on, value)
    where source <> 'MANUAL';
