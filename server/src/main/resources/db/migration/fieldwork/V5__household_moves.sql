-- issue 13 point 4: the moves of households as fieldwork heard them (HouseholdMoved), so that an offline visit of a
-- household that has since left the monitor's village is shown to the monitor as a conflict ("已迁至 …村") instead
-- of being refused like a household that was never theirs.
create table field_household_move (
    id            bigserial primary key,
    household_id  bigint not null references household (id),
    from_village  char(12) not null,
    to_village    char(12) not null,
    moved_on      date not null,
    recorded_at   timestamptz not null default now(),
    unique (household_id, from_village, to_village, moved_on)
);
create index field_household_move_household on field_household_move (household_id, moved_on desc);
