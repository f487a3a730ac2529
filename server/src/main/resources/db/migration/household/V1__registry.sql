-- The household registry (农户档案): households (户) and their members (家庭成员).
-- Id numbers and phones are personal data: stored only encrypted (SM4-GCM or AES-GCM, *_enc) plus, for id
-- numbers, a keyed hash (HMAC-SM3, truncated to 16 bytes) that serves exact lookup and uniqueness.
-- Area codes are compared by range (code between lo and hi) so every scope filter uses a plain btree.

create table household (
    id                 bigserial primary key,
    household_no       text not null,
    area_edition_id    int not null,
    village_code       char(12) not null,
    village_group      text,
    address            text,
    formerly_poor      boolean not null default false,
    poverty_exit_year  smallint check (poverty_exit_year between 2013 and 2030),
    phone_enc          bytea,
    version            int not null default 0,
    created_at         timestamptz not null,
    updated_at         timestamptz not null,
    constraint household_no_unique unique (household_no),
    -- the area as it was in the edition the household was registered under; a later edition keeps it intact
    constraint household_area foreign key (area_edition_id, village_code) references area (edition_id, code)
);
create index household_village on household (village_code, household_no);

create table member (
    id                 bigserial primary key,
    household_id       bigint not null references household (id),
    -- the household's village, copied so that scope filters and per-county name search need no join
    area_code          char(12) not null,
    id_number_hash     bytea not null,
    id_number_enc      bytea not null,
    name               text not null,
    -- county-keyed unigrams and bigrams of the name ('220322张', '220322张三'), see NameGrams
    name_grams         text[] not null,
    sex                char(1) not null check (sex in ('M', 'F')),
    birth_date         date not null,
    relation           text not null check (relation in ('HEAD','SPOUSE','CHILD','PARENT','GRANDCHILD','SIBLING','OTHER')),
    labour_capacity    text not null check (labour_capacity in ('SKILLED','ORDINARY','WEAK','LOST','NONE')),
    health             text not null check (health in ('HEALTHY','CHRONIC_ILLNESS','SERIOUS_ILLNESS','DISABLED')),
    disability_grade   smallint check (disability_grade between 1 and 4),
    schooling_stage    text not null check (schooling_stage in ('NONE','PRESCHOOL','PRIMARY','JUNIOR','SENIOR','VOCATIONAL','HIGHER')),
    medical_insurance  boolean not null default true,
    status             text not null default 'ACTIVE' check (status in ('ACTIVE','DECEASED','MOVED_OUT')),
    status_date        date,
    -- an id number belongs to one household at most
    constraint member_id_number_unique unique (id_number_hash)
);
create index member_household on member (household_id);
create index member_area on member (area_code);
create index member_name_grams on member using gin (name_grams);
-- one active head per household
create unique index member_one_head on member (household_id) where relation = 'HEAD' and status = 'ACTIVE';
