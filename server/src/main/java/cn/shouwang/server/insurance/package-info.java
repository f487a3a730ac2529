/**
 * 防贫保 (issue 18, point 1; policy.md §9): the anti-poverty insurance and relief fund. One module, split by feature:
 * <ul>
 *   <li>{@code policy}: policies per year and area (premium, who is covered, warning lines per cost type, ratio, cap)
 *       and the fund's premium income;</li>
 *   <li>{@code claim}: claims and their workflow (OPEN → INVESTIGATED → APPROVED → PAID, or REJECTED), the payout
 *       ({@code Payout}, a pure function), the credit to the household's income, the demo data;</li>
 *   <li>{@code fund}: the fund per area and month, and the village page's lines ({@code platform.VillageFigures}).</li>
 * </ul>
 * See README.md beside this file.
 */
package cn.shouwang.server.insurance;
