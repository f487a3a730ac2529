package cn.shouwang.screening.output;

import java.io.Serializable;
import java.util.Comparator;

/** One line of rejects.csv: a row (or a registry inconsistency) that was left out, and why. */
public record Reject(String source, int line, String reason) implements Serializable {
    public static final String HEADER = "source,line,reason";

    /** By source (file base name), then line, then reason. */
    public static final Comparator<Reject> ORDER = Comparator.comparing(Reject::source)
            .thenComparingInt(Reject::line).thenComparing(Reject::reason);

    public String toCsvLine() {
        StringBuilder sb = new StringBuilder(64);
        Csv.appendField(sb, source);
        sb.append(',').append(line).append(',');
        Csv.appendField(sb, reason);
        return sb.toString();
    }
}
