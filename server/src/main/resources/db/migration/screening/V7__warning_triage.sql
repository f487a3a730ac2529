-- 监测预警 made for the analyst, and triage that remembers (issue 12).

-- The warning's main amount in yuan (out of pocket, loss, dividend short, wages, per-capita income; null for rules
-- that decide on a date or status), written by the run from the detail: the list filters and sorts by it in SQL.
alter table screening_warning add column amount numeric(14, 2);

-- Whether the same fact (household, rule, person) was warned in an earlier period: NEW (never), AGAIN (yes, not
-- dismissed), RETURNED (it was dismissed and its values have since changed materially). previous_id: that warning.
alter table screening_warning add column recurrence text not null default 'NEW'
    check (recurrence in ('NEW', 'AGAIN', 'RETURNED'));
alter table screening_warning add column previous_id bigint references screening_warning (id);

-- 忽略: why, by whom, when. dismissed_from is the warning whose values were dismissed: the row itself when a person
-- dismissed it here, an earlier period's warning when the dismissal was carried over by a run (values unchanged).
alter table screening_warning add column dismissed_reason text
    check (dismissed_reason in ('HANDLED', 'DATA_ERROR', 'MOVED_AWAY', 'OTHER'));
alter table screening_warning add column dismissed_note text;
alter table screening_warning add column dismissed_by text;
alter table screening_warning add column dismissed_at timestamptz;
alter table screening_warning add column dismissed_from bigint references screening_warning (id);
alter table screening_warning add constraint screening_warning_dismissed
    check ((dismissed_at is null) = (dismissed_reason is null) and (dismissed_at is null) = (dismissed_from is null));

-- 交办核查: the township or village that checks it, by when, by whom, when.
alter table screening_warning add column assigned_area char(12);
alter table screening_warning add column assigned_due date;
alter table screening_warning add column assigned_by text;
alter table screening_warning add column assigned_at timestamptz;

-- the same fact in earlier periods (the run's look-back), newest first
create index screening_warning_fact on screening_warning (household_id, rule, person_hash, period);
-- the to-dos of a township or village: open assignments only
create index screening_warning_assigned on screening_warning (assigned_area, assigned_due)
    where assigned_area is not null and dismissed_at is null and intake_outcome is null;

-- warnings stored before: their amount from the detail, and whether an earlier period had the same fact
update screening_warning set amount = case
    when rule in ('MEDICAL_PERSON', 'MEDICAL_HOUSEHOLD', 'SCHOOL_COST')
        then substring(detail from 'out_of_pocket=([0-9]+\.[0-9]{2})')::numeric
    when rule = 'DISASTER_LOSS' then substring(detail from 'loss=([0-9]+\.[0-9]{2})')::numeric
    when rule = 'JOB_LOSS' then substring(detail from 'wages=([0-9]+\.[0-9]{2})')::numeric
    when rule = 'INCOME_BELOW_LINE' then substring(detail from 'per_capita=(-?[0-9]+\.[0-9]{2})')::numeric
    when rule = 'DIVIDEND_SHORTFALL' then substring(detail from 'due=([0-9]+\.[0-9]{2})')::numeric
                                          - substring(detail from 'paid=([0-9]+\.[0-9]{2})')::numeric
    end;
update screening_warning w set recurrence = 'AGAIN', previous_id = p.id
  from (select id, lag(id) over (partition by household_id, rule, person_hash order by period) as prev
          from screening_warning) x
  join screening_warning p on p.id = x.prev
 where w.id = x.id;
