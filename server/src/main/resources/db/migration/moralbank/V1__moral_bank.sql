-- 道德银行 (issue 19 point 4, policy.md §9): items written in the village rules, a points ledger per household (every
-- change an entry, balances derived, never edited), goods priced in points, redemptions, tiers as settings.

create table moral_setting (
    name   text primary key check (name in ('tier_silver', 'tier_gold', 'tier_diamond')),
    value  integer not null check (value > 0)
);
-- points earned (redemptions not counted) from which a household holds 银卡, 金卡, 钻石卡
insert into moral_setting (name, value) values ('tier_silver', 300), ('tier_gold', 600), ('tier_diamond', 1000);

-- Categories of items: a code list per village; a county's (or the built-in, area_code null) rows are the defaults of
-- its villages; a village's own row of the same code replaces the default's name.
create table moral_category (
    id         bigserial primary key,
    area_code  char(12),
    code       text not null check (code ~ '^[A-Z][A-Z0-9_]{1,39}$'),
    name_zh    text not null check (length(name_zh) between 1 and 40),
    name_en    text not null check (length(name_en) between 1 and 80),
    sort       smallint not null default 100,
    active     boolean not null default true
);
create unique index moral_category_code on moral_category (coalesce(area_code, ''), code);
insert into moral_category (area_code, code, name_zh, name_en, sort) values
    (null, 'SANITATION', '环境卫生', 'Sanitation', 1),
    (null, 'CUSTOMS', '移风易俗', 'Reformed customs', 2),
    (null, 'FILIAL', '孝老爱亲', 'Care for the old and family', 3),
    (null, 'LAW', '遵纪守法', 'Law and order', 4),
    (null, 'EDUCATION', '教育成长', 'Education', 5),
    (null, 'PUBLIC_SERVICE', '公益参与', 'Public service', 6);

-- An item as the village rules write it: + points add, − points deduct. A county's items are defaults of its villages.
create table moral_item (
    id             bigserial primary key,
    area_code      char(12) not null,
    name           text not null check (length(name) between 1 and 60),
    points         integer not null check (points <> 0 and points between -1000 and 1000),
    category_code  text not null,
    active         boolean not null default true,
    version        integer not null default 0,
    created_at     timestamptz not null default now()
);
create index moral_item_area on moral_item (area_code);

create table moral_goods (
    id            bigserial primary key,
    village_code  char(12) not null,
    name          text not null check (length(name) between 1 and 60),
    price         integer not null check (price between 1 and 100000),
    stock         integer not null check (stock >= 0),
    active        boolean not null default true,
    version       integer not null default 0,
    created_at    timestamptz not null default now()
);
create index moral_goods_village on moral_goods (village_code);

-- A household's account: opened with its first entry; holds no balance (balances are the sum of the entries), only the
-- household's village now (moved with the household, HouseholdMoved) and the row a redemption locks, so two
-- redemptions of one household run one after the other.
create table moral_account (
    household_id  bigint primary key references household (id),
    village_code  char(12) not null,
    opened_at     timestamptz not null default now()
);
create index moral_account_village on moral_account (village_code);

-- The ledger, append-only: ITEM (points of an item), REDEMPTION (minus price × quantity of goods), REVERSAL
-- (the negated points of the entry it reverses; one reversal per entry, never of a reversal).
create table moral_entry (
    id                bigserial primary key,
    household_id      bigint not null references moral_account (household_id),
    -- the village where the entry was made (the account's village may change later)
    village_code      char(12) not null,
    kind              text not null check (kind in ('ITEM', 'REDEMPTION', 'REVERSAL')),
    item_id           bigint references moral_item (id),
    goods_id          bigint references moral_goods (id),
    quantity          integer check (quantity > 0),
    label             text not null,
    points            integer not null check (points <> 0),
    entry_date        date not null,
    note              text not null default '' check (length(note) <= 200),
    reverses_id       bigint unique references moral_entry (id),
    recorded_by       text not null,
    recorded_by_name  text not null,
    recorded_at       timestamptz not null default now(),
    check ((kind = 'ITEM') = (item_id is not null and reverses_id is null)),
    check ((kind = 'REDEMPTION') = (goods_id is not null and quantity is not null and points < 0)),
    check ((kind = 'REVERSAL') = (reverses_id is not null))
);
create index moral_entry_household on moral_entry (household_id, id);
create index moral_entry_village on moral_entry (village_code, entry_date);

create function moralbank_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'moral_entry is append-only';
end $$;
create trigger moral_entry_append_only before update or delete on moral_entry
    for each row execute function moralbank_append_only();
