-- The personal-data key's check value (personaldata.KeyCheck): the first 16 bytes of HMAC-SM3(master key,
-- "shouwang-key-check-v1"), written at the first start. A server started with another key sees a different value
-- and refuses to start, instead of starting and failing on every household it reads. It reveals nothing of the key.
create table data_key_check (
    id          smallint primary key default 1 check (id = 1),
    check_value bytea not null,
    set_at      timestamptz not null default now()
);

-- A key rotation under way (./shouwang rotate-key, personaldata.KeyRotation): the new key's check value, so that a
-- rerun goes on only with the same new key, and per table with sealed columns the primary key of the last row re-sealed. Each
-- batch and its progress commit together: a rotation killed at any point goes on where it stopped. While a row is
-- here unfinished, the server refuses to start (its data is partly under each key).
create table key_rotation (
    id              smallint primary key default 1 check (id = 1),
    new_check_value bytea not null,
    started_at      timestamptz not null default now(),
    finished_at     timestamptz
);
create table key_rotation_table (
    table_schema text not null,
    table_name   text not null,
    last_key     text[],                   -- the primary key's values (as text) of the last row done; null: none yet
    done         boolean not null default false,
    primary key (table_schema, table_name)
);
