package cn.shouwang.server.villagearchive;

import cn.shouwang.server.platform.VillageFigures;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * A module beside the core as the village page sees it, in the test sources only: it answers for one village the test
 * names (two lines under one heading), and fails for another, to prove the page gathers what every implementation
 * gives and survives one that throws.
 */
@Component
class TestVillageFigures implements VillageFigures {
    static final AtomicReference<String> ANSWERS_FOR = new AtomicReference<>("");
    static final AtomicReference<String> FAILS_FOR = new AtomicReference<>("");

    @Override
    public List<Figure> villageFigures(String villageCode, int year) {
        if (villageCode.equals(FAILS_FOR.get())) throw new IllegalStateException("test module down");
        if (!villageCode.equals(ANSWERS_FOR.get())) return List.of();
        return List.of(new Figure("nav.projects", "nav.projects", "7 / " + year, "/projects?village=" + villageCode),
                new Figure("nav.projects", "nav.credit", "123.45", null));
    }
}
