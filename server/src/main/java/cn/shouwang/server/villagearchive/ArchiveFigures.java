package cn.shouwang.server.villagearchive;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.platform.VillageFigures;
import cn.shouwang.server.villagearchive.checklist.Checklist;
import cn.shouwang.server.villagearchive.documents.Documents;
import cn.shouwang.server.villagearchive.income.CollectiveIncomes;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.stereotype.Component;

/** The archive's own lines on the village page: documents, the checklist's completeness, the year's collective income. */
@Component
class ArchiveFigures implements VillageFigures {
    private final Documents documents;
    private final Checklist checklist;
    private final CollectiveIncomes incomes;

    ArchiveFigures(Documents documents, Checklist checklist, CollectiveIncomes incomes) {
        this.documents = documents;
        this.checklist = checklist;
        this.incomes = incomes;
    }

    @Override
    public List<Figure> villageFigures(String villageCode, int year) {
        AreaScope here = new AreaScope(villageCode);
        String page = "/villages/" + villageCode;
        long docs = documents.countsByVillage(List.of(villageCode), here).getOrDefault(villageCode, 0L);
        Checklist.Completeness c = checklist.completeness(List.of(villageCode), here).get(villageCode);
        BigDecimal income = incomes.totals(List.of(villageCode), year, here).get(villageCode);
        return List.of(
                new Figure("nav.villages", "villagearchive.figure.documents", Long.toString(docs), page + "#documents"),
                new Figure("nav.villages", "villagearchive.figure.checklist", c.met() + " / " + c.applicable(),
                        page + "#checklist"),
                new Figure("nav.villages", "villagearchive.figure.income",
                        income == null ? "—" : new java.text.DecimalFormat("#,##0.00").format(income),
                        page + "?year=" + year + "#income"));
    }
}
