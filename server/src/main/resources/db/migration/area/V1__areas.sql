-- Administrative divisions (统计用区划代码). Every edition loaded is kept: an area row is
-- identified by (edition, code), so a household keeps the area it had when a newer edition re-codes villages.
create table area_edition (
    id          serial primary key,
    name        text not null unique,          -- e.g. '2023'
    loaded_at   timestamptz not null default now(),
    loaded_by   text not null,
    is_current  boolean not null default false
);
create unique index area_edition_one_current on area_edition (is_current) where is_current;

create table area (
    edition_id  int not null references area_edition(id),
    code        char(12) not null,
    name        text not null,
    level       smallint not null check (level between 1 and 5),  -- 1 province .. 5 village
    parent_code char(12),
    primary key (edition_id, code)
);
create index area_parent on area (edition_id, parent_code);
create index area_name on area (edition_id, name);
