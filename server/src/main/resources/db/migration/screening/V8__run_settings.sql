-- The comparison settings a run used (系统管理 › 比对规则与阈值, in force at the county when it started), kept with the
-- run: a later change of a threshold does not change what an earlier run compared with. One row per setting: the value
-- as stored (yuan, a fraction, years, or rule codes), the area that set it (null: province-wide or default) and
-- whether it was feeds.md's default. rules_off (V6) repeats the rules switched off.
create table screening_run_setting (
    run_id      bigint not null references screening_run (id),
    name        text not null,
    value       text not null,
    area_code   char(12),
    is_default  boolean not null,
    primary key (run_id, name)
);
