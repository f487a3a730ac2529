package cn.shouwang.server.credit;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.credit.overview.CreditFiguresStore;
import cn.shouwang.server.platform.VillageFigures;
import java.util.List;
import org.springframework.stereotype.Component;

/** The village page's lines of this module: loans lent in the year, outstanding today, overdue. */
@Component
class CreditFigures implements VillageFigures {
    private final CreditFiguresStore store;

    CreditFigures(CreditFiguresStore store) {
        this.store = store;
    }

    @Override
    public List<Figure> villageFigures(String villageCode, int year) {
        CreditFiguresStore.Line l = store.figures(new AreaScope(villageCode), 12, year).get(villageCode);
        if (l == null) return List.of();
        String list = "/credit/loans?area=" + villageCode;
        return List.of(
                new Figure("nav.credit", "credit.figure.lent", l.lentInYear().setScale(2).toPlainString(), list),
                new Figure("nav.credit", "credit.figure.open", String.valueOf(l.open()), list + "&show=OPEN"),
                new Figure("nav.credit", "credit.figure.outstanding", l.outstanding().setScale(2).toPlainString(), list + "&show=OPEN"),
                new Figure("nav.credit", "credit.figure.overdue", String.valueOf(l.overdue()), list + "&show=OVERDUE"));
    }
}
