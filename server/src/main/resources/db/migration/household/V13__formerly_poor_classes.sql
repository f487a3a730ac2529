-- 原建档立卡脱贫人口分类管理 (issue 17, point 4): each formerly-poor household is classified by its need of continued
-- support, reviewed yearly. The registry owns it: the flag it classifies (household.formerly_poor) is the registry's,
-- and the worklist ("formerly poor, not classified or due for review") is one query over household and this table.

-- The classes, a code list per province (first two digits of the area code); province '00' holds the default list,
-- used by every province that has none of its own. Names are what users read; the code never shows.
create table formerly_poor_class (
    province  char(2) not null check (province ~ '^[0-9]{2}$'),
    code      text not null check (code ~ '^[A-Z][A-Z0-9_]{1,39}$'),
    name_zh   text not null,
    name_en   text not null,
    active    boolean not null default true,
    sort      int not null default 100,
    primary key (province, code)
);
insert into formerly_poor_class (province, code, name_zh, name_en, sort) values
    ('00', 'STABLE', '稳定脱贫户', 'Stably out of poverty', 1),
    ('00', 'CONTINUED_SUPPORT', '需持续帮扶户', 'Needs continued support', 2),
    ('00', 'KEY_SUPPORT', '需重点帮扶户', 'Needs intensive support', 3),
    ('00', 'SAFETY_NET', '兜底保障户', 'Covered by the social-assistance floor', 4);

-- Every classification of a household, kept (the household page shows the history); the one in force is the row with
-- is_current. review_due = classified_on + 1 year: from that day the household is on the worklist again.
create table household_class (
    id             bigserial primary key,
    household_id   bigint not null references household (id),
    class_code     text not null,
    classified_on  date not null,
    review_due     date not null check (review_due > classified_on),
    reason         text not null check (length(reason) between 1 and 500),
    by_account     text not null,
    by_name        text not null,
    recorded_at    timestamptz not null,
    is_current     boolean not null default true
);
create unique index household_class_current on household_class (household_id) where is_current;
create index household_class_history on household_class (household_id, id desc);
-- the worklist reads formerly-poor households of an area range
create index household_formerly_poor on household (village_code, household_no) where formerly_poor;
