/**
 * Casework (policy.md §4-7): a lead's way to a monitored household (identification) and the way back out
 * (risk elimination), the household's plan (一户一策), the elimination check and the data-quality checks.
 * Pure Java: every rule that needs a date takes a {@link java.time.Clock} or an explicit date.
 */
@NullMarked
package cn.shouwang.core.casework;

import org.jspecify.annotations.NullMarked;
