package cn.shouwang.server.villagearchive.income;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.platform.RefusedInputException;
import cn.shouwang.server.villagearchive.ArchiveScopes;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** 村集体经济收入: a village's income per year by source (operating, asset rent, dividends, other), in yuan. */
@Component
public class CollectiveIncomes {

    /** One year of a village, with the year before (if recorded) and the change from it. */
    public record Year(int year, BigDecimal operating, BigDecimal assetRent, BigDecimal dividends, BigDecimal other,
                       String note, String updatedByName, int version, @Nullable BigDecimal previousTotal) {
        public BigDecimal total() {
            return operating.add(assetRent).add(dividends).add(other);
        }

        /** This year's total less the year before's; null when the year before was not recorded. */
        public @Nullable BigDecimal change() {
            return previousTotal == null ? null : total().subtract(previousTotal);
        }

        /** The change in per cent of the year before (one decimal), null without a year before or from zero. */
        public @Nullable BigDecimal changePercent() {
            if (previousTotal == null || previousTotal.signum() == 0) return null;
            return total().subtract(previousTotal).multiply(BigDecimal.valueOf(100))
                    .divide(previousTotal, 1, RoundingMode.HALF_UP);
        }
    }

    /** A year's figures as the form sends them (yuan, two decimals at most). */
    public record IncomeCmd(
            @NotNull(message = "{villagearchive.income.error.year}") @Min(value = 2000, message = "{villagearchive.income.error.year}")
            @Max(value = 2100, message = "{villagearchive.income.error.year}") Integer year,
            @NotNull(message = "{villagearchive.income.error.amount}") @DecimalMin(value = "0", message = "{villagearchive.income.error.amount}")
            @Digits(integer = 12, fraction = 2, message = "{villagearchive.income.error.amount}") BigDecimal operating,
            @NotNull(message = "{villagearchive.income.error.amount}") @DecimalMin(value = "0", message = "{villagearchive.income.error.amount}")
            @Digits(integer = 12, fraction = 2, message = "{villagearchive.income.error.amount}") BigDecimal assetRent,
            @NotNull(message = "{villagearchive.income.error.amount}") @DecimalMin(value = "0", message = "{villagearchive.income.error.amount}")
            @Digits(integer = 12, fraction = 2, message = "{villagearchive.income.error.amount}") BigDecimal dividends,
            @NotNull(message = "{villagearchive.income.error.amount}") @DecimalMin(value = "0", message = "{villagearchive.income.error.amount}")
            @Digits(integer = 12, fraction = 2, message = "{villagearchive.income.error.amount}") BigDecimal other,
            @Size(max = 500, message = "{villagearchive.income.error.note}") @Nullable String note,
            int version) {}

    /** Another user changed the year since the form was opened. */
    public static class ConcurrentEdit extends RuntimeException {
        public ConcurrentEdit() {
            super("collective income changed meanwhile");
        }
    }

    private final JdbcClient jdbc;
    private final AuditApi audit;

