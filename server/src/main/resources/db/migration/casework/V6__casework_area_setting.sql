-- 业务参数 that may differ per locality (policy.md: "every number here is a default, set per region"): a city or
-- county administrator sets their own area's value here; the value in force at a place is the nearest ancestor's
-- row, else the province-wide row of casework_setting. Only the settings named below may differ per area; the
-- others (day counting, due-soon days, holidays and make-up working days, the main risk on the notice) stay
-- province-wide in casework_setting. No row = inherit from above.
create table casework_area_setting (
    area_code  char(12) not null,
    name       text not null check (name in ('lead_deadline_days', 'min_notice_days', 'elimination_min_months',
                                             'stable_income_months', 'min_income_checks', 'auto_intake_rules')),
    value      text not null,
    primary key (area_code, name)
);
