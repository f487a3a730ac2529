package cn.shouwang.screening.rules;

import cn.shouwang.screening.feed.FeedKind;
import java.io.Serializable;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What is the same for every household of a run: the period, the rules in force, and which department files
 * were given (a kind whose file is absent is not compared: its rules do not run).
 */
public record EvaluationContext(Period period, RulesConfig rules, Set<FeedKind> presentKinds) implements Serializable {
    public EvaluationContext {
        presentKinds = Collections.unmodifiableSet(presentKinds.isEmpty() ? EnumSet.noneOf(FeedKind.class) : EnumSet.copyOf(presentKinds));
    }

    /** Whether a rule runs: enabled in the rules and its file present (the registry is always present). */
    public boolean runs(Rule r) {
        return rules.runs(r) && (r.source().isRegistry() || presentKinds.contains(r.source()));
    }
}
