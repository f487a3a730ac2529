package cn.shouwang.server.employment;

import cn.shouwang.server.platform.VillageFigures;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The village page's lines of this module: jobs held in the year, workshops and their places. */
@Component
class EmploymentFigures implements VillageFigures {
    private final JdbcClient jdbc;

    EmploymentFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Figure> villageFigures(String villageCode, int year) {
        LocalDate from = LocalDate.of(year, 1, 1);
        LocalDate to = LocalDate.of(year, 12, 31);
        long jobs = jdbc.sql("""
                select count(*) from welfare_job where village_code = :v and start_on <= :to
                   and (end_on is null or end_on >= :from)""")
                .param("v", villageCode).param("from", from).param("to", to).query(Long.class).single();
        java.math.BigDecimal wages = jdbc.sql("""
                select coalesce(sum(w.amount), 0) from welfare_job_wage w join welfare_job j on j.id = w.job_id
                 where j.village_code = :v and w.month between :from and :to""")
                .param("v", villageCode).param("from", from).param("to", to).query(java.math.BigDecimal.class).single();
        long workshops = jdbc.sql("select count(*) from workshop where village_code = :v").param("v", villageCode)
                .query(Long.class).single();
        long places = jdbc.sql("""
                select count(*) from workshop_worker k join workshop s on s.id = k.workshop_id
                 where s.village_code = :v and k.start_on <= :to and (k.end_on is null or k.end_on >= :from)""")
                .param("v", villageCode).param("from", from).param("to", to).query(Long.class).single();
        List<Figure> out = new ArrayList<>();
        if (jobs == 0 && workshops == 0) return out;
        String jobsLink = "/employment/jobs?area=" + villageCode;
        out.add(new Figure("nav.employment", "employment.figure.jobs", String.valueOf(jobs), jobsLink));
        out.add(new Figure("nav.employment", "employment.figure.wages", wages.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString(), jobsLink));
        out.add(new Figure("nav.employment", "employment.figure.workshops", String.valueOf(workshops),
                "/employment/workshops?area=" + villageCode));
        out.add(new Figure("nav.employment", "employment.figure.places", String.valueOf(places),
                "/employment/workshops?area=" + villageCode));
        return out;
    }
}
