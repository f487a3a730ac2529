package cn.shouwang.server.insurance.fund;

import cn.shouwang.server.platform.VillageFigures;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The village page's lines of 防贫保: claims of the year in the village, those paid, and what was paid. */
@Component
class InsuranceVillageFigures implements VillageFigures {
    private final JdbcClient jdbc;

    InsuranceVillageFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Figure> villageFigures(String villageCode, int year) {
        record Row(long claims, long paid, BigDecimal payouts) {}
        Row r = jdbc.sql("select count(*), count(*) filter (where status = 'PAID'), "
                        + "coalesce(sum(payout) filter (where status = 'PAID'), 0) from insurance_claim "
                        + "where village_code = :v and year = :y")
                .param("v", villageCode).param("y", year)
                .query((rs, i) -> new Row(rs.getLong(1), rs.getLong(2), rs.getBigDecimal(3))).single();
        if (r.claims() == 0) return List.of();
        String link = "/insurance/claims?area=" + villageCode + "&year=" + year;
        return List.of(
                new Figure("nav.insurance", "insurance.village.claims", String.valueOf(r.claims()), link),
                new Figure("nav.insurance", "insurance.village.paid", String.valueOf(r.paid()), link + "&status=PAID"),
                new Figure("nav.insurance", "insurance.village.payouts",
                        r.payouts().setScale(2, RoundingMode.HALF_UP).toPlainString(), link + "&status=PAID"));
    }
}
