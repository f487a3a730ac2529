-- 一村一档 (issue 19 point 5): per village its documents, the model-village checklist 九有六无 and the collective
-- economy's income per year. Villages are named by their 12-digit code (area's rows; every query is a code range).

-- The module's code lists, edited by the administrator: document types and the checklist's items.
create table archive_code (
    kind     text not null check (kind in ('DOC_TYPE', 'CHECK_ITEM')),
    code     text not null,
    name_zh  text not null,
    name_en  text not null,
    sort     int not null default 0,
    active   boolean not null default true,
    version  int not null default 0,
    primary key (kind, code)
);

insert into archive_code (kind, code, name_zh, name_en, sort) values
    ('DOC_TYPE', 'RULES', '村规民约', 'Village rules', 10),
    ('DOC_TYPE', 'MINUTES', '会议记录', 'Meeting minutes', 20),
    ('DOC_TYPE', 'NOTICE', '公示材料', 'Public notices', 30),
    ('DOC_TYPE', 'PROJECT', '项目资料', 'Project papers', 40),
    ('DOC_TYPE', 'PHOTO', '照片', 'Photos', 50),
    ('DOC_TYPE', 'OTHER', '其他', 'Other', 90),
    -- The seed articles name the standard 九有六无 but not its fifteen items; article 004 lists the "五个全覆盖"
    -- every model village had to have. These are the items to start with; the administrator completes the list.
    ('CHECK_ITEM', 'VILLAGE_PLAN', '有村庄规划', 'Has a village plan', 10),
    ('CHECK_ITEM', 'MORAL_BANK', '有道德银行', 'Has a moral bank', 20),
    ('CHECK_ITEM', 'CLEAN_HOMES', '有“干净人家”评选', 'Holds the clean-home awards', 30),
    ('CHECK_ITEM', 'CULTURE_YARD', '有农村文化大院、农家书屋', 'Has a culture yard and a village library', 40),
    ('CHECK_ITEM', 'TEN_HOUSEHOLD_GRID', '有“十户一组”网格', 'Has ten-household grid groups', 50);

-- An uploaded document. The file is kept sealed under <data-dir>/villagearchive/<village>/<stored_name>; its type is
-- the one read from its content (never the name's extension).
create table village_document (
    id            bigserial primary key,
    village_code  char(12) not null,
    doc_type      text not null,
    title         text not null check (length(title) between 1 and 200),
    doc_date      date not null,
    file_name     text not null,
    content_kind  text not null check (content_kind in ('PDF', 'JPEG', 'PNG', 'XLSX', 'DOCX', 'TEXT')),
    size_bytes    bigint not null check (size_bytes > 0),
    sha256        char(64) not null,
    stored_name   text not null unique,
    uploaded_by   bigint not null,
    uploaded_by_name text not null,
    uploaded_at   timestamptz not null default now()
);
create index village_document_village on village_document (village_code, doc_date desc, id desc);

-- One checklist item's state in one village: who checked it and when, with a note and optionally a document.
create table checklist_status (
    village_code  char(12) not null,
    item_code     text not null,
    status        text not null check (status in ('MET', 'NOT_MET', 'NOT_APPLICABLE')),
    note          text not null default '',
    document_id   bigint references village_document (id) on delete set null,
    checked_on    date not null,
    checked_by    bigint not null,
    checked_by_name text not null,
    checked_at    timestamptz not null default now(),
    version       int not null default 0,
    primary key (village_code, item_code)
);

-- 村集体经济收入 of one village and year, by source (yuan).
create table collective_income (
    village_code  char(12) not null,
    year          int not null check (year between 2000 and 2100),
    operating     numeric(14,2) not null default 0 check (operating >= 0),
    asset_rent    numeric(14,2) not null default 0 check (asset_rent >= 0),
    dividends     numeric(14,2) not null default 0 check (dividends >= 0),
    other         numeric(14,2) not null default 0 check (other >= 0),
    note          text not null default '',
    updated_by    bigint not null,
    updated_by_name text not null,
    updated_at    timestamptz not null default now(),
    version       int not null default 0,
    primary key (village_code, year)
);
