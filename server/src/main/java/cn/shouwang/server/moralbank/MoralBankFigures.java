package cn.shouwang.server.moralbank;

import cn.shouwang.server.platform.VillageFigures;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The moral bank's lines on the village page (一村一档): accounts, points given this year, goods redeemed. */
@Component
class MoralBankFigures implements VillageFigures {
    private final JdbcClient jdbc;

    MoralBankFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Figure> villageFigures(String villageCode, int year) {
        long accounts = jdbc.sql("select count(*) from moral_account where village_code = :v")
                .param("v", villageCode).query(Long.class).single();
        if (accounts == 0) return List.of();
        record Y(long earned, long redemptions) {}
        Y y = jdbc.sql("""
                select coalesce(sum(points) filter (where kind = 'ITEM'), 0),
                       count(*) filter (where kind = 'REDEMPTION')
                  from moral_entry where village_code = :v and extract(year from entry_date) = :y""")
                .param("v", villageCode).param("y", year)
                .query((rs, i) -> new Y(rs.getLong(1), rs.getLong(2))).single();
        String list = "/moral-bank?area=" + villageCode;
        return List.of(
                new Figure("nav.moralBank", "moralbank.figure.accounts", String.valueOf(accounts), list),
                new Figure("nav.moralBank", "moralbank.figure.points", String.valueOf(y.earned()), list),
                new Figure("nav.moralBank", "moralbank.figure.redemptions", String.valueOf(y.redemptions()),
                        "/moral-bank/ranking?village=" + villageCode));
    }
}
