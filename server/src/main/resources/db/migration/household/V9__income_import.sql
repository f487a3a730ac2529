-- Income import (收入导入, household.imports): a second kind of registry import, one row per household and year with
-- the six income items. It shares registry_import (the job, its states and counts) and import_problem.
alter table registry_import
    add column kind text not null default 'PERSONS' check (kind in ('PERSONS', 'INCOMES'));

-- Staging of an income file (COPY), classified with SQL against household_income, applied with one upsert.
-- Unlogged like import_person: rebuilt from the stored file, never needed after a crash.
create unlogged table import_income (
    import_id        bigint not null references registry_import (id),
    seq              bigint not null,
    sheet            text not null,
    line             int not null,
    household_no     text,
    year             int,
    wages            numeric(12,2),
    business         numeric(12,2),
    property         numeric(12,2),
    transfers        numeric(12,2),
    production_costs numeric(12,2),
    out_of_pocket    numeric(12,2),
    row_problems     text[],          -- as import_person.row_problems, moved to import_problem after the COPY
    ok               boolean not null default true,
    household_id     bigint,
    village_code     char(12),
    status           text,            -- NEW / CHANGED / UNCHANGED
    changes          jsonb,           -- [{"field": …, "old": …, "new": …}]
    primary key (import_id, seq)
);
create index import_income_household on import_income (import_id, household_no, year);
