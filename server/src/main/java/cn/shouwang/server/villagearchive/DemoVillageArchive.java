package cn.shouwang.server.villagearchive;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.area.AreaInfo;
import cn.shouwang.server.villagearchive.checklist.Checklist;
import cn.shouwang.server.villagearchive.documents.Documents;
import cn.shouwang.server.villagearchive.income.CollectiveIncomes;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import javax.imageio.ImageIO;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Demo profile only, when the archive is empty: the demo village 团山子村 gets two small documents made here (its
 * village rules as a text file, a PNG "photo"), its checklist partly checked and three years of collective income; the
 * other villages of the demo township a year of income each, so the list has figures to compare. Written through the
 * module's own stores (audited as the demo village monitor's colleague would be).
 */
@Component
@Profile("demo")
@Order(38)
class DemoVillageArchive implements ApplicationRunner {
    static final String TOWNSHIP = "220322103000";
    static final String VILLAGE = "220322103205";

    private final JdbcClient jdbc;
    private final AreaApi areas;
    private final Documents documents;
    private final Checklist checklist;
    private final CollectiveIncomes incomes;
    private final MessageSource messages;
    private final Clock clock;

    DemoVillageArchive(JdbcClient jdbc, AreaApi areas, Documents documents, Checklist checklist,
                       CollectiveIncomes incomes, MessageSource messages, Clock clock) {
        this.jdbc = jdbc;
        this.areas = areas;
        this.documents = documents;
        this.checklist = checklist;
        this.incomes = incomes;
        this.messages = messages;
        this.clock = clock;
    }

    private String msg(String key) {
        return messages.getMessage(key, null, java.util.Locale.SIMPLIFIED_CHINESE);
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (areas.find(VILLAGE).isEmpty()) return; // no division list (yet): nothing to attach the demo to
        boolean empty = jdbc.sql("""
                select not exists (select 1 from village_document) and not exists (select 1 from collective_income)
                   and not exists (select 1 from checklist_status)""").query(Boolean.class).single();
        if (!empty) return;
        LocalDate today = LocalDate.now(clock);
        int year = today.getYear();
        CurrentUser by = new CurrentUser(0L, "demo", msg("villagearchive.demo.by"), Role.VILLAGE_MONITOR,
                new AreaScope(VILLAGE));

        byte[] rules = msg("villagearchive.demo.rulesText").replace("\\n", "\n").getBytes(StandardCharsets.UTF_8);
        long rulesId = documents.upload(VILLAGE, new Documents.NewDocument("RULES", msg("villagearchive.demo.rulesTitle"),
                LocalDate.of(year - 1, 3, 15), "village-rules.txt", rules.length), () -> new ByteArrayInputStream(rules), by);
        byte[] photo = png();
        long photoId = documents.upload(VILLAGE, new Documents.NewDocument("PHOTO", msg("villagearchive.demo.photoTitle"),
                today.minusDays(20), "culture-yard.png", photo.length), () -> new ByteArrayInputStream(photo), by);

        checklist.check(VILLAGE, new Checklist.CheckCmd("VILLAGE_PLAN", "MET", msg("villagearchive.demo.note.plan"),
                null, today.minusDays(30), -1), by, today);
        checklist.check(VILLAGE, new Checklist.CheckCmd("MORAL_BANK", "MET", msg("villagearchive.demo.note.moralBank"),
                rulesId, today.minusDays(30), -1), by, today);
        checklist.check(VILLAGE, new Checklist.CheckCmd("CULTURE_YARD", "MET", msg("villagearchive.demo.note.yard"),
                photoId, today.minusDays(20), -1), by, today);
        checklist.check(VILLAGE, new Checklist.CheckCmd("CLEAN_HOMES", "NOT_MET", msg("villagearchive.demo.note.clean"),
                null, today.minusDays(20), -1), by, today);

        incomes.save(VILLAGE, income(year - 2, "86000.00", "42000.00", "18500.00", "3200.00"), by);
        incomes.save(VILLAGE, income(year - 1, "95500.00", "42000.00", "26800.00", "1500.00"), by);
        incomes.save(VILLAGE, income(year, "61200.00", "44000.00", "12600.00", "0.00"), by);

        // a year of income for the township's other villages (deterministic from the code)
        List<AreaInfo> others = areas.children(TOWNSHIP);
        for (AreaInfo v : others) {
            if (v.code().equals(VILLAGE)) continue;
            int seed = Integer.parseInt(v.code().substring(9));
            CurrentUser township = new CurrentUser(0L, "demo", msg("villagearchive.demo.by"), Role.TOWNSHIP_STAFF,
                    new AreaScope(TOWNSHIP));
            incomes.save(v.code(), income(year - 1, 40000 + seed * 137 % 50000 + ".00", 20000 + seed * 53 % 20000 + ".00",
                    seed * 31 % 15000 + ".00", "0.00"), township);
        }
    }

    private static CollectiveIncomes.IncomeCmd income(int year, String operating, String rent, String dividends,
                                                      String other) {
        return new CollectiveIncomes.IncomeCmd(year, new BigDecimal(operating), new BigDecimal(rent),
                new BigDecimal(dividends), new BigDecimal(other), null, -1);
    }

    /** A small picture (a yard, a house, a flag): a real PNG, written by the JDK. */
    private static byte[] png() {
        BufferedImage img = new BufferedImage(240, 160, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(new Color(0xCFE8F5));
            g.fillRect(0, 0, 240, 160);
            g.setColor(new Color(0x7CB342));
            g.fillRect(0, 110, 240, 50);
            g.setColor(new Color(0xB0543A));
            g.fillRect(70, 60, 100, 60);
            g.setColor(new Color(0x5D4037));
            g.fillPolygon(new int[] {60, 120, 180}, new int[] {60, 25, 60}, 3);
            g.setColor(Color.RED);
            g.fillRect(190, 30, 30, 18);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
