-- Personal API tokens for scripts: only a SHA-256 of the token is kept (tokens are long and random, so a fast
-- hash suffices); the token itself is shown once when it is made.
create table api_token (
    id           bigserial primary key,
    account_id   bigint not null references account(id) on delete cascade,
    name         text not null,
    token_hash   char(64) not null unique,
    token_prefix text not null,
    created_at   timestamptz not null,
    last_used_at timestamptz,
    revoked_at   timestamptz
);
create index api_token_account on api_token (account_id);
