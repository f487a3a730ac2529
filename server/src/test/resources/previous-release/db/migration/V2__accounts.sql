-- Accounts: one role and one area each. Passwords are slow hashes (bcrypt or argon2 via DelegatingPasswordEncoder).
create table account (
    id              bigserial primary key,
    username        text not null unique,
    display_name    text not null,
    password_hash   text not null,
    role            text not null check (role in ('ADMIN','CITY_ANALYST','COUNTY_ANALYST','TOWNSHIP_STAFF','VILLAGE_MONITOR','DATA_OFFICER')),
    area_code       char(12) not null,
    enabled         boolean not null default true,
    failed_logins   int not null default 0,
    locked_until    timestamptz,
    demo            boolean not null default false,
    created_at      timestamptz not null default now()
);
