package cn.shouwang.server.credit.loans;

import cn.shouwang.server.casework.MeasureBackingApi;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** The loans behind a monitored household's 金融帮扶 measures, for its page. */
@Component
class LoanBackings implements MeasureBackingApi {
    private final Loans loans;
    private final MessageSource messages;

    LoanBackings(Loans loans, MessageSource messages) {
        this.loans = loans;
        this.messages = messages;
    }

    @Override
    public Map<Long, List<Backing>> backings(long householdId) {
        Map<Long, List<Backing>> out = new HashMap<>();
        for (Loans.Loan l : loans.backingMeasures(householdId)) {
            String text = messages.getMessage("credit.backing", new Object[] {l.bank(), l.amount().toPlainString(),
                    l.disbursedOn().toString(), l.outstanding().toPlainString()}, LocaleContextHolder.getLocale());
            out.computeIfAbsent(l.measureId(), k -> new ArrayList<>()).add(new Backing("nav.credit", text, "/credit/loans/" + l.id()));
        }
        return out;
    }
}
