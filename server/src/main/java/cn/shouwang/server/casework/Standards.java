package cn.shouwang.server.casework;

import cn.shouwang.server.casework.shared.CaseworkSettingsStore;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Map;
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
    public List<SettingInForce> comparisonSettings(String areaCode) {
        Map<String, CaseworkSettingsStore.InForce> f = config.inForce(areaCode, config.global(), null, null);
        List<SettingInForce> out = new ArrayList<>();
        for (ComparisonSetting s : ComparisonSetting.values()) {
            CaseworkSettingsStore.InForce x = f.get(s.key());
            // a stored value that is no longer valid (hand-edited) falls back to the default rather than failing a run
            String v = x == null ? null : s.normalise(x.value()).orElse(null);
            out.add(v == null ? new SettingInForce(s, s.defaultValue(), null, true)
                    : new SettingInForce(s, v, x.areaCode(), false));
        }
        return out;
    }

    @Override
    public List<IncomeLineInForce> incomeLines(String areaCode, LocalDate asOf) {
        return config.applicableLines(areaCode, asOf).entrySet().stream()
                .map(e -> new IncomeLineInForce(e.getKey(), e.getValue().line(), e.getValue().areaCode(),
                        e.getValue().effectiveFrom()))
                .sorted(Comparator.comparingInt(IncomeLineInForce::year)).toList();
    }
}
