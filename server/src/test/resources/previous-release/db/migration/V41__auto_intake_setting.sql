-- Comparison rules whose new warnings become leads without an analyst's click (policy: "a setting can do it
-- automatically per rule"). Comma-separated rule codes of the screening engine; empty = every warning waits for
-- an analyst.
insert into casework_setting (name, value) values ('auto_intake_rules', '');
