package cn.shouwang.server.socialassistance;

import cn.shouwang.core.person.IdNumber;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.household.Views;
import cn.shouwang.server.personaldata.PersonalDataApi;
import cn.shouwang.server.socialassistance.Kinds.Frequency;
import cn.shouwang.server.socialassistance.Kinds.GrantKind;
import cn.shouwang.server.socialassistance.Kinds.Layer;
import cn.shouwang.server.socialassistance.Kinds.LayerSource;
import cn.shouwang.server.socialassistance.civillist.CivilListImport;
import cn.shouwang.server.socialassistance.payments.AssistancePaymentStore;
import cn.shouwang.server.socialassistance.payments.AssistancePayments;
import cn.shouwang.server.socialassistance.registry.AssistanceGrantStore;
import cn.shouwang.server.socialassistance.registry.LowIncomeLayerStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Demo profile only, once (while the module's tables are empty): layers and grants over real demo households of the
 * demo township 孤家子镇 (团山子村 first) — 低保, 特困, 低保边缘, 刚性支出困难 with a one-off temporary relief, disability
 * allowances, one orphan allowance of 1,250 yuan a month paid quarterly (article 003) — the payment lists of the current
 * quarter's months (the earlier ones paid and credited to the households' income, the current one due), and a small
 * civil-affairs list (GB18030 CSV with a title line, generated and imported as a county would) that differs from the
 * registry and the monitoring, so the reconciliation has something to show.
 */
@Component
@Profile("demo")
@Order(32)
class DemoSocialAssistance implements ApplicationRunner {
    static final String TOWNSHIP = "220322103000";
    static final String VILLAGE = "220322103205";

    private final JdbcClient jdbc;
    private final HouseholdApi households;
    private final LowIncomeLayerStore layers;
    private final AssistanceGrantStore grants;
    private final AssistancePayments payments;
    private final AssistancePaymentStore paymentStore;
    private final CivilListImport civil;
    private final MonitoredLayer monitoring;
    private final PersonalDataApi personalData;
    private final MessageSource messages;
    private final TransactionTemplate tx;
    private final Clock clock;

    DemoSocialAssistance(JdbcClient jdbc, HouseholdApi households, LowIncomeLayerStore layers, AssistanceGrantStore grants, AssistancePayments payments,
                         AssistancePaymentStore paymentStore, CivilListImport civil, MonitoredLayer monitoring,
                         PersonalDataApi personalData, MessageSource messages, TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.households = households;
        this.layers = layers;
        this.grants = grants;
        this.payments = payments;
        this.paymentStore = paymentStore;
        this.civil = civil;
        this.monitoring = monitoring;
        this.personalData = personalData;
        this.messages = messages;
        this.tx = tx;
        this.clock = clock;
    }

    private record Plan(Layer layer, GrantKind kind, String amount, Frequency frequency, int monthsAgo, boolean member) {}

    private static final List<Plan> PLANS = List.of(
            new Plan(Layer.MINIMUM_LIVING, GrantKind.MINIMUM_LIVING, "420.00", Frequency.MONTHLY, 30, false),
            new Plan(Layer.MINIMUM_LIVING, GrantKind.MINIMUM_LIVING, "385.00", Frequency.MONTHLY, 18, false),
            new Plan(Layer.MINIMUM_LIVING, GrantKind.MINIMUM_LIVING, "510.00", Frequency.MONTHLY, 9, false),
            new Plan(Layer.OTHER, GrantKind.ORPHAN_ALLOWANCE, "1250.00", Frequency.QUARTERLY, 14, true),
            new Plan(Layer.EXTREME_POVERTY, GrantKind.EXTREME_POVERTY_SUPPORT, "780.00", Frequency.MONTHLY, 26, false),
            new Plan(Layer.MINIMUM_LIVING, GrantKind.DISABILITY_ALLOWANCES, "100.00", Frequency.MONTHLY, 20, true),
            new Plan(Layer.RIGID_EXPENDITURE, GrantKind.TEMPORARY_RELIEF, "3000.00", Frequency.ONE_OFF, 2, false),
            new Plan(Layer.MARGINAL, null, null, null, 11, false),
            new Plan(Layer.MARGINAL, null, null, null, 5, false),
            new Plan(Layer.MINIMUM_LIVING, GrantKind.MINIMUM_LIVING, "450.00", Frequency.MONTHLY, 40, false));

    @Override
    public void run(ApplicationArguments args) {
        if (jdbc.sql("select exists (select 1 from low_income_layer) or exists (select 1 from assistance_grant)")
                .query(Boolean.class).single()) {
            return;
        }
        AreaScope township = new AreaScope(TOWNSHIP);
        Map<Long, String> monitored = monitoring.monitored(township);
        List<Long> chosen = households.withActiveHead(township, VILLAGE, 80).stream()
                .filter(id -> !monitored.containsKey(id)).limit(PLANS.size()).toList();
        if (chosen.size() < PLANS.size()) return; // no demo registry here
        LocalDate today = LocalDate.now(clock);
        Map<Long, String> heads = headIdNumbers(township);
        tx.executeWithoutResult(s -> {
            for (int i = 0; i < PLANS.size(); i++) seed(i, PLANS.get(i), chosen.get(i), today);
        });
        // the current quarter's payment lists: the months before this one paid on their 10th, this one due
        YearMonth now = YearMonth.from(today);
        YearMonth first = now.minusMonths((now.getMonthValue() - 1) % 3);
        for (YearMonth m = first; !m.isAfter(now); m = m.plusMonths(1)) {
            YearMonth month = m;
            tx.executeWithoutResult(s -> payments.generate(month, township));
            if (m.isBefore(now)) {
                List<Long> ids = paymentStore.ofPeriod(township, m).stream().map(AssistancePaymentStore.PaymentRow::id).toList();
                tx.executeWithoutResult(s -> payments.markPaid(ids, month.atDay(10), township, null, Locale.SIMPLIFIED_CHINESE));
            }
        }
        civilList(chosen, heads, monitored, today);
    }

