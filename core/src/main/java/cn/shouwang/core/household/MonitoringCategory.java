package cn.shouwang.core.household;

/** The three kinds of monitored household (policy.md §1); the server lets an administrator extend the list. */
public enum MonitoringCategory { UNSTABLE_FORMERLY_POOR, MARGINAL_AT_RISK, SUDDEN_HARDSHIP }
