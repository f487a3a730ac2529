package cn.shouwang.core.casework;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * 帮扶措施: one line of the plan. Cost in yuan (exact, two decimals) with its funding source. {@code changedOn}
 * is the day of the latest state change (the delivery day once delivered).
 */
public record Measure(long id, MeasureGroup group, String description, String responsiblePerson, LocalDate start,
                      LocalDate end, BigDecimal cost, String fundingSource, MeasureState state,
                      @Nullable LocalDate changedOn) {

    public Measure {
        CaseworkException.require(!Lead.isBlank(description), CaseworkProblem.REQUIRED_FIELD, "description");
        CaseworkException.require(!Lead.isBlank(responsiblePerson), CaseworkProblem.REQUIRED_FIELD, "responsiblePerson");
        CaseworkException.require(!Lead.isBlank(fundingSource), CaseworkProblem.REQUIRED_FIELD, "fundingSource");
        CaseworkException.require(!end.isBefore(start), CaseworkProblem.MEASURE_DATES, "end");
        cost = Money.check(cost, "cost");
    }

    public static Measure planned(long id, MeasureGroup group, String description, String responsiblePerson,
                                  LocalDate start, LocalDate end, BigDecimal cost, String fundingSource) {
        return new Measure(id, group, description, responsiblePerson, start, end, cost, fundingSource,
                MeasureState.PLANNED, null);
    }

    public Measure moveTo(MeasureState target, LocalDate on) {
        CaseworkException.require(state.canMoveTo(target), CaseworkProblem.MEASURE_TRANSITION, "state");
        CaseworkException.require(changedOn == null || !on.isBefore(changedOn), CaseworkProblem.DATE_BEFORE_PREVIOUS_STEP, "on");
        return new Measure(id, group, description, responsiblePerson, start, end, cost, fundingSource, target, on);
    }
}
