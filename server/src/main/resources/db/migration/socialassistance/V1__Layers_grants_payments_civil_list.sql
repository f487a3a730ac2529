-- Social assistance and the low-income layers (issue 18 point 2). The 防止返贫致贫对象 layer is not stored here: it is
-- casework's monitored status, asked when a page is shown, so it can never disagree with the monitoring.

-- A low-income layer (低收入人口类别) held by a household, or by one of its members when member_id is set.
create table low_income_layer (
    id              bigserial primary key,
    household_id    bigint not null references household (id),
    member_id       bigint references member (id),
    -- the household's village when recorded (scope of every query; a move is followed through the registry's event)
    village_code    char(12) not null,
    layer           text not null check (layer in ('MINIMUM_LIVING', 'EXTREME_POVERTY', 'MARGINAL', 'RIGID_EXPENDITURE', 'OTHER')),
    source          text not null check (source in ('CIVIL_AFFAIRS', 'COUNTY_DECISION', 'MONITORING')),
    started_on      date not null,
    ended_on        date,
    note            text not null default '' check (length(note) <= 200),
    -- the civil-affairs import that recorded it, if any
    import_id       bigint,
    version         integer not null default 0,
    created_by      bigint references account (id),
    created_at      timestamptz not null default now(),
    check (ended_on is null or ended_on >= started_on)
);
create index low_income_layer_village on low_income_layer (village_code, household_id);
create index low_income_layer_household on low_income_layer (household_id);

-- Assistance granted (救助待遇): an amount per month paid monthly or quarterly, or a one-off amount.
create table assistance_grant (
    id              bigserial primary key,
    household_id    bigint not null references household (id),
    member_id       bigint references member (id),
    -- who receives it (the member, else the head) as the registry named them when granted: the bank list's name
    recipient_name  text not null,
    village_code    char(12) not null,
    kind            text not null check (kind in ('MINIMUM_LIVING', 'EXTREME_POVERTY_SUPPORT', 'TEMPORARY_RELIEF',
                                                   'DISABILITY_ALLOWANCES', 'ORPHAN_ALLOWANCE', 'OTHER')),
    -- yuan a month (MONTHLY, QUARTERLY) or the whole amount (ONE_OFF)
    amount          numeric(14,2) not null check (amount > 0),
    frequency       text not null check (frequency in ('MONTHLY', 'QUARTERLY', 'ONE_OFF')),
    started_on      date not null,
    ended_on        date,
    -- the bank account the payments go to, sealed (PersonalDataApi): shown masked unless revealed
    bank_account_enc bytea,
    -- the casework plan measure (group SOCIAL_ASSISTANCE_FLOOR) this grant backs, chosen from CaseworkApi.measuresOf
    measure_id      bigint,
    note            text not null default '' check (length(note) <= 200),
    version         integer not null default 0,
    created_by      bigint references account (id),
    created_at      timestamptz not null default now(),
    check (ended_on is null or ended_on >= started_on)
);
create index assistance_grant_village on assistance_grant (village_code, household_id);
create index assistance_grant_household on assistance_grant (household_id);

-- One payment due under a grant in a month (the payment list of a period is the month's payments). Paid once: the
-- amount is credited to the household's income of the year it was paid (HouseholdIncomeApi, ref payment-<id>).
create table assistance_payment (
    id              bigserial primary key,
    grant_id        bigint not null references assistance_grant (id),
    household_id    bigint not null references household (id),
    village_code    char(12) not null,
    period          date not null check (extract(day from period) = 1),
    months          smallint not null check (months between 1 and 3),
    amount          numeric(14,2) not null check (amount > 0),
    paid_on         date,
    paid_by         bigint references account (id),
    constraint assistance_payment_once unique (grant_id, period)
);
create index assistance_payment_period on assistance_payment (period, village_code);

-- An upload of the civil-affairs list (民政低收入人口名单). Accepted: its rows replace the area's earlier list; refused:
-- nothing is kept but the problems, to be read and downloaded.
create table civil_list_import (
    id              bigserial primary key,
    area_code       char(12) not null,
    file_name       text not null,
    status          text not null check (status in ('ACCEPTED', 'REFUSED')),
    row_count       integer not null default 0,
    matched         integer not null default 0,
    imported_by     bigint references account (id),
    imported_at     timestamptz not null default now()
);
create index civil_list_import_area on civil_list_import (area_code, id);

create table civil_list_problem (
    id              bigserial primary key,
    import_id       bigint not null references civil_list_import (id) on delete cascade,
    sheet           text not null,
    line            integer not null,
    col             text not null,
    message         text not null
);

-- A person of the accepted civil-affairs list. area_code: the person's village when registered within the importing
-- area, else the importing area itself (the reconciliation lists such people there).
create table civil_list_row (
    id              bigserial primary key,
    import_id       bigint not null references civil_list_import (id),
    area_code       char(12) not null,
    line            integer not null,
    id_number_hash  bytea not null,
    id_number_enc   bytea not null,
    name            text not null,
    layer           text not null,
    kind            text,
    amount          numeric(14,2),
    started_on      date,
    household_id    bigint references household (id),
    member_id       bigint references member (id)
);
create index civil_list_row_area on civil_list_row (area_code);
create index civil_list_row_household on civil_list_row (household_id);
