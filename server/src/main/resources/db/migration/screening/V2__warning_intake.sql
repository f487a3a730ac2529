-- A warning turned into a lead remembers where it went, so the list shows it and a second click opens nothing new.
-- intake_outcome: OPENED / JOINED_LEAD (lead_id set) or JOINED_MONITORED (already monitored: lead_id null).
alter table screening_warning add column intake_outcome text
    check (intake_outcome in ('OPENED', 'JOINED_LEAD', 'JOINED_MONITORED'));
alter table screening_warning add column lead_id bigint;
