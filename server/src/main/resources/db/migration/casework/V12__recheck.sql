-- 有序退出 (issue 17, point 5): households monitored for a set number of months without their risk eliminated, and
-- households whose risk was eliminated but whose latest per-capita income is still below the line, are listed for a
-- re-check visit (复核走访); the visit is recorded here with its result.

-- the months, a setting like the others of 业务参数: province-wide here, a city's or county's own in casework_area_setting
insert into casework_setting (name, value) values ('recheck_months', '24') on conflict (name) do nothing;
alter table casework_area_setting drop constraint casework_area_setting_name_check;
alter table casework_area_setting add constraint casework_area_setting_name_check
    check (name in ('lead_deadline_days', 'min_notice_days', 'elimination_min_months', 'stable_income_months',
                    'min_income_checks', 'auto_intake_rules',
                    'screening_rules_off', 'medical_person_priority_threshold', 'medical_person_other_threshold',
                    'medical_household_share', 'dropout_min_age', 'dropout_max_age', 'school_cost_threshold',
                    'death_min_age', 'death_max_age', 'disaster_loss_threshold', 'disaster_loss_share',
                    'job_loss_wage_share', 'recheck_months'));

-- the results of a re-check, a code list like the categories and risk types (系统管理 › 代码表)
alter table casework_code drop constraint casework_code_kind_check;
alter table casework_code add constraint casework_code_kind_check
    check (kind in ('CATEGORY', 'RISK_TYPE', 'RECHECK_RESULT'));
insert into casework_code (kind, code, name_zh, name_en, sort) values
    ('RECHECK_RESULT', 'CONTINUE_MONITORING', '继续监测', 'Continue monitoring', 1),
    ('RECHECK_RESULT', 'READY_TO_ELIMINATE', '可以消除风险', 'Risk can be eliminated', 2),
    ('RECHECK_RESULT', 'OTHER_ASSISTANCE', '转入其他帮扶', 'Hand over to other assistance', 3),
    ('RECHECK_RESULT', 'RESUME_MONITORING', '重新纳入监测', 'Return to monitoring', 4),
    ('RECHECK_RESULT', 'NO_RISK', '核实无返贫致贫风险', 'No risk found', 5);

-- One re-check visit: why the household was listed, the day, who, the result (code of RECHECK_RESULT), notes.
-- Append-only, like the home checks.
create table recheck (
    id             bigserial primary key,
    household_id   bigint not null references monitored_household (household_id),
    village_code   char(12) not null,
    reason         text not null check (reason in ('LONG_MONITORED', 'BELOW_LINE_AFTER_ELIMINATION')),
    visited_on     date not null,
    result         text not null,
    notes          text not null check (length(notes) <= 1000),
    actor_id       text not null,
    actor_name     text not null,
    recorded_at    timestamptz not null
);
create index recheck_household on recheck (household_id, visited_on desc, id desc);
create trigger recheck_append_only before update or delete on recheck
    for each row execute function casework_append_only();
