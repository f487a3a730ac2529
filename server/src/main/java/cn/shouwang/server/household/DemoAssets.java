package cn.shouwang.server.household;

/** The demo's household assets (sample data, as a user would type it: hence its Chinese descriptions). */
final class DemoAssets {
    private DemoAssets() {}

    /**
     * Assets for the demo (household V12): about one household in 12 gets a vehicle, one in 40 commercial housing, one
     * in 50 a business and one in 15 deposits, with values spread by the household's id so that some lie above the
     * default limits (a car above 50,000 yuan, any commercial housing, a business above 100,000, deposits above 50,000)
     * and the identification check has something to show. Set-based: a few statements whatever the size.
     */
    static void insert(org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        jdbc.sql("""
                insert into household_asset (household_id, kind, description, value, registered_on, recorded_at)
                select id, 'VEHICLE', '吉C' || lpad((id % 100000)::text, 5, '0'), 20000 + (id * 7919 % 100) * 1000,
                       date '2015-01-01' + (id % 3000)::int, now() from household where id % 12 = 5
                union all
                select id, 'COMMERCIAL_HOUSING', '梨树县商品房', 150000 + (id * 104729 % 50) * 8000,
                       date '2012-01-01' + (id % 4000)::int, now() from household where id % 40 = 7
                union all
                select id, 'BUSINESS', '个体工商户', 10000 + (id * 7907 % 60) * 5000,
                       date '2016-01-01' + (id % 2500)::int, now() from household where id % 50 = 11
                union all
                select id, 'DEPOSIT', '农村信用社', 2000 + (id * 6151 % 40) * 2000, null, now() from household where id % 15 = 3
                """).update();
    }

}
