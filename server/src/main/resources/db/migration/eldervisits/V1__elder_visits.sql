-- 巡访关爱 (issue 19 point 3, policy.md §9): older people of the eight classes, their visitors and the visits.
-- Every table carries the village code, so every scope filter is a prefix range on an indexed char(12) column.

-- The classes (巡访关爱对象), a code list the administrator can extend; rhythm_months is the visit rhythm setting:
-- a person is overdue when not visited within the shortest rhythm of the classes they hold.
create table elder_class (
    code           text primary key check (code ~ '^[A-Z][A-Z0-9_]{1,39}$'),
    name_zh        text not null check (length(name_zh) between 1 and 40),
    name_en        text not null check (length(name_en) between 1 and 80),
    rhythm_months  smallint not null check (rhythm_months between 1 and 12),
    sort           smallint not null,
    active         boolean not null default true
);
insert into elder_class (code, name_zh, name_en, rhythm_months, sort) values
    ('LIVING_ALONE', '独居', 'Living alone', 1, 1),
    ('LEFT_BEHIND', '留守', 'Left behind', 3, 2),
    ('DISABLED', '失能/半失能', 'Disabled or partly disabled', 1, 3),
    ('VERY_OLD', '高龄', 'Very old', 3, 4),
    ('EXTREME_POVERTY', '特困/分散供养', 'Extreme poverty, cared for at home', 3, 5),
    ('EMPTY_NEST', '空巢', 'Empty nest', 3, 6),
    ('FAMILY_PLANNING', '计划生育特殊家庭', 'Family-planning special family', 3, 7),
    ('SEVERELY_DISABLED', '重残', 'Severely disabled', 3, 8);

-- A visitor: 志愿者, 村干部 or 网格员 of a village; the phone sealed (PersonalDataApi), optionally an account, whose
-- holder then sees "my people".
create table elder_visitor (
    id            bigserial primary key,
    village_code  char(12) not null,
    name          text not null check (length(name) between 1 and 40),
    kind          text not null check (kind in ('VOLUNTEER', 'CADRE', 'GRID')),
    phone_enc     bytea,
    phone_masked  text not null default '',
    account_id    bigint references account (id),
    active        boolean not null default true,
    version       integer not null default 0,
    created_at    timestamptz not null default now()
);
create index elder_visitor_village on elder_visitor (village_code);
create index elder_visitor_account on elder_visitor (account_id);

-- An older person, a member of the registry; name and birth year as the registry had them when enrolled (the lists
-- read no registry table); village_code follows the household when it moves (HouseholdMoved).
create table elder_person (
    id            bigserial primary key,
    member_id     bigint not null unique references member (id),
    household_id  bigint not null references household (id),
    village_code  char(12) not null,
    name          text not null,
    birth_year    smallint not null,
    classes       text[] not null check (cardinality(classes) >= 1),
    visitor_id    bigint references elder_visitor (id),
    enrolled_on   date not null,
    active        boolean not null default true,
    version       integer not null default 0,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);
create index elder_person_village on elder_person (village_code);
create index elder_person_visitor on elder_person (visitor_id);
create index elder_person_household on elder_person (household_id);

-- A visit, append-only: found at home or not, the findings (codes of eldervisits.visits.Finding), a note, and the
-- lead a risk finding opened or joined.
create table elder_visit (
    id                bigserial primary key,
    person_id         bigint not null references elder_person (id),
    village_code      char(12) not null,
    visited_on        date not null,
    visitor_id        bigint not null references elder_visitor (id),
    at_home           boolean not null,
    findings          text[] not null default '{}',
    note              text not null default '' check (length(note) <= 500),
    lead_id           bigint,
    recorded_by       text not null,
    recorded_by_name  text not null,
    recorded_at       timestamptz not null default now()
);
create index elder_visit_person on elder_visit (person_id, visited_on desc);
create index elder_visit_village on elder_visit (village_code, visited_on);

create function eldervisits_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'elder_visit is append-only';
end $$;
create trigger elder_visit_append_only before update or delete on elder_visit
    for each row execute function eldervisits_append_only();
