package cn.shouwang.screening.output;

import cn.shouwang.screening.feed.PackedId;
import cn.shouwang.screening.rules.Rule;
import java.io.Serializable;
import java.util.Comparator;

/**
 * One line of warnings.csv. {@code personId} is a packed id number ({@link PackedId}) or {@link #NO_PERSON} for
 * household warnings; {@code line} is 0 when no row caused it (NOT_INSURED).
 */
public record Warning(String period, String householdId, long personId, Rule rule, int line, String detail)
        implements Serializable {
    public static final long NO_PERSON = -1;

    public static final String HEADER = "period,household_id,id_number,rule,risk_type,source,line,detail";

    /**
     * feeds.md order: household_id, then rule code, then id_number, in plain character order (an empty id number
     * first). Packed ids sort like their texts.
     */
    public static final Comparator<Warning> ORDER = Comparator.comparing(Warning::householdId)
            .thenComparing(w -> w.rule().name())
            .thenComparingLong(Warning::personId);

    public String idNumber() { return personId == NO_PERSON ? "" : PackedId.text(personId); }

    /** The CSV line without its line break. */
    public String toCsvLine() {
        StringBuilder sb = new StringBuilder(128);
        appendCsv(sb);
        return sb.toString();
    }

    public void appendCsv(StringBuilder sb) {
        sb.append(period).append(',');
        Csv.appendField(sb, householdId);
        sb.append(',').append(idNumber()).append(',').append(rule.name()).append(',');
        if (rule.riskType() != null) sb.append(rule.riskType().name());
        sb.append(',').append(rule.source().fileName()).append(',');
        if (line > 0) sb.append(line);
        sb.append(',');
        Csv.appendField(sb, detail == null ? "" : detail);
    }
}
