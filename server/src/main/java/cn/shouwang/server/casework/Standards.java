package cn.shouwang.server.casework;

import cn.shouwang.server.casework.shared.CaseworkSettingsStore;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Service;

/** Answers {@link StandardsApi} from the casework settings (income_line_change). */
@Service
class Standards implements StandardsApi {
    private final CaseworkSettingsStore config;

    Standards(CaseworkSettingsStore config) {
        this.config = config;
    }

    @Override
    public List<IncomeLineInForce> incomeLines(String areaCode, LocalDate asOf) {
        return config.applicableLines(areaCode, asOf).entrySet().stream()
                .map(e -> new IncomeLineInForce(e.getKey(), e.getValue().line(), e.getValue().areaCode(),
                        e.getValue().effectiveFrom()))
                .sorted(Comparator.comparingInt(IncomeLineInForce::year)).toList();
    }
}
