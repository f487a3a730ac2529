-- fieldwork (issue 13 point 1): grids (网格) and ten-household groups (十户一组) of a village, and the place of each
-- household in them. A household is in at most one grid, and within it in at most one group; a household with no
-- row here is "not yet placed" (coverage counts it). Sweeps count their progress per grid through this table.
-- The grid worker (网格员) and the group head (十户长) may be accounts (a village scope, a narrower role) or only
-- names: many group heads are villagers without an account.

create table field_grid (
    id                 bigserial primary key,
    village_code       char(12) not null,
    name               text not null check (length(name) between 1 and 60),
    worker_account_id  bigint references account (id),
    worker_name        text,
    sort               int not null default 0,
    version            int not null default 0,
    created_at         timestamptz not null default now(),
    constraint field_grid_name unique (village_code, name)
);
create index field_grid_village on field_grid (village_code, sort, id);

create table field_group (
    id                 bigserial primary key,
    grid_id            bigint not null references field_grid (id),
    village_code       char(12) not null,
    name               text not null check (length(name) between 1 and 60),
    -- 十户长: an account, or a villager named here (often the head of one of the group's households)
    head_account_id    bigint references account (id),
    head_household_id  bigint references household (id),
    head_name          text,
    sort               int not null default 0,
    version            int not null default 0,
    created_at         timestamptz not null default now(),
    constraint field_group_name unique (grid_id, name)
);
create index field_group_grid on field_group (grid_id, sort, id);
create index field_group_village on field_group (village_code);

create table field_household_place (
    household_id   bigint primary key references household (id),
    -- the household's village when placed: scope filters and coverage need no other module's table
    village_code   char(12) not null,
    grid_id        bigint not null references field_grid (id),
    group_id       bigint references field_group (id),
    placed_at      timestamptz not null default now(),
    placed_by_name text
);
create index field_household_place_grid on field_household_place (grid_id, group_id);
create index field_household_place_village on field_household_place (village_code, grid_id);
create index field_household_place_group on field_household_place (group_id) where group_id is not null;
