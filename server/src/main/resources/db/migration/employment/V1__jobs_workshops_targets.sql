-- Public-welfare jobs (公益岗位) and assistance workshops (帮扶车间), issue 19. A job employs one registry member; its
-- village is the member's household's village (kept here for scoping, moved with the household). Each paid month is one
-- wage line, credited once to the household's WAGES income (HouseholdIncomeApi, source PUBLIC_WELFARE_JOB, ref
-- job-wage-<id>); lines are never edited.
create table welfare_job (
    id             bigserial primary key,
    post           text not null check (length(post) between 1 and 60),
    village_code   char(12) not null,
    funding_level  text not null check (funding_level in ('DEPARTMENT', 'TOWNSHIP', 'VILLAGE')),
    monthly_pay    numeric(14,2) not null check (monthly_pay > 0),
    household_id   bigint not null references household (id),
    member_id      bigint not null references member (id),
    start_on       date not null,
    end_on         date check (end_on is null or end_on >= start_on),
    -- the plan measure (casework's plan_measure id, group PUBLIC_WELFARE_JOB or EMPLOYMENT) this job backs, if any
    measure_id     bigint,
    version        integer not null default 0,
    created_by     bigint references account (id),
    created_at     timestamptz not null
);
create index welfare_job_village on welfare_job (village_code);
create index welfare_job_household on welfare_job (household_id);

create table welfare_job_wage (
    id           bigserial primary key,
    job_id       bigint not null references welfare_job (id),
    month        date not null check (extract(day from month) = 1),
    amount       numeric(14,2) not null check (amount > 0),
    paid_on      date not null,
    recorded_by  bigint references account (id),
    recorded_at  timestamptz not null,
    constraint welfare_job_wage_once unique (job_id, month)
);

create table workshop (
    id            bigserial primary key,
    name          text not null check (length(name) between 1 and 80),
    owner         text not null check (length(owner) between 1 and 80),
    products      text not null default '' check (length(products) <= 200),
    village_code  char(12) not null,
    version       integer not null default 0,
    created_by    bigint references account (id),
    created_at    timestamptz not null
);
create index workshop_village on workshop (village_code);

-- a person employed in a workshop: its wage lines are credited like a job's (source WORKSHOP_WAGES, ref workshop-wage-<id>)
create table workshop_worker (
    id            bigserial primary key,
    workshop_id   bigint not null references workshop (id),
    household_id  bigint not null references household (id),
    member_id     bigint not null references member (id),
    monthly_wage  numeric(14,2) not null check (monthly_wage > 0),
    start_on      date not null,
    end_on        date check (end_on is null or end_on >= start_on),
    created_at    timestamptz not null,
    constraint workshop_worker_once unique (workshop_id, member_id, start_on)
);

create table workshop_wage (
    id           bigserial primary key,
    worker_id    bigint not null references workshop_worker (id),
    month        date not null check (extract(day from month) = 1),
    amount       numeric(14,2) not null check (amount > 0),
    paid_on      date not null,
    recorded_by  bigint references account (id),
    recorded_at  timestamptz not null,
    constraint workshop_wage_once unique (worker_id, month)
);

-- jobs to create in an area in a year (the county sets its townships', a township its villages')
create table employment_target (
    area_code   char(12) not null,
    year        smallint not null check (year between 2000 and 2100),
    jobs        integer not null check (jobs >= 0),
    version     integer not null default 0,
    set_by      bigint references account (id),
    set_at      timestamptz not null,
    primary key (area_code, year)
);
