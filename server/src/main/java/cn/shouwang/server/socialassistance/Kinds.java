package cn.shouwang.server.socialassistance;

/** The code lists of the module; their names are in the bundle ({@code socialassistance.layer.X} …). */
public final class Kinds {
    private Kinds() {}

    /**
     * 低收入人口类别. {@link #MONITORED} (防止返贫致贫对象) is never stored here: it is casework's monitored status,
     * asked when shown.
     */
    public enum Layer {
        MINIMUM_LIVING, EXTREME_POVERTY, MARGINAL, RIGID_EXPENDITURE, MONITORED, OTHER;

        public boolean stored() { return this != MONITORED; }
    }

    /** Where a layer was learnt: the civil-affairs list, the county's own decision, the monitoring system. */
    public enum LayerSource { CIVIL_AFFAIRS, COUNTY_DECISION, MONITORING }

    /** 救助待遇. */
    public enum GrantKind {
        MINIMUM_LIVING, EXTREME_POVERTY_SUPPORT, TEMPORARY_RELIEF, DISABILITY_ALLOWANCES, ORPHAN_ALLOWANCE, OTHER
    }

    /** How a grant is paid: monthly, at the end of each quarter (the quarter's months together), once. */
    public enum Frequency { MONTHLY, QUARTERLY, ONE_OFF }
}
