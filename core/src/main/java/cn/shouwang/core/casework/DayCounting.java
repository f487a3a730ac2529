package cn.shouwang.core.casework;

/** How a deadline counts days: every calendar day, or working days only (some provinces: 20 working days). */
public enum DayCounting { CALENDAR, WORKING_DAYS }