    private void seed(int i, Plan p, long householdId, LocalDate today) {
        Views.Household h = households.findHousehold(householdId, new AreaScope(TOWNSHIP)).orElseThrow();
        Views.Member head = h.head();
        Views.Member member = head;
        if (p.member()) {
            member = h.members().stream().filter(m -> "ACTIVE".equals(m.status()) && !"HEAD".equals(m.relation()))
                    .findFirst().orElse(head);
        }
        LocalDate start = today.minusMonths(p.monthsAgo()).withDayOfMonth(1);
        layers.insert(h.id(), p.member() && member != null ? member.id() : null, h.villageCode(), p.layer(),
                i % 3 == 2 ? LayerSource.COUNTY_DECISION : LayerSource.CIVIL_AFFAIRS, start, null, "", null, null);
        if (p.kind() == null) return;
        String account = "6217" + String.format("%015d", 220322103L * 1000 + i * 7919L);
        grants.insert(h.id(), member == null ? null : member.id(), member == null ? h.householdNo() : member.name(),
                h.villageCode(), p.kind(), new BigDecimal(p.amount()), p.frequency(),
                p.frequency() == Frequency.ONE_OFF ? today.withDayOfMonth(1) : start, null,
                personalData.seal(account), null, "", null);
    }

    /** The heads' id numbers of the township's households (in memory only, for the demo's civil-affairs file). */
    private Map<Long, String> headIdNumbers(AreaScope township) {
        Map<Long, String> out = new HashMap<>();
        tx.executeWithoutResult(s -> households.streamForScreening(township, new HouseholdApi.ScreeningRows() {
            @Override public void household(long id, String no, String village, String headIdNumber, boolean poor) {
                if (headIdNumber != null) out.put(id, headIdNumber);
            }

            @Override public void member(long h, String id, String relation, String labour, String status) {}

            @Override public void income(long h, int year, BigDecimal w, BigDecimal b, BigDecimal p, BigDecimal t,
                                         BigDecimal c, BigDecimal e) {}
        }));
        return out;
    }

    /**
     * The civil-affairs file: most of the demo's 低保/特困 households, two monitored households as 防止返贫致贫对象 (the
     * others are missing: the reconciliation lists them), two people the registry does not know.
     */
    private void civilList(List<Long> chosen, Map<Long, String> heads, Map<Long, String> monitored, LocalDate today) {
        Locale zh = Locale.SIMPLIFIED_CHINESE;
        Map<Long, HouseholdApi.Ref> refs = households.refs(chosen, new AreaScope(TOWNSHIP));
        List<String> lines = new ArrayList<>();
        lines.add(messages.getMessage("socialassistance.demo.civilTitle", null, zh));
        lines.add(String.join(",", first(zh, "idNumber"), first(zh, "name"), first(zh, "layer"), first(zh, "kind"),
                first(zh, "amount"), first(zh, "start")));
        for (int i = 0; i < 6; i++) {
            Plan p = PLANS.get(i);
            String id = heads.get(chosen.get(i));
            if (id == null || p.layer() == Layer.OTHER) continue;
            lines.add(String.join(",", id, refs.get(chosen.get(i)).headName(), layerName(zh, p.layer()),
                    p.kind() == null ? "" : messages.getMessage("socialassistance.kind." + p.kind(), null, zh),
                    p.amount() == null ? "" : p.amount(), today.minusMonths(p.monthsAgo()).withDayOfMonth(1).toString()));
        }
        List<Long> mon = monitored.keySet().stream().sorted().limit(2).toList();
        Map<Long, HouseholdApi.Ref> monRefs = households.refs(mon, new AreaScope(TOWNSHIP));
        for (long h : mon) {
            if (heads.get(h) == null || monRefs.get(h) == null) continue;
            lines.add(String.join(",", heads.get(h), monRefs.get(h).headName(), layerName(zh, Layer.MONITORED), "", "",
                    monitored.get(h) + "-01"));
        }
        String[] strangers = {"22032219580312004", "22032219631107002"};
        String[] names = messages.getMessage("socialassistance.demo.strangers", null, zh).split(",");
        for (int i = 0; i < strangers.length; i++) {
            String id = strangers[i] + IdNumber.checkCharacter(strangers[i]);
            lines.add(String.join(",", id, names[i], layerName(zh, Layer.MARGINAL), "", "", today.minusMonths(4).withDayOfMonth(1).toString()));
        }
        try {
            Path file = Files.createTempFile("demo-civil-list", ".csv");
            try {
                Files.write(file, lines, Charset.forName("GB18030"));
                civil.importFile(file, messages.getMessage("socialassistance.demo.civilFile", null, zh) + ".csv",
                        new AreaScope("220322000000"), null, zh);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String first(Locale zh, String column) {
        return messages.getMessage("socialassistance.civil.header." + column, null, zh).split(",")[0];
    }

    private String layerName(Locale zh, Layer l) {
        return messages.getMessage("socialassistance.civil.alias.layer." + l, null, zh).split(",")[0];
    }
}
