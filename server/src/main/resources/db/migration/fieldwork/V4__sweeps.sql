-- fieldwork (issue 13 point 3): sweeps (拉网式摸排). A sweep covers an area (county, township or village) for a
-- period; the households of the area at opening are its set (field_sweep_household), each of which must get a visit
-- in the period. Progress is counted live from field_visit (a visit of a set household dated in the period); closing
-- freezes it: each household's outcome and grid on its row, and the figures per village and grid in field_sweep_figure,
-- shown from then on whatever visits or moves come later.

create table field_sweep (
    id               bigserial primary key,
    name             text not null check (length(name) between 1 and 60),
    area_code        char(12) not null,
    -- the area's code range (AreaScope.lowestCode/highestCode): "does the sweep touch the user's scope" is an overlap
    area_lo          char(12) not null,
    area_hi          char(12) not null,
    starts_on        date not null,
    ends_on          date not null,
    state            text not null default 'OPEN' check (state in ('OPEN', 'CLOSED')),
    households       int not null default 0,
    opened_by        bigint not null references account (id),
    opened_by_name   text not null,
    opened_at        timestamptz not null default now(),
    closed_at        timestamptz,
    closed_by_name   text,
    -- true: closed by the server the day after its end date
    closed_auto      boolean,
    version          int not null default 0,
    constraint field_sweep_period check (ends_on >= starts_on)
);
create index field_sweep_area on field_sweep (area_lo, area_hi);
create index field_sweep_open on field_sweep (ends_on) where state = 'OPEN';

create table field_sweep_household (
    sweep_id      bigint not null references field_sweep (id),
    household_id  bigint not null references household (id),
    -- the household's village at opening: the sweep's rows stay where they were counted
    village_code  char(12) not null,
    -- frozen at closing: the grid the household was placed in, and what the period's visits found
    grid_id       bigint,
    grid_name     text,
    outcome       text check (outcome in ('HOME', 'AWAY', 'NONE')),
    primary key (sweep_id, household_id)
);
create index field_sweep_household_village on field_sweep_household (sweep_id, village_code);
create index field_sweep_household_household on field_sweep_household (household_id);

-- the figures of a closed sweep per village and grid (grid_id null: the village's households in no grid, 未划网格)
create table field_sweep_figure (
    sweep_id      bigint not null references field_sweep (id),
    village_code  char(12) not null,
    grid_id       bigint,
    grid_name     text,
    households    int not null,
    visited       int not null,
    not_found     int not null,
    not_yet       int not null
);
create index field_sweep_figure_sweep on field_sweep_figure (sweep_id, village_code);

alter table field_visit add constraint field_visit_sweep foreign key (sweep_id) references field_sweep (id);
create index field_visit_sweep on field_visit (sweep_id) where sweep_id is not null;
