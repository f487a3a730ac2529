-- issue 13 point 4: a lead opened in the field may be sent more than once (the phone's offline queue retries until it
-- hears an answer). The form makes a key (uuid) when it opens; the lead it opened, or the lead_report row that
-- joined the report to an open lead or a monitored household, keeps it, and a retry with the same key finds that
-- record instead of reporting twice. Nullable: leads opened otherwise have none.
alter table lead add column client_key uuid;
create unique index lead_client_key on lead (client_key) where client_key is not null;
alter table lead_report add column client_key uuid;
create unique index lead_report_client_key on lead_report (client_key) where client_key is not null;
