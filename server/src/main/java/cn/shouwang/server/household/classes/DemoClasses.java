package cn.shouwang.server.household.classes;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Demo profile only: about two thirds of the generated formerly-poor households classified by a demo colleague on
 * days spread over the last 20 months, so the worklist has unclassified households and households due for their yearly
 * review, and the figures have every class. Once (nothing is added when any classification exists).
 */
@Component
@Profile("demo")
@Order(15)
class DemoClasses implements ApplicationRunner {
    private final JdbcClient jdbc;
    private final Clock clock;

    DemoClasses(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (jdbc.sql("select exists (select 1 from household_class)").query(Boolean.class).single()) return;
        LocalDate today = LocalDate.now(clock);
        // a household's id decides its fate, so a demo looks the same at every start: a third unclassified, the
        // others in four classes, classified 1 to 600 days ago (those before a year ago are due for review)
        jdbc.sql("""
                insert into household_class (household_id, class_code, classified_on, review_due, reason, by_account,
                                             by_name, recorded_at)
                select id, (array['STABLE', 'STABLE', 'CONTINUED_SUPPORT', 'KEY_SUPPORT', 'SAFETY_NET'])[1 + (id * 7) % 5],
                       d, cast(d + interval '1 year' as date),
                       (array['家庭收入稳定,无返贫风险', '务工收入稳定', '收入来源单一,需继续产业帮扶',
                              '主要劳动力患慢性病,需重点帮扶', '无劳动能力,享受低保兜底'])[1 + (id * 7) % 5],
                       'demo-monitor', '村监测员(演示同事)', :at
                  from (select id, cast(:today as date) - (1 + (id * 37) % 600)::int as d from household
                         where formerly_poor and id % 3 <> 0) h""")
                .param("today", today).param("at", OffsetDateTime.now(clock)).update();
    }
}
