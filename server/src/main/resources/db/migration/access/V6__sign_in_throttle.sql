-- Sign-in throttling (access.SignInThrottle), replacing the lock after five failures that anyone could set off for
-- any account. Failures are counted per client address and per account name tried; past a few, the next attempt
-- must wait, longer each time (the password is not even checked while it waits). An account's count slows only
-- addresses its owner has not signed in from: sign_in_known_address keeps the addresses of its successful sign-ins.
create table sign_in_failure (
    kind          text not null check (kind in ('address', 'account')),
    key           text not null,           -- the client address, or the account name as typed (lower case)
    failures      int not null,
    last_at       timestamptz not null,
    blocked_until timestamptz,
    primary key (kind, key)
);
create index sign_in_failure_last_at on sign_in_failure (last_at);

create table sign_in_known_address (
    account_id  bigint not null references account(id) on delete cascade,
    address     text not null,
    last_at     timestamptz not null,
    primary key (account_id, address)
);
