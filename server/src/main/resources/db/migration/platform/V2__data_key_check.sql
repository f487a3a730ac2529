-- The personal-data key's check value (personaldata.KeyCheck): the first 16 bytes of HMAC-SM3(master key,
-- "shouwang-key-check-v1"), written at the first start. A server started with another key sees a different value
-- and refuses to start, instead of starting and failing on every household it reads. It reveals nothing of the key.
create table data_key_check (
    id          smallint primary key default 1 check (id = 1),
    check_value bytea not null,
    set_at      timestamptz not null default now()
);
