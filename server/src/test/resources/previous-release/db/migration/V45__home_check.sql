-- 收入核查: the village monitor's later visits to a monitored household (income from its parts, compared with the
-- year's line; the guarantee flags; rigid costs). The elimination check reads them beside the verifications of
-- lead_verification: "income stably above the line" needs checks inside the last six months, which the
-- identification visit is not. Append-only, like the verifications.
create table home_check (
    id                     bigserial primary key,
    household_id           bigint not null references monitored_household (household_id),
    village_code           char(12) not null,
    visited_on             date not null,
    findings               text not null,
    wages                  numeric(14, 2) not null,
    business               numeric(14, 2) not null,
    property               numeric(14, 2) not null,
    transfers              numeric(14, 2) not null,
    production_costs       numeric(14, 2) not null,
    eligible_out_of_pocket numeric(14, 2) not null,
    household_size         int not null check (household_size > 0),
    per_capita             numeric(14, 2) not null,
    comparison_value       numeric(14, 2) not null,
    income_line            numeric(12, 2) not null,
    housing_unsafe         boolean not null,
    child_out_of_school    boolean not null,
    water_unsafe           boolean not null,
    member_uninsured       boolean not null,
    rigid_costs_resolved   boolean not null,
    actor_id               text not null,
    actor_name             text not null,
    recorded_at            timestamptz not null
);
create index home_check_household on home_check (household_id, visited_on desc);
create trigger home_check_append_only before update or delete on home_check
    for each row execute function casework_append_only();
