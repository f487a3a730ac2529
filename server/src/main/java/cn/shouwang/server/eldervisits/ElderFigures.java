package cn.shouwang.server.eldervisits;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.eldervisits.people.People;
import cn.shouwang.server.platform.VillageFigures;
import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Component;

/** The elderly visits' lines on the village page (一村一档): people visited, visits this year, people overdue today. */
@Component
class ElderFigures implements VillageFigures {
    private final People people;

    ElderFigures(People people) {
        this.people = people;
    }

    @Override
    public List<Figure> villageFigures(String villageCode, int year) {
        List<People.Coverage> c = people.coverage(new AreaScope(villageCode), LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
        if (c.isEmpty()) return List.of();
        People.Coverage v = c.get(0);
        String list = "/elder-visits?area=" + villageCode;
        return List.of(
                new Figure("nav.elderVisits", "eldervisits.figure.people", String.valueOf(v.people()), list),
                new Figure("nav.elderVisits", "eldervisits.figure.visits", String.valueOf(v.visits()),
                        "/elder-visits/coverage?area=" + villageCode + "&from=" + year + "-01-01&to=" + year + "-12-31"),
                new Figure("nav.elderVisits", "eldervisits.figure.overdue", String.valueOf(v.overdue()),
                        list + "&standing=OVERDUE"));
    }
}
