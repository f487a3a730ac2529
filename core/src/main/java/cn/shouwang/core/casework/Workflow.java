package cn.shouwang.core.casework;

/**
 * The two procedures that share the steps of policy.md §5: identification (a lead becomes a monitored household)
 * and risk elimination (§7: the same steps, without the county data cross-check, no fast track).
 */
public enum Workflow {
    IDENTIFICATION, ELIMINATION
}
