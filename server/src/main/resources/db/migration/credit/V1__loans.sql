-- Micro-credit (小额信贷), issue 19: loans per household, their repayments, and the amount to lend per area and year.
-- The outstanding balance is derived from the repayments and the overdue days from the due date and today: neither is
-- stored, so neither goes stale.
create table loan (
    id             bigserial primary key,
    household_id   bigint not null references household (id),
    -- the household's village (for scoping; moved with the household)
    village_code   char(12) not null,
    bank           text not null check (length(bank) between 1 and 60),
    amount         numeric(14,2) not null check (amount > 0),
    rate           numeric(6,3) not null check (rate >= 0 and rate < 100),   -- yearly, per cent
    term_months    integer not null check (term_months between 1 and 120),
    purpose        text not null check (length(purpose) between 1 and 100),
    guarantee      text not null default '' check (length(guarantee) <= 100),
    disbursed_on   date not null,
    due_on         date not null check (due_on > disbursed_on),
    -- the plan measure (casework's plan_measure id, group FINANCE) this loan backs, if any
    measure_id     bigint,
    version        integer not null default 0,
    created_by     bigint references account (id),
    created_at     timestamptz not null
);
create index loan_village on loan (village_code);
create index loan_household on loan (household_id);

create table loan_repayment (
    id           bigserial primary key,
    loan_id      bigint not null references loan (id),
    paid_on      date not null,
    principal    numeric(14,2) not null check (principal >= 0),
    interest     numeric(14,2) not null check (interest >= 0),
    check (principal + interest > 0),
    recorded_by  bigint references account (id),
    recorded_at  timestamptz not null
);
create index loan_repayment_loan on loan_repayment (loan_id);

-- the amount to lend in an area in a year (yuan)
create table credit_target (
    area_code   char(12) not null,
    year        smallint not null check (year between 2000 and 2100),
    amount      numeric(14,2) not null check (amount >= 0),
    version     integer not null default 0,
    set_by      bigint references account (id),
    set_at      timestamptz not null,
    primary key (area_code, year)
);
