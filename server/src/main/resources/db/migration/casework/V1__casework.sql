-- Casework (policy.md §4-7): leads and eliminations with their append-only step log, monitored households,
-- assistance officers, plan measures, code lists and settings. The rules live in cn.shouwang.core.casework;
-- the tables keep what they decided. Every table carries the village code, so every scope filter is a
-- plain prefix range on an indexed column. Rows that users edit carry a version for optimistic locking.

create table casework_setting (
    name   text primary key,
    value  text not null
);
insert into casework_setting (name, value) values
    ('lead_deadline_days', '15'), ('day_counting', 'CALENDAR'), ('due_soon_days', '3'),
    ('min_notice_days', '5'), ('elimination_min_months', '6'), ('stable_income_months', '6'),
    ('min_income_checks', '2'), ('show_main_risk_on_notice', 'false'),
    -- public holidays and make-up working days for working-day deadlines: comma-separated ISO dates
    ('holidays', ''), ('make_up_working_days', '');

-- The monitoring income line per year and region (province, city or county code); the most specific wins.
create table income_line (
    area_code  char(12) not null,
    year       smallint not null,
    line       numeric(12, 2) not null check (line > 0),
    primary key (area_code, year)
);

-- Extendable code lists: monitoring categories (CATEGORY) and risk types (RISK_TYPE).
create table casework_code (
    kind     text not null check (kind in ('CATEGORY', 'RISK_TYPE')),
    code     text not null,
    name_zh  text not null,
    name_en  text not null,
    active   boolean not null default true,
    sort     int not null default 100,
    primary key (kind, code)
);
insert into casework_code (kind, code, name_zh, name_en, sort) values
    ('CATEGORY', 'UNSTABLE_FORMERLY_POOR', '脱贫不稳定户', 'Unstable formerly-poor', 1),
    ('CATEGORY', 'MARGINAL_AT_RISK', '边缘易致贫户', 'Marginal at-risk', 2),
    ('CATEGORY', 'SUDDEN_HARDSHIP', '突发严重困难户', 'Sudden severe hardship', 3),
    ('RISK_TYPE', 'ILLNESS', '因病', 'Illness', 1),
    ('RISK_TYPE', 'DISABILITY', '因残', 'Disability', 2),
    ('RISK_TYPE', 'SCHOOLING', '因学', 'Schooling', 3),
    ('RISK_TYPE', 'NATURAL_DISASTER', '因自然灾害', 'Natural disaster', 4),
    ('RISK_TYPE', 'ACCIDENT', '因意外事故', 'Accident', 5),
    ('RISK_TYPE', 'INDUSTRY_FAILURE', '因产业项目失败', 'Failed industry project', 6),
    ('RISK_TYPE', 'UNSTABLE_EMPLOYMENT', '因务工就业不稳', 'Unstable employment', 7),
    ('RISK_TYPE', 'LACK_OF_LABOUR', '缺劳动力', 'Lack of labour', 8),
    ('RISK_TYPE', 'UNSAFE_HOUSING', '因安全住房', 'Unsafe housing', 9),
    ('RISK_TYPE', 'UNSAFE_WATER', '因安全饮水', 'Unsafe drinking water', 10),
    ('RISK_TYPE', 'OTHER', '其他', 'Other', 11);

-- A case: an identification lead (线索) or an elimination (风险消除).
create table lead (
    id                 bigserial primary key,
    workflow           text not null check (workflow in ('IDENTIFICATION', 'ELIMINATION')),
    channel            text check (channel in ('SELF_REPORT', 'FIELD_SCREENING', 'DEPARTMENT_SCREENING')),
    village_code       char(12) not null,
    household_id       bigint references household (id),
    head_name          text not null,
    description        text not null,
    suggested_risks    text[] not null default '{}',
    source_ref         text,
    -- a self-report's phone and id number as typed: sealed, never shown back to the reporter
    reporter_phone_enc bytea,
    reporter_id_enc    bytea,
    reporter_id_hash   bytea,
    opened_on          date not null,
    opened_by          text,
    opened_by_name     text,
    state              text not null,
    -- the deadline as the settings made it when the lead opened; overdue = today after due_on
    due_on             date not null,
    fast_tracked_on    date,
    rejection_reason   text,
    closed_on          date,
    notice_from        date,
    notice_to          date,
    notice_batch       text,
    version            int not null default 0,
    created_at         timestamptz not null,
    updated_at         timestamptz not null
);
create index lead_village_state on lead (village_code, state);
create index lead_open_due on lead (village_code, due_on) where state not in ('CONFIRMED', 'REJECTED');
create index lead_notice_batch on lead (village_code, notice_batch) where notice_batch is not null;
-- one household, one open case of each kind (joining relies on it; a race loses on this index)
create unique index lead_one_open_case on lead (household_id, workflow)
    where household_id is not null and state not in ('CONFIRMED', 'REJECTED');

