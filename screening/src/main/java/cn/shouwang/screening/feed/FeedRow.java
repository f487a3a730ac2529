package cn.shouwang.screening.feed;

import java.io.Serializable;

/**
 * One accepted department row, typed. The same small shape serves every kind so that rows can be kept in
 * arrays and shipped to Spark cheaply; what each field holds depends on {@link #kind}:
 *
 * <table>
 * <tr><th>kind</th><th>date</th><th>amount</th><th>amount2</th><th>code</th></tr>
 * <tr><td>MEDICAL_CLAIMS</td><td>settled_on</td><td>out_of_pocket</td><td>total_cost (or -1)</td><td></td></tr>
 * <tr><td>MAJOR_DIAGNOSES</td><td>diagnosed_on</td><td></td><td></td><td></td></tr>
 * <tr><td>INSURANCE_ENROLLMENT</td><td>year (a number, not a day)</td><td></td><td></td><td></td></tr>
 * <tr><td>HOUSING_APPRAISALS</td><td>appraised_on</td><td></td><td></td><td>grade A-D</td></tr>
 * <tr><td>SCHOOL_ENROLLMENT</td><td>reported_on</td><td></td><td></td><td>status</td></tr>
 * <tr><td>SCHOOL_COSTS</td><td>school_year (or -1)</td><td>out_of_pocket</td><td></td><td>stage</td></tr>
 * <tr><td>DISABILITY_CERTIFICATES</td><td>issued_on</td><td></td><td></td><td>grade "1"-"4"</td></tr>
 * <tr><td>CIVIL_REGISTRY_EVENTS</td><td>event_on</td><td></td><td></td><td>event</td></tr>
 * <tr><td>ACCIDENTS</td><td>occurred_on</td><td></td><td></td><td></td></tr>
 * <tr><td>DISASTER_LOSSES</td><td>occurred_on</td><td>loss</td><td></td><td></td></tr>
 * <tr><td>EMPLOYMENT_STATUS</td><td>month (year*12+month-1)</td><td>wage (or -1)</td><td></td><td>status</td></tr>
 * <tr><td>WATER_SUPPLY</td><td>checked_on</td><td></td><td></td><td>status</td></tr>
 * <tr><td>ENTERPRISE_PAYMENTS</td><td>month (year*12+month-1)</td><td>due</td><td>paid</td><td></td></tr>
 * <tr><td>SOCIAL_ASSISTANCE</td><td>started_on</td><td>amount (or -1)</td><td></td><td>kind</td></tr>
 * <tr><td>VEHICLE_REGISTRATIONS</td><td>registered_on</td><td>value</td><td>1 ended, 0 holds</td><td>vehicle_type</td></tr>
 * <tr><td>PROPERTY_REGISTRATIONS</td><td>registered_on</td><td>value</td><td>1 ended, 0 holds</td><td>property_type</td></tr>
 * <tr><td>MARKET_ENTITIES</td><td>registered_on</td><td>registered_capital</td><td>1 ended, 0 holds</td><td>entity_type</td></tr>
 * </table>
 * Days are epoch days, amounts exact fen. {@code key} is the packed id number ({@link PackedId}), or for
 * WATER_SUPPLY the 12-digit village code. {@code line} is the row's line in its file (header = 1).
 */
public record FeedRow(FeedKind kind, int line, long key, int date, long amount, long amount2, String code)
        implements Serializable {
}
