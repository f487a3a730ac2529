-- Income that reaches a household from the registers beside the core (issues 18 and 19): an insurance payout, social
-- assistance, a dividend, a public-welfare job's wages. The module that pays records it once through
-- HouseholdIncomeApi.credit, in its own transaction; the amount is added to the item of household_income for that year
-- (so the per-capita figures, the comparison and the what-if count it like any income) and kept here as one line, with
-- where it came from, so the household page shows what makes up the figure. A correction is a reversing line
-- (negative amount) with its own reference; lines are never edited.
create table household_income_credit (
    id              bigserial primary key,
    household_id    bigint not null references household (id),
    year            smallint not null check (year between 2000 and 2100),
    item            text not null check (item in ('WAGES', 'BUSINESS', 'PROPERTY', 'TRANSFERS')),
    amount          numeric(12,2) not null check (amount <> 0),
    -- the paying module's kind of payment (INSURANCE_PAYOUT, ASSISTANCE, DIVIDEND, JOB_WAGES, …: names in the bundle
    -- registry.income.credit.source.*) and its own id of the payment: together they make a repeated call harmless
    source          text not null check (source ~ '^[A-Z][A-Z0-9_]{1,39}$'),
    source_ref      text not null check (length(source_ref) between 1 and 80),
    note            text not null default '' check (length(note) <= 200),
    recorded_by     bigint references account (id),
    recorded_at     timestamptz not null,
    constraint household_income_credit_once unique (source, source_ref)
);
create index household_income_credit_household on household_income_credit (household_id, year);
