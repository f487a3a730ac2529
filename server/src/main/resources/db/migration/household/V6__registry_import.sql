-- Registry import from the national system's person lists (农户档案导入, household.imports).
-- 1. The columns of the national person list the registry keeps (PersonListColumn). Phones are personal data: sealed.
alter table member
    add column person_no                 text,     -- 人编号, the national system's number of the person
    add column ethnic_group              text,     -- 民族
    add column education                 text,     -- 文化程度
    add column months_in_work            smallint check (months_in_work between 0 and 12), -- 务工时间（月）
    add column serious_illness_insurance boolean,  -- 是否参加大病保险
    add column main_cause                text,     -- 致贫原因1
    add column registered_on             date,     -- 人员识别时间
    add column phone_enc                 bytea;    -- 人联系电话, sealed
alter table household
    add column unsafe_house  boolean,  -- 危房户 (guarantee flag)
    add column safe_water    boolean,  -- 是否解决安全饮用水 (guarantee flag; false = not solved)
    add column registered_on date;     -- 首次识别时间
-- A person list gives only the household's per-capita net income (人均纯收入) when it has no income items: such a
-- year is kept with per_capita set, the six items zero and itemised = false. The comparison reads itemised years
-- only (streamForScreening), so a per-capita figure is never taken for zero income.
alter table household_income
    add column per_capita numeric(12,2) check (per_capita >= 0),
    add column itemised   boolean not null default true,
    add column claims     numeric(12,2) check (claims >= 0);  -- 理赔收入, when the file gives it

-- 2. The imports: one row per uploaded file, its state, counts and where its file is kept while it is open.
create table registry_import (
    id            bigserial primary key,
    -- the importing account's area: every row of the file must lie in it, and only accounts covering it see it
    area_code     char(12) not null,
    account_id    bigint references account (id),
    username      text not null,
    file_name     text not null,
    sha256        text not null,
    -- the sealed copy of the file under the data directory (deleted when the import is applied or discarded)
    stored_file   text,
    state         text not null check (state in ('QUEUED', 'PARSING', 'PREVIEWED', 'APPLYING', 'APPLIED', 'FAILED', 'DISCARDED')),
    -- the failure as a message code and its arguments (rendered in the reader's language)
    failure_code  text,
    failure_args  text[],
    rows_read     bigint not null default 0,
    rows_total    bigint,      -- rows in the file when known (xlsx dimension), for the progress bar
    header_line   int,
    header        text[],      -- the header as found (for the problem workbook and the mapping)
    header_key    text,        -- the sorted, normalised header names: the key of the remembered mapping
    unknown_headers text[],    -- headers no column knows and no mapping names
    export_date   date,
    -- counts of the preview and of the apply: {"householdsNew": …, "personsChanged": …, "problemRows": …}
    counts        jsonb not null default '{}',
    skip_problems boolean not null default false,
    created_at    timestamptz not null,
    updated_at    timestamptz not null,
    applied_at    timestamptz
);
create index registry_import_area on registry_import (area_code, id desc);

-- What a user mapped for the columns of a layout, remembered for the next file with the same header names.
create table registry_import_mapping (
    header_key  text primary key,
    mapping     jsonb not null,   -- {"header as in the file": "PersonListColumn name"}
    updated_by  text not null,
    updated_at  timestamptz not null
);

-- 3. Staging: the parsed rows of an import (COPY), classified with SQL, applied with INSERT … SELECT / UPDATE … FROM.
-- Unlogged: staging is rebuilt from the file, never needed after a crash. Personal values only sealed (*_enc) and, for id numbers, the keyed hash. Deleted when the import ends.
create unlogged table import_person (
    import_id        bigint not null references registry_import (id),
    seq              bigint not null,        -- order in the file
    sheet            text not null,
    line             int not null,
    -- the household's key in the file: 户编号, or 'H:' and the head's id-number hash when the file has none
    hh_key           text,
    household_no     text,
    village_code     char(12),
    village_group    text,
    hh_size          int,
    formerly_poor    boolean,
    unsafe_house     boolean,
    safe_water       boolean,
    hh_phone_enc     bytea,
    hh_registered    date,
    per_capita       numeric(12,2),
    wages            numeric(12,2),
    business         numeric(12,2),
    property         numeric(12,2),
    transfers        numeric(12,2),
    production_costs numeric(12,2),
    out_of_pocket    numeric(12,2),
    claims           numeric(12,2),
    -- a keyed digest (per import) of the household fields, to find rows of one household that disagree
    hh_sig           text[],
    -- the monitoring columns, as the file gives them (checked by ImportedMonitoring)
    category         text,
    risks            text[],
    disaster_subtype text,
    eliminated       boolean,
    identified_month date,
    eliminated_month date,
    officer          text,
    officer_unit     text,
    officer_phone_enc bytea,
    measures         text[],                 -- 'GROUP:text'
    -- the person
    person_no        text,
    name             text,
    name_grams       text[],                 -- NameGrams of the name in the row's county
    id_number_hash   bytea,
    id_number_enc    bytea,
    sex              char(1),
    birth_date       date,
    relation         text,
    ethnic_group     text,
    education        text,
    schooling_stage  text,
    health_enc       bytea,
    labour_capacity  text,
    months_in_work   smallint,
    serious_illness_insurance boolean,
    main_cause       text,
    phone_enc        bytea,
    registered_on    date,
    -- the row's own problems as the parser found them (error, column, code, arguments; chr(31) between), moved
    -- to import_problem after the COPY: one connection cannot run two COPYs at once
    row_problems     text[],
    -- false once the row or its household has an error (a warning leaves it true)
    ok               boolean not null default true,
    -- classification: the household's first sound row (it decides the household's status), the registry's
    -- household and member, and what applying would do
    first_row        boolean not null default false,
    household_id     bigint,
    member_id        bigint,
    hh_status        text,    -- NEW / CHANGED / UNCHANGED (the same on every row of a household)
    person_status    text,    -- NEW / CHANGED / UNCHANGED / MOVED
    hh_changes       jsonb,   -- [{"field": …, "old": …, "new": …}] on the household's first row
    person_changes   jsonb,
    moved_from       text,    -- household number the person is moved from
    primary key (import_id, seq)
);
create index import_person_key on import_person (import_id, hh_key);
-- the joins of the classification and the apply by registry ids and hash: indexes, so that their plans stay sound
-- while the statistics still describe the rows as they were read (ids not yet matched)
create index import_person_member on import_person (member_id) where member_id is not null;
create index import_person_household on import_person (household_id) where household_id is not null;
create index import_person_hash on import_person (id_number_hash);

create unlogged table import_problem (
    import_id  bigint not null references registry_import (id),
    sheet      text not null,
    line       int not null,
    column_name text,
    code       text not null,    -- message code (registry.import.problem.*)
    args       text[] not null default '{}',
    error      boolean not null  -- false: a warning (人数 differs), the row is still imported
);
create index import_problem_line on import_problem (import_id, sheet, line);

-- Working tables of the classification and the apply (the server's role may not create temporary tables): the
-- difference computed in Java, and the ids and numbers given to new households before they are inserted.
create unlogged table import_diff (
    import_id      bigint not null,
    seq            bigint not null,
    hh_status      text,
    hh_changes     jsonb,
    person_status  text,
    person_changes jsonb,
    moved_from     text,
    primary key (import_id, seq)
);
create unlogged table import_new_household (
    import_id     bigint not null,
    hh_key        text not null,
    id            bigint not null,
    village_code  char(12) not null,
    household_no  text,
    seq           bigint not null,
    primary key (import_id, hh_key)
);
