-- 防贫保 (issue 18, point 1; policy.md §9): policies per year and area, the fund's premium income, and claims with
-- their workflow (OPEN → INVESTIGATED → APPROVED → PAID, or REJECTED). Money numeric(14,2), dates as date.
create table insurance_policy (
    id                 bigserial primary key,
    area_code          char(12) not null,           -- usually a county; a claim takes the most specific policy above its village
    year               int not null check (year between 2000 and 2100),
    name               text not null,
    premium_per_person numeric(14,2) not null check (premium_per_person >= 0),
    coverage           text not null check (coverage in ('FORMERLY_POOR', 'MONITORED', 'ALL_RURAL')),
    line_illness       numeric(14,2) not null check (line_illness >= 0),
    line_schooling     numeric(14,2) not null check (line_schooling >= 0),
    line_disaster      numeric(14,2) not null check (line_disaster >= 0),
    payout_ratio       numeric(5,4) not null check (payout_ratio > 0 and payout_ratio <= 1),
    cap_per_person     numeric(14,2) not null check (cap_per_person > 0),
    created_by         text not null,
    created_at         timestamptz not null,
    version            int not null default 0,
    constraint insurance_policy_area_year unique (area_code, year)
);

-- the fund's premium income: what was paid into the policy's fund, when and by whom
create table insurance_premium (
    id           bigserial primary key,
    policy_id    bigint not null references insurance_policy (id),
    area_code    char(12) not null,                  -- the policy's area (scope in the WHERE without a join)
    amount       numeric(14,2) not null check (amount > 0),
    paid_on      date not null,
    paid_by      text not null,
    persons      int check (persons is null or persons >= 0),
    note         text not null default '',
    recorded_by  text not null,
    recorded_at  timestamptz not null
);
create index insurance_premium_policy on insurance_premium (policy_id);
create index insurance_premium_area on insurance_premium (area_code, paid_on);

create table insurance_claim (
    id                   bigserial primary key,
    policy_id            bigint not null references insurance_policy (id),
    household_id         bigint not null references household (id),
    village_code         char(12) not null,          -- the household's village when opened (scope)
    member_id            bigint not null references member (id),
    person_name          text not null,              -- copy for lists and the export (the registry keeps the person)
    cost_type            text not null check (cost_type in ('ILLNESS', 'SCHOOLING', 'DISASTER')),
    year                 int not null,
    total_cost           numeric(14,2) not null check (total_cost >= 0),
    reimbursed           numeric(14,2) not null check (reimbursed >= 0),
    out_of_pocket        numeric(14,2) not null check (out_of_pocket >= 0),
    evidence             text not null default '',
    warning_id           bigint,                     -- the comparison warning it was opened from (screening's id)
    status               text not null check (status in ('OPEN', 'INVESTIGATED', 'APPROVED', 'PAID', 'REJECTED')),
    opened_by            text not null,
    opened_by_name       text not null,
    opened_at            timestamptz not null,
    investigated_by      text,
    investigated_by_name text,
    investigated_on      date,
    investigation        text,
    approved_by          text,
    approved_by_name     text,
    approved_at          timestamptz,
    payout               numeric(14,2),              -- computed at approval, recomputed and fixed at payment
    paid_by              text,
    paid_by_name         text,
    paid_on              date,
    rejected_by          text,
    rejected_by_name     text,
    rejected_at          timestamptz,
    reject_reason        text,
    version              int not null default 0
);
create index insurance_claim_scope on insurance_claim (village_code, year, status);
create index insurance_claim_policy on insurance_claim (policy_id, status);
create index insurance_claim_member on insurance_claim (member_id, year) where status = 'PAID';
-- one open claim per warning: a second click on the same warning opens nothing new
create unique index insurance_claim_warning on insurance_claim (warning_id) where warning_id is not null and status <> 'REJECTED';
