-- fieldwork (issue 13): visits (走访记录) of any registered household and the rhythm that makes a worklist.
-- A later sweep (拉网式摸排) and grid (网格) refer to a visit through sweep_id / grid_id (their tables and foreign
-- keys come with their own migrations). The idempotency key is made by the client (the form, later the offline
-- queue): a retried POST finds the visit it already stored instead of storing a second one.

create table field_visit (
    id                  bigserial primary key,
    idempotency_key     uuid not null,
    household_id        bigint not null references household (id),
    -- the household's village when visited: scope filters need no other module's table
    village_code        char(12) not null,
    visited_on          date not null,
    visitor_id          bigint not null references account (id),
    visitor_name        text not null,
    companions          text,
    found_at_home       boolean not null,
    -- 两不愁三保障 + 饮水安全 (3+1): true = secured on the visit
    education_secured   boolean not null,
    medical_secured     boolean not null,
    housing_secured     boolean not null,
    water_secured       boolean not null,
    income_trend        text not null check (income_trend in ('NONE', 'UP', 'DOWN')),
    income_change       numeric(14,2) check (income_change is null or income_change >= 0),
    risk_codes          text[] not null default '{}',
    note                text,
    -- a photo of a signed form, sealed with the personal-data key under <data-dir>/fieldwork/<village>/
    photo_stored_name   text,
    photo_kind          text check (photo_kind in ('JPEG', 'PNG')),
    photo_size_bytes    bigint,
    photo_sha256        text,
    -- what the risk signs did: a new lead, joined to an open lead, or joined to a monitored household (casework)
    lead_outcome        text check (lead_outcome in ('OPENED', 'JOINED_LEAD', 'JOINED_MONITORED')),
    lead_ref            bigint,
    sweep_id            bigint,
    grid_id             bigint,
    created_at          timestamptz not null default now(),
    constraint field_visit_idempotency unique (idempotency_key)
);
create index field_visit_household on field_visit (household_id, visited_on desc, id desc);
create index field_visit_village on field_visit (village_code, household_id, visited_on);

-- The visit rhythm in months (one row): monitored households monthly, formerly-poor quarterly, others yearly.
create table field_rhythm (
    id                    smallint primary key default 1 check (id = 1),
    monitored_months      int not null default 1 check (monitored_months between 1 and 24),
    formerly_poor_months  int not null default 3 check (formerly_poor_months between 1 and 24),
    other_months          int not null default 12 check (other_months between 1 and 36),
    version               int not null default 0,
    updated_at            timestamptz,
    updated_by_name       text
);
insert into field_rhythm (id) values (1);
