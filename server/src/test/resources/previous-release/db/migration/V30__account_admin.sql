-- Account administration: optimistic locking for concurrent admin edits, and when things happened.
alter table account
    add column version             int not null default 0,
    add column updated_at          timestamptz not null default now(),
    add column password_changed_at timestamptz,
    add column last_login_at       timestamptz;
-- accounts are listed by area prefix (code like '220322%')
create index account_area on account (area_code bpchar_pattern_ops);
