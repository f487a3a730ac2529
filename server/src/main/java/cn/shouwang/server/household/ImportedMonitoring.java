package cn.shouwang.server.household;

import cn.shouwang.core.casework.MeasureGroup;
import cn.shouwang.core.household.RiskType;
import java.time.YearMonth;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The monitored households of an imported person list (national-export.md: 易返贫致贫户(监测对象)类型 and the columns
 * after it), handed to casework. Casework depends on the registry, so the registry only defines this question and
 * casework answers it (a bean implementing this interface). The registry import calls it with batches of
 * households, {@link #preview} while it classifies the file and {@link #apply} inside the import's transaction
 * (the implementation must write with the same DataSource and not open a transaction of its own, so an import is
 * all or nothing). Without a bean the import shows the monitored rows as not applied; it never drops them silently.
 */
public interface ImportedMonitoring {

    /** An assistance officer (帮扶责任人) as the file names them; the phone in clear, to be sealed by the implementation. */
    record Officer(String name, String unit, @Nullable String phone) {}

    /** One measure (帮扶措施) of a measure column: its group is the column's ({@link PersonListColumn#measureGroup()}). */
    record Measure(MeasureGroup group, String text) {}

    /**
     * One monitored household of the file.
     *
     * @param householdId     the registry's id; null in {@link #preview} for a household the import will create
     * @param householdNo     户编号, to name the household in an answer
     * @param categoryCode    casework's code list code (kind CATEGORY), e.g. MARGINAL_AT_RISK
     *                        ({@link cn.shouwang.core.household.MonitoringCategory} names)
     * @param riskTypes       one to five, in the file's order
     * @param identifiedMonth 风险识别时间
     * @param eliminated      风险是否消除 = 是
     * @param eliminatedMonth 风险消除时间, when eliminated
     */
    record Monitored(@Nullable Long householdId, String householdNo, String villageCode, String headName,
                     String categoryCode, List<RiskType> riskTypes, @Nullable String disasterSubtype,
                     @Nullable YearMonth identifiedMonth, boolean eliminated, @Nullable YearMonth eliminatedMonth,
                     List<Officer> officers, List<Measure> measures) {}

    /**
     * A household the implementation will not take, with the reason as a message code of the bundles and its
     * arguments (e.g. a risk type missing, an unknown category code); the import shows it as a problem of the
     * household's rows.
     */
    record Refused(String householdNo, String messageCode, List<String> args) {}

    /** What {@link #preview} would do / {@link #apply} did: households new, changed and unchanged, and those refused. */
    record Outcome(long created, long changed, long unchanged, List<Refused> refused) {
        public static Outcome empty() {
            return new Outcome(0, 0, 0, List.of());
        }

        public Outcome plus(Outcome o) {
            List<Refused> all = new java.util.ArrayList<>(refused);
            all.addAll(o.refused);
            return new Outcome(created + o.created, changed + o.changed, unchanged + o.unchanged, List.copyOf(all));
        }
    }

    /** Counts what {@link #apply} would do with these households, writing nothing. */
    Outcome preview(List<Monitored> households);

    /**
     * Writes these households' monitoring (new monitored households, changed category, risks, months, status,
     * officers, measures) in the caller's transaction; the same batch applied twice changes nothing the second time.
     * {@code importLabel} names the import in casework's own history lines (file name and time).
     */
    Outcome apply(List<Monitored> households, String importLabel);
}
