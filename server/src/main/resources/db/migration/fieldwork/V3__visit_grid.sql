-- fieldwork (issue 13 point 1): a visit records the grid the household was placed in when visited (V1 left grid_id
-- without its foreign key until the grids existed). Only an empty grid may be deleted, but its past visits stay:
-- they lose the link, not the visit.
alter table field_visit add constraint field_visit_grid foreign key (grid_id) references field_grid (id) on delete set null;
create index field_visit_grid on field_visit (grid_id) where grid_id is not null;
