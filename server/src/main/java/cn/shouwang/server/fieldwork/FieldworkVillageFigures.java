package cn.shouwang.server.fieldwork;

import cn.shouwang.server.platform.VillageFigures;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The village page's lines of 走访排查: visits in the year, households visited, the last visit. */
@Component
class FieldworkVillageFigures implements VillageFigures {
    private final JdbcClient jdbc;

    FieldworkVillageFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Figure> villageFigures(String villageCode, int year) {
        record Row(long visits, long households, LocalDate last) {}
        Row r = jdbc.sql("""
                select count(*), count(distinct household_id), max(visited_on) from field_visit
                 where village_code = :v and visited_on between make_date(:y, 1, 1) and make_date(:y, 12, 31)""")
                .param("v", villageCode).param("y", year)
                .query((rs, i) -> new Row(rs.getLong(1), rs.getLong(2), rs.getObject(3, LocalDate.class))).single();
        if (r.visits() == 0) return List.of();
        String list = "/visits?area=" + villageCode + "&show=all";
        return List.of(
                new Figure("nav.visits", "fieldwork.figure.visits", String.valueOf(r.visits()), list),
                new Figure("nav.visits", "fieldwork.figure.households", String.valueOf(r.households()), list),
                new Figure("nav.visits", "fieldwork.figure.last", r.last().toString(), list));
    }
}
