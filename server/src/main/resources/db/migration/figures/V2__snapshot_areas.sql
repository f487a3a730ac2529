-- 统计调度 at city scale (issue 14 point 6): a snapshot's values also summed per area above the villages (province,
-- city, county, township: the first 2, 4, 6 or 9 digits of the village codes), written with the snapshot in the same
-- transaction. The trend of a city then reads 12 months × a few metrics instead of every village's values of every
-- month, and a past month of a city reads its counties' rows. Append-only like the snapshot.
create table figure_snapshot_area (
    month      date not null references figure_snapshot (month),
    digits     smallint not null check (digits in (2, 4, 6, 9)),
    area_code  char(12) not null,             -- the area's code: the prefix padded with zeros
    metric     text not null,
    value      numeric(16, 2) not null,
    primary key (month, digits, area_code, metric)
);
create index figure_snapshot_area_trend on figure_snapshot_area (area_code, digits, metric, month);

create trigger figure_snapshot_area_frozen before update or delete on figure_snapshot_area
    for each row execute function figure_snapshot_frozen();

-- the snapshots taken before this version
insert into figure_snapshot_area (month, digits, area_code, metric, value)
select month, d, rpad(substr(village_code, 1, d), 12, '0'), metric, sum(value)
  from figure_snapshot_value, (values (2), (4), (6), (9)) as l (d)
 group by 1, 2, 3, 4;
