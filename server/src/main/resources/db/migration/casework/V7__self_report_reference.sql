-- A self-report's reference (12 random characters, XXXX-XXXX-XXXX) is kept as the source of the record it made:
-- the lead it opened, or the lead_report row that joined it to an open lead or a monitored household. Staff look
-- a reference up in either table; each reference names exactly one report.
create unique index lead_self_report_ref on lead (source_ref) where channel = 'SELF_REPORT';
create unique index lead_report_self_report_ref on lead_report (source_ref) where channel = 'SELF_REPORT';
