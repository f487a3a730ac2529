/**
 * Casework (policy.md §4-7): from a lead to a monitored household, its plan and the end of its risk. One module, split
 * by feature; the sub-packages belong to it (ModuleBoundaryTest) and use each other freely:
 * <ul>
 *   <li>here, the root: {@link cn.shouwang.server.casework.CaseworkApi} (what other modules use),
 *       {@code CaseworkService} (every command), {@code HouseholdCases}, {@code WorkbenchQueries}, {@code DemoCasework};</li>
 *   <li>{@code identification}: leads, their steps, the notice, the public self-report page;</li>
 *   <li>{@code monitoring}: monitored households, officer, reclassification, home checks, the household's page;</li>
 *   <li>{@code assistance}: plan measures; {@code elimination}: the elimination list and proposal;
 *       {@code quality}: the data-quality list;</li>
 *   <li>{@code admin}: code lists, income lines, settings, office phones;</li>
 *   <li>{@code wording}: 名称与表述, the words of the deployment (answers {@code platform.WordingApi});</li>
 *   <li>{@code shared}: forms, scopes, settings store, code lists, Excel export, read-only roles.</li>
 * </ul>
 * See docs/casework.md, <em>The server</em>.
 */
package cn.shouwang.server.casework;
