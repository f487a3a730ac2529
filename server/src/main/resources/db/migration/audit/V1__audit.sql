-- Audit log: every write and every full view of personal data. Append-only: the triggers below refuse
-- UPDATE, DELETE and TRUNCATE for every role, including the table owner.
create table audit_event (
    id            bigserial primary key,
    at            timestamptz not null,
    account_id    bigint,
    username      text not null,
    action        text not null,
    household_id  bigint,
    member_id     bigint,
    area_code     char(12),
    ip            text,
    -- [{"field": "...", "old": "...", "new": "..."}], personal values masked
    changes       jsonb,
    detail        text
);
create index audit_event_at on audit_event (at desc);
create index audit_event_household on audit_event (household_id, at desc) where household_id is not null;
create index audit_event_area on audit_event (area_code, at desc);

create function audit_event_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_event is append-only (%)', tg_op;
end $$;
create trigger audit_event_no_update_delete before update or delete on audit_event
    for each row execute function audit_event_append_only();
create trigger audit_event_no_truncate before truncate on audit_event
    for each statement execute function audit_event_append_only();