-- The step log: one row per step, never changed.
create table lead_step (
    id           bigserial primary key,
    lead_id      bigint not null references lead (id),
    seq          int not null,
    action       text not null,
    from_state   text not null,
    to_state     text not null,
    actor_id     text not null,
    actor_name   text not null,
    actor_role   text not null,
    actor_area   char(12) not null,
    on_date      date not null,
    recorded_at  timestamptz not null,
    note         text not null default '',
    -- the step's own figures (present, objections, decision, ...), for the record
    detail       text,
    unique (lead_id, seq)
);

-- The home verification / home check of a case, with the income worked out.
create table lead_verification (
    id                    bigserial primary key,
    lead_id               bigint not null references lead (id),
    household_id          bigint,
    village_code          char(12) not null,
    visited_on            date not null,
    findings              text not null,
    wages                 numeric(14, 2) not null,
    business              numeric(14, 2) not null,
    property              numeric(14, 2) not null,
    transfers             numeric(14, 2) not null,
    production_costs      numeric(14, 2) not null,
    eligible_out_of_pocket numeric(14, 2) not null,
    household_size        int not null check (household_size > 0),
    per_capita            numeric(14, 2) not null,
    comparison_value      numeric(14, 2) not null,
    income_line           numeric(12, 2) not null,
    housing_unsafe        boolean not null,
    child_out_of_school   boolean not null,
    water_unsafe          boolean not null,
    member_uninsured      boolean not null,
    risk_types            text[] not null,
    disaster_subtype      text,
    category              text not null,
    rigid_costs_resolved  boolean not null,
    consent_signed        boolean not null,
    elimination_method    text,
    actor_id              text not null,
    actor_name            text not null,
    recorded_at           timestamptz not null
);
create index lead_verification_lead on lead_verification (lead_id, id desc);
create index lead_verification_household on lead_verification (household_id, visited_on desc);

-- Further reports that joined an open case or a monitored household instead of opening a lead.
create table lead_report (
    id            bigserial primary key,
    lead_id       bigint references lead (id),
    household_id  bigint,
    village_code  char(12) not null,
    channel       text not null,
    reported_on   date not null,
    description   text not null,
    risk_codes    text[] not null default '{}',
    source_ref    text,
    reported_by   text,
    created_at    timestamptz not null
);
create index lead_report_lead on lead_report (lead_id);
create index lead_report_household on lead_report (household_id);

create table monitored_household (
    household_id        bigint primary key references household (id),
    village_code        char(12) not null,
    head_name           text not null,
    category            text not null,
    risk_types          text[] not null check (cardinality(risk_types) between 1 and 5),
    disaster_subtype    text,
    identified_on       date not null,
    status              text not null check (status in ('MONITORED', 'RISK_ELIMINATED')),
    elimination_method  text,
    eliminated_month    date,
    lead_id             bigint references lead (id),
    version             int not null default 0,
    updated_at          timestamptz not null
);
create index monitored_village on monitored_household (village_code, status);

create table monitoring_history (
    id            bigserial primary key,
    household_id  bigint not null references monitored_household (household_id),
    on_date       date not null,
    kind          text not null,
    note          text not null,
    by_name       text,
    recorded_at   timestamptz not null
);
create index monitoring_history_household on monitoring_history (household_id, id);

create table assistance_officer (
    id            bigserial primary key,
    household_id  bigint not null references monitored_household (household_id),
    name          text not null,
    unit          text not null,
    phone_enc     bytea not null,
    from_date     date not null,
    to_date       date,
    created_at    timestamptz not null
);
create index assistance_officer_household on assistance_officer (household_id, from_date);

create table plan_measure (
    id                  bigserial primary key,
    household_id        bigint not null references household (id),
    village_code        char(12) not null,
    measure_group       text not null,
    description         text not null,
    responsible_person  text not null,
    start_date          date not null,
    end_date            date not null check (end_date >= start_date),
    cost                numeric(14, 2) not null check (cost >= 0),
    funding_source      text not null,
    state               text not null check (state in ('PLANNED', 'IN_PROGRESS', 'DELIVERED', 'STOPPED')),
    changed_on          date,
    version             int not null default 0,
    created_at          timestamptz not null,
    updated_at          timestamptz not null
);
create index plan_measure_household on plan_measure (household_id);
create index plan_measure_village on plan_measure (village_code, state);

-- The step log and the monitoring history are append-only, like the audit log.
create function casework_append_only() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only (%)', tg_table_name, tg_op;
end $$;
create trigger lead_step_append_only before update or delete on lead_step
    for each row execute function casework_append_only();
create trigger monitoring_history_append_only before update or delete on monitoring_history
    for each row execute function casework_append_only();
create trigger lead_verification_append_only before update or delete on lead_verification
    for each row execute function casework_append_only();
