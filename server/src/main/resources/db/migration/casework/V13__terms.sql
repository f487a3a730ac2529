-- 名称与表述 (issue 17, policy.md §10): the words a deployment (a province) uses for the monitored object, the
-- mechanism and the national system. Every change is a row of its own, kept for good, with who and when; the words in
-- force are each term's latest row. A term without a row has the message bundles' default (term.*, the 2026
-- wording: 防止返贫致贫对象), so a new database and an upgraded one both speak the 2026 wording until an
-- administrator sets other words (the page offers the 2021-2025 wording, 防止返贫监测对象, in one click). The
-- category names stay in casework_code (代码表). Every change is also in the audit log (CASEWORK_WORDS_UPDATE).
create table casework_term (
    id              bigserial primary key,
    -- object, object.short, mechanism, mechanism.short, system (casework.wording.Term)
    term            text not null,
    name_zh         text not null check (length(name_zh) between 1 and 40),
    name_en         text not null check (length(name_en) between 1 and 80),
    -- the English plural where the term is a noun texts count (object, object.short); else the singular
    name_en_plural  text not null check (length(name_en_plural) between 1 and 80),
    changed_by      text not null,
    changed_by_name text not null,
    changed_at      timestamptz not null
);
create index casework_term_latest on casework_term (term, id desc);