    CollectiveIncomes(JdbcClient jdbc, AuditApi audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** The village's years, newest first, each with the year before (the village inside the scope, else none). */
    public List<Year> ofVillage(String villageCode, AreaScope scope) {
        ArchiveScopes s = ArchiveScopes.of(scope);
        List<Year> asc = jdbc.sql("""
                select * from collective_income where village_code = :v and village_code between :lo and :hi order by year""")
                .param("v", villageCode).param("lo", s.lo()).param("hi", s.hi())
                .query((rs, i) -> new Year(rs.getInt("year"), rs.getBigDecimal("operating"), rs.getBigDecimal("asset_rent"),
                        rs.getBigDecimal("dividends"), rs.getBigDecimal("other"), rs.getString("note"),
                        rs.getString("updated_by_name"), rs.getInt("version"), null)).list();
        List<Year> out = new ArrayList<>();
        Map<Integer, BigDecimal> totals = new HashMap<>();
        asc.forEach(y -> totals.put(y.year(), y.total()));
        for (Year y : asc) {
            out.add(0, new Year(y.year(), y.operating(), y.assetRent(), y.dividends(), y.other(), y.note(),
                    y.updatedByName(), y.version(), totals.get(y.year() - 1)));
        }
        return out;
    }

    public Optional<Year> year(String villageCode, int year, AreaScope scope) {
        return ofVillage(villageCode, scope).stream().filter(y -> y.year() == year).findFirst();
    }

    /** The year's total of each of these villages inside the scope (one query; villages without a record are absent). */
    public Map<String, BigDecimal> totals(Collection<String> villageCodes, int year, AreaScope scope) {
        Map<String, BigDecimal> out = new HashMap<>();
        if (villageCodes.isEmpty()) return out;
        ArchiveScopes s = ArchiveScopes.of(scope);
        jdbc.sql("""
                select village_code, operating + asset_rent + dividends + other from collective_income
                 where village_code between :lo and :hi and village_code in (:codes) and year = :y""")
                .param("lo", s.lo()).param("hi", s.hi()).param("codes", villageCodes).param("y", year)
                .query((rs, i) -> out.put(rs.getString(1), rs.getBigDecimal(2))).list();
        return out;
    }

    /**
     * Records (or corrects) a year of a village the caller has checked is in {@code me}'s scope; {@code version} -1
     * for a year not recorded yet. Audited with what changed; {@link ConcurrentEdit} when someone else was first.
     */
    @Transactional
    public void save(String villageCode, IncomeCmd cmd, CurrentUser me) {
        me.requireInScope(villageCode);
        String note = cmd.note() == null ? "" : cmd.note().strip();
        Optional<Year> old = year(villageCode, cmd.year(), me.scope());
        if (old.isEmpty() != (cmd.version() == -1)) throw new ConcurrentEdit();
        int n;
        if (old.isEmpty()) {
            n = jdbc.sql("""
                    insert into collective_income (village_code, year, operating, asset_rent, dividends, other, note,
                           updated_by, updated_by_name)
                    values (:v, :y, :o, :r, :d, :x, :n, :by, :name) on conflict do nothing""")
                    .param("v", villageCode).param("y", cmd.year()).param("o", cmd.operating())
                    .param("r", cmd.assetRent()).param("d", cmd.dividends()).param("x", cmd.other()).param("n", note)
                    .param("by", me.accountId()).param("name", me.displayName()).update();
        } else {
            n = jdbc.sql("""
                    update collective_income set operating = :o, asset_rent = :r, dividends = :d, other = :x, note = :n,
                           updated_by = :by, updated_by_name = :name, updated_at = now(), version = version + 1
                     where village_code = :v and year = :y and version = :ver""")
                    .param("v", villageCode).param("y", cmd.year()).param("o", cmd.operating())
                    .param("r", cmd.assetRent()).param("d", cmd.dividends()).param("x", cmd.other()).param("n", note)
                    .param("by", me.accountId()).param("name", me.displayName()).param("ver", cmd.version()).update();
        }
        if (n == 0) throw new ConcurrentEdit();
        List<AuditApi.Change> changes = new ArrayList<>();
        change(changes, "operating", old.map(Year::operating).orElse(null), cmd.operating());
        change(changes, "asset_rent", old.map(Year::assetRent).orElse(null), cmd.assetRent());
        change(changes, "dividends", old.map(Year::dividends).orElse(null), cmd.dividends());
        change(changes, "other", old.map(Year::other).orElse(null), cmd.other());
        audit.record(AuditAction.VILLAGE_INCOME_UPDATE, null, null, villageCode, changes, "year " + cmd.year());
    }

    private static void change(List<AuditApi.Change> out, String field, @Nullable BigDecimal old, BigDecimal now) {
        if (old == null || old.compareTo(now) != 0) {
            out.add(new AuditApi.Change(field, old == null ? null : old.toPlainString(),
                    now.setScale(2, RoundingMode.HALF_UP).toPlainString()));
        }
    }

    /** Refuses a year outside the range the table keeps (the form's own check, for callers without validation). */
    static void requireYear(int year) {
        if (year < 2000 || year > 2100) throw new RefusedInputException("year", "villagearchive.income.error.year");
    }
}
