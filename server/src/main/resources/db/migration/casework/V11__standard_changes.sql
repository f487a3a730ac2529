-- 标准调整 of the other standards (issue 17 point 2): the comparison's thresholds and rules switched off
-- (cn.shouwang.server.casework.ComparisonSetting, any entry it gains) and which monitoring categories are open for new
-- identifications ('categories_open') are versioned like the income lines (income_line_change, V9): every change is
-- a record of its own, kept for good, with the day it takes effect, the reason, the approving document, who and when.
-- The value in force at a place on a day: per region the latest change effective on or before that day (a change
-- recorded later wins a tie); of the place's regions the most specific one whose latest change has a value; else the
-- province-wide one (area_code null); else the default (feeds.md's thresholds; every category open).
-- value null: from that day the region sets nothing of its own (it inherits again).
create table standard_change (
    id               bigserial primary key,
    area_code        char(12),
    name             text not null,
    value            text,
    -- null: in force since before changes were recorded (the values set before this migration)
    effective_from   date,
    reason           text,
    document         text,
    changed_by       text,
    changed_by_name  text,
    changed_at       timestamptz not null
);
create index standard_change_in_force on standard_change (name, area_code, effective_from);
create index standard_change_area on standard_change (area_code, changed_at);

-- the comparison settings set before: in force since before changes were recorded, then read only from here (one
-- source; casework_setting and casework_area_setting keep the other settings of 业务参数)
insert into standard_change (area_code, name, value, effective_from, changed_at)
select null, name, value, null, now() from casework_setting
where name in ('screening_rules_off', 'medical_person_priority_threshold', 'medical_person_other_threshold',
               'medical_household_share', 'dropout_min_age', 'dropout_max_age', 'school_cost_threshold',
               'death_min_age', 'death_max_age', 'disaster_loss_threshold', 'disaster_loss_share', 'job_loss_wage_share');
insert into standard_change (area_code, name, value, effective_from, changed_at)
select area_code, name, value, null, now() from casework_area_setting
where name in ('screening_rules_off', 'medical_person_priority_threshold', 'medical_person_other_threshold',
               'medical_household_share', 'dropout_min_age', 'dropout_max_age', 'school_cost_threshold',
               'death_min_age', 'death_max_age', 'disaster_loss_threshold', 'disaster_loss_share', 'job_loss_wage_share');
delete from casework_setting
where name in ('screening_rules_off', 'medical_person_priority_threshold', 'medical_person_other_threshold',
               'medical_household_share', 'dropout_min_age', 'dropout_max_age', 'school_cost_threshold',
               'death_min_age', 'death_max_age', 'disaster_loss_threshold', 'disaster_loss_share', 'job_loss_wage_share');
delete from casework_area_setting
where name in ('screening_rules_off', 'medical_person_priority_threshold', 'medical_person_other_threshold',
               'medical_household_share', 'dropout_min_age', 'dropout_max_age', 'school_cost_threshold',
               'death_min_age', 'death_max_age', 'disaster_loss_threshold', 'disaster_loss_share', 'job_loss_wage_share');
-- The server only ever inserts here (ComparisonSettingsAdmin); every change is also in the append-only audit log
-- (CASEWORK_SETTINGS_UPDATE with the day, reason and document).
