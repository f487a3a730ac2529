package cn.shouwang.server.insurance.claim;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.household.HouseholdIncomeApi;
import cn.shouwang.server.household.Views;
import cn.shouwang.server.insurance.policy.CostType;
import cn.shouwang.server.insurance.policy.Policy;
import cn.shouwang.server.insurance.policy.PolicyCmd;
import cn.shouwang.server.insurance.policy.PolicyStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Demo profile only, when the module's tables are empty: a policy of 梨树县 for this year (the suggested figures), two
 * premium payments, and twelve claims over the demo households of 孤家子镇 (团山子村 first) in every status, four of
 * them paid (credited to the households' income through HouseholdIncomeApi). The steps were taken by demo colleagues,
 * so the demo accounts {@code township} and {@code county} may take the next ones.
 */
@Component
@Profile("demo")
@Order(31)
class DemoInsurance implements ApplicationRunner {
    static final String COUNTY = "220322000000";
    static final String TOWNSHIP = "220322103000";
    static final String VILLAGE = "220322103205";

    private final JdbcClient jdbc;
    private final ClaimStore claims;
    private final PolicyStore policies;
    private final HouseholdApi households;
    private final HouseholdIncomeApi incomes;
    private final MessageSource messages;
    private final Clock clock;

    DemoInsurance(JdbcClient jdbc, ClaimStore claims, PolicyStore policies, HouseholdApi households,
                  HouseholdIncomeApi incomes, MessageSource messages, Clock clock) {
        this.jdbc = jdbc;
        this.claims = claims;
        this.policies = policies;
        this.households = households;
        this.incomes = incomes;
        this.messages = messages;
        this.clock = clock;
    }

    private String zh(String key, Object... args) {
        return messages.getMessage(key, args, Locale.SIMPLIFIED_CHINESE);
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (jdbc.sql("select exists (select 1 from insurance_policy)").query(Boolean.class).single()) return;
        List<Long> ids = households.withActiveHead(new AreaScope(TOWNSHIP), VILLAGE, 12);
        if (ids.size() < 12) return; // no demo registry loaded: nothing to pay
        LocalDate today = LocalDate.now(clock);
        int year = today.getYear();
        PolicyCmd.Save s = PolicyCmd.suggested(COUNTY, year);
        long policyId = jdbc.sql("""
                insert into insurance_policy (area_code, year, name, premium_per_person, coverage, line_illness,
                       line_schooling, line_disaster, payout_ratio, cap_per_person, created_by, created_at)
                values (:a, :y, :n, :p, 'ALL_RURAL', :li, :ls, :ld, 0.6, :cap, 'demo-county', :at) returning id""")
                .param("a", COUNTY).param("y", year).param("n", zh("insurance.demo.policy", String.valueOf(year)))
                .param("p", s.premiumPerPerson()).param("li", s.lineIllness()).param("ls", s.lineSchooling())
                .param("ld", s.lineDisaster()).param("cap", s.capPerPerson())
                .param("at", java.sql.Timestamp.from(clock.instant())).query(Long.class).single();
        Policy policy = policies.find(policyId, new AreaScope(COUNTY)).orElseThrow();
        LocalDate jan = LocalDate.of(year, 1, 15);
        policies.addPremium(policy, new PolicyCmd.Premium(new BigDecimal("400000.00"), jan, zh("insurance.demo.paidBy"),
                8000, zh("insurance.demo.premiumNote", 1)), "demo-county", clock.instant());
        LocalDate second = today.minusDays(60).isAfter(jan) ? today.minusDays(60) : jan;
        policies.addPremium(policy, new PolicyCmd.Premium(new BigDecimal("200000.00"), second, zh("insurance.demo.paidBy"),
                4000, zh("insurance.demo.premiumNote", 2)), "demo-county", clock.instant());

        // status per claim: 3 open, 2 investigated, 2 approved, 4 paid, 1 rejected
        ClaimStatus[] states = {ClaimStatus.OPEN, ClaimStatus.OPEN, ClaimStatus.OPEN, ClaimStatus.INVESTIGATED,
                ClaimStatus.INVESTIGATED, ClaimStatus.APPROVED, ClaimStatus.APPROVED, ClaimStatus.PAID, ClaimStatus.PAID,
                ClaimStatus.PAID, ClaimStatus.PAID, ClaimStatus.REJECTED};
        CostType[] types = CostType.values();
        AreaScope township = new AreaScope(TOWNSHIP);
        for (int i = 0; i < states.length; i++) {
            Views.Household h = households.findHousehold(ids.get(i), township).orElseThrow();
            Views.Member person = h.head();
            if (person == null) continue;
            CostType type = types[i % types.length];
            BigDecimal line = policy.line(type);
            BigDecimal oop = line.add(BigDecimal.valueOf(800L + 650L * i));
            BigDecimal total = oop.multiply(new BigDecimal("2.5")).setScale(2, java.math.RoundingMode.HALF_UP);
            LocalDate opened = today.minusDays(40L - 3L * i);
            long id = claims.insert(new ClaimStore.NewClaim(policyId, h.id(), h.villageCode(), person.id(), person.name(),
                    type, year, total, total.subtract(oop), oop, zh("insurance.demo.evidence." + type.name()), null,
                    "demo-township", "乡镇工作人员(演示同事)", opened.atStartOfDay().toInstant(ZoneOffset.ofHours(8))));
            ClaimStatus st = states[i];
            BigDecimal payout = Payout.of(oop, line, policy.ratio(), policy.capPerPerson(), BigDecimal.ZERO).amount();
            int v = 0;
            if (st == ClaimStatus.REJECTED) {
                claims.reject(id, v, "demo-county", "县分析员(演示同事)", clock.instant(), zh("insurance.demo.reject"));
                continue;
            }
            if (st == ClaimStatus.OPEN) continue;
            claims.investigate(id, v++, "demo-township", "乡镇工作人员(演示同事)", opened.plusDays(2),
                    zh("insurance.demo.findings"), oop, payout);
            if (st == ClaimStatus.INVESTIGATED) continue;
            claims.approve(id, v++, "demo-county-2", "县分析员二(演示同事)", clock.instant(), payout);
            if (st == ClaimStatus.APPROVED) continue;
            LocalDate paidOn = opened.plusDays(10).isAfter(today) ? today : opened.plusDays(10);
            claims.pay(id, v, "demo-county-2", "县分析员二(演示同事)", paidOn, payout);
            incomes.credit(new HouseholdIncomeApi.IncomeCredit(h.id(), paidOn.getYear(), HouseholdIncomeApi.Item.TRANSFERS,
                    payout, Claims.SOURCE, "claim-" + id, year + "-" + id), new AreaScope(COUNTY));
        }
    }
}
