-- The comparison's thresholds and the rules it leaves out are settings like the others of 业务参数 (one source of
-- truth for every run of the server; the YAML rules file stays for the command line only): province-wide rows in
-- casework_setting, a city's or county's own in casework_area_setting, inherited downwards. No row anywhere: the
-- default of feeds.md. Names: cn.shouwang.server.casework.ComparisonSetting.
alter table casework_area_setting drop constraint casework_area_setting_name_check;
alter table casework_area_setting add constraint casework_area_setting_name_check
    check (name in ('lead_deadline_days', 'min_notice_days', 'elimination_min_months', 'stable_income_months',
                    'min_income_checks', 'auto_intake_rules',
                    'screening_rules_off', 'medical_person_priority_threshold', 'medical_person_other_threshold',
                    'medical_household_share', 'dropout_min_age', 'dropout_max_age', 'school_cost_threshold',
                    'death_min_age', 'death_max_age', 'disaster_loss_threshold', 'disaster_loss_share',
                    'job_loss_wage_share'));
